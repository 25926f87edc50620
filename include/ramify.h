/*
 * ramify.h: turn outlines and customer data into mind maps.
 *
 * The whole public interface of libramify.  Types are opaque; every
 * function states who owns what it returns.  The library never prints,
 * never exits and keeps no mutable global state: diagnostics go to a
 * callback, output goes to a write callback, and errors are returned.
 *
 * A typical program:
 *
 *	ramify_options *o = ramify_options_new();
 *	ramify_options_set_diag(o, my_diag, NULL);
 *	ramify_doc *doc;
 *	if (ramify_read(NULL, buf, len, "in.xml", o, &doc) == RAMIFY_OK) {
 *		ramify_write(doc, ramify_format_by_name("pdf"), o, my_write, fp);
 *		ramify_doc_free(doc);
 *	}
 *	ramify_options_free(o);
 */
#ifndef RAMIFY_H
#define RAMIFY_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RAMIFY_VERSION "0.1.0"

/* Status codes.  Every function that can fail returns one of these. */
enum ramify_status {
	RAMIFY_OK = 0,
	RAMIFY_EINPUT = -1,	/* the input is malformed; diagnostics say where */
	RAMIFY_EIO = -2,	/* the write callback failed */
	RAMIFY_ENOMEM = -3,	/* out of memory */
	RAMIFY_EUSAGE = -4,	/* bad argument: unknown format, layout, option */
	RAMIFY_ELIMIT = -5	/* input exceeds a documented limit */
};

enum ramify_severity {
	RAMIFY_ERROR,
	RAMIFY_WARNING
};

/*
 * Diagnostic callback.  `file` is the name given to ramify_read() (never
 * NULL), `line` and `col` are 1-based, 0 when unknown.  `msg` is one line
 * of UTF-8 without a trailing newline.  All pointers are borrowed for the
 * duration of the call.
 */
typedef void (*ramify_diag_fn)(void *arg, enum ramify_severity sev,
    const char *file, unsigned line, unsigned col, const char *msg);

/*
 * Write callback: consume `len` bytes at `buf`.  Return 0 on success,
 * non-zero on failure; after a failure no further calls are made and the
 * writer returns RAMIFY_EIO.
 */
typedef int (*ramify_write_fn)(void *arg, const void *buf, size_t len);

typedef struct ramify_options ramify_options;
typedef struct ramify_format ramify_format;
typedef struct ramify_doc ramify_doc;
typedef struct ramify_topic ramify_topic;

/* The library's version string, e.g. "0.1.0".  Static storage. */
const char *
ramify_version(void);

/* A short English description of a status code.  Static storage. */
const char *
ramify_strerror(int status);

/* ---- Options ------------------------------------------------------ */

/* New options with defaults.  Free with ramify_options_free(). */
ramify_options *
ramify_options_new(void);

/* Frees `o`; NULL is accepted. */
void
ramify_options_free(ramify_options *o);

/* Where diagnostics go.  Without a callback they are discarded. */
void
ramify_options_set_diag(ramify_options *o, ramify_diag_fn fn, void *arg);

/*
 * Layout algorithm by name: "map" (the default; balanced on both sides of
 * the root), "logic" (all to the right), "org" (top-down), "org-compact"
 * (top-down, leaves stacked in columns) or "radial".
 * Returns RAMIFY_EUSAGE for an unknown name, leaving `o` as it was.  The
 * name is copied.
 */
int
ramify_options_set_layout(ramify_options *o, const char *name);

/* Maximum width of a topic's text before it wraps, in points (default
 * 180; clamped to 40..2000). */
void
ramify_options_set_wrap_width(ramify_options *o, double points);

/* Resolution of PNG output in dots per inch (default 144; 18..1200). */
void
ramify_options_set_dpi(ramify_options *o, double dpi);

/*
 * Any option by the name it has on the command line, without "--"
 * ("layout", "theme", "page", "notes", "svg-text", "expand-level", ...;
 * ramify_option_at() lists them).  `value` is the argument as text, or
 * NULL for a flag that takes none.  Returns RAMIFY_OK, or RAMIFY_EUSAGE
 * for an unknown name or a bad value, leaving `o` as it was.  `value` is
 * copied.
 */
int
ramify_options_set(ramify_options *o, const char *name, const char *value);

/*
 * The i-th option ramify_options_set() accepts, or NULL past the end.
 * `*arg` receives the argument's placeholder ("N", "NAME"; NULL for a
 * flag) and `*help` a one-line description.  Static storage.
 */
const char *
ramify_option_at(size_t i, const char **arg, const char **help);

/* Layout names accepted by ramify_options_set_layout(), in order, then
 * NULL.  Static storage. */
const char *
ramify_layout_name(size_t i);

/* ---- Formats ------------------------------------------------------ */

/* The i-th registered format, or NULL past the end.  Static storage,
 * like every ramify_format pointer. */
const ramify_format *
ramify_format_at(size_t i);

/* Format by its name ("ramify", "pdf", "text", ...), or NULL. */
const ramify_format *
ramify_format_by_name(const char *name);

/* Format by the extension of `path` (case-insensitive), or NULL.  With
 * `for_reading` non-zero only readable formats match, else writable. */
const ramify_format *
ramify_format_by_path(const char *path, int for_reading);

/* The readable format that best recognises the content, or NULL. */
const ramify_format *
ramify_format_sniff(const void *buf, size_t len);

/* Name, e.g. "pdf".  Static storage. */
const char *
ramify_format_name(const ramify_format *f);

/* One-line English description.  Static storage. */
const char *
ramify_format_description(const ramify_format *f);

/* Non-zero when the format can be read, or written. */
int
ramify_format_can_read(const ramify_format *f);
int
ramify_format_can_write(const ramify_format *f);

/* ---- Reading and checking ----------------------------------------- */

/*
 * Parse `len` bytes at `buf` as format `f` (NULL: sniff the content).
 * `name` labels diagnostics (a path, or "<stdin>"); it is copied.  On
 * RAMIFY_OK `*out` is a new document: free it with ramify_doc_free().
 * On failure `*out` is NULL and the diagnostic callback has been told why.
 * The input is never modified and need not be NUL-terminated.  No network
 * access, no external entities, no file other than `buf` is read.
 */
int
ramify_read(const ramify_format *f, const void *buf, size_t len,
    const char *name, const ramify_options *o, ramify_doc **out);

/* ---- Writing ------------------------------------------------------ */

/*
 * Write `doc` as format `f` through `fn`.  Formats that draw (pdf, svg,
 * png, layout) lay the map out first using `o`.  Returns RAMIFY_OK,
 * RAMIFY_EIO when `fn` failed, RAMIFY_EUSAGE when `f` cannot be written,
 * or another status with a diagnostic.  Output for the same document and
 * options is the same bytes every time.
 */
int
ramify_write(const ramify_doc *doc, const ramify_format *f,
    const ramify_options *o, ramify_write_fn fn, void *arg);

/* ---- Documents ---------------------------------------------------- */

/* A new document whose root topic has `root_text` (copied).  Free with
 * ramify_doc_free().  NULL only when out of memory. */
ramify_doc *
ramify_doc_new(const char *root_text);

/* Frees the document and every topic and string it owns; NULL is fine. */
void
ramify_doc_free(ramify_doc *doc);

/* The map's title, or NULL.  Borrowed; valid until the doc is freed. */
const char *
ramify_doc_title(const ramify_doc *doc);

/* Number of topics, root included. */
size_t
ramify_doc_count(const ramify_doc *doc);

/* The central topic.  Borrowed; valid until the doc is freed. */
ramify_topic *
ramify_doc_root(const ramify_doc *doc);

/*
 * Append a new last child to `parent` with `text` (copied; must be valid
 * UTF-8).  Returns the new topic, borrowed and valid until the doc is
 * freed, or NULL when out of memory or `text` is not UTF-8.
 */
ramify_topic *
ramify_topic_add_child(ramify_doc *doc, ramify_topic *parent,
    const char *text);

/*
 * Attach a new note to `t`: `text` is copied, UTF-8, paragraphs separated
 * by a blank line.  Returns the note's number in the doc (for
 * ramify_topic_attach_note()), or (size_t)-1 when out of memory or `text`
 * is not UTF-8.
 */
size_t
ramify_topic_add_note(ramify_doc *doc, ramify_topic *t, const char *text);

/* Attach note number `note` of `doc` to `t` too: one note shared by
 * several topics.  RAMIFY_OK, RAMIFY_EUSAGE for a bad number, or
 * RAMIFY_ENOMEM. */
int
ramify_topic_attach_note(ramify_doc *doc, ramify_topic *t, size_t note);

/* Fold or unfold `t`: a folded topic's children are not drawn and take
 * no room in the layout. */
void
ramify_topic_set_folded(ramify_topic *t, int folded);

/* Non-zero when `t` is folded. */
int
ramify_topic_folded(const ramify_topic *t);

/* Tree navigation; NULL where there is none.  All borrowed. */
ramify_topic *
ramify_topic_parent(const ramify_topic *t);
ramify_topic *
ramify_topic_first_child(const ramify_topic *t);
ramify_topic *
ramify_topic_next(const ramify_topic *t);

/* UTF-8 text, never NULL.  Borrowed; valid until the doc is freed. */
const char *
ramify_topic_text(const ramify_topic *t);

/* The stable id: from the file, else generated from the topic's place in
 * document order ("t0" for the root, "t1", ...; "tN-2" if a file took
 * "tN").  Borrowed. */
const char *
ramify_topic_id(const ramify_topic *t);

/* Number of notes attached to the topic. */
size_t
ramify_topic_note_count(const ramify_topic *t);

/* The i-th note of topic `t` of `doc`: its text (paragraphs separated by
 * one blank line), or NULL past the end.  Borrowed. */
const char *
ramify_topic_note(const ramify_doc *doc, const ramify_topic *t, size_t i);

/* ---- Customer data ------------------------------------------------ */

/*
 * Customer data (docs/CUSTOMERS.md): an XML file in the namespace
 * urn:ramify:customers:1 with one <customer> per account, an optional
 * exchange-rate table and an optional contact plan.  It is not a map
 * format: read it with ramify_data_read(), then report on it, link a map
 * to it or draw it as a portfolio map.  Money is kept in integer minor
 * units; no binary floating point is used in sums, shares or reports.
 */
typedef struct ramify_data ramify_data;

/* Non-zero when the content's document element is <customers> in the
 * customers namespace (what ramify_data_read() reads). */
int
ramify_data_sniff(const void *buf, size_t len);

/*
 * Read customer data from `len` bytes at `buf`, checking it against the
 * RELAX NG schema (schemas/ramify-customers.rng) and what a schema
 * cannot say: unique ids, referrals to real customers without cycles,
 * dates that exist, decimal amounts, convertible currencies.  `name`
 * labels diagnostics; it is copied.  On RAMIFY_OK `*out` is new: free it
 * with ramify_data_free().  On failure `*out` is NULL and every problem
 * found has gone to the diagnostic callback.  The input is not modified
 * and need not be NUL-terminated; it is parsed in pieces, so memory use
 * does not grow with a DOM of the whole file.
 */
int
ramify_data_read(const void *buf, size_t len, const char *name,
    const ramify_options *o, ramify_data **out);

/* Frees `d`; NULL is accepted. */
void
ramify_data_free(ramify_data *d);

/* Number of customers in `d`. */
size_t
ramify_data_count(const ramify_data *d);

/*
 * Write the analyses of `d` as `format`: "text" (a plain report),
 * "md" or "markdown" (the same in Markdown), or "json" (one object per
 * customer, see docs/CUSTOMERS.md).  Dates count from the option
 * "today" (default: the current date), A/B/C classes use the option
 * "abc".  Returns RAMIFY_OK, RAMIFY_EIO when `fn` failed, RAMIFY_EUSAGE
 * for an unknown format, RAMIFY_ELIMIT (with a diagnostic) when the
 * values add up beyond what can be counted.  Same data and options, same
 * bytes.
 */
int
ramify_report_write(const ramify_data *d, const char *format,
    const ramify_options *o, ramify_write_fn fn, void *arg);

/*
 * Resolve the links of `doc` to `d`: every <customer ref> of a topic
 * must name a customer of `d`, every <query> is run and expands into
 * child topics and/or a summary text.  Each linked customer gets its
 * data card, as a note of the topics that link it (so the outline and
 * the PDF endnotes show it).  Dangling ids and bad queries are errors at
 * the topic's line:col in the map.  Returns RAMIFY_OK, RAMIFY_EINPUT
 * (told), RAMIFY_ELIMIT or RAMIFY_ENOMEM; `doc` may be partly linked
 * after a failure.  `doc` owns everything added; `d` may be freed
 * afterwards.
 */
int
ramify_doc_link_data(ramify_doc *doc, const ramify_data *d,
    const ramify_options *o);

/*
 * A new map of the portfolio in `d`: the customers grouped by the option
 * "group-by" (default "abc,stage": A/B/C class, then lifecycle stage),
 * each with its data card.  On RAMIFY_OK `*out` is new: free it with
 * ramify_doc_free().  RAMIFY_EUSAGE (told) for an unknown grouping.
 */
int
ramify_portfolio_new(const ramify_data *d, const ramify_options *o,
    ramify_doc **out);

#ifdef __cplusplus
}
#endif

#endif /* RAMIFY_H */
