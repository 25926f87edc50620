/*
 * model.c: the document model (a tree of topics in one arena) and the
 * public accessors over it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "internal.h"

struct ramify_doc *
rm_doc_new(const char *file)
{
	struct ramify_doc *doc;

	if ((doc = calloc(1, sizeof *doc)) == NULL)
		return NULL;
	doc->keys = g_hash_table_new(g_str_hash, g_str_equal);
	if (file != NULL && (doc->file = rm_strdup(&doc->arena, file)) == NULL) {
		ramify_doc_free(doc);
		return NULL;
	}
	return doc;
}

void
ramify_doc_free(ramify_doc *doc)
{
	if (doc == NULL)
		return;
	if (doc->keys != NULL)
		g_hash_table_destroy(doc->keys);
	free(doc->topics);
	rm_arena_free(&doc->arena);
	free(doc);
}

int
rm_doc_key_taken(const struct ramify_doc *doc, const char *key)
{
	return g_hash_table_contains(doc->keys, key);
}

struct ramify_topic *
rm_doc_find(const struct ramify_doc *doc, const char *key)
{
	return g_hash_table_lookup(doc->keys, key);
}

const char *
rm_doc_gen_key(const struct ramify_doc *doc, const void *reserved, char *buf,
    size_t size)
{
	size_t seq = doc->ntopics;
	unsigned k;

	snprintf(buf, size, "t%zu", seq);
	for (k = 2; g_hash_table_contains(doc->keys, buf) || (reserved != NULL &&
	    g_hash_table_contains((GHashTable *)reserved, buf)); k++)
		snprintf(buf, size, "t%zu-%u", seq, k);
	return buf;
}

struct ramify_topic *
rm_topic_new(struct ramify_doc *doc, struct ramify_topic *parent,
    const char *text, const char *key, struct rm_pos pos)
{
	struct ramify_topic *t;
	char buf[48];

	if (doc->ntopics >= RM_MAX_TOPICS)
		return NULL;
	if (key != NULL && g_hash_table_contains(doc->keys, key))
		return NULL;
	if (doc->ntopics == doc->captopics) {
		size_t ncap = doc->captopics ? doc->captopics * 2 : 64;
		void *p = realloc(doc->topics, ncap * sizeof *doc->topics);

		if (p == NULL)
			return NULL;
		doc->topics = p;
		doc->captopics = ncap;
	}
	if ((t = rm_alloc(&doc->arena, sizeof *t)) == NULL ||
	    (t->text = rm_strdup(&doc->arena, text)) == NULL)
		return NULL;
	if (key == NULL)
		key = rm_doc_gen_key(doc, NULL, buf, sizeof buf);
	t->key = rm_strdup(&doc->arena, key);
	if (t->key == NULL)
		return NULL;
	t->seq = doc->ntopics;
	t->pos = pos;
	t->parent = parent;
	if (parent == NULL) {
		doc->root = t;
	} else {
		t->depth = parent->depth + 1;
		t->prev = parent->last;
		if (parent->last != NULL)
			parent->last->next = t;
		else
			parent->first = t;
		parent->last = t;
		parent->nkids++;
	}
	g_hash_table_insert(doc->keys, (char *)t->key, t);
	doc->topics[doc->ntopics++] = t;
	return t;
}

size_t
rm_note_new(struct ramify_doc *doc, const char *key, const char *text,
    struct rm_pos pos)
{
	struct rm_note *n;

	if (rm_grow(&doc->arena, (void **)&doc->notes, &doc->capnotes,
	    doc->nnotes, sizeof *doc->notes) != 0)
		return (size_t)-1;
	n = &doc->notes[doc->nnotes];
	n->key = key != NULL ? rm_strdup(&doc->arena, key) : NULL;
	n->text = rm_strdup(&doc->arena, text);
	n->pos = pos;
	if (n->text == NULL || (key != NULL && n->key == NULL))
		return (size_t)-1;
	return doc->nnotes++;
}

int
rm_topic_add_note(struct ramify_doc *doc, struct ramify_topic *t, size_t note)
{
	if (rm_grow(&doc->arena, (void **)&t->notes, &t->capnotes, t->nnotes,
	    sizeof *t->notes) != 0)
		return RAMIFY_ENOMEM;
	t->notes[t->nnotes++] = note;
	return RAMIFY_OK;
}

int
rm_doc_add_map_note(struct ramify_doc *doc, size_t note)
{
	if (rm_grow(&doc->arena, (void **)&doc->map_notes, &doc->capmap_notes,
	    doc->nmap_notes, sizeof *doc->map_notes) != 0)
		return RAMIFY_ENOMEM;
	doc->map_notes[doc->nmap_notes++] = note;
	return RAMIFY_OK;
}

int
rm_topic_add_link(struct ramify_doc *doc, struct ramify_topic *t,
    const char *href, const char *title)
{
	struct rm_link *l;

	if (rm_grow(&doc->arena, (void **)&t->links, &t->caplinks, t->nlinks,
	    sizeof *t->links) != 0)
		return RAMIFY_ENOMEM;
	l = &t->links[t->nlinks];
	l->href = rm_strdup(&doc->arena, href);
	l->title = title != NULL ? rm_strdup(&doc->arena, title) : NULL;
	if (l->href == NULL || (title != NULL && l->title == NULL))
		return RAMIFY_ENOMEM;
	t->nlinks++;
	return RAMIFY_OK;
}

int
rm_topic_add_attr(struct ramify_doc *doc, struct ramify_topic *t,
    const char *name, const char *value)
{
	struct rm_attr *a;

	if (rm_grow(&doc->arena, (void **)&t->attrs, &t->capattrs, t->nattrs,
	    sizeof *t->attrs) != 0)
		return RAMIFY_ENOMEM;
	a = &t->attrs[t->nattrs];
	if ((a->name = rm_strdup(&doc->arena, name)) == NULL ||
	    (a->value = rm_strdup(&doc->arena, value)) == NULL)
		return RAMIFY_ENOMEM;
	t->nattrs++;
	return RAMIFY_OK;
}

/* Append a copy of `s` to a topic's string list. */
static int
add_string(struct ramify_doc *doc, const char ***arr, size_t *n, size_t *cap,
    const char *s)
{
	const char *copy;

	if (rm_grow(&doc->arena, (void **)arr, cap, *n, sizeof **arr) != 0 ||
	    (copy = rm_strdup(&doc->arena, s)) == NULL)
		return RAMIFY_ENOMEM;
	(*arr)[(*n)++] = copy;
	return RAMIFY_OK;
}

int
rm_topic_add_icon(struct ramify_doc *doc, struct ramify_topic *t, const char *s)
{
	return add_string(doc, &t->icons, &t->nicons, &t->capicons, s);
}

int
rm_topic_add_record(struct ramify_doc *doc, struct ramify_topic *t,
    const char *s)
{
	return add_string(doc, &t->records, &t->nrecords, &t->caprecords, s);
}

/* ---- Public API ------------------------------------------------------ */

ramify_doc *
ramify_doc_new(const char *root_text)
{
	struct ramify_doc *doc;

	if (root_text == NULL ||
	    rm_utf8_valid_prefix(root_text, strlen(root_text)) != strlen(root_text))
		return NULL;
	if ((doc = rm_doc_new(NULL)) == NULL)
		return NULL;
	if (rm_topic_new(doc, NULL, root_text, NULL, (struct rm_pos){0, 0}) == NULL) {
		ramify_doc_free(doc);
		return NULL;
	}
	return doc;
}

const char *
ramify_doc_title(const ramify_doc *doc)
{
	return doc->title;
}

size_t
ramify_doc_count(const ramify_doc *doc)
{
	return doc->ntopics;
}

ramify_topic *
ramify_doc_root(const ramify_doc *doc)
{
	return doc->root;
}

ramify_topic *
ramify_topic_add_child(ramify_doc *doc, ramify_topic *parent, const char *text)
{
	size_t len;

	if (doc == NULL || parent == NULL || text == NULL)
		return NULL;
	len = strlen(text);
	if (rm_utf8_valid_prefix(text, len) != len)
		return NULL;
	return rm_topic_new(doc, parent, text, NULL, (struct rm_pos){0, 0});
}

size_t
ramify_topic_add_note(ramify_doc *doc, ramify_topic *t, const char *text)
{
	size_t len, k;

	if (doc == NULL || t == NULL || text == NULL)
		return (size_t)-1;
	len = strlen(text);
	if (rm_utf8_valid_prefix(text, len) != len)
		return (size_t)-1;
	k = rm_note_new(doc, NULL, text, (struct rm_pos){0, 0});
	if (k == (size_t)-1 || rm_topic_add_note(doc, t, k) != RAMIFY_OK)
		return (size_t)-1;
	return k;
}

int
ramify_topic_attach_note(ramify_doc *doc, ramify_topic *t, size_t note)
{
	if (doc == NULL || t == NULL || note >= doc->nnotes)
		return RAMIFY_EUSAGE;
	return rm_topic_add_note(doc, t, note);
}

void
ramify_topic_set_folded(ramify_topic *t, int folded)
{
	t->folded = folded != 0;
}

int
ramify_topic_folded(const ramify_topic *t)
{
	return t->folded;
}

ramify_topic *
ramify_topic_parent(const ramify_topic *t)
{
	return t->parent;
}

ramify_topic *
ramify_topic_first_child(const ramify_topic *t)
{
	return t->first;
}

ramify_topic *
ramify_topic_next(const ramify_topic *t)
{
	return t->next;
}

const char *
ramify_topic_text(const ramify_topic *t)
{
	return t->text;
}

const char *
ramify_topic_id(const ramify_topic *t)
{
	return t->key;
}

size_t
ramify_topic_note_count(const ramify_topic *t)
{
	return t->nnotes;
}

const char *
ramify_topic_note(const ramify_doc *doc, const ramify_topic *t, size_t i)
{
	return i < t->nnotes ? doc->notes[t->notes[i]].text : NULL;
}

size_t
rm_doc_number_notes(const struct ramify_doc *doc, size_t *num, size_t *order)
{
	const struct ramify_topic *t;
	size_t next = 0, i;

	for (i = 0; i < doc->nnotes; i++)
		num[i] = 0;
	for (t = doc->root; t != NULL; t = rm_next_preorder(t, doc->root))
		for (i = 0; i < t->nnotes; i++) {
			size_t k = t->notes[i];

			if (num[k] == 0) {
				num[k] = ++next;
				order[next - 1] = k;
			}
		}
	return next;
}
