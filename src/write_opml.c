/*
 * write_opml.c: writer of OPML 2.0 (docs/formats/opml.md).
 *
 * One <outline> per topic with `text`; the topic's notes joined into
 * `_note`; its first link as `type="link" url=...` (unless the outline
 * carries url, htmlUrl or xmlUrl of its own, read from a feed list);
 * its attributes as attributes; `collapse="true"` on folded topics, and
 * head/expansionState for outliners that only know the OPML 2.0 way.
 * When the root only holds the map's title over several topics (as the
 * reader makes it from a file with several outlines at the top), those
 * outlines are written at the top and the title in head/title, so that
 * such a file comes back as it was.
 *
 * What OPML cannot hold (map-level notes, a second link, link titles,
 * attribute names that are not XML names, icons, colours, sides,
 * customer references) is left out; a warning counts what was dropped
 * that the user may expect to see again.  Deterministic, two-space
 * indentation, no recursion.
 */
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "xml.h"

struct writer {
	const struct ramify_doc	*doc;
	struct rm_sink		*out;
	size_t			 lost_links, lost_attrs;
};

static void
put_attr(struct rm_sink *out, const char *name, const char *val)
{
	rm_putc(out, ' ');
	rm_puts(out, name);
	rm_puts(out, "=\"");
	rm_put_xml(out, val);
	rm_putc(out, '"');
}

/* The topic's own value of attribute `name`, or NULL. */
static const char *
attr_value(const struct ramify_topic *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->nattrs; i++)
		if (strcmp(t->attrs[i].name, name) == 0)
			return t->attrs[i].value;
	return NULL;
}

/* Names the writer uses itself, so an attribute may not. */
static int
reserved(const char *name)
{
	return strcmp(name, "text") == 0 || strcmp(name, "_note") == 0 ||
	    strcmp(name, "collapse") == 0;
}

/* Is link `href` written already as the topic's url, htmlUrl or xmlUrl? */
static int
link_in_attrs(const struct ramify_topic *t, const char *href)
{
	static const char *const names[] = { "url", "htmlUrl", "xmlUrl" };
	const char *v;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if ((v = attr_value(t, names[i])) != NULL && strcmp(v, href) == 0)
			return 1;
	return 0;
}

static void
put_note(struct writer *w, const struct ramify_topic *t)
{
	size_t i;
	GString *s;

	if (t->nnotes == 0)
		return;
	s = g_string_new(NULL);
	for (i = 0; i < t->nnotes; i++) {
		if (i > 0)
			g_string_append(s, "\n\n");
		g_string_append(s, w->doc->notes[t->notes[i]].text);
	}
	put_attr(w->out, "_note", s->str);
	g_string_free(s, TRUE);
}

static void
put_links(struct writer *w, const struct ramify_topic *t)
{
	size_t i;
	int written = 0;

	for (i = 0; i < t->nlinks; i++) {
		if (link_in_attrs(t, t->links[i].href))
			continue;
		if (!written && attr_value(t, "type") == NULL &&
		    attr_value(t, "url") == NULL) {
			put_attr(w->out, "type", "link");
			put_attr(w->out, "url", t->links[i].href);
			written = 1;
		} else
			w->lost_links++;
	}
}

static void
put_attrs(struct writer *w, const struct ramify_topic *t)
{
	size_t i, j;

	for (i = 0; i < t->nattrs; i++) {
		const char *name = t->attrs[i].name;

		for (j = 0; j < i; j++)
			if (strcmp(t->attrs[j].name, name) == 0)
				break;
		if (j < i || reserved(name) ||
		    xmlValidateNCName((const xmlChar *)name, 0) != 0) {
			w->lost_attrs++;
			continue;
		}
		put_attr(w->out, name, t->attrs[i].value);
	}
}

/* Start tag of topic `t`; returns 1 when the element was left open. */
static int
put_outline(struct writer *w, const struct ramify_topic *t, unsigned level)
{
	rm_put_indent(w->out, level);
	rm_puts(w->out, "<outline");
	put_attr(w->out, "text", t->text);
	put_note(w, t);
	put_links(w, t);
	put_attrs(w, t);
	if (t->folded)
		put_attr(w->out, "collapse", "true");
	if (t->first == NULL) {
		rm_puts(w->out, "/>\n");
		return 0;
	}
	rm_puts(w->out, ">\n");
	return 1;
}

static void
put_end(struct writer *w, unsigned level)
{
	rm_put_indent(w->out, level);
	rm_puts(w->out, "</outline>\n");
}

/* The subtree of `top` (itself when `with_top`, else its children),
 * its first outline at indentation `level`. */
static void
put_outlines(struct writer *w, const struct ramify_topic *top, int with_top,
    unsigned level)
{
	const struct ramify_topic *t = with_top ? top : top->first;
	unsigned base = level - (with_top ? 0 : 1);

	while (t != NULL && w->out->err == 0) {
		unsigned lv = base + t->depth - top->depth;

		if (put_outline(w, t, lv)) {
			t = t->first;
			continue;
		}
		while (t != top && t->next == NULL) {
			t = t->parent;
			if (t != top || with_top)
				put_end(w, base + t->depth - top->depth);
		}
		t = t != top ? t->next : NULL;
	}
}

/* head/expansionState: the visible lines (0 = the first outline written)
 * of expanded outlines with children. */
static void
put_expansion(struct writer *w, const struct ramify_topic *top, int with_top)
{
	const struct ramify_topic *t = with_top ? top : top->first;
	unsigned long line = 0;
	int any = 0;

	for (; t != NULL; line++) {
		if (t->first != NULL && !t->folded) {
			rm_puts(w->out, any ? "," : "    <expansionState>");
			rm_printf(w->out, "%lu", line);
			any = 1;
			t = t->first;
			continue;
		}
		while (t != top && t->next == NULL)
			t = t->parent;
		t = t != top ? t->next : NULL;
	}
	if (any)
		rm_puts(w->out, "</expansionState>\n");
}

/* Is the root no more than the title over several outlines? */
static int
root_is_title(const struct ramify_doc *doc)
{
	const struct ramify_topic *r = doc->root;

	return doc->title != NULL && strcmp(doc->title, r->text) == 0 &&
	    r->nkids >= 2 && r->nnotes == 0 && r->nlinks == 0 &&
	    r->nattrs == 0 && !r->folded;
}

int
opml_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *out, struct rm_diag *diag)
{
	struct writer w;
	int with_root = !root_is_title(doc);
	unsigned extra = with_root ? 3 : 2;
	size_t i;

	(void)o;
	/* <opml> is level 1, <body> 2, the first outlines 3. */
	for (i = 0; i < doc->ntopics; i++)
		if (doc->topics[i]->depth + extra > RM_XML_MAX_DEPTH) {
			rm_error(diag, doc->topics[i]->pos, "topic '%s' is too "
			    "deep for OPML (%u levels below the root; XML "
			    "parsers refuse more than %d levels of elements)",
			    doc->topics[i]->key, doc->topics[i]->depth,
			    RM_XML_MAX_DEPTH);
			return RAMIFY_ELIMIT;
		}
	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.out = out;
	rm_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<opml version=\"2.0\">\n  <head>\n    <title>");
	rm_put_xml(out, doc->title != NULL ? doc->title : doc->root->text);
	rm_puts(out, "</title>\n");
	put_expansion(&w, doc->root, with_root);
	rm_puts(out, "  </head>\n  <body>\n");
	put_outlines(&w, doc->root, with_root, 2);
	rm_puts(out, "  </body>\n</opml>\n");
	if (doc->nmap_notes > 0)
		rm_warning(diag, (struct rm_pos){0, 0}, "OPML has no place for "
		    "map-level notes: %zu left out", doc->nmap_notes);
	if (w.lost_links > 0)
		rm_warning(diag, (struct rm_pos){0, 0}, "OPML holds one link "
		    "per outline: %zu more left out", w.lost_links);
	if (w.lost_attrs > 0)
		rm_warning(diag, (struct rm_pos){0, 0}, "%zu attributes left "
		    "out: their names are not XML names, are used twice or "
		    "are OPML's own", w.lost_attrs);
	return out->err;
}
