/*
 * test_model.c: the document API, the format table, and the text and
 * tree writers on maps built through the API.
 */
#include "util.h"

/* Part of seed 000's outline: I./A./1. numbering, notes as [Wn]
 * markers in order of first use, a shared note keeping its number, an
 * unnumbered-in-the-seed fourth level numbered a., multi-paragraph notes. */
static void
test_text_outline(void **state)
{
	ramify_doc *doc = ramify_doc_new("Managing customers");
	ramify_topic *r = ramify_doc_root(doc), *goals, *sales, *x, *prof;
	size_t w2;
	struct buf b;

	(void)state;
	goals = ramify_topic_add_child(doc, r, "Goals");
	ramify_topic_add_note(doc, goals, "Why manage customers at all.");
	sales = ramify_topic_add_child(doc, goals, "Increase sales");
	w2 = ramify_topic_add_note(doc, sales, "Know the customer's business.");
	x = ramify_topic_add_child(doc, sales, "Cross-selling");
	ramify_topic_add_child(doc, x, "New products\nor services");
	ramify_topic_add_child(doc, sales, "Up-selling");
	ramify_topic_add_child(doc, goals, "Optimise advertising");
	prof = ramify_topic_add_child(doc, r, "Profiling");
	ramify_topic_add_note(doc, prof, "First paragraph.\n\nSecond paragraph.");
	assert_int_equal(ramify_topic_attach_note(doc, prof, w2), RAMIFY_OK);
	assert_int_equal(ramify_topic_attach_note(doc, prof, 99), RAMIFY_EUSAGE);
	b = render(doc, "text", NULL);
	assert_string_equal(b.data,
	    "Managing customers\n"
	    "\n"
	    "I. Goals[W1]\n"
	    "   A. Increase sales[W2]\n"
	    "      1. Cross-selling\n"
	    "         a. New products or services\n"
	    "      2. Up-selling\n"
	    "   B. Optimise advertising\n"
	    "II. Profiling[W3][W2]\n"
	    "\n"
	    "[W1]Why manage customers at all.\n"
	    "[W2]Know the customer's business.\n"
	    "[W3]First paragraph.\n\nSecond paragraph.\n");
	buf_free(&b);
	ramify_doc_free(doc);
}

/* Markers for every level: I. A. 1. a. i. then the cycle again. */
static void
test_text_markers(void **state)
{
	ramify_doc *doc = ramify_doc_new("R");
	ramify_topic *t = ramify_doc_root(doc), *first = NULL;
	struct buf b;
	int i;

	(void)state;
	for (i = 0; i < 6; i++) {
		t = ramify_topic_add_child(doc, t, "x");
		if (first == NULL)
			first = t;
	}
	for (i = 0; i < 27; i++)
		ramify_topic_add_child(doc, ramify_doc_root(doc), "y");
	b = render(doc, "text", NULL);
	assert_non_null(strstr(b.data, "\nI. x\n   A. x\n      1. x\n"
	    "         a. x\n            i. x\n               I. x\n"));
	assert_non_null(strstr(b.data, "\nXXVIII. y\n"));
	buf_free(&b);
	ramify_doc_free(doc);
}

static void
test_api(void **state)
{
	ramify_doc *doc;
	ramify_topic *r, *a, *b;

	(void)state;
	assert_null(ramify_doc_new("bad \xff utf-8"));
	doc = ramify_doc_new("Root");
	r = ramify_doc_root(doc);
	assert_string_equal(ramify_topic_text(r), "Root");
	assert_string_equal(ramify_topic_id(r), "t0");
	assert_null(ramify_topic_parent(r));
	a = ramify_topic_add_child(doc, r, "A");
	b = ramify_topic_add_child(doc, r, "B");
	assert_null(ramify_topic_add_child(doc, r, "\xc0\x80"));	/* overlong */
	assert_null(ramify_topic_add_child(doc, r, "\xed\xa0\x80"));	/* surrogate */
	assert_ptr_equal(ramify_topic_first_child(r), a);
	assert_ptr_equal(ramify_topic_next(a), b);
	assert_ptr_equal(ramify_topic_parent(b), r);
	assert_string_equal(ramify_topic_id(b), "t2");
	assert_int_equal(ramify_doc_count(doc), 3);
	assert_int_equal(ramify_topic_add_note(doc, a, "n"), 0);
	assert_int_equal(ramify_topic_note_count(a), 1);
	assert_string_equal(ramify_topic_note(doc, a, 0), "n");
	assert_null(ramify_topic_note(doc, a, 1));
	ramify_doc_free(doc);
	ramify_doc_free(NULL);
}

static void
test_formats(void **state)
{
	const ramify_format *f;
	ramify_options *o = ramify_options_new();

	(void)state;
	f = ramify_format_by_path("out/Map.PDF", 0);
	assert_non_null(f);
	assert_string_equal(ramify_format_name(f), "pdf");
	assert_null(ramify_format_by_path("out.d/noext", 0));
	assert_null(ramify_format_by_path("map.pdf", 1));	/* not readable */
	assert_string_equal(ramify_format_name(
	    ramify_format_by_path("a.xml", 1)), "ramify");
	assert_string_equal(ramify_format_name(
	    ramify_format_by_path("a.txt", 0)), "text");
	assert_null(ramify_format_by_name("docx"));
	assert_true(ramify_format_can_write(ramify_format_by_name("png")));
	assert_false(ramify_format_can_read(ramify_format_by_name("png")));
	assert_int_equal(ramify_options_set_layout(o, "nope"), RAMIFY_EUSAGE);
	assert_int_equal(ramify_options_set_layout(o, "map"), RAMIFY_OK);
	assert_string_equal(ramify_layout_name(0), "map");
	/* Any UTF-8 text falls back to the text outline; binary is nothing. */
	assert_string_equal(ramify_format_name(ramify_format_sniff("hello", 5)),
	    "text");
	assert_null(ramify_format_sniff("\x89PNG\r\n\x1a\n", 8));
	ramify_options_free(o);
}

/* The tree dump shows every field, quoted so bytes are visible. */
static void
test_tree_dump(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root \"q\"");
	ramify_topic *a = ramify_topic_add_child(doc, ramify_doc_root(doc), "A\tb");
	struct buf b;

	(void)state;
	ramify_topic_add_note(doc, a, "line\nnext");
	b = render(doc, "tree", NULL);
	assert_string_equal(b.data,
	    "note #0 \"line\\nnext\"\n"
	    "topic \"Root \\\"q\\\"\" id=\"t0\"\n"
	    "  topic \"A\\tb\" id=\"t1\"\n"
	    "    - note #0\n");
	buf_free(&b);
	ramify_doc_free(doc);
}

/* A failing write callback is reported as RAMIFY_EIO, not ignored. */
static void
test_write_failure(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	struct buf b = { 0 };
	int i;

	(void)state;
	for (i = 0; i < 3000; i++)
		ramify_topic_add_child(doc, ramify_doc_root(doc), "child topic");
	b.fail_after = 1;
	assert_int_equal(ramify_write(doc, ramify_format_by_name("text"), NULL,
	    buf_write, &b), RAMIFY_EIO);
	buf_free(&b);
	ramify_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_text_outline),
		cmocka_unit_test(test_text_markers),
		cmocka_unit_test(test_api),
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_tree_dump),
		cmocka_unit_test(test_write_failure),
	};

	return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
