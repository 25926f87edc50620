/*
 * render_cairo.c: PDF, SVG and PNG output with cairo.
 *
 * The three writers share one path: measure and lay out
 * (rm_measured_layout), open a cairo surface that writes through the sink,
 * paint the page white, and let render_map.c draw the map on it.
 */
#include <math.h>
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

static cairo_status_t
sink_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct rm_sink *sink = arg;

	rm_put(sink, data, len);
	return sink->err != 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/*
 * cairo names SVG groups "surface<N>" after a counter global to the
 * process, so the same map would come out different the second time.
 * This filter sits between cairo and the sink and renumbers them in
 * order of appearance.  Glyphs are paths, so no user text goes through
 * here to be mangled.
 */
#define SVG_WORD	"surface"
#define SVG_WORDLEN	7
#define SVG_MAXIDS	32

struct svg_filter {
	struct rm_sink	*sink;
	int		 matched;	/* bytes of SVG_WORD held back */
	int		 ndigits;
	unsigned long	 num;
	unsigned long	 ids[SVG_MAXIDS];
	size_t		 nids;
};

/* Emit the held-back word and number, renumbered. */
static void
svg_release(struct svg_filter *f)
{
	size_t i;

	rm_put(f->sink, SVG_WORD, (size_t)f->matched);
	if (f->matched == SVG_WORDLEN && f->ndigits > 0) {
		for (i = 0; i < f->nids && f->ids[i] != f->num; i++)
			continue;
		if (i == f->nids && f->nids < SVG_MAXIDS)
			f->ids[f->nids++] = f->num;
		/* Past SVG_MAXIDS ids: keep cairo's number (none of our
		 * drawings gets near). */
		rm_printf(f->sink, "%lu", i < SVG_MAXIDS ? (unsigned long)i + 1 :
		    f->num);
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
			rm_put(f->sink, data + run, i - run);
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
		rm_put(f->sink, data + run, len - run);
	return f->sink->err != 0 ? CAIRO_STATUS_WRITE_ERROR :
	    CAIRO_STATUS_SUCCESS;
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

/* The PDF title: the map's, else the root's text, cut to fit `buf`. */
static const char *
pdf_title(const struct ramify_doc *doc, char *buf, size_t size)
{
	const char *s = doc->title != NULL ? doc->title : doc->root->text;
	size_t n = strlen(s);

	if (n < size)
		return s;
	n = size - 1;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

static int
render(const struct ramify_doc *doc, const struct ramify_options *opts,
    struct rm_sink *sink, struct rm_diag *diag, enum target target)
{
	struct rm_style style;
	struct rm_geom geom;
	struct svg_filter svg;
	struct render *r = NULL;
	cairo_surface_t *s = NULL;
	cairo_t *cr = NULL;
	cairo_status_t cst;
	double scale = 1, pw, ph;
	char title[512];
	int rc;

	memset(&geom, 0, sizeof geom);
	memset(&svg, 0, sizeof svg);
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

	pw = geom.width;
	ph = geom.height;
	switch (target) {
	case TARGET_PDF:
		if (fmax(pw, ph) > PDF_MAX_SIDE)
			scale = PDF_MAX_SIDE / fmax(pw, ph);
		s = cairo_pdf_surface_create_for_stream(sink_write, sink,
		    pw * scale, ph * scale);
		break;
	case TARGET_SVG:
		if (fmax(pw, ph) > SVG_MAX_SIDE)
			scale = SVG_MAX_SIDE / fmax(pw, ph);
		svg.sink = sink;
		s = cairo_svg_surface_create_for_stream(svg_write, &svg,
		    pw * scale, ph * scale);
		break;
	case TARGET_PNG:
		scale = opts->dpi / 72.0;
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
			rc = RAMIFY_ELIMIT;
			goto out;
		}
		s = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
		    (int)ceil(pw * scale - 1e-6), (int)ceil(ph * scale - 1e-6));
		break;
	}
	if ((cst = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot create the surface");
		goto out;
	}
	if (target == TARGET_PDF) {
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE,
		    pdf_title(doc, title, sizeof title));
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
		    "ramify");
		/* Same input, same bytes: pin the dates. */
		cairo_pdf_surface_set_metadata(s,
		    CAIRO_PDF_METADATA_CREATE_DATE, "2000-01-01T00:00:00Z");
		cairo_pdf_surface_set_metadata(s,
		    CAIRO_PDF_METADATA_MOD_DATE, "2000-01-01T00:00:00Z");
	}
	cr = cairo_create(s);
	r->cr = cr;
	/*
	 * An opaque page first: white is the background we want, and
	 * without it cairo's PDF/SVG analysis grows a region per box and
	 * goes quadratic on large maps.
	 */
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, scale, scale);
	r->consume_glyphs = 1;		/* one page: draw once */
	if ((rc = rm_render_map(r)) != RAMIFY_OK)
		goto out;
	cairo_show_page(cr);
	if ((cst = cairo_status(cr)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot draw the map");
		goto out;
	}
	cairo_destroy(cr);
	cr = NULL;
	if (target == TARGET_PNG) {
		cairo_surface_flush(s);
		cst = cairo_surface_write_to_png_stream(s, sink_write, sink);
		if (cst != CAIRO_STATUS_SUCCESS) {
			rc = cairo_fail(sink, diag, cst, "cannot write PNG");
			goto out;
		}
	}
	/* PDF and SVG write most of the file here: check again. */
	cairo_surface_finish(s);
	if ((cst = cairo_surface_status(s)) != CAIRO_STATUS_SUCCESS) {
		rc = cairo_fail(sink, diag, cst, "cannot finish the output");
		goto out;
	}
	if (svg.matched > 0)
		svg_release(&svg);
	rc = sink->err;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	if (s != NULL)
		cairo_surface_destroy(s);
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
