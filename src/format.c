/*
 * format.c: the one table of formats.  A new format is a file
 * (read_X.c or write_X.c) plus a row here.
 */
#include <string.h>
#include <strings.h>

#include "internal.h"

static const struct ramify_format formats[] = {
	/* name      extensions       description
	 *           sniff             read             write */
	{ "ramify", ".xml .ramify", "ramify XML map (urn:ramify:map:1)",
	  ramify_xml_sniff, ramify_xml_read, ramify_xml_write },
	{ "mm",     ".mm",          "FreeMind / Freeplane mind map",
	  mm_sniff,         mm_read,         mm_write },
	{ "opml",   ".opml",        "OPML 2.0 outline",
	  opml_sniff,       opml_read,       opml_write },
	{ "xmind",  ".xmind",       "XMind 8 and XMind 2020+ workbook",
	  xmind_sniff,      xmind_read,      NULL },
	{ "mmap",   ".mmap",        "MindManager map",
	  mmap_sniff,       mmap_read,       NULL },
	{ "markdown", ".md .markdown", "Markdown: headings and nested lists",
	  markdown_sniff,   markdown_read,   markdown_write },
	{ "text",   ".txt .text",   "indented or numbered outline with [W1] note markers",
	  text_sniff,       text_read,       text_write },
	{ "layout", ".json",        "layout geometry as JSON",
	  NULL,             NULL,            layout_json_write },
	{ "tree",   NULL,           "debugging dump of the document model",
	  NULL,             NULL,            tree_write },
	{ "pdf",    ".pdf",         "PDF, vector, selectable text",
	  NULL,             NULL,            render_pdf_write },
	{ "svg",    ".svg",         "SVG image",
	  NULL,             NULL,            render_svg_write },
	{ "png",    ".png",         "PNG image",
	  NULL,             NULL,            render_png_write },
};

#define NFORMATS (sizeof formats / sizeof formats[0])

const ramify_format *
ramify_format_at(size_t i)
{
	return i < NFORMATS ? &formats[i] : NULL;
}

const ramify_format *
ramify_format_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < NFORMATS; i++)
		if (strcasecmp(formats[i].name, name) == 0)
			return &formats[i];
	return NULL;
}

int
rm_in_list(const char *list, const char *word, int nocase)
{
	size_t n = strlen(word);
	const char *p;

	for (p = list; *p != '\0'; ) {
		size_t k = strcspn(p, " ");

		if (k == n && (nocase ? strncasecmp(p, word, n) :
		    strncmp(p, word, n)) == 0)
			return 1;
		p += k;
		p += strspn(p, " ");
	}
	return 0;
}

const ramify_format *
ramify_format_by_path(const char *path, int for_reading)
{
	const char *slash = strrchr(path, '/'), *dot = strrchr(path, '.');
	size_t i;

	if (dot == NULL || (slash != NULL && dot < slash))
		return NULL;
	for (i = 0; i < NFORMATS; i++) {
		const struct ramify_format *f = &formats[i];

		if (f->exts == NULL || !rm_in_list(f->exts, dot, 1))
			continue;
		if (for_reading ? f->read != NULL : f->write != NULL)
			return f;
	}
	return NULL;
}

const ramify_format *
ramify_format_sniff(const void *buf, size_t len)
{
	const struct ramify_format *best = NULL;
	int score, top = 0;
	size_t i;

	for (i = 0; i < NFORMATS; i++) {
		if (formats[i].sniff == NULL)
			continue;
		score = formats[i].sniff(buf, len);
		if (score > top) {
			top = score;
			best = &formats[i];
		}
	}
	return best;
}

const char *
ramify_format_name(const ramify_format *f)
{
	return f->name;
}

const char *
ramify_format_description(const ramify_format *f)
{
	return f->description;
}

int
ramify_format_can_read(const ramify_format *f)
{
	return f->read != NULL;
}

int
ramify_format_can_write(const ramify_format *f)
{
	return f->write != NULL;
}
