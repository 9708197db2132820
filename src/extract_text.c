/*
 * extract_text.c: plain text to blocks (the line-shape heuristics it uses
 * are in textshape.c).
 *
 * Plain text needs no markup removed, so the prose is the source itself
 * (after a byte order mark) and the offset map is a single span.  The work
 * is finding the structure that plain text only implies: paragraphs split
 * by blank lines, one statement per line (how most policies pasted from web
 * pages look), hard-wrapped paragraphs whose lines must be joined again,
 * bullet lines, and headings.  Headings matter: a heading names a topic
 * without disclosing anything, so the scanner does not count its words as
 * evidence.
 */
#include <stdlib.h>
#include <string.h>

#include "textshape.h"
#include "text.h"

static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || is_lower(c);
}
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* ---- Lines -------------------------------------------------------------- */

typedef struct {
	size_t start, end;  /* trimmed content, in prose offsets */
	size_t bullet;      /* length of a list marker at start, 0 if none */
	int numbered;
	int indented;       /* began with white space */
	int blank;
} line;

static int ends_statement(const char *p, const line *l)
{
	unsigned char c = (unsigned char)p[l->end - 1];
	return strchr(".:;!?", c) != NULL && c != '\0';
}

/* Whether line b reads as the continuation of the sentence on line a, as
 * in hard-wrapped text: a stops mid-sentence and b goes on in lower case. */
static int continues(const char *p, const line *a, const line *b)
{
	return !a->blank && !b->blank && !b->bullet && !ends_statement(p, a) &&
	       is_lower((unsigned char)p[b->start]);
}

static line *split_lines(const char *p, size_t n, size_t *count)
{
	line *lines = NULL;
	size_t nlines = 0, cap = 0;
	size_t i = 0;
	while (i < n) {
		size_t a = i;
		while (i < n && p[i] != '\n' && p[i] != '\r')
			i++;
		size_t e = i;
		/* \n, \r\n and a lone \r all end a line. */
		if (i < n && p[i] == '\r')
			i++;
		if (i < n && p[i] == '\n' && (i == e || p[i - 1] == '\r'))
			i++;
		line l = {a, e, 0, 0, 0, 0};
		size_t w;
		while (l.start < l.end && (w = pl_space_at(p, l.start, l.end)) > 0)
			l.start += w;
		while (l.end > l.start && (w = pl_space_before(p, l.start, l.end)) > 0)
			l.end -= w;
		l.indented = l.start > a;
		/* A line with no letter or digit ("----", "* * *") is a rule
		 * between sections: as good as blank. */
		int content = 0;
		for (size_t k = l.start; k < l.end && !content; k++) {
			unsigned char c = (unsigned char)p[k];
			content = is_alpha(c) || is_digit(c) || c >= 0x80;
		}
		l.blank = !content;
		if (!l.blank)
			l.bullet = pl_bullet_len(p + l.start, l.end - l.start,
						 &l.numbered);
		if (l.bullet >= l.end - l.start)
			l.bullet = 0;   /* "1." alone: a number, not a list */
		PL_PUSH(lines, nlines, cap, l);
	}
	*count = nlines;
	return lines;
}

/* Whether the text is hard-wrapped: a good share of adjacent lines continue
 * a sentence.  Then lines join into paragraphs and only blank lines, bullets
 * and headings divide them; otherwise every line is a statement of its own. */
static int hard_wrapped(const char *p, const line *lines, size_t n)
{
	size_t pairs = 0, cont = 0;
	for (size_t i = 1; i < n; i++) {
		if (lines[i - 1].blank || lines[i].blank || lines[i].bullet)
			continue;
		pairs++;
		cont += continues(p, &lines[i - 1], &lines[i]);
	}
	return pairs >= 3 && cont * 4 >= pairs;
}

/* ---- Headings ----------------------------------------------------------- */

typedef struct {
	const char *p;
	const line *lines;
	size_t n;
	int wrapped;
} doc;

static size_t next_nonblank(const doc *d, size_t i)
{
	for (i++; i < d->n; i++)
		if (!d->lines[i].blank)
			return i;
	return d->n;
}

/* Whether line i is a heading; *level receives its level (upper case 1,
 * other 2).  prev_heading: the line before it was one. */
static int is_heading(const doc *d, size_t i, int prev_heading, int *level)
{
	const line *l = &d->lines[i];
	const char *p = d->p;
	size_t skip = l->numbered ? l->bullet : 0;
	if (l->bullet && !l->numbered)
		return 0;   /* a bullet glyph always makes a list item */
	int shape = pl_heading_like(p + l->start + skip, l->end - l->start - skip);
	if (shape == 0)
		return 0;
	*level = shape;
	const line *prev = i > 0 ? &d->lines[i - 1] : NULL;
	size_t ni = next_nonblank(d, i);
	const line *next = ni < d->n ? &d->lines[ni] : NULL;
	/* It must stand alone: not the tail of a sentence above, nor the start
	 * of one that goes on below. */
	int alone = prev == NULL || prev->blank || prev_heading ||
		    (!d->wrapped && !continues(p, prev, l));
	if (!alone)
		return 0;
	if (next && ni == i + 1 && continues(p, l, next))
		return 0;
	if (shape == 1 && !l->numbered)
		return 1;
	/* A title-like line must introduce something: a menu of short links
	 * is a list of titles introducing nothing. */
	if (next == NULL)
		return 0;
	/* A numbered line over a list is an item of it; a plain one is the
	 * list's title. */
	if (next->bullet)
		return !l->numbered;
	return pl_heading_like(p + next->start, next->end - next->start) != 2;
}

/* ---- Blocks ------------------------------------------------------------- */

void pl_extract_text(pl_text *t, const char *src, size_t len)
{
	size_t bom = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	t->src = src;
	t->src_len = len;
	/* The prose is the source: nothing to remove, and no copy of a
	 * policy of tens of megabytes. */
	t->prose = (char *)src + bom;
	t->prose_len = len - bom;
	t->prose_is_src = 1;
	if (t->prose_len > 0) {
		pl_span s = {0, t->prose_len, bom, t->prose_len};
		PL_PUSH(t->spans, t->nspans, t->spans_cap, s);
	}

	const char *p = t->prose;
	size_t n;
	line *lines = split_lines(p, t->prose_len, &n);
	doc d = {p, lines, n, hard_wrapped(p, lines, n)};

	/* The block being built: [start, end) with its kind; open says
	 * whether there is one. */
	int open = 0, prev_heading = 0;
	size_t start = 0, end = 0;
	pl_block_kind kind = PL_BLOCK_PARAGRAPH;
	for (size_t i = 0; i < n; i++) {
		const line *l = &lines[i];
		int level = 0;
		if (l->blank) {
			if (open)
				pl_text_add_block(t, start, end, kind, 0);
			open = 0;
			continue;
		}
		if (is_heading(&d, i, prev_heading, &level)) {
			if (open)
				pl_text_add_block(t, start, end, kind, 0);
			pl_text_add_block(t, l->start, l->end, PL_BLOCK_HEADING, level);
			open = 0;
			prev_heading = 1;
			continue;
		}
		prev_heading = 0;
		int join = 0;
		if (open && !l->bullet) {
			const line *prev = &lines[i - 1];
			if (kind == PL_BLOCK_LIST_ITEM)
				join = l->indented || continues(p, prev, l);
			else
				join = d.wrapped || continues(p, prev, l);
		}
		if (join) {
			end = l->end;
			continue;
		}
		if (open)
			pl_text_add_block(t, start, end, kind, 0);
		open = 1;
		kind = l->bullet ? PL_BLOCK_LIST_ITEM : PL_BLOCK_PARAGRAPH;
		/* A list item's text starts after its marker. */
		start = l->start + l->bullet;
		end = l->end;
	}
	if (open)
		pl_text_add_block(t, start, end, kind, 0);
	free(lines);
}
