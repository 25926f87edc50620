/*
 * xml.h: the one way libramify parses XML.  Every XML reader (ramify's
 * own format, and later FreeMind, OPML, XMind, MindManager, customer
 * data) goes through rm_xml_parse(), which parses from memory with a
 * hardened libxml2 setup:
 *
 *  - no network, no external entities, no DTD loading, no XInclude: any
 *    entity declaration (general, parameter or unparsed) is an error and
 *    stops the parser; an external entity loader that refuses is
 *    installed for our parser contexts (once, thread-safely);
 *  - libxml2's built-in limits stay on (no XML_PARSE_HUGE): at most
 *    RM_XML_MAX_DEPTH nested elements, 10 MB per text node;
 *  - every error of level ERROR or FATAL goes to our rm_diag with its
 *    line and column, nothing is printed on stderr;
 *  - every element gets a position (line and column of the '<' of its
 *    start tag), which libxml2 alone does not provide.
 *
 * Private to the library.  Not thread-hostile: nothing here keeps state
 * between calls except the loader installed once.
 */
#ifndef RAMIFY_XML_H
#define RAMIFY_XML_H

#include <libxml/tree.h>

#include "internal.h"

/* The deepest element libxml2 2.9 accepts without XML_PARSE_HUGE (which
 * we never use), counting the document element as level 1: it refuses
 * an element with more than xmlParserMaxDepth (256) ancestors. */
#define RM_XML_MAX_DEPTH 257

/* Element positions of one parsed document; see rm_xml_pos(). */
struct rm_xml_locs;

/*
 * Parse `len` bytes at `buf` (need not be NUL-terminated).  On success
 * returns RAMIFY_OK and sets `*out` to the document and `*locs` to the
 * positions of its elements; free both with rm_xml_free().  On failure
 * every problem has been reported to `diag`, `*out` and `*locs` are NULL
 * and the result is RAMIFY_EINPUT (malformed or refused input),
 * RAMIFY_ELIMIT (too large for int) or RAMIFY_ENOMEM.
 *
 * Encodings: whatever libxml2 detects (BOM, XML declaration): UTF-8,
 * UTF-16, ISO-8859-1, ...  Element columns are exact for UTF-8, UTF-16
 * and other ASCII-compatible encodings; for the rest (UTF-32, EBCDIC)
 * only the line is known and the column is 0.  Columns are 1-based and
 * count characters, as libxml2's own error columns do (code points for
 * UTF-8 and UTF-16; bytes for other ASCII-compatible encodings, which
 * is characters for the single-byte ones).
 */
int	rm_xml_parse(struct rm_diag *, const char *buf, size_t len,
	    xmlDoc **out, struct rm_xml_locs **locs);

/*
 * Parse `len` bytes of UTF-8 HTML at `buf` with libxml2's forgiving HTML
 * parser, for HTML kept as text inside another format (old FreeMind
 * TEXT attributes).  Bad markup is repaired, never reported; nothing is
 * loaded, and <meta charset> is ignored.  Returns RAMIFY_OK with the
 * tree in `*out` (free with rm_xml_free(*out, NULL); NULL when there was
 * nothing to parse), RAMIFY_ENOMEM, or RAMIFY_ELIMIT when the HTML nests
 * more than 256 elements deep (libxml2 gives up there) or len > INT_MAX.
 */
int	rm_html_parse(const char *buf, size_t len, xmlDoc **out);

/* Frees what rm_xml_parse() returned; NULLs are fine. */
void	rm_xml_free(xmlDoc *, struct rm_xml_locs *);

/*
 * Position of node `n` of the document `locs` belongs to: for an element
 * the '<' of its start tag; for an attribute its element's; for anything
 * else the line libxml2 recorded and column 0.  {0, 0} when unknown.
 */
struct rm_pos rm_xml_pos(const struct rm_xml_locs *, const xmlNode *n);

/* Number of elements in the document, and the index (0..n-1, document
 * order) of element `n`, or (size_t)-1 for anything else: for readers
 * that keep per-element data in an array. */
size_t	rm_xml_count(const struct rm_xml_locs *);
size_t	rm_xml_index(const struct rm_xml_locs *, const xmlNode *n);

/*
 * For files of many records, in constant memory: parse like
 * rm_xml_parse() (the same hardening and diagnostics), but with
 * libxml2's push parser fed from `buf` in pieces, and hand each child of
 * the document element to `child` as soon as it is complete (an element
 * at its end tag, with the text, comments and PIs before it), then free
 * it.  The tree never holds more than the document element and one
 * child.  `start`, when not NULL, is called once with the document
 * element as soon as its start tag is read (attributes and namespaces
 * there, no children yet).  In both callbacks `doc` is the document as
 * far as it is kept, and rm_xml_pos(locs, n) works for the elements
 * being handed over (during the call: their positions go with them) and
 * for the document element; positions are those rm_xml_parse() gives.
 *
 * A callback returns RAMIFY_OK to go on; anything else stops the parse
 * and becomes the result.  On RAMIFY_OK `*out` holds the document
 * element and whatever follows its last element child, and `*locs` the
 * positions; free both with rm_xml_free().  On failure both are NULL.
 * A callback may have seen children of a document that then turns out
 * to be malformed: callers keep what they learn until the result says
 * the document was good.
 */
typedef int (*rm_xml_child_fn)(void *arg, xmlDoc *doc, xmlNode *n,
    const struct rm_xml_locs *locs);
int	rm_xml_parse_stream(struct rm_diag *, const char *buf, size_t len,
	    rm_xml_child_fn start, rm_xml_child_fn child, void *arg,
	    xmlDoc **out, struct rm_xml_locs **locs);

/*
 * A RELAX NG schema compiled once, for checking many documents (or one
 * streamed document record by record) against it.  rm_xml_schema_new()
 * compiles `schema_text`: RAMIFY_OK, RAMIFY_ENOMEM, or RAMIFY_EUSAGE
 * when it does not compile (a bug; reported).  rm_xml_schema_check()
 * works as rm_xml_validate() does.  Not to be shared between threads.
 */
struct rm_xml_schema;
int	rm_xml_schema_new(struct rm_diag *, const char *schema_text,
	    struct rm_xml_schema **out);
int	rm_xml_schema_check(struct rm_xml_schema *, struct rm_diag *,
	    xmlDoc *, const struct rm_xml_locs *);
void	rm_xml_schema_free(struct rm_xml_schema *);

/*
 * Validate `doc` against the RELAX NG schema in `schema_text` (a
 * NUL-terminated string, usually compiled in).  Each validation error is
 * reported to `diag` at the position of the element concerned.  Returns
 * RAMIFY_OK when valid, RAMIFY_EINPUT when not, RAMIFY_ENOMEM, or
 * RAMIFY_EUSAGE when the schema itself does not compile (a bug).
 */
int	rm_xml_validate(struct rm_diag *, xmlDoc *,
	    const struct rm_xml_locs *, const char *schema_text);

/* Next element after `n` in document order within the subtree of `top`,
 * skipping the children of `n` when `descend` is 0.  NULL at the end.
 * Constant space: safe on any depth. */
xmlNode	*rm_xml_next(const xmlNode *n, const xmlNode *top, int descend);

/* Is `n` an element named `name` in namespace `ns` (NULL: no namespace)? */
int	rm_xml_is(const xmlNode *n, const char *ns, const char *name);

/* Is `n` an element in namespace `ns`? */
int	rm_xml_in_ns(const xmlNode *n, const char *ns);

/* The first child element of `el` (NULL: none) that is <name> in
 * namespace `ns`, or NULL. */
xmlNode	*rm_xml_child(const xmlNode *el, const char *ns, const char *name);

/* Has element `el` an unqualified attribute `name`?  Quietly: its value
 * is not looked at. */
int	rm_xml_has_attr(const xmlNode *el, const char *name);

/*
 * Attribute `name` (namespace `ns`, NULL for an unqualified attribute) of
 * element `el`.  Returns 1 and sets `*val` when present, 0 and NULL when
 * absent, -1 after reporting an error at the element when the value is
 * not plain UTF-8 text (an entity reference libxml2 left unexpanded),
 * RAMIFY_ENOMEM when out of memory.
 * Only the predefined entities and character references are expanded.
 * `*val` is borrowed from the tree, or allocated from `scratch`.
 */
int	rm_xml_attr(struct rm_diag *, const struct rm_xml_locs *,
	    struct rm_arena *scratch, const xmlNode *el, const char *ns,
	    const char *name, const char **val);

/* rm_xml_attr() of an unqualified attribute for readers that go on after
 * a bad value and remember running out of memory: 1 present, 0 absent,
 * -1 bad (told) or out of memory (then *nomem is set). */
int	rm_xml_attr_or_nomem(struct rm_diag *, const struct rm_xml_locs *,
	    struct rm_arena *scratch, const xmlNode *el, const char *name,
	    const char **val, int *nomem);

/*
 * The text content of element `el`: its text and CDATA children
 * concatenated (comments and processing instructions skipped).  Child
 * elements and unexpanded entity references are errors reported at
 * their position.  Returns 0 and a string from `scratch` in `*val`, or
 * -1 (error reported; `*val` NULL), or RAMIFY_ENOMEM.
 */
int	rm_xml_text(struct rm_diag *, const struct rm_xml_locs *,
	    struct rm_arena *scratch, const xmlNode *el, const char **val);

#endif /* RAMIFY_XML_H */
