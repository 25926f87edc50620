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
 * The tidy tree grows "downwards" along its own y axis and spreads
 * siblings along its x axis.  A mind map grows sideways, so the tidy
 * tree's x is the map's vertical axis (box height + gap is the tidy
 * "width") and its y is the map's horizontal axis (box width + gap is the
 * tidy "height").
 *
 * The "map" layout lays the right and left halves out as two tidy trees
 * that share the root and mirrors the left one.  Which first-level
 * branches go right is chosen as in XMind: keep their order, put a prefix
 * on the right and the rest, reversed so the map reads clockwise, on the
 * left, choosing the prefix whose total breadth is closest to half.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

void
rm_geom_free(struct rm_geom *g)
{
	free(g->x);
	free(g->y);
	free(g->w);
	free(g->h);
	free(g->tw);
	free(g->th);
	free(g->side);
	free(g->hidden);
	free(g->branch);
	free(g->nhidden);
	free(g->ax);
	free(g->ay);
	free(g->bx);
	free(g->by);
	free(g->edge);
	memset(g, 0, sizeof *g);
}

static void
tidy_free(struct tidy *T)
{
	free(T->kstart); free(T->kcount); free(T->kids);
	free(T->w); free(T->h); free(T->y);
	free(T->prelim); free(T->mod); free(T->shift); free(T->change);
	free(T->msel); free(T->mser); free(T->x);
	free(T->tl); free(T->tr); free(T->el); free(T->er);
	free(T->iyl_y); free(T->iyl_i); free(T->iyl_base); free(T->sib);
}

static int
tidy_alloc(struct tidy *T, size_t n, size_t nroot)
{
	int fail = 0;

	memset(T, 0, sizeof *T);
	T->n = n;
	T->kstart = xcalloc(n, sizeof(size_t), &fail);
	T->kcount = xcalloc(n, sizeof(size_t), &fail);
	T->kids = xcalloc(n + nroot, sizeof(size_t), &fail);
	T->w = xcalloc(n, sizeof(double), &fail);
	T->h = xcalloc(n, sizeof(double), &fail);
	T->y = xcalloc(n, sizeof(double), &fail);
	T->prelim = xcalloc(n, sizeof(double), &fail);
	T->mod = xcalloc(n, sizeof(double), &fail);
	T->shift = xcalloc(n, sizeof(double), &fail);
	T->change = xcalloc(n, sizeof(double), &fail);
	T->msel = xcalloc(n, sizeof(double), &fail);
	T->mser = xcalloc(n, sizeof(double), &fail);
	T->x = xcalloc(n, sizeof(double), &fail);
	T->tl = xcalloc(n, sizeof(size_t), &fail);
	T->tr = xcalloc(n, sizeof(size_t), &fail);
	T->el = xcalloc(n, sizeof(size_t), &fail);
	T->er = xcalloc(n, sizeof(size_t), &fail);
	T->iyl_y = xcalloc(n + 1, sizeof(double), &fail);
	T->iyl_i = xcalloc(n + 1, sizeof(size_t), &fail);
	T->iyl_base = xcalloc(n, sizeof(size_t), &fail);
	T->sib = xcalloc(n, sizeof(size_t), &fail);
	if (fail)
		tidy_free(T);
	return fail ? RAMIFY_ENOMEM : RAMIFY_OK;
}

/* Gap between a box and its children along the growth axis. */
static double
hgap(const struct rm_style *s, unsigned depth)
{
	return depth == 0 ? s->hgap * 1.5 : depth == 1 ? s->hgap : s->hgap * 0.85;
}

/* Gap between sibling boxes: wider between big branches. */
static double
vgap(const struct rm_style *s, unsigned depth)
{
	return depth <= 1 ? s->vgap * 2.2 : depth == 2 ? s->vgap * 1.3 : s->vgap;
}

/*
 * Run the tidy layout over the root and the first-level branches listed
 * in `l1` (n1 of them), collecting the run's nodes parents first.
 */
static void
run_side(struct tidy *T, const struct ramify_doc *doc, const size_t *parent,
    const size_t *branch_of, const unsigned char *in_side, unsigned char side,
    const unsigned char *hidden, const size_t *l1, size_t n1, size_t *order)
{
	size_t k, norder = 0, root = doc->root->seq;

	T->kstart[root] = doc->ntopics;
	T->kcount[root] = doc->root->folded ? 0 : n1;
	memcpy(T->kids + doc->ntopics, l1, n1 * sizeof *l1);
	order[norder++] = root;
	for (k = 1; k < doc->ntopics; k++)
		if (!hidden[k] && in_side[branch_of[k]] == side)
			order[norder++] = k;
	tidy_run(T, parent, root, order, norder);
}

int
rm_layout(const struct ramify_doc *doc, const struct rm_style *s,
    const char *name, const struct rm_measure *m, struct rm_geom *g)
{
	struct tidy T;
	size_t n = doc->ntopics, n1, k, i, best_k;
	size_t *parent = NULL, *branch_of = NULL, *order = NULL, *l1 = NULL;
	size_t *fill = NULL;
	unsigned char *in_side = NULL;
	double *weight = NULL, *top = NULL, *bot = NULL, *left = NULL;
	double minx, miny, maxx, maxy, acc, best;
	int rc = RAMIFY_ENOMEM, fail = 0;
	size_t root;

	memset(g, 0, sizeof *g);
	if (name == NULL || strcmp(name, "map") != 0)
		return RAMIFY_EUSAGE;
	if (n == 0 || doc->root == NULL)
		return RAMIFY_EUSAGE;
	root = doc->root->seq;
	n1 = doc->root->nkids;
	if (tidy_alloc(&T, n, n1) != RAMIFY_OK)
		return RAMIFY_ENOMEM;
	g->n = n;
	g->layout = "map";
	g->x = xcalloc(n, sizeof(double), &fail);
	g->y = xcalloc(n, sizeof(double), &fail);
	g->w = xcalloc(n, sizeof(double), &fail);
	g->h = xcalloc(n, sizeof(double), &fail);
	g->tw = xcalloc(n, sizeof(double), &fail);
	g->th = xcalloc(n, sizeof(double), &fail);
	g->side = xcalloc(n, 1, &fail);
	g->hidden = xcalloc(n, 1, &fail);
	g->branch = xcalloc(n, sizeof(size_t), &fail);
	g->nhidden = xcalloc(n, sizeof(size_t), &fail);
	g->ax = xcalloc(n, sizeof(double), &fail);
	g->ay = xcalloc(n, sizeof(double), &fail);
	g->bx = xcalloc(n, sizeof(double), &fail);
	g->by = xcalloc(n, sizeof(double), &fail);
	g->edge = xcalloc(n, 1, &fail);
	parent = xcalloc(n, sizeof(size_t), &fail);
	branch_of = xcalloc(n, sizeof(size_t), &fail);
	order = xcalloc(n, sizeof(size_t), &fail);
	fill = xcalloc(n, sizeof(size_t), &fail);
	l1 = xcalloc(n1, sizeof(size_t), &fail);
	in_side = xcalloc(n1 + 1, 1, &fail);
	weight = xcalloc(n1, sizeof(double), &fail);
	top = xcalloc(n1, sizeof(double), &fail);
	bot = xcalloc(n1, sizeof(double), &fail);
	left = xcalloc(n, sizeof(double), &fail);
	if (fail)
		goto out;

	/* Boxes, the CSR child lists, and each topic's branch. */
	for (k = 0; k < n; k++) {
		const struct ramify_topic *t = doc->topics[k];

		m->fn(m->arg, t, &g->tw[k], &g->th[k], &g->w[k], &g->h[k]);
		T.w[k] = g->h[k] + vgap(s, t->depth);
		T.h[k] = g->w[k] + hgap(s, t->depth);
		parent[k] = t->parent != NULL ? t->parent->seq : NONE;
		T.kcount[k] = t->nkids;
	}
	for (k = 0, i = 0; k < n; k++) {
		T.kstart[k] = i;
		i += T.kcount[k];
	}
	for (k = 0; k < n; k++) {
		const struct ramify_topic *t = doc->topics[k];

		if (t->parent == NULL)
			continue;
		T.kids[T.kstart[parent[k]] + fill[parent[k]]++] = k;
		if (t->depth == 1) {
			branch_of[k] = fill[parent[k]] - 1;
			l1[branch_of[k]] = k;
		} else {
			branch_of[k] = branch_of[parent[k]];
		}
		/* Growth axis: a child starts where its parent's box ends. */
		T.y[k] = T.y[parent[k]] + T.h[parent[k]];
	}
	branch_of[root] = n1;		/* the root is on no side */
	/* A folded topic keeps its children out of the layout. */
	rm_layout_folding(doc, s, parent, g->hidden, g->nhidden);
	for (k = 0; k < n; k++)
		if (g->nhidden[k] > 0)
			T.kcount[k] = 0;

	/* Weigh each branch by its breadth when laid out alone. */
	memset(in_side, RM_GEOM_RIGHT, n1);
	run_side(&T, doc, parent, branch_of, in_side, RM_GEOM_RIGHT, g->hidden,
	    l1, n1, order);
	for (i = 0; i < n1; i++) {
		top[i] = INFINITY;
		bot[i] = -INFINITY;
	}
	for (k = 0; k < n; k++) {
		if (k == root || g->hidden[k])
			continue;
		i = branch_of[k];
		if (T.x[k] < top[i])
			top[i] = T.x[k];
		if (T.x[k] + T.w[k] > bot[i])
			bot[i] = T.x[k] + T.w[k];
	}
	/* Choose the prefix of free branches that balances best; branches
	 * the file puts on a side stay there. */
	for (i = 0; i < n1; i++)
		weight[i] = top[i] < bot[i] ? bot[i] - top[i] : 0;
	acc = 0;
	for (i = 0; i < n1; i++)
		if (doc->topics[l1[i]]->side == RM_SIDE_RIGHT)
			acc += weight[i];
		else if (doc->topics[l1[i]]->side == RM_SIDE_LEFT)
			acc -= weight[i];
	best = INFINITY;
	best_k = 0;
	{
		double right = 0, rest = 0;

		for (i = 0; i < n1; i++)
			if (doc->topics[l1[i]]->side == RM_SIDE_AUTO)
				rest += weight[i];
		/* Ties go to the larger right side: maps read clockwise. */
		for (k = 0; k <= n1; k++) {
			double diff = fabs(acc + right - rest);

			if (diff <= best) {
				best = diff;
				best_k = k;
			}
			if (k < n1 && doc->topics[l1[k]]->side == RM_SIDE_AUTO) {
				right += weight[k];
				rest -= weight[k];
			}
		}
	}
	for (i = 0; i < n1; i++) {
		enum rm_side hint = doc->topics[l1[i]]->side;

		in_side[i] = hint == RM_SIDE_LEFT ? RM_GEOM_LEFT :
		    hint == RM_SIDE_RIGHT || i < best_k ? RM_GEOM_RIGHT :
		    RM_GEOM_LEFT;
	}

	/* Lay each side out; the left one with its branches reversed. */
	{
		size_t *list = fill;	/* reuse: n >= n1 */
		size_t nl;
		unsigned char sd;

		for (sd = RM_GEOM_LEFT; sd <= RM_GEOM_RIGHT; sd++) {
			double rtop;

			nl = 0;
			if (sd == RM_GEOM_RIGHT) {
				for (i = 0; i < n1; i++)
					if (in_side[i] == sd)
						list[nl++] = l1[i];
			} else {
				for (i = n1; i-- > 0; )
					if (in_side[i] == sd)
						list[nl++] = l1[i];
			}
			run_side(&T, doc, parent, branch_of, in_side, sd,
			    g->hidden, list, nl, order);
			/* Align both halves on the root's box. */
			rtop = T.x[root];
			for (k = 0; k < n; k++) {
				if (k == root || g->hidden[k] ||
				    in_side[branch_of[k]] != sd)
					continue;
				g->y[k] = T.x[k] - rtop +
				    (T.w[k] - g->h[k]) / 2;
				left[k] = sd == RM_GEOM_RIGHT ? T.y[k] :
				    g->w[root] - T.y[k] - g->w[k];
				g->side[k] = sd;
				g->branch[k] = branch_of[k];
			}
		}
	}
	g->y[root] = (T.w[root] - g->h[root]) / 2;
	left[root] = 0;
	g->side[root] = RM_GEOM_ROOT;
	g->branch[root] = 0;

	/* Translate so the map starts at the margin. */
	minx = miny = INFINITY;
	maxx = maxy = -INFINITY;
	for (k = 0; k < n; k++) {
		if (g->hidden[k])
			continue;
		minx = fmin(minx, left[k]);
		miny = fmin(miny, g->y[k]);
		maxx = fmax(maxx, left[k] + g->w[k]);
		maxy = fmax(maxy, g->y[k] + g->h[k]);
	}
	for (k = 0; k < n; k++) {
		if (g->hidden[k]) {
			g->x[k] = g->y[k] = g->w[k] = g->h[k] = 0;
			continue;
		}
		g->x[k] = left[k] - minx + s->margin;
		g->y[k] = g->y[k] - miny + s->margin;
	}
	g->width = maxx - minx + 2 * s->margin;
	g->height = maxy - miny + 2 * s->margin;
	/* Branches leave the parent's outer side, enter the child's inner. */
	for (k = 0; k < n; k++) {
		size_t p = parent[k];
		int lside = g->side[k] == RM_GEOM_LEFT;

		if (k == root || g->hidden[k])
			continue;
		g->edge[k] = RM_EDGE_CURVE_H;
		g->ax[k] = lside ? g->x[p] : g->x[p] + g->w[p];
		g->ay[k] = g->y[p] + g->h[p] / 2;
		g->bx[k] = lside ? g->x[k] + g->w[k] : g->x[k];
		g->by[k] = g->y[k] + g->h[k] / 2;
	}
	rc = RAMIFY_OK;
out:
	tidy_free(&T);
	free(parent); free(branch_of); free(order); free(fill); free(l1);
	free(in_side); free(weight); free(top); free(bot); free(left);
	if (rc != RAMIFY_OK)
		rm_geom_free(g);
	return rc;
}
