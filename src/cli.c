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
#include <sys/mman.h>
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
"usage: ramify convert IN -o OUT [-f FORMAT] [-t FORMAT] [--data FILE] [OPTION...]\n"
"       ramify report FILE [-t text|md|json] [-o OUT] [OPTION...]\n"
"       ramify check [-f FORMAT] [OPTION...] FILE...\n"
"       ramify formats\n"
"       ramify --help | --version\n"
"\n"
"convert  read a map and write it in another format.  IN and OUT may be\n"
"         '-' for standard input and output.  Formats come from -f/-t, else\n"
"         from the file extension, else (input only) from the content.\n"
"         OUT is written to a temporary file and renamed into place, so a\n"
"         failed run leaves no file behind.  With --data, the map's links\n"
"         to customers and its queries are resolved against FILE.  IN may\n"
"         be customer data itself: it is drawn as a portfolio map.\n"
"report   the analyses of a customer data file: ranking, A/B/C classes,\n"
"         gold customers, stages, owners, referrals, deal breakers and\n"
"         the contact plan (default: text to standard output)\n"
"check    report every problem in each FILE (maps or customer data) as\n"
"         FILE:LINE:COL: error: ...\n"
"formats  list the formats ramify reads and writes\n"
"\n"
"options:\n"
"  -f, --from FORMAT    input format\n"
"  -t, --to FORMAT      output format\n"
"  -o, --output OUT     where to write (required for convert)\n"
"  --data FILE          customer data to link the map to (convert)\n");
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

/* What slurp() read: a buffer of ours, or a read-only mapping. */
struct input {
	char	*buf;
	size_t	 len;
	int	 mapped;
};

static void
release(struct input *in)
{
	if (in->mapped)
		munmap(in->buf, in->len);
	else
		free(in->buf);
	memset(in, 0, sizeof *in);
}

/*
 * Read all of `path` ("-": stdin).  A regular file is mapped rather
 * than copied: a big customer file is read straight from the page
 * cache.  Returns 0, or -1 after a message.
 */
static int
slurp(const char *path, struct input *in)
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
	memset(in, 0, sizeof *in);
	if (fstat(fileno(fp), &st) == 0 && S_ISDIR(st.st_mode)) {
		fprintf(stderr, "%s: error: is a directory\n", path);
		goto fail;
	}
	if (fp != stdin && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (size_t)st.st_size <= cap && (p = mmap(NULL, (size_t)st.st_size,
	    PROT_READ, MAP_PRIVATE, fileno(fp), 0)) != MAP_FAILED) {
		fclose(fp);
		in->buf = p;
		in->len = (size_t)st.st_size;
		in->mapped = 1;
		return 0;
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
	in->buf = buf;
	in->len = len;
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

/* What to write: a document in a format, or a report on customer data. */
struct job {
	const ramify_doc	*doc;
	const ramify_format	*fmt;
	const ramify_data	*data;
	const char		*report;	/* "text", "md", "json" */
};

static int
emit(const struct job *job, const ramify_options *o, int *fd)
{
	if (job->data != NULL)
		return ramify_report_write(job->data, job->report, o, write_fd,
		    fd);
	return ramify_write(job->doc, job->fmt, o, write_fd, fd);
}

/*
 * Write the job to `path` atomically: a temporary file in the same
 * directory, then rename.  On any failure the temporary is removed and
 * an existing `path` is left as it was.
 */
static int
write_output(const struct job *job, const ramify_options *o,
    const char *path)
{
	char *tmp;
	int fd, rc, saved;
	mode_t mask;

	if (strcmp(path, "-") == 0) {
		fd = STDOUT_FILENO;
		rc = emit(job, o, &fd);
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
	rc = emit(job, o, &fd);
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

/*
 * What every command takes alike after its own options: a library
 * option ("--name [value]"), or the one input.  `v` is the argument
 * after `a`; returns how many of those were used (0 or 1).  Exits on a
 * usage error.
 */
static int
other_arg(ramify_options *o, const char *a, const char *v, const char **in)
{
	if (strncmp(a, "--", 2) == 0 && lib_option(o, a, v))
		return v != NULL && option_takes_value(a + 2);
	if (a[0] == '-' && a[1] != '\0')
		fail_usage("unknown option '%s'", a);
	if (*in != NULL)
		fail_usage("more than one input ('%s' and '%s')", *in, a);
	*in = a;
	return 0;
}

/* Read customer data from `path`; diagnostics go to stderr. */
static ramify_data *
load_data(const char *path, ramify_options *o)
{
	ramify_data *data = NULL;
	struct input in;

	if (slurp(path, &in) != 0)
		return NULL;
	if (ramify_data_read(in.buf, in.len, strcmp(path, "-") == 0 ?
	    "<stdin>" : path, o, &data) != RAMIFY_OK)
		data = NULL;
	release(&in);
	return data;
}

/*
 * Read and parse `path`; diagnostics go to stderr.  Customer data (told
 * by its content, unless -f names a format) becomes its portfolio map
 * when `portfolio` is set, and is checked only otherwise; `*is_data`
 * says which it was.  Sets *usage on a usage error.
 */
static ramify_doc *
load(const char *path, const ramify_format *from, ramify_options *o,
    int portfolio, int *is_data, int *usage)
{
	ramify_doc *doc = NULL;
	ramify_data *data = NULL;
	struct input in;
	const char *name = strcmp(path, "-") == 0 ? "<stdin>" : path;
	int rc;

	*is_data = 0;
	if (slurp(path, &in) != 0)
		return NULL;
	if (from == NULL && ramify_data_sniff(in.buf, in.len)) {
		*is_data = 1;
		if (ramify_data_read(in.buf, in.len, name, o, &data) == RAMIFY_OK) {
			if (!portfolio)
				doc = ramify_doc_new("customers");
			else if ((rc = ramify_portfolio_new(data, o, &doc)) !=
			    RAMIFY_OK) {
				*usage = rc == RAMIFY_EUSAGE;
				doc = NULL;
			}
		}
		ramify_data_free(data);
		release(&in);
		return doc;
	}
	if (from == NULL && strcmp(path, "-") != 0)
		from = ramify_format_by_path(path, 1);
	if (ramify_read(from, in.buf, in.len, name, o, &doc) != RAMIFY_OK)
		doc = NULL;
	release(&in);
	return doc;
}

static int
cmd_convert(int argc, char **argv, ramify_options *o)
{
	const char *in = NULL, *out = NULL, *data_path = NULL;
	const ramify_format *from = NULL, *to = NULL;
	ramify_data *data = NULL;
	ramify_doc *doc;
	struct job job = { NULL, NULL, NULL, NULL };
	int i, rc, is_data, usage = 0;

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
		} else if (strcmp(a, "--data") == 0) {
			NEEDV();
			data_path = v;
		} else {
			i += other_arg(o, a, v, &in);
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
	if (data_path != NULL && strcmp(data_path, "-") == 0 &&
	    strcmp(in, "-") == 0)
		fail_usage("the map and --data cannot both be standard input");
	if (data_path != NULL && (data = load_data(data_path, o)) == NULL)
		return EXIT_INPUT;
	if ((doc = load(in, from, o, data == NULL, &is_data, &usage)) == NULL) {
		ramify_data_free(data);
		return usage ? EXIT_USAGE : EXIT_INPUT;
	}
	if (data != NULL && is_data) {
		ramify_doc_free(doc);
		ramify_data_free(data);
		fail_usage("'%s' is customer data; --data links a map to it", in);
	}
	if (data != NULL) {
		rc = ramify_doc_link_data(doc, data, o);
		ramify_data_free(data);
		if (rc != RAMIFY_OK) {
			ramify_doc_free(doc);
			return EXIT_INPUT;
		}
	}
	job.doc = doc;
	job.fmt = to;
	rc = write_output(&job, o, out);
	ramify_doc_free(doc);
	return rc == 0 ? EXIT_SUCCESS : EXIT_INPUT;
}

/* Report format from -t, else from the output's extension, else text. */
static const char *
report_format(const char *name, const char *out)
{
	const char *dot;

	if (name != NULL) {
		if (strcmp(name, "text") == 0 || strcmp(name, "md") == 0 ||
		    strcmp(name, "markdown") == 0 || strcmp(name, "json") == 0)
			return name;
		fail_usage("unknown report format '%s' (text, md or json)", name);
	}
	dot = strrchr(out, '.');
	if (dot != NULL && strchr(dot, '/') == NULL) {
		if (strcmp(dot, ".json") == 0)
			return "json";
		if (strcmp(dot, ".md") == 0 || strcmp(dot, ".markdown") == 0)
			return "md";
	}
	return "text";
}

static int
cmd_report(int argc, char **argv, ramify_options *o)
{
	const char *in = NULL, *out = "-", *fmt = NULL;
	struct job job = { NULL, NULL, NULL, NULL };
	ramify_data *data;
	int i, rc;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

#define NEEDV() do { if (v == NULL) fail_usage("%s needs a value", a); i++; } while (0)
		if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			NEEDV();
			out = v;
		} else if (strcmp(a, "-t") == 0 || strcmp(a, "--to") == 0) {
			NEEDV();
			fmt = v;
		} else {
			i += other_arg(o, a, v, &in);
		}
#undef NEEDV
	}
	if (in == NULL)
		fail_usage("report needs a customer data file");
	fmt = report_format(fmt, out);
	if ((data = load_data(in, o)) == NULL)
		return EXIT_INPUT;
	job.data = data;
	job.report = fmt;
	rc = write_output(&job, o, out);
	ramify_data_free(data);
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
		int is_data, usage = 0;

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
		if ((doc = load(argv[i], from, o, 0, &is_data, &usage)) == NULL)
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
	else if (strcmp(cmd, "report") == 0)
		rc = cmd_report(argc - 2, argv + 2, o);
	else if (strcmp(cmd, "formats") == 0)
		rc = cmd_formats();
	else
		fail_usage("unknown command '%s'", cmd);
	ramify_options_free(o);
	return rc;
}
