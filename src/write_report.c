/*
 * write_report.c: the customer report as plain text, Markdown or JSON
 * (`ramify report`), from the analyses of report.c.
 *
 * Text and Markdown have the same sections: summary, ranking, A/B/C and
 * gold, value by stage, type, team and owner, referral trees, deal
 * breakers and reasons for leaving, and the contact plan with who is
 * overdue.  JSON (jansson) has the same figures and one object per
 * customer in rank order, keys in a fixed order; it is written piece by
 * piece, so 100 000 customers never sit in memory as JSON.  Amounts and
 * shares are exact decimals computed in integers; in JSON they are
 * strings, so that no reader takes them through binary floating point.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <jansson.h>

#include "internal.h"

/* Ids listed after a group in text before "and N more". */
#define LIST_IDS	8
/* Referral trees: deeper levels are not indented further. */
#define TREE_INDENT	8
/* Names in text tables are cut to this many columns. */
#define NAME_COLS	30

/* ---- Groups: value by stage, type, team, owner ------------------------ */

struct group {
	const char	*label;		/* NULL: "(none)" */
	const char	*extra;		/* owner: the team */
	size_t		 count;
	int64_t		 value;
};

struct groups {
	struct group	*g;
	size_t		 n;
};

static unsigned
get_stage(const struct rm_customer *c)
{
	return c->stage;
}

static unsigned
get_type(const struct rm_customer *c)
{
	return c->type;
}

static unsigned
get_team(const struct rm_customer *c)
{
	return c->team;
}

/* Customers and value per word of list `l` (what `get` picks), in the
 * list's order, "(none)" last; words nobody has are left out. */
static int
by_word(const struct rm_analysis *a, enum rm_list l,
    unsigned (*get)(const struct rm_customer *), struct groups *out)
{
	const struct ramify_data *d = a->data;
	struct group all[12];
	size_t i, k, n = 0;

	memset(all, 0, sizeof all);
	for (i = 0; i < d->n; i++) {
		unsigned v = get(&d->cs[i]);

		v = rm_word(l, v) != NULL ? v : 0;
		all[v].count++;
		all[v].value += d->cs[i].value;
	}
	if ((out->g = calloc(12, sizeof *out->g)) == NULL)
		return RAMIFY_ENOMEM;
	for (k = 1; k <= 11; k++) {
		unsigned v = k == 11 ? 0 : (unsigned)k;

		if (all[v].count == 0 || (v != 0 && rm_word(l, v) == NULL))
			continue;
		out->g[n] = all[v];
		out->g[n++].label = v == 0 ? NULL : rm_word(l, v);
	}
	out->n = n;
	return RAMIFY_OK;
}

static int
by_value_then_label(const void *pa, const void *pb)
{
	const struct group *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	if (a->label == NULL || b->label == NULL)
		return (a->label == NULL) - (b->label == NULL);
	return strcmp(a->label, b->label);
}

/* Customers and value per owner (person, or team when no person),
 * value down. */
static int
by_owner(const struct rm_analysis *a, struct groups *out)
{
	const struct ramify_data *d = a->data;
	GHashTable *h = g_hash_table_new(g_str_hash, g_str_equal);
	size_t i, n = 0;
	int rc = RAMIFY_OK;

	out->g = NULL;
	out->n = 0;
	for (i = 0; i < d->n; i++) {
		const struct rm_customer *c = &d->cs[i];
		const char *key = c->owner != NULL ? c->owner :
		    c->team != 0 ? rm_word(RM_LIST_TEAM, c->team) : "";
		size_t k = GPOINTER_TO_SIZE(g_hash_table_lookup(h, key));

		if (k == 0) {
			void *p = realloc(out->g, (n + 1) * sizeof *out->g);

			if (p == NULL) {
				rc = RAMIFY_ENOMEM;
				break;
			}
			out->g = p;
			memset(&out->g[n], 0, sizeof out->g[n]);
			out->g[n].label = *key != '\0' ? key : NULL;
			out->g[n].extra = c->owner != NULL && c->team != 0 ?
			    rm_word(RM_LIST_TEAM, c->team) : NULL;
			g_hash_table_insert(h, (char *)key, GSIZE_TO_POINTER(++n));
			k = n;
		}
		out->g[k - 1].count++;
		out->g[k - 1].value += c->value;
	}
	g_hash_table_destroy(h);
	out->n = n;
	if (n > 0)
		qsort(out->g, n, sizeof *out->g, by_value_then_label);
	return rc;
}

/* ---- Deal breakers and reasons for leaving ---------------------------- */

struct reason {
	const char	*text;		/* as first written */
	size_t		*who;		/* customer indices, rank order */
	size_t		 count, cap;
	int64_t		 value;
};

struct reasons {
	struct reason	*r;
	size_t		 n;
};

static int
by_count(const void *pa, const void *pb)
{
	const struct reason *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return strcmp(a->text, b->text);
}

/* The group of deal breaker `text` in `h` (casefolded text -> group
 * number + 1), made when new; its spelling is the first one met.
 * Returns the index, or (size_t)-1 when out of memory. */
static size_t
reason_group(GHashTable *h, struct reasons *out, size_t *cap,
    const char *text)
{
	char *key = g_utf8_casefold(text, -1);
	size_t g = GPOINTER_TO_SIZE(g_hash_table_lookup(h, key));

	if (g != 0) {
		g_free(key);
		return g - 1;
	}
	if (out->n == *cap) {
		void *p = realloc(out->r, (*cap = *cap ? *cap * 2 : 8) *
		    sizeof *out->r);

		if (p == NULL) {
			g_free(key);
			return (size_t)-1;
		}
		out->r = p;
	}
	memset(&out->r[out->n], 0, sizeof out->r[out->n]);
	out->r[out->n].text = text;
	g_hash_table_insert(h, key, GSIZE_TO_POINTER(out->n + 1));
	return out->n++;
}

/* Deal breakers of the customers we still have (`lost` 0) or of those
 * who left (1), grouped by their text ignoring case, spelt as first
 * written in the file; customers in rank order. */
static int
group_reasons(const struct rm_analysis *a, int lost, struct reasons *out)
{
	const struct ramify_data *d = a->data;
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free,
	    NULL);
	size_t k, j, g, cap = 0;
	int rc = RAMIFY_OK;

	out->r = NULL;
	out->n = 0;
	/* Groups in file order, so that the first spelling names them. */
	for (k = 0; k < d->n && rc == RAMIFY_OK; k++)
		if (rm_customer_lost(&d->cs[k]) == lost)
			for (j = 0; j < d->cs[k].nbreakers; j++)
				if (reason_group(h, out, &cap,
				    d->cs[k].breakers[j]) == (size_t)-1)
					rc = RAMIFY_ENOMEM;
	for (k = 0; k < d->n && rc == RAMIFY_OK; k++) {
		const struct rm_customer *c = &d->cs[a->order[k]];

		if (rm_customer_lost(c) != lost)
			continue;
		for (j = 0; j < c->nbreakers; j++) {
			struct reason *re;

			g = reason_group(h, out, &cap, c->breakers[j]);
			re = &out->r[g];
			/* A customer who says it twice counts once. */
			if (re->count > 0 && re->who[re->count - 1] == a->order[k])
				continue;
			if (re->count == re->cap) {
				void *p = realloc(re->who, (re->cap = re->cap ?
				    re->cap * 2 : 4) * sizeof *re->who);

				if (p == NULL) {
					rc = RAMIFY_ENOMEM;
					break;
				}
				re->who = p;
			}
			re->who[re->count++] = a->order[k];
			re->value += c->value;
		}
	}
	g_hash_table_destroy(h);
	if (out->n > 0)
		qsort(out->r, out->n, sizeof *out->r, by_count);
	return rc;
}

static void
free_reasons(struct reasons *rs)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		free(rs->r[i].who);
	free(rs->r);
}

/* ---- Referral trees ----------------------------------------------------- */

/* Children of each customer in rank order: kids[first[i] .. first[i+1]). */
struct tree {
	size_t	*first, *kids;
};

static int
build_tree(const struct rm_analysis *a, struct tree *t)
{
	const struct ramify_data *d = a->data;
	size_t *fill, i, k;

	t->first = calloc(d->n + 2, sizeof *t->first);
	t->kids = malloc((d->n + 1) * sizeof *t->kids);
	fill = malloc((d->n + 1) * sizeof *fill);
	if (t->first == NULL || t->kids == NULL || fill == NULL) {
		free(t->first);
		free(t->kids);
		free(fill);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < d->n; i++)
		if (d->cs[i].referrer != RM_NO_INDEX)
			t->first[d->cs[i].referrer + 1]++;
	for (i = 1; i <= d->n; i++)
		t->first[i] += t->first[i - 1];
	memcpy(fill, t->first, (d->n + 1) * sizeof *fill);
	for (k = 0; k < d->n; k++) {
		size_t c = a->order[k], r = d->cs[c].referrer;

		if (r != RM_NO_INDEX)
			t->kids[fill[r]++] = c;
	}
	free(fill);
	return RAMIFY_OK;
}

static void
free_tree(struct tree *t)
{
	free(t->first);
	free(t->kids);
}

/* ---- Text helpers ---------------------------------------------------------- */

/* Columns `s` takes on a terminal: wide (CJK) characters take two. */
static size_t
columns(const char *s, size_t len)
{
	const char *p, *end = s + len;
	size_t w = 0;

	for (p = s; p < end; p = g_utf8_next_char(p)) {
		gunichar u = g_utf8_get_char(p);

		if (g_unichar_iszerowidth(u))
			continue;
		w += g_unichar_iswide(u) ? 2 : 1;
	}
	return w;
}

/* `s` in `width` columns, appended to `row`: cut with "..." when longer,
 * padded on the right (or the left, `right` set). */
static void
put_cell(GString *row, const char *s, size_t width, int right)
{
	size_t len = strlen(s), w = columns(s, len), cut = len;

	if (w > width) {
		/* Keep whole characters that fit in width - 3 columns. */
		const char *p;
		size_t used = 0, cw;

		for (p = s; *p != '\0'; p = g_utf8_next_char(p)) {
			gunichar u = g_utf8_get_char(p);

			cw = g_unichar_iszerowidth(u) ? 0 :
			    g_unichar_iswide(u) ? 2 : 1;
			if (used + cw > width - 3)
				break;
			used += cw;
		}
		cut = (size_t)(p - s);
		w = used + 3;
	}
	if (right)
		for (; w < width; w++)
			g_string_append_c(row, ' ');
	g_string_append_len(row, s, (gssize)cut);
	if (cut < len)
		g_string_append(row, "...");
	if (!right)
		for (; w < width; w++)
			g_string_append_c(row, ' ');
}

/* Markdown table cell text: '|' and the characters Markdown reads. */
static void
put_md(struct rm_sink *o, const char *s)
{
	for (; *s != '\0'; s++) {
		if (strchr("\\|*_`[]<>#", *s) != NULL)
			rm_putc(o, '\\');
		rm_putc(o, *s == '\n' ? ' ' : *s);
	}
}

struct out {
	const struct rm_analysis *a;
	struct rm_sink	*o;
	int		 md;
	const char	*cur;		/* the file's currency, or "" */
	GString		*row;		/* text: the row being made */
};

static void
heading(struct out *w, const char *title)
{
	if (w->md)
		rm_printf(w->o, "\n## %s\n\n", title);
	else
		rm_printf(w->o, "\n%s\n", title);
}

/* Start a table row (Markdown: "| "), or indent. */
static void
row_start(struct out *w)
{
	if (w->md)
		rm_puts(w->o, "| ");
	else
		g_string_assign(w->row, "  ");
}

/* Between cells, and at the end of a row (text: without the padding
 * of the last cells). */
static void
row_sep(struct out *w)
{
	if (w->md)
		rm_puts(w->o, " | ");
	else
		g_string_append(w->row, "  ");
}

static void
row_end(struct out *w)
{
	size_t n;

	if (w->md) {
		rm_puts(w->o, " |\n");
		return;
	}
	for (n = w->row->len; n > 0 && w->row->str[n - 1] == ' '; n--)
		;
	rm_put(w->o, w->row->str, n);
	rm_putc(w->o, '\n');
}

static void
cell(struct out *w, const char *s, size_t width, int right)
{
	if (w->md)
		put_md(w->o, s);
	else
		put_cell(w->row, s, width, right);
}

/* A header row, and in Markdown the line under it; `spec` gives each
 * column's width and 'l'/'r' alignment: "30l 12r ...". */
static void
header(struct out *w, const char *const *titles, const char *spec)
{
	const char *p = spec;
	size_t i;

	row_start(w);
	for (i = 0; titles[i] != NULL; i++) {
		char *end;
		size_t width = strtoul(p, &end, 10);

		if (i > 0)
			row_sep(w);
		cell(w, titles[i], width, *end == 'r');
		p = end + 1 + strspn(end + 1, " ");
	}
	row_end(w);
	if (!w->md)
		return;
	rm_puts(w->o, "|");
	p = spec;
	for (i = 0; titles[i] != NULL; i++) {
		char *end;

		strtoul(p, &end, 10);
		rm_puts(w->o, *end == 'r' ? " ---: |" : " --- |");
		p = end + 1 + strspn(end + 1, " ");
	}
	rm_putc(w->o, '\n');
}

static const char *
name_id(const struct rm_customer *c, char *buf, size_t size)
{
	snprintf(buf, size, "%s (%s)", c->name, c->id);
	return buf;
}

/* ---- Text sections --------------------------------------------------------- */

static void
text_summary(struct out *w, const struct groups *cls)
{
	const struct rm_analysis *a = w->a;
	const struct ramify_data *d = a->data;
	char m[RM_NUM_BUF], s1[RM_NUM_BUF], s2[RM_NUM_BUF];
	int64_t g10 = 0, g20 = 0;
	size_t k, overdue = 0, never = 0;

	for (k = 0; k < d->n; k++) {
		const struct rm_stat *s = &a->st[a->order[k]];

		g10 += s->gold10 ? d->cs[a->order[k]].value : 0;
		g20 += s->gold20 ? d->cs[a->order[k]].value : 0;
		overdue += s->overdue > 0;
		never += s->rule != NULL && s->rule->count > 0 &&
		    d->cs[a->order[k]].last == RM_NO_INDEX;
	}
	heading(w, "Summary");
	if (w->md) {
		rm_printf(w->o, "- **Customers:** %zu, %zu with a value\n",
		    a->n, a->npaying);
		rm_printf(w->o, "- **Total value:** %s %s a year\n",
		    rm_money_str(a->total, 1, m), w->cur);
	} else {
		rm_printf(w->o, "  Customers         %zu, %zu with a value\n",
		    a->n, a->npaying);
		rm_printf(w->o, "  Total value       %s %s a year\n",
		    rm_money_str(a->total, 1, m), w->cur);
	}
	for (k = 0; k < cls->n; k++)
		rm_printf(w->o, w->md ? "- **Class %s:** %zu customer%s, %s "
		    "(%s %%)\n" : "  Class %-11s %zu customer%s, %s (%s %%)\n",
		    cls->g[k].label, cls->g[k].count, cls->g[k].count == 1 ?
		    "" : "s", rm_money_str(cls->g[k].value, 1, m),
		    rm_share_str(cls->g[k].value, a->total, 2, s1));
	rm_printf(w->o, w->md ? "- **Gold 10 %%:** the first %zu by value, "
	    "%s (%s %%)\n" : "  Gold 10 %%         the first %zu by value, "
	    "%s (%s %%)\n", a->ngold10, rm_money_str(g10, 1, m),
	    rm_share_str(g10, a->total, 2, s1));
	rm_printf(w->o, w->md ? "- **Gold 20 %%:** the first %zu by value, "
	    "%s (%s %%)\n" : "  Gold 20 %%         the first %zu by value, "
	    "%s (%s %%)\n", a->ngold20, rm_money_str(g20, 1, m),
	    rm_share_str(g20, a->total, 2, s2));
	rm_printf(w->o, w->md ? "- **Contact overdue:** %zu customer%s, %zu "
	    "never contacted\n" : "  Contact overdue   %zu customer%s, %zu "
	    "never contacted\n", overdue, overdue == 1 ? "" : "s", never);
}

static void
text_ranking(struct out *w)
{
	static const char *const titles[] = { "Rank", "Id", "Name",
	    "Value a year", "Share %", "Cum. %", "Class", "Gold", NULL };
	const struct rm_analysis *a = w->a;
	const struct ramify_data *d = a->data;
	char m[RM_NUM_BUF], s1[RM_NUM_BUF], s2[RM_NUM_BUF], num[32];
	size_t k;

	heading(w, "Ranking by value");
	header(w, titles, "4r 8l 30l 16r 7r 7r 5l 4l");
	for (k = 0; k < d->n; k++) {
		const struct rm_customer *c = &d->cs[a->order[k]];
		const struct rm_stat *s = &a->st[a->order[k]];

		row_start(w);
		snprintf(num, sizeof num, "%zu", s->rank);
		cell(w, num, 4, 1);
		row_sep(w);
		cell(w, c->id, 8, 0);
		row_sep(w);
		cell(w, c->name, NAME_COLS, 0);
		row_sep(w);
		cell(w, rm_money_str(c->value, 1, m), 16, 1);
		row_sep(w);
		cell(w, rm_share_str(c->value, a->total, 2, s1), 7, 1);
		row_sep(w);
		cell(w, rm_share_str(s->cum, a->total, 2, s2), 7, 1);
		row_sep(w);
		num[0] = s->abc;
		num[1] = '\0';
		cell(w, num, 5, 0);
		row_sep(w);
		cell(w, s->gold10 ? "10" : s->gold20 ? "20" : "", 4, 0);
		row_end(w);
	}
}

static void
text_groups(struct out *w, const char *title, const char *what,
    const struct groups *g)
{
	const char *titles[] = { what, "Customers", "Value a year", "Share %",
	    NULL };
	char m[RM_NUM_BUF], s1[RM_NUM_BUF], num[32], label[160];
	size_t k;

	heading(w, title);
	header(w, titles, "30l 9r 16r 7r");
	for (k = 0; k < g->n; k++) {
		if (g->g[k].extra != NULL)
			snprintf(label, sizeof label, "%s, %s", g->g[k].label,
			    g->g[k].extra);
		else
			snprintf(label, sizeof label, "%s", g->g[k].label !=
			    NULL ? g->g[k].label : "(none)");
		row_start(w);
		cell(w, label, NAME_COLS, 0);
		row_sep(w);
		snprintf(num, sizeof num, "%zu", g->g[k].count);
		cell(w, num, 9, 1);
		row_sep(w);
		cell(w, rm_money_str(g->g[k].value, 1, m), 16, 1);
		row_sep(w);
		cell(w, rm_share_str(g->g[k].value, w->a->total, 2, s1), 7, 1);
		row_end(w);
	}
}

static int
text_referrals(struct out *w, const struct tree *t)
{
	const struct rm_analysis *a = w->a;
	const struct ramify_data *d = a->data;
	char m[RM_NUM_BUF], m2[RM_NUM_BUF], nm[256];
	size_t *stack, *level, top, k, any = 0;

	heading(w, "Referrals: who brought whom");
	stack = malloc((d->n + 1) * sizeof *stack);
	level = malloc((d->n + 1) * sizeof *level);
	if (stack == NULL || level == NULL) {
		free(stack);
		free(level);
		return RAMIFY_ENOMEM;
	}
	for (k = 0; k < d->n; k++) {
		size_t root = a->order[k];

		if (d->cs[root].referrer != RM_NO_INDEX ||
		    a->st[root].nreferred == 0)
			continue;
		any = 1;
		/* Depth first, children in rank order: push them backwards. */
		stack[0] = root;
		level[0] = 0;
		top = 1;
		while (top > 0) {
			size_t i = stack[--top], lv = level[top], j, ind;
			const struct rm_customer *c = &d->cs[i];
			const struct rm_stat *s = &a->st[i];

			ind = lv < TREE_INDENT ? lv : TREE_INDENT;
			if (w->md)
				for (j = 0; j < ind; j++)
					rm_puts(w->o, "  ");
			else
				for (j = 0; j <= ind; j++)
					rm_puts(w->o, "  ");
			rm_puts(w->o, w->md ? "- " : lv > 0 ? "<- " : "");
			if (lv > TREE_INDENT)
				rm_printf(w->o, "(level %zu) ", lv);
			if (w->md)
				put_md(w->o, name_id(c, nm, sizeof nm));
			else
				rm_puts(w->o, name_id(c, nm, sizeof nm));
			rm_printf(w->o, ", %s%s", rm_money_str(c->value, 1, m),
			    rm_customer_lost(c) ? " (lost)" : "");
			if (s->nreferred > 0)
				rm_printf(w->o, "; brought %zu customer%s worth "
				    "%s", s->nbrought, s->nbrought == 1 ? "" : "s",
				    rm_money_str(s->brought, 1, m2));
			rm_putc(w->o, '\n');
			for (j = t->first[i + 1]; j-- > t->first[i]; ) {
				stack[top] = t->kids[j];
				level[top++] = lv + 1;
			}
		}
	}
	if (!any)
		rm_puts(w->o, w->md ? "No referrals on record.\n" :
		    "  No referrals on record.\n");
	free(stack);
	free(level);
	return RAMIFY_OK;
}

static void
text_reasons(struct out *w, const char *title, const struct reasons *rs,
    int lost)
{
	const struct ramify_data *d = w->a->data;
	char m[RM_NUM_BUF];
	size_t k, j;

	heading(w, title);
	if (rs->n == 0)
		rm_puts(w->o, w->md ? "None on record.\n" : "  None on record.\n");
	for (k = 0; k < rs->n; k++) {
		const struct reason *re = &rs->r[k];

		if (w->md) {
			rm_puts(w->o, "- **");
			put_md(w->o, re->text);
			rm_puts(w->o, "**: ");
		} else
			rm_printf(w->o, "  %s: ", re->text);
		rm_printf(w->o, "%zu customer%s", re->count, re->count == 1 ?
		    "" : "s");
		if (!lost)
			rm_printf(w->o, ", %s a year at stake",
			    rm_money_str(re->value, 1, m));
		rm_puts(w->o, " (");
		for (j = 0; j < re->count && j < LIST_IDS; j++) {
			if (w->md)
				put_md(w->o, d->cs[re->who[j]].id);
			else
				rm_puts(w->o, d->cs[re->who[j]].id);
			if (j + 1 < re->count && j + 1 < LIST_IDS)
				rm_puts(w->o, ", ");
		}
		if (re->count > LIST_IDS)
			rm_printf(w->o, " and %zu more", re->count - LIST_IDS);
		rm_puts(w->o, ")\n");
	}
}

/* "class A, category large, every P1M by visit" */
static void
put_rule(struct rm_sink *o, const struct rm_rule *ru)
{
	int any = 0;

	if (ru->cls != 0)
		rm_printf(o, "%sclass %c", any++ ? ", " : "", ru->cls);
	if (ru->category != NULL)
		rm_printf(o, "%scategory %s", any++ ? ", " : "", ru->category);
	if (ru->type != 0)
		rm_printf(o, "%stype %s", any++ ? ", " : "",
		    rm_word(RM_LIST_TYPE, ru->type));
	if (ru->stage != 0)
		rm_printf(o, "%sstage %s", any++ ? ", " : "",
		    rm_word(RM_LIST_STAGE, ru->stage));
	if (!any)
		rm_puts(o, "everyone else");
	if (ru->count == 0)
		rm_puts(o, ": no regular contact");
	else
		rm_printf(o, ": every %s%s%s", ru->every, ru->how ? " by " : "",
		    ru->how ? rm_word(RM_LIST_CHANNEL, ru->how) : "");
}

/* Most overdue first; equal days in rank order. */
static int
most_overdue(const void *px, const void *py, void *arg)
{
	const struct rm_analysis *a = arg;
	const struct rm_stat *x = &a->st[*(const size_t *)px],
	    *y = &a->st[*(const size_t *)py];

	if (x->overdue != y->overdue)
		return x->overdue > y->overdue ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int
text_plan(struct out *w)
{
	static const char *const titles[] = { "Id", "Name", "Owner", "Class",
	    "Last contact", "Due", "Days over", NULL };
	const struct rm_analysis *a = w->a;
	const struct ramify_data *d = a->data;
	char date[16], date2[16], num[32], title[64];
	size_t k, i, n = 0, never = 0;

	snprintf(title, sizeof title, "Contact plan as of %s",
	    rm_date_str(a->today, date));
	heading(w, title);
	if (d->nrules == 0) {
		rm_puts(w->o, w->md ? "The file has no contact plan.\n" :
		    "  The file has no contact plan.\n");
		return RAMIFY_OK;
	}
	for (i = 0; i < d->nrules; i++) {
		rm_puts(w->o, w->md ? "- " : "  ");
		put_rule(w->o, &d->rules[i]);
		rm_putc(w->o, '\n');
	}
	for (i = 0; i < d->n; i++)
		n += a->st[i].overdue > 0;
	rm_printf(w->o, w->md ? "\n**Overdue: %zu customer%s**, most overdue "
	    "first.\n\n" : "\n  Overdue: %zu customer%s, most overdue first.\n",
	    n, n == 1 ? "" : "s");
	if (n > 0) {
		size_t *list = malloc(n * sizeof *list), m = 0;

		if (list == NULL)
			return RAMIFY_ENOMEM;
		for (k = 0; k < d->n; k++)
			if (a->st[a->order[k]].overdue > 0)
				list[m++] = a->order[k];
		g_qsort_with_data(list, (gint)m, sizeof *list, most_overdue,
		    (void *)a);
		header(w, titles, "8l 30l 20l 5l 12l 10l 9r");
		for (k = 0; k < m; k++) {
			const struct rm_customer *c = &d->cs[list[k]];
			const struct rm_stat *s = &a->st[list[k]];
			char owner[160];

			snprintf(owner, sizeof owner, "%s", c->owner != NULL ?
			    c->owner : c->team ? rm_word(RM_LIST_TEAM, c->team) :
			    "(none)");
			row_start(w);
			cell(w, c->id, 8, 0);
			row_sep(w);
			cell(w, c->name, NAME_COLS, 0);
			row_sep(w);
			cell(w, owner, 20, 0);
			row_sep(w);
			num[0] = s->abc;
			num[1] = '\0';
			cell(w, num, 5, 0);
			row_sep(w);
			cell(w, c->last != RM_NO_INDEX ? rm_date_str(
			    c->events[c->last].day, date) : "never", 12, 0);
			row_sep(w);
			cell(w, rm_date_str(s->due, date2), 10, 0);
			row_sep(w);
			snprintf(num, sizeof num, "%lld", (long long)s->overdue);
			cell(w, num, 9, 1);
			row_end(w);
		}
		free(list);
	}
	for (i = 0; i < d->n; i++)
		never += a->st[i].rule != NULL && a->st[i].rule->count > 0 &&
		    d->cs[i].last == RM_NO_INDEX;
	if (never > 0) {
		size_t shown = 0;

		rm_printf(w->o, w->md ? "\n**Never contacted: %zu customer%s** "
		    "(" : "\n  Never contacted: %zu customer%s (", never,
		    never == 1 ? "" : "s");
		for (k = 0; k < d->n && shown < LIST_IDS; k++) {
			const struct rm_customer *c = &d->cs[a->order[k]];

			if (a->st[a->order[k]].rule == NULL ||
			    a->st[a->order[k]].rule->count == 0 ||
			    c->last != RM_NO_INDEX)
				continue;
			if (shown++ > 0)
				rm_puts(w->o, ", ");
			if (w->md)
				put_md(w->o, c->id);
			else
				rm_puts(w->o, c->id);
		}
		if (never > LIST_IDS)
			rm_printf(w->o, " and %zu more", never - LIST_IDS);
		rm_puts(w->o, ")\n");
	}
	return RAMIFY_OK;
}

static int
class_groups(const struct rm_analysis *a, struct groups *g)
{
	static const char *const names[] = { "A", "B", "C" };
	size_t i, k;

	if ((g->g = calloc(3, sizeof *g->g)) == NULL)
		return RAMIFY_ENOMEM;
	g->n = 3;
	for (k = 0; k < 3; k++)
		g->g[k].label = names[k];
	for (i = 0; i < a->n; i++) {
		k = (size_t)(a->st[i].abc - 'A');
		g->g[k].count++;
		g->g[k].value += a->data->cs[i].value;
	}
	return RAMIFY_OK;
}

int
rm_report_text(const struct rm_analysis *a, struct rm_sink *o, int md)
{
	const struct ramify_data *d = a->data;
	struct out w = { a, o, md, d->currency != NULL ? d->currency : "",
	    NULL };
	struct groups cls = { 0 }, stage = { 0 }, type = { 0 }, team = { 0 },
	    owner = { 0 };
	struct reasons keep = { 0 }, left = { 0 };
	struct tree t = { 0 };
	char date[16], a1[RM_NUM_BUF], b1[RM_NUM_BUF];
	int rc;

	w.row = g_string_new(NULL);
	if ((rc = class_groups(a, &cls)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_STAGE, get_stage, &stage)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_TYPE, get_type, &type)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_TEAM, get_team, &team)) != RAMIFY_OK ||
	    (rc = by_owner(a, &owner)) != RAMIFY_OK ||
	    (rc = group_reasons(a, 0, &keep)) != RAMIFY_OK ||
	    (rc = group_reasons(a, 1, &left)) != RAMIFY_OK ||
	    (rc = build_tree(a, &t)) != RAMIFY_OK)
		goto out;
	rm_cutoff_str(a->cut[0], a1);
	rm_cutoff_str(a->cut[1], b1);
	if (md) {
		rm_puts(o, "# Customer report: ");
		put_md(o, d->title != NULL ? d->title : d->file);
		rm_puts(o, "\n\n");
		rm_puts(o, "File ");
		put_md(o, d->file);
		rm_printf(o, ", as of %s. Values are a year, in %s. Class A "
		    "holds the customers ranked before the cumulative value "
		    "reaches %s %%, class B before %s %%.\n",
		    rm_date_str(a->today, date), *w.cur ? w.cur : "(no "
		    "currency)", a1, b1);
	} else {
		rm_printf(o, "Customer report: %s\n", d->title != NULL ?
		    d->title : d->file);
		rm_printf(o, "File %s, as of %s.  Values are a year, in %s.\n",
		    d->file, rm_date_str(a->today, date), *w.cur ? w.cur :
		    "(no currency)");
		rm_printf(o, "Class A holds the customers ranked before the "
		    "cumulative value reaches %s %%, class B before %s %%.\n",
		    a1, b1);
	}
	text_summary(&w, &cls);
	text_ranking(&w);
	text_groups(&w, "By lifecycle stage", "Stage", &stage);
	text_groups(&w, "By type", "Type", &type);
	text_groups(&w, "By team", "Team", &team);
	text_groups(&w, "By owner", "Owner", &owner);
	if ((rc = text_referrals(&w, &t)) != RAMIFY_OK)
		goto out;
	text_reasons(&w, "Deal breakers (customers we have)", &keep, 0);
	text_reasons(&w, "Reasons for leaving (lost customers)", &left, 1);
	rc = text_plan(&w);
out:
	free(cls.g);
	free(stage.g);
	free(type.g);
	free(team.g);
	free(owner.g);
	free_reasons(&keep);
	free_reasons(&left);
	free_tree(&t);
	g_string_free(w.row, TRUE);
	return rc;
}

/* ---- JSON --------------------------------------------------------------------- */

static int
dump_cb(const char *buf, size_t size, void *arg)
{
	struct rm_sink *o = arg;

	rm_put(o, buf, size);
	return o->err != 0 ? -1 : 0;
}

/* Consumes `v`. */
static int
put_json(struct rm_sink *o, json_t *v)
{
	int rc;

	if (v == NULL)
		return RAMIFY_ENOMEM;
	rc = json_dump_callback(v, dump_cb, o, JSON_ENCODE_ANY);
	json_decref(v);
	return rc == 0 || o->err != 0 ? RAMIFY_OK : RAMIFY_ENOMEM;
}

/* "key": value, on its own line; consumes `v`. */
static int
put_member(struct rm_sink *o, const char *key, json_t *v, int last)
{
	int rc;

	rm_puts(o, "  ");
	if ((rc = put_json(o, json_string(key))) != RAMIFY_OK) {
		json_decref(v);
		return rc;
	}
	rm_puts(o, ": ");
	rc = put_json(o, v);
	rm_puts(o, last ? "\n" : ",\n");
	return rc;
}

/* Every string here is valid UTF-8 (the reader saw to it): jansson
 * need not check it again. */
static json_t *
jtext(const char *s)
{
	return json_string_nocheck(s);
}

static json_t *
jmoney(int64_t v)
{
	char m[RM_NUM_BUF];

	return jtext(rm_money_str(v, 0, m));
}

static json_t *
jshare(int64_t part, int64_t total)
{
	char s[RM_NUM_BUF];

	return jtext(rm_share_str(part, total, 4, s));
}

static json_t *
jstr(const char *s)
{
	return s != NULL ? jtext(s) : json_null();
}

static json_t *
jdate(int32_t day)
{
	char date[16];

	return day > 0 ? jtext(rm_date_str(day, date)) : json_null();
}

/* Adds in order; a NULL value (out of memory) makes the object NULL. */
static json_t *
jset(json_t *obj, const char *key, json_t *v)
{
	if (obj == NULL || v == NULL || json_object_set_new(obj, key, v) != 0) {
		json_decref(obj);
		json_decref(v);
		return NULL;
	}
	return obj;
}

static json_t *
jgroups(const struct groups *g, const char *key, int64_t total)
{
	json_t *arr = json_array(), *o;
	size_t k;

	for (k = 0; k < g->n && arr != NULL; k++) {
		o = jset(json_object(), key, jstr(g->g[k].label));
		if (strcmp(key, "owner") == 0)
			o = jset(o, "team", jstr(g->g[k].extra));
		o = jset(o, "customers", json_integer((json_int_t)g->g[k].count));
		o = jset(o, "value", jmoney(g->g[k].value));
		o = jset(o, "share", jshare(g->g[k].value, total));
		if (o == NULL || json_array_append_new(arr, o) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *
jreasons(const struct rm_analysis *a, const struct reasons *rs, int lost)
{
	json_t *arr = json_array(), *o, *ids;
	size_t k, j;

	for (k = 0; k < rs->n && arr != NULL; k++) {
		const struct reason *re = &rs->r[k];

		ids = json_array();
		for (j = 0; j < re->count && ids != NULL; j++)
			if (json_array_append_new(ids, json_string(
			    a->data->cs[re->who[j]].id)) != 0) {
				json_decref(ids);
				ids = NULL;
			}
		o = jset(json_object(), "text", json_string(re->text));
		o = jset(o, "customers", json_integer((json_int_t)re->count));
		if (!lost)
			o = jset(o, "value", jmoney(re->value));
		o = jset(o, "ids", ids);
		if (o == NULL || json_array_append_new(arr, o) != 0) {
			json_decref(arr);
			return NULL;
		}
	}
	return arr;
}

static json_t *
jplan(const struct rm_analysis *a)
{
	const struct ramify_data *d = a->data;
	json_t *rules = json_array(), *o;
	size_t i, overdue = 0, never = 0;

	for (i = 0; i < d->nrules && rules != NULL; i++) {
		const struct rm_rule *ru = &d->rules[i];
		char cls[2] = { ru->cls, '\0' };

		o = jset(json_object(), "class", ru->cls ? json_string(cls) :
		    json_null());
		o = jset(o, "category", jstr(ru->category));
		o = jset(o, "type", jstr(rm_word(RM_LIST_TYPE, ru->type)));
		o = jset(o, "stage", jstr(rm_word(RM_LIST_STAGE, ru->stage)));
		o = jset(o, "every", jstr(ru->every));
		o = jset(o, "how", jstr(rm_word(RM_LIST_CHANNEL, ru->how)));
		if (o == NULL || json_array_append_new(rules, o) != 0) {
			json_decref(rules);
			return NULL;
		}
	}
	for (i = 0; i < d->n; i++) {
		overdue += a->st[i].overdue > 0;
		never += a->st[i].rule != NULL && a->st[i].rule->count > 0 &&
		    d->cs[i].last == RM_NO_INDEX;
	}
	o = jset(json_object(), "rules", rules);
	o = jset(o, "overdue", json_integer((json_int_t)overdue));
	return jset(o, "never_contacted", json_integer((json_int_t)never));
}

/*
 * Set `key` of `obj` to `v` (consumed).  The object is made once with
 * every key in order and then refilled for each customer: replacing a
 * value keeps the key's place, and saves building 100 000 hash tables.
 */
static int
jputn(json_t *obj, const char *key, size_t len, json_t *v)
{
	return v != NULL && json_object_setn_new_nocheck(obj, key, len, v) == 0 ?
	    0 : -1;
}

/* Keys are literals: their length is known. */
#define jput(obj, key, v)	jputn(obj, key, sizeof key - 1, v)

/* Fill `o` with customer `i`.  0, or -1 when out of memory. */
static int
jcustomer(const struct rm_analysis *a, size_t i, json_t *o)
{
	const struct rm_customer *c = &a->data->cs[i];
	const struct rm_stat *s = &a->st[i];
	const struct ramify_data *d = a->data;
	char cls[2] = { s->abc, '\0' };

	return jput(o, "id", jtext(c->id)) |
	    jput(o, "name", jtext(c->name)) |
	    jput(o, "value", jmoney(c->value)) |
	    jput(o, "rank", json_integer((json_int_t)s->rank)) |
	    jput(o, "share", jshare(c->value, a->total)) |
	    jput(o, "cumulative_share", jshare(s->cum, a->total)) |
	    jput(o, "abc", jtext(cls)) |
	    jput(o, "gold10", json_boolean(s->gold10)) |
	    jput(o, "gold20", json_boolean(s->gold20)) |
	    jput(o, "type", jstr(rm_word(RM_LIST_TYPE, c->type))) |
	    jput(o, "stage", jstr(rm_word(RM_LIST_STAGE, c->stage))) |
	    jput(o, "team", jstr(rm_word(RM_LIST_TEAM, c->team))) |
	    jput(o, "owner", jstr(c->owner)) |
	    jput(o, "category", jstr(c->category)) |
	    jput(o, "amount", c->per ? jmoney(c->amount) : json_null()) |
	    jput(o, "per", c->per ? jtext(c->per == 1 ? "month" : "year") :
	    json_null()) |
	    jput(o, "currency", jstr(c->per ? c->currency : NULL)) |
	    jput(o, "last_contact", jdate(c->last != RM_NO_INDEX ?
	    c->events[c->last].day : 0)) |
	    jput(o, "next_due", jdate(s->due)) |
	    jput(o, "next_planned", jdate(c->next.day)) |
	    jput(o, "overdue_days", s->overdue >= 0 ?
	    json_integer((json_int_t)s->overdue) : json_null()) |
	    jput(o, "referred_by", c->referrer != RM_NO_INDEX ?
	    jtext(d->cs[c->referrer].id) : json_null()) |
	    jput(o, "referrals", json_integer((json_int_t)s->nreferred)) |
	    jput(o, "referred_customers", json_integer((json_int_t)s->nbrought)) |
	    jput(o, "referred_value", jmoney(s->brought));
}

int
rm_report_json(const struct rm_analysis *a, struct rm_sink *o)
{
	const struct ramify_data *d = a->data;
	struct groups cls = { 0 }, stage = { 0 }, type = { 0 }, team = { 0 },
	    owner = { 0 };
	struct reasons keep = { 0 }, left = { 0 };
	char date[16], c0[RM_NUM_BUF], c1[RM_NUM_BUF], line[4096];
	json_t *cut, *gold, *obj;
	int64_t g10 = 0, g20 = 0;
	size_t k;
	int rc;

	if ((rc = class_groups(a, &cls)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_STAGE, get_stage, &stage)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_TYPE, get_type, &type)) != RAMIFY_OK ||
	    (rc = by_word(a, RM_LIST_TEAM, get_team, &team)) != RAMIFY_OK ||
	    (rc = by_owner(a, &owner)) != RAMIFY_OK ||
	    (rc = group_reasons(a, 0, &keep)) != RAMIFY_OK ||
	    (rc = group_reasons(a, 1, &left)) != RAMIFY_OK)
		goto out;
	for (k = 0; k < d->n; k++) {
		g10 += a->st[k].gold10 ? d->cs[k].value : 0;
		g20 += a->st[k].gold20 ? d->cs[k].value : 0;
	}
	rm_cutoff_str(a->cut[0], c0);
	rm_cutoff_str(a->cut[1], c1);
	cut = json_pack("[ss]", c0, c1);
	gold = jset(jset(jset(json_object(), "top10", jset(jset(jset(
	    json_object(), "customers", json_integer((json_int_t)a->ngold10)),
	    "value", jmoney(g10)), "share", jshare(g10, a->total))), "top20",
	    jset(jset(jset(json_object(), "customers",
	    json_integer((json_int_t)a->ngold20)), "value", jmoney(g20)),
	    "share", jshare(g20, a->total))), "rule", json_string("the first "
	    "ceil(10 % and 20 % of the customers with a value) by rank"));
	rm_puts(o, "{\n");
	if ((rc = put_member(o, "title", jstr(d->title), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "file", json_string(d->file), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "today", json_string(rm_date_str(a->today,
	    date)), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "currency", jstr(d->currency), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "abc_cutoffs", cut, 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "customers_count", json_integer(
	    (json_int_t)a->n), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "paying_count", json_integer(
	    (json_int_t)a->npaying), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "total_value", jmoney(a->total), 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "classes", jgroups(&cls, "class", a->total),
	    0)) != RAMIFY_OK ||
	    (rc = put_member(o, "gold", gold, 0)) != RAMIFY_OK ||
	    (rc = put_member(o, "by_stage", jgroups(&stage, "stage", a->total),
	    0)) != RAMIFY_OK ||
	    (rc = put_member(o, "by_type", jgroups(&type, "type", a->total),
	    0)) != RAMIFY_OK ||
	    (rc = put_member(o, "by_team", jgroups(&team, "team", a->total),
	    0)) != RAMIFY_OK ||
	    (rc = put_member(o, "by_owner", jgroups(&owner, "owner", a->total),
	    0)) != RAMIFY_OK ||
	    (rc = put_member(o, "dealbreakers", jreasons(a, &keep, 0), 0)) !=
	    RAMIFY_OK ||
	    (rc = put_member(o, "leaving_reasons", jreasons(a, &left, 1), 0)) !=
	    RAMIFY_OK ||
	    (rc = put_member(o, "plan", jplan(a), 0)) != RAMIFY_OK)
		goto out;
	rm_puts(o, "  \"customers\": [\n");
	if ((obj = json_object()) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	for (k = 0; k < d->n && rc == RAMIFY_OK; k++) {
		size_t len;

		rm_puts(o, "    ");
		if (jcustomer(a, a->order[k], obj) != 0) {
			rc = RAMIFY_ENOMEM;
			break;
		}
		/* Into a buffer first: one write a customer, not one for
		 * every piece jansson makes. */
		len = json_dumpb(obj, line, sizeof line, 0);
		if (len > 0 && len <= sizeof line)
			rm_put(o, line, len);
		else if (json_dump_callback(obj, dump_cb, o, 0) != 0 &&
		    o->err == 0)
			rc = RAMIFY_ENOMEM;
		rm_puts(o, k + 1 < d->n ? ",\n" : "\n");
	}
	json_decref(obj);
	rm_puts(o, "  ]\n}\n");
out:
	free(cls.g);
	free(stage.g);
	free(type.g);
	free(team.g);
	free(owner.g);
	free_reasons(&keep);
	free_reasons(&left);
	return rc;
}
