/*
 * sink.c: the output sink.  Writers never see a FILE or a path; they
 * write here, and the first failure of the caller's callback sticks, so
 * a writer checks once at the end (as cairo does with its status).
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void
rm_sink_init(struct rm_sink *s, ramify_write_fn fn, void *arg)
{
	s->fn = fn;
	s->arg = arg;
	s->err = 0;
	s->len = 0;
}

static void
drain(struct rm_sink *s)
{
	if (s->len > 0 && s->err == 0 && s->fn(s->arg, s->buf, s->len) != 0)
		s->err = RAMIFY_EIO;
	s->len = 0;
}

void
rm_put(struct rm_sink *s, const void *p, size_t n)
{
	if (s->err != 0)
		return;
	if (n > sizeof s->buf - s->len) {
		drain(s);
		if (n >= sizeof s->buf) {
			if (s->err == 0 && s->fn(s->arg, p, n) != 0)
				s->err = RAMIFY_EIO;
			return;
		}
	}
	memcpy(s->buf + s->len, p, n);
	s->len += n;
}

void
rm_puts(struct rm_sink *s, const char *str)
{
	rm_put(s, str, strlen(str));
}

void
rm_putc(struct rm_sink *s, int c)
{
	unsigned char b = (unsigned char)c;

	rm_put(s, &b, 1);
}

void
rm_printf(struct rm_sink *s, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	/* Callers print numbers and short names; longer is a bug. */
	if (n < 0 || (size_t)n >= sizeof buf)
		s->err = s->err ? s->err : RAMIFY_EUSAGE;
	else
		rm_put(s, buf, (size_t)n);
}

void
rm_put_indent(struct rm_sink *s, unsigned level)
{
	unsigned i;

	for (i = 0; i < level; i++)
		rm_puts(s, "  ");
}

void
rm_put_xml(struct rm_sink *s, const char *str)
{
	const char *p, *run;

	for (p = run = str; *p != '\0'; p++) {
		const char *rep;
		char num[8];

		switch (*p) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\n': rep = "&#10;"; break;
		case '\t': rep = "&#9;"; break;
		case '\r': rep = "&#13;"; break;
		default:
			if ((unsigned char)*p >= 0x20)
				continue;
			/* Not representable in XML 1.0: drop it visibly. */
			snprintf(num, sizeof num, "\xef\xbf\xbd");
			rep = num;
			break;
		}
		rm_put(s, run, (size_t)(p - run));
		rm_puts(s, rep);
		run = p + 1;
	}
	rm_put(s, run, (size_t)(p - run));
}

int
rm_sink_flush(struct rm_sink *s)
{
	drain(s);
	return s->err;
}
