/*
 * read_text.c: plain indented text and numbered outlines, the shape
 * write_text.c writes and customer managers copy from web pages and
 * word processors (docs/formats/text.md has the rules with examples).
 *
 *	Managing Customers[W1]		title line: the root
 *					(paragraphs here: the map's note)
 *	I. Goals[W2]			numbered: the marker's kind gives
 *	   A. Increase sales		the level (I. 1, A. 2, 1. 3, a. 4,
 *	      1. Repeat selling		i. 5, then again from I. at 6)
 *	      Upgrades			unnumbered: a child of the item above
 *	II. Profiling
 *
 *	[W1]Note text, paragraphs	notes, after the outline
 *	separated by blank lines.
 *
 * One pass over the lines with an explicit stack of open items (no
 * recursion: the depth is capped, not the stack).  Unnumbered lines nest
 * by indentation; numbered lines are placed where their marker fits best
 * (see place_numbered()).  Note markers are collected while reading the
 * outline and resolved once the definitions after it are known.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"

/*
 * Limits.  The text writer indents each topic by three spaces a level,
 * so its output grows with the square of the depth; 1000 levels is far
 * beyond any outline a person writes and keeps that bounded.
 */
#define MAX_DEPTH	1000
#define TAB_STOP	8	/* a tab indents to the next multiple of 8 */
#define MAX_DIGITS	9	/* in "12." markers and "[W12]" note numbers */

enum kind {		/* marker kinds; the value is the level they give */
	K_NONE = 0,
	K_UROMAN,	/* I. II. */
	K_UALPHA,	/* A. B. */
	K_DIGIT,	/* 1. 2. */
	K_LALPHA,	/* a. b. */
	K_LROMAN	/* i. ii. */
};

/* One reading of a marker: "i." is lower roman 1 or lower letter 9. */
struct interp {
	enum kind	 kind;
	unsigned long	 value;
	int		 weak;	/* "AB.", "4000.": only continues a sibling */
};

struct line {
	const char	*s;	/* without terminator; trailing blanks cut */
	size_t		 len;
	unsigned	 no;	/* 1-based */
};

/* An open item: the path from the root to the last topic read. */
struct entry {
	struct ramify_topic *t;
	size_t		 level;		/* root 0; see place_numbered() */
	size_t		 indent;	/* in columns */
	int		 numbered;
	/* Its last numbered child, the sibling the next one continues. */
	size_t		 c_level;	/* 0: none */
	enum kind	 c_kind;
	unsigned long	 c_value;
	size_t		 c_indent;
};

/* A "[W3]" marker on a topic, resolved after the notes are read. */
struct ref {
	struct ramify_topic *t;
	const char	*key;		/* "W3" */
	struct rm_pos	 pos;
};

/* A "[W3]text" definition. */
struct def {
	const char	*key;
	size_t		 note;		/* index in doc->notes */
	struct rm_pos	 pos;
	int		 used;
};

struct reader {
	struct rm_diag		*diag;
	struct ramify_doc	*doc;
	const char		*buf;
	size_t			 len;
	size_t			 at;		/* start of the next line */
	unsigned		 lineno;	/* of the line before `at` */
	struct rm_arena		 scratch;
	GString			*text;
	struct entry		*stack;
	size_t			 nstack, capstack;
	struct ref		*refs;
	size_t			 nrefs, caprefs;
	struct def		*defs;
	size_t			 ndefs, capdefs;
	GHashTable		*def_keys;	/* key -> def index + 1 */
	int			 no_title;	/* the root is not in the file */
};

/* ---- Characters and lines ----------------------------------------------- */

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_upper(int c)
{
	return c >= 'A' && c <= 'Z';
}

static int
is_lower(int c)
{
	return c >= 'a' && c <= 'z';
}

/* 1-based column of byte `off` of a line, counting characters. */
static unsigned
col_of(const char *s, size_t off)
{
	unsigned col = 1;
	size_t i;

	for (i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			col++;
	return col;
}

static struct rm_pos
pos_of(const struct line *l, const char *p)
{
	return (struct rm_pos){ l->no, col_of(l->s, (size_t)(p - l->s)) };
}

/* The next line, ended by LF, CRLF or CR.  0 at the end of the input. */
static int
next_line(struct reader *r, struct line *l)
{
	const char *p, *end;

	if (r->at >= r->len)
		return 0;
	p = r->buf + r->at;
	for (end = p; end < r->buf + r->len && *end != '\n' && *end != '\r';
	    end++)
		;
	l->s = p;
	l->no = ++r->lineno;
	r->at = (size_t)(end - r->buf);
	if (r->at < r->len) {
		if (*end == '\r' && r->at + 1 < r->len && end[1] == '\n')
			r->at++;
		r->at++;
	}
	while (end > p && is_blank((unsigned char)end[-1]))
		end--;
	l->len = (size_t)(end - p);
	return 1;
}

/* Indentation in columns (a tab goes to the next multiple of TAB_STOP);
 * `*skip` gets its length in bytes. */
static size_t
indent_of(const struct line *l, size_t *skip)
{
	size_t i, w = 0;

	for (i = 0; i < l->len && is_blank((unsigned char)l->s[i]); i++)
		w = l->s[i] == '\t' ? (w / TAB_STOP + 1) * TAB_STOP : w + 1;
	*skip = i;
	return w;
}

static size_t
skip_of(const struct line *l)
{
	size_t skip;

	(void)indent_of(l, &skip);
	return skip;
}

/*
 * Every byte must be UTF-8 text: no NUL, no control character other
 * than tab and line ends.  Reports the first offender where it is.
 */
static int
check_bytes(struct reader *r)
{
	const unsigned char *s = (const unsigned char *)r->buf;
	size_t ok = r->at + rm_utf8_valid_prefix(r->buf + r->at,
	    r->len - r->at);
	size_t k, start = r->at;
	unsigned line = 1;

	for (k = r->at; k < ok; k++)
		if (s[k] < 0x20 && s[k] != '\t' && s[k] != '\n' && s[k] != '\r')
			break;
	if (k == r->len)
		return RAMIFY_OK;
	for (ok = r->at; ok < k; ok++)
		if (s[ok] == '\n' || (s[ok] == '\r' &&
		    (ok + 1 == r->len || s[ok + 1] != '\n'))) {
			line++;
			start = ok + 1;
		}
	if (s[k] == 0)
		rm_error(r->diag, (struct rm_pos){ line,
		    col_of(r->buf + start, k - start) }, "NUL byte in text");
	else if (s[k] < 0x20)
		rm_error(r->diag, (struct rm_pos){ line,
		    col_of(r->buf + start, k - start) },
		    "control character U+%04X in text", s[k]);
	else
		rm_error(r->diag, (struct rm_pos){ line,
		    col_of(r->buf + start, k - start) }, "invalid UTF-8 "
		    "(byte 0x%02X); text files must be UTF-8 (convert with "
		    "iconv)", s[k]);
	return RAMIFY_EINPUT;
}

/* ---- Markers -------------------------------------------------------------- */

/* Value of a canonical roman numeral (either case, 1..3999), else 0. */
static unsigned long
roman_value(const char *s, size_t n)
{
	static const struct { const char *sym; unsigned v; } r[] = {
		{ "m", 1000 }, { "cm", 900 }, { "d", 500 }, { "cd", 400 },
		{ "c", 100 }, { "xc", 90 }, { "l", 50 }, { "xl", 40 },
		{ "x", 10 }, { "ix", 9 }, { "v", 5 }, { "iv", 4 }, { "i", 1 },
	};
	char canon[32];
	unsigned long v = 0, left;
	size_t i, k, m = 0;

	if (n == 0 || n >= sizeof canon)
		return 0;
	for (i = 0, k = 0; i < sizeof r / sizeof r[0] && k < n; i++) {
		size_t len = strlen(r[i].sym);
		unsigned rep;

		for (rep = 0; rep < 3 && n - k >= len &&
		    g_ascii_strncasecmp(s + k, r[i].sym, len) == 0; rep++) {
			v += r[i].v;
			k += len;
		}
	}
	if (k != n || v == 0 || v > 3999)
		return 0;
	/* Only the canonical spelling: "IIII", "VX" or "IM" are words. */
	for (i = 0, left = v; i < sizeof r / sizeof r[0]; i++)
		for (; left >= r[i].v; left -= r[i].v) {
			memcpy(canon + m, r[i].sym, strlen(r[i].sym));
			m += strlen(r[i].sym);
		}
	return m == n && g_ascii_strncasecmp(canon, s, n) == 0 ? v : 0;
}

/*
 * A numbered marker at the start of s[0..n): digits, or letters of one
 * case, then "." or ")", then a blank or the end of the line.  Fills
 * in[] (room for 3) with its readings and returns how many, 0 when it
 * is no marker; *mlen gets the marker's length with "." or ")".
 */
static size_t
parse_marker(const char *s, size_t n, struct interp *in, size_t *mlen)
{
	size_t k = 0, ni = 0;
	unsigned long v = 0, rv;
	int upper;

	if (n == 0)
		return 0;
	if (is_digit((unsigned char)s[0])) {
		for (; k < n && is_digit((unsigned char)s[k]); k++)
			if (k < MAX_DIGITS)
				v = v * 10 + (unsigned long)(s[k] - '0');
		if (k > MAX_DIGITS)
			return 0;
	} else if (is_upper((unsigned char)s[0]) ||
	    is_lower((unsigned char)s[0])) {
		upper = is_upper((unsigned char)s[0]);
		while (k < n && (upper ? is_upper((unsigned char)s[k]) :
		    is_lower((unsigned char)s[k])))
			k++;
	} else
		return 0;
	if (k >= n || (s[k] != '.' && s[k] != ')') ||
	    (k + 1 < n && !is_blank((unsigned char)s[k + 1])))
		return 0;
	*mlen = k + 1;
	if (is_digit((unsigned char)s[0])) {
		in[ni++] = (struct interp){ K_DIGIT, v, 0 };
		/* The writer numbers past 3999 in digits at roman levels. */
		if (v > 3999) {
			in[ni++] = (struct interp){ K_UROMAN, v, 1 };
			in[ni++] = (struct interp){ K_LROMAN, v, 1 };
		}
		return ni;
	}
	upper = is_upper((unsigned char)s[0]);
	if ((rv = roman_value(s, k)) != 0)
		in[ni++] = (struct interp){ upper ? K_UROMAN : K_LROMAN, rv, 0 };
	if (k <= 3) {
		/* A, B, ..., Z, AA, AB, ...: bijective base 26. */
		size_t i;

		for (i = 0, v = 0; i < k; i++)
			v = v * 26 + (unsigned long)(s[i] - (upper ? 'A' : 'a') + 1);
		in[ni++] = (struct interp){ upper ? K_UALPHA : K_LALPHA, v,
		    k > 1 };
	}
	return ni;
}

/* Length of a leading "-", "*" or "•" bullet with its blank, else 0. */
static size_t
bullet_len(const char *s, size_t n)
{
	size_t k;

	if (n >= 1 && (s[0] == '-' || s[0] == '*'))
		k = 1;
	else if (n >= 3 && memcmp(s, "\xe2\x80\xa2", 3) == 0)
		k = 3;
	else
		return 0;
	if (k < n && !is_blank((unsigned char)s[k]))
		return 0;
	return k;
}

/* "[W12]" at s[0..n): its length, else 0. */
static size_t
note_tag_len(const char *s, size_t n)
{
	size_t k = 2;

	if (n < 4 || s[0] != '[' || s[1] != 'W')
		return 0;
	while (k < n && is_digit((unsigned char)s[k]))
		k++;
	if (k == 2 || k - 2 > MAX_DIGITS || k >= n || s[k] != ']')
		return 0;
	return k + 1;
}

/* A note definition: "[W12]" in the first column. */
static int
is_definition(const struct line *l)
{
	return note_tag_len(l->s, l->len) > 0;
}

/* Would the line be read as a numbered item? */
static int
is_numbered(const char *s, size_t n)
{
	struct interp in[3];
	size_t ni, i, mlen;

	ni = parse_marker(s, n, in, &mlen);
	for (i = 0; i < ni; i++)
		if (!in[i].weak)
			return 1;
	return 0;
}

/* ---- Building ------------------------------------------------------------- */

static int
push(struct reader *r, struct ramify_topic *t, size_t level, size_t indent,
    int numbered)
{
	struct entry *e;

	if (rm_grow(&r->scratch, (void **)&r->stack, &r->capstack, r->nstack,
	    sizeof *r->stack) != 0)
		return RAMIFY_ENOMEM;
	e = &r->stack[r->nstack++];
	memset(e, 0, sizeof *e);
	e->t = t;
	e->level = level;
	e->indent = indent;
	e->numbered = numbered;
	return RAMIFY_OK;
}

/* Is the character at s (valid UTF-8) East Asian wide: Han, kana,
 * Hangul, fullwidth forms? */
static int
is_wide(const char *s)
{
	return g_unichar_iswide(g_utf8_get_char(s));
}

/*
 * Append s[0..n) to `out` with runs of blanks folded to one space and
 * none at either end; `sep` goes first when both sides have text, except
 * that the lines of a paragraph join without a space between two wide
 * characters (Chinese and Japanese do not put spaces between words).
 */
static void
append_folded(GString *out, const char *sep, const char *s, size_t n)
{
	size_t i = 0;
	int space = 0;

	while (i < n && is_blank((unsigned char)s[i]))
		i++;
	if (i < n && out->len > 0) {
		if (strcmp(sep, " ") != 0 || !is_wide(s + i) ||
		    !is_wide(g_utf8_prev_char(out->str + out->len)))
			g_string_append(out, sep);
	}
	for (; i < n; i++) {
		if (is_blank((unsigned char)s[i])) {
			space = 1;
			continue;
		}
		if (space)
			g_string_append_c(out, ' ');
		space = 0;
		g_string_append_c(out, s[i]);
	}
}

/*
 * The topic's text is s[0..n) less the "[W1][W2]" markers at its end,
 * which become refs to resolve once the notes are known.  Creates the
 * topic under `parent`.
 */
static int
add_topic(struct reader *r, const struct line *l, const char *s, size_t n,
    struct ramify_topic *parent, struct rm_pos pos,
    struct ramify_topic **out)
{
	struct ramify_topic *t;
	size_t first = r->nrefs, i, k;

	if (parent != NULL && parent->depth + 1 > MAX_DEPTH) {
		rm_error(r->diag, pos, "outline nests too deeply (more than "
		    "%d levels)", MAX_DEPTH);
		return RAMIFY_ELIMIT;
	}
	if (r->doc->ntopics >= RM_MAX_TOPICS) {
		rm_error(r->diag, pos, "more than %zu topics", RM_MAX_TOPICS);
		return RAMIFY_ELIMIT;
	}
	/* Markers from the end: "Goals [W1][W2]". */
	for (;;) {
		while (n > 0 && is_blank((unsigned char)s[n - 1]))
			n--;
		if (n < 4 || s[n - 1] != ']')
			break;
		for (k = n - 1; k > 0 && is_digit((unsigned char)s[k - 1]); k--)
			;
		if (k < 2 || note_tag_len(s + k - 2, n - k + 2) != n - k + 2)
			break;
		if (rm_grow(&r->scratch, (void **)&r->refs, &r->caprefs,
		    r->nrefs, sizeof *r->refs) != 0)
			return RAMIFY_ENOMEM;
		r->refs[r->nrefs].key = rm_strndup(&r->scratch, s + k - 1,
		    n - k);
		if (r->refs[r->nrefs].key == NULL)
			return RAMIFY_ENOMEM;
		r->refs[r->nrefs++].pos = pos_of(l, s + k - 2);
		n = k - 2;
	}
	g_string_truncate(r->text, 0);
	g_string_append_len(r->text, s, (gssize)n);
	if ((t = rm_topic_new(r->doc, parent, r->text->str, NULL, pos)) == NULL)
		return RAMIFY_ENOMEM;
	/* Left to right, as written. */
	for (i = first, k = r->nrefs; i + 1 < k; i++, k--) {
		struct ref tmp = r->refs[i];

		r->refs[i] = r->refs[k - 1];
		r->refs[k - 1] = tmp;
	}
	for (i = first; i < r->nrefs; i++)
		r->refs[i].t = t;
	*out = t;
	return RAMIFY_OK;
}

/*
 * Where a numbered item goes.  Its kind gives its level modulo 5 (I. is
 * level 1, 6, 11, ...; A. 2, 7, ...), and a level L puts it under the
 * deepest open item above L, after that item's last numbered child at L
 * (its previous sibling) if there is one.  Each possible (reading,
 * level) scores:
 *   4  the number follows on: previous sibling of the same kind and one
 *      less, or no previous sibling and the number is 1;
 *   3  no skipped level: at most one below the last item;
 *   2  the indentation agrees: the previous sibling's, or deeper than
 *      the parent's (any for the root's children);
 *  -3  a child less indented than its parent.
 * The best score wins, the deeper level on a tie.  So "II." after a deep
 * branch goes back to level 1, "i." after "h." is the letter and after
 * "a." the numeral, and "1." indented under "1." starts a sublist.
 * Weak readings ("AB.") are only taken when they follow on.  Returns the
 * stack index of the parent, or -1 when only weak readings were there
 * and none fits.
 */
static long
place_numbered(const struct reader *r, const struct interp *in, size_t ni,
    size_t indent, struct interp *best, size_t *best_level)
{
	const struct entry *top = &r->stack[r->nstack - 1];
	long parent = -1;
	size_t i, j, lo, hi, lev;
	int score, top_score = INT_MIN;

	/* From the top of the stack down: deeper levels first. */
	for (j = r->nstack; j-- > 0; ) {
		const struct entry *p = &r->stack[j];

		lo = p->level + 1;
		hi = j + 1 < r->nstack ? r->stack[j + 1].level :
		    top->level + 5;
		for (i = 0; i < ni; i++) {
			size_t base = (size_t)in[i].kind;

			if (hi < base)
				continue;
			/* Highest level <= hi of this kind's residue. */
			for (lev = hi - (hi - base) % 5; lev >= lo; lev -= 5) {
				int ord, ind, sib = p->c_level == lev;

				if (sib) {
					ord = p->c_kind == in[i].kind &&
					    in[i].value == p->c_value + 1;
					ind = indent == p->c_indent ? 2 : 0;
				} else {
					ord = in[i].value == 1;
					ind = j == 0 || indent > p->indent ? 2 :
					    indent == p->indent ? 0 : -3;
				}
				score = 4 * ord + 3 * (lev <= top->level + 1) +
				    ind;
				if ((!in[i].weak || (sib && ord)) &&
				    score > top_score) {
					top_score = score;
					parent = (long)j;
					*best = in[i];
					*best_level = lev;
				}
				if (lev < 5)
					break;
			}
		}
		/* Nothing shallower can beat a perfect score. */
		if (top_score == 9)
			break;
	}
	return parent;
}

/* One outline line that is not blank and not a note definition. */
static int
read_item(struct reader *r, const struct line *l)
{
	struct ramify_topic *t;
	struct interp in[3], pick;
	struct rm_pos pos;
	const char *s;
	size_t skip, indent, n, ni, mlen, b, level = 0, closed = 0;
	long j = -1;
	struct entry *e;
	int rc;

	indent = indent_of(l, &skip);
	s = l->s + skip;
	n = l->len - skip;
	if ((ni = parse_marker(s, n, in, &mlen)) > 0)
		j = place_numbered(r, in, ni, indent, &pick, &level);
	pos = pos_of(l, s);
	if (j >= 0) {
		for (s += mlen, n -= mlen; n > 0 && is_blank((unsigned char)*s);
		    s++, n--)
			;
		r->nstack = (size_t)j + 1;
		e = &r->stack[j];
		if ((rc = add_topic(r, l, s, n, e->t, pos, &t)) != RAMIFY_OK)
			return rc;
		e->c_level = level;
		e->c_kind = pick.kind;
		e->c_value = pick.value;
		e->c_indent = indent;
		return push(r, t, level, indent, 1);
	}

	/*
	 * Unnumbered: a child of the nearest open item indented less, or
	 * of a numbered item indented as much (the "1. Cross-selling" line
	 * above "New products" in the same column).
	 */
	while (r->nstack > 1) {
		e = &r->stack[r->nstack - 1];
		if (e->indent < indent || (e->indent == indent && e->numbered))
			break;
		r->nstack--;
		closed = e->indent;
	}
	/* Back out of deeper lines to a column no open line has. */
	e = &r->stack[r->nstack - 1];
	if (closed > indent && e->indent < indent && !(r->nstack == 1 &&
	    r->no_title))
		rm_warning(r->diag, pos, "inconsistent dedent: "
		    "indentation %zu matches no enclosing line; placed under "
		    "line %u", indent, e->t->pos.line);
	pos = pos_of(l, s);
	b = bullet_len(s, n);
	for (s += b, n -= b; b > 0 && n > 0 && is_blank((unsigned char)*s);
	    s++, n--)
		;
	if ((rc = add_topic(r, l, s, n, e->t, pos, &t)) != RAMIFY_OK)
		return rc;
	return push(r, t, e->level + 1, indent, 0);
}

/*
 * After the title line: paragraphs no more indented than the title,
 * with blank lines before and after and a numbered item next, are the
 * map's note.  Returns 1 when it took them (the next line is then the
 * numbered item), 0 when it left everything as it was.
 */
static int
read_map_note(struct reader *r, size_t title_indent, int *rc)
{
	size_t at = r->at, skip, idx;
	unsigned lineno = r->lineno;
	struct rm_pos pos = { 0, 0 };
	struct line l;
	int blank = 0;

	g_string_truncate(r->text, 0);
	while (next_line(r, &l)) {
		if (l.len == 0) {
			blank = 1;
			continue;
		}
		if (is_definition(&l))
			break;
		if (is_numbered(l.s + skip_of(&l), l.len - skip_of(&l))) {
			if (!blank || r->text->len == 0)
				break;
			/* Back to the numbered line. */
			r->at = (size_t)(l.s - r->buf);
			r->lineno = l.no - 1;
			idx = rm_note_new(r->doc, NULL, r->text->str, pos);
			if (idx == (size_t)-1 ||
			    rm_doc_add_map_note(r->doc, idx) != RAMIFY_OK)
				*rc = RAMIFY_ENOMEM;
			return 1;
		}
		if (indent_of(&l, &skip) > title_indent ||
		    bullet_len(l.s + skip, l.len - skip) > 0 ||
		    (r->text->len == 0 && !blank))
			break;
		if (pos.line == 0)
			pos = pos_of(&l, l.s + skip);
		/* Lines of a paragraph join with a space. */
		append_folded(r->text, blank ? "\n\n" : " ", l.s, l.len);
		blank = 0;
	}
	r->at = at;
	r->lineno = lineno;
	return 0;
}

/* The outline: up to the first note definition or the end. */
static int
read_outline(struct reader *r)
{
	struct ramify_topic *t;
	struct line l;
	size_t skip, indent;
	int rc = RAMIFY_OK;

	do
		if (!next_line(r, &l))
			return RAMIFY_OK;	/* no topics: said later */
	while (l.len == 0);
	indent = indent_of(&l, &skip);
	if (is_numbered(l.s + skip, l.len - skip)) {
		/* No title line: an empty root, which the writer writes as
		 * an empty first line; every line is deeper than it. */
		if ((t = rm_topic_new(r->doc, NULL, "", NULL,
		    (struct rm_pos){ 0, 0 })) == NULL)
			return RAMIFY_ENOMEM;
		if ((rc = push(r, t, 0, 0, 1)) != RAMIFY_OK)
			return rc;
		r->no_title = 1;
		if ((rc = read_item(r, &l)) != RAMIFY_OK)
			return rc;
	} else {
		const char *s = l.s + skip;
		size_t n = l.len - skip, b = bullet_len(s, n);

		for (s += b, n -= b; b > 0 && n > 0 &&
		    is_blank((unsigned char)*s); s++, n--)
			;
		if ((rc = add_topic(r, &l, s, n, NULL, pos_of(&l, l.s + skip),
		    &t)) != RAMIFY_OK)
			return rc;
		if ((rc = push(r, t, 0, indent, 0)) != RAMIFY_OK)
			return rc;
		if (read_map_note(r, indent, &rc) && rc != RAMIFY_OK)
			return rc;
	}
	for (;;) {
		size_t at = r->at;
		unsigned lineno = r->lineno;

		if (!next_line(r, &l))
			return RAMIFY_OK;
		if (l.len == 0)
			continue;
		if (is_definition(&l)) {
			r->at = at;
			r->lineno = lineno;
			return RAMIFY_OK;
		}
		if ((rc = read_item(r, &l)) != RAMIFY_OK)
			return rc;
	}
}

/* ---- Notes ------------------------------------------------------------- */

static int
end_definition(struct reader *r, struct def *d)
{
	if ((d->note = rm_note_new(r->doc, d->key, r->text->str, d->pos)) ==
	    (size_t)-1)
		return RAMIFY_ENOMEM;
	g_hash_table_insert(r->def_keys, (char *)d->key,
	    (void *)(r->ndefs + 1));
	r->ndefs++;
	return RAMIFY_OK;
}

/*
 * "[W1]text" definitions: the lines up to the next definition belong to
 * the note; blank lines separate its paragraphs.
 */
static int
read_notes(struct reader *r)
{
	struct line l;
	struct def *d = NULL;
	size_t k;
	int para = 0, skipping = 0, rc;

	g_string_truncate(r->text, 0);
	while (next_line(r, &l)) {
		if ((k = note_tag_len(l.s, l.len)) > 0) {
			if (d != NULL && (rc = end_definition(r, d)) != RAMIFY_OK)
				return rc;
			d = NULL;
			g_string_truncate(r->text, 0);
			para = 0;
			if (rm_grow(&r->scratch, (void **)&r->defs, &r->capdefs,
			    r->ndefs, sizeof *r->defs) != 0)
				return RAMIFY_ENOMEM;
			d = &r->defs[r->ndefs];
			memset(d, 0, sizeof *d);
			d->pos = (struct rm_pos){ l.no, 1 };
			if ((d->key = rm_strndup(&r->scratch, l.s + 1,
			    k - 2)) == NULL)
				return RAMIFY_ENOMEM;
			skipping = 0;
			if ((size_t)g_hash_table_lookup(r->def_keys, d->key) != 0) {
				size_t first = (size_t)g_hash_table_lookup(
				    r->def_keys, d->key) - 1;

				rm_error(r->diag, d->pos, "note [%s] is defined "
				    "twice (first on line %u)", d->key,
				    r->defs[first].pos.line);
				d = NULL;
				skipping = 1;
				continue;
			}
			append_folded(r->text, " ", l.s + k, l.len - k);
		} else if (skipping || d == NULL) {
			continue;
		} else if (l.len == 0) {
			para = 1;
		} else {
			append_folded(r->text, para ? "\n\n" : " ", l.s, l.len);
			para = 0;
		}
	}
	if (d != NULL)
		return end_definition(r, d);
	return RAMIFY_OK;
}

/* Markers to notes; unused definitions become map notes. */
static int
resolve(struct reader *r)
{
	size_t i, k;

	for (i = 0; i < r->nrefs; i++) {
		const struct ref *f = &r->refs[i];

		if ((k = (size_t)g_hash_table_lookup(r->def_keys, f->key)) == 0) {
			rm_error(r->diag, f->pos, "note marker [%s] has no "
			    "definition ([%s]text after the outline)", f->key,
			    f->key);
			continue;
		}
		r->defs[k - 1].used = 1;
		if (rm_topic_add_note(r->doc, f->t, r->defs[k - 1].note) !=
		    RAMIFY_OK)
			return RAMIFY_ENOMEM;
	}
	for (i = 0; i < r->ndefs; i++) {
		if (r->defs[i].used)
			continue;
		rm_warning(r->diag, r->defs[i].pos, "note [%s] is not used by "
		    "any topic; kept as a note on the map", r->defs[i].key);
		if (rm_doc_add_map_note(r->doc, r->defs[i].note) != RAMIFY_OK)
			return RAMIFY_ENOMEM;
	}
	return RAMIFY_OK;
}

/* ---- Entry points ---------------------------------------------------- */

/*
 * A fallback for UTF-8 text: 5 for any, 30 when a line starts with
 * "I. " like a numbered outline.  Looks at the first 4 KiB.
 */
int
text_sniff(const char *buf, size_t len)
{
	size_t n = len < 4096 ? len : 4096, i = 0, v;

	if (n >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	v = i + rm_utf8_valid_prefix(buf + i, n - i);
	/* A character cut at the end of the window is fine; NUL is not. */
	if (v < n && (n == len || n - v >= 4 || buf[v] == '\0'))
		return 0;
	for (n = v; i < n && (is_blank((unsigned char)buf[i]) ||
	    buf[i] == '\n' || buf[i] == '\r'); i++)
		;
	if (i == n || buf[i] == '<' || buf[i] == '{' ||
	    (n - i >= 2 && buf[i] == 'P' && buf[i + 1] == 'K'))
		return 0;
	for (v = i; v < n; v++)
		if ((unsigned char)buf[v] < 0x20 && buf[v] != '\t' &&
		    buf[v] != '\n' && buf[v] != '\r')
			return 0;
	for (; i < n; i++)
		if ((i == 0 || buf[i - 1] == '\n' || buf[i - 1] == '\r') &&
		    n - i >= 3 && memcmp(buf + i, "I. ", 3) == 0)
			return 30;
	return 5;
}

int
text_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	struct reader r;
	int rc;

	memset(&r, 0, sizeof r);
	r.diag = ctx->diag;
	r.doc = doc;
	r.buf = buf;
	r.len = len;
	/* A byte order mark is no character of the first line. */
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		r.at = 3;
	if ((rc = check_bytes(&r)) != RAMIFY_OK)
		return rc;
	r.text = g_string_new(NULL);
	r.def_keys = g_hash_table_new(g_str_hash, g_str_equal);
	if ((rc = read_outline(&r)) == RAMIFY_OK &&
	    (rc = read_notes(&r)) == RAMIFY_OK)
		rc = resolve(&r);
	g_hash_table_destroy(r.def_keys);
	g_string_free(r.text, TRUE);
	rm_arena_free(&r.scratch);
	return rc;
}
