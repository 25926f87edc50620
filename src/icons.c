/*
 * icons.c: topic icons as vector shapes, drawn with cairo paths in a unit
 * square (no fonts: an icon looks the same in every output and does not
 * depend on an emoji font being installed).
 *
 * One table of canonical icons, and one sorted table of every name that
 * draws one: our own names, FreeMind's builtin icon names, XMind's
 * marker ids and MindManager's stock icons ("urn:mindjet:Prio1"; the
 * prefix is optional).  Names match without regard to ASCII case.
 * Unknown names draw nothing and take no room (rm_icon_count()).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cairo.h>

#include "internal.h"

#define PI 3.14159265358979323846

enum shape {
	S_PRIORITY,	/* numbered disc; arg: the number */
	S_DONE,		/* ticked box */
	S_PROGRESS,	/* pie; arg: eighths done */
	S_OK,		/* tick in a disc */
	S_NO,		/* cross in a disc */
	S_IMPORTANT,	/* "!" in a disc */
	S_WARNING,	/* "!" in a triangle */
	S_QUESTION,	/* "?" in a disc */
	S_INFO,		/* "i" in a disc */
	S_PLUS,
	S_MINUS,
	S_IDEA,		/* light bulb */
	S_STAR,
	S_FLAG,
	S_STOP,		/* octagon with a bar */
	S_CALENDAR,
	S_PHONE,
	S_MAIL,
	S_PERSON,
	S_PEOPLE,
	S_MONEY,	/* "$" coin */
	S_CLOCK,
	S_HEART,
	S_HOME,
	S_SMILEY,	/* arg: 0 happy, 1 neutral, 2 sad, 3 angry, 4 surprised */
	S_KEY
};

struct icon {
	const char	*name;
	enum shape	 shape;
	uint32_t	 color;
	int		 arg;
};

/* Canonical icons: the names docs/themes.md lists. */
static const struct icon icons[] = {
	{ "priority-1", S_PRIORITY, 0xe03131, 1 },
	{ "priority-2", S_PRIORITY, 0xf08c00, 2 },
	{ "priority-3", S_PRIORITY, 0x1c7ed6, 3 },
	{ "priority-4", S_PRIORITY, 0x2f9e44, 4 },
	{ "priority-5", S_PRIORITY, 0x7048e8, 5 },
	{ "priority-6", S_PRIORITY, 0x0c8599, 6 },
	{ "priority-7", S_PRIORITY, 0xc2255c, 7 },
	{ "priority-8", S_PRIORITY, 0x66800b, 8 },
	{ "priority-9", S_PRIORITY, 0x5c6670, 9 },
	{ "done", S_DONE, 0x2f9e44, 0 },
	{ "progress-0", S_PROGRESS, 0x1c7ed6, 0 },
	{ "progress-1", S_PROGRESS, 0x1c7ed6, 1 },
	{ "progress-2", S_PROGRESS, 0x1c7ed6, 2 },
	{ "progress-3", S_PROGRESS, 0x1c7ed6, 3 },
	{ "progress-4", S_PROGRESS, 0x1c7ed6, 4 },
	{ "progress-5", S_PROGRESS, 0x1c7ed6, 5 },
	{ "progress-6", S_PROGRESS, 0x1c7ed6, 6 },
	{ "progress-7", S_PROGRESS, 0x1c7ed6, 7 },
	{ "ok", S_OK, 0x2f9e44, 0 },
	{ "no", S_NO, 0xe03131, 0 },
	{ "important", S_IMPORTANT, 0xe03131, 0 },
	{ "warning", S_WARNING, 0xf59f00, 0 },
	{ "question", S_QUESTION, 0x1c7ed6, 0 },
	{ "info", S_INFO, 0x1971c2, 0 },
	{ "plus", S_PLUS, 0x2f9e44, 0 },
	{ "minus", S_MINUS, 0xe03131, 0 },
	{ "idea", S_IDEA, 0xfcc419, 0 },
	{ "star", S_STAR, 0xfab005, 0 },
	{ "star-red", S_STAR, 0xe03131, 0 },
	{ "star-orange", S_STAR, 0xf76707, 0 },
	{ "star-green", S_STAR, 0x37b24d, 0 },
	{ "star-blue", S_STAR, 0x1c7ed6, 0 },
	{ "star-purple", S_STAR, 0x7048e8, 0 },
	{ "star-gray", S_STAR, 0x868e96, 0 },
	{ "flag", S_FLAG, 0xe03131, 0 },
	{ "flag-orange", S_FLAG, 0xf76707, 0 },
	{ "flag-yellow", S_FLAG, 0xfab005, 0 },
	{ "flag-green", S_FLAG, 0x2f9e44, 0 },
	{ "flag-blue", S_FLAG, 0x1c7ed6, 0 },
	{ "flag-purple", S_FLAG, 0x7048e8, 0 },
	{ "flag-pink", S_FLAG, 0xe64980, 0 },
	{ "flag-black", S_FLAG, 0x212529, 0 },
	{ "flag-gray", S_FLAG, 0x868e96, 0 },
	{ "stop", S_STOP, 0xe03131, 0 },
	{ "calendar", S_CALENDAR, 0xe03131, 0 },
	{ "phone", S_PHONE, 0x2b8a3e, 0 },
	{ "mail", S_MAIL, 0x1c7ed6, 0 },
	{ "person", S_PERSON, 0x4263eb, 0 },
	{ "people", S_PEOPLE, 0x4263eb, 0 },
	{ "money", S_MONEY, 0x2b8a3e, 0 },
	{ "clock", S_CLOCK, 0x343a40, 0 },
	{ "heart", S_HEART, 0xe64980, 0 },
	{ "home", S_HOME, 0xe8590c, 0 },
	{ "smiley", S_SMILEY, 0xfcc419, 0 },
	{ "smiley-neutral", S_SMILEY, 0xfcc419, 1 },
	{ "smiley-sad", S_SMILEY, 0xfcc419, 2 },
	{ "smiley-angry", S_SMILEY, 0xff922b, 3 },
	{ "smiley-surprised", S_SMILEY, 0xfcc419, 4 },
	{ "key", S_KEY, 0xe8a200, 0 },
};

#define NICONS (sizeof icons / sizeof icons[0])

struct alias {
	const char	*name;
	const char	*icon;	/* canonical */
};

/*
 * Every name that draws something, sorted as strcasecmp() sorts (the
 * tests check), canonical names included.  Sources: FreeMind's builtin
 * icons (full-1, button_ok, messagebox_warning, ...), XMind's marker ids
 * (priority-1, task-done, flag-red, symbol-question, smiley-smile, ...),
 * MindManager's stock icons and task priorities (Prio1, Check, FlagRed,
 * SmileyHappy, ...).
 */
static const struct alias aliases[] = {
	{ "bookmark", "star" },		/* FreeMind: "Excellent" */
	{ "button_cancel", "no" },
	{ "button_ok", "ok" },
	{ "calendar", "calendar" },
	{ "Cellphone", "phone" },
	{ "Check", "done" },
	{ "Checkmark", "done" },
	{ "clock", "clock" },
	{ "closed", "stop" },		/* FreeMind: "No entry" */
	{ "Dollar", "money" },
	{ "done", "done" },
	{ "Email", "mail" },
	{ "Euro", "money" },
	{ "ExclamationMark", "important" },
	{ "family", "people" },
	{ "female1", "person" },
	{ "female2", "person" },
	{ "flag", "flag" },
	{ "flag-black", "flag-black" },
	{ "flag-blue", "flag-blue" },
	{ "flag-gray", "flag-gray" },
	{ "flag-green", "flag-green" },
	{ "flag-grey", "flag-gray" },
	{ "flag-orange", "flag-orange" },
	{ "flag-pink", "flag-pink" },
	{ "flag-purple", "flag-purple" },
	{ "flag-red", "flag" },
	{ "flag-yellow", "flag-yellow" },
	{ "FlagBlack", "flag-black" },
	{ "FlagBlue", "flag-blue" },
	{ "FlagGreen", "flag-green" },
	{ "FlagOrange", "flag-orange" },
	{ "FlagPurple", "flag-purple" },
	{ "FlagRed", "flag" },
	{ "FlagYellow", "flag-yellow" },
	{ "full-1", "priority-1" },
	{ "full-2", "priority-2" },
	{ "full-3", "priority-3" },
	{ "full-4", "priority-4" },
	{ "full-5", "priority-5" },
	{ "full-6", "priority-6" },
	{ "full-7", "priority-7" },
	{ "full-8", "priority-8" },
	{ "full-9", "priority-9" },
	{ "gohome", "home" },
	{ "heart", "heart" },
	{ "help", "question" },
	{ "home", "home" },
	{ "House", "home" },
	{ "idea", "idea" },
	{ "important", "important" },
	{ "info", "info" },
	{ "Information", "info" },
	{ "kaddressbook", "phone" },	/* FreeMind: "Phone" */
	{ "key", "key" },
	{ "kmail", "mail" },
	{ "korn", "mail" },		/* FreeMind: "Mailbox" */
	{ "ksmiletris", "smiley" },
	{ "Letter", "mail" },
	{ "Lightbulb", "idea" },
	{ "mail", "mail" },		/* also FreeMind's "Mail" */
	{ "Mailbox", "mail" },
	{ "male1", "person" },
	{ "male2", "person" },
	{ "Meeting", "people" },
	{ "messagebox_warning", "warning" },
	{ "minus", "minus" },
	{ "money", "money" },
	{ "no", "no" },
	{ "NoEntry", "stop" },
	{ "ok", "ok" },
	{ "password", "key" },
	{ "people", "people" },
	{ "person", "person" },
	{ "phone", "phone" },
	{ "plus", "plus" },
	{ "Prio1", "priority-1" },
	{ "Prio2", "priority-2" },
	{ "Prio3", "priority-3" },
	{ "Prio4", "priority-4" },
	{ "Prio5", "priority-5" },
	{ "Prio6", "priority-6" },
	{ "Prio7", "priority-7" },
	{ "Prio8", "priority-8" },
	{ "Prio9", "priority-9" },
	{ "priority-1", "priority-1" },
	{ "priority-2", "priority-2" },
	{ "priority-3", "priority-3" },
	{ "priority-4", "priority-4" },
	{ "priority-5", "priority-5" },
	{ "priority-6", "priority-6" },
	{ "priority-7", "priority-7" },
	{ "priority-8", "priority-8" },
	{ "priority-9", "priority-9" },
	{ "progress-0", "progress-0" },
	{ "progress-1", "progress-1" },
	{ "progress-2", "progress-2" },
	{ "progress-3", "progress-3" },
	{ "progress-4", "progress-4" },
	{ "progress-5", "progress-5" },
	{ "progress-6", "progress-6" },
	{ "progress-7", "progress-7" },
	{ "question", "question" },
	{ "QuestionMark", "question" },
	{ "smiley", "smiley" },
	{ "smiley-angry", "smiley-angry" },
	{ "smiley-boring", "smiley-neutral" },
	{ "smiley-cry", "smiley-sad" },
	{ "smiley-laugh", "smiley" },
	{ "smiley-neutral", "smiley-neutral" },
	{ "smiley-oh", "smiley-surprised" },	/* FreeMind */
	{ "smiley-sad", "smiley-sad" },
	{ "smiley-smile", "smiley" },
	{ "smiley-surprise", "smiley-surprised" },
	{ "smiley-surprised", "smiley-surprised" },
	{ "SmileyAngry", "smiley-angry" },
	{ "SmileyHappy", "smiley" },
	{ "SmileyNeutral", "smiley-neutral" },
	{ "SmileySad", "smiley-sad" },
	{ "SmileyScreaming", "smiley-surprised" },
	{ "smily_bad", "smiley-sad" },		/* FreeMind's spelling */
	{ "star", "star" },
	{ "star-blue", "star-blue" },
	{ "star-gray", "star-gray" },
	{ "star-green", "star-green" },
	{ "star-grey", "star-gray" },
	{ "star-orange", "star-orange" },
	{ "star-purple", "star-purple" },
	{ "star-red", "star-red" },
	{ "star-yellow", "star" },
	{ "stop", "stop" },
	{ "stop-sign", "stop" },
	{ "symbol-exclam", "important" },
	{ "symbol-info", "info" },
	{ "symbol-minus", "minus" },
	{ "symbol-plus", "plus" },
	{ "symbol-question", "question" },
	{ "symbol-right", "ok" },
	{ "symbol-wrong", "no" },
	{ "task-3oct", "progress-3" },
	{ "task-3quar", "progress-6" },
	{ "task-5oct", "progress-5" },
	{ "task-7oct", "progress-7" },
	{ "task-done", "done" },
	{ "task-half", "progress-4" },
	{ "task-oct", "progress-1" },
	{ "task-quarter", "progress-2" },
	{ "task-start", "progress-0" },
	{ "ThumbsDown", "no" },
	{ "ThumbsUp", "ok" },
	{ "warning", "warning" },
	{ "yes", "important" },		/* FreeMind: a red "!", "Important" */
};

#define NALIASES (sizeof aliases / sizeof aliases[0])

#define MINDJET "urn:mindjet:"

static int
alias_cmp(const void *key, const void *elem)
{
	return strcasecmp(key, ((const struct alias *)elem)->name);
}

static int
canonical(const char *name)
{
	size_t i;

	for (i = 0; i < NICONS; i++)
		if (strcmp(icons[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
rm_icon_lookup(const char *name)
{
	const struct alias *a;

	if (strncasecmp(name, MINDJET, sizeof MINDJET - 1) == 0)
		name += sizeof MINDJET - 1;
	a = bsearch(name, aliases, NALIASES, sizeof aliases[0], alias_cmp);
	return a != NULL ? canonical(a->icon) : -1;
}

size_t
rm_icon_count(const struct ramify_topic *t)
{
	size_t i, n = 0;

	for (i = 0; i < t->nicons; i++)
		if (rm_icon_lookup(t->icons[i]) >= 0)
			n++;
	return n;
}

const char *
rm_icon_alias(size_t i, const char **canon)
{
	if (i >= NALIASES)
		return NULL;
	*canon = aliases[i].icon;
	return aliases[i].name;
}

const char *
rm_icon_name(size_t i)
{
	return i < NICONS ? icons[i].name : NULL;
}

/* ---- drawing, in a unit square ------------------------------------- */

struct pen {
	cairo_t		*cr;
	int		 mono;
	uint32_t	 ink;
};

/* Colours come in two roles: the icon's body, and details on it.  In
 * mono the body is ink and details are white, so they stay apart. */
static void
paint(const struct pen *p, uint32_t rgb, int detail)
{
	if (p->mono)
		rgb = detail ? 0xffffff : p->ink;
	cairo_set_source_rgb(p->cr, ((rgb >> 16) & 0xff) / 255.0,
	    ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

static uint32_t
darker(uint32_t rgb, double amount)
{
	uint32_t out = 0;
	int shift;

	for (shift = 16; shift >= 0; shift -= 8)
		out |= (uint32_t)(((rgb >> shift) & 0xff) * (1 - amount) + 0.5)
		    << shift;
	return out;
}

static uint32_t
lighter(uint32_t rgb, double amount)
{
	uint32_t out = 0;
	int shift;

	for (shift = 16; shift >= 0; shift -= 8) {
		double c = (rgb >> shift) & 0xff;

		out |= (uint32_t)(c + (255 - c) * amount + 0.5) << shift;
	}
	return out;
}

static void
disc(cairo_t *cr, double cx, double cy, double r)
{
	cairo_new_sub_path(cr);
	cairo_arc(cr, cx, cy, r, 0, 2 * PI);
	cairo_close_path(cr);
}

void
rm_rounded_rect(cairo_t *cr, double x, double y, double w, double h,
    double r)
{
	if (r > w / 2)
		r = w / 2;
	if (r > h / 2)
		r = h / 2;
	if (r <= 0) {
		cairo_rectangle(cr, x, y, w, h);
		return;
	}
	cairo_new_sub_path(cr);
	cairo_arc(cr, x + w - r, y + r, r, -PI / 2, 0);
	cairo_arc(cr, x + w - r, y + h - r, r, 0, PI / 2);
	cairo_arc(cr, x + r, y + h - r, r, PI / 2, PI);
	cairo_arc(cr, x + r, y + r, r, PI, 3 * PI / 2);
	cairo_close_path(cr);
}

/* The body: a disc filling the square, with a thin darker rim. */
static void
body_disc(const struct pen *p, uint32_t rgb)
{
	disc(p->cr, 0.5, 0.5, 0.46);
	paint(p, rgb, 0);
	cairo_fill_preserve(p->cr);
	paint(p, darker(rgb, 0.18), 0);
	cairo_set_line_width(p->cr, 0.05);
	cairo_stroke(p->cr);
}

static void
line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
}

/*
 * Digit d (1-9) as strokes, in a box `h` high centred on (cx, cy): the
 * stroke font is drawn in a 1 x 1.6 box.
 */
static void
digit(cairo_t *cr, int d, double cx, double cy, double h)
{
	double k = h / 1.6;

	cairo_save(cr);
	cairo_translate(cr, cx - 0.5 * k, cy - 0.8 * k);
	cairo_scale(cr, k, k);
	cairo_new_path(cr);
	switch (d) {
	case 1:
		cairo_move_to(cr, 0.15, 0.38);
		cairo_line_to(cr, 0.62, 0.0);
		cairo_line_to(cr, 0.62, 1.6);
		break;
	case 2:
		cairo_arc(cr, 0.5, 0.48, 0.46, PI + 0.3, 2 * PI + 0.45);
		cairo_line_to(cr, 0.02, 1.6);
		cairo_line_to(cr, 1.0, 1.6);
		break;
	case 3:
		cairo_arc(cr, 0.48, 0.4, 0.38, PI + 0.55, 2 * PI + PI / 2);
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0.48, 1.18, 0.42, -PI / 2, PI - 0.45);
		cairo_new_sub_path(cr);
		line(cr, 0.3, 0.79, 0.48, 0.79);
		break;
	case 4:
		cairo_move_to(cr, 0.74, 1.6);
		cairo_line_to(cr, 0.74, 0.0);
		cairo_line_to(cr, 0.0, 1.12);
		cairo_line_to(cr, 1.0, 1.12);
		break;
	case 5:
		cairo_move_to(cr, 0.92, 0.0);
		cairo_line_to(cr, 0.2, 0.0);
		cairo_line_to(cr, 0.12, 0.74);
		cairo_arc(cr, 0.5, 1.1, 0.5, -2.4, PI - 0.5);
		break;
	case 6:
		cairo_arc(cr, 0.5, 1.12, 0.46, 0, 2 * PI);
		cairo_close_path(cr);
		cairo_move_to(cr, 0.86, 0.1);
		cairo_curve_to(cr, 0.45, -0.1, 0.04, 0.3, 0.04, 1.12);
		break;
	case 7:
		cairo_move_to(cr, 0.0, 0.0);
		cairo_line_to(cr, 1.0, 0.0);
		cairo_line_to(cr, 0.36, 1.6);
		break;
	case 8:
		cairo_arc(cr, 0.5, 0.4, 0.38, 0, 2 * PI);
		cairo_close_path(cr);
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0.5, 1.18, 0.42, 0, 2 * PI);
		cairo_close_path(cr);
		break;
	default:
		cairo_arc(cr, 0.5, 0.48, 0.46, 0, 2 * PI);
		cairo_close_path(cr);
		cairo_move_to(cr, 0.96, 0.48);
		cairo_curve_to(cr, 0.96, 1.3, 0.6, 1.65, 0.14, 1.5);
		break;
	}
	cairo_restore(cr);
	cairo_set_line_width(cr, 0.085);
	cairo_stroke(cr);
}

static void
glyph_bang(cairo_t *cr, double top, double bottom, double w)
{
	cairo_set_line_width(cr, w);
	line(cr, 0.5, top, 0.5, bottom);
	cairo_stroke(cr);
	disc(cr, 0.5, bottom + 0.15, w * 0.62);
	cairo_fill(cr);
}

static void
glyph_tick(cairo_t *cr)
{
	cairo_set_line_width(cr, 0.12);
	cairo_move_to(cr, 0.27, 0.52);
	cairo_line_to(cr, 0.44, 0.69);
	cairo_line_to(cr, 0.74, 0.33);
	cairo_stroke(cr);
}

static void
smiley(const struct pen *p, uint32_t rgb, int mood)
{
	cairo_t *cr = p->cr;
	uint32_t feat = 0x5c3d00;

	body_disc(p, rgb);
	paint(p, feat, 1);
	disc(cr, 0.35, 0.4, 0.06);
	disc(cr, 0.65, 0.4, 0.06);
	cairo_fill(cr);
	cairo_set_line_width(cr, 0.07);
	switch (mood) {
	case 0:
		cairo_arc(cr, 0.5, 0.5, 0.24, 0.45, PI - 0.45);
		break;
	case 1:
		line(cr, 0.34, 0.68, 0.66, 0.68);
		break;
	case 3:
		line(cr, 0.26, 0.27, 0.42, 0.33);
		line(cr, 0.74, 0.27, 0.58, 0.33);
		cairo_stroke(cr);
		/* FALLTHROUGH */
	case 2:
		cairo_arc(cr, 0.5, 0.9, 0.22, PI + 0.65, 2 * PI - 0.65);
		break;
	default:
		cairo_new_sub_path(cr);
		cairo_arc(cr, 0.5, 0.68, 0.085, 0, 2 * PI);
		break;
	}
	cairo_stroke(cr);
}

static void
person(const struct pen *p, uint32_t rgb, double x, double y, double s,
    int outline)
{
	cairo_t *cr = p->cr;

	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, s, s);
	disc(cr, 0.5, 0.28, 0.18);
	cairo_move_to(cr, 0.14, 0.95);
	cairo_curve_to(cr, 0.14, 0.62, 0.3, 0.5, 0.5, 0.5);
	cairo_curve_to(cr, 0.7, 0.5, 0.86, 0.62, 0.86, 0.95);
	cairo_close_path(cr);
	cairo_restore(cr);
	if (outline) {
		paint(p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.09);
		cairo_stroke_preserve(cr);
	}
	paint(p, rgb, 0);
	cairo_fill(cr);
}

void
rm_icon_draw(struct _cairo *cr, int id, double x, double y, double size,
    int mono, uint32_t ink)
{
	const struct icon *ic;
	struct pen p;
	uint32_t c;
	double a;
	int i;

	if (id < 0 || (size_t)id >= NICONS || !(size > 0))
		return;
	ic = &icons[id];
	c = ic->color;
	p.cr = cr;
	p.mono = mono;
	p.ink = ink;
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, size, size);
	cairo_new_path(cr);
	cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
	cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
	switch (ic->shape) {
	case S_PRIORITY:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		digit(cr, ic->arg, 0.5, 0.5, 0.5);
		break;
	case S_DONE:
		rm_rounded_rect(cr, 0.07, 0.07, 0.86, 0.86, 0.2);
		paint(&p, c, 0);
		cairo_fill(cr);
		paint(&p, 0xffffff, 1);
		glyph_tick(cr);
		break;
	case S_PROGRESS:
		disc(cr, 0.5, 0.5, 0.42);
		paint(&p, 0xffffff, 1);
		cairo_fill_preserve(cr);
		paint(&p, c, 0);
		cairo_set_line_width(cr, 0.08);
		cairo_stroke(cr);
		if (ic->arg > 0) {
			cairo_move_to(cr, 0.5, 0.5);
			cairo_arc(cr, 0.5, 0.5, 0.3, -PI / 2,
			    -PI / 2 + ic->arg * PI / 4);
			cairo_close_path(cr);
			cairo_fill(cr);
		}
		break;
	case S_OK:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		glyph_tick(cr);
		break;
	case S_NO:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.12);
		line(cr, 0.33, 0.33, 0.67, 0.67);
		line(cr, 0.67, 0.33, 0.33, 0.67);
		cairo_stroke(cr);
		break;
	case S_IMPORTANT:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		glyph_bang(cr, 0.22, 0.58, 0.12);
		break;
	case S_WARNING:
		cairo_move_to(cr, 0.5, 0.1);
		cairo_line_to(cr, 0.93, 0.86);
		cairo_line_to(cr, 0.07, 0.86);
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_set_line_width(cr, 0.12);
		cairo_stroke_preserve(cr);
		cairo_fill(cr);
		paint(&p, 0x3b2a00, 1);
		glyph_bang(cr, 0.37, 0.62, 0.1);
		break;
	case S_QUESTION:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.11);
		cairo_arc(cr, 0.5, 0.38, 0.15, PI + 0.2, 2 * PI + 0.75);
		cairo_line_to(cr, 0.5, 0.57);
		cairo_line_to(cr, 0.5, 0.6);
		cairo_stroke(cr);
		disc(cr, 0.5, 0.75, 0.07);
		cairo_fill(cr);
		break;
	case S_INFO:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		disc(cr, 0.5, 0.27, 0.075);
		cairo_fill(cr);
		cairo_set_line_width(cr, 0.13);
		line(cr, 0.5, 0.45, 0.5, 0.75);
		cairo_stroke(cr);
		break;
	case S_PLUS:
	case S_MINUS:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.12);
		line(cr, 0.28, 0.5, 0.72, 0.5);
		if (ic->shape == S_PLUS)
			line(cr, 0.5, 0.28, 0.5, 0.72);
		cairo_stroke(cr);
		break;
	case S_IDEA:
		/* Glass, then the screw base under it. */
		cairo_arc(cr, 0.5, 0.39, 0.31, PI * 0.8, PI * 2.2);
		cairo_curve_to(cr, 0.72, 0.66, 0.64, 0.66, 0.64, 0.72);
		cairo_line_to(cr, 0.36, 0.72);
		cairo_curve_to(cr, 0.36, 0.66, 0.28, 0.66, 0.25, 0.57);
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_fill_preserve(cr);
		paint(&p, darker(c, 0.3), 0);
		cairo_set_line_width(cr, 0.04);
		cairo_stroke(cr);
		rm_rounded_rect(cr, 0.36, 0.74, 0.28, 0.17, 0.05);
		paint(&p, 0x868e96, 0);
		cairo_fill(cr);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.06);
		cairo_arc(cr, 0.5, 0.39, 0.2, PI * 1.1, PI * 1.45);
		cairo_stroke(cr);
		break;
	case S_STAR:
		for (i = 0; i < 10; i++) {
			double r = i % 2 == 0 ? 0.49 : 0.2;

			a = -PI / 2 + i * PI / 5;
			if (i == 0)
				cairo_move_to(cr, 0.5 + r * cos(a),
				    0.54 + r * sin(a));
			else
				cairo_line_to(cr, 0.5 + r * cos(a),
				    0.54 + r * sin(a));
		}
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_fill_preserve(cr);
		paint(&p, darker(c, 0.2), 0);
		cairo_set_line_width(cr, 0.05);
		cairo_stroke(cr);
		break;
	case S_FLAG:
		paint(&p, 0x495057, 0);
		rm_rounded_rect(cr, 0.17, 0.06, 0.08, 0.88, 0.03);
		cairo_fill(cr);
		cairo_move_to(cr, 0.25, 0.12);
		cairo_curve_to(cr, 0.45, 0.02, 0.62, 0.24, 0.88, 0.13);
		cairo_line_to(cr, 0.88, 0.55);
		cairo_curve_to(cr, 0.62, 0.66, 0.45, 0.44, 0.25, 0.54);
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_fill(cr);
		break;
	case S_STOP:
		for (i = 0; i < 8; i++) {
			a = PI / 8 + i * PI / 4;
			if (i == 0)
				cairo_move_to(cr, 0.5 + 0.48 * cos(a),
				    0.5 + 0.48 * sin(a));
			else
				cairo_line_to(cr, 0.5 + 0.48 * cos(a),
				    0.5 + 0.48 * sin(a));
		}
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_fill(cr);
		paint(&p, 0xffffff, 1);
		rm_rounded_rect(cr, 0.22, 0.42, 0.56, 0.16, 0.03);
		cairo_fill(cr);
		break;
	case S_CALENDAR:
		rm_rounded_rect(cr, 0.1, 0.15, 0.8, 0.77, 0.08);
		paint(&p, 0xffffff, 1);
		cairo_fill_preserve(cr);
		paint(&p, 0x495057, 0);
		cairo_set_line_width(cr, 0.06);
		cairo_stroke(cr);
		cairo_rectangle(cr, 0.1, 0.15, 0.8, 0.2);
		paint(&p, c, 0);
		cairo_fill(cr);
		paint(&p, 0x495057, 0);
		rm_rounded_rect(cr, 0.28, 0.06, 0.08, 0.18, 0.03);
		rm_rounded_rect(cr, 0.64, 0.06, 0.08, 0.18, 0.03);
		for (i = 0; i < 6; i++)
			cairo_rectangle(cr, 0.22 + (i % 3) * 0.2,
			    0.47 + (i / 3) * 0.2, 0.14, 0.12);
		cairo_fill(cr);
		break;
	case S_PHONE:
		paint(&p, c, 0);
		cairo_set_line_width(cr, 0.17);
		cairo_move_to(cr, 0.27, 0.2);
		cairo_curve_to(cr, 0.08, 0.42, 0.42, 0.86, 0.76, 0.76);
		cairo_stroke(cr);
		rm_rounded_rect(cr, 0.12, 0.08, 0.28, 0.2, 0.08);
		rm_rounded_rect(cr, 0.66, 0.64, 0.24, 0.26, 0.08);
		cairo_fill(cr);
		break;
	case S_MAIL:
		rm_rounded_rect(cr, 0.06, 0.2, 0.88, 0.6, 0.08);
		paint(&p, c, 0);
		cairo_fill(cr);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.07);
		cairo_move_to(cr, 0.13, 0.28);
		cairo_line_to(cr, 0.5, 0.56);
		cairo_line_to(cr, 0.87, 0.28);
		cairo_stroke(cr);
		break;
	case S_PERSON:
		person(&p, c, 0.0, 0.02, 1.0, 0);
		break;
	case S_PEOPLE:
		person(&p, lighter(c, 0.4), 0.3, 0.0, 0.72, 0);
		person(&p, c, -0.02, 0.24, 0.76, 1);
		break;
	case S_MONEY:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		cairo_set_line_width(cr, 0.09);
		cairo_move_to(cr, 0.65, 0.33);
		cairo_curve_to(cr, 0.57, 0.25, 0.33, 0.25, 0.33, 0.39);
		cairo_curve_to(cr, 0.33, 0.52, 0.67, 0.47, 0.67, 0.61);
		cairo_curve_to(cr, 0.67, 0.76, 0.42, 0.76, 0.33, 0.67);
		line(cr, 0.5, 0.17, 0.5, 0.83);
		cairo_stroke(cr);
		break;
	case S_CLOCK:
		body_disc(&p, c);
		paint(&p, 0xffffff, 1);
		disc(cr, 0.5, 0.5, 0.36);
		cairo_fill(cr);
		paint(&p, c, 0);
		cairo_set_line_width(cr, 0.08);
		cairo_move_to(cr, 0.5, 0.25);
		cairo_line_to(cr, 0.5, 0.5);
		cairo_line_to(cr, 0.68, 0.6);
		cairo_stroke(cr);
		break;
	case S_HEART:
		cairo_move_to(cr, 0.5, 0.9);
		cairo_curve_to(cr, 0.2, 0.68, 0.04, 0.5, 0.07, 0.32);
		cairo_curve_to(cr, 0.1, 0.12, 0.4, 0.06, 0.5, 0.28);
		cairo_curve_to(cr, 0.6, 0.06, 0.9, 0.12, 0.93, 0.32);
		cairo_curve_to(cr, 0.96, 0.5, 0.8, 0.68, 0.5, 0.9);
		cairo_close_path(cr);
		paint(&p, c, 0);
		cairo_fill(cr);
		break;
	case S_HOME:
		paint(&p, c, 0);
		cairo_rectangle(cr, 0.66, 0.14, 0.11, 0.24);
		cairo_fill(cr);
		cairo_set_line_width(cr, 0.08);
		cairo_move_to(cr, 0.05, 0.52);
		cairo_line_to(cr, 0.5, 0.1);
		cairo_line_to(cr, 0.95, 0.52);
		cairo_close_path(cr);
		cairo_stroke_preserve(cr);
		cairo_fill(cr);
		cairo_rectangle(cr, 0.19, 0.45, 0.62, 0.47);
		cairo_fill(cr);
		paint(&p, 0xffffff, 1);
		cairo_rectangle(cr, 0.42, 0.62, 0.16, 0.3);
		cairo_fill(cr);
		break;
	case S_SMILEY:
		smiley(&p, c, ic->arg);
		break;
	case S_KEY:
		paint(&p, c, 0);
		cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
		disc(cr, 0.27, 0.5, 0.25);
		disc(cr, 0.2, 0.5, 0.085);
		cairo_fill(cr);
		cairo_rectangle(cr, 0.45, 0.42, 0.5, 0.15);
		cairo_rectangle(cr, 0.7, 0.5, 0.1, 0.24);
		cairo_rectangle(cr, 0.85, 0.5, 0.1, 0.18);
		cairo_fill(cr);
		break;
	}
	cairo_restore(cr);
}
