/*
 * pipeline.c: measure, then lay out.  Shared by every writer that needs
 * geometry (layout JSON, PDF, SVG, PNG).
 */
#include "internal.h"

static void
measure_cb(void *arg, const struct ramify_topic *t, double *w, double *h)
{
	rm_text_measure(arg, t, w, h);
}

int
rm_measured_layout(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_diag *d, struct rm_style *style, struct rm_text **text,
    struct rm_geom *g)
{
	struct rm_style local, *st = style != NULL ? style : &local;
	struct rm_measure m;
	struct rm_text *tx;
	int rc;

	/* The measurer may keep a pointer to the style: it must outlive
	 * the measurer, so a caller asking for `text` passes `style`. */
	if (text != NULL && style == NULL)
		return RAMIFY_EUSAGE;
	rm_style_init(st, o);
	if ((tx = rm_text_new(st)) == NULL) {
		rm_error(d, (struct rm_pos){0, 0},
		    "cannot set up text shaping (fontconfig/Pango)");
		return RAMIFY_ENOMEM;
	}
	m.fn = measure_cb;
	m.arg = tx;
	rc = rm_layout(doc, st, o->layout, &m, g);
	if (rc != RAMIFY_OK || text == NULL)
		rm_text_free(tx);
	else
		*text = tx;
	return rc;
}
