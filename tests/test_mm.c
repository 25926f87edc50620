/*
 * test_mm.c: the FreeMind / Freeplane .mm reader and writer: rich
 * content made plain, ids and links, what is skipped, sniffing, the
 * writer's escaping and choices, deep maps without recursion.
 */
#include <glib.h>

#include "util.h"
#include "internal.h"

#define MAP	"<map version=\"1.0.1\">\n"

/* Read `text` as .mm; it must succeed with exactly `want` diagnostics. */
static ramify_doc *
read_ok(const char *text, const char *want)
{
	struct diags d;
	ramify_doc *doc = parse("mm", text, &d);

	assert_string_equal(d.text, want);
	assert_non_null(doc);
	return doc;
}

/* Read `text` as .mm; it must fail with exactly `want`. */
static void
read_fails(const char *text, const char *want)
{
	struct diags d;
	ramify_doc *doc = parse("mm", text, &d);

	assert_null(doc);
	assert_string_equal(d.text, want);
}

/* The text of the root's only child, read from a map around `node`. */
static char *
child_text(const char *node)
{
	GString *s = g_string_new(MAP "<node TEXT=\"r\">\n");
	ramify_doc *doc;
	char *text;

	g_string_append(s, node);
	g_string_append(s, "\n</node>\n</map>\n");
	doc = read_ok(s->str, "");
	assert_non_null(doc->root->first);
	text = g_strdup(doc->root->first->text);
	ramify_doc_free(doc);
	g_string_free(s, TRUE);
	return text;
}

/* The notes of the root's only child, joined by "|". */
static char *
child_notes(const char *node)
{
	GString *s = g_string_new(MAP "<node TEXT=\"r\">\n"), *out;
	ramify_doc *doc;
	size_t i;

	g_string_append(s, node);
	g_string_append(s, "\n</node>\n</map>\n");
	doc = read_ok(s->str, "");
	out = g_string_new(NULL);
	for (i = 0; i < doc->root->first->nnotes; i++)
		g_string_append_printf(out, "%s%s", i > 0 ? "|" : "",
		    ramify_topic_note(doc, doc->root->first, i));
	ramify_doc_free(doc);
	g_string_free(s, TRUE);
	return g_string_free(out, FALSE);
}

#define EXPECT_TEXT(node, want) do { \
	char *got_ = child_text(node); \
	assert_string_equal(got_, want); \
	g_free(got_); \
} while (0)

#define EXPECT_NOTES(node, want) do { \
	char *got_ = child_notes(node); \
	assert_string_equal(got_, want); \
	g_free(got_); \
} while (0)

#define RICH(type, html) \
	"<node><richcontent TYPE=\"" type "\">" html "</richcontent></node>"

/* HTML as topic text: lines kept, white space folded as a browser
 * would, empty paragraphs as empty lines, the head left out. */
static void
test_rich_node_text(void **state)
{
	(void)state;
	EXPECT_TEXT(RICH("NODE", "<html><head><title>t</title><style>p{}"
	    "</style></head><body><p>  One\n   line </p></body></html>"),
	    "One line");
	EXPECT_TEXT(RICH("NODE", "<html><body><p>a<br/>b</p><p></p>"
	    "<p>c<br/></p><p>d</p></body></html>"), "a\nb\n\nc\nd");
	EXPECT_TEXT(RICH("NODE", "<html><body><p>a<br/><br/>b</p>"
	    "</body></html>"), "a\n\nb");
	/* Leading and trailing empty lines go; &#160; is a space. */
	EXPECT_TEXT(RICH("NODE", "<html><body><p></p><p>&#160;</p>"
	    "<p>&#160;x&#160;&#160;y&#160;</p><br/><p></p></body></html>"),
	    "x y");
	EXPECT_TEXT(RICH("NODE", "<html><body><div><div><p>a</p></div>"
	    "<div>b <b>bold</b><i> it</i></div></div></body></html>"),
	    "a\nb bold it");
	EXPECT_TEXT(RICH("NODE", "<html><body><ol><li>x</li><li>y<ul>"
	    "<li>z</li></ul></li></ol></body></html>"),
	    "1. x\n2. y\n\xe2\x80\xa2 z");
	EXPECT_TEXT(RICH("NODE", "<html><body><ol><li>a</li><li>b<ol><li>c"
	    "</li></ol></li><!-- x --><li>d</li></ol><li>stray</li><ol><p>no"
	    "</p><li>e</li></ol></body></html>"),
	    "1. a\n2. b\n1. c\n3. d\n\xe2\x80\xa2 stray\nno\n1. e");
	EXPECT_TEXT(RICH("NODE", "<html><body><table><tr><td>a</td>"
	    "<td>b</td></tr><tr><th>c</th></tr></table></body></html>"),
	    "a b\nc");
	EXPECT_TEXT(RICH("NODE", "<html><body><pre>  x   y\nz\n\nw</pre>"
	    "</body></html>"), "x y\nz\n\nw");
	/* XHTML in its namespace; comments and PIs say nothing. */
	EXPECT_TEXT(RICH("NODE", "<html xmlns=\"http://www.w3.org/1999/"
	    "xhtml\"><body><P>A<!-- no --><?pi no?>&amp;B</P></body></html>"),
	    "A&B");
	/* Rich NODE text wins over TEXT. */
	EXPECT_TEXT("<node TEXT=\"plain\"><richcontent TYPE=\"NODE\"><html>"
	    "<body><p>rich</p></body></html></richcontent></node>", "rich");
	EXPECT_TEXT(RICH("NODE", "just text"), "just text");
}

/* Notes: paragraphs separated by a blank line, no other line break,
 * no empty paragraph. */
static void
test_rich_notes(void **state)
{
	(void)state;
	EXPECT_NOTES(RICH("NOTE", "<html><body><p>a\n b</p><p></p><p>c<br/>"
	    "d<br/><br/>e</p></body></html>"), "a b\n\nc\n\nd\n\ne");
	/* NOTE before DETAILS, whatever their order in the file; empty
	 * ones are no notes. */
	EXPECT_NOTES("<node><richcontent TYPE=\"DETAILS\"><html><body><p>det"
	    "</p></body></html></richcontent><richcontent TYPE=\"NOTE\">"
	    "<html><body><p>note</p></body></html></richcontent>"
	    "<richcontent TYPE=\"NOTE\" CONTENT-TYPE=\"plain/auto\"/>"
	    "<richcontent TYPE=\"DETAILS\" HIDDEN=\"true\"><html><head/><body>"
	    "<p>\n</p></body></html></richcontent></node>", "note|det");
	/* Plain content: a line a paragraph; Markdown: blank lines part
	 * paragraphs. */
	EXPECT_NOTES("<node><richcontent TYPE=\"NOTE\" CONTENT-TYPE="
	    "\"plain/auto\"><text>one\ntwo\n\n three </text></richcontent>"
	    "</node>", "one\n\ntwo\n\nthree");
	EXPECT_NOTES("<node><richcontent TYPE=\"NOTE\" CONTENT-TYPE="
	    "\"plain/markdown\"><text>one\ntwo\n  \nthree</text>"
	    "</richcontent></node>", "one two\n\nthree");
	EXPECT_TEXT("<node><richcontent TYPE=\"NODE\" CONTENT-TYPE="
	    "\"plain/markdown\">one\n\ntwo</richcontent></node>",
	    "one\n\ntwo");
	/* Unknown TYPE: ignored. */
	EXPECT_NOTES(RICH("OTHER", "<html><body><p>x</p></body></html>"), "");
}

/* Very old FreeMind maps escape their HTML into TEXT. */
static void
test_escaped_html(void **state)
{
	(void)state;
	EXPECT_TEXT("<node TEXT=\"&lt;html&gt;&lt;body&gt;&lt;p&gt;a&lt;br&gt;"
	    "b&amp;nbsp;c&lt;p&gt;d &amp;amp; e\"/>", "a\nb c\nd & e");
	EXPECT_TEXT("<node TEXT=\"&lt;HTML&gt;x\"/>", "x");
	EXPECT_TEXT("<node TEXT=\" &lt;html&gt;x\"/>", " <html>x");
	EXPECT_TEXT("<node TEXT=\"&lt;html&gt;\"/>", "");
	/* Not HTML: kept as written. */
	EXPECT_TEXT("<node TEXT=\"&lt;htmlx&gt; &lt;b&gt;\"/>", "<htmlx> <b>");
	EXPECT_TEXT("<node TEXT=\"a &lt;html&gt;\"/>", "a <html>");
	/* The declared charset of the HTML is not believed: it is text
	 * already. */
	EXPECT_TEXT("<node TEXT=\"&lt;html&gt;&lt;meta charset=&quot;"
	    "ISO-8859-1&quot;&gt;caf&#xe9;\"/>", "caf\xc3\xa9");
	/* Line breaks: &#xa;, and CR LF or CR made LF. */
	EXPECT_TEXT("<node TEXT=\"a&#xa;b&#xd;&#xa;c&#xd;d\"/>", "a\nb\nc\nd");
	EXPECT_TEXT("<node LOCALIZED_TEXT=\"new_node\"/>", "new_node");
	EXPECT_TEXT("<node/>", "");
}

/* HTML nested deep in TEXT: libxml2 stops at 256 levels, and that is
 * an error rather than text quietly lost; 100 000 levels take no
 * recursion. */
static void
test_escaped_html_deep(void **state)
{
	static const int levels[] = { 127, 128, 100000 };
	GString *s;
	ramify_doc *doc;
	struct diags d;
	size_t k;
	int i;

	(void)state;
	for (k = 0; k < sizeof levels / sizeof levels[0]; k++) {
		s = g_string_new(MAP "<node TEXT=\"r\">\n<node TEXT=\"&lt;html"
		    "&gt;");
		for (i = 0; i < levels[k]; i++)
			g_string_append(s, "&lt;div&gt;&lt;b&gt;");
		g_string_append(s, "deep\"/></node></map>");
		doc = parse("mm", s->str, &d);
		if (k == 0) {
			assert_non_null(doc);
			assert_string_equal(doc->root->first->text, "deep");
		} else {
			assert_null(doc);
			assert_string_equal(d.text, "3:1: error: HTML in TEXT "
			    "nests too deeply (more than 256 levels of "
			    "elements)\n");
		}
		ramify_doc_free(doc);
		g_string_free(s, TRUE);
	}
}

static const char linked[] =
    MAP
    "<node TEXT=\"root\" ID=\"ID_1\">\n"
    "<node TEXT=\"a\" ID=\"ID_2\" LINK=\"#ID_3\" POSITION=\"left\">\n"
    "<arrowlink DESTINATION=\"ID_3\" ENDARROW=\"Default\"/>\n"
    "<arrowlink DESTINATION=\"\"/>\n"
    "<arrowlink/>\n"
    "<node TEXT=\"deep\" POSITION=\"right\" ID=\"t3\"/>\n"
    "</node>\n"
    "<node TEXT=\"b\" ID=\"ID_3\" POSITION=\"bottom_or_right\">\n"
    "<arrowlink DESTINATION=\"ID_2\"/>\n"
    "</node>\n"
    "<node TEXT=\"c\" ID=\"ID_2\" POSITION=\"top_or_left\" FOLDED=\"false\""
    " COLOR=\"red\"/>\n"
    "<node TEXT=\"d\" ID=\"two words\" POSITION=\"middle\" FOLDED=\"yes\""
    " COLOR=\"#12345\" LINK=\"\"/>\n"
    "</node>\n"
    "<node TEXT=\"second root\"><node TEXT=\"its child\"/></node>\n"
    "</map>\n";

/* IDs become keys so "#ID" links resolve; duplicates and bad ids get
 * generated keys clear of every ID in the file. */
static void
test_ids_and_links(void **state)
{
	ramify_doc *doc = read_ok(linked,
	    "12:1: warning: duplicate node ID 'ID_2' (first used at 3:1); "
	    "this node gets another id\n"
	    "15:1: warning: second root <node> ignored with its subtree "
	    "(the root is at 2:1)\n");
	struct ramify_topic *r = doc->root, *a, *deep, *b, *c, *d;

	(void)state;
	assert_int_equal(doc->ntopics, 6);
	a = r->first;
	deep = a->first;
	b = a->next;
	c = b->next;
	d = c->next;
	assert_string_equal(r->key, "ID_1");
	assert_string_equal(a->key, "ID_2");
	assert_int_equal(a->side, RM_SIDE_LEFT);
	assert_int_equal(a->nlinks, 2);
	assert_string_equal(a->links[0].href, "#ID_3");
	assert_null(a->links[0].title);
	assert_string_equal(a->links[1].href, "#ID_3");
	assert_string_equal(a->links[1].title, "arrowlink");
	assert_ptr_equal(rm_doc_find(doc, a->links[0].href + 1), b);
	/* Only first-level nodes have a side. */
	assert_string_equal(deep->key, "t3");
	assert_int_equal(deep->side, RM_SIDE_AUTO);
	assert_int_equal(b->side, RM_SIDE_RIGHT);
	assert_string_equal(b->links[0].href, "#ID_2");
	assert_ptr_equal(rm_doc_find(doc, "ID_2"), a);
	/* The duplicate: seq 4 would be "t4". */
	assert_string_equal(c->key, "t4");
	assert_int_equal(c->side, RM_SIDE_LEFT);
	assert_false(c->folded);
	assert_false(c->has_color);
	assert_string_equal(d->key, "t5");
	assert_int_equal(d->side, RM_SIDE_AUTO);
	assert_false(d->folded);
	assert_false(d->has_color);
	assert_int_equal(d->nlinks, 0);
	ramify_doc_free(doc);
}

/* A generated key never takes an ID a later node has. */
static void
test_generated_keys(void **state)
{
	ramify_doc *doc = read_ok(MAP "<node TEXT=\"r\"><node TEXT=\"x\"/>"
	    "<node TEXT=\"y\" ID=\"t1\"/></node></map>", "");

	(void)state;
	assert_string_equal(doc->root->key, "t0");
	assert_string_equal(doc->root->first->key, "t1-2");
	assert_string_equal(doc->root->last->key, "t1");
	ramify_doc_free(doc);
}

/* Icons, attributes, unknown elements, nodes inside them. */
static void
test_items_and_skipping(void **state)
{
	ramify_doc *doc = read_ok(
	    "<?xml version=\"1.0\"?>\n<!-- c -->\n"
	    "<map version=\"freeplane 1.9.13\" extra=\"x\">"
	    "<unknown><node TEXT=\"not a root\"/></unknown>"
	    "<node TEXT=\"r\" FOLDED=\"true\" COLOR=\"#A0b1C2\">"
	    "<hook NAME=\"MapStyle\"><map_styles><stylenode TEXT=\"s\">"
	    "<node TEXT=\"in a style\"/><icon BUILTIN=\"no\"/></stylenode>"
	    "</map_styles></hook>"
	    "<icon BUILTIN=\"yes\"/><icon/><icon BUILTIN=\"\"/>"
	    "<icon BUILTIN=\"emoji-1F600\"/>"
	    "<attribute NAME=\"k\" VALUE=\"v\"/><attribute VALUE=\"no name\"/>"
	    "<attribute NAME=\"k\"/>"
	    "<font BOLD=\"true\"/><edge/><cloud/><future><node TEXT=\"no\"/>"
	    "</future>"
	    "<node TEXT=\"kid\"/></node></map>", "");

	(void)state;
	assert_int_equal(doc->ntopics, 2);
	assert_true(doc->root->folded);
	assert_true(doc->root->has_color);
	assert_int_equal(doc->root->color, 0xa0b1c2);
	assert_int_equal(doc->root->nicons, 2);
	assert_string_equal(doc->root->icons[0], "yes");
	assert_string_equal(doc->root->icons[1], "emoji-1F600");
	assert_int_equal(doc->root->nattrs, 2);
	assert_string_equal(doc->root->attrs[1].name, "k");
	assert_string_equal(doc->root->attrs[1].value, "");
	assert_string_equal(doc->root->first->text, "kid");
	ramify_doc_free(doc);
}

static void
test_errors(void **state)
{
	(void)state;
	read_fails(MAP "</map>", "1:1: error: <map> has no <node> (a map has "
	    "one root node)\n");
	read_fails("<?xml version=\"1.0\"?>\n\n  <node TEXT=\"x\"/>",
	    "3:3: error: root element is <node>, expected a FreeMind <map>\n");
	read_fails("<m:map xmlns:m=\"urn:x\" version=\"1\"><node/></m:map>",
	    "1:1: error: root element is <map> in namespace 'urn:x', expected "
	    "a FreeMind <map>\n");
	read_fails(MAP "<node TEXT=\"a\">\n  <node TEXT=\"b\" ID=\"x\" ID=\"y\"/>"
	    "</node></map>", "3:31: error: Attribute ID redefined\n");
	read_fails("", "1:1: error: document is empty\n");
	/* ISO-8859-1 bytes in a file that says nothing: UTF-8. */
	read_fails(MAP "<node TEXT=\"caf\xe9\"/></map>", "2:16: error: invalid "
	    "UTF-8 (declare the encoding if the file is not UTF-8)\n");
}

static void
test_encodings(void **state)
{
	ramify_doc *doc;

	(void)state;
	doc = read_ok("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<map version=\"0.9.0\"><node TEXT=\"caf\xe9\"/></map>", "");
	assert_string_equal(doc->root->text, "caf\xc3\xa9");
	ramify_doc_free(doc);
	doc = read_ok("\xef\xbb\xbf<map version=\"0.9.0\"><node TEXT=\"\xe5\xae"
	    "\xa2&#x6237;\"/></map>", "");
	assert_string_equal(doc->root->text, "\xe5\xae\xa2\xe6\x88\xb7");
	ramify_doc_free(doc);
}

static void
test_sniff(void **state)
{
	static const struct {
		const char	*text;
		int		 mm;
	} cases[] = {
		{ "<map version=\"1.0.1\"><node TEXT=\"x\"/></map>", 1 },
		{ "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		  "<!-- x -->\n<map\n  version='freeplane 1.9.13'>", 1 },
		{ "<map foo=\"1\" version=\"0.7.1\"/>", 1 },
		{ "<map>\n<node TEXT=\"x\"/></map>", 0 },
		{ "<map foo=\"1\">", 0 },
		{ "<mapping version=\"1\">", 0 },
		{ "<map version=\"1\" xmlns=\"urn:ramify:map:1\">", 0 },
		{ "<map xmlns:x=\"urn:y\" version=\"1\">", 0 },
		{ "<map version=\"1", 0 },
		{ "<map", 0 },
		{ "text <map version=\"1\">", 0 },
	};
	const ramify_format *mm = ramify_format_by_name("mm"), *f;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		f = ramify_format_sniff(cases[i].text, strlen(cases[i].text));
		if (cases[i].mm)
			assert_ptr_equal(f, mm);
		else
			assert_ptr_not_equal(f, mm);
	}
	f = ramify_format_sniff("<map xmlns=\"urn:ramify:map:1\" version=\"1\">"
	    "<topic text=\"x\"/></map>", 62);
	assert_ptr_equal(f, ramify_format_by_name("ramify"));
}

/* Read what was written: text, notes, links and the rest come back. */
static ramify_doc *
reread(const ramify_doc *doc, struct buf *b)
{
	struct diags d;
	ramify_doc *back;
	int rc;

	*b = render(doc, "mm", NULL);
	back = parse_n("mm", b->data, b->len, &d, &rc);
	assert_string_equal(d.text, "");
	assert_non_null(back);
	return back;
}

static void
test_write_escaping(void **state)
{
	ramify_doc *doc = ramify_doc_new("R&D <\"quoted\">");
	ramify_topic *r = ramify_doc_root(doc), *t;
	ramify_doc *back;
	struct buf b;

	(void)state;
	t = ramify_topic_add_child(doc, r, "\xe5\xae\xa2\xf0\x9f\x98\x80 tab\t"
	    "bell\x01 nc\xef\xbf\xbe");
	rm_topic_add_attr(doc, t, "n\"", "<v>");
	rm_topic_add_icon(doc, t, "emoji-1F600");
	back = reread(doc, &b);
	assert_non_null(strstr(b.data, "<node TEXT=\"R&amp;D &lt;&quot;quoted"
	    "&quot;&gt;\" ID=\"t0\">\n"));
	assert_non_null(strstr(b.data, "<node TEXT=\"&#x5ba2;&#x1f600; tab&#x9;"
	    "bell&#xfffd; nc&#xfffd;\" ID=\"t1\">\n"
	    "<icon BUILTIN=\"emoji-1F600\"/>\n"
	    "<attribute NAME=\"n&quot;\" VALUE=\"&lt;v&gt;\"/>\n"
	    "</node>\n"));
	assert_string_equal(back->root->text, r->text);
	assert_string_equal(back->root->first->text, "\xe5\xae\xa2\xf0\x9f\x98"
	    "\x80 tab\tbell\xef\xbf\xbd nc\xef\xbf\xbd");
	assert_string_equal(back->root->first->attrs[0].value, "<v>");
	buf_free(&b);
	ramify_doc_free(back);
	ramify_doc_free(doc);
}

/* Multi-line text goes in HTML when it comes back the same from there,
 * else in TEXT with &#xa;.  Text that looks like HTML never goes in
 * TEXT. */
static void
test_write_multiline(void **state)
{
	static const char *const texts[] = {
		"two\nlines", "a\n\nb", " lead\nx", "trail \nx", "a  b\nc",
		"tab\t\nx", "\nfirst empty", "last empty\n", "nb\xc2\xa0sp\nx",
		"<html> is text", "  <HTML>\nx y", "<htmlx>", "one line  ",
		"",
	};
	static const int rich[] = { 1, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0 };
	ramify_doc *doc = ramify_doc_new("root"), *back;
	ramify_topic *r = ramify_doc_root(doc), *t;
	struct buf b;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		ramify_topic_add_child(doc, r, texts[i]);
	back = reread(doc, &b);
	for (i = 0, t = back->root->first; i < sizeof texts / sizeof texts[0];
	    i++, t = t->next) {
		char id[16];
		const char *at;

		/* Every text comes back as it was. */
		assert_non_null(t);
		assert_string_equal(t->text, texts[i]);
		snprintf(id, sizeof id, "ID=\"t%zu\"", i + 1);
		at = strstr(b.data, id);
		assert_non_null(at);
		/* The node starts with TEXT, or with a NODE richcontent. */
		while (at > b.data && at[-1] != '\n')
			at--;
		if (rich[i])
			assert_true(strncmp(at, "<node ID=", 9) == 0 &&
			    strncmp(strchr(at, '\n') + 1,
			    "<richcontent TYPE=\"NODE\">", 25) == 0);
		else
			assert_true(strncmp(at, "<node TEXT=", 11) == 0);
	}
	buf_free(&b);
	ramify_doc_free(back);
	ramify_doc_free(doc);
}

/* Notes: the first as NOTE, the rest as DETAILS; a line break inside a
 * paragraph as <br/>, read back as a paragraph break. */
static void
test_write_notes(void **state)
{
	ramify_doc *doc = ramify_doc_new("root"), *back;
	ramify_topic *r = ramify_doc_root(doc), *t;
	struct buf b;
	size_t shared;

	(void)state;
	t = ramify_topic_add_child(doc, r, "t");
	shared = ramify_topic_add_note(doc, t, "first & <one>\n\nsecond para");
	ramify_topic_add_note(doc, t, "line\nbreak");
	ramify_topic_add_note(doc, t, "third\n\n\n\nempty paragraph dropped");
	ramify_topic_attach_note(doc, r, shared);
	back = reread(doc, &b);
	assert_non_null(strstr(b.data, "<richcontent TYPE=\"DETAILS\">\n"
	    "<html>\n  <head>\n\n  </head>\n  <body>\n"
	    "    <p>\n      line<br/>break\n    </p>\n"
	    "    <p>\n      third\n    </p>\n"
	    "    <p>\n      empty paragraph dropped\n    </p>\n"
	    "  </body>\n</html>\n</richcontent>\n"));
	assert_int_equal(back->root->nnotes, 1);
	assert_string_equal(ramify_topic_note(back, back->root, 0),
	    "first & <one>\n\nsecond para");
	t = back->root->first;
	assert_int_equal(t->nnotes, 2);
	assert_string_equal(ramify_topic_note(back, t, 0),
	    "first & <one>\n\nsecond para");
	assert_string_equal(ramify_topic_note(back, t, 1),
	    "line\n\nbreak\n\nthird\n\nempty paragraph dropped");
	buf_free(&b);
	ramify_doc_free(back);
	ramify_doc_free(doc);
}

/* Sides only on the first level, folding, colours, links. */
static void
test_write_values(void **state)
{
	ramify_doc *doc = ramify_doc_new("root"), *back;
	ramify_topic *r = ramify_doc_root(doc), *a, *b2;
	struct buf b;

	(void)state;
	a = ramify_topic_add_child(doc, r, "a");
	b2 = ramify_topic_add_child(doc, a, "b");
	a->side = RM_SIDE_LEFT;
	b2->side = RM_SIDE_RIGHT;
	ramify_topic_set_folded(a, 1);
	b2->has_color = 1;
	b2->color = 0x00ab12;
	rm_topic_add_link(doc, b2, "#t1", NULL);
	rm_topic_add_link(doc, b2, "#t0", "arrowlink");
	rm_topic_add_link(doc, b2, "#gone", "arrowlink");
	rm_topic_add_link(doc, b2, "#t0", NULL);
	back = reread(doc, &b);
	assert_non_null(strstr(b.data, "<node TEXT=\"a\" ID=\"t1\" FOLDED=\"true\""
	    " POSITION=\"left\">\n<node TEXT=\"b\" ID=\"t2\" COLOR=\"#00ab12\" "
	    "LINK=\"#t1\">\n<arrowlink DESTINATION=\"t0\"/>\n"
	    "<arrowlink DESTINATION=\"gone\"/>\n<arrowlink DESTINATION=\"t0\"/>\n"
	    "</node>\n</node>\n"));
	assert_int_equal(back->root->first->side, RM_SIDE_LEFT);
	assert_true(back->root->first->folded);
	assert_int_equal(back->root->first->first->side, RM_SIDE_AUTO);
	assert_int_equal(back->root->first->first->color, 0x00ab12);
	assert_int_equal(back->root->first->first->nlinks, 4);
	buf_free(&b);
	ramify_doc_free(back);
	ramify_doc_free(doc);
}

/* A 100 000-deep chain is written without recursion, not indented; our
 * reader (libxml2) then refuses it, located. */
static void
test_write_deep(void **state)
{
	ramify_doc *doc = ramify_doc_new("level 0"), *back;
	ramify_topic *t = ramify_doc_root(doc);
	struct diags d;
	struct buf b;
	size_t i, opens = 0, closes = 0;
	const char *p;
	int rc;

	(void)state;
	for (i = 1; i < 100000; i++)
		t = ramify_topic_add_child(doc, t, "x");
	b = render(doc, "mm", NULL);
	for (p = b.data; (p = strstr(p, "<node ")) != NULL; p++)
		opens++;
	for (p = b.data; (p = strstr(p, "</node>\n")) != NULL; p++)
		closes++;
	assert_int_equal(opens, 100000);
	assert_int_equal(closes, 99999);
	assert_non_null(strstr(b.data, "\n<node TEXT=\"x\" ID=\"t99999\"/>\n"
	    "</node>\n"));
	back = parse_n("mm", b.data, b.len, &d, &rc);
	assert_null(back);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_string_equal(d.text, "259:1: error: document nests too deeply "
	    "(more than 257 levels of elements)\n");
	buf_free(&b);
	ramify_doc_free(doc);
}

/* The same document, the same bytes; a failing sink is an error. */
static void
test_write_deterministic_and_eio(void **state)
{
	struct diags d;
	ramify_doc *doc = parse("mm", MAP "<node TEXT=\"r\" ID=\"ID_1\">"
	    "<richcontent TYPE=\"NOTE\"><html><body><p>n</p></body></html>"
	    "</richcontent><node TEXT=\"c\" CREATED=\"1\" MODIFIED=\"2\"/>"
	    "</node></map>", &d);
	struct buf a, b, f = { 0 };

	(void)state;
	assert_non_null(doc);
	a = render(doc, "mm", NULL);
	b = render(doc, "mm", NULL);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_null(strstr(a.data, "CREATED"));
	f.fail_after = 1;
	assert_int_equal(render_to(doc, "mm", NULL, &f), RAMIFY_EIO);
	buf_free(&a);
	buf_free(&b);
	buf_free(&f);
	ramify_doc_free(doc);
}

/* Seconds to read `n` list items in a note and `n` sibling nodes. */
static double
read_time(int n)
{
	GString *s = g_string_new(MAP "<node TEXT=\"r\"><richcontent "
	    "TYPE=\"NOTE\"><html><body><ol>");
	ramify_doc *doc;
	struct diags d;
	gint64 t0;
	int i;

	for (i = 0; i < n; i++)
		g_string_append(s, "<li>item</li>");
	g_string_append(s, "</ol></body></html></richcontent>");
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "<node TEXT=\"n\" ID=\"ID_%d\">"
		    "<arrowlink DESTINATION=\"ID_0\"/></node>", i);
	g_string_append(s, "</node></map>");
	t0 = g_get_monotonic_time();
	doc = parse("mm", s->str, &d);
	t0 = g_get_monotonic_time() - t0;
	assert_non_null(doc);
	assert_int_equal(doc->ntopics, (size_t)n + 1);
	ramify_doc_free(doc);
	g_string_free(s, TRUE);
	return (double)t0 / 1e6;
}

/* Eight times the input takes about eight times as long. */
static void
test_linear(void **state)
{
	double small, big;

	(void)state;
	read_time(2000);	/* warm up */
	small = read_time(5000);
	big = read_time(40000);
	assert_true(big < 16 * small + 0.05);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rich_node_text),
		cmocka_unit_test(test_rich_notes),
		cmocka_unit_test(test_escaped_html),
		cmocka_unit_test(test_escaped_html_deep),
		cmocka_unit_test(test_ids_and_links),
		cmocka_unit_test(test_generated_keys),
		cmocka_unit_test(test_items_and_skipping),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_write_escaping),
		cmocka_unit_test(test_write_multiline),
		cmocka_unit_test(test_write_notes),
		cmocka_unit_test(test_write_values),
		cmocka_unit_test(test_write_deep),
		cmocka_unit_test(test_write_deterministic_and_eio),
		cmocka_unit_test(test_linear),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
