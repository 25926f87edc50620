/*
 * write_ramify.c: writer of ramify's own XML map format (docs/FORMAT.md).
 *
 * Deterministic, two-space indentation, only attributes that differ from
 * their defaults.  A note used more than once (or that has a key) is
 * written with an id where it is first met (map-level notes at the top)
 * and referenced with <note ref> after, so reading and writing again
 * gives the same bytes.  The topic tree is walked without recursion.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "xml.h"


/* A generated note id: "n", 20 digits, "-", 10 digits, NUL. */
#define ID_MAX		33

struct writer {
	const struct ramify_doc	*doc;
	struct rm_sink		*out;
	const char		**note_id;	/* id to write, or NULL */
	unsigned char		*defined;	/* note written already */
	GHashTable		*note_keys;	/* keys of notes, for collisions */
	char			*idbuf;		/* generated ids, one block */
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

/*
 * Decide which notes need an id: those with a key, and those used more
 * than once (map level counts as a use).  A shared note without a key
 * gets "n<index+1>", or "n<index+1>-<k>" if a key already says that.
 */
static int
plan_notes(struct writer *w)
{
	const struct ramify_doc *doc = w->doc;
	size_t *uses, i, j, off = 0;
	unsigned k;
	char buf[ID_MAX];

	if (doc->nnotes == 0)
		return RAMIFY_OK;
	w->note_id = calloc(doc->nnotes, sizeof *w->note_id);
	w->defined = calloc(doc->nnotes, 1);
	uses = calloc(doc->nnotes, sizeof *uses);
	w->idbuf = calloc(doc->nnotes, ID_MAX);
	if (w->note_id == NULL || w->defined == NULL || uses == NULL ||
	    w->idbuf == NULL) {
		free(uses);
		return RAMIFY_ENOMEM;
	}
	for (i = 0; i < doc->nmap_notes; i++)
		uses[doc->map_notes[i]]++;
	for (i = 0; i < doc->ntopics; i++)
		for (j = 0; j < doc->topics[i]->nnotes; j++)
			uses[doc->topics[i]->notes[j]]++;
	for (i = 0; i < doc->nnotes; i++)
		if (rm_valid_id(doc->notes[i].key)) {
			w->note_id[i] = doc->notes[i].key;
			g_hash_table_add(w->note_keys, (char *)doc->notes[i].key);
		}
	for (i = 0; i < doc->nnotes; i++) {
		if (w->note_id[i] != NULL || uses[i] < 2)
			continue;
		snprintf(buf, sizeof buf, "n%zu", i + 1);
		for (k = 2; g_hash_table_contains(w->note_keys, buf); k++)
			snprintf(buf, sizeof buf, "n%zu-%u", i + 1, k);
		memcpy(w->idbuf + off, buf, strlen(buf) + 1);
		w->note_id[i] = w->idbuf + off;
		g_hash_table_add(w->note_keys, w->idbuf + off);
		off += strlen(buf) + 1;
	}
	free(uses);
	return RAMIFY_OK;
}

/* A note where it is used: defined the first time, referenced after. */
static void
put_note(struct writer *w, size_t i, unsigned level)
{
	const char *text = w->doc->notes[i].text;
	char *copy, *p, *end;

	rm_put_indent(w->out, level);
	if (w->defined[i]) {
		rm_puts(w->out, "<note");
		put_attr(w->out, "ref", w->note_id[i]);
		rm_puts(w->out, "/>\n");
		return;
	}
	w->defined[i] = 1;
	rm_puts(w->out, "<note");
	if (w->note_id[i] != NULL)
		put_attr(w->out, "id", w->note_id[i]);
	rm_putc(w->out, '>');
	/* Paragraphs are separated by blank lines ("\n\n"). */
	if ((copy = strdup(text)) == NULL) {
		w->out->err = w->out->err ? w->out->err : RAMIFY_ENOMEM;
		return;
	}
	for (p = copy; ; p = end + 2) {
		int last;

		if ((end = strstr(p, "\n\n")) == NULL)
			end = p + strlen(p);
		last = *end == '\0';
		*end = '\0';
		if (*p == '\0') {
			rm_puts(w->out, "<p/>");
		} else {
			rm_puts(w->out, "<p>");
			rm_put_xml(w->out, p);
			rm_puts(w->out, "</p>");
		}
		if (last)
			break;
	}
	free(copy);
	rm_puts(w->out, "</note>\n");
}

/* The start tag of topic `t` and its notes, links, attributes, icons,
 * customer records and query.  Returns 1 when the element was left open. */
static int
put_topic_start(struct writer *w, const struct ramify_topic *t,
    unsigned level)
{
	struct rm_sink *out = w->out;
	size_t i;
	char color[8];

	rm_put_indent(out, level);
	rm_puts(out, "<topic");
	if (rm_valid_id(t->key))
		put_attr(out, "id", t->key);
	put_attr(out, "text", t->text);
	if (t->side != RM_SIDE_AUTO)
		put_attr(out, "side", t->side == RM_SIDE_LEFT ? "left" : "right");
	if (t->folded)
		put_attr(out, "folded", "true");
	if (t->has_color) {
		snprintf(color, sizeof color, "#%06x",
		    (unsigned)(t->color & 0xffffff));
		put_attr(out, "color", color);
	}
	if (t->nnotes == 0 && t->nlinks == 0 && t->nattrs == 0 &&
	    t->nicons == 0 && t->nrecords == 0 && t->query == NULL &&
	    t->first == NULL) {
		rm_puts(out, "/>\n");
		return 0;
	}
	rm_puts(out, ">\n");
	for (i = 0; i < t->nnotes; i++)
		put_note(w, t->notes[i], level + 1);
	for (i = 0; i < t->nlinks; i++) {
		rm_put_indent(out, level + 1);
		rm_puts(out, "<link");
		put_attr(out, "href", t->links[i].href);
		if (t->links[i].title != NULL)
			put_attr(out, "title", t->links[i].title);
		rm_puts(out, "/>\n");
	}
	for (i = 0; i < t->nattrs; i++) {
		rm_put_indent(out, level + 1);
		rm_puts(out, "<attr");
		put_attr(out, "name", t->attrs[i].name);
		put_attr(out, "value", t->attrs[i].value);
		rm_puts(out, "/>\n");
	}
	for (i = 0; i < t->nicons; i++) {
		rm_put_indent(out, level + 1);
		rm_puts(out, "<icon");
		put_attr(out, "name", t->icons[i]);
		rm_puts(out, "/>\n");
	}
	for (i = 0; i < t->nrecords; i++) {
		rm_put_indent(out, level + 1);
		rm_puts(out, "<customer");
		put_attr(out, "ref", t->records[i]);
		rm_puts(out, "/>\n");
	}
	if (t->query != NULL) {
		const struct rm_query *q = t->query;

		rm_put_indent(out, level + 1);
		rm_puts(out, "<query");
		if (q->select != NULL)
			put_attr(out, "select", q->select);
		if (q->sort != NULL)
			put_attr(out, "sort", q->sort);
		if (q->limit > 0) {
			char num[32];

			snprintf(num, sizeof num, "%zu", q->limit);
			put_attr(out, "limit", num);
		}
		if (q->each != NULL)
			put_attr(out, "each", q->each);
		if (q->summary != NULL)
			put_attr(out, "summary", q->summary);
		rm_puts(out, "/>\n");
	}
	return 1;
}

static void
put_topic_end(struct writer *w, unsigned level)
{
	rm_put_indent(w->out, level);
	rm_puts(w->out, "</topic>\n");
}

static void
put_topics(struct writer *w)
{
	const struct ramify_topic *root = w->doc->root, *t = root;
	unsigned level = 1;

	for (;;) {
		int open = put_topic_start(w, t, level);

		if (t->first != NULL) {
			t = t->first;
			level++;
			continue;
		}
		if (open)
			put_topic_end(w, level);
		while (t != root && t->next == NULL) {
			t = t->parent;
			put_topic_end(w, --level);
		}
		if (t == root || w->out->err != 0)
			break;
		t = t->next;
	}
}

/*
 * The XML nesting level of the deepest element written for topic `t`:
 * <map> is level 1, a topic of depth d level d + 2, its links and other
 * items d + 3, its note paragraphs d + 4.  Nothing deeper than
 * RM_XML_MAX_DEPTH could be read back.
 */
static unsigned
xml_depth(const struct ramify_topic *t)
{
	if (t->nnotes > 0)
		return t->depth + 4;
	if (t->nlinks > 0 || t->nattrs > 0 || t->nicons > 0 || t->nrecords > 0 ||
	    t->query != NULL)
		return t->depth + 3;
	return t->depth + 2;
}

int
ramify_xml_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *out, struct rm_diag *diag)
{
	struct writer w;
	size_t i;
	int rc;

	(void)o;
	for (i = 0; i < doc->ntopics; i++)
		if (xml_depth(doc->topics[i]) > RM_XML_MAX_DEPTH) {
			rm_error(diag, doc->topics[i]->pos, "topic '%s' is too "
			    "deep for the ramify format (%u levels below the "
			    "root; XML parsers refuse more than %d levels of "
			    "elements)", doc->topics[i]->key,
			    doc->topics[i]->depth, RM_XML_MAX_DEPTH);
			return RAMIFY_ELIMIT;
		}
	memset(&w, 0, sizeof w);
	w.doc = doc;
	w.out = out;
	w.note_keys = g_hash_table_new(g_str_hash, g_str_equal);
	if ((rc = plan_notes(&w)) != RAMIFY_OK)
		goto out;
	rm_puts(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<map xmlns=\"urn:ramify:map:1\" version=\"1\"");
	if (doc->lang != NULL)
		put_attr(out, "xml:lang", doc->lang);
	rm_puts(out, ">\n");
	if (doc->title != NULL) {
		rm_puts(out, "  <title>");
		rm_put_xml(out, doc->title);
		rm_puts(out, "</title>\n");
	}
	for (i = 0; i < doc->nmap_notes; i++)
		put_note(&w, doc->map_notes[i], 1);
	put_topics(&w);
	rm_puts(out, "</map>\n");
	rc = out->err;
out:
	g_hash_table_destroy(w.note_keys);
	free(w.note_id);
	free(w.defined);
	free(w.idbuf);
	return rc;
}
