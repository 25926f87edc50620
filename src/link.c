/*
 * link.c: customer data in maps.
 *
 *  - Links: a topic's <customer ref="ID"> names a record; ramify_doc_link_data()
 *    checks that it exists and gives the topic the customer's data card.
 *  - Queries: a topic's <query select sort limit each summary> picks
 *    records with an XPath 1.0 expression (libxml2) over a view of the
 *    data in which every stored and computed field is a child element,
 *    sorts and limits them, then adds one child topic per record (text
 *    from the `each` pattern) and/or sets the topic's text from the
 *    `summary` pattern.  docs/CUSTOMERS.md, "Queries".
 *  - Cards: a customer's card is built once per link, in the doc's arena
 *    (so the doc keeps it after the data is freed): the short form a
 *    drawn card shows (name, class, value, owner, last and next contact,
 *    warning flags) and the full card as fields, which go into the model
 *    as the note "card-ID" shared by every topic that links the customer,
 *    so the outline and the endnotes show it.
 *  - Portfolio: ramify_portfolio_new() draws the data alone as a map,
 *    grouped by --group-by.
 *
 * The view for XPath lives only while a link runs.  XPath evaluation
 * has a step budget, so a costly expression over many records is an
 * error, not a hang.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "internal.h"

/* Longest select expression or pattern we take. */
#define QUERY_MAX	2000
/* XPath steps one query may take over all records (libxml2 counts). */
#define XPATH_BUDGET	50000000UL
/* Interactions on a full card, most recent first. */
#define CARD_EVENTS	8
/* Grouping levels of a portfolio. */
#define MAX_GROUPS	4

const struct rm_card *
rm_topic_card(const struct ramify_topic *t, size_t i)
{
	return t->cards != NULL && i < t->nrecords ? t->cards[i] : NULL;
}

/* How many bytes of `s` to quote in a message: at most 120, cut at a
 * character boundary. */
static int
qlen(const char *s)
{
	size_t n = strlen(s);

	if (n <= 120)
		return (int)n;
	n = 120;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}

/* "EUR 1,234" (whole units) or "EUR 1,234.50" (`exact`), without a code
 * when the file has no currency. */
static void
put_money(GString *s, const char *cur, int64_t v, int exact)
{
	char m[RM_NUM_BUF];

	if (cur != NULL && *cur != '\0')
		g_string_append_printf(s, "%s ", cur);
	g_string_append(s, exact ? rm_money_str(v, 1, m) : rm_money_units(v, m));
}

/* ---- Fields --------------------------------------------------------------- */

enum fkind {
	F_TEXT,		/* sorted as text */
	F_WORD,		/* a word of a list: sorted in the list's order */
	F_MONEY,	/* minor units */
	F_NUM,		/* whole number */
	F_SHARE,	/* part of the total */
	F_DATE,		/* Julian day */
	F_BOOL,
	F_LIST		/* several texts */
};

enum fid {
	FI_ID, FI_NAME, FI_TYPE, FI_STAGE, FI_TEAM, FI_OWNER, FI_CATEGORY,
	FI_CITY, FI_CREDIT, FI_ATTITUDE, FI_SOURCE, FI_REFERRED_BY, FI_SINCE,
	FI_CURRENCY, FI_AMOUNT, FI_PER, FI_VALUE, FI_VALUE_YEAR, FI_VALUE_MONTH,
	FI_RANK, FI_SHARE, FI_CUM, FI_ABC, FI_GOLD10, FI_GOLD20, FI_LAST,
	FI_LAST_CHANNEL, FI_DAYS_SINCE, FI_NEXT_DUE, FI_OVERDUE, FI_NEXT,
	FI_INTERACTIONS, FI_REFERRALS, FI_REFERRED_VALUE, FI_REASON,
	FI_DEALBREAKER, FI_NOTE, FI_COUNT
};

static const struct field {
	const char	*name;
	enum fkind	 kind;
} fields[FI_COUNT] = {
	[FI_ID] = { "id", F_TEXT },
	[FI_NAME] = { "name", F_TEXT },
	[FI_TYPE] = { "type", F_WORD },
	[FI_STAGE] = { "stage", F_WORD },
	[FI_TEAM] = { "team", F_WORD },
	[FI_OWNER] = { "owner", F_TEXT },
	[FI_CATEGORY] = { "category", F_TEXT },
	[FI_CITY] = { "city", F_TEXT },
	[FI_CREDIT] = { "credit", F_TEXT },
	[FI_ATTITUDE] = { "attitude", F_WORD },
	[FI_SOURCE] = { "source", F_TEXT },
	[FI_REFERRED_BY] = { "referred_by", F_TEXT },
	[FI_SINCE] = { "since", F_DATE },
	[FI_CURRENCY] = { "currency", F_TEXT },
	[FI_AMOUNT] = { "amount", F_MONEY },
	[FI_PER] = { "per", F_TEXT },
	[FI_VALUE] = { "value", F_MONEY },
	[FI_VALUE_YEAR] = { "value_year", F_MONEY },
	[FI_VALUE_MONTH] = { "value_month", F_MONEY },
	[FI_RANK] = { "rank", F_NUM },
	[FI_SHARE] = { "share", F_SHARE },
	[FI_CUM] = { "cumulative_share", F_SHARE },
	[FI_ABC] = { "abc", F_TEXT },
	[FI_GOLD10] = { "gold10", F_BOOL },
	[FI_GOLD20] = { "gold20", F_BOOL },
	[FI_LAST] = { "last_contact", F_DATE },
	[FI_LAST_CHANNEL] = { "last_channel", F_WORD },
	[FI_DAYS_SINCE] = { "days_since_contact", F_NUM },
	[FI_NEXT_DUE] = { "next_due", F_DATE },
	[FI_OVERDUE] = { "overdue_days", F_NUM },
	[FI_NEXT] = { "next_contact", F_DATE },
	[FI_INTERACTIONS] = { "interactions", F_NUM },
	[FI_REFERRALS] = { "referrals", F_NUM },
	[FI_REFERRED_VALUE] = { "referred_value", F_MONEY },
	[FI_REASON] = { "reason", F_LIST },
	[FI_DEALBREAKER] = { "dealbreaker", F_LIST },
	[FI_NOTE] = { "note", F_TEXT },
};

static int
field_by_name(const char *s, size_t n)
{
	int f;

	for (f = 0; f < FI_COUNT; f++)
		if (strlen(fields[f].name) == n &&
		    strncmp(fields[f].name, s, n) == 0)
			return f;
	return -1;
}

/* A field's value as a number (money, counts, shares, days, words,
 * booleans); 0 when `has` is cleared. */
static int64_t
field_num(const struct rm_analysis *a, size_t i, int f, int *has)
{
	const struct rm_customer *c = &a->data->cs[i];
	const struct rm_stat *s = &a->st[i];

	*has = 1;
	switch (f) {
	case FI_TYPE: *has = c->type != 0; return c->type;
	case FI_STAGE: *has = c->stage != 0; return c->stage;
	case FI_TEAM: *has = c->team != 0; return c->team;
	case FI_ATTITUDE: *has = c->attitude != 0; return c->attitude;
	case FI_SINCE: *has = c->since > 0; return c->since;
	case FI_AMOUNT: *has = c->per != 0; return c->amount;
	case FI_VALUE:
	case FI_VALUE_YEAR: return c->value;
	case FI_VALUE_MONTH: return (c->value + 6) / 12;
	case FI_RANK: return (int64_t)s->rank;
	case FI_SHARE: return c->value;
	case FI_CUM: return s->cum;
	case FI_GOLD10: return s->gold10;
	case FI_GOLD20: return s->gold20;
	case FI_LAST:
		*has = c->last != RM_NO_INDEX;
		return *has ? c->events[c->last].day : 0;
	case FI_LAST_CHANNEL:
		*has = c->last != RM_NO_INDEX && c->events[c->last].how != 0;
		return *has ? c->events[c->last].how : 0;
	case FI_DAYS_SINCE:
		*has = c->last != RM_NO_INDEX;
		return *has ? a->today - c->events[c->last].day : 0;
	case FI_NEXT_DUE: *has = s->due > 0; return s->due;
	case FI_OVERDUE: *has = s->overdue >= 0; return s->overdue;
	case FI_NEXT: *has = c->next.day > 0; return c->next.day;
	case FI_INTERACTIONS: return (int64_t)c->nevents;
	case FI_REFERRALS: return (int64_t)s->nreferred;
	case FI_REFERRED_VALUE: return s->brought;
	default: *has = 0; return 0;
	}
}

/* A text field's value, or NULL. */
static const char *
field_text(const struct rm_analysis *a, size_t i, int f)
{
	const struct rm_customer *c = &a->data->cs[i];
	static const char *const abc[] = { "A", "B", "C" };

	switch (f) {
	case FI_ID: return c->id;
	case FI_NAME: return c->name;
	case FI_OWNER: return c->owner;
	case FI_CATEGORY: return c->category;
	case FI_CITY: return c->city;
	case FI_CREDIT: return c->credit;
	case FI_SOURCE: return c->source;
	case FI_NOTE: return c->note;
	case FI_REFERRED_BY:
		return c->referrer != RM_NO_INDEX ?
		    a->data->cs[c->referrer].id : NULL;
	case FI_CURRENCY: return c->per ? c->currency : NULL;
	case FI_PER: return c->per == 1 ? "month" : c->per == 2 ? "year" : NULL;
	case FI_ABC: return abc[a->st[i].abc - 'A'];
	case FI_TYPE: return rm_word(RM_LIST_TYPE, c->type);
	case FI_STAGE: return rm_word(RM_LIST_STAGE, c->stage);
	case FI_TEAM: return rm_word(RM_LIST_TEAM, c->team);
	case FI_ATTITUDE: return rm_word(RM_LIST_ATTITUDE, c->attitude);
	case FI_LAST_CHANNEL:
		return c->last != RM_NO_INDEX ?
		    rm_word(RM_LIST_CHANNEL, c->events[c->last].how) : NULL;
	default: return NULL;
	}
}

/* Append field `f` of customer `i` to `out` as people read it (`raw`
 * 0) or as the XPath view holds it (`raw` 1: plain decimals, no
 * currency, shares in percent with 4 decimals).  Returns 0 when the
 * customer has no such value. */
static int
field_str(const struct rm_analysis *a, size_t i, int f, int raw, GString *out)
{
	const struct rm_customer *c = &a->data->cs[i];
	const char *cur = a->data->currency != NULL ? a->data->currency : "";
	char buf[RM_NUM_BUF];
	const char *s;
	int64_t v;
	size_t k;
	int has;

	switch (fields[f].kind) {
	case F_TEXT:
	case F_WORD:
		if ((s = field_text(a, i, f)) == NULL)
			return 0;
		g_string_append(out, s);
		return 1;
	case F_LIST:
		if (f == FI_REASON ? c->nreasons == 0 : c->nbreakers == 0)
			return 0;
		for (k = 0; k < (f == FI_REASON ? c->nreasons : c->nbreakers); k++)
			g_string_append_printf(out, "%s%s", k > 0 ? "; " : "",
			    f == FI_REASON ? c->reasons[k] : c->breakers[k]);
		return 1;
	default:
		break;
	}
	v = field_num(a, i, f, &has);
	if (!has)
		return 0;
	switch (fields[f].kind) {
	case F_MONEY:
		if (f == FI_AMOUNT)
			cur = c->currency;
		if (raw)
			g_string_append(out, rm_money_str(v, 0, buf));
		else
			put_money(out, cur, v, 0);
		break;
	case F_SHARE:
		g_string_append(out, rm_share_str(v, a->total, raw ? 4 : 1, buf));
		if (!raw)
			g_string_append(out, " %");
		break;
	case F_DATE:
		g_string_append(out, rm_date_str((int32_t)v, buf));
		break;
	case F_BOOL:
		if (raw && !v)
			return 0;
		g_string_append(out, v ? "yes" : "no");
		break;
	default:
		g_string_append_printf(out, "%lld", (long long)v);
		break;
	}
	return 1;
}

/* ---- Patterns: "{name} - {value}" -------------------------------------------- */

/* The summary's own fields. */
static const char *const summary_fields[] = { "count", "matched", "sum",
	"share", "total", NULL };

/*
 * Check `pat`: braces balanced ("{{" and "}}" are literal braces), every
 * {field} known (record fields when `summary` is 0, summary fields when
 * 1).  Returns NULL when good, else a message in `buf`.
 */
static const char *
pattern_check(const char *pat, int summary, char *buf, size_t size)
{
	const char *p, *end;
	size_t k;

	for (p = pat; *p != '\0'; p++) {
		if (p[0] == '}' && p[1] == '}') {
			p++;
			continue;
		}
		if (*p == '}') {
			snprintf(buf, size, "'}' without '{' (write '}}' for a "
			    "brace)");
			return buf;
		}
		if (*p != '{')
			continue;
		if (p[1] == '{') {
			p++;
			continue;
		}
		if ((end = strchr(p, '}')) == NULL) {
			snprintf(buf, size, "'{' without '}' (write '{{' for a "
			    "brace)");
			return buf;
		}
		if (summary) {
			for (k = 0; summary_fields[k] != NULL; k++)
				if (strlen(summary_fields[k]) == (size_t)(end - p - 1) &&
				    strncmp(summary_fields[k], p + 1,
				    (size_t)(end - p - 1)) == 0)
					break;
			if (summary_fields[k] == NULL) {
				snprintf(buf, size, "unknown field '%.*s' (a summary "
				    "has count, matched, sum, share and total)",
				    (int)(end - p - 1 > 40 ? 40 : end - p - 1), p + 1);
				return buf;
			}
		} else if (field_by_name(p + 1, (size_t)(end - p - 1)) < 0) {
			snprintf(buf, size, "unknown field '%.*s' (see \"Fields\" "
			    "in docs/CUSTOMERS.md)",
			    (int)(end - p - 1 > 40 ? 40 : end - p - 1), p + 1);
			return buf;
		}
		p = end;
	}
	return NULL;
}

struct summary {
	size_t		 count, matched;
	int64_t		 sum, total;
	const char	*cur;
};

/* Expand a checked pattern for customer `i`, or for summary `sm`. */
static void
pattern_expand(const struct rm_analysis *a, const char *pat, size_t i,
    const struct summary *sm, GString *out)
{
	const char *p, *end;
	char buf[RM_NUM_BUF];

	for (p = pat; *p != '\0'; p++) {
		if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) {
			g_string_append_c(out, *p++);
			continue;
		}
		if (*p != '{') {
			g_string_append_c(out, *p);
			continue;
		}
		end = strchr(p, '}');
		if (sm == NULL) {
			field_str(a, i, field_by_name(p + 1, (size_t)(end - p - 1)),
			    0, out);
		} else {
			size_t n = (size_t)(end - p - 1);

			if (n == 5 && strncmp(p + 1, "count", 5) == 0)
				g_string_append_printf(out, "%zu", sm->count);
			else if (n == 7 && strncmp(p + 1, "matched", 7) == 0)
				g_string_append_printf(out, "%zu", sm->matched);
			else if (n == 3 && strncmp(p + 1, "sum", 3) == 0)
				put_money(out, sm->cur, sm->sum, 0);
			else if (n == 5 && strncmp(p + 1, "total", 5) == 0)
				put_money(out, sm->cur, sm->total, 0);
			else
				g_string_append_printf(out, "%s %%",
				    rm_share_str(sm->sum, sm->total, 1, buf));
		}
		p = end;
	}
}

/* ---- Cards ------------------------------------------------------------------ */

struct link {
	struct ramify_doc	*doc;
	const struct ramify_data *data;
	struct rm_analysis	 a;
	struct rm_diag		*diag;
	const struct rm_card	**cards;	/* by customer, built lazily */
	GHashTable		*note_keys;	/* note key -> index + 1 */
	GString			*s, *t;
	/* The XPath view, made for the first query. */
	xmlDoc			*view;
	xmlNode			**view_of;	/* by customer */
	int			 nomem;
};

static const char *
arena_str(struct link *l, const char *s)
{
	char *p = rm_strdup(&l->doc->arena, s);

	if (p == NULL)
		l->nomem = 1;
	return p;
}

/* A card field: label and the text in l->t. */
static void
add_field(struct link *l, GArray *fs, const char *label)
{
	struct rm_card_field f;

	f.label = label;
	f.value = arena_str(l, l->t->str);
	if (f.value != NULL)
		g_array_append_val(fs, f);
	g_string_truncate(l->t, 0);
}

static const char *
team_name(unsigned team)
{
	return rm_word(RM_LIST_TEAM, team);
}

static const char *
type_name(unsigned type)
{
	static const char *const names[] = { NULL, "potential customer",
	    "existing customer", "key account", "lost customer" };

	return type < 5 ? names[type] : NULL;
}

/* "2026-10-02 by visit: Walked the site" */
static void
put_event(GString *s, const struct rm_event *e, enum rm_list how)
{
	char date[16];
	const char *w = rm_word(how, e->how);

	g_string_append(s, rm_date_str(e->day, date));
	if (w != NULL)
		g_string_append_printf(s, how == RM_LIST_THANKS ? " with a %s" :
		    " by %s", w);
	if (e->text != NULL && *e->text != '\0')
		g_string_append_printf(s, ": %s", e->text);
}

/* The card of customer `i`: built once, its note made or refreshed. */
static const struct rm_card *
card_of(struct link *l, size_t i)
{
	const struct rm_analysis *a = &l->a;
	const struct rm_customer *c = &l->data->cs[i];
	const struct rm_stat *s = &a->st[i];
	const char *cur = l->data->currency != NULL ? l->data->currency : "";
	struct rm_card *card;
	GArray *fs;
	GString *t = l->t;
	char sh[RM_NUM_BUF], date[16], key[300];
	size_t k, n, note;

	if (l->cards[i] != NULL)
		return l->cards[i];
	if ((card = rm_alloc(&l->doc->arena, sizeof *card)) == NULL) {
		l->nomem = 1;
		return NULL;
	}
	card->id = arena_str(l, c->id);
	card->name = arena_str(l, c->name);
	card->abc = s->abc;
	card->rank = s->rank;
	card->overdue = s->overdue > 0 ? s->overdue : 0;
	card->flags = (s->overdue > 0 ? RM_CARD_OVERDUE : 0) |
	    (rm_customer_lost(c) ? RM_CARD_LOST : 0) |
	    (c->last == RM_NO_INDEX ? RM_CARD_NEVER : 0) |
	    (s->gold10 ? RM_CARD_GOLD10 : 0) | (s->gold20 ? RM_CARD_GOLD20 : 0) |
	    (c->next.day > 0 && s->due > 0 && c->next.day > s->due ?
	    RM_CARD_LATE : 0);

	/* The short form. */
	g_string_truncate(t, 0);
	put_money(t, cur, c->value, 0);
	g_string_append(t, " a year");
	card->value = arena_str(l, t->str);
	g_string_truncate(t, 0);
	if (c->owner != NULL || c->team != 0) {
		g_string_append(t, c->owner != NULL ? c->owner : "");
		if (c->team != 0)
			g_string_append_printf(t, "%s%s", c->owner != NULL ? ", " :
			    "", team_name(c->team));
		card->owner = arena_str(l, t->str);
		g_string_truncate(t, 0);
	}
	if (c->last != RM_NO_INDEX) {
		const struct rm_event *e = &c->events[c->last];

		g_string_append(t, rm_date_str(e->day, date));
		if (e->how != 0)
			g_string_append_printf(t, ", %s",
			    rm_word(RM_LIST_CHANNEL, e->how));
		card->last = arena_str(l, t->str);
		g_string_truncate(t, 0);
	}
	if (c->next.day > 0) {
		g_string_append(t, rm_date_str(c->next.day, date));
		if (c->next.how != 0)
			g_string_append_printf(t, ", %s",
			    rm_word(RM_LIST_CHANNEL, c->next.how));
	} else if (s->due > 0)
		g_string_append_printf(t, "due %s", rm_date_str(s->due, date));
	if (t->len > 0)
		card->next = arena_str(l, t->str);
	g_string_truncate(t, 0);

	/* The full card. */
	fs = g_array_new(FALSE, FALSE, sizeof(struct rm_card_field));
	g_string_printf(t, "%c, rank %zu of %zu", s->abc, s->rank, a->n);
	if (s->gold10)
		g_string_append(t, ", gold (top 10 %)");
	else if (s->gold20)
		g_string_append(t, ", gold (top 20 %)");
	add_field(l, fs, "Class");
	put_money(t, cur, c->value, 1);
	g_string_append_printf(t, " a year, %s %% of the portfolio",
	    rm_share_str(c->value, a->total, 2, sh));
	if (c->per != 0 && (c->per == 1 || strcmp(c->currency, cur) != 0)) {
		g_string_append(t, " (");
		put_money(t, c->currency, c->amount, 1);
		g_string_append_printf(t, " a %s as written)", c->per == 1 ?
		    "month" : "year");
	}
	add_field(l, fs, "Value");
	if (c->type != 0 && c->stage != 0) {
		g_string_append_printf(t, "%s, %s", type_name(c->type),
		    rm_word(RM_LIST_STAGE, c->stage));
		add_field(l, fs, "Type and stage");
	} else if (c->type != 0) {
		g_string_append(t, type_name(c->type));
		add_field(l, fs, "Type");
	} else if (c->stage != 0) {
		g_string_append(t, rm_word(RM_LIST_STAGE, c->stage));
		add_field(l, fs, "Stage");
	}
	if (card->owner != NULL) {
		g_string_append(t, card->owner);
		add_field(l, fs, "Owner");
	}
	if (c->category != NULL || c->city != NULL) {
		g_string_append_printf(t, "%s%s%s", c->category ? c->category :
		    "", c->category && c->city ? ", " : "", c->city ? c->city :
		    "");
		add_field(l, fs, c->category && c->city ? "Category, city" :
		    c->category ? "Category" : "City");
	}
	if (c->since > 0) {
		g_string_append(t, rm_date_str(c->since, date));
		add_field(l, fs, "Customer since");
	}
	if (c->last != RM_NO_INDEX) {
		put_event(t, &c->events[c->last], RM_LIST_CHANNEL);
		add_field(l, fs, "Last contact");
	} else {
		g_string_append(t, "none on record");
		add_field(l, fs, "Last contact");
	}
	if (c->next.day > 0) {
		put_event(t, &c->next, RM_LIST_CHANNEL);
		add_field(l, fs, "Next contact");
	}
	if (s->rule != NULL && s->rule->count > 0) {
		if (s->due > 0) {
			g_string_append_printf(t, "%s (every %s%s%s)",
			    rm_date_str(s->due, date), s->rule->every,
			    s->rule->how ? " by " : "", s->rule->how ?
			    rm_word(RM_LIST_CHANNEL, s->rule->how) : "");
			if (s->overdue > 0)
				g_string_append_printf(t, ": OVERDUE by %lld "
				    "day%s", (long long)s->overdue,
				    s->overdue == 1 ? "" : "s");
			else
				g_string_append(t, ": on time");
			if (card->flags & RM_CARD_LATE)
				g_string_append(t, "; the planned contact is "
				    "later");
		} else
			g_string_append_printf(t, "now, never contacted (every "
			    "%s%s%s)", s->rule->every, s->rule->how ? " by " : "",
			    s->rule->how ? rm_word(RM_LIST_CHANNEL, s->rule->how) :
			    "");
		add_field(l, fs, "Contact due");
	}
	if (c->credit != NULL || c->attitude != 0) {
		g_string_append_printf(t, "%s%s%s", c->credit ? c->credit : "",
		    c->credit && c->attitude ? ", " : "", c->attitude ?
		    rm_word(RM_LIST_ATTITUDE, c->attitude) : "");
		add_field(l, fs, c->credit && c->attitude ? "Credit, attitude" :
		    c->credit ? "Credit" : "Attitude");
	}
	if (c->source != NULL) {
		g_string_append(t, c->source);
		add_field(l, fs, "Found us through");
	}
	if (c->referrer != RM_NO_INDEX) {
		const struct rm_customer *r = &l->data->cs[c->referrer];

		g_string_append_printf(t, "%s (%s)", r->name, r->id);
		add_field(l, fs, "Referred by");
	}
	if (s->nreferred > 0) {
		g_string_append_printf(t, "%zu customer%s worth ", s->nbrought,
		    s->nbrought == 1 ? "" : "s");
		put_money(t, cur, s->brought, 1);
		g_string_append(t, " a year");
		add_field(l, fs, "Brought");
	}
	if (c->nreasons > 0) {
		for (k = 0; k < c->nreasons; k++)
			g_string_append_printf(t, "%s%s", k ? "; " : "",
			    c->reasons[k]);
		add_field(l, fs, "Chooses us for");
	}
	if (c->nbreakers > 0) {
		for (k = 0; k < c->nbreakers; k++)
			g_string_append_printf(t, "%s%s", k ? "; " : "",
			    c->breakers[k]);
		add_field(l, fs, rm_customer_lost(c) ? "Left because" :
		    "Deal breakers");
	}
	for (k = 0; k < c->ncontacts; k++) {
		const struct rm_person *p = &c->contacts[k];

		g_string_append(t, p->name != NULL ? p->name : "");
		if (p->role != NULL)
			g_string_append_printf(t, ", %s", p->role);
		if (p->email != NULL)
			g_string_append_printf(t, ", %s", p->email);
		if (p->phone != NULL)
			g_string_append_printf(t, ", %s", p->phone);
		add_field(l, fs, "Contact");
	}
	for (k = 0; k < c->nthanks; k++) {
		put_event(t, &c->thanks[k], RM_LIST_THANKS);
		add_field(l, fs, "Thanked");
	}
	/* Earlier interactions, most recent first (ties: later in file). */
	if (c->nevents > 1) {
		size_t *idx = malloc(c->nevents * sizeof *idx), j, shown = 0;

		if (idx == NULL) {
			l->nomem = 1;
		} else {
			for (k = 0; k < c->nevents; k++) {
				for (j = k; j > 0 && c->events[idx[j - 1]].day <=
				    c->events[k].day; j--)
					idx[j] = idx[j - 1];
				idx[j] = k;
			}
			for (k = 0; k < c->nevents && shown < CARD_EVENTS; k++) {
				if (idx[k] == c->last)
					continue;
				if (shown++ > 0)
					g_string_append(t, "; ");
				put_event(t, &c->events[idx[k]], RM_LIST_CHANNEL);
			}
			n = c->nevents - 1 - shown;
			if (n > 0)
				g_string_append_printf(t, "; and %zu before", n);
			add_field(l, fs, "Earlier contacts");
			free(idx);
		}
	}
	if (c->note != NULL) {
		g_string_append(t, c->note);
		add_field(l, fs, "Note");
	}
	card->nfields = fs->len;
	card->fields = rm_alloc(&l->doc->arena, (fs->len + 1) *
	    sizeof *card->fields);
	if (card->fields == NULL)
		l->nomem = 1;
	else
		memcpy((void *)card->fields, fs->data, fs->len *
		    sizeof *card->fields);
	g_array_free(fs, TRUE);
	if (l->nomem)
		return NULL;

	/* The note: a title line with the warnings, then one line a field. */
	g_string_printf(t, "%s (%s), class %c", c->name, c->id, s->abc);
	if (card->flags & RM_CARD_LOST)
		g_string_append(t, ", LOST");
	if (card->flags & RM_CARD_OVERDUE)
		g_string_append_printf(t, ", contact OVERDUE by %lld day%s",
		    (long long)s->overdue, s->overdue == 1 ? "" : "s");
	else if ((card->flags & RM_CARD_NEVER) && s->rule != NULL &&
	    s->rule->count > 0)
		g_string_append(t, ", NEVER contacted");
	g_string_append(t, "\n\n");
	for (k = 0; k < card->nfields; k++)
		g_string_append_printf(t, "%s%s: %s", k > 0 ? "\n" : "",
		    card->fields[k].label, card->fields[k].value);
	snprintf(key, sizeof key, "card-%s", c->id);
	note = GPOINTER_TO_SIZE(g_hash_table_lookup(l->note_keys, key));
	if (note != 0) {
		/* A map written with its cards, linked again: refresh. */
		note--;
		if ((l->doc->notes[note].text = arena_str(l, t->str)) == NULL)
			return NULL;
	} else {
		note = rm_note_new(l->doc, key, t->str, (struct rm_pos){0, 0});
		if (note == (size_t)-1) {
			l->nomem = 1;
			return NULL;
		}
		g_hash_table_insert(l->note_keys,
		    (char *)l->doc->notes[note].key, GSIZE_TO_POINTER(note + 1));
	}
	card->note = note;
	l->cards[i] = card;
	return card;
}

/* Give topic `t` the cards of its records; their ids must exist. */
static int
link_records(struct link *l, struct ramify_topic *t)
{
	const struct ramify_data *d = l->data;
	const struct rm_card **cards;
	size_t k, j, i;

	if (t->nrecords == 0)
		return RAMIFY_OK;
	cards = rm_alloc(&l->doc->arena, t->nrecords * sizeof *cards);
	if (cards == NULL)
		return RAMIFY_ENOMEM;
	for (k = 0; k < t->nrecords; k++) {
		i = GPOINTER_TO_SIZE(g_hash_table_lookup(d->ids, t->records[k]));
		if (i == 0) {
			rm_error(l->diag, t->pos, "customer '%.*s' is not in %s",
			    qlen(t->records[k]), t->records[k], d->file);
			continue;
		}
		if ((cards[k] = card_of(l, i - 1)) == NULL)
			return RAMIFY_ENOMEM;
		for (j = 0; j < t->nnotes && t->notes[j] != cards[k]->note; j++)
			;
		if (j == t->nnotes &&
		    rm_topic_add_note(l->doc, t, cards[k]->note) != RAMIFY_OK)
			return RAMIFY_ENOMEM;
	}
	t->cards = cards;
	return RAMIFY_OK;
}

/* ---- Queries ------------------------------------------------------------------ */



struct xpath_err {
	char	 msg[256];
	int	 set;
};

/* libxml2 2.9 hands XPath errors over without a message: ours, by
 * xmlXPathError code. */
static const char *
xpath_message(int code)
{
	switch (code) {
	case XPATH_NUMBER_ERROR: return "bad number";
	case XPATH_UNFINISHED_LITERAL_ERROR: return "unfinished string";
	case XPATH_START_LITERAL_ERROR: return "expected a string";
	case XPATH_VARIABLE_REF_ERROR:
	case XPATH_UNDEF_VARIABLE_ERROR:
	case XPATH_FORBID_VARIABLE_ERROR: return "variables are not available";
	case XPATH_INVALID_PREDICATE_ERROR: return "bad predicate";
	case XPATH_EXPR_ERROR: return "not an XPath 1.0 expression";
	case XPATH_UNCLOSED_ERROR: return "missing ')' or ']'";
	case XPATH_UNKNOWN_FUNC_ERROR: return "unknown function";
	case XPATH_INVALID_OPERAND: return "bad operand";
	case XPATH_INVALID_TYPE: return "wrong type of value";
	case XPATH_INVALID_ARITY: return "wrong number of arguments";
	case XPATH_MEMORY_ERROR: return "out of memory";
	case XPATH_UNDEF_PREFIX_ERROR: return "unknown namespace prefix (fields "
	    "have none)";
	case XPATH_ENCODING_ERROR:
	case XPATH_INVALID_CHAR_ERROR: return "bad character";
	case XPATH_OP_LIMIT_EXCEEDED: return "too costly (more than 50 million "
	    "steps)";
	case XPATH_RECURSION_LIMIT_EXCEEDED: return "nested too deeply";
	default: return "XPath error";
	}
}

/* 2.12 made the error record const. */
#if LIBXML_VERSION >= 21200
typedef const xmlError *xpath_err_ptr;
#else
typedef xmlErrorPtr xpath_err_ptr;
#endif

static void
on_xpath_error(void *arg, xpath_err_ptr e)
{
	struct xpath_err *xe = arg;
	int code;

	if (xe->set || e == NULL)
		return;
	code = e->code - XML_XPATH_EXPRESSION_OK + XPATH_EXPRESSION_OK;
	if (e->domain == XML_FROM_XPATH && e->str1 != NULL && e->int1 >= 0)
		snprintf(xe->msg, sizeof xe->msg, "%s, at character %d",
		    xpath_message(code), e->int1 + 1);
	else
		snprintf(xe->msg, sizeof xe->msg, "%s", xpath_message(code));
	xe->set = 1;
}

/* libxml2 prints a few XPath messages through its generic error
 * function (per thread): while we run XPath, they go nowhere. */
static void
xpath_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx; (void)msg;
}

/* The view XPath runs over: <customers><customer id>, one child element
 * per field with a value (list fields repeat), in no namespace. */
static int
make_view(struct link *l)
{
	const struct rm_analysis *a = &l->a;
	xmlNode *root, *el;
	size_t i, k;
	int f;

	if ((l->view = xmlNewDoc(BAD_CAST "1.0")) == NULL ||
	    (root = xmlNewDocNode(l->view, NULL, BAD_CAST "customers",
	    NULL)) == NULL ||
	    (l->view_of = calloc(a->n + 1, sizeof *l->view_of)) == NULL)
		return RAMIFY_ENOMEM;
	xmlDocSetRootElement(l->view, root);
	for (i = 0; i < a->n; i++) {
		const struct rm_customer *c = &l->data->cs[i];

		if ((el = xmlNewChild(root, NULL, BAD_CAST "customer",
		    NULL)) == NULL ||
		    xmlNewProp(el, BAD_CAST "id", BAD_CAST c->id) == NULL)
			return RAMIFY_ENOMEM;
		l->view_of[i] = el;
		for (f = 0; f < FI_COUNT; f++) {
			if (fields[f].kind == F_LIST) {
				size_t nk = f == FI_REASON ? c->nreasons :
				    c->nbreakers;

				for (k = 0; k < nk; k++)
					if (xmlNewTextChild(el, NULL,
					    BAD_CAST fields[f].name, BAD_CAST(
					    f == FI_REASON ? c->reasons[k] :
					    c->breakers[k])) == NULL)
						return RAMIFY_ENOMEM;
				continue;
			}
			g_string_truncate(l->s, 0);
			if (!field_str(a, i, f, 1, l->s))
				continue;
			if (xmlNewTextChild(el, NULL, BAD_CAST fields[f].name,
			    BAD_CAST l->s->str) == NULL)
				return RAMIFY_ENOMEM;
		}
	}
	return RAMIFY_OK;
}

struct sort_key {
	int	 field;
	int	 desc;
};

struct sorter {
	const struct rm_analysis *a;
	struct sort_key	 keys[8];
	size_t		 nkeys;
};

/* One key: values before missing ones, whatever the direction. */
static int
compare_key(const struct rm_analysis *a, const struct sort_key *k, size_t x,
    size_t y)
{
	int hx, hy, c;
	int64_t vx, vy;

	if (fields[k->field].kind == F_TEXT || fields[k->field].kind == F_LIST) {
		const char *sx = field_text(a, x, k->field),
		    *sy = field_text(a, y, k->field);

		if (fields[k->field].kind == F_LIST) {
			const struct rm_customer *cx = &a->data->cs[x],
			    *cy = &a->data->cs[y];

			sx = k->field == FI_REASON ? (cx->nreasons ?
			    cx->reasons[0] : NULL) : (cx->nbreakers ?
			    cx->breakers[0] : NULL);
			sy = k->field == FI_REASON ? (cy->nreasons ?
			    cy->reasons[0] : NULL) : (cy->nbreakers ?
			    cy->breakers[0] : NULL);
		}
		if (sx == NULL || sy == NULL)
			return (sx == NULL) - (sy == NULL);
		c = strcmp(sx, sy);
		return k->desc ? -c : c;
	}
	vx = field_num(a, x, k->field, &hx);
	vy = field_num(a, y, k->field, &hy);
	if (!hx || !hy)
		return hy - hx;
	c = vx < vy ? -1 : vx > vy;
	return k->desc ? -c : c;
}

static int
compare_sel(const void *px, const void *py, void *arg)
{
	const struct sorter *so = arg;
	size_t x = *(const size_t *)px, y = *(const size_t *)py, k;
	int c;

	for (k = 0; k < so->nkeys; k++)
		if ((c = compare_key(so->a, &so->keys[k], x, y)) != 0)
			return c;
	/* Then by rank, which is total. */
	return so->a->st[x].rank < so->a->st[y].rank ? -1 :
	    so->a->st[x].rank > so->a->st[y].rank;
}

/* Parse "-value,name" into `so`; NULL when good, else a message. */
static const char *
parse_sort(const char *spec, struct sorter *so, char *buf, size_t size)
{
	const char *p = spec;

	so->nkeys = 0;
	while (*p != '\0') {
		size_t n;
		int desc = 0, f;

		while (*p == ' ')
			p++;
		if (*p == '-' || *p == '+')
			desc = *p++ == '-';
		n = strcspn(p, ", ");
		if (n == 0 || (f = field_by_name(p, n)) < 0) {
			snprintf(buf, size, "unknown sort field '%.*s'",
			    (int)(n > 40 ? 40 : n), p);
			return buf;
		}
		if (so->nkeys == sizeof so->keys / sizeof so->keys[0]) {
			snprintf(buf, size, "more than %zu sort fields",
			    sizeof so->keys / sizeof so->keys[0]);
			return buf;
		}
		so->keys[so->nkeys].field = f;
		so->keys[so->nkeys++].desc = desc;
		p += n;
		while (*p == ' ')
			p++;
		if (*p == ',')
			p++;
		else if (*p != '\0') {
			snprintf(buf, size, "expected ',' between sort fields");
			return buf;
		}
	}
	return NULL;
}

/* The records `q` selects, sorted, limited: into *sel / *n (malloc'd).
 * Returns RAMIFY_OK, RAMIFY_EINPUT (told) or RAMIFY_ENOMEM. */
static int
select_records(struct link *l, const struct rm_query *q, size_t **sel,
    size_t *n, size_t *matched)
{
	const struct rm_analysis *a = &l->a;
	struct xpath_err xe = { "", 0 };
	xmlXPathContext *ctx = NULL;
	xmlXPathCompExpr *comp = NULL;
	struct sorter so = { a, { { 0, 0 } }, 0 };
	xmlGenericErrorFunc saved_fn;
	void *saved_ctx;
	char msg[200];
	size_t i, k, m = 0;
	int rc = RAMIFY_OK, r;

	*sel = NULL;
	*n = *matched = 0;
	if (q->sort != NULL && parse_sort(q->sort, &so, msg, sizeof msg) != NULL) {
		rm_error(l->diag, q->pos, "bad query sort=\"%.*s\": %s",
		    qlen(q->sort), q->sort, msg);
		return RAMIFY_EINPUT;
	}
	if ((*sel = malloc((a->n + 1) * sizeof **sel)) == NULL)
		return RAMIFY_ENOMEM;
	saved_fn = xmlGenericError;
	saved_ctx = xmlGenericErrorContext;
	xmlSetGenericErrorFunc(NULL, xpath_quiet);
	if (q->select != NULL) {
		if (l->view == NULL && (rc = make_view(l)) != RAMIFY_OK)
			goto out;
		if ((ctx = xmlXPathNewContext(l->view)) == NULL) {
			rc = RAMIFY_ENOMEM;
			goto out;
		}
		ctx->error = on_xpath_error;
		ctx->userData = &xe;
		ctx->opLimit = XPATH_BUDGET;
		ctx->opCount = 0;
		comp = xmlXPathCtxtCompile(ctx, BAD_CAST q->select);
		if (comp == NULL) {
			rm_error(l->diag, q->pos, "bad query select=\"%.*s\": %s",
			    qlen(q->select), q->select, xe.set ? xe.msg :
			    "not an XPath 1.0 expression");
			rc = RAMIFY_EINPUT;
			goto out;
		}
	}
	/* Rank order first, so that sorting only has to reorder. */
	for (k = 0; k < a->n; k++) {
		i = a->order[k];
		if (comp != NULL) {
			ctx->node = l->view_of[i];
			r = xmlXPathCompiledEvalToBoolean(comp, ctx);
			if (r < 0 || xe.set) {
				rm_error(l->diag, q->pos, "bad query select=\"%.*s\": "
				    "%s (on customer '%.*s')", qlen(q->select),
				    q->select, xe.set ? xe.msg : "evaluation failed",
				    qlen(l->data->cs[i].id), l->data->cs[i].id);
				rc = RAMIFY_EINPUT;
				goto out;
			}
			if (r == 0)
				continue;
		}
		(*sel)[m++] = i;
	}
	*matched = m;
	if (so.nkeys > 0)
		g_qsort_with_data(*sel, (gint)m, sizeof **sel, compare_sel, &so);
	if (q->limit > 0 && m > q->limit)
		m = q->limit;
	*n = m;
out:
	if (comp != NULL)
		xmlXPathFreeCompExpr(comp);
	if (ctx != NULL)
		xmlXPathFreeContext(ctx);
	xmlSetGenericErrorFunc(saved_ctx, saved_fn);
	if (rc != RAMIFY_OK) {
		free(*sel);
		*sel = NULL;
	}
	return rc;
}

static int
check_query(struct link *l, const struct rm_query *q)
{
	char msg[200];
	const char *bad;

	if ((q->select != NULL && strlen(q->select) > QUERY_MAX) ||
	    (q->each != NULL && strlen(q->each) > QUERY_MAX) ||
	    (q->summary != NULL && strlen(q->summary) > QUERY_MAX) ||
	    (q->sort != NULL && strlen(q->sort) > QUERY_MAX)) {
		rm_error(l->diag, q->pos, "query longer than %d bytes",
		    QUERY_MAX);
		return RAMIFY_EINPUT;
	}
	if (q->each != NULL &&
	    (bad = pattern_check(q->each, 0, msg, sizeof msg)) != NULL) {
		rm_error(l->diag, q->pos, "bad query each=\"%.*s\": %s",
		    qlen(q->each), q->each, bad);
		return RAMIFY_EINPUT;
	}
	if (q->summary != NULL &&
	    (bad = pattern_check(q->summary, 1, msg, sizeof msg)) != NULL) {
		rm_error(l->diag, q->pos, "bad query summary=\"%.*s\": %s",
		    qlen(q->summary), q->summary, bad);
		return RAMIFY_EINPUT;
	}
	return RAMIFY_OK;
}

/* Run topic `t`'s query: children and/or summary. */
static int
run_query(struct link *l, struct ramify_topic *t)
{
	const struct rm_query *q = t->query;
	const char *each = q->each;
	struct summary sm = { 0, 0, 0, 0, "" };
	size_t *sel, n, k;
	int rc;

	if ((rc = check_query(l, q)) != RAMIFY_OK ||
	    (rc = select_records(l, q, &sel, &n, &sm.matched)) != RAMIFY_OK)
		return rc;
	if (each == NULL && q->summary == NULL)
		each = "{name}";
	for (k = 0; k < n && each != NULL; k++) {
		struct ramify_topic *c;

		if (l->doc->ntopics >= RM_MAX_TOPICS) {
			rm_error(l->diag, q->pos, "the query makes the map larger "
			    "than %zu topics", RM_MAX_TOPICS);
			free(sel);
			return RAMIFY_ELIMIT;
		}
		g_string_truncate(l->s, 0);
		pattern_expand(&l->a, each, sel[k], NULL, l->s);
		if ((c = rm_topic_new(l->doc, t, l->s->str, NULL, q->pos)) == NULL ||
		    rm_topic_add_record(l->doc, c, l->data->cs[sel[k]].id) !=
		    RAMIFY_OK || link_records(l, c) != RAMIFY_OK) {
			free(sel);
			return RAMIFY_ENOMEM;
		}
	}
	if (q->summary != NULL) {
		sm.count = n;
		sm.total = l->a.total;
		sm.cur = l->data->currency != NULL ? l->data->currency : "";
		for (k = 0; k < n; k++)
			sm.sum += l->data->cs[sel[k]].value;
		g_string_truncate(l->s, 0);
		pattern_expand(&l->a, q->summary, 0, &sm, l->s);
		if ((t->text = arena_str(l, l->s->str)) == NULL) {
			free(sel);
			return RAMIFY_ENOMEM;
		}
	}
	free(sel);
	/* The map now holds what the query gave; written out again, it
	 * does not ask again. */
	t->query = NULL;
	return RAMIFY_OK;
}

/* ---- Set up and tear down ------------------------------------------------------- */

static int
link_open(struct link *l, struct ramify_doc *doc, const struct ramify_data *d,
    const struct ramify_options *o, struct rm_diag *diag)
{
	size_t i;
	int rc;

	memset(l, 0, sizeof *l);
	l->doc = doc;
	l->data = d;
	l->diag = diag;
	if ((rc = rm_analyse(d, o, diag, &l->a)) != RAMIFY_OK)
		return rc;
	l->cards = calloc(d->n + 1, sizeof *l->cards);
	l->note_keys = g_hash_table_new(g_str_hash, g_str_equal);
	l->s = g_string_new(NULL);
	l->t = g_string_new(NULL);
	if (l->cards == NULL)
		return RAMIFY_ENOMEM;
	for (i = 0; i < doc->nnotes; i++)
		if (doc->notes[i].key != NULL)
			g_hash_table_insert(l->note_keys,
			    (char *)doc->notes[i].key, GSIZE_TO_POINTER(i + 1));
	return RAMIFY_OK;
}

static void
link_close(struct link *l)
{
	rm_analysis_free(&l->a);
	free(l->cards);
	if (l->note_keys != NULL)
		g_hash_table_destroy(l->note_keys);
	if (l->s != NULL)
		g_string_free(l->s, TRUE);
	if (l->t != NULL)
		g_string_free(l->t, TRUE);
	if (l->view != NULL)
		xmlFreeDoc(l->view);
	free(l->view_of);
}

int
ramify_doc_link_data(ramify_doc *doc, const ramify_data *d,
    const ramify_options *o)
{
	ramify_options *tmp = NULL;
	struct rm_diag diag = { 0 };
	struct link l;
	size_t i, n;
	int rc;

	if (doc == NULL || d == NULL || doc->root == NULL)
		return RAMIFY_EUSAGE;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = doc->file != NULL ? doc->file : "<map>";
	rc = link_open(&l, doc, d, o, &diag);
	/* The topics of the file; a query's new children are linked as
	 * they are made. */
	n = doc->ntopics;
	for (i = 0; i < n && rc == RAMIFY_OK; i++) {
		struct ramify_topic *t = doc->topics[i];

		if ((rc = link_records(&l, t)) == RAMIFY_OK && t->query != NULL)
			rc = run_query(&l, t);
		if (rc == RAMIFY_EINPUT)
			rc = RAMIFY_OK;	/* told; go on to find the rest */
		if (l.nomem)
			rc = RAMIFY_ENOMEM;
	}
	link_close(&l);
	ramify_options_free(tmp);
	if (rc == RAMIFY_OK && diag.nerrors > 0)
		rc = RAMIFY_EINPUT;
	return rc;
}

/* ---- Portfolio ---------------------------------------------------------------------- */

enum gkey { G_ABC, G_STAGE, G_TYPE, G_TEAM, G_OWNER, G_CATEGORY, G_CITY,
	G_ATTITUDE, G_SOURCE, G_CREDIT, G_GOLD, G_NKEYS };

static const char *const gnames[G_NKEYS] = { "abc", "stage", "type", "team",
	"owner", "category", "city", "attitude", "source", "credit", "gold" };

/* The group label of customer `i` by key `g` (NULL: none), and for
 * words and classes their order. */
static const char *
group_label(const struct rm_analysis *a, size_t i, enum gkey g,
    unsigned *ord)
{
	const struct rm_customer *c = &a->data->cs[i];
	const struct rm_stat *s = &a->st[i];
	static const char *const classes[] = { "Class A", "Class B", "Class C" };
	static const char *const stages[] = { NULL, "Awareness",
	    "Consideration", "Purchase", "Use", "Loyalty", "Churned" };
	static const char *const types[] = { NULL, "Potential customers",
	    "Existing customers", "Key accounts", "Lost customers" };
	static const char *const teams[] = { NULL, "Sales team",
	    "Service team", "Success team", "Marketing team" };
	static const char *const attitudes[] = { NULL, "Loyal",
	    "Brand-preferring", "Not loyal" };

	*ord = 0;
	switch (g) {
	case G_ABC: *ord = (unsigned)(s->abc - 'A') + 1;
		return classes[s->abc - 'A'];
	case G_STAGE: *ord = c->stage; return stages[c->stage];
	case G_TYPE:
		/* The ones that matter first. */
		*ord = c->type == RM_TYPE_KEY ? 1 : c->type == RM_TYPE_EXISTING ?
		    2 : c->type == RM_TYPE_POTENTIAL ? 3 : c->type ? 4 : 0;
		return types[c->type];
	case G_TEAM: *ord = c->team; return teams[c->team];
	case G_ATTITUDE: *ord = c->attitude; return attitudes[c->attitude];
	case G_GOLD:
		*ord = s->gold10 ? 1 : s->gold20 ? 2 : 3;
		return s->gold10 ? "Gold: top 10 %" : s->gold20 ?
		    "Gold: top 20 %" : "The others";
	case G_OWNER: return c->owner;
	case G_CATEGORY: return c->category;
	case G_CITY: return c->city;
	case G_SOURCE: return c->source;
	case G_CREDIT: return c->credit;
	default: return NULL;
	}
}

struct pgroup {
	const char	*label;
	unsigned	 ord;
	int64_t		 value;
	size_t		 rank;		/* order among the level's groups */
};

struct portfolio {
	const struct rm_analysis *a;
	enum gkey	 keys[MAX_GROUPS];
	size_t		 nkeys;
	/* Per level: the group number of each customer, and the groups. */
	size_t		*grp[MAX_GROUPS];
	struct pgroup	*groups[MAX_GROUPS];
	size_t		 ngroups[MAX_GROUPS];
};

static int
by_group_order(const void *pa, const void *pb)
{
	const struct pgroup *x = pa, *y = pb;

	/* Words and classes in their order, "none" last; free text by
	 * value, then label. */
	if (x->ord != y->ord)
		return x->ord == 0 ? 1 : y->ord == 0 ? -1 :
		    x->ord < y->ord ? -1 : 1;
	if ((x->label == NULL) != (y->label == NULL))
		return x->label == NULL ? 1 : -1;
	if (x->value != y->value)
		return x->value > y->value ? -1 : 1;
	return x->label == NULL ? 0 : strcmp(x->label, y->label);
}

/* Number every customer's group at each level, groups in order. */
static int
number_groups(struct portfolio *p)
{
	const struct rm_analysis *a = p->a;
	size_t lv, i, k;

	for (lv = 0; lv < p->nkeys; lv++) {
		GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
		size_t n = 0, *remap;
		struct pgroup *gs = NULL;

		p->grp[lv] = malloc((a->n + 1) * sizeof *p->grp[lv]);
		if (p->grp[lv] == NULL) {
			g_hash_table_destroy(h);
			return RAMIFY_ENOMEM;
		}
		for (i = 0; i < a->n; i++) {
			unsigned ord;
			const char *lab = group_label(a, i, p->keys[lv], &ord);
			const char *key = lab != NULL ? lab : "";

			k = GPOINTER_TO_SIZE(g_hash_table_lookup(h, key));
			if (k == 0) {
				void *q = realloc(gs, (n + 1) * sizeof *gs);

				if (q == NULL) {
					free(gs);
					g_hash_table_destroy(h);
					return RAMIFY_ENOMEM;
				}
				gs = q;
				gs[n] = (struct pgroup){ lab, ord, 0, n };
				g_hash_table_insert(h, (char *)key,
				    GSIZE_TO_POINTER(++n));
				k = n;
			}
			gs[k - 1].value += a->data->cs[i].value;
			p->grp[lv][i] = k - 1;
		}
		g_hash_table_destroy(h);
		/* Sort the groups, then renumber the customers' groups. */
		if (n > 0)
			qsort(gs, n, sizeof *gs, by_group_order);
		if ((remap = malloc((n + 1) * sizeof *remap)) == NULL) {
			free(gs);
			return RAMIFY_ENOMEM;
		}
		for (k = 0; k < n; k++)
			remap[gs[k].rank] = k;
		for (i = 0; i < a->n; i++)
			p->grp[lv][i] = remap[p->grp[lv][i]];
		free(remap);
		p->groups[lv] = gs;
		p->ngroups[lv] = n;
	}
	return RAMIFY_OK;
}

static int
by_groups_then_rank(const void *px, const void *py, void *arg)
{
	const struct portfolio *p = arg;
	size_t x = *(const size_t *)px, y = *(const size_t *)py, lv;

	for (lv = 0; lv < p->nkeys; lv++)
		if (p->grp[lv][x] != p->grp[lv][y])
			return p->grp[lv][x] < p->grp[lv][y] ? -1 : 1;
	return p->a->st[x].rank < p->a->st[y].rank ? -1 : 1;
}

static int
parse_group_by(const char *spec, struct portfolio *p, char *msg, size_t size)
{
	const char *s = *spec != '\0' ? spec : "abc,stage";
	size_t n, k;

	p->nkeys = 0;
	if (strcmp(s, "none") == 0)
		return 0;
	while (*s != '\0') {
		n = strcspn(s, ",");
		for (k = 0; k < G_NKEYS; k++)
			if (strlen(gnames[k]) == n && strncmp(gnames[k], s, n) == 0)
				break;
		if (k == G_NKEYS) {
			snprintf(msg, size, "unknown --group-by field '%.*s' "
			    "(expected abc, stage, type, team, owner, category, "
			    "city, attitude, source, credit or gold, "
			    "comma-separated, or none)", (int)(n > 40 ? 40 : n), s);
			return -1;
		}
		if (p->nkeys == MAX_GROUPS) {
			snprintf(msg, size, "--group-by takes at most %d fields",
			    MAX_GROUPS);
			return -1;
		}
		p->keys[p->nkeys++] = (enum gkey)k;
		s += n + (s[n] == ',');
	}
	return 0;
}

/* "Class A · 6 customers · EUR 1,876,000 · 80.0 %" */
static void
group_text(GString *s, const char *label, size_t count, int64_t value,
    const struct rm_analysis *a)
{
	char sh[RM_NUM_BUF];

	g_string_printf(s, "%s\n%zu customer%s · ", label != NULL ? label :
	    "(none)", count, count == 1 ? "" : "s");
	put_money(s, a->data->currency, value, 0);
	g_string_append_printf(s, " · %s %%", rm_share_str(value, a->total, 1,
	    sh));
}

/*
 * A customer's topic: its name, which is all it needs when its data card
 * is drawn under it; with --no-cards also its value and owner and where
 * contact stands.
 */
static void
leaf_text(GString *s, const struct rm_analysis *a, size_t i, int cards)
{
	const struct rm_customer *c = &a->data->cs[i];
	const struct rm_stat *st = &a->st[i];
	char date[16];

	g_string_printf(s, "%s", c->name);
	if (cards)
		return;
	g_string_append_c(s, '\n');
	if (c->value > 0)
		put_money(s, a->data->currency, c->value, 0);
	else
		g_string_append(s, "no value");
	if (c->owner != NULL)
		g_string_append_printf(s, " · %s", c->owner);
	if (rm_customer_lost(c))
		g_string_append(s, "\nlost");
	else if (st->overdue > 0)
		g_string_append_printf(s, "\noverdue %lld day%s",
		    (long long)st->overdue, st->overdue == 1 ? "" : "s");
	else if (c->last != RM_NO_INDEX)
		g_string_append_printf(s, "\nlast contact %s",
		    rm_date_str(c->events[c->last].day, date));
	else
		g_string_append(s, "\nnever contacted");
}

int
ramify_portfolio_new(const ramify_data *d, const ramify_options *o,
    ramify_doc **out)
{
	ramify_options *tmp = NULL;
	struct rm_diag diag = { 0 };
	struct portfolio p;
	struct link l;
	struct ramify_doc *doc = NULL;
	struct ramify_topic *path[MAX_GROUPS + 1];
	size_t *order = NULL, k, lv, cur[MAX_GROUPS];
	char msg[300], date[16];
	int rc;

	*out = NULL;
	if (d == NULL)
		return RAMIFY_EUSAGE;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = d->file;
	memset(&p, 0, sizeof p);
	if (parse_group_by(o->group_by, &p, msg, sizeof msg) != 0) {
		rm_error(&diag, (struct rm_pos){0, 0}, "%s", msg);
		ramify_options_free(tmp);
		return RAMIFY_EUSAGE;
	}
	if ((doc = rm_doc_new(d->file)) == NULL) {
		ramify_options_free(tmp);
		return RAMIFY_ENOMEM;
	}
	if ((rc = link_open(&l, doc, d, o, &diag)) != RAMIFY_OK)
		goto out;
	p.a = &l.a;
	if ((rc = number_groups(&p)) != RAMIFY_OK)
		goto out;
	if ((order = malloc((d->n + 1) * sizeof *order)) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	memcpy(order, l.a.order, d->n * sizeof *order);
	g_qsort_with_data(order, (gint)d->n, sizeof *order, by_groups_then_rank,
	    &p);

	/* The root, with the portfolio in a map-level note. */
	g_string_printf(l.s, "%s", d->title != NULL ? d->title :
	    "Customer portfolio");
	if (rm_topic_new(doc, NULL, l.s->str, "portfolio",
	    (struct rm_pos){0, 0}) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	if (d->title != NULL && (doc->title = rm_strdup(&doc->arena,
	    d->title)) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	{
		size_t overdue = 0, i;
		size_t note;

		for (i = 0; i < d->n; i++)
			overdue += l.a.st[i].overdue > 0;
		g_string_printf(l.s, "%zu customers, %zu with a value, worth ",
		    d->n, l.a.npaying);
		put_money(l.s, d->currency, l.a.total, 1);
		g_string_append_printf(l.s, " a year, as of %s. Classes by "
		    "cumulative value: A before %s %%, B before %s %%. Gold: the "
		    "first %zu (10 %%) and %zu (20 %%) by value. %zu overdue for "
		    "contact by the plan.", rm_date_str(l.a.today, date),
		    rm_cutoff_str(l.a.cut[0], msg),
		    rm_cutoff_str(l.a.cut[1], msg + 100),
		    l.a.ngold10, l.a.ngold20, overdue);
		if ((note = rm_note_new(doc, "portfolio", l.s->str,
		    (struct rm_pos){0, 0})) == (size_t)-1 ||
		    rm_doc_add_map_note(doc, note) != RAMIFY_OK) {
			rc = RAMIFY_ENOMEM;
			goto out;
		}
	}
	/* Walk the customers in group order, opening a topic where a
	 * group starts. */
	path[0] = doc->root;
	for (lv = 0; lv < MAX_GROUPS; lv++)
		cur[lv] = RM_NO_INDEX;
	for (k = 0; k < d->n; k++) {
		size_t i = order[k];
		struct ramify_topic *t;
		size_t start = p.nkeys;

		for (lv = 0; lv < p.nkeys; lv++)
			if (cur[lv] != p.grp[lv][i]) {
				start = lv;
				break;
			}
		for (lv = start; lv < p.nkeys; lv++) {
			const struct pgroup *g = &p.groups[lv][p.grp[lv][i]];

			cur[lv] = p.grp[lv][i];
			if ((path[lv + 1] = rm_topic_new(doc, path[lv],
			    g->label != NULL ? g->label : "(none)", NULL,
			    (struct rm_pos){0, 0})) == NULL) {
				rc = RAMIFY_ENOMEM;
				goto out;
			}
		}
		leaf_text(l.s, &l.a, i, !o->no_cards);
		if ((t = rm_topic_new(doc, path[p.nkeys], l.s->str, NULL,
		    (struct rm_pos){0, 0})) == NULL ||
		    rm_topic_add_record(doc, t, d->cs[i].id) != RAMIFY_OK ||
		    (rc = link_records(&l, t)) != RAMIFY_OK) {
			rc = RAMIFY_ENOMEM;
			goto out;
		}
	}
	/* Group texts: count and value of the customers below each. */
	for (k = 0; k < doc->ntopics; k++) {
		struct ramify_topic *t = doc->topics[k], *c;
		size_t n = 0;
		int64_t v = 0;

		if (t == doc->root || t->nrecords > 0)
			continue;
		for (c = t->first; c != NULL; c = rm_next_preorder(c, t))
			if (c->nrecords > 0) {
				size_t i = GPOINTER_TO_SIZE(g_hash_table_lookup(
				    d->ids, c->records[0])) - 1;

				n++;
				v += d->cs[i].value;
			}
		group_text(l.s, t->text, n, v, &l.a);
		if ((t->text = rm_strdup(&doc->arena, l.s->str)) == NULL) {
			rc = RAMIFY_ENOMEM;
			goto out;
		}
	}
	if (l.nomem)
		rc = RAMIFY_ENOMEM;
out:
	link_close(&l);
	for (lv = 0; lv < MAX_GROUPS; lv++) {
		free(p.grp[lv]);
		free(p.groups[lv]);
	}
	free(order);
	ramify_options_free(tmp);
	if (rc != RAMIFY_OK) {
		ramify_doc_free(doc);
		return rc;
	}
	*out = doc;
	return RAMIFY_OK;
}
