/*
 * options.c: every option in one table.  The CLI turns "--name value"
 * into ramify_options_set(o, "name", "value"), so a new option is a row
 * here and a field in struct ramify_options, nothing more.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "internal.h"

static const char *const layouts[] = { "map", "logic", "org", "org-compact",
    "radial", NULL };

enum kind {
	K_FLAG,		/* no argument */
	K_NUM,		/* positive number, clamped to [lo, hi] */
	K_UINT,		/* whole number >= 0, at most hi */
	K_WORD,		/* one of `words` */
	K_STR,		/* any text up to the field's size */
	K_SPECIAL	/* parsed by set_special() */
};

struct optdef {
	const char	*name;
	const char	*arg;
	const char	*help;
	enum kind	 kind;
	size_t		 off, size;	/* field in struct ramify_options */
	double		 lo, hi;
	const char	*words;		/* K_WORD: space-separated */
};

#define F(field) offsetof(struct ramify_options, field), \
	sizeof(((struct ramify_options *)0)->field)

static const struct optdef opts[] = {
	{ "layout", "NAME", "layout: map, logic, org, org-compact or radial (default map)",
	  K_SPECIAL, F(layout), 0, 0, NULL },
	{ "wrap-width", "PT", "wrap topic text wider than PT points (default: the theme's)",
	  K_NUM, F(wrap_width), 40, 2000, NULL },
	{ "hgap", "PT", "space between a topic and its children (default: the theme's)",
	  K_NUM, F(hgap), 0, 1000, NULL },
	{ "vgap", "PT", "space between sibling subtrees (default: the theme's)",
	  K_NUM, F(vgap), 0, 1000, NULL },
	{ "expand-level", "N", "fold every topic deeper than N (default: as in the file)",
	  K_UINT, F(expand_level), 0, 1000000, NULL },
	{ "theme", "NAME", "colours and type: default, print or workshop",
	  K_SPECIAL, F(theme), 0, 0, NULL },
	{ "dpi", "N", "PNG resolution (default 144)",
	  K_NUM, F(dpi), 18, 1200, NULL },
	{ "page", "SIZE", "PDF pages: fit (default), or a4, a3, letter, with ,landscape",
	  K_SPECIAL, F(page), 0, 0, NULL },
	{ "notes", "MODE", "notes in pictures: endnotes (default), inline or none",
	  K_WORD, F(notes), 0, 0, "endnotes inline none" },
	{ "no-cards", NULL, "do not draw linked customers' data cards (their notes stay)",
	  K_FLAG, F(no_cards), 0, 0, NULL },
	{ "svg-text", NULL, "SVG keeps text as <text> (smaller, searchable)",
	  K_FLAG, F(svg_text), 0, 0, NULL },
	{ "author", "TEXT", "PDF author",
	  K_STR, F(author), 0, 0, NULL },
	{ "subject", "TEXT", "PDF subject",
	  K_STR, F(subject), 0, 0, NULL },
	{ "threads", "N", "threads that shape text (default: up to 2)",
	  K_UINT, F(threads), 0, 64, NULL },
	{ "sheet", "N|NAME", "XMind sheet to read (default: the first)",
	  K_STR, F(sheet), 0, 0, NULL },
	{ "group-by", "FIELDS", "portfolio map grouping, comma-separated (default abc,stage)",
	  K_STR, F(group_by), 0, 0, NULL },
	{ "today", "DATE", "the date reports count from, YYYY-MM-DD (default: today)",
	  K_SPECIAL, F(today), 0, 0, NULL },
	{ "abc", "A,B", "cumulative value shares that end classes A and B (default 80,95)",
	  K_SPECIAL, F(abc), 0, 0, NULL },
};

#define NOPTS (sizeof opts / sizeof opts[0])

ramify_options *
ramify_options_new(void)
{
	struct ramify_options *o;

	if ((o = calloc(1, sizeof *o)) == NULL)
		return NULL;
	strcpy(o->layout, "map");
	strcpy(o->theme, "default");
	o->wrap_width = 0;	/* the theme's */
	o->hgap = o->vgap = -1;
	o->dpi = 144;
	o->abc[0] = 80;
	o->abc[1] = 95;
	return o;
}

void
ramify_options_free(ramify_options *o)
{
	free(o);
}

void
ramify_options_set_diag(ramify_options *o, ramify_diag_fn fn, void *arg)
{
	o->diag_fn = fn;
	o->diag_arg = arg;
}

const char *
ramify_layout_name(size_t i)
{
	return i < sizeof layouts / sizeof layouts[0] ? layouts[i] : NULL;
}

const char *
ramify_option_at(size_t i, const char **arg, const char **help)
{
	if (i >= NOPTS)
		return NULL;
	if (arg != NULL)
		*arg = opts[i].arg;
	if (help != NULL)
		*help = opts[i].help;
	return opts[i].name;
}

static int
parse_num(const char *s, double *v)
{
	char *end;

	errno = 0;
	*v = strtod(s, &end);
	return errno == 0 && end != s && *end == '\0' && isfinite(*v);
}

/* YYYY-MM-DD naming a real day. */
static int
valid_date(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, n = 0;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 ||
	    n != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	if (m == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 0;
	return 1;
}

static int
set_special(struct ramify_options *o, const struct optdef *d, const char *v)
{
	size_t i;

	if (strcmp(d->name, "layout") == 0) {
		for (i = 0; layouts[i] != NULL; i++)
			if (strcmp(layouts[i], v) == 0) {
				strcpy(o->layout, layouts[i]);
				return RAMIFY_OK;
			}
		return RAMIFY_EUSAGE;
	}
	if (strcmp(d->name, "theme") == 0) {
		if (strlen(v) >= sizeof o->theme || !rm_theme_exists(v))
			return RAMIFY_EUSAGE;
		strcpy(o->theme, v);
		return RAMIFY_OK;
	}
	if (strcmp(d->name, "page") == 0) {
		static const char *const sizes[] = { "fit", "a4", "a3", "letter" };
		size_t n = strcspn(v, ",");
		int land = 0;

		if (v[n] == ',') {
			if (strcasecmp(v + n + 1, "landscape") == 0)
				land = 1;
			else if (strcasecmp(v + n + 1, "portrait") != 0)
				return RAMIFY_EUSAGE;
		}
		for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
			if (strlen(sizes[i]) == n && strncasecmp(v, sizes[i], n) == 0) {
				if (i == RM_PAGE_FIT && land)
					return RAMIFY_EUSAGE;
				o->page = (enum rm_page_size)i;
				o->landscape = land;
				return RAMIFY_OK;
			}
		return RAMIFY_EUSAGE;
	}
	if (strcmp(d->name, "today") == 0) {
		if (!valid_date(v))
			return RAMIFY_EUSAGE;
		strcpy(o->today, v);
		return RAMIFY_OK;
	}
	if (strcmp(d->name, "abc") == 0) {
		char *end;
		double a, b;

		errno = 0;
		a = strtod(v, &end);
		if (errno != 0 || end == v || *end != ',')
			return RAMIFY_EUSAGE;
		if (!parse_num(end + 1, &b) || !(a > 0) || !(b > a) || !(b <= 100))
			return RAMIFY_EUSAGE;
		o->abc[0] = a;
		o->abc[1] = b;
		return RAMIFY_OK;
	}
	return RAMIFY_EUSAGE;
}

int
ramify_options_set(ramify_options *o, const char *name, const char *value)
{
	const struct optdef *d = NULL;
	char *field;
	double v;
	size_t i;

	for (i = 0; i < NOPTS; i++)
		if (strcmp(opts[i].name, name) == 0)
			d = &opts[i];
	if (d == NULL || (d->kind == K_FLAG) != (value == NULL))
		return RAMIFY_EUSAGE;
	field = (char *)o + d->off;
	switch (d->kind) {
	case K_FLAG:
		*(int *)(void *)field = 1;
		return RAMIFY_OK;
	case K_NUM:
		if (!parse_num(value, &v) || v < 0 || (v == 0 && d->lo > 0))
			return RAMIFY_EUSAGE;
		*(double *)(void *)field = v < d->lo ? d->lo : v > d->hi ? d->hi : v;
		return RAMIFY_OK;
	case K_UINT:
		if (!parse_num(value, &v) || v < 0 || v > d->hi || v != floor(v))
			return RAMIFY_EUSAGE;
		*(unsigned *)(void *)field = (unsigned)v;
		return RAMIFY_OK;
	case K_WORD: {
		const char *p = d->words;
		int k = 0;

		while (*p != '\0') {
			size_t n = strcspn(p, " ");

			if (strlen(value) == n && strncmp(p, value, n) == 0) {
				*(int *)(void *)field = k;
				return RAMIFY_OK;
			}
			p += n + (p[n] == ' ');
			k++;
		}
		return RAMIFY_EUSAGE;
	}
	case K_STR:
		if (strlen(value) >= d->size ||
		    rm_utf8_valid_prefix(value, strlen(value)) != strlen(value))
			return RAMIFY_EUSAGE;
		strcpy(field, value);
		return RAMIFY_OK;
	case K_SPECIAL:
		return set_special(o, d, value);
	}
	return RAMIFY_EUSAGE;
}

/* The typed setters are the table's rows by another name. */
int
ramify_options_set_layout(ramify_options *o, const char *name)
{
	return ramify_options_set(o, "layout", name);
}

void
ramify_options_set_wrap_width(ramify_options *o, double points)
{
	char buf[64];

	if (isnan(points))
		points = 40;
	snprintf(buf, sizeof buf, "%.17g", points < 40 ? 40 : points);
	(void)ramify_options_set(o, "wrap-width", buf);
}

void
ramify_options_set_dpi(ramify_options *o, double dpi)
{
	char buf[64];

	if (isnan(dpi))
		dpi = 18;
	snprintf(buf, sizeof buf, "%.17g", dpi < 18 ? 18 : dpi);
	(void)ramify_options_set(o, "dpi", buf);
}
