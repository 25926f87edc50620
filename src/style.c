/*
 * style.c: the default look: type sizes, padding and gaps by depth, and
 * the branch palette.  Layout, measurement and drawing all read it, so
 * a box is measured with the same font it is drawn with.
 */
#include "internal.h"

/* Eight hues that stay apart for colour-blind readers and keep white
 * text readable (contrast >= 3:1 at 14 pt bold). */
static const uint32_t palette[] = {
	0x2f6fb0,	/* blue */
	0xd0632a,	/* orange */
	0x2b8a6e,	/* green */
	0xb8406f,	/* raspberry */
	0x6d55b8,	/* violet */
	0xa8791a,	/* ochre */
	0x2d8598,	/* teal */
	0xc23b4a,	/* red */
};

uint32_t
rm_style_branch_color(size_t i)
{
	return palette[i % (sizeof palette / sizeof palette[0])];
}

void
rm_style_init(struct rm_style *s, const struct ramify_options *o)
{
	static const double size[4] = { 19, 13.5, 11, 10 };
	static const int bold[4] = { 1, 1, 0, 0 };
	static const double px[4] = { 18, 12, 9, 7 };
	static const double py[4] = { 12, 7, 5, 4 };
	static const double r[4] = { 12, 8, 6, 5 };
	int i;

	s->font_family = "Noto Sans, Noto Sans CJK SC, DejaVu Sans";
	for (i = 0; i < 4; i++) {
		s->font_size[i] = size[i];
		s->bold[i] = bold[i];
		s->pad_x[i] = px[i];
		s->pad_y[i] = py[i];
		s->radius[i] = r[i];
	}
	s->hgap = o != NULL && o->hgap >= 0 ? o->hgap : 42;
	s->vgap = o != NULL && o->vgap >= 0 ? o->vgap : 9;
	s->expand_level = o != NULL ? o->expand_level : 0;
	s->margin = 24;
	s->wrap_width = o != NULL ? o->wrap_width : 180;
	s->note_marker = 14;
}

void
rm_style_box(const struct rm_style *s, const struct ramify_topic *t,
    double tw, double th, double *w, double *h)
{
	int lv = rm_style_level(t->depth);
	double bw = tw + 2 * s->pad_x[lv] +
	    (t->nnotes > 0 ? s->note_marker : 0);

	*w = bw < 24 ? 24 : bw;
	*h = th + 2 * s->pad_y[lv];
}
