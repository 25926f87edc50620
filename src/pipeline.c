/*
 * pipeline.c: measure, then lay out.  Shared by every writer that needs
 * geometry (layout JSON, PDF, SVG, PNG).
 *
 * Shaping text is most of the work (~25 us a topic), so every topic is
 * measured up front, on up to opts->threads threads (default: the
 * machine's cores, at most 2).  Each thread has its own rm_text, hence
 * its own Pango font map: sharing one between threads crashes.  Topics
 * are handed out in chunks from an atomic counter, so a thread that
 * draws long labels does not hold the others up.  The results go into
 * arrays by seq, which the layout then reads.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include <glib.h>

#include "internal.h"

#define CHUNK		256	/* topics per grab from the counter */
#define MIN_PER_THREAD	2000	/* below this a thread costs more than it saves */
#define MAX_THREADS	64

struct sizes {
	double	*tw, *th, *w, *h;
};

struct job {
	const struct ramify_doc	*doc;
	const struct rm_style	*style;
	struct sizes		*out;
	atomic_size_t		 next;
};

struct worker {
	struct job	*job;
	struct rm_text	*text;
};

static void
measure_some(struct worker *wk)
{
	struct job *j = wk->job;
	size_t n = j->doc->ntopics, k, end;

	for (;;) {
		k = atomic_fetch_add(&j->next, CHUNK);
		if (k >= n)
			break;
		end = k + CHUNK < n ? k + CHUNK : n;
		for (; k < end; k++) {
			const struct ramify_topic *t = j->doc->topics[k];

			rm_text_measure(wk->text, t, &j->out->tw[k],
			    &j->out->th[k]);
			rm_style_box(j->style, t, j->out->tw[k], j->out->th[k],
			    &j->out->w[k], &j->out->h[k]);
		}
	}
}

static gpointer
worker_main(gpointer arg)
{
	measure_some(arg);
	return NULL;
}

static unsigned
thread_count(const struct ramify_options *o, size_t n)
{
	unsigned want = o->threads;

	if (want == 0) {
		want = (unsigned)g_get_num_processors();
		if (want > 2)
			want = 2;
	}
	if (want > MAX_THREADS)
		want = MAX_THREADS;
	if ((size_t)want > n / MIN_PER_THREAD)
		want = (unsigned)(n / MIN_PER_THREAD);
	return want < 1 ? 1 : want;
}

/* Measure every topic with `main_text` and up to threads-1 more. */
static int
measure_all(const struct ramify_doc *doc, const struct rm_style *st,
    const struct ramify_options *o, struct rm_text *main_text,
    struct sizes *out)
{
	struct rm_glyphs *store = rm_text_glyphs(main_text);
	struct worker wk[MAX_THREADS];
	GThread *th[MAX_THREADS];
	struct job j;
	unsigned nt = thread_count(o, doc->ntopics), i, started = 0;

	j.doc = doc;
	j.style = st;
	j.out = out;
	atomic_init(&j.next, 0);
	wk[0].job = &j;
	wk[0].text = main_text;
	for (i = 1; i < nt; i++) {
		wk[i].job = &j;
		/* No font map, no thread: the others do its share. */
		if ((wk[i].text = rm_text_new(st, doc)) == NULL)
			break;
		if (store != NULL)
			rm_text_keep_glyphs(wk[i].text, store, 0);
		th[i] = g_thread_try_new("ramify-shape", worker_main, &wk[i],
		    NULL);
		if (th[i] == NULL) {
			rm_text_free(wk[i].text);
			break;
		}
		started = i;
	}
	measure_some(&wk[0]);
	for (i = 1; i <= started; i++) {
		g_thread_join(th[i]);
		rm_text_free(wk[i].text);
	}
	return RAMIFY_OK;
}

static void
measured_cb(void *arg, const struct ramify_topic *t, double *tw, double *th,
    double *w, double *h)
{
	const struct sizes *s = arg;

	*tw = s->tw[t->seq];
	*th = s->th[t->seq];
	*w = s->w[t->seq];
	*h = s->h[t->seq];
}

int
rm_measured_layout(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_diag *d, struct rm_style *style, struct rm_text **text,
    struct rm_geom *g)
{
	struct rm_style local, *st = style != NULL ? style : &local;
	struct rm_measure m;
	struct sizes sz;
	struct rm_text *tx;
	struct rm_glyphs *store = NULL;
	size_t n = doc->ntopics;
	int rc;

	/* The measurer may keep a pointer to the style: it must outlive
	 * the measurer, so a caller asking for `text` passes `style`. */
	if (text != NULL && style == NULL)
		return RAMIFY_EUSAGE;
	rm_style_init(st, o);
	if ((tx = rm_text_new(st, doc)) == NULL) {
		rm_error(d, (struct rm_pos){0, 0},
		    "cannot set up text shaping (fontconfig/Pango)");
		return RAMIFY_ENOMEM;
	}
	/* A picture keeps the glyphs to draw them without shaping again;
	 * without the memory it shapes again. */
	if (text != NULL && (store = rm_glyphs_new(n)) != NULL)
		rm_text_keep_glyphs(tx, store, 1);
	sz.tw = malloc((n ? n : 1) * sizeof(double) * 4);
	if (sz.tw == NULL) {
		rm_text_free(tx);
		return RAMIFY_ENOMEM;
	}
	sz.th = sz.tw + n;
	sz.w = sz.th + n;
	sz.h = sz.w + n;
	rc = measure_all(doc, st, o, tx, &sz);
	if (rc == RAMIFY_OK) {
		m.fn = measured_cb;
		m.arg = &sz;
		rc = rm_layout(doc, st, o->layout, &m, g);
	}
	free(sz.tw);
	if (rc != RAMIFY_OK || text == NULL)
		rm_text_free(tx);
	else
		*text = tx;
	return rc;
}
