/*
 * fuzz_read.c: libFuzzer harness.  Reads the input as the format named
 * by FUZZ_FORMAT (one harness per reader: "make fuzz-opml"), or as every
 * readable format when it is not defined, and writes each document it
 * gets as every text format, into a callback that discards the bytes.  Build (see the Makefile or the
 * command in docs/FORMAT.md) with -fsanitize=fuzzer,address,undefined.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ramify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Formats written after a successful read: text only ("layout" shapes
 * every topic with Pango, too slow for fuzzing; drawing formats more so). */
static const char *const writers[] = { "ramify", "text", "tree", "opml",
    "markdown", "mm" };

static int
discard(void *arg, const void *buf, size_t len)
{
	(void)arg; (void)buf; (void)len;
	return 0;
}

static void
ignore(void *arg, enum ramify_severity sev, const char *file, unsigned line,
    unsigned col, const char *msg)
{
	(void)arg; (void)sev; (void)file; (void)line; (void)col;
	/* Messages are one line of text. */
	if (strchr(msg, '\n') != NULL)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ramify_options *o = ramify_options_new();
	const ramify_format *f;
	ramify_doc *doc;
	size_t i, k;

	if (o == NULL)
		return 0;
	ramify_options_set_diag(o, ignore, NULL);
	for (i = 0; (f = ramify_format_at(i)) != NULL; i++) {
		if (!ramify_format_can_read(f))
			continue;
#ifdef FUZZ_FORMAT
		if (strcmp(ramify_format_name(f), FUZZ_FORMAT) != 0)
			continue;
#endif
		if (ramify_read(f, data, size, "fuzz", o, &doc) != RAMIFY_OK)
			continue;
		for (k = 0; k < sizeof writers / sizeof writers[0]; k++)
			ramify_write(doc, ramify_format_by_name(writers[k]), o,
			    discard, NULL);
		ramify_doc_free(doc);
	}
	ramify_options_free(o);
	return 0;
}
