/*
 * arena.c: bump allocator.  A document's topics, notes and strings are
 * carved from chunks that are freed together with the document, so no
 * reader has to unwind partial trees on error.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct rm_chunk {
	struct rm_chunk	*prev;
	max_align_t	 data[];
};

#define ALIGN	sizeof(max_align_t)
#define CHUNK	((size_t)64 << 10)

void *
rm_alloc(struct rm_arena *a, size_t n)
{
	struct rm_chunk *c;
	size_t cap;
	void *p;

	n = (n + ALIGN - 1) & ~(ALIGN - 1);
	if (n == 0)
		n = ALIGN;
	if (a->head == NULL || a->cap - a->used < n) {
		/* Big requests get a chunk of their own. */
		cap = n > CHUNK / 4 ? n : CHUNK;
		if (cap > SIZE_MAX - sizeof *c)
			return NULL;
		if ((c = malloc(sizeof *c + cap)) == NULL)
			return NULL;
		if (a->head != NULL && n > CHUNK / 4) {
			/* Keep filling the current chunk after this one. */
			c->prev = a->head->prev;
			a->head->prev = c;
			memset(c->data, 0, n);
			return c->data;
		}
		c->prev = a->head;
		a->head = c;
		a->used = 0;
		a->cap = cap;
	}
	p = (char *)a->head->data + a->used;
	a->used += n;
	memset(p, 0, n);
	return p;
}

char *
rm_strndup(struct rm_arena *a, const char *s, size_t n)
{
	char *p;

	if (n == SIZE_MAX || (p = rm_alloc(a, n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
rm_strdup(struct rm_arena *a, const char *s)
{
	return rm_strndup(a, s, strlen(s));
}

int
rm_grow(struct rm_arena *a, void **arr, size_t *cap, size_t n, size_t elem)
{
	size_t ncap;
	void *p;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 4;
	if (ncap > SIZE_MAX / elem || (p = rm_alloc(a, ncap * elem)) == NULL)
		return -1;
	if (n > 0)
		memcpy(p, *arr, n * elem);
	*arr = p;
	*cap = ncap;
	return 0;
}

void
rm_arena_free(struct rm_arena *a)
{
	struct rm_chunk *c, *prev;

	for (c = a->head; c != NULL; c = prev) {
		prev = c->prev;
		free(c);
	}
	a->head = NULL;
	a->used = a->cap = 0;
}
