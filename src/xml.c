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
	struct rm_pos	*pos;
};

/* What the callbacks of one parse share (ctxt->_private). */
struct parse_state {
	struct rm_diag	*diag;
	unsigned	 nerrors;
	int		 refused;	/* an entity or external load was refused */
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

/* Positions of the first `max` start tags into `pos`; returns how many
 * start tags there are, up to max + 1.  Columns count characters when
 * `utf8`, else bytes (one per character in single-byte encodings). */
static size_t
lex_start_tags(const char *buf, size_t len, int utf8, struct rm_pos *pos,
    size_t max)
{
	struct lexer lx = { (const unsigned char *)buf, len, 0, 1, 1, 0, utf8 };
	size_t i = 0, n = 0;

	/* A UTF-8 byte order mark is not a column. */
	if (lex_at(&lx, 0, "\xef\xbb\xbf"))
		i = lx.at = 3;
	while (i < len) {
		const unsigned char *p = memchr(lx.s + i, '<', len - i);

		if (p == NULL)
			break;
		i = (size_t)(p - lx.s);
		if (lex_at(&lx, i, "<!--"))
			i = lex_find(&lx, i + 4, "-->");
		else if (lex_at(&lx, i, "<![CDATA["))
			i = lex_find(&lx, i + 9, "]]>");
		else if (lex_at(&lx, i, "<?"))
			i = lex_find(&lx, i + 2, "?>");
		else if (lex_at(&lx, i, "<!") || lex_at(&lx, i, "</"))
			i = lex_skip_tag(&lx, i + 2);
		else {
			if (n >= max)
				return n + 1;
			lex_advance(&lx, i);
			pos[n++] = (struct rm_pos){ lx.line, lx.col };
			i = lex_skip_tag(&lx, i + 1);
		}
	}
	return n;
}

/* Are the bytes of the input those of the document's ASCII characters,
 * so that the lexer can read them?  Not for UTF-16/32 and EBCDIC, nor
 * for ISO 2022 and UTF-7, whose multibyte sequences contain '<'. */
static int
ascii_compatible(const char *buf, size_t len, const xmlDoc *doc)
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
	if (doc->encoding != NULL)
		for (i = 0; deny[i] != NULL; i++)
			if (strncasecmp((const char *)doc->encoding, deny[i],
			    strlen(deny[i])) == 0)
				return 0;
	return 1;
}

/*
 * Element positions by the lexer: straight from `buf` when its encoding
 * is ASCII-compatible, from a UTF-8 copy when it is UTF-16 (told by its
 * byte order mark or its first character).  Returns the number of start
 * tags found (see lex_start_tags), or 0 when the lexer cannot be used.
 */
static size_t
lex_document(const char *buf, size_t len, const xmlDoc *doc,
    struct rm_pos *pos, size_t max)
{
	const unsigned char *s = (const unsigned char *)buf;
	const char *from = NULL;
	size_t skip = 0, n = 0;
	gsize outlen;
	char *utf8;

	if (ascii_compatible(buf, len, doc))
		return lex_start_tags(buf, len, doc->encoding == NULL ||
		    strcasecmp((const char *)doc->encoding, "UTF-8") == 0,
		    pos, max);
	if (len >= 2 && s[0] == 0xff && s[1] == 0xfe)
		from = "UTF-16LE", skip = 2;
	else if (len >= 2 && s[0] == 0xfe && s[1] == 0xff)
		from = "UTF-16BE", skip = 2;
	else if (len >= 4 && memcmp(s, "<\0?\0", 4) == 0)
		from = "UTF-16LE";
	else if (len >= 4 && memcmp(s, "\0<\0?", 4) == 0)
		from = "UTF-16BE";
	if (from == NULL || (utf8 = g_convert(buf + skip,
	    (gssize)(len - skip), "UTF-8", from, NULL, &outlen, NULL)) == NULL)
		return 0;
	n = lex_start_tags(utf8, outlen, 1, pos, max);
	g_free(utf8);
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
	if (locs != NULL && (k = rm_xml_index(locs, n)) != (size_t)-1)
		return locs->pos[k];
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
	struct parse_state st = { diag, 0, 0 };
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
	struct parse_state st = { &quiet, 0, 0 };
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

int
rm_xml_validate(struct rm_diag *diag, xmlDoc *doc,
    const struct rm_xml_locs *locs, const char *schema_text)
{
	struct valid_state vs = { diag, locs, 0 };
	struct generic_saved saved;
	xmlRelaxNGParserCtxt *pctxt;
	xmlRelaxNGValidCtxt *vctxt;
	xmlRelaxNG *schema;
	size_t slen = strlen(schema_text);
	int r;

	if (slen > INT_MAX)
		return RAMIFY_EUSAGE;
	pthread_once(&init_once, init_libxml);
	saved = silence_generic();
	/* Compiled per call (a few hundred microseconds for ours): nothing is
	 * cached, so nothing is shared between threads. */
	if ((pctxt = xmlRelaxNGNewMemParserCtxt(schema_text, (int)slen)) == NULL) {
		restore_generic(saved);
		return RAMIFY_ENOMEM;
	}
	xmlRelaxNGSetParserStructuredErrors(pctxt, on_schema_error, &vs);
	schema = xmlRelaxNGParse(pctxt);
	xmlRelaxNGFreeParserCtxt(pctxt);
	if (schema == NULL) {
		restore_generic(saved);
		if (vs.nerrors == 0)
			rm_error(diag, (struct rm_pos){0, 0},
			    "internal error: the schema does not compile");
		return RAMIFY_EUSAGE;
	}
	if ((vctxt = xmlRelaxNGNewValidCtxt(schema)) == NULL) {
		xmlRelaxNGFree(schema);
		restore_generic(saved);
		return RAMIFY_ENOMEM;
	}
	xmlRelaxNGSetValidStructuredErrors(vctxt, on_valid_error, &vs);
	r = xmlRelaxNGValidateDoc(vctxt, doc);
	xmlRelaxNGFreeValidCtxt(vctxt);
	xmlRelaxNGFree(schema);
	restore_generic(saved);
	if (r == 0)
		return RAMIFY_OK;
	if (vs.nerrors == 0)
		rm_error(diag, rm_xml_pos(locs, xmlDocGetRootElement(doc)),
		    "document does not match the schema");
	return r > 0 ? RAMIFY_EINPUT : RAMIFY_ENOMEM;
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
