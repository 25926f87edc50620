/*
 * render_map.c: draw a laid-out map onto a cairo context: branches first,
 * then every topic box with its icons, text, note marker, inline notes
 * and fold badge, in seq order.  Which surface and page it lands on is
 * render_cairo.c's business.  Nothing here knows about Pango: text goes
 * through text_pango.c so it is drawn exactly as it was measured, and a
 * box's parts go where rm_style_parts() and rm_text_parts() put them.
 *
 * No allocation, no recursion: one pass over the topics for colours,
 * one over parents for branches, one for boxes.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>

#include "render.h"

/* C11 has no PI. */
#define PI 3.14159265358979323846

static void
set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

/* `rgb` moved towards `to` by `amount`: 0 keeps rgb, 1 gives `to`. */
static uint32_t
mix(uint32_t rgb, uint32_t to, double amount)
{
	uint32_t out = 0;
	int shift;

	for (shift = 16; shift >= 0; shift -= 8) {
		double c = (rgb >> shift) & 0xff, t = (to >> shift) & 0xff;

		out |= (uint32_t)(c + (t - c) * amount + 0.5) << shift;
	}
	return out;
}

/* WCAG relative luminance of 0xRRGGBB. */
static double
luminance(uint32_t rgb)
{
	double l = 0;
	static const double k[3] = { 0.2126, 0.7152, 0.0722 };
	int i;

	for (i = 0; i < 3; i++) {
		double c = ((rgb >> (16 - 8 * i)) & 0xff) / 255.0;

		c = c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
		l += k[i] * c;
	}
	return l;
}

static double
contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

/*
 * The theme's light or dark text for `fill`: light whenever it reaches
 * 3:1 (WCAG's minimum for bold and large text; boxes in branch colours
 * look best with it), else whichever reads better.
 */
static uint32_t
text_on(struct render *r, uint32_t fill)
{
	const struct rm_style *st = r->style;
	double cl;

	/* Neighbours mostly share a fill: remember the last answer. */
	if (r->memo_ok && r->memo_fill == fill)
		return r->memo_fg;
	cl = contrast(st->text_light, fill);
	r->memo_fill = fill;
	r->memo_fg = cl >= 3 || cl > contrast(st->text_dark, fill) ?
	    st->text_light : st->text_dark;
	r->memo_ok = 1;
	return r->memo_fg;
}

/*
 * Per topic colour: its own if it has one (and the theme honours it),
 * else its parent's; the root takes the theme's, a first-level topic its
 * branch's from the palette.  A parent is always created before its
 * children, so one pass in seq order does it.
 */
void
rm_render_prepare(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_style *st = r->style;
	size_t i;

	for (i = 0; i < doc->ntopics; i++) {
		const struct ramify_topic *t = doc->topics[i];
		const struct ramify_topic *p = t->parent;

		if (t->has_color && st->user_colors)
			r->color[i] = t->color & 0xffffff;
		else if (p == NULL)
			r->color[i] = st->root_color;
		else if (t->depth == 1)
			r->color[i] = rm_style_branch_color(st,
			    r->geom->branch[i]);
		else
			r->color[i] = r->color[p->seq];
	}
}

/* ---- branches --------------------------------------------------------- */

/*
 * Consecutive branches of one colour, width and kind (stroked lines or
 * filled ribbons) share a path and a single stroke or fill.
 */
struct pen {
	cairo_t		*cr;
	uint32_t	 rgb;
	double		 width;
	int		 fill;
	int		 active;
};

static void
pen_flush(struct pen *p)
{
	if (!p->active)
		return;
	if (p->fill)
		cairo_fill(p->cr);
	else
		cairo_stroke(p->cr);
	p->active = 0;
}

static void
pen_use(struct pen *p, uint32_t rgb, double width, int fill)
{
	if (p->active && p->rgb == rgb && p->width == width &&
	    p->fill == fill)
		return;
	pen_flush(p);
	set_rgb(p->cr, rgb);
	cairo_set_line_width(p->cr, width);
	p->rgb = rgb;
	p->width = width;
	p->fill = fill;
	p->active = 1;
}

/* Line a-b moved `d` along its left normal, into oa-ob; 0 if a == b. */
static int
offset_leg(const double a[2], const double b[2], double d, double oa[2],
    double ob[2])
{
	double vx = b[0] - a[0], vy = b[1] - a[1], len = hypot(vx, vy);

	if (len < 1e-9)
		return 0;
	oa[0] = a[0] - vy / len * d;
	oa[1] = a[1] + vx / len * d;
	ob[0] = oa[0] + vx;
	ob[1] = oa[1] + vy;
	return 1;
}

/* Where lines a1-a2 and b1-b2 cross; a2 when they are parallel. */
static void
cross_lines(const double a1[2], const double a2[2], const double b1[2],
    const double b2[2], double out[2])
{
	double ax = a2[0] - a1[0], ay = a2[1] - a1[1];
	double bx = b2[0] - b1[0], by = b2[1] - b1[1];
	double det = ax * by - ay * bx, u;

	if (fabs(det) < 1e-9) {
		out[0] = a2[0];
		out[1] = a2[1];
		return;
	}
	u = ((b1[0] - a1[0]) * by - (b1[1] - a1[1]) * bx) / det;
	out[0] = a1[0] + u * ax;
	out[1] = a1[1] + u * ay;
}

/*
 * One side of a tapered branch: the cubic p[0..3] offset by d0 at the
 * start, dm along the middle leg and d1 at the end (Tiller-Hanson: move
 * each leg of the control polygon along its normal and intersect).
 * Returns 0 when the control polygon is degenerate.
 */
static int
offset_cubic(const double p[4][2], double d0, double dm, double d1,
    double q[4][2])
{
	double l0[2][2], l1[2][2], l2[2][2];

	if (!offset_leg(p[0], p[1], d0, l0[0], l0[1]) ||
	    !offset_leg(p[1], p[2], dm, l1[0], l1[1]) ||
	    !offset_leg(p[2], p[3], d1, l2[0], l2[1]))
		return 0;
	memcpy(q[0], l0[0], sizeof q[0]);
	cross_lines(l0[0], l0[1], l1[0], l1[1], q[1]);
	cross_lines(l1[0], l1[1], l2[0], l2[1], q[2]);
	memcpy(q[3], l2[1], sizeof q[3]);
	return 1;
}

/*
 * A first-level branch: a filled ribbon along the cubic p[0..3], `w0`
 * wide at its start and `w1` at its end.
 */
static void
ribbon(cairo_t *cr, const double p[4][2], double w0, double w1)
{
	double wm = (w0 + w1) / 2;
	double a[4][2], b[4][2];

	if (!offset_cubic(p, w0 / 2, wm / 2, w1 / 2, a) ||
	    !offset_cubic(p, -w0 / 2, -wm / 2, -w1 / 2, b)) {
		/* A leg of the control polygon has no length: the ends
		 * are level (a lone child straight out of the root), so
		 * the ribbon is a straight tapered band. */
		double vx = p[3][0] - p[0][0], vy = p[3][1] - p[0][1];
		double len = hypot(vx, vy), nx, ny;

		if (len < 1e-9)
			return;
		nx = -vy / len;
		ny = vx / len;
		cairo_move_to(cr, p[0][0] + nx * w0 / 2, p[0][1] + ny * w0 / 2);
		cairo_line_to(cr, p[3][0] + nx * w1 / 2, p[3][1] + ny * w1 / 2);
		cairo_line_to(cr, p[3][0] - nx * w1 / 2, p[3][1] - ny * w1 / 2);
		cairo_line_to(cr, p[0][0] - nx * w0 / 2, p[0][1] - ny * w0 / 2);
		cairo_close_path(cr);
		return;
	}
	cairo_move_to(cr, a[0][0], a[0][1]);
	cairo_curve_to(cr, a[1][0], a[1][1], a[2][0], a[2][1],
	    a[3][0], a[3][1]);
	cairo_line_to(cr, b[3][0], b[3][1]);
	cairo_curve_to(cr, b[2][0], b[2][1], b[1][0], b[1][1],
	    b[0][0], b[0][1]);
	cairo_close_path(cr);
}

/* Is this kind of edge horizontal where it meets the boxes? */
static int
edge_is_h(int kind)
{
	return kind == RM_EDGE_CURVE_H || kind == RM_EDGE_ELBOW_H;
}

/* The colour of the branch into topic i. */
static uint32_t
edge_rgb(const struct render *r, size_t i)
{
	return r->style->edge_branch ? r->color[i] : r->style->edge_color;
}

/*
 * The anchors of the edge into `c`: the layout's, except that an
 * underlined box is met at its underline rather than its middle, so the
 * branch runs on into the line under the text.
 */
static void
anchors(const struct render *r, const struct ramify_topic *c, double *ax,
    double *ay, double *bx, double *by)
{
	const struct rm_geom *g = r->geom;
	const struct rm_style *st = r->style;
	size_t i = c->seq, p = c->parent->seq;
	int lc = rm_style_level(c->depth), lp = rm_style_level(c->depth - 1);

	*ax = g->ax[i];
	*ay = g->ay[i];
	*bx = g->bx[i];
	*by = g->by[i];
	if (!edge_is_h(g->edge[i]))
		return;
	if (st->box[lc] == RM_BOX_UNDERLINE)
		*by = g->y[i] + g->h[i] - st->border[lc] / 2;
	if (st->box[lp] == RM_BOX_UNDERLINE)
		*ay = g->y[p] + g->h[p] - st->border[lp] / 2;
}

/* A curve or straight edge from a to b; the first level tapered. */
static void
draw_curve(struct render *r, struct pen *pen, const struct ramify_topic *c,
    double ax, double ay, double bx, double by)
{
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	int kind = r->geom->edge[c->seq];
	double w = st->edge_width[rm_style_level(c->depth)];
	double p[4][2];

	if (kind == RM_EDGE_CORNER) {
		/* Down the column's trunk, then a rounded turn into the
		 * box; siblings retrace the same trunk. */
		double rr = fmin(5, fmin(fabs(by - ay), fabs(bx - ax)));
		double sx = bx >= ax ? 1 : -1, sy = by >= ay ? 1 : -1;

		pen_use(pen, edge_rgb(r, c->seq), w, 0);
		cairo_move_to(cr, ax, ay);
		cairo_line_to(cr, ax, by - sy * rr);
		cairo_curve_to(cr, ax, by, ax, by, ax + sx * rr, by);
		cairo_line_to(cr, bx, by);
		return;
	}
	p[0][0] = ax;
	p[0][1] = ay;
	p[3][0] = bx;
	p[3][1] = by;
	switch (kind) {
	case RM_EDGE_CURVE_V:
		p[1][0] = ax;
		p[1][1] = ay + (by - ay) / 2;
		p[2][0] = bx;
		p[2][1] = by - (by - ay) / 2;
		break;
	case RM_EDGE_STRAIGHT:
		p[1][0] = ax + (bx - ax) / 3;
		p[1][1] = ay + (by - ay) / 3;
		p[2][0] = ax + (bx - ax) * 2 / 3;
		p[2][1] = ay + (by - ay) * 2 / 3;
		break;
	default:
		p[1][0] = ax + (bx - ax) / 2;
		p[1][1] = ay;
		p[2][0] = bx - (bx - ax) / 2;
		p[2][1] = by;
		break;
	}
	pen_use(pen, edge_rgb(r, c->seq), w, c->depth == 1 && st->taper);
	if (c->depth == 1 && st->taper) {
		/* Start a little inside the root box, which is drawn
		 * later and covers the ribbon's blunt end. */
		double dx = p[1][0] - p[0][0], dy = p[1][1] - p[0][1];
		double len = hypot(dx, dy);

		if (len > 1e-9) {
			p[0][0] -= dx / len * 2;
			p[0][1] -= dy / len * 2;
		}
		ribbon(cr, p, w * 2, w * 0.75);
		return;
	}
	cairo_move_to(cr, p[0][0], p[0][1]);
	if (kind == RM_EDGE_STRAIGHT)
		cairo_line_to(cr, p[3][0], p[3][1]);
	else
		cairo_curve_to(cr, p[1][0], p[1][1], p[2][0], p[2][1],
		    p[3][0], p[3][1]);
}

/*
 * Elbows.  Coordinates are (u, v): u runs from parent to child (x for
 * ELBOW_H, y for ELBOW_V) and v across.  The children of one parent on
 * one side share a trunk: a stub from the parent to the trunk, a spine
 * along it and, per child, a rounded corner and a leg to its box.
 */
struct trunk {
	int	 used;
	double	 t;		/* the trunk's u */
	double	 vmin, vmax;	/* the spine, corners excluded */
};

static void
uv_move(cairo_t *cr, int vert, double u, double v)
{
	if (vert)
		cairo_move_to(cr, v, u);
	else
		cairo_move_to(cr, u, v);
}

static void
uv_line(cairo_t *cr, int vert, double u, double v)
{
	if (vert)
		cairo_line_to(cr, v, u);
	else
		cairo_line_to(cr, u, v);
}

static void
uv_curve(cairo_t *cr, int vert, double u1, double v1, double u2, double v2,
    double u3, double v3)
{
	if (vert)
		cairo_curve_to(cr, v1, u1, v2, u2, v3, u3);
	else
		cairo_curve_to(cr, u1, v1, u2, v2, u3, v3);
}

/* The corner radius of the elbow from the trunk at `t` to (bu, bv). */
static double
elbow_radius(const struct rm_style *st, double av, double t, double bu,
    double bv)
{
	double rad = st->corner;

	if (rad > fabs(bv - av))
		rad = fabs(bv - av);
	if (rad > fabs(bu - t))
		rad = fabs(bu - t);
	return rad;
}

/* The elbows of p's children: trunks first (two passes over them). */
/*
 * Child c's elbow edge in (u, v) coordinates: its parent's anchor (au,
 * av) and its own (bu, bv) in e[0..3], and whether it runs vertically.
 * 0 when c is hidden or its edge is not an elbow.
 */
static int
elbow_uv(const struct render *r, const struct ramify_topic *c, int *vert,
    double e[4])
{
	int kind = r->geom->edge[c->seq];
	double ax, ay, bx, by;

	if (r->hidden[c->seq] || (kind != RM_EDGE_ELBOW_H &&
	    kind != RM_EDGE_ELBOW_V))
		return 0;
	anchors(r, c, &ax, &ay, &bx, &by);
	*vert = kind == RM_EDGE_ELBOW_V;
	e[0] = *vert ? ay : ax;
	e[1] = *vert ? ax : ay;
	e[2] = *vert ? by : bx;
	e[3] = *vert ? bx : by;
	return 1;
}

static void
draw_elbows(struct render *r, struct pen *pen, const struct ramify_topic *p)
{
	const struct rm_style *st = r->style;
	const struct ramify_topic *c;
	struct trunk tr[2][2];	/* [vertical][away from the origin] */
	cairo_t *cr = r->cr;
	double w = 0;
	int vert, dir;

	memset(tr, 0, sizeof tr);
	for (c = p->first; c != NULL; c = c->next) {
		double e[4], au, av, bu, bv, d;
		struct trunk *k;

		if (!elbow_uv(r, c, &vert, e))
			continue;
		au = e[0];
		av = e[1];
		bu = e[2];
		bv = e[3];
		dir = bu >= au;
		k = &tr[vert][dir];
		d = (bu - au) / 2;
		if (!k->used || fabs(d) < fabs(k->t - au)) {
			k->t = au + d;
		}
		if (!k->used) {
			k->vmin = k->vmax = av;
			k->used = 1;
		}
		/* The spine reaches each child's corner. */
		if (bv < k->vmin)
			k->vmin = bv;
		if (bv > k->vmax)
			k->vmax = bv;
		w = st->edge_width[rm_style_level(c->depth)];
	}
	if (w == 0)
		return;
	/* Stubs and spines, in the parent's colour. */
	for (vert = 0; vert < 2; vert++)
		for (dir = 0; dir < 2; dir++) {
			struct trunk *k = &tr[vert][dir];
			double e[4], au, av, lo, hi, rad;
			int cv;

			if (!k->used)
				continue;
			/* Any child's on this side will do for the parent's
			 * anchor. */
			for (c = p->first; c != NULL; c = c->next)
				if (elbow_uv(r, c, &cv, e) && cv == vert &&
				    (e[2] >= e[0]) == dir)
					break;
			if (c == NULL)
				continue;
			au = e[0];
			av = e[1];
			pen_use(pen, edge_rgb(r, p->seq), w, 0);
			uv_move(cr, vert, au, av);
			uv_line(cr, vert, k->t, av);
			/* The spine stops where the outermost corners
			 * start. */
			rad = st->corner;
			lo = k->vmin < av ? fmin(k->vmin + rad, av) : av;
			hi = k->vmax > av ? fmax(k->vmax - rad, av) : av;
			if (hi > lo) {
				uv_move(cr, vert, k->t, lo);
				uv_line(cr, vert, k->t, hi);
			}
		}
	/* Each child's corner and leg, in its colour. */
	for (c = p->first; c != NULL; c = c->next) {
		double uv[4], au, av, bu, bv, t, rad, s, e, sv;
		struct trunk *k;

		if (!elbow_uv(r, c, &vert, uv))
			continue;
		au = uv[0];
		av = uv[1];
		bu = uv[2];
		bv = uv[3];
		k = &tr[vert][bu >= au];
		t = k->t;
		pen_use(pen, edge_rgb(r, c->seq),
		    st->edge_width[rm_style_level(c->depth)], 0);
		rad = elbow_radius(st, av, t, bu, bv);
		if (rad < 0.5) {
			uv_move(cr, vert, t, bv);
			uv_line(cr, vert, bu, bv);
			continue;
		}
		/* From the spine, `rad` before the corner, round it, on
		 * to the box.  The spine may stop short of this corner
		 * (an inner child): join it up. */
		s = bv > av ? -1 : 1;		/* back towards the stub */
		e = bu > t ? 1 : -1;		/* on towards the child */
		sv = bv + s * rad;
		if (fabs(sv - av) > st->corner && fabs(bv - av) > st->corner)
			uv_move(cr, vert, t, sv);
		else
			uv_move(cr, vert, t, av);
		uv_line(cr, vert, t, sv);
		uv_curve(cr, vert, t, sv - s * rad * 0.552,
		    t + e * rad * 0.448, bv, t + e * rad, bv);
		uv_line(cr, vert, bu, bv);
	}
}

/*
 * Every branch: for each parent with children showing, its children's
 * edges by the kind the layout chose, in seq order of the parents.
 */
static void
draw_edges(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	struct pen pen;
	size_t i;

	memset(&pen, 0, sizeof pen);
	pen.cr = r->cr;
	cairo_set_line_cap(r->cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(r->cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 0; i < doc->ntopics; i++) {
		const struct ramify_topic *p = doc->topics[i], *c;
		int elbows = 0;

		if (p->first == NULL || r->hidden[i] || g->nhidden[i] > 0)
			continue;
		for (c = p->first; c != NULL; c = c->next) {
			double ax, ay, bx, by;
			int kind = g->edge[c->seq];

			if (r->hidden[c->seq])
				continue;
			if (kind == RM_EDGE_ELBOW_H || kind == RM_EDGE_ELBOW_V) {
				elbows = 1;
				continue;
			}
			anchors(r, c, &ax, &ay, &bx, &by);
			if (rm_render_culled(r, fmin(ax, bx), fmin(ay, by),
			    fmax(ax, bx), fmax(ay, by)))
				continue;
			draw_curve(r, &pen, c, ax, ay, bx, by);
		}
		if (elbows)
			draw_elbows(r, &pen, p);
	}
	pen_flush(&pen);
}

/*
 * The cairo tag attribute for a link to `href`, or NULL when it is not
 * a web or mail address we are willing to put in a PDF.  cairo parses
 * the attribute string: quote it and escape \ and '.
 */
static const char *
link_attr(struct render *r, const char *href)
{
	size_t n = strlen(href), i, o;

	if (n == 0 || n > LINK_MAX)
		return NULL;
	if (strncasecmp(href, "http://", 7) != 0 &&
	    strncasecmp(href, "https://", 8) != 0 &&
	    strncasecmp(href, "mailto:", 7) != 0)
		return NULL;
	memcpy(r->uri, "uri='", 5);
	o = 5;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)href[i];

		if (c < 0x20 || c == 0x7f)
			return NULL;
		if (c == '\\' || c == '\'')
			r->uri[o++] = '\\';
		r->uri[o++] = (char)c;
	}
	r->uri[o++] = '\'';
	r->uri[o] = '\0';
	return r->uri;
}

/* ---- boxes ------------------------------------------------------------ */

/*
 * The note marker: a small tag in the theme's note colours with the
 * notes' numbers, the same [Wn] numbers as the outline and the endnotes.
 */
static void
draw_marker(struct render *r, const struct rm_text_parts *tp, double x,
    double y)
{
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	double mx = x + tp->mark_x, my = y + tp->mark_y;

	rm_rounded_rect(cr, mx, my, tp->mark_w, tp->mark_h, tp->mark_h * 0.3);
	set_rgb(cr, st->note_fill);
	cairo_fill_preserve(cr);
	set_rgb(cr, st->note_border);
	cairo_set_line_width(cr, fmax(0.6, tp->label_size * 0.08));
	cairo_stroke(cr);
	rm_text_block(r->text, cr, tp->label, tp->label_size, 1, 0, 0,
	    mx + tp->label_size * 0.4, my, st->note_text, NULL, NULL);
}

/*
 * Which way is out from topic i, as a unit vector: where its children
 * would grow, so its fold badge sits where they would be.
 */
static void
outward(const struct render *r, size_t i, double *dx, double *dy)
{
	const struct rm_geom *g = r->geom;
	const char *lay = g->layout != NULL ? g->layout : "";
	size_t root = r->doc->root->seq;

	*dx = 1;
	*dy = 0;
	if (strcmp(lay, "org") == 0) {
		*dx = 0;
		*dy = 1;
	} else if (strcmp(lay, "radial") == 0 && i != root) {
		double vx = g->x[i] + g->w[i] / 2 - (g->x[root] +
		    g->w[root] / 2);
		double vy = g->y[i] + g->h[i] / 2 - (g->y[root] +
		    g->h[root] / 2);
		double len = hypot(vx, vy);

		if (len > 1e-9) {
			*dx = vx / len;
			*dy = vy / len;
		}
	} else if (g->side[i] == RM_GEOM_LEFT)
		*dx = -1;
}

/* The "+N" badge of a folded topic, just outside its box. */
static void
draw_badge(struct render *r, const struct ramify_topic *t, uint32_t rgb)
{
	const struct rm_geom *g = r->geom;
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	size_t i = t->seq;
	double size = rm_style_badge_size(st, t->depth);
	double lw, lh, bw, bh, dx, dy, cx, cy, tb, tg;
	char label[32];
	uint32_t fill, fg;

	snprintf(label, sizeof label, "+%zu", g->nhidden[i]);
	rm_text_block(r->text, NULL, label, size, 1, 0, 0, 0, 0, 0, &lw, &lh);
	bw = lw + size * 0.9;
	bh = lh;
	outward(r, i, &dx, &dy);
	/* From the box's centre along (dx, dy): out of the box, across
	 * the gap, and half the badge on. */
	tb = fmin(fabs(dx) > 1e-9 ? g->w[i] / 2 / fabs(dx) : INFINITY,
	    fabs(dy) > 1e-9 ? g->h[i] / 2 / fabs(dy) : INFINITY);
	tg = fmin(fabs(dx) > 1e-9 ? bw / 2 / fabs(dx) : INFINITY,
	    fabs(dy) > 1e-9 ? bh / 2 / fabs(dy) : INFINITY);
	cx = g->x[i] + g->w[i] / 2 + dx * (tb + RM_BADGE_GAP + tg);
	cy = g->y[i] + g->h[i] / 2 + dy * (tb + RM_BADGE_GAP + tg);
	rm_rounded_rect(cr, cx - bw / 2, cy - bh / 2, bw, bh, bh / 2);
	if (st->badge_filled) {
		fill = rgb;
		set_rgb(cr, fill);
		cairo_fill(cr);
	} else {
		fill = 0xffffff;
		set_rgb(cr, fill);
		cairo_fill_preserve(cr);
		set_rgb(cr, rgb);
		cairo_set_line_width(cr, 1);
		cairo_stroke(cr);
	}
	fg = st->badge_filled ? text_on(r, fill) : rgb;
	rm_text_block(r->text, cr, label, size, 1, 0, 0, cx - lw / 2,
	    cy - lh / 2, fg, NULL, NULL);
}

/* How a topic's box is drawn; topics with equal styles are drawn with
 * one fill and one stroke. */
struct box_style {
	int		 kind;		/* RM_BOX_* */
	int		 lv;
	uint32_t	 fill, stroke;
	double		 bw, rad;
	double		 shadow;	/* alpha; 0: none */
};

static void
box_style(const struct render *r, const struct ramify_topic *t, uint32_t rgb,
    struct box_style *b)
{
	const struct rm_style *st = r->style;
	int lv = rm_style_level(t->depth);

	memset(b, 0, sizeof *b);
	b->kind = st->box[lv];
	b->lv = lv;
	b->bw = st->border[lv];
	b->rad = st->radius[lv];
	b->fill = 0xffffff;
	if (st->shadow[lv] && b->kind != RM_BOX_UNDERLINE)
		b->shadow = lv == 0 ? 0.22 : 0.16;
	switch (b->kind) {
	case RM_BOX_FILLED:
	case RM_BOX_TINTED:
		b->fill = b->kind == RM_BOX_FILLED ? rgb :
		    mix(rgb, 0xffffff, st->tint[lv]);
		b->stroke = b->kind == RM_BOX_FILLED ?
		    mix(rgb, 0x000000, 0.2) :
		    mix(rgb, 0xffffff, st->border_tint[lv]);
		break;
	case RM_BOX_OUTLINE:
		b->stroke = rgb;
		if (b->bw <= 0)
			b->bw = 1;
		break;
	case RM_BOX_UNDERLINE:
		b->stroke = rgb;
		break;
	}
}

static int
same_box(const struct box_style *a, const struct box_style *b)
{
	return a->kind == b->kind && a->lv == b->lv && a->fill == b->fill &&
	    a->stroke == b->stroke && a->bw == b->bw && a->rad == b->rad;
}

/* Add the box's outline (or underline) to the current path. */
static void
box_path(cairo_t *cr, const struct box_style *b, double x, double y,
    double w, double h)
{
	switch (b->kind) {
	case RM_BOX_OUTLINE:
		/* White inside (no toner), which also hides the branch
		 * ends beneath. */
		rm_rounded_rect(cr, x + b->bw / 2, y + b->bw / 2, w - b->bw,
		    h - b->bw, b->rad);
		break;
	case RM_BOX_UNDERLINE:
		cairo_move_to(cr, x, y + h - b->bw / 2);
		cairo_line_to(cr, x + w, y + h - b->bw / 2);
		break;
	default:
		rm_rounded_rect(cr, x, y, w, h, b->rad);
		break;
	}
}

/* Paint the path holding boxes of style `b`. */
static void
box_paint(cairo_t *cr, const struct box_style *b)
{
	if (b->kind == RM_BOX_UNDERLINE) {
		if (b->bw > 0) {
			set_rgb(cr, b->stroke);
			cairo_set_line_width(cr, b->bw);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			cairo_stroke(cr);
		}
		cairo_new_path(cr);
		return;
	}
	set_rgb(cr, b->fill);
	if (b->bw > 0 || b->kind == RM_BOX_OUTLINE) {
		cairo_fill_preserve(cr);
		set_rgb(cr, b->stroke);
		cairo_set_line_width(cr, b->bw);
		cairo_stroke(cr);
	} else
		cairo_fill(cr);
}

/*
 * Rounded boxes from plain rectangles.  A rectangle stroked with round
 * joins has its corners rounded to half the line width, so a box whose
 * outline path has corner radius R is its core (that path inset by R)
 * filled and stroked 2R wide; its border is the core stroked 2R + bw
 * wide beneath.  PDF and SVG then carry a few numbers a box where four
 * arcs take 34, and cairo formats every one: with 10 000 boxes that was
 * two thirds of the time the boxes took.  The picture is the same: the
 * outer edge lies bw/2 outside the path with radius R + bw/2, the fill
 * bw/2 inside it with radius R - bw/2.
 *
 * The core of the box at (x, y, w, h) goes to c[]; 0 when the box is too
 * small for one (its radius is cut to fit), and it is drawn as a path.
 */
static int
box_core(const struct box_style *b, double x, double y, double w, double h,
    double c[4])
{
	double in = b->kind == RM_BOX_OUTLINE ? b->bw / 2 : 0;

	c[0] = x + in + b->rad;
	c[1] = y + in + b->rad;
	c[2] = w - 2 * in - 2 * b->rad;
	c[3] = h - 2 * in - 2 * b->rad;
	/* With 2R <= bw the fill's corners would be square: a path. */
	return 2 * b->rad > b->bw && c[2] > 0.5 && c[3] > 0.5;
}

/* The `n` boxes `seq[]` of style `b`, batched (draw_boxes()). */
static void
paint_group(struct render *r, const struct box_style *b, const size_t *seq,
    size_t n)
{
	const struct rm_geom *g = r->geom;
	cairo_t *cr = r->cr;
	double c[4];
	size_t j, cores = 0;
	int pass;

	if (b->kind != RM_BOX_UNDERLINE && b->rad > 0) {
		cairo_save(cr);
		cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
		/* Pass 0: the borders, beneath; pass 1: the fills. */
		for (pass = b->bw > 0 ? 0 : 1; pass < 2; pass++) {
			cairo_new_path(cr);
			for (j = cores = 0; j < n; j++)
				if (box_core(b, g->x[seq[j]], g->y[seq[j]],
				    g->w[seq[j]], g->h[seq[j]], c)) {
					cairo_rectangle(cr, c[0], c[1], c[2],
					    c[3]);
					cores++;
				}
			if (cores == 0)
				break;
			if (pass == 0) {
				set_rgb(cr, b->stroke);
				cairo_set_line_width(cr, 2 * b->rad + b->bw);
				cairo_stroke(cr);
			} else {
				set_rgb(cr, b->fill);
				cairo_fill_preserve(cr);
				cairo_set_line_width(cr, 2 * b->rad - b->bw);
				cairo_stroke(cr);
			}
		}
		cairo_new_path(cr);
		cairo_restore(cr);
		if (cores == n)
			return;
	}
	/* Underlines, square corners, boxes too small for a core. */
	cairo_new_path(cr);
	for (j = 0; j < n; j++)
		if (b->kind == RM_BOX_UNDERLINE || b->rad <= 0 ||
		    !box_core(b, g->x[seq[j]], g->y[seq[j]], g->w[seq[j]],
		    g->h[seq[j]], c))
			box_path(cr, b, g->x[seq[j]], g->y[seq[j]],
			    g->w[seq[j]], g->h[seq[j]]);
	box_paint(cr, b);
}

/* One topic's box, shadow first; returns the fill its contents sit on. */
static uint32_t
draw_box(struct render *r, const struct ramify_topic *t, uint32_t rgb)
{
	const struct rm_geom *g = r->geom;
	cairo_t *cr = r->cr;
	size_t i = t->seq;
	struct box_style b;

	box_style(r, t, rgb, &b);
	if (b.shadow > 0) {
		rm_rounded_rect(cr, g->x[i] + 0.8, g->y[i] + 1.8, g->w[i],
		    g->h[i], b.rad);
		cairo_set_source_rgba(cr, 0.07, 0.11, 0.16, b.shadow);
		cairo_fill(cr);
	}
	box_path(cr, &b, g->x[i], g->y[i], g->w[i], g->h[i]);
	box_paint(cr, &b);
	return b.fill;
}

/*
 * A customer's data card at (x, y): a panel a shade off the box's fill,
 * the A/B/C class on a coloured disc, the lines card.c chose, and the
 * warnings on a tag.  The box's own link (if any) covers it.
 */
static void
draw_card(struct render *r, const struct rm_card_box *b, double x, double y,
    uint32_t fill)
{
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	uint32_t chip = st->class_color[b->abc == 'A' ? 0 : b->abc == 'B' ?
	    1 : 2];
	char letter[2] = { b->abc, '\0' };
	double lw, lh;

	rm_rounded_rect(cr, x, y, b->w, b->h, b->size * 0.5);
	set_rgb(cr, fill == st->card_fill ? st->card_fill :
	    mix(st->card_fill, fill, 0.06));
	cairo_fill_preserve(cr);
	set_rgb(cr, st->card_border);
	cairo_set_line_width(cr, 0.6);
	cairo_stroke(cr);

	cairo_new_path(cr);
	cairo_arc(cr, x + b->chip_x + b->chip_d / 2,
	    y + b->chip_y + b->chip_d / 2, b->chip_d / 2, 0, 2 * PI);
	set_rgb(cr, chip);
	cairo_fill(cr);
	rm_text_block(r->text, NULL, letter, b->size * 1.1, 1, 0, 0, 0, 0, 0,
	    &lw, &lh);
	rm_text_block(r->text, cr, letter, b->size * 1.1, 1, 0, 0,
	    x + b->chip_x + (b->chip_d - lw) / 2,
	    y + b->chip_y + (b->chip_d - lh) / 2, text_on(r, chip), NULL,
	    NULL);

	rm_text_block(r->text, cr, b->head, b->size * 1.05, 1, st->card_wrap,
	    0, x + b->head_x, y + b->head_y, st->card_text, NULL, NULL);
	rm_text_block(r->text, cr, b->body, b->size, 0, st->card_wrap, 0,
	    x + b->body_x, y + b->body_y, mix(st->card_text, st->card_fill,
	    0.2), NULL, NULL);
	if (b->warn[0] != '\0') {
		double px = b->size * 0.45, py = b->size * 0.15;

		rm_rounded_rect(cr, x + b->warn_x - px, y + b->warn_y - py,
		    b->warn_w + 2 * px, b->warn_h + 2 * py, b->size * 0.3);
		set_rgb(cr, st->warn_fill);
		cairo_fill(cr);
		rm_text_block(r->text, cr, b->warn, b->size * 0.95, 1,
		    st->card_wrap, 0, x + b->warn_x, y + b->warn_y,
		    st->warn_text, NULL, NULL);
	}
}

/* The topic's cards, `w` wide (the widest, as rm_cards_size()
 * measured), stacked from (x, y). */
static void
draw_cards(struct render *r, const struct ramify_topic *t, double x,
    double y, double w, uint32_t fill)
{
	struct rm_card_box b;
	double top = y;
	size_t i;

	for (i = 0; i < t->nrecords; i++) {
		const struct rm_card *c = rm_topic_card(t, i);

		if (c == NULL)
			continue;
		rm_card_layout(r->text, r->style, c, t->text, &b);
		if (y > top)
			y += RM_CARD_GAP(r->style);
		b.w = w;
		draw_card(r, &b, x, y, fill);
		y += b.h;
	}
}

static void
draw_topic(struct render *r, const struct ramify_topic *t)
{
	const struct rm_geom *g = r->geom;
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	size_t i = t->seq, k, n;
	struct rm_box_parts bp;
	struct rm_text_parts tp;
	double x = g->x[i], y = g->y[i], cx, cy, iy;
	uint32_t rgb = r->color[i], fill, fg;
	const char *uri = NULL;

	if (r->target == TARGET_PDF && t->nlinks > 0 &&
	    (uri = link_attr(r, t->links[0].href)) != NULL)
		cairo_tag_begin(cr, CAIRO_TAG_LINK, uri);

	if (r->boxed != NULL && r->boxed[i]) {
		struct box_style b;

		box_style(r, t, rgb, &b);
		fill = b.fill;
	} else
		fill = draw_box(r, t, rgb);
	fg = text_on(r, fill);

	/* The parts where the measure put them, centred in the box the
	 * layout gave (which is the box rm_style_box() sized). */
	rm_style_parts(st, t, g->tw[i], g->th[i], &bp);
	x += (g->w[i] - bp.w) / 2;
	y += (g->h[i] - bp.h) / 2;
	if (t->nnotes == 0 && t->cards == NULL && r->text_x != NULL) {
		/* Text alone: the block is the measured text, and its
		 * glyphs are kept, so nothing needs shaping again. */
		memset(&tp, 0, sizeof tp);
		tp.w = tp.text_w = g->tw[i];
		tp.h = tp.text_h = g->th[i];
	} else {
		rm_text_parts(r->text, t, &tp);
	}
	cx = x + bp.content_x;
	cy = y + bp.content_y;
	/* Icons line up with the topic's text, not with its notes. */
	iy = y + bp.icon_y;
	if (tp.note_h > 0 && bp.nicons > 0)
		iy = fmax(y + st->pad_y[rm_style_level(t->depth)] / 2,
		    cy + tp.text_y + (tp.text_h - bp.icon_size) / 2);
	for (k = n = 0; k < t->nicons; k++) {
		int id = rm_icon_lookup(t->icons[k]);
		double ix;

		if (id < 0)
			continue;
		ix = x + bp.icon_x + (double)n++ * bp.icon_step;
		/* On a dark fill an icon of the same hue would vanish: a
		 * light disc behind it, within the gap to the next. */
		if (fg == st->text_light) {
			cairo_new_path(cr);
			cairo_arc(cr, ix + bp.icon_size / 2,
			    iy + bp.icon_size / 2, bp.icon_size * 0.53, 0,
			    2 * PI);
			set_rgb(cr, mix(fill, 0xffffff, 0.92));
			cairo_fill(cr);
		}
		rm_icon_draw(cr, id, ix, iy, bp.icon_size, st->icons_mono,
		    st->text_dark);
	}
	if (r->text_hook != NULL) {
		r->text_hook(r, t, cx + tp.text_x, cy + tp.text_y, fg);
	} else if (r->text_x != NULL) {
		/* Drawn with every other topic's text at the end. */
		r->text_x[i] = cx + tp.text_x;
		r->text_y[i] = cy + tp.text_y;
		r->text_rgb[i] = fg;
		r->text_seq[r->ntext++] = i;
	} else {
		rm_text_draw(r->text, cr, t, cx + tp.text_x, cy + tp.text_y,
		    fg);
	}
	if (tp.mark_w > 0)
		draw_marker(r, &tp, cx, cy);
	if (tp.note_h > 0) {
		/* A hairline between the topic and its notes. */
		double ly = cy + tp.note_y - st->note_size * 0.3;

		set_rgb(cr, mix(fg, fill, 0.6));
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, cx + tp.note_x, ly);
		cairo_line_to(cr, cx + tp.note_x + tp.note_w, ly);
		cairo_stroke(cr);
		rm_text_draw_notes(r->text, cr, t, cx + tp.note_x,
		    cy + tp.note_y, fg == st->text_dark ? st->note_color :
		    mix(fg, fill, 0.15));
	}
	if (tp.card_h > 0)
		draw_cards(r, t, cx + tp.card_x, cy + tp.card_y, tp.card_w,
		    fill);
	if (uri != NULL)
		cairo_tag_end(cr, CAIRO_TAG_LINK);

	if (g->nhidden[i] > 0)
		draw_badge(r, t, t->depth == 0 ? rgb : edge_rgb(r, i));
}

#define MAX_BOX_STYLES 256	/* more (per-topic colours) draw one by one */

/*
 * Boxes in batches: every shadow, then every box, one path per style.
 * A cairo PDF or SVG surface records each call with a copy of its
 * source and clip, so one fill for a thousand boxes costs far less
 * than a thousand fills.  Boxes never overlap, so the order among them
 * does not show.  Topics with a PDF link are left to draw_topic(): their
 * box is the link's area.  Marks each batched topic in r->boxed.
 */
static int
draw_boxes(struct render *r, const size_t *vis, size_t nvis)
{
	const struct rm_geom *g = r->geom;
	cairo_t *cr = r->cr;
	struct box_style ks[MAX_BOX_STYLES], b;
	size_t nk = 0, i, k, *kid, *start, *order;
	int pass;

	kid = malloc(nvis * sizeof *kid);
	start = calloc(MAX_BOX_STYLES + 1, sizeof *start);
	order = malloc(nvis * sizeof *order);
	if (kid == NULL || start == NULL || order == NULL) {
		free(kid);
		free(start);
		free(order);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < nvis; i++) {
		const struct ramify_topic *t = r->doc->topics[vis[i]];

		kid[i] = MAX_BOX_STYLES;
		if (r->target == TARGET_PDF && t->nlinks > 0)
			continue;
		box_style(r, t, r->color[vis[i]], &b);
		for (k = 0; k < nk && !same_box(&ks[k], &b); k++)
			;
		if (k == nk && nk < MAX_BOX_STYLES)
			ks[nk++] = b;
		if (k < nk) {
			kid[i] = k;
			start[k + 1]++;
		}
	}
	for (k = 0; k < nk; k++)
		start[k + 1] += start[k];
	for (i = 0; i < nvis; i++)
		if (kid[i] < nk) {
			order[start[kid[i]]++] = vis[i];
			r->boxed[vis[i]] = 1;
		}
	/* start[k] is now the end of group k; group k begins at start[k-1]. */
	for (pass = 0; pass < 2; pass++)
		for (k = 0; k < nk; k++) {
			size_t from = k == 0 ? 0 : start[k - 1], j;

			if (pass == 0 && !(ks[k].shadow > 0))
				continue;
			if (pass == 1) {
				paint_group(r, &ks[k], order + from,
				    start[k] - from);
				continue;
			}
			cairo_new_path(cr);
			for (j = from; j < start[k]; j++) {
				size_t s = order[j];

				rm_rounded_rect(cr, g->x[s] + 0.8, g->y[s] + 1.8,
				    g->w[s], g->h[s], ks[k].rad);
			}
			cairo_set_source_rgba(cr, 0.07, 0.11, 0.16,
			    ks[k].shadow);
			cairo_fill(cr);
		}
	free(kid);
	free(start);
	free(order);
	return RAMIFY_OK;
}

int
rm_render_map(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	struct rm_glyphs *gl = rm_text_glyphs(r->text);
	size_t i, n = doc->ntopics, *vis, nvis = 0;
	int rc;

	/* Text from the glyphs kept while measuring, after every box;
	 * without them (no memory), topic by topic. */
	r->ntext = 0;
	if (gl != NULL) {
		r->text_x = malloc(n * sizeof *r->text_x);
		r->text_y = malloc(n * sizeof *r->text_y);
		r->text_rgb = malloc(n * sizeof *r->text_rgb);
		r->text_seq = malloc(n * sizeof *r->text_seq);
		if (r->text_x == NULL || r->text_y == NULL ||
		    r->text_rgb == NULL || r->text_seq == NULL) {
			free(r->text_x);
			free(r->text_y);
			free(r->text_rgb);
			free(r->text_seq);
			r->text_x = r->text_y = NULL;
			r->text_rgb = NULL;
			r->text_seq = NULL;
		}
	}
	draw_edges(r);
	vis = malloc(n * sizeof *vis);
	r->boxed = calloc(n ? n : 1, 1);
	if (vis != NULL && r->boxed != NULL) {
		for (i = 0; i < n; i++)
			if (!r->hidden[i] && !rm_render_culled(r, g->x[i],
			    g->y[i], g->x[i] + g->w[i], g->y[i] + g->h[i]))
				vis[nvis++] = i;
		rc = draw_boxes(r, vis, nvis);
		for (i = 0; i < nvis && rc == RAMIFY_OK; i++)
			draw_topic(r, doc->topics[vis[i]]);
	} else {
		rc = RAMIFY_ENOMEM;
	}
	free(vis);
	free(r->boxed);
	r->boxed = NULL;
	if (r->text_x == NULL || rc != RAMIFY_OK)
		goto out;
	rc = rm_glyphs_draw(gl, r->cr, r->ntext, r->text_seq, r->text_x,
	    r->text_y, r->text_rgb, r->consume_glyphs);
out:
	free(r->text_x);
	free(r->text_y);
	free(r->text_rgb);
	free(r->text_seq);
	r->text_x = r->text_y = NULL;
	r->text_rgb = NULL;
	r->text_seq = NULL;
	return rc;
}
