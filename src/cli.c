/*
 * cli.c: the ramify command.  The only code that prints, exits or opens
 * files; it uses nothing but the public API in ramify.h.
 *
 * Exit status: 0 success, 1 bad input or I/O failure, 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ramify.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2

static const char *progname = "ramify";

static void
usage(FILE *fp)
{
	const char *name, *arg, *help;
	size_t i;

	fprintf(fp,
"usage: ramify convert IN -o OUT [-f FORMAT] [-t FORMAT] [OPTION...]\n"
"       ramify check [-f FORMAT] [OPTION...] FILE...\n"
"       ramify formats\n"
"       ramify --help | --version\n"
"\n"
"convert  read a map and write it in another format.  IN and OUT may be\n"
"         '-' for standard input and output.  Formats come from -f/-t, else\n"
"         from the file extension, else (input only) from the content.\n"
"         OUT is written to a temporary file and renamed into place, so a\n"
"         failed run leaves no file behind.\n"
"check    report every problem in each FILE as FILE:LINE:COL: error: ...\n"
"formats  list the formats ramify reads and writes\n"
"\n"
"options:\n"
"  -f, --from FORMAT    input format\n"
"  -t, --to FORMAT      output format\n"
"  -o, --output OUT     where to write (required for convert)\n");
	for (i = 0; (name = ramify_option_at(i, &arg, &help)) != NULL; i++) {
		char left[64];

		snprintf(left, sizeof left, "--%s%s%s", name, arg ? " " : "",
		    arg ? arg : "");
		fprintf(fp, "  %-20s %s\n", left, help);
	}
	fprintf(fp, "\n"
"exit status: 0 success, 1 bad input or I/O failure, 2 usage error\n");
}

static void
fail_usage(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help'.\n", progname);
	exit(EXIT_USAGE);
}

struct diag_state {
	unsigned errors;
};

static void
on_diag(void *arg, enum ramify_severity sev, const char *file, unsigned line,
    unsigned col, const char *msg)
{
	struct diag_state *st = arg;
	const char *kind = sev == RAMIFY_ERROR ? "error" : "warning";

	if (sev == RAMIFY_ERROR)
		st->errors++;
	if (line > 0 && col > 0)
		fprintf(stderr, "%s:%u:%u: %s: %s\n", file, line, col, kind, msg);
	else if (line > 0)
		fprintf(stderr, "%s:%u: %s: %s\n", file, line, kind, msg);
	else
		fprintf(stderr, "%s: %s: %s\n", file, kind, msg);
}

/* Read all of `path` ("-": stdin).  Returns 0, or -1 after a message. */
static int
slurp(const char *path, char **out, size_t *outlen)
{
	/* Same cap as the library's: anything bigger is refused there. */
	const size_t cap = (size_t)256 << 20;
	FILE *fp;
	char *buf = NULL, *p;
	size_t len = 0, size = 0, n;
	struct stat st;

	if (strcmp(path, "-") == 0)
		fp = stdin;
	else if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "%s: error: cannot open: %s\n", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: is a directory\n", path);
		goto fail;
	}
	for (;;) {
		if (len == size) {
			size = size ? size * 2 : 65536;
			if (size > cap + 1)
				size = cap + 1;
			if (len == size) {
				fprintf(stderr, "%s: error: larger than %zu MiB\n",
				    path, cap >> 20);
				goto fail;
			}
			if ((p = realloc(buf, size)) == NULL) {
				fprintf(stderr, "%s: error: out of memory\n", path);
				goto fail;
			}
			buf = p;
		}
		n = fread(buf + len, 1, size - len, fp);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(fp)) {
		fprintf(stderr, "%s: error: read failed: %s\n", path,
		    strerror(errno));
		goto fail;
	}
	if (fp != stdin)
		fclose(fp);
	*out = buf;
	*outlen = len;
	return 0;
fail:
	if (fp != stdin)
		fclose(fp);
	free(buf);
	return -1;
}

static int
write_fd(void *arg, const void *buf, size_t len)
{
	int fd = *(int *)arg;
	const char *p = buf;
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/*
 * Write `doc` to `path` atomically: a temporary file in the same
 * directory, then rename.  On any failure the temporary is removed and
 * an existing `path` is left as it was.
 */
static int
write_output(const ramify_doc *doc, const ramify_format *fmt,
    const ramify_options *o, const char *path)
{
	char *tmp;
	int fd, rc, saved;
	mode_t mask;

	if (strcmp(path, "-") == 0) {
		fd = STDOUT_FILENO;
		rc = ramify_write(doc, fmt, o, write_fd, &fd);
		if (rc == RAMIFY_EIO)
			fprintf(stderr, "<stdout>: error: write failed: %s\n",
			    strerror(errno));
		else if (rc != RAMIFY_OK)
			fprintf(stderr, "<stdout>: error: %s\n", ramify_strerror(rc));
		return rc == RAMIFY_OK ? 0 : -1;
	}
	if ((tmp = malloc(strlen(path) + 16)) == NULL) {
		fprintf(stderr, "%s: error: out of memory\n", path);
		return -1;
	}
	sprintf(tmp, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(stderr, "%s: error: cannot create: %s\n", path,
		    strerror(errno));
		free(tmp);
		return -1;
	}
	/* mkstemp makes the file 0600; give it the usual permissions. */
	mask = umask(0);
	umask(mask);
	(void)fchmod(fd, 0666 & ~mask);
	errno = 0;
	rc = ramify_write(doc, fmt, o, write_fd, &fd);
	saved = errno;
	if (rc == RAMIFY_OK && close(fd) != 0) {
		saved = errno;
		rc = RAMIFY_EIO;
	} else if (rc != RAMIFY_OK)
		close(fd);
	if (rc == RAMIFY_OK && rename(tmp, path) != 0) {
		saved = errno;
		rc = RAMIFY_EIO;
	}
	if (rc != RAMIFY_OK) {
		unlink(tmp);
		if (rc == RAMIFY_EIO)
			fprintf(stderr, "%s: error: write failed: %s\n", path,
			    saved ? strerror(saved) : "I/O error");
		else
			fprintf(stderr, "%s: error: %s\n", path,
			    ramify_strerror(rc));
	}
	free(tmp);
	return rc == RAMIFY_OK ? 0 : -1;
}

static const ramify_format *
format_arg(const char *name, int reading)
{
	const ramify_format *f = ramify_format_by_name(name);

	if (f == NULL)
		fail_usage("unknown format '%s' (see '%s formats')", name, progname);
	if (reading ? !ramify_format_can_read(f) : !ramify_format_can_write(f))
		fail_usage("format '%s' cannot be %s", name,
		    reading ? "read" : "written");
	return f;
}

static int
option_takes_value(const char *name)
{
	const char *n, *arg;
	size_t i;

	for (i = 0; (n = ramify_option_at(i, &arg, NULL)) != NULL; i++)
		if (strcmp(n, name) == 0)
			return arg != NULL;
	return 0;
}

/*
 * "--name [value]" as a library option: 1 when `a` names one (and it was
 * set, else we exit with a usage error), 0 when it names none.
 */
static int
lib_option(ramify_options *o, const char *a, const char *v)
{
	const char *n, *arg;
	size_t i;

	for (i = 0; (n = ramify_option_at(i, &arg, NULL)) != NULL; i++) {
		if (strcmp(n, a + 2) != 0)
			continue;
		if (arg != NULL && v == NULL)
			fail_usage("%s needs a value (%s)", a, arg);
		if (ramify_options_set(o, n, arg != NULL ? v : NULL) != RAMIFY_OK)
			fail_usage("bad value for %s: '%s' (see '%s --help')", a,
			    v, progname);
		return 1;
	}
	return 0;
}

/* Read and parse `path`; diagnostics go to stderr. */
static ramify_doc *
load(const char *path, const ramify_format *from, ramify_options *o)
{
	ramify_doc *doc = NULL;
	char *buf;
	size_t len;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;

	if (slurp(path, &buf, &len) != 0)
		return NULL;
	if (from == NULL && strcmp(path, "-") != 0)
		from = ramify_format_by_path(path, 1);
	if (ramify_read(from, buf, len, name, o, &doc) != RAMIFY_OK)
		doc = NULL;
	free(buf);
	return doc;
}

static int
cmd_convert(int argc, char **argv, ramify_options *o)
{
	const char *in = NULL, *out = NULL;
	const ramify_format *from = NULL, *to = NULL;
	ramify_doc *doc;
	int i, rc;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define NEEDV() do { if (v == NULL) fail_usage("%s needs a value", a); i++; } while (0)
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			NEEDV();
			out = v;
		} else if (strcmp(a, "-f") == 0 || strcmp(a, "--from") == 0) {
			NEEDV();
			from = format_arg(v, 1);
		} else if (strcmp(a, "-t") == 0 || strcmp(a, "--to") == 0) {
			NEEDV();
			to = format_arg(v, 0);
		} else if (strncmp(a, "--", 2) == 0 && lib_option(o, a, v)) {
			if (v != NULL && option_takes_value(a + 2))
				i++;
		} else if (a[0] == '-' && a[1] != '\0') {
			fail_usage("unknown option '%s'", a);
		} else if (in == NULL) {
			in = a;
		} else {
			fail_usage("more than one input ('%s' and '%s')", in, a);
		}
#undef NEEDV
	}
	if (in == NULL)
		fail_usage("convert needs an input file");
	if (out == NULL)
		fail_usage("convert needs -o OUT");
	if (to == NULL) {
		if (strcmp(out, "-") == 0)
			fail_usage("writing to '-' needs -t FORMAT");
		if ((to = ramify_format_by_path(out, 0)) == NULL)
			fail_usage("cannot tell the output format of '%s'; use -t",
			    out);
	}
	if ((doc = load(in, from, o)) == NULL)
		return EXIT_INPUT;
	rc = write_output(doc, to, o, out);
	ramify_doc_free(doc);
	return rc == 0 ? EXIT_SUCCESS : EXIT_INPUT;
}

static int
cmd_check(int argc, char **argv, ramify_options *o)
{
	const ramify_format *from = NULL;
	int i, nfiles = 0, bad = 0;

	for (i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--from") == 0) {
			if (v == NULL)
				fail_usage("%s needs a value", argv[i]);
			from = format_arg(argv[++i], 1);
		} else if (strncmp(argv[i], "--", 2) == 0 &&
		    lib_option(o, argv[i], v)) {
			if (option_takes_value(argv[i] + 2))
				i++;
		} else if (argv[i][0] == '-' && argv[i][1] != '\0') {
			fail_usage("unknown option '%s'", argv[i]);
		}
	}
	for (i = 0; i < argc; i++) {
		ramify_doc *doc;

		if (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--from") == 0) {
			i++;
			continue;
		}
		if (strncmp(argv[i], "--", 2) == 0) {
			if (option_takes_value(argv[i] + 2))
				i++;
			continue;
		}
		nfiles++;
		if ((doc = load(argv[i], from, o)) == NULL)
			bad++;
		ramify_doc_free(doc);
	}
	if (nfiles == 0)
		fail_usage("check needs at least one file");
	return bad > 0 ? EXIT_INPUT : EXIT_SUCCESS;
}

static int
cmd_formats(void)
{
	const ramify_format *f;
	size_t i;

	printf("%-8s %-5s %-5s %s\n", "FORMAT", "READ", "WRITE", "DESCRIPTION");
	for (i = 0; (f = ramify_format_at(i)) != NULL; i++)
		printf("%-8s %-5s %-5s %s\n", ramify_format_name(f),
		    ramify_format_can_read(f) ? "yes" : "-",
		    ramify_format_can_write(f) ? "yes" : "-",
		    ramify_format_description(f));
	return EXIT_SUCCESS;
}

int
main(int argc, char **argv)
{
	struct diag_state st = { 0 };
	ramify_options *o;
	const char *cmd;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
		usage(stdout);
		return EXIT_SUCCESS;
	}
	if (strcmp(cmd, "--version") == 0) {
		printf("ramify %s\n", ramify_version());
		return EXIT_SUCCESS;
	}
	if ((o = ramify_options_new()) == NULL) {
		fprintf(stderr, "%s: out of memory\n", progname);
		return EXIT_INPUT;
	}
	ramify_options_set_diag(o, on_diag, &st);
	if (strcmp(cmd, "convert") == 0)
		rc = cmd_convert(argc - 2, argv + 2, o);
	else if (strcmp(cmd, "check") == 0)
		rc = cmd_check(argc - 2, argv + 2, o);
	else if (strcmp(cmd, "formats") == 0)
		rc = cmd_formats();
	else
		fail_usage("unknown command '%s'", cmd);
	ramify_options_free(o);
	return rc;
}
