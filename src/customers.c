/*
 * customers.c: reader of ramify's customer data format
 * (urn:ramify:customers:1, docs/CUSTOMERS.md), and the money and date
 * helpers every customer module uses.
 *
 * The file is streamed (rm_xml_parse_stream): each top-level element is
 * checked and turned into data as soon as it is complete and then
 * freed, so 100 000 customers never sit in memory as a DOM.  For each
 * element: our own structure checks first, in plain words and each at
 * its element; then its values (ids, words, dates, amounts, currencies,
 * durations); then, when it had no problem, the compiled-in RELAX NG
 * schema as a second opinion on the same element.  At the end what
 * needs the whole file: referrals that point at a real customer and go
 * round in no circle.  Every problem is reported, up to MAX_ERRORS.
 *
 * Money is parsed from decimal text into int64 minor units (1/10000),
 * never through binary floating point.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "xml.h"

#define NS	"urn:ramify:customers:1"
#define XML_NS	"http://www.w3.org/XML/1998/namespace"
#define VERSION	"1"

/* After this many errors the rest of a broken file says little more. */
#define MAX_ERRORS	100
/* User text quoted in messages is cut to this many bytes. */
#define QUOTE_MAX	60

/* build/schema_customers.c, generated from schemas/ramify-customers.rng. */
extern const char rm_schema_customers[];

/* ---- Words ------------------------------------------------------------ */

static const char *const words[RM_NLISTS][10] = {
	[RM_LIST_TYPE] = { NULL, "potential", "existing", "key", "lost" },
	[RM_LIST_STAGE] = { NULL, "awareness", "consideration", "purchase",
	    "use", "loyalty", "churned" },
	[RM_LIST_TEAM] = { NULL, "sales", "service", "success", "marketing" },
	[RM_LIST_ATTITUDE] = { NULL, "loyal", "brand-preferring",
	    "not-loyal" },
	[RM_LIST_CHANNEL] = { NULL, "visit", "meeting", "call", "e-mail",
	    "hotline", "complaint" },
	[RM_LIST_THANKS] = { NULL, "letter", "card", "gift", "call", "e-mail",
	    "visit", "event", "discount" },
};

const char *
rm_word(enum rm_list l, unsigned v)
{
	if ((unsigned)l >= RM_NLISTS || v == 0 || v >= 10)
		return NULL;
	return words[l][v];
}

/* Index of `s` in list `l`, or 0. */
static unsigned
word_index(enum rm_list l, const char *s)
{
	unsigned i;

	for (i = 1; i < 10 && words[l][i] != NULL; i++)
		if (strcmp(words[l][i], s) == 0)
			return i;
	return 0;
}

/* "a, b or c" for list `l`. */
static const char *
word_choices(enum rm_list l, char *buf, size_t size)
{
	unsigned i, n;
	size_t len = 0;

	for (n = 1; n < 10 && words[l][n] != NULL; n++)
		;
	buf[0] = '\0';
	for (i = 1; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s",
		    i == 1 ? "" : i == n - 1 ? " or " : ", ", words[l][i]);
	return buf;
}

/* ---- Money, shares and dates -------------------------------------------- */

int
rm_decimal_parse(const char *s, unsigned digits, unsigned decimals,
    int64_t *out)
{
	int64_t v = 0;
	unsigned n = 0, d = 0;

	if (*s < '0' || *s > '9')
		return -1;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (n == 0 && v == 0 && *s == '0' && s[1] >= '0' && s[1] <= '9')
			;	/* leading zeros do not count */
		else if (++n > digits)
			return -2;
		v = v * 10 + (*s - '0');
	}
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return -1;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++d > decimals)
				return -1;
			v = v * 10 + (*s - '0');
		}
	}
	if (*s != '\0')
		return -1;
	for (; d < decimals; d++)
		v *= 10;
	*out = v;
	return 0;
}

/* Digits of v >= 0 with ',' every three when `group`; returns the end. */
static char *
put_digits(uint64_t v, int group, char *p)
{
	char tmp[32];
	int n = 0, i;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0);
	for (i = n - 1; i >= 0; i--) {
		*p++ = tmp[i];
		if (group && i > 0 && i % 3 == 0)
			*p++ = ',';
	}
	*p = '\0';
	return p;
}

char *
rm_money_str(int64_t v, int group, char *buf)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	unsigned frac = (unsigned)(u % RM_MONEY_SCALE);
	char *p = buf;

	if (v < 0)
		*p++ = '-';
	p = put_digits(u / RM_MONEY_SCALE, group, p);
	*p++ = '.';
	*p++ = (char)('0' + frac / 1000);
	*p++ = (char)('0' + frac / 100 % 10);
	if (frac % 100 != 0) {
		*p++ = (char)('0' + frac / 10 % 10);
		if (frac % 10 != 0)
			*p++ = (char)('0' + frac % 10);
	}
	*p = '\0';
	return buf;
}

char *
rm_money_units(int64_t v, char *buf)
{
	uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	char *p = buf;

	u = (u + RM_MONEY_SCALE / 2) / RM_MONEY_SCALE;
	if (v < 0 && u > 0)
		*p++ = '-';
	put_digits(u, 1, p);
	return buf;
}

char *
rm_share_str(int64_t part, int64_t total, unsigned decimals, char *buf)
{
	unsigned __int128 num, q;
	uint64_t scale = 1, whole, frac;
	unsigned i;
	char *p;

	if (decimals > 6)
		decimals = 6;
	for (i = 0; i < decimals; i++)
		scale *= 10;
	if (total <= 0 || part <= 0) {
		q = 0;
	} else if ((uint64_t)part <= (UINT64_MAX - (uint64_t)total) /
	    (100 * scale)) {
		/* The usual case, in 64 bits. */
		q = ((uint64_t)part * 100 * scale + (uint64_t)total / 2) /
		    (uint64_t)total;
	} else {
		/* part / total * 100 * scale, rounded half up. */
		num = (unsigned __int128)part * 100 * scale;
		q = (num + (uint64_t)total / 2) / (uint64_t)total;
	}
	whole = (uint64_t)(q / scale);
	frac = (uint64_t)(q % scale);
	p = put_digits(whole, 0, buf);
	if (decimals > 0) {
		*p++ = '.';
		for (i = decimals; i-- > 0; frac /= 10)
			p[i] = (char)('0' + frac % 10);
		p[decimals] = '\0';
	}
	return buf;
}

char *
rm_cutoff_str(int64_t cut, char *buf)
{
	char *e;

	rm_share_str(cut, 100 * 10000, 4, buf);
	e = buf + strlen(buf);
	while (e[-1] == '0')
		*--e = '\0';
	if (e[-1] == '.')
		e[-1] = '\0';
	return buf;
}

char *
rm_date_str(int32_t day, char *buf)
{
	unsigned v[3], w[3] = { 4, 2, 2 }, k, i;
	char *p = buf;
	GDate d;

	if (day <= 0) {
		buf[0] = '\0';
		return buf;
	}
	g_date_clear(&d, 1);
	g_date_set_julian(&d, (guint32)day);
	v[0] = g_date_get_year(&d);
	v[1] = g_date_get_month(&d);
	v[2] = g_date_get_day(&d);
	for (k = 0; k < 3; k++) {
		if (k > 0)
			*p++ = '-';
		for (i = w[k]; i-- > 0; v[k] /= 10)
			p[i] = (char)('0' + v[k] % 10);
		p += w[k];
	}
	*p = '\0';
	return buf;
}

int32_t
rm_date_parse(const char *s)
{
	unsigned y, m, d, i;
	GDate date;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (unsigned)((s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0'));
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1 || !g_date_valid_dmy((GDateDay)d, (GDateMonth)m,
	    (GDateYear)y))
		return 0;
	g_date_clear(&date, 1);
	g_date_set_dmy(&date, (GDateDay)d, (GDateMonth)m, (GDateYear)y);
	return (int32_t)g_date_get_julian(&date);
}

int32_t
rm_date_add(int32_t day, unsigned count, char unit)
{
	GDate d;

	if (day <= 0)
		return 0;
	g_date_clear(&d, 1);
	g_date_set_julian(&d, (guint32)day);
	switch (unit) {
	case 'D': g_date_add_days(&d, count); break;
	case 'W': g_date_add_days(&d, count * 7); break;
	case 'M': g_date_add_months(&d, count); break;
	default: g_date_add_years(&d, count); break;
	}
	/* GDate stops at year 65535; our dates stop at 9999. */
	if (!g_date_valid(&d) || g_date_get_year(&d) > 9999)
		return 0;
	return (int32_t)g_date_get_julian(&d);
}

int
rm_data_sniff(const char *buf, size_t len)
{
	return rm_xml_sniff_root(buf, len, "customers", NS);
}

int
rm_customer_lost(const struct rm_customer *c)
{
	return c->type == RM_TYPE_LOST || c->stage == RM_STAGE_CHURNED;
}

/* ---- The reader ------------------------------------------------------------ */

struct reader {
	struct rm_diag		*diag;
	struct ramify_data	*data;
	struct rm_xml_schema	*schema;
	const struct rm_xml_locs *locs;
	struct rm_arena		 scratch;	/* one element's strings */
	GString			*fold;
	int			 part;		/* last part seen, see parts[] */
	int			 base_given;	/* <customers currency> */
	struct rm_pos		 base_pos;	/* where the currency was set */
	struct rm_pos		 rates_pos;
	const xmlNs		*root_ns;	/* of <customers>, if ours */
	GString			*shape;		/* see shape_of() */
	GHashTable		*valid_shapes;	/* shapes the schema passed */
	struct {
		const char	*name;
		int		 rid;
	}			 cache[32];	/* element name -> rule */
	size_t			 ncache;
	int			 nomem;
};

/* Top-level elements, in the order they must come. */
static const char *const parts[] = { "title", "rates", "plan", "customer" };

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* `s` cut to QUOTE_MAX bytes at a character boundary, for messages. */
static const char *
quote(const char *s, char *buf)
{
	size_t n = strlen(s);

	if (n <= QUOTE_MAX)
		return s;
	n = QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	memcpy(buf, s, n);
	memcpy(buf + n, "...", 4);
	return buf;
}

static struct rm_pos
where(struct reader *r, const xmlNode *n)
{
	return rm_xml_pos(r->locs, n);
}

/* The one copy of `s` in the data's arena (names, words and reasons
 * repeat a lot in big files).  NULL when out of memory. */
static const char *
intern(struct reader *r, const char *s)
{
	GHashTable *h = r->data->strings;
	char *p;

	if ((p = g_hash_table_lookup(h, s)) != NULL)
		return p;
	if ((p = rm_strdup(&r->data->arena, s)) == NULL) {
		r->nomem = 1;
		return NULL;
	}
	g_hash_table_insert(h, p, p);
	return p;
}

/* Attribute: 1 present, 0 absent, -1 bad (told). */
static int
attr(struct reader *r, const xmlNode *el, const char *name, const char **val)
{
	return rm_xml_attr_or_nomem(r->diag, r->locs, &r->scratch, el, name,
	    val, &r->nomem);
}

/* `s` with leading and trailing whitespace removed and inner runs
 * folded to one space.  The result is `s` itself when there was nothing
 * to fold, else it lives in r->fold: valid until the next call either
 * way (callers copy it). */
static const char *
folded(struct reader *r, const char *s)
{
	const char *p;
	int space = 0;

	/* Most text has nothing to fold: no copy then. */
	for (p = s; *p != '\0'; p++)
		if (*p == '\t' || *p == '\n' || *p == '\r' || (*p == ' ' &&
		    (p == s || p[1] == ' ' || p[1] == '\0')))
			break;
	if (*p == '\0')
		return s;
	g_string_truncate(r->fold, 0);
	for (p = s; *p != '\0'; p++) {
		if (is_space((unsigned char)*p)) {
			space = r->fold->len > 0;
			continue;
		}
		if (space)
			g_string_append_c(r->fold, ' ');
		space = 0;
		g_string_append_c(r->fold, *p);
	}
	return r->fold->str;
}

/* The folded text of `el` (see folded()), or NULL (bad text told, or
 * out of memory). */
static const char *
text_of(struct reader *r, const xmlNode *el)
{
	const xmlNode *c = el->children;
	const char *s;
	size_t n;
	int rc;

	/* The usual case: one text node, or none, read in place. */
	if (c == NULL)
		return folded(r, "");
	if (c->next == NULL && c->type == XML_TEXT_NODE && c->content != NULL) {
		s = (const char *)c->content;
		n = strlen(s);
		if (rm_utf8_valid_prefix(s, n) != n) {
			rm_error(r->diag, where(r, el), "invalid UTF-8 in <%s>",
			    (const char *)el->name);
			return NULL;
		}
		return folded(r, s);
	}
	if ((rc = rm_xml_text(r->diag, r->locs, &r->scratch, el, &s)) != 0) {
		r->nomem |= rc == RAMIFY_ENOMEM;
		return NULL;
	}
	return folded(r, s);
}

/* Text that must not be empty: interned when `shared` (words that
 * repeat across customers), else copied.  NULL when bad (told). */
static const char *
field_text(struct reader *r, const xmlNode *el, int shared)
{
	const char *s = text_of(r, el);
	char *p;

	if (s == NULL)
		return NULL;
	if (*s == '\0') {
		rm_error(r->diag, where(r, el), "empty <%s>",
		    (const char *)el->name);
		return NULL;
	}
	if (shared)
		return intern(r, s);
	if ((p = rm_strdup(&r->data->arena, s)) == NULL)
		r->nomem = 1;
	return p;
}

/* A word of list `l`, from `s` (text or attribute `what` of `el`). */
static uint8_t
word_of(struct reader *r, const xmlNode *el, enum rm_list l, const char *s,
    const char *what)
{
	char choices[160], q[QUOTE_MAX + 4];
	unsigned v;

	if (s == NULL)
		return 0;
	if ((v = word_index(l, s)) == 0)
		rm_error(r->diag, where(r, el), "unknown %s '%s' (expected %s)",
		    what, quote(s, q), word_choices(l, choices, sizeof choices));
	return (uint8_t)v;
}

/* A date attribute; 0 when absent or bad (told). */
static int32_t
date_attr(struct reader *r, const xmlNode *el, const char *name)
{
	char q[QUOTE_MAX + 4];
	const char *s;
	int32_t day;

	if (attr(r, el, name, &s) != 1)
		return 0;
	if ((day = rm_date_parse(s)) == 0)
		rm_error(r->diag, where(r, el), "invalid date '%s' in <%s> "
		    "(expected YYYY-MM-DD naming a day that exists)",
		    quote(s, q), (const char *)el->name);
	return day;
}

/* A currency code: three capital letters. */
static int
valid_currency(const char *s)
{
	return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' &&
	    s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

static const char *
currency_attr(struct reader *r, const xmlNode *el)
{
	char q[QUOTE_MAX + 4];
	const char *s;

	if (attr(r, el, "currency", &s) != 1)
		return NULL;
	if (!valid_currency(s)) {
		rm_error(r->diag, where(r, el), "invalid currency '%s' (expected "
		    "an ISO 4217 code of three capital letters, e.g. EUR)",
		    quote(s, q));
		return NULL;
	}
	return intern(r, s);
}

/* ---- Structure ------------------------------------------------------------ */

/*
 * What may appear where, checked before the schema so that every
 * problem is reported at its element in plain words.  `once` lists the
 * children that may appear at most once, `required` the attributes that
 * must be there (and <customer> needs its <name>).  Attributes from
 * other namespaces are allowed on elements with `foreign` set: the
 * document element, <customer>, and the elements that have attributes
 * of their own.  Elements from other namespaces may appear in the
 * elements with `extensible` set and are ignored.  Sets of elements are
 * bit masks of enum rid, so that a file of 100 000 customers is checked
 * without comparing names over and over.
 */
enum rid {
	R_TITLE, R_RATES, R_RATE, R_PLAN, R_RULE, R_CUSTOMER, R_NAME, R_TYPE,
	R_STAGE, R_OWNER, R_CATEGORY, R_CITY, R_SINCE, R_VALUE, R_CREDIT,
	R_ATTITUDE, R_SOURCE, R_REFBY, R_REASON, R_BREAKER, R_CONTACT,
	R_THANKS, R_INTERACTION, R_NEXT, R_NOTE, R_COUNT
};

#define B(x)	((uint32_t)1 << (x))
#define CUSTOMER_KIDS	(B(R_NAME) | B(R_TYPE) | B(R_STAGE) | B(R_OWNER) | \
	B(R_CATEGORY) | B(R_CITY) | B(R_SINCE) | B(R_VALUE) | B(R_CREDIT) | \
	B(R_ATTITUDE) | B(R_SOURCE) | B(R_REFBY) | B(R_REASON) | B(R_BREAKER) | \
	B(R_CONTACT) | B(R_THANKS) | B(R_INTERACTION) | B(R_NEXT) | B(R_NOTE))
#define CUSTOMER_ONCE	(CUSTOMER_KIDS & ~(B(R_REASON) | B(R_BREAKER) | \
	B(R_CONTACT) | B(R_THANKS) | B(R_INTERACTION)))

struct rule {
	const char	*name;
	const char	*attrs[7];	/* allowed, NULL-terminated */
	const char	*required[3];
	uint32_t	 kids, once;
	int		 text;		/* holds text, and only text */
	int		 foreign;	/* foreign attributes allowed */
	int		 extensible;	/* foreign elements allowed */
};

static const struct rule rules[R_COUNT] = {
	[R_TITLE] = { "title", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_RATES] = { "rates", { NULL }, { NULL }, B(R_RATE), 0, 0, 1, 1 },
	[R_RATE] = { "rate", { "currency", "value", NULL },
	    { "currency", "value", NULL }, 0, 0, 0, 1, 0 },
	[R_PLAN] = { "plan", { NULL }, { NULL }, B(R_RULE), 0, 0, 1, 1 },
	[R_RULE] = { "rule", { "class", "category", "type", "stage", "every",
	    "how", NULL }, { NULL }, 0, 0, 0, 1, 0 },
	[R_CUSTOMER] = { "customer", { "id", NULL }, { "id", NULL },
	    CUSTOMER_KIDS, CUSTOMER_ONCE, 0, 1, 1 },
	[R_NAME] = { "name", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_TYPE] = { "type", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_STAGE] = { "stage", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_OWNER] = { "owner", { "team", NULL }, { NULL }, 0, 0, 1, 1, 0 },
	[R_CATEGORY] = { "category", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_CITY] = { "city", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_SINCE] = { "since", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_VALUE] = { "value", { "per", "currency", NULL }, { "per", NULL },
	    0, 0, 1, 1, 0 },
	[R_CREDIT] = { "credit", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_ATTITUDE] = { "attitude", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_SOURCE] = { "source", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_REFBY] = { "referred-by", { "ref", NULL }, { "ref", NULL }, 0, 0,
	    0, 1, 0 },
	[R_REASON] = { "reason", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_BREAKER] = { "dealbreaker", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
	[R_CONTACT] = { "contact", { "name", "role", "email", "phone", NULL },
	    { "name", NULL }, 0, 0, 0, 1, 0 },
	[R_THANKS] = { "thanks", { "date", "how", NULL }, { "date", NULL },
	    0, 0, 1, 1, 0 },
	[R_INTERACTION] = { "interaction", { "date", "channel", NULL },
	    { "date", "channel", NULL }, 0, 0, 1, 1, 0 },
	[R_NEXT] = { "next", { "date", "channel", NULL }, { "date", NULL },
	    0, 0, 1, 1, 0 },
	[R_NOTE] = { "note", { NULL }, { NULL }, 0, 0, 1, 0, 0 },
};

/* Is `n` an element in our namespace?  The document element's
 * namespace, which lives as long as the parse, is known by address. */
static int
ours(struct reader *r, const xmlNode *n)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns == NULL)
		return 0;
	if (n->ns == r->root_ns)
		return 1;
	return n->ns->href != NULL &&
	    strcmp((const char *)n->ns->href, NS) == 0;
}

/* The rule of element `n`, or -1 when it is none of ours.  Names come
 * from libxml2's dictionary, so the last few are remembered by address
 * (and checked, in case one is not). */
static int
rule_of(struct reader *r, const xmlNode *n)
{
	const char *name;
	size_t k;

	if (!ours(r, n))
		return -1;
	name = (const char *)n->name;
	for (k = 0; k < r->ncache; k++)
		if (r->cache[k].name == name &&
		    strcmp(rules[r->cache[k].rid].name, name) == 0)
			return r->cache[k].rid;
	for (k = 0; k < R_COUNT; k++)
		if (strcmp(rules[k].name, name) == 0)
			break;
	if (k == R_COUNT)
		return -1;
	if (r->ncache < sizeof r->cache / sizeof r->cache[0]) {
		r->cache[r->ncache].name = name;
		r->cache[r->ncache++].rid = (int)k;
	}
	return (int)k;
}

static int
blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!is_space((unsigned char)*s))
			return 0;
	return 1;
}

static void
check_attributes(struct reader *r, const xmlNode *el, const struct rule *ru)
{
	struct rm_pos pos = where(r, el);
	const xmlAttr *a;
	size_t k;

	for (a = el->properties; a != NULL; a = a->next) {
		if (a->ns == NULL) {
			for (k = 0; ru->attrs[k] != NULL &&
			    strcmp(ru->attrs[k], (const char *)a->name) != 0; k++)
				;
			if (ru->attrs[k] == NULL)
				rm_error(r->diag, pos, "unknown attribute '%s' "
				    "on <%s>", (const char *)a->name, ru->name);
		} else if (a->ns->href != NULL &&
		    strcmp((const char *)a->ns->href, NS) == 0) {
			rm_error(r->diag, pos, "unknown attribute '%s' on <%s>",
			    (const char *)a->name, ru->name);
		} else if (!ru->foreign) {
			rm_error(r->diag, pos, "attribute '%s' from another "
			    "namespace on <%s>, which takes none",
			    (const char *)a->name, ru->name);
		}
	}
	for (k = 0; ru->required[k] != NULL; k++)
		if (!rm_xml_has_attr(el, ru->required[k]))
			rm_error(r->diag, pos, "<%s> has no '%s' attribute",
			    ru->name, ru->required[k]);
}

/* Children of `el` (rule `ru`): allowed, at most once where so, and no
 * text between elements. */
static void
check_children(struct reader *r, const xmlNode *el, const struct rule *ru)
{
	const xmlNode *c, *first[R_COUNT];
	char where_first[48];
	uint32_t seen = 0;
	int text = 0, k;

	for (c = el->children; c != NULL; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_ENTITY_REF_NODE) {
			if (!ru->text && !text && (c->type == XML_ENTITY_REF_NODE ||
			    !blank((const char *)c->content))) {
				rm_error(r->diag, where(r, el), "unexpected text "
				    "in <%s> (it holds only elements)", ru->name);
				text = 1;
			}
			continue;
		}
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (ru->text) {
			rm_error(r->diag, where(r, c), "element <%s> in <%s>, "
			    "which holds only text", (const char *)c->name,
			    ru->name);
			continue;
		}
		if (!ours(r, c)) {
			if (!ru->extensible)
				rm_error(r->diag, where(r, c), "element <%s> "
				    "from another namespace in <%s>",
				    (const char *)c->name, ru->name);
			continue;
		}
		if ((k = rule_of(r, c)) < 0 || !(ru->kids & B(k))) {
			rm_error(r->diag, where(r, c), k < 0 ?
			    "unknown element <%s> in <%s>" :
			    "<%s> is not allowed in <%s>",
			    (const char *)c->name, ru->name);
			continue;
		}
		if ((ru->once & B(k)) && (seen & B(k)))
			rm_error(r->diag, where(r, c), "second <%s> in <%s> "
			    "(first at %s)", rules[k].name, ru->name,
			    rm_pos_str(where(r, first[k]), where_first,
			    sizeof where_first));
		if (!(seen & B(k)))
			first[k] = c;
		seen |= B(k);
	}
	if (ru == &rules[R_CUSTOMER] && !(seen & B(R_NAME)))
		rm_error(r->diag, where(r, el), "<customer> has no <name>");
}

/* Every structural problem in the subtree of top-level element `top`
 * (rule `rid`); returns how many.  Two levels at most: <customer>,
 * <rates> and <plan> hold elements that hold text or nothing. */
static unsigned
check_structure(struct reader *r, const xmlNode *top, int rid)
{
	const xmlNode *c;
	unsigned before = r->diag->nerrors;
	int k;

	check_attributes(r, top, &rules[rid]);
	check_children(r, top, &rules[rid]);
	if (rules[rid].text)
		return r->diag->nerrors - before;
	for (c = top->children; c != NULL; c = c->next) {
		if ((k = rule_of(r, c)) < 0 || !(rules[rid].kids & B(k)))
			continue;	/* told above */
		check_attributes(r, c, &rules[k]);
		check_children(r, c, &rules[k]);
	}
	return r->diag->nerrors - before;
}

/* ---- Values ------------------------------------------------------------------ */

static void
read_title(struct reader *r, const xmlNode *el)
{
	const char *s = text_of(r, el);

	if (s != NULL && *s != '\0' &&
	    (r->data->title = rm_strdup(&r->data->arena, s)) == NULL)
		r->nomem = 1;
}

static void
read_rates(struct reader *r, const xmlNode *el)
{
	struct ramify_data *d = r->data;
	const xmlNode *c;
	const char *cur, *v;
	char q[QUOTE_MAX + 4], at[48];
	struct rm_rate *rt;
	int64_t rate;
	size_t i;
	int rc;

	r->rates_pos = where(r, el);
	if (!r->base_given)
		rm_error(r->diag, where(r, el), "<rates> converts into the file's "
		    "currency: name it with <customers currency=\"...\">");
	for (c = el->children; c != NULL; c = c->next) {
		if (rule_of(r, c) != R_RATE || (cur = currency_attr(r, c)) == NULL ||
		    attr(r, c, "value", &v) != 1)
			continue;
		if ((rc = rm_decimal_parse(v, 9, 8, &rate)) != 0 || rate == 0) {
			rm_error(r->diag, where(r, c), "invalid rate '%s' for %s "
			    "(expected a decimal number greater than 0, at most "
			    "9 digits before the point and 8 after)",
			    quote(v, q), cur);
			continue;
		}
		if (d->currency != NULL && strcmp(cur, d->currency) == 0) {
			rm_error(r->diag, where(r, c), "rate for %s, the file's "
			    "own currency", cur);
			continue;
		}
		for (i = 0; i < d->nrates; i++)
			if (strcmp(d->rates[i].currency, cur) == 0)
				break;
		if (i < d->nrates) {
			rm_error(r->diag, where(r, c), "second rate for %s "
			    "(first at %s)", cur, rm_pos_str(d->rates[i].pos, at,
			    sizeof at));
			continue;
		}
		if (rm_grow(&d->arena, (void **)&d->rates, &d->caprates,
		    d->nrates, sizeof *d->rates) != 0) {
			r->nomem = 1;
			return;
		}
		rt = &d->rates[d->nrates++];
		rt->currency = cur;
		rt->rate = rate;
		rt->pos = where(r, c);
	}
}

/* "P3M": count and unit; 0 when not such a duration. */
static int
parse_every(const char *s, unsigned *count, char *unit)
{
	unsigned v = 0, n = 0;

	if (*s++ != 'P')
		return 0;
	for (; *s >= '0' && *s <= '9' && n < 5; s++, n++)
		v = v * 10 + (unsigned)(*s - '0');
	if (n == 0 || n > 4 || v == 0 || s[0] == '\0' || s[1] != '\0' ||
	    strchr("DWMY", s[0]) == NULL)
		return 0;
	*count = v;
	*unit = s[0];
	return 1;
}

static void
read_plan(struct reader *r, const xmlNode *el)
{
	struct ramify_data *d = r->data;
	const xmlNode *c;
	struct rm_rule ru;
	const char *s;
	char q[QUOTE_MAX + 4];

	for (c = el->children; c != NULL; c = c->next) {
		if (rule_of(r, c) != R_RULE)
			continue;
		memset(&ru, 0, sizeof ru);
		ru.pos = where(r, c);
		if (attr(r, c, "class", &s) == 1) {
			if (strcmp(s, "A") != 0 && strcmp(s, "B") != 0 &&
			    strcmp(s, "C") != 0)
				rm_error(r->diag, ru.pos, "unknown class '%s' "
				    "(expected A, B or C)", quote(s, q));
			else
				ru.cls = s[0];
		}
		if (attr(r, c, "category", &s) == 1) {
			s = folded(r, s);
			if (s != NULL && *s == '\0')
				rm_error(r->diag, ru.pos, "empty 'category' "
				    "attribute on <rule>");
			else if (s != NULL)
				ru.category = intern(r, s);
		}
		if (attr(r, c, "type", &s) == 1)
			ru.type = word_of(r, c, RM_LIST_TYPE, s, "type");
		if (attr(r, c, "stage", &s) == 1)
			ru.stage = word_of(r, c, RM_LIST_STAGE, s, "stage");
		if (attr(r, c, "how", &s) == 1)
			ru.how = word_of(r, c, RM_LIST_CHANNEL, s, "channel");
		if (attr(r, c, "every", &s) == 1) {
			if (!parse_every(s, &ru.count, &ru.unit))
				rm_error(r->diag, ru.pos, "invalid every '%s' "
				    "(expected an ISO 8601 duration of one part: "
				    "P30D, P2W, P3M or P1Y, 1 to 9999)",
				    quote(s, q));
			else
				ru.every = intern(r, s);
		}
		if (rm_grow(&d->arena, (void **)&d->rules, &d->caprules,
		    d->nrules, sizeof *d->rules) != 0) {
			r->nomem = 1;
			return;
		}
		d->rules[d->nrules++] = ru;
	}
}

/* The rate of currency `cur` into the file's, or NULL. */
static const struct rm_rate *
rate_of(const struct ramify_data *d, const char *cur)
{
	size_t i;

	for (i = 0; i < d->nrates; i++)
		if (strcmp(d->rates[i].currency, cur) == 0)
			return &d->rates[i];
	return NULL;
}

/* <value per currency>: the amount as written and the yearly value in
 * the file's currency. */
static void
read_value(struct reader *r, struct rm_customer *c, const xmlNode *el)
{
	struct ramify_data *d = r->data;
	const struct rm_rate *rt;
	const char *s, *per;
	char q[QUOTE_MAX + 4], at[48];
	__int128 v;
	int64_t amount;
	int rc;

	if ((s = text_of(r, el)) == NULL || attr(r, el, "per", &per) != 1)
		return;
	if (strcmp(per, "month") != 0 && strcmp(per, "year") != 0) {
		rm_error(r->diag, where(r, el), "invalid per '%s' (expected "
		    "month or year)", quote(per, q));
		return;
	}
	if ((rc = rm_decimal_parse(s, RM_MONEY_DIGITS, 4, &amount)) != 0) {
		rm_error(r->diag, where(r, el), rc == -2 ? "amount '%s' is too "
		    "large (at most %d digits before the point)" : "invalid "
		    "amount '%s' (expected a decimal number such as 1250 or "
		    "1250.50: digits, a point, at most 4 decimals)",
		    quote(s, q), RM_MONEY_DIGITS);
		return;
	}
	if ((c->currency = currency_attr(r, el)) == NULL) {
		if (rm_xml_has_attr(el, "currency"))
			return;		/* bad, told */
		if (d->currency == NULL) {
			rm_error(r->diag, where(r, el), "<value> has no currency: "
			    "give the file's with <customers currency=\"...\"> "
			    "or this one's with currency=\"...\"");
			return;
		}
		c->currency = d->currency;
	}
	if (d->currency == NULL) {
		/* No file currency: the first amount's is the file's, and
		 * any other is refused below. */
		d->currency = c->currency;
		r->base_pos = where(r, el);
	}
	c->per = strcmp(per, "month") == 0 ? 1 : 2;
	c->amount = amount;
	v = c->per == 1 ? (__int128)amount * 12 : amount;
	if (c->currency != d->currency && strcmp(c->currency, d->currency) != 0) {
		if ((rt = rate_of(d, c->currency)) == NULL) {
			if (r->base_given && d->nrates > 0)
				rm_error(r->diag, where(r, el), "value in %s, but "
				    "<rates> (at %s) has no rate for %s into %s",
				    c->currency, rm_pos_str(r->rates_pos, at,
				    sizeof at), c->currency, d->currency);
			else
				rm_error(r->diag, where(r, el), "value in %s, but "
				    "the file's currency is %s (%s at %s): several "
				    "currencies need <customers currency> and a "
				    "<rates> table to convert them",
				    c->currency, d->currency, r->base_given ?
				    "<customers currency>" : "first value",
				    rm_pos_str(r->base_pos, at, sizeof at));
			c->per = 0;
			return;
		}
		/* Rounded to the minor unit, halves up. */
		v = (v * rt->rate + RM_RATE_SCALE / 2) / RM_RATE_SCALE;
		if (v > INT64_MAX) {
			rm_error(r->diag, where(r, el), "amount '%s' %s is too "
			    "large once converted into %s", quote(s, q),
			    c->currency, d->currency);
			c->per = 0;
			return;
		}
	}
	c->value = (int64_t)v;
}

static void
read_contact(struct reader *r, struct rm_person *p, const xmlNode *el)
{
	static const char *const names[] = { "name", "role", "email", "phone" };
	const char **f[] = { &p->name, &p->role, &p->email, &p->phone };
	const char *s;
	size_t i;

	for (i = 0; i < 4; i++) {
		if (attr(r, el, names[i], &s) != 1 || (s = folded(r, s)) == NULL)
			continue;
		if (*s == '\0') {
			rm_error(r->diag, where(r, el), "empty '%s' attribute "
			    "on <contact>", names[i]);
			continue;
		}
		if ((*f[i] = rm_strdup(&r->data->arena, s)) == NULL)
			r->nomem = 1;
	}
}

/* <thanks>, <interaction>, <next>. */
static void
read_event(struct reader *r, struct rm_event *e, const xmlNode *el,
    enum rm_list how, const char *how_attr)
{
	const char *s;

	e->day = date_attr(r, el, "date");
	if (attr(r, el, how_attr, &s) == 1)
		e->how = word_of(r, el, how, s, how == RM_LIST_CHANNEL ?
		    "channel" : "way of thanking");
	/* Outcomes are free text: copied, not interned. */
	s = text_of(r, el);
	if (s == NULL || *s == '\0')
		e->text = "";
	else if ((e->text = rm_strdup(&r->data->arena, s)) == NULL) {
		r->nomem = 1;
		e->text = "";
	}
}

static void
read_id(struct reader *r, struct rm_customer *c, const xmlNode *el)
{
	struct ramify_data *d = r->data;
	const char *id;
	char q[QUOTE_MAX + 4], at[48];
	size_t first;

	if (attr(r, el, "id", &id) != 1)
		return;
	if (!rm_valid_id(id)) {
		rm_error(r->diag, where(r, el), "invalid customer id '%s' (ids "
		    "are not empty and contain no spaces)", quote(id, q));
		return;
	}
	if ((first = GPOINTER_TO_SIZE(g_hash_table_lookup(d->ids, id))) != 0) {
		rm_error(r->diag, where(r, el), "duplicate customer id '%s' "
		    "(first used at %s)", quote(id, q),
		    rm_pos_str(d->cs[first - 1].pos, at, sizeof at));
		return;
	}
	if ((c->id = rm_strdup(&d->arena, id)) == NULL) {
		r->nomem = 1;
		return;
	}
	g_hash_table_insert(d->ids, (char *)c->id,
	    GSIZE_TO_POINTER((size_t)(c - d->cs) + 1));
}

/* Arrays of the customer's repeated children, sized by a first count. */
static int
alloc_lists(struct reader *r, struct rm_customer *c, const xmlNode *el)
{
	struct rm_arena *a = &r->data->arena;
	const xmlNode *k;
	size_t nr = 0, nb = 0, nc = 0, nt = 0, ne = 0;

	for (k = el->children; k != NULL; k = k->next)
		switch (rule_of(r, k)) {
		case R_REASON: nr++; break;
		case R_BREAKER: nb++; break;
		case R_CONTACT: nc++; break;
		case R_THANKS: nt++; break;
		case R_INTERACTION: ne++; break;
		default: break;
		}
	if ((nr > 0 && (c->reasons = rm_alloc(a, nr * sizeof *c->reasons)) == NULL) ||
	    (nb > 0 && (c->breakers = rm_alloc(a, nb * sizeof *c->breakers)) == NULL) ||
	    (nc > 0 && (c->contacts = rm_alloc(a, nc * sizeof *c->contacts)) == NULL) ||
	    (nt > 0 && (c->thanks = rm_alloc(a, nt * sizeof *c->thanks)) == NULL) ||
	    (ne > 0 && (c->events = rm_alloc(a, ne * sizeof *c->events)) == NULL)) {
		r->nomem = 1;
		return -1;
	}
	return 0;
}

static void
read_customer(struct reader *r, const xmlNode *el)
{
	struct ramify_data *d = r->data;
	struct rm_customer *c;
	const xmlNode *k;
	const char *s;
	size_t i;

	if (d->n >= RM_MAX_CUSTOMERS) {
		rm_error(r->diag, where(r, el), "more than %zu customers",
		    RM_MAX_CUSTOMERS);
		return;
	}
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 64;
		void *p = realloc(d->cs, cap * sizeof *d->cs);

		if (p == NULL) {
			r->nomem = 1;
			return;
		}
		d->cs = p;
		d->cap = cap;
	}
	c = &d->cs[d->n];
	memset(c, 0, sizeof *c);
	c->referrer = RM_NO_INDEX;
	c->last = RM_NO_INDEX;
	c->pos = where(r, el);
	read_id(r, c, el);
	/* Counted even when the id is bad, so that errors about later
	 * customers can point at this one. */
	d->n++;
	if (alloc_lists(r, c, el) != 0)
		return;
	for (k = el->children; k != NULL && !r->nomem; k = k->next) {
		char q[QUOTE_MAX + 4];

		switch (rule_of(r, k)) {
		case R_NAME:
			c->name = field_text(r, k, 0);
			break;
		case R_TYPE:
			c->type = word_of(r, k, RM_LIST_TYPE, text_of(r, k), "type");
			break;
		case R_STAGE:
			c->stage = word_of(r, k, RM_LIST_STAGE, text_of(r, k),
			    "stage");
			break;
		case R_ATTITUDE:
			c->attitude = word_of(r, k, RM_LIST_ATTITUDE,
			    text_of(r, k), "attitude");
			break;
		case R_OWNER:
			if (attr(r, k, "team", &s) == 1)
				c->team = word_of(r, k, RM_LIST_TEAM, s, "team");
			if ((s = text_of(r, k)) != NULL && *s != '\0')
				c->owner = intern(r, s);
			break;
		case R_CATEGORY:
			c->category = field_text(r, k, 1);
			break;
		case R_CITY:
			c->city = field_text(r, k, 1);
			break;
		case R_CREDIT:
			c->credit = field_text(r, k, 1);
			break;
		case R_SOURCE:
			c->source = field_text(r, k, 1);
			break;
		case R_NOTE:
			c->note = field_text(r, k, 0);
			break;
		case R_SINCE:
			if ((s = text_of(r, k)) != NULL &&
			    (c->since = rm_date_parse(s)) == 0)
				rm_error(r->diag, where(r, k), "invalid date '%s' "
				    "in <since> (expected YYYY-MM-DD naming a day "
				    "that exists)", quote(s, q));
			break;
		case R_VALUE:
			read_value(r, c, k);
			break;
		case R_REFBY:
			if (attr(r, k, "ref", &s) == 1 &&
			    (c->referred_by = rm_strdup(&d->arena, s)) == NULL)
				r->nomem = 1;
			c->ref_pos = where(r, k);
			break;
		case R_REASON:
			if ((s = field_text(r, k, 1)) != NULL)
				c->reasons[c->nreasons++] = s;
			break;
		case R_BREAKER:
			if ((s = field_text(r, k, 1)) != NULL)
				c->breakers[c->nbreakers++] = s;
			break;
		case R_CONTACT:
			read_contact(r, &c->contacts[c->ncontacts++], k);
			break;
		case R_THANKS:
			read_event(r, &c->thanks[c->nthanks++], k,
			    RM_LIST_THANKS, "how");
			break;
		case R_INTERACTION:
			read_event(r, &c->events[c->nevents++], k,
			    RM_LIST_CHANNEL, "channel");
			break;
		case R_NEXT:
			read_event(r, &c->next, k, RM_LIST_CHANNEL, "channel");
			break;
		default:
			break;
		}
	}
	if (c->name == NULL)
		c->name = c->id != NULL ? c->id : "";
	/* The latest interaction; of two on one day, the later in the file. */
	for (i = 0; i < c->nevents; i++)
		if (c->events[i].day > 0 && (c->last == RM_NO_INDEX ||
		    c->events[i].day >= c->events[c->last].day))
			c->last = i;
}

/* ---- Stream callbacks --------------------------------------------------------- */

/* The document element must be our <customers>, of a version we know. */
static int
on_root(void *arg, xmlDoc *doc, xmlNode *root, const struct rm_xml_locs *locs)
{
	struct reader *r = arg;
	struct rm_pos pos;
	const xmlAttr *a;
	const char *v;
	char q[QUOTE_MAX + 4];

	(void)doc;
	r->locs = locs;
	pos = where(r, root);
	if (!rm_xml_is(root, NS, "customers")) {
		rm_error(r->diag, pos, "root element is <%s>%s%s%s, expected "
		    "<customers xmlns=\"" NS "\">", (const char *)root->name,
		    root->ns != NULL ? " in namespace '" : "",
		    root->ns != NULL ? (const char *)root->ns->href : "",
		    root->ns != NULL ? "'" : " in no namespace");
		return RAMIFY_EINPUT;
	}
	r->root_ns = root->ns;
	if (attr(r, root, "version", &v) == 1 && strcmp(v, VERSION) != 0) {
		rm_error(r->diag, pos, "unsupported customers version '%s' (this "
		    "reader knows version " VERSION ")", quote(v, q));
		return RAMIFY_EINPUT;
	}
	for (a = root->properties; a != NULL; a = a->next)
		if ((a->ns == NULL && strcmp((const char *)a->name,
		    "version") != 0 && strcmp((const char *)a->name,
		    "currency") != 0) || (a->ns != NULL &&
		    a->ns->href != NULL && strcmp((const char *)a->ns->href,
		    NS) == 0))
			rm_error(r->diag, pos, "unknown attribute '%s' on "
			    "<customers>", (const char *)a->name);
	if (rm_xml_has_attr(root, "currency")) {
		r->data->currency = currency_attr(r, root);
		r->base_given = r->data->currency != NULL;
		r->base_pos = pos;
	}
	if (rm_xml_attr(r->diag, locs, &r->scratch, root, XML_NS, "lang",
	    &v) == 1 && *v != '\0' &&
	    (r->data->lang = rm_strdup(&r->data->arena, v)) == NULL)
		return RAMIFY_ENOMEM;
	return r->nomem ? RAMIFY_ENOMEM : RAMIFY_OK;
}

/*
 * The shape of top-level element `el`: the names (and namespaces) of its
 * elements in document order with their depth, and the names of their
 * attributes, into r->shape.  Text and attribute values are not in it,
 * nor what is inside elements of other namespaces (the schema takes
 * anything there).
 */
static void
shape_of(struct reader *r, const xmlNode *el)
{
	const xmlNode *n, *p;
	const xmlAttr *a;
	GString *s = r->shape;

	g_string_truncate(s, 0);
	for (n = el; n != NULL; n = rm_xml_next(n, el, ours(r, n))) {
		for (p = n; p != el; p = p->parent)
			g_string_append_c(s, '>');
		if (!ours(r, n))
			g_string_append_printf(s, "{%s}", n->ns != NULL &&
			    n->ns->href != NULL ? (const char *)n->ns->href : "");
		g_string_append(s, (const char *)n->name);
		for (a = n->properties; a != NULL; a = a->next) {
			g_string_append_c(s, a->ns == NULL ? '@' : '%');
			if (a->ns != NULL && a->ns->href != NULL)
				g_string_append_printf(s, "{%s}",
				    (const char *)a->ns->href);
			g_string_append(s, (const char *)a->name);
		}
		g_string_append_c(s, ' ');
	}
}

/*
 * The schema's verdict on the document as it stands (the root and the
 * top-level element `el`).  libxml2 validates each distinct shape of
 * element once: a customer whose shape has already been found valid
 * needs no second run, because the schema's verdict depends only on the
 * shape and on values the reader has already checked as strictly (the
 * words of type, stage, team, attitude, channel and thanks, `per`,
 * currency codes, the version); everything else the schema takes as
 * text.  100 000 generated customers come in a few hundred shapes.
 */
static int
schema_check(struct reader *r, xmlDoc *doc, const xmlNode *el)
{
	int rc;

	shape_of(r, el);
	if (g_hash_table_contains(r->valid_shapes, r->shape->str))
		return RAMIFY_OK;
	rc = rm_xml_schema_check(r->schema, r->diag, doc, r->locs);
	if (rc == RAMIFY_OK)
		g_hash_table_add(r->valid_shapes, g_strdup(r->shape->str));
	return rc;
}

/* Is top-level element `el` (rule `rid`) in its place?  Reports when
 * not. */
static int
check_part(struct reader *r, const xmlNode *el, int rid)
{
	static const int order[R_COUNT] = { [R_TITLE] = 1, [R_RATES] = 2,
	    [R_PLAN] = 3, [R_CUSTOMER] = 4 };
	int k = rid >= 0 ? order[rid] - 1 : -1;

	if (k < 0) {
		rm_error(r->diag, where(r, el), ours(r, el) ?
		    "unknown element <%s> in <customers>" : "element <%s> from "
		    "another namespace in <customers>", (const char *)el->name);
		return 0;
	}
	if (k < r->part || (k == r->part && k < 3)) {
		if (k == r->part)
			rm_error(r->diag, where(r, el), "second <%s>: a file has "
			    "at most one", parts[k]);
		else
			rm_error(r->diag, where(r, el), "<%s> must come before "
			    "the <%s> elements (order: <title>, <rates>, <plan>, "
			    "then the customers)", parts[k], parts[r->part]);
		return 0;
	}
	r->part = k;
	return 1;
}

static int
on_child(void *arg, xmlDoc *doc, xmlNode *n, const struct rm_xml_locs *locs)
{
	struct reader *r = arg;
	int rc, rid;

	r->locs = locs;
	if (n->type == XML_TEXT_NODE || n->type == XML_ENTITY_REF_NODE) {
		if (n->type == XML_ENTITY_REF_NODE ||
		    !blank((const char *)n->content))
			rm_error(r->diag, where(r, xmlDocGetRootElement(doc)),
			    "unexpected text in <customers> (it holds only "
			    "elements)");
		return RAMIFY_OK;
	}
	if (n->type != XML_ELEMENT_NODE)
		goto out;
	rid = rule_of(r, n);
	if (!check_part(r, n, rid) || check_structure(r, n, rid) > 0)
		goto out;
	if (rid == R_TITLE)
		read_title(r, n);
	else if (rid == R_RATES)
		read_rates(r, n);
	else if (rid == R_PLAN)
		read_plan(r, n);
	else
		read_customer(r, n);
	if (r->nomem)
		return RAMIFY_ENOMEM;
	/* The schema's opinion on this element, in the document as it
	 * stands: the root and this one child.  A second opinion: only
	 * while ours found nothing anywhere. */
	if (r->diag->nerrors == 0 && (rc = schema_check(r, doc, n)) != RAMIFY_OK &&
	    rc != RAMIFY_EINPUT)
		return rc;
out:
	rm_arena_free(&r->scratch);
	if (r->diag->nerrors >= MAX_ERRORS) {
		rm_error(r->diag, (struct rm_pos){0, 0}, "too many errors; "
		    "giving up");
		return RAMIFY_EINPUT;
	}
	return r->nomem ? RAMIFY_ENOMEM : RAMIFY_OK;
}

/* ---- The whole file ------------------------------------------------------------ */

/* Referrals point at a customer of the file, and go round in no circle.
 * Each customer has at most one referrer, so following referrers from
 * any customer either ends or enters one cycle: colour as we go. */
static void
check_referrals(struct reader *r)
{
	struct ramify_data *d = r->data;
	unsigned char *state;	/* 0 new, 1 on the current path, 2 done */
	size_t i, j, k;
	char q[QUOTE_MAX + 4], q2[QUOTE_MAX + 4];

	for (i = 0; i < d->n; i++) {
		struct rm_customer *c = &d->cs[i];
		size_t ref;

		if (c->referred_by == NULL || c->id == NULL)
			continue;
		ref = GPOINTER_TO_SIZE(g_hash_table_lookup(d->ids,
		    c->referred_by));
		if (ref == 0)
			rm_error(r->diag, c->ref_pos, "customer '%s' is referred "
			    "by '%s', which is not a customer in this file",
			    quote(c->id, q), quote(c->referred_by, q2));
		else
			c->referrer = ref - 1;
	}
	if ((state = calloc(d->n + 1, 1)) == NULL) {
		r->nomem = 1;
		return;
	}
	for (i = 0; i < d->n; i++) {
		if (state[i] != 0)
			continue;
		for (j = i; j != RM_NO_INDEX && state[j] == 0;
		    j = d->cs[j].referrer)
			state[j] = 1;
		if (j != RM_NO_INDEX && state[j] == 1) {
			/* j is on a cycle that this path entered. */
			GString *msg = g_string_new(NULL);
			size_t len = 0;

			k = j;
			do {
				if (len++ < 8)
					g_string_append_printf(msg, "%s -> ",
					    quote(d->cs[k].id, q));
				else if (len == 9)
					g_string_append(msg, "... -> ");
				k = d->cs[k].referrer;
			} while (k != j);
			g_string_append(msg, quote(d->cs[j].id, q));
			rm_error(r->diag, d->cs[j].ref_pos, "referral cycle: %s "
			    "(each was referred by the next)", msg->str);
			g_string_free(msg, TRUE);
			/* Break it, so that later walks end. */
			for (k = j; state[k] == 1; ) {
				size_t next = d->cs[k].referrer;

				state[k] = 2;
				d->cs[k].referrer = RM_NO_INDEX;
				if (next == RM_NO_INDEX)
					break;
				k = next;
			}
		}
		for (j = i; j != RM_NO_INDEX && state[j] == 1;
		    j = d->cs[j].referrer)
			state[j] = 2;
	}
	free(state);
}

/* ---- Public API ------------------------------------------------------------------ */

int
ramify_data_sniff(const void *buf, size_t len)
{
	return rm_data_sniff(buf, len) > 0;
}

void
ramify_data_free(ramify_data *d)
{
	if (d == NULL)
		return;
	if (d->ids != NULL)
		g_hash_table_destroy(d->ids);
	if (d->strings != NULL)
		g_hash_table_destroy(d->strings);
	free(d->cs);
	rm_arena_free(&d->arena);
	free(d);
}

size_t
ramify_data_count(const ramify_data *d)
{
	return d->n;
}

int
ramify_data_read(const void *buf, size_t len, const char *name,
    const ramify_options *o, ramify_data **out)
{
	ramify_options *tmp = NULL;
	struct rm_diag diag = { 0 };
	struct ramify_data *d = NULL;
	struct reader r;
	struct rm_xml_locs *locs = NULL;
	xmlDoc *xdoc = NULL;
	xmlNode *root;
	int rc;

	*out = NULL;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = name != NULL ? name : "<input>";
	memset(&r, 0, sizeof r);
	if (len > RM_MAX_INPUT) {
		rm_error(&diag, (struct rm_pos){0, 0},
		    "input is larger than %zu MiB", RM_MAX_INPUT >> 20);
		rc = RAMIFY_ELIMIT;
		goto out;
	}
	if ((d = calloc(1, sizeof *d)) == NULL ||
	    (d->file = rm_strdup(&d->arena, diag.file)) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	diag.file = d->file;
	d->ids = g_hash_table_new(g_str_hash, g_str_equal);
	d->strings = g_hash_table_new(g_str_hash, g_str_equal);
	r.diag = &diag;
	r.data = d;
	r.fold = g_string_new(NULL);
	r.shape = g_string_new(NULL);
	r.valid_shapes = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	r.part = -1;
	if ((rc = rm_xml_schema_new(&diag, rm_schema_customers, &r.schema)) !=
	    RAMIFY_OK)
		goto out;
	rc = rm_xml_parse_stream(&diag, buf, len, on_root, on_child, &r, &xdoc,
	    &locs);
	if (rc == RAMIFY_OK) {
		r.locs = locs;
		root = xmlDocGetRootElement(xdoc);
		/* What follows the last element, then the root alone (its
		 * attributes) through the schema. */
		while (rc == RAMIFY_OK && root->children != NULL) {
			xmlNode *c = root->children;

			rc = c->type == XML_ELEMENT_NODE ? RAMIFY_OK :
			    on_child(&r, xdoc, c, locs);
			xmlUnlinkNode(c);
			xmlFreeNode(c);
		}
		if (rc == RAMIFY_OK && diag.nerrors == 0)
			rc = rm_xml_schema_check(r.schema, &diag, xdoc, locs);
		if (rc == RAMIFY_OK || rc == RAMIFY_EINPUT)
			check_referrals(&r);
		if (r.nomem)
			rc = RAMIFY_ENOMEM;
	}
	if (rc == RAMIFY_OK && diag.nerrors > 0)
		rc = RAMIFY_EINPUT;
out:
	rm_xml_free(xdoc, locs);
	rm_xml_schema_free(r.schema);
	rm_arena_free(&r.scratch);
	if (r.fold != NULL)
		g_string_free(r.fold, TRUE);
	if (r.shape != NULL)
		g_string_free(r.shape, TRUE);
	if (r.valid_shapes != NULL)
		g_hash_table_destroy(r.valid_shapes);
	if (rc == RAMIFY_OK)
		*out = d;
	else
		ramify_data_free(d);
	ramify_options_free(tmp);
	return rc;
}
