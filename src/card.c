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

/* Append `s` to the string in buf (size cap), cut at a character
 * boundary when it does not fit. */
static void
cat(char *buf, size_t cap, const char *s)
{
	size_t len = strlen(buf), n = strlen(s);

	if (len + n >= cap) {
		n = cap - 1 - len;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(buf + len, s, n);
	buf[len + n] = '\0';
}

/* One more warning on the card's tag. */
static void
warn(struct rm_card_box *b, const char *s)
{
	if (b->warn[0] != '\0')
		cat(b->warn, sizeof b->warn, " \xc2\xb7 ");
	cat(b->warn, sizeof b->warn, s);
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
	char num[48];

	memset(b, 0, sizeof *b);
	b->size = size;
	b->pad = size * 0.6;
	b->chip_d = size * 1.7;
	b->abc = c->abc;

	/* Head: the name, or the value when the topic has the name. */
	cat(b->head, sizeof b->head, named || c->name == NULL ? c->value :
	    c->name);
	if (!named && c->name != NULL) {
		cat(b->body, sizeof b->body, c->value);
		cat(b->body, sizeof b->body, "\n");
	}
	snprintf(num, sizeof num, "#%zu", c->rank);
	cat(b->body, sizeof b->body, num);
	if (c->flags & (RM_CARD_GOLD10 | RM_CARD_GOLD20))
		cat(b->body, sizeof b->body, c->flags & RM_CARD_GOLD10 ?
		    " \xc2\xb7 top 10 %" : " \xc2\xb7 top 20 %");
	if (c->owner != NULL) {
		cat(b->body, sizeof b->body, "\n");
		cat(b->body, sizeof b->body, c->owner);
	}
	cat(b->body, sizeof b->body, "\nLast  ");
	cat(b->body, sizeof b->body, c->last != NULL ? c->last :
	    "\xe2\x80\x94");
	if (c->next != NULL) {
		cat(b->body, sizeof b->body, "\nNext  ");
		cat(b->body, sizeof b->body, c->next);
	}

	if (c->flags & RM_CARD_LOST)
		warn(b, "Lost");
	if (c->flags & RM_CARD_OVERDUE) {
		snprintf(num, sizeof num, "%lld day%s overdue",
		    (long long)c->overdue, c->overdue == 1 ? "" : "s");
		warn(b, num);
	} else if (c->flags & RM_CARD_NEVER)
		warn(b, "never contacted");
	if (c->flags & RM_CARD_LATE)
		warn(b, "next contact late");

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
			*h += RM_CARD_GAP(st);
		*h += b.h;
		if (*w < b.w)
			*w = b.w;
	}
}
