/*
 * xml.c: the hardened libxml2 wrapper every XML reader uses; xml.h says
 * what it guarantees.  The measures and the libxml2 2.9.14 behaviour
 * they answer are in /work/shared/reference/reliability.md, section 1.
 */
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/SAX2.h>
#include <libxml/xmlerror.h>

#include "xml.h"

/* 2.12 made the error record const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *rm_xml_err;
#else
typedef xmlErrorPtr rm_xml_err;
#endif

/* Cascades after a fatal error say nothing new; stop listening here. */
#define MAX_XML_ERRORS	20

struct rm_xml_locs {
	size_t		 n;	/* elements, in document order */
	struct rm_pos	*pos;	/* of elements first, first + 1, ... */
	size_t		 first;	/* streaming drops what it handed over */
	struct rm_pos	 root;	/* streaming: the document element's */
};

/* What the callbacks of one parse share (ctxt->_private). */
struct stream;

struct parse_state {
	struct rm_diag	*diag;
	unsigned	 nerrors;
	int		 refused;	/* an entity or external load was refused */
	struct stream	*stream;	/* rm_xml_parse_stream() only */
};

/* ---- Once per process: libxml2 initialisation and the entity loader - */

static pthread_once_t init_once = PTHREAD_ONCE_INIT;
/* Written once under init_once, then only read. */
static xmlExternalEntityLoader prev_loader;

static void deny_entity(void *, const xmlChar *, int, const xmlChar *,
    const xmlChar *, xmlChar *);

static void
report(struct parse_state *st, struct rm_pos pos, const char *fmt, ...)
    RM_PRINTF(3, 4);

static void
report(struct parse_state *st, struct rm_pos pos, const char *fmt, ...)
{
	va_list ap;

	st->nerrors++;
	va_start(ap, fmt);
	rm_vdiag(st->diag, RAMIFY_ERROR, pos, fmt, ap);
	va_end(ap);
}

static struct rm_pos
ctxt_pos(xmlParserCtxt *ctxt)
{
	int line = xmlSAX2GetLineNumber(ctxt), col = xmlSAX2GetColumnNumber(ctxt);

	return (struct rm_pos){ line > 0 ? (unsigned)line : 0,
	    col > 0 ? (unsigned)col : 0 };
}

/*
 * The external entity loader.  libxml2 has one per process, so it serves
 * other users of libxml2 in the same program too: for parsers that are
 * not ours (recognised by our entityDecl handler) it defers to the loader
 * that was there before.  Ours never load anything.
 */
static xmlParserInput *
deny_loader(const char *url, const char *id, xmlParserCtxt *ctxt)
{
	struct parse_state *st;

	if (ctxt == NULL || ctxt->sax == NULL ||
	    ctxt->sax->entityDecl != deny_entity)
		return prev_loader != NULL ? prev_loader(url, id, ctxt) : NULL;
	st = ctxt->_private;
	if (!st->refused)
		report(st, ctxt_pos(ctxt),
		    "refusing to load external resource '%s'",
		    url != NULL ? url : id != NULL ? id : "");
	st->refused = 1;
	xmlStopParser(ctxt);
	return NULL;
}

static void
init_libxml(void)
{
	xmlInitParser();
	prev_loader = xmlGetExternalEntityLoader();
	xmlSetExternalEntityLoader(deny_loader);
}

/* ---- Parser callbacks ------------------------------------------------ */

static void
refuse_entity(void *ctx, const xmlChar *name)
{
	xmlParserCtxt *ctxt = ctx;
	struct parse_state *st = ctxt->_private;

	if (!st->refused)
		report(st, ctxt_pos(ctxt), "entity declarations are not "
		    "allowed (entity '%s')", (const char *)name);
	st->refused = 1;
	xmlStopParser(ctxt);
}

static void
deny_entity(void *ctx, const xmlChar *name, int type, const xmlChar *pub,
    const xmlChar *sys, xmlChar *content)
{
	(void)type; (void)pub; (void)sys; (void)content;
	refuse_entity(ctx, name);
}

static void
deny_unparsed_entity(void *ctx, const xmlChar *name, const xmlChar *pub,
    const xmlChar *sys, const xmlChar *notation)
{
	(void)pub; (void)sys; (void)notation;
	refuse_entity(ctx, name);
}

/*
 * Copy libxml2's message into `buf`: first line only, and only its valid
 * UTF-8 prefix (messages may quote raw input bytes).
 */
static const char *
clean_message(const char *msg, char *buf, size_t size)
{
	size_t n;

	if (msg == NULL)
		msg = "unknown XML error";
	n = strcspn(msg, "\r\n");
	if (n >= size)
		n = size - 1;
	n = rm_utf8_valid_prefix(msg, n);
	while (n > 0 && (msg[n - 1] == ' ' || msg[n - 1] == '\t'))
		n--;
	memcpy(buf, msg, n);
	buf[n] = '\0';
	return buf;
}

static void
on_parse_error(void *ctx, rm_xml_err e)
{
	xmlParserCtxt *ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	struct rm_pos pos;
	char buf[512];
	const char *msg;

	if (e->level < XML_ERR_ERROR || st->refused)
		return;
	if (st->nerrors >= MAX_XML_ERRORS) {
		if (st->nerrors++ == MAX_XML_ERRORS)
			rm_error(st->diag, (struct rm_pos){0, 0},
			    "too many XML errors; giving up");
		xmlStopParser(ctxt);
		return;
	}
	pos.line = e->line > 0 ? (unsigned)e->line : 0;
	pos.col = e->int2 > 0 ? (unsigned)e->int2 : 0;
	msg = clean_message(e->message, buf, sizeof buf);
	/* Say in our words what libxml2 words for its own users. */
	if (e->code == XML_ERR_INTERNAL_ERROR &&
	    strncmp(msg, "Excessive depth", 15) == 0) {
		report(st, pos, "document nests too deeply (more than %d "
		    "levels of elements)", RM_XML_MAX_DEPTH);
		return;
	}
	if (e->code == XML_ERR_INVALID_CHAR &&
	    strncmp(msg, "Input is not proper UTF-8", 25) == 0) {
		report(st, pos, "invalid UTF-8 (declare the encoding if the "
		    "file is not UTF-8)");
		return;
	}
	if (e->code == XML_ERR_DOCUMENT_EMPTY) {
		report(st, pos, "document is empty");
		return;
	}
	/* The push parser's word for a file cut off inside an element. */
	if (e->code == XML_ERR_DOCUMENT_END && st->stream != NULL &&
	    ctxt->nameNr > 0 && ctxt->name != NULL) {
		report(st, pos, "premature end of the document: <%s> is not "
		    "closed", (const char *)ctxt->name);
		return;
	}
	report(st, pos, "%s", msg);
}

/* libxml2 still writes a few things through its generic error function
 * (per thread); while we parse, they go nowhere. */
static void
quiet(void *ctx, const char *msg, ...)
{
	(void)ctx; (void)msg;
}

struct generic_saved {
	xmlGenericErrorFunc	 fn;
	void			*ctx;
};

static struct generic_saved
silence_generic(void)
{
	struct generic_saved s = { xmlGenericError, xmlGenericErrorContext };

	xmlSetGenericErrorFunc(NULL, quiet);
	return s;
}

static void
restore_generic(struct generic_saved s)
{
	xmlSetGenericErrorFunc(s.ctx, s.fn);
}

/* ---- Element positions ----------------------------------------------- */

/*
 * A lexer over the original bytes that finds start tags in document
 * order.  Markup that is not a start tag (comments, CDATA, PIs, the
 * DOCTYPE with its internal subset, end tags) is skipped; '<' cannot
 * occur elsewhere outside attribute values, where it is not allowed.
 */
struct lexer {
	const unsigned char *s;
	size_t		 len;
	size_t		 at;		/* lines and columns known up to here */
	unsigned	 line, col;
	int		 cr;		/* the byte before `at` was '\r' */
	int		 utf8;		/* count characters, not bytes */
	size_t		 next;		/* where lex_next_start() goes on */
};

static void
lex_advance(struct lexer *lx, size_t to)
{
	for (; lx->at < to; lx->at++) {
		unsigned char c = lx->s[lx->at];

		if (c == '\n') {
			if (!lx->cr)
				lx->line++;
			lx->col = 1;
		} else if (c == '\r') {
			lx->line++;
			lx->col = 1;
		} else if (!lx->utf8 || (c & 0xc0) != 0x80) {
			lx->col++;
		}
		lx->cr = c == '\r';
	}
}

static int
lex_at(const struct lexer *lx, size_t i, const char *lit)
{
	size_t n = strlen(lit);

	return lx->len - i >= n && memcmp(lx->s + i, lit, n) == 0;
}

/* Index just past the first `term` at or after `i`, or len. */
static size_t
lex_find(const struct lexer *lx, size_t i, const char *term)
{
	size_t tl = strlen(term);
	const unsigned char *p;

	while (i < lx->len &&
	    (p = memchr(lx->s + i, term[0], lx->len - i)) != NULL) {
		i = (size_t)(p - lx->s);
		if (lex_at(lx, i, term))
			return i + tl;
		i++;
	}
	return lx->len;
}

/* Past the '>' that closes the tag or declaration starting at `i`,
 * skipping quoted strings and, in a DOCTYPE, its bracketed internal
 * subset (with the comments and PIs it may hold). */
static size_t
lex_skip_tag(const struct lexer *lx, size_t i)
{
	unsigned depth = 0;

	while (i < lx->len) {
		unsigned char c = lx->s[i];

		if (c == '"' || c == '\'') {
			const unsigned char *q = memchr(lx->s + i + 1, c,
			    lx->len - i - 1);

			if (q == NULL)
				return lx->len;
			i = (size_t)(q - lx->s) + 1;
		} else if (depth > 0 && lex_at(lx, i, "<!--")) {
			i = lex_find(lx, i + 4, "-->");
		} else if (depth > 0 && lex_at(lx, i, "<?")) {
			i = lex_find(lx, i + 2, "?>");
		} else if (c == '[') {
			depth++, i++;
		} else if (c == ']') {
			depth -= depth > 0, i++;
		} else if (c == '>' && depth == 0) {
			return i + 1;
		} else {
			i++;
		}
	}
	return lx->len;
}

/* A lexer over `buf` from its start.  Columns count characters when
 * `utf8`, else bytes (one per character in single-byte encodings). */
static void
lex_init(struct lexer *lx, const char *buf, size_t len, int utf8)
{
	*lx = (struct lexer){ (const unsigned char *)buf, len, 0, 1, 1, 0,
	    utf8, 0 };
	/* A UTF-8 byte order mark is not a column. */
	if (lex_at(lx, 0, "\xef\xbb\xbf"))
		lx->next = lx->at = 3;
}

/* The position of the next start tag into *pos; 0 when there is none. */
static int
lex_next_start(struct lexer *lx, struct rm_pos *pos)
{
	size_t i = lx->next, len = lx->len;

	while (i < len) {
		const unsigned char *p = memchr(lx->s + i, '<', len - i);

		if (p == NULL)
			break;
		i = (size_t)(p - lx->s);
		if (lex_at(lx, i, "<!--"))
			i = lex_find(lx, i + 4, "-->");
		else if (lex_at(lx, i, "<![CDATA["))
			i = lex_find(lx, i + 9, "]]>");
		else if (lex_at(lx, i, "<?"))
			i = lex_find(lx, i + 2, "?>");
		else if (lex_at(lx, i, "<!") || lex_at(lx, i, "</"))
			i = lex_skip_tag(lx, i + 2);
		else {
			lex_advance(lx, i);
			*pos = (struct rm_pos){ lx->line, lx->col };
			lx->next = lex_skip_tag(lx, i + 1);
			return 1;
		}
	}
	lx->next = len;
	return 0;
}

/* Are the bytes of the input those of the document's ASCII characters,
 * so that the lexer can read them?  Not for UTF-16/32 and EBCDIC, nor
 * for ISO 2022 and UTF-7, whose multibyte sequences contain '<'.
 * `encoding` is the one the document declares, or NULL. */
static int
ascii_compatible(const char *buf, size_t len, const char *encoding)
{
	static const char *const deny[] = { "UTF-16", "UTF16", "UTF-32",
	    "UTF32", "UCS", "EBCDIC", "IBM", "CP037", "ISO-2022", "UTF-7",
	    "CSISO2022", NULL };
	const unsigned char *s = (const unsigned char *)buf;
	size_t i;

	if (len >= 2 && ((s[0] == 0xfe && s[1] == 0xff) ||
	    (s[0] == 0xff && s[1] == 0xfe)))
		return 0;
	if (len >= 2 && (s[0] == 0 || s[1] == 0))
		return 0;
	if (len >= 4 && memcmp(s, "\x4c\x6f\xa7\x94", 4) == 0)
		return 0;
	if (encoding != NULL)
		for (i = 0; deny[i] != NULL; i++)
			if (strncasecmp(encoding, deny[i], strlen(deny[i])) == 0)
				return 0;
	return 1;
}

/*
 * Set up the lexer for a document in `encoding` (declared, or NULL):
 * straight over `buf` when the encoding is ASCII-compatible, over a
 * UTF-8 copy when it is UTF-16 (told by its byte order mark or its first
 * character); the copy goes to *copy (free with g_free(); NULL when
 * none).  Returns 0 when the lexer cannot be used.
 */
static int
lex_open(struct lexer *lx, const char *buf, size_t len, const char *encoding,
    char **copy)
{
	const unsigned char *s = (const unsigned char *)buf;
	const char *from = NULL;
	size_t skip = 0;
	gsize outlen;

	*copy = NULL;
	if (ascii_compatible(buf, len, encoding)) {
		lex_init(lx, buf, len, encoding == NULL ||
		    strcasecmp(encoding, "UTF-8") == 0);
		return 1;
	}
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		from = "UTF-16LE", skip = 2;
	else if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
		from = "UTF-16BE", skip = 2;
	else if (len >= 4 && memcmp(s, "<\0?\0", 4) == 0)
		from = "UTF-16LE";
	else if (len >= 4 && memcmp(s, "\0<\0?", 4) == 0)
		from = "UTF-16BE";
	if (from == NULL || (*copy = g_convert(buf + skip,
	    (gssize)(len - skip), "UTF-8", from, NULL, &outlen, NULL)) == NULL)
		return 0;
	lex_init(lx, *copy, outlen, 1);
	return 1;
}

/*
 * Positions of the first `max` start tags into `pos`, by the lexer (see
 * lex_open).  Returns how many start tags there are, up to max + 1, or
 * 0 when the lexer cannot be used.
 */
static size_t
lex_document(const char *buf, size_t len, const xmlDoc *doc,
    struct rm_pos *pos, size_t max)
{
	struct lexer lx;
	struct rm_pos p;
	char *copy;
	size_t n = 0;

	if (!lex_open(&lx, buf, len, (const char *)doc->encoding, &copy))
		return 0;
	while (lex_next_start(&lx, &p)) {
		if (n >= max) {
			n++;
			break;
		}
		pos[n++] = p;
	}
	g_free(copy);
	return n;
}

static int
make_locs(const char *buf, size_t len, xmlDoc *doc, struct rm_xml_locs **out)
{
	struct rm_xml_locs *locs;
	xmlNode *root = xmlDocGetRootElement(doc), *n;
	size_t count = 0, i;
	int exact;

	for (n = root; n != NULL; n = rm_xml_next(n, root, 1))
		count++;
	if ((locs = calloc(1, sizeof *locs)) == NULL ||
	    (locs->pos = calloc(count + 1, sizeof *locs->pos)) == NULL) {
		free(locs);
		return RAMIFY_ENOMEM;
	}
	locs->n = count;
	/* The k-th start tag is the k-th element, unless the lexer was
	 * fooled; then only libxml2's line numbers are used. */
	exact = lex_document(buf, len, doc, locs->pos, count) == count;
	for (i = 0, n = root; n != NULL; n = rm_xml_next(n, root, 1), i++) {
		long line = xmlGetLineNo(n);

		n->_private = (void *)(uintptr_t)(i + 1);
		if (!exact)
			locs->pos[i] = (struct rm_pos){
			    line > 0 && line <= UINT_MAX ? (unsigned)line : 0, 0 };
	}
	*out = locs;
	return RAMIFY_OK;
}

struct rm_pos
rm_xml_pos(const struct rm_xml_locs *locs, const xmlNode *n)
{
	size_t k;
	long line;

	if (n == NULL)
		return (struct rm_pos){0, 0};
	if (n->type == XML_ATTRIBUTE_NODE && n->parent != NULL)
		n = n->parent;
	if (locs != NULL && (k = rm_xml_index(locs, n)) != (size_t)-1) {
		if (k >= locs->first)
			return locs->pos[k - locs->first];
		if (k == 0)
			return locs->root;
	}
	line = xmlGetLineNo(n);
	return (struct rm_pos){ line > 0 && line <= UINT_MAX ?
	    (unsigned)line : 0, 0 };
}

size_t
rm_xml_count(const struct rm_xml_locs *locs)
{
	return locs->n;
}

size_t
rm_xml_index(const struct rm_xml_locs *locs, const xmlNode *n)
{
	uintptr_t k;

	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    (k = (uintptr_t)n->_private) < 1 || k > locs->n)
		return (size_t)-1;
	return (size_t)(k - 1);
}

/* ---- Parsing ---------------------------------------------------------- */

int
rm_xml_parse(struct rm_diag *diag, const char *buf, size_t len,
    xmlDoc **out, struct rm_xml_locs **locs)
{
	/* No network, CDATA as text, line numbers past 65535.  Never NOENT,
	 * DTDLOAD, DTDATTR, DTDVALID, XINCLUDE, HUGE, RECOVER or NOERROR. */
	const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_BIG_LINES;
	struct parse_state st = { diag, 0, 0, NULL };
	struct generic_saved saved;
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	int rc, nomem;

	*out = NULL;
	*locs = NULL;
	if (len == 0) {
		rm_error(diag, (struct rm_pos){1, 1}, "document is empty");
		return RAMIFY_EINPUT;
	}
	if (len > INT_MAX) {
		rm_error(diag, (struct rm_pos){0, 0},
		    "XML input is larger than %d bytes", INT_MAX);
		return RAMIFY_ELIMIT;
	}
	pthread_once(&init_once, init_libxml);
	if ((ctxt = xmlCreateMemoryParserCtxt(buf, (int)len)) == NULL)
		return RAMIFY_ENOMEM;
	xmlCtxtUseOptions(ctxt, options);
	ctxt->_private = &st;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->entityDecl = deny_entity;
	ctxt->sax->unparsedEntityDecl = deny_unparsed_entity;
	saved = silence_generic();
	xmlParseDocument(ctxt);
	restore_generic(saved);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
	/* xmlStopParser() leaves wellFormed set and may leave a truncated
	 * tree: our own count and flag decide. */
	if (!ctxt->wellFormed || st.refused || st.nerrors > 0 ||
	    ctxt->errNo == XML_ERR_USER_STOP || doc == NULL ||
	    xmlDocGetRootElement(doc) == NULL) {
		if (st.nerrors == 0 && diag->nerrors == 0 && !nomem)
			rm_error(diag, (struct rm_pos){0, 0}, "malformed XML");
		xmlFreeParserCtxt(ctxt);
		xmlFreeDoc(doc);
		return nomem ? RAMIFY_ENOMEM : RAMIFY_EINPUT;
	}
	xmlFreeParserCtxt(ctxt);
	if ((rc = make_locs(buf, len, doc, locs)) != RAMIFY_OK) {
		xmlFreeDoc(doc);
		return rc;
	}
	*out = doc;
	return RAMIFY_OK;
}

void
rm_xml_free(xmlDoc *doc, struct rm_xml_locs *locs)
{
	if (doc != NULL)
		xmlFreeDoc(doc);
	if (locs != NULL) {
		free(locs->pos);
		free(locs);
	}
}

/* ---- Streaming ------------------------------------------------------------ */

/* Input is fed to the push parser in pieces of this size. */
#define STREAM_CHUNK	((size_t)64 << 10)

struct stream {
	rm_xml_child_fn		 start, child;
	void			*arg;
	int			 rc;		/* first failure of a callback */
	struct rm_xml_locs	*locs;
	size_t			 cap;		/* of locs->pos */
	const char		*buf;
	size_t			 len;
	struct lexer		 lx;
	char			*copy;		/* UTF-8 copy the lexer reads */
	int			 lexing;	/* 1 exact, 0 not yet, -1 gave up */
};

/* Stop the parse after callback failure `rc`. */
static void
stream_stop(xmlParserCtxt *ctxt, struct stream *s, int rc)
{
	if (s->rc == RAMIFY_OK)
		s->rc = rc;
	xmlStopParser(ctxt);
}

/*
 * Number the new element `n` and find its position, as make_locs()
 * does for a whole tree, but as the start tags come: the lexer is set up
 * at the document element, once the XML declaration has named the
 * encoding, and then steps one start tag per element.  If it ever
 * disagrees with libxml2's line, only libxml2's lines are used from
 * there on.
 */
static int
stream_number(xmlParserCtxt *ctxt, struct stream *s, xmlNode *n)
{
	struct rm_xml_locs *locs = s->locs;
	struct rm_pos pos = { 0, 0 };
	long line = xmlGetLineNo(n);
	void *p;

	if (locs->n - locs->first == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 1024;

		if ((p = realloc(locs->pos, cap * sizeof *locs->pos)) == NULL)
			return RAMIFY_ENOMEM;
		locs->pos = p;
		s->cap = cap;
	}
	if (s->lexing == 0) {
		const char *enc = (const char *)(ctxt->encoding != NULL ?
		    ctxt->encoding : ctxt->input != NULL ?
		    ctxt->input->encoding : NULL);

		s->lexing = lex_open(&s->lx, s->buf, s->len, enc, &s->copy) ?
		    1 : -1;
	}
	if (s->lexing == 1 && (!lex_next_start(&s->lx, &pos) ||
	    (line > 0 && pos.line > (unsigned long)line)))
		s->lexing = -1;
	if (s->lexing != 1)
		pos = (struct rm_pos){ line > 0 && line <= UINT_MAX ?
		    (unsigned)line : 0, 0 };
	if (locs->n == 0)
		locs->root = pos;
	locs->pos[locs->n - locs->first] = pos;
	n->_private = (void *)(uintptr_t)++locs->n;
	return RAMIFY_OK;
}

static void
stream_start_element(void *ctx, const xmlChar *localname,
    const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
    const xmlChar **namespaces, int nb_attributes, int nb_defaulted,
    const xmlChar **attributes)
{
	xmlParserCtxt *ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	struct stream *s = st->stream;
	xmlNode *before = ctxt->node, *n;
	int rc;

	xmlSAX2StartElementNs(ctx, localname, prefix, uri, nb_namespaces,
	    namespaces, nb_attributes, nb_defaulted, attributes);
	if ((n = ctxt->node) == NULL || n == before || ctxt->myDoc == NULL)
		return;		/* out of memory: libxml2 says so */
	if ((rc = stream_number(ctxt, s, n)) != RAMIFY_OK) {
		stream_stop(ctxt, s, rc);
		return;
	}
	if (n->parent == (xmlNode *)ctxt->myDoc && s->start != NULL &&
	    (rc = s->start(s->arg, ctxt->myDoc, n, s->locs)) != RAMIFY_OK)
		stream_stop(ctxt, s, rc);
}

/* Hand child `c` of the document element over, then free it, and the
 * positions of its elements with it: memory stays flat. */
static int
stream_hand(struct stream *s, xmlDoc *doc, xmlNode *c)
{
	int rc = s->child(s->arg, doc, c, s->locs);

	if (c->type == XML_ELEMENT_NODE)
		s->locs->first = s->locs->n;
	xmlUnlinkNode(c);
	xmlFreeNode(c);
	return rc;
}

static void
stream_end_element(void *ctx, const xmlChar *localname,
    const xmlChar *prefix, const xmlChar *uri)
{
	xmlParserCtxt *ctxt = ctx;
	struct parse_state *st = ctxt->_private;
	struct stream *s = st->stream;
	xmlNode *cur = ctxt->node, *root;
	int rc = RAMIFY_OK;

	xmlSAX2EndElementNs(ctx, localname, prefix, uri);
	if (cur == NULL || ctxt->myDoc == NULL ||
	    (root = xmlDocGetRootElement(ctxt->myDoc)) == NULL ||
	    cur->parent != root || ctxt->disableSAX)
		return;
	/* The text, comments and PIs before it are complete too. */
	while (rc == RAMIFY_OK && root->children != cur)
		rc = stream_hand(s, ctxt->myDoc, root->children);
	if (rc == RAMIFY_OK)
		rc = stream_hand(s, ctxt->myDoc, cur);
	if (rc != RAMIFY_OK)
		stream_stop(ctxt, s, rc);
}

int
rm_xml_parse_stream(struct rm_diag *diag, const char *buf, size_t len,
    rm_xml_child_fn start, rm_xml_child_fn child, void *arg, xmlDoc **out,
    struct rm_xml_locs **locs)
{
	const int options = XML_PARSE_NONET | XML_PARSE_NOCDATA |
	    XML_PARSE_BIG_LINES;
	struct parse_state st = { diag, 0, 0, NULL };
	struct stream s;
	struct generic_saved saved;
	xmlParserCtxt *ctxt;
	xmlDoc *doc;
	size_t off, n;
	int nomem, stopped;

	*out = NULL;
	*locs = NULL;
	if (len == 0) {
		rm_error(diag, (struct rm_pos){1, 1}, "document is empty");
		return RAMIFY_EINPUT;
	}
	if (len > INT_MAX) {
		rm_error(diag, (struct rm_pos){0, 0},
		    "XML input is larger than %d bytes", INT_MAX);
		return RAMIFY_ELIMIT;
	}
	memset(&s, 0, sizeof s);
	s.start = start;
	s.child = child;
	s.arg = arg;
	s.buf = buf;
	s.len = len;
	if ((s.locs = calloc(1, sizeof *s.locs)) == NULL)
		return RAMIFY_ENOMEM;
	st.stream = &s;
	pthread_once(&init_once, init_libxml);
	/* Quiet from the start: libxml2 reports a bad encoding of the
	 * first bytes through its generic error function.  No first chunk
	 * here: the parser tells the encoding from the first piece it is
	 * fed, once our handlers are in place. */
	saved = silence_generic();
	if ((ctxt = xmlCreatePushParserCtxt(NULL, NULL, NULL, 0, NULL)) == NULL) {
		restore_generic(saved);
		rm_xml_free(NULL, s.locs);
		return RAMIFY_ENOMEM;
	}
	xmlCtxtUseOptions(ctxt, options);
	ctxt->_private = &st;
	ctxt->sax->serror = on_parse_error;
	ctxt->sax->entityDecl = deny_entity;
	ctxt->sax->unparsedEntityDecl = deny_unparsed_entity;
	ctxt->sax->startElementNs = stream_start_element;
	ctxt->sax->endElementNs = stream_end_element;
	for (off = 0; off < len && !ctxt->disableSAX; off += n) {
		n = len - off < STREAM_CHUNK ? len - off : STREAM_CHUNK;
		xmlParseChunk(ctxt, buf + off, (int)n, 0);
	}
	if (!ctxt->disableSAX)
		xmlParseChunk(ctxt, NULL, 0, 1);
	restore_generic(saved);
	g_free(s.copy);
	doc = ctxt->myDoc;
	ctxt->myDoc = NULL;
	nomem = ctxt->errNo == XML_ERR_NO_MEMORY || s.rc == RAMIFY_ENOMEM;
	stopped = s.rc != RAMIFY_OK;
	if (!ctxt->wellFormed || st.refused || st.nerrors > 0 || stopped ||
	    ctxt->errNo == XML_ERR_USER_STOP || doc == NULL ||
	    xmlDocGetRootElement(doc) == NULL) {
		if (st.nerrors == 0 && diag->nerrors == 0 && !nomem && !stopped)
			rm_error(diag, (struct rm_pos){0, 0}, "malformed XML");
		xmlFreeParserCtxt(ctxt);
		xmlFreeDoc(doc);
		rm_xml_free(NULL, s.locs);
		return nomem ? RAMIFY_ENOMEM : stopped ? s.rc : RAMIFY_EINPUT;
	}
	xmlFreeParserCtxt(ctxt);
	*out = doc;
	*locs = s.locs;
	return RAMIFY_OK;
}

/* ---- HTML ---------------------------------------------------------------- */

static void
ignore_error(void *ctx, rm_xml_err e)
{
	(void)ctx; (void)e;
}

int
rm_html_parse(const char *buf, size_t len, xmlDoc **out)
{
	/* Never RECOVER's opposite: the HTML parser always repairs. */
	const int options = HTML_PARSE_NONET | HTML_PARSE_NOERROR |
	    HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC;
	struct rm_diag quiet = { 0 };
	struct parse_state st = { &quiet, 0, 0, NULL };
	struct generic_saved saved;
	htmlParserCtxt *ctxt;
	xmlDoc *doc;
	int nomem, deep;

	*out = NULL;
	if (len == 0)
		return RAMIFY_OK;
	if (len > INT_MAX)
		return RAMIFY_ELIMIT;
	pthread_once(&init_once, init_libxml);
	if ((ctxt = htmlNewParserCtxt()) == NULL)
		return RAMIFY_ENOMEM;
	/* Ours for the entity loader, which then refuses everything. */
	ctxt->_private = &st;
	ctxt->sax->serror = ignore_error;
	ctxt->sax->entityDecl = deny_entity;
	ctxt->sax->unparsedEntityDecl = deny_unparsed_entity;
	saved = silence_generic();
	doc = htmlCtxtReadMemory(ctxt, buf, (int)len, NULL, "UTF-8", options);
	restore_generic(saved);
	nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
	/* What stops the HTML parser: too deep (it halts at 256 levels,
	 * and the tree lacks the rest). */
	deep = ctxt->errNo == XML_ERR_INTERNAL_ERROR;
	htmlFreeParserCtxt(ctxt);
	if (nomem || deep) {
		xmlFreeDoc(doc);
		return nomem ? RAMIFY_ENOMEM : RAMIFY_ELIMIT;
	}
	*out = doc;
	return RAMIFY_OK;
}

/* ---- RELAX NG ---------------------------------------------------------- */

struct valid_state {
	struct rm_diag			*diag;
	const struct rm_xml_locs	*locs;
	unsigned			 nerrors;
};

static void
on_valid_error(void *arg, rm_xml_err e)
{
	struct valid_state *vs = arg;
	const xmlNode *node = e->node;
	struct rm_pos pos;
	char buf[512];

	if (e->level < XML_ERR_ERROR)
		return;
	if (vs->nerrors++ >= MAX_XML_ERRORS) {
		if (vs->nerrors == MAX_XML_ERRORS + 1)
			rm_error(vs->diag, (struct rm_pos){0, 0},
			    "too many schema errors; giving up");
		return;
	}
	if (node != NULL)
		pos = rm_xml_pos(vs->locs, node);
	else
		pos = (struct rm_pos){ e->line > 0 ? (unsigned)e->line : 0, 0 };
	rm_error(vs->diag, pos, "%s",
	    clean_message(e->message, buf, sizeof buf));
}

static void
on_schema_error(void *arg, rm_xml_err e)
{
	struct valid_state *vs = arg;
	char buf[512];

	if (e->level < XML_ERR_ERROR)
		return;
	vs->nerrors++;
	rm_error(vs->diag, (struct rm_pos){0, 0}, "internal error: schema: %s",
	    clean_message(e->message, buf, sizeof buf));
}

struct rm_xml_schema {
	xmlRelaxNG		*schema;
	xmlRelaxNGValidCtxt	*vctxt;	/* made once, used for every check */
	struct valid_state	 vs;	/* what its error callback reports to */
};

int
rm_xml_schema_new(struct rm_diag *diag, const char *schema_text,
    struct rm_xml_schema **out)
{
	struct valid_state vs = { diag, NULL, 0 };
	struct generic_saved saved;
	xmlRelaxNGParserCtxt *pctxt;
	xmlRelaxNG *schema;
	size_t slen = strlen(schema_text);

	*out = NULL;
	if (slen > INT_MAX)
		return RAMIFY_EUSAGE;
	pthread_once(&init_once, init_libxml);
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return RAMIFY_ENOMEM;
	saved = silence_generic();
	if ((pctxt = xmlRelaxNGNewMemParserCtxt(schema_text, (int)slen)) == NULL) {
		restore_generic(saved);
		rm_xml_schema_free(*out);
		*out = NULL;
		return RAMIFY_ENOMEM;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, &vs);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	restore_generic(saved);
	if (schema == NULL) {
		if (vs.nerrors == 0)
			rm_error(diag, (struct rm_pos){0, 0},
			    "internal error: the schema does not compile");
		rm_xml_schema_free(*out);
		*out = NULL;
		return RAMIFY_EUSAGE;
	}
	(*out)->schema = schema;
	if (((*out)->vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		rm_xml_schema_free(*out);
		*out = NULL;
		return RAMIFY_ENOMEM;
	}
	xmlRelaxNGSetValidStructuredErrors((*out)->vctxt, on_valid_error,
	    &(*out)->vs);
	return RAMIFY_OK;
}

void
rm_xml_schema_free(struct rm_xml_schema *sc)
{
	if (sc == NULL)
		return;
	if (sc->vctxt != NULL)
		xmlRelaxNGFreeValidCtxt(sc->vctxt);
	if (sc->schema != NULL)
		xmlRelaxNGFree(sc->schema);
	free(sc);
}

int
rm_xml_schema_check(struct rm_xml_schema *sc, struct rm_diag *diag,
    xmlDoc *doc, const struct rm_xml_locs *locs)
{
	struct generic_saved saved;
	int r;

	sc->vs = (struct valid_state){ diag, locs, 0 };
	saved = silence_generic();
	r = xmlRelaxNGValidateDoc(sc->vctxt, doc);
	restore_generic(saved);
	if (r == 0)
		return RAMIFY_OK;
	if (sc->vs.nerrors == 0)
		rm_error(diag, rm_xml_pos(locs, xmlDocGetRootElement(doc)),
		    "document does not match the schema");
	return r > 0 ? RAMIFY_EINPUT : RAMIFY_ENOMEM;
}

int
rm_xml_validate(struct rm_diag *diag, xmlDoc *doc,
    const struct rm_xml_locs *locs, const char *schema_text)
{
	struct rm_xml_schema *sc;
	int rc;

	/* Compiled per call (a few hundred microseconds for ours): nothing is
	 * cached, so nothing is shared between threads. */
	if ((rc = rm_xml_schema_new(diag, schema_text, &sc)) != RAMIFY_OK)
		return rc;
	rc = rm_xml_schema_check(sc, diag, doc, locs);
	rm_xml_schema_free(sc);
	return rc;
}

/* ---- Walking and getters ------------------------------------------------ */

xmlNode *
rm_xml_next(const xmlNode *n, const xmlNode *top, int descend)
{
	const xmlNode *c;

	if (descend)
		for (c = n->children; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return (xmlNode *)c;
	while (n != NULL && n != top) {
		for (c = n->next; c != NULL; c = c->next)
			if (c->type == XML_ELEMENT_NODE)
				return (xmlNode *)c;
		n = n->parent;
	}
	return NULL;
}

int
rm_xml_in_ns(const xmlNode *n, const char *ns)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE)
		return 0;
	if (ns == NULL)
		return n->ns == NULL;
	return n->ns != NULL && n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, ns) == 0;
}

int
rm_xml_is(const xmlNode *n, const char *ns, const char *name)
{
	return rm_xml_in_ns(n, ns) &&
	    strcmp((const char *)n->name, name) == 0;
}

xmlNode *
rm_xml_child(const xmlNode *el, const char *ns, const char *name)
{
	xmlNode *c;

	for (c = el != NULL ? el->children : NULL; c != NULL; c = c->next)
		if (rm_xml_is(c, ns, name))
			return c;
	return NULL;
}

int
rm_xml_has_attr(const xmlNode *el, const char *name)
{
	const xmlAttr *a;

	for (a = el->properties; a != NULL; a = a->next)
		if (a->ns == NULL && strcmp((const char *)a->name, name) == 0)
			return 1;
	return 0;
}

/*
 * Concatenate the text of the node list starting at `c` into `scratch`.
 * Text and CDATA count; comments and PIs do not; anything else is
 * reported against `el` (the element the text belongs to).
 */
static int
collect_text(struct rm_diag *diag, const struct rm_xml_locs *locs,
    struct rm_arena *scratch, const xmlNode *el, const xmlNode *first,
    const char *what, const char **val)
{
	const xmlNode *c;
	size_t len = 0, n;
	char *s;
	int bad = 0;

	*val = NULL;
	for (c = first; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			n = c->content != NULL ? strlen((const char *)c->content) : 0;
			if (n > SIZE_MAX - 1 - len)
				return RAMIFY_ENOMEM;
			len += n;
		} else if (c->type == XML_ENTITY_REF_NODE) {
			rm_error(diag, rm_xml_pos(locs, el), "undefined entity "
			    "'&%s;' in %s", (const char *)c->name, what);
			bad = 1;
		} else if (c->type == XML_ELEMENT_NODE) {
			rm_error(diag, rm_xml_pos(locs, c), "unexpected element "
			    "<%s> in %s (only text is allowed)",
			    (const char *)c->name, what);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	if ((s = rm_alloc(scratch, len + 1)) == NULL)
		return RAMIFY_ENOMEM;
	for (len = 0, c = first; c != NULL; c = c->next)
		if ((c->type == XML_TEXT_NODE ||
		    c->type == XML_CDATA_SECTION_NODE) && c->content != NULL) {
			n = strlen((const char *)c->content);
			memcpy(s + len, c->content, n);
			len += n;
		}
	s[len] = '\0';
	if (rm_utf8_valid_prefix(s, len) != len) {
		rm_error(diag, rm_xml_pos(locs, el), "invalid UTF-8 in %s", what);
		return -1;
	}
	*val = s;
	return 0;
}

int
rm_xml_attr_or_nomem(struct rm_diag *diag, const struct rm_xml_locs *locs,
    struct rm_arena *scratch, const xmlNode *el, const char *name,
    const char **val, int *nomem)
{
	int rc = rm_xml_attr(diag, locs, scratch, el, NULL, name, val);

	if (rc == RAMIFY_ENOMEM) {
		*nomem = 1;
		return -1;
	}
	return rc;
}

int
rm_xml_attr(struct rm_diag *diag, const struct rm_xml_locs *locs,
    struct rm_arena *scratch, const xmlNode *el, const char *ns,
    const char *name, const char **val)
{
	const xmlAttr *a;
	const xmlNode *c;
	char what[160];
	size_t n;
	int rc;

	*val = NULL;
	/* Walk the attributes ourselves: xmlHasNsProp() also returns
	 * defaults declared in a DTD, which are not in the document. */
	for (a = el->properties; a != NULL; a = a->next) {
		if (strcmp((const char *)a->name, name) != 0)
			continue;
		if (ns == NULL ? a->ns != NULL : a->ns == NULL ||
		    a->ns->href == NULL ||
		    strcmp((const char *)a->ns->href, ns) != 0)
			continue;
		c = a->children;
		if (c == NULL) {
			*val = "";
			return 1;
		}
		/* The usual case: one text node, borrowed. */
		if (c->next == NULL && c->type == XML_TEXT_NODE &&
		    c->content != NULL) {
			n = strlen((const char *)c->content);
			if (rm_utf8_valid_prefix((const char *)c->content, n) != n) {
				rm_error(diag, rm_xml_pos(locs, el), "invalid "
				    "UTF-8 in attribute '%s'", name);
				return -1;
			}
			*val = (const char *)c->content;
			return 1;
		}
		snprintf(what, sizeof what, "attribute '%s'", name);
		rc = collect_text(diag, locs, scratch, el, c, what, val);
		return rc == 0 ? 1 : rc;
	}
	return 0;
}

int
rm_xml_text(struct rm_diag *diag, const struct rm_xml_locs *locs,
    struct rm_arena *scratch, const xmlNode *el, const char **val)
{
	char what[160];

	snprintf(what, sizeof what, "<%s>", (const char *)el->name);
	return collect_text(diag, locs, scratch, el, el->children, what, val);
}

/* ---- Sniffing ----------------------------------------------------------- */


static int
sniff_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Past `term` from `i` in s[0..n), or n. */
static size_t
skip_past(const char *s, size_t n, size_t i, const char *term)
{
	size_t tl = strlen(term);

	for (; i + tl <= n; i++)
		if (memcmp(s + i, term, tl) == 0)
			return i + tl;
	return n;
}

size_t
rm_xml_sniff_start(const char *s, size_t n)
{
	size_t i = 0;

	if (n > RM_SNIFF_MAX)
		n = RM_SNIFF_MAX;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (;;) {
		while (i < n && sniff_space((unsigned char)s[i]))
			i++;
		if (i + 1 >= n || s[i] != '<')
			return n;
		if (s[i + 1] == '?')
			i = skip_past(s, n, i + 2, "?>");
		else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0)
			i = skip_past(s, n, i + 4, "-->");
		else if (s[i + 1] == '!') {
			/* DOCTYPE: to the '>' outside brackets. */
			unsigned depth = 0;

			for (i += 2; i < n && (s[i] != '>' || depth > 0); i++)
				if (s[i] == '[')
					depth++;
				else if (s[i] == ']' && depth > 0)
					depth--;
			i++;
		} else
			return i;
	}
}

/* Is the document element of s[0..n) <name> in namespace `ns`? */
static int
sniff_ascii(const char *s, size_t n, const char *root, const char *ns)
{
	size_t rl = strlen(root);
	size_t i, name, nl, an, vs;
	const char *colon, *prefix = NULL;
	size_t plen = 0;
	char q;

	if ((i = rm_xml_sniff_start(s, n)) >= n)
		return 0;
	/* The root's name, maybe prefixed. */
	name = ++i;
	while (i < n && !sniff_space((unsigned char)s[i]) && s[i] != '>' &&
	    s[i] != '/')
		i++;
	nl = i - name;
	colon = memchr(s + name, ':', nl);
	if (colon != NULL) {
		prefix = s + name;
		plen = (size_t)(colon - prefix);
		if (i - (size_t)(colon + 1 - s) != rl ||
		    memcmp(colon + 1, root, rl) != 0)
			return 0;
	} else if (nl != rl || memcmp(s + name, root, rl) != 0)
		return 0;
	/* Its attributes: is the namespace of that prefix ours? */
	for (;;) {
		while (i < n && sniff_space((unsigned char)s[i]))
			i++;
		if (i >= n || s[i] == '>' || s[i] == '/')
			return 0;
		an = i;
		while (i < n && s[i] != '=' && !sniff_space((unsigned char)s[i]))
			i++;
		nl = i - an;
		while (i < n && (sniff_space((unsigned char)s[i]) || s[i] == '='))
			i++;
		if (i >= n || (s[i] != '"' && s[i] != '\''))
			return 0;
		q = s[i++];
		vs = i;
		while (i < n && s[i] != q)
			i++;
		if (i >= n)
			return 0;
		if (((prefix == NULL && nl == 5) ||
		    (prefix != NULL && nl == 6 + plen && s[an + 5] == ':' &&
		    memcmp(s + an + 6, prefix, plen) == 0)) &&
		    memcmp(s + an, "xmlns", 5) == 0)
			return i - vs == strlen(ns) &&
			    memcmp(s + vs, ns, strlen(ns)) == 0 ? 100 : 0;
		i++;
	}
}

int
rm_xml_sniff_root(const char *buf, size_t len, const char *root,
    const char *ns)
{
	const unsigned char *u = (const unsigned char *)buf;
	char ascii[RM_SNIFF_MAX / 2];
	size_t i, n, lo;

	if (len > RM_SNIFF_MAX)
		len = RM_SNIFF_MAX;
	/* UTF-16, with or without a byte order mark: keep the low bytes
	 * (non-ASCII becomes '?'), which is all the test needs. */
	if (len >= 4 && ((u[0] == 0xfe && u[1] == 0xff) ||
	    (u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0 && u[1] == '<') ||
	    (u[0] == '<' && u[1] == 0))) {
		lo = (u[0] == 0xff || u[0] == '<') ? 0 : 1;
		i = (u[0] == 0xfe || u[0] == 0xff) ? 2 : 0;
		for (n = 0; i + 1 < len && n < sizeof ascii; i += 2) {
			unsigned char c = u[i + lo], hi = u[i + 1 - lo];

			ascii[n++] = hi == 0 && c < 0x80 ? (char)c : '?';
		}
		return sniff_ascii(ascii, n, root, ns);
	}
	return sniff_ascii(buf, len, root, ns);
}
