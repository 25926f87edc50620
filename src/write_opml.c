/* write_opml.c: placeholder until the writer lands (issue 4). */
#include "internal.h"

int
opml_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *sink, struct rm_diag *diag)
{
	(void)doc; (void)o; (void)sink;
	rm_error(diag, (struct rm_pos){0, 0}, "format not implemented yet");
	return RAMIFY_EUSAGE;
}
