/*
 * internal.h: private definitions shared by the modules of libramify.
 *
 * Data flows one way:  read_*.c -> model (this file) -> layout.c (+ the
 * measure callback from text_pango.c) -> render_cairo.c / write_*.c ->
 * sink.  Nothing here is visible to library users; see ramify.h.
 */
#ifndef RAMIFY_INTERNAL_H
#define RAMIFY_INTERNAL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "ramify.h"

#if defined(__GNUC__)
#define RM_PRINTF(a, b) __attribute__((format(printf, a, b)))
#else
#define RM_PRINTF(a, b)
#endif

/*
 * Limits.  Each guards a resource an adversarial file could exhaust; the
 * reason is next to the number.
 */
#define RM_MAX_INPUT   ((size_t)256 << 20) /* 256 MiB: bigger is no outline */
#define RM_MAX_TOPICS  ((size_t)4 << 20)   /* 4M topics: ~1 GiB of model */
#define RM_MAX_TEXT    ((size_t)20000)     /* bytes shaped per topic: Pango
					    * wraps one long word in O(n^2) */

/* ---- Arena: every node and string of a document lives in one ------- */

struct rm_chunk;

struct rm_arena {
	struct rm_chunk *head;
	size_t used, cap;	/* within head */
};

void	*rm_alloc(struct rm_arena *, size_t);	/* zeroed; NULL on OOM */
char	*rm_strdup(struct rm_arena *, const char *);
char	*rm_strndup(struct rm_arena *, const char *, size_t);
/* Make room for one more element in an arena array (`*cap` grows 2x). */
int	 rm_grow(struct rm_arena *, void **arr, size_t *cap, size_t n,
	    size_t elem);
void	 rm_arena_free(struct rm_arena *);

/* ---- Diagnostics ---------------------------------------------------- */

struct rm_pos {
	unsigned line, col;	/* 1-based; 0 = unknown */
};

struct rm_diag {
	ramify_diag_fn	 fn;
	void		*arg;
	const char	*file;	/* name shown in messages */
	unsigned	 nerrors;
};

void	rm_error(struct rm_diag *, struct rm_pos, const char *, ...)
	    RM_PRINTF(3, 4);
void	rm_warning(struct rm_diag *, struct rm_pos, const char *, ...)
	    RM_PRINTF(3, 4);
void	rm_vdiag(struct rm_diag *, enum ramify_severity, struct rm_pos,
	    const char *, va_list);
/* "4:5", or "line 4" when the column is unknown: in `buf`, returned. */
const char *rm_pos_str(struct rm_pos, char *buf, size_t size);
/* The name of `file` without directories and extension, in `a`; "" for
 * none or "<stdin>" (NULL when out of memory). */
const char *rm_file_stem(struct rm_arena *a, const char *file);

/* ---- Document model ------------------------------------------------- */

enum rm_side {
	RM_SIDE_AUTO = 0,	/* let the layout choose */
	RM_SIDE_LEFT,
	RM_SIDE_RIGHT
};

struct rm_link {
	const char	*href;	/* never NULL */
	const char	*title;	/* NULL if none */
};

struct rm_attr {
	const char	*name, *value;
};

/* A note: plain-text paragraphs separated by "\n\n".  Several topics may
 * refer to the same note (a "[W3]" marker used twice). */
struct rm_note {
	const char	*key;	/* id from the file, or NULL */
	const char	*text;
	struct rm_pos	 pos;
};

struct ramify_topic {
	struct ramify_topic *parent, *first, *last, *prev, *next;
	size_t		 seq;	/* dense 0..n-1 in creation (= document)
				 * order: index into every per-topic array */
	unsigned	 depth;	/* root = 0 */
	size_t		 nkids;
	const char	*key;	/* stable id; never NULL once created */
	const char	*text;	/* UTF-8, never NULL */
	size_t		*notes;	/* indices into doc->notes */
	size_t		 nnotes, capnotes;
	struct rm_link	*links;
	size_t		 nlinks, caplinks;
	struct rm_attr	*attrs;
	size_t		 nattrs, capattrs;
	const char	**icons;
	size_t		 nicons, capicons;
	const char	**records;	/* customer record ids */
	size_t		 nrecords, caprecords;
	const struct rm_card **cards;	/* by record, once linked to data
					 * (link.c); NULL before */
	struct rm_query	*query;		/* <query>, or NULL (link.c) */
	unsigned	 folded : 1;
	unsigned	 has_color : 1;
	enum rm_side	 side;
	uint32_t	 color;		/* 0xRRGGBB when has_color */
	struct rm_pos	 pos;		/* where the reader found it */
};

struct ramify_doc {
	struct rm_arena	 arena;
	const char	*file;		/* source name, for messages */
	const char	*title;		/* NULL if none */
	const char	*lang;		/* BCP 47 tag, NULL if none */
	struct ramify_topic *root;
	struct ramify_topic **topics;	/* by seq; malloc'd */
	size_t		 ntopics, captopics;
	struct rm_note	*notes;		/* every note, map-level or not */
	size_t		 nnotes, capnotes;
	size_t		*map_notes;	/* indices of map-level notes */
	size_t		 nmap_notes, capmap_notes;
	void		*keys;		/* GHashTable: key -> topic */
};

/* New document with an empty root; NULL on OOM. */
struct ramify_doc *rm_doc_new(const char *file);
/*
 * New topic, appended to `parent` (NULL: becomes the root, which must not
 * exist yet).  `key` NULL generates one.  Text is copied and must be valid
 * UTF-8 (readers check with rm_utf8_check() first).  NULL on OOM or when
 * `key` is taken (rm_doc_key_taken() tells which).
 */
struct ramify_topic *rm_topic_new(struct ramify_doc *, struct ramify_topic *parent,
	    const char *text, const char *key, struct rm_pos);
int	 rm_doc_key_taken(const struct ramify_doc *, const char *key);
/*
 * The key the next topic gets when it has none: "t<seq>", or "t<seq>-<k>"
 * when the doc, or `reserved` (a GHashTable of keys a reader has yet to
 * create, or NULL), already has it.  Written into buf; returns buf.
 */
const char *rm_doc_gen_key(const struct ramify_doc *, const void *reserved,
	    char *buf, size_t size);
struct ramify_topic *rm_doc_find(const struct ramify_doc *, const char *key);
/* Add a note to the doc; returns its index or (size_t)-1 on OOM. */
size_t	 rm_note_new(struct ramify_doc *, const char *key, const char *text,
	    struct rm_pos);
int	 rm_topic_add_note(struct ramify_doc *, struct ramify_topic *, size_t note);
int	 rm_doc_add_map_note(struct ramify_doc *, size_t note);
int	 rm_topic_add_link(struct ramify_doc *, struct ramify_topic *,
	    const char *href, const char *title);
int	 rm_topic_add_attr(struct ramify_doc *, struct ramify_topic *,
	    const char *name, const char *value);
int	 rm_topic_add_icon(struct ramify_doc *, struct ramify_topic *, const char *);
int	 rm_topic_add_record(struct ramify_doc *, struct ramify_topic *, const char *);

/*
 * Number the notes topics use, 1, 2, ... by first use in document order
 * (the "[W3]" numbers): num[note] = its number or 0 when no topic uses
 * it, order[number - 1] = note.  Both arrays hold doc->nnotes entries.
 * Returns how many were numbered.
 */
size_t	 rm_doc_number_notes(const struct ramify_doc *, size_t *num,
	    size_t *order);

/* Pre-order successor of `t` within the subtree of `top`, or NULL.
 * Constant extra space: safe on any depth. */
static inline struct ramify_topic *
rm_next_preorder(const struct ramify_topic *t, const struct ramify_topic *top)
{
	if (t->first != NULL)
		return t->first;
	while (t != top) {
		if (t->next != NULL)
			return t->next;
		t = t->parent;
	}
	return NULL;
}

/* ---- UTF-8 ------------------------------------------------------------ */

/* Length of the valid UTF-8 prefix of s[0..len); == len when all valid.
 * Rejects overlongs, surrogates, > U+10FFFF and NUL. */
size_t	 rm_utf8_valid_prefix(const char *s, size_t len);

/* Is `word` one of the space-separated words of `list`? */
int	 rm_in_list(const char *list, const char *word, int nocase);

/* An id usable in XML formats: not empty, no XML whitespace. */
int	 rm_valid_id(const char *);

/* ---- Output sink -------------------------------------------------------- */

struct rm_sink {
	ramify_write_fn	 fn;
	void		*arg;
	int		 err;		/* sticky: first failure */
	size_t		 len;
	unsigned char	 buf[16384];
};

void	rm_sink_init(struct rm_sink *, ramify_write_fn, void *);
void	rm_put(struct rm_sink *, const void *, size_t);
void	rm_puts(struct rm_sink *, const char *);
void	rm_putc(struct rm_sink *, int);
void	rm_printf(struct rm_sink *, const char *, ...) RM_PRINTF(2, 3);
/* Two spaces per level. */
void	rm_put_indent(struct rm_sink *, unsigned level);
/* XML text/attribute escaping: & < > " and control characters. */
void	rm_put_xml(struct rm_sink *, const char *);
/* Flush; returns RAMIFY_OK or RAMIFY_EIO. */
int	rm_sink_flush(struct rm_sink *);

/* ---- Options (options.c: one table, parsed from text) --------------- */

enum rm_notes_mode {
	RM_NOTES_ENDNOTES = 0,	/* numbered markers, notes on pages after */
	RM_NOTES_INLINE,	/* note text drawn under its topic */
	RM_NOTES_NONE		/* notes left out of the picture */
};

enum rm_page_size {
	RM_PAGE_FIT = 0,	/* one page the size of the map */
	RM_PAGE_A4,
	RM_PAGE_A3,
	RM_PAGE_LETTER
};

#define RM_OPT_STR 512

struct ramify_options {
	ramify_diag_fn	 diag_fn;
	void		*diag_arg;
	/* layout */
	char		 layout[16];
	double		 wrap_width;	/* points */
	double		 hgap, vgap;	/* points; < 0: the theme's */
	unsigned	 expand_level;	/* fold below this depth; 0: none */
	/* rendering */
	char		 theme[64];	/* built-in theme name */
	double		 dpi;
	enum rm_page_size page;
	int		 landscape;
	int		 notes;		/* enum rm_notes_mode */
	int		 svg_text;	/* SVG text as <text>, not glyphs */
	int		 no_cards;	/* customers' data cards not drawn */
	char		 author[RM_OPT_STR], subject[RM_OPT_STR];
	unsigned	 threads;	/* text shaping threads; 0: auto */
	/* readers */
	char		 sheet[RM_OPT_STR];	/* XMind sheet: number or name */
	/* customer data */
	char		 group_by[RM_OPT_STR];	/* portfolio grouping fields */
	char		 today[16];	/* YYYY-MM-DD; "" = the current date */
	double		 abc[2];	/* cumulative % cut-offs for A and B */
};

/* ---- Formats ---------------------------------------------------------- */

struct rm_read_ctx {
	struct rm_diag		*diag;
	const struct ramify_options *opts;
};

typedef int (*rm_read_fn)(struct rm_read_ctx *, const char *buf, size_t len,
    struct ramify_doc *doc);
typedef int (*rm_write_fn)(const struct ramify_doc *,
    const struct ramify_options *, struct rm_sink *, struct rm_diag *);

struct ramify_format {
	const char	*name;
	const char	*exts;		/* space-separated, with dots */
	const char	*description;
	int		(*sniff)(const char *buf, size_t len); /* 0..100 */
	rm_read_fn	 read;		/* fills the empty doc it is given */
	rm_write_fn	 write;
};

/* Readers and writers, one file each (src/read_X.c, src/write_X.c). */
int	ramify_xml_sniff(const char *, size_t);
int	ramify_xml_read(struct rm_read_ctx *, const char *, size_t, struct ramify_doc *);
int	ramify_xml_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);
#define RM_READER(name) \
	int name##_sniff(const char *, size_t); \
	int name##_read(struct rm_read_ctx *, const char *, size_t, \
	    struct ramify_doc *);
#define RM_WRITER(name) \
	int name##_write(const struct ramify_doc *, \
	    const struct ramify_options *, struct rm_sink *, struct rm_diag *);
RM_READER(mm)		/* read_mm.c */
RM_WRITER(mm)		/* write_mm.c */
RM_READER(opml)		/* read_opml.c */
RM_WRITER(opml)		/* write_opml.c */
RM_READER(xmind)	/* read_xmind.c */
RM_READER(mmap)		/* read_mmap.c */
RM_READER(markdown)	/* read_markdown.c */
RM_WRITER(markdown)	/* write_markdown.c */
RM_READER(text)		/* read_text.c */
RM_WRITER(text)		/* write_text.c */
int	tree_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);
int	layout_json_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);
int	render_pdf_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);
int	render_svg_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);
int	render_png_write(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_sink *, struct rm_diag *);

/* ---- Style: the theme, by depth (style.c, theme.c, icons.c) -------- */

/* How a topic's box is drawn (a theme's [box] style). */
enum rm_box_style {
	RM_BOX_FILLED = 0,	/* solid in the branch colour */
	RM_BOX_TINTED,		/* a pale tint of it, with a border */
	RM_BOX_OUTLINE,		/* a border only: no toner on fills */
	RM_BOX_UNDERLINE	/* a line under the text, as XMind's */
};

#define RM_PALETTE_MAX	16
#define RM_FONT_MAX	128

/*
 * Everything that decides how a map looks, read from a theme
 * (themes/NAME.theme, see docs/themes.md) and the options.  Arrays of 4
 * are by level: root, level 1, level 2, deeper (rm_style_level()).
 */
struct rm_style {
	char		 font_family[RM_FONT_MAX];	/* Pango family list */
	double		 font_size[4];
	int		 bold[4];
	/* boxes */
	int		 box[4];		/* enum rm_box_style */
	double		 pad_x[4], pad_y[4];
	double		 radius[4];
	double		 border[4];		/* line width; 0: none */
	double		 tint[4];		/* tinted fill: 0 colour .. 1 white */
	double		 border_tint[4];	/* border: the same scale */
	int		 shadow[4];
	double		 icon_size[4];
	/* spacing */
	double		 hgap;		/* parent box to child box */
	double		 vgap;		/* between sibling subtrees */
	double		 margin;	/* around the whole map */
	double		 wrap_width;
	/* colours, 0xRRGGBB */
	uint32_t	 palette[RM_PALETTE_MAX];	/* first-level branches */
	size_t		 npalette;
	uint32_t	 root_color;
	uint32_t	 text_light, text_dark;	/* the one that contrasts best */
	int		 user_colors;	/* honour topics' own colours */
	int		 icons_mono;	/* icons in text_dark only */
	/* edges, by the child's level (edge_width[0] unused) */
	double		 edge_width[4];
	int		 taper;		/* first level as a tapered ribbon */
	int		 edge_branch;	/* in branch colours, else edge_color */
	uint32_t	 edge_color;
	double		 corner;	/* radius of elbow corners */
	/* note markers and fold badges */
	double		 marker_scale;	/* label size / the topic's size */
	uint32_t	 note_fill, note_border, note_text;
	int		 badge_filled;	/* "+N" badge: filled, or outlined */
	/* notes drawn inline (--notes inline) */
	double		 note_size;	/* points */
	double		 note_wrap;	/* points */
	uint32_t	 note_color;	/* on light boxes; mixed on dark ones */
	/* customers' data cards (card.c) */
	double		 card_size;	/* points */
	double		 card_wrap;	/* points */
	uint32_t	 card_fill, card_border, card_text;
	uint32_t	 class_color[3];	/* A, B, C */
	uint32_t	 warn_fill, warn_text;
	/* from the options */
	int		 notes;		/* enum rm_notes_mode */
	int		 no_cards;	/* linked customers' cards not drawn */
	unsigned	 expand_level;	/* fold deeper topics; 0: none */
};

/*
 * The style for opts->theme (NULL options: "default"), with the options
 * that override the theme (hgap, vgap, wrap width, notes, expand level).
 * Built-in themes are checked by the tests, so this cannot fail.
 */
void	rm_style_init(struct rm_style *, const struct ramify_options *);

/*
 * Where the parts of a topic's box go, relative to its top-left corner:
 * the icons in a row, then the content block that rm_text_measure()
 * measured (text, note marker, inline notes).
 */
struct rm_box_parts {
	double	 w, h;			/* the box */
	size_t	 nicons;		/* icons that draw (known names) */
	double	 icon_x, icon_y;	/* the first icon's top-left */
	double	 icon_size, icon_step;	/* its side; x distance between */
	double	 content_x, content_y;	/* the content block's top-left */
};

/* The box around a content block of tw x th for topic `t`: padding and
 * icons.  The one place that decides a box's size: the layout gets it
 * through the measure callback, drawing through rm_style_parts(). */
void	rm_style_box(const struct rm_style *, const struct ramify_topic *t,
	    double tw, double th, double *w, double *h);
void	rm_style_parts(const struct rm_style *, const struct ramify_topic *t,
	    double tw, double th, struct rm_box_parts *);
/*
 * The "+N" fold badge: its type size for a topic at `depth`, and the room
 * it takes outside the box of folded topic `t` hiding `nhidden` topics,
 * gap included, along the outward side (an upper bound: the layout may
 * keep it free).  RM_BADGE_GAP is the gap between box and badge.
 */
#define RM_BADGE_GAP	3.0
double	rm_style_badge_size(const struct rm_style *, unsigned depth);
void	rm_style_badge_room(const struct rm_style *, const struct ramify_topic *t,
	    size_t nhidden, double *w, double *h);
static inline int
rm_style_level(unsigned depth)
{
	return depth < 3 ? (int)depth : 3;
}
/* Branch colour i (0-based first-level branch) as 0xRRGGBB. */
uint32_t rm_style_branch_color(const struct rm_style *, size_t i);

/* Themes (theme.c): built-in sources, compiled in from themes/. */
int	rm_theme_exists(const char *name);
/* Built-in theme i's name, or NULL past the last. */
const char *rm_theme_name(size_t i);
/* The source text of a built-in theme, or NULL. */
const char *rm_theme_text(const char *name);
/* Key i a theme must have, as group and name; 0 past the last. */
int	rm_theme_key(size_t i, const char **group, const char **name);
/*
 * Parse theme source `text` (GKeyFile syntax) into `s`.  Every key must
 * be present, valid and known: a typo is an error, not a silent default.
 * Returns RAMIFY_OK, or RAMIFY_EUSAGE with a message in err.
 */
int	rm_theme_parse(const char *text, size_t len, struct rm_style *s,
	    char *err, size_t errsize);

/* ---- Icons (icons.c): vector shapes by name ------------------------ */

/* The icon a name draws (FreeMind, XMind and MindManager names and our
 * own), or -1 when it is unknown: unknown icons draw nothing and take no
 * room. */
int	rm_icon_lookup(const char *name);
/* How many of the topic's icons draw. */
size_t	rm_icon_count(const struct ramify_topic *);
/* Alias i: its name and the canonical name it draws; NULL past the end. */
const char *rm_icon_alias(size_t i, const char **canonical);
/* Canonical icon i's name; NULL past the end. */
const char *rm_icon_name(size_t i);

struct _cairo;
/* Draw icon `id` in a `size` square with its top-left at (x, y); `mono`
 * draws every colour as `ink`. */
void	rm_icon_draw(struct _cairo *cr, int id, double x, double y,
	    double size, int mono, uint32_t ink);
/* Add a closed rectangle with corners rounded to `r` (cut to fit; 0: a
 * plain rectangle) to the path of `cr`.  For icons and boxes alike. */
void	rm_rounded_rect(struct _cairo *cr, double x, double y, double w,
	    double h, double r);

/* ---- Text measurement (text_pango.c is the only Pango user) ---------- */

struct rm_text;

/*
 * A measurer for the topics of `doc` (which gives the note numbers and,
 * in inline mode, the notes' text; NULL: no notes), in `style`, which
 * must outlive it.  One per thread: it owns a Pango font map.
 */
struct rm_text *rm_text_new(const struct rm_style *,
	    const struct ramify_doc *doc);
void	rm_text_free(struct rm_text *);

/*
 * A topic's content block, everything inside its box but the icons: the
 * text, the note marker to its right (endnotes mode) and the notes under
 * it (inline mode).  Positions are relative to the block's top-left.
 */
struct rm_text_parts {
	double	 w, h;				/* the block */
	double	 text_x, text_y, text_w, text_h;
	double	 mark_x, mark_y, mark_w, mark_h;	/* 0 x 0: none */
	double	 label_size;			/* the marker's type size */
	double	 note_x, note_y, note_w, note_h;	/* 0 x 0: none */
	double	 card_x, card_y, card_w, card_h;	/* 0 x 0: none */
	char	 label[48];			/* "3", "3,4", "3-6" */
};

/* Size of the topic's content block, in points. */
void	rm_text_measure(struct rm_text *, const struct ramify_topic *,
	    double *w, double *h);
void	rm_text_parts(struct rm_text *, const struct ramify_topic *,
	    struct rm_text_parts *);
/* Draw the topic's text with its top-left corner at (x, y) on `cr`
 * (a cairo_t *), wrapped exactly as measured, in colour 0xRRGGBB. */
void	rm_text_draw(struct rm_text *, struct _cairo *cr,
	    const struct ramify_topic *, double x, double y, uint32_t rgb);
/* Draw the topic's inline notes (rm_text_parts() gave their place). */
void	rm_text_draw_notes(struct rm_text *, struct _cairo *cr,
	    const struct ramify_topic *, double x, double y, uint32_t rgb);

/*
 * Any other text: `utf8` (plain, "\n" breaks lines) in the style's font
 * family at `size` points, bold or not, wrapped at `width` points (<= 0:
 * never), aligned left (align 0), centred (1) or right (2).  Its size
 * goes to *w and *h (either may be NULL); when `cr` is not NULL it is
 * drawn with its top-left corner at (x, y) in colour 0xRRGGBB.  For
 * badges, note numbers, labels and endnote pages.
 */
void	rm_text_block(struct rm_text *, struct _cairo *cr, const char *utf8,
	    double size, int bold, double width, int align, double x, double y,
	    uint32_t rgb, double *w, double *h);
/*
 * Each visual line of the topic's text, as measured and drawn: its
 * bytes, and its left end and baseline relative to the text's top-left
 * corner (rm_text_parts()' text_x, text_y).  For SVG <text>.
 */
typedef void (*rm_line_fn)(void *arg, const char *utf8, size_t len,
    double x, double baseline);
void	rm_text_lines(struct rm_text *, const struct ramify_topic *,
	    rm_line_fn, void *arg);

/*
 * Glyphs kept while measuring, so a picture shapes its text once
 * (text_pango.c).  Attach a store to a measurer with
 * rm_text_keep_glyphs(); each rm_text_measure() then records the
 * topic's glyphs under its seq.  Measurers on several threads may share
 * one store: they write different topics.
 */
struct rm_glyphs;
struct rm_glyphs *rm_glyphs_new(size_t ntopics);
void	rm_glyphs_free(struct rm_glyphs *);
/* With `owns`, rm_text_free() frees the store too. */
void	rm_text_keep_glyphs(struct rm_text *, struct rm_glyphs *, int owns);
/* The measurer's store when it holds every topic's glyphs, else NULL
 * (none attached, or out of memory: draw with rm_text_draw()). */
struct rm_glyphs *rm_text_glyphs(struct rm_text *);
/*
 * Draw the text of topics seqs[0..n) with their blocks' top-left corners
 * at (x[seq], y[seq]) in colours rgb[seq], batched by font and colour.
 * With `consume` each topic's glyphs are freed once drawn.  Returns
 * RAMIFY_OK or RAMIFY_ENOMEM.
 */
int	rm_glyphs_draw(struct rm_glyphs *, struct _cairo *cr, size_t n,
	    const size_t *seqs, const double *x, const double *y,
	    const uint32_t *rgb, int consume);

/* ---- Layout (never includes cairo.h) --------------------------------- */

enum rm_geom_side {
	RM_GEOM_ROOT,
	RM_GEOM_LEFT,
	RM_GEOM_RIGHT
};

/* How a branch is drawn from its parent's anchor (ax, ay) to the child's
 * (bx, by).  The layout decides; the renderer follows. */
enum rm_edge {
	RM_EDGE_CURVE_H = 0,	/* S-curve, horizontal at both ends */
	RM_EDGE_CURVE_V,	/* S-curve, vertical at both ends */
	RM_EDGE_ELBOW_H,	/* horizontal, vertical, horizontal */
	RM_EDGE_ELBOW_V,	/* vertical, horizontal, vertical */
	RM_EDGE_STRAIGHT,	/* a straight line */
	RM_EDGE_CORNER		/* vertical from (ax, ay), then horizontal */
};

/* A laid-out map.  Arrays are indexed by topic seq; boxes in points,
 * (x, y) the top-left corner, y downwards, all >= 0. */
struct rm_geom {
	size_t		 n;
	double		 width, height;
	double		*x, *y, *w, *h;		/* the topic's box */
	double		*tw, *th;		/* its text block */
	unsigned char	*side;			/* enum rm_geom_side */
	unsigned char	*hidden;		/* under a folded topic: no box */
	size_t		*branch;		/* first-level branch index */
	/* Drawn folded (by the file or --expand-level): how many topics
	 * it hides, for the "+N" badge; 0 when it shows its children. */
	size_t		*nhidden;
	/* The edge into each non-root topic. */
	double		*ax, *ay, *bx, *by;
	unsigned char	*edge;			/* enum rm_edge */
	const char	*layout;		/* static name */
};

/* The measurer gives each topic's text block (tw, th) and the box around
 * it (w, h), padding and markers included (pipeline.c). */
struct rm_measure {
	void	(*fn)(void *arg, const struct ramify_topic *, double *tw,
		    double *th, double *w, double *h);
	void	*arg;
};

/* Lay `doc` out.  Returns RAMIFY_OK, RAMIFY_ENOMEM or RAMIFY_EUSAGE.
 * Free with rm_geom_free().  Linear time, no recursion. */
int	rm_layout(const struct ramify_doc *, const struct rm_style *,
	    const char *layout, const struct rm_measure *, struct rm_geom *);
void	rm_geom_free(struct rm_geom *);
/* Fill `hidden` and `nhidden` (see struct rm_geom) for every layout;
 * `parent[k]` is topic k's parent seq (ignored for the root). */
void	rm_layout_folding(const struct ramify_doc *, const struct rm_style *,
	    const size_t *parent, unsigned char *hidden, size_t *nhidden);

/*
 * The usual pipeline (pipeline.c): style from the options, text measured
 * with Pango, then rm_layout() with the layout the options name.  When
 * `style` is not NULL it receives the style used; when `text` is not NULL
 * it receives the measurer, for drawing (free with rm_text_free()); the
 * measurer refers to `*style`, so `text` needs `style`, kept alive.
 */
int	rm_measured_layout(const struct ramify_doc *, const struct ramify_options *,
	    struct rm_diag *, struct rm_style *style, struct rm_text **text,
	    struct rm_geom *);

/* ---- Customer data (customers.c, report.c, write_report.c, link.c) -- */

/*
 * Money is decimal text in the file and int64 minor units of 1/10000 in
 * memory: no binary floating point anywhere in sums, shares or reports.
 * Exchange rates are kept in 1/10^8.  docs/CUSTOMERS.md has the rules.
 */
#define RM_MONEY_SCALE	 10000
#define RM_RATE_SCALE	 100000000
/* Amounts as written: up to 13 integer digits (10^13 - 1 a month, times
 * 12 a year, still fits int64 in minor units with room to add up). */
#define RM_MONEY_DIGITS	 13
#define RM_MAX_CUSTOMERS ((size_t)4 << 20)	/* as many as map topics */
#define RM_NO_INDEX	 ((size_t)-1)

/* Closed word lists; 0 is "not given", the words start at 1. */
enum rm_ctype	 { RM_TYPE_POTENTIAL = 1, RM_TYPE_EXISTING, RM_TYPE_KEY,
		   RM_TYPE_LOST };
enum rm_stage	 { RM_STAGE_AWARENESS = 1, RM_STAGE_CONSIDERATION,
		   RM_STAGE_PURCHASE, RM_STAGE_USE, RM_STAGE_LOYALTY,
		   RM_STAGE_CHURNED };
enum rm_team	 { RM_TEAM_SALES = 1, RM_TEAM_SERVICE, RM_TEAM_SUCCESS,
		   RM_TEAM_MARKETING };
enum rm_attitude { RM_ATT_LOYAL = 1, RM_ATT_BRAND, RM_ATT_NOT_LOYAL };
enum rm_channel	 { RM_CH_VISIT = 1, RM_CH_MEETING, RM_CH_CALL, RM_CH_EMAIL,
		   RM_CH_HOTLINE, RM_CH_COMPLAINT };
enum rm_list	 { RM_LIST_TYPE, RM_LIST_STAGE, RM_LIST_TEAM, RM_LIST_ATTITUDE,
		   RM_LIST_CHANNEL, RM_LIST_THANKS, RM_NLISTS };
/* The word for value `v` of list `l` ("loyalty"), or NULL for 0 and
 * out of range.  Static storage. */
const char *rm_word(enum rm_list l, unsigned v);

/* A dated event: an interaction, a thank-you or the next contact. */
struct rm_event {
	int32_t		 day;		/* Julian day (GDate), 0: none */
	uint8_t		 how;		/* channel or thanks word */
	const char	*text;		/* outcome, or "" */
};

struct rm_person {
	const char	*name, *role, *email, *phone;	/* NULL: not given */
};

/* One customer.  Strings live in the data's arena; NULL: not given. */
struct rm_customer {
	const char	*id, *name, *owner, *category, *city, *credit;
	const char	*source, *note;
	const char	*referred_by;	/* id as written */
	size_t		 referrer;	/* its index, or RM_NO_INDEX */
	uint8_t		 type, stage, team, attitude;
	uint8_t		 per;		/* 0 no value, 1 a month, 2 a year */
	int64_t		 amount;	/* as written, in `currency` */
	const char	*currency;	/* of the amount */
	int64_t		 value;		/* a year, in the file's currency */
	int32_t		 since;		/* Julian day, 0: not given */
	const char	**reasons, **breakers;
	size_t		 nreasons, nbreakers;
	struct rm_person *contacts;
	size_t		 ncontacts;
	struct rm_event	*thanks, *events;	/* events: interactions */
	size_t		 nthanks, nevents;
	size_t		 last;		/* latest interaction, or RM_NO_INDEX */
	struct rm_event	 next;		/* planned next contact */
	struct rm_pos	 pos, ref_pos;	/* <customer>, <referred-by> */
};

struct rm_rate {
	const char	*currency;
	int64_t		 rate;		/* one unit in the file's, 1/10^8 */
	struct rm_pos	 pos;
};

/* A rule of the contact plan: conditions (0/NULL: any), then how often. */
struct rm_rule {
	char		 cls;		/* 'A', 'B', 'C' or 0 */
	const char	*category;
	uint8_t		 type, stage;
	unsigned	 count;		/* every `count` `unit`s; 0: no plan */
	char		 unit;		/* 'D', 'W', 'M' or 'Y' */
	uint8_t		 how;		/* channel, 0: any */
	const char	*every;		/* as written, or NULL */
	struct rm_pos	 pos;
};

struct ramify_data {
	struct rm_arena	 arena;
	const char	*file;		/* name for messages */
	const char	*title, *lang;	/* NULL when not given */
	const char	*currency;	/* the file's; NULL when no amounts */
	struct rm_customer *cs;		/* in file order; malloc'd */
	size_t		 n, cap;
	struct rm_rate	*rates;
	size_t		 nrates, caprates;
	struct rm_rule	*rules;
	size_t		 nrules, caprules;
	void		*ids;		/* GHashTable: id -> index + 1 */
	void		*strings;	/* GHashTable: interned strings */
};

/* Money and dates as text (customers.c).  Buffers of RM_NUM_BUF bytes
 * hold any of them. */
#define RM_NUM_BUF	48
/* Decimal text (digits, optionally '.' and up to `decimals` digits) to
 * minor units of 10^-decimals.  0, or -1 for bad syntax, -2 when more
 * than `digits` integer digits. */
int	 rm_decimal_parse(const char *s, unsigned digits, unsigned decimals,
	    int64_t *out);
/* Minor units (1/10000) as "1234.50": at least 2 decimals, up to 4 when
 * needed to be exact.  With `group`, thousands are separated by ','. */
char	*rm_money_str(int64_t v, int group, char *buf);
/* Whole units, rounded half up, with ',' between thousands. */
char	*rm_money_units(int64_t v, char *buf);
/* part/total as a percentage with `decimals` (0..6) decimals, rounded
 * half up, from integers; "0.00" when total is 0. */
char	*rm_share_str(int64_t part, int64_t total, unsigned decimals,
	    char *buf);
/* An A/B cut-off (percent in 10^-4) without trailing zeros: "80",
 * "82.5". */
char	*rm_cutoff_str(int64_t cut, char *buf);
/* Julian day as YYYY-MM-DD; "" for 0. */
char	*rm_date_str(int32_t day, char *buf);
/* YYYY-MM-DD naming a real day (years 1..9999) to a Julian day; 0 when
 * it is not one. */
int32_t	 rm_date_parse(const char *s);
/* `day` plus `count` units ('D', 'W', 'M', 'Y'); months and years keep
 * the day of the month, or the last day when the month is shorter. */
int32_t	 rm_date_add(int32_t day, unsigned count, char unit);
/* Is the document element <customers> in the customers namespace? */
int	 rm_data_sniff(const char *buf, size_t len);
/* Is the document element <root> in namespace `ns` (xml.c)? */
int	 rm_xml_sniff_root(const char *buf, size_t len, const char *root,
	    const char *ns);
/* Sniffers look at no more than this: the root's start tag comes early. */
#define RM_SNIFF_MAX	((size_t)16 << 10)
/*
 * Where the document element's start tag begins in the first
 * RM_SNIFF_MAX bytes of s[0..n): past a UTF-8 byte order mark, white
 * space, the XML declaration and other processing instructions,
 * comments and a DOCTYPE (its internal subset included).  n when none
 * is in sight.
 */
size_t	 rm_xml_sniff_start(const char *s, size_t n);

/* ---- Analyses (report.c) ---- */

/* What the analyses say about one customer. */
struct rm_stat {
	size_t		 rank;		/* 1-based: value down, then id */
	int64_t		 cum;		/* value of ranks 1..rank */
	char		 abc;		/* 'A', 'B' or 'C' */
	uint8_t		 gold10, gold20;
	int32_t		 due;		/* next contact due, 0: no plan or no
					 * date to count from */
	int64_t		 overdue;	/* days past `due`, 0 when not, -1
					 * when unknown */
	const struct rm_rule *rule;	/* plan rule that applies, or NULL */
	size_t		 nreferred;	/* brought directly */
	size_t		 nbrought;	/* brought, directly or not */
	int64_t		 brought;	/* their value */
};

struct rm_analysis {
	const struct ramify_data *data;
	int32_t		 today;
	int64_t		 cut[2];	/* A and B cut-offs, in 10^-6 */
	int64_t		 total;		/* of all values */
	size_t		 n, npaying;	/* customers, those with a value */
	size_t		 ngold10, ngold20;
	size_t		*order;		/* customer indices by rank */
	struct rm_stat	*st;		/* by customer index */
};

/* Rank, class and plan `data` as of opts->today (or the current date)
 * with the cut-offs opts->abc.  RAMIFY_OK, RAMIFY_ENOMEM, or
 * RAMIFY_ELIMIT (told) when the total value overflows. */
int	 rm_analyse(const struct ramify_data *, const struct ramify_options *,
	    struct rm_diag *, struct rm_analysis *);
void	 rm_analysis_free(struct rm_analysis *);
/* Is customer `c` lost (type lost or stage churned)? */
int	 rm_customer_lost(const struct rm_customer *c);

/* ---- Report writers (write_report.c) ---- */
int	 rm_report_text(const struct rm_analysis *, struct rm_sink *, int md);
int	 rm_report_json(const struct rm_analysis *, struct rm_sink *);

/* ---- Links, queries and cards (link.c) ---- */

/* <query> of a map topic: select records, sort, limit, then one child per
 * record (`each`) and/or a summary as the topic's text. */
struct rm_query {
	const char	*select, *sort, *each, *summary; /* NULL: absent */
	size_t		 limit;		/* 0: no limit */
	struct rm_pos	 pos;
};
#define RM_QUERY_MAX_LIMIT	1000000

/* Warning marks of a card. */
enum {
	RM_CARD_OVERDUE	= 1 << 0,	/* contact overdue by the plan */
	RM_CARD_LOST	= 1 << 1,	/* type lost or stage churned */
	RM_CARD_NEVER	= 1 << 2,	/* no interaction on record */
	RM_CARD_GOLD10	= 1 << 3,	/* among the top 10 % */
	RM_CARD_GOLD20	= 1 << 4,	/* among the top 20 % */
	RM_CARD_LATE	= 1 << 5	/* next contact planned after it is due */
};

struct rm_card_field {
	const char	*label, *value;
};

/*
 * A customer data card, as linked into a map: everything in the doc's
 * arena, so the doc keeps it after the data is freed.  The short form
 * (name, class, value, owner, last and next contact, flags) is what a
 * drawn card shows; `fields` is the full card, which the outline and
 * endnotes show as the card's note.
 */
struct rm_card {
	const char	*id, *name;
	char		 abc;		/* 'A', 'B' or 'C' */
	size_t		 rank;
	unsigned	 flags;		/* RM_CARD_* */
	const char	*value;		/* "EUR 150,000.00 a year" */
	const char	*owner;		/* "Kari Nordmann, success", or NULL */
	const char	*last;		/* "2026-10-02, visit", or NULL */
	const char	*next;		/* "2026-12-01, meeting" or "due
					 * 2026-11-02", or NULL */
	int64_t		 overdue;	/* days, > 0 when RM_CARD_OVERDUE */
	const struct rm_card_field *fields;
	size_t		 nfields;
	size_t		 note;		/* its note in doc->notes */
};

/* The card of record `i` of topic `t`, or NULL when the topic has not
 * been linked (or has no such record). */
const struct rm_card *rm_topic_card(const struct ramify_topic *t, size_t i);

/* ---- Drawn cards (card.c) ---- */

/*
 * Where the parts of a drawn card go, relative to its top-left corner:
 * the class chip (a disc with the letter), a bold head line, the body
 * lines, and a warning tag (empty warn: none).  Texts in the style's
 * font at `size` (head 1.05x, warnings 0.95x, bold).
 */
struct rm_card_box {
	double	 w, h, size, pad;
	char	 abc;
	double	 chip_x, chip_y, chip_d;
	double	 head_x, head_y;
	double	 body_x, body_y;
	double	 warn_x, warn_y, warn_w, warn_h;
	char	 head[160];
	char	 body[640];
	char	 warn[96];
};

void	rm_card_layout(struct rm_text *, const struct rm_style *,
	    const struct rm_card *, const char *topic_text,
	    struct rm_card_box *);
/* The topic's cards stacked, as drawn under its text: 0 x 0 when it has
 * none or the style draws none. */
void	rm_cards_size(struct rm_text *, const struct rm_style *,
	    const struct ramify_topic *, double *w, double *h);
/* The space between a topic's stacked cards. */
#define RM_CARD_GAP(st)	((st)->card_size * 0.5)

#endif /* RAMIFY_INTERNAL_H */
