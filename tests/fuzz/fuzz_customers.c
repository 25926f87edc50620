/*
 * fuzz_customers.c: libFuzzer harness for the customer data reader
 * (src/customers.c).  Reads the input as customer data; when that
 * succeeds, writes every report, draws nothing but builds the portfolio
 * map and writes it as text, and links a small map with ids and queries
 * to the data, so the analyses, cards and queries run on whatever the
 * reader accepts.  Build with "make fuzz-customers".
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ramify.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Links by id (the generator's and the samples' ids) and by query. */
static const char map[] =
    "<map xmlns=\"urn:ramify:map:1\"><topic text=\"r\">"
    "<topic text=\"a\"><customer ref=\"C001\"/></topic>"
    "<topic text=\"b\"><query select=\"abc='A' or overdue_days &gt; 3\""
    " sort=\"-value,name\" limit=\"5\" each=\"{name} {value} {share}\""
    " summary=\"{count} {sum} {share}\"/></topic>"
    "<topic text=\"c\"><query select=\"reason or dealbreaker or gold10\""
    " sort=\"stage,-last_contact\" each=\"{id} {reason} {next_due}\"/></topic>"
    "</topic></map>";

static int
discard(void *arg, const void *buf, size_t len)
{
	(void)arg; (void)buf; (void)len;
	return 0;
}

static void
check_msg(void *arg, enum ramify_severity sev, const char *file,
    unsigned line, unsigned col, const char *msg)
{
	(void)arg; (void)sev; (void)file; (void)line; (void)col;
	/* Messages are one line of text. */
	if (strchr(msg, '\n') != NULL)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *buf, size_t size)
{
	static const char *const reports[] = { "text", "md", "json" };
	ramify_options *o = ramify_options_new();
	ramify_data *d;
	ramify_doc *doc;
	size_t i;

	if (o == NULL)
		return 0;
	ramify_options_set_diag(o, check_msg, NULL);
	ramify_options_set(o, "today", "2026-11-23");
	if (ramify_data_read(buf, size, "fuzz", o, &d) != RAMIFY_OK) {
		ramify_options_free(o);
		return 0;
	}
	for (i = 0; i < sizeof reports / sizeof reports[0]; i++)
		ramify_report_write(d, reports[i], o, discard, NULL);
	if (ramify_portfolio_new(d, o, &doc) == RAMIFY_OK) {
		ramify_write(doc, ramify_format_by_name("text"), o, discard, NULL);
		ramify_doc_free(doc);
	}
	if (ramify_read(NULL, map, sizeof map - 1, "map", o, &doc) == RAMIFY_OK) {
		if (ramify_doc_link_data(doc, d, o) == RAMIFY_OK)
			ramify_write(doc, ramify_format_by_name("ramify"), o,
			    discard, NULL);
		ramify_doc_free(doc);
	}
	ramify_data_free(d);
	ramify_options_free(o);
	return 0;
}
