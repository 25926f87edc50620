/*
 * report.c: the analyses customer managers ask for (docs/CUSTOMERS.md,
 * "Analyses"), computed once over the data for the writers in
 * write_report.c and the cards and queries in link.c:
 *
 *  - rank by yearly value (equal values: by id), with each customer's
 *    cumulative value;
 *  - A/B/C classes by the cumulative share of the customers ranked
 *    before: A while it is under the A cut-off, B under the B cut-off,
 *    C after, and C for every customer without a value;
 *  - the gold 10 % and 20 %: the first ceil(10 % or 20 % of the
 *    customers with a value) by rank;
 *  - the contact plan: the first rule that fits, the day the next
 *    contact is due (last interaction, else customer since, plus the
 *    rule's period) and how many days it is overdue;
 *  - referrals: how many customers each one brought, directly and
 *    through them, and what those bring in a year.
 *
 * Everything is integer arithmetic on minor units (1/10000) and Julian
 * day numbers.  No recursion: referral depths are found with an
 * explicit stack and the sums go from the deepest customers up.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib.h>

#include "internal.h"

/* qsort has no argument pointer: the data rides in the array. */
struct sort_item {
	int64_t		 value;
	const char	*id;
	size_t		 i;
};

static int
by_rank(const void *pa, const void *pb)
{
	const struct sort_item *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int32_t
current_day(void)
{
	GDate d;

	g_date_clear(&d, 1);
	g_date_set_time_t(&d, time(NULL));
	return g_date_valid(&d) ? (int32_t)g_date_get_julian(&d) : 0;
}

static int
rule_fits(const struct rm_rule *ru, const struct rm_customer *c, char abc)
{
	return (ru->cls == 0 || ru->cls == abc) &&
	    (ru->category == NULL || (c->category != NULL &&
	    strcmp(ru->category, c->category) == 0)) &&
	    (ru->type == 0 || ru->type == c->type) &&
	    (ru->stage == 0 || ru->stage == c->stage);
}

static void
plan(struct rm_analysis *a)
{
	const struct ramify_data *d = a->data;
	size_t i, k;

	for (i = 0; i < d->n; i++) {
		const struct rm_customer *c = &d->cs[i];
		struct rm_stat *s = &a->st[i];
		int32_t from;

		s->overdue = -1;
		for (k = 0; k < d->nrules; k++)
			if (rule_fits(&d->rules[k], c, s->abc))
				break;
		if (k == d->nrules)
			continue;
		s->rule = &d->rules[k];
		if (s->rule->count == 0)
			continue;
		from = c->last != RM_NO_INDEX ? c->events[c->last].day : c->since;
		if ((s->due = rm_date_add(from, s->rule->count,
		    s->rule->unit)) == 0)
			continue;
		s->overdue = a->today > s->due ? a->today - s->due : 0;
	}
}

/* Referral counts and values, from the deepest customers up. */
static int
referrals(struct rm_analysis *a)
{
	const struct ramify_data *d = a->data;
	size_t *depth, *stack, *start, *byd, i, j, top, maxd = 0;

	depth = malloc((d->n + 1) * sizeof *depth);
	stack = malloc((d->n + 1) * sizeof *stack);
	start = calloc(d->n + 2, sizeof *start);
	byd = malloc((d->n + 1) * sizeof *byd);
	if (depth == NULL || stack == NULL || start == NULL || byd == NULL) {
		free(depth);
		free(stack);
		free(start);
		free(byd);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < d->n; i++)
		depth[i] = RM_NO_INDEX;
	/* Depth = number of referrers above: climb to a known depth, then
	 * come back down.  The reader broke every cycle. */
	for (i = 0; i < d->n; i++) {
		for (top = 0, j = i; j != RM_NO_INDEX && depth[j] == RM_NO_INDEX;
		    j = d->cs[j].referrer)
			stack[top++] = j;
		while (top > 0) {
			size_t k = stack[--top], r = d->cs[k].referrer;

			depth[k] = r == RM_NO_INDEX ? 0 : depth[r] + 1;
			if (depth[k] > maxd)
				maxd = depth[k];
		}
	}
	/* Counting sort by depth, then add each customer to its referrer,
	 * deepest first. */
	for (i = 0; i < d->n; i++)
		start[depth[i] + 1]++;
	for (i = 1; i <= maxd + 1; i++)
		start[i] += start[i - 1];
	for (i = 0; i < d->n; i++)
		byd[start[depth[i]]++] = i;
	for (j = d->n; j-- > 0; ) {
		size_t k = byd[j], r = d->cs[k].referrer;

		if (r == RM_NO_INDEX)
			continue;
		a->st[r].nreferred++;
		a->st[r].nbrought += 1 + a->st[k].nbrought;
		/* Both are parts of the total, which did not overflow. */
		a->st[r].brought += d->cs[k].value + a->st[k].brought;
	}
	free(depth);
	free(stack);
	free(start);
	free(byd);
	return RAMIFY_OK;
}

int
rm_analyse(const struct ramify_data *d, const struct ramify_options *o,
    struct rm_diag *diag, struct rm_analysis *a)
{
	struct sort_item *items;
	__int128 before;
	size_t i, k;
	int64_t cum = 0;

	memset(a, 0, sizeof *a);
	a->data = d;
	a->n = d->n;
	a->today = o->today[0] != '\0' ? rm_date_parse(o->today) : 0;
	if (a->today == 0)
		a->today = current_day();
	/* The cut-offs come as percentages (an option, not money): keep
	 * them in millionths, and compare in integers from here on. */
	for (k = 0; k < 2; k++)
		a->cut[k] = (int64_t)(o->abc[k] * 10000 + 0.5);
	a->order = malloc((d->n + 1) * sizeof *a->order);
	a->st = calloc(d->n + 1, sizeof *a->st);
	items = malloc((d->n + 1) * sizeof *items);
	if (a->order == NULL || a->st == NULL || items == NULL) {
		free(items);
		rm_analysis_free(a);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < d->n; i++) {
		items[i] = (struct sort_item){ d->cs[i].value, d->cs[i].id, i };
		if (__builtin_add_overflow(a->total, d->cs[i].value, &a->total)) {
			rm_error(diag, d->cs[i].pos, "the values add up to more "
			    "than %lld.%04d", (long long)(INT64_MAX /
			    RM_MONEY_SCALE), (int)(INT64_MAX % RM_MONEY_SCALE));
			free(items);
			rm_analysis_free(a);
			return RAMIFY_ELIMIT;
		}
		a->npaying += d->cs[i].value > 0;
	}
	qsort(items, d->n, sizeof *items, by_rank);
	/* Gold: the first ceil(10 %) and ceil(20 %) of the paying ones. */
	a->ngold10 = (a->npaying + 9) / 10;
	a->ngold20 = (a->npaying + 4) / 5;
	for (k = 0; k < d->n; k++) {
		struct rm_stat *s = &a->st[items[k].i];
		int64_t v = items[k].value;

		a->order[k] = items[k].i;
		s->rank = k + 1;
		before = (__int128)cum * 1000000;
		cum += v;
		s->cum = cum;
		if (v <= 0 || a->total <= 0)
			s->abc = 'C';
		else if (before < (__int128)a->cut[0] * a->total)
			s->abc = 'A';
		else if (before < (__int128)a->cut[1] * a->total)
			s->abc = 'B';
		else
			s->abc = 'C';
		s->gold10 = v > 0 && k < a->ngold10;
		s->gold20 = v > 0 && k < a->ngold20;
	}
	free(items);
	plan(a);
	if (referrals(a) != RAMIFY_OK) {
		rm_analysis_free(a);
		return RAMIFY_ENOMEM;
	}
	return RAMIFY_OK;
}

void
rm_analysis_free(struct rm_analysis *a)
{
	free(a->order);
	free(a->st);
	a->order = NULL;
	a->st = NULL;
}

int
ramify_report_write(const ramify_data *d, const char *format,
    const ramify_options *o, ramify_write_fn fn, void *arg)
{
	ramify_options *tmp = NULL;
	struct rm_diag diag = { 0 };
	struct rm_analysis a;
	struct rm_sink *sink;
	int rc, frc, kind;

	if (d == NULL || format == NULL)
		return RAMIFY_EUSAGE;
	if (strcmp(format, "text") == 0)
		kind = 0;
	else if (strcmp(format, "md") == 0 || strcmp(format, "markdown") == 0)
		kind = 1;
	else if (strcmp(format, "json") == 0)
		kind = 2;
	else
		return RAMIFY_EUSAGE;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = d->file;
	if ((rc = rm_analyse(d, o, &diag, &a)) != RAMIFY_OK) {
		ramify_options_free(tmp);
		return rc;
	}
	/* The sink's buffer is large: keep it off the caller's stack. */
	if ((sink = malloc(sizeof *sink)) == NULL) {
		rm_analysis_free(&a);
		ramify_options_free(tmp);
		return RAMIFY_ENOMEM;
	}
	rm_sink_init(sink, fn, arg);
	rc = kind == 2 ? rm_report_json(&a, sink) :
	    rm_report_text(&a, sink, kind == 1);
	frc = rm_sink_flush(sink);
	free(sink);
	rm_analysis_free(&a);
	ramify_options_free(tmp);
	return rc != RAMIFY_OK ? rc : frc;
}
