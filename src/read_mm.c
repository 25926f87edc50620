/*
 * read_mm.c: reader of FreeMind and Freeplane mind maps (.mm; what maps
 * to what is in docs/formats/mm.md).
 *
 * Parse safely (xml.c), then two walks over <map> and its <node>
 * elements, never into anything else (<hook>, <map_styles>, <font>...
 * are skipped whole, so Freeplane's style definitions never become
 * topics).  The first walk collects node IDs, so that an ID can become
 * the topic's key and "#ID" links resolve; the second builds topics.
 * Rich content (XHTML, or HTML escaped inside TEXT) becomes plain text
 * by one iterative walk.  No recursion over the input anywhere.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "xml.h"

struct reader {
	struct rm_diag		*diag;
	struct ramify_doc	*doc;
	const struct rm_xml_locs *locs;
	struct rm_arena		 scratch;	/* strings while reading */
	GHashTable		*ids;		/* node ID -> first xmlNode */
	struct ramify_topic	**topic_of;	/* by element index */
	const char		**key_of;	/* ID kept as key, by index */
	int			 nomem;
};

/* ---- Helpers ------------------------------------------------------------- */

static int
is_node(const xmlNode *n)
{
	return rm_xml_is(n, NULL, "node");
}

/* Is `n` an element named `name`, in whatever namespace?  For HTML,
 * which may come with or without the XHTML namespace. */
static int
html_is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    g_ascii_strcasecmp((const char *)n->name, name) == 0;
}

/* Attribute getter: 1 present, 0 absent, -1 bad (told) or out of memory
 * (r->nomem). */
static int
attr(struct reader *r, const xmlNode *el, const char *name, const char **val)
{
	return rm_xml_attr_or_nomem(r->diag, r->locs, &r->scratch, el, name,
	    val, &r->nomem);
}

/* A non-empty attribute, or NULL. */
static const char *
nonempty(struct reader *r, const xmlNode *el, const char *name)
{
	const char *v;

	return attr(r, el, name, &v) == 1 && *v != '\0' ? v : NULL;
}

/* ---- Plain text from rich content ----------------------------------------- */

/*
 * Lines of plain text, built from HTML or plain rich content.  Inner
 * runs of white space (no-break spaces too) become one space and lines
 * are trimmed, as a browser shows them.  Topic text keeps its lines,
 * empty ones included, joined by "\n".  Notes are paragraphs joined by
 * "\n\n" with no empty ones: ramify's notes know no other line break.
 * Leading and trailing empty lines are dropped.
 */
struct lines {
	GString		*out;		/* finished lines */
	GString		*cur;		/* the line being built */
	GArray		*open;		/* per open paragraph: nemit at entry */
	GArray		*lists;		/* per open <ol>, <ul>: struct list */
	size_t		 nemit;		/* lines ended, empty ones included */
	size_t		 blank;		/* empty lines held back */
	unsigned	 pre;		/* inside <pre> */
	int		 notes;		/* paragraphs mode */
	int		 space;		/* a space is due before more text */
	int		 any;		/* out holds a line */
};

/* An open list, and how many items it has had. */
struct list {
	const xmlNode	*el;
	size_t		 items;
};

static void
lines_init(struct lines *L, int notes)
{
	memset(L, 0, sizeof *L);
	L->out = g_string_new(NULL);
	L->cur = g_string_new(NULL);
	L->open = g_array_new(FALSE, FALSE, sizeof(size_t));
	L->lists = g_array_new(FALSE, FALSE, sizeof(struct list));
	L->notes = notes;
}

/* End the current line.  An empty line counts only when `force`d (a
 * <br>, an empty paragraph). */
static void
lines_end(struct lines *L, int force)
{
	size_t i;

	L->space = 0;
	if (L->cur->len == 0) {
		if (force) {
			L->nemit++;
			L->blank += L->any;
		}
		return;
	}
	L->nemit++;
	if (L->any) {
		g_string_append(L->out, L->notes ? "\n\n" : "\n");
		for (i = 0; !L->notes && i < L->blank; i++)
			g_string_append_c(L->out, '\n');
	}
	g_string_append_len(L->out, L->cur->str, (gssize)L->cur->len);
	g_string_truncate(L->cur, 0);
	L->blank = 0;
	L->any = 1;
}

/* Append `n` bytes of text, folding white space. */
static void
lines_add(struct lines *L, const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n' && L->pre > 0) {
			lines_end(L, 1);
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f') {
			L->space = 1;
		} else if (c == 0xc2 && i + 1 < n &&
		    (unsigned char)s[i + 1] == 0xa0) {
			L->space = 1;	/* U+00A0 NO-BREAK SPACE */
			i++;
		} else {
			if (L->space && L->cur->len > 0)
				g_string_append_c(L->cur, ' ');
			L->space = 0;
			g_string_append_c(L->cur, (char)c);
		}
	}
}

/* The text, owned by the caller (g_free()); frees the rest. */
static char *
lines_finish(struct lines *L)
{
	lines_end(L, 0);
	g_string_free(L->cur, TRUE);
	g_array_free(L->open, TRUE);
	g_array_free(L->lists, TRUE);
	return g_string_free(L->out, FALSE);
}

/* How an HTML element breaks text. */
enum html_kind {
	H_INLINE,	/* text flows through: <b>, <font>, <a>, <span>... */
	H_SKIP,		/* not shown: <head>, <style>, <script> */
	H_BREAK,	/* <br>: a line break */
	H_PARA,		/* a line of its own; empty, an empty line */
	H_ITEM,		/* <li>: a paragraph with a bullet or number */
	H_PRE,		/* line breaks in its text are kept */
	H_BOX,		/* a block holding blocks: its edges end lines */
	H_CELL		/* <td>, <th>: separated by a space */
};

static enum html_kind
html_kind(const xmlNode *n)
{
	static const char *const skip[] = { "head", "title", "style", "script",
	    "template", NULL };
	static const char *const para[] = { "p", "h1", "h2", "h3", "h4", "h5",
	    "h6", "dt", "dd", "caption", "figcaption", NULL };
	static const char *const box[] = { "html", "body", "div", "ul", "ol",
	    "dl", "table", "thead", "tbody", "tfoot", "tr", "blockquote",
	    "center", "address", "hr", "section", "article", "header",
	    "footer", "nav", "aside", "figure", "form", "fieldset", "main",
	    NULL };
	size_t i;

	if (n->type != XML_ELEMENT_NODE)
		return H_INLINE;
	for (i = 0; skip[i] != NULL; i++)
		if (html_is(n, skip[i]))
			return H_SKIP;
	for (i = 0; para[i] != NULL; i++)
		if (html_is(n, para[i]))
			return H_PARA;
	for (i = 0; box[i] != NULL; i++)
		if (html_is(n, box[i]))
			return H_BOX;
	if (html_is(n, "br"))
		return H_BREAK;
	if (html_is(n, "li"))
		return H_ITEM;
	if (html_is(n, "pre"))
		return H_PRE;
	if (html_is(n, "td") || html_is(n, "th"))
		return H_CELL;
	return H_INLINE;
}

static int
is_list(const xmlNode *n)
{
	return html_is(n, "ol") || html_is(n, "ul");
}

/* "3. " for the third <li> of an <ol>, else "• ". */
static void
item_marker(struct lines *L, const xmlNode *li)
{
	struct list *top;
	char num[32];

	top = L->lists->len > 0 ? &g_array_index(L->lists, struct list,
	    L->lists->len - 1) : NULL;
	if (top == NULL || top->el != li->parent || !html_is(li->parent, "ol")) {
		lines_add(L, "\xe2\x80\xa2 ", 4);
		return;
	}
	snprintf(num, sizeof num, "%zu. ", ++top->items);
	lines_add(L, num, strlen(num));
}

static void
html_enter(struct lines *L, const xmlNode *n)
{
	const char *s;

	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if ((s = (const char *)n->content) != NULL)
			lines_add(L, s, strlen(s));
		return;
	}
	switch (html_kind(n)) {
	case H_BREAK:
		lines_end(L, 1);
		break;
	case H_PARA:
	case H_ITEM:
		lines_end(L, 0);
		g_array_append_val(L->open, L->nemit);
		if (html_kind(n) == H_ITEM)
			item_marker(L, n);
		break;
	case H_PRE:
		lines_end(L, 0);
		L->pre++;
		break;
	case H_BOX:
		lines_end(L, 0);
		if (is_list(n)) {
			struct list l = { n, 0 };

			g_array_append_val(L->lists, l);
		}
		break;
	case H_CELL:
		L->space = L->cur->len > 0;
		break;
	default:
		break;
	}
}

static void
html_leave(struct lines *L, const xmlNode *n)
{
	size_t at;

	switch (html_kind(n)) {
	case H_PARA:
	case H_ITEM:
		at = g_array_index(L->open, size_t, L->open->len - 1);
		g_array_set_size(L->open, L->open->len - 1);
		/* An empty paragraph is an empty line. */
		lines_end(L, L->nemit == at);
		break;
	case H_PRE:
		lines_end(L, 0);
		L->pre--;
		break;
	case H_BOX:
		lines_end(L, 0);
		if (is_list(n))
			g_array_set_size(L->lists, L->lists->len - 1);
		break;
	default:
		break;
	}
}

/* The HTML below `top` (its children, or `top` too when `self`) into
 * L, in document order with a leave for every enter.  Iterative. */
static void
html_walk(struct lines *L, const xmlNode *top, int self)
{
	const xmlNode *n, *stop = self ? top : NULL;

	if (self) {
		n = top;
	} else {
		if ((n = top->children) == NULL)
			return;
		stop = top;
	}
	for (;;) {
		html_enter(L, n);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL &&
		    html_kind(n) != H_SKIP) {
			n = n->children;
			continue;
		}
		if (n->type == XML_ELEMENT_NODE)
			html_leave(L, n);
		/* Up until there is a next sibling. */
		while (n != stop && n->next == NULL) {
			n = n->parent;
			if (n == stop && !self)
				return;
			html_leave(L, n);
		}
		if (n == stop)
			return;
		n = n->next;
	}
}

/*
 * Plain rich content (Freeplane's CONTENT-TYPE="plain/..."): every line
 * a line.  In a note written in Markdown, lines run together into
 * paragraphs that blank lines separate, as Markdown reads them.
 */
static void
plain_text(struct lines *L, const char *s, int markdown)
{
	const char *nl;
	size_t n;

	for (;;) {
		nl = strchr(s, '\n');
		n = nl != NULL ? (size_t)(nl - s) : strlen(s);
		if (markdown && L->notes) {
			if (strspn(s, " \t\r") >= n)
				lines_end(L, 0);
			else {
				lines_add(L, s, n);
				L->space = 1;
			}
		} else {
			lines_add(L, s, n);
			lines_end(L, 1);
		}
		if (nl == NULL)
			break;
		s = nl + 1;
	}
}

/* All the text below `el`, elements or not, into a GString. */
static GString *
all_text(const xmlNode *el)
{
	GString *s = g_string_new(NULL);
	const xmlNode *n = el->children;

	while (n != NULL) {
		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL)
			g_string_append(s, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children != NULL) {
			n = n->children;
			continue;
		}
		while (n != el && n->next == NULL)
			n = n->parent;
		if (n == el)
			break;
		n = n->next;
	}
	return s;
}

/*
 * Keep `text` (from g_free() storage, which this frees) in the scratch
 * arena if it is valid UTF-8, else report it at `el`.  NULL when bad or
 * out of memory.
 */
static const char *
keep_text(struct reader *r, const xmlNode *el, char *text)
{
	const char *s = NULL;
	size_t n = strlen(text);

	if (rm_utf8_valid_prefix(text, n) != n)
		rm_error(r->diag, rm_xml_pos(r->locs, el), "invalid UTF-8 in "
		    "the text of <%s>", (const char *)el->name);
	else if ((s = rm_strndup(&r->scratch, text, n)) == NULL)
		r->nomem = 1;
	g_free(text);
	return s;
}

/* The text of a <richcontent>, as topic text or as a note. */
static const char *
rich_text(struct reader *r, const xmlNode *el, int notes)
{
	struct lines L;
	const char *type;
	GString *plain;

	lines_init(&L, notes);
	if (attr(r, el, "CONTENT-TYPE", &type) == 1 &&
	    strncmp(type, "plain/", 6) == 0) {
		plain = all_text(el);
		plain_text(&L, plain->str, strcmp(type, "plain/markdown") == 0);
		g_string_free(plain, TRUE);
	} else
		html_walk(&L, el, 0);
	return keep_text(r, el, lines_finish(&L));
}

/* Does TEXT hold escaped HTML, as very old FreeMind maps have it?
 * ("<html>" first; write_mm.c asks the same question.) */
static int
is_html(const char *s)
{
	return g_ascii_strncasecmp(s, "<html", 5) == 0 &&
	    (s[5] == '>' || s[5] == '/' || s[5] == ' ' || s[5] == '\t' ||
	    s[5] == '\n' || s[5] == '\r');
}

/* The text of TEXT: escaped HTML made plain, CR LF and CR made LF. */
static const char *
text_attr(struct reader *r, const xmlNode *el, const char *v)
{
	struct lines L;
	xmlDoc *hdoc;
	xmlNode *root;
	char *s, *p, *q;
	int rc;

	if (is_html(v)) {
		if ((rc = rm_html_parse(v, strlen(v), &hdoc)) != RAMIFY_OK) {
			if (rc == RAMIFY_ENOMEM)
				r->nomem = 1;
			else
				rm_error(r->diag, rm_xml_pos(r->locs, el),
				    "HTML in TEXT nests too deeply (more than "
				    "256 levels of elements)");
			return NULL;
		}
		lines_init(&L, 0);
		if (hdoc != NULL && (root = xmlDocGetRootElement(hdoc)) != NULL)
			html_walk(&L, root, 1);
		rm_xml_free(hdoc, NULL);
		return keep_text(r, el, lines_finish(&L));
	}
	if (strchr(v, '\r') == NULL)
		return v;
	if ((s = rm_strdup(&r->scratch, v)) == NULL) {
		r->nomem = 1;
		return NULL;
	}
	for (p = q = s; *p != '\0'; p++) {
		if (*p == '\r') {
			*q++ = '\n';
			if (p[1] == '\n')
				p++;
		} else
			*q++ = *p;
	}
	*q = '\0';
	return s;
}

/* ---- First walk: node IDs ----------------------------------------------- */

/* Into <map> and <node>, around everything else. */
static xmlNode *
walk_next(const xmlNode *n, const xmlNode *top)
{
	return rm_xml_next(n, top, n == top || is_node(n));
}

static void
first_walk(struct reader *r, const xmlNode *map)
{
	const xmlNode *n, *first;
	const char *id;
	char where[48];

	for (n = map; n != NULL && !r->nomem; n = walk_next(n, map)) {
		if (!is_node(n) || attr(r, n, "ID", &id) != 1 ||
		    !rm_valid_id(id))
			continue;
		if ((first = g_hash_table_lookup(r->ids, id)) != NULL) {
			rm_warning(r->diag, rm_xml_pos(r->locs, n), "duplicate "
			    "node ID '%s' (first used at %s); this node gets "
			    "another id", id, rm_pos_str(rm_xml_pos(r->locs, first),
			    where, sizeof where));
			continue;
		}
		g_hash_table_insert(r->ids, (char *)id, (void *)n);
		r->key_of[rm_xml_index(r->locs, n)] = id;
	}
}

/* ---- Second walk: topics ------------------------------------------------ */

static int
add_note(struct reader *r, struct ramify_topic *t, const xmlNode *rc)
{
	const char *text = rich_text(r, rc, 1);
	size_t idx;

	if (text == NULL || *text == '\0')
		return r->nomem ? RAMIFY_ENOMEM : RAMIFY_OK;
	idx = rm_note_new(r->doc, NULL, text, rm_xml_pos(r->locs, rc));
	if (idx == (size_t)-1)
		return RAMIFY_ENOMEM;
	return rm_topic_add_note(r->doc, t, idx);
}

/* Is `c` a <richcontent TYPE="type">? */
static int
is_rich(struct reader *r, const xmlNode *c, const char *type)
{
	const char *v;

	return rm_xml_is(c, NULL, "richcontent") &&
	    attr(r, c, "TYPE", &v) == 1 && g_ascii_strcasecmp(v, type) == 0;
}

/* The node's attributes other than TEXT and ID. */
static int
node_values(struct reader *r, struct ramify_topic *t, const xmlNode *el)
{
	const char *v;

	/* Only a first-level node has a side of the root. */
	if (t->depth == 1 && attr(r, el, "POSITION", &v) == 1) {
		if (strcmp(v, "left") == 0 || strcmp(v, "top_or_left") == 0)
			t->side = RM_SIDE_LEFT;
		else if (strcmp(v, "right") == 0 ||
		    strcmp(v, "bottom_or_right") == 0)
			t->side = RM_SIDE_RIGHT;
	}
	if (attr(r, el, "FOLDED", &v) == 1 && strcmp(v, "true") == 0)
		t->folded = 1;
	if (attr(r, el, "COLOR", &v) == 1 && v[0] == '#' && strlen(v) == 7 &&
	    strspn(v + 1, "0123456789abcdefABCDEF") == 6) {
		t->color = (uint32_t)strtoul(v + 1, NULL, 16);
		t->has_color = 1;
	}
	if ((v = nonempty(r, el, "LINK")) != NULL)
		return rm_topic_add_link(r->doc, t, v, NULL);
	return RAMIFY_OK;
}

/* Icons, attributes, arrow links and notes: the NOTE first, then the
 * DETAILS (see docs/formats/mm.md). */
static int
node_items(struct reader *r, struct ramify_topic *t, const xmlNode *el)
{
	const xmlNode *c;
	const char *a, *b;
	char *href;
	size_t n;
	int rc = RAMIFY_OK;

	for (c = el->children; c != NULL && rc == RAMIFY_OK; c = c->next) {
		if (rm_xml_is(c, NULL, "icon")) {
			if ((a = nonempty(r, c, "BUILTIN")) != NULL)
				rc = rm_topic_add_icon(r->doc, t, a);
		} else if (rm_xml_is(c, NULL, "attribute")) {
			if ((a = nonempty(r, c, "NAME")) == NULL)
				continue;
			if (attr(r, c, "VALUE", &b) != 1)
				b = "";
			rc = rm_topic_add_attr(r->doc, t, a, b);
		} else if (rm_xml_is(c, NULL, "arrowlink")) {
			if ((a = nonempty(r, c, "DESTINATION")) == NULL)
				continue;
			n = strlen(a);
			if ((href = rm_alloc(&r->scratch, n + 2)) == NULL)
				return RAMIFY_ENOMEM;
			href[0] = '#';
			memcpy(href + 1, a, n + 1);
			rc = rm_topic_add_link(r->doc, t, href, "arrowlink");
		} else if (is_rich(r, c, "NOTE"))
			rc = add_note(r, t, c);
	}
	for (c = el->children; c != NULL && rc == RAMIFY_OK; c = c->next)
		if (is_rich(r, c, "DETAILS"))
			rc = add_note(r, t, c);
	return r->nomem ? RAMIFY_ENOMEM : rc;
}

/* The topic's text: rich NODE content, else TEXT, else Freeplane's
 * LOCALIZED_TEXT (the name of a built-in text), else empty. */
static const char *
node_text(struct reader *r, const xmlNode *el)
{
	const xmlNode *c;
	const char *v;

	for (c = el->children; c != NULL; c = c->next)
		if (is_rich(r, c, "NODE"))
			return rich_text(r, c, 0);
	if (attr(r, el, "TEXT", &v) == 1)
		return text_attr(r, el, v);
	if (attr(r, el, "LOCALIZED_TEXT", &v) == 1)
		return v;
	return r->nomem ? NULL : "";
}

static int
add_topic(struct reader *r, const xmlNode *el, struct ramify_topic *parent)
{
	struct ramify_topic *t;
	const char *text, *key;
	char buf[48];
	int rc;

	if (r->doc->ntopics >= RM_MAX_TOPICS) {
		rm_error(r->diag, rm_xml_pos(r->locs, el), "more than %zu "
		    "topics", RM_MAX_TOPICS);
		return RAMIFY_ELIMIT;
	}
	if ((text = node_text(r, el)) == NULL)
		return r->nomem ? RAMIFY_ENOMEM : RAMIFY_OK;
	if ((key = r->key_of[rm_xml_index(r->locs, el)]) == NULL)
		/* Clear of IDs that later nodes of the file have. */
		key = rm_doc_gen_key(r->doc, r->ids, buf, sizeof buf);
	if ((t = rm_topic_new(r->doc, parent, text, key,
	    rm_xml_pos(r->locs, el))) == NULL)
		return RAMIFY_ENOMEM;
	r->topic_of[rm_xml_index(r->locs, el)] = t;
	if ((rc = node_values(r, t, el)) != RAMIFY_OK)
		return rc;
	return node_items(r, t, el);
}

static int
second_walk(struct reader *r, const xmlNode *map)
{
	const xmlNode *n, *root = NULL;
	struct ramify_topic *parent;
	char where[48];
	int rc = RAMIFY_OK;

	for (n = walk_next(map, map); n != NULL && rc == RAMIFY_OK &&
	    !r->nomem; n = walk_next(n, map)) {
		if (!is_node(n))
			continue;
		if (n->parent == map) {
			if (root != NULL) {
				rm_warning(r->diag, rm_xml_pos(r->locs, n),
				    "second root <node> ignored with its "
				    "subtree (the root is at %s)",
				    rm_pos_str(rm_xml_pos(r->locs, root), where,
				    sizeof where));
				continue;
			}
			root = n;
			parent = NULL;
		} else if ((parent = r->topic_of[rm_xml_index(r->locs,
		    n->parent)]) == NULL)
			continue;	/* below an ignored or failed node */
		rc = add_topic(r, n, parent);
	}
	if (rc == RAMIFY_OK && !r->nomem && root == NULL)
		rm_error(r->diag, rm_xml_pos(r->locs, map), "<map> has no "
		    "<node> (a map has one root node)");
	return r->nomem ? RAMIFY_ENOMEM : rc;
}

/* ---- Entry points ------------------------------------------------------- */

int
mm_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
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
	if (!rm_xml_is(map, NULL, "map")) {
		rm_error(ctx->diag, rm_xml_pos(locs, map), "root element is "
		    "<%s>%s%s%s, expected a FreeMind <map>%s",
		    (const char *)map->name,
		    map->ns != NULL ? " in namespace '" : "",
		    map->ns != NULL ? (const char *)map->ns->href : "",
		    map->ns != NULL ? "'" : "",
		    rm_xml_is(map, "urn:ramify:map:1", "map") ?
		    " (this is a ramify map: read it with -f ramify)" : "");
		rm_xml_free(xdoc, locs);
		return RAMIFY_EINPUT;
	}
	memset(&r, 0, sizeof r);
	r.diag = ctx->diag;
	r.doc = doc;
	r.locs = locs;
	r.ids = g_hash_table_new(g_str_hash, g_str_equal);
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
	g_hash_table_destroy(r.ids);
	rm_arena_free(&r.scratch);
	rm_xml_free(xdoc, locs);
	if (rc == RAMIFY_OK && ctx->diag->nerrors > 0)
		rc = RAMIFY_EINPUT;
	return rc;
}

/* ---- Sniffing ----------------------------------------------------------- */

static int
sniff_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * A FreeMind map starts, after what rm_xml_sniff_start() skips, with
 * <map version="...">: no namespace
 * (ramify's own <map> has one), a version attribute.
 */
int
mm_sniff(const char *buf, size_t len)
{
	const char *s = buf;
	size_t n = len < RM_SNIFF_MAX ? len : RM_SNIFF_MAX, an;
	size_t i = rm_xml_sniff_start(buf, n);
	int version = 0;
	char q;

	if (i >= n || n - i < 5 || memcmp(s + i, "<map", 4) != 0 ||
	    !sniff_space((unsigned char)s[i + 4]))
		return 0;
	for (i += 4;;) {
		while (i < n && sniff_space((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] == '>' || s[i] == '/')
			break;
		an = i;
		while (i < n && s[i] != '=' && !sniff_space((unsigned char)s[i]))
			i++;
		if (i - an == 7 && memcmp(s + an, "version", 7) == 0)
			version = 1;
		if (i - an >= 5 && memcmp(s + an, "xmlns", 5) == 0)
			return 0;
		while (i < n && (sniff_space((unsigned char)s[i]) || s[i] == '='))
			i++;
		if (i >= n || (s[i] != '"' && s[i] != '\''))
			return 0;
		q = s[i++];
		while (i < n && s[i] != q)
			i++;
		if (i++ >= n)
			return 0;
	}
	return version ? 90 : 0;
}
