/*
 * layout.c: place topic boxes.  Never includes cairo.h: text sizes come
 * in through the measure callback, positions go out in struct rm_geom.
 *
 * The engine is A. van der Ploeg's non-layered tidy tree ("Drawing
 * non-layered tidy trees in linear time", SP&E 44, 2014): variable-size
 * boxes, parents centred on their children, sibling order kept, no
 * overlaps, O(n).  The paper's recursive walks are written here as loops
 * over parent pointers and the topic array (a parent's seq is always
 * smaller than its children's), and its IYL list is one array used as a
 * stack, so a 100 000-deep chain needs no stack at all.
 *
 * The tidy tree spreads siblings along its x axis (the breadth) and
 * grows along its y.  The layouts:
 *
 *   map      sideways: the tidy tree's x is the map's vertical axis (box
 *            height + gap is the tidy "width") and its y the horizontal
 *            one.  The right and left halves are two tidy trees that
 *            share the root; the left one is mirrored.  Which first-level
 *            branches go right is chosen as in XMind (layout_map).
 *   logic    the same with every branch on the right.
 *   org      the tidy tree as it is, growing down.  org-compact also
 *            hangs the leaves of a topic below the first level in one
 *            column under it (stack_leaves).
 *   radial   wedges and rings around the root (layout_radial); the tidy
 *            arrays serve as its scratch.
 *
 * In every layout hgap is the gap from a topic to its children, along
 * the way the map grows (sideways, down, outwards), and vgap the gap
 * between siblings, across it; both grow for the upper levels (hgap(),
 * vgap()).  The wrap width only changes the boxes' sizes.
 */
#define _DEFAULT_SOURCE	/* madvise() */

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sys/mman.h>

#include "internal.h"

#define NONE	((size_t)-1)

struct tidy {
	size_t	 n;
	/* The tree being laid out, children in CSR form. */
	size_t	*kstart, *kcount, *kids;
	/* Inputs: breadth (tidy width), growth extent (tidy height), y. */
	double	*w, *h, *y;
	/* van der Ploeg's per-node state. */
	double	*prelim, *mod, *shift, *change, *msel, *mser, *x;
	size_t	*tl, *tr, *el, *er;
	/* The IYL stack: lowest y and sibling index, per open node. */
	double	*iyl_y;
	size_t	*iyl_i, iyl_top, *iyl_base;
	/* Index of each node among its siblings in the current run. */
	size_t	*sib;
};

static double
bottom(const struct tidy *T, size_t v)
{
	return T->y[v] + T->h[v];
}

static size_t
kid(const struct tidy *T, size_t v, size_t i)
{
	return T->kids[T->kstart[v] + i];
}

static size_t
next_left(const struct tidy *T, size_t v)
{
	return T->kcount[v] ? kid(T, v, 0) : T->tl[v];
}

static size_t
next_right(const struct tidy *T, size_t v)
{
	return T->kcount[v] ? kid(T, v, T->kcount[v] - 1) : T->tr[v];
}

static void
set_extremes(struct tidy *T, size_t v)
{
	size_t c0, cl;

	if (T->kcount[v] == 0) {
		T->el[v] = T->er[v] = v;
		T->msel[v] = T->mser[v] = 0;
		return;
	}
	c0 = kid(T, v, 0);
	cl = kid(T, v, T->kcount[v] - 1);
	T->el[v] = T->el[c0];
	T->msel[v] = T->msel[c0];
	T->er[v] = T->er[cl];
	T->mser[v] = T->mser[cl];
}

static void
move_subtree(struct tidy *T, size_t v, size_t i, size_t si, double dist)
{
	size_t c = kid(T, v, i);

	T->mod[c] += dist;
	T->msel[c] += dist;
	T->mser[c] += dist;
	/* Spread the move over the siblings between si and i. */
	if (si != i - 1) {
		double nr = (double)(i - si);

		T->shift[kid(T, v, si + 1)] += dist / nr;
		T->shift[c] -= dist / nr;
		T->change[c] -= dist - dist / nr;
	}
}

static void
set_left_thread(struct tidy *T, size_t v, size_t i, size_t cl, double mscl)
{
	size_t c0 = kid(T, v, 0), ci = kid(T, v, i);
	size_t li = T->el[c0];
	double diff = (mscl - T->mod[cl]) - T->msel[c0];

	T->tl[li] = cl;
	T->mod[li] += diff;
	T->prelim[li] -= diff;
	T->el[c0] = T->el[ci];
	T->msel[c0] = T->msel[ci];
}

static void
set_right_thread(struct tidy *T, size_t v, size_t i, size_t sr, double mssr)
{
	size_t ci = kid(T, v, i), cp = kid(T, v, i - 1);
	size_t ri = T->er[ci];
	double diff = (mssr - T->mod[sr]) - T->mser[ci];

	T->tr[ri] = sr;
	T->mod[ri] += diff;
	T->prelim[ri] -= diff;
	T->er[ci] = T->er[cp];
	T->mser[ci] = T->mser[cp];
}

/* Push child i of v clear of its left siblings 0..i-1.  The IYL entries
 * of v are iyl[base..top), newest (lowest y) on top. */
static void
separate(struct tidy *T, size_t v, size_t i)
{
	size_t sr = kid(T, v, i - 1), cl = kid(T, v, i);
	double mssr = T->mod[sr], mscl = T->mod[cl];
	size_t ih = T->iyl_top - 1, base = T->iyl_base[v];

	while (sr != NONE && cl != NONE) {
		double dist, sy, cy;

		while (ih > base && bottom(T, sr) > T->iyl_y[ih])
			ih--;
		dist = (mssr + T->prelim[sr] + T->w[sr]) -
		    (mscl + T->prelim[cl]);
		if (dist > 0) {
			mscl += dist;
			move_subtree(T, v, i, T->iyl_i[ih], dist);
		}
		sy = bottom(T, sr);
		cy = bottom(T, cl);
		if (sy <= cy) {
			sr = next_right(T, sr);
			if (sr != NONE)
				mssr += T->mod[sr];
		}
		if (sy >= cy) {
			cl = next_left(T, cl);
			if (cl != NONE)
				mscl += T->mod[cl];
		}
	}
	if (sr == NONE && cl != NONE)
		set_left_thread(T, v, i, cl, mscl);
	else if (sr != NONE && cl == NONE)
		set_right_thread(T, v, i, sr, mssr);
}

static void
iyl_update(struct tidy *T, size_t v, double miny, size_t i)
{
	while (T->iyl_top > T->iyl_base[v] && miny >= T->iyl_y[T->iyl_top - 1])
		T->iyl_top--;
	T->iyl_y[T->iyl_top] = miny;
	T->iyl_i[T->iyl_top] = i;
	T->iyl_top++;
}

/* Child number i of v has been laid out: fit it against its siblings. */
static void
child_done(struct tidy *T, size_t v, size_t i)
{
	size_t c = kid(T, v, i);

	if (i == 0) {
		iyl_update(T, v, bottom(T, T->el[c]), 0);
	} else {
		double miny = bottom(T, T->er[c]);

		separate(T, v, i);
		iyl_update(T, v, miny, i);
	}
}

static void
node_done(struct tidy *T, size_t v)
{
	if (T->kcount[v] > 0) {
		size_t c0 = kid(T, v, 0), cl = kid(T, v, T->kcount[v] - 1);

		T->prelim[v] = (T->prelim[c0] + T->mod[c0] + T->mod[cl] +
		    T->prelim[cl] + T->w[cl]) / 2 - T->w[v] / 2;
	}
	set_extremes(T, v);
	T->iyl_top = T->iyl_base[v];
}

/*
 * Lay out the tree below `root` as given by kstart/kcount/kids; `order`
 * lists its nodes parents first, `parent` is each node's parent.
 * Leaves the left edge along the breadth axis in T->x.
 */
static void
tidy_run(struct tidy *T, const size_t *parent, size_t root,
    const size_t *order, size_t norder)
{
	size_t k, v, p, i;
	double *msum = T->msel;	/* free again after the first walk */

	for (k = 0; k < norder; k++) {
		v = order[k];
		T->prelim[v] = T->mod[v] = T->shift[v] = T->change[v] = 0;
		T->tl[v] = T->tr[v] = NONE;
		for (i = 0; i < T->kcount[v]; i++)
			T->sib[kid(T, v, i)] = i;
	}
	T->iyl_top = 0;

	/* First walk, post-order, with parent pointers instead of a stack. */
	v = root;
	for (;;) {
		T->iyl_base[v] = T->iyl_top;
		if (T->kcount[v] > 0) {
			v = kid(T, v, 0);
			continue;
		}
		node_done(T, v);
		for (;;) {
			if (v == root)
				goto second;
			p = parent[v];
			i = T->sib[v];
			child_done(T, p, i);
			if (i + 1 < T->kcount[p]) {
				v = kid(T, p, i + 1);
				break;
			}
			node_done(T, p);
			v = p;
		}
	}
second:
	/* Second walk, parents first: absolute positions, then spread the
	 * intermediate siblings' shifts into their children's mods. */
	for (k = 0; k < norder; k++) {
		double d = 0, delta = 0;

		v = order[k];
		msum[v] = (v == root ? 0 : msum[parent[v]]) + T->mod[v];
		T->x[v] = T->prelim[v] + msum[v];
		for (i = 0; i < T->kcount[v]; i++) {
			size_t c = kid(T, v, i);

			d += T->shift[c];
			delta += d + T->change[c];
			T->mod[c] += delta;
		}
	}
}

static void *
xcalloc(size_t n, size_t size, int *fail)
{
	void *p = calloc(n ? n : 1, size);

	if (p == NULL)
		*fail = 1;
	return p;
}

/*
 * The per-topic arrays come from two blocks: one for the geometry that
 * rm_layout() returns, one for its scratch.  Big blocks ask for huge
 * pages: faulting in a million topics' worth of 4 KiB pages costs far
 * more than laying them out (about 1.4 s against 0.15 s on the 2-core
 * machine of issue 3).
 */
#define HUGE_PAGE	((size_t)2 << 20)

static void *
block_alloc(size_t size)
{
	void *p;

	if (size < 4 * HUGE_PAGE)
		return calloc(1, size ? size : 1);
	size = (size + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
	if ((p = aligned_alloc(HUGE_PAGE, size)) == NULL)
		return NULL;
#ifdef MADV_HUGEPAGE
	(void)madvise(p, size, MADV_HUGEPAGE);
#endif
	memset(p, 0, size);
	return p;
}

/* Carving arrays out of a block: a first pass with base NULL only adds
 * up the size. */
struct carve {
	char	*base;
	size_t	 off;
};

static void *
take(struct carve *c, size_t n, size_t size)
{
	size_t at = c->off;

	c->off += (n * size + 7) / 8 * 8;
	return c->base != NULL ? c->base + at : NULL;
}

/*
 * Which topics show.  A topic is drawn folded when the file folds it or
 * it sits at --expand-level; then `nhidden` counts the topics under it
 * and they are all `hidden`.  Parents precede children in seq order, so
 * one pass down and one pass up suffice.
 */
void
rm_layout_folding(const struct ramify_doc *doc, const struct rm_style *s,
    const size_t *parent, unsigned char *hidden, size_t *nhidden)
{
	size_t n = doc->ntopics, k;

	for (k = 0; k < n; k++)
		nhidden[k] = 0;
	for (k = n; k-- > 1; )		/* subtree sizes, less one */
		nhidden[parent[k]] += nhidden[k] + 1;
	for (k = 0; k < n; k++) {
		const struct ramify_topic *t = doc->topics[k];
		int folded = t->folded ||
		    (s->expand_level > 0 && t->depth >= s->expand_level);

		hidden[k] = t->parent != NULL &&
		    (hidden[parent[k]] || nhidden[parent[k]] > 0);
		if (hidden[k] || !folded || t->first == NULL)
			nhidden[k] = 0;
	}
}

/* Every array of the geometry, in one block that starts at x. */
static void
geom_carve(struct rm_geom *g, struct carve *c, size_t n)
{
	g->x = take(c, n, sizeof *g->x);
	g->y = take(c, n, sizeof *g->y);
	g->w = take(c, n, sizeof *g->w);
	g->h = take(c, n, sizeof *g->h);
	g->tw = take(c, n, sizeof *g->tw);
	g->th = take(c, n, sizeof *g->th);
	g->ax = take(c, n, sizeof *g->ax);
	g->ay = take(c, n, sizeof *g->ay);
	g->bx = take(c, n, sizeof *g->bx);
	g->by = take(c, n, sizeof *g->by);
	g->branch = take(c, n, sizeof *g->branch);
	g->nhidden = take(c, n, sizeof *g->nhidden);
	g->side = take(c, n, sizeof *g->side);
	g->hidden = take(c, n, sizeof *g->hidden);
	g->edge = take(c, n, sizeof *g->edge);
}

void
rm_geom_free(struct rm_geom *g)
{
	free(g->x);
	memset(g, 0, sizeof *g);
}

static void
tidy_carve(struct tidy *T, struct carve *c, size_t n, size_t nroot)
{
	T->n = n;
	T->kstart = take(c, n, sizeof *T->kstart);
	T->kcount = take(c, n, sizeof *T->kcount);
	T->kids = take(c, n + nroot, sizeof *T->kids);
	T->w = take(c, n, sizeof *T->w);
	T->h = take(c, n, sizeof *T->h);
	T->y = take(c, n, sizeof *T->y);
	T->prelim = take(c, n, sizeof *T->prelim);
	T->mod = take(c, n, sizeof *T->mod);
	T->shift = take(c, n, sizeof *T->shift);
	T->change = take(c, n, sizeof *T->change);
	T->msel = take(c, n, sizeof *T->msel);
	T->mser = take(c, n, sizeof *T->mser);
	T->x = take(c, n, sizeof *T->x);
	T->tl = take(c, n, sizeof *T->tl);
	T->tr = take(c, n, sizeof *T->tr);
	T->el = take(c, n, sizeof *T->el);
	T->er = take(c, n, sizeof *T->er);
	T->iyl_y = take(c, n + 1, sizeof *T->iyl_y);
	T->iyl_i = take(c, n + 1, sizeof *T->iyl_i);
	T->iyl_base = take(c, n, sizeof *T->iyl_base);
	T->sib = take(c, n, sizeof *T->sib);
}

/* Gap between a box and its children, along the way the map grows. */
static double
hgap(const struct rm_style *s, unsigned depth)
{
	return depth == 0 ? s->hgap * 1.5 : depth == 1 ? s->hgap : s->hgap * 0.85;
}

/* Gap between sibling boxes, across it: wider between big branches. */
static double
vgap(const struct rm_style *s, unsigned depth)
{
	return depth <= 1 ? s->vgap * 2.2 : depth == 2 ? s->vgap * 1.3 : s->vgap;
}

enum kind {
	K_MAP,
	K_LOGIC,
	K_ORG,
	K_RADIAL
};

static const struct {
	const char	*name;
	enum kind	 kind;
	int		 stack;	/* org: stack leaves (see stack_leaves) */
} kinds[] = {
	{ "map", K_MAP, 0 },
	{ "logic", K_LOGIC, 0 },
	{ "org", K_ORG, 0 },
	{ "org-compact", K_ORG, 1 },
	{ "radial", K_RADIAL, 0 },
};

/*
 * What one rm_layout() call shares between its steps.  The tidy tree
 * numbers the topics in pre-order: in document order, however they were
 * created, so that its walks run through memory in order (several times
 * faster on a million topics made in random order).  Topic k is its
 * node pos[k], node i is topic at[i].
 */
struct lay {
	const struct ramify_doc	*doc;
	const struct rm_style	*s;
	struct rm_geom		*g;
	struct tidy		 T;
	size_t			 n, n1, root;
	size_t			*parent;
	size_t			*kstart, *kcount, *kids;	/* by topic */
	size_t			*pos, *at, *tpar;	/* tpar: by node */
	size_t			*branch_of;	/* first-level branch; n1: root */
	size_t			*l1;		/* the first-level topics */
	size_t			*list;		/* scratch: l1 for one run */
	size_t			*order;		/* scratch: one run's nodes */
	unsigned char		*in_side;	/* by branch */
	double			*left;		/* box x before the move */
	int			 stack;		/* org-compact */
};

/*
 * Set the tidy tree's boxes.  It spreads siblings along its x (the
 * breadth) and grows along its y.  Sideways (map, logic) a box's breadth
 * is its height and its growth extent its width; downwards (org) the
 * other way round.  Either way the breadth carries the gap to the next
 * sibling (vgap) and the growth extent the gap to the children (hgap),
 * and a child starts where its parent's box and gap end.
 */
static void
tidy_boxes(struct lay *L, int down)
{
	struct tidy *T = &L->T;
	const struct rm_geom *g = L->g;
	size_t v;

	for (v = 0; v < L->n; v++) {	/* parents first */
		size_t k = L->at[v];
		unsigned d = L->doc->topics[k]->depth;

		T->w[v] = (down ? g->w[k] : g->h[k]) + vgap(L->s, d);
		T->h[v] = (down ? g->h[k] : g->w[k]) + hgap(L->s, d);
		T->y[v] = v == 0 ? 0 : T->y[L->tpar[v]] + T->h[L->tpar[v]];
	}
}

/* Child i of topic k. */
static size_t
lkid(const struct lay *L, size_t k, size_t i)
{
	return L->kids[L->kstart[k] + i];
}

/*
 * Run the tidy tree over the root and the first-level branches in
 * L->list (nl of them) that are on side `sd`, collecting the run's
 * nodes parents first.
 */
static void
run_side(struct lay *L, unsigned char sd, size_t nl)
{
	struct tidy *T = &L->T;
	size_t v, i, norder = 0;

	T->kstart[0] = L->n;
	T->kcount[0] = L->g->nhidden[L->root] > 0 ? 0 : nl;
	for (i = 0; i < nl; i++)
		T->kids[L->n + i] = L->pos[L->list[i]];
	L->order[norder++] = 0;
	for (v = 1; v < L->n; v++) {
		size_t k = L->at[v];

		if (!L->g->hidden[k] && L->in_side[L->branch_of[k]] == sd)
			L->order[norder++] = v;
	}
	tidy_run(T, L->tpar, 0, L->order, norder);
}

/*
 * Sideways: lay the branches in L->list out on side `sd` of the root,
 * the left side mirrored, both aligned on the root's box.
 */
static void
place_sideways(struct lay *L, unsigned char sd, size_t nl)
{
	struct tidy *T = &L->T;
	struct rm_geom *g = L->g;
	size_t k, v, root = L->root;
	double rtop;

	run_side(L, sd, nl);
	rtop = T->x[0];
	for (k = 0; k < L->n; k++) {
		if (k == root || g->hidden[k] ||
		    L->in_side[L->branch_of[k]] != sd)
			continue;
		v = L->pos[k];
		g->y[k] = T->x[v] - rtop + (T->w[v] - g->h[k]) / 2;
		L->left[k] = sd == RM_GEOM_RIGHT ? T->y[v] :
		    g->w[root] - T->y[v] - g->w[k];
		g->side[k] = sd;
	}
	g->y[root] = (T->w[0] - g->h[root]) / 2;
	L->left[root] = 0;
}

/*
 * The map: both sides of the root.  Which first-level branches go right
 * is chosen as in XMind: keep their order, put a prefix on the right and
 * the rest, reversed so the map reads clockwise, on the left, choosing
 * the prefix whose total breadth is closest to half.  Each branch weighs
 * its breadth when laid out alone; branches the file puts on a side stay
 * there.
 */
static int
layout_map(struct lay *L)
{
	const struct ramify_doc *doc = L->doc;
	struct tidy *T = &L->T;
	size_t n1 = L->n1, k, i, nl, best_k = 0;
	double *top, *bot, *weight, acc = 0, best = INFINITY, right, rest;
	int fail = 0;

	top = xcalloc(n1, sizeof(double), &fail);
	bot = xcalloc(n1, sizeof(double), &fail);
	weight = xcalloc(n1, sizeof(double), &fail);
	if (fail) {
		free(top); free(bot); free(weight);
		return RAMIFY_ENOMEM;
	}
	tidy_boxes(L, 0);
	memset(L->in_side, RM_GEOM_RIGHT, n1);
	memcpy(L->list, L->l1, n1 * sizeof *L->l1);
	run_side(L, RM_GEOM_RIGHT, n1);
	for (i = 0; i < n1; i++) {
		top[i] = INFINITY;
		bot[i] = -INFINITY;
	}
	for (k = 0; k < L->n; k++) {
		if (k == L->root || L->g->hidden[k])
			continue;
		i = L->branch_of[k];
		top[i] = fmin(top[i], T->x[L->pos[k]]);
		bot[i] = fmax(bot[i], T->x[L->pos[k]] + T->w[L->pos[k]]);
	}
	for (i = 0; i < n1; i++) {
		weight[i] = top[i] < bot[i] ? bot[i] - top[i] : 0;
		if (doc->topics[L->l1[i]]->side == RM_SIDE_RIGHT)
			acc += weight[i];
		else if (doc->topics[L->l1[i]]->side == RM_SIDE_LEFT)
			acc -= weight[i];
	}
	right = rest = 0;
	for (i = 0; i < n1; i++)
		if (doc->topics[L->l1[i]]->side == RM_SIDE_AUTO)
			rest += weight[i];
	/* Ties go to the larger right side: maps read clockwise. */
	for (k = 0; k <= n1; k++) {
		double diff = fabs(acc + right - rest);

		if (diff <= best) {
			best = diff;
			best_k = k;
		}
		if (k < n1 && doc->topics[L->l1[k]]->side == RM_SIDE_AUTO) {
			right += weight[k];
			rest -= weight[k];
		}
	}
	for (i = 0; i < n1; i++) {
		enum rm_side hint = doc->topics[L->l1[i]]->side;

		L->in_side[i] = hint == RM_SIDE_LEFT ? RM_GEOM_LEFT :
		    hint == RM_SIDE_RIGHT || i < best_k ? RM_GEOM_RIGHT :
		    RM_GEOM_LEFT;
	}
	/* The left side with its branches reversed. */
	nl = 0;
	for (i = n1; i-- > 0; )
		if (L->in_side[i] == RM_GEOM_LEFT)
			L->list[nl++] = L->l1[i];
	place_sideways(L, RM_GEOM_LEFT, nl);
	nl = 0;
	for (i = 0; i < n1; i++)
		if (L->in_side[i] == RM_GEOM_RIGHT)
			L->list[nl++] = L->l1[i];
	place_sideways(L, RM_GEOM_RIGHT, nl);
	free(top);
	free(bot);
	free(weight);
	return RAMIFY_OK;
}

/* The logic chart: the map with every branch on the right. */
static int
layout_logic(struct lay *L)
{
	tidy_boxes(L, 0);
	memset(L->in_side, RM_GEOM_RIGHT, L->n1);
	memcpy(L->list, L->l1, L->n1 * sizeof *L->l1);
	place_sideways(L, RM_GEOM_RIGHT, L->n1);
	return RAMIFY_OK;
}

/* Stacked leaves hang off a trunk this far in from their parent's left
 * edge (twice their text's padding, at most half the parent's width),
 * and start as far again from the trunk. */
static double
stack_inset(const struct rm_style *s, unsigned depth, double parent_w)
{
	return fmin(s->pad_x[rm_style_level(depth + 1)] * 2, parent_w / 2);
}

/*
 * org-compact: a topic below the first level whose children are all
 * leaves (or folded) gets them in one column under it, hanging off a
 * trunk down its left side, as org charts do with their last level to
 * stay narrow.  To the tidy tree the topic and its column are one box.
 * The column's children are marked with RM_EDGE_CORNER.  Parents come
 * before their children, so whether a topic's children are leaves is
 * read before any of them is stacked.
 */
static void
stack_leaves(struct lay *L)
{
	const struct rm_style *s = L->s;
	struct tidy *T = &L->T;
	struct rm_geom *g = L->g;
	size_t v, i;

	for (v = 0; v < L->n; v++) {
		size_t nk = L->kcount[v], tv = L->pos[v];
		unsigned d = L->doc->topics[v]->depth;
		double bw = g->w[v], bh = g->h[v];
		double in = 2 * stack_inset(s, d, g->w[v]);

		if (g->hidden[v] || d == 0 || nk == 0)
			continue;
		for (i = 0; i < nk && T->kcount[L->pos[lkid(L, v, i)]] == 0; i++)
			;
		if (i < nk)
			continue;
		for (i = 0; i < nk; i++) {
			size_t c = lkid(L, v, i);

			bw = fmax(bw, in + g->w[c]);
			bh += vgap(s, d + 1) + g->h[c];
			g->edge[c] = RM_EDGE_CORNER;
		}
		T->w[tv] = bw + vgap(s, d);
		T->h[tv] = bh + hgap(s, d);
		T->kcount[tv] = 0;
	}
}

/*
 * The org chart: the tidy tree as it is, growing down.  Levels are hgap
 * apart, sibling boxes vgap apart; each box is centred on its cell.  A
 * stacked column sits in its parent's cell, vgap apart.
 */
static int
layout_org(struct lay *L)
{
	const struct rm_style *s = L->s;
	struct tidy *T = &L->T;
	struct rm_geom *g = L->g;
	size_t k, i;

	tidy_boxes(L, 1);
	if (L->stack)
		stack_leaves(L);
	memset(L->in_side, RM_GEOM_RIGHT, L->n1);
	memcpy(L->list, L->l1, L->n1 * sizeof *L->l1);
	run_side(L, RM_GEOM_RIGHT, L->n1);
	for (k = 0; k < L->n; k++) {
		const struct ramify_topic *t = L->doc->topics[k];
		size_t v = L->pos[k];
		double y, in, bw;

		if (g->hidden[k] || g->edge[k] == RM_EDGE_CORNER)
			continue;
		g->y[k] = T->y[v];
		if (T->kcount[v] > 0 || L->kcount[k] == 0) {
			L->left[k] = T->x[v] + (T->w[v] - g->w[k]) / 2;
			continue;
		}
		/* Stacked: the block centred on the cell, the topic at
		 * its left, the column under it. */
		bw = T->w[v] - vgap(s, t->depth);
		L->left[k] = T->x[v] + (T->w[v] - bw) / 2;
		in = 2 * stack_inset(s, t->depth, g->w[k]);
		y = g->y[k] + g->h[k];
		for (i = 0; i < L->kcount[k]; i++) {
			size_t c = lkid(L, k, i);

			y += vgap(s, t->depth + 1);
			L->left[c] = L->left[k] + in;
			g->y[c] = y;
			y += g->h[c];
		}
	}
	return RAMIFY_OK;
}

#define PI	3.14159265358979323846

/*
 * The radial map: the root in the centre, its branches around it, and
 * in each branch every depth on an arc of one radius (a ring per branch
 * and depth, so a sparse branch stays close in while a crowded one moves
 * out).  Every topic owns a wedge (an angle range seen from the centre):
 * the root the whole turn, starting at the top and going clockwise, and
 * each topic's children split its wedge by weight.  A topic's weight is
 * the larger of the angle its own box needs on its ring and what its
 * children need together.  Leaves sit in the middle of their wedges,
 * parents midway between their first and last child.
 *
 * No overlaps, whatever the box sizes: each ring's radius is chosen so
 * that every box on it lies inside its own wedge, and a branch's rings
 * are apart by hgap.  For a box of half sizes a x b centred at angle t
 * and radius r, its extent along the ray is eu = a|cos t| + b|sin t| and
 * across it et = a|sin t| + b|cos t|, so it lies within angle
 * atan(et / (r - eu)) of t and within radius r - eu .. hypot(r + eu, et).
 * Topics that are not each other's ancestors have disjoint wedges, so
 * their boxes cannot meet; a topic and its ancestors below the root are
 * on disjoint rings; and every box clears the root's box along its ray.
 *
 * The angle a box needs depends on its ring's radius, estimated as the
 * root's size plus an average box per ring, and on where it points (a
 * wide box needs more angle above the root than beside it), which the
 * weights decide.  So it is done twice: first with an average box, then
 * with each box's extent at the angle it got.  (Feeding the first
 * pass's rings back in made maps larger: an outsized ring shrinks the
 * weights that made it so.)  Linear: a few passes over the topics and
 * the rings.
 */
struct radial {
	double	*wt, *sum;	/* weight; children's weights together */
	double	*lo, *hi, *ang;	/* wedge and angle */
	/* Rings: topic k is on ring[slot[k]]; branch b's rings, inside
	 * out, are off[b] .. off[b] + depths[b] - 1. */
	size_t	*slot, *depths, *off, nring;
	double	*est;		/* the radius as estimated */
	double	*need, *eumax, *etmax, *ring;
};

/* Box k's extent along a ray at angle t (|cos t| = c, |sin t| = s) and
 * across it. */
static void
box_extent(const struct rm_geom *g, size_t k, double c, double s, double *eu,
    double *et)
{
	double a = g->w[k] / 2, b = g->h[k] / 2;

	*eu = a * c + b * s;
	*et = a * s + b * c;
}

/* Weights (with each box's extent at angle R->ang, or an average one
 * when `first`), then wedges and angles. */
static void
radial_wedges(struct lay *L, struct radial *R, int first)
{
	const struct rm_style *s = L->s;
	const struct rm_geom *g = L->g;
	size_t n = L->n, root = L->root, k, i;

	for (k = 0; k < n; k++)
		R->sum[k] = 0;
	for (k = n; k-- > 0; ) {	/* children first */
		unsigned d = L->doc->topics[k]->depth;
		double eu, et;

		if (k == root || g->hidden[k])
			continue;
		if (first)
			et = (g->w[k] + g->h[k]) / PI;	/* the mean */
		else
			box_extent(g, k, fabs(cos(R->ang[k])),
			    fabs(sin(R->ang[k])), &eu, &et);
		R->wt[k] = fmax((2 * et + vgap(s, d)) / R->est[R->slot[k]],
		    R->sum[k]);
		R->sum[L->parent[k]] += R->wt[k];
	}
	R->lo[root] = -PI / 2;
	R->hi[root] = 3 * PI / 2;
	for (k = 0; k < n; k++) {	/* parents first */
		double a = R->lo[k], span = R->hi[k] - R->lo[k];
		size_t nk = L->kcount[k];

		if (g->hidden[k])
			continue;
		for (i = 0; i < nk; i++) {
			size_t c = lkid(L, k, i);

			R->lo[c] = a;
			a = i + 1 == nk ? R->hi[k] :
			    a + span * R->wt[c] / R->sum[k];
			R->hi[c] = a;
		}
	}
	for (k = n; k-- > 0; ) {	/* children first */
		size_t nk = L->kcount[k];

		if (g->hidden[k])
			continue;
		R->ang[k] = nk == 0 ? (R->lo[k] + R->hi[k]) / 2 :
		    (R->ang[lkid(L, k, 0)] + R->ang[lkid(L, k, nk - 1)]) / 2;
	}
}

/* The smallest rings that keep every box in its wedge, clear of the
 * root, and each branch's rings apart. */
static void
radial_rings(struct lay *L, struct radial *R)
{
	const struct rm_style *s = L->s;
	const struct rm_geom *g = L->g;
	size_t k, b, i, root = L->root;

	for (i = 0; i < R->nring; i++)
		R->need[i] = R->eumax[i] = R->etmax[i] = 0;
	for (k = 0; k < L->n; k++) {
		double eu, et, reu, ret, room, r, c, sn;
		unsigned d;

		if (k == root || g->hidden[k])
			continue;
		d = L->doc->topics[k]->depth;
		i = R->slot[k];
		c = fabs(cos(R->ang[k]));
		sn = fabs(sin(R->ang[k]));
		box_extent(g, k, c, sn, &eu, &et);
		room = fmin(R->ang[k] - R->lo[k], R->hi[k] - R->ang[k]);
		r = eu + 1;
		if (room < PI / 2)
			r = fmax(r, eu + (et + vgap(s, d) / 2) / tan(room));
		/* Clear the root's box along this ray. */
		box_extent(g, root, c, sn, &reu, &ret);
		r = fmax(r, reu + hgap(s, 0) + eu);
		R->need[i] = fmax(R->need[i], r);
		R->eumax[i] = fmax(R->eumax[i], eu);
		R->etmax[i] = fmax(R->etmax[i], et);
	}
	for (b = 0; b < L->n1; b++) {
		double outer = 0;

		for (i = R->off[b]; i < R->off[b] + R->depths[b]; i++) {
			R->ring[i] = R->need[i];
			if (i > R->off[b])
				R->ring[i] = fmax(R->ring[i], outer +
				    hgap(s, (unsigned)(i - R->off[b])) +
				    R->eumax[i]);
			outer = fmax(outer, hypot(R->ring[i] + R->eumax[i],
			    R->etmax[i]));
		}
	}
}

static int
layout_radial(struct lay *L)
{
	const struct rm_style *s = L->s;
	struct tidy *T = &L->T;
	struct rm_geom *g = L->g;
	size_t n = L->n, root = L->root, k, b, i, cnt = 0;
	/* The tidy tree's arrays are free: per topic, and per ring
	 * (fewer rings than topics). */
	struct radial R = {
		T->prelim, T->mod, T->shift, T->change, T->msel,
		T->el, T->er, T->tl, 0,
		T->x, T->w, T->h, T->y, T->mser
	};
	double step = 0, r0;

	/* How deep each branch goes, and where its rings start. */
	for (b = 0; b < L->n1; b++)
		R.depths[b] = 0;
	for (k = 0; k < n; k++) {
		unsigned d = L->doc->topics[k]->depth;

		if (k == root || g->hidden[k])
			continue;
		b = L->branch_of[k];
		if (d > R.depths[b])
			R.depths[b] = d;
		step += (g->w[k] + g->h[k]) / 2 + hgap(s, d);
		cnt++;
	}
	for (b = 0; b < L->n1; b++) {
		R.off[b] = R.nring;
		R.nring += R.depths[b];
	}
	step = cnt > 0 ? step / (double)cnt : 1;
	r0 = hypot(g->w[root], g->h[root]) / 2 + hgap(s, 0);
	for (k = 0; k < n; k++)
		if (k != root && !g->hidden[k])
			R.slot[k] = R.off[L->branch_of[k]] +
			    L->doc->topics[k]->depth - 1;
	for (b = 0; b < L->n1; b++)
		for (i = 0; i < R.depths[b]; i++)
			R.est[R.off[b] + i] = r0 + (i + 0.5) * step;

	radial_wedges(L, &R, 1);
	radial_wedges(L, &R, 0);
	radial_rings(L, &R);

	for (k = 0; k < n; k++) {
		double r;

		if (k == root || g->hidden[k])
			continue;
		r = R.ring[R.slot[k]];
		L->left[k] = r * cos(R.ang[k]) - g->w[k] / 2;
		g->y[k] = r * sin(R.ang[k]) - g->h[k] / 2;
	}
	L->left[root] = -g->w[root] / 2;
	g->y[root] = -g->h[root] / 2;
	return RAMIFY_OK;
}

/* Where the segment from the centre of box (x, y, w, h) to (px, py)
 * leaves the box. */
static void
border_point(double x, double y, double w, double h, double px, double py,
    double *bx, double *by)
{
	double cx = x + w / 2, cy = y + h / 2, dx = px - cx, dy = py - cy;
	double t = 1;

	if (fabs(dx) * t > w / 2)
		t = w / 2 / fabs(dx);
	if (fabs(dy) * t > h / 2)
		t = h / 2 / fabs(dy);
	*bx = cx + dx * t;
	*by = cy + dy * t;
}

/* The edge into each topic: which way it is drawn, from where to where. */
static void
set_edges(struct lay *L, enum kind kind)
{
	struct rm_geom *g = L->g;
	size_t k, p;

	for (k = 0; k < L->n; k++) {
		int lside = g->side[k] == RM_GEOM_LEFT;

		if (k == L->root || g->hidden[k])
			continue;
		p = L->parent[k];
		switch (kind) {
		case K_MAP:
		case K_LOGIC:
			/* From the parent's outer side to the child's
			 * inner one. */
			g->edge[k] = kind == K_MAP ? RM_EDGE_CURVE_H :
			    RM_EDGE_ELBOW_H;
			g->ax[k] = lside ? g->x[p] : g->x[p] + g->w[p];
			g->ay[k] = g->y[p] + g->h[p] / 2;
			g->bx[k] = lside ? g->x[k] + g->w[k] : g->x[k];
			g->by[k] = g->y[k] + g->h[k] / 2;
			break;
		case K_ORG:
			if (g->edge[k] == RM_EDGE_CORNER) {
				/* Down the trunk, across into the child. */
				g->ax[k] = g->x[p] + stack_inset(L->s,
				    L->doc->topics[p]->depth, g->w[p]);
				g->ay[k] = g->y[p] + g->h[p];
				g->bx[k] = g->x[k];
				g->by[k] = g->y[k] + g->h[k] / 2;
				break;
			}
			/* Bottom middle to top middle. */
			g->edge[k] = RM_EDGE_ELBOW_V;
			g->ax[k] = g->x[p] + g->w[p] / 2;
			g->ay[k] = g->y[p] + g->h[p];
			g->bx[k] = g->x[k] + g->w[k] / 2;
			g->by[k] = g->y[k];
			break;
		case K_RADIAL:
			/* Along the line between the centres, from border
			 * to border. */
			g->edge[k] = RM_EDGE_STRAIGHT;
			border_point(g->x[p], g->y[p], g->w[p], g->h[p],
			    g->x[k] + g->w[k] / 2, g->y[k] + g->h[k] / 2,
			    &g->ax[k], &g->ay[k]);
			border_point(g->x[k], g->y[k], g->w[k], g->h[k],
			    g->x[p] + g->w[p] / 2, g->y[p] + g->h[p] / 2,
			    &g->bx[k], &g->by[k]);
			break;
		}
	}
}

/* The scratch arrays, in one block that starts at parent. */
static void
lay_carve(struct lay *L, struct carve *c)
{
	size_t n = L->n, n1 = L->n1;

	L->parent = take(c, n, sizeof *L->parent);
	L->kstart = take(c, n, sizeof *L->kstart);
	L->kcount = take(c, n, sizeof *L->kcount);
	L->kids = take(c, n, sizeof *L->kids);
	L->pos = take(c, n, sizeof *L->pos);
	L->at = take(c, n, sizeof *L->at);
	L->tpar = take(c, n, sizeof *L->tpar);
	L->branch_of = take(c, n, sizeof *L->branch_of);
	L->order = take(c, n, sizeof *L->order);
	L->l1 = take(c, n1, sizeof *L->l1);
	L->list = take(c, n1, sizeof *L->list);
	L->left = take(c, n, sizeof *L->left);
	tidy_carve(&L->T, c, n, n1);
	L->in_side = take(c, n1 + 1, sizeof *L->in_side);
}

int
rm_layout(const struct ramify_doc *doc, const struct rm_style *s,
    const char *name, const struct rm_measure *m, struct rm_geom *g)
{
	struct lay L;
	struct carve cg = { NULL, 0 }, cl = { NULL, 0 };
	size_t n = doc->ntopics, n1, k, i, *fill, root;
	double minx, miny, maxx, maxy, rcx;
	enum kind kind;
	int rc = RAMIFY_ENOMEM;

	memset(g, 0, sizeof *g);
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (name != NULL && strcmp(name, kinds[i].name) == 0)
			break;
	if (i == sizeof kinds / sizeof kinds[0])
		return RAMIFY_EUSAGE;
	kind = kinds[i].kind;
	if (n == 0 || doc->root == NULL)
		return RAMIFY_EUSAGE;
	memset(&L, 0, sizeof L);
	L.doc = doc;
	L.s = s;
	L.g = g;
	L.n = n;
	L.root = root = doc->root->seq;
	L.n1 = n1 = doc->root->nkids;
	geom_carve(g, &cg, n);
	lay_carve(&L, &cl);
	if ((cg.base = block_alloc(cg.off)) == NULL)
		return RAMIFY_ENOMEM;
	if ((cl.base = block_alloc(cl.off)) == NULL) {
		free(cg.base);
		return RAMIFY_ENOMEM;
	}
	cg.off = cl.off = 0;
	geom_carve(g, &cg, n);
	lay_carve(&L, &cl);
	g->n = n;
	g->layout = kinds[i].name;
	L.stack = kinds[i].stack;

	/* Boxes, the CSR child lists, and each topic's branch. */
	fill = L.order;		/* scratch until the first run */
	for (k = 0; k < n; k++) {
		const struct ramify_topic *t = doc->topics[k];

		m->fn(m->arg, t, &g->tw[k], &g->th[k], &g->w[k], &g->h[k]);
		L.parent[k] = t->parent != NULL ? t->parent->seq : NONE;
		L.kcount[k] = t->nkids;
		fill[k] = 0;
	}
	for (k = 0, i = 0; k < n; k++) {
		L.kstart[k] = i;
		i += L.kcount[k];
	}
	for (k = 0; k < n; k++) {
		const struct ramify_topic *t = doc->topics[k];
		size_t p = L.parent[k];

		if (t->parent == NULL)
			continue;
		L.kids[L.kstart[p] + fill[p]++] = k;
		if (t->depth == 1) {
			L.branch_of[k] = fill[p] - 1;
			L.l1[L.branch_of[k]] = k;
		} else {
			L.branch_of[k] = L.branch_of[p];
		}
	}
	L.branch_of[root] = n1;		/* the root is on no side */
	L.in_side[n1] = RM_GEOM_ROOT;
	/* A folded topic keeps its children out of the layout. */
	rm_layout_folding(doc, s, L.parent, g->hidden, g->nhidden);
	for (k = 0; k < n; k++)
		if (g->nhidden[k] > 0)
			L.kcount[k] = 0;
	/* The tidy tree's nodes: pre-order, with a stack. */
	{
		size_t *stack = L.order, top = 0, v = 0;

		stack[top++] = root;
		while (top > 0) {
			k = stack[--top];
			L.pos[k] = v;
			L.at[v++] = k;
			for (i = L.kcount[k]; i-- > 0; )
				stack[top++] = lkid(&L, k, i);
		}
		/* Hidden topics are not numbered: put them after. */
		for (k = 0; k < n; k++)
			if (g->hidden[k]) {
				L.pos[k] = v;
				L.at[v++] = k;
			}
		for (v = 0, i = 0; v < n; v++) {
			size_t j;

			k = L.at[v];
			L.tpar[v] = k == root ? NONE : L.pos[L.parent[k]];
			L.T.kstart[v] = i;
			L.T.kcount[v] = L.kcount[k];
			for (j = 0; j < L.kcount[k]; j++)
				L.T.kids[i++] = L.pos[lkid(&L, k, j)];
		}
	}

	switch (kind) {
	case K_MAP:
		rc = layout_map(&L);
		break;
	case K_LOGIC:
		rc = layout_logic(&L);
		break;
	case K_ORG:
		rc = layout_org(&L);
		break;
	case K_RADIAL:
		rc = layout_radial(&L);
		break;
	}
	if (rc != RAMIFY_OK)
		goto out;

	/* Sides, where the layout did not choose them: by which side of
	 * the root's middle a box's middle is. */
	rcx = L.left[root] + g->w[root] / 2;
	for (k = 0; k < n; k++) {
		g->branch[k] = k == root ? 0 : L.branch_of[k];
		if (k == root)
			g->side[k] = RM_GEOM_ROOT;
		else if (kind == K_ORG || kind == K_RADIAL)
			g->side[k] = L.left[k] + g->w[k] / 2 < rcx ?
			    RM_GEOM_LEFT : RM_GEOM_RIGHT;
	}

	/* Move the map so it starts at the margin. */
	minx = miny = INFINITY;
	maxx = maxy = -INFINITY;
	for (k = 0; k < n; k++) {
		if (g->hidden[k])
			continue;
		minx = fmin(minx, L.left[k]);
		miny = fmin(miny, g->y[k]);
		maxx = fmax(maxx, L.left[k] + g->w[k]);
		maxy = fmax(maxy, g->y[k] + g->h[k]);
	}
	for (k = 0; k < n; k++) {
		if (g->hidden[k]) {
			g->x[k] = g->y[k] = g->w[k] = g->h[k] = 0;
			continue;
		}
		g->x[k] = L.left[k] - minx + s->margin;
		g->y[k] = g->y[k] - miny + s->margin;
	}
	g->width = maxx - minx + 2 * s->margin;
	g->height = maxy - miny + 2 * s->margin;
	set_edges(&L, kind);
	rc = RAMIFY_OK;
out:
	free(cl.base);
	if (rc != RAMIFY_OK)
		rm_geom_free(g);
	return rc;
}
