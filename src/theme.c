/*
 * theme.c: themes are data.  Each themes/NAME.theme is a GKeyFile that
 * the Makefile compiles into the library (build/themes.c), so rendering
 * never reads a file.  The table below is the whole format: every key a
 * theme must have, where it goes in struct rm_style and what values it
 * takes.  An unknown or missing key is an error, so a typo in a theme
 * cannot pass unnoticed (tests/test_theme.c parses every built-in one).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "internal.h"

/* build/themes.c: name, source, name, source, ..., NULL. */
extern const char *const rm_theme_src[];

enum kind {
	K_NUM,		/* one number */
	K_LEVELS,	/* four numbers: root, 1, 2, deeper */
	K_EDGES,	/* three numbers: levels 1, 2, deeper (into [1..3]) */
	K_BOOL,
	K_BOOLS,	/* four booleans by level */
	K_BOXES,	/* four box styles by level */
	K_COLOR,	/* #rrggbb */
	K_COLOR_BRANCH,	/* #rrggbb or "branch" (sets the int before it) */
	K_PALETTE,	/* 1 to RM_PALETTE_MAX colours */
	K_FONT,		/* a Pango family list */
	K_FILL		/* "filled" or "outline" */
};

struct key {
	const char	*group, *name;
	enum kind	 kind;
	size_t		 off;
	double		 lo, hi;	/* numbers */
};

#define F(field) offsetof(struct rm_style, field)

static const struct key keys[] = {
	{ "font", "family", K_FONT, F(font_family), 0, 0 },
	{ "font", "size", K_LEVELS, F(font_size), 4, 200 },
	{ "font", "bold", K_BOOLS, F(bold), 0, 0 },
	{ "box", "style", K_BOXES, F(box), 0, 0 },
	{ "box", "pad-x", K_LEVELS, F(pad_x), 0, 200 },
	{ "box", "pad-y", K_LEVELS, F(pad_y), 0, 200 },
	{ "box", "radius", K_LEVELS, F(radius), 0, 200 },
	{ "box", "border", K_LEVELS, F(border), 0, 20 },
	{ "box", "tint", K_LEVELS, F(tint), 0, 1 },
	{ "box", "border-tint", K_LEVELS, F(border_tint), 0, 1 },
	{ "box", "shadow", K_BOOLS, F(shadow), 0, 0 },
	{ "box", "icon-size", K_LEVELS, F(icon_size), 4, 200 },
	{ "spacing", "hgap", K_NUM, F(hgap), 0, 1000 },
	{ "spacing", "vgap", K_NUM, F(vgap), 0, 1000 },
	{ "spacing", "margin", K_NUM, F(margin), 0, 1000 },
	{ "spacing", "wrap-width", K_NUM, F(wrap_width), 40, 2000 },
	{ "colors", "palette", K_PALETTE, F(palette), 0, 0 },
	{ "colors", "root", K_COLOR, F(root_color), 0, 0 },
	{ "colors", "text-light", K_COLOR, F(text_light), 0, 0 },
	{ "colors", "text-dark", K_COLOR, F(text_dark), 0, 0 },
	{ "colors", "user-colors", K_BOOL, F(user_colors), 0, 0 },
	{ "colors", "icons-mono", K_BOOL, F(icons_mono), 0, 0 },
	{ "edges", "width", K_EDGES, F(edge_width), 0.1, 50 },
	{ "edges", "taper", K_BOOL, F(taper), 0, 0 },
	{ "edges", "color", K_COLOR_BRANCH, F(edge_color), 0, 0 },
	{ "edges", "corner", K_NUM, F(corner), 0, 100 },
	{ "markers", "scale", K_NUM, F(marker_scale), 0.3, 1.5 },
	{ "markers", "note-fill", K_COLOR, F(note_fill), 0, 0 },
	{ "markers", "note-border", K_COLOR, F(note_border), 0, 0 },
	{ "markers", "note-text", K_COLOR, F(note_text), 0, 0 },
	{ "markers", "badge", K_FILL, F(badge_filled), 0, 0 },
	{ "notes", "size", K_NUM, F(note_size), 4, 100 },
	{ "notes", "wrap-width", K_NUM, F(note_wrap), 40, 2000 },
	{ "notes", "color", K_COLOR, F(note_color), 0, 0 },
	{ "cards", "size", K_NUM, F(card_size), 4, 100 },
	{ "cards", "wrap-width", K_NUM, F(card_wrap), 40, 2000 },
	{ "cards", "fill", K_COLOR, F(card_fill), 0, 0 },
	{ "cards", "border", K_COLOR, F(card_border), 0, 0 },
	{ "cards", "text", K_COLOR, F(card_text), 0, 0 },
	{ "cards", "class-a", K_COLOR, F(class_color[0]), 0, 0 },
	{ "cards", "class-b", K_COLOR, F(class_color[1]), 0, 0 },
	{ "cards", "class-c", K_COLOR, F(class_color[2]), 0, 0 },
	{ "cards", "warn-fill", K_COLOR, F(warn_fill), 0, 0 },
	{ "cards", "warn-text", K_COLOR, F(warn_text), 0, 0 },
};

#define NKEYS (sizeof keys / sizeof keys[0])

static const char *const box_names[] = {
	"filled", "tinted", "outline", "underline"	/* enum rm_box_style */
};

const char *
rm_theme_name(size_t i)
{
	size_t k;

	for (k = 0; rm_theme_src[k] != NULL; k += 2)
		if (i-- == 0)
			return rm_theme_src[k];
	return NULL;
}

const char *
rm_theme_text(const char *name)
{
	size_t k;

	for (k = 0; rm_theme_src[k] != NULL; k += 2)
		if (strcmp(rm_theme_src[k], name) == 0)
			return rm_theme_src[k + 1];
	return NULL;
}

int
rm_theme_exists(const char *name)
{
	return rm_theme_text(name) != NULL;
}

int
rm_theme_key(size_t i, const char **group, const char **name)
{
	if (i >= NKEYS)
		return 0;
	*group = keys[i].group;
	*name = keys[i].name;
	return 1;
}

static const struct key *
find_key(const char *group, const char *name)
{
	size_t i;

	for (i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].group, group) == 0 &&
		    strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

/* "#rrggbb" into *rgb; 0 when it is not one. */
static int
parse_color(const char *s, uint32_t *rgb)
{
	uint32_t v = 0;
	int i;

	if (s[0] != '#' || strlen(s) != 7)
		return 0;
	for (i = 1; i < 7; i++) {
		int c = (unsigned char)s[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return 0;
		v = v << 4 | (uint32_t)d;
	}
	*rgb = v;
	return 1;
}

/* One key's value into the style; 0 with a message in err on error. */
static int
parse_value(GKeyFile *kf, const struct key *k, struct rm_style *s,
    char *err, size_t errsize)
{
	unsigned char *field = (unsigned char *)s + k->off;
	GError *ge = NULL;
	gchar **list = NULL, *str = NULL;
	gsize n = 0, i, want;
	int ok = 0;

	switch (k->kind) {
	case K_NUM:
	case K_LEVELS:
	case K_EDGES: {
		gdouble *v;

		want = k->kind == K_NUM ? 1 : k->kind == K_LEVELS ? 4 : 3;
		v = g_key_file_get_double_list(kf, k->group, k->name, &n, &ge);
		if (v == NULL || n != want) {
			snprintf(err, errsize, "[%s] %s: want %zu number%s",
			    k->group, k->name, (size_t)want, want > 1 ? "s" : "");
			g_free(v);
			break;
		}
		for (i = 0; i < n; i++)
			if (!(v[i] >= k->lo && v[i] <= k->hi))
				break;
		if (i < n) {
			snprintf(err, errsize, "[%s] %s: %g is not within "
			    "%g to %g", k->group, k->name, v[i], k->lo, k->hi);
			g_free(v);
			break;
		}
		/* Edge widths are by the child's level: [0] stays unused. */
		memcpy(field + (k->kind == K_EDGES ? sizeof(double) : 0), v,
		    n * sizeof(double));
		g_free(v);
		ok = 1;
		break;
	}
	case K_BOOL:
	case K_BOOLS: {
		gboolean *v;

		want = k->kind == K_BOOL ? 1 : 4;
		v = g_key_file_get_boolean_list(kf, k->group, k->name, &n, &ge);
		if (v == NULL || n != want) {
			snprintf(err, errsize, "[%s] %s: want %s", k->group,
			    k->name, want > 1 ? "4 of true or false" :
			    "true or false");
			g_free(v);
			break;
		}
		for (i = 0; i < n; i++)
			((int *)(void *)field)[i] = v[i] != FALSE;
		g_free(v);
		ok = 1;
		break;
	}
	case K_BOXES:
	case K_FILL:
		want = k->kind == K_BOXES ? 4 : 1;
		list = g_key_file_get_string_list(kf, k->group, k->name, &n,
		    &ge);
		if (list == NULL || n != want) {
			snprintf(err, errsize, "[%s] %s: want %s", k->group,
			    k->name, want > 1 ? "4 of filled, tinted, outline "
			    "or underline" : "filled or outline");
			break;
		}
		for (i = 0; i < n; i++) {
			size_t b;

			if (k->kind == K_FILL) {
				if (strcmp(list[i], "filled") != 0 &&
				    strcmp(list[i], "outline") != 0)
					break;
				((int *)(void *)field)[i] =
				    strcmp(list[i], "filled") == 0;
				continue;
			}
			for (b = 0; b < sizeof box_names / sizeof box_names[0];
			    b++)
				if (strcmp(list[i], box_names[b]) == 0)
					break;
			if (b == sizeof box_names / sizeof box_names[0])
				break;
			((int *)(void *)field)[i] = (int)b;
		}
		if (i < n) {
			snprintf(err, errsize, "[%s] %s: unknown style '%s'",
			    k->group, k->name, list[i]);
			break;
		}
		ok = 1;
		break;
	case K_COLOR:
	case K_COLOR_BRANCH:
		str = g_key_file_get_string(kf, k->group, k->name, &ge);
		if (str == NULL)
			break;
		if (k->kind == K_COLOR_BRANCH) {
			/* The flag just before the colour in rm_style. */
			int *branch = &s->edge_branch;

			*branch = strcmp(str, "branch") == 0;
			if (*branch) {
				*(uint32_t *)(void *)field = 0;
				ok = 1;
				break;
			}
		}
		if (!parse_color(str, (uint32_t *)(void *)field)) {
			snprintf(err, errsize, "[%s] %s: '%s' is not a colour "
			    "(#rrggbb%s)", k->group, k->name, str,
			    k->kind == K_COLOR_BRANCH ? " or branch" : "");
			break;
		}
		ok = 1;
		break;
	case K_PALETTE:
		list = g_key_file_get_string_list(kf, k->group, k->name, &n,
		    &ge);
		if (list == NULL || n < 1 || n > RM_PALETTE_MAX) {
			snprintf(err, errsize, "[%s] %s: want 1 to %d colours",
			    k->group, k->name, RM_PALETTE_MAX);
			break;
		}
		for (i = 0; i < n; i++)
			if (!parse_color(list[i], &s->palette[i]))
				break;
		if (i < n) {
			snprintf(err, errsize, "[%s] %s: '%s' is not a colour "
			    "(#rrggbb)", k->group, k->name, list[i]);
			break;
		}
		s->npalette = n;
		ok = 1;
		break;
	case K_FONT:
		str = g_key_file_get_string(kf, k->group, k->name, &ge);
		if (str == NULL)
			break;
		if (str[0] == '\0' || strlen(str) >= RM_FONT_MAX) {
			snprintf(err, errsize, "[%s] %s: want 1 to %d bytes",
			    k->group, k->name, RM_FONT_MAX - 1);
			break;
		}
		memcpy(field, str, strlen(str) + 1);
		ok = 1;
		break;
	}
	if (!ok && ge != NULL && err[0] == '\0')
		snprintf(err, errsize, "[%s] %s: %s", k->group, k->name,
		    ge->message);
	if (ge != NULL)
		g_error_free(ge);
	g_strfreev(list);
	g_free(str);
	return ok;
}

int
rm_theme_parse(const char *text, size_t len, struct rm_style *s, char *err,
    size_t errsize)
{
	GKeyFile *kf = g_key_file_new();
	GError *ge = NULL;
	gchar **groups = NULL, **names = NULL;
	size_t i, j;
	int rc = RAMIFY_EUSAGE;

	err[0] = '\0';
	if (!g_key_file_load_from_data(kf, text, len, G_KEY_FILE_NONE, &ge)) {
		snprintf(err, errsize, "%s", ge->message);
		g_error_free(ge);
		goto out;
	}
	/* Nothing unknown... */
	groups = g_key_file_get_groups(kf, NULL);
	for (i = 0; groups[i] != NULL; i++) {
		names = g_key_file_get_keys(kf, groups[i], NULL, NULL);
		for (j = 0; names != NULL && names[j] != NULL; j++)
			if (find_key(groups[i], names[j]) == NULL) {
				snprintf(err, errsize, "[%s] %s: unknown key",
				    groups[i], names[j]);
				goto out;
			}
		if (j == 0) {
			snprintf(err, errsize, "[%s]: unknown or empty group",
			    groups[i]);
			goto out;
		}
		g_strfreev(names);
		names = NULL;
	}
	/* ...and nothing missing. */
	for (i = 0; i < NKEYS; i++) {
		if (!g_key_file_has_key(kf, keys[i].group, keys[i].name,
		    NULL)) {
			snprintf(err, errsize, "[%s] %s: missing",
			    keys[i].group, keys[i].name);
			goto out;
		}
		if (!parse_value(kf, &keys[i], s, err, errsize))
			goto out;
	}
	rc = RAMIFY_OK;
out:
	g_strfreev(names);
	g_strfreev(groups);
	g_key_file_free(kf);
	return rc;
}
