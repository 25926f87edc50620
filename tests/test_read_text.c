/*
 * test_read_text.c: the text outline reader: nesting by indentation and
 * by marker kind (and the roman/letter ambiguities), title lines, notes,
 * located errors and warnings, sniffing, and round trips of random maps
 * through the text writer.
 */
#include <glib.h>

#include "util.h"
#include "internal.h"

/*
 * The tree as "Root(A(a,b),B)": texts, children in parentheses.  Built
 * without recursion, like everything that walks user trees.
 */
static char *
shape(const ramify_doc *doc)
{
	GString *s = g_string_new(NULL);
	const struct ramify_topic *t = doc->root, *u;

	while (t != NULL) {
		g_string_append(s, t->text);
		if (t->first != NULL) {
			g_string_append_c(s, '(');
			t = t->first;
			continue;
		}
		for (u = t; u != doc->root && u->next == NULL; u = u->parent)
			if (u->parent != NULL)
				g_string_append_c(s, ')');
		if (u == doc->root)
			break;
		g_string_append_c(s, ',');
		t = u->next;
	}
	return g_string_free(s, FALSE);
}

/* Read `text`: no diagnostics at all, and the tree is `want`. */
static void
expect_shape(const char *text, const char *want)
{
	struct diags d;
	ramify_doc *doc = parse("text", text, &d);
	char *got;

	if (doc == NULL || d.text[0] != '\0')
		fail_msg("%s\nread with: %s", text, d.text);
	got = shape(doc);
	if (strcmp(got, want) != 0)
		fail_msg("%s\nwant %s\ngot  %s", text, want, got);
	g_free(got);
	ramify_doc_free(doc);
}

/* Read `text`: it must fail with exactly the diagnostics `want`. */
static void
expect_errors(const char *text, size_t len, const char *want)
{
	struct diags d;
	int rc;
	ramify_doc *doc = parse_n("text", text,
	    len == SIZE_MAX ? strlen(text) : len, &d, &rc);

	assert_null(doc);
	assert_int_not_equal(rc, RAMIFY_OK);
	assert_string_equal(d.text, want);
}

static void
test_seed_shape(void **state)
{
	(void)state;
	/* Seed 000's outline: no indentation, unnumbered children. */
	expect_shape("Managing Customers\n\n"
	    "I. Goals\nA. Increase sales\n1. Customer-led products\n"
	    "3. Cross-selling\nNew products or services\n4. Up-selling\n"
	    "Upgrades\nB. Optimize advertising\n1. Targeted campaigns\n"
	    "II. Profiling\nA. Statistics\nC. Motivation\n"
	    "1. Reasons for buying\nSpeed of delivery\n...others\n"
	    "2. Reasons for defection\n3. Other\nIII. Analyzing\n"
	    "V. Prospecting\n",
	    "Managing Customers(Goals(Increase sales(Customer-led products,"
	    "Cross-selling(New products or services),Up-selling(Upgrades)),"
	    "Optimize advertising(Targeted campaigns)),Profiling(Statistics,"
	    "Motivation(Reasons for buying(Speed of delivery,...others),"
	    "Reasons for defection,Other)),Analyzing,Prospecting)");
}

static void
test_marker_ambiguity(void **state)
{
	(void)state;
	/* c. and d. after b. are letters, not roman 100 and 500. */
	expect_shape("T\na. x\nb. y\nc. z\nd. w\n", "T(x,y,z,w)");
	/* i. after h. is the letter; after a. the numeral. */
	expect_shape("T\ng. 7\nh. 8\ni. 9\nj. 10\n", "T(7,8,9,10)");
	expect_shape("T\na. x\ni. r1\nii. r2\niii. r3\n", "T(x(r1,r2,r3))");
	/* Indented under h., i. starts the numerals. */
	expect_shape("T\nh. 8\n   i. r1\n   ii. r2\ni. 9\n", "T(8(r1,r2),9)");
	/* v. after iv. and x. after ix. are numerals, after u. and w.
	 * letters. */
	expect_shape("T\na. x\niv. 4\nv. 5\n", "T(x(4,5))");
	expect_shape("T\na. x\nix. 9\nx. 10\n", "T(x(9,10))");
	expect_shape("T\nu. 21\nv. 22\nw. 23\nx. 24\n", "T(21,22,23,24)");
	/* Capitals: I. after H. is the letter, C. after B. too. */
	expect_shape("T\nI. one\nA. a\nB. b\nC. c\nH. h\nI. i\nII. two\n",
	    "T(one(a,b,c,h,i),two)");
	/* Levels 6 and up reuse I. A. 1. a. i.: indentation or the number
	 * tells which. */
	expect_shape("T\nI. 1\n   A. 2\n      1. 3\n         a. 4\n"
	    "            i. 5\n               I. 6\nII. 1b\n",
	    "T(1(2(3(4(5(6))))),1b)");
	expect_shape("T\nI. 1\nA. 2\n1. 3\na. 4\ni. 5\nI. 6\nII. 6b\n",
	    "T(1(2(3(4(5(6,6b))))))");
	expect_shape("T\nI. 1\nA. 2\n1. 3\na. 4\ni. 5\nII. 1b\n",
	    "T(1(2(3(4(5)))),1b)");
	/* Nested decimal lists by indentation; markdown's 1. 1. 1. */
	expect_shape("T\n1. a\n   1. a1\n   2. a2\n2. b\n", "T(a(a1,a2),b)");
	expect_shape("T\n1. a\n1. b\n1) c\n", "T(a,b,c)");
	/* Past Z: AA. AB.; "AB." alone is no marker. */
	expect_shape("T\nY. y\nZ. z\nAA. aa\nAB. ab\n", "T(y,z,aa,ab)");
	expect_shape("T\nAB. x\n", "T(AB. x)");
	/* Not markers at all. */
	expect_shape("T\nMr. Smith\ne.g. this\nI.e. that\nIIII. four\n",
	    "T(Mr. Smith,e.g. this,I.e. that,IIII. four)");
	/* A skipped level: 1. straight under I. */
	expect_shape("T\nI. a\n1. b\n2. c\nII. d\n", "T(a(b,c),d)");
	/* A marker stays a marker when every reading fits badly. */
	expect_shape("T\n   I. a\n5. b\n", "T(a(b))");
	/* An empty topic: the marker alone. */
	expect_shape("T\nI. a\nII.\nIII. \n", "T(a,,)");
}

static void
test_unnumbered(void **state)
{
	(void)state;
	/* Unnumbered lines below a numbered item: its children, nested
	 * among themselves by indentation. */
	expect_shape("T\nI. a\nfoo\nbar\nII. b\n", "T(a(foo,bar),b)");
	expect_shape("T\nI. a\n   x\n      y\n   z\nII. b\n", "T(a(x(y),z),b)");
	/* ... until a line less indented than the item. */
	expect_shape("T\n  - p1\n    1. design\n    2. build\n  - p2\n",
	    "T(p1(design,build),p2)");
	/* Bullets. */
	expect_shape("T\n- a\n  * b\n  \xe2\x80\xa2 c\n- d\n", "T(a(b,c),d)");
	expect_shape("T\n-not a bullet\n", "T(-not a bullet)");
}

static void
test_title_and_indentation(void **state)
{
	(void)state;
	/* The first line is the root; with several top-level lines after
	 * it, the title line above them. */
	expect_shape("Root\n  A\n  B\n", "Root(A,B)");
	expect_shape("Title\nA\n  a1\nB\n", "Title(A(a1),B)");
	expect_shape("\n\n- Root\n  - A\n\n\n  - B\n", "Root(A,B)");
	/* No title line: the root is empty. */
	expect_shape("I. A\nII. B\n", "(A,B)");
	/* A tab goes to the next multiple of 8 columns. */
	expect_shape("R\n\tA\n        B\n", "R(A,B)");
	expect_shape("R\n    A\n\tB\n  \tC\n", "R(A(B,C))");
	expect_shape("R\n\tA\n\t        B\n\t\tC\n", "R(A(B,C))");
	/* Line ends: LF, CRLF, CR. */
	expect_shape("R\r\n  A\r\n    B\r\n", "R(A(B))");
	expect_shape("R\r  A\r    B\r", "R(A(B))");
	/* Trailing blanks do not count. */
	expect_shape("R \t\n  A  \n", "R(A)");
}

static void
test_dedent_warning(void **state)
{
	struct diags d;
	ramify_doc *doc;
	char *s;

	(void)state;
	doc = parse("text", "R\n    a\n  b\n      c\n   d\n", &d);
	assert_non_null(doc);
	assert_string_equal(d.text,
	    "3:3: warning: inconsistent dedent: indentation 2 matches no "
	    "enclosing line; placed under line 1\n"
	    "5:4: warning: inconsistent dedent: indentation 3 matches no "
	    "enclosing line; placed under line 3\n");
	s = shape(doc);
	assert_string_equal(s, "R(a,b(c,d))");
	g_free(s);
	ramify_doc_free(doc);
}

/* Note i of topic t, or NULL. */
static const char *
note(const ramify_doc *doc, const struct ramify_topic *t, size_t i)
{
	return ramify_topic_note(doc, t, i);
}

static void
test_notes(void **state)
{
	struct diags d;
	ramify_doc *doc;
	struct ramify_topic *r, *a, *b;

	(void)state;
	doc = parse("text",
	    "Root[W3]\n\nI. A[W1][W2]\nII. B [W2] [W1]\n"
	    "III. Goals 4\n\n"
	    "[W1]One  line,\n   wrapped \t here.\n\n\nSecond paragraph.\n"
	    "[W2]\nStarts on the next line.\n"
	    "[W3]\xe5\xae\xa2\xe6\x88\xb7\xe3\x80\x82\n"
	    "\xe7\xae\xa1\xe7\x90\x86 and more\n", &d);
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	r = doc->root;
	a = r->first;
	b = a->next;
	assert_string_equal(r->text, "Root");
	assert_string_equal(a->text, "A");
	assert_string_equal(b->text, "B");
	/* Trailing page numbers are text. */
	assert_string_equal(b->next->text, "Goals 4");
	assert_int_equal(a->nnotes, 2);
	assert_string_equal(note(doc, a, 0),
	    "One line, wrapped here.\n\nSecond paragraph.");
	assert_string_equal(note(doc, a, 1), "Starts on the next line.");
	/* One note, two topics, in the order of the markers. */
	assert_int_equal(b->nnotes, 2);
	assert_int_equal(b->notes[0], a->notes[1]);
	assert_int_equal(b->notes[1], a->notes[0]);
	/* Wrapped Chinese joins without a space. */
	assert_string_equal(note(doc, r, 0),
	    "\xe5\xae\xa2\xe6\x88\xb7\xe3\x80\x82\xe7\xae\xa1\xe7\x90\x86"
	    " and more");
	assert_int_equal(doc->nmap_notes, 0);
	assert_string_equal(doc->notes[a->notes[0]].key, "W1");
	assert_int_equal(doc->notes[a->notes[0]].pos.line, 7);
	ramify_doc_free(doc);

	/* Markers need "[W" digits "]" at the very end. */
	expect_shape("T\nI. a[W1] b\nII. c[W]\nIII. d[W1234567890]\n",
	    "T(a[W1] b,c[W],d[W1234567890])");
	/* A definition only starts in the first column. */
	doc = parse("text", "T\nI. a[W1]\n  [W2] is text\n\n[W1]n\n", &d);
	assert_non_null(doc);
	assert_string_equal(doc->root->first->first->text, "[W2] is text");
	ramify_doc_free(doc);
}

static void
test_map_note(void **state)
{
	struct diags d;
	ramify_doc *doc;

	(void)state;
	doc = parse("text", "T\n\nIntro line one\n  line two?\n", &d);
	assert_int_equal(doc->nmap_notes, 0);
	ramify_doc_free(doc);

	doc = parse("text", "T\n\nIntro line one\nline two\n\nPara 2\n\n"
	    "I. A\n", &d);
	assert_non_null(doc);
	assert_string_equal(d.text, "");
	assert_int_equal(doc->ntopics, 2);
	assert_int_equal(doc->nmap_notes, 1);
	assert_string_equal(doc->notes[doc->map_notes[0]].text,
	    "Intro line one line two\n\nPara 2");
	assert_int_equal(doc->notes[doc->map_notes[0]].pos.line, 3);
	ramify_doc_free(doc);

	/* Not a map note: no blank line after the title, or before the
	 * outline, a bullet, or no numbered item after it. */
	expect_shape("T\nIntro\n\nI. A\n", "T(Intro,A)");
	expect_shape("T\n\nIntro\nI. A\n", "T(Intro,A)");
	expect_shape("T\n\nIntro\n- b\n\nI. A\n", "T(Intro,b,A)");
	expect_shape("T\n\nIntro\n\nMore\n", "T(Intro,More)");

	/* An unused definition warns and becomes a map note. */
	doc = parse("text", "T\nI. A[W1]\n\n[W1]used\n[W2]not used\n", &d);
	assert_non_null(doc);
	assert_string_equal(d.text, "5:1: warning: note [W2] is not used by "
	    "any topic; kept as a note on the map\n");
	assert_int_equal(doc->nmap_notes, 1);
	assert_string_equal(doc->notes[doc->map_notes[0]].text, "not used");
	ramify_doc_free(doc);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_errors("T\nI. a[W1]\nII. \xe5\xae\xa2[W2][W3]\n\n[W3]x\n",
	    SIZE_MAX, "2:5: error: note marker [W1] has no definition "
	    "([W1]text after the outline)\n"
	    "3:6: error: note marker [W2] has no definition "
	    "([W2]text after the outline)\n");
	expect_errors("T\nI. a[W1]\n\n[W1]x\n[W1]y\n", SIZE_MAX,
	    "5:1: error: note [W1] is defined twice (first on line 4)\n");
	/* Bad bytes, with the byte order mark not counted and CRLF one
	 * line end. */
	expect_errors("\xef\xbb\xbfRoot\r\n  B\xf8l\n", SIZE_MAX,
	    "2:4: error: invalid UTF-8 (byte 0xF8); text files must be "
	    "UTF-8 (convert with iconv)\n");
	expect_errors("R\r\r\n\xe5\xae\xa2\xc0\xaf\n", SIZE_MAX,
	    "3:2: error: invalid UTF-8 (byte 0xC0); text files must be "
	    "UTF-8 (convert with iconv)\n");
	expect_errors("R\n  a\0b\n", 8, "2:4: error: NUL byte in text\n");
	expect_errors("R\n\fa\n", SIZE_MAX,
	    "2:1: error: control character U+000C in text\n");
	expect_errors("", 0, "1:1: error: no topics\n");
	expect_errors(" \n\t\n", SIZE_MAX, "1:1: error: no topics\n");
}

/* A chain of n topics below the root by indentation ("%*s"), or by
 * numbered markers without indentation. */
static GString *
chain(int n, int numbered)
{
	static const char *const mark[] = { "I.", "A.", "1.", "a.", "i." };
	GString *s = g_string_new("R\n");
	int i;

	for (i = 0; i < n; i++)
		if (numbered)
			g_string_append_printf(s, "%s %d\n", mark[i % 5], i);
		else
			g_string_append_printf(s, "%*s%d\n", i + 1, "", i);
	return s;
}

static void
test_depth(void **state)
{
	struct diags d;
	ramify_doc *doc;
	GString *s;
	int numbered;

	(void)state;
	for (numbered = 0; numbered <= 1; numbered++) {
		/* 1000 levels below the root are fine... */
		s = chain(1000, numbered);
		doc = parse("text", s->str, &d);
		assert_non_null(doc);
		assert_string_equal(d.text, "");
		assert_int_equal(doc->ntopics, 1001);
		assert_int_equal(doc->topics[1000]->depth, 1000);
		assert_string_equal(doc->topics[1000]->text, "999");
		ramify_doc_free(doc);
		g_string_free(s, TRUE);
		/* ... 1001 are not. */
		s = chain(1001, numbered);
		expect_errors(s->str, SIZE_MAX, numbered ?
		    "1002:1: error: outline nests too deeply (more than 1000 "
		    "levels)\n" :
		    "1002:1002: error: outline nests too deeply (more than "
		    "1000 levels)\n");
		g_string_free(s, TRUE);
	}
	/* Many lines, shallow: 10 000 groups of ten, numbered by a person
	 * who is not consistent with the indentation. */
	s = g_string_new("R\n");
	for (numbered = 0; numbered < 100000; numbered++)
		g_string_append_printf(s, "%s%d.\tx\n",
		    numbered % 10 ? "   " : "", numbered % 10 + 1);
	doc = parse("text", s->str, &d);
	assert_non_null(doc);
	assert_int_equal(doc->ntopics, 100001);
	assert_int_equal(doc->topics[100000]->depth, 1);
	ramify_doc_free(doc);
	g_string_free(s, TRUE);
}

static void
test_sniff(void **state)
{
	char big[5000];

	(void)state;
	assert_int_equal(text_sniff("Title\n\nI. Goals[W1]\n", 20), 30);
	assert_int_equal(text_sniff("I. Goals\n", 9), 30);
	assert_int_equal(text_sniff("Plain\n  text\n", 13), 5);
	assert_int_equal(text_sniff("\xef\xbb\xbf\xe5\xae\xa2\n", 7), 5);
	assert_int_equal(text_sniff("  II. no\n", 9), 5);
	assert_int_equal(text_sniff("<map/>", 6), 0);
	assert_int_equal(text_sniff("\n  {\"a\": 1}", 11), 0);
	assert_int_equal(text_sniff("PK\3\4", 4), 0);
	assert_int_equal(text_sniff("B\xf8l\n", 4), 0);
	assert_int_equal(text_sniff("a\0b", 3), 0);
	assert_int_equal(text_sniff("a\033b", 3), 0);
	assert_int_equal(text_sniff(" \n\t", 3), 0);
	assert_int_equal(text_sniff("", 0), 0);
	/* A character cut at the end of the 4 KiB window is fine. */
	memset(big, 'x', sizeof big);
	memcpy(big + 4095, "\xe5\xae\xa2", 3);
	assert_int_equal(text_sniff(big, sizeof big), 5);
	assert_int_equal(text_sniff(big, 4096), 0);
}

/* ---- Round trips of random maps through the text writer ------------- */

static unsigned long rng_state;
static size_t attached;		/* notes given to a second topic */

static unsigned
rnd(unsigned n)
{
	rng_state = rng_state * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng_state >> 33) % n);
}

/* Words that look like markers, notes and page numbers, in several
 * scripts.  None ends a topic in "[W<digits>]". */
static const char *const words[] = {
	"Goals", "sales", "4", "I.", "a)", "1.", "ii.", "-", "*",
	"\xe2\x80\xa2", "[W]", "[W1", "W2]", "x[W0", "...others", "Mr.",
	"e.g.", "\xe5\xae\xa2\xe6\x88\xb7", "\xe7\xae\xa1\xe7\x90\x86",
	"Bod\xc3\xb8", "\xc3\xa6rlig", "caf\xc3\xa9", "<b>", "&amp;", "\"q\"",
};

static void
random_words(GString *s, unsigned lo, unsigned hi, int paragraph)
{
	unsigned i, n = lo + rnd(hi - lo + 1);

	for (i = 0; i < n; i++) {
		const char *w = words[rnd(sizeof words / sizeof words[0])];

		/* A note's paragraph starting "[W" would be a definition;
		 * a map note's starting "a)" or "-", a topic. */
		if (i == 0 && ((paragraph == 1 && strncmp(w, "[W", 2) == 0) ||
		    paragraph == 2))
			w = "Note";
		if (i > 0)
			g_string_append_c(s, ' ');
		g_string_append(s, w);
	}
}

static ramify_doc *
random_doc(void)
{
	ramify_topic *t[400];
	size_t nt = 1, notes[40], nn = 0, i, n = 1 + rnd(300);
	GString *s = g_string_new("Map");
	ramify_doc *doc;

	if (rnd(2) == 0) {
		g_string_append_c(s, ' ');
		random_words(s, 1, 3, 0);
	}
	doc = ramify_doc_new(s->str);
	t[0] = ramify_doc_root(doc);
	while (nt < n) {
		/* Mostly near the last topics: deep branches; sometimes
		 * 30 children at once: AA., 27., xxx. */
		ramify_topic *p = t[nt - 1 - rnd(nt < 4 ? nt : 4)];
		unsigned k, many = rnd(20) == 0 ? 30 : 1;

		if (rnd(6) == 0)
			p = t[rnd(nt)];
		for (k = 0; k < many && nt < n; k++) {
			g_string_truncate(s, 0);
			random_words(s, 0, 4, 0);
			t[nt] = ramify_topic_add_child(doc, p, s->str);
			assert_non_null(t[nt]);
			if (rnd(5) == 0) {
				if (nn > 0 && rnd(3) == 0) {
					attached++;
					assert_int_equal(ramify_topic_attach_note(
					    doc, t[nt], notes[rnd(nn)]), RAMIFY_OK);
				} else if (nn < 40) {
					unsigned para = 1 + rnd(3);

					g_string_truncate(s, 0);
					while (para-- > 0) {
						if (s->len > 0)
							g_string_append(s, "\n\n");
						random_words(s, 1, 6, 1);
					}
					notes[nn] = ramify_topic_add_note(doc, t[nt],
					    s->str);
					assert_int_not_equal(notes[nn], (size_t)-1);
					nn++;
				}
			}
			nt++;
		}
	}
	/* Map notes, which need an outline after them. */
	if (nt > 1 && rnd(3) == 0)
		for (i = 1 + rnd(2); i > 0; i--) {
			g_string_truncate(s, 0);
			random_words(s, 1, 5, 2);
			assert_int_equal(rm_doc_add_map_note(doc,
			    rm_note_new(doc, NULL, s->str, (struct rm_pos){0, 0})),
			    RAMIFY_OK);
		}
	g_string_free(s, TRUE);
	return doc;
}

/* The map notes as one text: the reader joins them. */
static char *
map_notes(const ramify_doc *doc)
{
	GString *s = g_string_new(NULL);
	size_t i;

	for (i = 0; i < doc->nmap_notes; i++) {
		if (i > 0)
			g_string_append(s, "\n\n");
		g_string_append(s, doc->notes[doc->map_notes[i]].text);
	}
	return g_string_free(s, FALSE);
}

static void
test_round_trip_random(void **state)
{
	unsigned iter, deepest = 0;
	size_t widest = 0, mapped = 0;

	(void)state;
	for (iter = 0; iter < 300; iter++) {
		ramify_doc *a, *b;
		struct buf t1, t2;
		struct diags d;
		const struct ramify_topic *x, *y;
		char *ma, *mb;
		size_t i;

		rng_state = iter + 1;
		a = random_doc();
		t1 = render(a, "text", NULL);
		b = parse("text", t1.data, &d);
		if (b == NULL || d.text[0] != '\0')
			fail_msg("map %u:\n%s\nread with: %s", iter, t1.data,
			    d.text);
		/* text -> model -> text: the same bytes. */
		t2 = render(b, "text", NULL);
		if (strcmp(t1.data, t2.data) != 0)
			fail_msg("map %u:\n%s\nwritten again:\n%s", iter,
			    t1.data, t2.data);
		/* model -> text -> model: texts, order, notes. */
		assert_int_equal(a->ntopics, b->ntopics);
		for (x = a->root, y = b->root; x != NULL;
		    x = rm_next_preorder(x, a->root),
		    y = rm_next_preorder(y, b->root)) {
			assert_non_null(y);
			assert_string_equal(x->text, y->text);
			assert_int_equal(x->depth, y->depth);
			assert_int_equal(x->nkids, y->nkids);
			assert_int_equal(x->nnotes, y->nnotes);
			deepest = x->depth > deepest ? x->depth : deepest;
			widest = x->nkids > widest ? x->nkids : widest;
			for (i = 0; i < x->nnotes; i++)
				assert_string_equal(a->notes[x->notes[i]].text,
				    b->notes[y->notes[i]].text);
			/* A shared note stays shared. */
			for (i = 0; i + 1 < x->nnotes; i++)
				assert_int_equal(x->notes[i] == x->notes[i + 1],
				    y->notes[i] == y->notes[i + 1]);
		}
		mapped += a->nmap_notes > 0;
		ma = map_notes(a);
		mb = map_notes(b);
		assert_string_equal(ma, mb);
		g_free(ma);
		g_free(mb);
		buf_free(&t1);
		buf_free(&t2);
		ramify_doc_free(a);
		ramify_doc_free(b);
	}
	/* The maps did go past Z., past level 10, and had shared and map
	 * notes. */
	assert_true(widest >= 27);
	assert_true(deepest >= 11);
	assert_true(attached > 0);
	assert_true(mapped > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_seed_shape),
		cmocka_unit_test(test_marker_ambiguity),
		cmocka_unit_test(test_unnumbered),
		cmocka_unit_test(test_title_and_indentation),
		cmocka_unit_test(test_dedent_warning),
		cmocka_unit_test(test_notes),
		cmocka_unit_test(test_map_note),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_round_trip_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
