/*
 * write_markdown.c: writer of Markdown outlines (docs/formats/markdown.md),
 * in the shape read_markdown.c reads back to the same map:
 *
 *	---
 *	title: "the map's title"
 *	---
 *
 *	> map-level notes, one quoted paragraph each
 *
 *	# Root <!-- markmap: fold -->
 *
 *	> its notes
 *
 *	## Level 1
 *
 *	### Level 2
 *
 *	- level 3
 *	  > its notes
 *	  - level 4: [text](https://link "title")[](https://second.link)
 *
 * Markdown's special characters in text are escaped with a backslash;
 * spaces at the ends of a topic's text and control characters become
 * character references, line breaks `<br>`, so that reading gives the
 * same text.  Folding is markmap's `<!-- markmap: fold -->` comment.
 * Nothing else of the model (attributes, icons, colours) has a place.
 * Deterministic, no recursion.
 */
#include <string.h>

#include <glib.h>

#include "internal.h"

/* Lists deeper than this would be mostly indentation (it grows as the
 * square of the depth); the reader has no such limit. */
#define MD_MAX_LIST_DEPTH	5000

/* Topics at depth < HEADINGS are headings ('#' + depth), the rest list
 * items. */
#define HEADINGS	3

/* Would md4c take `s` (at a '&') for an entity, &#123; &#x7b; or
 * &name;?  Saying yes too often costs only a backslash. */
static int
entity_like(const char *s)
{
	const char *p = s + 1;
	size_t n = 0;

	if (*p == '#') {
		p++;
		if (*p == 'x' || *p == 'X') {
			p++;
			while (g_ascii_isxdigit(p[n]))
				n++;
		} else
			while (g_ascii_isdigit(p[n]))
				n++;
	} else if (g_ascii_isalpha(*p))
		while (g_ascii_isalnum(p[n]))
			n++;
	return n > 0 && p[n] == ';';
}

static void
put_charref(struct rm_sink *out, unsigned c)
{
	rm_printf(out, "&#%u;", c);
}

/*
 * Text of a topic or note paragraph, on one line.  `topic`: spaces at
 * both ends are kept (as character references) and "\n" is <br>; in
 * notes, whitespace is folded on reading, so it is written as it is.
 */
static void
put_text(struct rm_sink *out, const char *s, int topic)
{
	size_t n = strlen(s), i, lead, trail, d;

	for (lead = 0; lead < n && (s[lead] == ' ' || s[lead] == '\t'); lead++)
		;
	for (trail = n; trail > lead && (s[trail - 1] == ' ' ||
	    s[trail - 1] == '\t'); trail--)
		;
	/* Digits then '.' or ')' at the start make an ordered list. */
	for (d = lead; d < n && d - lead < 10 && s[d] >= '0' && s[d] <= '9'; d++)
		;
	if (d == lead || d >= n || (s[d] != '.' && s[d] != ')'))
		d = (size_t)-1;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((i < lead || i >= trail) && (c == ' ' || c == '\t')) {
			if (topic)
				put_charref(out, c);
			else
				rm_putc(out, ' ');
		} else if (c == '\n') {
			rm_puts(out, topic ? "<br>" : " ");
		} else if (c < 0x20 || c == 0x7f) {
			put_charref(out, c);
		} else if (strchr("\\`*_[]<>#!|~", c) != NULL ||
		    (c == '&' && entity_like(s + i)) ||
		    (i == lead && strchr("-+=", c) != NULL) || i == d) {
			rm_putc(out, '\\');
			rm_putc(out, c);
		} else
			rm_putc(out, c);
	}
}

/* A link destination: bare when it can be, else in <...>.  Code spans
 * and raw HTML bind more tightly than links: '`' and '<' are escaped
 * here and in titles. */
static void
put_dest(struct rm_sink *out, const char *href)
{
	const char *p;
	int angle = *href == '\0';

	for (p = href; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f ||
		    strchr("()<>", *p) != NULL)
			angle = 1;
	if (angle)
		rm_putc(out, '<');
	for (p = href; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c < 0x20 || c == 0x7f)
			put_charref(out, c);
		else if (c == '\\' || c == '`' || (c == '&' && entity_like(p)) ||
		    (angle && (c == '<' || c == '>'))) {
			rm_putc(out, '\\');
			rm_putc(out, c);
		} else
			rm_putc(out, c);
	}
	if (angle)
		rm_putc(out, '>');
}

static void
put_link_end(struct rm_sink *out, const struct rm_link *l)
{
	const char *p;

	rm_puts(out, "](");
	put_dest(out, l->href);
	if (l->title != NULL) {
		rm_puts(out, " \"");
		for (p = l->title; *p != '\0'; p++) {
			unsigned char c = (unsigned char)*p;

			if (c < 0x20 || c == 0x7f)
				put_charref(out, c);
			else if (strchr("\"\\`<>[]", c) != NULL ||
			    (c == '&' && entity_like(p))) {
				rm_putc(out, '\\');
				rm_putc(out, c);
			} else
				rm_putc(out, c);
		}
		rm_putc(out, '"');
	}
	rm_putc(out, ')');
}

/* The topic's line after its marker: text (inside its first link),
 * further links with no text, the fold mark. */
static void
put_topic_line(struct rm_sink *out, const struct ramify_topic *t, int item)
{
	size_t i;

	if (t->nlinks > 0)
		rm_putc(out, '[');
	put_text(out, t->text, 1);
	for (i = 0; i < t->nlinks; i++) {
		if (i > 0)
			rm_puts(out, "[");
		put_link_end(out, &t->links[i]);
	}
	/* After the marker's one space: more would move a list item's
	 * content, and with it where its children must start.  An empty
	 * list item must not be empty in the source, or it could not
	 * follow its parent's text (it would underline it, setext-style):
	 * a comment, which the reader skips, fills it. */
	if (t->text[0] != '\0' || t->nlinks > 0) {
		if (t->folded)
			rm_puts(out, " <!-- markmap: fold -->");
	} else if (t->folded)
		rm_puts(out, "<!-- markmap: fold -->");
	else if (item)
		rm_puts(out, "<!-- -->");
	/* A lone <br> would be an HTML block; with a comment, inline. */
	if (item && t->nlinks == 0 && !t->folded && strcmp(t->text, "\n") == 0)
		rm_puts(out, "<!-- -->");
	rm_putc(out, '\n');
}

/* Note `text` as quoted paragraphs, each line starting with `indent`
 * spaces. */
static void
put_note(struct rm_sink *out, const char *text, unsigned indent)
{
	const char *p = text, *end;
	int first = 1;
	unsigned k;

	for (;;) {
		size_t n;

		if ((end = strstr(p, "\n\n")) == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (n > 0) {
			char *para = NULL;

			if (!first) {
				for (k = 0; k < indent; k++)
					rm_putc(out, ' ');
				rm_puts(out, ">\n");
			}
			for (k = 0; k < indent; k++)
				rm_putc(out, ' ');
			rm_puts(out, "> ");
			/* One paragraph at a time, NUL-terminated. */
			if (*end == '\0')
				put_text(out, p, 0);
			else {
				struct rm_arena a = { 0 };

				if ((para = rm_strndup(&a, p, n)) != NULL)
					put_text(out, para, 0);
				else
					out->err = out->err ? out->err : RAMIFY_ENOMEM;
				rm_arena_free(&a);
			}
			rm_putc(out, '\n');
			first = 0;
		}
		if (*end == '\0')
			break;
		p = end + 2;
	}
}

static void
put_notes(struct rm_sink *out, const struct ramify_doc *doc,
    const size_t *notes, size_t n, unsigned indent)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (doc->notes[notes[i]].text[0] != '\0') {
			if (i > 0) {
				unsigned k;

				for (k = 0; k < indent; k++)
					rm_putc(out, ' ');
				rm_puts(out, ">\n");
			}
			put_note(out, doc->notes[notes[i]].text, indent);
		}
}

/* The title as a YAML double-quoted scalar: what YAML cannot hold as it
 * is (controls, C1, line separators, BOM, non-characters) escaped. */
static void
put_yaml_string(struct rm_sink *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n, k;
	unsigned c;

	rm_putc(out, '"');
	while (*p != '\0') {
		c = *p;
		n = 1;
		if (c >= 0xc0) {
			n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			c &= n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07;
			for (k = 1; k < n; k++)
				c = (c << 6) | (p[k] & 0x3f);
		}
		if (c == '"' || c == '\\') {
			rm_putc(out, '\\');
			rm_putc(out, (int)c);
		} else if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			rm_printf(out, "\\x%02x", c);
		else if (c == 0x2028 || c == 0x2029 || c == 0xfeff ||
		    c == 0xfffe || c == 0xffff)
			rm_printf(out, "\\u%04x", c);
		else
			rm_put(out, p, n);
		p += n;
	}
	rm_putc(out, '"');
}

int
markdown_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *out, struct rm_diag *diag)
{
	const struct ramify_topic *root = doc->root, *t;
	size_t i;
	int blank = 0;	/* a blank line is due before the next block */

	(void)o;
	for (i = 0; i < doc->ntopics; i++)
		if (doc->topics[i]->depth >= HEADINGS + MD_MAX_LIST_DEPTH) {
			rm_error(diag, doc->topics[i]->pos, "topic '%s' is too "
			    "deep for Markdown (%u levels below the root; lists "
			    "are written up to %d levels deep)",
			    doc->topics[i]->key, doc->topics[i]->depth,
			    MD_MAX_LIST_DEPTH);
			return RAMIFY_ELIMIT;
		}
	if (doc->title != NULL) {
		rm_puts(out, "---\ntitle: ");
		put_yaml_string(out, doc->title);
		rm_puts(out, "\n---\n");
		blank = 1;
	}
	if (doc->nmap_notes > 0) {
		if (blank)
			rm_putc(out, '\n');
		put_notes(out, doc, doc->map_notes, doc->nmap_notes, 0);
		blank = 1;
	}
	for (t = root; t != NULL && out->err == 0; t = rm_next_preorder(t, root)) {
		if (t->depth < HEADINGS) {
			if (blank)
				rm_putc(out, '\n');
			for (i = 0; i <= t->depth; i++)
				rm_putc(out, '#');
			rm_putc(out, ' ');
			put_topic_line(out, t, 0);
			if (t->nnotes > 0) {
				rm_putc(out, '\n');
				put_notes(out, doc, t->notes, t->nnotes, 0);
			}
			blank = 1;
			continue;
		}
		if (blank && t->depth == HEADINGS && t->prev == NULL)
			rm_putc(out, '\n');
		blank = 1;
		for (i = HEADINGS; i < t->depth; i++)
			rm_puts(out, "  ");
		rm_puts(out, "- ");
		put_topic_line(out, t, 1);
		put_notes(out, doc, t->notes, t->nnotes,
		    2 * (t->depth - HEADINGS) + 2);
	}
	return out->err;
}
