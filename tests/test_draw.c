/*
 * test_draw.c: what render_map.c draws, read back from the pixels of an
 * image surface: edges of every kind (set by hand, since the layout
 * makes only one kind so far), fold badges on the outward side, note
 * markers and their numbers, inline notes, icons and their names, box
 * contents inside their boxes, and the print theme in black and white.
 *
 * RAMIFY_DRAW_DUMP=DIR writes each picture to DIR/NAME.png to look at.
 */
#include <math.h>
#include <stdint.h>
#include <strings.h>

#include <cairo.h>

#include "render.h"
#include "util.h"

#define SCALE 4.0	/* pixels a point: thin lines are whole pixels */

static void
quiet(void *arg, enum ramify_severity sev, const char *file, unsigned line,
    unsigned col, const char *msg)
{
	(void)arg; (void)sev; (void)file; (void)line; (void)col; (void)msg;
}

/* A laid-out map, measured and ready to draw. */
struct map {
	const ramify_doc	*doc;
	ramify_options		*opts;
	struct rm_style		 style;
	struct rm_text		*text;
	struct rm_geom		 geom;
	cairo_surface_t		*surface;
};

static void
map_layout(struct map *m, const ramify_doc *doc, const char *theme,
    const char *notes)
{
	struct rm_diag diag = { quiet, NULL, "test", 0 };

	memset(m, 0, sizeof *m);
	m->doc = doc;
	m->opts = ramify_options_new();
	assert_non_null(m->opts);
	if (theme != NULL)
		assert_int_equal(ramify_options_set(m->opts, "theme", theme),
		    RAMIFY_OK);
	if (notes != NULL)
		assert_int_equal(ramify_options_set(m->opts, "notes", notes),
		    RAMIFY_OK);
	assert_int_equal(rm_measured_layout(doc, m->opts, &diag, &m->style,
	    &m->text, &m->geom), RAMIFY_OK);
}

/* Draw the map (after any changes to its geometry) at SCALE. */
static void
map_draw(struct map *m, const char *name)
{
	struct render r;
	cairo_t *cr;
	const char *dir = getenv("RAMIFY_DRAW_DUMP");

	if (m->surface != NULL)
		cairo_surface_destroy(m->surface);
	m->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)ceil(m->geom.width * SCALE), (int)ceil(m->geom.height * SCALE));
	assert_int_equal(cairo_surface_status(m->surface), CAIRO_STATUS_SUCCESS);
	cr = cairo_create(m->surface);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, SCALE, SCALE);
	memset(&r, 0, sizeof r);
	r.doc = m->doc;
	r.style = &m->style;
	r.geom = &m->geom;
	r.text = m->text;
	r.cr = cr;
	r.target = TARGET_PNG;
	r.hidden = m->geom.hidden;
	r.color = calloc(m->doc->ntopics, sizeof *r.color);
	assert_non_null(r.color);
	rm_render_prepare(&r);
	rm_render_map(&r);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	free(r.color);
	cairo_surface_flush(m->surface);
	if (dir != NULL) {
		char path[1024];

		snprintf(path, sizeof path, "%s/%s.png", dir, name);
		cairo_surface_write_to_png(m->surface, path);
	}
}

static void
map_free(struct map *m)
{
	if (m->surface != NULL)
		cairo_surface_destroy(m->surface);
	rm_text_free(m->text);
	rm_geom_free(&m->geom);
	ramify_options_free(m->opts);
}

/* The colour at map point (x, y), as 0xRRGGBB. */
static uint32_t
pixel(const struct map *m, double x, double y)
{
	int px = (int)floor(x * SCALE), py = (int)floor(y * SCALE);
	int w = cairo_image_surface_get_width(m->surface);
	int h = cairo_image_surface_get_height(m->surface);
	const unsigned char *d = cairo_image_surface_get_data(m->surface);

	if (px < 0 || py < 0 || px >= w || py >= h)
		return 0xffffff;
	return *(const uint32_t *)(const void *)(d + (size_t)py *
	    (size_t)cairo_image_surface_get_stride(m->surface) +
	    (size_t)px * 4) & 0xffffff;
}

static int
is_white(uint32_t c)
{
	return c == 0xffffff;
}

/* Within `tol` of `want` on every channel. */
static int
near(uint32_t c, uint32_t want, int tol)
{
	int s;

	for (s = 0; s < 24; s += 8) {
		int a = (int)(c >> s & 0xff), b = (int)(want >> s & 0xff);

		if (abs(a - b) > tol)
			return 0;
	}
	return 1;
}

static struct ramify_topic *
child(ramify_doc *d, ramify_topic *parent, const char *text)
{
	ramify_topic *t = ramify_topic_add_child(d, parent, text);

	assert_non_null(t);
	return t;
}

/* Point t of the cubic p0..p3 (x and y arrays). */
static void
bezier(const double px[4], const double py[4], double t, double *x,
    double *y)
{
	double u = 1 - t;

	*x = u * u * u * px[0] + 3 * u * u * t * px[1] + 3 * u * t * t * px[2] +
	    t * t * t * px[3];
	*y = u * u * u * py[0] + 3 * u * u * t * py[1] + 3 * u * t * t * py[2] +
	    t * t * t * py[3];
}

/* ---- icons ----------------------------------------------------------- */

static void
test_icon_names(void **state)
{
	/* The names the brief and the formats use. */
	static const char *const names[] = {
		/* FreeMind builtins */
		"full-1", "full-2", "full-3", "full-4", "full-5", "full-6",
		"full-7", "full-8", "full-9", "button_ok", "button_cancel",
		"messagebox_warning", "help", "idea", "bookmark", "flag",
		"flag-black", "flag-blue", "flag-green", "flag-orange",
		"flag-pink", "flag-yellow", "stop-sign", "yes", "info",
		"calendar", "kmail", "Mail", "male1", "female1", "family",
		"password", "clock", "closed", "gohome", "smily_bad",
		"ksmiletris", "kaddressbook", "korn",
		/* XMind markers */
		"priority-1", "priority-9", "task-done", "task-start",
		"task-half", "flag-red", "star-yellow", "symbol-question",
		"symbol-exclam", "smiley-smile", "smiley-laugh",
		"smiley-angry", "smiley-cry", "smiley-surprise",
		"smiley-boring",
		/* MindManager */
		"urn:mindjet:Prio1", "urn:mindjet:Prio2", "urn:mindjet:Prio9",
		"urn:mindjet:Check", "urn:mindjet:FlagRed",
		"urn:mindjet:SmileyHappy", "urn:mindjet:Calendar",
		"urn:mindjet:Email", "Prio3", "URN:MINDJET:prio3",
		/* ours */
		"done", "warning", "question", "star", "stop", "ok", "no",
		"phone", "mail", "person", "money", "heart", "home",
	};
	static const char *const unknown[] = {
		"", "nonsense", "priority-0", "priority-10", "full-0",
		"urn:mindjet:", "urn:mindjet:Nope", "urn:mindjet",
		"flag-", "star ", " star", "smiley-",
	};
	const char *name, *canon, *prev = NULL;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (rm_icon_lookup(names[i]) < 0)
			fail_msg("icon '%s' does not resolve", names[i]);
	for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		if (rm_icon_lookup(unknown[i]) >= 0)
			fail_msg("icon '%s' should be unknown", unknown[i]);
	/* Every alias resolves to the icon it names; the table is sorted
	 * as the lookup's binary search needs. */
	for (i = 0; (name = rm_icon_alias(i, &canon)) != NULL; i++) {
		int id = rm_icon_lookup(name);

		if (id < 0 || strcmp(rm_icon_name((size_t)id), canon) != 0)
			fail_msg("alias '%s' does not draw '%s'", name, canon);
		if (prev != NULL && strcasecmp(prev, name) >= 0)
			fail_msg("aliases out of order: '%s', '%s'", prev,
			    name);
		prev = name;
	}
	assert_true(i > 100);
	/* Every canonical icon is its own name. */
	for (i = 0; (name = rm_icon_name(i)) != NULL; i++)
		assert_int_equal(rm_icon_lookup(name), (int)i);
	/* Same icon, by any of its names. */
	assert_int_equal(rm_icon_lookup("full-1"), rm_icon_lookup("priority-1"));
	assert_int_equal(rm_icon_lookup("urn:mindjet:Prio1"),
	    rm_icon_lookup("priority-1"));
	assert_int_equal(rm_icon_lookup("button_ok"), rm_icon_lookup("ok"));
	assert_int_equal(rm_icon_lookup("task-done"), rm_icon_lookup("done"));
	assert_int_equal(rm_icon_lookup("yes"), rm_icon_lookup("important"));
	assert_int_not_equal(rm_icon_lookup("priority-1"),
	    rm_icon_lookup("priority-2"));
}

/* Each icon draws something, and priorities 1-3 in different colours. */
static void
test_icons_draw(void **state)
{
	cairo_surface_t *s;
	cairo_t *cr;
	const char *name;
	uint32_t body[3];
	size_t i;
	int x, y;

	(void)state;
	for (i = 0; (name = rm_icon_name(i)) != NULL; i++) {
		const unsigned char *d;
		int ink = 0, colour = 0, mono;

		for (mono = 0; mono < 2; mono++) {
			s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 40, 40);
			cr = cairo_create(s);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_paint(cr);
			rm_icon_draw(cr, (int)i, 4, 4, 32, mono, 0x000000);
			assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
			cairo_destroy(cr);
			cairo_surface_flush(s);
			d = cairo_image_surface_get_data(s);
			ink = colour = 0;
			for (y = 0; y < 40; y++)
				for (x = 0; x < 40; x++) {
					uint32_t c = *(const uint32_t *)(const void *)
					    (d + y * cairo_image_surface_get_stride(s) +
					    x * 4) & 0xffffff;
					int r = c >> 16 & 0xff, g = c >> 8 & 0xff,
					    b = c & 0xff;

					if (c != 0xffffff)
						ink++;
					if (abs(r - g) > 12 || abs(g - b) > 12)
						colour++;
					/* Nothing outside the square. */
					if (c != 0xffffff && (x < 3 || y < 3 ||
					    x > 36 || y > 36))
						fail_msg("%s draws outside", name);
				}
			if (ink < 60)
				fail_msg("%s draws almost nothing", name);
			if (mono && colour > 0)
				fail_msg("%s has colour in mono", name);
			if (i < 3 && !mono)
				body[i] = *(const uint32_t *)(const void *)
				    (d + 10 * cairo_image_surface_get_stride(s) +
				    20 * 4) & 0xffffff;
			cairo_surface_destroy(s);
		}
	}
	assert_string_equal(rm_icon_name(0), "priority-1");
	assert_string_equal(rm_icon_name(2), "priority-3");
	for (i = 0; i < 3; i++)
		for (x = (int)i + 1; x < 3; x++)
			assert_false(near(body[i], body[x], 40));
	/* An unknown id draws nothing, and does not fail. */
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 8, 8);
	cr = cairo_create(s);
	rm_icon_draw(cr, -1, 0, 0, 8, 0, 0);
	rm_icon_draw(cr, 100000, 0, 0, 8, 0, 0);
	assert_int_equal(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
}

/* Icons before the text, in a row; unknown names take no room. */
static void
test_icon_room(void **state)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *plain, *known, *unknown, *two, *mixed;
	struct rm_box_parts p0, p1, p2;
	struct rm_style st;
	double w0, h0, w1, h1, w2, h2, w3, h3, w4, h4;

	(void)state;
	plain = child(d, ramify_doc_root(d), "a");
	known = child(d, ramify_doc_root(d), "a");
	unknown = child(d, ramify_doc_root(d), "a");
	two = child(d, ramify_doc_root(d), "a");
	mixed = child(d, ramify_doc_root(d), "a");
	assert_int_equal(rm_topic_add_icon(d, known, "priority-1"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, unknown, "nonsense"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, unknown, "full-0"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, two, "flag"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, two, "star"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, mixed, "bogus"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, mixed, "flag"), RAMIFY_OK);
	rm_style_init(&st, NULL);
	rm_style_box(&st, plain, 50, 14, &w0, &h0);
	rm_style_box(&st, known, 50, 14, &w1, &h1);
	rm_style_box(&st, unknown, 50, 14, &w2, &h2);
	rm_style_box(&st, two, 50, 14, &w3, &h3);
	rm_style_box(&st, mixed, 50, 14, &w4, &h4);
	assert_int_equal(rm_icon_count(unknown), 0);
	assert_int_equal(rm_icon_count(mixed), 1);
	assert_true(w2 == w0 && h2 == h0);
	assert_true(w1 > w0 && w4 == w1 && h4 == h1);
	/* The first icon brings the gap to the text, the next only its
	 * own room. */
	rm_style_parts(&st, two, 50, 14, &p2);
	assert_true(fabs(w3 - w1 - p2.icon_step) < 1e-9);
	assert_true(w1 - w0 > p2.icon_step);
	/* The icons' row is left of the text, inside the box. */
	rm_style_parts(&st, plain, 50, 14, &p0);
	rm_style_parts(&st, two, 50, 14, &p2);
	rm_style_parts(&st, known, 50, 14, &p1);
	assert_int_equal(p2.nicons, 2);
	assert_true(p2.icon_x >= st.pad_x[1] - 1e-9);
	assert_true(p2.icon_x + 2 * p2.icon_step <= p2.content_x);
	assert_true(p2.content_x + 50 <= p2.w - st.pad_x[1] + 1e-9);
	assert_true(p1.icon_y >= 0 && p1.icon_y + p1.icon_size <= p1.h);
	assert_true(p0.content_x == st.pad_x[1]);
	ramify_doc_free(d);
}

/* ---- edges ----------------------------------------------------------- */

/*
 * root -> a (right) -> b1, b2, b3: the edges into b* are depth 2, plain
 * strokes, and a is far enough from the root for room to look.
 */
static ramify_doc *
fan_doc(void)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *a;

	a = child(d, ramify_doc_root(d), "parent");
	a->side = RM_SIDE_RIGHT;
	child(d, a, "first child");
	child(d, a, "second");
	child(d, a, "third child here");
	return d;
}

static void
set_edges(struct map *m, int kind)
{
	size_t i;

	for (i = 2; i < m->doc->ntopics; i++)
		m->geom.edge[i] = (unsigned char)kind;
}

static void
test_edge_curves(void **state)
{
	ramify_doc *d = fan_doc();
	struct map m;
	size_t b = 2;	/* "first child": above its parent */
	double ax, ay, bx, by, px[4], py[4], x, y, dx;
	uint32_t branch;

	(void)state;
	map_layout(&m, d, NULL, NULL);
	ax = m.geom.ax[b];
	ay = m.geom.ay[b];
	bx = m.geom.bx[b];
	by = m.geom.by[b];
	assert_true(bx - ax > 20 && ay - by > 10);
	branch = rm_style_branch_color(&m.style, 0);
	dx = (bx - ax) / 2;

	/* CURVE_H: horizontal where it leaves and where it arrives. */
	set_edges(&m, RM_EDGE_CURVE_H);
	map_draw(&m, "edge-curve-h");
	px[0] = ax; px[1] = ax + dx; px[2] = bx - dx; px[3] = bx;
	py[0] = ay; py[1] = ay; py[2] = by; py[3] = by;
	bezier(px, py, 0.2, &x, &y);
	assert_true(near(pixel(&m, x, y), branch, 40));
	bezier(px, py, 0.8, &x, &y);
	assert_true(near(pixel(&m, x, y), branch, 40));
	/* Not on the straight line... */
	assert_true(is_white(pixel(&m, ax + (bx - ax) * 0.25, ay + (by - ay) *
	    0.25)));
	/* ...nor where CURVE_V would be. */
	px[1] = ax; px[2] = bx; py[1] = ay + (by - ay) / 2;
	py[2] = by - (by - ay) / 2;
	bezier(px, py, 0.2, &x, &y);
	assert_true(is_white(pixel(&m, x, y)));

	/* CURVE_V: vertical at both ends. */
	set_edges(&m, RM_EDGE_CURVE_V);
	map_draw(&m, "edge-curve-v");
	bezier(px, py, 0.2, &x, &y);
	assert_true(near(pixel(&m, x, y), branch, 40));
	bezier(px, py, 0.5, &x, &y);
	assert_true(near(pixel(&m, x, y), branch, 40));

	/* STRAIGHT: on the line, all the way. */
	set_edges(&m, RM_EDGE_STRAIGHT);
	map_draw(&m, "edge-straight");
	assert_true(near(pixel(&m, ax + (bx - ax) * 0.25, ay + (by - ay) *
	    0.25), branch, 40));
	assert_true(near(pixel(&m, ax + (bx - ax) * 0.75, ay + (by - ay) *
	    0.75), branch, 40));
	map_free(&m);
	ramify_doc_free(d);
}

static void
test_edge_elbow_h(void **state)
{
	ramify_doc *d = fan_doc();
	struct map m;
	double ax, ay, t, y1, y3, x, rad;
	uint32_t branch;

	(void)state;
	map_layout(&m, d, NULL, NULL);
	set_edges(&m, RM_EDGE_ELBOW_H);
	map_draw(&m, "edge-elbow-h");
	branch = rm_style_branch_color(&m.style, 0);
	ax = m.geom.ax[2];
	ay = m.geom.ay[2];
	/* The children share one trunk, halfway across the gap. */
	t = ax + (m.geom.bx[2] - ax) / 2;
	y1 = m.geom.by[2];
	y3 = m.geom.by[4];
	rad = m.style.corner;
	assert_true(y1 < ay && y3 > ay);
	/* The stub: straight out of the parent. */
	assert_true(near(pixel(&m, ax + (t - ax) / 2, ay), branch, 40));
	/* The spine, above and below the stub, up to the corners. */
	assert_true(near(pixel(&m, t, ay + (y1 - ay) / 2), branch, 40));
	assert_true(near(pixel(&m, t, ay + (y3 - ay) / 2), branch, 40));
	assert_true(near(pixel(&m, t, y1 + rad + 1), branch, 40));
	assert_true(near(pixel(&m, t, y3 - rad - 1), branch, 40));
	/* Rounded corners: the sharp corner stays white. */
	assert_true(is_white(pixel(&m, t - 0.2, y1 - 0.2)));
	assert_true(is_white(pixel(&m, t - 0.2, y3 + 0.2)));
	/* Legs into each child, horizontal. */
	for (x = t + rad + 1; x < m.geom.bx[2] - 1; x += 2) {
		assert_true(near(pixel(&m, x, y1), branch, 40));
		assert_true(near(pixel(&m, x, y3), branch, 40));
	}
	/* Not a curve: nothing between the stub and the leg.  */
	assert_true(is_white(pixel(&m, ax + (t - ax) / 2, ay + (y1 - ay) *
	    0.5)));
	map_free(&m);
	ramify_doc_free(d);
}

/* Elbows out of both sides of the root: a stub and trunk each side. */
static void
test_edge_elbow_both_sides(void **state)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *r = ramify_doc_root(d);
	struct map m;
	const struct rm_geom *g;
	size_t i, k;
	static const enum rm_side sides[4] = {
		RM_SIDE_LEFT, RM_SIDE_RIGHT, RM_SIDE_LEFT, RM_SIDE_RIGHT
	};

	(void)state;
	for (i = 0; i < 4; i++)
		child(d, r, i % 2 ? "right" : "left")->side = sides[i];
	map_layout(&m, d, NULL, NULL);
	m.style.taper = 0;
	for (i = 1; i < 5; i++)
		m.geom.edge[i] = RM_EDGE_ELBOW_H;
	map_draw(&m, "edge-elbow-sides");
	g = &m.geom;
	for (k = 1; k < 3; k++) {
		double ax = g->ax[k], ay = g->ay[k];
		double t = ax + (g->bx[k] - ax) / 2;

		/* The stub leaves the root on this child's side. */
		assert_true(g->side[k] == (k == 1 ? RM_GEOM_LEFT :
		    RM_GEOM_RIGHT));
		assert_false(is_white(pixel(&m, ax + (t - ax) / 2, ay)));
		/* ...and the trunk is there. */
		assert_false(is_white(pixel(&m, t, (ay + g->by[k]) / 2)));
	}
	map_free(&m);
	ramify_doc_free(d);
}

/*
 * An org chart by hand: the parent above, three children in a row
 * below, anchors bottom-centre to top-centre.
 */
static void
org_geometry(struct map *m)
{
	struct rm_geom *g = &m->geom;
	size_t i;
	double x = 20;

	g->layout = "org";
	g->x[1] = 120;
	g->y[1] = 20;
	for (i = 2; i < 5; i++) {
		g->x[i] = x;
		g->y[i] = 120;
		x += g->w[i] + 30;
	}
	/* The root, out of the way. */
	g->x[0] = 20;
	g->y[0] = 200;
	g->width = x + 20;
	g->height = 260;
	for (i = 1; i < 5; i++) {
		size_t p = i == 1 ? 0 : 1;

		g->edge[i] = RM_EDGE_ELBOW_V;
		g->ax[i] = g->x[p] + g->w[p] / 2;
		g->ay[i] = g->y[p] + g->h[p];
		g->bx[i] = g->x[i] + g->w[i] / 2;
		g->by[i] = g->y[i];
	}
	/* The root's edge is out of this picture's way: straight up. */
	g->edge[1] = RM_EDGE_STRAIGHT;
	g->ax[1] = g->x[0] + g->w[0] / 2;
	g->ay[1] = g->y[0];
	g->bx[1] = g->x[1] + g->w[1] / 2;
	g->by[1] = g->y[1] + g->h[1];
}

static void
test_edge_vertical(void **state)
{
	ramify_doc *d = fan_doc();
	struct map m;
	struct rm_geom *g;
	double ax, ay, t, rad, px[4], py[4], x, y;
	uint32_t branch;

	(void)state;
	map_layout(&m, d, NULL, NULL);
	g = &m.geom;
	org_geometry(&m);
	map_draw(&m, "edge-elbow-v");
	branch = rm_style_branch_color(&m.style, 0);
	ax = g->ax[2];
	ay = g->ay[2];
	t = ay + (g->by[2] - ay) / 2;
	rad = m.style.corner;
	/* Stub down, spine across, legs down into each child. */
	assert_true(near(pixel(&m, ax, ay + (t - ay) / 2), branch, 40));
	assert_true(near(pixel(&m, (g->bx[2] + ax) / 2, t), branch, 40));
	assert_true(near(pixel(&m, (g->bx[4] + ax) / 2, t), branch, 40));
	assert_true(near(pixel(&m, g->bx[2], t + rad + 1), branch, 40));
	assert_true(near(pixel(&m, g->bx[4], g->by[4] - 1), branch, 40));
	/* The middle child straight down from the spine. */
	assert_true(near(pixel(&m, g->bx[3], (t + g->by[3]) / 2), branch, 40));
	/* Rounded outer corners. */
	assert_true(is_white(pixel(&m, g->bx[2] - 0.2, t - 0.2)));

	/* CURVE_V, the same boxes. */
	set_edges(&m, RM_EDGE_CURVE_V);
	map_draw(&m, "edge-curve-v-org");
	px[0] = ax; px[1] = ax; px[2] = g->bx[2]; px[3] = g->bx[2];
	py[0] = ay; py[3] = g->by[2];
	py[1] = ay + (py[3] - ay) / 2;
	py[2] = py[3] - (py[3] - ay) / 2;
	bezier(px, py, 0.3, &x, &y);
	assert_true(near(pixel(&m, x, y), branch, 40));
	/* No spine any more. */
	assert_true(is_white(pixel(&m, g->bx[4] - rad - 1, t)));
	map_free(&m);
	ramify_doc_free(d);
}

/* ---- fold badges ----------------------------------------------------- */

static ramify_doc *
fold_doc(enum rm_side side)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *a;

	a = child(d, ramify_doc_root(d), "folded topic");
	a->side = side;
	child(d, a, "hidden one");
	child(d, child(d, a, "hidden two"), "hidden three");
	ramify_topic_set_folded(a, 1);
	return d;
}

/* Is there badge ink in the strip `from`..`to` points out of topic 1's
 * box along (dx, dy), across its middle? */
static int
ink_out(const struct map *m, double dx, double dy, double from, double to)
{
	const struct rm_geom *g = &m->geom;
	double cx = g->x[1] + g->w[1] / 2, cy = g->y[1] + g->h[1] / 2;
	double half = fabs(dx) > 0 ? g->w[1] / 2 : g->h[1] / 2, s;

	for (s = from; s <= to; s += 0.25)
		if (!is_white(pixel(m, cx + dx * (half + s), cy + dy *
		    (half + s))))
			return 1;
	return 0;
}

static void
test_fold_badge(void **state)
{
	ramify_doc *d;
	struct map m;

	(void)state;
	/* Right of a right-hand topic, nothing on the left or below. */
	d = fold_doc(RM_SIDE_RIGHT);
	map_layout(&m, d, NULL, NULL);
	assert_int_equal(m.geom.nhidden[1], 3);
	map_draw(&m, "badge-right");
	assert_true(ink_out(&m, 1, 0, 4, 12));
	assert_false(ink_out(&m, 0, 1, 3, 12));	/* past the shadow */
	/* Within the room the style promises the layout. */
	{
		double rw, rh, y;
		const struct rm_geom *g = &m.geom;

		rm_style_badge_room(&m.style, d->topics[1], 3, &rw, &rh);
		assert_true(rw > 10 && rh > 8);
		for (y = g->y[1] - 10; y < g->y[1] + g->h[1] + 10; y += 0.25)
			assert_true(is_white(pixel(&m, g->x[1] + g->w[1] + rw +
			    0.3, y)));
		assert_true(ink_out(&m, 1, 0, rw - 3, rw));
	}
	/* The lone branch from the root, a straight band. */
	assert_false(is_white(pixel(&m, (m.geom.ax[1] + m.geom.bx[1]) / 2,
	    m.geom.ay[1])));
	/* Its number, in the text the badge is measured from. */
	map_free(&m);
	ramify_doc_free(d);

	/* Left of a left-hand topic. */
	d = fold_doc(RM_SIDE_LEFT);
	map_layout(&m, d, NULL, NULL);
	assert_int_equal(m.geom.side[1], RM_GEOM_LEFT);
	map_draw(&m, "badge-left");
	assert_true(ink_out(&m, -1, 0, 4, 12));
	assert_false(ink_out(&m, 0, -1, 1, 12));
	assert_false(ink_out(&m, 0, 1, 3, 12));
	/* Org chart: below. */
	m.geom.layout = "org";
	map_draw(&m, "badge-org");
	assert_true(ink_out(&m, 0, 1, 4, 10));
	assert_false(ink_out(&m, -1, 0, 1, 12));
	/* Radial: away from the root's centre, here down and left. */
	m.geom.layout = "radial";
	m.geom.x[1] = m.geom.x[0] - m.geom.w[1] - 60;
	m.geom.y[1] = m.geom.y[0] + 80;
	m.geom.height = m.geom.y[1] + m.geom.h[1] + 60;
	m.geom.width += 100;
	m.geom.x[0] += 100;
	m.geom.x[1] += 100;
	/* Its branch out of the way: a dot in the corner. */
	m.geom.edge[1] = RM_EDGE_STRAIGHT;
	m.geom.ax[1] = m.geom.ay[1] = m.geom.bx[1] = m.geom.by[1] = 0;
	map_draw(&m, "badge-radial");
	{
		const struct rm_geom *g = &m.geom;
		double vx = g->x[1] + g->w[1] / 2 - (g->x[0] + g->w[0] / 2);
		double vy = g->y[1] + g->h[1] / 2 - (g->y[0] + g->h[0] / 2);
		double len = hypot(vx, vy), ux = vx / len, uy = vy / len;
		double tb = fmin(g->w[1] / 2 / fabs(ux), g->h[1] / 2 / fabs(uy));
		double cx = g->x[1] + g->w[1] / 2, cy = g->y[1] + g->h[1] / 2;
		double s;
		int ink = 0;

		for (s = tb + 4; s < tb + 14; s += 0.25)
			ink += !is_white(pixel(&m, cx + ux * s, cy + uy * s));
		assert_true(ink > 4);
		/* Towards the root from the box: no badge. */
		assert_true(is_white(pixel(&m, cx - ux * (tb + 6),
		    cy - uy * (tb + 6))));
	}
	map_free(&m);
	ramify_doc_free(d);
}

/* ---- notes ----------------------------------------------------------- */

static ramify_doc *
notes_doc(ramify_topic **t)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *r = ramify_doc_root(d);
	size_t n[7], i;

	for (i = 0; i < 7; i++) {
		char text[64];

		snprintf(text, sizeof text, "Note %zu says something worth "
		    "reading about its topic.", i + 1);
		n[i] = rm_note_new(d, NULL, text, (struct rm_pos){ 0, 0 });
		assert_true(n[i] != (size_t)-1);
	}
	/* Numbered by first use: t0 [1], t1 [2], t2 [3,4], t3 [5-7],
	 * t4 [1] again, t5 [1] twice, t6 none. */
	for (i = 0; i < 7; i++)
		t[i] = child(d, r, i == 2 ? "two notes" : "topic");
	assert_int_equal(rm_topic_add_note(d, t[0], n[0]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[1], n[1]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[2], n[2]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[2], n[3]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[3], n[4]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[3], n[5]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[3], n[6]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[4], n[0]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[5], n[0]), RAMIFY_OK);
	assert_int_equal(rm_topic_add_note(d, t[5], n[0]), RAMIFY_OK);
	return d;
}

static void
test_note_markers(void **state)
{
	ramify_topic *t[7];
	ramify_doc *d = notes_doc(t);
	struct rm_text_parts p[7], q;
	struct map m, none;
	size_t i;

	(void)state;
	map_layout(&m, d, NULL, NULL);
	map_layout(&none, d, NULL, "none");
	for (i = 0; i < 7; i++)
		rm_text_parts(m.text, t[i], &p[i]);
	assert_string_equal(p[0].label, "1");
	assert_string_equal(p[1].label, "2");
	assert_string_equal(p[2].label, "3,4");
	assert_string_equal(p[3].label, "5\xe2\x80\x93" "7");
	assert_string_equal(p[4].label, "1");
	assert_string_equal(p[5].label, "1");
	assert_string_equal(p[6].label, "");
	/* Sized by its text; none without notes. */
	assert_true(p[2].mark_w > p[0].mark_w);
	assert_true(p[0].mark_w > 0 && p[0].mark_h > 0);
	assert_true(p[6].mark_w == 0);
	/* Beside the text, inside the content block. */
	for (i = 0; i < 6; i++) {
		assert_true(p[i].mark_x >= p[i].text_x + p[i].text_w);
		assert_true(p[i].mark_x + p[i].mark_w <= p[i].w + 1e-9);
		assert_true(p[i].mark_y >= 0 &&
		    p[i].mark_y + p[i].mark_h <= p[i].h + 1e-9);
	}
	/* The layout made room: wider than without markers, as wide as
	 * without for the topic without notes. */
	for (i = 0; i < 7; i++) {
		size_t k = t[i]->seq;

		if (i < 6)
			assert_true(m.geom.w[k] > none.geom.w[k] + 5);
		else
			assert_true(m.geom.w[k] == none.geom.w[k]);
		rm_text_parts(none.text, t[i], &q);
		assert_string_equal(q.label, "");
		assert_true(q.mark_w == 0 && q.note_h == 0);
	}
	/* The tag is drawn in the theme's note colour. */
	map_draw(&m, "note-markers");
	{
		struct rm_box_parts bp;
		size_t k = t[2]->seq;

		rm_style_parts(&m.style, t[2], m.geom.tw[k], m.geom.th[k], &bp);
		assert_true(near(pixel(&m, m.geom.x[k] + bp.content_x +
		    p[2].mark_x + 1, m.geom.y[k] + bp.content_y +
		    p[2].mark_y + p[2].mark_h / 2), m.style.note_fill, 8));
	}
	map_free(&m);
	map_free(&none);
	ramify_doc_free(d);
}

/* Forty numbers do not fit a tag: the label stops with an ellipsis. */
static void
test_note_label_long(void **state)
{
	ramify_doc *d = ramify_doc_new("root");
	ramify_topic *r = ramify_doc_root(d), *last;
	struct rm_text_parts p;
	struct map m;
	size_t n[40], i, len;

	(void)state;
	for (i = 0; i < 40; i++) {
		n[i] = ramify_topic_add_note(d, child(d, r, "t"), "x");
		assert_true(n[i] != (size_t)-1);
	}
	last = child(d, r, "every other note");
	for (i = 0; i < 40; i += 2)
		assert_int_equal(ramify_topic_attach_note(d, last, n[i]),
		    RAMIFY_OK);
	map_layout(&m, d, NULL, NULL);
	rm_text_parts(m.text, last, &p);
	len = strlen(p.label);
	assert_true(len < sizeof p.label);
	assert_true(strncmp(p.label, "1,3,5,7,9,11,", 13) == 0);
	assert_string_equal(p.label + len - 3, "\xe2\x80\xa6");
	assert_true(p.mark_w > 0 && p.mark_x + p.mark_w <= p.w + 1e-9);
	map_free(&m);
	ramify_doc_free(d);
}

static void
test_inline_notes(void **state)
{
	ramify_topic *t[7];
	ramify_doc *d = notes_doc(t);
	struct rm_text_parts p, q;
	struct map m, none;
	size_t k;

	(void)state;
	map_layout(&m, d, NULL, "inline");
	map_layout(&none, d, NULL, "none");
	/* The notes under the text, smaller and wrapped; the box grows;
	 * no marker. */
	rm_text_parts(m.text, t[2], &p);
	rm_text_parts(none.text, t[2], &q);
	assert_string_equal(p.label, "");
	assert_true(p.mark_w == 0);
	assert_true(p.text_w == q.text_w && p.text_h == q.text_h);
	assert_true(p.note_h > 2 * p.text_h);
	assert_true(p.note_y >= p.text_y + p.text_h);
	assert_true(p.note_w <= m.style.note_wrap + 1e-9);
	assert_true(p.note_x >= 0 && p.note_x + p.note_w <= p.w + 1e-9);
	assert_true(p.note_y + p.note_h <= p.h + 1e-9);
	k = t[2]->seq;
	assert_true(m.geom.h[k] > none.geom.h[k] + p.note_h - 1);
	assert_true(m.geom.w[k] > none.geom.w[k]);
	/* A note used twice on a topic shows once. */
	rm_text_parts(m.text, t[4], &p);
	rm_text_parts(m.text, t[5], &q);
	assert_true(p.note_h == q.note_h && p.note_w == q.note_w);
	/* No notes, no change. */
	k = t[6]->seq;
	assert_true(m.geom.w[k] == none.geom.w[k] &&
	    m.geom.h[k] == none.geom.h[k]);
	map_draw(&m, "inline-notes");
	map_free(&m);
	map_free(&none);
	ramify_doc_free(d);
}

/* ---- boxes ----------------------------------------------------------- */

static ramify_doc *
mixed_doc(void)
{
	ramify_doc *d = ramify_doc_new("Managing customers");
	ramify_topic *r = ramify_doc_root(d), *a, *b;
	size_t n;

	a = child(d, r, "Goals");
	assert_int_equal(rm_topic_add_icon(d, a, "priority-1"), RAMIFY_OK);
	b = child(d, a, "Grow sales in existing accounts, year on year");
	assert_int_equal(rm_topic_add_icon(d, b, "star"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_icon(d, b, "flag-green"), RAMIFY_OK);
	n = ramify_topic_add_note(d, b, "Why this matters.");
	assert_true(n != (size_t)-1);
	child(d, b, "deeper");
	child(d, child(d, b, "deeper still"), "and deeper");
	a = child(d, r, "客户关系管理");
	a->has_color = 1;
	a->color = 0x00ff00;
	b = child(d, a, "Kundeforhold på Ålesund");
	assert_int_equal(rm_topic_add_icon(d, b, "unknown-icon"), RAMIFY_OK);
	child(d, b, "");
	a = child(d, r, "folded");
	child(d, a, "away");
	ramify_topic_set_folded(a, 1);
	return d;
}

/* Every part of every box lies inside it, for every theme and mode. */
static void
test_contents_inside(void **state)
{
	static const char *const themes[] = { "default", "print", "workshop" };
	static const char *const modes[] = { "endnotes", "inline", "none" };
	ramify_doc *d = mixed_doc();
	size_t th, md, i;

	(void)state;
	for (th = 0; th < 3; th++)
		for (md = 0; md < 3; md++) {
			struct map m;

			map_layout(&m, d, themes[th], modes[md]);
			for (i = 0; i < d->ntopics; i++) {
				const struct ramify_topic *t = d->topics[i];
				const struct rm_geom *g = &m.geom;
				struct rm_box_parts bp;
				struct rm_text_parts tp;
				double w, h;

				if (g->hidden[i])
					continue;
				rm_text_parts(m.text, t, &tp);
				/* The layout's content block is the one
				 * drawing lays out. */
				assert_true(tp.w == g->tw[i] && tp.h == g->th[i]);
				rm_style_box(&m.style, t, tp.w, tp.h, &w, &h);
				assert_true(w == g->w[i] && h == g->h[i]);
				rm_style_parts(&m.style, t, tp.w, tp.h, &bp);
				assert_true(bp.content_x >= 0 &&
				    bp.content_x + tp.w <= w + 1e-9);
				assert_true(bp.content_y >= 0 &&
				    bp.content_y + tp.h <= h + 1e-9);
				assert_true(bp.nicons == 0 ||
				    (bp.icon_x >= 0 && bp.icon_x + (double)
				    bp.nicons * bp.icon_step <= bp.content_x +
				    1e-9));
				assert_true(tp.text_x >= 0 &&
				    tp.text_x + tp.text_w <= tp.w + 1e-9);
				assert_true(tp.text_y >= 0 &&
				    tp.text_y + tp.text_h <= tp.h + 1e-9);
			}
			map_draw(&m, "contents");
			map_free(&m);
		}
	ramify_doc_free(d);
}

/* The print theme puts no colour on the page: greys only. */
static void
test_print_is_black_and_white(void **state)
{
	ramify_doc *d = mixed_doc();
	struct map m;
	int x, y, w, h, coloured, dark;

	(void)state;
	map_layout(&m, d, "print", NULL);
	map_draw(&m, "print");
	w = cairo_image_surface_get_width(m.surface);
	h = cairo_image_surface_get_height(m.surface);
	coloured = dark = 0;
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			uint32_t c = pixel(&m, (x + 0.5) / SCALE,
			    (y + 0.5) / SCALE);
			int r = c >> 16 & 0xff, g = c >> 8 & 0xff, b = c & 0xff;

			if (abs(r - g) > 6 || abs(g - b) > 6)
				coloured++;
			if (r < 40)
				dark++;
		}
	assert_int_equal(coloured, 0);
	assert_true(dark > 1000);
	/* Boxes are outlines: a first-level box is white inside. */
	assert_true(is_white(pixel(&m, m.geom.x[1] + 3, m.geom.y[1] +
	    m.geom.h[1] * 0.75)));
	map_free(&m);

	/* The default theme does use colour (a sanity check). */
	map_layout(&m, d, "default", NULL);
	map_draw(&m, "default");
	assert_true(near(pixel(&m, m.geom.x[1] + 3, m.geom.y[1] +
	    m.geom.h[1] / 2), rm_style_branch_color(&m.style, 0), 4));
	/* An icon on a filled box sits on a light disc, so a red "1" on
	 * a red branch would still show: just outside the icon's own
	 * disc, light. */
	{
		struct rm_box_parts bp;

		rm_style_parts(&m.style, d->topics[1], m.geom.tw[1],
		    m.geom.th[1], &bp);
		assert_int_equal(bp.nicons, 1);
		assert_true(near(pixel(&m, m.geom.x[1] + bp.icon_x +
		    bp.icon_size * 1.0, m.geom.y[1] + bp.icon_y +
		    bp.icon_size / 2), 0xffffff, 40));
		assert_true(near(pixel(&m, m.geom.x[1] + bp.icon_x +
		    bp.icon_size * 1.12, m.geom.y[1] + bp.icon_y +
		    bp.icon_size / 2), rm_style_branch_color(&m.style, 0),
		    8));
	}
	map_free(&m);
	ramify_doc_free(d);
}

/* An underlined topic: a line under it, its branch meeting the line. */
static void
test_underline(void **state)
{
	ramify_doc *d = fan_doc();
	struct map m;
	const struct rm_geom *g;
	size_t k = 3;

	(void)state;
	map_layout(&m, d, "print", NULL);
	assert_int_equal(m.style.box[2], RM_BOX_UNDERLINE);
	map_draw(&m, "underline");
	g = &m.geom;
	/* The underline, its whole width. */
	assert_false(is_white(pixel(&m, g->x[k] + 1, g->y[k] + g->h[k] -
	    0.3)));
	assert_false(is_white(pixel(&m, g->x[k] + g->w[k] - 1, g->y[k] +
	    g->h[k] - 0.3)));
	/* No box around it. */
	assert_true(is_white(pixel(&m, g->x[k] + 0.3, g->y[k] + 1.5)));
	/* The branch arrives at the line, not at the middle. */
	assert_false(is_white(pixel(&m, g->x[k] - 1.5, g->y[k] + g->h[k] -
	    0.5)));
	assert_true(is_white(pixel(&m, g->x[k] - 1.5, g->y[k] + g->h[k] / 2)));
	map_free(&m);
	ramify_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_icon_names),
		cmocka_unit_test(test_icons_draw),
		cmocka_unit_test(test_icon_room),
		cmocka_unit_test(test_edge_curves),
		cmocka_unit_test(test_edge_elbow_h),
		cmocka_unit_test(test_edge_elbow_both_sides),
		cmocka_unit_test(test_edge_vertical),
		cmocka_unit_test(test_fold_badge),
		cmocka_unit_test(test_note_markers),
		cmocka_unit_test(test_note_label_long),
		cmocka_unit_test(test_inline_notes),
		cmocka_unit_test(test_contents_inside),
		cmocka_unit_test(test_print_is_black_and_white),
		cmocka_unit_test(test_underline),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
