/*
 * pipeline.c: measure, then lay out.  Shared by every writer that needs
 * geometry (layout JSON, PDF, SVG, PNG).
 */
#include "internal.h"

struct measurer {
	struct rm_text		*text;
	const struct rm_style	*style;
};

static void
measure_cb(void *arg, const struct ramify_topic *t, double *tw, double *th,
    double *w, double *h)
{
	struct measurer *m = arg;

	rm_text_measure(m->text, t, tw, th);
	rm_style_box(m->style, t, *tw, *th, w, h);
}

int
rm_measured_layout(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_diag *d, struct rm_style *style, struct rm_text **text,
    struct rm_geom *g)
{
	struct rm_style local, *st = style != NULL ? style : &local;
	struct rm_measure m;
	struct measurer me;
	struct rm_text *tx;
	int rc;

	/* The measurer may keep a pointer to the style: it must outlive
	 * the measurer, so a caller asking for `text` passes `style`. */
	if (text != NULL && style == NULL)
		return RAMIFY_EUSAGE;
	rm_style_init(st, o);
	if ((tx = rm_text_new(st, doc)) == NULL) {
		rm_error(d, (struct rm_pos){0, 0},
		    "cannot set up text shaping (fontconfig/Pango)");
		return RAMIFY_ENOMEM;
	}
	me.text = tx;
	me.style = st;
	m.fn = measure_cb;
	m.arg = &me;
	rc = rm_layout(doc, st, o->layout, &m, g);
	if (rc != RAMIFY_OK || text == NULL)
		rm_text_free(tx);
	else
		*text = tx;
	return rc;
}
