/*
 * read_opml.c: reader of OPML outlines (1.0 and 2.0; docs/formats/opml.md).
 *
 * The file is parsed by the hardened wrapper (xml.c), which lets libxml2
 * convert whatever encoding the XML declaration names (ISO-8859-1 in
 * older files) to UTF-8.  Then one walk over <body>:
 *
 *  - every <outline> is a topic; its `text` (else `title`) is the text;
 *  - `_note` (the OmniOutliner convention) is its note, one paragraph per
 *    line of the attribute;
 *  - `type="link"` with `url` is a link; `url`, `htmlUrl` and `xmlUrl` of
 *    other outlines (feeds, includes) are links too and stay attributes,
 *    so that the outline is written back as it came;
 *  - `collapse="true"` (Dave Winer's outliners) folds the topic; a file
 *    without it may fold through head/expansionState (OPML 2.0);
 *  - every other attribute without a namespace is a topic attribute.
 *
 * The root: the single outline at the top of <body>; with several, a
 * topic made from head/title (else from the file name) holds them.
 * head/title is the map's title, unless it is the root's text again.
 * Elements other than <outline> are skipped with what they contain.  No
 * recursion: rm_xml_next() walks the tree.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>

#include "xml.h"

struct reader {
	struct rm_diag		*diag;
	struct ramify_doc	*doc;
	const struct rm_xml_locs *locs;
	struct rm_arena		 scratch;
	struct ramify_topic	**topic_of;	/* by element index */
	int			 any_collapse;	/* some outline says collapse */
	int			 nomem;
};

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Is `n` an element with local name `name`?  OPML has no namespace, but
 * some writers put one on it: the local name is what counts. */
static int
is_el(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Attribute without a namespace: 1 present, 0 absent, -1 bad (told). */
static int
attr(struct reader *r, const xmlNode *el, const char *name, const char **val)
{
	return rm_xml_attr_or_nomem(r->diag, r->locs, &r->scratch, el, name,
	    val, &r->nomem);
}

/*
 * A note from `_note`: each line is a paragraph (OmniOutliner and the
 * outliners after it break paragraphs with one newline), trimmed, with
 * runs of whitespace folded to one space, empty ones dropped; paragraphs
 * are joined by a blank line as everywhere in the model.  NULL when
 * nothing is left, or out of memory (r->nomem).
 */
static const char *
note_text(struct reader *r, const char *s)
{
	GString *out = g_string_new(NULL);
	const char *res = NULL;
	int space = 0, para = 0;

	for (; *s != '\0'; s++) {
		if (*s == '\n' || *s == '\r') {
			para = out->len > 0;
			space = 0;
		} else if (is_space((unsigned char)*s)) {
			space = out->len > 0;
		} else {
			if (para)
				g_string_append(out, "\n\n");
			else if (space)
				g_string_append_c(out, ' ');
			para = space = 0;
			g_string_append_c(out, *s);
		}
	}
	if (out->len > 0 &&
	    (res = rm_strndup(&r->scratch, out->str, out->len)) == NULL)
		r->nomem = 1;
	g_string_free(out, TRUE);
	return res;
}

/* What `s` may be in the model: valid UTF-8 (libxml2 gives nothing
 * else; checked all the same, as every reader does). */
static int
check_utf8(struct reader *r, const xmlNode *el, const char *what,
    const char *s)
{
	size_t n = strlen(s);

	if (rm_utf8_valid_prefix(s, n) == n)
		return 1;
	rm_error(r->diag, rm_xml_pos(r->locs, el), "%s is not valid UTF-8",
	    what);
	return 0;
}

/* Notes, links, folding and attributes of the outline `el`. */
static int
outline_values(struct reader *r, struct ramify_topic *t, const xmlNode *el,
    const char *text_attr)
{
	const xmlAttr *a;
	const char *name, *v, *type = NULL, *note;
	size_t idx;
	int rc, is_link;

	if (attr(r, el, "type", &type) != 1)
		type = NULL;
	is_link = type != NULL && strcasecmp(type, "link") == 0 &&
	    xmlHasProp(el, (const xmlChar *)"url") != NULL;
	for (a = el->properties; a != NULL && !r->nomem; a = a->next) {
		if (a->ns != NULL)
			continue;	/* another vocabulary: not ours to keep */
		name = (const char *)a->name;
		if (strcmp(name, text_attr) == 0)
			continue;
		if (attr(r, el, name, &v) != 1 || !check_utf8(r, el, name, v))
			continue;
		if (strcmp(name, "_note") == 0) {
			if ((note = note_text(r, v)) == NULL)
				continue;
			idx = rm_note_new(r->doc, NULL, note,
			    rm_xml_pos(r->locs, el));
			if (idx == (size_t)-1 ||
			    rm_topic_add_note(r->doc, t, idx) != RAMIFY_OK)
				return RAMIFY_ENOMEM;
			continue;
		}
		if (strcmp(name, "collapse") == 0) {
			r->any_collapse = 1;
			t->folded = strcasecmp(v, "true") == 0;
			continue;
		}
		if (is_link && strcmp(name, "type") == 0)
			continue;
		if (strcmp(name, "url") == 0 || strcmp(name, "htmlUrl") == 0 ||
		    strcmp(name, "xmlUrl") == 0) {
			if (*v != '\0' &&
			    rm_topic_add_link(r->doc, t, v, NULL) != RAMIFY_OK)
				return RAMIFY_ENOMEM;
			if (is_link && strcmp(name, "url") == 0)
				continue;
		}
		if ((rc = rm_topic_add_attr(r->doc, t, name, v)) != RAMIFY_OK)
			return rc;
	}
	return r->nomem ? RAMIFY_ENOMEM : RAMIFY_OK;
}

static int
add_outline(struct reader *r, const xmlNode *el, struct ramify_topic *parent)
{
	struct ramify_topic *t;
	const char *text, *text_attr = "text";
	struct rm_pos pos = rm_xml_pos(r->locs, el);

	if (attr(r, el, "text", &text) != 1) {
		text_attr = "title";
		if (attr(r, el, "title", &text) != 1) {
			text = "";
			text_attr = "";
		}
	}
	if (r->nomem)
		return RAMIFY_ENOMEM;
	if (!check_utf8(r, el, "text", text))
		text = "";
	if (r->doc->ntopics >= RM_MAX_TOPICS) {
		rm_error(r->diag, pos, "more than %zu topics", RM_MAX_TOPICS);
		return RAMIFY_ELIMIT;
	}
	if ((t = rm_topic_new(r->doc, parent, text, NULL, pos)) == NULL)
		return RAMIFY_ENOMEM;
	r->topic_of[rm_xml_index(r->locs, el)] = t;
	return outline_values(r, t, el, text_attr);
}

/* Trimmed text of element `el`, or NULL (bad content told, or empty). */
static const char *
element_text(struct reader *r, const xmlNode *el)
{
	const char *s;
	size_t n;
	int rc;

	if ((rc = rm_xml_text(r->diag, r->locs, &r->scratch, el, &s)) != 0) {
		r->nomem |= rc == RAMIFY_ENOMEM;
		return NULL;
	}
	while (is_space((unsigned char)*s))
		s++;
	for (n = strlen(s); n > 0 && is_space((unsigned char)s[n - 1]); n--)
		;
	if (n == 0)
		return NULL;
	if ((s = rm_strndup(&r->scratch, s, n)) == NULL)
		r->nomem = 1;
	else if (!check_utf8(r, el, "title", s))
		s = NULL;
	return s;
}

/*
 * head/expansionState: "a comma-separated list of line numbers that are
 * expanded ... starting at the first summit, navigate flatdown X times
 * and expand" (OPML 2.0).  Lines are the visible outlines counted from 0
 * in document order; expanding one only shows lines after it, so an
 * ascending list is applied in one walk.  Entries that are not ascending
 * are ignored.  Outlines with children that are not expanded are folded.
 */
static void
apply_expansion(struct reader *r, const char *list, struct ramify_topic *top,
    int top_is_line)
{
	struct ramify_topic *t;
	unsigned char *open;
	unsigned long want = 0, line = 0;
	const char *p = list;
	char *end;
	int have = 0;

	if ((open = calloc(r->doc->ntopics, 1)) == NULL) {
		r->nomem = 1;
		return;
	}
	t = top_is_line ? top : top->first;
	for (;;) {
		/* The next number not below this line. */
		while (!have && *p != '\0') {
			p += strspn(p, " \t\r\n,");
			if (*p < '0' || *p > '9') {
				p += *p != '\0';
				continue;
			}
			want = strtoul(p, &end, 10);
			p = end;
			have = want >= line;
		}
		if (t == NULL || !have)
			break;
		if (want == line) {
			open[t->seq] = 1;
			have = 0;
		}
		line++;
		/* Flat down: into an expanded topic, else onwards. */
		if (open[t->seq] && t->first != NULL)
			t = t->first;
		else {
			while (t != top && t->next == NULL)
				t = t->parent;
			t = t != top ? t->next : NULL;
		}
	}
	for (t = top_is_line ? top : top->first; t != NULL;
	    t = rm_next_preorder(t, top))
		if (t->first != NULL && !open[t->seq])
			t->folded = 1;
	free(open);
}

static int
read_body(struct reader *r, const xmlNode *opml, const xmlNode *head,
    const xmlNode *body)
{
	const xmlNode *n, *c, *title_el = NULL, *exp_el = NULL, *first = NULL;
	const char *title = NULL, *exp = NULL, *text;
	struct ramify_topic *parent, *root = NULL;
	size_t summits = 0;
	int rc = RAMIFY_OK, title_is_root = 0;

	for (c = head != NULL ? head->children : NULL; c != NULL; c = c->next) {
		if (is_el(c, "title") && title_el == NULL)
			title = element_text(r, title_el = c);
		else if (is_el(c, "expansionState") && exp_el == NULL)
			exp = element_text(r, exp_el = c);
	}
	if (r->nomem)
		return RAMIFY_ENOMEM;
	for (c = body->children; c != NULL; c = c->next)
		if (is_el(c, "outline") && summits++ == 0)
			first = c;
	/* The title is the map's, unless it only repeats the text of the
	 * one outline at the top (as the writer puts it when the map has
	 * no title of its own). */
	if (title != NULL && summits == 1 && attr(r, first, "text", &text) == 1 &&
	    strcmp(text, title) == 0)
		title_is_root = 1;
	if (title != NULL && !title_is_root &&
	    (r->doc->title = rm_strdup(&r->doc->arena, title)) == NULL)
		return RAMIFY_ENOMEM;
	if (summits == 0) {
		rm_error(r->diag, rm_xml_pos(r->locs, body), "<body> has no "
		    "<outline>: there is nothing to make a map of");
		return RAMIFY_EINPUT;
	}
	if (summits > 1) {
		/* Several outlines at the top: one root above them. */
		text = title != NULL ? title :
		    rm_file_stem(&r->scratch, r->diag->file);
		if (text == NULL)
			return RAMIFY_ENOMEM;
		root = rm_topic_new(r->doc, NULL, text, NULL,
		    rm_xml_pos(r->locs, title != NULL ? title_el : opml));
		if (root == NULL)
			return RAMIFY_ENOMEM;
	}
	for (n = rm_xml_next(body, body, 1); n != NULL && rc == RAMIFY_OK;
	    n = rm_xml_next(n, body, is_el(n, "outline"))) {
		if (!is_el(n, "outline"))
			continue;	/* unknown: skipped with its subtree */
		if (n->parent == body)
			parent = root;
		else if ((parent = r->topic_of[rm_xml_index(r->locs,
		    n->parent)]) == NULL)
			continue;	/* under an outline not made */
		rc = add_outline(r, n, parent);
	}
	if (rc == RAMIFY_OK && exp != NULL && !r->any_collapse)
		apply_expansion(r, exp, r->doc->root, summits == 1);
	return r->nomem ? RAMIFY_ENOMEM : rc;
}

int
opml_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	struct reader r;
	struct rm_xml_locs *locs;
	xmlDoc *xdoc;
	const xmlNode *opml, *c, *head = NULL, *body = NULL;
	int rc;

	if ((rc = rm_xml_parse(ctx->diag, buf, len, &xdoc, &locs)) != RAMIFY_OK)
		return rc;
	opml = xmlDocGetRootElement(xdoc);
	memset(&r, 0, sizeof r);
	r.diag = ctx->diag;
	r.doc = doc;
	r.locs = locs;
	if (!is_el(opml, "opml")) {
		rm_error(ctx->diag, rm_xml_pos(locs, opml), "root element is "
		    "<%s>, expected <opml>", (const char *)opml->name);
		rc = RAMIFY_EINPUT;
		goto out;
	}
	for (c = opml->children; c != NULL; c = c->next) {
		if (is_el(c, "head") && head == NULL)
			head = c;
		else if (is_el(c, "body") && body == NULL)
			body = c;
	}
	if (body == NULL) {
		rm_error(ctx->diag, rm_xml_pos(locs, opml), "<opml> has no "
		    "<body>");
		rc = RAMIFY_EINPUT;
		goto out;
	}
	if ((r.topic_of = g_try_new0(struct ramify_topic *,
	    rm_xml_count(locs))) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	rc = read_body(&r, opml, head, body);
out:
	g_free(r.topic_of);
	rm_arena_free(&r.scratch);
	rm_xml_free(xdoc, locs);
	if (rc == RAMIFY_OK && ctx->diag->nerrors > 0)
		rc = RAMIFY_EINPUT;
	return rc;
}

/* ---- Sniffing ----------------------------------------------------------- */

/* 100 when the first element is <opml>, after the XML declaration,
 * comments, processing instructions and a DOCTYPE. */
int
opml_sniff(const char *s, size_t n)
{
	size_t i = rm_xml_sniff_start(s, n);

	if (i < n && n - i >= 6 && memcmp(s + i, "<opml", 5) == 0 &&
	    (is_space((unsigned char)s[i + 5]) || s[i + 5] == '>' ||
	    s[i + 5] == '/'))
		return 100;
	return 0;
}
