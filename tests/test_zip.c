/*
 * test_zip.c: the zipped map readers (XMind 2020+ and 8, MindManager)
 * and the libzip wrapper under them.  Archives are built in memory with
 * libzip itself; the fixtures under tests/ made by
 * tests/fixtures/make-zip-fixtures.py hold what libzip will not write
 * (lying sizes, broken extra fields).
 */
#include <stdint.h>
#include <stdio.h>

#include <glib.h>
#include <zip.h>

#include "util.h"
#include "internal.h"
#include "xml.h"
#include "zipmap.h"

/* ---- Helpers ---------------------------------------------------------- */

struct member {
	const char	*name;
	const char	*data;
	size_t		 len;		/* 0: strlen(data) */
	int		 store;		/* no compression */
	int		 extra;		/* unknown extra fields, local != central */
};

/* A zip archive of the `n` members, built by libzip in memory.  Free
 * with free(). */
static char *
make_zip(const struct member *m, size_t n, size_t *len)
{
	static const zip_uint8_t local[] = "mindjet local", central[] = "mj";
	zip_error_t err;
	zip_source_t *src, *s;
	zip_stat_t st;
	zip_t *za;
	zip_int64_t idx;
	char *out;
	size_t i;

	zip_error_init(&err);
	src = zip_source_buffer_create(NULL, 0, 0, &err);
	assert_non_null(src);
	zip_source_keep(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &err);
	assert_non_null(za);
	for (i = 0; i < n; i++) {
		s = zip_source_buffer(za, m[i].data, m[i].len > 0 ? m[i].len :
		    strlen(m[i].data), 0);
		assert_non_null(s);
		idx = zip_file_add(za, m[i].name, s, ZIP_FL_ENC_UTF_8);
		assert_true(idx >= 0);
		zip_file_set_mtime(za, (zip_uint64_t)idx, 1704067200, 0);
		if (m[i].store)
			assert_int_equal(zip_set_file_compression(za,
			    (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
		if (m[i].extra) {
			assert_int_equal(zip_file_extra_field_set(za,
			    (zip_uint64_t)idx, 0x4d4a, ZIP_EXTRA_FIELD_NEW,
			    local, sizeof local - 1, ZIP_FL_LOCAL), 0);
			assert_int_equal(zip_file_extra_field_set(za,
			    (zip_uint64_t)idx, 0x4d4a, ZIP_EXTRA_FIELD_NEW,
			    central, sizeof central - 1, ZIP_FL_CENTRAL), 0);
		}
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	*len = (size_t)st.size;
	out = malloc(*len + 1);
	assert_non_null(out);
	assert_int_equal(zip_source_open(src), 0);
	assert_int_equal(zip_source_read(src, out, *len), (zip_int64_t)*len);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&err);
	return out;
}

/* Read `len` bytes as format `fmt` with --sheet `sheet` (NULL: none). */
static ramify_doc *
read_as(const char *fmt, const char *buf, size_t len, const char *sheet,
    struct diags *d, int *rc)
{
	ramify_options *o = ramify_options_new();
	ramify_doc *doc = NULL;

	memset(d, 0, sizeof *d);
	ramify_options_set_diag(o, diags_cb, d);
	if (sheet != NULL)
		assert_int_equal(ramify_options_set(o, "sheet", sheet), RAMIFY_OK);
	*rc = ramify_read(fmt != NULL ? ramify_format_by_name(fmt) : NULL, buf,
	    len, "test", o, &doc);
	ramify_options_free(o);
	return doc;
}

/* One entry `name` holding `text`, read as `fmt`. */
static ramify_doc *
read_one(const char *fmt, const char *name, const char *text,
    const char *sheet, struct diags *d, int *rc)
{
	struct member m = { name, text, 0, 0, 0 };
	size_t len;
	char *zip = make_zip(&m, 1, &len);
	ramify_doc *doc = read_as(fmt, zip, len, sheet, d, rc);

	free(zip);
	return doc;
}

static char *
slurp(const char *path, size_t *len)
{
	gchar *data;
	gsize n;

	assert_true(g_file_get_contents(path, &data, &n, NULL));
	*len = n;
	return data;
}

/* The topic whose key is `key`; fails the test when there is none. */
static struct ramify_topic *
topic(ramify_doc *doc, const char *key)
{
	struct ramify_topic *t = rm_doc_find(doc, key);

	assert_non_null(t);
	return t;
}

/* The value of attribute `name` of `t`, or NULL. */
static const char *
attr(const struct ramify_topic *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nattrs; i++)
		if (strcmp(t->attrs[i].name, name) == 0)
			return t->attrs[i].value;
	return NULL;
}

/* ---- XMind 2020+ ---------------------------------------------------------- */

static const char zen[] =
    "[{\"id\":\"s1\",\"title\":\" First\\n\",\"rootTopic\":{\"id\":\"r\","
    "\"title\":\"  Root\\r\\ntwo  \",\"notes\":{\"plain\":{\"content\":"
    "\"  plain  wins \\n\\n second\"},\"realHTML\":{\"content\":\"<p>html"
    "</p>\"}},\"children\":{\"detached\":[{\"id\":\"d\",\"title\":\"Free\"}],"
    "\"attached\":[{\"id\":\"a\",\"title\":\"A\",\"labels\":[\"L1\",\"L2\"],"
    "\"markers\":[{\"markerId\":\"priority-1\"},{\"markerId\":\"task-done\"}],"
    "\"href\":\"https://example.com\",\"branch\":\"folded\",\"children\":"
    "{\"attached\":[{\"title\":\"under folded\"}]}},{\"id\":\"x\",\"title\":"
    "\"X\",\"href\":\"xap:attachments/a.pdf\",\"notes\":{\"html\":{\"content\":"
    "{\"paragraphs\":[{\"spans\":[{\"text\":\"Span \"},{\"text\":\"one\"}]},"
    "{\"spans\":[{\"text\":\"two\"}]}]}}}},{\"id\":\"h\",\"title\":\"H\","
    "\"notes\":{\"realHTML\":{\"content\":\"<div>a<br>b</div><ul><li>c"
    "&nbsp;&amp; d</li></ul><pre>x\\ny</pre><style>p{}</style>\"}}}],"
    "\"callout\":[{\"id\":\"c\",\"title\":\"skipped\"}]}}},"
    "{\"id\":\"s2\",\"title\":\"第二\",\"rootTopic\":{\"title\":\"Two\"}}]";

static void
test_zen_features(void **state)
{
	struct member m[] = {
		{ "content.xml", "<not even=\"xml\"", 0, 0, 0 },
		{ "content.json", zen, 0, 0, 0 },
	};
	struct diags d;
	struct ramify_topic *r, *a, *x, *h;
	ramify_doc *doc;
	size_t len;
	char *zip = make_zip(m, 2, &len);
	int rc;

	(void)state;
	/* content.json wins over content.xml, which is not even read.
	 * Sheet titles are trimmed. */
	doc = read_as("xmind", zip, len, NULL, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	assert_non_null(doc);
	assert_string_equal(doc->title, "First");
	r = doc->root;
	assert_string_equal(r->text, "Root\ntwo");
	assert_string_equal(ramify_topic_note(doc, r, 0), "plain wins\n\nsecond");
	/* Attached children first, then detached ones, marked. */
	assert_int_equal(r->nkids, 4);
	assert_string_equal(r->first->key, "a");
	assert_string_equal(r->last->key, "d");
	assert_string_equal(attr(r->last, "detached"), "true");
	assert_null(attr(r->first, "detached"));
	assert_null(rm_doc_find(doc, "c"));	/* callouts are skipped */
	a = topic(doc, "a");
	assert_true(a->folded);
	assert_int_equal(a->nattrs, 2);
	assert_string_equal(a->attrs[0].name, "label");
	assert_string_equal(a->attrs[1].value, "L2");
	assert_int_equal(a->nicons, 2);
	assert_string_equal(a->icons[0], "priority-1");
	assert_string_equal(a->icons[1], "task-done");
	assert_int_equal(a->nlinks, 1);
	assert_string_equal(a->links[0].href, "https://example.com");
	assert_string_equal(a->first->text, "under folded");
	/* The attachment link is dropped, with a warning. */
	x = topic(doc, "x");
	assert_int_equal(x->nlinks, 0);
	assert_non_null(strstr(d.text, "0:0: warning: content.json: sheet 1, "
	    "topic 'x': link to 'xap:attachments/a.pdf' dropped"));
	assert_string_equal(ramify_topic_note(doc, x, 0), "Span one\n\ntwo");
	/* realHTML: blocks and <br> end paragraphs, <pre> keeps lines,
	 * NBSP is a space, styles are not text. */
	h = topic(doc, "h");
	assert_string_equal(ramify_topic_note(doc, h, 0),
	    "a\n\nb\n\nc & d\n\nx\n\ny");
	assert_int_equal(d.errors, 0);
	ramify_doc_free(doc);

	/* --sheet by number and by title. */
	doc = read_as("xmind", zip, len, "2", &d, &rc);
	assert_non_null(doc);
	assert_string_equal(doc->title, "第二");
	assert_string_equal(doc->root->text, "Two");
	ramify_doc_free(doc);
	doc = read_as("xmind", zip, len, "第二", &d, &rc);
	assert_non_null(doc);
	assert_string_equal(doc->root->text, "Two");
	ramify_doc_free(doc);
	doc = read_as("xmind", zip, len, "First", &d, &rc);
	assert_non_null(doc);
	assert_string_equal(doc->root->text, "Root\ntwo");
	ramify_doc_free(doc);
	/* An unknown sheet lists the sheets. */
	doc = read_as("xmind", zip, len, "3", &d, &rc);
	assert_null(doc);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_string_equal(d.text, "0:0: error: no sheet 3: the 2 sheets are "
	    "1 'First', 2 '第二'\n");
	doc = read_as("xmind", zip, len, "Third", &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: no sheet named 'Third': the 2 "
	    "sheets are 1 'First', 2 '第二'\n");
	free(zip);
}

/* Every topic id of the file is kept clear of generated ones; an id
 * used twice is warned about and replaced. */
static void
test_zen_ids(void **state)
{
	struct diags d;
	ramify_doc *doc;
	int rc;

	(void)state;
	doc = read_one("xmind", "content.json", "[{\"rootTopic\":{\"title\":"
	    "\"r\",\"children\":{\"attached\":[{\"title\":\"no id\"},"
	    "{\"id\":\"t1\",\"title\":\"file t1\"},{\"id\":\"t1\",\"title\":"
	    "\"again\"},{\"id\":\"has space\",\"title\":\"bad id\"}]}}}]",
	    NULL, &d, &rc);
	assert_non_null(doc);
	assert_string_equal(doc->root->key, "t0");
	assert_string_equal(doc->root->first->key, "t1-2");
	assert_string_equal(topic(doc, "t1")->text, "file t1");
	assert_string_equal(doc->root->first->next->next->key, "t3");
	assert_string_equal(doc->root->last->key, "t4");
	assert_string_equal(d.text, "0:0: warning: content.json: topic id 't1' "
	    "is used twice; the second topic gets a new id\n");
	ramify_doc_free(doc);
}

/* A JSON chain `levels` topics deep. */
static char *
deep_json(unsigned levels)
{
	GString *s = g_string_new("[{\"title\":\"deep\",\"rootTopic\":");
	unsigned i;

	for (i = 0; i < levels; i++) {
		g_string_append_printf(s, "{\"title\":\"L%u\"", i);
		if (i + 1 < levels)
			g_string_append(s, ",\"children\":{\"attached\":[");
	}
	for (i = 0; i < levels; i++)
		g_string_append(s, i == 0 ? "}" : "]}}");
	g_string_append(s, "}]");
	return g_string_free(s, FALSE);
}

static void
test_zen_deep(void **state)
{
	struct diags d;
	ramify_doc *doc;
	char *json;
	int rc;

	(void)state;
	/* 300 levels: three JSON levels each, well within jansson's 2048. */
	json = deep_json(300);
	doc = read_one("xmind", "content.json", json, NULL, &d, &rc);
	assert_non_null(doc);
	assert_int_equal(doc->ntopics, 300);
	assert_int_equal(doc->topics[299]->depth, 299);
	assert_string_equal(doc->topics[299]->text, "L299");
	ramify_doc_free(doc);
	g_free(json);
	/* Deeper than jansson goes: a located error, no crash. */
	json = deep_json(100000);
	doc = read_one("xmind", "content.json", json, NULL, &d, &rc);
	assert_null(doc);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_non_null(strstr(d.text, ": error: content.json: JSON nests too "
	    "deeply (more than 2048 levels of arrays and objects)\n"));
	assert_true(strncmp(d.text, "1:", 2) == 0);
	g_free(json);
}

/* A realHTML note nested deeper than libxml2's HTML parser goes: an
 * error, not a note cut short; as deep as it goes: the text. */
static void
test_zen_deep_html(void **state)
{
	static const unsigned depth[] = { 250, 100000 };
	struct diags d;
	ramify_doc *doc;
	GString *s;
	unsigned i, k;
	int rc;

	(void)state;
	for (k = 0; k < 2; k++) {
		s = g_string_new("[{\"rootTopic\":{\"id\":\"r\",\"notes\":"
		    "{\"realHTML\":{\"content\":\"");
		for (i = 0; i < depth[k]; i++)
			g_string_append(s, "<b>");
		g_string_append(s, "deep text\"}}}}]");
		doc = read_one("xmind", "content.json", s->str, NULL, &d, &rc);
		if (k == 0) {
			assert_non_null(doc);
			assert_string_equal(ramify_topic_note(doc, doc->root, 0),
			    "deep text");
		} else {
			assert_null(doc);
			assert_string_equal(d.text, "0:0: error: content.json: "
			    "sheet 1, topic 'r': the note's HTML nests too "
			    "deeply (more than 256 levels of elements)\n");
		}
		ramify_doc_free(doc);
		g_string_free(s, TRUE);
	}
}

static void
test_zen_errors(void **state)
{
	struct diags d;
	ramify_doc *doc;
	int rc;

	(void)state;
	doc = read_one("xmind", "content.json", "[{\"title\":\"no root\"}]",
	    NULL, &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: content.json: sheet 1 has no "
	    "'rootTopic'\n");
	doc = read_one("xmind", "content.json", "[{\"rootTopic\":[]}]", NULL,
	    &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: content.json: sheet 1: "
	    "'rootTopic' is an array, expected an object\n");
	doc = read_one("xmind", "content.json", "[1, {\"rootTopic\":{}}]", NULL,
	    &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: content.json: sheet 1 is a "
	    "number, expected an object\n");
	doc = read_one("xmind", "content.json", "\n\n  [}", NULL, &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "3:4: error: content.json: unexpected "
	    "token near '}'\n");
}

/* ---- XMind 8 -------------------------------------------------------------- */

#define XMAP	"<xmap-content xmlns=\"urn:xmind:xmap:xmlns:content:2.0\" " \
		"xmlns:xhtml=\"http://www.w3.org/1999/xhtml\" " \
		"xmlns:xlink=\"http://www.w3.org/1999/xlink\">"

static void
test_xmind8(void **state)
{
	struct diags d;
	struct ramify_topic *r, *a;
	ramify_doc *doc;
	int rc;

	(void)state;
	doc = read_one("xmind", "content.xml", XMAP "\n<sheet id=\"s\">\n"
	    "<topic id=\"r\"><title>R</title>\n"
	    "<children><topics type=\"detached\"><topic id=\"d\"><title>D"
	    "</title></topic></topics>\n"
	    "<topics type=\"attached\"><topic id=\"a\" branch=\"folded\" "
	    "xlink:href=\"xap:attachments/x\"><title>A</title>\n"
	    "<notes><html><xhtml:p>one <xhtml:b>b</xhtml:b></xhtml:p><xhtml:p/>"
	    "<xhtml:p>two</xhtml:p></html></notes>\n"
	    "<labels><label>L</label></labels><marker-refs><marker-ref "
	    "marker-id=\"flag-red\"/></marker-refs>\n"
	    "<children><topics type=\"attached\"><topic><title>k</title>"
	    "</topic></topics></children></topic></topics></children>\n"
	    "</topic><title>S</title></sheet></xmap-content>", NULL, &d, &rc);
	assert_non_null(doc);
	assert_string_equal(doc->title, "S");
	r = doc->root;
	assert_int_equal(r->pos.line, 3);
	assert_int_equal(r->pos.col, 1);
	assert_string_equal(r->first->key, "a");
	assert_string_equal(r->last->key, "d");
	assert_string_equal(attr(r->last, "detached"), "true");
	a = r->first;
	assert_true(a->folded);
	assert_int_equal(a->nlinks, 0);
	assert_string_equal(ramify_topic_note(doc, a, 0), "one b\n\ntwo");
	assert_string_equal(attr(a, "label"), "L");
	assert_string_equal(a->icons[0], "flag-red");
	assert_string_equal(a->first->text, "k");
	assert_string_equal(d.text, "5:25: warning: content.xml: topic 'a': "
	    "link to 'xap:attachments/x' dropped (files attached inside the "
	    "archive are not read)\n");
	ramify_doc_free(doc);
}

/* XML nesting: XMind 8 spends three elements a level, MindManager two;
 * libxml2 stops at 257. */
static char *
deep_xml(int mmap, unsigned levels)
{
	GString *s = g_string_new(mmap ? "<ap:Map xmlns:ap=\"http://schemas."
	    "mindjet.com/MindManager/Application/2003\"><ap:OneTopic>\n" :
	    XMAP "<sheet>\n");
	unsigned i;

	for (i = 0; i < levels; i++) {
		if (mmap)
			g_string_append_printf(s, "%s<ap:Topic><ap:Text "
			    "PlainText=\"L%u\"/>", i > 0 ? "<ap:SubTopics>" : "",
			    i);
		else
			g_string_append_printf(s, "%s<topic><title>L%u</title>",
			    i > 0 ? "<children><topics type=\"attached\">" :
			    "", i);
	}
	for (i = 0; i < levels; i++)
		g_string_append(s, mmap ? (i + 1 < levels ? "</ap:Topic>"
		    "</ap:SubTopics>" : "</ap:Topic>") : (i + 1 < levels ?
		    "</topic></topics></children>" : "</topic>"));
	g_string_append(s, mmap ? "</ap:OneTopic></ap:Map>" :
	    "</sheet></xmap-content>");
	return g_string_free(s, FALSE);
}

static void
test_xml_deep(void **state)
{
	struct diags d;
	ramify_doc *doc;
	char *xml;
	int rc, mmap;

	(void)state;
	for (mmap = 0; mmap <= 1; mmap++) {
		const char *fmt = mmap ? "mmap" : "xmind";
		const char *entry = mmap ? "Document.xml" : "content.xml";

		/* As deep as libxml2 allows: 84 and 127 levels. */
		xml = deep_xml(mmap, mmap ? 127 : 84);
		doc = read_one(fmt, entry, xml, NULL, &d, &rc);
		assert_non_null(doc);
		assert_int_equal(doc->ntopics, mmap ? 127 : 84);
		ramify_doc_free(doc);
		g_free(xml);
		/* 300 levels: a located error naming the entry. */
		xml = deep_xml(mmap, 300);
		doc = read_one(fmt, entry, xml, NULL, &d, &rc);
		assert_null(doc);
		assert_int_equal(rc, RAMIFY_EINPUT);
		assert_non_null(strstr(d.text, ": error: "));
		assert_non_null(strstr(d.text, entry));
		assert_non_null(strstr(d.text, ": document nests too deeply "
		    "(more than 257 levels of elements)\n"));
		assert_true(strncmp(d.text, "2:", 2) == 0);
		g_free(xml);
	}
}

/* ---- MindManager ------------------------------------------------------------ */

static void
test_mmap(void **state)
{
	static const char document[] =
	    "<ap:Map xmlns:ap=\"http://schemas.mindjet.com/MindManager/"
	    "Application/2003\" xmlns:xsi=\"http://www.w3.org/2001/"
	    "XMLSchema-instance\"><ap:OneTopic>\n<ap:Topic OId=\"r\">"
	    "<ap:SubTopics><ap:Topic OId=\"a\"><ap:Text PlainText=\"A\"/>"
	    "<ap:TopicViewGroup><ap:Collapsed Collapsed=\"true\"/>"
	    "</ap:TopicViewGroup><ap:SubTopics><ap:Topic><ap:Text PlainText="
	    "\"k\"/></ap:Topic></ap:SubTopics>\n"
	    "<ap:NotesGroup><ap:NotesXhtmlData PreviewPlainText=\"short\">"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><p>full</p>"
	    "<p>note</p></body></html></ap:NotesXhtmlData></ap:NotesGroup>"
	    "<ap:Hyperlink Url=\"https://example.com/\"/>"
	    "<ap:IconsGroup><ap:Icons><ap:Icon xsi:type=\"ap:StockIcon\" "
	    "IconType=\"urn:mindjet:Flag\"/></ap:Icons></ap:IconsGroup>"
	    "<ap:Task TaskPriority=\"urn:mindjet:Prio2\"/>"
	    "</ap:Topic><ap:Topic OId=\"b\"><ap:Text PlainText=\"B\"/>"
	    "<ap:NotesGroup><ap:NotesXhtmlData PreviewPlainText=\"l1&#13;&#10;"
	    "l2\"/></ap:NotesGroup></ap:Topic></ap:SubTopics>"
	    "<ap:FloatingTopics><ap:Topic OId=\"f\"><ap:Text PlainText=\"F\"/>"
	    "</ap:Topic></ap:FloatingTopics>"
	    "<ap:Text PlainText=\"Root\"/></ap:Topic></ap:OneTopic></ap:Map>";
	struct member m[] = {
		{ "Document.xml", document, 0, 0, 1 },
		{ "bin/x.png", "\x89PNG", 0, 1, 1 },
	};
	struct diags d;
	struct ramify_topic *r, *a, *b;
	ramify_doc *doc;
	size_t len;
	char *zip = make_zip(m, 2, &len);
	int rc;

	(void)state;
	doc = read_as("mmap", zip, len, NULL, &d, &rc);
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	assert_null(doc->title);
	r = doc->root;
	assert_string_equal(r->text, "Root");
	assert_string_equal(r->key, "r");
	assert_int_equal(r->nkids, 3);
	a = r->first;
	assert_true(a->folded);
	assert_string_equal(a->first->text, "k");
	assert_string_equal(ramify_topic_note(doc, a, 0), "full\n\nnote");
	assert_string_equal(a->links[0].href, "https://example.com/");
	assert_int_equal(a->nicons, 2);
	assert_string_equal(a->icons[0], "urn:mindjet:Flag");
	assert_string_equal(a->icons[1], "urn:mindjet:Prio2");
	b = a->next;
	assert_string_equal(ramify_topic_note(doc, b, 0), "l1\n\nl2");
	assert_string_equal(r->last->key, "f");
	assert_string_equal(attr(r->last, "detached"), "true");
	ramify_doc_free(doc);
	/* Found by content alone. */
	assert_string_equal(ramify_format_name(ramify_format_sniff(zip, len)),
	    "mmap");
	free(zip);
}

/* The fixture's local headers carry an extra field that claims more
 * bytes than it has: libzip refuses that with ZIP_CHECKCONS, and reads
 * the data without. */
static void
test_mmap_extra_fields(void **state)
{
	struct diags d;
	zip_error_t err;
	zip_source_t *src;
	ramify_doc *doc;
	size_t len;
	char *buf = slurp("tests/golden/in/mindmanager.mmap", &len);
	int rc;

	(void)state;
	zip_error_init(&err);
	src = zip_source_buffer_create(buf, len, 0, &err);
	assert_non_null(src);
	assert_null(zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &err));
	assert_int_equal(zip_error_code_zip(&err), ZIP_ER_INCONS);
	zip_source_free(src);
	zip_error_fini(&err);
	doc = read_as(NULL, buf, len, NULL, &d, &rc);
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	assert_string_equal(doc->root->text, "客户 Customers");
	ramify_doc_free(doc);
	g_free(buf);
}

/* ---- The zip wrapper ---------------------------------------------------------- */

static void
test_zip_limits(void **state)
{
	/* A run of spaces deflates about 1000:1. */
	size_t small = (size_t)1 << 20, big = small + 4096, len;
	char *json = malloc(big + 64), *zip;
	struct member m = { "content.json", json, 0, 0, 0 };
	struct diags d;
	ramify_doc *doc;
	int rc;

	(void)state;
	assert_non_null(json);
	/* At the floor the ratio does not matter. */
	memset(json, ' ', big + 64);
	memcpy(json, "[{\"rootTopic\":{\"title\":\"r\"}}", 28);
	json[small - 1] = ']';
	m.len = small;
	zip = make_zip(&m, 1, &len);
	assert_true(len < small / 200);
	doc = read_as("xmind", zip, len, NULL, &d, &rc);
	assert_non_null(doc);
	ramify_doc_free(doc);
	free(zip);
	/* Above it, it does. */
	json[small - 1] = ' ';
	json[big - 1] = ']';
	m.len = big;
	zip = make_zip(&m, 1, &len);
	doc = read_as("xmind", zip, len, NULL, &d, &rc);
	assert_null(doc);
	assert_int_equal(rc, RAMIFY_ELIMIT);
	assert_non_null(strstr(d.text, "0:0: error: zip entry 'content.json' "
	    "claims 1.0 MiB from "));
	assert_non_null(strstr(d.text, "compressed, more than 200 times "
	    "smaller: refusing (zip bomb?)\n"));
	free(zip);
	free(json);
}

static void
test_zip_errors(void **state)
{
	struct member m[] = {
		{ "meta.xml", "<meta/>", 0, 0, 0 },
		{ "content.JSON", "[]", 0, 0, 0 },
	};
	struct diags d;
	ramify_doc *doc;
	size_t len;
	char *zip;
	int rc;

	(void)state;
	doc = read_as("xmind", "PK\003\004 not really", 16, NULL, &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: not a zip archive (XMind "
	    "files are zip archives)\n");
	doc = read_as("mmap", "", 0, NULL, &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: not a zip archive "
	    "(MindManager files are zip archives)\n");
	/* Names match exactly: content.JSON is not content.json. */
	zip = make_zip(m, 2, &len);
	doc = read_as("xmind", zip, len, NULL, &d, &rc);
	assert_null(doc);
	assert_string_equal(d.text, "0:0: error: the zip archive has neither "
	    "content.json (XMind 2020 and later) nor content.xml (XMind 8): "
	    "not an XMind file\n");
	assert_null(ramify_format_sniff(zip, len));
	free(zip);
}

/* Opening reads the whole central directory: the number of entries is
 * capped. */
static void
test_zip_entries(void **state)
{
	struct member *m = calloc(RM_ZIP_MAX_ENTRIES + 1, sizeof *m);
	char (*names)[16] = calloc(RM_ZIP_MAX_ENTRIES + 1, sizeof *names);
	struct diags d;
	ramify_doc *doc;
	size_t i, len;
	char *zip;
	int rc;

	(void)state;
	assert_non_null(m);
	assert_non_null(names);
	for (i = 0; i <= RM_ZIP_MAX_ENTRIES; i++) {
		snprintf(names[i], sizeof names[i], "e%zu", i);
		m[i].name = names[i];
		m[i].data = "";
		m[i].store = 1;
	}
	m[0].name = "content.json";
	m[0].data = "[{\"rootTopic\":{\"title\":\"r\"}}]";
	zip = make_zip(m, RM_ZIP_MAX_ENTRIES + 1, &len);
	doc = read_as("xmind", zip, len, NULL, &d, &rc);
	assert_null(doc);
	assert_int_equal(rc, RAMIFY_ELIMIT);
	assert_string_equal(d.text, "0:0: error: zip archive has 65537 "
	    "entries, more than 65536: refusing\n");
	assert_null(ramify_format_sniff(zip, len));
	free(zip);
	/* One fewer is fine. */
	zip = make_zip(m, RM_ZIP_MAX_ENTRIES, &len);
	doc = read_as(NULL, zip, len, NULL, &d, &rc);
	assert_non_null(doc);
	ramify_doc_free(doc);
	free(zip);
	free(m);
	free(names);
}

static void
test_sniff(void **state)
{
	struct member m = { "content.xml", XMAP "</xmap-content>", 0, 0, 0 };
	size_t len;
	char *zip = make_zip(&m, 1, &len);

	(void)state;
	assert_string_equal(ramify_format_name(ramify_format_sniff(zip, len)),
	    "xmind");
	free(zip);
	m.name = "content.json";
	zip = make_zip(&m, 1, &len);
	assert_string_equal(ramify_format_name(ramify_format_sniff(zip, len)),
	    "xmind");
	free(zip);
	/* The extension too. */
	assert_string_equal(ramify_format_name(ramify_format_by_path("a.XMIND",
	    1)), "xmind");
	assert_string_equal(ramify_format_name(ramify_format_by_path("b.mmap",
	    1)), "mmap");
}

/* ---- Notes to text ---------------------------------------------------------- */

static void
test_note_text(void **state)
{
	struct diags d;
	struct rm_diag diag = { diags_cb, &d, "t", 0 };
	struct rm_xml_locs *locs;
	xmlDoc *xdoc;
	GString *s = g_string_new(NULL);
	static const char html[] = "<div xmlns=\"http://www.w3.org/1999/xhtml\">"
	    "<p>  a\n b </p>c<br/>d<p/><table><tr><td>e</td><td>f</td></tr>"
	    "</table><pre>  g\n  h</pre><script>no</script>i\xc2\xa0\xc2\xa0j"
	    "</div>";

	(void)state;
	memset(&d, 0, sizeof d);
	rm_note_from_plain(s, "  a \t b \r\n\r\n\r\n c\rd\n");
	assert_string_equal(s->str, "a b\n\nc\n\nd");
	g_string_truncate(s, 0);
	rm_note_from_plain(s, " \n \n");
	assert_string_equal(s->str, "");
	assert_int_equal(rm_xml_parse(&diag, html, sizeof html - 1, &xdoc,
	    &locs), RAMIFY_OK);
	g_string_truncate(s, 0);
	rm_note_from_html(s, xmlDocGetRootElement(xdoc));
	assert_string_equal(s->str, "a b\n\nc\n\nd\n\ne\n\nf\n\ng\n\nh\n\ni j");
	rm_xml_free(xdoc, locs);
	g_string_free(s, TRUE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_zen_features),
		cmocka_unit_test(test_zen_ids),
		cmocka_unit_test(test_zen_deep),
		cmocka_unit_test(test_zen_deep_html),
		cmocka_unit_test(test_zen_errors),
		cmocka_unit_test(test_xmind8),
		cmocka_unit_test(test_xml_deep),
		cmocka_unit_test(test_mmap),
		cmocka_unit_test(test_mmap_extra_fields),
		cmocka_unit_test(test_zip_limits),
		cmocka_unit_test(test_zip_errors),
		cmocka_unit_test(test_zip_entries),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_note_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
