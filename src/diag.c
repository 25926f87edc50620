/*
 * diag.c: diagnostics.  The library formats a message and hands it to
 * the caller's callback; only the CLI decides how to print it.
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

void
rm_vdiag(struct rm_diag *d, enum ramify_severity sev, struct rm_pos pos,
    const char *fmt, va_list ap)
{
	char msg[1024];
	size_t i;

	if (sev == RAMIFY_ERROR)
		d->nerrors++;
	if (d->fn == NULL)
		return;
	vsnprintf(msg, sizeof msg, fmt, ap);
	/* One line, no control characters: messages quote user input. */
	for (i = 0; msg[i] != '\0'; i++)
		if ((unsigned char)msg[i] < 0x20 || msg[i] == 0x7f)
			msg[i] = ' ';
	d->fn(d->arg, sev, d->file != NULL ? d->file : "<input>", pos.line,
	    pos.col, msg);
}

void
rm_error(struct rm_diag *d, struct rm_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rm_vdiag(d, RAMIFY_ERROR, pos, fmt, ap);
	va_end(ap);
}

void
rm_warning(struct rm_diag *d, struct rm_pos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	rm_vdiag(d, RAMIFY_WARNING, pos, fmt, ap);
	va_end(ap);
}

const char *
rm_pos_str(struct rm_pos pos, char *buf, size_t size)
{
	if (pos.col > 0)
		snprintf(buf, size, "%u:%u", pos.line, pos.col);
	else
		snprintf(buf, size, "line %u", pos.line);
	return buf;
}

const char *
rm_file_stem(struct rm_arena *a, const char *f)
{
	const char *base, *dot;

	if (f == NULL || *f == '<')
		return "";
	base = strrchr(f, '/') != NULL ? strrchr(f, '/') + 1 : f;
	dot = strrchr(base, '.');
	return rm_strndup(a, base,
	    dot != NULL && dot != base ? (size_t)(dot - base) : strlen(base));
}
