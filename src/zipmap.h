/*
 * zipmap.h: zipped map formats (XMind, MindManager): the one way libramify
 * opens zip archives, and what the readers of those formats share.
 *
 * The archive is read from memory, read-only, through libzip.  libzip
 * does not protect against zip bombs by itself: an entry that declares
 * 100 bytes and inflates to a gigabyte keeps returning data, and its CRC
 * is only checked at the end.  So every entry is read with hard limits:
 *
 *  - its declared (uncompressed) size is at most RM_ZIP_MAX_ENTRY, and
 *    all entries read from one archive at most RM_ZIP_MAX_TOTAL;
 *  - beyond RM_ZIP_RATIO_FLOOR bytes, its declared size is at most
 *    RM_ZIP_MAX_RATIO times its compressed size;
 *  - at most the declared size plus one byte is ever read, and the
 *    entry must hold exactly its declared size (and pass its CRC).
 *
 * The archive is opened without ZIP_CHECKCONS: MindManager writes local
 * headers whose extra fields differ from the central directory's, which
 * a consistency check refuses.  Encrypted entries and compression
 * methods libzip cannot read are refused with a clear message; so is an
 * entry name that occurs twice, since which copy counts is not defined.
 *
 * Zip archives have no lines: problems with the archive or an entry are
 * reported at 0:0 and name the entry.  Problems inside an entry (XML,
 * JSON) are reported at their line:col in that entry, the message
 * prefixed with the entry's name, through struct rm_entry_diag.
 */
#ifndef RAMIFY_ZIPMAP_H
#define RAMIFY_ZIPMAP_H

#include <libxml/tree.h>

#include "internal.h"
#include "xml.h"

#define RM_ZIP_MAX_ENTRY	((size_t)64 << 20)	/* 64 MiB: no outline */
#define RM_ZIP_MAX_TOTAL	((size_t)256 << 20)	/* = RM_MAX_INPUT */
/* Deflate peaks near 1030:1 on runs of one byte; text and XML compress
 * 5 to 30 times, JSON with long runs of indentation a little more. */
#define RM_ZIP_MAX_RATIO	200
#define RM_ZIP_RATIO_FLOOR	((size_t)1 << 20)	/* small is harmless */
/* Opening reads the whole central directory (200 000 entries take about
 * a second); maps have a few dozen entries. */
#define RM_ZIP_MAX_ENTRIES	65536

struct rm_zip;

/*
 * Open the `len` bytes at `buf` (borrowed: they must outlive the archive)
 * as a zip archive.  `kind` names what the file should be, for the
 * message when it is not a zip archive ("an XMind file").  Returns
 * RAMIFY_OK and the archive in `*out` (close with rm_zip_close()), or
 * RAMIFY_EINPUT, RAMIFY_ELIMIT or RAMIFY_ENOMEM after reporting why.
 */
int	rm_zip_open(struct rm_diag *, const char *buf, size_t len,
	    const char *kind, struct rm_zip **out);
void	rm_zip_close(struct rm_zip *);

/*
 * Is there an entry named exactly `name`?  1 yes, 0 no, -1 when there
 * are several (reported).
 */
int	rm_zip_has(struct rm_zip *, const char *name);

/*
 * Read entry `name` whole, within the limits above.  Returns RAMIFY_OK
 * with `*data` (malloc'd, `*len` bytes plus a NUL that `*len` does not
 * count; free() it), or RAMIFY_EINPUT (missing, encrypted, corrupt,
 * lying about its size), RAMIFY_ELIMIT (too large, or compressed too
 * well) or RAMIFY_ENOMEM, after reporting why.
 */
int	rm_zip_read(struct rm_zip *, const char *name, char **data,
	    size_t *len);

/*
 * For sniffers: is `buf` a zip archive with an entry named one of the
 * space-separated `names`?  Quiet; looks at no entry's data.
 */
int	rm_zip_probe(const char *buf, size_t len, const char *names);

/*
 * Diagnostics about the inside of an entry: pass `&ed.diag` to a parser
 * and each message reaches `outer` as "ENTRY: message" at the parser's
 * line:col, errors counted in `outer`.  `entry` is borrowed.
 */
struct rm_entry_diag {
	struct rm_diag	 diag;
	struct rm_diag	*outer;
	const char	*entry;
};

void	rm_entry_diag_init(struct rm_entry_diag *, struct rm_diag *outer,
	    const char *entry);

/*
 * Notes, shared by the readers of zipped maps: turn text into a note's
 * canonical form (docs/FORMAT.md, <p>): every line or block becomes a
 * paragraph with runs of white space (NBSP included) folded to one space
 * and both ends trimmed; empty paragraphs are dropped; paragraphs are
 * joined by "\n\n".  The result is appended to `out` (a GString).
 */
struct _GString;
/* Plain text: each line ("\n", "\r\n" or "\r") is a paragraph. */
void	rm_note_from_plain(struct _GString *out, const char *text);
/*
 * The text of an (X)HTML subtree, from libxml2's XML or HTML parser:
 * block elements (p, div, li, h1-h6, tr, blockquote, pre, ...) and <br>
 * end paragraphs; everything else is inline.  Elements are recognised by
 * local name in any namespace or none (XMind 8 puts them in the XHTML
 * namespace under an <html> of its own); <script>, <style>, <head> and
 * <title> are skipped.  Constant space on any depth.
 */
void	rm_note_from_html(struct _GString *out, const xmlNode *top);

/*
 * Building the model, the same way for every zipped format.
 */
struct rm_zmap {
	struct rm_diag		*diag;		/* the entry's diagnostics */
	struct ramify_doc	*doc;
	void			*reserved;	/* GHashTable: every topic id
						 * the file uses, or NULL */
	struct _GString		*buf;		/* scratch */
	int			 status;	/* first failure: ENOMEM, ELIMIT */
};

/*
 * A new topic under `parent` (NULL: the root).  The title is trimmed and
 * its line breaks become "\n".  `id` becomes the topic's key when it is
 * a valid id not used yet (a second use is warned about); otherwise a
 * key clear of every id in `reserved` is generated.  A detached
 * (floating) topic gets the attribute detached=true.  NULL on failure
 * (reported; z->status set).
 */
struct ramify_topic *rm_zmap_topic(struct rm_zmap *z,
	    struct ramify_topic *parent, const char *title, const char *id,
	    struct rm_pos pos, int detached);
/* Attach the note in z->buf (canonical form, see above) to `t`; an
 * empty one is dropped.  0, or -1 on failure (z->status set). */
int	rm_zmap_note(struct rm_zmap *z, struct ramify_topic *t,
	    struct rm_pos pos);
/*
 * Give `t` the link `href` (empty: nothing).  Links to files inside the
 * archive ("xap:attachments/...") are dropped with a warning: ramify
 * does not read attachments.  `who` names the topic in that warning.
 */
int	rm_zmap_link(struct rm_zmap *z, struct ramify_topic *t,
	    const char *href, const char *who, struct rm_pos pos);

/*
 * An XML entry being read into the model (MindManager's Document.xml,
 * XMind 8's content.xml): the builder, the entry's element positions,
 * and strings while reading.
 */
struct rm_zxml {
	struct rm_zmap		 z;
	const struct rm_xml_locs *locs;
	struct rm_arena		 scratch;
};

/* Attribute `name` (namespace `ns`, NULL for none) of `el` (NULL: no
 * element): its value, or NULL when absent or bad (reported; out of
 * memory sets z.status). */
const char *rm_zxml_attr(struct rm_zxml *, const xmlNode *el,
	    const char *ns, const char *name);

/* A topic element waiting to be read, under `parent` (NULL: the root). */
struct rm_zitem {
	const xmlNode		*el;
	struct ramify_topic	*parent;
	int			 detached;
};

struct _GArray;

/* How a format's XML holds its topics, for rm_zxml_walk(). */
struct rm_zxml_topics {
	/* The topic's title, and its id (NULL: none). */
	const char *(*title)(struct rm_zxml *, const xmlNode *el);
	const char *(*id)(struct rm_zxml *, const xmlNode *el);
	/* Everything the topic carries but its subtopics: 0, or -1. */
	int	(*items)(struct rm_zxml *, const xmlNode *el,
		    struct ramify_topic *t);
	/* Push its attached (detached 0) or detached subtopics onto
	 * `stack` (of struct rm_zitem) for `t`, last first. */
	void	(*push)(struct _GArray *stack, const xmlNode *el,
		    struct ramify_topic *t, int detached);
};

/*
 * Build the tree from topic element `root` without recursion: each topic,
 * then its attached subtopics, then its detached ones.  0, or -1 on
 * failure (z.status says why, or it was reported).
 */
int	rm_zxml_walk(struct rm_zxml *, const xmlNode *root,
	    const struct rm_zxml_topics *);

/*
 * The sheet `want` asks for (--sheet: "" is the first, digits a 1-based
 * number, anything else a title) among `n` sheets titled `titles`.
 * Returns its index, or (size_t)-1 after an error that lists the sheets.
 */
size_t	rm_zmap_sheet(struct rm_diag *, const char *want,
	    const char *const *titles, size_t n);

#endif /* RAMIFY_ZIPMAP_H */
