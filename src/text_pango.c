/*
 * text_pango.c: measuring and drawing topic text with Pango.  The only
 * file that includes Pango headers.
 *
 * Every rm_text owns its font map and context: a font map must not be
 * shared between threads, and the shared default one would tie us to
 * whatever resolution and font options someone else set.  Metrics are
 * unhinted and glyph positions unrounded at 72 dpi, so one point is one
 * cairo unit and a block measures the same for PDF, SVG and PNG at any
 * scale.  No PangoLayout outlives a call per topic (each costs ~2.6 KB):
 * one layout per depth level is kept and its text replaced.
 */
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#include "internal.h"

#define NLEVELS 4

/* Root text may wrap this much wider than the rest: it is the title. */
#define ROOT_WRAP_FACTOR 1.3

struct rm_text {
	PangoFontMap	*fontmap;
	PangoContext	*ctx;
	PangoLayout	*layout[NLEVELS];	/* one per level, reused */
	PangoLayout	*block;			/* for rm_text_block() */
	const struct rm_style *style;
	char		 buf[RM_MAX_TEXT + 4];	/* capped copy of long text */
};

void
rm_text_free(struct rm_text *t)
{
	int i;

	if (t == NULL)
		return;
	for (i = 0; i < NLEVELS; i++)
		if (t->layout[i] != NULL)
			g_object_unref(t->layout[i]);
	if (t->block != NULL)
		g_object_unref(t->block);
	if (t->ctx != NULL)
		g_object_unref(t->ctx);
	if (t->fontmap != NULL)
		g_object_unref(t->fontmap);
	free(t);
}

struct rm_text *
rm_text_new(const struct rm_style *style)
{
	cairo_font_options_t *fo;
	struct rm_text *t;
	int i;

	if ((t = calloc(1, sizeof *t)) == NULL)
		return NULL;
	if ((t->fontmap = pango_cairo_font_map_new()) == NULL)
		goto fail;
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(t->fontmap),
	    72.0);
	if ((t->ctx = pango_font_map_create_context(t->fontmap)) == NULL)
		goto fail;
	pango_cairo_context_set_resolution(t->ctx, 72.0);
	if ((fo = cairo_font_options_create()) == NULL)
		goto fail;
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	pango_cairo_context_set_font_options(t->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(t->ctx, FALSE);
	t->style = style;
	if ((t->block = pango_layout_new(t->ctx)) == NULL)
		goto fail;

	for (i = 0; i < NLEVELS; i++) {
		PangoFontDescription *fd;
		PangoLayout *l;
		double wrap = style->wrap_width;

		if (i == 0)
			wrap *= ROOT_WRAP_FACTOR;
		if ((fd = pango_font_description_from_string(
		    style->font_family)) == NULL)
			goto fail;
		pango_font_description_set_size(fd,
		    (gint)(style->font_size[i] * PANGO_SCALE + 0.5));
		pango_font_description_set_weight(fd, style->bold[i] ?
		    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		if ((l = pango_layout_new(t->ctx)) == NULL) {
			pango_font_description_free(fd);
			goto fail;
		}
		t->layout[i] = l;
		pango_layout_set_font_description(l, fd);
		pango_font_description_free(fd);
		pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	}
	return t;
fail:
	rm_text_free(t);
	return NULL;
}

/*
 * The text Pango shapes for `tp`: at most RM_MAX_TEXT bytes, cut at a
 * character boundary and marked with an ellipsis.  Model text is valid
 * UTF-8, so backing up over continuation bytes finds a boundary.
 */
static const char *
shaped_text(struct rm_text *t, const struct ramify_topic *tp, int *len)
{
	const char *s = tp->text;
	size_t n = strlen(s);

	if (n <= RM_MAX_TEXT) {
		*len = (int)n;
		return s;
	}
	n = RM_MAX_TEXT - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(t->buf, s, n);
	memcpy(t->buf + n, "\xe2\x80\xa6", 3);	/* U+2026 */
	*len = (int)n + 3;
	return t->buf;
}

static void set_rgb(cairo_t *, uint32_t);

/* The level's layout holding the topic's text, and its logical extents. */
static PangoLayout *
prepare(struct rm_text *t, const struct ramify_topic *tp,
    PangoRectangle *logical)
{
	PangoLayout *l = t->layout[rm_style_level(tp->depth)];
	const char *s;
	int len;

	s = shaped_text(t, tp, &len);
	/* Plain text, never markup: "a < b" is what the user wrote. */
	pango_layout_set_text(l, s, len);
	pango_layout_get_extents(l, NULL, logical);
	return l;
}

void
rm_text_measure(struct rm_text *t, const struct ramify_topic *tp,
    double *w, double *h)
{
	PangoRectangle lr;

	prepare(t, tp, &lr);
	*w = (double)lr.width / PANGO_SCALE;
	*h = (double)lr.height / PANGO_SCALE;
}

void
rm_text_draw(struct rm_text *t, struct _cairo *cr,
    const struct ramify_topic *tp, double x, double y, uint32_t rgb)
{
	PangoRectangle lr;
	PangoLayout *l;

	l = prepare(t, tp, &lr);
	set_rgb(cr, rgb);
	/*
	 * Centred lines sit inside the wrap width, so the block's logical
	 * rectangle starts at lr.x, not 0.  No pango_cairo_update_layout():
	 * it would take the surface's font options and could rewrap.
	 */
	cairo_move_to(cr, x - (double)lr.x / PANGO_SCALE,
	    y - (double)lr.y / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
}

static void
set_rgb(cairo_t *cr, uint32_t rgb)
{
	cairo_set_source_rgb(cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

void
rm_text_block(struct rm_text *t, struct _cairo *cr, const char *utf8,
    double size, int bold, double width, int align, double x, double y,
    uint32_t rgb, double *w, double *h)
{
	static const PangoAlignment al[] = {
		PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT
	};
	PangoFontDescription *fd;
	PangoLayout *l = t->block;
	PangoRectangle lr;
	size_t n = strlen(utf8);

	if (n > RM_MAX_TEXT * 4)
		n = RM_MAX_TEXT * 4;
	while (n > 0 && ((unsigned char)utf8[n] & 0xc0) == 0x80)
		n--;
	if ((fd = pango_font_description_from_string(
	    t->style->font_family)) != NULL) {
		pango_font_description_set_size(fd,
		    (gint)(size * PANGO_SCALE + 0.5));
		pango_font_description_set_weight(fd, bold ?
		    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		pango_layout_set_font_description(l, fd);
		pango_font_description_free(fd);
	}
	pango_layout_set_width(l, width > 0 ? (int)(width * PANGO_SCALE) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, al[align < 0 || align > 2 ? 0 : align]);
	pango_layout_set_text(l, utf8, (int)n);
	pango_layout_get_extents(l, NULL, &lr);
	if (w != NULL)
		*w = (double)lr.width / PANGO_SCALE;
	if (h != NULL)
		*h = (double)lr.height / PANGO_SCALE;
	if (cr == NULL)
		return;
	set_rgb(cr, rgb);
	cairo_move_to(cr, x - (double)lr.x / PANGO_SCALE,
	    y - (double)lr.y / PANGO_SCALE);
	pango_cairo_show_layout(cr, l);
}

void
rm_text_lines(struct rm_text *t, const struct ramify_topic *tp,
    rm_line_fn fn, void *arg)
{
	PangoRectangle lr;
	PangoLayout *l = prepare(t, tp, &lr);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	const char *text = pango_layout_get_text(l);

	if (it == NULL)
		return;
	do {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		PangoRectangle ext;
		int base = pango_layout_iter_get_baseline(it);

		pango_layout_iter_get_line_extents(it, NULL, &ext);
		if (line->length > 0)
			fn(arg, text + line->start_index, (size_t)line->length,
			    (double)(ext.x - lr.x) / PANGO_SCALE,
			    (double)(base - lr.y) / PANGO_SCALE);
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}
