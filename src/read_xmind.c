/*
 * read_xmind.c: XMind workbooks (docs/formats/xmind.md).
 *
 * An .xmind file is a zip archive.  XMind 2020 and later keep the map in
 * content.json (with a stub content.xml for old versions), XMind 8 and
 * earlier in content.xml: content.json is looked for first.  A workbook
 * holds several sheets, each a map; --sheet picks one (the first by
 * default) and its title becomes the map's title.
 *
 * Both walks use an explicit stack, never recursion: a topic's attached
 * children come first, then its detached (floating) ones, each marked
 * with detached=true.  Callouts and summaries have no place in a tree
 * and are skipped.
 */
#include <limits.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <jansson.h>
#include <libxml/HTMLparser.h>

#include "xml.h"
#include "zipmap.h"

#define XMIND_NS	"urn:xmind:xmap:xmlns:content:2.0"
#define XLINK_NS	"http://www.w3.org/1999/xlink"

/* ---- HTML notes -------------------------------------------------------- */

static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx; (void)msg;
}

/*
 * Append the text of the HTML fragment `html` to z->buf as a note.
 * Real XMind files always carry a plain version of every note, which is
 * used instead; this is for files written by other tools.  libxml2's HTML
 * parser never loads anything (it has no external entities and ignores
 * the DOCTYPE) and recovers from any malformed markup, so the fragment
 * is decoded as UTF-8 (the JSON string it came from is) and only refused
 * when the parser gives up: nesting deeper than libxml2 allows.
 */
static int
html_note(struct rm_zmap *z, const char *html, const char *who)
{
	const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC;
	xmlGenericErrorFunc saved_fn = xmlGenericError;
	void *saved_ctx = xmlGenericErrorContext;
	htmlParserCtxt *ctxt;
	xmlDoc *hdoc;
	size_t n = strlen(html);
	int rc = RAMIFY_OK;

	if (n == 0)
		return RAMIFY_OK;
	if (n > INT_MAX)
		return RAMIFY_ELIMIT;
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		return RAMIFY_ENOMEM;
	xmlSetGenericErrorFunc(NULL, quiet);
	hdoc = htmlCtxtReadMemory(ctxt, html, (int)n, NULL, "UTF-8", options);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	/* Stopped, not recovered: the text after that point is lost. */
	if (ctxt->errNo == XML_ERR_NO_MEMORY)
		rc = RAMIFY_ENOMEM;
	else if (ctxt->instate == XML_PARSER_EOF &&
	    ctxt->errNo == XML_ERR_INTERNAL_ERROR)
		rm_error(z->diag, (struct rm_pos){0, 0}, "%s: the note's HTML "
		    "nests too deeply (more than %d levels of elements)", who,
		    RM_XML_MAX_DEPTH - 1);
	else if (ctxt->instate == XML_PARSER_EOF)
		rm_error(z->diag, (struct rm_pos){0, 0}, "%s: the note's HTML "
		    "cannot be read (libxml2 error %d)", who, ctxt->errNo);
	else if (hdoc != NULL)
		rm_note_from_html(z->buf, (const xmlNode *)hdoc);
	htmlFreeParserCtxt(ctxt);
	xmlFreeDoc(hdoc);
	return rc;
}

/* A sheet's title, trimmed: a copy to free with g_free(). */
static char *
trim_dup(const char *title)
{
	size_t n;

	if (title == NULL)
		return g_strdup("");
	title += strspn(title, " \t\r\n");
	for (n = strlen(title); n > 0 && strchr(" \t\r\n", title[n - 1]) != NULL;
	    n--)
		;
	return g_strndup(title, n);
}

/* Pick the sheet --sheet asks for among `n` titled `titles` (each freed
 * here); its title becomes the map's.  (size_t)-1 after an error. */
static size_t
pick_sheet(struct rm_read_ctx *ctx, struct ramify_doc *doc, char **titles,
    size_t n, int *rc)
{
	size_t i, pick;

	pick = rm_zmap_sheet(ctx->diag, ctx->opts->sheet,
	    (const char *const *)titles, n);
	*rc = pick == (size_t)-1 ? RAMIFY_EINPUT : RAMIFY_OK;
	if (pick != (size_t)-1 && *titles[pick] != '\0' &&
	    (doc->title = rm_strdup(&doc->arena, titles[pick])) == NULL) {
		*rc = RAMIFY_ENOMEM;
		pick = (size_t)-1;
	}
	for (i = 0; i < n; i++)
		g_free(titles[i]);
	g_free(titles);
	return pick;
}

/* ---- XMind 2020+: content.json ----------------------------------------- */

struct jreader {
	struct rm_zmap	 z;
	size_t		 sheet;		/* 1-based, for messages */
	size_t		 ntopic;	/* topics seen, for messages */
};

struct jitem {
	json_t			*topic;
	struct ramify_topic	*parent;
	int			 detached;
};

static const char *
jtype(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:	return "an object";
	case JSON_ARRAY:	return "an array";
	case JSON_STRING:	return "a string";
	case JSON_INTEGER:
	case JSON_REAL:		return "a number";
	case JSON_TRUE:
	case JSON_FALSE:	return "a boolean";
	default:		return "null";
	}
}

/* "sheet 1, topic 'id'", or "sheet 1, topic #3" when it has no id.  A
 * long id is cut, between characters. */
static const char *
jwho(struct jreader *r, const json_t *topic, char *buf, size_t size)
{
	const json_t *id = json_object_get(topic, "id");
	size_t n = json_string_length(id);

	if (json_is_string(id) && n > 0)
		snprintf(buf, size, "sheet %zu, topic '%.*s%s'", r->sheet,
		    (int)rm_utf8_valid_prefix(json_string_value(id),
		    n > 64 ? 64 : n), json_string_value(id), n > 64 ? "..." : "");
	else
		snprintf(buf, size, "sheet %zu, topic #%zu", r->sheet,
		    r->ntopic);
	return buf;
}

/*
 * Member `key` of `obj` when it has type `type`; NULL when absent or
 * null, and NULL after reporting when it has another type.  Messages
 * name the member "`path``key`" ("notes.plain." "content") of `who`.
 */
static json_t *
jget_in(struct jreader *r, const json_t *obj, const char *path,
    const char *key, json_type type, const char *who)
{
	json_t *v = json_object_get(obj, key);
	static const char *const names[] = { "an object", "an array",
	    "a string", "a number", "a number", "a boolean", "a boolean",
	    "null" };

	if (v == NULL || json_is_null(v))
		return NULL;
	if (json_typeof(v) != type) {
		rm_error(r->z.diag, (struct rm_pos){0, 0}, "%s: '%s%s' is %s, "
		    "expected %s", who, path, key, jtype(v), names[type]);
		return NULL;
	}
	return v;
}

static json_t *
jget(struct jreader *r, const json_t *obj, const char *key, json_type type,
    const char *who)
{
	return jget_in(r, obj, "", key, type, who);
}

static const char *
jstring_in(struct jreader *r, const json_t *obj, const char *path,
    const char *key, const char *who)
{
	json_t *v = jget_in(r, obj, path, key, JSON_STRING, who);

	return v != NULL ? json_string_value(v) : NULL;
}

static const char *
jstring(struct jreader *r, const json_t *obj, const char *key,
    const char *who)
{
	return jstring_in(r, obj, "", key, who);
}

/* The text of the older "html" notes: paragraphs of spans, one line
 * each in `out`. */
static void
jparagraphs(struct jreader *r, const json_t *paras, GString *out,
    const char *who)
{
	const json_t *p, *spans, *s;
	const char *text;
	size_t i, k;
	char what[96];

	json_array_foreach(paras, i, p) {
		snprintf(what, sizeof what, "notes.html.content.paragraphs[%zu].",
		    i);
		if (!json_is_object(p) || (spans = jget_in(r, p, what, "spans",
		    JSON_ARRAY, who)) == NULL)
			continue;
		json_array_foreach(spans, k, s) {
			snprintf(what, sizeof what, "notes.html.content."
			    "paragraphs[%zu].spans[%zu].", i, k);
			if (json_is_object(s) &&
			    (text = jstring_in(r, s, what, "text", who)) != NULL)
				g_string_append(out, text);
		}
		g_string_append_c(out, '\n');
	}
}

/* The note of a topic: plain text first (XMind writes it next to every
 * formatted note), else realHTML, else the older html paragraphs. */
static int
jnote(struct jreader *r, const json_t *notes, struct ramify_topic *t,
    const char *who)
{
	const json_t *o, *paras;
	const char *text;
	GString *lines;

	g_string_truncate(r->z.buf, 0);
	if ((o = jget_in(r, notes, "notes.", "plain", JSON_OBJECT, who)) !=
	    NULL && (text = jstring_in(r, o, "notes.plain.", "content",
	    who)) != NULL)
		rm_note_from_plain(r->z.buf, text);
	else if ((o = jget_in(r, notes, "notes.", "realHTML", JSON_OBJECT,
	    who)) != NULL && (text = jstring_in(r, o, "notes.realHTML.",
	    "content", who)) != NULL) {
		if ((r->z.status = html_note(&r->z, text, who)) != RAMIFY_OK)
			return -1;
	} else if ((o = jget_in(r, notes, "notes.", "html", JSON_OBJECT,
	    who)) != NULL && (o = jget_in(r, o, "notes.html.", "content",
	    JSON_OBJECT, who)) != NULL && (paras = jget_in(r, o,
	    "notes.html.content.", "paragraphs", JSON_ARRAY, who)) != NULL) {
		lines = g_string_new(NULL);
		jparagraphs(r, paras, lines, who);
		rm_note_from_plain(r->z.buf, lines->str);
		g_string_free(lines, TRUE);
	}
	return rm_zmap_note(&r->z, t, (struct rm_pos){0, 0});
}

/* Everything a topic carries but its children. */
static int
jtopic_items(struct jreader *r, const json_t *jt, struct ramify_topic *t,
    const char *who)
{
	const json_t *a, *v;
	const char *s;
	char what[48];
	size_t i;

	if ((s = jstring(r, jt, "branch", who)) != NULL &&
	    strcmp(s, "folded") == 0)
		t->folded = 1;
	if ((s = jstring(r, jt, "href", who)) != NULL &&
	    rm_zmap_link(&r->z, t, s, who, (struct rm_pos){0, 0}) != 0)
		return -1;
	if ((a = jget(r, jt, "labels", JSON_ARRAY, who)) != NULL)
		json_array_foreach(a, i, v) {
			if (!json_is_string(v)) {
				rm_error(r->z.diag, (struct rm_pos){0, 0}, "%s: "
				    "'labels[%zu]' is %s, expected a string",
				    who, i, jtype(v));
				continue;
			}
			if (rm_topic_add_attr(r->z.doc, t, "label",
			    json_string_value(v)) != RAMIFY_OK)
				return r->z.status = RAMIFY_ENOMEM, -1;
		}
	if ((a = jget(r, jt, "markers", JSON_ARRAY, who)) != NULL)
		json_array_foreach(a, i, v) {
			if (!json_is_object(v)) {
				rm_error(r->z.diag, (struct rm_pos){0, 0}, "%s: "
				    "'markers[%zu]' is %s, expected an object",
				    who, i, jtype(v));
				continue;
			}
			snprintf(what, sizeof what, "markers[%zu].", i);
			if ((s = jstring_in(r, v, what, "markerId", who)) != NULL &&
			    *s != '\0' &&
			    rm_topic_add_icon(r->z.doc, t, s) != RAMIFY_OK)
				return r->z.status = RAMIFY_ENOMEM, -1;
		}
	if ((v = jget(r, jt, "notes", JSON_OBJECT, who)) != NULL)
		return jnote(r, v, t, who);
	return 0;
}

/* Push the topics of array `kids` for `parent`, last first, so that
 * they pop in order.  Reports what is not a topic when `report`. */
static void
jpush(struct jreader *r, GArray *stack, const json_t *kids,
    struct ramify_topic *parent, int detached, const char *who, int report)
{
	struct jitem it;
	size_t i = json_array_size(kids);

	while (i-- > 0) {
		it.topic = json_array_get(kids, i);
		if (!json_is_object(it.topic)) {
			if (report)
				rm_error(r->z.diag, (struct rm_pos){0, 0}, "%s: "
				    "'children.%s[%zu]' is %s, expected an "
				    "object", who, detached ? "detached" :
				    "attached", i, jtype(it.topic));
			continue;
		}
		it.parent = parent;
		it.detached = detached;
		g_array_append_val(stack, it);
	}
}

/* The topics of the sheet, root first, in document order.  `reserve`:
 * only collect the ids into r->z.reserved. */
static int
jwalk(struct jreader *r, json_t *root, int reserve)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct jitem));
	struct jitem it = { root, NULL, 0 };
	struct ramify_topic *t;
	const json_t *kids, *att, *det;
	const char *title, *id;
	char who[160];
	int rc = 0;

	r->ntopic = 0;
	g_array_append_val(stack, it);
	while (stack->len > 0 && rc == 0) {
		it = g_array_index(stack, struct jitem, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		r->ntopic++;
		jwho(r, it.topic, who, sizeof who);
		if (reserve) {
			id = json_string_value(json_object_get(it.topic, "id"));
			if (id != NULL)
				g_hash_table_add(r->z.reserved, (char *)id);
			t = NULL;
		} else {
			title = jstring(r, it.topic, "title", who);
			id = jstring(r, it.topic, "id", who);
			if ((t = rm_zmap_topic(&r->z, it.parent, title, id,
			    (struct rm_pos){0, 0}, it.detached)) == NULL ||
			    jtopic_items(r, it.topic, t, who) != 0) {
				rc = -1;
				break;
			}
		}
		/* Quiet while reserving: the second walk reports. */
		kids = reserve ? json_object_get(it.topic, "children") :
		    jget(r, it.topic, "children", JSON_OBJECT, who);
		if (!json_is_object(kids))
			continue;
		att = reserve ? json_object_get(kids, "attached") :
		    jget_in(r, kids, "children.", "attached", JSON_ARRAY, who);
		det = reserve ? json_object_get(kids, "detached") :
		    jget_in(r, kids, "children.", "detached", JSON_ARRAY, who);
		if (json_is_array(det))
			jpush(r, stack, det, t, 1, who, !reserve);
		if (json_is_array(att))
			jpush(r, stack, att, t, 0, who, !reserve);
	}
	g_array_free(stack, TRUE);
	return rc;
}

/* jansson's message where it is clear, ours where it names its own
 * flags or says nothing of the limit. */
static void
json_error(struct rm_diag *diag, const json_error_t *err)
{
	struct rm_pos pos = { err->line > 0 ? (unsigned)err->line : 0,
	    err->column > 0 ? (unsigned)err->column : 0 };
	size_t k;

	switch (json_error_code(err)) {
	case json_error_null_character:
		rm_error(diag, pos, "a string contains \\u0000, which is not "
		    "allowed");
		break;
	case json_error_stack_overflow:
		rm_error(diag, pos, "JSON nests too deeply (more than %d "
		    "levels of arrays and objects)", JSON_PARSER_MAX_DEPTH);
		break;
	default:
		/* Its "near" quotes input bytes: keep the valid UTF-8. */
		k = rm_utf8_valid_prefix(err->text, strlen(err->text));
		rm_error(diag, pos, "%.*s", (int)k, err->text);
	}
}

static int
read_json(struct rm_read_ctx *ctx, struct rm_zip *zip,
    struct ramify_doc *doc)
{
	struct rm_entry_diag ed;
	struct jreader r;
	json_error_t err;
	json_t *sheets, *sheet, *root;
	char **titles, *data, who[32];
	size_t len, i, n, pick;
	int rc;

	if ((rc = rm_zip_read(zip, "content.json", &data, &len)) != RAMIFY_OK)
		return rc;
	rm_entry_diag_init(&ed, ctx->diag, "content.json");
	memset(&r, 0, sizeof r);
	r.z.diag = &ed.diag;
	r.z.doc = doc;
	/* Duplicate keys are refused: which one counts is not defined.
	 * jansson refuses invalid UTF-8, "\u0000" and nesting deeper than
	 * JSON_PARSER_MAX_DEPTH (2048). */
	sheets = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
	free(data);
	if (sheets == NULL) {
		json_error(&ed.diag, &err);
		return RAMIFY_EINPUT;
	}
	if (!json_is_array(sheets) || (n = json_array_size(sheets)) == 0) {
		rm_error(&ed.diag, (struct rm_pos){0, 0}, "expected an array of "
		    "sheets, found %s", json_is_array(sheets) ?
		    "an empty array" : jtype(sheets));
		json_decref(sheets);
		return RAMIFY_EINPUT;
	}
	r.z.buf = g_string_new(NULL);
	r.z.reserved = g_hash_table_new(g_str_hash, g_str_equal);
	titles = g_new0(char *, n);
	json_array_foreach(sheets, i, sheet) {
		snprintf(who, sizeof who, "sheet %zu", i + 1);
		if (!json_is_object(sheet))
			rm_error(&ed.diag, (struct rm_pos){0, 0}, "%s is %s, "
			    "expected an object", who, jtype(sheet));
		titles[i] = trim_dup(json_is_object(sheet) ?
		    jstring(&r, sheet, "title", who) : NULL);
	}
	if ((pick = pick_sheet(ctx, doc, titles, n, &rc)) == (size_t)-1)
		goto out;
	rc = RAMIFY_EINPUT;
	if (!json_is_object(sheet = json_array_get(sheets, pick)))
		goto out;
	r.sheet = pick + 1;
	snprintf(who, sizeof who, "sheet %zu", pick + 1);
	if ((root = jget(&r, sheet, "rootTopic", JSON_OBJECT, who)) == NULL) {
		if (json_object_get(sheet, "rootTopic") == NULL)
			rm_error(&ed.diag, (struct rm_pos){0, 0}, "%s has no "
			    "'rootTopic'", who);
		goto out;
	}
	jwalk(&r, root, 1);
	jwalk(&r, root, 0);
	rc = r.z.status;
out:
	g_hash_table_destroy(r.z.reserved);
	g_string_free(r.z.buf, TRUE);
	json_decref(sheets);
	return rc;
}

/* ---- XMind 8: content.xml ------------------------------------------------ */

static int
xis(const xmlNode *n, const char *name)
{
	return rm_xml_is(n, XMIND_NS, name);
}

/* The first child element of `el` named `name`, or NULL. */
static xmlNode *
xchild(const xmlNode *el, const char *name)
{
	return rm_xml_child(el, XMIND_NS, name);
}

/* Text of the <title> child of `el`, or NULL. */
static const char *
xtitle(struct rm_zxml *r, const xmlNode *el)
{
	const xmlNode *t = xchild(el, "title");
	const char *s;
	int rc;

	if (t == NULL)
		return NULL;
	if ((rc = rm_xml_text(r->z.diag, r->locs, &r->scratch, t, &s)) != 0) {
		if (rc == RAMIFY_ENOMEM)
			r->z.status = RAMIFY_ENOMEM;
		return NULL;
	}
	return s;
}

static int
xtopic_items(struct rm_zxml *r, const xmlNode *el, struct ramify_topic *t)
{
	struct rm_pos pos = rm_xml_pos(r->locs, el);
	const xmlNode *c, *notes, *plain, *html;
	const char *s;
	char who[80];
	size_t n;
	int rc;

	n = strlen(t->key);
	snprintf(who, sizeof who, "topic '%.*s%s'", (int)rm_utf8_valid_prefix(
	    t->key, n > 48 ? 48 : n), t->key, n > 48 ? "..." : "");
	if ((s = rm_zxml_attr(r, el, NULL, "branch")) != NULL &&
	    strcmp(s, "folded") == 0)
		t->folded = 1;
	if ((s = rm_zxml_attr(r, el, XLINK_NS, "href")) != NULL &&
	    rm_zmap_link(&r->z, t, s, who, pos) != 0)
		return -1;
	for (c = xchild(xchild(el, "labels"), "label"); c != NULL; c = c->next) {
		if (!xis(c, "label"))
			continue;
		if ((rc = rm_xml_text(r->z.diag, r->locs, &r->scratch, c,
		    &s)) != 0) {
			if (rc == RAMIFY_ENOMEM)
				return r->z.status = RAMIFY_ENOMEM, -1;
			continue;
		}
		if (rm_topic_add_attr(r->z.doc, t, "label", s) != RAMIFY_OK)
			return r->z.status = RAMIFY_ENOMEM, -1;
	}
	for (c = xchild(xchild(el, "marker-refs"), "marker-ref"); c != NULL;
	    c = c->next)
		if (xis(c, "marker-ref") &&
		    (s = rm_zxml_attr(r, c, NULL, "marker-id")) != NULL && *s != '\0' &&
		    rm_topic_add_icon(r->z.doc, t, s) != RAMIFY_OK)
			return r->z.status = RAMIFY_ENOMEM, -1;
	/* The plain version is complete; html is for tools that write
	 * only that. */
	if ((notes = xchild(el, "notes")) == NULL)
		return 0;
	g_string_truncate(r->z.buf, 0);
	if ((plain = xchild(notes, "plain")) != NULL) {
		if ((rc = rm_xml_text(r->z.diag, r->locs, &r->scratch, plain,
		    &s)) != 0)
			return rc == RAMIFY_ENOMEM ?
			    (r->z.status = RAMIFY_ENOMEM, -1) : 0;
		rm_note_from_plain(r->z.buf, s);
	} else if ((html = xchild(notes, "html")) != NULL)
		rm_note_from_html(r->z.buf, html);
	return rm_zmap_note(&r->z, t, rm_xml_pos(r->locs, notes));
}

/* Push the <topic>s of every <children><topics type="attached"> (or
 * "detached") of `el`, last first. */
static void
xpush(GArray *stack, const xmlNode *el, struct ramify_topic *t,
    int detached)
{
	const char *type = detached ? "detached" : "attached";
	const xmlNode *ts, *c;
	struct rm_zitem it = { NULL, t, detached };
	xmlChar *v;
	int match;

	for (ts = xchild(el, "children"), ts = ts != NULL ? ts->last : NULL;
	    ts != NULL; ts = ts->prev) {
		if (!xis(ts, "topics"))
			continue;
		/* type is a plain token, no entities: read it directly. */
		v = xmlGetNoNsProp(ts, (const xmlChar *)"type");
		match = strcmp(v != NULL ? (const char *)v : "attached",
		    type) == 0;
		xmlFree(v);
		if (!match)
			continue;
		for (c = ts->last; c != NULL; c = c->prev)
			if (xis(c, "topic")) {
				it.el = c;
				g_array_append_val(stack, it);
			}
	}
}

static const char *
xid(struct rm_zxml *r, const xmlNode *el)
{
	return rm_zxml_attr(r, el, NULL, "id");
}

static const struct rm_zxml_topics xtopics = {
	xtitle, xid, xtopic_items, xpush
};

static int
read_xml(struct rm_read_ctx *ctx, struct rm_zip *zip, struct ramify_doc *doc)
{
	struct rm_entry_diag ed;
	struct rm_zxml r;
	struct rm_xml_locs *locs;
	xmlDoc *xdoc;
	const xmlNode *top, *s, *root, *n;
	GPtrArray *sheets = NULL;
	const char *v;
	char **titles, *data;
	size_t len, i, pick;
	int rc;

	if ((rc = rm_zip_read(zip, "content.xml", &data, &len)) != RAMIFY_OK)
		return rc;
	rm_entry_diag_init(&ed, ctx->diag, "content.xml");
	rc = rm_xml_parse(&ed.diag, data, len, &xdoc, &locs);
	free(data);
	if (rc != RAMIFY_OK)
		return rc;
	memset(&r, 0, sizeof r);
	r.z.diag = &ed.diag;
	r.z.doc = doc;
	r.locs = locs;
	r.z.buf = g_string_new(NULL);
	r.z.reserved = g_hash_table_new(g_str_hash, g_str_equal);
	rc = RAMIFY_EINPUT;
	top = xmlDocGetRootElement(xdoc);
	if (!xis(top, "xmap-content")) {
		rm_error(&ed.diag, rm_xml_pos(locs, top), "root element is <%s>"
		    "%s%s%s, expected <xmap-content xmlns=\"" XMIND_NS "\">",
		    (const char *)top->name, top->ns != NULL ?
		    " in namespace '" : " in no namespace", top->ns != NULL ?
		    (const char *)top->ns->href : "", top->ns != NULL ? "'" : "");
		goto out;
	}
	sheets = g_ptr_array_new();
	for (s = top->children; s != NULL; s = s->next)
		if (xis(s, "sheet"))
			g_ptr_array_add(sheets, (void *)s);
	if (sheets->len == 0) {
		rm_error(&ed.diag, rm_xml_pos(locs, top), "<xmap-content> has "
		    "no <sheet>");
		goto out;
	}
	titles = g_new0(char *, sheets->len);
	for (i = 0; i < sheets->len; i++)
		titles[i] = trim_dup(xtitle(&r, g_ptr_array_index(sheets, i)));
	if ((pick = pick_sheet(ctx, doc, titles, sheets->len, &rc)) ==
	    (size_t)-1 || (rc = r.z.status) != RAMIFY_OK)
		goto out;
	rc = RAMIFY_EINPUT;
	s = g_ptr_array_index(sheets, pick);
	if ((root = xchild(s, "topic")) == NULL) {
		rm_error(&ed.diag, rm_xml_pos(locs, s), "sheet %zu has no "
		    "<topic>", pick + 1);
		goto out;
	}
	/* Every id the sheet uses, so that generated ones stay clear. */
	for (n = root; n != NULL; n = rm_xml_next(n, root, 1))
		if (xis(n, "topic") && (v = rm_zxml_attr(&r, n, NULL, "id")) != NULL)
			g_hash_table_add(r.z.reserved, (char *)v);
	rm_zxml_walk(&r, root, &xtopics);
	rc = r.z.status;
out:
	if (sheets != NULL)
		g_ptr_array_free(sheets, TRUE);
	g_hash_table_destroy(r.z.reserved);
	g_string_free(r.z.buf, TRUE);
	rm_arena_free(&r.scratch);
	rm_xml_free(xdoc, locs);
	return rc;
}

/* ---- Entry points --------------------------------------------------------- */

int
xmind_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	struct rm_zip *zip;
	int rc, has;

	if ((rc = rm_zip_open(ctx->diag, buf, len, "XMind files are zip "
	    "archives", &zip)) != RAMIFY_OK)
		return rc;
	if ((has = rm_zip_has(zip, "content.json")) > 0)
		rc = read_json(ctx, zip, doc);
	else if (has == 0 && (has = rm_zip_has(zip, "content.xml")) > 0)
		rc = read_xml(ctx, zip, doc);
	else if (has == 0) {
		rm_error(ctx->diag, (struct rm_pos){0, 0}, "the zip archive has "
		    "neither content.json (XMind 2020 and later) nor "
		    "content.xml (XMind 8): not an XMind file");
		rc = RAMIFY_EINPUT;
	} else
		rc = RAMIFY_EINPUT;
	rm_zip_close(zip);
	return rc;
}

int
xmind_sniff(const char *buf, size_t len)
{
	return rm_zip_probe(buf, len, "content.json content.xml") ? 90 : 0;
}
