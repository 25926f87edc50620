/*
 * test_opml_md.c: the OPML and Markdown readers and writers through the
 * library: sniffing, what the readers make of small inputs, and random
 * texts full of special characters that must come back unchanged after a
 * write and a read.
 */
#include <glib.h>

#include "util.h"
#include "internal.h"

static void
test_sniff(void **state)
{
	const ramify_format *f;

	(void)state;
	assert_int_equal(opml_sniff("<?xml version=\"1.0\"?>\n<!-- c -->\n"
	    "<opml version=\"2.0\">", 40), 100);
	assert_int_equal(opml_sniff("<opmlx/>", 8), 0);
	assert_int_equal(opml_sniff("# <opml>", 8), 0);
	f = ramify_format_sniff("\xef\xbb\xbf<opml><body/></opml>", 23);
	assert_non_null(f);
	assert_string_equal(ramify_format_name(f), "opml");
	assert_int_equal(markdown_sniff("# Title\n", 8), 20);
	assert_int_equal(markdown_sniff("intro\n\n- item\n", 14), 10);
	assert_int_equal(markdown_sniff("<map/>\n# x\n", 11), 0);
	assert_int_equal(markdown_sniff("#hashtag\nplain\n", 15), 0);
	f = ramify_format_sniff("Notes\n\n## Goals\n- a\n", 20);
	assert_non_null(f);
	assert_string_equal(ramify_format_name(f), "markdown");
}

static void
test_opml_read(void **state)
{
	static const char in[] =
	    "<opml version=\"2.0\"><head><title>Map</title></head><body>\n"
	    "<outline text=\"Root\" created=\"today\" _note=\"a&#10;b\">\n"
	    "  <outline text=\"L\" type=\"Link\" url=\"https://x/\"/>\n"
	    "  <outline text=\"F\" collapse=\"true\"><outline text=\"h\"/>"
	    "</outline>\n"
	    "</outline></body></opml>\n";
	struct diags d;
	ramify_doc *doc = parse("opml", in, &d);
	struct ramify_topic *r, *l;

	(void)state;
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	assert_string_equal(doc->title, "Map");
	r = doc->root;
	assert_string_equal(r->text, "Root");
	assert_int_equal(r->pos.line, 2);
	assert_int_equal(r->pos.col, 1);
	assert_string_equal(ramify_topic_note(doc, r, 0), "a\n\nb");
	assert_int_equal(r->nattrs, 1);
	assert_string_equal(r->attrs[0].name, "created");
	l = r->first;
	assert_int_equal(l->nlinks, 1);
	assert_string_equal(l->links[0].href, "https://x/");
	assert_int_equal(l->nattrs, 0);
	assert_true(l->next->folded);
	assert_false(r->folded);
	ramify_doc_free(doc);
}

static void
test_markdown_read(void **state)
{
	static const char in[] =
	    "# Root\n"
	    "\n"
	    "Note one\n"
	    "continued.\n"
	    "\n"
	    "## Sub <!--markmap:fold-->\n"
	    "\n"
	    "- item [x](u \"t\")\n"
	    "  rest of the item\n"
	    "  - child\n"
	    "- `code` and *em*\n";
	struct diags d;
	ramify_doc *doc = parse("markdown", in, &d);
	struct ramify_topic *r, *s, *i;

	(void)state;
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	r = doc->root;
	assert_string_equal(r->text, "Root");
	assert_string_equal(ramify_topic_note(doc, r, 0),
	    "Note one continued.");
	s = r->first;
	assert_string_equal(s->text, "Sub");
	assert_true(s->folded);
	assert_int_equal(s->pos.line, 6);
	assert_int_equal(s->pos.col, 4);
	i = s->first;
	assert_string_equal(i->text, "item x");
	assert_int_equal(i->nlinks, 1);
	assert_string_equal(i->links[0].href, "u");
	assert_string_equal(i->links[0].title, "t");
	assert_string_equal(ramify_topic_note(doc, i, 0), "rest of the item");
	assert_string_equal(i->first->text, "child");
	assert_string_equal(i->next->text, "code and em");
	assert_int_equal(doc->ntopics, 5);
	ramify_doc_free(doc);
}

/* Characters that mean something to Markdown or XML, spaces, controls,
 * and some that mean nothing. */
static const char *const alphabet[] = {
	" ", " ", "\t", "\n", "\r", "\\", "`", "*", "_", "[", "]", "(", ")",
	"<", ">", "&", "#", "!", "|", "~", "-", "+", "=", ".", ":", "\"",
	"'", "0", "1", "9", "a", "b", "Z", "amp;", "#32;", "!--", "br",
	"markmap: fold", "中", "文", "é", "\xe2\x80\xa8", "\x01", "\x7f",
	"http://", "{", "$", "](", "<http://a.b>", "<b>", "www.x.y", "\\\n",
};

static char *
random_text(GRand *rng, int xml)
{
	GString *s = g_string_new(NULL);
	int n = g_rand_int_range(rng, 0, 16), i;
	size_t k;

	for (i = 0; i < n; i++) {
		k = (size_t)g_rand_int_range(rng, 0,
		    (gint32)(sizeof alphabet / sizeof alphabet[0]));
		/* XML 1.0 has no place for C0 controls but tab, LF, CR. */
		if (xml && (alphabet[k][0] == '\x01'))
			continue;
		g_string_append(s, alphabet[k]);
	}
	return g_string_free(s, FALSE);
}

/* A chain root - 1 - 2 - 3 - 4 - 4' so that the text is written as a
 * heading and as a list item, with links and folding. */
static ramify_doc *
random_doc(GRand *rng, int xml)
{
	char *text = random_text(rng, xml);
	ramify_doc *doc = ramify_doc_new(text);
	struct ramify_topic *t = doc->root, *u;
	int i;

	g_free(text);
	for (i = 0; i < 5; i++) {
		text = random_text(rng, xml);
		u = ramify_topic_add_child(doc, i == 4 ? t->parent : t, text);
		g_free(text);
		assert_non_null(u);
		t = u;
		t->folded = g_rand_int_range(rng, 0, 2);
		if (g_rand_int_range(rng, 0, 2)) {
			char *href = random_text(rng, xml), *title;

			title = random_text(rng, xml);
			if (*href != '\0')
				assert_int_equal(rm_topic_add_link(doc, t, href,
				    *title != '\0' && !xml ? title : NULL), 0);
			g_free(href);
			g_free(title);
		}
	}
	return doc;
}

/* Write `doc` as `fmt`, read it back, and compare text, links, folding. */
static void
round_trip(const ramify_doc *doc, const char *fmt)
{
	struct buf b = render(doc, fmt, NULL);
	struct diags d;
	int rc;
	ramify_doc *back = parse_n(fmt, b.data, b.len, &d, &rc);
	size_t i, j;

	if (back == NULL)
		fail_msg("%s: %s\n%s", fmt, d.text, b.data);
	if (back->ntopics != doc->ntopics)
		fail_msg("%s: %zu topics came back as %zu from\n%s", fmt,
		    doc->ntopics, back->ntopics, b.data);
	for (i = 0; i < doc->ntopics; i++) {
		const struct ramify_topic *a = doc->topics[i], *z = back->topics[i];

		if (strcmp(a->text, z->text) != 0)
			fail_msg("%s: text [%s] came back as [%s] from\n%s",
			    fmt, a->text, z->text, b.data);
		if (a->depth != z->depth)
			fail_msg("%s: [%s] at depth %u came back at %u from\n%s",
			    fmt, a->text, a->depth, z->depth, b.data);
		if (a->folded != z->folded)
			fail_msg("%s: folded %d came back as %d from\n%s", fmt,
			    a->folded, z->folded, b.data);
		assert_int_equal(a->nlinks, z->nlinks);
		for (j = 0; j < a->nlinks; j++) {
			if (strcmp(a->links[j].href, z->links[j].href) != 0)
				fail_msg("%s: href [%s] came back as [%s] from"
				    "\n%s", fmt, a->links[j].href,
				    z->links[j].href, b.data);
			if (strcmp(fmt, "markdown") == 0)
				assert_string_equal(a->links[j].title != NULL ?
				    a->links[j].title : "(none)",
				    z->links[j].title != NULL ?
				    z->links[j].title : "(none)");
		}
	}
	ramify_doc_free(back);
	buf_free(&b);
}

static void
test_random_texts(void **state)
{
	GRand *rng = g_rand_new_with_seed(20240501);
	int i;

	(void)state;
	for (i = 0; i < 3000; i++) {
		ramify_doc *doc = random_doc(rng, 0);

		round_trip(doc, "markdown");
		ramify_doc_free(doc);
		doc = random_doc(rng, 1);
		round_trip(doc, "opml");
		ramify_doc_free(doc);
	}
	g_rand_free(rng);
}

/* Lists deeper than the writer's limit are refused before any output. */
static void
test_markdown_too_deep(void **state)
{
	ramify_doc *doc = ramify_doc_new("root");
	struct ramify_topic *t = ramify_doc_root(doc);
	struct buf b = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 5003; i++)
		t = ramify_topic_add_child(doc, t, "x");
	assert_int_equal(render_to(doc, "markdown", NULL, &b), RAMIFY_ELIMIT);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	ramify_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_opml_read),
		cmocka_unit_test(test_markdown_read),
		cmocka_unit_test(test_random_texts),
		cmocka_unit_test(test_markdown_too_deep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
