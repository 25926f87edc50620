/*
 * write_mm.c: writer of Freeplane mind maps (.mm, as Freeplane 1.9
 * writes them; FreeMind reads them too).  docs/formats/mm.md says what
 * maps to what and what cannot be kept.
 *
 * The output is ASCII: everything else is written as character
 * references, as FreeMind did, so no reader can get the encoding wrong.
 * No timestamps, no random IDs: the same document gives the same bytes.
 * Nodes are not indented (a deep map would grow quadratically) and the
 * tree is walked without recursion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"

#define VERSION	"freeplane 1.9.13"

struct writer {
	const struct ramify_doc	*doc;
	struct rm_sink		*out;
	struct rm_diag		*diag;
	unsigned char		*seen;		/* per note: listed for the root */
};

/*
 * `s` escaped for an attribute value or element content: markup
 * characters and line breaks as references, and every non-ASCII
 * character as a numeric reference.  Characters XML 1.0 cannot carry
 * become U+FFFD.
 */
static void
put_esc(struct rm_sink *out, const char *s)
{
	const char *p, *run;
	gunichar c;

	for (p = run = s; *p != '\0'; ) {
		unsigned char b = (unsigned char)*p;

		if (b >= 0x20 && b < 0x7f && b != '&' && b != '<' &&
		    b != '>' && b != '"') {
			p++;
			continue;
		}
		rm_put(out, run, (size_t)(p - run));
		switch (b) {
		case '&': rm_puts(out, "&amp;"); break;
		case '<': rm_puts(out, "&lt;"); break;
		case '>': rm_puts(out, "&gt;"); break;
		case '"': rm_puts(out, "&quot;"); break;
		default:
			/* The model holds valid UTF-8. */
			c = g_utf8_get_char(p);
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0xfffe || c == 0xffff)
				c = 0xfffd;
			rm_printf(out, "&#x%x;", (unsigned)c);
			break;
		}
		p = g_utf8_next_char(p);
		run = p;
	}
	rm_put(out, run, (size_t)(p - run));
}

static void
put_attr(struct rm_sink *out, const char *name, const char *val)
{
	rm_putc(out, ' ');
	rm_puts(out, name);
	rm_puts(out, "=\"");
	put_esc(out, val);
	rm_putc(out, '"');
}

/*
 * Does multi-line text come back the same from HTML?  The reader folds
 * white space and trims lines, as a browser shows them, no-break spaces
 * are spaces to it, and it drops empty lines at either end.
 */
static int
html_safe(const char *s)
{
	const char *p;

	if (*s == '\n' || *s == '\0' || s[strlen(s) - 1] == '\n')
		return 0;
	for (p = s; *p != '\0'; p++) {
		if (*p == '\t' || *p == '\r' || strncmp(p, "\xc2\xa0", 2) == 0)
			return 0;
		if (*p == ' ' && (p == s || p[-1] == '\n' || p[1] == ' ' ||
		    p[1] == '\n' || p[1] == '\0'))
			return 0;
	}
	return 1;
}

/* Would the reader take TEXT `s` for escaped HTML?  (The same test as
 * is_html() in read_mm.c.) */
static int
looks_like_html(const char *s)
{
	return g_ascii_strncasecmp(s, "<html", 5) == 0 &&
	    (s[5] == '>' || s[5] == '/' || s[5] == ' ' || s[5] == '\t' ||
	    s[5] == '\n' || s[5] == '\r');
}

/* Text in rich content (TYPE=NODE): multi-line text that survives it,
 * and text that must not go in TEXT, where it would be taken for
 * escaped HTML. */
static int
rich_node_text(const char *s)
{
	return looks_like_html(s) || (strchr(s, '\n') != NULL && html_safe(s));
}

static void
html_open(struct rm_sink *out, const char *type)
{
	/* Without Freeplane 1.9's CONTENT-TYPE="xml/", which FreeMind does
	 * not know and Freeplane does not need (1.12 dropped it too). */
	rm_puts(out, "<richcontent TYPE=\"");
	rm_puts(out, type);
	rm_puts(out, "\">\n");
	rm_puts(out, "<html>\n  <head>\n\n  </head>\n  <body>\n");
}

static void
html_close(struct rm_sink *out)
{
	rm_puts(out, "  </body>\n</html>\n</richcontent>\n");
}

/* One paragraph: text up to `n` bytes, its line breaks as <br/>. */
static void
html_para(struct rm_sink *out, const char *s, size_t n)
{
	char *copy, *line, *nl;

	rm_puts(out, "    <p>\n      ");
	copy = g_strndup(s, n);
	for (line = copy; ; line = nl + 1) {
		if ((nl = strchr(line, '\n')) != NULL)
			*nl = '\0';
		put_esc(out, line);
		if (nl == NULL)
			break;
		rm_puts(out, "<br/>");
	}
	g_free(copy);
	rm_puts(out, "\n    </p>\n");
}

/* A note's paragraphs ("\n\n" between them); empty ones are left out. */
static void
html_note(struct rm_sink *out, const char *s)
{
	const char *end;
	size_t n;

	for (;;) {
		end = strstr(s, "\n\n");
		n = end != NULL ? (size_t)(end - s) : strlen(s);
		if (n > 0)
			html_para(out, s, n);
		if (end == NULL)
			break;
		s = end + 2;
	}
}

/* Is `l` an arrow link the reader made: "#ID" titled "arrowlink"? */
static int
read_arrow(const struct rm_link *l)
{
	return l->href[0] == '#' && l->href[1] != '\0' && l->title != NULL &&
	    strcmp(l->title, "arrowlink") == 0;
}

/*
 * A node has one LINK, and arrow links to other nodes.  LINK is the
 * first link that is not an arrow link the reader made; those stay
 * arrow links, and so does every other "#key" link to a topic of the
 * map.  The rest cannot be written.  Returns the index of the LINK, or
 * nlinks when there is none.
 */
static size_t
pick_link(const struct ramify_topic *t)
{
	size_t i;

	for (i = 0; i < t->nlinks && read_arrow(&t->links[i]); i++)
		;
	return i;
}

static int
is_arrow(const struct ramify_doc *doc, const struct rm_link *l)
{
	return read_arrow(l) ||
	    (l->href[0] == '#' && rm_doc_find(doc, l->href + 1) != NULL);
}

/* Notes of the topic, map-level notes for the root, each once. */
static size_t
note_list(const struct writer *w, const struct ramify_topic *t,
    size_t *list)
{
	const struct ramify_doc *doc = w->doc;
	size_t n = 0, i;

	for (i = 0; i < t->nnotes; i++)
		list[n++] = t->notes[i];
	if (t != doc->root)
		return n;
	for (i = 0; i < t->nnotes; i++)
		w->seen[t->notes[i]] = 1;
	for (i = 0; i < doc->nmap_notes; i++)
		if (!w->seen[doc->map_notes[i]]) {
			w->seen[doc->map_notes[i]] = 1;
			list[n++] = doc->map_notes[i];
		}
	return n;
}

/* The node's start tag and everything but its child nodes.  Returns 1
 * when the element was left open. */
static int
put_node_start(struct writer *w, const struct ramify_topic *t,
    size_t *notes)
{
	const struct ramify_doc *doc = w->doc;
	struct rm_sink *out = w->out;
	size_t link = pick_link(t), nnotes, i;
	int rich = rich_node_text(t->text);
	char color[8];

	rm_puts(out, "<node");
	if (!rich)
		put_attr(out, "TEXT", t->text);
	if (rm_valid_id(t->key))
		put_attr(out, "ID", t->key);
	if (t->folded)
		put_attr(out, "FOLDED", "true");
	if (t->depth == 1 && t->side != RM_SIDE_AUTO)
		put_attr(out, "POSITION", t->side == RM_SIDE_LEFT ? "left" :
		    "right");
	if (t->has_color) {
		snprintf(color, sizeof color, "#%06x",
		    (unsigned)(t->color & 0xffffff));
		put_attr(out, "COLOR", color);
	}
	if (link < t->nlinks)
		put_attr(out, "LINK", t->links[link].href);
	nnotes = note_list(w, t, notes);
	if (!rich && t->nicons == 0 && t->nattrs == 0 && nnotes == 0 &&
	    t->nlinks == (link < t->nlinks) && t->first == NULL) {
		rm_puts(out, "/>\n");
		return 0;
	}
	rm_puts(out, ">\n");
	if (rich) {
		html_open(out, "NODE");
		/* One paragraph, its lines separated by <br/>. */
		html_para(out, t->text, strlen(t->text));
		html_close(out);
	}
	for (i = 0; i < t->nicons; i++) {
		rm_puts(out, "<icon");
		put_attr(out, "BUILTIN", t->icons[i]);
		rm_puts(out, "/>\n");
	}
	for (i = 0; i < t->nattrs; i++) {
		rm_puts(out, "<attribute");
		put_attr(out, "NAME", t->attrs[i].name);
		put_attr(out, "VALUE", t->attrs[i].value);
		rm_puts(out, "/>\n");
	}
	for (i = 0; i < t->nlinks; i++) {
		if (i == link)
			continue;
		if (!is_arrow(doc, &t->links[i])) {
			rm_warning(w->diag, t->pos, "topic '%s': link '%s' left "
			    "out (a .mm node has one link)", t->key,
			    t->links[i].href);
			continue;
		}
		rm_puts(out, "<arrowlink");
		put_attr(out, "DESTINATION", t->links[i].href + 1);
		rm_puts(out, "/>\n");
	}
	/* The first note is the NOTE; the others, DETAILS. */
	if (nnotes > 0) {
		html_open(out, "NOTE");
		html_note(out, doc->notes[notes[0]].text);
		html_close(out);
	}
	if (nnotes > 1) {
		html_open(out, "DETAILS");
		for (i = 1; i < nnotes; i++)
			html_note(out, doc->notes[notes[i]].text);
		html_close(out);
	}
	return 1;
}

static void
put_nodes(struct writer *w, size_t *notes)
{
	const struct ramify_topic *root = w->doc->root, *t = root;

	for (;;) {
		int open = put_node_start(w, t, notes);

		if (t->first != NULL) {
			t = t->first;
			continue;
		}
		if (open)
			rm_puts(w->out, "</node>\n");
		while (t != root && t->next == NULL) {
			t = t->parent;
			rm_puts(w->out, "</node>\n");
		}
		if (t == root || w->out->err != 0)
			break;
		t = t->next;
	}
}

int
mm_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *out, struct rm_diag *diag)
{
	struct writer w = { doc, out, diag, NULL };
	size_t *notes, most = doc->nmap_notes, i;

	(void)o;
	for (i = 0; i < doc->ntopics; i++)
		if (doc->topics[i]->nnotes > most)
			most = doc->topics[i]->nnotes;
	notes = calloc(most + doc->root->nnotes + 1, sizeof *notes);
	w.seen = calloc(doc->nnotes + 1, 1);
	if (notes == NULL || w.seen == NULL) {
		free(notes);
		free(w.seen);
		return RAMIFY_ENOMEM;
	}
	rm_puts(out, "<map version=\"" VERSION "\">\n"
	    "<!--To view this file, download free mind mapping software "
	    "Freeplane from https://www.freeplane.org -->\n");
	put_nodes(&w, notes);
	rm_puts(out, "</map>\n");
	free(notes);
	free(w.seen);
	return out->err;
}
