/*
 * read_markdown.c: reader of Markdown outlines, through md4c
 * (CommonMark; docs/formats/markdown.md).
 *
 *  - Headings and list items are topics.  A heading nests under the
 *    nearest heading before it of a lower level; a list nests under the
 *    heading before it, or under the list item it is in.
 *  - Paragraphs (and block quotes, and code blocks) under a heading are
 *    its note, one paragraph each.  In a list item, the first line is
 *    the topic and everything else in the item (the rest of the first
 *    paragraph, later paragraphs, quotes) its note.
 *  - Links are kept: the link text is part of the topic text, the target
 *    a link of the topic.  Inline code, emphasis and images become plain
 *    text; an inline <br> is a line break in a topic's text; a
 *    `<!-- markmap: fold -->` comment folds the topic (as markmap does).
 *  - YAML front matter (`---` ... `---` at the top) is skipped; its
 *    `title` becomes the map's title (parsed with libyaml).
 *  - Paragraphs before the first heading are map-level notes.
 *  - The root: the one H1; else the one topic at the top; else a topic
 *    made from the front matter's title, else from the first heading's
 *    text, else from the file name, holding everything at the top.
 *
 * md4c reports blocks and spans as flat enter/leave events; an explicit
 * stack of open blocks (never recursion) gives the nesting.  The topics
 * are built in a tree of our own first, because the root is known only
 * at the end, then created in document order with a loop.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <glib.h>
#include <libxml/HTMLparser.h>
#include <md4c.h>
#include <yaml.h>

#include "internal.h"

struct mlink {
	const char	*href, *title;
};

/* A topic while reading. */
struct mnode {
	struct mnode	*parent, *first, *last, *next;
	GString		*text;		/* the topic's text */
	size_t		 hard;		/* text[0..hard) is kept whole; the
					 * rest is trimmed of spaces */
	int		 started;	/* text has more than spaces */
	GString		*note;		/* paragraphs, "\n\n" between */
	struct rm_pos	 note_pos;	/* where the first began */
	struct mlink	*links;
	size_t		 nlinks, caplinks;
	struct rm_pos	 pos;
	int		 has_pos;
	unsigned	 level;		/* heading 1..6; 0: list item */
	unsigned	 folded : 1;
	struct ramify_topic *topic;
};

/* An open container block. */
struct frame {
	MD_BLOCKTYPE	 type;
	struct mnode	*li;		/* innermost list item, or NULL */
	unsigned	 quote;		/* block quotes around */
	int		 state;		/* LI: TEXT_* */
};

enum { TEXT_NONE, TEXT_LINE, TEXT_DONE };	/* a list item's first line */

/* Where text goes now. */
enum mode {
	M_OFF,		/* nowhere (HTML blocks, rules) */
	M_TEXT,		/* the text of `node` */
	M_NOTE		/* a note paragraph of `node` */
};

struct reader {
	struct rm_diag		*diag;
	struct ramify_doc	*doc;
	struct rm_arena		 scratch;
	const char		*buf;		/* the whole input */
	size_t			 len;
	/* Positions: a cursor that only moves forward in the usual case. */
	size_t			 cur_off;
	struct rm_pos		 cur;
	struct rm_pos		 last;		/* of the last text seen */
	struct mnode		 top;		/* above everything */
	size_t			 nnodes;
	struct mnode		*heads[7];	/* open heading per level */
	struct frame		*frames;
	size_t			 nframes, capframes;
	enum mode		 mode;
	struct mnode		*node;		/* of the mode */
	int			 leaf;		/* in a P, H or code block */
	struct mnode		*html_li;	/* list item an HTML block is in */
	GString			*para;		/* note paragraph being read */
	struct rm_pos		 para_pos;	/* where it began */
	int			 space;		/* a space is pending in para */
	struct mnode		*first_heading;
	const char		*fm_title;
	int			 status;	/* first failure, to stop md4c */
};

/* ---- Positions ---------------------------------------------------------- */

/* Line and column (1-based, in characters) of byte `off` of the input. */
static struct rm_pos
pos_at(struct reader *r, size_t off)
{
	const unsigned char *s = (const unsigned char *)r->buf;

	if (off < r->cur_off) {
		r->cur_off = 0;
		r->cur = (struct rm_pos){ 1, 1 };
	}
	for (; r->cur_off < off; r->cur_off++) {
		unsigned char c = s[r->cur_off];

		if (c == '\n' && r->cur_off > 0 && s[r->cur_off - 1] == '\r')
			continue;
		if (c == '\n' || c == '\r') {
			r->cur.line++;
			r->cur.col = 1;
		} else if ((c & 0xc0) != 0x80)
			r->cur.col++;
	}
	return r->cur;
}

/* Note where md4c's text is, when it points into the input. */
static void
saw_text(struct reader *r, const char *text)
{
	if (text >= r->buf && text < r->buf + r->len)
		r->last = pos_at(r, (size_t)(text - r->buf));
}

/* ---- Nodes -------------------------------------------------------------- */

static struct mnode *
new_node(struct reader *r, struct mnode *parent, unsigned level)
{
	struct mnode *n;

	if (r->nnodes >= RM_MAX_TOPICS) {
		rm_error(r->diag, r->last, "more than %zu topics",
		    RM_MAX_TOPICS);
		r->status = RAMIFY_ELIMIT;
		return NULL;
	}
	if ((n = rm_alloc(&r->scratch, sizeof *n)) == NULL) {
		r->status = RAMIFY_ENOMEM;
		return NULL;
	}
	r->nnodes++;
	n->level = level;
	n->pos = r->last;
	n->parent = parent;
	if (parent->last != NULL)
		parent->last->next = n;
	else
		parent->first = n;
	parent->last = n;
	return n;
}

static struct frame *
top_frame(struct reader *r)
{
	return r->nframes > 0 ? &r->frames[r->nframes - 1] : NULL;
}

/* The topic notes go to now: the innermost list item, else the current
 * section's heading, else the map (r->top). */
static struct mnode *
note_owner(struct reader *r)
{
	struct frame *f = top_frame(r);
	int i;

	if (f != NULL && f->li != NULL)
		return f->li;
	for (i = 6; i >= 1; i--)
		if (r->heads[i] != NULL)
			return r->heads[i];
	return &r->top;
}

/* End the note paragraph being read, if any. */
static void
end_para(struct reader *r)
{
	struct mnode *n = r->node;

	if (r->mode == M_NOTE && r->para->len > 0) {
		if (n->note == NULL) {
			n->note = g_string_new(NULL);
			n->note_pos = r->para_pos;
		} else
			g_string_append(n->note, "\n\n");
		g_string_append_len(n->note, r->para->str, r->para->len);
	}
	g_string_truncate(r->para, 0);
	r->space = 0;
	if (r->mode == M_NOTE)
		r->mode = M_OFF;
}

static void
start_note(struct reader *r, struct mnode *owner)
{
	end_para(r);
	r->mode = M_NOTE;
	r->node = owner;
}

static void
start_text(struct reader *r, struct mnode *n)
{
	end_para(r);
	r->mode = M_TEXT;
	r->node = n;
	if (n->text == NULL)
		n->text = g_string_new(NULL);
}

/* ---- Text --------------------------------------------------------------- */

static int
is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v';
}

/* Append s[0..n) where the mode says.  `hard`: every byte counts, even
 * spaces at the ends (decoded entities: "&#32;"). */
static void
put_text(struct reader *r, const char *s, size_t n, int hard)
{
	struct mnode *t = r->node;
	size_t i;

	if (r->mode == M_TEXT) {
		if (!t->started && !hard)
			while (n > 0 && (*s == ' ' || *s == '\t'))
				s++, n--;
		if (n == 0)
			return;
		t->started = 1;
		g_string_append_len(t->text, s, n);
		if (hard)
			t->hard = t->text->len;
		else
			for (i = n; i > 0; i--)
				if (!is_ws((unsigned char)s[i - 1])) {
					t->hard = t->text->len - n + i;
					break;
				}
	} else if (r->mode == M_NOTE) {
		/* Runs of whitespace fold to one space, as in ramify XML. */
		for (i = 0; i < n; i++) {
			if (is_ws((unsigned char)s[i])) {
				r->space = r->para->len > 0;
				continue;
			}
			if (r->para->len == 0)
				r->para_pos = r->last;
			if (r->space)
				g_string_append_c(r->para, ' ');
			r->space = 0;
			g_string_append_c(r->para, s[i]);
		}
	}
}

/* Decode an entity (s[0..n) is "&...;") into `out`; unknown names stay
 * as they are.  Numeric ones that are no character become U+FFFD, as
 * CommonMark says. */
static void
decode_entity(const char *s, size_t n, GString *out)
{
	const htmlEntityDesc *e;
	char name[64];
	gunichar c = 0;
	size_t i;

	if (n >= 4 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (i = hex ? 3 : 2; i + 1 < n; i++) {
			int d = g_ascii_xdigit_value(s[i]);

			if (c > 0x10ffff)
				break;
			c = hex ? c * 16 + (gunichar)d : c * 10 + (gunichar)(s[i] - '0');
		}
		if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
			c = 0xfffd;
		g_string_append_unichar(out, c);
		return;
	}
	if (n >= 3 && n - 2 < sizeof name) {
		memcpy(name, s + 1, n - 2);
		name[n - 2] = '\0';
		if ((e = htmlEntityLookup((const xmlChar *)name)) != NULL &&
		    e->value != 0 && g_unichar_validate(e->value)) {
			g_string_append_unichar(out, e->value);
			return;
		}
	}
	g_string_append_len(out, s, (gssize)n);
}

/* Is s[0..n) the comment `<!-- markmap: fold -->` (spaces aside)? */
static int
is_fold(const char *s, size_t n)
{
	static const char fold[] = "markmap:fold";
	size_t i, k;

	while (n > 0 && is_ws((unsigned char)s[n - 1]))
		n--;
	if (n < 7 || memcmp(s, "<!--", 4) != 0 || memcmp(s + n - 3, "-->", 3) != 0)
		return 0;
	for (i = 4, k = 0; i + 3 < n; i++) {
		if (is_ws((unsigned char)s[i]))
			continue;
		if (k == sizeof fold - 1 || s[i] != fold[k++])
			return 0;
	}
	return k == sizeof fold - 1;
}

/* Inline HTML: <br> breaks a line, `<!-- markmap: fold -->` folds; other
 * tags are dropped (their text is kept). */
static void
inline_html(struct reader *r, const char *s, size_t n)
{
	if (is_fold(s, n)) {
		if (r->node != NULL)
			r->node->folded = 1;
		return;
	}
	if (n >= 4 && g_ascii_strncasecmp(s, "<br", 3) == 0 &&
	    (s[3] == '>' || s[3] == '/' || is_ws((unsigned char)s[3]))) {
		if (r->mode == M_TEXT)
			put_text(r, "\n", 1, 1);
		else
			put_text(r, " ", 1, 0);
	}
}

/* The value of an md4c attribute (href, title), entities decoded; from
 * the scratch arena, NULL when empty (or out of memory: r->status). */
static const char *
attr_text(struct reader *r, const MD_ATTRIBUTE *a)
{
	GString *s;
	const char *res = NULL;
	unsigned i;

	if (a->text == NULL || a->size == 0)
		return NULL;
	s = g_string_new(NULL);
	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		const char *p = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];

		if (a->substr_types[i] == MD_TEXT_ENTITY)
			decode_entity(p, n, s);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			g_string_append(s, "\xef\xbf\xbd");
		else
			g_string_append_len(s, p, (gssize)n);
	}
	if (s->len > 0 && rm_utf8_valid_prefix(s->str, s->len) == s->len &&
	    (res = rm_strndup(&r->scratch, s->str, s->len)) == NULL)
		r->status = RAMIFY_ENOMEM;
	g_string_free(s, TRUE);
	return res;
}

static void
add_link(struct reader *r, const MD_ATTRIBUTE *href, const MD_ATTRIBUTE *title)
{
	struct mnode *n = r->node;
	const char *h;

	if (r->mode == M_OFF || n == NULL || n == &r->top ||
	    (h = attr_text(r, href)) == NULL)
		return;
	if (rm_grow(&r->scratch, (void **)&n->links, &n->caplinks, n->nlinks,
	    sizeof *n->links) != 0) {
		r->status = RAMIFY_ENOMEM;
		return;
	}
	n->links[n->nlinks].href = h;
	n->links[n->nlinks++].title = attr_text(r, title);
}

/* ---- md4c callbacks ----------------------------------------------------- */

static void	loose_text(struct reader *);

static int
push_frame(struct reader *r, MD_BLOCKTYPE type, struct mnode *li)
{
	struct frame *up = top_frame(r), *f;

	if (rm_grow(&r->scratch, (void **)&r->frames, &r->capframes,
	    r->nframes, sizeof *r->frames) != 0) {
		r->status = RAMIFY_ENOMEM;
		return -1;
	}
	f = &r->frames[r->nframes++];
	f->type = type;
	f->li = li != NULL ? li : up != NULL ? up->li : NULL;
	f->quote = (up != NULL ? up->quote : 0) + (type == MD_BLOCK_QUOTE);
	f->state = TEXT_NONE;
	return 0;
}

/* A heading at the top level of the document: a section. */
static int
enter_heading(struct reader *r, unsigned level)
{
	struct mnode *parent = &r->top, *n;
	unsigned i;

	for (i = level; i <= 6; i++)
		r->heads[i] = NULL;
	for (i = level - 1; i >= 1; i--)
		if (r->heads[i] != NULL) {
			parent = r->heads[i];
			break;
		}
	if ((n = new_node(r, parent, level)) == NULL)
		return -1;
	r->heads[level] = n;
	if (r->first_heading == NULL)
		r->first_heading = n;
	start_text(r, n);
	return 0;
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;
	struct frame *f = top_frame(r);
	struct mnode *n;

	/* A block inside a list item ends its first line, unless it is
	 * the paragraph that holds it. */
	if (f != NULL && f->type == MD_BLOCK_LI && f->quote == 0) {
		if (f->state == TEXT_NONE &&
		    (type == MD_BLOCK_P || type == MD_BLOCK_H)) {
			f->state = TEXT_LINE;
			start_text(r, f->li);
			r->leaf = 1;
			return 0;
		}
		f->state = TEXT_DONE;
	}
	end_para(r);
	r->mode = M_OFF;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		return push_frame(r, type, NULL);
	case MD_BLOCK_LI:
		if (f != NULL && f->quote > 0)
			return push_frame(r, type, NULL);	/* a note */
		if ((n = new_node(r, note_owner(r), 0)) == NULL)
			return -1;
		return push_frame(r, type, n);
	case MD_BLOCK_H:
		if (f == NULL)
			return enter_heading(r,
			    ((MD_BLOCK_H_DETAIL *)detail)->level);
		/* FALLTHROUGH */
	case MD_BLOCK_P:
	case MD_BLOCK_CODE:
		start_note(r, note_owner(r));
		r->leaf = 1;
		return 0;
	case MD_BLOCK_HTML:
		/* Its text goes nowhere, but a list item whose text is empty
		 * starts with its fold mark as a block. */
		r->leaf = 1;
		r->html_li = f != NULL && f->type == MD_BLOCK_LI &&
		    f->quote == 0 ? f->li : NULL;
		return 0;
	default:
		return 0;		/* rules, the document */
	}
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;
	struct frame *f = top_frame(r);

	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
	case MD_BLOCK_LI:
		end_para(r);
		r->mode = M_OFF;
		r->nframes--;
		break;
	case MD_BLOCK_P:
	case MD_BLOCK_H:
	case MD_BLOCK_CODE:
	case MD_BLOCK_HTML:
		r->html_li = NULL;
		if (f != NULL && f->type == MD_BLOCK_LI && f->state == TEXT_LINE)
			f->state = TEXT_DONE;
		end_para(r);
		r->mode = M_OFF;
		r->leaf = 0;
		break;
	default:
		r->mode = M_OFF;
		break;
	}
	return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *arg)
{
	struct reader *r = arg;

	loose_text(r);
	if (type == MD_SPAN_A) {
		MD_SPAN_A_DETAIL *a = detail;

		add_link(r, &a->href, &a->title);
	} else if (type == MD_SPAN_IMG) {
		MD_SPAN_IMG_DETAIL *a = detail;

		add_link(r, &a->src, &a->title);
	}
	return r->status;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *arg)
{
	(void)type; (void)detail; (void)arg;
	return 0;
}

/* Text straight in a tight list item (md4c sends no paragraph there):
 * its first line, or a note paragraph after it. */
static void
loose_text(struct reader *r)
{
	struct frame *f = top_frame(r);

	if (r->leaf || f == NULL || f->type != MD_BLOCK_LI || f->quote > 0) {
		if (!r->leaf && r->mode == M_OFF && f != NULL && f->quote > 0)
			start_note(r, note_owner(r));
		return;
	}
	if (f->state == TEXT_NONE) {
		f->state = TEXT_LINE;
		start_text(r, f->li);
	} else if (f->state == TEXT_DONE && r->mode != M_NOTE)
		start_note(r, f->li);
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *arg)
{
	struct reader *r = arg;
	struct frame *f;
	GString *e;

	saw_text(r, text);
	loose_text(r);
	if (r->mode == M_TEXT && !r->node->has_pos) {
		r->node->pos = r->last;
		r->node->has_pos = 1;
	}
	switch (type) {
	case MD_TEXT_NULLCHAR:
		put_text(r, "\xef\xbf\xbd", 3, 1);
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		f = top_frame(r);
		if (r->mode == M_TEXT && f != NULL && f->type == MD_BLOCK_LI &&
		    f->state == TEXT_LINE) {
			/* The rest of the item is its note. */
			f->state = TEXT_DONE;
			start_note(r, f->li);
		} else if (r->mode == M_TEXT && type == MD_TEXT_BR)
			put_text(r, "\n", 1, 1);
		else
			put_text(r, " ", 1, 0);
		break;
	case MD_TEXT_ENTITY:
		e = g_string_new(NULL);
		decode_entity(text, size, e);
		put_text(r, e->str, e->len, 1);
		g_string_free(e, TRUE);
		break;
	case MD_TEXT_HTML:
		if (r->mode != M_OFF)	/* not an HTML block */
			inline_html(r, text, size);
		else if (r->html_li != NULL && is_fold(text, size))
			r->html_li->folded = 1;
		break;
	default:
		put_text(r, text, size, 0);
		break;
	}
	return r->status;
}

/* ---- Front matter ------------------------------------------------------- */

/* Length of the line at `i` without its end, and where the next starts. */
static size_t
line_at(const char *s, size_t len, size_t i, size_t *next)
{
	size_t e = i;

	while (e < len && s[e] != '\n' && s[e] != '\r')
		e++;
	*next = e;
	if (*next < len && s[*next] == '\r')
		(*next)++;
	if (*next < len && s[*next] == '\n' && (*next == e || s[e] == '\r'))
		(*next)++;
	return e - i;
}

/* Is s[0..n) `mark` followed by nothing but spaces? */
static int
is_fence(const char *s, size_t n, const char *mark)
{
	size_t k = strlen(mark);

	if (n < k || memcmp(s, mark, k) != 0)
		return 0;
	for (; k < n; k++)
		if (s[k] != ' ' && s[k] != '\t')
			return 0;
	return 1;
}

/* The `title` of the top-level mapping of YAML text y[0..n), which
 * starts on line `line0` of the input; a warning when it is not YAML. */
static void
yaml_title(struct reader *r, const char *y, size_t n, unsigned line0)
{
	yaml_parser_t p;
	yaml_event_t ev;
	unsigned depth = 0;
	int top_map = 0, key_next = 1, is_title = 0, done = 0;

	if (!yaml_parser_initialize(&p)) {
		r->status = RAMIFY_ENOMEM;
		return;
	}
	yaml_parser_set_input_string(&p, (const unsigned char *)y, n);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			rm_warning(r->diag, (struct rm_pos){
			    line0 + (unsigned)p.problem_mark.line,
			    (unsigned)p.problem_mark.column + 1 },
			    "front matter is not YAML (%s); ignored",
			    p.problem != NULL ? p.problem : "syntax error");
			r->fm_title = NULL;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
		case YAML_DOCUMENT_END_EVENT:
			done = 1;
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (depth == 0)
				top_map = ev.type == YAML_MAPPING_START_EVENT;
			else if (depth == 1) {
				key_next = !key_next;
				is_title = 0;
			}
			depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			depth--;
			break;
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (depth != 1 || !top_map)
				break;
			if (key_next)
				is_title = ev.type == YAML_SCALAR_EVENT &&
				    strcmp((const char *)ev.data.scalar.value,
				    "title") == 0;
			else if (is_title && ev.type == YAML_SCALAR_EVENT &&
			    ev.data.scalar.length > 0 && r->fm_title == NULL) {
				r->fm_title = rm_strndup(&r->scratch,
				    (const char *)ev.data.scalar.value,
				    ev.data.scalar.length);
				if (r->fm_title == NULL)
					r->status = RAMIFY_ENOMEM;
			}
			key_next = !key_next;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
}

/* Where the Markdown starts: after the front matter, when there is one
 * (a `---` line first, up to a `---` or `...` line). */
static size_t
front_matter(struct reader *r, size_t start)
{
	size_t i, n, next, body;

	n = line_at(r->buf, r->len, start, &next);
	if (!is_fence(r->buf + start, n, "---") || next == start + n)
		return start;
	body = next;
	for (i = next; i < r->len; i = next) {
		n = line_at(r->buf, r->len, i, &next);
		if (is_fence(r->buf + i, n, "---") ||
		    is_fence(r->buf + i, n, "...")) {
			yaml_title(r, r->buf + body, i - body, 2);
			return next;
		}
	}
	return start;	/* never closed: a rule, not front matter */
}

/* ---- Building the model ------------------------------------------------- */

/* Topic text: trimmed of spaces that are not its own. */
static const char *
node_text(struct mnode *n)
{
	if (n->text == NULL)
		return "";
	g_string_truncate(n->text, n->hard);
	return n->text->str;
}

/* Choose the root (see the top of the file); NULL when there is none
 * (told) or out of memory. */
static struct mnode *
choose_root(struct reader *r)
{
	struct mnode *top = &r->top, *c, *nx, *h1 = NULL, *root, *rest, *last;
	size_t nh1 = 0, nkids = 0;
	const char *text;

	for (c = top->first; c != NULL; c = c->next) {
		nkids++;
		if (c->level == 1) {
			nh1++;
			h1 = c;
		}
	}
	if (nkids == 0) {
		rm_error(r->diag, (struct rm_pos){1, 1}, "no headings or list "
		    "items: there is nothing to make a map of");
		r->status = RAMIFY_EINPUT;
		return NULL;
	}
	if (nh1 == 1 || nkids == 1) {
		root = nh1 == 1 ? h1 : top->first;
		/* Whatever came before the H1 goes under it, first. */
		rest = root->first;
		last = root->last;
		root->first = root->last = NULL;
		for (c = top->first; c != NULL; c = nx) {
			nx = c->next;
			if (c == root)
				continue;
			c->parent = root;
			c->next = NULL;
			if (root->last != NULL)
				root->last->next = c;
			else
				root->first = c;
			root->last = c;
		}
		if (rest != NULL) {
			if (root->last != NULL)
				root->last->next = rest;
			else
				root->first = rest;
			root->last = last;
		}
		root->next = root->parent = NULL;
		return root;
	}
	if ((root = rm_alloc(&r->scratch, sizeof *root)) == NULL) {
		r->status = RAMIFY_ENOMEM;
		return NULL;
	}
	text = r->fm_title != NULL ? r->fm_title : r->first_heading != NULL ?
	    node_text(r->first_heading) :
	    rm_file_stem(&r->scratch, r->diag->file);
	if (text == NULL || (root->text = g_string_new(text)) == NULL) {
		r->status = RAMIFY_ENOMEM;
		return NULL;
	}
	root->hard = root->text->len;
	root->pos = r->first_heading != NULL ? r->first_heading->pos :
	    (struct rm_pos){1, 1};
	root->first = top->first;
	root->last = top->last;
	for (c = root->first; c != NULL; c = c->next)
		c->parent = root;
	return root;
}

static int
add_note(struct reader *r, struct ramify_topic *t, struct mnode *n)
{
	size_t idx;

	if (n->note == NULL)
		return RAMIFY_OK;
	idx = rm_note_new(r->doc, NULL, n->note->str, n->note_pos);
	if (idx == (size_t)-1)
		return RAMIFY_ENOMEM;
	return t != NULL ? rm_topic_add_note(r->doc, t, idx) :
	    rm_doc_add_map_note(r->doc, idx);
}

/* Create the topics under `root` in document order, with a loop. */
static int
build(struct reader *r, struct mnode *root)
{
	struct mnode *n = root;
	struct ramify_topic *t;
	const char *text;
	size_t i;
	int rc;

	if (r->fm_title != NULL &&
	    (r->doc->title = rm_strdup(&r->doc->arena, r->fm_title)) == NULL)
		return RAMIFY_ENOMEM;
	if ((rc = add_note(r, NULL, &r->top)) != RAMIFY_OK)
		return rc;
	while (n != NULL) {
		text = node_text(n);
		if (rm_utf8_valid_prefix(text, strlen(text)) != strlen(text)) {
			rm_error(r->diag, n->pos, "topic text is not valid "
			    "UTF-8");
			return RAMIFY_EINPUT;
		}
		t = rm_topic_new(r->doc, n == root ? NULL : n->parent->topic,
		    text, NULL, n->pos);
		if (t == NULL)
			return RAMIFY_ENOMEM;
		n->topic = t;
		t->folded = n->folded;
		if ((rc = add_note(r, t, n)) != RAMIFY_OK)
			return rc;
		for (i = 0; i < n->nlinks; i++)
			if ((rc = rm_topic_add_link(r->doc, t, n->links[i].href,
			    n->links[i].title)) != RAMIFY_OK)
				return rc;
		/* Pre-order successor. */
		if (n->first != NULL) {
			n = n->first;
			continue;
		}
		while (n != root && n->next == NULL)
			n = n->parent;
		n = n != root ? n->next : NULL;
	}
	return RAMIFY_OK;
}

/* Free the strings of every node under r->top and `root`. */
static void
free_nodes(struct reader *r, struct mnode *root)
{
	struct mnode *n = root != NULL ? root : &r->top, *stop = n;

	while (n != NULL) {
		if (n->text != NULL)
			g_string_free(n->text, TRUE);
		if (n->note != NULL)
			g_string_free(n->note, TRUE);
		n->text = n->note = NULL;
		if (n->first != NULL) {
			n = n->first;
			continue;
		}
		while (n != stop && n->next == NULL)
			n = n->parent;
		n = n != stop ? n->next : NULL;
	}
	if (root != NULL && root != &r->top && r->top.note != NULL) {
		g_string_free(r->top.note, TRUE);
		r->top.note = NULL;
	}
}

/* ---- Entry points ------------------------------------------------------- */

int
markdown_read(struct rm_read_ctx *ctx, const char *buf, size_t len,
    struct ramify_doc *doc)
{
	MD_PARSER parser;
	struct reader r;
	struct mnode *root = NULL;
	size_t ok, start = 0;
	int rc;

	memset(&r, 0, sizeof r);
	r.diag = ctx->diag;
	r.doc = doc;
	r.buf = buf;
	r.len = len;
	r.cur = r.last = (struct rm_pos){ 1, 1 };
	/* md4c is encoding-agnostic: the bytes must be UTF-8 first. */
	if ((ok = rm_utf8_valid_prefix(buf, len)) < len) {
		rm_error(ctx->diag, pos_at(&r, ok), buf[ok] == '\0' ?
		    "NUL byte in text" : "invalid UTF-8 (byte 0x%02x)",
		    (unsigned char)buf[ok]);
		return RAMIFY_EINPUT;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		start = 3;
	r.para = g_string_new(NULL);
	start = front_matter(&r, start);
	memset(&parser, 0, sizeof parser);
	parser.flags = MD_DIALECT_COMMONMARK;
	parser.enter_block = enter_block;
	parser.leave_block = leave_block;
	parser.enter_span = enter_span;
	parser.leave_span = leave_span;
	parser.text = on_text;
	if (r.status == RAMIFY_OK) {
		rc = md_parse(buf + start, (MD_SIZE)(len - start), &parser, &r);
		if (rc != 0 && r.status == RAMIFY_OK)
			r.status = RAMIFY_ENOMEM;	/* md4c's own failure */
	}
	if (r.status == RAMIFY_OK && (root = choose_root(&r)) != NULL)
		r.status = build(&r, root);
	free_nodes(&r, root);
	g_string_free(r.para, TRUE);
	rm_arena_free(&r.scratch);
	return r.status;
}

/*
 * A low score: many files are plain text.  Markdown when a line starts
 * with an ATX heading ("# ", up to six) or, weaker, a list marker.
 */
int
markdown_sniff(const char *buf, size_t len)
{
	size_t i = 0, next, n, k;
	int score = 0, lines;

	if (len > 4096)
		len = 4096;
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < len && is_ws((unsigned char)buf[i]))
		i++;
	if (i < len && buf[i] == '<')
		return 0;	/* XML */
	for (lines = 0; i < len && lines < 200; i = next, lines++) {
		const char *s = buf + i;

		n = line_at(buf, len, i, &next);
		if (lines == 0 && is_fence(s, n, "---"))
			score = score > 5 ? score : 5;
		for (k = 0; k < n && k < 6 && s[k] == '#'; k++)
			;
		if (k > 0 && k < n && s[k] == ' ')
			return 20;
		for (k = 0; k < n && s[k] == ' '; k++)
			;
		if (k + 1 < n && strchr("-*+", s[k]) != NULL && s[k + 1] == ' ')
			score = 10;
	}
	return score;
}
