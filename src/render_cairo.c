/*
 * render_cairo.c: PDF, SVG and PNG output with cairo: surfaces, pages
 * and everything on a page that is not the map itself.
 *
 * The three writers share one path: measure and lay out
 * (rm_measured_layout), open a cairo surface that writes through the sink,
 * paint each page white, and let render_map.c draw the map on it.
 *
 * PDF: one page the size of the map (--page fit), or the map on printable
 * sheets (--page a4|a3|letter): on one sheet when it fits, else an
 * overview sheet and tiles that overlap by a band; then endnote pages;
 * metadata, a bookmark outline that mirrors the tree and page labels.
 * SVG: one image with a <title>, link regions and, with --svg-text, the
 * topics' text as <text> elements, added by the stream filter that also
 * makes cairo's ids deterministic.  PNG: one image at --dpi.
 * docs/output.md describes the result.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "render.h"

/* Acrobat refuses pages larger than 200 in (14 400 pt) on a side. */
#define PDF_MAX_SIDE	14400.0
/* cairo keeps device coordinates in 24.8 fixed point: stay well inside. */
#define SVG_MAX_SIDE	1000000.0
/* cairo image surfaces stop at 32 767 pixels on a side... */
#define PNG_MAX_SIDE	32767.0
/* ...and we stop at 1 GiB of pixels (4 bytes each). */
#define PNG_MAX_PIXELS	((double)(1 << 28))
/* Below 1/8 of a pixel per point the picture says nothing: refuse. */
#define PNG_MIN_SCALE	0.125

/*
 * Printed sheets.  The rule for the scale (docs/output.md): 100 % when
 * the map fits on one sheet; shrunk onto one sheet when it is at most
 * 1 / SHRINK_ONE too big; else tiles at 100 %, shrunk only as far as it
 * takes to get down to FEW_SHEETS and never below MIN_SCALE, so that
 * 10 pt type prints at 6 pt or more.
 */
#define MARGIN		36.0	/* unprinted edge, where the labels go */
#define BAND		24.0	/* strip printed on both adjacent sheets */
#define SHRINK_ONE	0.8
#define FEW_SHEETS	16
#define MIN_SCALE	0.6
#define MAX_SHEETS	10000	/* past this, say so instead of printing */
#define LABEL_SIZE	7.5
#define LABEL_GREY	0x59606b
#define MARK_GREY	0.45
#define BAND_TINT	0.94
#define GRID_RGB	0x2f5f9f
#define OVERVIEW_MIN_TYPE 1.5	/* points */

/* Endnote pages. */
#define NOTE_MARGIN	56.0
#define NOTE_SIZE	10.0
#define NOTE_INDENT	26.0
#define USED_SIZE	8.5
#define USED_MAX	12	/* topics named under a note, then "and N more" */
#define NOTE_CHUNK	16384	/* bytes handed to Pango at a time */

/* Bookmarks: entries deeper than this start closed, which also keeps
 * cairo's bookkeeping (it walks up through open parents) linear. */
#define OUTLINE_OPEN_DEPTH 8
#define OUTLINE_TITLE	48	/* characters of topic text in a bookmark */

static const struct paper {
	const char	*name;
	double		 w, h;
} papers[] = {
	[RM_PAGE_FIT] = { "fit", 0, 0 },
	[RM_PAGE_A4] = { "A4", 595.2756, 841.8898 },	/* 210 x 297 mm */
	[RM_PAGE_A3] = { "A3", 841.8898, 1190.5512 },	/* 297 x 420 mm */
	[RM_PAGE_LETTER] = { "Letter", 612, 792 },	/* 8.5 x 11 in */
};

static cairo_status_t
sink_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct rm_sink *sink = arg;

	rm_put(sink, data, len);
	return sink->err != 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The status for a cairo failure; a diagnostic unless the sink failed. */
static int
cairo_fail(struct rm_sink *sink, struct rm_diag *diag, cairo_status_t st,
    const char *what)
{
	if (sink->err != 0 || st == CAIRO_STATUS_WRITE_ERROR)
		return RAMIFY_EIO;
	if (st == CAIRO_STATUS_NO_MEMORY)
		return RAMIFY_ENOMEM;
	rm_error(diag, (struct rm_pos){0, 0}, "%s: %s", what,
	    cairo_status_to_string(st));
	return RAMIFY_EIO;
}

/*
 * `s` as one line of at most size - 1 bytes in `buf`: control characters
 * become spaces, and text that does not fit is cut at a character
 * boundary and ends in an ellipsis.  Model text is valid UTF-8.
 */
static const char *
one_line(const char *s, char *buf, size_t size)
{
	size_t n = strlen(s), i;

	if (n >= size) {
		n = size - 4;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	for (i = 0; i < n; i++)
		buf[i] = (unsigned char)s[i] < 0x20 ? ' ' : s[i];
	if (n < strlen(s))
		memcpy(buf + n, "\xe2\x80\xa6", 3), n += 3;	/* U+2026 */
	buf[n] = '\0';
	return buf;
}

/* Bytes in the first `k` characters of `s`. */
static size_t
first_chars(const char *s, size_t k)
{
	size_t n = 0;

	for (; s[n] != '\0'; n++)
		if (((unsigned char)s[n] & 0xc0) != 0x80 && k-- == 0)
			break;
	return n;
}

/* The map's title, else the root's text. */
static const char *
map_title(const struct ramify_doc *doc)
{
	return doc->title != NULL ? doc->title : doc->root->text;
}

/* The root topic's attribute `name` (any case), or NULL. */
static const char *
root_attr(const struct ramify_doc *doc, const char *name)
{
	const struct ramify_topic *t = doc->root;
	size_t i;

	for (i = 0; i < t->nattrs; i++)
		if (strcasecmp(t->attrs[i].name, name) == 0 &&
		    t->attrs[i].value[0] != '\0')
			return t->attrs[i].value;
	return NULL;
}

/*
 * One line of text in the page furniture, its top at y: starting at x
 * (align 0), centred on x (1) or ending at x (2).  Returns its height.
 */
static double
label(struct render *r, const char *s, double size, int bold, double x,
    double y, int align, uint32_t rgb)
{
	double w, h;

	rm_text_block(r->text, NULL, s, size, bold, -1, align, 0, 0, 0, &w,
	    &h);
	if (align == 1)
		x -= w / 2;
	else if (align == 2)
		x -= w;
	rm_text_block(r->text, r->cr, s, size, bold, -1, align, x, y, rgb,
	    NULL, NULL);
	return h;
}

/* ---- Page plan -------------------------------------------------------- */

struct plan {
	double	 pw, ph;	/* the (first) sheet, points */
	double	 s;		/* paper points per map point */
	double	 ox, oy;	/* one page: where map (0, 0) lands */
	int	 paper;		/* enum rm_page_size; RM_PAGE_FIT: no paper */
	size_t	 rows, cols;	/* tiles; 1 x 1 is one page, no overview */
	double	 cw, ch;	/* the sheet's printable area */
	double	 step_x, step_y; /* map points from a tile to the next */
	double	 view_w, view_h; /* map points a tile shows */
	double	 gx, gy;	/* map point at the top-left of tile A1 */
	double	 grid_w, grid_h; /* map points all tiles cover */
};

/* Tiles of `avail` paper points, overlapping by BAND, to cover `len`. */
static double
tiles_for(double len, double avail)
{
	if (len <= avail + 1e-6)
		return 1;
	return ceil((len - BAND) / (avail - BAND) - 1e-9);
}

static double
sheets_at(const struct plan *p, const struct rm_geom *g, double s)
{
	return tiles_for(g->width * s, p->cw) * tiles_for(g->height * s, p->ch);
}

static void
plan_pages(const struct rm_geom *g, const struct ramify_options *o,
    struct plan *p)
{
	double w = g->width, h = g->height, fit, s, lo, hi;
	int i;

	memset(p, 0, sizeof *p);
	p->rows = p->cols = 1;
	p->paper = o->page;
	if (o->page == RM_PAGE_FIT || o->page > RM_PAGE_LETTER) {
		p->paper = RM_PAGE_FIT;
		p->s = fmin(1, PDF_MAX_SIDE / fmax(w, h));
		p->pw = w * p->s;
		p->ph = h * p->s;
		return;
	}
	p->pw = papers[o->page].w;
	p->ph = papers[o->page].h;
	if (o->landscape) {
		p->pw = papers[o->page].h;
		p->ph = papers[o->page].w;
	}
	p->cw = p->pw - 2 * MARGIN;
	p->ch = p->ph - 2 * MARGIN;
	fit = fmin(p->cw / w, p->ch / h);
	if (fit >= SHRINK_ONE) {
		p->s = fmin(1, fit);
		p->ox = (p->pw - w * p->s) / 2;
		p->oy = (p->ph - h * p->s) / 2;
		return;
	}
	s = 1;
	if (sheets_at(p, g, 1) > FEW_SHEETS) {
		lo = MIN_SCALE;
		hi = 1;
		if (sheets_at(p, g, lo) <= FEW_SHEETS) {
			/* The largest scale that needs FEW_SHEETS, in whole
			 * per cent: fewer sheets never need a larger one. */
			for (i = 0; i < 30; i++) {
				double mid = (lo + hi) / 2;

				if (sheets_at(p, g, mid) <= FEW_SHEETS)
					lo = mid;
				else
					hi = mid;
			}
		}
		s = floor(lo * 100 + 1e-9) / 100;
	}
	p->s = s;
	p->cols = (size_t)tiles_for(w * s, p->cw);
	p->rows = (size_t)tiles_for(h * s, p->ch);
	p->view_w = p->cw / s;
	p->view_h = p->ch / s;
	p->step_x = (p->cw - BAND) / s;
	p->step_y = (p->ch - BAND) / s;
	p->grid_w = (double)(p->cols - 1) * p->step_x + p->view_w;
	p->grid_h = (double)(p->rows - 1) * p->step_y + p->view_h;
	/* The map centred in the area the tiles cover. */
	p->gx = -(p->grid_w - w) / 2;
	p->gy = -(p->grid_h - h) / 2;
	/* Cannot happen (a map that fits at 60 % fits at 80 %, and needs
	 * few sheets at 100 %), but a single tile is a centred page. */
	p->ox = (p->pw - w * s) / 2;
	p->oy = (p->ph - h * s) / 2;
}

static int
tiled(const struct plan *p)
{
	return p->rows * p->cols > 1;
}

/* Row `row` as letters, spreadsheet style (A..Z, AA..), then the column
 * from 1: "B3". */
static const char *
tile_name(size_t row, size_t col, char *buf, size_t size)
{
	char rev[16];
	size_t n = 0, k = row + 1, i;

	while (k > 0 && n < sizeof rev) {
		rev[n++] = (char)('A' + (k - 1) % 26);
		k = (k - 1) / 26;
	}
	for (i = 0; i < n && i + 1 < size; i++)
		buf[i] = rev[n - 1 - i];
	snprintf(buf + i, size - i, "%zu", col + 1);
	return buf;
}

/* The tile that shows the map point (x, y) best: the one whose share of
 * the grid, split at the middle of each band, holds it. */
static void
tile_of(const struct plan *p, double x, double y, size_t *row, size_t *col)
{
	double c = floor((x - p->gx - BAND / (2 * p->s)) / p->step_x);
	double rr = floor((y - p->gy - BAND / (2 * p->s)) / p->step_y);

	*col = c < 0 ? 0 : c >= (double)p->cols ? p->cols - 1 : (size_t)c;
	*row = rr < 0 ? 0 : rr >= (double)p->rows ? p->rows - 1 : (size_t)rr;
}

/* Where topic `i`'s box starts in the PDF: 1-based page and point, from
 * the top-left of that page. */
static void
topic_place(const struct plan *p, const struct rm_geom *g, size_t i,
    int *page, double *x, double *y)
{
	size_t row, col;

	if (!tiled(p)) {
		*page = 1;
		*x = p->ox + g->x[i] * p->s;
		*y = p->oy + g->y[i] * p->s;
		return;
	}
	tile_of(p, g->x[i] + g->w[i] / 2, g->y[i] + g->h[i] / 2, &row, &col);
	*page = 2 + (int)(row * p->cols + col);
	*x = MARGIN + (g->x[i] - (p->gx + (double)col * p->step_x)) * p->s;
	*y = MARGIN + (g->y[i] - (p->gy + (double)row * p->step_y)) * p->s;
}

/* ---- PDF pages -------------------------------------------------------- */

struct pdf {
	struct render	*r;
	cairo_surface_t	*s;
	const struct plan *plan;
	int		 npages;
	double		 w, h;		/* the current page's size */
	char		 title[200];
};

/* A new page of w x h points, labelled `name` in the viewer, painted
 * white: an opaque page first keeps cairo's analysis linear. */
static void
new_page(struct pdf *pdf, double w, double h, const char *name)
{
	cairo_t *cr = pdf->r->cr;

	if (pdf->npages > 0)
		cairo_show_page(cr);
	/* Only when it changes: cairo rounds a page's size when it is set
	 * again, and a long chain's page can be under 1 pt high. */
	if (w != pdf->w || h != pdf->h)
		cairo_pdf_surface_set_size(pdf->s, w, h);
	pdf->w = w;
	pdf->h = h;
	if (name != NULL)
		cairo_pdf_surface_set_page_label(pdf->s, name);
	pdf->npages++;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
}

/* A text hook that drops the text: type too small to read. */
static void
no_text(struct render *r, const struct ramify_topic *t, double x, double y,
    uint32_t rgb)
{
	(void)r, (void)t, (void)x, (void)y, (void)rgb;
}

/* The map onto r->cr as it is set up: RAMIFY_OK, or an error from
 * drawing it. */
static int
draw_map(struct render *r)
{
	return rm_render_map(r);
}

/* Draw the whole map, map point (0, 0) at (x, y), `s` paper points per
 * map point. */
static int
draw_whole(struct render *r, double x, double y, double s)
{
	int rc;

	cairo_save(r->cr);
	cairo_translate(r->cr, x, y);
	cairo_scale(r->cr, s, s);
	r->clip_on = 0;
	rc = draw_map(r);
	cairo_restore(r->cr);
	return rc;
}

static int
one_page(struct pdf *pdf)
{
	const struct plan *p = pdf->plan;

	new_page(pdf, p->pw, p->ph, NULL);
	return draw_whole(pdf->r, p->ox, p->oy, p->s);
}

static void
line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
}

/*
 * Crop marks at the corners of the printable area, and ticks where the
 * band shared with a neighbour begins: trim a sheet along its crop
 * marks and lay it on its neighbour with the edge on the ticks.
 */
static void
tile_marks(cairo_t *cr, const struct plan *p, size_t row, size_t col)
{
	double x0 = MARGIN, y0 = MARGIN, x1 = MARGIN + p->cw, y1 = MARGIN + p->ch;
	double gap = 3, len = 14;

	cairo_save(cr);
	cairo_set_source_rgb(cr, MARK_GREY, MARK_GREY, MARK_GREY);
	cairo_set_line_width(cr, 0.3);
	line(cr, x0 - gap, y0, x0 - gap - len, y0);
	line(cr, x0, y0 - gap, x0, y0 - gap - len);
	line(cr, x1 + gap, y0, x1 + gap + len, y0);
	line(cr, x1, y0 - gap, x1, y0 - gap - len);
	line(cr, x0 - gap, y1, x0 - gap - len, y1);
	line(cr, x0, y1 + gap, x0, y1 + gap + len);
	line(cr, x1 + gap, y1, x1 + gap + len, y1);
	line(cr, x1, y1 + gap, x1, y1 + gap + len);
	if (col > 0) {
		line(cr, x0 + BAND, y0 - gap, x0 + BAND, y0 - gap - len / 2);
		line(cr, x0 + BAND, y1 + gap, x0 + BAND, y1 + gap + len / 2);
	}
	if (col + 1 < p->cols) {
		line(cr, x1 - BAND, y0 - gap, x1 - BAND, y0 - gap - len / 2);
		line(cr, x1 - BAND, y1 + gap, x1 - BAND, y1 + gap + len / 2);
	}
	if (row > 0) {
		line(cr, x0 - gap, y0 + BAND, x0 - gap - len / 2, y0 + BAND);
		line(cr, x1 + gap, y0 + BAND, x1 + gap + len / 2, y0 + BAND);
	}
	if (row + 1 < p->rows) {
		line(cr, x0 - gap, y1 - BAND, x0 - gap - len / 2, y1 - BAND);
		line(cr, x1 + gap, y1 - BAND, x1 + gap + len / 2, y1 - BAND);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

/* The bands this tile shares with its neighbours, faintly shaded. */
static void
tile_bands(cairo_t *cr, const struct plan *p, size_t row, size_t col)
{
	double g = BAND_TINT;

	cairo_set_source_rgb(cr, g, g, g);
	if (col > 0)
		cairo_rectangle(cr, MARGIN, MARGIN, BAND, p->ch);
	if (col + 1 < p->cols)
		cairo_rectangle(cr, MARGIN + p->cw - BAND, MARGIN, BAND, p->ch);
	if (row > 0)
		cairo_rectangle(cr, MARGIN, MARGIN, p->cw, BAND);
	if (row + 1 < p->rows)
		cairo_rectangle(cr, MARGIN, MARGIN + p->ch - BAND, p->cw, BAND);
	cairo_fill(cr);
}

/* The labels in the margins: title, this sheet, its neighbours. */
static void
tile_labels(struct pdf *pdf, size_t row, size_t col)
{
	struct render *r = pdf->r;
	const struct plan *p = pdf->plan;
	char name[32], nb[32], buf[160];
	double top = MARGIN - 10 - LABEL_SIZE * 1.3, bottom = p->ph - MARGIN + 10;
	double midy = MARGIN + p->ch / 2;

	label(r, pdf->title, LABEL_SIZE, 0, MARGIN + 6, top, 0, LABEL_GREY);
	tile_name(row, col, name, sizeof name);
	snprintf(buf, sizeof buf, "%s \xe2\x80\x94 row %zu, column %zu", name,
	    row + 1, col + 1);
	label(r, buf, LABEL_SIZE + 1, 1, MARGIN + 6, bottom, 0, 0x1f2933);
	snprintf(buf, sizeof buf, "sheet %zu of %zu \xc2\xb7 %.0f %%",
	    row * p->cols + col + 1, p->rows * p->cols, p->s * 100);
	label(r, buf, LABEL_SIZE, 0, p->pw - MARGIN - 6, bottom, 2,
	    LABEL_GREY);
	/* Arrows to the neighbours, each in the margin on its side. */
	if (row > 0) {
		snprintf(buf, sizeof buf, "\xe2\x86\x91 %s",
		    tile_name(row - 1, col, nb, sizeof nb));
		label(r, buf, LABEL_SIZE, 1, p->pw / 2, top, 1, LABEL_GREY);
	}
	if (row + 1 < p->rows) {
		snprintf(buf, sizeof buf, "\xe2\x86\x93 %s",
		    tile_name(row + 1, col, nb, sizeof nb));
		label(r, buf, LABEL_SIZE, 1, p->pw / 2, bottom, 1, LABEL_GREY);
	}
	if (col > 0) {
		snprintf(buf, sizeof buf, "\xe2\x86\x90\n%s",
		    tile_name(row, col - 1, nb, sizeof nb));
		label(r, buf, LABEL_SIZE, 1, MARGIN / 2, midy - LABEL_SIZE, 1,
		    LABEL_GREY);
	}
	if (col + 1 < p->cols) {
		snprintf(buf, sizeof buf, "\xe2\x86\x92\n%s",
		    tile_name(row, col + 1, nb, sizeof nb));
		label(r, buf, LABEL_SIZE, 1, p->pw - MARGIN / 2,
		    midy - LABEL_SIZE, 1, LABEL_GREY);
	}
}

static int
tile_page(struct pdf *pdf, size_t row, size_t col)
{
	struct render *r = pdf->r;
	const struct plan *p = pdf->plan;
	cairo_t *cr = r->cr;
	double x0 = p->gx + (double)col * p->step_x;
	double y0 = p->gy + (double)row * p->step_y;
	char name[32];
	int rc;

	new_page(pdf, p->pw, p->ph, tile_name(row, col, name, sizeof name));
	tile_bands(cr, p, row, col);
	cairo_save(cr);
	cairo_rectangle(cr, MARGIN, MARGIN, p->cw, p->ch);
	cairo_clip(cr);
	cairo_translate(cr, MARGIN - x0 * p->s, MARGIN - y0 * p->s);
	cairo_scale(cr, p->s, p->s);
	/* Only what shows on this tile: a large map is not drawn whole
	 * on every sheet. */
	r->clip_on = 1;
	r->clip[0] = x0;
	r->clip[1] = y0;
	r->clip[2] = x0 + p->view_w;
	r->clip[3] = y0 + p->view_h;
	rc = draw_map(r);
	r->clip_on = 0;
	cairo_restore(cr);
	tile_marks(cr, p, row, col);
	tile_labels(pdf, row, col);
	return rc;
}

/* The whole map on one sheet with the tiles drawn over it. */
static int
overview_page(struct pdf *pdf)
{
	struct render *r = pdf->r;
	const struct plan *p = pdf->plan;
	cairo_t *cr = r->cr;
	double so = fmin(p->cw / p->grid_w, p->ch / p->grid_h);
	double bx = MARGIN + (p->cw - p->grid_w * so) / 2;
	double by = MARGIN + (p->ch - p->grid_h * so) / 2;
	double half = BAND / (2 * p->s), size;
	char name[32], buf[200];
	size_t i, j;
	int rc;

	new_page(pdf, p->pw, p->ph, "Overview");
	/* Where the smallest type would print below OVERVIEW_MIN_TYPE the
	 * overview shows boxes and branches only: the tiles have the text,
	 * and a large map draws much faster without it. */
	if (r->style->font_size[3] * so < OVERVIEW_MIN_TYPE)
		r->text_hook = no_text;
	rc = draw_whole(r, bx - p->gx * so, by - p->gy * so, so);
	r->text_hook = NULL;
	if (rc != RAMIFY_OK)
		return rc;

	/* The grid: each tile's share, split in the middle of the bands. */
	cairo_save(cr);
	cairo_set_source_rgba(cr, ((GRID_RGB >> 16) & 0xff) / 255.0,
	    ((GRID_RGB >> 8) & 0xff) / 255.0, (GRID_RGB & 0xff) / 255.0, 0.85);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, bx, by, p->grid_w * so, p->grid_h * so);
	for (j = 1; j < p->cols; j++) {
		double x = bx + ((double)j * p->step_x + half) * so;

		line(cr, x, by, x, by + p->grid_h * so);
	}
	for (i = 1; i < p->rows; i++) {
		double y = by + ((double)i * p->step_y + half) * so;

		line(cr, bx, y, bx + p->grid_w * so, y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);

	/* Each share labelled in its middle, on a light chip. */
	size = fmin(p->step_x, p->step_y) * so * 0.22;
	size = size > 28 ? 28 : size;
	for (i = 0; size >= 4 && i < p->rows; i++)
		for (j = 0; j < p->cols; j++) {
			double x0 = j == 0 ? 0 : (double)j * p->step_x + half;
			double x1 = j + 1 == p->cols ? p->grid_w :
			    (double)(j + 1) * p->step_x + half;
			double y0 = i == 0 ? 0 : (double)i * p->step_y + half;
			double y1 = i + 1 == p->rows ? p->grid_h :
			    (double)(i + 1) * p->step_y + half;
			double cx = bx + (x0 + x1) / 2 * so;
			double cy = by + (y0 + y1) / 2 * so, w, h;

			tile_name(i, j, name, sizeof name);
			rm_text_block(r->text, NULL, name, size, 1, -1, 0, 0,
			    0, 0, &w, &h);
			cairo_set_source_rgba(cr, 1, 1, 1, 0.8);
			cairo_rectangle(cr, cx - w / 2 - size * 0.25,
			    cy - h / 2, w + size * 0.5, h);
			cairo_fill(cr);
			rm_text_block(r->text, cr, name, size, 1, -1, 0,
			    cx - w / 2, cy - h / 2, GRID_RGB, NULL, NULL);
		}

	label(r, pdf->title, LABEL_SIZE, 0, MARGIN + 6,
	    MARGIN - 10 - LABEL_SIZE * 1.3, 0, LABEL_GREY);
	snprintf(buf, sizeof buf, "Overview \xe2\x80\x94 %zu %s \xc3\x97 %zu "
	    "%s, %zu sheets at %.0f %%", p->rows, p->rows == 1 ? "row" : "rows",
	    p->cols, p->cols == 1 ? "column" : "columns", p->rows * p->cols,
	    p->s * 100);
	label(r, buf, LABEL_SIZE + 1, 1, MARGIN + 6, p->ph - MARGIN + 10, 0,
	    0x1f2933);
	label(r, "Tape the sheets together where the shaded bands overlap.",
	    LABEL_SIZE, 0, p->pw - MARGIN - 6, p->ph - MARGIN + 10, 2,
	    LABEL_GREY);
	return RAMIFY_OK;
}

/* ---- Endnote pages ---------------------------------------------------- */

struct flow {
	struct pdf	*pdf;
	double		 pw, ph;
	double		 x, w, y, top, bottom;
	int		 first_page;	/* PDF page number, 0 before any */
	int		 page;		/* notes page, from 1 */
	char		*buf;		/* NOTE_CHUNK + 1 bytes */
};

static void
flow_page(struct flow *f)
{
	struct render *r = f->pdf->r;
	char name[32], foot[48];

	f->page++;
	snprintf(name, sizeof name, "Notes %d", f->page);
	new_page(f->pdf, f->pw, f->ph, name);
	if (f->first_page == 0)
		f->first_page = f->pdf->npages;
	snprintf(foot, sizeof foot, "Notes \xc2\xb7 %d", f->page);
	label(r, foot, LABEL_SIZE, 0, f->pw / 2, f->ph - NOTE_MARGIN / 2, 1,
	    LABEL_GREY);
	f->y = f->top;
}

/* Height of s[0..n) set in the flow's column less `indent`. */
static double
flow_measure(struct flow *f, const char *s, size_t n, double size, int bold,
    double indent)
{
	double h;

	memcpy(f->buf, s, n);
	f->buf[n] = '\0';
	rm_text_block(f->pdf->r->text, NULL, f->buf, size, bold, f->w - indent,
	    0, 0, 0, 0, NULL, &h);
	return h;
}

/* The longest prefix of s[0..n) that fits in `avail` points of height,
 * ending at a character boundary; 0 when not even one character does. */
static size_t
flow_fit(struct flow *f, const char *s, size_t n, double size, int bold,
    double indent, double avail)
{
	size_t lo = 0, hi = n, mid;

	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		while (mid > lo && ((unsigned char)s[mid] & 0xc0) == 0x80)
			mid--;
		if (mid == lo) {
			mid = lo + 1;
			while (mid < hi && ((unsigned char)s[mid] & 0xc0) == 0x80)
				mid++;
			if (mid == hi)
				break;
		}
		if (flow_measure(f, s, mid, size, bold, indent) <= avail)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Set s[0..n) in the column, `indent` points in, wrapped, breaking onto
 * new pages as often as it takes: a paragraph is split after the last
 * space that fits (or anywhere, for text without spaces).
 */
static void
flow_text(struct flow *f, const char *s, size_t n, double size, int bold,
    double indent, uint32_t rgb)
{
	while (n > 0) {
		size_t len = n, k;
		double h;

		if (len > NOTE_CHUNK) {
			len = NOTE_CHUNK;
			while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
				len--;
			for (k = len; k > 0 && s[k - 1] != ' '; k--)
				continue;
			if (k > 0)
				len = k;
		}
		h = flow_measure(f, s, len, size, bold, indent);
		if (f->y + h > f->bottom) {
			k = flow_fit(f, s, len, size, bold, indent,
			    f->bottom - f->y);
			if (k == 0 && f->y > f->top) {
				flow_page(f);
				continue;
			}
			if (k == 0) {	/* taller than a page: one character */
				k = 1;
				while (k < len &&
				    ((unsigned char)s[k] & 0xc0) == 0x80)
					k++;
			}
			len = k;
			for (k = len; k > 0 && s[k - 1] != ' '; k--)
				continue;
			if (k > 0 && len < n)
				len = k;
			h = flow_measure(f, s, len, size, bold, indent);
		}
		memcpy(f->buf, s, len);
		f->buf[len] = '\0';
		rm_text_block(f->pdf->r->text, f->pdf->r->cr, f->buf, size, bold,
		    f->w - indent, 0, f->x + indent, f->y, rgb, NULL, NULL);
		f->y += h;
		s += len;
		n -= len;
		while (n > 0 && (*s == ' ' || *s == '\n')) {
			s++;
			n--;
		}
		if (n > 0 && f->y + size > f->bottom)
			flow_page(f);
	}
}

/* A note's paragraphs (separated by "\n\n"), `indent` points in. */
static void
flow_note(struct flow *f, const char *text, double indent)
{
	const char *p = text, *end;

	while (*p != '\0') {
		end = strstr(p, "\n\n");
		if (end == NULL)
			end = p + strlen(p);
		if (end > p) {
			flow_text(f, p, (size_t)(end - p), NOTE_SIZE, 0, indent,
			    0x1f2933);
			f->y += NOTE_SIZE * 0.45;
		}
		p = *end != '\0' ? end + 2 : end;
	}
}

/* Start a block that needs `need` points here, or on a new page. */
static void
flow_need(struct flow *f, double need)
{
	if (f->page == 0 || (f->y > f->top && f->y + need > f->bottom))
		flow_page(f);
}

/* "Topic A · Topic B · and 3 more": the topics that use note k. */
static char *
used_by(const struct ramify_doc *doc, const size_t *users, size_t nusers)
{
	char one[96], *s;
	size_t i, len = 0, cap = 64 + USED_MAX * (sizeof one + 4);

	if ((s = malloc(cap)) == NULL)
		return NULL;
	s[0] = '\0';
	for (i = 0; i < nusers && i < USED_MAX; i++) {
		one_line(doc->topics[users[i]]->text, one, sizeof one);
		len += (size_t)snprintf(s + len, cap - len, "%s%s",
		    i > 0 ? " \xc2\xb7 " : "", one[0] != '\0' ? one : "\xe2\x80\x94");
	}
	if (nusers > USED_MAX)
		snprintf(s + len, cap - len, " \xc2\xb7 and %zu more",
		    nusers - USED_MAX);
	return s;
}

/*
 * Notes after the map, in number order: each with its number, the topics
 * that use it, and its paragraphs.  Map-level notes no topic uses come
 * first, unnumbered.  Returns RAMIFY_OK or RAMIFY_ENOMEM; f->first_page
 * is the first page's number, 0 when there are no notes.
 */
static int
endnotes(struct pdf *pdf, struct flow *f)
{
	const struct ramify_doc *doc = pdf->r->doc;
	size_t *num = NULL, *order = NULL, *start = NULL, *users = NULL;
	size_t nnum, nuse = 0, nintro = 0, i, j;
	int rc = RAMIFY_ENOMEM;

	memset(f, 0, sizeof *f);
	f->pdf = pdf;
	if (doc->nnotes == 0)
		return RAMIFY_OK;
	num = calloc(doc->nnotes, sizeof *num);
	order = calloc(doc->nnotes, sizeof *order);
	start = calloc(doc->nnotes + 1, sizeof *start);
	f->buf = malloc(NOTE_CHUNK + 1);
	if (num == NULL || order == NULL || start == NULL || f->buf == NULL)
		goto out;
	nnum = rm_doc_number_notes(doc, num, order);
	for (i = 0; i < doc->nmap_notes; i++)
		nintro += num[doc->map_notes[i]] == 0;
	if (nnum == 0 && nintro == 0) {
		rc = RAMIFY_OK;
		goto out;
	}
	/* Topics by note, in document order: count, then place. */
	for (i = 0; i < doc->ntopics; i++)
		for (j = 0; j < doc->topics[i]->nnotes; j++) {
			start[doc->topics[i]->notes[j] + 1]++;
			nuse++;
		}
	for (i = 0; i < doc->nnotes; i++)
		start[i + 1] += start[i];
	if ((users = malloc((nuse + 1) * sizeof *users)) == NULL)
		goto out;
	for (i = 0; i < doc->ntopics; i++)
		for (j = 0; j < doc->topics[i]->nnotes; j++)
			users[start[doc->topics[i]->notes[j]]++] = i;
	/* start[k] is now the end of note k's run; the run starts at
	 * start[k - 1] (0 for the first). */

	f->pw = papers[pdf->plan->paper == RM_PAGE_FIT ? RM_PAGE_A4 :
	    pdf->plan->paper].w;
	f->ph = papers[pdf->plan->paper == RM_PAGE_FIT ? RM_PAGE_A4 :
	    pdf->plan->paper].h;
	f->x = NOTE_MARGIN;
	f->w = f->pw - 2 * NOTE_MARGIN;
	f->top = NOTE_MARGIN;
	f->bottom = f->ph - NOTE_MARGIN;
	flow_page(f);
	f->y += label(pdf->r, "Notes", 16, 1, f->x, f->y, 0, 0x1f2933);
	f->y += 6;
	for (i = 0; i < doc->nmap_notes; i++) {
		size_t k = doc->map_notes[i];

		if (num[k] != 0)
			continue;
		flow_need(f, NOTE_SIZE * 3);
		flow_note(f, doc->notes[k].text, 0);
		f->y += NOTE_SIZE * 0.6;
	}
	for (i = 0; i < nnum; i++) {
		size_t k = order[i], s0 = k == 0 ? 0 : start[k - 1];
		char no[32], *who;

		flow_need(f, NOTE_SIZE * 4);
		snprintf(no, sizeof no, "%zu", i + 1);
		label(pdf->r, no, NOTE_SIZE, 1, f->x, f->y, 0, 0x1f2933);
		if ((who = used_by(doc, users + s0, start[k] - s0)) == NULL)
			goto out;
		flow_text(f, who, strlen(who), USED_SIZE, 1, NOTE_INDENT,
		    LABEL_GREY);
		free(who);
		f->y += 2;
		flow_note(f, doc->notes[k].text, NOTE_INDENT);
		f->y += NOTE_SIZE * 0.6;
	}
	rc = RAMIFY_OK;
out:
	free(num);
	free(order);
	free(start);
	free(users);
	free(f->buf);
	f->buf = NULL;
	return rc;
}

/* ---- PDF outline and metadata ----------------------------------------- */

/*
 * Bookmarks that mirror the tree, each pointing at its topic on the page
 * that shows it (a folded-away topic at the folded topic that hides it).
 * Folded topics start closed.  One loop in seq order: a parent always
 * comes before its children.
 */
static int
pdf_outline(struct pdf *pdf, int notes_page)
{
	const struct render *r = pdf->r;
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	size_t n = doc->ntopics, i;
	size_t *anchor = malloc(n * sizeof *anchor);
	int *id = malloc(n * sizeof *id);
	char title[OUTLINE_TITLE * 4 + 8], attr[96];

	if (anchor == NULL || id == NULL) {
		free(anchor);
		free(id);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < n; i++) {
		const struct ramify_topic *t = doc->topics[i];
		int page, parent, flags = 0;
		double x, y;

		anchor[i] = t->parent != NULL && r->hidden[i] ?
		    anchor[t->parent->seq] : i;
		topic_place(pdf->plan, g, anchor[i], &page, &x, &y);
		/* Whole points: no locale can turn them into "1,5". */
		snprintf(attr, sizeof attr, "page=%d pos=[%ld %ld]", page,
		    lround(fmax(0, x - 12)), lround(fmax(0, y - 12)));
		/* Outline panels show a few words; titles that are not
		 * ASCII take 4 bytes a character in the file. */
		one_line(t->text, title, first_chars(t->text, OUTLINE_TITLE) + 4);
		if (title[0] == '\0')
			strcpy(title, "\xe2\x80\x94");
		if (t->first != NULL && !t->folded && g->nhidden[i] == 0 &&
		    t->depth < OUTLINE_OPEN_DEPTH)
			flags = CAIRO_PDF_OUTLINE_FLAG_OPEN;
		parent = t->parent != NULL ? id[t->parent->seq] :
		    CAIRO_PDF_OUTLINE_ROOT;
		id[i] = cairo_pdf_surface_add_outline(pdf->s, parent, title,
		    attr, flags);
	}
	if (notes_page > 0) {
		snprintf(attr, sizeof attr, "page=%d", notes_page);
		cairo_pdf_surface_add_outline(pdf->s, CAIRO_PDF_OUTLINE_ROOT,
		    "Notes", attr, 0);
	}
	free(anchor);
	free(id);
	return RAMIFY_OK;
}

/* Title, author, subject (the options', else the root's attributes),
 * creator, and dates pinned so that the same input gives the same bytes. */
static void
pdf_metadata(struct pdf *pdf, const struct ramify_options *o)
{
	const struct ramify_doc *doc = pdf->r->doc;
	const char *author = o->author, *subject = o->subject;
	char buf[512];

	if (author[0] == '\0')
		author = root_attr(doc, "author");
	if (subject[0] == '\0')
		subject = root_attr(doc, "subject");
	cairo_pdf_surface_set_metadata(pdf->s, CAIRO_PDF_METADATA_TITLE,
	    one_line(map_title(doc), buf, sizeof buf));
	if (author != NULL)
		cairo_pdf_surface_set_metadata(pdf->s,
		    CAIRO_PDF_METADATA_AUTHOR, one_line(author, buf, sizeof buf));
	if (subject != NULL)
		cairo_pdf_surface_set_metadata(pdf->s,
		    CAIRO_PDF_METADATA_SUBJECT,
		    one_line(subject, buf, sizeof buf));
	cairo_pdf_surface_set_metadata(pdf->s, CAIRO_PDF_METADATA_CREATOR,
	    "ramify");
	cairo_pdf_surface_set_metadata(pdf->s, CAIRO_PDF_METADATA_CREATE_DATE,
	    "2000-01-01T00:00:00Z");
	cairo_pdf_surface_set_metadata(pdf->s, CAIRO_PDF_METADATA_MOD_DATE,
	    "2000-01-01T00:00:00Z");
}

static int
write_pdf(struct render *r, const struct ramify_options *o,
    struct rm_sink *sink, struct rm_diag *diag)
{
	struct plan plan;
	struct pdf pdf;
	struct flow flow;
	cairo_status_t cst;
	size_t i, j;
	int rc;

	plan_pages(r->geom, o, &plan);
	if (plan.rows * plan.cols > MAX_SHEETS) {
		rm_error(diag, (struct rm_pos){0, 0}, "map needs %zu %s sheets "
		    "at %.0f %% (more than %d); use --page fit",
		    plan.rows * plan.cols, papers[plan.paper].name,
		    plan.s * 100, MAX_SHEETS);
		return RAMIFY_ELIMIT;
	}
	memset(&pdf, 0, sizeof pdf);
	pdf.r = r;
	pdf.plan = &plan;
	pdf.w = plan.pw;
	pdf.h = plan.ph;
	one_line(map_title(r->doc), pdf.title, sizeof pdf.title);
	pdf.s = cairo_pdf_surface_create_for_stream(sink_write, sink, plan.pw,
	    plan.ph);
	if ((cst = cairo_surface_status(pdf.s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot create the surface");
		goto out;
	}
	pdf_metadata(&pdf, o);
	r->cr = cairo_create(pdf.s);
	/* One page draws each topic's glyphs once and can free them as it
	 * goes; the overview and the tiles draw them again. */
	r->consume_glyphs = !tiled(&plan);
	if (tiled(&plan)) {
		rc = overview_page(&pdf);
		for (i = 0; i < plan.rows && rc == RAMIFY_OK; i++)
			for (j = 0; j < plan.cols && rc == RAMIFY_OK; j++)
				rc = tile_page(&pdf, i, j);
	} else
		rc = one_page(&pdf);
	if (rc != RAMIFY_OK)
		goto out;
	memset(&flow, 0, sizeof flow);
	if (o->notes == RM_NOTES_ENDNOTES &&
	    (rc = endnotes(&pdf, &flow)) != RAMIFY_OK)
		goto out;
	cairo_show_page(r->cr);
	if ((rc = pdf_outline(&pdf, flow.first_page)) != RAMIFY_OK)
		goto out;
	if ((cst = cairo_status(r->cr)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot draw the map");
		goto out;
	}
	cairo_destroy(r->cr);
	r->cr = NULL;
	/* Most of the file is written here: check again. */
	cairo_surface_finish(pdf.s);
	if ((cst = cairo_surface_status(pdf.s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot finish the output");
		goto out;
	}
	rc = sink->err;
out:
	if (r->cr != NULL)
		cairo_destroy(r->cr);
	r->cr = NULL;
	if (pdf.s != NULL)
		cairo_surface_destroy(pdf.s);
	return rc;
}

/* ---- SVG ---------------------------------------------------------------- */

/*
 * XML text of s[0..n), escaped by rm_put_xml(), with the two characters
 * XML refuses although they are valid UTF-8 (U+FFFE, U+FFFF) as U+FFFD.
 * Cut into pieces at character boundaries only.
 */
static void
svg_put_xml(struct rm_sink *sink, const char *s, size_t n)
{
	char buf[256];
	size_t i, k = 0;

	for (i = 0; i < n; i++) {
		if (k + 8 > sizeof buf && ((unsigned char)s[i] & 0xc0) != 0x80) {
			buf[k] = '\0';
			rm_put_xml(sink, buf);
			k = 0;
		}
		buf[k++] = s[i];
		if (k >= 3 && (unsigned char)buf[k - 3] == 0xef &&
		    (unsigned char)buf[k - 2] == 0xbf &&
		    ((unsigned char)buf[k - 1] & 0xfe) == 0xbe)
			buf[k - 1] = (char)0xbd;
	}
	buf[k] = '\0';
	rm_put_xml(sink, buf);
}

/* A line of text, without the spaces it ends in. */
static void
svg_put_line(struct rm_sink *sink, const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	svg_put_xml(sink, s, n);
}

/*
 * The filter between cairo and the sink, in two stages.
 *
 * cairo names SVG groups "surface<N>" after a counter global to the
 * process, so the same map would come out different the second time.
 * The first stage renumbers them in order of appearance.  Glyphs are
 * paths, so no user text goes through here to be mangled.
 *
 * The second stage puts the map's language on the <svg> element and a
 * <title> right after its start tag, and
 * holds back the last bytes so that link regions and <text> elements can
 * go in before "</svg>" once cairo is done.
 */
#define SVG_WORD	"surface"
#define SVG_WORDLEN	7
#define SVG_MAXIDS	32
#define SVG_TAIL	32

struct svg_filter {
	struct rm_sink	*sink;
	int		 matched;	/* bytes of SVG_WORD held back */
	int		 ndigits;
	unsigned long	 num;
	unsigned long	 ids[SVG_MAXIDS];
	size_t		 nids;
	/* second stage */
	const char	*title, *lang;
	int		 opened;	/* past the <svg ...> start tag */
	int		 svgmatch;	/* bytes of "<svg" seen */
	unsigned char	 tail[SVG_TAIL];
	size_t		 ntail;
};

/* Pass bytes on, keeping the last SVG_TAIL back. */
static void
svg_hold(struct svg_filter *f, const unsigned char *p, size_t n)
{
	size_t out;

	if (f->ntail + n <= SVG_TAIL) {
		memcpy(f->tail + f->ntail, p, n);
		f->ntail += n;
		return;
	}
	out = f->ntail + n - SVG_TAIL;
	if (out <= f->ntail) {
		rm_put(f->sink, f->tail, out);
		memmove(f->tail, f->tail + out, f->ntail - out);
		memcpy(f->tail + f->ntail - out, p, n);
	} else {
		rm_put(f->sink, f->tail, f->ntail);
		rm_put(f->sink, p, out - f->ntail);
		memcpy(f->tail, p + (out - f->ntail), SVG_TAIL);
	}
	f->ntail = SVG_TAIL;
}

/* The second stage: the <title> after the start tag, then hold. */
static void
svg_pass(struct svg_filter *f, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t i;

	if (!f->opened)
		for (i = 0; i < n; i++) {
			if (f->svgmatch < 4) {
				f->svgmatch = p[i] == (unsigned char)"<svg"[f->svgmatch] ?
				    f->svgmatch + 1 : p[i] == '<';
				continue;
			}
			if (p[i] != '>')
				continue;
			svg_hold(f, p, i);
			rm_put(f->sink, f->tail, f->ntail);
			f->ntail = 0;
			if (f->lang != NULL) {
				/* Browsers choose fonts by language. */
				rm_puts(f->sink, " xml:lang=\"");
				svg_put_xml(f->sink, f->lang, strlen(f->lang));
				rm_putc(f->sink, '"');
			}
			rm_puts(f->sink, ">\n<title>");
			svg_put_xml(f->sink, f->title, strlen(f->title));
			rm_puts(f->sink, "</title>");
			f->opened = 1;
			p += i + 1;
			n -= i + 1;
			break;
		}
	svg_hold(f, p, n);
}

/* Emit the held-back word and number, renumbered. */
static void
svg_release(struct svg_filter *f)
{
	char num[32];
	size_t i;

	svg_pass(f, SVG_WORD, (size_t)f->matched);
	if (f->matched == SVG_WORDLEN && f->ndigits > 0) {
		for (i = 0; i < f->nids && f->ids[i] != f->num; i++)
			continue;
		if (i == f->nids && f->nids < SVG_MAXIDS)
			f->ids[f->nids++] = f->num;
		/* Past SVG_MAXIDS ids: keep cairo's number (none of our
		 * drawings gets near). */
		snprintf(num, sizeof num, "%lu", i < SVG_MAXIDS ?
		    (unsigned long)i + 1 : f->num);
		svg_pass(f, num, strlen(num));
	}
	f->matched = 0;
	f->ndigits = 0;
	f->num = 0;
}

static cairo_status_t
svg_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct svg_filter *f = arg;
	size_t i, run = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = data[i];

		if (f->matched == 0) {
			if (c != 's')
				continue;
			svg_pass(f, data + run, i - run);
			f->matched = 1;
			run = i + 1;
			continue;
		}
		run = i + 1;
		if (f->matched < SVG_WORDLEN && c == SVG_WORD[f->matched]) {
			f->matched++;
			continue;
		}
		if (f->matched == SVG_WORDLEN && c >= '0' && c <= '9' &&
		    f->ndigits < 9) {
			f->num = f->num * 10 + (unsigned long)(c - '0');
			f->ndigits++;
			continue;
		}
		svg_release(f);
		/* Look at this byte again from the start. */
		run = i;
		i--;
	}
	if (f->matched == 0)
		svg_pass(f, data + run, len - run);
	return f->sink->err != 0 ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS;
}

/* --svg-text: where each topic's text block went, by seq. */
struct svg_text {
	double		*x, *y;
	uint32_t	*rgb;
	unsigned char	*drawn;
	struct rm_sink	*sink;
	double		 s;		/* map points to SVG units */
	double		 bx, by;	/* the block being written */
	uint32_t	 cur_rgb;
	int		 lv, nlines;
	double		 fx, fy;	/* its first line, held back */
	char		*first;		/* RM_MAX_TEXT + 8 bytes */
};

static void
svg_text_hook(struct render *r, const struct ramify_topic *t, double x,
    double y, uint32_t rgb)
{
	struct svg_text *st = r->hook_arg;

	st->x[t->seq] = x;
	st->y[t->seq] = y;
	st->rgb[t->seq] = rgb;
	st->drawn[t->seq] = 1;
}

/* A number with at most two decimals, without locale. */
static void
svg_num(struct rm_sink *sink, double v)
{
	long c = lround(v * 100);

	if (c < 0) {
		rm_putc(sink, '-');
		c = -c;
	}
	if (c % 100 == 0)
		rm_printf(sink, "%ld", c / 100);
	else if (c % 10 == 0)
		rm_printf(sink, "%ld.%ld", c / 100, c % 100 / 10);
	else
		rm_printf(sink, "%ld.%02ld", c / 100, c % 100);
}

static void
svg_line_start(struct svg_text *st)
{
	rm_printf(st->sink, "<text class=\"t%d\" fill=\"#%06lx\"", st->lv,
	    (unsigned long)st->cur_rgb);
}

/* rm_text_lines() callback: one line, as a <tspan> from the second on. */
static void
svg_line(void *arg, const char *utf8, size_t len, double x, double base)
{
	struct svg_text *st = arg;
	struct rm_sink *sink = st->sink;

	if (st->nlines++ == 0) {
		/* Held back: a one-line block needs no <tspan>. */
		memcpy(st->first, utf8, len);
		st->first[len] = '\0';
		st->fx = x;
		st->fy = base;
		return;
	}
	if (st->nlines == 2) {
		svg_line_start(st);
		rm_puts(sink, "><tspan x=\"");
		svg_num(sink, (st->bx + st->fx) * st->s);
		rm_puts(sink, "\" y=\"");
		svg_num(sink, (st->by + st->fy) * st->s);
		rm_puts(sink, "\">");
		svg_put_line(sink, st->first, strlen(st->first));
		rm_puts(sink, "</tspan>");
	}
	rm_puts(sink, "<tspan x=\"");
	svg_num(sink, (st->bx + x) * st->s);
	rm_puts(sink, "\" y=\"");
	svg_num(sink, (st->by + base) * st->s);
	rm_puts(sink, "\">");
	svg_put_line(sink, utf8, len);
	rm_puts(sink, "</tspan>");
}

/* Topic i's text block as one <text> element. */
static void
svg_text_topic(struct render *r, struct svg_text *st, size_t i)
{
	struct rm_sink *sink = st->sink;

	st->bx = st->x[i];
	st->by = st->y[i];
	st->cur_rgb = st->rgb[i];
	st->lv = rm_style_level(r->doc->topics[i]->depth);
	st->nlines = 0;
	rm_text_lines(r->text, r->doc->topics[i], svg_line, st);
	if (st->nlines == 1) {
		svg_line_start(st);
		rm_puts(sink, " x=\"");
		svg_num(sink, (st->bx + st->fx) * st->s);
		rm_puts(sink, "\" y=\"");
		svg_num(sink, (st->by + st->fy) * st->s);
		rm_puts(sink, "\">");
		svg_put_line(sink, st->first, strlen(st->first));
		rm_puts(sink, "</text>\n");
	} else if (st->nlines > 1)
		rm_puts(sink, "</text>\n");
}

/* The fonts of the <text> elements, one class per level. */
static void
svg_text_style(struct render *r, struct svg_text *st)
{
	const struct rm_style *style = r->style;
	const char *p = style->font_family;
	int lv;

	rm_puts(st->sink, "<style>text{font-family:");
	while (*p != '\0') {
		size_t n;

		while (*p == ' ' || *p == ',')
			p++;
		n = strcspn(p, ",");
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if (n > 0) {
			rm_putc(st->sink, '\'');
			for (; n > 0; p++, n--)
				if (*p != '\'' && *p != '\\' && *p != '<' &&
				    *p != '&' && *p != '>')
					rm_putc(st->sink, *p);
			rm_puts(st->sink, "',");
		}
		p += strcspn(p, ",");
	}
	rm_puts(st->sink, "sans-serif}");
	for (lv = 0; lv < 4; lv++) {
		rm_printf(st->sink, ".t%d{font-size:", lv);
		svg_num(st->sink, style->font_size[lv] * st->s);
		rm_printf(st->sink, "px%s}", style->bold[lv] ?
		    ";font-weight:bold" : "");
	}
	rm_puts(st->sink, "</style>\n");
}

/* Same rule as the PDF links: web and mail addresses only. */
static int
web_link(const char *href)
{
	size_t i, n = strlen(href);

	if (n == 0 || n > LINK_MAX)
		return 0;
	if (strncasecmp(href, "http://", 7) != 0 &&
	    strncasecmp(href, "https://", 8) != 0 &&
	    strncasecmp(href, "mailto:", 7) != 0)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)href[i] < 0x20 || href[i] == 0x7f)
			return 0;
	return 1;
}

/*
 * What goes before "</svg>": for each drawn topic, its text (--svg-text)
 * and, when it links to the web, a clickable transparent rectangle over
 * its box, both inside the <a>.
 */
static void
svg_appendix(struct render *r, struct rm_sink *sink, double s,
    struct svg_text *st)
{
	const struct ramify_doc *doc = r->doc;
	const struct rm_geom *g = r->geom;
	size_t i;

	if (st != NULL)
		svg_text_style(r, st);
	for (i = 0; i < doc->ntopics; i++) {
		const struct ramify_topic *t = doc->topics[i];
		int link = !r->hidden[i] && t->nlinks > 0 &&
		    web_link(t->links[0].href);

		if (link) {
			rm_puts(sink, "<a xlink:href=\"");
			svg_put_xml(sink, t->links[0].href,
			    strlen(t->links[0].href));
			rm_puts(sink, "\">");
			if (t->links[0].title != NULL) {
				rm_puts(sink, "<title>");
				svg_put_xml(sink, t->links[0].title,
				    strlen(t->links[0].title));
				rm_puts(sink, "</title>");
			}
			rm_puts(sink, "<rect x=\"");
			svg_num(sink, g->x[i] * s);
			rm_puts(sink, "\" y=\"");
			svg_num(sink, g->y[i] * s);
			rm_puts(sink, "\" width=\"");
			svg_num(sink, g->w[i] * s);
			rm_puts(sink, "\" height=\"");
			svg_num(sink, g->h[i] * s);
			rm_puts(sink, "\" fill=\"#fff\" fill-opacity=\"0\"/>");
		}
		if (st != NULL && st->drawn[i])
			svg_text_topic(r, st, i);
		if (link)
			rm_puts(sink, "</a>\n");
	}
}

/* cairo is done: the appendix before "</svg>", then the rest. */
static void
svg_end(struct svg_filter *f, struct render *r, double s,
    struct svg_text *st)
{
	size_t i = f->ntail;

	if (f->matched > 0)
		svg_release(f);
	while (i >= 6 && memcmp(f->tail + i - 6, "</svg>", 6) != 0)
		i--;
	if (i < 6) {	/* not cairo's ending: leave it alone */
		rm_put(f->sink, f->tail, f->ntail);
		return;
	}
	rm_put(f->sink, f->tail, i - 6);
	svg_appendix(r, f->sink, s, st);
	rm_put(f->sink, f->tail + i - 6, f->ntail - (i - 6));
	f->ntail = 0;
}

static void
svg_text_free(struct svg_text *st)
{
	free(st->x);
	free(st->y);
	free(st->rgb);
	free(st->drawn);
	free(st->first);
}

/*
 * The whole map, once, onto a single-page surface `s` at `scale`: a
 * white page first (opaque, which also keeps cairo's analysis linear),
 * then the map, the page shown when `show`.  Leaves r->cr for the
 * caller to destroy.
 */
static int
paint_whole(struct render *r, cairo_surface_t *s, double scale, int show,
    struct rm_sink *sink, struct rm_diag *diag)
{
	cairo_status_t cst;
	int rc;

	r->cr = cairo_create(s);
	r->consume_glyphs = 1;
	cairo_set_source_rgb(r->cr, 1, 1, 1);
	cairo_paint(r->cr);
	if ((rc = draw_whole(r, 0, 0, scale)) != RAMIFY_OK)
		return rc;
	if (show)
		cairo_show_page(r->cr);
	if ((cst = cairo_status(r->cr)) != CAIRO_STATUS_SUCCESS)
		return cairo_fail(sink, diag, cst, "cannot draw the map");
	return RAMIFY_OK;
}

static int
write_svg(struct render *r, const struct ramify_options *o,
    struct rm_sink *sink, struct rm_diag *diag)
{
	const struct rm_geom *g = r->geom;
	struct svg_filter f;
	struct svg_text st;
	cairo_surface_t *s = NULL;
	cairo_status_t cst;
	double scale = 1;
	char title[512];
	size_t n = r->doc->ntopics;
	int rc;

	memset(&f, 0, sizeof f);
	memset(&st, 0, sizeof st);
	if (fmax(g->width, g->height) > SVG_MAX_SIDE)
		scale = SVG_MAX_SIDE / fmax(g->width, g->height);
	f.sink = sink;
	f.title = one_line(map_title(r->doc), title, sizeof title);
	f.lang = r->doc->lang;
	if (o->svg_text) {
		st.x = malloc(n * sizeof *st.x);
		st.y = malloc(n * sizeof *st.y);
		st.rgb = malloc(n * sizeof *st.rgb);
		st.drawn = calloc(n, 1);
		st.first = malloc(RM_MAX_TEXT + 8);
		if (st.x == NULL || st.y == NULL || st.rgb == NULL ||
		    st.drawn == NULL || st.first == NULL) {
			rc = RAMIFY_ENOMEM;
			goto out;
		}
		st.sink = sink;
		st.s = scale;
		r->text_hook = svg_text_hook;
		r->hook_arg = &st;
	}
	s = cairo_svg_surface_create_for_stream(svg_write, &f,
	    g->width * scale, g->height * scale);
	if ((cst = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot create the surface");
		goto out;
	}
	if ((rc = paint_whole(r, s, scale, 1, sink, diag)) != RAMIFY_OK)
		goto out;
	cairo_destroy(r->cr);
	r->cr = NULL;
	cairo_surface_finish(s);
	if ((cst = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot finish the output");
		goto out;
	}
	svg_end(&f, r, scale, o->svg_text ? &st : NULL);
	rc = sink->err;
out:
	if (r->cr != NULL)
		cairo_destroy(r->cr);
	r->cr = NULL;
	r->text_hook = NULL;
	if (s != NULL)
		cairo_surface_destroy(s);
	svg_text_free(&st);
	return rc;
}

/* ---- PNG ---------------------------------------------------------------- */

static int
write_png(struct render *r, const struct ramify_options *o,
    struct rm_sink *sink, struct rm_diag *diag)
{
	double pw = r->geom->width, ph = r->geom->height;
	double scale = o->dpi / 72.0;
	cairo_surface_t *s;
	cairo_status_t cst;
	int rc;

	if (pw * scale > PNG_MAX_SIDE)
		scale = PNG_MAX_SIDE / pw;
	if (ph * scale > PNG_MAX_SIDE)
		scale = PNG_MAX_SIDE / ph;
	if (pw * scale * ph * scale > PNG_MAX_PIXELS)
		scale = sqrt(PNG_MAX_PIXELS / (pw * ph));
	if (scale < PNG_MIN_SCALE) {
		rm_error(diag, (struct rm_pos){0, 0},
		    "map is too large for PNG (%.0f x %.0f pt); "
		    "use PDF or SVG", pw, ph);
		return RAMIFY_ELIMIT;
	}
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
	    (int)ceil(pw * scale - 1e-6), (int)ceil(ph * scale - 1e-6));
	if ((cst = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot create the surface");
		goto out;
	}
	if ((rc = paint_whole(r, s, scale, 0, sink, diag)) != RAMIFY_OK)
		goto out;
	cairo_surface_flush(s);
	cst = cairo_surface_write_to_png_stream(s, sink_write, sink);
	if (cst != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot write PNG");
		goto out;
	}
	rc = sink->err;
out:
	if (r->cr != NULL)
		cairo_destroy(r->cr);
	r->cr = NULL;
	cairo_surface_destroy(s);
	return rc;
}

/* ---- The writers -------------------------------------------------------- */

static int
render(const struct ramify_doc *doc, const struct ramify_options *opts,
    struct rm_sink *sink, struct rm_diag *diag, enum target target)
{
	struct rm_style style;
	struct rm_geom geom;
	struct render *r = NULL;
	int rc;

	memset(&geom, 0, sizeof geom);
	if ((r = calloc(1, sizeof *r)) == NULL)
		return RAMIFY_ENOMEM;
	rc = rm_measured_layout(doc, opts, diag, &style, &r->text, &geom);
	if (rc != RAMIFY_OK) {
		if (rc == RAMIFY_EUSAGE)
			rm_error(diag, (struct rm_pos){0, 0},
			    "cannot lay the map out with layout '%s'",
			    opts->layout);
		goto out;
	}
	if (geom.n != doc->ntopics || !(geom.width > 0) ||
	    !(geom.height > 0) || !isfinite(geom.width) ||
	    !isfinite(geom.height)) {
		rm_error(diag, (struct rm_pos){0, 0},
		    "internal error: layout gave no usable geometry");
		rc = RAMIFY_EUSAGE;
		goto out;
	}
	r->hidden = geom.hidden;	/* the layout decides what shows */
	r->color = malloc(doc->ntopics * sizeof *r->color);
	if (r->color == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	r->doc = doc;
	r->style = &style;
	r->geom = &geom;
	r->target = target;
	rm_render_prepare(r);
	switch (target) {
	case TARGET_PDF:
		rc = write_pdf(r, opts, sink, diag);
		break;
	case TARGET_SVG:
		rc = write_svg(r, opts, sink, diag);
		break;
	case TARGET_PNG:
		rc = write_png(r, opts, sink, diag);
		break;
	}
out:
	rm_geom_free(&geom);
	if (r != NULL) {
		rm_text_free(r->text);
		free(r->color);
		free(r);
	}
	return rc;
}

int
render_pdf_write(const struct ramify_doc *doc,
    const struct ramify_options *opts, struct rm_sink *sink,
    struct rm_diag *diag)
{
	return render(doc, opts, sink, diag, TARGET_PDF);
}

int
render_svg_write(const struct ramify_doc *doc,
    const struct ramify_options *opts, struct rm_sink *sink,
    struct rm_diag *diag)
{
	return render(doc, opts, sink, diag, TARGET_SVG);
}

int
render_png_write(const struct ramify_doc *doc,
    const struct ramify_options *opts, struct rm_sink *sink,
    struct rm_diag *diag)
{
	return render(doc, opts, sink, diag, TARGET_PNG);
}
