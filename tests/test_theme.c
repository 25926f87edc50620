/*
 * test_theme.c: themes are data, and the data is checked.  Every
 * built-in theme parses; every key a theme may have changes the style
 * (so none is dead); unknown, missing and bad keys are errors that name
 * the key; options override the theme where they should.
 */
#include <math.h>
#include <stdint.h>

#include <glib.h>

#include "internal.h"
#include "util.h"

static void
parse_ok(const char *name, struct rm_style *s)
{
	const char *src = rm_theme_text(name);
	char err[256];

	assert_non_null(src);
	memset(s, 0, sizeof *s);
	if (rm_theme_parse(src, strlen(src), s, err, sizeof err) != RAMIFY_OK)
		fail_msg("theme %s: %s", name, err);
}

/* Parse `text`; expect failure with `want` in the message. */
static void
parse_fails(const char *text, const char *want)
{
	struct rm_style s;
	char err[256];

	memset(&s, 0, sizeof s);
	assert_int_equal(rm_theme_parse(text, strlen(text), &s, err,
	    sizeof err), RAMIFY_EUSAGE);
	if (strstr(err, want) == NULL)
		fail_msg("error '%s' lacks '%s'", err, want);
}

/* The default theme with [group] key's value replaced. */
static char *
with_value(const char *group, const char *key, const char *value)
{
	const char *src = rm_theme_text("default");
	GKeyFile *kf = g_key_file_new();
	char *out;

	assert_true(g_key_file_load_from_data(kf, src, strlen(src),
	    G_KEY_FILE_KEEP_COMMENTS, NULL));
	if (value != NULL)
		g_key_file_set_value(kf, group, key, value);
	else
		assert_true(g_key_file_remove_key(kf, group, key, NULL));
	out = g_key_file_to_data(kf, NULL, NULL);
	g_key_file_free(kf);
	return out;
}

/* ---- tests ------------------------------------------------------------- */

static void
test_builtin_themes_parse(void **state)
{
	static const char *const want[] = { "default", "print", "workshop" };
	struct rm_style s;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_true(rm_theme_exists(want[i]));
		parse_ok(want[i], &s);
		assert_true(s.font_size[0] > s.font_size[1]);
		assert_true(s.font_size[1] >= s.font_size[2]);
		assert_true(s.npalette >= 1);
	}
	for (n = 0; rm_theme_name(n) != NULL; n++)
		parse_ok(rm_theme_name(n), &s);
	assert_int_equal(n, 3);
	assert_false(rm_theme_exists("dark"));
	assert_false(rm_theme_exists(""));
	assert_null(rm_theme_text("Default"));
}

/* What each theme promises, in its data. */
static void
test_theme_character(void **state)
{
	struct rm_style d, p, w;
	int lv;

	(void)state;
	parse_ok("default", &d);
	parse_ok("print", &p);
	parse_ok("workshop", &w);
	/* print: no fills, black on white, black branches and icons. */
	for (lv = 0; lv < 4; lv++) {
		assert_true(p.box[lv] == RM_BOX_OUTLINE ||
		    p.box[lv] == RM_BOX_UNDERLINE);
		assert_false(p.shadow[lv]);
		assert_true(p.border[lv] > 0);
	}
	assert_int_equal(p.text_dark, 0x000000);
	assert_false(p.edge_branch);
	assert_int_equal(p.edge_color, 0x000000);
	assert_true(p.icons_mono);
	assert_false(p.user_colors);
	assert_false(p.badge_filled);
	/* ...with hierarchy: sizes, weights and line widths fall. */
	assert_true(p.border[0] > p.border[1] && p.border[1] > p.border[2]);
	assert_true(p.bold[0] && p.bold[1]);
	/* workshop: larger type and more room than the default. */
	for (lv = 0; lv < 4; lv++) {
		assert_true(w.font_size[lv] >= d.font_size[lv] * 1.4);
		assert_true(w.pad_x[lv] > d.pad_x[lv]);
		assert_true(w.icon_size[lv] > d.icon_size[lv]);
	}
	assert_true(w.hgap > d.hgap && w.vgap > d.vgap);
	assert_true(w.wrap_width > d.wrap_width);
	assert_true(w.edge_width[1] > d.edge_width[1]);
	/* default: today's look. */
	assert_int_equal(d.box[1], RM_BOX_FILLED);
	assert_int_equal(d.box[2], RM_BOX_TINTED);
	assert_int_equal(d.root_color, 0x263445);
	assert_true(d.taper && d.edge_branch);
	assert_int_equal(d.npalette, 8);
	assert_int_equal(rm_style_branch_color(&d, 0), 0x2f6fb0);
	assert_int_equal(rm_style_branch_color(&d, 9), 0xd0632a);
}

/*
 * A different value for `value`, in the same syntax: numbers halved (or
 * 0.5 when 0), booleans flipped, colours changed, words rotated.
 */
static char *
other_value(const char *value)
{
	static const char *const boxes[] = {
		"filled", "tinted", "outline", "underline"
	};
	GString *out = g_string_new(NULL);
	gchar **parts = g_strsplit(value, ";", -1);
	size_t i, b;

	for (i = 0; parts[i] != NULL; i++) {
		const char *v = parts[i];
		char *end;
		double d;

		if (i > 0)
			g_string_append_c(out, ';');
		if (i > 0 || v[0] == '\0') {
			g_string_append(out, v);
			continue;
		}
		d = g_ascii_strtod(v, &end);
		if (end != v && *end == '\0') {
			g_string_append_printf(out, "%g", d == 0 ? 0.5 : d / 2);
			continue;
		}
		if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0) {
			g_string_append(out, v[0] == 't' ? "false" : "true");
			continue;
		}
		if (v[0] == '#') {
			g_string_append(out, strcmp(v, "#123456") != 0 ?
			    "#123456" : "#654321");
			continue;
		}
		if (strcmp(v, "branch") == 0) {
			g_string_append(out, "#123456");
			continue;
		}
		/* A single word of two: the badge style. */
		if (parts[1] == NULL && (strcmp(v, "filled") == 0 ||
		    strcmp(v, "outline") == 0)) {
			g_string_append(out, v[0] == 'f' ? "outline" : "filled");
			continue;
		}
		for (b = 0; b < 4; b++)
			if (strcmp(v, boxes[b]) == 0)
				break;
		if (b < 4) {
			g_string_append(out, boxes[(b + 1) % 4]);
			continue;
		}
		/* A font family list. */
		g_string_append(out, "Serif");
	}
	g_strfreev(parts);
	return g_string_free(out, FALSE);
}

/* Every key is used: changing it changes the style. */
static void
test_every_key_is_used(void **state)
{
	const char *src = rm_theme_text("default"), *group, *key;
	GKeyFile *kf = g_key_file_new();
	struct rm_style base, changed;
	size_t i;

	(void)state;
	parse_ok("default", &base);
	assert_true(g_key_file_load_from_data(kf, src, strlen(src),
	    G_KEY_FILE_NONE, NULL));
	for (i = 0; rm_theme_key(i, &group, &key); i++) {
		char *value, *other, *text, err[256];

		value = g_key_file_get_value(kf, group, key, NULL);
		if (value == NULL)
			fail_msg("default theme lacks [%s] %s", group, key);
		other = other_value(value);
		text = with_value(group, key, other);
		memset(&changed, 0, sizeof changed);
		if (rm_theme_parse(text, strlen(text), &changed, err,
		    sizeof err) != RAMIFY_OK)
			fail_msg("[%s] %s=%s: %s", group, key, other, err);
		if (memcmp(&base, &changed, sizeof base) == 0)
			fail_msg("[%s] %s: %s and %s give the same style",
			    group, key, value, other);
		g_free(value);
		g_free(other);
		g_free(text);
	}
	assert_true(i >= 30);
	g_key_file_free(kf);
}

/* Each built-in theme has exactly the keys of the table. */
static void
test_themes_have_every_key(void **state)
{
	const char *group, *key, *name;
	size_t i, t;

	(void)state;
	for (t = 0; (name = rm_theme_name(t)) != NULL; t++) {
		const char *src = rm_theme_text(name);
		GKeyFile *kf = g_key_file_new();
		gchar **groups;
		size_t nkeys = 0, g;

		assert_true(g_key_file_load_from_data(kf, src, strlen(src),
		    G_KEY_FILE_NONE, NULL));
		for (i = 0; rm_theme_key(i, &group, &key); i++)
			if (!g_key_file_has_key(kf, group, key, NULL))
				fail_msg("%s lacks [%s] %s", name, group, key);
		groups = g_key_file_get_groups(kf, NULL);
		for (g = 0; groups[g] != NULL; g++) {
			gsize n;
			gchar **keys = g_key_file_get_keys(kf, groups[g], &n,
			    NULL);

			nkeys += n;
			g_strfreev(keys);
		}
		assert_int_equal(nkeys, i);
		g_strfreev(groups);
		g_key_file_free(kf);
	}
}

static void
test_bad_themes(void **state)
{
	char *t;

	(void)state;
	/* A typo in a key, an unknown group, a missing key. */
	t = with_value("box", "pading-x", "1;2;3;4");
	parse_fails(t, "[box] pading-x: unknown key");
	g_free(t);
	t = with_value("colours", "palette", "#000000");
	parse_fails(t, "[colours] palette: unknown key");
	g_free(t);
	t = with_value("edges", "taper", NULL);
	parse_fails(t, "[edges] taper: missing");
	g_free(t);
	/* Bad values. */
	t = with_value("font", "size", "19;13.5;11");
	parse_fails(t, "[font] size: want 4 numbers");
	g_free(t);
	t = with_value("font", "size", "19;13.5;11;0");
	parse_fails(t, "[font] size: 0 is not within 4 to 200");
	g_free(t);
	t = with_value("box", "tint", "0;0;0.85;nan");
	parse_fails(t, "[box] tint");
	g_free(t);
	t = with_value("box", "style", "filled;filled;tinted;dotted");
	parse_fails(t, "unknown style 'dotted'");
	g_free(t);
	t = with_value("colors", "root", "263445");
	parse_fails(t, "[colors] root: '263445' is not a colour");
	g_free(t);
	t = with_value("colors", "root", "#26344g");
	parse_fails(t, "is not a colour");
	g_free(t);
	t = with_value("edges", "color", "blue");
	parse_fails(t, "(#rrggbb or branch)");
	g_free(t);
	t = with_value("colors", "palette", "#000000;#ffffff;#000000;"
	    "#ffffff;#000000;#ffffff;#000000;#ffffff;#000000;#ffffff;"
	    "#000000;#ffffff;#000000;#ffffff;#000000;#ffffff;#000000");
	parse_fails(t, "want 1 to 16 colours");
	g_free(t);
	t = with_value("font", "bold", "true;true;maybe;false");
	parse_fails(t, "[font] bold");
	g_free(t);
	t = with_value("markers", "badge", "striped");
	parse_fails(t, "unknown style 'striped'");
	g_free(t);
	t = with_value("font", "family", "");
	parse_fails(t, "[font] family");
	g_free(t);
	/* Not a key file at all. */
	parse_fails("this is not a theme\n", "");
	parse_fails("[font]\nsize=1\n[font\n", "");
}

static void
test_style_init(void **state)
{
	ramify_options *o = ramify_options_new();
	struct rm_style s, d;

	(void)state;
	rm_style_init(&d, NULL);
	parse_ok("default", &s);
	assert_memory_equal(&s, &d, sizeof s);

	/* The theme the options name; options override some keys. */
	assert_int_equal(ramify_options_set(o, "theme", "workshop"),
	    RAMIFY_OK);
	rm_style_init(&s, o);
	assert_true(s.font_size[0] == 30);
	assert_true(s.wrap_width == 320 && s.hgap == 64);
	assert_int_equal(ramify_options_set(o, "hgap", "10"), RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "vgap", "0"), RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "wrap-width", "100"),
	    RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "notes", "inline"), RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "expand-level", "2"),
	    RAMIFY_OK);
	rm_style_init(&s, o);
	assert_true(s.hgap == 10 && s.vgap == 0 && s.wrap_width == 100);
	assert_int_equal(s.notes, RM_NOTES_INLINE);
	assert_int_equal(s.expand_level, 2);
	assert_true(s.font_size[0] == 30);
	/* Unknown names never get that far. */
	assert_int_not_equal(ramify_options_set(o, "theme", "neon"),
	    RAMIFY_OK);
	ramify_options_free(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_builtin_themes_parse),
		cmocka_unit_test(test_theme_character),
		cmocka_unit_test(test_every_key_is_used),
		cmocka_unit_test(test_themes_have_every_key),
		cmocka_unit_test(test_bad_themes),
		cmocka_unit_test(test_style_init),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
