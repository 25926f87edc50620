/*
 * test_layout.c: properties of the "map" layout, checked through the
 * public API and the layout JSON (-t layout): no two boxes overlap,
 * parents are centred on their children, siblings keep their order,
 * children grow away from the root, the sides balance, and a 100 000-deep
 * chain is laid out without recursion.
 */
#include <math.h>

#include <jansson.h>

#include "util.h"

#define EPS 0.02	/* the JSON rounds to 1/100 pt */

struct box {
	double x, y, w, h;
	long parent;
	int depth;
	char side;	/* 'R'oot, 'L'eft, 'r'ight */
};

struct lay {
	size_t n;
	struct box *b;
	double width, height;
};

/* Parse -t layout output; parents refer to earlier nodes. */
static struct lay
load_layout(const ramify_doc *doc, const ramify_options *o)
{
	struct buf out = render(doc, "layout", o);
	json_error_t err;
	json_t *root = json_loadb(out.data, out.len, 0, &err), *nodes;
	struct lay L = { 0 };
	size_t i, j;

	assert_non_null(root);
	assert_string_equal(json_string_value(json_object_get(root, "layout")),
	    "map");
	L.width = json_number_value(json_object_get(root, "width"));
	L.height = json_number_value(json_object_get(root, "height"));
	nodes = json_object_get(root, "nodes");
	L.n = json_array_size(nodes);
	L.b = calloc(L.n, sizeof *L.b);
	for (i = 0; i < L.n; i++) {
		json_t *n = json_array_get(nodes, i);
		const char *side = json_string_value(json_object_get(n, "side"));
		json_t *par = json_object_get(n, "parent");

		L.b[i].x = json_number_value(json_object_get(n, "x"));
		L.b[i].y = json_number_value(json_object_get(n, "y"));
		L.b[i].w = json_number_value(json_object_get(n, "w"));
		L.b[i].h = json_number_value(json_object_get(n, "h"));
		L.b[i].depth = (int)json_integer_value(json_object_get(n, "depth"));
		L.b[i].side = side[0] == 'r' && side[1] == 'o' ? 'R' :
		    side[0] == 'l' ? 'L' : 'r';
		L.b[i].parent = -1;
		if (json_is_string(par)) {
			/* Parents come before children in document order:
			 * search backwards from the previous node. */
			const char *pid = json_string_value(par);

			for (j = i; j-- > 0; ) {
				json_t *c = json_array_get(nodes, j);

				if (strcmp(json_string_value(
				    json_object_get(c, "id")), pid) == 0) {
					L.b[i].parent = (long)j;
					break;
				}
			}
			assert_true(L.b[i].parent >= 0);
		}
	}
	json_decref(root);
	buf_free(&out);
	return L;
}

static void
check_no_overlap(const struct lay *L)
{
	size_t i, j;

	for (i = 0; i < L->n; i++) {
		const struct box *a = &L->b[i];

		assert_true(a->x >= -EPS && a->y >= -EPS);
		assert_true(a->x + a->w <= L->width + EPS);
		assert_true(a->y + a->h <= L->height + EPS);
		for (j = i + 1; j < L->n; j++) {
			const struct box *b = &L->b[j];

			if (a->x < b->x + b->w - EPS && b->x < a->x + a->w - EPS &&
			    a->y < b->y + b->h - EPS && b->y < a->y + a->h - EPS)
				fail_msg("boxes %zu and %zu overlap: "
				    "(%g,%g %gx%g) (%g,%g %gx%g)", i, j,
				    a->x, a->y, a->w, a->h, b->x, b->y, b->w, b->h);
		}
	}
}

/*
 * Structure: children grow away from the root on their parent's side,
 * siblings keep document order top to bottom (the left side's
 * first-level branches read upwards, clockwise), and every parent is
 * centred on the band its children span, on each side.
 */
static void
check_structure(const struct lay *L)
{
	size_t i;
	/* Per parent and side: first and last child's band. */
	double *lo = malloc(L->n * 2 * sizeof *lo);
	double *hi = malloc(L->n * 2 * sizeof *hi);
	long *last = malloc(L->n * 2 * sizeof *last);

	for (i = 0; i < L->n * 2; i++) {
		lo[i] = INFINITY;
		hi[i] = -INFINITY;
		last[i] = -1;
	}
	for (i = 0; i < L->n; i++) {
		const struct box *c = &L->b[i], *p;
		size_t slot;

		if (c->parent < 0) {
			assert_int_equal(c->side, 'R');
			continue;
		}
		p = &L->b[c->parent];
		assert_true(c->side == 'L' || c->side == 'r');
		if (p->side != 'R')
			assert_int_equal(c->side, p->side);
		if (c->side == 'r')
			assert_true(c->x >= p->x + p->w - EPS);
		else
			assert_true(c->x + c->w <= p->x + EPS);
		slot = (size_t)c->parent * 2 + (c->side == 'L');
		if (last[slot] >= 0) {
			const struct box *prev = &L->b[last[slot]];

			if (c->depth == 1 && c->side == 'L')
				assert_true(c->y + c->h <= prev->y + EPS);
			else
				assert_true(c->y >= prev->y + prev->h - EPS);
		}
		last[slot] = (long)i;
		lo[slot] = fmin(lo[slot], c->y);
		hi[slot] = fmax(hi[slot], c->y + c->h);
	}
	/* Siblings share one gap, so the parent's middle is the middle of
	 * the span from its first child's top to its last child's bottom. */
	for (i = 0; i < L->n * 2; i++) {
		const struct box *p = &L->b[i / 2];

		if (last[i] >= 0)
			assert_float_equal(p->y + p->h / 2, (lo[i] + hi[i]) / 2,
			    EPS);
	}
	free(lo);
	free(hi);
	free(last);
}

static const char *const words[] = {
	"customer", "value", "loyalty", "referral", "owner", "contact",
	"plan", "A-class", "lifecycle", "quarterly review", "客户", "生命周期",
	"kundeoppfølging", "klantwaarde", "churn", "upsell", "card", "x",
};

static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static void
random_text(char *buf, size_t size)
{
	unsigned k, n = 1 + rnd(rnd(4) == 0 ? 14 : 4);

	buf[0] = '\0';
	for (k = 0; k < n; k++) {
		if (k > 0)
			strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, words[rnd(sizeof words / sizeof words[0])],
		    size - strlen(buf) - 1);
	}
}

/* A random tree: each new topic picks a parent among the recent ones,
 * giving depth and fan-out that vary across the tree. */
static ramify_doc *
random_doc(unsigned long seed, size_t n)
{
	ramify_topic **t = calloc(n, sizeof *t);
	ramify_doc *doc = ramify_doc_new("Customers");
	char text[256];
	size_t i;

	rng = seed;
	t[0] = ramify_doc_root(doc);
	for (i = 1; i < n; i++) {
		size_t window = i < 40 ? i : 40, p;

		p = rnd(5) == 0 ? rnd((unsigned)(i < 8 ? i : 8)) :
		    i - 1 - rnd((unsigned)window);
		random_text(text, sizeof text);
		t[i] = ramify_topic_add_child(doc, t[p], text);
		assert_non_null(t[i]);
	}
	free(t);
	return doc;
}

static void
test_random_trees_do_not_overlap(void **state)
{
	unsigned long seed;

	(void)state;
	for (seed = 1; seed <= 6; seed++) {
		ramify_doc *doc = random_doc(seed, 1000);
		struct lay L = load_layout(doc, NULL);

		assert_int_equal(L.n, 1000);
		check_no_overlap(&L);
		check_structure(&L);
		free(L.b);
		ramify_doc_free(doc);
	}
}

static void
test_narrow_wrap_does_not_overlap(void **state)
{
	ramify_options *o = ramify_options_new();
	ramify_doc *doc = random_doc(99, 1000);
	struct lay L;

	(void)state;
	ramify_options_set_wrap_width(o, 60);
	L = load_layout(doc, o);
	check_no_overlap(&L);
	check_structure(&L);
	free(L.b);
	ramify_doc_free(doc);
	ramify_options_free(o);
}

/* Parents are centred on their children (the tidy-tree guarantee). */
static void
test_parent_centred(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(doc), *a, *b;
	struct lay L;

	(void)state;
	a = ramify_topic_add_child(doc, r, "Goals");
	ramify_topic_add_child(doc, a, "Increase sales");
	ramify_topic_add_child(doc, a, "Optimise advertising");
	ramify_topic_add_child(doc, a, "Keep customers");
	b = ramify_topic_add_child(doc, r, "Profiling");
	ramify_topic_add_child(doc, b, "Statistics");
	ramify_topic_add_child(doc, b, "Buying process");
	L = load_layout(doc, NULL);
	/* a (1) has children 2..4: its middle is theirs. */
	assert_float_equal(L.b[1].y + L.b[1].h / 2,
	    (L.b[2].y + L.b[4].y + L.b[4].h) / 2, EPS);
	assert_float_equal(L.b[5].y + L.b[5].h / 2,
	    (L.b[6].y + L.b[7].y + L.b[7].h) / 2, EPS);
	/* Two similar branches: one each side, root between them. */
	assert_int_equal(L.b[1].side, 'r');
	assert_int_equal(L.b[5].side, 'L');
	assert_true(L.b[5].x + L.b[5].w < L.b[0].x);
	assert_true(L.b[1].x > L.b[0].x + L.b[0].w);
	free(L.b);
	ramify_doc_free(doc);
}

/* Eight equal branches split four and four; one branch goes right. */
static void
test_balance(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(doc);
	struct lay L;
	int i, right = 0;

	(void)state;
	for (i = 0; i < 8; i++) {
		ramify_topic *t = ramify_topic_add_child(doc, r, "Branch");

		ramify_topic_add_child(doc, t, "leaf one");
		ramify_topic_add_child(doc, t, "leaf two");
	}
	L = load_layout(doc, NULL);
	for (i = 1; i < (int)L.n; i++)
		if (L.b[i].depth == 1 && L.b[i].side == 'r')
			right++;
	assert_int_equal(right, 4);
	free(L.b);
	ramify_doc_free(doc);

	doc = ramify_doc_new("Root");
	ramify_topic_add_child(doc, ramify_doc_root(doc), "Only child");
	L = load_layout(doc, NULL);
	assert_int_equal(L.b[1].side, 'r');
	free(L.b);
	ramify_doc_free(doc);
}

/* 100 000 topics in one chain: no stack overflow, every box placed. */
static void
test_deep_chain(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *t = ramify_doc_root(doc);
	struct lay L;
	size_t i;

	(void)state;
	for (i = 1; i < 100000; i++)
		assert_non_null(t = ramify_topic_add_child(doc, t, "step"));
	L = load_layout(doc, NULL);
	assert_int_equal(L.n, 100000);
	for (i = 2; i < L.n; i++)
		assert_true(L.b[i].x >= L.b[i - 1].x + L.b[i - 1].w - EPS);
	free(L.b);
	ramify_doc_free(doc);
}

/* A folded topic's subtree is left out: no boxes, no room taken. */
static void
test_folded(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *a = ramify_topic_add_child(doc, ramify_doc_root(doc), "A");
	struct lay open, folded;
	int i;

	(void)state;
	ramify_topic_add_child(doc, ramify_doc_root(doc), "B");
	for (i = 0; i < 10; i++)
		ramify_topic_add_child(doc, ramify_topic_add_child(doc, a, "kid"),
		    "grandchild");
	open = load_layout(doc, NULL);
	ramify_topic_set_folded(a, 1);
	assert_true(ramify_topic_folded(a));
	folded = load_layout(doc, NULL);
	assert_int_equal(open.n, 23);
	assert_int_equal(folded.n, 3);
	assert_true(folded.height < open.height / 2);
	check_no_overlap(&folded);
	check_structure(&folded);
	free(open.b);
	free(folded.b);
	ramify_doc_free(doc);
}

static void
test_deterministic(void **state)
{
	ramify_doc *doc = random_doc(7, 300);
	struct buf a = render(doc, "layout", NULL);
	struct buf b = render(doc, "layout", NULL);

	(void)state;
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
	ramify_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_trees_do_not_overlap),
		cmocka_unit_test(test_narrow_wrap_does_not_overlap),
		cmocka_unit_test(test_parent_centred),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_deep_chain),
		cmocka_unit_test(test_folded),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
