/*
 * test_report.c: the JSON report (ramify report -t json) against an
 * independent calculation.  The test makes its own portfolios from raw
 * integers (amounts in cents, a month or a year, in EUR, NOK or USD,
 * referrals, interactions, a contact plan), writes them as customer XML,
 * lets the library read and analyse them, parses the JSON with jansson,
 * and recomputes every figure here a different way: currency conversion
 * from rational rates, ranking with an insertion sort, shares and classes
 * from running sums, gold counts by counting, dates with the civil
 * calendar arithmetic below (not GLib), referral totals by walking up
 * from each customer.  Nothing here calls the code under test except to
 * produce the report.
 */
#include <glib.h>
#include <jansson.h>

#include "util.h"

#define N_MAX	600

struct cust {
	char	 id[32];
	long long cents;	/* as written, -1: no value */
	int	 month;		/* a month (else a year) */
	int	 cur;		/* 0 EUR, 1 NOK, 2 USD */
	int	 lost;
	int	 network;	/* category network */
	int	 referrer;	/* index, -1 none */
	int	 nlast;		/* interactions */
	int	 y[3], m[3], d[3];
	/* Expected. */
	long long value;	/* a year, in 1/10000 EUR */
};

static struct cust cs[N_MAX];
static int n;
static unsigned long long rng;

static unsigned
rnd(unsigned k)
{
	rng = rng * 2862933555777941757ULL + 3037000493ULL;
	return (unsigned)((rng >> 33) % k);
}

/* ---- Calendar arithmetic, independent of GLib ------------------------------- */

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
mdays(int y, int m)
{
	static const int t[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : t[m - 1];
}

/* Days since 1970-01-01 (the civil-from-days inverse, by eras). */
static long
days(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
add_months(int *y, int *m, int *d, int k)
{
	*m += k;
	while (*m > 12) {
		*m -= 12;
		(*y)++;
	}
	if (*d > mdays(*y, *m))
		*d = mdays(*y, *m);
}

static void
add_days(int *y, int *m, int *d, int k)
{
	while (k-- > 0)
		if (++*d > mdays(*y, *m)) {
			*d = 1;
			if (++*m > 12) {
				*m = 1;
				(*y)++;
			}
		}
}

/* ---- Making a portfolio --------------------------------------------------------- */

/* `mode`: 0 random, 1 every value equal, 2 no values at all. */
static void
make(unsigned seed, int count, int mode, GString *xml)
{
	int i, k;

	rng = seed;
	n = count;
	g_string_assign(xml, "<customers xmlns=\"urn:ramify:customers:1\" "
	    "currency=\"EUR\">\n<rates><rate currency=\"NOK\" value=\"0.0850\"/>"
	    "<rate currency=\"USD\" value=\"0.92\"/></rates>\n<plan>"
	    "<rule type=\"lost\"/><rule class=\"A\" every=\"P1M\"/>"
	    "<rule category=\"network\" every=\"P14D\"/><rule every=\"P3M\"/>"
	    "</plan>\n");
	for (i = 0; i < n; i++) {
		struct cust *c = &cs[i];

		memset(c, 0, sizeof *c);
		/* Ids whose order is not the file's. */
		snprintf(c->id, sizeof c->id, "c%03u-%d", rnd(1000), i);
		c->lost = rnd(8) == 0;
		c->network = rnd(10) == 0;
		c->month = rnd(2);
		c->cur = rnd(5) == 0 ? 1 + (int)rnd(2) : 0;
		if (mode == 1)
			c->lost = c->month = c->cur = 0;
		if (mode == 1)
			c->cents = 12345;
		else if (mode == 2 || c->lost || rnd(6) == 0)
			c->cents = -1;
		else if (rnd(10) == 0)
			c->cents = 0;
		else
			/* A skewed spread: most small, a few big. */
			c->cents = (long long)rnd(100000) * (rnd(10) == 0 ?
			    1000 : rnd(3) == 0 ? 10 : 1) + rnd(100);
		c->referrer = i > 0 && rnd(4) == 0 ? (int)rnd((unsigned)i) : -1;
		c->nlast = (int)rnd(4);
		for (k = 0; k < c->nlast; k++) {
			c->y[k] = 2025 + (int)rnd(2);
			c->m[k] = 1 + (int)rnd(12);
			c->d[k] = 1 + (int)rnd((unsigned)mdays(c->y[k], c->m[k]));
		}
		g_string_append_printf(xml, "<customer id=\"%s\"><name>N%d</name>",
		    c->id, i);
		if (c->lost)
			g_string_append(xml, "<type>lost</type>");
		if (c->network)
			g_string_append(xml, "<category>network</category>");
		if (c->cents >= 0)
			g_string_append_printf(xml, "<value per=\"%s\"%s>%lld.%02lld"
			    "</value>", c->month ? "month" : "year",
			    c->cur == 1 ? " currency=\"NOK\"" : c->cur == 2 ?
			    " currency=\"USD\"" : "", c->cents / 100, c->cents % 100);
		if (c->referrer >= 0)
			g_string_append_printf(xml, "<referred-by ref=\"%s\"/>",
			    cs[c->referrer].id);
		for (k = 0; k < c->nlast; k++)
			g_string_append_printf(xml, "<interaction date=\"%04d-%02d-"
			    "%02d\" channel=\"call\"/>", c->y[k], c->m[k], c->d[k]);
		g_string_append(xml, "</customer>\n");
	}
	g_string_append(xml, "</customers>\n");
}

/* ---- The expected figures ---------------------------------------------------- */

/* 1/10000 as "12.50", "12.505", "12.5051": at least two decimals. */
static void
money(long long v, char *buf, size_t size)
{
	char frac[8];
	int k;

	snprintf(frac, sizeof frac, "%04lld", v % 10000);
	for (k = 3; k >= 2 && frac[k] == '0'; k--)
		frac[k] = '\0';
	snprintf(buf, size, "%lld.%s", v / 10000, frac);
}

/* part/total in percent with 4 decimals, halves up, as text. */
static void
share(long long part, long long total, char *buf, size_t size)
{
	unsigned __int128 q = 0;

	if (total > 0 && part > 0)
		q = ((unsigned __int128)part * 1000000 + (unsigned long long)total
		    / 2) / (unsigned long long)total;
	snprintf(buf, size, "%llu.%04llu", (unsigned long long)(q / 10000),
	    (unsigned long long)(q % 10000));
}

static const char *
jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	assert_non_null(v);
	return json_is_null(v) ? NULL : json_string_value(v);
}

static void
check(const char *what, const GString *xml)
{
	ramify_options *o = ramify_options_new();
	struct diags d = { "", 0 };
	ramify_data *data = NULL;
	struct buf b = { 0 };
	json_t *root, *arr, *obj;
	json_error_t err;
	int order[N_MAX], i, j, k, paying = 0, g10 = 0, g20 = 0, overdue = 0;
	long long total = 0, before = 0;
	long today = days(2026, 11, 23);
	char exp[64];

	ramify_options_set_diag(o, diags_cb, &d);
	assert_int_equal(ramify_options_set(o, "today", "2026-11-23"), RAMIFY_OK);
	if (ramify_data_read(xml->str, xml->len, what, o, &data) != RAMIFY_OK)
		fail_msg("%s: %s", what, d.text);
	assert_int_equal(ramify_report_write(data, "json", o, buf_write, &b),
	    RAMIFY_OK);
	root = json_loads(b.data, 0, &err);
	if (root == NULL)
		fail_msg("%s: JSON: %s at %d", what, err.text, err.line);

	/* Values: cents to 1/10000, a year, then the rate as a fraction. */
	for (i = 0; i < n; i++) {
		struct cust *c = &cs[i];
		long long y = c->cents < 0 ? 0 : c->cents * 100 * (c->month ? 12 : 1);

		c->value = c->cur == 0 ? y : c->cur == 1 ?
		    (y * 850 + 5000) / 10000 : (y * 92 + 50) / 100;
		total += c->value;
		paying += c->value > 0;
	}
	/* Rank: insertion sort, value down, then id (byte order). */
	for (i = 0; i < n; i++) {
		for (j = i; j > 0 && (cs[order[j - 1]].value < cs[i].value ||
		    (cs[order[j - 1]].value == cs[i].value &&
		    strcmp(cs[order[j - 1]].id, cs[i].id) > 0)); j--)
			order[j] = order[j - 1];
		order[j] = i;
	}
	while (g10 * 10 < paying)
		g10++;
	while (g20 * 5 < paying)
		g20++;

	money(total, exp, sizeof exp);
	assert_string_equal(jstr(root, "total_value"), exp);
	assert_int_equal(json_integer_value(json_object_get(root, "paying_count")),
	    paying);
	assert_int_equal(json_integer_value(json_object_get(root,
	    "customers_count")), n);
	arr = json_object_get(root, "customers");
	assert_int_equal(json_array_size(arr), n);
	for (k = 0; k < n; k++) {
		struct cust *c = &cs[order[k]];
		const char *cls;
		int y, m, dd, r, nb = 0, direct = 0;
		long long brought = 0;
		long due;

		obj = json_array_get(arr, (size_t)k);
		assert_string_equal(jstr(obj, "id"), c->id);
		money(c->value, exp, sizeof exp);
		assert_string_equal(jstr(obj, "value"), exp);
		assert_int_equal(json_integer_value(json_object_get(obj, "rank")),
		    k + 1);
		share(c->value, total, exp, sizeof exp);
		assert_string_equal(jstr(obj, "share"), exp);
		share(before + c->value, total, exp, sizeof exp);
		assert_string_equal(jstr(obj, "cumulative_share"), exp);
		cls = c->value <= 0 ? "C" : before * 100 < 80 * total ? "A" :
		    before * 100 < 95 * total ? "B" : "C";
		assert_string_equal(jstr(obj, "abc"), cls);
		before += c->value;
		assert_int_equal(json_is_true(json_object_get(obj, "gold10")),
		    c->value > 0 && k < g10);
		assert_int_equal(json_is_true(json_object_get(obj, "gold20")),
		    c->value > 0 && k < g20);

		/* The plan: lost: none; A: a month; network: 14 days; else
		 * 3 months, from the latest interaction. */
		y = m = dd = 0;
		for (j = 0; j < c->nlast; j++)
			if (y == 0 || days(c->y[j], c->m[j], c->d[j]) >
			    days(y, m, dd)) {
				y = c->y[j];
				m = c->m[j];
				dd = c->d[j];
			}
		if (y == 0)
			assert_null(jstr(obj, "last_contact"));
		else {
			snprintf(exp, sizeof exp, "%04d-%02d-%02d", y, m, dd);
			assert_string_equal(jstr(obj, "last_contact"), exp);
		}
		if (c->lost || y == 0) {
			assert_null(jstr(obj, "next_due"));
			assert_true(json_is_null(json_object_get(obj,
			    "overdue_days")));
		} else {
			if (cls[0] == 'A')
				add_months(&y, &m, &dd, 1);
			else if (c->network)
				add_days(&y, &m, &dd, 14);
			else
				add_months(&y, &m, &dd, 3);
			snprintf(exp, sizeof exp, "%04d-%02d-%02d", y, m, dd);
			assert_string_equal(jstr(obj, "next_due"), exp);
			due = days(y, m, dd);
			assert_int_equal(json_integer_value(json_object_get(obj,
			    "overdue_days")), today > due ? today - due : 0);
			overdue += today > due;
		}

		/* Referrals: walk up from every customer. */
		for (j = 0; j < n; j++) {
			direct += cs[j].referrer == order[k];
			for (r = cs[j].referrer; r >= 0; r = cs[r].referrer)
				if (r == order[k]) {
					nb++;
					brought += cs[j].value;
					break;
				}
		}
		if (c->referrer < 0)
			assert_null(jstr(obj, "referred_by"));
		else
			assert_string_equal(jstr(obj, "referred_by"),
			    cs[c->referrer].id);
		assert_int_equal(json_integer_value(json_object_get(obj,
		    "referrals")), direct);
		assert_int_equal(json_integer_value(json_object_get(obj,
		    "referred_customers")), nb);
		money(brought, exp, sizeof exp);
		assert_string_equal(jstr(obj, "referred_value"), exp);
	}
	assert_int_equal(json_integer_value(json_object_get(json_object_get(root,
	    "plan"), "overdue")), overdue);
	json_decref(root);
	buf_free(&b);
	ramify_data_free(data);
	ramify_options_free(o);
}

static void
test_random_portfolios(void **state)
{
	GString *xml = g_string_new(NULL);
	unsigned seed;

	(void)state;
	for (seed = 1; seed <= 6; seed++) {
		make(seed, seed == 1 ? 1 : seed == 2 ? 7 : 500, 0, xml);
		check("random", xml);
	}
	g_string_free(xml, TRUE);
}

/* Every value equal: the order is the ids', and classes split by it;
 * with 40 customers the 33rd starts exactly at 80 % (it is B) and the
 * 39th exactly at 95 % (C). */
static void
test_all_equal(void **state)
{
	GString *xml = g_string_new(NULL);

	(void)state;
	make(42, 40, 1, xml);
	check("equal", xml);
	g_string_free(xml, TRUE);
}

/* No values at all: a total of 0, everyone C, nobody gold. */
static void
test_no_values(void **state)
{
	GString *xml = g_string_new(NULL);

	(void)state;
	make(7, 30, 2, xml);
	check("none", xml);
	g_string_free(xml, TRUE);
}

/* The same data and options give the same bytes; another "today" moves
 * only the dates' figures. */
static void
test_deterministic(void **state)
{
	GString *xml = g_string_new(NULL);
	ramify_options *o = ramify_options_new();
	ramify_data *data;
	struct buf a = { 0 }, b = { 0 }, c = { 0 };
	const char *fmts[] = { "json", "text", "md" };
	size_t i;

	(void)state;
	make(3, 200, 0, xml);
	ramify_options_set(o, "today", "2026-11-23");
	assert_int_equal(ramify_data_read(xml->str, xml->len, "x", o, &data),
	    RAMIFY_OK);
	for (i = 0; i < 3; i++) {
		assert_int_equal(ramify_report_write(data, fmts[i], o, buf_write,
		    &a), RAMIFY_OK);
		assert_int_equal(ramify_report_write(data, fmts[i], o, buf_write,
		    &b), RAMIFY_OK);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		buf_free(&a);
		buf_free(&b);
	}
	ramify_options_set(o, "today", "2027-01-01");
	assert_int_equal(ramify_report_write(data, "json", o, buf_write, &c),
	    RAMIFY_OK);
	assert_non_null(strstr(c.data, "\"today\": \"2027-01-01\""));
	buf_free(&c);
	/* A failing writer: RAMIFY_EIO, and no more calls after it. */
	c.fail_after = 1;
	assert_int_equal(ramify_report_write(data, "json", o, buf_write, &c),
	    RAMIFY_EIO);
	assert_int_equal(c.writes, 1);
	buf_free(&c);
	assert_int_equal(ramify_report_write(data, "pdf", o, buf_write, &c),
	    RAMIFY_EUSAGE);
	ramify_data_free(data);
	ramify_options_free(o);
	g_string_free(xml, TRUE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_random_portfolios),
		cmocka_unit_test(test_all_equal),
		cmocka_unit_test(test_no_values),
		cmocka_unit_test(test_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
