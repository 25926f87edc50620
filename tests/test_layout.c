/*
 * test_layout.c: properties of every layout (map, logic, org, radial),
 * checked through the layout JSON (-t layout, text measured with Pango)
 * and through rm_layout() with a fake measurer that gives boxes of wild
 * sizes: no two boxes overlap, parents are centred on their children,
 * siblings keep their order, children grow away from the root, edges
 * start and end on the boxes' borders, folded topics hide their
 * subtrees, and a 100 000-deep chain is laid out without recursion.
 */
#include <dirent.h>
#include <math.h>

#include <jansson.h>

#include "util.h"
#include "internal.h"

#define EPS	0.02	/* the JSON rounds to 1/100 pt */
#define PI	3.14159265358979323846

static const char *const layouts[] = {
	"map", "logic", "org", "org-compact", "radial"
};
#define NLAYOUTS (sizeof layouts / sizeof layouts[0])

struct box {
	double x, y, w, h;
	double ax, ay, bx, by;	/* the edge from the parent */
	char edge[12];
	long parent;
	int depth;
	char side;	/* 'R'oot, 'L'eft, 'r'ight */
	long seq;	/* topic seq (rm_layout results only) */
};

struct lay {
	size_t n;
	struct box *b;
	double width, height;
	char name[16];
};

static const char *const edge_names[] = {
	"curve-h", "curve-v", "elbow-h", "elbow-v", "straight", "corner"
};

/* Options for `layout`.  org-compact is not on the command line (yet):
 * set it in the struct. */
static ramify_options *
opts(const char *layout)
{
	ramify_options *o = ramify_options_new();

	if (strcmp(layout, "org-compact") == 0)
		snprintf(o->layout, sizeof o->layout, "%s", layout);
	else
		assert_int_equal(ramify_options_set_layout(o, layout),
		    RAMIFY_OK);
	return o;
}

static char
side_char(const char *side)
{
	return strcmp(side, "root") == 0 ? 'R' : strcmp(side, "left") == 0 ?
	    'L' : 'r';
}

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
	snprintf(L.name, sizeof L.name, "%s",
	    json_string_value(json_object_get(root, "layout")));
	L.width = json_number_value(json_object_get(root, "width"));
	L.height = json_number_value(json_object_get(root, "height"));
	nodes = json_object_get(root, "nodes");
	L.n = json_array_size(nodes);
	L.b = calloc(L.n, sizeof *L.b);
	for (i = 0; i < L.n; i++) {
		json_t *n = json_array_get(nodes, i);
		json_t *par = json_object_get(n, "parent");
		struct box *b = &L.b[i];

		b->x = json_number_value(json_object_get(n, "x"));
		b->y = json_number_value(json_object_get(n, "y"));
		b->w = json_number_value(json_object_get(n, "w"));
		b->h = json_number_value(json_object_get(n, "h"));
		b->depth = (int)json_integer_value(json_object_get(n, "depth"));
		b->side = side_char(json_string_value(json_object_get(n, "side")));
		b->parent = -1;
		b->seq = -1;
		if (!json_is_string(par))
			continue;
		snprintf(b->edge, sizeof b->edge, "%s",
		    json_string_value(json_object_get(n, "edge")));
		b->ax = json_number_value(json_object_get(n, "ax"));
		b->ay = json_number_value(json_object_get(n, "ay"));
		b->bx = json_number_value(json_object_get(n, "bx"));
		b->by = json_number_value(json_object_get(n, "by"));
		/* Parents come before children in document order: search
		 * backwards from the previous node. */
		for (j = i; j-- > 0; ) {
			json_t *c = json_array_get(nodes, j);

			if (strcmp(json_string_value(json_object_get(c, "id")),
			    json_string_value(par)) == 0) {
				b->parent = (long)j;
				break;
			}
		}
		assert_true(b->parent >= 0);
	}
	json_decref(root);
	buf_free(&out);
	return L;
}

/* The same from a struct rm_geom: the shown topics in seq order. */
static struct lay
geom_layout(const struct ramify_doc *doc, const struct rm_geom *g)
{
	struct lay L = { 0 };
	long *at = malloc(g->n * sizeof *at);
	size_t k;

	assert_non_null(at);
	snprintf(L.name, sizeof L.name, "%s", g->layout);
	L.width = g->width;
	L.height = g->height;
	L.b = calloc(g->n, sizeof *L.b);
	for (k = 0; k < g->n; k++) {
		const struct ramify_topic *t = doc->topics[k];
		struct box *b;

		at[k] = -1;
		if (g->hidden[k])
			continue;
		at[k] = (long)L.n;
		b = &L.b[L.n++];
		b->x = g->x[k];
		b->y = g->y[k];
		b->w = g->w[k];
		b->h = g->h[k];
		b->depth = (int)t->depth;
		b->side = g->side[k] == RM_GEOM_ROOT ? 'R' :
		    g->side[k] == RM_GEOM_LEFT ? 'L' : 'r';
		b->seq = (long)k;
		b->parent = t->parent != NULL ? at[t->parent->seq] : -1;
		if (t->parent == NULL)
			continue;
		assert_true(b->parent >= 0);
		assert_true(g->edge[k] < sizeof edge_names / sizeof edge_names[0]);
		snprintf(b->edge, sizeof b->edge, "%s", edge_names[g->edge[k]]);
		b->ax = g->ax[k];
		b->ay = g->ay[k];
		b->bx = g->bx[k];
		b->by = g->by[k];
	}
	free(at);
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
				fail_msg("%s: boxes %zu and %zu overlap: "
				    "(%g,%g %gx%g) (%g,%g %gx%g)", L->name, i, j,
				    a->x, a->y, a->w, a->h, b->x, b->y, b->w, b->h);
		}
	}
}

/* Is (x, y) on the border of box b? */
static int
on_border(const struct box *b, double x, double y)
{
	int in = x >= b->x - EPS && x <= b->x + b->w + EPS &&
	    y >= b->y - EPS && y <= b->y + b->h + EPS;

	return in && (fabs(x - b->x) <= EPS || fabs(x - b->x - b->w) <= EPS ||
	    fabs(y - b->y) <= EPS || fabs(y - b->y - b->h) <= EPS);
}

/*
 * map and logic: children grow away from the root on their parent's
 * side, siblings keep document order top to bottom (the left side's
 * first-level branches read upwards, clockwise), and every parent is
 * centred on the band its children span, on each side.  Edges go from
 * the middle of the parent's outer side to the middle of the child's
 * inner one.
 */
static void
check_sideways(const struct lay *L, const char *edge)
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
		/* The edge. */
		assert_string_equal(c->edge, edge);
		assert_float_equal(c->ax, c->side == 'r' ? p->x + p->w : p->x,
		    EPS);
		assert_float_equal(c->ay, p->y + p->h / 2, EPS);
		assert_float_equal(c->bx, c->side == 'r' ? c->x : c->x + c->w,
		    EPS);
		assert_float_equal(c->by, c->y + c->h / 2, EPS);
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

/*
 * org: children below their parent, siblings left to right, every
 * parent centred on the span of its children, edges from the parent's
 * bottom middle to the child's top middle, and the side by which side
 * of the root's middle a box's middle is.  In org-compact a topic's
 * leaves may instead hang in one column under it ("corner" edges down a
 * trunk from its bottom edge into their left sides); then to its
 * parent and siblings the topic and its column are one block.
 */
static void
check_org(const struct lay *L)
{
	size_t i;
	double *lo = malloc(L->n * sizeof *lo), *hi = malloc(L->n * sizeof *hi);
	double *bl = malloc(L->n * sizeof *bl), *br = malloc(L->n * sizeof *br);
	long *last = malloc(L->n * sizeof *last);
	double rc = L->b[0].x + L->b[0].w / 2;

	/* Each topic's block: its box and any column under it. */
	for (i = 0; i < L->n; i++) {
		bl[i] = L->b[i].x;
		br[i] = L->b[i].x + L->b[i].w;
	}
	for (i = 1; i < L->n; i++)
		if (strcmp(L->b[i].edge, "corner") == 0)
			br[L->b[i].parent] = fmax(br[L->b[i].parent],
			    L->b[i].x + L->b[i].w);
	for (i = 0; i < L->n; i++) {
		lo[i] = INFINITY;
		hi[i] = -INFINITY;
		last[i] = -1;
	}
	assert_int_equal(L->b[0].side, 'R');
	for (i = 1; i < L->n; i++) {
		const struct box *c = &L->b[i], *p = &L->b[c->parent];
		const struct box *prev = last[c->parent] >= 0 ?
		    &L->b[last[c->parent]] : NULL;

		assert_int_equal(c->side, c->x + c->w / 2 < rc - EPS ? 'L' :
		    c->x + c->w / 2 > rc + EPS ? 'r' : c->side);
		if (strcmp(c->edge, "corner") == 0) {
			/* Stacked: under the parent, indented, in order;
			 * all its siblings too, and none has children. */
			assert_true(strstr(L->name, "compact") != NULL);
			assert_true(c->parent > 0);
			assert_true(prev == NULL ||
			    strcmp(prev->edge, "corner") == 0);
			assert_true(c->y >= (prev != NULL ? prev->y + prev->h :
			    p->y + p->h) - EPS);
			assert_true(c->x > p->x);
			if (prev != NULL)
				assert_float_equal(c->x, prev->x, EPS);
			assert_true(c->ax > p->x && c->ax < c->x);
			assert_float_equal(c->ay, p->y + p->h, EPS);
			assert_float_equal(c->bx, c->x, EPS);
			assert_float_equal(c->by, c->y + c->h / 2, EPS);
			last[c->parent] = (long)i;
			continue;
		}
		assert_true(c->y >= p->y + p->h - EPS);
		if (prev != NULL)
			assert_true(bl[i] >= br[last[c->parent]] - EPS);
		last[c->parent] = (long)i;
		lo[c->parent] = fmin(lo[c->parent], bl[i]);
		hi[c->parent] = fmax(hi[c->parent], br[i]);
		assert_string_equal(c->edge, "elbow-v");
		assert_float_equal(c->ax, p->x + p->w / 2, EPS);
		assert_float_equal(c->ay, p->y + p->h, EPS);
		assert_float_equal(c->bx, c->x + c->w / 2, EPS);
		assert_float_equal(c->by, c->y, EPS);
	}
	for (i = 1; i < L->n; i++)
		if (strcmp(L->b[i].edge, "corner") == 0)
			assert_int_equal(last[i], -1);
	for (i = 0; i < L->n; i++)
		if (last[i] >= 0 && lo[i] < hi[i])
			assert_float_equal(L->b[i].x + L->b[i].w / 2,
			    (lo[i] + hi[i]) / 2, EPS);
	free(lo);
	free(hi);
	free(bl);
	free(br);
	free(last);
}

/* Angle of box b's middle around (cx, cy), clockwise from straight up,
 * in [0, 2 pi). */
static double
angle(const struct box *b, double cx, double cy)
{
	double a = atan2(b->y + b->h / 2 - cy, b->x + b->w / 2 - cx) + PI / 2;

	return a < 0 ? a + 2 * PI : a;
}

/* Distances from (cx, cy) to the nearest and farthest points of b. */
static double
near_dist(const struct box *b, double cx, double cy)
{
	double dx = fmax(fmax(b->x - cx, cx - b->x - b->w), 0);
	double dy = fmax(fmax(b->y - cy, cy - b->y - b->h), 0);

	return hypot(dx, dy);
}

static double
far_dist(const struct box *b, double cx, double cy)
{
	return hypot(fmax(fabs(b->x - cx), fabs(b->x + b->w - cx)),
	    fmax(fabs(b->y - cy), fabs(b->y + b->h - cy)));
}

/*
 * radial: every child wholly farther from the centre than its parent
 * (below the root), siblings clockwise from the top, parents midway
 * between their first and last child's angles, straight edges from
 * border to border along the line between the boxes' middles.
 */
static void
check_radial(const struct lay *L)
{
	size_t i;
	const struct box *r = &L->b[0];
	double cx = r->x + r->w / 2, cy = r->y + r->h / 2;
	long *first = malloc(L->n * sizeof *first);
	long *last = malloc(L->n * sizeof *last);

	for (i = 0; i < L->n; i++)
		first[i] = last[i] = -1;
	assert_int_equal(r->side, 'R');
	for (i = 1; i < L->n; i++) {
		const struct box *c = &L->b[i], *p = &L->b[c->parent];
		double pcx = p->x + p->w / 2, pcy = p->y + p->h / 2;
		double ccx = c->x + c->w / 2, ccy = c->y + c->h / 2;

		if (c->parent > 0)	/* touching only with no hgap */
			assert_true(near_dist(c, cx, cy) >=
			    far_dist(p, cx, cy) - EPS);
		else
			assert_true(hypot(ccx - cx, ccy - cy) > EPS);
		if (last[c->parent] >= 0) {
			const struct box *prev = &L->b[last[c->parent]];
			double ap = angle(prev, cx, cy), ac = angle(c, cx, cy);

			if (!(ac > ap))
				fail_msg("siblings %ld and %zu out of order: "
				    "%g %g", last[c->parent], i, ap, ac);
		}
		if (first[c->parent] < 0)
			first[c->parent] = (long)i;
		last[c->parent] = (long)i;
		assert_int_equal(c->side, ccx < cx - EPS ? 'L' :
		    ccx > cx + EPS ? 'r' : c->side);
		assert_string_equal(c->edge, "straight");
		assert_true(on_border(p, c->ax, c->ay));
		assert_true(on_border(c, c->bx, c->by));
		/* Both anchors on the line between the middles. */
		assert_true(fabs((c->ax - pcx) * (ccy - pcy) -
		    (c->ay - pcy) * (ccx - pcx)) <=
		    EPS * 2 * hypot(ccx - pcx, ccy - pcy));
		assert_true(fabs((c->bx - pcx) * (ccy - pcy) -
		    (c->by - pcy) * (ccx - pcx)) <=
		    EPS * 2 * hypot(ccx - pcx, ccy - pcy));
	}
	for (i = 1; i < L->n; i++) {
		const struct box *p = &L->b[i];
		double a0, a1, r0;

		if (first[i] < 0)
			continue;
		a0 = angle(&L->b[first[i]], cx, cy);
		a1 = angle(&L->b[last[i]], cx, cy);
		/* The angle is read off rounded numbers. */
		r0 = hypot(p->x + p->w / 2 - cx, p->y + p->h / 2 - cy);
		assert_true(fabs(angle(p, cx, cy) - (a0 + a1) / 2) <=
		    4 * EPS / r0 + 1e-9);
	}
	free(first);
	free(last);
}

/* The checks for L's layout. */
static void
check_layout(const struct lay *L)
{
	check_no_overlap(L);
	if (strcmp(L->name, "map") == 0) {
		check_sideways(L, "curve-h");
	} else if (strcmp(L->name, "logic") == 0) {
		size_t i;

		for (i = 1; i < L->n; i++)
			assert_int_equal(L->b[i].side, 'r');
		check_sideways(L, "elbow-h");
	} else if (strncmp(L->name, "org", 3) == 0) {
		check_org(L);
	} else {
		assert_string_equal(L->name, "radial");
		check_radial(L);
	}
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

/* Boxes of wild sizes, from 24 x 8 to 424 x 308 points, some tall and
 * thin, some wide and flat. */
static void
fake_measure(void *arg, const struct ramify_topic *t, double *tw, double *th,
    double *w, double *h)
{
	unsigned long x = (t->seq + 1) * 2654435761UL ^ (unsigned long)arg;

	x ^= x >> 13;
	x *= 0x9E3779B97F4A7C15UL;
	*w = 24 + (double)(x % 400);
	*h = 8 + (double)((x >> 20) % (x % 3 == 0 ? 300 : 40));
	*tw = *w - 10;
	*th = *h - 4;
}

/* Lay doc out with rm_layout() and the fake measurer. */
static void
fake_layout(const ramify_doc *doc, const char *name, const ramify_options *o,
    unsigned long salt, struct rm_geom *g)
{
	struct rm_style s;
	struct rm_measure m = { fake_measure, (void *)salt };

	rm_style_init(&s, o);
	assert_int_equal(rm_layout(doc, &s, name, &m, g), RAMIFY_OK);
	assert_string_equal(g->layout, name);
}

static void
test_random_trees(void **state)
{
	unsigned long seed;
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		ramify_options *o = opts(layouts[l]);

		for (seed = 1; seed <= 4; seed++) {
			ramify_doc *doc = random_doc(seed, 1000);
			struct lay L = load_layout(doc, o);

			assert_string_equal(L.name, layouts[l]);
			assert_int_equal(L.n, 1000);
			check_layout(&L);
			free(L.b);
			ramify_doc_free(doc);
		}
		ramify_options_free(o);
	}
}

static void
test_narrow_wrap(void **state)
{
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		ramify_options *o = opts(layouts[l]);
		ramify_doc *doc = random_doc(99 + l, 1000);
		struct lay L;

		ramify_options_set_wrap_width(o, 40);
		L = load_layout(doc, o);
		check_layout(&L);
		free(L.b);
		ramify_doc_free(doc);
		ramify_options_free(o);
	}
}

/* No gaps at all: boxes may touch, never overlap. */
static void
test_no_gaps(void **state)
{
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		ramify_options *o = opts(layouts[l]);
		ramify_doc *doc = random_doc(7 + l, 600);
		struct lay L;

		assert_int_equal(ramify_options_set(o, "hgap", "0"), RAMIFY_OK);
		assert_int_equal(ramify_options_set(o, "vgap", "0"), RAMIFY_OK);
		L = load_layout(doc, o);
		check_layout(&L);
		free(L.b);
		ramify_doc_free(doc);
		ramify_options_free(o);
	}
}

/* Boxes of wild sizes through rm_layout(), every layout. */
static void
test_wild_sizes(void **state)
{
	unsigned long seed;
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		for (seed = 1; seed <= 3; seed++) {
			ramify_doc *doc = random_doc(seed * 31, 1000);
			struct rm_geom g;
			struct lay L;

			fake_layout(doc, layouts[l], NULL, seed, &g);
			L = geom_layout(doc, &g);
			assert_int_equal(L.n, 1000);
			check_layout(&L);
			free(L.b);
			rm_geom_free(&g);
			ramify_doc_free(doc);
		}
	}
}

/* A root with a few branches of one, two and three children. */
static ramify_doc *
small_doc(void)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(doc), *a, *b;

	a = ramify_topic_add_child(doc, r, "Goals");
	ramify_topic_add_child(doc, a, "Increase sales");
	ramify_topic_add_child(doc, a, "Optimise advertising");
	ramify_topic_add_child(doc, a, "Keep customers");
	b = ramify_topic_add_child(doc, r, "Profiling");
	ramify_topic_add_child(doc, b, "Statistics");
	ramify_topic_add_child(doc, b, "Buying process");
	ramify_topic_add_child(doc, ramify_topic_add_child(doc, r, "Plans"),
	    "Quarterly");
	return doc;
}

/* Parents are centred on their children (the tidy-tree guarantee). */
static void
test_parent_centred(void **state)
{
	ramify_doc *doc = small_doc();
	ramify_options *o;
	struct lay L;

	(void)state;
	o = opts("map");
	L = load_layout(doc, o);
	/* Goals (1) has children 2..4: its middle is theirs. */
	assert_float_equal(L.b[1].y + L.b[1].h / 2,
	    (L.b[2].y + L.b[4].y + L.b[4].h) / 2, EPS);
	assert_float_equal(L.b[5].y + L.b[5].h / 2,
	    (L.b[6].y + L.b[7].y + L.b[7].h) / 2, EPS);
	/* Goals right, the two smaller branches left, root between. */
	assert_int_equal(L.b[1].side, 'r');
	assert_int_equal(L.b[5].side, 'L');
	assert_true(L.b[5].x + L.b[5].w < L.b[0].x);
	assert_true(L.b[1].x > L.b[0].x + L.b[0].w);
	check_layout(&L);
	free(L.b);
	ramify_options_free(o);

	o = opts("logic");
	L = load_layout(doc, o);
	assert_float_equal(L.b[0].y + L.b[0].h / 2,
	    (L.b[1].y + L.b[8].y + L.b[8].h) / 2, EPS);
	assert_float_equal(L.b[1].y + L.b[1].h / 2,
	    (L.b[2].y + L.b[4].y + L.b[4].h) / 2, EPS);
	assert_true(L.b[5].y > L.b[1].y + L.b[1].h);
	check_layout(&L);
	free(L.b);
	ramify_options_free(o);

	o = opts("org");
	L = load_layout(doc, o);
	assert_float_equal(L.b[0].x + L.b[0].w / 2,
	    (L.b[1].x + L.b[8].x + L.b[8].w) / 2, EPS);
	assert_float_equal(L.b[1].x + L.b[1].w / 2,
	    (L.b[2].x + L.b[4].x + L.b[4].w) / 2, EPS);
	/* A single child sits right under its parent. */
	assert_float_equal(L.b[8].x + L.b[8].w / 2,
	    L.b[9].x + L.b[9].w / 2, EPS);
	assert_int_equal(L.b[1].side, 'L');
	assert_int_equal(L.b[8].side, 'r');
	check_layout(&L);
	free(L.b);
	ramify_options_free(o);

	o = opts("radial");
	L = load_layout(doc, o);
	/* Goals (1) first, clockwise from the top: right of the root's
	 * middle; Plans last: left of it. */
	assert_int_equal(L.b[1].side, 'r');
	assert_int_equal(L.b[8].side, 'L');
	check_layout(&L);
	free(L.b);
	ramify_options_free(o);
	ramify_doc_free(doc);
}

/* The gaps mean the same in every layout: hgap from a topic to its
 * children, along the way the map grows; vgap between siblings. */
static void
test_gaps(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(doc);
	struct lay L;
	ramify_options *o;
	double cx, cy;
	int i;

	(void)state;
	for (i = 0; i < 3; i++)
		ramify_topic_add_child(doc, r, "leaf");
	ramify_topic_add_child(doc, ramify_topic_add_child(doc, r, "branch"),
	    "twig");

	o = opts("logic");
	ramify_options_set(o, "hgap", "100");
	ramify_options_set(o, "vgap", "10");
	L = load_layout(doc, o);
	/* 1.5 hgap after the root, 2.2 vgap between first-level topics. */
	assert_float_equal(L.b[1].x - (L.b[0].x + L.b[0].w), 150, EPS);
	assert_float_equal(L.b[2].y - (L.b[1].y + L.b[1].h), 22, EPS);
	free(L.b);
	ramify_options_free(o);

	o = opts("org");
	ramify_options_set(o, "hgap", "100");
	ramify_options_set(o, "vgap", "10");
	L = load_layout(doc, o);
	assert_float_equal(L.b[1].y - (L.b[0].y + L.b[0].h), 150, EPS);
	assert_float_equal(L.b[2].x - (L.b[1].x + L.b[1].w), 22, EPS);
	assert_float_equal(L.b[3].y, L.b[1].y, EPS);
	free(L.b);
	ramify_options_free(o);

	o = opts("radial");
	ramify_options_set(o, "hgap", "100");
	L = load_layout(doc, o);
	cx = L.b[0].x + L.b[0].w / 2;
	cy = L.b[0].y + L.b[0].h / 2;
	for (i = 1; i <= 4; i++) {
		/* Clear of the root's box by 1.5 hgap along the ray. */
		double d = hypot(L.b[i].x + L.b[i].w / 2 - cx,
		    L.b[i].y + L.b[i].h / 2 - cy);

		assert_true(d >= 150 + L.b[i].h / 2 + L.b[0].h / 2 - EPS);
	}
	/* The twig's ring is hgap beyond its parent's. */
	assert_true(near_dist(&L.b[5], cx, cy) >=
	    far_dist(&L.b[4], cx, cy) + 85 - EPS);
	check_layout(&L);
	free(L.b);
	ramify_options_free(o);
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
	size_t i, l;

	(void)state;
	for (i = 1; i < 100000; i++)
		assert_non_null(t = ramify_topic_add_child(doc, t, "step"));
	L = load_layout(doc, NULL);
	assert_int_equal(L.n, 100000);
	for (i = 2; i < L.n; i++)
		assert_true(L.b[i].x >= L.b[i - 1].x + L.b[i - 1].w - EPS);
	free(L.b);

	/* Every layout, through rm_layout(): each box further on. */
	for (l = 0; l < NLAYOUTS; l++) {
		struct rm_geom g;
		double cx, cy;

		fake_layout(doc, layouts[l], NULL, 5, &g);
		cx = g.x[0] + g.w[0] / 2;
		cy = g.y[0] + g.h[0] / 2;
		for (i = 1; i < g.n; i++) {
			struct box a = { .x = g.x[i - 1], .y = g.y[i - 1],
			    .w = g.w[i - 1], .h = g.h[i - 1] };
			struct box b = { .x = g.x[i], .y = g.y[i],
			    .w = g.w[i], .h = g.h[i] };

			assert_false(g.hidden[i]);
			if (l <= 1)		/* map, logic */
				assert_true(b.x >= a.x + a.w);
			else if (l <= 3)	/* org, org-compact */
				assert_true(b.y >= a.y + a.h);
			else if (i > 1)		/* radial */
				assert_true(near_dist(&b, cx, cy) >
				    far_dist(&a, cx, cy));
		}
		rm_geom_free(&g);
	}
	ramify_doc_free(doc);
}

/*
 * A folded topic's subtree is left out: no boxes, no room taken, and
 * the folded topic counts what it hides.  --expand-level N folds the
 * topics at depth N.
 */
static void
test_folded(void **state)
{
	ramify_doc *doc = ramify_doc_new("Root");
	ramify_topic *a = ramify_topic_add_child(doc, ramify_doc_root(doc), "A");
	size_t l;
	int i;

	(void)state;
	ramify_topic_add_child(doc, ramify_doc_root(doc), "B");
	for (i = 0; i < 10; i++)
		ramify_topic_add_child(doc, ramify_topic_add_child(doc, a, "kid"),
		    "grandchild");
	for (l = 0; l < NLAYOUTS; l++) {
		ramify_options *o = opts(layouts[l]);
		struct lay open, folded, level1, level2;
		struct rm_geom g;
		double area_open, area_folded;

		ramify_topic_set_folded(a, 0);
		open = load_layout(doc, o);
		assert_int_equal(open.n, 23);
		check_layout(&open);

		assert_int_equal(ramify_options_set(o, "expand-level", "1"),
		    RAMIFY_OK);
		level1 = load_layout(doc, o);
		assert_int_equal(level1.n, 3);	/* root, A, B */
		check_layout(&level1);
		assert_int_equal(ramify_options_set(o, "expand-level", "2"),
		    RAMIFY_OK);
		level2 = load_layout(doc, o);
		assert_int_equal(level2.n, 13);	/* and A's kids */
		for (i = 0; i < (int)level2.n; i++)
			assert_true(level2.b[i].depth <= 2);
		check_layout(&level2);
		ramify_options_free(o);

		o = opts(layouts[l]);
		ramify_topic_set_folded(a, 1);
		assert_true(ramify_topic_folded(a));
		folded = load_layout(doc, o);
		assert_int_equal(folded.n, 3);
		check_layout(&folded);
		area_open = open.width * open.height;
		area_folded = folded.width * folded.height;
		assert_true(area_folded < area_open / 2);

		fake_layout(doc, layouts[l], o, 1, &g);
		assert_int_equal(g.nhidden[1], 20);	/* A hides 20 */
		assert_int_equal(g.nhidden[2], 0);	/* B hides none */
		for (i = 3; i < 23; i++)
			assert_true(g.hidden[i]);
		rm_geom_free(&g);

		free(open.b);
		free(folded.b);
		free(level1.b);
		free(level2.b);
		ramify_options_free(o);
	}
	ramify_doc_free(doc);
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(fp);
	assert_int_equal(fseek(fp, 0, SEEK_END), 0);
	n = ftell(fp);
	assert_true(n >= 0);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

/* Every sample and template in every layout, measured with Pango. */
static void
test_samples(void **state)
{
	static const char *const dirs[] = { "samples", "templates" };
	size_t d, l, nfiles = 0;

	(void)state;
	for (d = 0; d < 2; d++) {
		DIR *dir = opendir(dirs[d]);
		struct dirent *e;

		assert_non_null(dir);
		while ((e = readdir(dir)) != NULL) {
			size_t nl = strlen(e->d_name), len;
			char path[512], *buf;
			ramify_doc *doc = NULL;

			if (nl < 5 || strcmp(e->d_name + nl - 4, ".xml") != 0)
				continue;
			snprintf(path, sizeof path, "%s/%s", dirs[d], e->d_name);
			buf = slurp(path, &len);
			if (ramify_data_sniff(buf, len)) {
				/* Customer data: drawn as a portfolio map
				 * (test_customers.c, golden.d/customers.sh). */
				free(buf);
				continue;
			}
			assert_int_equal(ramify_read(NULL, buf, len, path, NULL,
			    &doc), RAMIFY_OK);
			if (strcmp(e->d_name, "customer-accounts.xml") == 0) {
				/* With its data: the queries fill the map,
				 * and every customer's box holds its card. */
				size_t dl;
				char *db = slurp("samples/customers.xml", &dl);
				ramify_options *o = opts("map");
				ramify_data *data = NULL;

				ramify_options_set(o, "today", "2026-11-23");
				assert_int_equal(ramify_data_read(db, dl,
				    "customers.xml", o, &data), RAMIFY_OK);
				assert_int_equal(ramify_doc_link_data(doc,
				    data, o), RAMIFY_OK);
				ramify_data_free(data);
				ramify_options_free(o);
				free(db);
			}
			for (l = 0; l < NLAYOUTS; l++) {
				ramify_options *o = opts(layouts[l]);
				struct rm_diag diag = { 0 };
				struct rm_geom g;
				struct lay L;

				assert_int_equal(rm_measured_layout(doc, o,
				    &diag, NULL, NULL, &g), RAMIFY_OK);
				L = geom_layout(doc, &g);
				assert_true(L.n > 10);
				check_layout(&L);
				free(L.b);
				rm_geom_free(&g);
				ramify_options_free(o);
			}
			ramify_doc_free(doc);
			free(buf);
			nfiles++;
		}
		closedir(dir);
	}
	assert_true(nfiles >= 4);
}

/* A root alone, and a folded root: one box at the margin. */
static void
test_root_only(void **state)
{
	ramify_doc *doc = ramify_doc_new("Alone");
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		struct rm_geom g;
		int fold;

		for (fold = 0; fold < 2; fold++) {
			if (fold)
				ramify_topic_add_child(doc,
				    ramify_doc_root(doc), "hidden");
			ramify_topic_set_folded(ramify_doc_root(doc), fold);
			fake_layout(doc, layouts[l], NULL, 3, &g);
			assert_int_equal(g.side[0], RM_GEOM_ROOT);
			assert_float_equal(g.x[0], 24, 1e-9);
			assert_float_equal(g.y[0], 24, 1e-9);
			assert_float_equal(g.width, g.w[0] + 48, 1e-9);
			assert_float_equal(g.height, g.h[0] + 48, 1e-9);
			if (fold) {
				assert_true(g.hidden[1]);
				assert_int_equal(g.nhidden[0], 1);
			}
			rm_geom_free(&g);
		}
		ramify_doc_free(doc);
		doc = ramify_doc_new("Alone");
	}
	ramify_doc_free(doc);
}

static void
test_unknown_layout(void **state)
{
	ramify_doc *doc = small_doc();
	struct rm_style s;
	struct rm_measure m = { fake_measure, NULL };
	struct rm_geom g;

	(void)state;
	rm_style_init(&s, NULL);
	assert_int_equal(rm_layout(doc, &s, "spiral", &m, &g), RAMIFY_EUSAGE);
	assert_int_equal(rm_layout(doc, &s, NULL, &m, &g), RAMIFY_EUSAGE);
	assert_null(g.x);
	ramify_doc_free(doc);
}

static void
test_deterministic(void **state)
{
	ramify_doc *doc = random_doc(7, 300);
	size_t l;

	(void)state;
	for (l = 0; l < NLAYOUTS; l++) {
		ramify_options *o = opts(layouts[l]);
		struct buf a = render(doc, "layout", o);
		struct buf b = render(doc, "layout", o);

		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		buf_free(&a);
		buf_free(&b);
		ramify_options_free(o);
	}
	ramify_doc_free(doc);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_narrow_wrap),
		cmocka_unit_test(test_no_gaps),
		cmocka_unit_test(test_wild_sizes),
		cmocka_unit_test(test_parent_centred),
		cmocka_unit_test(test_gaps),
		cmocka_unit_test(test_balance),
		cmocka_unit_test(test_deep_chain),
		cmocka_unit_test(test_folded),
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_root_only),
		cmocka_unit_test(test_unknown_layout),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
