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
	struct rm_glyphs *glyphs;		/* where measuring keeps glyphs */
	int		 owns_glyphs;
	PangoFont	*last_font;		/* cache for font_index() */
	uint32_t	 last_index;
	char		 buf[RM_MAX_TEXT + 4];	/* capped copy of long text */
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
static void keep_layout(struct rm_text *, PangoLayout *, const PangoRectangle *,
    const char *, size_t);

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
	PangoLayout *l;

	l = prepare(t, tp, &lr);
	*w = (double)lr.width / PANGO_SCALE;
	*h = (double)lr.height / PANGO_SCALE;
	if (t->glyphs != NULL && tp->seq < t->glyphs->n)
		keep_layout(t, l, &lr, pango_layout_get_text(l), tp->seq);
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
