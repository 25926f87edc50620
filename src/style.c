/*
 * style.c: the look of a map, from the theme the options name (theme.c)
 * and the options that override it; and the one function that decides
 * how big a topic's box is.  Layout, measurement and drawing all read
 * the same struct rm_style, so a box is measured with the font it is
 * drawn with and drawn where it was measured.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Last resort if a built-in theme failed to parse: the tests make sure
 * none does, but a picture is still better than a crash. */
static void
fallback(struct rm_style *s)
{
	int i;

	memset(s, 0, sizeof *s);
	strcpy(s->font_family, "Sans");
	for (i = 0; i < 4; i++) {
		s->font_size[i] = 12;
		s->box[i] = RM_BOX_OUTLINE;
		s->pad_x[i] = 8;
		s->pad_y[i] = 5;
		s->border[i] = 1;
		s->icon_size[i] = 14;
		s->edge_width[i] = 1;
	}
	s->hgap = 40;
	s->vgap = 8;
	s->margin = 24;
	s->wrap_width = 180;
	s->npalette = 1;
	s->text_light = 0xffffff;
	s->marker_scale = 0.75;
	s->note_fill = 0xffffff;
	s->note_size = 9;
	s->note_wrap = 200;
	s->card_size = 8.5;
	s->card_wrap = 220;
	s->card_fill = 0xffffff;
	s->card_text = 0x222222;
	s->class_color[0] = s->class_color[1] = s->class_color[2] = 0x555555;
	s->warn_fill = 0xc62828;
	s->warn_text = 0xffffff;
}

void
rm_style_init(struct rm_style *s, const struct ramify_options *o)
{
	const char *name = o != NULL ? o->theme : "default";
	const char *src = rm_theme_text(name);
	char err[256];

	memset(s, 0, sizeof *s);
	if (src == NULL)
		src = rm_theme_text("default");
	if (src == NULL ||
	    rm_theme_parse(src, strlen(src), s, err, sizeof err) != RAMIFY_OK)
		fallback(s);
	if (o == NULL)
		return;
	if (o->hgap >= 0)
		s->hgap = o->hgap;
	if (o->vgap >= 0)
		s->vgap = o->vgap;
	if (o->wrap_width > 0)
		s->wrap_width = o->wrap_width;
	s->expand_level = o->expand_level;
	s->notes = o->notes;
	s->no_cards = o->no_cards;
}

uint32_t
rm_style_branch_color(const struct rm_style *s, size_t i)
{
	return s->npalette > 0 ? s->palette[i % s->npalette] : 0;
}

void
rm_style_parts(const struct rm_style *s, const struct ramify_topic *t,
    double tw, double th, struct rm_box_parts *p)
{
	int lv = rm_style_level(t->depth);
	double ch = th, cw = tw;

	memset(p, 0, sizeof *p);
	p->nicons = rm_icon_count(t);
	p->icon_size = s->icon_size[lv];
	/* Icons sit before the text in a row, an eighth of one apart and
	 * a quarter of one before the text (or a little more than the
	 * padding when there is no text to speak of). */
	p->icon_step = p->icon_size * 1.125;
	if (p->nicons > 0) {
		cw += (double)p->nicons * p->icon_step +
		    (tw > 0 ? p->icon_size * 0.125 : -p->icon_size * 0.125);
		if (ch < p->icon_size)
			ch = p->icon_size;
	}
	p->w = cw + 2 * s->pad_x[lv];
	p->h = ch + 2 * s->pad_y[lv];
	/* A box too small to hit or to see: widen it, content centred. */
	if (p->w < 24)
		p->w = 24;
	p->icon_x = (p->w - cw) / 2;
	p->icon_y = (p->h - p->icon_size) / 2;
	p->content_x = p->icon_x + (cw - tw);
	p->content_y = (p->h - th) / 2;
}

void
rm_style_box(const struct rm_style *s, const struct ramify_topic *t,
    double tw, double th, double *w, double *h)
{
	struct rm_box_parts p;

	rm_style_parts(s, t, tw, th, &p);
	*w = p.w;
	*h = p.h;
}

double
rm_style_badge_size(const struct rm_style *s, unsigned depth)
{
	return fmax(7.5, s->font_size[rm_style_level(depth)] * 0.7);
}

void
rm_style_badge_room(const struct rm_style *s, const struct ramify_topic *t,
    size_t nhidden, double *w, double *h)
{
	double size = rm_style_badge_size(s, t->depth);
	char digits[32];
	int n = snprintf(digits, sizeof digits, "%zu", nhidden);

	/* "+" and bold digits are narrower than 0.65 em in the fonts we
	 * ask for; a line is under 1.45 em high. */
	*w = RM_BADGE_GAP + (double)(n + 1) * 0.65 * size + 0.9 * size;
	*h = RM_BADGE_GAP + 1.45 * size;
}
