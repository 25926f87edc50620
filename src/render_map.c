/*
 * render_map.c: draw a laid-out map onto a cairo context: branches first,
 * then every topic box with its text and markers, in seq order.  Which
 * surface and page it lands on is render_cairo.c's business.  Nothing
 * here knows about Pango; text goes through rm_text_draw() so it is
 * drawn exactly as it was measured.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>

#include "render.h"

/* C11 has no PI. */
#define PI 3.14159265358979323846

#define ROOT_FILL	0x263445
#define DARK_TEXT	0x1f2933
#define LIGHT_TEXT	0xffffff
#define NOTE_AMBER	0xf2b705
#define NOTE_EDGE	0xb98a00


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

static uint32_t
tint(uint32_t rgb, double amount)
{
	return mix(rgb, 0xffffff, amount);
}

static uint32_t
shade(uint32_t rgb, double amount)
{
	return mix(rgb, 0x000000, amount);
}

static uint32_t
topic_color(const struct render *r, const struct ramify_topic *t)
{
	return r->color[t->seq];
}

static void
rounded_rect(cairo_t *cr, double x, double y, double w, double h, double r)
{
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
	cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
	cairo_close_path(cr);
}

/*
 * Per topic colour: its own if it has one, else its parent's; a
 * first-level topic without one takes its branch's from the palette.  A
 * parent is always created before its children, so one pass in seq order
 * does it.
 */
void
rm_render_prepare(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	size_t i;

	for (i = 0; i < doc->ntopics; i++) {
		const struct ramify_topic *t = doc->topics[i];
		const struct ramify_topic *p = t->parent;

		if (t->has_color)
			r->color[i] = t->color & 0xffffff;
		else if (p == NULL)
			r->color[i] = ROOT_FILL;
		else if (t->depth == 1)
			r->color[i] = rm_style_branch_color(r->geom->branch[i]);
		else
			r->color[i] = r->color[p->seq];
	}
}

static double
edge_width(unsigned depth)
{
	return depth <= 1 ? 3.2 : depth == 2 ? 2.0 : 1.3;
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
 * A first-level branch: a filled ribbon, `w0` wide at the root and `w1`
 * at the topic, its sides cubics with horizontal tangents at both ends.
 */
static void
ribbon(cairo_t *cr, double sx, double sy, double ex, double ey, double w0,
    double w1)
{
	double dx = (ex - sx) * 0.5, wm = (w0 + w1) / 2;
	double p[4][2] = {
		{ sx, sy }, { sx + dx, sy }, { ex - dx, ey }, { ex, ey }
	};
	double a[4][2], b[4][2];

	if (!offset_cubic(p, w0 / 2, wm / 2, w1 / 2, a) ||
	    !offset_cubic(p, -w0 / 2, -wm / 2, -w1 / 2, b)) {
		cairo_move_to(cr, sx, sy);
		cairo_line_to(cr, ex, ey);
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

/*
 * Every branch, from the parent's outer edge to the child's inner edge,
 * in seq order.  Consecutive branches of one colour and width share a
 * path and a single stroke (or fill, for the tapered first level).
 */
static void
draw_edges(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	cairo_t *cr = r->cr;
	uint32_t cur_rgb = 0;
	double cur_w = -1;
	int cur_fill = 0;
	size_t i;

	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	for (i = 1; i < doc->ntopics; i++) {
		const struct ramify_topic *t = doc->topics[i];
		size_t c = t->seq;
		double sx, sy, ex, ey, dx, w;
		uint32_t rgb;

		if (t->parent == NULL || r->hidden[c])
			continue;
		sx = g->ax[c];
		sy = g->ay[c];
		ex = g->bx[c];
		ey = g->by[c];
		if (rm_render_culled(r, fmin(sx, ex), fmin(sy, ey),
		    fmax(sx, ex), fmax(sy, ey)))
			continue;
		rgb = topic_color(r, t);
		w = edge_width(t->depth);
		if (rgb != cur_rgb || w != cur_w || cur_fill != (t->depth == 1)) {
			if (cur_w > 0)
				cur_fill ? cairo_fill(cr) : cairo_stroke(cr);
			set_rgb(cr, rgb);
			cairo_set_line_width(cr, w);
			cur_rgb = rgb;
			cur_w = w;
			cur_fill = t->depth == 1;
		}
		if (t->depth == 1) {
			/* Start inside the root box so the ribbon's blunt
			 * end is covered by it. */
			double in = g->side[c] == RM_GEOM_LEFT ? 2 : -2;

			ribbon(cr, sx - in, sy, ex, ey, w * 2, w * 0.75);
			continue;
		}
		dx = (ex - sx) * 0.5;
		cairo_move_to(cr, sx, sy);
		cairo_curve_to(cr, sx + dx, sy, ex - dx, ey, ex, ey);
	}
	if (cur_w > 0)
		cur_fill ? cairo_fill(cr) : cairo_stroke(cr);
}

/* A speech bubble with two text lines: the topic has notes.  (x, y) is
 * the top-left corner of a `s` x `s` cell. */
static void
draw_note_marker(cairo_t *cr, double x, double y, double s)
{
	double bw = s, bh = s * 0.74, lw = s * 0.09;

	rounded_rect(cr, x, y, bw, bh, s * 0.18);
	/* The tail, bottom left. */
	cairo_move_to(cr, x + bw * 0.22, y + bh - 0.2);
	cairo_line_to(cr, x + bw * 0.18, y + s * 0.98);
	cairo_line_to(cr, x + bw * 0.50, y + bh - 0.2);
	cairo_close_path(cr);
	set_rgb(cr, NOTE_AMBER);
	cairo_fill_preserve(cr);
	set_rgb(cr, NOTE_EDGE);
	cairo_set_line_width(cr, s * 0.07);
	cairo_stroke(cr);
	cairo_set_line_width(cr, lw);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	set_rgb(cr, 0xffffff);
	cairo_move_to(cr, x + bw * 0.24, y + bh * 0.36);
	cairo_line_to(cr, x + bw * 0.76, y + bh * 0.36);
	cairo_move_to(cr, x + bw * 0.24, y + bh * 0.64);
	cairo_line_to(cr, x + bw * 0.60, y + bh * 0.64);
	cairo_stroke(cr);
}

/* A circle with "+" at (cx, cy): the topic is folded and has children. */
static void
draw_fold_marker(cairo_t *cr, double cx, double cy, uint32_t rgb)
{
	double rad = 5.5;

	cairo_new_path(cr);
	cairo_arc(cr, cx, cy, rad, 0, 2 * PI);
	set_rgb(cr, 0xffffff);
	cairo_fill_preserve(cr);
	set_rgb(cr, rgb);
	cairo_set_line_width(cr, 1.2);
	cairo_stroke(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_move_to(cr, cx - rad * 0.5, cy);
	cairo_line_to(cr, cx + rad * 0.5, cy);
	cairo_move_to(cr, cx, cy - rad * 0.5);
	cairo_line_to(cr, cx, cy + rad * 0.5);
	cairo_stroke(cr);
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

static void
draw_topic(struct render *r, const struct ramify_topic *t)
{
	const struct rm_geom *g = r->geom;
	const struct rm_style *st = r->style;
	cairo_t *cr = r->cr;
	size_t i = t->seq;
	int lv = rm_style_level(t->depth);
	double x = g->x[i], y = g->y[i], w = g->w[i], h = g->h[i];
	double marker = t->nnotes > 0 ? st->note_marker : 0;
	double tx, ty, rad = st->radius[lv];
	uint32_t rgb = topic_color(r, t), fg;
	const char *uri = NULL;

	if (r->target == TARGET_PDF && t->nlinks > 0 &&
	    (uri = link_attr(r, t->links[0].href)) != NULL)
		cairo_tag_begin(cr, CAIRO_TAG_LINK, uri);

	if (lv <= 1) {
		/* Solid boxes with a soft drop shadow. */
		rounded_rect(cr, x + 0.8, y + 1.8, w, h, rad);
		cairo_set_source_rgba(cr, 0.07, 0.11, 0.16,
		    lv == 0 ? 0.22 : 0.16);
		cairo_fill(cr);
		rounded_rect(cr, x, y, w, h, rad);
		set_rgb(cr, lv == 0 ? ROOT_FILL : rgb);
		cairo_fill(cr);
		fg = LIGHT_TEXT;
	} else {
		rounded_rect(cr, x, y, w, h, rad);
		set_rgb(cr, tint(rgb, lv == 2 ? 0.85 : 0.91));
		cairo_fill_preserve(cr);
		set_rgb(cr, lv == 2 ? rgb : tint(rgb, 0.25));
		cairo_set_line_width(cr, lv == 2 ? 1.0 : 0.8);
		cairo_stroke(cr);
		fg = DARK_TEXT;
	}

	/* Text centred in the box, less the note marker's room. */
	tx = x + (w - marker - g->tw[i]) / 2;
	ty = y + (h - g->th[i]) / 2;
	if (r->text_hook != NULL)
		r->text_hook(r, t, tx, ty, fg);
	else
		rm_text_draw(r->text, cr, t, tx, ty, fg);

	if (marker > 0) {
		double s = marker * 0.78;

		draw_note_marker(cr, x + w - st->pad_x[lv] - s,
		    y + (h - s) / 2, s);
	}
	if (uri != NULL)
		cairo_tag_end(cr, CAIRO_TAG_LINK);

	if (g->nhidden[i] > 0) {
		int left = g->side[i] == RM_GEOM_LEFT;

		draw_fold_marker(cr, left ? x - 3 : x + w + 3, y + h / 2,
		    lv == 0 ? ROOT_FILL : shade(rgb, 0.1));
	}
}

void
rm_render_map(struct render *r)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	size_t i;

	draw_edges(r);
	for (i = 0; i < doc->ntopics; i++)
		if (!r->hidden[i] && !rm_render_culled(r, g->x[i], g->y[i],
		    g->x[i] + g->w[i], g->y[i] + g->h[i]))
			draw_topic(r, doc->topics[i]);
}

