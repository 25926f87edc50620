/*
 * read_mmap.c: MindManager maps (docs/formats/mmap.md).
 *
 * An .mmap file is a zip archive whose Document.xml holds the map:
 * <ap:Map><ap:OneTopic><ap:Topic> with <ap:SubTopics> below, in the
 * namespace AP_NS.  Floating topics (<ap:FloatingTopics>) follow a
 * topic's subtopics and are marked detached=true, as in XMind.  The walk
 * uses an explicit stack, never recursion.
 */
#include <string.h>

#include <glib.h>

#include "xml.h"
#include "zipmap.h"

#define AP_NS	"http://schemas.mindjet.com/MindManager/Application/2003"

static int
ap(const xmlNode *n, const char *name)
{
	return rm_xml_is(n, AP_NS, name);
}

/* The first child element of `el` named ap:`name`, or NULL. */
static xmlNode *
child(const xmlNode *el, const char *name)
{
	return rm_xml_child(el, AP_NS, name);
}

/* Attribute value, or NULL when absent or bad (reported). */
static const char *
attr(struct rm_zxml *r, const xmlNode *el, const char *name)
{
	return rm_zxml_attr(r, el, NULL, name);
}

static int
add_icon(struct rm_zxml *r, struct ramify_topic *t, const char *name)
{
	if (name == NULL || *name == '\0')
		return 0;
	if (rm_topic_add_icon(r->z.doc, t, name) != RAMIFY_OK) {
		r->z.status = RAMIFY_ENOMEM;
		return -1;
	}
	return 0;
}

/* Everything a topic carries but its subtopics. */
static int
topic_items(struct rm_zxml *r, const xmlNode *el, struct ramify_topic *t)
{
	const xmlNode *c, *n;
	const char *s;
	char who[80];
	size_t k = strlen(t->key);

	snprintf(who, sizeof who, "topic '%.*s%s'", (int)rm_utf8_valid_prefix(
	    t->key, k > 48 ? 48 : k), t->key, k > 48 ? "..." : "");
	if ((s = attr(r, child(child(el, "TopicViewGroup"), "Collapsed"),
	    "Collapsed")) != NULL && strcmp(s, "true") == 0)
		t->folded = 1;
	if ((c = child(el, "Hyperlink")) != NULL &&
	    (s = attr(r, c, "Url")) != NULL &&
	    rm_zmap_link(&r->z, t, s, who, rm_xml_pos(r->locs, c)) != 0)
		return -1;
	/* Stock icons by their names; custom ones have only a checksum. */
	for (c = child(child(child(el, "IconsGroup"), "Icons"), "Icon");
	    c != NULL; c = c->next)
		if (ap(c, "Icon") && add_icon(r, t, attr(r, c, "IconType")) != 0)
			return -1;
	if (add_icon(r, t, attr(r, child(el, "Task"), "TaskPriority")) != 0)
		return -1;
	for (c = child(child(el, "TextLabels"), "TextLabel"); c != NULL;
	    c = c->next)
		if (ap(c, "TextLabel") &&
		    (s = attr(r, c, "TextLabelName")) != NULL && *s != '\0' &&
		    rm_topic_add_attr(r->z.doc, t, "label", s) != RAMIFY_OK)
			return r->z.status = RAMIFY_ENOMEM, -1;
	/* The XHTML is the note; PreviewPlainText, as its name says, may
	 * be a shortened copy, so it serves only when there is no XHTML. */
	if ((c = child(child(el, "NotesGroup"), "NotesXhtmlData")) == NULL)
		return r->z.status == RAMIFY_OK ? 0 : -1;
	g_string_truncate(r->z.buf, 0);
	for (n = c->children; n != NULL && n->type != XML_ELEMENT_NODE;
	    n = n->next)
		;
	if (n != NULL)
		rm_note_from_html(r->z.buf, c);
	else if ((s = attr(r, c, "PreviewPlainText")) != NULL)
		rm_note_from_plain(r->z.buf, s);
	return rm_zmap_note(&r->z, t, rm_xml_pos(r->locs, c));
}

/* The <ap:Topic>s of the ap:SubTopics (or ap:FloatingTopics) of `el`,
 * for `t`, last first. */
static void
push(GArray *stack, const xmlNode *el, struct ramify_topic *t,
    int detached)
{
	struct rm_zitem it = { NULL, t, detached };
	const xmlNode *g = child(el, detached ? "FloatingTopics" :
	    "SubTopics"), *c;

	for (c = g != NULL ? g->last : NULL; c != NULL; c = c->prev)
		if (ap(c, "Topic")) {
			it.el = c;
			g_array_append_val(stack, it);
		}
}

static const char *
title(struct rm_zxml *r, const xmlNode *el)
{
	return attr(r, child(el, "Text"), "PlainText");
}

static const char *
oid(struct rm_zxml *r, const xmlNode *el)
{
	return attr(r, el, "OId");
}

static const struct rm_zxml_topics topics = { title, oid, topic_items, push };

int
mmap_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	struct rm_entry_diag ed;
	struct rm_zip *zip;
	struct rm_zxml r;
	struct rm_xml_locs *locs;
	xmlDoc *xdoc;
	const xmlNode *top, *one, *root, *n;
	const char *v;
	char *data;
	size_t dlen;
	int rc, has;

	if ((rc = rm_zip_open(ctx->diag, buf, len, "MindManager files are zip "
	    "archives", &zip)) != RAMIFY_OK)
		return rc;
	if ((has = rm_zip_has(zip, "Document.xml")) == 0)
		rm_error(ctx->diag, (struct rm_pos){0, 0}, "the zip archive has "
		    "no Document.xml: not a MindManager map");
	rc = has > 0 ? rm_zip_read(zip, "Document.xml", &data, &dlen) :
	    RAMIFY_EINPUT;
	rm_zip_close(zip);
	if (rc != RAMIFY_OK)
		return rc;
	rm_entry_diag_init(&ed, ctx->diag, "Document.xml");
	rc = rm_xml_parse(&ed.diag, data, dlen, &xdoc, &locs);
	free(data);
	if (rc != RAMIFY_OK)
		return rc;
	memset(&r, 0, sizeof r);
	r.z.diag = &ed.diag;
	r.z.doc = doc;
	r.z.buf = g_string_new(NULL);
	r.z.reserved = g_hash_table_new(g_str_hash, g_str_equal);
	r.locs = locs;
	rc = RAMIFY_EINPUT;
	top = xmlDocGetRootElement(xdoc);
	if (!ap(top, "Map")) {
		rm_error(&ed.diag, rm_xml_pos(locs, top), "root element is <%s>"
		    "%s%s%s, expected <ap:Map xmlns:ap=\"" AP_NS "\">",
		    (const char *)top->name, top->ns != NULL ?
		    " in namespace '" : " in no namespace", top->ns != NULL ?
		    (const char *)top->ns->href : "", top->ns != NULL ? "'" : "");
		goto out;
	}
	if ((one = child(top, "OneTopic")) == NULL ||
	    (root = child(one, "Topic")) == NULL) {
		rm_error(&ed.diag, rm_xml_pos(locs, one != NULL ? one : top),
		    "no central topic: expected <ap:OneTopic><ap:Topic>");
		goto out;
	}
	/* Every id the map uses, so that generated ones stay clear. */
	for (n = root; n != NULL; n = rm_xml_next(n, root, 1))
		if (ap(n, "Topic") && (v = attr(&r, n, "OId")) != NULL)
			g_hash_table_add(r.z.reserved, (char *)v);
	rm_zxml_walk(&r, root, &topics);
	rc = r.z.status;
out:
	g_hash_table_destroy(r.z.reserved);
	g_string_free(r.z.buf, TRUE);
	rm_arena_free(&r.scratch);
	rm_xml_free(xdoc, locs);
	return rc;
}

int
mmap_sniff(const char *buf, size_t len)
{
	return rm_zip_probe(buf, len, "Document.xml") ? 90 : 0;
}
