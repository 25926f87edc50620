/*
 * write_text.c: the numbered outline, in the shape customer managers
 * already use (seed 000): a title line, then topics numbered I. / A. /
 * 1. / a. / i. by level, indented, with "[W1]" markers after topics that
 * carry notes, and the notes themselves listed after the outline.
 * A note shared by several topics keeps one number.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* Upper- or lower-case roman numeral for 1..3999; others in digits. */
static void
put_roman(struct rm_sink *s, size_t v, int lower)
{
	static const struct { unsigned v; const char *u, *l; } r[] = {
		{ 1000, "M", "m" }, { 900, "CM", "cm" }, { 500, "D", "d" },
		{ 400, "CD", "cd" }, { 100, "C", "c" }, { 90, "XC", "xc" },
		{ 50, "L", "l" }, { 40, "XL", "xl" }, { 10, "X", "x" },
		{ 9, "IX", "ix" }, { 5, "V", "v" }, { 4, "IV", "iv" },
		{ 1, "I", "i" },
	};
	size_t i;

	if (v == 0 || v > 3999) {
		rm_printf(s, "%zu", v);
		return;
	}
	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		for (; v >= r[i].v; v -= r[i].v)
			rm_puts(s, lower ? r[i].l : r[i].u);
}

/* A, B, ..., Z, AA, AB, ... (bijective base 26). */
static void
put_letters(struct rm_sink *s, size_t v, int lower)
{
	char buf[32];
	size_t i = sizeof buf;

	while (v > 0 && i > 0) {
		v--;
		buf[--i] = (char)((lower ? 'a' : 'A') + v % 26);
		v /= 26;
	}
	rm_put(s, buf + i, sizeof buf - i);
}

/* The marker of the n-th (1-based) topic at outline level `lv` (1-based). */
static void
put_marker(struct rm_sink *s, unsigned lv, size_t n)
{
	switch ((lv - 1) % 5) {
	case 0: put_roman(s, n, 0); break;
	case 1: put_letters(s, n, 0); break;
	case 2: rm_printf(s, "%zu", n); break;
	case 3: put_letters(s, n, 1); break;
	default: put_roman(s, n, 1); break;
	}
	rm_puts(s, ". ");
}

/* Topic text on one line: line breaks become spaces. */
static void
put_line(struct rm_sink *s, const char *text)
{
	const char *p;

	for (p = text; *p != '\0'; p++)
		rm_putc(s, *p == '\n' || *p == '\r' || *p == '\t' ? ' ' : *p);
}

/* The topic's note markers. */
static void
put_notes(struct rm_sink *s, const struct ramify_topic *t, const size_t *num)
{
	size_t i;

	for (i = 0; i < t->nnotes; i++)
		rm_printf(s, "[W%zu]", num[t->notes[i]]);
}

int
text_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *s, struct rm_diag *d)
{
	const struct ramify_topic *t;
	size_t *num, *order, *count, next, i;
	unsigned lv;

	(void)o;
	(void)d;
	/* num[note] = its W-number, order[W-number - 1] = note (see
	 * rm_doc_number_notes), count[topic seq] = its 1-based index among
	 * its siblings. */
	num = calloc(doc->nnotes + 1, sizeof *num);
	order = calloc(doc->nnotes + 1, sizeof *order);
	count = calloc(doc->ntopics, sizeof *count);
	if (num == NULL || order == NULL || count == NULL) {
		free(num);
		free(order);
		free(count);
		return RAMIFY_ENOMEM;
	}

	next = rm_doc_number_notes(doc, num, order);
	put_line(s, doc->root->text);
	put_notes(s, doc->root, num);
	rm_putc(s, '\n');
	for (i = 0; i < doc->nmap_notes; i++) {
		rm_putc(s, '\n');
		rm_puts(s, doc->notes[doc->map_notes[i]].text);
		rm_putc(s, '\n');
	}
	if (doc->root->first != NULL)
		rm_putc(s, '\n');
	for (t = doc->root->first; t != NULL; t = rm_next_preorder(t, doc->root)) {
		count[t->seq] = t->prev != NULL ? count[t->prev->seq] + 1 : 1;
		for (lv = 1; lv < t->depth; lv++)
			rm_puts(s, "   ");
		put_marker(s, t->depth, count[t->seq]);
		put_line(s, t->text);
		put_notes(s, t, num);
		rm_putc(s, '\n');
	}
	if (next > 0)
		rm_putc(s, '\n');
	for (i = 0; i < next; i++) {
		rm_printf(s, "[W%zu]", i + 1);
		rm_puts(s, doc->notes[order[i]].text);
		rm_putc(s, '\n');
	}
	free(num);
	free(order);
	free(count);
	return RAMIFY_OK;
}
