/*
 * report_quote.c: the quoted source line of the text report, with carets
 * under the places it is about, the way compilers show them.
 *
 *     37 | ...ner countries. We will not sell, rent, or lease your data...
 *        |                   ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
 *
 * Real Markdown policies keep a whole paragraph on one line of several
 * hundred (once 20 million) bytes: a line wider than the terminal is shown
 * as a window around the places, "..." on each side where it is cut.
 * Widths are display columns, not bytes: a multi-byte character is one
 * column, an East Asian wide one two, a combining mark none, and a tab
 * reaches the next multiple of 8, so that the caret stays under its words.
 * Every walk over the line is bounded by the window, never by the line.
 */
#include <string.h>

#include "report.h"

#define ELLIPSIS "..."
#define ELLIPSIS_COLS 3
#define TAB_STOP 8
#define MIN_TEXT_COLS 20
/* Bytes a walk may look at per column it fills: a run of zero-width
 * marks costs no column but must not make a walk unbounded. */
#define BYTES_PER_COL 16

/* How one character is shown. */
typedef enum { SHOW_BYTES, SHOW_SPACES, SHOW_NOTHING, SHOW_QMARK } show_kind;

typedef struct {
	size_t bytes;           /* of the input it takes */
	size_t cols;            /* columns it fills */
	show_kind show;
} glyph;


static int in(unsigned cp, unsigned lo, unsigned hi)
{
	return cp >= lo && cp <= hi;
}

/* Characters a terminal draws as nothing, or that would reorder or hide
 * the text around them (bidirectional controls): never written. */
static int invisible(unsigned cp)
{
	return in(cp, 0x200B, 0x200F) || in(cp, 0x202A, 0x202E) ||
	       in(cp, 0x2060, 0x2069) || cp == 0xFEFF || cp == 0xAD;
}

/* Combining marks: written, drawn on the character before them. */
static int combining(unsigned cp)
{
	return in(cp, 0x0300, 0x036F) || in(cp, 0x0483, 0x0489) ||
	       in(cp, 0x0591, 0x05BD) || in(cp, 0x0610, 0x061A) ||
	       in(cp, 0x064B, 0x065F) || in(cp, 0x1AB0, 0x1AFF) ||
	       in(cp, 0x1DC0, 0x1DFF) || in(cp, 0x20D0, 0x20FF) ||
	       in(cp, 0xFE00, 0xFE0F) || in(cp, 0xFE20, 0xFE2F);
}

/* East Asian wide and fullwidth characters, and emoji: two columns. */
static int wide(unsigned cp)
{
	return in(cp, 0x1100, 0x115F) || in(cp, 0x2E80, 0x303E) ||
	       in(cp, 0x3041, 0x33FF) || in(cp, 0x3400, 0x4DBF) ||
	       in(cp, 0x4E00, 0x9FFF) || in(cp, 0xA000, 0xA4CF) ||
	       in(cp, 0xAC00, 0xD7A3) || in(cp, 0xF900, 0xFAFF) ||
	       in(cp, 0xFE30, 0xFE4F) || in(cp, 0xFF00, 0xFF60) ||
	       in(cp, 0xFFE0, 0xFFE6) || in(cp, 0x1F300, 0x1F64F) ||
	       in(cp, 0x1F900, 0x1F9FF) || in(cp, 0x20000, 0x3FFFD);
}

/* The character at s[i] (before end), shown from column col. */
static glyph glyph_at(const char *s, size_t i, size_t end, size_t col)
{
	const unsigned char *p = (const unsigned char *)s + i;
	glyph g = {1, 1, SHOW_BYTES};
	if (*p == '\t') {
		g.cols = TAB_STOP - col % TAB_STOP;
		g.show = SHOW_SPACES;
		return g;
	}
	unsigned cp = 0;
	size_t len = pl_utf8_decode(p, end - i, &cp);
	g.bytes = len ? len : 1;        /* an invalid byte: one of its own */
	if (len == 0)
		g.show = SHOW_QMARK;
	else if (cp < 0x20 || in(cp, 0x7F, 0x9F))
		g.show = SHOW_SPACES;   /* control characters */
	else if (invisible(cp))
		g.cols = 0, g.show = SHOW_NOTHING;
	else if (combining(cp))
		g.cols = 0;
	else if (wide(cp))
		g.cols = 2;
	return g;
}

/* The columns s[a..b) fills from column col, or cap + 1 as soon as it
 * would fill more than cap. */
static size_t span_cols(const char *s, size_t a, size_t b, size_t col,
			size_t cap)
{
	size_t used = 0, budget = (cap + 1) * BYTES_PER_COL;
	for (size_t i = a; i < b;) {
		glyph g = glyph_at(s, i, b, col + used);
		used += g.cols;
		i += g.bytes;
		if (used > cap || i - a > budget)
			return cap + 1;
	}
	return used;
}

/* How far back from `from` (not before lo) cols columns reach.  A tab
 * counts as a full stop: its true width depends on where the window
 * starts, and it is never wider. */
static size_t back_cols(const char *s, size_t from, size_t lo, size_t cols)
{
	size_t used = 0, at = from;
	while (at > lo && from - at < cols * BYTES_PER_COL) {
		size_t prev = at - 1;
		while (prev > lo && at - prev < 4 &&
		       ((unsigned char)s[prev] & 0xC0) == 0x80)
			prev--;
		glyph g = glyph_at(s, prev, at, 0);
		if (g.bytes != at - prev) {     /* not one character: a byte */
			prev = at - 1;
			g.cols = 1;
		}
		if (s[prev] == '\t')
			g.cols = TAB_STOP;
		if (used + g.cols > cols)
			break;
		used += g.cols;
		at = prev;
	}
	return at;
}

/* How far from `from` (not past hi) cols columns reach, from column col. */
static size_t fill_cols(const char *s, size_t from, size_t hi, size_t col,
			size_t cols)
{
	size_t used = 0, at = from;
	while (at < hi && at - from < cols * BYTES_PER_COL) {
		glyph g = glyph_at(s, at, hi, col + used);
		if (used + g.cols > cols)
			break;
		used += g.cols;
		at += g.bytes;
	}
	return at;
}

typedef struct {
	size_t ls, le;          /* the line, without its end */
	size_t ws, we;          /* the part shown */
	int left, right;        /* cut on that side */
	size_t text_cols;       /* room for the line's text */
} window;

static size_t gutter_digits(unsigned long line)
{
	char num[32];
	size_t n = (size_t)snprintf(num, sizeof num, "%lu", line);
	return n < 4 ? 4 : n;
}

static window line_window(const pl_result *r, unsigned long line, int width)
{
	window w = {0};
	size_t len;
	const char *text = pl_report_line(r, line, &len);
	w.ls = (size_t)(text - r->src);
	w.le = w.ls + len;
	/* " 1234 | " before the text */
	size_t gutter = gutter_digits(line) + 4;
	size_t cols = width > 0 ? (size_t)width : 100;
	w.text_cols = cols > gutter + MIN_TEXT_COLS ? cols - gutter : MIN_TEXT_COLS;
	return w;
}

static size_t clamp(size_t x, size_t lo, size_t hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* Fills the window from w->ws to the right: to the end of the line if it
 * fits (no ellipsis), else as far as the room after an ellipsis. */
static void fit_right(const char *s, window *w)
{
	size_t col0 = w->left ? ELLIPSIS_COLS : 0;
	w->we = fill_cols(s, w->ws, w->le, col0, w->text_cols - col0);
	w->right = w->we < w->le;
	if (w->right)
		w->we = fill_cols(s, w->ws, w->le, col0,
				  w->text_cols - col0 - ELLIPSIS_COLS);
}

/* Chooses the part of the line shown for the places [a, b): all of it
 * when it fits, else a window with a third of the spare room before the
 * places, the rest after them.  Near either end of the line the window
 * reaches it (an ellipsis would take the room the rest of the line
 * needs), and the room the missing ellipsis leaves goes to the other
 * side. */
static void choose(const pl_result *r, window *w, size_t a, size_t b)
{
	const char *s = r->src;
	size_t room = w->text_cols;
	w->ws = w->ls;
	w->we = w->le;
	if (span_cols(s, w->ls, w->le, 0, room) <= room)
		return;
	size_t budget = room - 2 * ELLIPSIS_COLS;
	size_t focus = span_cols(s, a, b, ELLIPSIS_COLS, budget);
	size_t before = focus >= budget ? budget / 8 : (budget - focus) / 3;
	w->ws = back_cols(s, a, w->ls, before + ELLIPSIS_COLS);
	if (w->ws > w->ls)
		w->ws = back_cols(s, a, w->ls, before);
	w->left = w->ws > w->ls;
	fit_right(s, w);
	if (w->right || !w->left)
		return;
	/* The end of the line is in view: what is left goes before. */
	size_t used = span_cols(s, w->ws, w->le, ELLIPSIS_COLS, room);
	if (used < room - ELLIPSIS_COLS)
		w->ws = back_cols(s, w->ws, w->ls, room - ELLIPSIS_COLS - used);
	w->left = w->ws > w->ls;
	fit_right(s, w);        /* tabs after the new start may have grown */
}

int pl_report_quote_fits(const pl_result *r, unsigned long line, size_t a,
			 size_t b, int width)
{
	window w = line_window(r, line, width);
	a = clamp(a, w.ls, w.le);
	b = clamp(b, a, w.le);
	size_t budget = w.text_cols - 2 * ELLIPSIS_COLS;
	return span_cols(r->src, w.ls, w.le, 0, w.text_cols) <= w.text_cols ||
	       span_cols(r->src, a, b, ELLIPSIS_COLS, budget) < budget;
}

static void write_text(FILE *out, const char *s, size_t a, size_t b,
		       size_t col)
{
	for (size_t i = a; i < b;) {
		glyph g = glyph_at(s, i, b, col);
		if (g.show == SHOW_BYTES)
			fwrite(s + i, 1, g.bytes, out);
		else if (g.show == SHOW_QMARK)
			fputc('?', out);
		else if (g.show == SHOW_SPACES)
			for (size_t k = 0; k < g.cols; k++)
				fputc(' ', out);
		col += g.cols;
		i += g.bytes;
	}
}

/* The column at which offset at is shown. */
static size_t column_of(const pl_result *r, const window *w, size_t at)
{
	size_t col0 = w->left ? ELLIPSIS_COLS : 0;
	return col0 + span_cols(r->src, w->ws, clamp(at, w->ws, w->we), col0,
				(size_t)-2);
}

static void caret_line(FILE *out, const pl_result *r, const window *w,
		       size_t digits, const pl_quote_mark *m, int color)
{
	size_t a = clamp(m->offset, w->ws, w->we);
	size_t b = clamp(m->offset + m->length, a, w->we);
	size_t from = column_of(r, w, a), to = column_of(r, w, b);
	if (m->offset + m->length > w->we && w->right)
		to += ELLIPSIS_COLS;    /* it goes on past the cut */
	if (to <= from)
		to = from + 1;
	/* A label that would run past the window goes before the caret
	 * when there is room there, else on a line of its own under it. */
	size_t label = m->label ? strlen(m->label) + 1 : 0;
	int before = label && to + label > w->text_cols && from >= label;
	int below = label && !before && to + label > w->text_cols;
	fprintf(out, " %*s | %*s", (int)digits, "",
		(int)(before ? from - label : from), "");
	if (before)
		fprintf(out, "%s ", m->label);
	if (color)
		fputs("\033[32m", out);
	fputc('^', out);
	for (size_t c = from + 1; c < to; c++)
		fputc('~', out);
	if (color)
		fputs("\033[0m", out);
	if (label && !before && !below)
		fprintf(out, " %s", m->label);
	fputc('\n', out);
	if (below)
		fprintf(out, " %*s | %*s%s\n", (int)digits, "", (int)from, "",
			m->label);
}

void pl_report_quote(FILE *out, const pl_result *r, unsigned long line,
		     const pl_quote_mark *marks, size_t n, int width, int color)
{
	window w = line_window(r, line, width);
	size_t a = w.le, b = w.ls;
	for (size_t i = 0; i < n; i++) {
		size_t s = clamp(marks[i].offset, w.ls, w.le);
		size_t e = clamp(marks[i].offset + marks[i].length, s, w.le);
		a = s < a ? s : a;
		b = e > b ? e : b;
	}
	if (b < a)
		b = a;
	choose(r, &w, a, b);
	size_t digits = gutter_digits(line);
	fprintf(out, " %*lu | %s", (int)digits, line, w.left ? ELLIPSIS : "");
	write_text(out, r->src, w.ws, w.we, w.left ? ELLIPSIS_COLS : 0);
	fputs(w.right ? ELLIPSIS "\n" : "\n", out);
	for (size_t i = 0; i < n; i++)
		caret_line(out, r, &w, digits, &marks[i], color);
}
