/* read_markdown.c: placeholder until the reader lands (issue 4). */
#include "internal.h"

int
markdown_sniff(const char *buf, size_t len)
{
	(void)buf; (void)len;
	return 0;
}

int
markdown_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	(void)buf; (void)len; (void)doc;
	rm_error(ctx->diag, (struct rm_pos){0, 0}, "format not implemented yet");
	return RAMIFY_EUSAGE;
}
