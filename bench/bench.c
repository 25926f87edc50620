/*
 * bench.c: time ramify's stages on a synthetic map, and write the same
 * tree as DOT so `make bench` can run Graphviz on it in the same run.
 *
 *   bench N SHAPE SEED DIR     SHAPE: random | wide | binary | chain
 *   bench --layout-only N      lay out an N-topic random tree in every
 *                              layout, with made-up box sizes (no text)
 *
 * Prints one line per stage: "stage seconds".  Reaches into the
 * library's private header to time measuring and layout apart.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "internal.h"

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

/* The parent of topic i in a tree of the given shape. */
static size_t
parent_of(const char *shape, size_t i, const size_t *depth)
{
	size_t p;

	if (strcmp(shape, "chain") == 0)
		return i - 1;
	if (strcmp(shape, "binary") == 0)
		return (i - 1) / 2;
	if (strcmp(shape, "wide") == 0)
		return i < 30 ? 0 : 1 + rnd(29);
	do	/* random, at most 8 levels deep */
		p = rnd(4) == 0 ? rnd((unsigned)i) :
		    i - 1 - rnd((unsigned)(i < 20 ? i : 20));
	while (depth[p] >= 7);
	return p;
}

/* Made-up boxes: 40..240 x 14..50 points, fixed per topic. */
static void
fake_measure(void *arg, const struct ramify_topic *t, double *tw, double *th,
    double *w, double *h)
{
	unsigned long x = t->seq * 2654435761UL;

	(void)arg;
	*tw = 40 + (double)(x % 200);
	*th = 14 + (double)((x >> 8) % 36);
	*w = *tw + 16;
	*h = *th + 8;
}

static int
layout_only(size_t n)
{
	struct rm_measure m = { fake_measure, NULL };
	struct rm_style st;
	struct rm_geom g;
	ramify_topic **t;
	ramify_doc *doc;
	size_t i, *depth, k;
	double t0;
	const char *name;

	t = calloc(n, sizeof *t);
	depth = calloc(n, sizeof *depth);
	doc = ramify_doc_new("root");
	if (t == NULL || depth == NULL || doc == NULL)
		return 1;
	t[0] = ramify_doc_root(doc);
	for (i = 1; i < n; i++) {
		size_t p = parent_of("random", i, depth);

		depth[i] = depth[p] + 1;
		if ((t[i] = ramify_topic_add_child(doc, t[p], "x")) == NULL)
			return 1;
	}
	rm_style_init(&st, NULL);
	/* The first run takes its arrays fresh from the system: page faults
	 * (about a second per million topics in this VM) count there and
	 * are reported apart; the runs after reuse the memory. */
	t0 = now();
	if (rm_layout(doc, &st, "map", &m, &g) == RAMIFY_OK)
		printf("layout-map(%zu topics, no text, first run) %.3f\n", n,
		    now() - t0);
	rm_geom_free(&g);
	for (k = 0; (name = ramify_layout_name(k)) != NULL; k++) {
		int rc;

		t0 = now();
		rc = rm_layout(doc, &st, name, &m, &g);
		if (rc == RAMIFY_OK)
			printf("layout-%s(%zu topics, no text) %.3f\n", name, n,
			    now() - t0);
		else
			printf("layout-%s: %s\n", name, ramify_strerror(rc));
		rm_geom_free(&g);
	}
	ramify_doc_free(doc);
	free(t);
	free(depth);
	return 0;
}

/* Sizes measured by an earlier run, to time the layout alone. */
static void
known_measure(void *arg, const struct ramify_topic *t, double *tw, double *th,
    double *w, double *h)
{
	const struct rm_geom *g = arg;

	*tw = g->tw[t->seq];
	*th = g->th[t->seq];
	*w = g->w[t->seq];
	*h = g->h[t->seq];
}

static void
time_write(ramify_doc *doc, ramify_options *o, const char *fmt,
    const char *label_, double before)
{
	size_t bytes = 0;
	double t0 = now();

	ramify_write(doc, ramify_format_by_name(fmt), o, sink_null, &bytes);
	printf("%s %.3f (%zu bytes, %.0f per topic)\n", label_,
	    now() - t0 - before, bytes,
	    (double)bytes / (double)ramify_doc_count(doc));
}

int
main(int argc, char **argv)
{
	size_t n, i, *parent, *depth;
	const char *shape, *dir;
	char path[4096], text[256];
	ramify_topic **t;
	ramify_doc *doc, *back = NULL;
	ramify_options *o;
	struct rm_geom g, g2;
	struct rm_style st;
	struct rm_measure known;
	struct rm_diag diag = { 0 };
	FILE *fp;
	char *buf;
	long len;
	double t0, t_ml, t_layout;

	if (argc == 3 && strcmp(argv[1], "--layout-only") == 0) {
		rng = 42;
		return layout_only(strtoul(argv[2], NULL, 10));
	}
	if (argc != 5) {
		fprintf(stderr, "usage: bench N random|wide|binary|chain SEED DIR\n"
		    "       bench --layout-only N\n");
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
		size_t p = parent_of(shape, i, depth);

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

	/* measure + layout, then the layout alone on the same sizes.  A
	 * first, untimed run loads the fonts, as every later one finds
	 * them loaded: the writers' times below subtract this one. */
	if (rm_measured_layout(doc, o, &diag, NULL, NULL, &g) != RAMIFY_OK)
		return 1;
	rm_geom_free(&g);
	t0 = now();
	if (rm_measured_layout(doc, o, &diag, NULL, NULL, &g) != RAMIFY_OK)
		return 1;
	t_ml = now() - t0;
	rm_style_init(&st, o);
	known.fn = known_measure;
	known.arg = &g;
	t0 = now();
	if (rm_layout(doc, &st, "map", &known, &g2) != RAMIFY_OK)
		return 1;
	t_layout = now() - t0;
	printf("measure %.3f\n", t_ml - t_layout);
	printf("layout %.3f\n", t_layout);
	rm_geom_free(&g);
	rm_geom_free(&g2);

	/* Drawing and writing: each format's whole run less measure+layout. */
	time_write(doc, o, "pdf", "render-pdf", t_ml);
	time_write(doc, o, "svg", "render-svg", t_ml);
	ramify_options_set(o, "svg-text", NULL);
	time_write(doc, o, "svg", "render-svg-text", t_ml);

	ramify_options_free(o);
	ramify_doc_free(doc);
	free(t);
	free(parent);
	free(depth);
	return 0;
}
