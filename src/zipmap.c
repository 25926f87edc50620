/*
 * zipmap.c: the libzip wrapper (zip bombs, lying headers, encrypted and
 * duplicate entries) and the helpers the readers of zipped maps share;
 * zipmap.h says what each guarantees.  The libzip 1.7.3 behaviour the
 * limits answer is in /work/shared/reference/reliability.md, section 2.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <zip.h>

#include "zipmap.h"

struct rm_zip {
	zip_t		*za;
	struct rm_diag	*diag;
	size_t		 total;		/* bytes read from all entries */
};

/* ---- Messages ------------------------------------------------------- */

/* "3 GiB", "1.5 MiB", "700 bytes": the size a person reads. */
static const char *
human(zip_uint64_t n, char *buf, size_t size)
{
	static const char *const units[] = { "KiB", "MiB", "GiB", "TiB" };
	double v = (double)n;
	int u = -1;

	if (n < 1024) {
		snprintf(buf, size, "%llu byte%s", (unsigned long long)n,
		    n == 1 ? "" : "s");
		return buf;
	}
	while (v >= 1024 && u < 3) {
		v /= 1024;
		u++;
	}
	if (v == (double)(zip_uint64_t)v || v >= 10)
		snprintf(buf, size, "%.0f %s", v, units[u]);
	else
		snprintf(buf, size, "%.1f %s", v, units[u]);
	return buf;
}

/* libzip's message for error code `code`, in lower case as ours are. */
static const char *
zip_message(int code, char *buf, size_t size)
{
	zip_error_t e;

	zip_error_init_with_code(&e, code);
	snprintf(buf, size, "%s", zip_error_strerror(&e));
	zip_error_fini(&e);
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

static int
status_of(int code)
{
	return code == ZIP_ER_MEMORY ? RAMIFY_ENOMEM : RAMIFY_EINPUT;
}

/* ---- Opening ---------------------------------------------------------- */

/* The archive, or NULL with libzip's error code in *code. */
static zip_t *
open_buffer(const char *buf, size_t len, int *code)
{
	zip_error_t err;
	zip_source_t *src;
	zip_t *za;

	zip_error_init(&err);
	/* No ZIP_CHECKCONS: see zip.h. */
	if ((src = zip_source_buffer_create(buf, len, 0, &err)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY, &err)) == NULL) {
		*code = zip_error_code_zip(&err);
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&err);
		return NULL;
	}
	zip_error_fini(&err);
	return za;
}

int
rm_zip_open(struct rm_diag *diag, const char *buf, size_t len,
    const char *kind, struct rm_zip **out)
{
	struct rm_zip *z;
	zip_int64_t n;
	zip_t *za;
	char msg[128];
	int code = ZIP_ER_OK;

	*out = NULL;
	/* libzip takes nothing at all for an empty archive; we do not.  An
	 * empty archive is 22 bytes, its end of central directory record. */
	if (len < 22)
		code = ZIP_ER_NOZIP;
	if (code != ZIP_ER_OK || (za = open_buffer(buf, len, &code)) == NULL) {
		if (code == ZIP_ER_NOZIP)
			rm_error(diag, (struct rm_pos){0, 0}, "not a zip "
			    "archive (%s)", kind);
		else if (code != ZIP_ER_MEMORY)
			rm_error(diag, (struct rm_pos){0, 0}, "cannot open "
			    "the zip archive: %s", zip_message(code, msg,
			    sizeof msg));
		return status_of(code);
	}
	if ((n = zip_get_num_entries(za, 0)) > RM_ZIP_MAX_ENTRIES) {
		rm_error(diag, (struct rm_pos){0, 0}, "zip archive has %lld "
		    "entries, more than %d: refusing", (long long)n,
		    RM_ZIP_MAX_ENTRIES);
		zip_discard(za);
		return RAMIFY_ELIMIT;
	}
	if ((z = calloc(1, sizeof *z)) == NULL) {
		zip_discard(za);
		return RAMIFY_ENOMEM;
	}
	z->za = za;
	z->diag = diag;
	*out = z;
	return RAMIFY_OK;
}

void
rm_zip_close(struct rm_zip *z)
{
	if (z == NULL)
		return;
	zip_discard(z->za);	/* frees the source; never writes */
	free(z);
}

/* Index of the only entry named `name` in `za`; -1 when there is none,
 * -2 when there are several (their number in *count). */
static zip_int64_t
locate(zip_t *za, const char *name, zip_int64_t *count)
{
	zip_int64_t i, n = zip_get_num_entries(za, 0), found = -1;
	const char *s;

	*count = 0;
	for (i = 0; i < n; i++) {
		/* Raw bytes: the name must be exactly ours. */
		if ((s = zip_get_name(za, (zip_uint64_t)i, ZIP_FL_ENC_RAW)) == NULL ||
		    strcmp(s, name) != 0)
			continue;
		if ((*count)++ == 0)
			found = i;
	}
	return *count > 1 ? -2 : found;
}

static void
report_duplicate(struct rm_zip *z, const char *name, zip_int64_t count)
{
	rm_error(z->diag, (struct rm_pos){0, 0}, "zip archive has %lld entries "
	    "named '%s': refusing, which one counts is not defined",
	    (long long)count, name);
}

int
rm_zip_has(struct rm_zip *z, const char *name)
{
	zip_int64_t count, i = locate(z->za, name, &count);

	if (i == -2) {
		report_duplicate(z, name, count);
		return -1;
	}
	return i >= 0;
}

int
rm_zip_probe(const char *buf, size_t len, const char *names)
{
	zip_int64_t i, n;
	zip_t *za;
	const char *s;
	int code, found = 0;

	/* A local file header first: cheap to refuse everything else. */
	if (len < 4 || memcmp(buf, "PK\003\004", 4) != 0 ||
	    (za = open_buffer(buf, len, &code)) == NULL)
		return 0;
	n = zip_get_num_entries(za, 0);
	for (i = 0; i < n && n <= RM_ZIP_MAX_ENTRIES && !found; i++)
		found = (s = zip_get_name(za, (zip_uint64_t)i,
		    ZIP_FL_ENC_RAW)) != NULL && *s != '\0' &&
		    strchr(s, ' ') == NULL && rm_in_list(names, s, 0);
	zip_discard(za);
	return found;
}

/* ---- Reading ---------------------------------------------------------- */

/* Are the sizes `st` declares within the limits?  Reports when not. */
static int
check_sizes(struct rm_zip *z, const char *name, const zip_stat_t *st)
{
	char a[32], b[32];

	if ((st->valid & (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) !=
	    (ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE)) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' "
		    "does not declare its size", name);
		return RAMIFY_EINPUT;
	}
	if (st->size > RM_ZIP_MAX_ENTRY) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' "
		    "claims %s (%llu bytes): refusing (zip bomb?); the limit "
		    "is %s", name, human(st->size, a, sizeof a),
		    (unsigned long long)st->size,
		    human(RM_ZIP_MAX_ENTRY, b, sizeof b));
		return RAMIFY_ELIMIT;
	}
	if (st->size > RM_ZIP_MAX_TOTAL - z->total) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' "
		    "claims %s, more than the %s left of the limit for an "
		    "archive: refusing (zip bomb?)", name,
		    human(st->size, a, sizeof a),
		    human(RM_ZIP_MAX_TOTAL - z->total, b, sizeof b));
		return RAMIFY_ELIMIT;
	}
	if (st->size > RM_ZIP_RATIO_FLOOR &&
	    st->size / RM_ZIP_MAX_RATIO > st->comp_size) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' "
		    "claims %s from %s compressed, more than %d times "
		    "smaller: refusing (zip bomb?)", name,
		    human(st->size, a, sizeof a),
		    human(st->comp_size, b, sizeof b), RM_ZIP_MAX_RATIO);
		return RAMIFY_ELIMIT;
	}
	return RAMIFY_OK;
}

/* Can libzip read the entry at all?  Reports when not. */
static int
check_method(struct rm_zip *z, const char *name, const zip_stat_t *st)
{
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' is "
		    "encrypted: encrypted files are not supported", name);
		return RAMIFY_EINPUT;
	}
	if ((st->valid & ZIP_STAT_COMP_METHOD) &&
	    !zip_compression_method_supported(st->comp_method, 0)) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' uses "
		    "compression method %u, which is not supported (only "
		    "stored and deflated entries are)", name,
		    (unsigned)st->comp_method);
		return RAMIFY_EINPUT;
	}
	return RAMIFY_OK;
}

/* What zip_fread() or zip_fopen() said, as a message about entry `name`. */
static int
read_error(struct rm_zip *z, const char *name, zip_error_t *e)
{
	char msg[128];
	int code = zip_error_code_zip(e);

	if (code == ZIP_ER_MEMORY)
		return RAMIFY_ENOMEM;
	rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' is corrupt: "
	    "%s", name, zip_message(code, msg, sizeof msg));
	return RAMIFY_EINPUT;
}

int
rm_zip_read(struct rm_zip *z, const char *name, char **data, size_t *len)
{
	zip_int64_t idx, count, n;
	zip_stat_t st;
	zip_file_t *zf;
	size_t want, got = 0;
	char *buf, a[32];
	int rc;

	*data = NULL;
	*len = 0;
	if ((idx = locate(z->za, name, &count)) < 0) {
		if (idx == -2)
			report_duplicate(z, name, count);
		else
			rm_error(z->diag, (struct rm_pos){0, 0}, "the zip "
			    "archive has no entry '%s'", name);
		return RAMIFY_EINPUT;
	}
	zip_stat_init(&st);
	if (zip_stat_index(z->za, (zip_uint64_t)idx, 0, &st) != 0)
		return read_error(z, name, zip_get_error(z->za));
	if ((rc = check_method(z, name, &st)) != RAMIFY_OK ||
	    (rc = check_sizes(z, name, &st)) != RAMIFY_OK)
		return rc;
	want = (size_t)st.size;
	if ((zf = zip_fopen_index(z->za, (zip_uint64_t)idx, 0)) == NULL)
		return read_error(z, name, zip_get_error(z->za));
	/* One byte more than declared, to catch an entry that lies. */
	if ((buf = malloc(want + 1)) == NULL) {
		zip_fclose(zf);
		return RAMIFY_ENOMEM;
	}
	while (got <= want) {
		if ((n = zip_fread(zf, buf + got, want + 1 - got)) < 0) {
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
			/* Let the fuzzer change an entry without fixing its
			 * CRC, which libzip checks once all data is read. */
			if (zip_error_code_zip(zip_file_get_error(zf)) ==
			    ZIP_ER_CRC)
				break;
#endif
			rc = read_error(z, name, zip_file_get_error(zf));
			goto fail;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	if (got > want) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' holds "
		    "more than the %s it declares: refusing (zip bomb?)", name,
		    human(want, a, sizeof a));
		rc = RAMIFY_EINPUT;
		goto fail;
	}
	if (got < want) {
		rm_error(z->diag, (struct rm_pos){0, 0}, "zip entry '%s' is "
		    "truncated: it declares %zu bytes and holds %zu", name,
		    want, got);
		rc = RAMIFY_EINPUT;
		goto fail;
	}
	zip_fclose(zf);
	buf[got] = '\0';
	z->total += got;
	*data = buf;
	*len = got;
	return RAMIFY_OK;
fail:
	zip_fclose(zf);
	free(buf);
	return rc;
}

/* ---- Diagnostics inside an entry ---------------------------------------- */

static void
entry_diag_fn(void *arg, enum ramify_severity sev, const char *file,
    unsigned line, unsigned col, const char *msg)
{
	struct rm_entry_diag *ed = arg;
	char buf[1200];

	if (sev == RAMIFY_ERROR)
		ed->outer->nerrors++;
	if (ed->outer->fn == NULL)
		return;
	snprintf(buf, sizeof buf, "%s: %s", ed->entry, msg);
	ed->outer->fn(ed->outer->arg, sev, file, line, col, buf);
}

void
rm_entry_diag_init(struct rm_entry_diag *ed, struct rm_diag *outer,
    const char *entry)
{
	memset(ed, 0, sizeof *ed);
	ed->diag.fn = entry_diag_fn;
	ed->diag.arg = ed;
	ed->diag.file = outer->file;
	ed->outer = outer;
	ed->entry = entry;
}

/* ---- Notes ---------------------------------------------------------------- */

/* A note being built: paragraphs are opened lazily, by their first
 * visible character, so empty ones never appear. */
struct para {
	GString	*out;
	size_t	 start;		/* out->len when we began */
	int	 open;		/* the current paragraph has text */
	int	 space;		/* white space is pending in it */
};

static void
para_end(struct para *p)
{
	p->open = 0;
	p->space = 0;
}

/* Append `n` bytes of UTF-8 text; with `lines`, line breaks end
 * paragraphs, else they are white space. */
static void
para_text(struct para *p, const char *s, size_t n, int lines)
{
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (lines && (c == '\n' || c == '\r')) {
			para_end(p);
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		    c == '\f' || c == '\v') {
			p->space = p->open;
			continue;
		}
		if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0xa0) {
			p->space = p->open;	/* NBSP */
			i++;
			continue;
		}
		if (!p->open) {
			if (p->out->len > p->start)
				g_string_append(p->out, "\n\n");
			p->open = 1;
		} else if (p->space)
			g_string_append_c(p->out, ' ');
		p->space = 0;
		g_string_append_c(p->out, (char)c);
	}
}

void
rm_note_from_plain(GString *out, const char *text)
{
	struct para p = { out, out->len, 0, 0 };

	para_text(&p, text, strlen(text), 1);
}

static int
html_in(const char *name, const char *list)
{
	char low[16];
	size_t i, n = strlen(name);

	if (n == 0 || n >= sizeof low)
		return 0;
	for (i = 0; i <= n; i++)
		low[i] = (char)g_ascii_tolower(name[i]);
	return rm_in_list(list, low, 0);
}

#define HTML_BLOCKS	"address article aside blockquote body br caption " \
	"center dd details dialog dir div dl dt fieldset figcaption figure " \
	"footer form h1 h2 h3 h4 h5 h6 header hr html legend li main menu " \
	"nav ol p pre section summary table tbody td tfoot th thead tr ul"
#define HTML_SKIP	"head noscript script style template title"

void
rm_note_from_html(GString *out, const xmlNode *top)
{
	struct para p = { out, out->len, 0, 0 };
	const xmlNode *n = top->children;
	unsigned pre = 0;	/* inside <pre>: lines are paragraphs */
	const char *name;

	while (n != NULL) {
		int descend = 0;

		if ((n->type == XML_TEXT_NODE ||
		    n->type == XML_CDATA_SECTION_NODE) && n->content != NULL) {
			para_text(&p, (const char *)n->content,
			    strlen((const char *)n->content), pre > 0);
		} else if (n->type == XML_ELEMENT_NODE &&
		    !html_in((name = (const char *)n->name), HTML_SKIP)) {
			if (html_in(name, HTML_BLOCKS))
				para_end(&p);
			if (html_in(name, "pre"))
				pre++;
			descend = n->children != NULL;
			if (!descend) {
				if (html_in(name, "pre"))
					pre--;
				if (html_in(name, HTML_BLOCKS))
					para_end(&p);
			}
		}
		if (descend) {
			n = n->children;
			continue;
		}
		/* Leave every element we are the last of, then go on. */
		while (n->next == NULL) {
			n = n->parent;
			if (n == NULL || n == top)
				return;
			name = (const char *)n->name;
			if (html_in(name, "pre"))
				pre--;
			if (html_in(name, HTML_BLOCKS))
				para_end(&p);
		}
		n = n->next;
	}
}

/* ---- Building the model ---------------------------------------------------- */

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

struct ramify_topic *
rm_zmap_topic(struct rm_zmap *z, struct ramify_topic *parent,
    const char *title, const char *id, struct rm_pos pos, int detached)
{
	struct ramify_topic *t;
	const char *s, *e, *key = NULL;
	char kbuf[48];

	if (z->doc->ntopics >= RM_MAX_TOPICS) {
		rm_error(z->diag, pos, "more than %zu topics", RM_MAX_TOPICS);
		z->status = RAMIFY_ELIMIT;
		return NULL;
	}
	if (title == NULL)
		title = "";
	for (s = title; is_blank((unsigned char)*s); s++)
		;
	for (e = s + strlen(s); e > s && is_blank((unsigned char)e[-1]); e--)
		;
	g_string_truncate(z->buf, 0);
	for (; s < e; s++) {
		if (*s == '\r' && s + 1 < e && s[1] == '\n')
			continue;
		g_string_append_c(z->buf, *s == '\r' ? '\n' : *s);
	}
	if (rm_utf8_valid_prefix(z->buf->str, z->buf->len) != z->buf->len) {
		rm_error(z->diag, pos, "invalid UTF-8 in a topic's title");
		g_string_truncate(z->buf, 0);
	}
	if (id != NULL && rm_valid_id(id)) {
		if (rm_doc_key_taken(z->doc, id))
			rm_warning(z->diag, pos, "topic id '%s' is used twice; "
			    "the second topic gets a new id", id);
		else
			key = id;
	}
	if (key == NULL)
		key = rm_doc_gen_key(z->doc, z->reserved, kbuf, sizeof kbuf);
	if ((t = rm_topic_new(z->doc, parent, z->buf->str, key, pos)) == NULL ||
	    (detached && rm_topic_add_attr(z->doc, t, "detached", "true") !=
	    RAMIFY_OK)) {
		z->status = RAMIFY_ENOMEM;
		return NULL;
	}
	return t;
}

int
rm_zmap_note(struct rm_zmap *z, struct ramify_topic *t, struct rm_pos pos)
{
	size_t idx;

	if (z->buf->len == 0)
		return 0;
	if (rm_utf8_valid_prefix(z->buf->str, z->buf->len) != z->buf->len) {
		rm_error(z->diag, pos, "invalid UTF-8 in the note of topic "
		    "'%s'", t->key);
		return 0;
	}
	if ((idx = rm_note_new(z->doc, NULL, z->buf->str, pos)) == (size_t)-1 ||
	    rm_topic_add_note(z->doc, t, idx) != RAMIFY_OK) {
		z->status = RAMIFY_ENOMEM;
		return -1;
	}
	return 0;
}

int
rm_zmap_link(struct rm_zmap *z, struct ramify_topic *t, const char *href,
    const char *who, struct rm_pos pos)
{
	size_t n = strlen(href);

	if (n == 0)
		return 0;
	if (rm_utf8_valid_prefix(href, n) != n) {
		rm_error(z->diag, pos, "invalid UTF-8 in the link of %s", who);
		return 0;
	}
	if (strncasecmp(href, "xap:", 4) == 0) {
		rm_warning(z->diag, pos, "%s: link to '%s' dropped (files "
		    "attached inside the archive are not read)", who, href);
		return 0;
	}
	if (rm_topic_add_link(z->doc, t, href, NULL) != RAMIFY_OK) {
		z->status = RAMIFY_ENOMEM;
		return -1;
	}
	return 0;
}

size_t
rm_zmap_sheet(struct rm_diag *diag, const char *want,
    const char *const *titles, size_t n)
{
	GString *list;
	unsigned long k;
	size_t i;
	char *end;

	if (want == NULL || *want == '\0')
		return 0;
	if (strspn(want, "0123456789") == strlen(want)) {
		k = strtoul(want, &end, 10);
		if (k >= 1 && k <= n)
			return (size_t)(k - 1);
	} else {
		for (i = 0; i < n; i++)
			if (strcmp(titles[i], want) == 0)
				return i;
	}
	list = g_string_new(NULL);
	for (i = 0; i < n; i++)
		g_string_append_printf(list, "%s%zu '%s'", i > 0 ? ", " : "",
		    i + 1, titles[i]);
	rm_error(diag, (struct rm_pos){0, 0}, "no sheet %s%s%s: the %zu "
	    "sheet%s %s %s", strspn(want, "0123456789") == strlen(want) ? "" :
	    "named '", want, strspn(want, "0123456789") == strlen(want) ? "" :
	    "'", n, n == 1 ? "" : "s", n == 1 ? "is" : "are", list->str);
	g_string_free(list, TRUE);
	return (size_t)-1;
}

const char *
rm_zxml_attr(struct rm_zxml *r, const xmlNode *el, const char *ns,
    const char *name)
{
	const char *v;
	int rc;

	if (el == NULL)
		return NULL;
	rc = rm_xml_attr(r->z.diag, r->locs, &r->scratch, el, ns, name, &v);
	if (rc == RAMIFY_ENOMEM)
		r->z.status = RAMIFY_ENOMEM;
	return rc == 1 ? v : NULL;
}

int
rm_zxml_walk(struct rm_zxml *r, const xmlNode *root,
    const struct rm_zxml_topics *f)
{
	GArray *stack = g_array_new(FALSE, FALSE, sizeof(struct rm_zitem));
	struct rm_zitem it = { root, NULL, 0 };
	struct ramify_topic *t;
	const char *title, *id;
	int rc = 0;

	g_array_append_val(stack, it);
	while (stack->len > 0) {
		it = g_array_index(stack, struct rm_zitem, stack->len - 1);
		g_array_set_size(stack, stack->len - 1);
		title = f->title(r, it.el);
		id = f->id(r, it.el);
		if ((t = rm_zmap_topic(&r->z, it.parent, title, id,
		    rm_xml_pos(r->locs, it.el), it.detached)) == NULL ||
		    r->z.status != RAMIFY_OK || f->items(r, it.el, t) != 0) {
			rc = -1;
			break;
		}
		/* Popped last: detached after attached. */
		f->push(stack, it.el, t, 1);
		f->push(stack, it.el, t, 0);
	}
	g_array_free(stack, TRUE);
	return rc;
}
