/*
 * card.c: the drawn form of a customer's data card (link.c builds the
 * card).  Which lines a card shows and where they go, measured with
 * rm_text_block(): the measure (text_pango.c, for the layout) and the
 * drawing (render_map.c) both ask this file, so they agree to the point.
 *
 *   (A)  Nordlys Shipping AS          <- bold; the value when the topic
 *        EUR 258,000 a year              already says the name
 *        #1 · top 10 %
 *        Ingrid Berg, success
 *        Last  2026-10-28, visit
 *        Next  2026-12-02, meeting
 *   [ 21 days overdue ]              <- warnings, white on red
 */
#include <stdio.h>
#include <string.h>

#include "internal.h"

/* Append printf-style text to buf (size cap), always terminated;
 * output that does not fit is cut at a character boundary. */
static void
put(char *buf, size_t cap, const char *fmt, const char *a, const char *b)
{
	size_t len = strlen(buf);
	int n;

	if (len + 1 >= cap)
		return;
	n = snprintf(buf + len, cap - len, fmt, a, b != NULL ? b : "");
	if (n >= 0 && (size_t)n >= cap - len) {
		/* Cut: back off any partial UTF-8 sequence. */
		len = cap - 1;
		while (len > 0 && ((unsigned char)buf[len] & 0xc0) == 0x80)
			len--;
		buf[len] = '\0';
	}
}

/* Does the topic's text already say the customer's name? */
static int
says_name(const char *text, const char *name)
{
	return text != NULL && name != NULL && name[0] != '\0' &&
	    strstr(text, name) != NULL;
}

void
rm_card_layout(struct rm_text *tx, const struct rm_style *st,
    const struct rm_card *c, const char *topic_text, struct rm_card_box *b)
{
	double size = st->card_size, w, h, x, y;
	int named = says_name(topic_text, c->name);

	memset(b, 0, sizeof *b);
	b->size = size;
	b->pad = size * 0.6;
	b->chip_d = size * 1.7;
	b->abc = c->abc;

	/* Head: the name, or the value when the topic has the name. */
	put(b->head, sizeof b->head, "%s%s",
	    named || c->name == NULL ? c->value : c->name, NULL);
	if (!named && c->name != NULL)
		put(b->body, sizeof b->body, "%s\n", c->value, NULL);
	{
		char rank[32];

		snprintf(rank, sizeof rank, "#%zu", c->rank);
		put(b->body, sizeof b->body, "%s%s", rank,
		    c->flags & RM_CARD_GOLD10 ? " \xc2\xb7 top 10 %" :
		    c->flags & RM_CARD_GOLD20 ? " \xc2\xb7 top 20 %" : "");
	}
	if (c->owner != NULL)
		put(b->body, sizeof b->body, "\n%s%s", c->owner, NULL);
	put(b->body, sizeof b->body, "\nLast  %s%s",
	    c->last != NULL ? c->last : "\xe2\x80\x94", NULL);
	if (c->next != NULL)
		put(b->body, sizeof b->body, "\nNext  %s%s", c->next, NULL);

	if (c->flags & RM_CARD_LOST)
		put(b->warn, sizeof b->warn, "%s%s", "Lost", NULL);
	if (c->flags & RM_CARD_OVERDUE) {
		char days[48];

		snprintf(days, sizeof days, "%lld day%s overdue",
		    (long long)c->overdue, c->overdue == 1 ? "" : "s");
		put(b->warn, sizeof b->warn, "%s%s",
		    b->warn[0] != '\0' ? " \xc2\xb7 " : "", days);
	} else if (c->flags & RM_CARD_NEVER)
		put(b->warn, sizeof b->warn, "%s%s",
		    b->warn[0] != '\0' ? " \xc2\xb7 " : "", "never contacted");
	if (c->flags & RM_CARD_LATE)
		put(b->warn, sizeof b->warn, "%s%s",
		    b->warn[0] != '\0' ? " \xc2\xb7 " : "", "next contact late");

	/* Chip on the left, text beside it; warnings under both. */
	x = b->pad + b->chip_d + size * 0.6;
	y = b->pad;
	b->chip_x = b->pad;
	b->chip_y = b->pad;
	rm_text_block(tx, NULL, b->head, size * 1.05, 1, st->card_wrap, 0, 0,
	    0, 0, &w, &h);
	b->head_x = x;
	b->head_y = y;
	b->w = x + w;
	y += h;
	rm_text_block(tx, NULL, b->body, size, 0, st->card_wrap, 0, 0, 0, 0,
	    &w, &h);
	b->body_x = x;
	b->body_y = y + size * 0.15;
	if (b->w < x + w)
		b->w = x + w;
	y = b->body_y + h;
	if (y < b->chip_y + b->chip_d)
		y = b->chip_y + b->chip_d;
	if (b->warn[0] != '\0') {
		rm_text_block(tx, NULL, b->warn, size * 0.95, 1,
		    st->card_wrap, 0, 0, 0, 0, &w, &h);
		b->warn_x = b->pad + size * 0.45;
		b->warn_y = y + size * 0.5;
		b->warn_w = w;
		b->warn_h = h;
		if (b->w < b->warn_x + w + size * 0.45)
			b->w = b->warn_x + w + size * 0.45;
		y = b->warn_y + h + size * 0.15;
	}
	b->w += b->pad;
	b->h = y + b->pad;
}

void
rm_cards_size(struct rm_text *tx, const struct rm_style *st,
    const struct ramify_topic *t, double *w, double *h)
{
	struct rm_card_box b;
	size_t i;

	*w = *h = 0;
	if (st->no_cards || t->cards == NULL)
		return;
	for (i = 0; i < t->nrecords; i++) {
		const struct rm_card *c = rm_topic_card(t, i);

		if (c == NULL)
			continue;
		rm_card_layout(tx, st, c, t->text, &b);
		if (*h > 0)
			*h += st->card_size * 0.5;
		*h += b.h;
		if (*w < b.w)
			*w = b.w;
	}
}
