/*
 * bench.c: time ramify's stages on a synthetic map, and write the same
 * tree as DOT so `make bench` can run Graphviz on it in the same run.
 *
 *   bench N SHAPE SEED DIR    SHAPE: random | wide | binary | chain
 *
 * Prints one line per stage: "stage seconds".  Uses only the public API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ramify.h"

static unsigned long rng;

static unsigned
rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

static const char *const words[] = {
	"customer", "value", "loyalty", "referral", "owner", "contact", "plan",
	"review", "lifecycle", "segment", "account", "visit", "offer", "churn",
	"客户", "分类", "kunde", "klant", "growth", "support", "service",
};

static void
label(char *buf, size_t size, size_t i)
{
	unsigned k, n = 2 + rnd(10);

	snprintf(buf, size, "%zu", i);
	for (k = 0; k < n; k++) {
		strncat(buf, " ", size - strlen(buf) - 1);
		strncat(buf, words[rnd(sizeof words / sizeof words[0])],
		    size - strlen(buf) - 1);
	}
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
sink_file(void *arg, const void *p, size_t n)
{
	return fwrite(p, 1, n, arg) == n ? 0 : -1;
}

static int
sink_null(void *arg, const void *p, size_t n)
{
	(void)p;
	*(size_t *)arg += n;
	return 0;
}

int
main(int argc, char **argv)
{
	size_t n, i, bytes = 0, *parent, *depth;
	const char *shape, *dir;
	char path[4096], text[256];
	ramify_topic **t;
	ramify_doc *doc, *back = NULL;
	ramify_options *o;
	FILE *fp;
	char *buf;
	long len;
	double t0;

	if (argc != 5) {
		fprintf(stderr, "usage: bench N random|wide|binary|chain SEED DIR\n");
		return 2;
	}
	n = strtoul(argv[1], NULL, 10);
	shape = argv[2];
	rng = strtoul(argv[3], NULL, 10);
	dir = argv[4];
	t = calloc(n, sizeof *t);
	parent = calloc(n, sizeof *parent);
	depth = calloc(n, sizeof *depth);
	doc = ramify_doc_new("0 customers");
	t[0] = ramify_doc_root(doc);
	for (i = 1; i < n; i++) {
		size_t p;

		if (strcmp(shape, "chain") == 0)
			p = i - 1;
		else if (strcmp(shape, "binary") == 0)
			p = (i - 1) / 2;
		else if (strcmp(shape, "wide") == 0)
			p = i < 30 ? 0 : 1 + rnd(29);
		else	/* random, at most 8 levels deep */
			do
				p = rnd(4) == 0 ? rnd((unsigned)i) :
				    i - 1 - rnd((unsigned)(i < 20 ? i : 20));
			while (depth[p] >= 7);
		parent[i] = p;
		depth[i] = depth[p] + 1;
		label(text, sizeof text, i);
		t[i] = ramify_topic_add_child(doc, t[p], text);
	}
	o = ramify_options_new();

	/* The same tree as ramify XML and as DOT. */
	snprintf(path, sizeof path, "%s/%s-%zu.xml", dir, shape, n);
	fp = fopen(path, "wb");
	ramify_write(doc, ramify_format_by_name("ramify"), o, sink_file, fp);
	fclose(fp);
	snprintf(path, sizeof path, "%s/%s-%zu.dot", dir, shape, n);
	fp = fopen(path, "wb");
	fprintf(fp, "digraph map {\n rankdir=LR;\n node [shape=box, style=rounded,"
	    " fontname=\"Noto Sans\", fontsize=11];\n");
	for (i = 0; i < n; i++) {
		fprintf(fp, " n%zu [label=\"%s\"];\n", i, ramify_topic_text(t[i]));
		if (i > 0)
			fprintf(fp, " n%zu -> n%zu;\n", parent[i], i);
	}
	fprintf(fp, "}\n");
	fclose(fp);

	/* read: parse the XML we just wrote. */
	snprintf(path, sizeof path, "%s/%s-%zu.xml", dir, shape, n);
	fp = fopen(path, "rb");
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)len);
	if (fread(buf, 1, (size_t)len, fp) != (size_t)len)
		return 1;
	fclose(fp);
	t0 = now();
	if (ramify_read(NULL, buf, (size_t)len, path, o, &back) != RAMIFY_OK)
		printf("read failed (map too deep for XML?)\n");
	else
		printf("read %.3f\n", now() - t0);
	ramify_doc_free(back);
	free(buf);

	t0 = now();
	ramify_write(doc, ramify_format_by_name("layout"), o, sink_null, &bytes);
	printf("measure+layout+json %.3f\n", now() - t0);
	t0 = now();
	ramify_write(doc, ramify_format_by_name("pdf"), o, sink_null, &bytes);
	printf("pdf(all stages) %.3f\n", now() - t0);
	t0 = now();
	ramify_write(doc, ramify_format_by_name("svg"), o, sink_null, &bytes);
	printf("svg(all stages) %.3f\n", now() - t0);

	ramify_options_free(o);
	ramify_doc_free(doc);
	free(t);
	free(parent);
	free(depth);
	return 0;
}
