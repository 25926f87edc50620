/*
 * test_customers.c: the customer data reader (src/customers.c), the
 * streaming parser under it (src/xml.c), links, queries, cards and
 * portfolio maps (src/link.c).  The reports' figures are checked against
 * an independent calculation in test_report.c; exact error messages are
 * in the .err files of tests/customers/bad.
 */
#include <glib.h>
#include <libxml/parser.h>

#include "util.h"
#include "internal.h"
#include "xml.h"

#define HEAD	"<customers xmlns=\"urn:ramify:customers:1\" currency=\"EUR\">"

/* Read `text` as customer data, diagnostics into `d`. */
static ramify_data *
read_data(const char *text, size_t len, struct diags *d, int *rc)
{
	ramify_options *o = ramify_options_new();
	ramify_data *data = NULL;

	memset(d, 0, sizeof *d);
	ramify_options_set_diag(o, diags_cb, d);
	ramify_options_set(o, "today", "2026-11-23");
	*rc = ramify_data_read(text, len, "test", o, &data);
	ramify_options_free(o);
	return data;
}

static ramify_data *
read_ok(const char *text)
{
	struct diags d;
	int rc;
	ramify_data *data = read_data(text, strlen(text), &d, &rc);

	if (rc != RAMIFY_OK)
		fprintf(stderr, "%s", d.text);
	assert_int_equal(rc, RAMIFY_OK);
	assert_non_null(data);
	assert_int_equal(d.errors, 0);
	return data;
}

/* ---- Money, shares, dates -------------------------------------------------- */

static void
test_decimal_parse(void **state)
{
	static const struct {
		const char	*in;
		int		 rc;
		int64_t		 v;
	} cases[] = {
		{ "0", 0, 0 }, { "12", 0, 120000 }, { "12.5", 0, 125000 },
		{ "12.50", 0, 125000 }, { "12.3456", 0, 123456 },
		{ "0.0001", 0, 1 }, { "0000012.5", 0, 125000 },
		{ "9999999999999.9999", 0, 99999999999999999LL },
		{ "10000000000000", -2, 0 }, { "12.34567", -1, 0 },
		{ "", -1, 0 }, { ".5", -1, 0 }, { "5.", -1, 0 }, { "-5", -1, 0 },
		{ "+5", -1, 0 }, { "1,000", -1, 0 }, { "1e5", -1, 0 },
		{ " 5", -1, 0 }, { "5 ", -1, 0 }, { "0x10", -1, 0 },
		{ "1.2.3", -1, 0 },
	};
	size_t i;
	int64_t v;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = -7;
		assert_int_equal(rm_decimal_parse(cases[i].in, RM_MONEY_DIGITS, 4,
		    &v), cases[i].rc);
		if (cases[i].rc == 0)
			assert_true(v == cases[i].v);
	}
	/* Rates: 9 digits and 8 decimals. */
	assert_int_equal(rm_decimal_parse("0.08765432", 9, 8, &v), 0);
	assert_true(v == 8765432);
	assert_int_equal(rm_decimal_parse("0.087654321", 9, 8, &v), -1);
	assert_int_equal(rm_decimal_parse("1234567890", 9, 8, &v), -2);
}

static void
test_money_text(void **state)
{
	char b[RM_NUM_BUF];

	(void)state;
	assert_string_equal(rm_money_str(0, 1, b), "0.00");
	assert_string_equal(rm_money_str(12345000, 1, b), "1,234.50");
	assert_string_equal(rm_money_str(12345000, 0, b), "1234.50");
	assert_string_equal(rm_money_str(12345050, 1, b), "1,234.505");
	assert_string_equal(rm_money_str(12345051, 1, b), "1,234.5051");
	assert_string_equal(rm_money_str(1, 1, b), "0.0001");
	assert_string_equal(rm_money_str(-12345000, 1, b), "-1,234.50");
	assert_string_equal(rm_money_str(INT64_MAX, 1, b),
	    "922,337,203,685,477.5807");
	assert_string_equal(rm_money_units(12345000, b), "1,235");
	assert_string_equal(rm_money_units(12344999, b), "1,234");
	assert_string_equal(rm_money_units(10000000000000LL, b), "1,000,000,000");
	/* Shares: integers all the way, halves up. */
	assert_string_equal(rm_share_str(1, 3, 4, b), "33.3333");
	assert_string_equal(rm_share_str(2, 3, 4, b), "66.6667");
	assert_string_equal(rm_share_str(1, 8, 2, b), "12.50");
	assert_string_equal(rm_share_str(1, 800, 2, b), "0.13");
	assert_string_equal(rm_share_str(5, 5, 1, b), "100.0");
	assert_string_equal(rm_share_str(0, 5, 2, b), "0.00");
	assert_string_equal(rm_share_str(5, 0, 2, b), "0.00");
	assert_string_equal(rm_share_str(INT64_MAX, INT64_MAX, 6, b),
	    "100.000000");
	assert_string_equal(rm_share_str(1, INT64_MAX, 6, b), "0.000000");
	assert_string_equal(rm_cutoff_str(800000, b), "80");
	assert_string_equal(rm_cutoff_str(825000, b), "82.5");
	assert_string_equal(rm_cutoff_str(1000000, b), "100");
}

static void
test_dates(void **state)
{
	char b[16];
	int32_t d;

	(void)state;
	assert_int_not_equal(d = rm_date_parse("2024-02-29"), 0);
	assert_string_equal(rm_date_str(d, b), "2024-02-29");
	assert_string_equal(rm_date_str(rm_date_add(d, 1, 'Y'), b),
	    "2025-02-28");
	assert_string_equal(rm_date_str(rm_date_add(d, 4, 'Y'), b),
	    "2028-02-29");
	d = rm_date_parse("2026-01-31");
	assert_string_equal(rm_date_str(rm_date_add(d, 1, 'M'), b),
	    "2026-02-28");
	assert_string_equal(rm_date_str(rm_date_add(d, 2, 'M'), b),
	    "2026-03-31");
	assert_string_equal(rm_date_str(rm_date_add(d, 2, 'W'), b),
	    "2026-02-14");
	assert_string_equal(rm_date_str(rm_date_add(d, 30, 'D'), b),
	    "2026-03-02");
	assert_int_equal(rm_date_parse("2026-11-23") - rm_date_parse("2025-11-23"),
	    365);
	assert_int_equal(rm_date_parse("0001-01-01"), 1);
	assert_int_not_equal(rm_date_parse("9999-12-31"), 0);
	/* Past 9999: no date. */
	assert_int_equal(rm_date_add(rm_date_parse("9999-12-31"), 1, 'D'), 0);
	assert_int_equal(rm_date_parse("2023-02-29"), 0);
	assert_int_equal(rm_date_parse("1900-02-29"), 0);
	assert_int_not_equal(rm_date_parse("2000-02-29"), 0);
	assert_int_equal(rm_date_parse("0000-01-01"), 0);
	assert_int_equal(rm_date_parse("2026-00-10"), 0);
	assert_int_equal(rm_date_parse("2026-1-10"), 0);
	assert_int_equal(rm_date_parse("2026-01-10T00:00"), 0);
	assert_int_equal(rm_date_parse("2026/01/10"), 0);
	assert_int_equal(rm_date_parse("２026-01-10"), 0);
	assert_string_equal(rm_date_str(0, b), "");
}

/* ---- Reading --------------------------------------------------------------- */

static void
test_read_fields(void **state)
{
	ramify_data *d = read_ok(HEAD
	    "<title> Portfolio </title>"
	    "<rates><rate currency=\"NOK\" value=\"0.085\"/></rates>"
	    "<plan><rule class=\"A\" every=\"P3M\" how=\"visit\"/>"
	    "<rule type=\"lost\"/></plan>"
	    "<customer id=\"c1\"><name>  Nordlys\n  Shipping  AS </name>"
	    "<type>key</type><stage>loyalty</stage>"
	    "<owner team=\"success\">Ingrid Berg</owner><category>large</category>"
	    "<city>Bergen</city><since>2017-03-01</since>"
	    "<value per=\"month\" currency=\"NOK\">10000</value><credit>AA</credit>"
	    "<attitude>brand-preferring</attitude><source>fair</source>"
	    "<referred-by ref=\"c2\"/><reason>Speed</reason><reason>Support</reason>"
	    "<dealbreaker>Price</dealbreaker>"
	    "<contact name=\"Marit\" role=\"Buyer\" email=\"m@x.example\"/>"
	    "<thanks date=\"2026-06-18\" how=\"gift\">Box</thanks>"
	    "<interaction date=\"2026-10-28\" channel=\"visit\">Walk</interaction>"
	    "<interaction date=\"2026-08-12\" channel=\"meeting\"/>"
	    "<next date=\"2026-12-02\" channel=\"meeting\">Frame</next>"
	    "<note>Decides in January.</note></customer>"
	    "<customer id=\"c2\"><name>Fjord</name><owner/></customer>"
	    "</customers>");
	const struct rm_customer *c = &d->cs[0];

	(void)state;
	assert_int_equal(ramify_data_count(d), 2);
	assert_string_equal(d->title, "Portfolio");
	assert_string_equal(d->currency, "EUR");
	assert_int_equal(d->nrates, 1);
	assert_true(d->rates[0].rate == 8500000);
	assert_int_equal(d->nrules, 2);
	assert_int_equal(d->rules[0].cls, 'A');
	assert_int_equal(d->rules[0].count, 3);
	assert_int_equal(d->rules[0].unit, 'M');
	assert_int_equal(d->rules[0].how, RM_CH_VISIT);
	assert_int_equal(d->rules[1].type, RM_TYPE_LOST);
	assert_int_equal(d->rules[1].count, 0);
	assert_string_equal(c->id, "c1");
	assert_string_equal(c->name, "Nordlys Shipping AS");
	assert_int_equal(c->type, RM_TYPE_KEY);
	assert_int_equal(c->stage, RM_STAGE_LOYALTY);
	assert_int_equal(c->team, RM_TEAM_SUCCESS);
	assert_int_equal(c->attitude, RM_ATT_BRAND);
	assert_string_equal(c->owner, "Ingrid Berg");
	assert_string_equal(c->category, "large");
	assert_string_equal(c->city, "Bergen");
	assert_string_equal(c->credit, "AA");
	assert_string_equal(c->source, "fair");
	assert_string_equal(c->note, "Decides in January.");
	/* 10000 NOK a month = 120000 NOK a year = 10200 EUR. */
	assert_int_equal(c->per, 1);
	assert_string_equal(c->currency, "NOK");
	assert_true(c->amount == 100000000);
	assert_true(c->value == 102000000);
	assert_int_equal(c->referrer, 1);
	assert_int_equal(c->nreasons, 2);
	assert_string_equal(c->reasons[1], "Support");
	assert_int_equal(c->nbreakers, 1);
	assert_int_equal(c->ncontacts, 1);
	assert_string_equal(c->contacts[0].role, "Buyer");
	assert_null(c->contacts[0].phone);
	assert_int_equal(c->nthanks, 1);
	assert_int_equal(c->thanks[0].how, 3);	/* gift */
	assert_int_equal(c->nevents, 2);
	/* The latest interaction, whatever the order in the file. */
	assert_int_equal(c->last, 0);
	assert_int_equal(c->events[1].how, RM_CH_MEETING);
	assert_string_equal(c->events[1].text, "");
	assert_int_equal(c->next.day, rm_date_parse("2026-12-02"));
	assert_int_equal(c->since, rm_date_parse("2017-03-01"));
	/* Strings that repeat are kept once. */
	assert_ptr_equal(d->cs[0].currency, d->rates[0].currency);
	assert_null(d->cs[1].owner);
	assert_int_equal(d->cs[1].referrer, RM_NO_INDEX);
	assert_int_equal(d->cs[1].last, RM_NO_INDEX);
	ramify_data_free(d);
}

/* Errors are located and all reported; nothing is returned. */
static void
test_read_errors(void **state)
{
	struct diags d;
	ramify_data *data;
	int rc;
	static const char bad[] = HEAD
	    "<customer id=\"a\"><name>A</name><value per=\"year\">1,5</value>"
	    "</customer>\n"
	    "<customer id=\"a\"><name>B</name><referred-by ref=\"zz\"/></customer>\n"
	    "</customers>";

	(void)state;
	data = read_data(bad, strlen(bad), &d, &rc);
	assert_null(data);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_string_equal(d.text,
	    "1:89: error: invalid amount '1,5' (expected a decimal number such "
	    "as 1250 or 1250.50: digits, a point, at most 4 decimals)\n"
	    "2:1: error: duplicate customer id 'a' (first used at 1:58)\n");
	/* The schema agrees with the reader: a valid file passes both, and
	 * what only the schema would see does not slip through. */
	data = read_data(HEAD "</customers>", strlen(HEAD "</customers>"), &d,
	    &rc);
	assert_int_equal(rc, RAMIFY_OK);
	ramify_data_free(data);
	/* Empty input, not XML, a map. */
	data = read_data("", 0, &d, &rc);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_string_equal(d.text, "1:1: error: document is empty\n");
	data = read_data("<map xmlns=\"urn:ramify:map:1\"/>", 31, &d, &rc);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_null(data);
	/* A very long id is quoted short in messages. */
	{
		GString *s = g_string_new(HEAD);
		size_t i;

		g_string_append(s, "<customer id=\"x");
		for (i = 0; i < 5000; i++)
			g_string_append(s, "é");
		g_string_append(s, "\"><name>n</name><referred-by ref=\"y\"/>"
		    "</customer></customers>");
		data = read_data(s->str, s->len, &d, &rc);
		assert_int_equal(rc, RAMIFY_EINPUT);
		assert_true(strlen(d.text) < 300);
		assert_non_null(strstr(d.text, "...'"));
		g_string_free(s, TRUE);
	}
}

/* So many errors stop the reader at 100. */
static void
test_too_many_errors(void **state)
{
	GString *s = g_string_new(HEAD);
	struct diags d;
	ramify_data *data;
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < 1000; i++)
		g_string_append(s, "<customer id=\"a\"><name>x</name></customer>\n");
	g_string_append(s, "</customers>");
	data = read_data(s->str, s->len, &d, &rc);
	assert_null(data);
	assert_int_equal(rc, RAMIFY_EINPUT);
	assert_int_equal(d.errors, 101);
	assert_non_null(strstr(d.text, "too many errors; giving up"));
	g_string_free(s, TRUE);
}

/* Referral chains and cycles of any length, without recursion. */
static void
test_long_referral_chain(void **state)
{
	const size_t n = 100000;
	GString *s = g_string_new(HEAD);
	struct diags d;
	ramify_data *data;
	struct rm_analysis a;
	ramify_options *o = ramify_options_new();
	struct rm_diag diag = { 0 };
	struct buf b = { 0 };
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < n; i++) {
		g_string_append_printf(s, "<customer id=\"c%zu\"><name>n</name>"
		    "<value per=\"year\">1</value>", i);
		if (i > 0)
			g_string_append_printf(s, "<referred-by ref=\"c%zu\"/>",
			    i - 1);
		g_string_append(s, "</customer>\n");
	}
	g_string_append(s, "</customers>");
	data = read_data(s->str, s->len, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	ramify_options_set(o, "today", "2026-11-23");
	assert_int_equal(rm_analyse(data, o, &diag, &a), RAMIFY_OK);
	assert_int_equal(a.st[0].nbrought, n - 1);
	assert_true(a.st[0].brought == (int64_t)(n - 1) * RM_MONEY_SCALE);
	assert_int_equal(a.st[0].nreferred, 1);
	assert_int_equal(a.st[n - 2].nbrought, 1);
	rm_analysis_free(&a);
	/* The text report draws the tree, indenting no deeper than 8. */
	assert_int_equal(ramify_report_write(data, "text", o, buf_write, &b),
	    RAMIFY_OK);
	assert_non_null(strstr(b.data, "(level 99999) n (c99999)"));
	buf_free(&b);
	ramify_data_free(data);

	/* The same, closed into a cycle: one error, not a hang. */
	g_string_truncate(s, 0);
	g_string_append(s, HEAD);
	for (i = 0; i < n; i++)
		g_string_append_printf(s, "<customer id=\"c%zu\"><name>n</name>"
		    "<referred-by ref=\"c%zu\"/></customer>\n", i,
		    (i + 1) % n);
	g_string_append(s, "</customers>");
	data = read_data(s->str, s->len, &d, &rc);
	assert_null(data);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.text, "referral cycle: c0 -> c1 -> c2"));
	assert_non_null(strstr(d.text, "-> ... -> c0"));
	g_string_free(s, TRUE);
	ramify_options_free(o);
}

/* Values that add up past int64 are an error, not a wrong total. */
static void
test_overflow(void **state)
{
	GString *s = g_string_new(HEAD);
	struct diags d;
	ramify_data *data;
	ramify_options *o = ramify_options_new();
	struct buf b = { 0 };
	size_t i;
	int rc;

	(void)state;
	for (i = 0; i < 8; i++)
		g_string_append_printf(s, "<customer id=\"c%zu\"><name>n</name>"
		    "<value per=\"month\">9999999999999.9999</value></customer>", i);
	g_string_append(s, "</customers>");
	data = read_data(s->str, s->len, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	ramify_options_set_diag(o, diags_cb, &d);
	memset(&d, 0, sizeof d);
	assert_int_equal(ramify_report_write(data, "json", o, buf_write, &b),
	    RAMIFY_ELIMIT);
	assert_non_null(strstr(d.text, "the values add up to more than"));
	buf_free(&b);
	ramify_data_free(data);
	g_string_free(s, TRUE);
	ramify_options_free(o);
}

/* Streaming gives every element the position a whole-tree parse gives,
 * in every encoding the lexer reads. */
struct positions {
	struct rm_pos	 pos[64];
	size_t		 n;
};

static int
collect(void *arg, xmlDoc *doc, xmlNode *n, const struct rm_xml_locs *locs)
{
	struct positions *p = arg;
	xmlNode *e;

	(void)doc;
	if (n->type != XML_ELEMENT_NODE)
		return RAMIFY_OK;
	for (e = n; e != NULL; e = rm_xml_next(e, n, 1))
		if (p->n < 64)
			p->pos[p->n++] = rm_xml_pos(locs, e);
	return RAMIFY_OK;
}

static void
same_positions(const char *buf, size_t len)
{
	struct rm_diag diag = { 0 };
	struct positions sp = { { { 0, 0 } }, 0 };
	struct rm_xml_locs *locs;
	xmlDoc *doc;
	xmlNode *root, *n;
	size_t k = 0;

	assert_int_equal(rm_xml_parse(&diag, buf, len, &doc, &locs), RAMIFY_OK);
	root = xmlDocGetRootElement(doc);
	sp.pos[sp.n++] = rm_xml_pos(locs, root);
	rm_xml_free(doc, locs);
	/* The root's position comes from `start`; the rest from `child`. */
	assert_int_equal(rm_xml_parse_stream(&diag, buf, len, NULL, collect,
	    &sp, &doc, &locs), RAMIFY_OK);
	assert_int_equal(rm_xml_pos(locs, xmlDocGetRootElement(doc)).line,
	    sp.pos[0].line);
	assert_int_equal(rm_xml_pos(locs, xmlDocGetRootElement(doc)).col,
	    sp.pos[0].col);
	rm_xml_free(doc, locs);
	assert_int_equal(rm_xml_parse(&diag, buf, len, &doc, &locs), RAMIFY_OK);
	root = xmlDocGetRootElement(doc);
	for (n = root; n != NULL; n = rm_xml_next(n, root, 1), k++) {
		struct rm_pos p = rm_xml_pos(locs, n);

		assert_true(k < sp.n);
		assert_int_equal(p.line, sp.pos[k].line);
		assert_int_equal(p.col, sp.pos[k].col);
	}
	assert_int_equal(k, sp.n);
	rm_xml_free(doc, locs);
}

static void
test_stream_positions(void **state)
{
	static const char utf8[] =
	    "\xef\xbb\xbf<?xml version=\"1.0\"?>\r\n<!-- <not> a tag -->\r\n"
	    "<r a=\"x>y\"><![CDATA[<no>]]><é/>\r\n  <b\r\n c='1'>"
	    "<?pi <x>?><c/>å<d/></b><e>text</e></r>";
	static const char latin1[] =
	    "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n"
	    "<r>\xe5\xe5<a/>\n\xe9<b/></r>";
	char utf16[512];
	size_t i, n = 0;
	const char *src = "<?xml version=\"1.0\"?>\n<r>\n <a/><b>\xc3\xa5"
	    "</b>\n <c><d/></c></r>";

	(void)state;
	same_positions(utf8, sizeof utf8 - 1);
	same_positions(latin1, sizeof latin1 - 1);
	/* UTF-16LE with a byte order mark (ASCII and one two-byte char). */
	utf16[n++] = (char)0xff;
	utf16[n++] = (char)0xfe;
	for (i = 0; src[i] != '\0'; i++) {
		if ((unsigned char)src[i] == 0xc3) {
			utf16[n++] = (char)0xe5;
			utf16[n++] = 0;
			i++;
			continue;
		}
		utf16[n++] = src[i];
		utf16[n++] = 0;
	}
	same_positions(utf16, n);
}

/* A customer file in UTF-16 reads like the same file in UTF-8. */
static void
test_utf16_data(void **state)
{
	const char *src = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n" HEAD
	    "<customer id=\"c1\"><name>Bj\xc3\xb8rn</name>"
	    "<value per=\"year\">12</value></customer></customers>";
	char buf[1024];
	size_t i, n = 0;
	struct diags d;
	ramify_data *data;
	int rc;

	(void)state;
	buf[n++] = (char)0xfe;
	buf[n++] = (char)0xff;
	for (i = 0; src[i] != '\0'; i++) {
		if ((unsigned char)src[i] == 0xc3) {
			buf[n++] = 0;
			buf[n++] = (char)0xf8;	/* U+00F8 */
			i++;
			continue;
		}
		buf[n++] = 0;
		buf[n++] = src[i];
	}
	data = read_data(buf, n, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	assert_string_equal(data->cs[0].name, "Bj\xc3\xb8rn");
	assert_true(data->cs[0].value == 120000);
	ramify_data_free(data);
	assert_true(ramify_data_sniff(buf, n));
}

static void
test_sniff(void **state)
{
	(void)state;
	assert_true(ramify_data_sniff(HEAD, strlen(HEAD)));
	assert_true(ramify_data_sniff("<?xml version=\"1.0\"?><!-- x -->"
	    "<c:customers xmlns:c=\"urn:ramify:customers:1\"/>", 76));
	assert_false(ramify_data_sniff("<customers/>", 12));
	assert_false(ramify_data_sniff("<map xmlns=\"urn:ramify:map:1\"/>", 31));
	assert_false(ramify_data_sniff("<customers xmlns=\"urn:ramify:map:1\"/>",
	    37));
	assert_false(ramify_data_sniff("", 0));
	/* Maps are not taken for data, nor data for a map. */
	assert_null(ramify_format_sniff(HEAD, strlen(HEAD)));
}

/* ---- Links, queries, cards ------------------------------------------------------ */

static const char link_data[] = HEAD
    "<plan><rule class=\"A\" every=\"P1M\" how=\"visit\"/></plan>"
    "<customer id=\"K1\"><name>Kappa</name><type>key</type>"
    "<owner team=\"success\">Ingrid</owner><value per=\"year\">900</value>"
    "<interaction date=\"2026-10-28\" channel=\"visit\">ok</interaction>"
    "<next date=\"2026-12-02\" channel=\"meeting\"/></customer>"
    "<customer id=\"K2\"><name>Lambda</name><value per=\"year\">100</value>"
    "<type>lost</type></customer>"
    "<customer id=\"K3\"><name>Mu</name><value per=\"year\">100</value>"
    "<interaction date=\"2026-01-01\" channel=\"call\"/></customer>"
    "</customers>";

static ramify_doc *
link_map(const char *map, const ramify_data *data, struct diags *d, int *rc)
{
	ramify_options *o = ramify_options_new();
	ramify_doc *doc;

	ramify_options_set(o, "today", "2026-11-23");
	doc = parse("ramify", map, d);
	assert_non_null(doc);
	ramify_options_set_diag(o, diags_cb, d);
	*rc = ramify_doc_link_data(doc, data, o);
	ramify_options_free(o);
	return doc;
}

static void
test_cards(void **state)
{
	ramify_data *data = read_ok(link_data);
	struct diags d;
	ramify_doc *doc;
	const struct ramify_topic *a, *b;
	const struct rm_card *c;
	size_t notes;
	int rc;

	(void)state;
	doc = link_map("<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
	    "<topic text=\"a\"><customer ref=\"K1\"/></topic>"
	    "<topic text=\"b\"><customer ref=\"K1\"/><customer ref=\"K2\"/>"
	    "<customer ref=\"K3\"/></topic></topic></map>", data, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	a = doc->root->first;
	b = a->next;
	c = rm_topic_card(a, 0);
	assert_non_null(c);
	assert_null(rm_topic_card(a, 1));
	assert_null(rm_topic_card(doc->root, 0));
	assert_string_equal(c->id, "K1");
	assert_string_equal(c->name, "Kappa");
	assert_int_equal(c->abc, 'A');
	assert_int_equal(c->rank, 1);
	assert_string_equal(c->value, "EUR 900 a year");
	assert_string_equal(c->owner, "Ingrid, success");
	assert_string_equal(c->last, "2026-10-28, visit");
	assert_string_equal(c->next, "2026-12-02, meeting");
	/* Due 2026-11-28, planned 2026-12-02: late; not overdue yet. */
	assert_int_equal(c->flags, RM_CARD_LATE | RM_CARD_GOLD10 |
	    RM_CARD_GOLD20);
	assert_true(c->nfields > 5);
	assert_string_equal(c->fields[0].label, "Class");
	/* One card per customer, shared: the same note on both topics. */
	assert_ptr_equal(rm_topic_card(b, 0), c);
	assert_int_equal(a->nnotes, 1);
	assert_int_equal(b->nnotes, 3);
	assert_int_equal(a->notes[0], b->notes[0]);
	assert_string_equal(doc->notes[c->note].key, "card-K1");
	assert_non_null(strstr(doc->notes[c->note].text, "Contact due: "
	    "2026-11-28 (every P1M by visit): on time; the planned contact is "
	    "later"));
	c = rm_topic_card(b, 1);
	assert_int_equal(c->flags, RM_CARD_LOST | RM_CARD_NEVER);
	assert_null(c->owner);
	assert_null(c->last);
	assert_null(c->next);
	c = rm_topic_card(b, 2);
	/* K3 is B (900 of 1100 before it: 81.8 %), so no rule: no due date. */
	assert_int_equal(c->abc, 'B');
	assert_int_equal(c->flags, 0);
	/* Linked again: cards refreshed, not added. */
	notes = doc->nnotes;
	{
		ramify_options *o = ramify_options_new();

		ramify_options_set(o, "today", "2026-12-24");
		assert_int_equal(ramify_doc_link_data(doc, data, o), RAMIFY_OK);
		ramify_options_free(o);
	}
	assert_int_equal(doc->nnotes, notes);
	assert_int_equal(a->nnotes, 1);
	c = rm_topic_card(a, 0);
	assert_int_equal(c->flags & RM_CARD_OVERDUE, RM_CARD_OVERDUE);
	assert_int_equal(c->overdue, 26);
	assert_non_null(strstr(doc->notes[c->note].text, "OVERDUE by 26 days"));
	ramify_doc_free(doc);
	/* The doc keeps its cards after the data is gone. */
	doc = link_map("<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
	    "<customer ref=\"K1\"/></topic></map>", data, &d, &rc);
	ramify_data_free(data);
	assert_string_equal(rm_topic_card(doc->root, 0)->name, "Kappa");
	ramify_doc_free(doc);
}

/* What a drawn card shows and where: card.c's lines, with the measure
 * the layout uses. */
static void
test_card_drawn(void **state)
{
	ramify_data *data = read_ok(link_data);
	struct rm_style st;
	struct rm_card_box box;
	struct rm_text *tx;
	struct diags d;
	ramify_doc *doc;
	const struct ramify_topic *a, *b;
	double w, h, w2, h2;
	int rc;

	(void)state;
	doc = link_map("<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
	    "<topic text=\"Kappa\"><customer ref=\"K1\"/></topic>"
	    "<topic text=\"b\"><customer ref=\"K1\"/>"
	    "<customer ref=\"K2\"/></topic></topic></map>", data, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	rm_style_init(&st, NULL);
	assert_false(st.no_cards);
	tx = rm_text_new(&st, doc);
	assert_non_null(tx);
	a = doc->root->first;
	b = a->next;

	/* The topic says the name: the head is the value. */
	rm_card_layout(tx, &st, rm_topic_card(a, 0), a->text, &box);
	assert_int_equal(box.abc, 'A');
	assert_string_equal(box.head, "EUR 900 a year");
	assert_string_equal(box.body, "#1 \xc2\xb7 top 10 %\nIngrid, success\n"
	    "Last  2026-10-28, visit\nNext  2026-12-02, meeting");
	assert_string_equal(box.warn, "next contact late");
	/* Everything inside the panel, in reading order. */
	assert_true(box.w > 0 && box.h > 0);
	assert_true(box.chip_x + box.chip_d < box.head_x);
	assert_true(box.head_y < box.body_y && box.body_y < box.warn_y);
	assert_true(box.warn_y + box.warn_h < box.h);
	assert_true(box.warn_x + box.warn_w < box.w);

	/* Another text: the head is the name, the value goes below. */
	rm_card_layout(tx, &st, rm_topic_card(b, 0), b->text, &box);
	assert_string_equal(box.head, "Kappa");
	assert_memory_equal(box.body, "EUR 900 a year\n", 15);
	/* A lost customer never contacted. */
	rm_card_layout(tx, &st, rm_topic_card(b, 1), b->text, &box);
	assert_string_equal(box.warn, "Lost \xc2\xb7 never contacted");
	assert_non_null(strstr(box.body, "Last  \xe2\x80\x94"));

	/* Two cards stack; the topic's measure grows by them. */
	rm_cards_size(tx, &st, a, &w, &h);
	rm_cards_size(tx, &st, b, &w2, &h2);
	assert_true(h > 0 && h2 > h * 1.5);
	{
		struct rm_text_parts p;

		rm_text_parts(tx, b, &p);
		assert_true(p.card_h == h2 && p.card_w == w2);
		assert_true(p.card_y >= p.text_y + p.text_h);
		assert_true(p.h >= p.card_y + p.card_h);
	}
	/* --no-cards: none drawn, none measured. */
	st.no_cards = 1;
	rm_cards_size(tx, &st, b, &w2, &h2);
	assert_true(w2 == 0 && h2 == 0);
	rm_text_free(tx);
	ramify_doc_free(doc);
	ramify_data_free(data);
}

static void
test_queries(void **state)
{
	ramify_data *data = read_ok(link_data);
	struct diags d;
	ramify_doc *doc;
	const struct ramify_topic *t, *k;
	int rc;

	(void)state;
	doc = link_map("<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
	    "<topic text=\"x\"><topic text=\"own child\"/>"
	    "<query select=\"value &gt;= 100 and not(type='lost')\" "
	    "sort=\"name\" each=\"{id}: {value} ({share}, {abc})\" "
	    "summary=\"{count} of {matched}: {sum} = {share} of {total}\" "
	    "limit=\"5\"/></topic>"
	    "<topic text=\"y\"><query sort=\"-last_contact\" limit=\"2\"/></topic>"
	    "</topic></map>", data, &d, &rc);
	assert_int_equal(rc, RAMIFY_OK);
	t = doc->root->first;
	assert_string_equal(t->text, "2 of 2: EUR 1,000 = 90.9 % of EUR 1,100");
	assert_null(t->query);
	k = t->first;
	assert_string_equal(k->text, "own child");
	k = k->next;
	assert_string_equal(k->text, "K1: EUR 900 (81.8 %, A)");
	assert_int_equal(k->nrecords, 1);
	assert_non_null(rm_topic_card(k, 0));
	k = k->next;
	assert_string_equal(k->text, "K3: EUR 100 (9.1 %, B)");
	assert_null(k->next);
	/* No select: everyone; no each or summary: names.  Sorted by last
	 * contact, latest first; K2 has none and comes last; limit 2. */
	t = t->next;
	assert_string_equal(t->text, "y");
	assert_string_equal(t->first->text, "Kappa");
	assert_string_equal(t->first->next->text, "Mu");
	assert_null(t->first->next->next);
	ramify_doc_free(doc);

	/* A costly query stops at its budget instead of running for hours. */
	{
		GString *s = g_string_new(HEAD);
		ramify_data *big;
		size_t i;

		for (i = 0; i < 3000; i++)
			g_string_append_printf(s, "<customer id=\"c%zu\"><name>n"
			    "</name></customer>", i);
		g_string_append(s, "</customers>");
		big = read_ok(s->str);
		doc = link_map("<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
		    "<query select=\"count(//customer[count(//customer) &gt; "
		    "count(//name)]) = 0\"/></topic></map>", big, &d, &rc);
		assert_int_equal(rc, RAMIFY_EINPUT);
		assert_non_null(strstr(d.text, "too costly"));
		ramify_doc_free(doc);
		ramify_data_free(big);
		g_string_free(s, TRUE);
	}
	ramify_data_free(data);
}

static void
test_portfolio(void **state)
{
	ramify_data *data = read_ok(link_data);
	ramify_options *o = ramify_options_new();
	struct diags d;
	ramify_doc *doc;
	const struct ramify_topic *t;

	(void)state;
	ramify_options_set(o, "today", "2026-11-23");
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_OK);
	/* Root, class A and B groups, stage groups, three customers. */
	assert_int_equal(ramify_doc_count(doc), 1 + 2 + 2 + 3);
	t = doc->root->first;
	assert_string_equal(t->text, "Class A\n1 customer · EUR 900 · 81.8 %");
	assert_string_equal(t->first->text, "(none)\n1 customer · EUR 900 · "
	    "81.8 %");
	/* The card says the rest. */
	assert_string_equal(t->first->first->text, "Kappa");
	assert_non_null(rm_topic_card(t->first->first, 0));
	assert_int_equal(doc->nmap_notes, 1);
	ramify_doc_free(doc);
	/* Without cards drawn, the topic says it. */
	ramify_options_set(o, "no-cards", NULL);
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_OK);
	assert_string_equal(doc->root->first->first->first->text,
	    "Kappa\nEUR 900 · Ingrid\nlast contact 2026-10-28");
	ramify_doc_free(doc);
	ramify_options_set(o, "group-by", "none");
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_OK);
	assert_int_equal(ramify_doc_count(doc), 1 + 3);
	ramify_doc_free(doc);
	ramify_options_set(o, "group-by", "gold,type,team,owner");
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_OK);
	assert_string_equal(doc->root->first->text, "Gold: top 10 %\n1 customer "
	    "· EUR 900 · 81.8 %");
	ramify_doc_free(doc);
	ramify_options_set_diag(o, diags_cb, &d);
	memset(&d, 0, sizeof d);
	ramify_options_set(o, "group-by", "abc,colour");
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_EUSAGE);
	assert_null(doc);
	assert_non_null(strstr(d.text, "unknown --group-by field 'colour'"));
	ramify_options_set(o, "group-by", "abc,stage,type,team,owner");
	assert_int_equal(ramify_portfolio_new(data, o, &doc), RAMIFY_EUSAGE);
	ramify_options_free(o);
	ramify_data_free(data);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_parse),
		cmocka_unit_test(test_money_text),
		cmocka_unit_test(test_dates),
		cmocka_unit_test(test_read_fields),
		cmocka_unit_test(test_read_errors),
		cmocka_unit_test(test_too_many_errors),
		cmocka_unit_test(test_long_referral_chain),
		cmocka_unit_test(test_overflow),
		cmocka_unit_test(test_stream_positions),
		cmocka_unit_test(test_utf16_data),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_cards),
		cmocka_unit_test(test_card_drawn),
		cmocka_unit_test(test_queries),
		cmocka_unit_test(test_portfolio),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
