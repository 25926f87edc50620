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

struct render {
	const struct ramify_doc	*doc;
	const struct rm_style	*style;
	const struct rm_geom	*geom;
	struct rm_text		*text;
	cairo_t			*cr;
	enum target		 target;
	const unsigned char	*hidden;	/* by seq: under a folded topic */
	uint32_t		*color;		/* by seq: 0xRRGGBB */
	/*
	 * When set, called for each topic's text instead of drawing it
	 * (for SVG <text>): the text's top-left corner in map
	 * coordinates and its colour.  rm_text_lines() gives its lines
	 * relative to that corner.
	 */
	void			(*text_fn)(struct render *,
				    const struct ramify_topic *, double x,
				    double y, uint32_t rgb);
	void			*text_arg;
	uint32_t		 memo_fill, memo_fg;	/* text_on() */
	int			 memo_ok;
	char			 uri[LINK_MAX * 2 + 16];
	/* Text drawn in batches after the boxes (rm_text_glyphs()): where
	 * each topic's text block goes and in what colour, by seq. */
	double			*text_x, *text_y;
	uint32_t		*text_rgb;
	size_t			*text_seq, ntext;
	int			 consume_glyphs; /* drawn once: free as we go */
};

/* Work out per-topic colours; call once before rm_render_map(). */
void	rm_render_prepare(struct render *);
/* Draw every branch and every visible topic onto r->cr, in map
 * coordinates (points, origin at the map's top-left).  RAMIFY_OK, or
 * RAMIFY_ENOMEM when text could not be drawn. */
int	rm_render_map(struct render *);

#endif /* RAMIFY_RENDER_H */
