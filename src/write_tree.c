/*
 * write_tree.c: a plain dump of the document model, one fact a line,
 * for golden tests (like cmark's xml or lowdown's -ttree).  Strings are
 * quoted with C escapes so every byte is visible.
 */
#include "internal.h"

static void
put_quoted(struct rm_sink *s, const char *str)
{
	const unsigned char *p;

	rm_putc(s, '"');
	for (p = (const unsigned char *)str; *p != '\0'; p++) {
		switch (*p) {
		case '"':  rm_puts(s, "\\\""); break;
		case '\\': rm_puts(s, "\\\\"); break;
		case '\n': rm_puts(s, "\\n"); break;
		case '\t': rm_puts(s, "\\t"); break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				rm_printf(s, "\\x%02x", *p);
			else
				rm_putc(s, *p);
		}
	}
	rm_putc(s, '"');
}

static void
put_pos(struct rm_sink *s, struct rm_pos pos)
{
	if (pos.line > 0)
		rm_printf(s, " @%u:%u", pos.line, pos.col);
}

/* One "- label "value"" line per string of a topic's list. */
static void
put_strings(struct rm_sink *s, unsigned depth, const char *label,
    const char *const *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		rm_put_indent(s, depth);
		rm_printf(s, "- %s ", label);
		put_quoted(s, v[i]);
		rm_putc(s, '\n');
	}
}

int
tree_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *s, struct rm_diag *d)
{
	const struct ramify_topic *t;
	size_t i;

	(void)o;
	(void)d;
	if (doc->title != NULL) {
		rm_puts(s, "title ");
		put_quoted(s, doc->title);
		rm_putc(s, '\n');
	}
	if (doc->lang != NULL) {
		rm_puts(s, "lang ");
		put_quoted(s, doc->lang);
		rm_putc(s, '\n');
	}
	for (i = 0; i < doc->nnotes; i++) {
		const struct rm_note *n = &doc->notes[i];

		rm_printf(s, "note #%zu", i);
		if (n->key != NULL) {
			rm_puts(s, " id=");
			put_quoted(s, n->key);
		}
		put_pos(s, n->pos);
		rm_putc(s, ' ');
		put_quoted(s, n->text);
		rm_putc(s, '\n');
	}
	for (i = 0; i < doc->nmap_notes; i++)
		rm_printf(s, "map-note #%zu\n", doc->map_notes[i]);
	for (t = doc->root; t != NULL; t = rm_next_preorder(t, doc->root)) {
		rm_put_indent(s, t->depth);
		rm_puts(s, "topic ");
		put_quoted(s, t->text);
		rm_puts(s, " id=");
		put_quoted(s, t->key);
		put_pos(s, t->pos);
		if (t->side != RM_SIDE_AUTO)
			rm_puts(s, t->side == RM_SIDE_LEFT ? " left" : " right");
		if (t->folded)
			rm_puts(s, " folded");
		if (t->has_color)
			rm_printf(s, " color=#%06x", (unsigned)t->color);
		rm_putc(s, '\n');
		for (i = 0; i < t->nnotes; i++) {
			rm_put_indent(s, t->depth + 1);
			rm_printf(s, "- note #%zu\n", t->notes[i]);
		}
		for (i = 0; i < t->nlinks; i++) {
			rm_put_indent(s, t->depth + 1);
			rm_puts(s, "- link ");
			put_quoted(s, t->links[i].href);
			if (t->links[i].title != NULL) {
				rm_putc(s, ' ');
				put_quoted(s, t->links[i].title);
			}
			rm_putc(s, '\n');
		}
		for (i = 0; i < t->nattrs; i++) {
			rm_put_indent(s, t->depth + 1);
			rm_puts(s, "- attr ");
			put_quoted(s, t->attrs[i].name);
			rm_puts(s, " = ");
			put_quoted(s, t->attrs[i].value);
			rm_putc(s, '\n');
		}
		put_strings(s, t->depth + 1, "icon", t->icons, t->nicons);
		put_strings(s, t->depth + 1, "customer", t->records,
		    t->nrecords);
		if (t->query != NULL) {
			const struct rm_query *q = t->query;
			const char *const names[] = { "select", "sort", "each",
			    "summary" };
			const char *vals[] = { q->select, q->sort, q->each,
			    q->summary };

			rm_put_indent(s, t->depth + 1);
			rm_printf(s, "- query @%u:%u", q->pos.line, q->pos.col);
			for (i = 0; i < 4; i++)
				if (vals[i] != NULL) {
					rm_printf(s, " %s=", names[i]);
					put_quoted(s, vals[i]);
				}
			if (q->limit > 0)
				rm_printf(s, " limit=%zu", q->limit);
			rm_putc(s, '\n');
		}
	}
	return RAMIFY_OK;
}
