/*
 * util.h: helpers shared by the cmocka tests: an in-memory write
 * callback and a diagnostics collector.  Header-only; each test is one
 * program.
 */
#ifndef RAMIFY_TEST_UTIL_H
#define RAMIFY_TEST_UTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ramify.h"

#define TEST_UNUSED __attribute__((unused))

struct buf {
	char	*data;
	size_t	 len, cap;
	int	 fail_after;	/* > 0: fail on the n-th write */
	int	 writes;
};

static TEST_UNUSED int
buf_write(void *arg, const void *p, size_t n)
{
	struct buf *b = arg;

	if (b->fail_after > 0 && ++b->writes >= b->fail_after)
		return -1;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *d = realloc(b->data, cap);

		if (d == NULL)
			return -1;
		b->data = d;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

static TEST_UNUSED void
buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* Diagnostics, one "line:col: error: msg\n" each, concatenated. */
struct diags {
	char	 text[8192];
	unsigned errors;
};

static TEST_UNUSED void
diags_cb(void *arg, enum ramify_severity sev, const char *file,
    unsigned line, unsigned col, const char *msg)
{
	struct diags *d = arg;
	size_t len = strlen(d->text);

	(void)file;
	if (sev == RAMIFY_ERROR)
		d->errors++;
	snprintf(d->text + len, sizeof d->text - len, "%u:%u: %s: %s\n",
	    line, col, sev == RAMIFY_ERROR ? "error" : "warning", msg);
}

/* Write `doc` as format `name` into `b`; returns ramify_write()'s status. */
static TEST_UNUSED int
render_to(const ramify_doc *doc, const char *name, const ramify_options *o,
    struct buf *b)
{
	const ramify_format *f = ramify_format_by_name(name);

	assert_non_null(f);
	return ramify_write(doc, f, o, buf_write, b);
}

/* Write `doc` as format `name` into a fresh buffer; asserts success. */
static TEST_UNUSED struct buf
render(const ramify_doc *doc, const char *name, const ramify_options *o)
{
	struct buf b = { 0 };

	assert_int_equal(render_to(doc, name, o, &b), RAMIFY_OK);
	assert_non_null(b.data);
	return b;
}

/* Parse `len` bytes as format `name` ("ramify"...; NULL: sniff),
 * collecting diagnostics in `d` and the status in `*rc`. */
static TEST_UNUSED ramify_doc *
parse_n(const char *name, const void *buf, size_t len, struct diags *d,
    int *rc)
{
	ramify_options *o = ramify_options_new();
	ramify_doc *doc = NULL;

	memset(d, 0, sizeof *d);
	ramify_options_set_diag(o, diags_cb, d);
	*rc = ramify_read(name ? ramify_format_by_name(name) : NULL, buf, len,
	    "test", o, &doc);
	ramify_options_free(o);
	return doc;
}

/* Parse the string `text`; see parse_n(). */
static TEST_UNUSED ramify_doc *
parse(const char *name, const char *text, struct diags *d)
{
	int rc;

	return parse_n(name, text, strlen(text), d, &rc);
}

#endif
