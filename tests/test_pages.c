/*
 * test_pages.c: the output side of rendering, checked from the outside:
 * PDF metadata, bookmarks and links (read back from the file, which cairo
 * writes with these objects uncompressed), page counts and tiles of
 * --page a4 (pdfinfo, pdftotext -bbox), endnote pages, and the SVG
 * <title>, link regions and --svg-text.
 */
#include <math.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "util.h"

/* What docs/output.md promises, restated here. */
#define MARGIN	36.0
#define BAND	24.0
#define A4_W	595.2756
#define A4_H	841.8898

static void
quiet(void *arg, enum ramify_severity sev, const char *file, unsigned line,
    unsigned col, const char *msg)
{
	(void)arg; (void)sev; (void)file; (void)line; (void)col; (void)msg;
}

/* ---- helpers ---------------------------------------------------------- */

struct pdf {
	struct buf	 b;
	char		 path[64];
};

static void
save(struct pdf *p)
{
	int fd;

	strcpy(p->path, "/tmp/ramify-pages-XXXXXX");
	fd = mkstemp(p->path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, p->b.data, p->b.len), (ssize_t)p->b.len);
	close(fd);
}

static struct pdf
make_pdf(const ramify_doc *d, const ramify_options *o)
{
	struct pdf p;

	memset(&p, 0, sizeof p);
	p.b = render(d, "pdf", o);
	save(&p);
	return p;
}

static void
pdf_free(struct pdf *p)
{
	unlink(p->path);
	buf_free(&p->b);
}

/* Output of a shell command, NUL-terminated; free with free(). */
static char *
run(const char *cmd)
{
	struct buf out = { 0 };
	char chunk[8192];
	size_t n;
	FILE *fp = popen(cmd, "r");

	assert_non_null(fp);
	while ((n = fread(chunk, 1, sizeof chunk, fp)) > 0)
		buf_write(&out, chunk, n);
	assert_int_equal(pclose(fp), 0);
	if (out.data == NULL)
		buf_write(&out, "", 0);
	return out.data;
}

static int
page_count(const struct pdf *p)
{
	char cmd[128], *out, *s;
	int n;

	snprintf(cmd, sizeof cmd, "pdfinfo '%s'", p->path);
	out = run(cmd);
	s = strstr(out, "Pages:");
	assert_non_null(s);
	n = atoi(s + 6);
	free(out);
	return n;
}

/* Text of page `page` (0: all), newlines as spaces. */
static char *
page_text(const struct pdf *p, int page)
{
	char cmd[160], *out, *s;

	if (page > 0)
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 -f %d -l %d "
		    "'%s' -", page, page, p->path);
	else
		snprintf(cmd, sizeof cmd, "pdftotext -enc UTF-8 '%s' -",
		    p->path);
	out = run(cmd);
	for (s = out; *s != '\0'; s++)
		if (*s == '\n' || *s == '\f')
			*s = ' ';
	return out;
}

static const char *
find(const struct buf *b, const char *s, const char *from)
{
	size_t n = strlen(s);
	const char *p = from != NULL ? from : b->data;

	for (; p + n <= b->data + b->len; p++)
		if (memcmp(p, s, n) == 0)
			return p;
	return NULL;
}

static int
count(const struct buf *b, const char *s)
{
	const char *p = NULL;
	int n = 0;

	while ((p = find(b, s, p)) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* The 1-based number of the page that is object `obj`: cairo marks each
 * page object with "% N". */
static int
page_of_object(const struct buf *b, int obj)
{
	char key[64];
	const char *p;

	snprintf(key, sizeof key, "\n%d 0 obj\n<< /Type /Page %% ", obj);
	p = find(b, key, NULL);
	assert_non_null(p);
	return atoi(p + strlen(key));
}

struct mark {
	int	 page;		/* 1-based */
	double	 x, y;		/* from the page's bottom-left */
	int	 count, has_count;
	int	 parent;	/* object number */
};

/* The bookmark titled `title` (ASCII, no parentheses). */
static struct mark
bookmark(const struct buf *b, const char *title)
{
	char key[256];
	const char *p, *end, *q;
	struct mark m = { 0 };
	int obj;

	snprintf(key, sizeof key, "<< /Title (%s)\n", title);
	p = find(b, key, NULL);
	if (p == NULL)
		fail_msg("no bookmark '%s'", title);
	end = find(b, "endobj", p);
	assert_non_null(end);
	q = find(b, "/Dest [", p);
	assert_true(q != NULL && q < end);
	/* "/XYZ null null" for a page without a position. */
	assert_true(sscanf(q, "/Dest [%d 0 R /XYZ %lf %lf", &obj, &m.x,
	    &m.y) >= 1);
	m.page = page_of_object(b, obj);
	q = find(b, "/Count ", p);
	if (q != NULL && q < end) {
		m.has_count = 1;
		m.count = atoi(q + 7);
	}
	q = find(b, "/Parent ", p);
	assert_true(q != NULL && q < end);
	m.parent = atoi(q + 8);
	return m;
}

/* A generated map: root, `nb` branches of `nc` children of `ng`
 * grandchildren each, texts "Leaf b.c.g" and so on, then `tail`. */
static ramify_doc *
gen_wordy(int nb, int nc, int ng, const char *tail)
{
	ramify_doc *d = ramify_doc_new("Generated map");
	ramify_topic *r = ramify_doc_root(d), *b, *c;
	char s[128];
	int i, j, k;

	for (i = 0; i < nb; i++) {
		snprintf(s, sizeof s, "Branch %d", i + 1);
		b = ramify_topic_add_child(d, r, s);
		for (j = 0; j < nc; j++) {
			snprintf(s, sizeof s, "Topic %d.%d", i + 1, j + 1);
			c = ramify_topic_add_child(d, b, s);
			for (k = 0; k < ng; k++) {
				snprintf(s, sizeof s, "Leaf %d.%d.%d%s", i + 1,
				    j + 1, k + 1, tail);
				assert_non_null(ramify_topic_add_child(d, c, s));
			}
		}
	}
	return d;
}

static ramify_doc *
gen_doc(int nb, int nc, int ng)
{
	return gen_wordy(nb, nc, ng, "");
}

static void
map_size(const ramify_doc *d, const ramify_options *o, double *w, double *h)
{
	ramify_options *def = ramify_options_new();
	struct rm_diag diag = { 0 };
	struct rm_geom g;

	assert_int_equal(rm_measured_layout(d, o != NULL ? o : def, &diag,
	    NULL, NULL, &g), RAMIFY_OK);
	*w = g.width;
	*h = g.height;
	rm_geom_free(&g);
	ramify_options_free(def);
}

/* Tiles of `avail` paper points overlapping by BAND to cover `len`. */
static int
tiles(double len, double avail)
{
	return len <= avail ? 1 : (int)ceil((len - BAND) / (avail - BAND));
}

/* ---- metadata ----------------------------------------------------------- */

static void
test_metadata(void **state)
{
	ramify_doc *d = ramify_doc_new("Root text");
	ramify_options *o = ramify_options_new();
	struct pdf p;

	(void)state;
	assert_int_equal(rm_topic_add_attr(d, ramify_doc_root(d), "Author",
	    "Attr Author"), RAMIFY_OK);
	assert_int_equal(rm_topic_add_attr(d, ramify_doc_root(d), "subject",
	    "Attr Subject"), RAMIFY_OK);

	/* From the root's attributes, title from the root text. */
	p = make_pdf(d, NULL);
	assert_non_null(find(&p.b, "/Title (Root text)", NULL));
	assert_non_null(find(&p.b, "/Author (Attr Author)", NULL));
	assert_non_null(find(&p.b, "/Subject (Attr Subject)", NULL));
	assert_non_null(find(&p.b, "/Creator (ramify)", NULL));
	assert_non_null(find(&p.b, "/CreationDate (20000101000000Z)", NULL));
	assert_non_null(find(&p.b, "/ModDate (20000101000000Z)", NULL));
	pdf_free(&p);

	/* The options win. */
	assert_int_equal(ramify_options_set(o, "author", "Opt Author"),
	    RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "subject", "Opt Subject"),
	    RAMIFY_OK);
	p = make_pdf(d, o);
	assert_non_null(find(&p.b, "/Author (Opt Author)", NULL));
	assert_non_null(find(&p.b, "/Subject (Opt Subject)", NULL));
	assert_null(find(&p.b, "Attr Author", NULL));
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);

	/* Neither: no /Author at all. */
	d = ramify_doc_new("Plain");
	p = make_pdf(d, NULL);
	assert_null(find(&p.b, "/Author", NULL));
	assert_null(find(&p.b, "/Subject", NULL));
	pdf_free(&p);
	ramify_doc_free(d);
}

/* ---- bookmarks ---------------------------------------------------------- */

static void
test_outline(void **state)
{
	ramify_doc *d = ramify_doc_new("Root");
	ramify_topic *r = ramify_doc_root(d), *a, *b, *f;
	struct pdf p;
	struct mark mr, ma, mb, mf, mh, ma1;
	double w, h;

	(void)state;
	a = ramify_topic_add_child(d, r, "Alpha");
	ramify_topic_add_child(d, a, "Alpha one");
	ramify_topic_add_child(d, a, "Alpha two");
	b = ramify_topic_add_child(d, r, "Beta");
	f = ramify_topic_add_child(d, b, "Folded");
	ramify_topic_add_child(d, f, "Hidden one");
	ramify_topic_add_child(d, f, "Hidden two");
	ramify_topic_set_folded(f, 1);
	map_size(d, NULL, &w, &h);

	p = make_pdf(d, NULL);
	/* One entry per topic, folded-away ones included. */
	assert_int_equal(count(&p.b, "<< /Title ("), 8);
	mr = bookmark(&p.b, "Root");
	ma = bookmark(&p.b, "Alpha");
	ma1 = bookmark(&p.b, "Alpha one");
	mb = bookmark(&p.b, "Beta");
	mf = bookmark(&p.b, "Folded");
	mh = bookmark(&p.b, "Hidden one");
	/* The tree: Alpha's parent is Root's object, and so on. */
	assert_int_equal(ma.parent, mb.parent);
	assert_int_not_equal(ma1.parent, ma.parent);
	/* Open entries count their visible descendants; the folded one
	 * starts closed (negative count). */
	assert_true(mr.has_count && mr.count == 5);
	assert_true(ma.has_count && ma.count == 2);
	assert_true(mb.has_count && mb.count == 1);
	assert_true(mf.has_count && mf.count == -2);
	assert_false(ma1.has_count);
	/* Everything on page 1; the hidden topic points at its folded
	 * parent; destinations lie on the page. */
	assert_int_equal(mr.page, 1);
	assert_int_equal(mh.page, 1);
	assert_true(mh.x == mf.x && mh.y == mf.y);
	assert_true(mr.x >= 0 && mr.x <= w && mr.y >= 0 && mr.y <= h);
	/* y grows upwards in PDF: Alpha is drawn above Beta or beside. */
	assert_true(ma.x != mb.x || ma.y != mb.y);
	pdf_free(&p);
	ramify_doc_free(d);
}

/* Tiled: each bookmark's page shows its topic. */
static void
test_outline_tiled(void **state)
{
	ramify_doc *d = gen_doc(6, 4, 4);
	ramify_options *o = ramify_options_new();
	static const char *const names[] = {
		"Generated map", "Branch 1", "Topic 2.3", "Leaf 3.4.2",
		"Leaf 6.1.1", "Leaf 5.4.4", "Topic 4.1",
	};
	struct pdf p;
	size_t i;

	(void)state;
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	p = make_pdf(d, o);
	assert_true(page_count(&p) > 2);
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		struct mark m = bookmark(&p.b, names[i]);
		char *txt;

		assert_true(m.page >= 2);	/* a tile, not the overview */
		txt = page_text(&p, m.page);
		if (strstr(txt, names[i]) == NULL)
			fail_msg("bookmark '%s' points at page %d, which lacks it",
			    names[i], m.page);
		/* Inside the sheet. */
		assert_true(m.x >= 0 && m.x < A4_W && m.y > 0 && m.y <= A4_H);
		free(txt);
	}
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* A 100 000-deep chain: no recursion, no quadratic bookkeeping. */
static void
test_outline_deep(void **state)
{
	ramify_doc *d = ramify_doc_new("deep");
	ramify_options *o = ramify_options_new();
	ramify_topic *t = ramify_doc_root(d);
	struct buf a = { 0 };
	struct timespec t0, t1;
	char name[32];
	size_t i;

	(void)state;
	for (i = 1; i < 100000; i++) {
		snprintf(name, sizeof name, "level %zu", i);
		t = ramify_topic_add_child(d, t, name);
		assert_non_null(t);
	}
	ramify_options_set_diag(o, quiet, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(render_to(d, "pdf", o, &a), RAMIFY_OK);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	print_message("    100 000-deep chain to PDF with bookmarks: %.2f s\n",
	    (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9);
	assert_int_equal(count(&a, "<< /Title ("), 100000);
	assert_non_null(find(&a, "<< /Title (level 99999)", NULL));
	buf_free(&a);
	/* As A4 tiles it would take far too many sheets: refused. */
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	assert_int_equal(render_to(d, "pdf", o, &a), RAMIFY_ELIMIT);
	buf_free(&a);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* ---- links ---------------------------------------------------------------- */

static ramify_doc *
linked_doc(void)
{
	ramify_doc *d = ramify_doc_new("Links");
	ramify_topic *r = ramify_doc_root(d), *t;

	t = ramify_topic_add_child(d, r, "Web");
	assert_int_equal(rm_topic_add_link(d, t,
	    "https://example.com/a?b=1&c=\"2\"", "Example"), RAMIFY_OK);
	t = ramify_topic_add_child(d, r, "Plain web");
	assert_int_equal(rm_topic_add_link(d, t, "http://example.org/",
	    NULL), RAMIFY_OK);
	t = ramify_topic_add_child(d, r, "Mail");
	assert_int_equal(rm_topic_add_link(d, t, "mailto:someone@example.com",
	    NULL), RAMIFY_OK);
	t = ramify_topic_add_child(d, r, "Script");
	assert_int_equal(rm_topic_add_link(d, t, "javascript:alert(1)", NULL),
	    RAMIFY_OK);
	t = ramify_topic_add_child(d, r, "File");
	assert_int_equal(rm_topic_add_link(d, t, "file:///etc/passwd", NULL),
	    RAMIFY_OK);
	return d;
}

static void
test_links_pdf(void **state)
{
	ramify_doc *d = linked_doc();
	ramify_options *o = ramify_options_new();
	struct pdf p;

	(void)state;
	p = make_pdf(d, NULL);
	assert_int_equal(count(&p.b, "/Subtype /Link"), 3);
	assert_non_null(find(&p.b, "/URI (https://example.com/a?b=1&c=\"2\")",
	    NULL));
	assert_non_null(find(&p.b, "/URI (http://example.org/)", NULL));
	assert_non_null(find(&p.b, "/URI (mailto:someone@example.com)", NULL));
	assert_null(find(&p.b, "javascript", NULL));
	assert_null(find(&p.b, "passwd", NULL));
	pdf_free(&p);
	/* On a sheet too. */
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	p = make_pdf(d, o);
	assert_int_equal(page_count(&p), 1);
	assert_int_equal(count(&p.b, "/Subtype /Link"), 3);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* ---- pages ---------------------------------------------------------------- */

/* A small map on A4: one page, 100 %, centred. */
static void
test_one_sheet(void **state)
{
	ramify_doc *d = gen_doc(2, 0, 0);
	ramify_options *o = ramify_options_new();
	struct pdf p;
	char cmd[160], *out;
	double w, h, x0, x1;

	(void)state;
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	map_size(d, o, &w, &h);
	assert_true(w < A4_W - 2 * MARGIN && h < A4_H - 2 * MARGIN);
	p = make_pdf(d, o);
	assert_int_equal(page_count(&p), 1);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep 'Page size'", p.path);
	out = run(cmd);
	assert_non_null(strstr(out, "595.276 x 841.89"));
	free(out);
	/* The root's text is in the middle of the sheet. */
	snprintf(cmd, sizeof cmd, "pdftotext -bbox '%s' - | grep '>Generated<'",
	    p.path);
	out = run(cmd);
	assert_int_equal(sscanf(strstr(out, "xMin="), "xMin=\"%lf\"", &x0), 1);
	assert_int_equal(sscanf(strstr(out, "xMax="), "xMax=\"%lf\"", &x1), 1);
	free(out);
	assert_true(x0 < A4_W / 2 && x1 < A4_W / 2 + 80 && x1 > A4_W / 2 - 80);
	pdf_free(&p);

	/* Landscape: the sheet turns. */
	assert_int_equal(ramify_options_set(o, "page", "a4,landscape"),
	    RAMIFY_OK);
	p = make_pdf(d, o);
	snprintf(cmd, sizeof cmd, "pdfinfo '%s' | grep 'Page size'", p.path);
	out = run(cmd);
	assert_non_null(strstr(out, "841.89 x 595.276"));
	free(out);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* A word on a page, from pdftotext -bbox. */
struct word {
	double	 x0, y0, x1, y1;
	char	 text[64];
};

static size_t
words(const struct pdf *p, int page, struct word *w, size_t max)
{
	char cmd[160], *out, *s;
	size_t n = 0;

	snprintf(cmd, sizeof cmd, "pdftotext -bbox -f %d -l %d '%s' -", page,
	    page, p->path);
	out = run(cmd);
	for (s = out; n < max && (s = strstr(s, "<word ")) != NULL; s++) {
		if (sscanf(s, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
		    "yMax=\"%lf\">%63[^<]", &w[n].x0, &w[n].y0, &w[n].x1,
		    &w[n].y1, w[n].text) == 5)
			n++;
	}
	free(out);
	return n;
}

/*
 * The acceptance test of issue 3: a generated 200-topic map on A4.  The
 * page count follows the documented rule, every topic appears, and
 * neighbouring tiles repeat the band: a word inside the band on one
 * sheet is on the next at the same place less one step.
 */
static void
test_tiles_200(void **state)
{
	ramify_doc *d = gen_doc(8, 4, 5);
	ramify_options *o = ramify_options_new();
	double w, h, cw = A4_W - 2 * MARGIN, ch = A4_H - 2 * MARGIN;
	int cols, rows, pages, found, i;
	struct word *wa, *wb;
	size_t na, nb, k, m;
	struct pdf p;
	char *all, s[64];

	(void)state;
	assert_int_equal(ramify_doc_count(d), 201);
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	map_size(d, o, &w, &h);
	/* Too big for one sheet even at 80 %; few enough sheets at 100 %. */
	assert_true(fmin(cw / w, ch / h) < 0.8);
	cols = tiles(w, cw);
	rows = tiles(h, ch);
	assert_true(cols * rows <= 16);
	p = make_pdf(d, o);
	pages = page_count(&p);
	assert_int_equal(pages, 1 + cols * rows);
	assert_true(cols >= 2);

	/* Every topic's text on some sheet. */
	all = page_text(&p, 0);
	for (i = 1; i <= 8; i++) {
		int j, l;

		snprintf(s, sizeof s, "Branch %d", i);
		if (strstr(all, s) == NULL)
			fail_msg("'%s' on no page", s);
		for (j = 1; j <= 4; j++) {
			snprintf(s, sizeof s, "Topic %d.%d", i, j);
			if (strstr(all, s) == NULL)
				fail_msg("'%s' on no page", s);
			for (l = 1; l <= 5; l++) {
				snprintf(s, sizeof s, "Leaf %d.%d.%d", i, j, l);
				if (strstr(all, s) == NULL)
					fail_msg("'%s' on no page", s);
			}
		}
	}
	assert_non_null(strstr(all, "Generated map"));
	/* Labels: the first tile and its neighbour. */
	assert_non_null(strstr(all, "A1 \xe2\x80\x94 row 1, column 1"));
	assert_non_null(strstr(all, "A2 \xe2\x80\x94 row 1, column 2"));
	assert_non_null(strstr(all, "Overview"));
	free(all);

	/* The bands: pages 2, 3, ... are A1, A2, ..., B1, ...; a word
	 * that starts in the band at the left (top) of a tile is on its
	 * neighbour to the left (above), one step further right (down). */
	wa = calloc(4000, sizeof *wa);
	wb = calloc(4000, sizeof *wb);
	found = 0;
	for (i = 0; i < rows * cols; i++) {
		int dir;

		for (dir = 0; dir < 2; dir++) {
			int other = dir == 0 ? i - 1 : i - cols;
			double dx = dir == 0 ? cw - BAND : 0;
			double dy = dir == 0 ? 0 : ch - BAND;

			if ((dir == 0 && i % cols == 0) || other < 0)
				continue;
			nb = words(&p, 2 + i, wb, 4000);
			na = words(&p, 2 + other, wa, 4000);
			for (k = 0; k < nb; k++) {
				/* Clipped or not, pdftotext sees words
				 * whole. */
				if (wb[k].x0 < MARGIN || wb[k].y0 < MARGIN ||
				    wb[k].x1 > MARGIN + cw ||
				    wb[k].y1 > MARGIN + ch ||
				    (dir == 0 && wb[k].x0 > MARGIN + BAND) ||
				    (dir == 1 && wb[k].y0 > MARGIN + BAND))
					continue;
				for (m = 0; m < na; m++)
					if (strcmp(wa[m].text, wb[k].text) == 0 &&
					    fabs(wa[m].x0 - (wb[k].x0 + dx)) < 0.05 &&
					    fabs(wa[m].y0 - (wb[k].y0 + dy)) < 0.05)
						break;
				if (m == na)
					fail_msg("'%s' in the band of page %d is "
					    "not on page %d", wb[k].text, 2 + i,
					    2 + other);
				found++;
			}
		}
	}
	/* The test means something only if the bands hold text. */
	assert_true(found > 0);
	free(wa);
	free(wb);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* Far too many sheets at 100 %: shrunk, but never below 60 %. */
static void
test_tile_scale(void **state)
{
	ramify_doc *d = gen_doc(12, 10, 8);
	ramify_options *o = ramify_options_new();
	double w, h, cw = A4_W - 2 * MARGIN, ch = A4_H - 2 * MARGIN, s;
	struct pdf p;
	char *txt, *at;
	int pages;

	(void)state;
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	map_size(d, o, &w, &h);
	assert_true(tiles(w, cw) * tiles(h, ch) > 16);
	p = make_pdf(d, o);
	txt = page_text(&p, 1);
	at = strstr(txt, "sheets at ");
	assert_non_null(at);
	s = atof(at + 10) / 100;
	free(txt);
	assert_true(s >= 0.6 && s < 1);
	pages = page_count(&p);
	assert_int_equal(pages, 1 + tiles(w * s, cw) * tiles(h * s, ch));
	/* 16 sheets at most, unless 60 % needs more. */
	assert_true(pages - 1 <= 16 || s == 0.6);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* ---- endnotes ------------------------------------------------------------- */

static ramify_doc *
noted_doc(size_t long_words)
{
	ramify_doc *d = ramify_doc_new("Noted");
	ramify_topic *r = ramify_doc_root(d), *a, *b;
	size_t n1, n2, i;
	struct buf text = { 0 };
	char w[32];

	a = ramify_topic_add_child(d, r, "First topic");
	b = ramify_topic_add_child(d, r, "Second topic");
	n1 = ramify_topic_add_note(d, a, "Shared note paragraph one.\n\n"
	    "Shared note paragraph two.");
	assert_int_equal(ramify_topic_attach_note(d, b, n1), RAMIFY_OK);
	for (i = 0; i < long_words; i++) {
		snprintf(w, sizeof w, "%sw%05zu", i > 0 ? " " : "", i);
		buf_write(&text, w, strlen(w));
	}
	if (long_words > 0) {
		n2 = ramify_topic_add_note(d, b, text.data);
		assert_true(n2 != (size_t)-1);
	}
	buf_free(&text);
	return d;
}

static void
test_endnotes(void **state)
{
	ramify_doc *d = noted_doc(6000);
	ramify_options *o = ramify_options_new();
	struct pdf p;
	char *txt, *at, w[32];
	int pages, i;
	size_t k;

	(void)state;
	p = make_pdf(d, NULL);
	pages = page_count(&p);
	/* 6000 words take several pages. */
	assert_true(pages >= 4);
	txt = page_text(&p, 2);
	assert_non_null(strstr(txt, "Notes"));
	/* Note 1, its topics, its paragraphs. */
	at = strstr(txt, "First topic \xc2\xb7 Second topic");
	assert_non_null(at);
	assert_non_null(strstr(at, "Shared note paragraph one."));
	assert_non_null(strstr(at, "Shared note paragraph two."));
	free(txt);
	/* Every word of the long note, in order, none lost at the page
	 * breaks. */
	txt = page_text(&p, 0);
	at = txt;
	for (k = 0; k < 6000; k++) {
		snprintf(w, sizeof w, "w%05zu", k);
		at = strstr(at, w);
		if (at == NULL)
			fail_msg("word %s missing or out of order", w);
	}
	free(txt);
	for (i = 2; i <= pages; i++) {
		txt = page_text(&p, i);
		snprintf(w, sizeof w, "Notes \xc2\xb7 %d", i - 1);
		if (strstr(txt, w) == NULL)
			fail_msg("page %d lacks its footer '%s'", i, w);
		free(txt);
	}
	/* Bookmark to the first notes page. */
	assert_int_equal(bookmark(&p.b, "Notes").page, 2);
	pdf_free(&p);

	/* None with --notes none or inline. */
	assert_int_equal(ramify_options_set(o, "notes", "none"), RAMIFY_OK);
	p = make_pdf(d, o);
	assert_int_equal(page_count(&p), 1);
	pdf_free(&p);
	assert_int_equal(ramify_options_set(o, "notes", "inline"), RAMIFY_OK);
	p = make_pdf(d, o);
	assert_int_equal(page_count(&p), 1);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* Endnotes on the sheet size after tiles; none without notes. */
static void
test_endnotes_tiled(void **state)
{
	ramify_doc *d = gen_doc(8, 4, 5);
	ramify_options *o = ramify_options_new();
	ramify_topic *t;
	struct pdf p;
	int before;
	char *txt;

	(void)state;
	assert_int_equal(ramify_options_set(o, "page", "letter"), RAMIFY_OK);
	p = make_pdf(d, o);
	before = page_count(&p);
	assert_null(find(&p.b, "/Title (Notes)", NULL));
	pdf_free(&p);
	t = ramify_topic_first_child(ramify_doc_root(d));
	assert_true(ramify_topic_add_note(d, t, "A note on branch one.") !=
	    (size_t)-1);
	p = make_pdf(d, o);
	assert_int_equal(page_count(&p), before + 1);
	txt = page_text(&p, before + 1);
	assert_non_null(strstr(txt, "A note on branch one."));
	assert_non_null(strstr(txt, "Branch 1"));
	free(txt);
	pdf_free(&p);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* ---- SVG ------------------------------------------------------------------ */

static xmlDoc *
parse_svg(const struct buf *b)
{
	xmlDoc *x = xmlReadMemory(b->data, (int)b->len, "map.svg", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	assert_non_null(x);
	return x;
}

static void
test_svg_title_links(void **state)
{
	ramify_doc *d = linked_doc();
	struct buf a = render(d, "svg", NULL);
	xmlDoc *x = parse_svg(&a);
	xmlNode *root = xmlDocGetRootElement(x), *n;
	const char *t;
	int links = 0;

	(void)state;
	/* <title> right after the opening <svg>. */
	t = find(&a, "<svg ", NULL);
	assert_non_null(t);
	t = strchr(t, '>');
	assert_memory_equal(t, ">\n<title>Links</title>", 22);
	for (n = root->children; n != NULL && n->type != XML_ELEMENT_NODE;
	    n = n->next)
		continue;
	assert_string_equal((const char *)n->name, "title");
	/* Web and mail links only, escaped. */
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)n->name, "a") == 0) {
			xmlChar *href = xmlGetNsProp(n, (const xmlChar *)"href",
			    (const xmlChar *)"http://www.w3.org/1999/xlink");

			assert_non_null(href);
			assert_true(strncmp((char *)href, "http", 4) == 0 ||
			    strncmp((char *)href, "mailto:", 7) == 0);
			if (links == 0)
				assert_string_equal((char *)href,
				    "https://example.com/a?b=1&c=\"2\"");
			xmlFree(href);
			links++;
		}
	assert_int_equal(links, 3);
	assert_null(find(&a, "javascript", NULL));
	assert_null(find(&a, "passwd", NULL));
	xmlFreeDoc(x);
	buf_free(&a);
	ramify_doc_free(d);
}

static int
count_elements(xmlNode *n, const char *name)
{
	int c = 0;

	/* The SVG is shallow: cairo's groups, then our elements. */
	for (; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE) {
			c += strcmp((const char *)n->name, name) == 0;
			c += count_elements(n->children, name);
		}
	return c;
}

static void
test_svg_text(void **state)
{
	/* Topics of a few words, like the samples'. */
	ramify_doc *d = gen_wordy(8, 4, 5, " keeps customers informed");
	ramify_options *o = ramify_options_new();
	struct buf glyphs, a, b;
	xmlDoc *x;

	(void)state;
	assert_int_equal(ramify_options_set(o, "svg-text", NULL), RAMIFY_OK);
	glyphs = render(d, "svg", NULL);
	a = render(d, "svg", o);
	b = render(d, "svg", o);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* Every topic as searchable text, none as glyphs. */
	assert_non_null(find(&a, ">Leaf 8.4.5 keeps customers informed</text>",
	    NULL));
	assert_non_null(find(&a, ">Branch 3</text>", NULL));
	assert_non_null(find(&a, "Generated map", NULL));
	assert_null(find(&a, "<use xlink:href=\"#glyph", NULL));
	assert_non_null(find(&glyphs, "<use xlink:href=\"#glyph", NULL));
	x = parse_svg(&a);
	assert_int_equal(count_elements(xmlDocGetRootElement(x), "text"), 201);
	xmlFreeDoc(x);
	/* Much smaller than glyphs. */
	print_message("    SVG: %zu bytes as glyphs, %zu with --svg-text\n",
	    glyphs.len, a.len);
	assert_true(a.len * 3 < glyphs.len);
	buf_free(&glyphs);
	buf_free(&a);
	buf_free(&b);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* Text XML cannot carry, and markup characters, still give valid XML. */
static void
test_svg_text_escape(void **state)
{
	ramify_doc *d = ramify_doc_new("a < b & \"c\" \xef\xbf\xbe");
	ramify_options *o = ramify_options_new();
	struct buf a;
	xmlDoc *x;

	(void)state;
	ramify_topic_add_child(d, ramify_doc_root(d), "x\ty</text><script>");
	assert_int_equal(ramify_options_set(o, "svg-text", NULL), RAMIFY_OK);
	a = render(d, "svg", o);
	x = parse_svg(&a);
	xmlFreeDoc(x);
	assert_null(find(&a, "<script>", NULL));
	assert_non_null(find(&a, "a &lt; b &amp; &quot;c&quot;", NULL));
	buf_free(&a);
	ramify_options_free(o);
	ramify_doc_free(d);
}

/* ---- determinism and failures ---------------------------------------------- */

static void
test_same_bytes(void **state)
{
	ramify_doc *d = gen_doc(8, 4, 5);
	ramify_options *o = ramify_options_new();
	ramify_topic *t = ramify_topic_first_child(ramify_doc_root(d));
	struct buf a, b;

	(void)state;
	assert_true(ramify_topic_add_note(d, t, "A note.") != (size_t)-1);
	assert_int_equal(ramify_options_set(o, "page", "a4,landscape"),
	    RAMIFY_OK);
	a = render(d, "pdf", o);
	b = render(d, "pdf", o);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	buf_free(&a);
	buf_free(&b);
	ramify_options_free(o);
	ramify_doc_free(d);
}

static void
test_write_errors(void **state)
{
	ramify_doc *d = gen_doc(8, 4, 5);
	ramify_options *o = ramify_options_new();
	ramify_topic *t = ramify_topic_first_child(ramify_doc_root(d));
	int at;

	(void)state;
	assert_true(ramify_topic_add_note(d, t, "A note.") != (size_t)-1);
	assert_int_equal(ramify_options_set(o, "page", "a4"), RAMIFY_OK);
	assert_int_equal(ramify_options_set(o, "svg-text", NULL), RAMIFY_OK);
	/* The first write fails, or a later one: both files are many of
	 * the sink's 16 KB writes long. */
	for (at = 1; at <= 5; at += 4) {
		struct buf a = { 0 };

		a.fail_after = at;
		assert_int_equal(render_to(d, "pdf", o, &a), RAMIFY_EIO);
		buf_free(&a);
		a.fail_after = at;
		assert_int_equal(render_to(d, "svg", o, &a), RAMIFY_EIO);
		buf_free(&a);
	}
	ramify_options_free(o);
	ramify_doc_free(d);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metadata),
		cmocka_unit_test(test_outline),
		cmocka_unit_test(test_outline_tiled),
		cmocka_unit_test(test_outline_deep),
		cmocka_unit_test(test_links_pdf),
		cmocka_unit_test(test_one_sheet),
		cmocka_unit_test(test_tiles_200),
		cmocka_unit_test(test_tile_scale),
		cmocka_unit_test(test_endnotes),
		cmocka_unit_test(test_endnotes_tiled),
		cmocka_unit_test(test_svg_title_links),
		cmocka_unit_test(test_svg_text),
		cmocka_unit_test(test_svg_text_escape),
		cmocka_unit_test(test_same_bytes),
		cmocka_unit_test(test_write_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
