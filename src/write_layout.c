/*
 * write_layout.c: the layout as JSON, for tests, benchmarks and other
 * programs:  {"width":W,"height":H,"layout":"map","nodes":[{"id", "parent",
 * "depth", "text", "x", "y", "w", "h", "side", "edge", "ax", "ay", "bx",
 * "by"}, ...]} with boxes in points, x/y the top-left corner, y
 * downwards, nodes in document order.  Every node but the root has an
 * edge from its parent: how it is drawn ("curve-h", "curve-v",
 * "elbow-h", "elbow-v", "straight" or "corner") from (ax, ay) on the
 * parent's box to (bx, by) on its own.
 * Numbers are rounded to 1/100 pt so output is stable across runs.
 */
#include <math.h>

#include <jansson.h>

#include "internal.h"

static json_t *
num(double v)
{
	return json_real(round(v * 100) / 100);
}

static int
dump_cb(const char *buf, size_t len, void *arg)
{
	struct rm_sink *s = arg;

	rm_put(s, buf, len);
	return s->err != 0 ? -1 : 0;
}

int
layout_json_write(const struct ramify_doc *doc, const struct ramify_options *o,
    struct rm_sink *s, struct rm_diag *d)
{
	static const char *const sides[] = { "root", "left", "right" };
	static const char *const edges[] = {
		"curve-h", "curve-v", "elbow-h", "elbow-v", "straight",
		"corner"
	};
	struct rm_geom g;
	json_t *top, *nodes;
	size_t k;
	int rc;

	if ((rc = rm_measured_layout(doc, o, d, NULL, NULL, &g)) != RAMIFY_OK)
		return rc;
	top = json_object();
	nodes = json_array();
	if (top == NULL || nodes == NULL) {
		json_decref(top);
		json_decref(nodes);
		rm_geom_free(&g);
		return RAMIFY_ENOMEM;
	}
	json_object_set_new(top, "width", num(g.width));
	json_object_set_new(top, "height", num(g.height));
	json_object_set_new(top, "layout", json_string(g.layout));
	json_object_set(top, "nodes", nodes);
	for (k = 0; k < g.n; k++) {
		const struct ramify_topic *t = doc->topics[k];
		json_t *n;

		if (g.hidden[k])
			continue;
		n = json_object();
		if (n == NULL || json_array_append_new(nodes, n) != 0) {
			rc = RAMIFY_ENOMEM;
			break;
		}
		json_object_set_new(n, "id", json_string(t->key));
		json_object_set_new(n, "parent", t->parent != NULL ?
		    json_string(t->parent->key) : json_null());
		json_object_set_new(n, "depth", json_integer(t->depth));
		json_object_set_new(n, "text", json_string(t->text));
		json_object_set_new(n, "x", num(g.x[k]));
		json_object_set_new(n, "y", num(g.y[k]));
		json_object_set_new(n, "w", num(g.w[k]));
		json_object_set_new(n, "h", num(g.h[k]));
		json_object_set_new(n, "side", json_string(sides[g.side[k]]));
		if (t->parent == NULL)
			continue;
		json_object_set_new(n, "edge", json_string(edges[g.edge[k]]));
		json_object_set_new(n, "ax", num(g.ax[k]));
		json_object_set_new(n, "ay", num(g.ay[k]));
		json_object_set_new(n, "bx", num(g.bx[k]));
		json_object_set_new(n, "by", num(g.by[k]));
	}
	json_decref(nodes);
	if (rc == RAMIFY_OK) {
		if (json_dump_callback(top, dump_cb, s, JSON_INDENT(1) |
		    JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) != 0 && s->err == 0)
			rc = RAMIFY_ENOMEM;
		rm_putc(s, '\n');
	}
	json_decref(top);
	rm_geom_free(&g);
	return rc;
}
