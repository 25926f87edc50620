/*
 * render.h: what the drawing of a map (render_map.c) shares with the
 * surfaces and pages it is drawn on (render_cairo.c).  Private to those
 * two files.
 */
#ifndef RAMIFY_RENDER_H
#define RAMIFY_RENDER_H

#include <cairo.h>

#include "internal.h"

/* Longest URI made into a PDF link; longer ones are suspect anyway. */
#define LINK_MAX	4096

enum target {
	TARGET_PDF,
	TARGET_SVG,
	TARGET_PNG
};

struct render;

/* Takes a topic's text block instead of drawing it: its top-left corner
 * (map coordinates) and colour, exactly where draw_topic() would have
 * drawn it.  SVG --svg-text writes <text> elements from these. */
typedef void (*rm_text_hook)(struct render *, const struct ramify_topic *,
    double x, double y, uint32_t rgb);

struct render {
	const struct ramify_doc	*doc;
	const struct rm_style	*style;
	const struct rm_geom	*geom;
	struct rm_text		*text;
	cairo_t			*cr;
	enum target		 target;
	const unsigned char	*hidden;	/* by seq: under a folded topic */
	uint32_t		*color;		/* by seq: 0xRRGGBB */
	uint32_t		 memo_fill, memo_fg;	/* text_on() */
	int			 memo_ok;
	char			 uri[LINK_MAX * 2 + 16];
	/* Text drawn in batches after the boxes (rm_text_glyphs()): where
	 * each topic's text block goes and in what colour, by seq. */
	double			*text_x, *text_y;
	uint32_t		*text_rgb;
	size_t			*text_seq, ntext;
	int			 consume_glyphs; /* drawn once: free as we go */
	unsigned char		*boxed;		/* by seq: box drawn in a batch */
	/*
	 * Culling: when clip_on, only branches and topics that come
	 * within CULL_PAD of the rectangle (x0, y0)-(x1, y1), in map
	 * coordinates, are drawn (one tile of a tiled page).
	 */
	int			 clip_on;
	double			 clip[4];
	/* Not NULL: topic text goes here instead of onto r->cr. */
	rm_text_hook		 text_hook;
	void			*hook_arg;
};

/* Room for what is drawn outside a topic's box or a branch's end points:
 * shadows, fold markers, badges, ribbon width. */
#define CULL_PAD	40.0

/* Non-zero when nothing drawn for the box (x0, y0)-(x1, y1) can show in
 * r's clip rectangle. */
static inline int
rm_render_culled(const struct render *r, double x0, double y0, double x1,
    double y1)
{
	return r->clip_on && (x1 + CULL_PAD < r->clip[0] ||
	    x0 - CULL_PAD > r->clip[2] || y1 + CULL_PAD < r->clip[1] ||
	    y0 - CULL_PAD > r->clip[3]);
}

/* Work out per-topic colours; call once before rm_render_map(). */
void	rm_render_prepare(struct render *);
/* Draw every branch and every visible topic onto r->cr, in map
 * coordinates (points, origin at the map's top-left).  RAMIFY_OK, or
 * RAMIFY_ENOMEM when text could not be drawn. */
int	rm_render_map(struct render *);

#endif /* RAMIFY_RENDER_H */
