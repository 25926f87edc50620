/*
 * test_render.c: PDF, SVG and PNG output through the public API.
 *
 * Documents are built with ramify_doc_new()/ramify_topic_add_child()
 * (plus a few internal calls for notes and links), rendered into memory
 * and checked from the outside: file signatures, determinism, the text
 * pdftotext finds, PNG dimensions against the layout, SVG well-formed.
 */
#include <math.h>
#include <stdint.h>
#include <unistd.h>

#include <cairo.h>
#include <libxml/parser.h>

#include "internal.h"
#include "util.h"

/* Like render() from util.h, returning the status instead. */
static void
quiet(void *arg, enum ramify_severity sev, const char *file, unsigned line,
    unsigned col, const char *msg)
{
	(void)arg; (void)sev; (void)file; (void)line; (void)col; (void)msg;
}

/* Run pdftotext on the PDF in `b`; the text, with newlines as spaces.
 * Free with free(). */
static char *
pdf_text(const struct buf *b)
{
	char path[] = "/tmp/ramify-test-XXXXXX", cmd[128];
	struct buf out = { 0 };
	char chunk[4096];
	size_t n, i;
	FILE *fp;
	int fd;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, b->data, b->len), (ssize_t)b->len);
	close(fd);
	snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -", path);
	fp = popen(cmd, "r");
	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_write(&out, chunk, n);
	assert_int_equal(pclose(fp), 0);
	unlink(path);
	assert_non_null(out.data);
	for (i = 0; i < out.len; i++)
		if (out.data[i] == '\n' || out.data[i] == '\f')
			out.data[i] = ' ';
	return out.data;
}

static const char *const texts[] = {
	"Managing Customers",
	"Goals",
	"Increase sales",
	"客户关系管理",
	"销售目标",
	"Kundeforhold på Ålesund",
	"Særlig høy tillit",
	"IJsselmeer ĳverig",
	"a < b & <span>",
	"Prospecting",
};

/* A small map in several scripts, with a note, a link and a fold. */
static ramify_doc *
sample_doc(void)
{
	ramify_doc *d = ramify_doc_new(texts[0]);
	ramify_topic *r, *g, *t;
	size_t note;

	assert_non_null(d);
	r = ramify_doc_root(d);
	g = ramify_topic_add_child(d, r, texts[1]);
	t = ramify_topic_add_child(d, g, texts[2]);
	note = rm_note_new(d, NULL, "why", (struct rm_pos){ 0, 0 });
	assert_int_equal(rm_topic_add_note(d, t, note), RAMIFY_OK);
	g = ramify_topic_add_child(d, r, texts[3]);
	ramify_topic_add_child(d, g, texts[4]);
	g = ramify_topic_add_child(d, r, texts[5]);
	t = ramify_topic_add_child(d, g, texts[6]);
	assert_int_equal(rm_topic_add_link(d, t,
	    "https://example.com/it's\\here", NULL), RAMIFY_OK);
	t = ramify_topic_add_child(d, g, texts[7]);
	assert_int_equal(rm_topic_add_link(d, t, "javascript:alert(1)", NULL),
	    RAMIFY_OK);
	g = ramify_topic_add_child(d, r, texts[8]);
	t = ramify_topic_add_child(d, g, texts[9]);
	ramify_topic_add_child(d, t, "folded away");
	t->folded = 1;
	return d;
}

static int
has_bytes(const struct buf *b, const char *s)
{
	size_t n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return 1;
	return 0;
}

/* ---- tests ----------------------------------------------------------- */

static void
test_pdf(void **state)
{
	ramify_doc *d = sample_doc();
	struct buf a = render(d, "pdf", NULL), b = render(d, "pdf", NULL);
	char *txt;
	size_t i;

	(void)state;
	assert_true(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Metadata pinned, https link kept and escaped, javascript: not. */
	assert_true(has_bytes(&a, "/CreationDate (20000101"));
	assert_true(has_bytes(&a, "/URI (https://example.com/it"));
	assert_false(has_bytes(&a, "javascript"));

	txt = pdf_text(&a);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
		if (strstr(txt, texts[i]) == NULL)
			fail_msg("pdftotext lacks '%s' in: %s", texts[i], txt);
	assert_null(strstr(txt, "folded away"));
	free(txt);
	buf_free(&a);
	buf_free(&b);
	ramify_doc_free(d);
}

static void
test_svg(void **state)
{
	ramify_doc *d = sample_doc();
	struct buf a = render(d, "svg", NULL), b = render(d, "svg", NULL);
	xmlDoc *x;

	(void)state;
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	x = xmlReadMemory((const char *)a.data, (int)a.len, "map.svg", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	assert_non_null(x);
	assert_string_equal((const char *)xmlDocGetRootElement(x)->name,
	    "svg");
	xmlFreeDoc(x);
	buf_free(&a);
	buf_free(&b);
	ramify_doc_free(d);
}

static uint32_t
be32(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The map's size in points, from the same style, text and layout. */
static void
map_size(const ramify_doc *d, const ramify_options *o, double *w, double *h)
{
	struct rm_diag diag = { 0 };
	struct rm_geom g;

	assert_int_equal(rm_measured_layout(d, o, &diag, NULL, NULL, &g),
	    RAMIFY_OK);
	*w = g.width;
	*h = g.height;
	rm_geom_free(&g);
}

static void
test_png(void **state)
{
	static const unsigned char sig[8] = {
		0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'
	};
	static const double dpis[] = { 72, 144, 200 };
	ramify_doc *d = sample_doc();
	ramify_options *o = ramify_options_new();
	size_t k;

	(void)state;
	for (k = 0; k < sizeof dpis / sizeof dpis[0]; k++) {
		struct buf a;
		double w, h, s = dpis[k] / 72;

		ramify_options_set_dpi(o, dpis[k]);
		a = render(d, "png", o);
		assert_true(a.len > 24);
		assert_memory_equal(a.data, sig, 8);
		assert_memory_equal(a.data + 12, "IHDR", 4);
		map_size(d, o, &w, &h);
		assert_true(fabs(be32(a.data + 16) - w * s) <= 1.0);
		assert_true(fabs(be32(a.data + 20) - h * s) <= 1.0);
		buf_free(&a);
	}
	ramify_options_free(o);
	ramify_doc_free(d);
}

struct png_reader {
	const struct buf *b;
	size_t off;
};

static cairo_status_t
png_read(void *arg, unsigned char *data, unsigned int len)
{
	struct png_reader *r = arg;

	if (r->b->len - r->off < len)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, r->b->data + r->off, len);
	r->off += len;
	return CAIRO_STATUS_SUCCESS;
}

/* 0xRRGGBB of the PNG in `b` at (x, y) pixels. */
static uint32_t
png_pixel(const struct buf *b, int x, int y)
{
	struct png_reader r = { b, 0 };
	cairo_surface_t *s = cairo_image_surface_create_from_png_stream(
	    png_read, &r);
	uint32_t px;

	assert_int_equal(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	assert_true(x >= 0 && x < cairo_image_surface_get_width(s));
	assert_true(y >= 0 && y < cairo_image_surface_get_height(s));
	cairo_surface_flush(s);
	px = ((const uint32_t *)(const void *)(cairo_image_surface_get_data(s) +
	    (size_t)y * (size_t)cairo_image_surface_get_stride(s)))[x];
	cairo_surface_destroy(s);
	return px & 0xffffff;
}

/*
 * A branch whose ends are level (a root with one child) is still drawn:
 * the pixel halfway between the two boxes is not the white page.  Its
 * control polygon has a middle leg of length zero.
 */
static void
test_level_branch(void **state)
{
	ramify_doc *d = ramify_doc_new("Root");
	ramify_options *o = ramify_options_new();
	struct rm_diag diag = { 0 };
	struct rm_geom g;
	struct buf a;
	double mx, my;

	(void)state;
	assert_non_null(ramify_topic_add_child(d, ramify_doc_root(d), "Child"));
	ramify_options_set_dpi(o, 72);
	assert_int_equal(rm_measured_layout(d, o, &diag, NULL, NULL, &g),
	    RAMIFY_OK);
	assert_true(fabs(g.ay[1] - g.by[1]) < 1e-9);	/* level ends */
	mx = (g.ax[1] + g.bx[1]) / 2;
	my = g.ay[1];
	rm_geom_free(&g);
	a = render(d, "png", o);
	assert_int_not_equal(png_pixel(&a, (int)mx, (int)my), 0xffffff);
	buf_free(&a);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/*
 * Boxes drawn in batches (render_map.c paint_group(): a core rectangle
 * stroked with round joins) have the theme's rounded corners, border
 * and fill.  A tinted level-2 box of the default theme, at 4 pixels a
 * point: its corner is cut, the arc just inside it is filled, its top
 * edge is the border colour and the fill is the same light tint all over.
 */
static void
test_box_shapes(void **state)
{
	ramify_doc *d = ramify_doc_new("Root");
	ramify_options *o = ramify_options_new();
	struct rm_diag diag = { 0 };
	struct rm_geom g;
	struct buf a;
	double x, y, w, h;
	uint32_t fill, border;

	(void)state;
	assert_non_null(ramify_topic_add_child(d, ramify_topic_add_child(d,
	    ramify_doc_root(d), "Child"), "Grandchild topic"));
	ramify_options_set_dpi(o, 288);
	assert_int_equal(rm_measured_layout(d, o, &diag, NULL, NULL, &g),
	    RAMIFY_OK);
	x = g.x[2] * 4;
	y = g.y[2] * 4;
	w = g.w[2] * 4;
	h = g.h[2] * 4;
	rm_geom_free(&g);
	a = render(d, "png", o);
	/* Corners cut (radius 6 pt), top-left and bottom-right. */
	assert_int_equal(png_pixel(&a, (int)(x + 1), (int)(y + 1)), 0xffffff);
	assert_int_equal(png_pixel(&a, (int)(x + w - 2), (int)(y + h - 2)),
	    0xffffff);
	/* Inside the arc: filled; the fill a light tint, the same as at the
	 * middle of the top padding. */
	fill = png_pixel(&a, (int)(x + 12), (int)(y + 12));
	assert_int_not_equal(fill, 0xffffff);
	assert_true(((fill >> 16) & 0xff) > 0xc0 && ((fill >> 8) & 0xff) > 0xc0 &&
	    (fill & 0xff) > 0xc0);
	assert_int_equal(png_pixel(&a, (int)(x + w / 2), (int)(y + 6)), fill);
	/* The border (1 pt, centred on the box's edge): the branch colour,
	 * darker than the fill. */
	border = png_pixel(&a, (int)(x + w / 2), (int)(y + 1));
	assert_true(((border >> 16) & 0xff) + ((border >> 8) & 0xff) +
	    (border & 0xff) + 120 < ((fill >> 16) & 0xff) +
	    ((fill >> 8) & 0xff) + (fill & 0xff));
	buf_free(&a);
	ramify_options_free(o);
	ramify_doc_free(d);
}

static void
test_write_error(void **state)
{
	static const char *const fmts[] = { "pdf", "svg", "png" };
	ramify_doc *d = sample_doc();
	size_t k;
	int at;

	(void)state;
	/* Fail on the first write, and on a later one. */
	for (k = 0; k < 3; k++)
		for (at = 1; at <= 3; at += 2) {
			struct buf a = { 0 };

			a.fail_after = at;
			assert_int_equal(render_to(d, fmts[k], NULL, &a),
			    RAMIFY_EIO);
			buf_free(&a);
		}
	ramify_doc_free(d);
}

/* 100 000 levels: every stage must iterate, not recurse. */
static void
test_deep_chain(void **state)
{
	ramify_doc *d = ramify_doc_new("deep");
	ramify_options *o = ramify_options_new();
	ramify_topic *t;
	struct buf a = { 0 };
	char name[32];
	size_t i;

	(void)state;
	t = ramify_doc_root(d);
	for (i = 1; i < 100000; i++) {
		snprintf(name, sizeof name, "level %zu", i);
		t = ramify_topic_add_child(d, t, name);
		assert_non_null(t);
	}
	ramify_options_set_diag(o, quiet, NULL);
	assert_int_equal(render_to(d, "pdf", o, &a), RAMIFY_OK);
	assert_true(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
	buf_free(&a);
	/* Far too long for pixels: refused, not crashed. */
	assert_int_equal(render_to(d, "png", o, &a), RAMIFY_ELIMIT);
	buf_free(&a);
	ramify_options_free(o);
	ramify_doc_free(d);
}

static void
test_wide(void **state)
{
	ramify_doc *d = ramify_doc_new("wide");
	ramify_topic *r = ramify_doc_root(d), *g = NULL;
	struct buf a = { 0 };
	char name[32];
	size_t i;

	(void)state;
	for (i = 1; i < 2000; i++) {
		snprintf(name, sizeof name, "topic %zu", i);
		if (i % 100 == 1)
			g = ramify_topic_add_child(d, r, name);
		else
			assert_non_null(ramify_topic_add_child(d, g, name));
	}
	assert_int_equal(render_to(d, "pdf", NULL, &a), RAMIFY_OK);
	assert_true(a.len > 5 && memcmp(a.data, "%PDF-", 5) == 0);
	buf_free(&a);
	assert_int_equal(render_to(d, "png", NULL, &a), RAMIFY_OK);
	buf_free(&a);
	ramify_doc_free(d);
}

/* Text past RM_MAX_TEXT is cut at a character boundary, not shaped. */
static void
test_long_text(void **state)
{
	size_t n = RM_MAX_TEXT * 2, i;
	char *s = malloc(n + 1);
	ramify_doc *d;
	struct buf a = { 0 };

	(void)state;
	assert_non_null(s);
	for (i = 0; i + 2 <= n; i += 2)
		memcpy(s + i, "\xc3\xa6", 2);	/* æ, no break chance */
	s[i] = '\0';
	d = ramify_doc_new("long");
	assert_non_null(ramify_topic_add_child(d, ramify_doc_root(d), s));
	assert_int_equal(render_to(d, "pdf", NULL, &a), RAMIFY_OK);
	buf_free(&a);
	ramify_doc_free(d);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf),
		cmocka_unit_test(test_svg),
		cmocka_unit_test(test_png),
		cmocka_unit_test(test_level_branch),
		cmocka_unit_test(test_box_shapes),
		cmocka_unit_test(test_write_error),
		cmocka_unit_test(test_deep_chain),
		cmocka_unit_test(test_wide),
		cmocka_unit_test(test_long_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
