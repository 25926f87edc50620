/*
 * gen_customers.c: a deterministic generator of customer data files
 * (urn:ramify:customers:1, docs/CUSTOMERS.md) for tests and benchmarks.
 *
 *   gen_customers N SEED [TODAY]    writes N customers to standard output
 *
 * The same N, SEED and TODAY (default 2026-11-23) give the same bytes on
 * every machine: GLib's GRand is a Mersenne Twister with a documented
 * seeding, and no floating point reaches the output except through
 * integer amounts.
 *
 * What it makes looks like a real portfolio: company names from several
 * countries, a few key accounts and many small ones (values follow a
 * Pareto law, so about a fifth of the customers bring most of the
 * money), potential customers without a value, lost customers with the
 * reasons they left, owners by team, referrals from earlier customers
 * (never a cycle), a history of visits, calls and e-mails, and a contact
 * plan per A/B/C class.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#define N(a)	(sizeof (a) / sizeof (a)[0])

static GRand *rnd;

static unsigned
pick(unsigned n)
{
	return (unsigned)g_rand_int_range(rnd, 0, (gint32)n);
}

/* Index into `w` (weights summing to anything) chosen by weight. */
static unsigned
weighted(const unsigned *w, unsigned n)
{
	unsigned i, sum = 0, r;

	for (i = 0; i < n; i++)
		sum += w[i];
	r = pick(sum);
	for (i = 0; i < n; i++) {
		if (r < w[i])
			return i;
		r -= w[i];
	}
	return n - 1;
}

/* ---- Names ------------------------------------------------------------- */

static const char *const en_first[] = {
	"Harbour", "Greenfield", "Northgate", "Kingsway", "Riverside",
	"Oakwood", "Brightwater", "Summit", "Ashford", "Meridian", "Redbrook",
	"Westmoor", "Highland", "Silverline", "Clearview", "Stonebridge",
};
static const char *const en_trade[] = {
	"Logistics", "Dental Practice", "Engineering", "Foods", "Printing",
	"Hotels", "Builders", "Pharmacy", "Software", "Garden Centre",
	"Consulting", "Bakery", "Motors", "Interiors", "Medical Supplies",
};
static const char *const en_form[] = { "Ltd", "plc", "& Sons", "Group", "LLP" };

static const char *const no_first[] = {
	"Nordlys", "Fjord", "Vestland", "Bergen", "Lofoten", "Trønder",
	"Solvik", "Havbris", "Fjellheim", "Storhaug", "Østmark", "Sjøsiden",
};
static const char *const no_trade[] = {
	"Shipping", "Bakeri", "Rør", "Elektro", "Fisk", "Transport", "Regnskap",
	"Bygg", "Tannlegesenter", "Handel", "Verksted", "Hotell",
};

static const char *const nl_first[] = {
	"Van Dijk", "De Vries", "Bakker", "Jansen", "Visser", "Smit",
	"De Gouden Koe", "Hollands Glorie", "Mulder", "Van der Berg", "Dekker",
};
static const char *const nl_trade[] = {
	"Installatietechniek", "Transport", "Bouw", "Drukkerij", "Bloemen",
	"Accountants", "Metaalbewerking", "Horeca", "Tandartsen", "Zuivel",
};

static const char *const zh_first[] = {
	"恒通", "华信", "宏达", "金桥", "东方", "瑞丰", "鼎盛", "新源", "联创", "汇丰源",
};
static const char *const zh_city[] = { "上海", "深圳", "杭州", "苏州", "成都", "广州" };
static const char *const zh_trade[] = {
	"贸易", "物流", "电子", "机械", "食品", "包装", "科技", "建材",
};

static const char *const cities[][2] = {
	{ "en", "London" }, { "en", "Leeds" }, { "en", "Bristol" },
	{ "en", "Manchester" }, { "no", "Bergen" }, { "no", "Oslo" },
	{ "no", "Tromsø" }, { "no", "Trondheim" }, { "nl", "Utrecht" },
	{ "nl", "Rotterdam" }, { "nl", "Eindhoven" }, { "nl", "Groningen" },
};

/* A company name and its city, by country: English, Norwegian, Dutch,
 * Chinese in the proportions 4:3:2:1. */
static void
company(char *buf, size_t size, const char **city)
{
	static const unsigned w[] = { 4, 3, 2, 1 };
	unsigned c = weighted(w, N(w)), i;

	switch (c) {
	case 0:
		snprintf(buf, size, "%s %s %s", en_first[pick(N(en_first))],
		    en_trade[pick(N(en_trade))], en_form[pick(N(en_form))]);
		break;
	case 1:
		snprintf(buf, size, "%s %s AS", no_first[pick(N(no_first))],
		    no_trade[pick(N(no_trade))]);
		break;
	case 2:
		snprintf(buf, size, "%s %s B.V.", nl_first[pick(N(nl_first))],
		    nl_trade[pick(N(nl_trade))]);
		break;
	default:
		i = pick(N(zh_city));
		snprintf(buf, size, "%s%s%s有限公司", zh_city[i],
		    zh_first[pick(N(zh_first))], zh_trade[pick(N(zh_trade))]);
		*city = zh_city[i];
		return;
	}
	do
		i = pick(N(cities));
	while (strcmp(cities[i][0], c == 0 ? "en" : c == 1 ? "no" : "nl") != 0);
	*city = cities[i][1];
}

static const char *const people[][2] = {
	{ "sales", "Kari Nordmann" }, { "sales", "Tom Becker" },
	{ "sales", "Sanne de Boer" }, { "sales", "Li Wei" },
	{ "service", "Ole Hansen" }, { "service", "Emma Clarke" },
	{ "service", "Zhang Min" }, { "success", "Ingrid Berg" },
	{ "success", "Pieter Visser" }, { "success", "Grace Okafor" },
	{ "marketing", "Lucas Jansen" }, { "marketing", "Amira Haddad" },
};

static const char *const contacts_first[] = {
	"Anna", "Erik", "Sofie", "James", "Mei", "Lars", "Fleur", "Daniel",
	"Nora", "Chen", "Hanna", "Oliver", "Ruth", "Jonas", "Yan", "Iris",
};
static const char *const contacts_last[] = {
	"Olsen", "Smith", "de Jong", "Wang", "Lie", "Brown", "Meijer", "Liu",
	"Dahl", "Taylor", "Kuiper", "Chen", "Moe", "Evans",
};
static const char *const roles[] = {
	"Head of purchasing", "Managing director", "Office manager",
	"Operations lead", "Finance controller", "Owner",
};

static const char *const reasons[] = {
	"Speed of delivery", "Post-sales support", "Fair prices",
	"Product quality", "Personal contact with the account manager",
	"Flexible payment terms", "Local stock", "Training for their staff",
};
static const char *const breakers[] = {
	"Prices too high", "Quality problems", "Late deliveries",
	"Slow answers to complaints", "A competitor's offer",
	"No contact for a long time", "Billing errors",
};
static const char *const sources[] = {
	"referral", "trade fair", "website", "cold call", "LinkedIn",
	"advertisement", "partner", "tender",
};
static const char *const credits[] = { "AAA", "AA", "A", "BBB", "BB", "B" };

static const char *const outcomes[][4] = {
	/* visit */	{ "Walked the site; they want a quote for the new line",
			  "Met the new buyer; good first impression",
			  "Reviewed last year's orders; volume steady",
			  "Showed the new catalogue; samples requested" },
	/* meeting */	{ "Quarterly review; renewal agreed in principle",
			  "Workshop on their plans for next year",
			  "Negotiated the frame agreement",
			  "Introduced our service team" },
	/* call */	{ "Checked in; no issues", "Asked about the delivery schedule",
			  "Follow-up on the offer; decision next month",
			  "Invited them to the customer day" },
	/* e-mail */	{ "Sent the new price list", "Sent the newsletter",
			  "Confirmed the order", "Sent the survey" },
	/* hotline */	{ "Helped with an installation question",
			  "Solved a login problem", "Explained the invoice",
			  "Arranged a replacement part" },
	/* complaint */	{ "Late delivery; credit note issued",
			  "Damaged goods; replaced within a week",
			  "Invoice error; corrected",
			  "Unhappy with response time; escalated" },
};
static const char *const channels[] = {
	"visit", "meeting", "call", "e-mail", "hotline", "complaint"
};

/* ---- Dates -------------------------------------------------------------- */

static void
date_str(const GDate *d, char *buf, size_t size)
{
	snprintf(buf, size, "%04u-%02u-%02u", g_date_get_year(d),
	    (unsigned)g_date_get_month(d), g_date_get_day(d));
}

/* `today` minus up to `days` days, as text. */
static void
days_ago(const GDate *today, unsigned days, char *buf, size_t size)
{
	GDate d = *today;

	g_date_subtract_days(&d, days);
	date_str(&d, buf, size);
}

/* ---- Output ------------------------------------------------------------- */

static void
put_text(const char *s)
{
	for (; *s != '\0'; s++)
		switch (*s) {
		case '&': fputs("&amp;", stdout); break;
		case '<': fputs("&lt;", stdout); break;
		case '>': fputs("&gt;", stdout); break;
		case '"': fputs("&quot;", stdout); break;
		default: putchar(*s);
		}
}

static void
element(const char *name, const char *text)
{
	printf("    <%s>", name);
	put_text(text);
	printf("</%s>\n", name);
}

/* Monthly value in cents: a Pareto law (alpha 1.16, the 80/20 rule)
 * from 150.00 a month, capped at 400 000.00. */
static long long
pareto_cents(void)
{
	double u = 1.0 - g_rand_double(rnd), v = 150.0 / pow(u, 1.0 / 1.16);

	if (v > 400000.0)
		v = 400000.0;
	return llround(v * 100.0);
}

/* Days back, the most first: oldest interaction first in the file. */
static int
later_first(const void *a, const void *b)
{
	unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;

	return x > y ? -1 : x < y;
}

struct cust {
	int	 type;		/* 0 potential, 1 existing, 2 key, 3 lost */
	long long cents;	/* per month, in EUR; 0 none */
};

static const char *const types[] = { "potential", "existing", "key", "lost" };

int
main(int argc, char **argv)
{
	static const unsigned type_w[] = { 18, 62, 5, 15 };
	static const unsigned chan_w[] = { 10, 8, 30, 35, 10, 7 };
	struct cust *cs;
	unsigned long n, i, k, seed;
	unsigned back[8];
	char name[160], when[16], buf[64];
	const char *city = "", *team, *person;
	GDate today;
	char *end;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: gen_customers N SEED [YYYY-MM-DD]\n");
		return 2;
	}
	n = strtoul(argv[1], &end, 10);
	if (*end != '\0' || n == 0 || n > 10000000) {
		fprintf(stderr, "gen_customers: N must be 1..10000000\n");
		return 2;
	}
	seed = strtoul(argv[2], &end, 10);
	if (*end != '\0') {
		fprintf(stderr, "gen_customers: SEED must be a number\n");
		return 2;
	}
	g_date_clear(&today, 1);
	g_date_set_parse(&today, argc == 4 ? argv[3] : "2026-11-23");
	if (!g_date_valid(&today) || (argc == 4 && strlen(argv[3]) != 10)) {
		fprintf(stderr, "gen_customers: TODAY must be YYYY-MM-DD\n");
		return 2;
	}
	rnd = g_rand_new_with_seed((guint32)seed);
	if ((cs = calloc(n, sizeof *cs)) == NULL) {
		fprintf(stderr, "gen_customers: out of memory\n");
		return 1;
	}

	printf("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<customers xmlns=\"urn:ramify:customers:1\" version=\"1\" "
	    "currency=\"EUR\" xml:lang=\"en\">\n"
	    "  <title>Generated portfolio (%lu customers, seed %lu)</title>\n"
	    "  <rates>\n"
	    "    <rate currency=\"NOK\" value=\"0.0850\"/>\n"
	    "    <rate currency=\"USD\" value=\"0.9200\"/>\n"
	    "  </rates>\n"
	    "  <plan>\n"
	    "    <rule type=\"lost\"/>\n"
	    "    <rule type=\"potential\" every=\"P2M\" how=\"call\"/>\n"
	    "    <rule class=\"A\" every=\"P1M\" how=\"visit\"/>\n"
	    "    <rule category=\"network\" every=\"P1M\" how=\"meeting\"/>\n"
	    "    <rule class=\"B\" every=\"P3M\" how=\"call\"/>\n"
	    "    <rule class=\"C\" every=\"P6M\" how=\"e-mail\"/>\n"
	    "  </plan>\n", n, seed);

	for (i = 0; i < n; i++) {
		struct cust *c = &cs[i];
		unsigned nint, p, ch;
		const char *stage;

		c->type = (int)weighted(type_w, N(type_w));
		if (c->type == 1 || c->type == 2) {
			c->cents = pareto_cents();
			/* Key accounts are the big ones. */
			if (c->type == 2)
				c->cents = c->cents * 8 + 500000;
		}
		company(name, sizeof name, &city);
		printf("  <customer id=\"C%06lu\">\n", i + 1);
		element("name", name);
		printf("    <type>%s</type>\n", types[c->type]);
		switch (c->type) {
		case 0: stage = pick(2) ? "awareness" : "consideration"; break;
		case 1: stage = (const char *[]){ "purchase", "use", "use",
			    "loyalty" }[pick(4)]; break;
		case 2: stage = pick(3) ? "loyalty" : "use"; break;
		default: stage = "churned"; break;
		}
		printf("    <stage>%s</stage>\n", stage);
		/* Marketing looks after prospects and lost customers, success
		 * after key accounts, sales and service after the rest. */
		do {
			p = pick(N(people));
			team = people[p][0];
			person = people[p][1];
		} while ((c->type == 0 || c->type == 3) ?
		    strcmp(team, "sales") != 0 && strcmp(team, "marketing") != 0 :
		    c->type == 2 ? strcmp(team, "success") != 0 :
		    strcmp(team, "sales") != 0 && strcmp(team, "service") != 0);
		printf("    <owner team=\"%s\">%s</owner>\n", team, person);
		printf("    <category>%s</category>\n", pick(12) == 0 ? "network" :
		    c->cents > 2000000 ? "large" : c->cents > 200000 ? "medium" :
		    "small");
		element("city", city);
		if (c->type != 0) {
			days_ago(&today, 200 + pick(3000), when, sizeof when);
			printf("    <since>%s</since>\n", when);
		}
		if (c->cents > 0) {
			/* A few customers pay in NOK or USD, some quote a year. */
			unsigned cur = pick(50);
			long long v = c->cents;
			const char *per = "month";

			if (pick(4) == 0) {
				v *= 12;
				per = "year";
			}
			if (cur == 0) {
				v = v * 10000 / 850;
				printf("    <value per=\"%s\" currency=\"NOK\">", per);
			} else if (cur == 1) {
				v = v * 100 / 92;
				printf("    <value per=\"%s\" currency=\"USD\">", per);
			} else
				printf("    <value per=\"%s\">", per);
			printf("%lld.%02lld</value>\n", v / 100, v % 100);
			printf("    <credit>%s</credit>\n", credits[pick(N(credits))]);
			printf("    <attitude>%s</attitude>\n", c->type == 2 ||
			    pick(3) == 0 ? "loyal" : pick(2) ? "brand-preferring" :
			    "not-loyal");
		}
		element("source", sources[pick(N(sources))]);
		/* About one in six came through an earlier customer, more
		 * often through a big one. */
		if (i > 0 && pick(6) == 0) {
			unsigned long r = pick((unsigned)i);
			unsigned tries;

			for (tries = 0; tries < 4 && cs[r].cents < 300000; tries++)
				r = pick((unsigned)i);
			printf("    <referred-by ref=\"C%06lu\"/>\n", r + 1);
		}
		if (c->type == 1 || c->type == 2) {
			element("reason", reasons[pick(N(reasons))]);
			if (pick(2) == 0)
				element("reason", reasons[pick(N(reasons))]);
			if (pick(5) == 0)
				element("dealbreaker", breakers[pick(N(breakers))]);
		}
		if (c->type == 3)
			element("dealbreaker", breakers[pick(N(breakers))]);
		printf("    <contact name=\"%s %s\" role=\"%s\" email=\"c%06lu@example.com\""
		    " phone=\"+%u %03u %02u %03u\"/>\n",
		    contacts_first[pick(N(contacts_first))],
		    contacts_last[pick(N(contacts_last))], roles[pick(N(roles))],
		    i + 1, 31 + pick(20), pick(1000), pick(100), pick(1000));
		if (c->type == 2 || (c->type == 1 && pick(4) == 0)) {
			days_ago(&today, pick(330), when, sizeof when);
			printf("    <thanks date=\"%s\" how=\"%s\">%s</thanks>\n", when,
			    (const char *[]){ "card", "gift", "event", "letter" }[pick(4)],
			    (const char *[]){ "Christmas card", "Summer gift box",
			    "Invitation to the customer day", "Thank-you letter after "
			    "the project" }[pick(4)]);
		}
		/* Interactions, oldest first: key accounts see us often, the
		 * long tail rarely, lost customers not lately. */
		nint = c->type == 2 ? 3 + pick(4) : c->type == 3 ? pick(3) :
		    pick(4);
		for (k = 0; k < nint; k++)
			back[k] = c->type == 3 ? 400 + pick(500) :
			    c->type == 2 ? pick(120) : pick(420);
		qsort(back, nint, sizeof back[0], later_first);
		for (k = 0; k < nint; k++) {
			days_ago(&today, back[k], when, sizeof when);
			ch = weighted(chan_w, N(chan_w));
			printf("    <interaction date=\"%s\" channel=\"%s\">", when,
			    channels[ch]);
			put_text(outcomes[ch][pick(4)]);
			printf("</interaction>\n");
		}
		if (c->type != 3 && pick(3) == 0) {
			GDate d = today;

			g_date_add_days(&d, 3 + pick(60));
			date_str(&d, buf, sizeof buf);
			printf("    <next date=\"%s\" channel=\"%s\">%s</next>\n", buf,
			    channels[pick(3)], c->type == 0 ? "Follow up on the "
			    "first offer" : "Review the year and next year's plans");
		}
		printf("  </customer>\n");
	}
	printf("</customers>\n");
	g_rand_free(rnd);
	free(cs);
	return ferror(stdout) || fflush(stdout) != 0 ? 1 : 0;
}
