/*
 * test_xml.c: the ramify XML format (reader, writer, sniffing) and the
 * hardened libxml2 wrapper under it: entities refused, depth limit,
 * encodings, error positions.
 */
#include <glib.h>

#include "util.h"
#include "internal.h"

#define HEAD	"<map xmlns=\"urn:ramify:map:1\" version=\"1\">\n"

/* Read `text` as ramify XML; it must fail with exactly `want`. */
static void
expect_errors(const char *text, const char *want)
{
	struct diags d;
	ramify_doc *doc = parse("ramify", text, &d);

	assert_null(doc);
	assert_string_equal(d.text, want);
}

static const char features[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<map xmlns=\"urn:ramify:map:1\" xmlns:x=\"urn:example\" version=\"1\""
    " xml:lang=\"en\" x:tool=\"t\">\n"
    "  <title> Managing customers </title>\n"
    "  <note id=\"purpose\"><p>First.</p><p>  Second &amp; last.\n</p></note>\n"
    "  <x:ext><topic text=\"ignored\"/></x:ext>\n"
    "  <topic id=\"root\" text=\"Managing customers\">\n"
    "    <note ref=\"purpose\"/>\n"
    "    <note id=\"W2\"><p>Folded\n  \t as   one line </p></note>\n"
    "    <link href=\"https://example.com/?a=1&amp;b=2\" title=\"Home\"/>\n"
    "    <link href=\"mailto:a@example.com\"/>\n"
    "    <attr name=\"Owner\" value=\"Sales team\"/>\n"
    "    <icon name=\"priority-1\"/>\n"
    "    <customer ref=\"C042\"/>\n"
    "    <topic id=\"goals\" text=\"Goals\" side=\"right\" folded=\"true\""
    " color=\"#2F6fb0\" x:weight=\"2\">\n"
    "      <note ref=\"later\"/>\n"
    "      <topic text=\"Two&#10;lines\"/>\n"
    "    </topic>\n"
    "    <topic text=\"Left\" side=\"left\" folded=\"false\">\n"
    "      <note id=\"later\"><p>Defined after its first use.</p></note>\n"
    "    </topic>\n"
    "  </topic>\n"
    "</map>\n";

static void
test_read_features(void **state)
{
	struct diags d;
	ramify_doc *doc = parse(NULL, features, &d);
	struct ramify_topic *r, *g, *l;

	(void)state;
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	assert_string_equal(doc->title, "Managing customers");
	assert_string_equal(doc->lang, "en");
	assert_int_equal(doc->ntopics, 4);
	assert_int_equal(doc->nmap_notes, 1);
	assert_string_equal(doc->notes[doc->map_notes[0]].text,
	    "First.\n\nSecond & last.");
	r = doc->root;
	assert_string_equal(r->key, "root");
	assert_int_equal(r->pos.line, 7);
	assert_int_equal(r->pos.col, 3);
	assert_int_equal(r->nnotes, 2);
	assert_int_equal(r->notes[0], doc->map_notes[0]);
	assert_string_equal(ramify_topic_note(doc, r, 1), "Folded as one line");
	assert_int_equal(r->nlinks, 2);
	assert_string_equal(r->links[0].href, "https://example.com/?a=1&b=2");
	assert_string_equal(r->links[0].title, "Home");
	assert_null(r->links[1].title);
	assert_int_equal(r->nattrs, 1);
	assert_string_equal(r->attrs[0].name, "Owner");
	assert_string_equal(r->attrs[0].value, "Sales team");
	assert_int_equal(r->nicons, 1);
	assert_string_equal(r->icons[0], "priority-1");
	assert_int_equal(r->nrecords, 1);
	assert_string_equal(r->records[0], "C042");
	assert_int_equal(r->nkids, 2);
	g = r->first;
	assert_string_equal(g->key, "goals");
	assert_int_equal(g->side, RM_SIDE_RIGHT);
	assert_true(g->folded);
	assert_true(g->has_color);
	assert_int_equal(g->color, 0x2f6fb0);
	assert_int_equal(g->pos.line, 16);
	assert_int_equal(g->pos.col, 5);
	assert_string_equal(ramify_topic_note(doc, g, 0),
	    "Defined after its first use.");
	assert_string_equal(g->first->text, "Two\nlines");
	/* No id in the file: the model's "t<seq>". */
	assert_string_equal(g->first->key, "t2");
	l = g->next;
	assert_int_equal(l->side, RM_SIDE_LEFT);
	assert_false(l->folded);
	assert_int_equal(l->notes[0], g->notes[0]);
	ramify_doc_free(doc);
}

/* Write, read, write: the same bytes. */
static void
test_round_trip(void **state)
{
	struct diags d;
	ramify_doc *a = parse("ramify", features, &d), *b;
	struct buf x, y;

	(void)state;
	assert_non_null(a);
	x = render(a, "ramify", NULL);
	b = parse("ramify", x.data, &d);
	assert_non_null(b);
	y = render(b, "ramify", NULL);
	assert_string_equal(x.data, y.data);
	/* Defaults are not written; the note used twice is defined once. */
	assert_null(strstr(x.data, "folded=\"false\""));
	assert_non_null(strstr(x.data, "<note id=\"later\"><p>Defined"));
	assert_non_null(strstr(x.data, "<note ref=\"later\"/>"));
	assert_non_null(strstr(x.data, "color=\"#2f6fb0\""));
	assert_non_null(strstr(x.data, "<title>Managing customers</title>"));
	ramify_doc_free(a);
	ramify_doc_free(b);
	buf_free(&x);
	buf_free(&y);
}

/* Notes shared without a key get "n<index+1>", clear of existing keys. */
static void
test_generated_note_ids(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(doc), *a, *b;
	size_t n0, n1;
	struct diags d;
	ramify_doc *again;
	struct buf x, y;

	(void)state;
	a = ramify_topic_add_child(doc, r, "A");
	b = ramify_topic_add_child(doc, r, "B");
	n0 = ramify_topic_add_note(doc, a, "Shared.\n\nTwo paragraphs.");
	n1 = ramify_topic_add_note(doc, b, "Also shared.");
	assert_int_equal(ramify_topic_attach_note(doc, b, n0), RAMIFY_OK);
	assert_int_equal(ramify_topic_attach_note(doc, r, n1), RAMIFY_OK);
	ramify_topic_add_note(doc, a, "Used once.");
	/* A key that the generated id of note 0 would take. */
	doc->notes[2].key = "n1";
	x = render(doc, "ramify", NULL);
	assert_string_equal(x.data,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<map xmlns=\"urn:ramify:map:1\" version=\"1\">\n"
	    "  <topic id=\"t0\" text=\"Root\">\n"
	    "    <note id=\"n2\"><p>Also shared.</p></note>\n"
	    "    <topic id=\"t1\" text=\"A\">\n"
	    "      <note id=\"n1-2\"><p>Shared.</p><p>Two paragraphs.</p></note>\n"
	    "      <note id=\"n1\"><p>Used once.</p></note>\n"
	    "    </topic>\n"
	    "    <topic id=\"t2\" text=\"B\">\n"
	    "      <note ref=\"n2\"/>\n"
	    "      <note ref=\"n1-2\"/>\n"
	    "    </topic>\n"
	    "  </topic>\n"
	    "</map>\n");
	again = parse("ramify", x.data, &d);
	assert_non_null(again);
	assert_int_equal(again->nnotes, 3);
	y = render(again, "ramify", NULL);
	assert_string_equal(x.data, y.data);
	ramify_doc_free(doc);
	ramify_doc_free(again);
	buf_free(&x);
	buf_free(&y);
}

/* Map-level notes are defined at map level even when topics use them. */
static void
test_map_note_shared(void **state)
{
	struct diags d;
	ramify_doc *doc = parse("ramify", HEAD
	    "  <topic text=\"r\"><note ref=\"m\"/></topic>\n"
	    "  <note id=\"m\"><p>map</p></note>\n</map>\n", &d);
	struct buf x;

	(void)state;
	assert_non_null(doc);
	x = render(doc, "ramify", NULL);
	assert_string_equal(x.data,
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" HEAD
	    "  <note id=\"m\"><p>map</p></note>\n"
	    "  <topic id=\"t0\" text=\"r\">\n"
	    "    <note ref=\"m\"/>\n"
	    "  </topic>\n"
	    "</map>\n");
	ramify_doc_free(doc);
	buf_free(&x);
}

/* Every value error is reported, each where it is. */
static void
test_semantic_errors(void **state)
{
	(void)state;
	expect_errors(HEAD
	    "  <note id=\"a\"><p>one</p></note>\n"
	    "  <topic id=\"r\" text=\"x\" side=\"up\" folded=\"yes\" color=\"#12345g\">\n"
	    "    <topic id=\"r\" text=\"dup\"/>\n"
	    "    <topic id=\"a b\" text=\"space\"/>\n"
	    "    <topic id=\"\" text=\"empty\"/>\n"
	    "    <note id=\"a\"><p>two</p></note>\n"
	    "    <note ref=\"nope\"/>\n"
	    "    <link href=\"\"/>\n"
	    "    <attr name=\"\" value=\"v\"/>\n"
	    "    <icon name=\"\"/>\n"
	    "    <customer ref=\"\"/>\n"
	    "    <topic text=\"c\" color=\"red\"/>\n"
	    "  </topic>\n"
	    "</map>\n",
	    "4:5: error: duplicate topic id 'r' (first used at 3:3)\n"
	    "5:5: error: invalid topic id 'a b' (ids are not empty and contain no spaces)\n"
	    "6:5: error: invalid topic id '' (ids are not empty and contain no spaces)\n"
	    "7:5: error: duplicate note id 'a' (first used at 2:3)\n"
	    "3:3: error: invalid side 'up' (expected left or right)\n"
	    "3:3: error: invalid folded 'yes' (expected true or false)\n"
	    "3:3: error: invalid colour '#12345g' (expected #rrggbb, six hexadecimal digits)\n"
	    "8:5: error: note reference 'nope' does not match any note id\n"
	    "9:5: error: empty 'href' attribute on <link>\n"
	    "10:5: error: empty 'name' attribute on <attr>\n"
	    "11:5: error: empty 'name' attribute on <icon>\n"
	    "12:5: error: empty 'ref' attribute on <customer>\n"
	    "13:5: error: invalid colour 'red' (expected #rrggbb, six hexadecimal digits)\n");
}

static void
test_structure_errors(void **state)
{
	(void)state;
	expect_errors("<map xmlns=\"urn:ramify:map:1\" version=\"1\" foo=\"x\">\n"
	    "  <note><p>n</p></note>\n"
	    "  <title>late</title>\n"
	    "  <topic>\n"
	    "    text\n"
	    "    <bogus/>\n"
	    "    <p>stray</p>\n"
	    "    <note ref=\"x\" id=\"y\"/>\n"
	    "    <note ref=\"x\"><p>p</p></note>\n"
	    "    <note/>\n"
	    "    <link/>\n"
	    "  </topic>\n"
	    "  <topic text=\"second\"/>\n"
	    "</map>\n",
	    "1:1: error: unknown attribute 'foo' on <map>\n"
	    "3:3: error: <title> must be the first element in <map>, and appear at most once\n"
	    "13:3: error: second root topic: a map has exactly one top-level <topic>\n"
	    "4:3: error: <topic> has no 'text' attribute\n"
	    "4:3: error: unexpected text in <topic> (it holds only elements)\n"
	    "6:5: error: unknown element <bogus>\n"
	    "7:5: error: <p> is not allowed in <topic>\n"
	    "8:5: error: <note> has both 'ref' and 'id': a note either refers to another or defines one\n"
	    "9:5: error: <note ref> must be empty: it refers to a note defined elsewhere\n"
	    "10:5: error: <note> has no <p> (a note holds one or more paragraphs, or a 'ref')\n"
	    "11:5: error: <link> has no 'href' attribute\n"
	    "8:5: error: note reference 'x' does not match any note id\n"
	    "9:5: error: note reference 'x' does not match any note id\n");
}

static void
test_root_errors(void **state)
{
	(void)state;
	expect_errors("<map version=\"1\"><topic text=\"x\"/></map>",
	    "1:1: error: root element is <map> in no namespace, expected "
	    "<map xmlns=\"urn:ramify:map:1\">\n");
	expect_errors("<map xmlns=\"urn:ramify:map:1\" version=\"2\"/>",
	    "1:1: error: unsupported map version '2' (this reader knows "
	    "version 1)\n");
	/* No version: version 1. */
	expect_errors("<map xmlns=\"urn:ramify:map:1\"/>",
	    "1:1: error: <map> has no <topic> (a map has exactly one "
	    "top-level topic)\n");
	expect_errors(HEAD "</map>",
	    "1:1: error: <map> has no <topic> (a map has exactly one "
	    "top-level topic)\n");
	expect_errors(HEAD "<topic text=\"a\"/>\n</map>\n" HEAD "</map>\n",
	    "4:1: error: Extra content at the end of the document\n");
}

static void
test_empty(void **state)
{
	struct diags d;
	int rc;

	(void)state;
	assert_null(parse_n("ramify", "", 0, &d, &rc));
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_string_equal(d.text, "1:1: error: document is empty\n");
	assert_null(parse_n("ramify", "  \n", 3, &d, &rc));
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_int_equal(d.errors, 1);
	/* Sniffing finds nothing in nothing. */
	assert_null(parse_n(NULL, "", 0, &d, &rc));
	assert_int_equal(rc, RAMIFY_EINPUT);
}

/* Entity declarations are refused before anything is expanded or
 * loaded; the file's content never reaches the model or a message. */
static void
test_entities_refused(void **state)
{
	static const char *const bad[] = {
		"<?xml version=\"1.0\"?>\n<!DOCTYPE map [\n"
		"  <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
		HEAD "<topic text=\"&x;\"/></map>\n",
		"<!DOCTYPE map [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
		HEAD "<topic text=\"x\"/></map>\n",
		"<!DOCTYPE map [<!ENTITY x SYSTEM \"file:///etc/passwd\" NDATA n>]>\n"
		HEAD "<topic text=\"x\"/></map>\n",
		"<!DOCTYPE map [\n <!ENTITY a \"lol\">\n"
		" <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
		" <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
		" <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n"
		HEAD "<topic text=\"&d;\"/></map>\n",
	};
	struct diags d;
	ramify_doc *doc;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		doc = parse("ramify", bad[i], &d);
		assert_null(doc);
		assert_non_null(strstr(d.text, "entity declarations are not allowed"));
		assert_null(strstr(d.text, "root:"));
	}
	expect_errors("<!DOCTYPE map [\n  <!ENTITY x SYSTEM \"file:///etc/passwd\">\n]>\n"
	    HEAD "<topic text=\"&x;\"/></map>\n",
	    "2:41: error: entity declarations are not allowed (entity 'x')\n");
	/* An undeclared entity stays an error. */
	expect_errors(HEAD "<topic text=\"a&undefined;\"/></map>\n",
	    "2:26: error: Entity 'undefined' not defined\n");
}

/* n topics nested in each other. */
static char *
nested(unsigned n)
{
	char *s = malloc(64 + (size_t)n * 40), *p = s;
	unsigned i;

	p += sprintf(p, HEAD);
	for (i = 0; i < n; i++)
		p += sprintf(p, "<topic text=\"%u\">\n", i);
	for (i = 0; i < n; i++)
		p += sprintf(p, "</topic>\n");
	sprintf(p, "</map>\n");
	return s;
}

static void
test_depth(void **state)
{
	struct diags d;
	ramify_doc *doc;
	char *s;
	struct buf x;

	(void)state;
	s = nested(300);
	assert_null(parse("ramify", s, &d));
	assert_string_equal(d.text, "258:1: error: document nests too deeply "
	    "(more than 257 levels of elements)\n");
	free(s);
	s = nested(250);
	doc = parse("ramify", s, &d);
	assert_non_null(doc);
	assert_int_equal(doc->ntopics, 250);
	assert_int_equal(doc->topics[249]->depth, 249);
	assert_int_equal(doc->topics[249]->pos.line, 251);
	x = render(doc, "ramify", NULL);
	ramify_doc_free(doc);
	buf_free(&x);
	free(s);
	/* The deepest the format holds: 256 topics, the last one bare. */
	s = nested(256);
	doc = parse("ramify", s, &d);
	assert_non_null(doc);
	x = render(doc, "ramify", NULL);
	buf_free(&x);
	/* With a note it would be too deep to read back: not written. */
	ramify_topic_add_note(doc, doc->topics[255], "deep");
	x = (struct buf){ 0 };
	assert_int_equal(ramify_write(doc, ramify_format_by_name("ramify"),
	    NULL, buf_write, &x), RAMIFY_ELIMIT);
	buf_free(&x);
	ramify_doc_free(doc);
	free(s);
}

static void
test_invalid_utf8(void **state)
{
	(void)state;
	expect_errors(HEAD "  <topic text=\"caf\xc3\xa9 \xff\"/>\n</map>\n",
	    "2:21: error: invalid UTF-8 (declare the encoding if the file is "
	    "not UTF-8)\n");
	/* Columns count characters, as libxml2's do: <bogus> is at 21. */
	expect_errors(HEAD "  <topic text=\"\xc3\xa9\xe2\x82\xac\xc3\xbc\"><bogus/></topic>\n</map>\n",
	    "2:21: error: unknown element <bogus>\n");
}

static void
test_encodings(void **state)
{
	static const char src[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" HEAD
	    "  <topic text=\"Gr\xc3\xbc\xc3\x9f" "e \xe5\xae\xa2\xe6\x88\xb7\"><bogus/></topic>\n"
	    "</map>\n";
	char u16[2 * sizeof src + 2];
	struct diags d;
	ramify_doc *doc;
	int rc;
	gsize len;
	char *conv;

	(void)state;
	/* UTF-16LE with a byte order mark: positions are still exact. */
	conv = g_convert(src, -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
	assert_non_null(conv);
	u16[0] = (char)0xff;
	u16[1] = (char)0xfe;
	memcpy(u16 + 2, conv, len);
	g_free(conv);
	assert_null(parse_n(NULL, u16, len + 2, &d, &rc));
	assert_string_equal(d.text, "3:26: error: unknown element <bogus>\n");
	/* Valid UTF-16BE without a BOM. */
	conv = g_convert("<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" HEAD
	    "<topic text=\"\xe5\xae\xa2\xe6\x88\xb7\"/></map>\n", -1,
	    "UTF-16BE", "UTF-8", NULL, &len, NULL);
	doc = parse_n(NULL, conv, len, &d, &rc);
	g_free(conv);
	assert_non_null(doc);
	assert_string_equal(doc->root->text, "\xe5\xae\xa2\xe6\x88\xb7");
	assert_int_equal(doc->root->pos.line, 3);
	assert_int_equal(doc->root->pos.col, 1);
	ramify_doc_free(doc);
	/* ISO-8859-1: columns are bytes, which are characters. */
	doc = parse("ramify", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    HEAD "  <topic text=\"Gr\xfc\xdf" "e\"><topic text=\"x\"/></topic>\n"
	    "</map>\n", &d);
	assert_non_null(doc);
	assert_string_equal(doc->root->text, "Gr\xc3\xbc\xc3\x9f" "e");
	assert_int_equal(doc->root->first->pos.line, 3);
	assert_int_equal(doc->root->first->pos.col, 23);
	ramify_doc_free(doc);
}

static void
test_sniff(void **state)
{
	const ramify_format *f = ramify_format_by_name("ramify");
	static const char *const yes[] = {
		HEAD,
		"\xef\xbb\xbf<?xml version=\"1.0\"?>\n<!-- c -->\n"
		"<!DOCTYPE map>\n<map version='1' xmlns='urn:ramify:map:1'>",
		"<r:map xmlns:r=\"urn:ramify:map:1\" version=\"1\">",
	};
	static const char *const no[] = {
		"", "<map>", "<map xmlns=\"urn:other\">", "<opml version=\"2.0\">",
		"<r:map xmlns=\"urn:ramify:map:1\">", "hello", "<map xmlns:r=\"urn:ramify:map:1\">",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof yes / sizeof yes[0]; i++)
		assert_ptr_equal(ramify_format_sniff(yes[i], strlen(yes[i])), f);
	for (i = 0; i < sizeof no / sizeof no[0]; i++)
		assert_int_equal(ramify_xml_sniff(no[i], strlen(no[i])), 0);
}

/* Elements and attributes of other namespaces are ignored, even with
 * our elements inside them. */
static void
test_extensions(void **state)
{
	struct diags d;
	ramify_doc *doc = parse("ramify", HEAD
	    "<x:a xmlns:x=\"urn:x\" x:b=\"c\"><topic text=\"no\"/><x:d/></x:a>\n"
	    "<topic text=\"r\" xmlns:y=\"urn:y\" y:z=\"1\">"
	    "<y:t><topic text=\"no\"/></y:t><note><p y:q=\"1\">n</p><y:u/></note>"
	    "</topic></map>\n", &d);

	(void)state;
	assert_non_null(doc);
	assert_int_equal(doc->ntopics, 1);
	assert_string_equal(ramify_topic_note(doc, doc->root, 0), "n");
	ramify_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_features),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_generated_note_ids),
		cmocka_unit_test(test_map_note_shared),
		cmocka_unit_test(test_semantic_errors),
		cmocka_unit_test(test_structure_errors),
		cmocka_unit_test(test_root_errors),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_entities_refused),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_encodings),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_extensions),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
