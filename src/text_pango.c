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
	/* What the block layout holds: labels repeat, and a font
	 * description costs a fontset lookup. */
	double		 block_size, block_width;
	int		 block_bold, block_align, block_font;
	char		 block_text[64];
	PangoLayout	*notes;			/* inline notes */
	/* What each layout holds now, so measuring a topic's parts and
	 * then drawing them shapes its text once. */
	const struct ramify_topic *held[NLEVELS], *held_notes;
	PangoRectangle	 held_ext[NLEVELS], held_notes_ext;
	const struct rm_style *style;
	struct rm_glyphs *glyphs;		/* where measuring keeps glyphs */
	int		 owns_glyphs;
	PangoFont	*last_font;		/* cache for font_index() */
	uint32_t	 last_index;
	const struct ramify_doc *doc;
	size_t		*note_num;		/* by note: its [Wn] number */
	int		 numbered;		/* note_num tried */
	char		 buf[RM_MAX_TEXT + 4];	/* capped copy of long text */
	char		*nbuf;			/* inline notes, joined */
};

/* Glyphs kept for drawing: see "Shaped text kept for drawing" below. */
struct rm_glyph_cluster {
	uint16_t	 nbytes, nglyphs;
};

struct rm_run {
	uint32_t	 font;		/* index into store->fonts */
	uint32_t	 nglyphs, nclusters, nbytes;
	int		 backward;	/* right-to-left run */
	uint32_t	*glyph;
	float		*x, *y;		/* from the block's top-left */
	struct rm_glyph_cluster *cl;
	char		*utf8;
};

struct rm_shaped {
	size_t		 nruns;
	struct rm_run	 runs[];
};

struct rm_glyphs {
	size_t		 n;
	struct rm_shaped **by_seq;	/* malloc'd each; NULL: no text */
	GMutex		 lock;		/* guards the font table */
	cairo_scaled_font_t **fonts;	/* referenced */
	size_t		 nfonts, capfonts;
	int		 failed;	/* a record could not be kept */
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
	if (t->owns_glyphs)
		rm_glyphs_free(t->glyphs);
	if (t->notes != NULL)
		g_object_unref(t->notes);
	free(t->note_num);
	free(t->nbuf);
	if (t->ctx != NULL)
		g_object_unref(t->ctx);
	if (t->fontmap != NULL)
		g_object_unref(t->fontmap);
	free(t);
}

struct rm_text *
rm_text_new(const struct rm_style *style, const struct ramify_doc *doc)
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
	t->doc = doc;
	if ((t->block = pango_layout_new(t->ctx)) == NULL)
		goto fail;
	if (style->notes == RM_NOTES_INLINE && doc != NULL &&
	    doc->nnotes > 0) {
		PangoFontDescription *fd;

		if ((t->notes = pango_layout_new(t->ctx)) == NULL ||
		    (t->nbuf = malloc(RM_MAX_TEXT + 4)) == NULL ||
		    (fd = pango_font_description_from_string(
		    style->font_family)) == NULL)
			goto fail;
		pango_font_description_set_size(fd,
		    (gint)(style->note_size * PANGO_SCALE + 0.5));
		pango_layout_set_font_description(t->notes, fd);
		pango_font_description_free(fd);
		pango_layout_set_width(t->notes,
		    (int)(style->note_wrap * PANGO_SCALE));
		pango_layout_set_wrap(t->notes, PANGO_WRAP_WORD_CHAR);
	}

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
static void keep_layout(struct rm_text *, PangoLayout *, const PangoRectangle *,
    const char *, size_t);

/* The level's layout holding the topic's text, and its logical extents.
 * Shaped only when the layout does not hold this topic already. */
static PangoLayout *
prepare(struct rm_text *t, const struct ramify_topic *tp,
    PangoRectangle *logical)
{
	int lv = rm_style_level(tp->depth);
	PangoLayout *l = t->layout[lv];
	const char *s;
	int len;

	if (t->held[lv] != tp) {
		s = shaped_text(t, tp, &len);
		/* Plain text, never markup: "a < b" is what the user wrote. */
		pango_layout_set_text(l, s, len);
		pango_layout_get_extents(l, NULL, &t->held_ext[lv]);
		t->held[lv] = tp;
	}
	*logical = t->held_ext[lv];
	return l;
}

/* The [Wn] numbers of the document's notes, worked out once. */
static void
number_notes(struct rm_text *t)
{
	size_t n = t->doc != NULL ? t->doc->nnotes : 0, *order;

	t->numbered = 1;
	if (n == 0)
		return;
	t->note_num = malloc(n * sizeof *t->note_num);
	order = malloc(n * sizeof *order);
	if (t->note_num != NULL && order != NULL)
		rm_doc_number_notes(t->doc, t->note_num, order);
	else {
		/* No memory: no markers, consistently for measuring and
		 * drawing, which both come through here. */
		free(t->note_num);
		t->note_num = NULL;
	}
	free(order);
}

/* Append run a..b to the label: "a", "a,b" or "a-b" (an en dash). */
static int
put_run(char *buf, size_t size, size_t *len, size_t a, size_t b)
{
	char tmp[64];
	int n;

	if (a == b)
		n = snprintf(tmp, sizeof tmp, "%s%zu", *len ? "," : "", a);
	else if (b == a + 1)
		n = snprintf(tmp, sizeof tmp, "%s%zu,%zu", *len ? "," : "",
		    a, b);
	else
		n = snprintf(tmp, sizeof tmp, "%s%zu\xe2\x80\x93%zu",
		    *len ? "," : "", a, b);
	/* Keep room for an ellipsis (3 bytes) and the NUL. */
	if (n < 0 || *len + (size_t)n + 4 > size)
		return 0;
	memcpy(buf + *len, tmp, (size_t)n + 1);
	*len += (size_t)n;
	return 1;
}

/*
 * The note marker's label for `tp`: its notes' numbers in its order,
 * repeats dropped and runs of three or more shortened to "3-6".  Empty
 * when the topic has no numbered note.
 */
static void
note_label(struct rm_text *t, const struct ramify_topic *tp, char *buf,
    size_t size)
{
	size_t i, len = 0, a = 0, b = 0, prev = 0;

	buf[0] = '\0';
	if (tp->nnotes == 0)
		return;
	if (!t->numbered)
		number_notes(t);
	if (t->note_num == NULL)
		return;
	for (i = 0; i < tp->nnotes; i++) {
		size_t k = tp->notes[i];
		size_t num = k < t->doc->nnotes ? t->note_num[k] : 0;

		if (num == 0 || num == prev)
			continue;
		prev = num;
		if (a != 0 && num == b + 1) {
			b = num;
			continue;
		}
		if (a != 0 && !put_run(buf, size, &len, a, b))
			goto full;
		a = b = num;
	}
	if (a != 0 && !put_run(buf, size, &len, a, b))
		goto full;
	return;
full:
	memcpy(buf + len, "\xe2\x80\xa6", 4);	/* U+2026 and the NUL */
}

/*
 * The topic's notes as one text, for inline mode: in the notes layout,
 * shaped only when it does not hold this topic already.  Paragraphs
 * (and notes) are separated by a blank line drawn at under half height.
 * Returns NULL when the topic has no note text.
 */
static PangoLayout *
prepare_notes(struct rm_text *t, const struct ramify_topic *tp,
    PangoRectangle *logical)
{
	const struct ramify_doc *doc = t->doc;
	PangoAttrList *attrs;
	size_t i, len = 0, prev = (size_t)-1;
	char *b = t->nbuf;

	if (t->notes == NULL || tp->nnotes == 0)
		return NULL;
	if (t->held_notes == tp) {
		*logical = t->held_notes_ext;
		return logical->height > 0 ? t->notes : NULL;
	}
	for (i = 0; i < tp->nnotes && len < RM_MAX_TEXT; i++) {
		size_t k = tp->notes[i], n;
		const char *s;

		if (k >= doc->nnotes || k == prev)
			continue;
		prev = k;
		s = doc->notes[k].text;
		n = strlen(s);
		if (n == 0)
			continue;
		if (len > 0) {
			memcpy(b + len, "\n\n", 2);
			len += 2;
		}
		if (len + n > RM_MAX_TEXT) {
			/* Cut at a character boundary; mark the cut. */
			n = RM_MAX_TEXT > len + 3 ? RM_MAX_TEXT - len - 3 : 0;
			while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
				n--;
			memcpy(b + len, s, n);
			memcpy(b + len + n, "\xe2\x80\xa6", 3);
			len += n + 3;
			break;
		}
		memcpy(b + len, s, n);
		len += n;
	}
	t->held_notes = tp;
	if (len == 0) {
		memset(&t->held_notes_ext, 0, sizeof t->held_notes_ext);
		*logical = t->held_notes_ext;
		return NULL;
	}
	/* The second newline of each pair: a short blank line. */
	attrs = pango_attr_list_new();
	for (i = 0; i + 1 < len; i++)
		if (b[i] == '\n' && b[i + 1] == '\n') {
			PangoAttribute *a = pango_attr_size_new((int)(
			    t->style->note_size * 0.4 * PANGO_SCALE));

			a->start_index = (guint)i + 1;
			a->end_index = (guint)i + 2;
			pango_attr_list_insert(attrs, a);
			i++;
		}
	pango_layout_set_text(t->notes, b, (int)len);
	pango_layout_set_attributes(t->notes, attrs);
	pango_attr_list_unref(attrs);
	pango_layout_get_extents(t->notes, NULL, &t->held_notes_ext);
	*logical = t->held_notes_ext;
	return t->notes;
}

void
rm_text_parts(struct rm_text *t, const struct ramify_topic *tp,
    struct rm_text_parts *p)
{
	const struct rm_style *st = t->style;
	int lv = rm_style_level(tp->depth);
	double fs = st->font_size[lv], gw, gh, gap = 0;
	PangoRectangle lr;

	memset(p, 0, sizeof *p);
	prepare(t, tp, &lr);
	p->text_w = (double)lr.width / PANGO_SCALE;
	p->text_h = (double)lr.height / PANGO_SCALE;
	gw = p->text_w;
	gh = p->text_h;
	if (st->notes == RM_NOTES_ENDNOTES) {
		note_label(t, tp, p->label, sizeof p->label);
		if (p->label[0] != '\0') {
			double lw, lh;

			p->label_size = fs * st->marker_scale;
			rm_text_block(t, NULL, p->label, p->label_size, 1, 0,
			    0, 0, 0, 0, &lw, &lh);
			/* A tag: a little wider than its number, as high
			 * as a line of it. */
			p->mark_w = lw + p->label_size * 0.8;
			p->mark_h = lh;
			gap = p->text_w > 0 ? fs * 0.3 : 0;
			gw += gap + p->mark_w;
			if (gh < p->mark_h)
				gh = p->mark_h;
		}
	}
	p->w = gw;
	p->h = gh;
	if (prepare_notes(t, tp, &lr) != NULL) {
		p->note_w = (double)lr.width / PANGO_SCALE;
		p->note_h = (double)lr.height / PANGO_SCALE;
		if (p->w < p->note_w)
			p->w = p->note_w;
		p->note_x = (p->w - p->note_w) / 2;
		p->note_y = gh + st->note_size * 0.6;
		p->h = p->note_y + p->note_h;
	}
	rm_cards_size(t, st, tp, &p->card_w, &p->card_h);
	if (p->card_h > 0) {
		if (p->w < p->card_w)
			p->w = p->card_w;
		p->card_y = p->h + st->card_size * 0.7;
		p->h = p->card_y + p->card_h;
		p->card_x = (p->w - p->card_w) / 2;
		if (p->note_h > 0)
			p->note_x = (p->w - p->note_w) / 2;
	}
	p->text_x = (p->w - gw) / 2;
	p->text_y = (gh - p->text_h) / 2;
	if (p->mark_w > 0) {
		p->mark_x = p->text_x + p->text_w + gap;
		p->mark_y = (gh - p->mark_h) / 2;
	}
}

void
rm_text_measure(struct rm_text *t, const struct ramify_topic *tp,
    double *w, double *h)
{
	struct rm_text_parts p;

	rm_text_parts(t, tp, &p);
	*w = p.w;
	*h = p.h;
	if (t->glyphs != NULL && tp->seq < t->glyphs->n) {
		PangoRectangle lr;
		PangoLayout *l = prepare(t, tp, &lr);	/* held: no reshaping */

		keep_layout(t, l, &lr, pango_layout_get_text(l), tp->seq);
	}
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

void
rm_text_draw_notes(struct rm_text *t, struct _cairo *cr,
    const struct ramify_topic *tp, double x, double y, uint32_t rgb)
{
	PangoRectangle lr;
	PangoLayout *l;

	if ((l = prepare_notes(t, tp, &lr)) == NULL)
		return;
	set_rgb(cr, rgb);
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
	if (align < 0 || align > 2)
		align = 0;
	if (!t->block_font || size != t->block_size ||
	    (bold != 0) != t->block_bold) {
		if ((fd = pango_font_description_from_string(
		    t->style->font_family)) != NULL) {
			pango_font_description_set_size(fd,
			    (gint)(size * PANGO_SCALE + 0.5));
			pango_font_description_set_weight(fd, bold ?
			    PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
			pango_layout_set_font_description(l, fd);
			pango_font_description_free(fd);
		}
		t->block_font = 1;
		t->block_size = size;
		t->block_bold = bold != 0;
		t->block_text[0] = '\0';
		t->block_width = -2;
	}
	if (width != t->block_width || align != t->block_align) {
		pango_layout_set_width(l, width > 0 ?
		    (int)(width * PANGO_SCALE) : -1);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, al[align]);
		t->block_width = width;
		t->block_align = align;
		t->block_text[0] = '\0';
	}
	/* Short texts are remembered; the same again is not reshaped. */
	if (n == 0 || n >= sizeof t->block_text ||
	    strncmp(t->block_text, utf8, n) != 0 || t->block_text[n] != '\0') {
		pango_layout_set_text(l, utf8, (int)n);
		if (n > 0 && n < sizeof t->block_text) {
			memcpy(t->block_text, utf8, n);
			t->block_text[n] = '\0';
		} else
			t->block_text[0] = '\0';
	}
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

/* ---- Shaped text kept for drawing ----------------------------------- */

/*
 * Shaping is most of the cost of a picture, so the glyphs found while
 * measuring are kept, compactly, and drawn from here: text is shaped
 * once, on as many threads as measure.  Per glyph we keep 12 bytes (id,
 * x, y) plus its share of the text and clusters, so PDF text stays
 * selectable; a PangoLayout per topic would cost 2.6 KB.
 *
 * Drawing batches glyphs by font and colour into few cairo calls: a
 * cairo PDF surface records every call with a copy of its pattern and
 * clip, so 100 000 small calls cost far more than 100 large ones.  Text
 * is drawn after every box, which is safe because boxes never overlap.
 */

struct rm_glyphs *
rm_glyphs_new(size_t ntopics)
{
	struct rm_glyphs *g;

	if ((g = calloc(1, sizeof *g)) == NULL)
		return NULL;
	g->n = ntopics;
	if ((g->by_seq = calloc(ntopics ? ntopics : 1, sizeof *g->by_seq)) == NULL) {
		free(g);
		return NULL;
	}
	g_mutex_init(&g->lock);
	return g;
}

void
rm_glyphs_free(struct rm_glyphs *g)
{
	size_t i;

	if (g == NULL)
		return;
	for (i = 0; i < g->n; i++)
		free(g->by_seq[i]);
	for (i = 0; i < g->nfonts; i++)
		cairo_scaled_font_destroy(g->fonts[i]);
	free(g->fonts);
	free(g->by_seq);
	g_mutex_clear(&g->lock);
	free(g);
}

void
rm_text_keep_glyphs(struct rm_text *t, struct rm_glyphs *g, int owns)
{
	t->glyphs = g;
	t->owns_glyphs = owns;
	t->last_font = NULL;
}

struct rm_glyphs *
rm_text_glyphs(struct rm_text *t)
{
	return t->glyphs != NULL && !t->glyphs->failed ? t->glyphs : NULL;
}

/* The store's index for `sf`, adding it; (uint32_t)-1 on OOM. */
static uint32_t
font_index(struct rm_text *t, PangoFont *pf)
{
	struct rm_glyphs *g = t->glyphs;
	cairo_scaled_font_t *sf;
	uint32_t idx = (uint32_t)-1;
	size_t i;

	if (pf == t->last_font)
		return t->last_index;
	sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(pf));
	if (sf == NULL)
		return idx;
	g_mutex_lock(&g->lock);
	for (i = 0; i < g->nfonts; i++)
		if (g->fonts[i] == sf)
			break;
	if (i == g->nfonts) {
		if (g->nfonts == g->capfonts) {
			size_t cap = g->capfonts ? g->capfonts * 2 : 16;
			cairo_scaled_font_t **p = realloc(g->fonts,
			    cap * sizeof *p);

			if (p == NULL)
				goto out;
			g->fonts = p;
			g->capfonts = cap;
		}
		g->fonts[g->nfonts++] = cairo_scaled_font_reference(sf);
	}
	idx = (uint32_t)i;
	t->last_font = pf;
	t->last_index = idx;
out:
	g_mutex_unlock(&g->lock);
	return idx;
}

static int
keep_glyph(const PangoGlyphInfo *gi)
{
	return gi->glyph != PANGO_GLYPH_EMPTY &&
	    (gi->glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0;
}

/*
 * Keep the glyphs of the layout `l` just shaped for topic `seq`, whose
 * logical rectangle is `lr`.  Two passes over the runs: count, then
 * fill one block.  Clusters follow pangocairo's renderer: logical
 * order, glyphs counted per cluster.
 */
static void
keep_layout(struct rm_text *t, PangoLayout *l, const PangoRectangle *lr,
    const char *text, size_t seq)
{
	struct rm_glyphs *g = t->glyphs;
	struct rm_shaped *sh;
	PangoLayoutIter *it;
	size_t nruns = 0, nglyphs = 0, nclusters = 0, nbytes = 0, size, r;
	char *p;
	int pass;

	sh = NULL;
	for (pass = 0; pass < 2; pass++) {
		if ((it = pango_layout_get_iter(l)) == NULL)
			goto fail;
		r = 0;
		p = sh != NULL ? (char *)&sh->runs[nruns] : NULL;
		do {
			PangoGlyphItem *run = pango_layout_iter_get_run_readonly(it);
			PangoGlyphItemIter ci;
			PangoRectangle ext;
			struct rm_run *rr;
			double xpos, base;
			int i, have, k, kept;

			if (run == NULL || run->glyphs->num_glyphs == 0)
				continue;
			if (pass == 0) {
				nruns++;
				nbytes += (size_t)run->item->length;
				for (i = 0; i < run->glyphs->num_glyphs; i++)
					nglyphs += keep_glyph(&run->glyphs->glyphs[i]);
				for (have = pango_glyph_item_iter_init_start(&ci,
				    run, text); have;
				    have = pango_glyph_item_iter_next_cluster(&ci))
					nclusters++;
				continue;
			}
			rr = &sh->runs[r++];
			rr->font = font_index(t, run->item->analysis.font);
			if (rr->font == (uint32_t)-1)
				goto fail;
			rr->backward = run->item->analysis.level & 1;
			/* The previous run's text left p unaligned. */
			p += (4 - (uintptr_t)p % 4) % 4;
			rr->glyph = (uint32_t *)(void *)p;
			rr->nglyphs = 0;
			for (i = 0; i < run->glyphs->num_glyphs; i++)
				rr->nglyphs += keep_glyph(&run->glyphs->glyphs[i]);
			p += rr->nglyphs * sizeof(uint32_t);
			rr->x = (float *)(void *)p;
			p += rr->nglyphs * sizeof(float);
			rr->y = (float *)(void *)p;
			p += rr->nglyphs * sizeof(float);
			pango_layout_iter_get_run_extents(it, NULL, &ext);
			base = (double)(pango_layout_iter_get_baseline(it) - lr->y) /
			    PANGO_SCALE;
			xpos = (double)(ext.x - lr->x) / PANGO_SCALE;
			for (i = 0, k = 0; i < run->glyphs->num_glyphs; i++) {
				const PangoGlyphInfo *gi = &run->glyphs->glyphs[i];

				if (keep_glyph(gi)) {
					rr->glyph[k] = gi->glyph;
					rr->x[k] = (float)(xpos +
					    (double)gi->geometry.x_offset / PANGO_SCALE);
					rr->y[k] = (float)(base +
					    (double)gi->geometry.y_offset / PANGO_SCALE);
					k++;
				}
				xpos += (double)gi->geometry.width / PANGO_SCALE;
			}
			rr->cl = (struct rm_glyph_cluster *)(void *)p;
			rr->nclusters = 0;
			for (have = pango_glyph_item_iter_init_start(&ci, run, text);
			    have; have = pango_glyph_item_iter_next_cluster(&ci)) {
				struct rm_glyph_cluster *c = &rr->cl[rr->nclusters++];
				int a = rr->backward ? ci.end_glyph + 1 : ci.start_glyph;
				int b = rr->backward ? ci.start_glyph + 1 : ci.end_glyph;

				for (kept = 0, i = a; i < b; i++)
					kept += keep_glyph(&run->glyphs->glyphs[i]);
				c->nbytes = (uint16_t)(ci.end_index - ci.start_index);
				c->nglyphs = (uint16_t)kept;
			}
			p += rr->nclusters * sizeof(struct rm_glyph_cluster);
			rr->utf8 = p;
			rr->nbytes = (uint32_t)run->item->length;
			memcpy(p, text + run->item->offset, rr->nbytes);
			p += rr->nbytes;
		} while (pango_layout_iter_next_run(it));
		pango_layout_iter_free(it);
		if (pass == 0) {
			if (nruns == 0)
				return;
			size = sizeof *sh + nruns * sizeof(struct rm_run) +
			    nglyphs * (sizeof(uint32_t) + 2 * sizeof(float)) +
			    nclusters * sizeof(struct rm_glyph_cluster) + nbytes +
			    nruns * 3;	/* alignment */
			if ((sh = malloc(size)) == NULL)
				goto fail;
			sh->nruns = nruns;
		}
	}
	free(g->by_seq[seq]);
	g->by_seq[seq] = sh;
	return;
fail:
	free(sh);
	g->failed = 1;
}

/* Glyphs of one font and colour, waiting to be drawn in one call. */
struct batch {
	uint32_t	 font;
	uint32_t	 rgb;
	cairo_glyph_t	*glyphs;
	size_t		 nglyphs, capglyphs;
	cairo_text_cluster_t *cl;
	size_t		 ncl, capcl;
	char		*utf8;
	size_t		 nbytes, capbytes;
};

#define BATCH_FLUSH	32768	/* glyphs: keeps each batch's memory bounded */

static int
grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t c = *cap ? *cap : 256;
	void *q;

	if (need <= *cap)
		return 0;
	while (c < need)
		c *= 2;
	if ((q = realloc(*p, c * elem)) == NULL)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static void
flush_batch(const struct rm_glyphs *g, cairo_t *cr, struct batch *b,
    cairo_text_cluster_flags_t flags)
{
	if (b->nglyphs == 0 && b->nbytes == 0)
		return;
	cairo_set_scaled_font(cr, g->fonts[b->font]);
	set_rgb(cr, b->rgb);
	cairo_show_text_glyphs(cr, b->utf8, (int)b->nbytes, b->glyphs,
	    (int)b->nglyphs, b->cl, (int)b->ncl, flags);
	b->nglyphs = b->ncl = b->nbytes = 0;
}

static int
add_run(struct batch *b, const struct rm_run *rr, double x, double y)
{
	size_t i;

	if (grow((void **)&b->glyphs, &b->capglyphs, b->nglyphs + rr->nglyphs,
	    sizeof *b->glyphs) != 0 ||
	    grow((void **)&b->cl, &b->capcl, b->ncl + rr->nclusters,
	    sizeof *b->cl) != 0 ||
	    grow((void **)&b->utf8, &b->capbytes, b->nbytes + rr->nbytes, 1) != 0)
		return -1;
	for (i = 0; i < rr->nglyphs; i++) {
		cairo_glyph_t *cg = &b->glyphs[b->nglyphs++];

		cg->index = rr->glyph[i];
		cg->x = x + rr->x[i];
		cg->y = y + rr->y[i];
	}
	for (i = 0; i < rr->nclusters; i++) {
		b->cl[b->ncl].num_bytes = rr->cl[i].nbytes;
		b->cl[b->ncl].num_glyphs = rr->cl[i].nglyphs;
		b->ncl++;
	}
	memcpy(b->utf8 + b->nbytes, rr->utf8, rr->nbytes);
	b->nbytes += rr->nbytes;
	return 0;
}

int
rm_glyphs_draw(struct rm_glyphs *g, struct _cairo *cr, size_t n,
    const size_t *seqs, const double *x, const double *y,
    const uint32_t *rgb, int consume)
{
	struct batch *bs = NULL, one;
	size_t nb = 0, capb = 0, i, r, k;
	int rc = 0;

	memset(&one, 0, sizeof one);
	for (i = 0; i < n && rc == 0; i++) {
		size_t s = seqs[i];
		struct rm_shaped *sh = g->by_seq[s];

		if (sh == NULL)
			continue;
		for (r = 0; r < sh->nruns && rc == 0; r++) {
			const struct rm_run *rr = &sh->runs[r];
			struct batch *b = NULL;

			if (rr->backward) {
				/* Backward clusters index the whole call's
				 * glyphs from the end: one run per call. */
				one.font = rr->font;
				one.rgb = rgb[s];
				rc = add_run(&one, rr, x[s], y[s]);
				if (rc == 0)
					flush_batch(g, cr, &one,
					    CAIRO_TEXT_CLUSTER_FLAG_BACKWARD);
				continue;
			}
			for (k = 0; k < nb; k++)
				if (bs[k].font == rr->font && bs[k].rgb == rgb[s]) {
					b = &bs[k];
					break;
				}
			if (b == NULL) {
				if (grow((void **)&bs, &capb, nb + 1, sizeof *bs) != 0) {
					rc = -1;
					break;
				}
				b = &bs[nb++];
				memset(b, 0, sizeof *b);
				b->font = rr->font;
				b->rgb = rgb[s];
			}
			if ((rc = add_run(b, rr, x[s], y[s])) == 0 &&
			    b->nglyphs >= BATCH_FLUSH)
				flush_batch(g, cr, b, 0);
		}
		if (consume) {
			free(sh);
			g->by_seq[s] = NULL;
		}
	}
	/* The rest, in order of first use: same input, same bytes. */
	for (k = 0; k < nb; k++) {
		if (rc == 0)
			flush_batch(g, cr, &bs[k], 0);
		free(bs[k].glyphs);
		free(bs[k].cl);
		free(bs[k].utf8);
	}
	free(bs);
	free(one.glyphs);
	free(one.cl);
	free(one.utf8);
	return rc == 0 ? RAMIFY_OK : RAMIFY_ENOMEM;
}
