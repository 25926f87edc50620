/*
 * read_ramify.c: reader of ramify's own XML map format (urn:ramify:map:1,
 * docs/FORMAT.md).
 *
 * Parse safely (xml.c), check the root and version, validate against the
 * compiled-in RELAX NG schema (structure), then two walks over the tree:
 * the first collects topic and note ids and creates the notes, so that
 * a note may be referenced before it is defined; the second builds the
 * topics.  Value errors are reported, not fatal, so one run lists every
 * problem.  No recursion: rm_xml_next() walks the tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "xml.h"

#define NS	"urn:ramify:map:1"
#define XML_NS	"http://www.w3.org/XML/1998/namespace"
#define VERSION	"1"

/* build/schema_map.c, generated from schemas/ramify-map.rng. */
extern const char rm_schema_map[];

struct reader {
	struct rm_diag		*diag;
	struct ramify_doc	*doc;
	const struct rm_xml_locs *locs;
	struct rm_arena		 scratch;	/* strings while reading */
	GHashTable		*topic_ids;	/* id -> first xmlNode */
	GHashTable		*note_ids;	/* id -> note index + 1 */
	struct ramify_topic	**topic_of;	/* by element index */
	const char		**key_of;	/* topic id accepted, by
						 * element index */
	int			 nomem;
};

/* ---- Helpers ------------------------------------------------------------- */

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Skip the leading whitespace of `*s`; return its length without the
 * trailing whitespace. */
static size_t
trim(const char **s)
{
	size_t n;

	while (is_space((unsigned char)**s))
		(*s)++;
	for (n = strlen(*s); n > 0 && is_space((unsigned char)(*s)[n - 1]); n--)
		;
	return n;
}

/* "4:5", or "line 4" when the column is unknown. */
static const char *
pos_str(struct rm_pos pos, char *buf, size_t size)
{
	if (pos.col > 0)
		snprintf(buf, size, "%u:%u", pos.line, pos.col);
	else
		snprintf(buf, size, "line %u", pos.line);
	return buf;
}

static int
in_ns(const xmlNode *n, const char *name)
{
	return rm_xml_is(n, NS, name);
}

/* Attribute getter for the reader: 1 present, 0 absent, -1 bad (told). */
static int
attr(struct reader *r, const xmlNode *el, const char *name, const char **val)
{
	return rm_xml_attr_or_nomem(r->diag, r->locs, &r->scratch, el, name,
	    val, &r->nomem);
}

/* A required attribute that must not be empty.  NULL when it is missing
 * (the schema said so), empty (we say so) or bad. */
static const char *
nonempty_attr(struct reader *r, const xmlNode *el, const char *name)
{
	const char *v;

	if (attr(r, el, name, &v) != 1)
		return NULL;
	if (*v == '\0') {
		rm_error(r->diag, rm_xml_pos(r->locs, el),
		    "empty '%s' attribute on <%s>", name,
		    (const char *)el->name);
		return NULL;
	}
	return v;
}

/* The next element of the walk: into <map> and <topic>, around the rest
 * (paragraphs are read with their note; extensions are ignored). */
static xmlNode *
walk_next(const xmlNode *n, const xmlNode *top)
{
	return rm_xml_next(n, top, in_ns(n, "map") || in_ns(n, "topic"));
}

/* ---- First walk: ids and note definitions ------------------------------- */

static void
check_topic_id(struct reader *r, const xmlNode *el)
{
	const xmlNode *first;
	const char *id;
	char where[48];

	if (attr(r, el, "id", &id) != 1)
		return;
	if (!rm_valid_id(id)) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "invalid topic id "
		    "'%s' (ids are not empty and contain no spaces)", id);
		return;
	}
	if ((first = g_hash_table_lookup(r->topic_ids, id)) != NULL) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "duplicate topic id "
		    "'%s' (first used at %s)", id,
		    pos_str(rm_xml_pos(r->locs, first), where, sizeof where));
		return;
	}
	g_hash_table_insert(r->topic_ids, (char *)id, (void *)el);
	r->key_of[rm_xml_index(r->locs, el)] = id;
}

/* Append `s` with every run of whitespace folded to one space, as in
 * HTML: a paragraph written over several indented lines is one line. */
static void
append_folded(GString *out, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (!is_space((unsigned char)s[i])) {
			g_string_append_c(out, s[i]);
			continue;
		}
		while (i + 1 < n && is_space((unsigned char)s[i + 1]))
			i++;
		g_string_append_c(out, ' ');
	}
}

/*
 * The text of a note definition: its paragraphs, each trimmed of
 * leading and trailing whitespace with inner runs folded to one space,
 * joined by one blank line.  NULL when a paragraph is bad (told) or out
 * of memory (r->nomem).
 */
static const char *
note_text(struct reader *r, const xmlNode *el)
{
	const xmlNode *p;
	const char *s;
	GString *text = g_string_new(NULL);
	size_t n;
	int first = 1, bad = 0, rc;

	for (p = el->children; p != NULL; p = p->next) {
		if (!in_ns(p, "p"))
			continue;
		if ((rc = rm_xml_text(r->diag, r->locs, &r->scratch, p, &s)) != 0) {
			r->nomem |= rc == RAMIFY_ENOMEM;
			bad = 1;
			continue;
		}
		n = trim(&s);
		if (!first)
			g_string_append(text, "\n\n");
		append_folded(text, s, n);
		first = 0;
	}
	s = bad ? NULL : rm_strndup(&r->scratch, text->str, text->len);
	if (!bad && s == NULL)
		r->nomem = 1;
	g_string_free(text, TRUE);
	return s;
}

/* Create the note an <note id?><p>... defines; register its id. */
static void
define_note(struct reader *r, const xmlNode *el)
{
	const char *id, *text;
	size_t idx, prev;
	char where[48];
	int has_id;

	has_id = attr(r, el, "id", &id) == 1;
	if (has_id && !rm_valid_id(id)) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "invalid note id "
		    "'%s' (ids are not empty and contain no spaces)", id);
		has_id = 0;
	}
	if (has_id && (prev = GPOINTER_TO_SIZE(g_hash_table_lookup(
	    r->note_ids, id))) != 0) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "duplicate note id "
		    "'%s' (first used at %s)", id,
		    pos_str(r->doc->notes[prev - 1].pos, where, sizeof where));
		has_id = 0;
	}
	if ((text = note_text(r, el)) == NULL)
		text = "";
	/* Always create it, so that the second walk can count definitions. */
	idx = rm_note_new(r->doc, has_id ? id : NULL, text,
	    rm_xml_pos(r->locs, el));
	if (idx == (size_t)-1) {
		r->nomem = 1;
		return;
	}
	if (has_id)
		g_hash_table_insert(r->note_ids,
		    (char *)r->doc->notes[idx].key, GSIZE_TO_POINTER(idx + 1));
}

static void
first_walk(struct reader *r, const xmlNode *map)
{
	const xmlNode *n;

	for (n = map; n != NULL && !r->nomem; n = walk_next(n, map)) {
		if (in_ns(n, "topic"))
			check_topic_id(r, n);
		else if (in_ns(n, "note") && !rm_xml_has_attr(n, "ref"))
			define_note(r, n);
	}
}

/* ---- Second walk: topics ------------------------------------------------ */

static void
topic_values(struct reader *r, struct ramify_topic *t, const xmlNode *el)
{
	struct rm_pos pos = rm_xml_pos(r->locs, el);
	const char *v;
	unsigned long rgb;
	char *end;

	if (attr(r, el, "side", &v) == 1) {
		if (strcmp(v, "left") == 0)
			t->side = RM_SIDE_LEFT;
		else if (strcmp(v, "right") == 0)
			t->side = RM_SIDE_RIGHT;
		else
			rm_error(r->diag, pos, "invalid side '%s' (expected "
			    "left or right)", v);
	}
	if (attr(r, el, "folded", &v) == 1) {
		if (strcmp(v, "true") == 0)
			t->folded = 1;
		else if (strcmp(v, "false") != 0)
			rm_error(r->diag, pos, "invalid folded '%s' (expected "
			    "true or false)", v);
	}
	if (attr(r, el, "color", &v) == 1) {
		if (v[0] == '#' && strlen(v) == 7 &&
		    strspn(v + 1, "0123456789abcdefABCDEF") == 6) {
			rgb = strtoul(v + 1, &end, 16);
			t->color = (uint32_t)rgb;
			t->has_color = 1;
		} else
			rm_error(r->diag, pos, "invalid colour '%s' (expected "
			    "#rrggbb, six hexadecimal digits)", v);
	}
}

static int
add_topic(struct reader *r, const xmlNode *el, struct ramify_topic *parent)
{
	struct ramify_topic *t;
	const char *text, *key;
	char buf[48];

	if (attr(r, el, "text", &text) != 1)
		text = "";
	if ((key = r->key_of[rm_xml_index(r->locs, el)]) == NULL)
		/* Clear of ids that later topics of the file claim. */
		key = rm_doc_gen_key(r->doc, r->topic_ids, buf, sizeof buf);
	if (r->doc->ntopics >= RM_MAX_TOPICS) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "more than %zu "
		    "topics", RM_MAX_TOPICS);
		return RAMIFY_ELIMIT;
	}
	if ((t = rm_topic_new(r->doc, parent, text, key,
	    rm_xml_pos(r->locs, el))) == NULL)
		return RAMIFY_ENOMEM;
	r->topic_of[rm_xml_index(r->locs, el)] = t;
	topic_values(r, t, el);
	return RAMIFY_OK;
}

/* <note> in a topic (t) or in the map (t NULL).  `def` counts note
 * definitions: the first walk created them in this order. */
static int
add_note(struct reader *r, const xmlNode *el, struct ramify_topic *t,
    size_t *def)
{
	const char *ref;
	size_t idx;

	if (rm_xml_has_attr(el, "ref")) {
		if (attr(r, el, "ref", &ref) != 1)
			return RAMIFY_OK;
		idx = GPOINTER_TO_SIZE(g_hash_table_lookup(r->note_ids, ref));
		if (idx == 0) {
			rm_error(r->diag, rm_xml_pos(r->locs, el), "note "
			    "reference '%s' does not match any note id", ref);
			return RAMIFY_OK;
		}
		idx--;
	} else {
		if (*def >= r->doc->nnotes)	/* the first walk failed */
			return RAMIFY_OK;
		idx = (*def)++;
	}
	return t != NULL ? rm_topic_add_note(r->doc, t, idx) :
	    rm_doc_add_map_note(r->doc, idx);
}

/* <query select sort limit each summary> of topic t: kept as text; the
 * link to customer data (link.c) checks and runs it. */
static int
add_query(struct reader *r, const xmlNode *el, struct ramify_topic *t)
{
	static const char *const names[] = { "select", "sort", "each",
	    "summary" };
	struct rm_query *q;
	const char **f[4], *v;
	char *end = NULL;
	size_t i;
	unsigned long n;

	if ((q = rm_alloc(&r->doc->arena, sizeof *q)) == NULL)
		return RAMIFY_ENOMEM;
	f[0] = &q->select;
	f[1] = &q->sort;
	f[2] = &q->each;
	f[3] = &q->summary;
	q->pos = rm_xml_pos(r->locs, el);
	for (i = 0; i < 4; i++) {
		if (attr(r, el, names[i], &v) != 1)
			continue;
		if (*v == '\0') {
			rm_error(r->diag, q->pos, "empty '%s' attribute on "
			    "<query>", names[i]);
			continue;
		}
		if ((*f[i] = rm_strdup(&r->doc->arena, v)) == NULL)
			return RAMIFY_ENOMEM;
	}
	if (attr(r, el, "limit", &v) == 1) {
		n = v[0] >= '0' && v[0] <= '9' ? strtoul(v, &end, 10) : 0;
		if (n == 0 || *end != '\0' || n > RM_QUERY_MAX_LIMIT || strlen(v) > 7)
			rm_error(r->diag, q->pos, "invalid limit '%.20s' (expected "
			    "a whole number from 1 to %d)", v, RM_QUERY_MAX_LIMIT);
		else
			q->limit = n;
	}
	t->query = q;
	return RAMIFY_OK;
}

/* <link>, <attr>, <icon>, <customer>, <query> of topic t. */
static int
add_item(struct reader *r, const xmlNode *el, struct ramify_topic *t)
{
	const char *a, *b;

	if (in_ns(el, "link")) {
		if ((a = nonempty_attr(r, el, "href")) == NULL)
			return RAMIFY_OK;
		if (attr(r, el, "title", &b) != 1)
			b = NULL;
		return rm_topic_add_link(r->doc, t, a, b);
	}
	if (in_ns(el, "attr")) {
		if ((a = nonempty_attr(r, el, "name")) == NULL ||
		    attr(r, el, "value", &b) != 1)
			return RAMIFY_OK;
		return rm_topic_add_attr(r->doc, t, a, b);
	}
	if (in_ns(el, "icon")) {
		if ((a = nonempty_attr(r, el, "name")) == NULL)
			return RAMIFY_OK;
		return rm_topic_add_icon(r->doc, t, a);
	}
	if (in_ns(el, "customer")) {
		if ((a = nonempty_attr(r, el, "ref")) == NULL)
			return RAMIFY_OK;
		return rm_topic_add_record(r->doc, t, a);
	}
	if (in_ns(el, "query"))
		return add_query(r, el, t);
	return RAMIFY_OK;
}

static int
map_values(struct reader *r, const xmlNode *map)
{
	const xmlNode *c;
	const char *s;
	size_t n;
	int rc;

	if (rm_xml_attr(r->diag, r->locs, &r->scratch, map, XML_NS, "lang",
	    &s) == 1 && *s != '\0' &&
	    (r->doc->lang = rm_strdup(&r->doc->arena, s)) == NULL)
		return RAMIFY_ENOMEM;
	for (c = map->children; c != NULL; c = c->next) {
		if (!in_ns(c, "title"))
			continue;
		if ((rc = rm_xml_text(r->diag, r->locs, &r->scratch, c, &s)) != 0)
			return rc == RAMIFY_ENOMEM ? rc : RAMIFY_OK;
		n = trim(&s);
		if ((r->doc->title = rm_strndup(&r->doc->arena, s, n)) == NULL)
			return RAMIFY_ENOMEM;
	}
	return RAMIFY_OK;
}

static int
second_walk(struct reader *r, const xmlNode *map)
{
	const xmlNode *n;
	struct ramify_topic *t;
	size_t def = 0;
	int rc = RAMIFY_OK;

	if ((rc = map_values(r, map)) != RAMIFY_OK)
		return rc;
	for (n = walk_next(map, map); n != NULL && rc == RAMIFY_OK && !r->nomem;
	    n = walk_next(n, map)) {
		if (!rm_xml_in_ns(n, NS))
			continue;
		/* After a structural error, skip what has no place in the
		 * model (a second root, the subtree of a topic not made). */
		if (in_ns(n->parent, "topic")) {
			if ((t = r->topic_of[rm_xml_index(r->locs, n->parent)]) == NULL)
				continue;
		} else
			t = NULL;
		if (in_ns(n, "topic")) {
			if (t != NULL || r->doc->root == NULL)
				rc = add_topic(r, n, t);
		} else if (in_ns(n, "note"))
			rc = add_note(r, n, t, &def);
		else if (t != NULL)
			rc = add_item(r, n, t);
	}
	return r->nomem ? RAMIFY_ENOMEM : rc;
}

/* ---- Structure ---------------------------------------------------------- */

/*
 * The structure the schema describes, checked here first so that every
 * problem is reported, each at its own element, in plain words (libxml2's
 * RELAX NG validator stops at the first problem in an element and words
 * it for schema authors).  The schema then runs as a second opinion.
 */
struct rule {
	const char	*name;
	const char	*attrs;		/* allowed unqualified attributes */
	const char	*required;
	const char	*kids;		/* allowed children in our namespace */
	int		 text;		/* holds text, and only text */
};

static const struct rule rules[] = {
	{ "map",      "version",	"",
	  "title note topic",				0 },
	{ "title",    "",		"",		"",	1 },
	{ "topic",    "text id side folded color", "text",
	  "note link attr icon customer query topic",	0 },
	{ "note",     "id ref",		"",		"p",	0 },
	{ "p",        "",		"",		"",	1 },
	{ "link",     "href title",	"href",		"",	0 },
	{ "attr",     "name value",	"name value",	"",	0 },
	{ "icon",     "name",		"name",		"",	0 },
	{ "customer", "ref",		"ref",		"",	0 },
	{ "query",    "select sort limit each summary", "", "",	0 },
};


static const struct rule *
rule_for(const xmlNode *el)
{
	size_t i;

	for (i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (in_ns(el, rules[i].name))
			return &rules[i];
	return NULL;
}

static int
blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!is_space((unsigned char)*s))
			return 0;
	return 1;
}

static void
check_attributes(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *el, const struct rule *ru)
{
	struct rm_pos pos = rm_xml_pos(locs, el);
	const xmlAttr *a;
	const char *req;
	char name[64];
	size_t k;

	for (a = el->properties; a != NULL; a = a->next)
		if ((a->ns == NULL && !rm_in_list(ru->attrs, (const char *)a->name, 0)) ||
		    (a->ns != NULL && a->ns->href != NULL &&
		    strcmp((const char *)a->ns->href, NS) == 0))
			rm_error(diag, pos, "unknown attribute '%s' on <%s>",
			    (const char *)a->name, ru->name);
	for (req = ru->required; *req != '\0'; req += k, req += strspn(req, " ")) {
		k = strcspn(req, " ");
		snprintf(name, sizeof name, "%.*s", (int)k, req);
		if (!rm_xml_has_attr(el, name))
			rm_error(diag, pos, "<%s> has no '%s' attribute",
			    ru->name, name);
	}
}

/* Is element `el` allowed in its parent, whose rule is `pr`?  Reports
 * and returns 0 when not. */
static int
check_place(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *el, const struct rule *pr)
{
	const struct rule *ru = rule_for(el);

	if (pr->text)
		rm_error(diag, rm_xml_pos(locs, el), "element <%s> in <%s>, "
		    "which holds only text", (const char *)el->name, pr->name);
	else if (!rm_xml_in_ns(el, NS))
		return 1;	/* an extension: ignored */
	else if (ru == NULL)
		rm_error(diag, rm_xml_pos(locs, el), "unknown element <%s>",
		    (const char *)el->name);
	else if (!rm_in_list(pr->kids, ru->name, 0))
		rm_error(diag, rm_xml_pos(locs, el), "<%s> is not allowed in "
		    "<%s>", ru->name, pr->name);
	else
		return 1;
	return 0;
}

/* Elements that hold elements may hold whitespace between them, no
 * more. */
static void
check_text(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *el, const struct rule *ru)
{
	const xmlNode *c;

	if (ru->text)
		return;
	for (c = el->children; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE && !blank((const char *)c->content)) ||
		    c->type == XML_ENTITY_REF_NODE) {
			rm_error(diag, rm_xml_pos(locs, el), "unexpected text "
			    "in <%s> (it holds only elements)", ru->name);
			return;
		}
}

/* What the table cannot say: the order and number of children of
 * <map>, the two kinds of <note>, one <query> a topic. */
static void
check_special(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *el)
{
	const xmlNode *c;
	int topics = 0, others = 0, paras = 0;

	if (in_ns(el, "map")) {
		for (c = el->children; c != NULL; c = c->next) {
			if (in_ns(c, "title") && others > 0)
				rm_error(diag, rm_xml_pos(locs, c), "<title> must "
				    "be the first element in <map>, and appear "
				    "at most once");
			else if (in_ns(c, "topic") && topics++ > 0)
				rm_error(diag, rm_xml_pos(locs, c), "second root "
				    "topic: a map has exactly one top-level "
				    "<topic>");
			others += rm_xml_in_ns(c, NS);
		}
		if (topics == 0)
			rm_error(diag, rm_xml_pos(locs, el), "<map> has no "
			    "<topic> (a map has exactly one top-level topic)");
	} else if (in_ns(el, "topic")) {
		for (c = el->children; c != NULL; c = c->next)
			if (in_ns(c, "query") && others++ > 0)
				rm_error(diag, rm_xml_pos(locs, c), "second "
				    "<query> in a topic (a topic has at most one)");
	} else if (in_ns(el, "note")) {
		for (c = el->children; c != NULL; c = c->next)
			paras += in_ns(c, "p");
		if (rm_xml_has_attr(el, "ref") && rm_xml_has_attr(el, "id"))
			rm_error(diag, rm_xml_pos(locs, el), "<note> has both "
			    "'ref' and 'id': a note either refers to another "
			    "or defines one");
		else if (rm_xml_has_attr(el, "ref") && paras > 0)
			rm_error(diag, rm_xml_pos(locs, el), "<note ref> must be "
			    "empty: it refers to a note defined elsewhere");
		else if (!rm_xml_has_attr(el, "ref") && paras == 0)
			rm_error(diag, rm_xml_pos(locs, el), "<note> has no <p> "
			    "(a note holds one or more paragraphs, or a 'ref')");
	}
}

/* Reports every structural problem; returns how many there were. */
static unsigned
check_structure(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *map)
{
	const xmlNode *n;
	const struct rule *ru;
	unsigned before = diag->nerrors;

	for (n = map; n != NULL; n = rm_xml_next(n, map, rule_for(n) != NULL)) {
		if (n != map && !check_place(diag, locs, n, rule_for(n->parent)))
			continue;
		if ((ru = rule_for(n)) == NULL)
			continue;
		check_attributes(diag, locs, n, ru);
		check_text(diag, locs, n, ru);
		check_special(diag, locs, n);
	}
	return diag->nerrors - before;
}

/* ---- Entry points ------------------------------------------------------- */

/* The root must be our <map> of a version we know (absent: 1), or
 * nothing else is worth saying. */
static int
check_root(struct rm_diag *diag, const struct rm_xml_locs *locs,
    const xmlNode *root)
{
	struct rm_pos pos = rm_xml_pos(locs, root);
	const xmlAttr *a;
	const char *v = NULL;

	if (!rm_xml_is(root, NS, "map")) {
		rm_error(diag, pos, "root element is <%s>%s%s%s, expected <map "
		    "xmlns=\"" NS "\">", (const char *)root->name,
		    root->ns != NULL ? " in namespace '" : "",
		    root->ns != NULL ? (const char *)root->ns->href : "",
		    root->ns != NULL ? "'" : " in no namespace");
		return RAMIFY_EINPUT;
	}
	for (a = root->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, "version") == 0 &&
		    a->children != NULL && a->children->next == NULL &&
		    a->children->type == XML_TEXT_NODE)
			v = (const char *)a->children->content;
	/* No version is version 1; the writer always writes it. */
	if (v == NULL)
		return RAMIFY_OK;
	if (strcmp(v, VERSION) != 0) {
		rm_error(diag, pos, "unsupported map version '%s' (this reader "
		    "knows version " VERSION ")", v);
		return RAMIFY_EINPUT;
	}
	return RAMIFY_OK;
}

int
ramify_xml_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	struct reader r;
	struct rm_xml_locs *locs;
	xmlDoc *xdoc;
	xmlNode *map;
	int rc;

	if ((rc = rm_xml_parse(ctx->diag, buf, len, &xdoc, &locs)) != RAMIFY_OK)
		return rc;
	map = xmlDocGetRootElement(xdoc);
	rc = check_root(ctx->diag, locs, map);
	/* The schema is a second opinion: the checks here must agree with
	 * it.  After structural errors the walks below still run, to
	 * report problems with values too. */
	if (rc == RAMIFY_OK && check_structure(ctx->diag, locs, map) == 0)
		rc = rm_xml_validate(ctx->diag, xdoc, locs, rm_schema_map);
	if (rc != RAMIFY_OK) {
		rm_xml_free(xdoc, locs);
		return rc;
	}
	memset(&r, 0, sizeof r);
	r.diag = ctx->diag;
	r.doc = doc;
	r.locs = locs;
	r.topic_ids = g_hash_table_new(g_str_hash, g_str_equal);
	r.note_ids = g_hash_table_new(g_str_hash, g_str_equal);
	r.topic_of = g_try_new0(struct ramify_topic *, rm_xml_count(locs));
	r.key_of = g_try_new0(const char *, rm_xml_count(locs));
	if (r.topic_of == NULL || r.key_of == NULL)
		rc = RAMIFY_ENOMEM;
	else {
		first_walk(&r, map);
		rc = r.nomem ? RAMIFY_ENOMEM : second_walk(&r, map);
	}
	g_free(r.topic_of);
	g_free(r.key_of);
	g_hash_table_destroy(r.topic_ids);
	g_hash_table_destroy(r.note_ids);
	rm_arena_free(&r.scratch);
	rm_xml_free(xdoc, locs);
	if (rc == RAMIFY_OK && ctx->diag->nerrors > 0)
		rc = RAMIFY_EINPUT;
	return rc;
}

/* ---- Sniffing (the bytes: xml.c, rm_xml_sniff_root()) ----------------- */

int
ramify_xml_sniff(const char *buf, size_t len)
{
	return rm_xml_sniff_root(buf, len, "map", NS);
}
