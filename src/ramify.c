/*
 * ramify.c: library entry points: options, reading and writing through
 * the format table.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

const char *
ramify_version(void)
{
	return RAMIFY_VERSION;
}

const char *
ramify_strerror(int status)
{
	switch (status) {
	case RAMIFY_OK:		return "success";
	case RAMIFY_EINPUT:	return "malformed input";
	case RAMIFY_EIO:	return "write failed";
	case RAMIFY_ENOMEM:	return "out of memory";
	case RAMIFY_EUSAGE:	return "invalid argument";
	case RAMIFY_ELIMIT:	return "input exceeds a limit";
	default:		return "unknown error";
	}
}

int
ramify_read(const ramify_format *f, const void *buf, size_t len,
    const char *name, const ramify_options *o, ramify_doc **out)
{
	ramify_options *tmp = NULL;
	struct rm_diag diag = { 0 };
	struct rm_read_ctx ctx;
	struct ramify_doc *doc;
	int rc;

	*out = NULL;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = name != NULL ? name : "<input>";
	if (len > RM_MAX_INPUT) {
		rm_error(&diag, (struct rm_pos){0, 0},
		    "input is larger than %zu MiB", RM_MAX_INPUT >> 20);
		rc = RAMIFY_ELIMIT;
		goto out;
	}
	if (f == NULL && (f = ramify_format_sniff(buf, len)) == NULL) {
		rm_error(&diag, (struct rm_pos){1, 1},
		    "unrecognised input format (use -f to name it)");
		rc = RAMIFY_EINPUT;
		goto out;
	}
	if (f->read == NULL) {
		rm_error(&diag, (struct rm_pos){0, 0},
		    "format '%s' cannot be read", f->name);
		rc = RAMIFY_EUSAGE;
		goto out;
	}
	if ((doc = rm_doc_new(diag.file)) == NULL) {
		rc = RAMIFY_ENOMEM;
		goto out;
	}
	ctx.diag = &diag;
	ctx.opts = o;
	rc = f->read(&ctx, buf, len, doc);
	if (rc == RAMIFY_OK && (diag.nerrors > 0 || doc->root == NULL)) {
		if (diag.nerrors == 0)
			rm_error(&diag, (struct rm_pos){1, 1}, "no topics");
		rc = RAMIFY_EINPUT;
	}
	if (rc != RAMIFY_OK)
		ramify_doc_free(doc);
	else
		*out = doc;
out:
	ramify_options_free(tmp);
	return rc;
}

int
ramify_write(const ramify_doc *doc, const ramify_format *f,
    const ramify_options *o, ramify_write_fn fn, void *arg)
{
	struct rm_diag diag = { 0 };
	struct rm_sink *sink;
	ramify_options *tmp = NULL;
	int rc, frc;

	if (f == NULL || f->write == NULL || doc == NULL || doc->root == NULL)
		return RAMIFY_EUSAGE;
	if (o == NULL && (o = tmp = ramify_options_new()) == NULL)
		return RAMIFY_ENOMEM;
	diag.fn = o->diag_fn;
	diag.arg = o->diag_arg;
	diag.file = doc->file != NULL ? doc->file : "<output>";
	/* The sink's buffer is large: keep it off the caller's stack. */
	if ((sink = malloc(sizeof *sink)) == NULL) {
		ramify_options_free(tmp);
		return RAMIFY_ENOMEM;
	}
	rm_sink_init(sink, fn, arg);
	rc = f->write(doc, o, sink, &diag);
	frc = rm_sink_flush(sink);
	free(sink);
	ramify_options_free(tmp);
	return rc != RAMIFY_OK ? rc : frc;
}
