/*
 * extract_text.c: plain text to blocks, plus the line-shape heuristics the
 * other extractors share (entities.h).
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

#include "entities.h"
#include "text.h"

/* ---- Character classes -------------------------------------------------- */

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_alpha(unsigned char c) { return is_upper(c) || is_lower(c); }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* Length of the white-space character at s[i], 0 when there is none.  Besides
 * ASCII white space this counts the no-break space, the zero-width space and
 * a stray byte order mark: pasted policies are full of them, and a line made
 * of nothing else is blank to a reader. */
static size_t space_at(const char *s, size_t i, size_t n)
{
	unsigned char c = (unsigned char)s[i];
	if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	if (i + 2 < n && ((c == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
			   (unsigned char)s[i + 2] == 0x8B) ||
			  (c == 0xEF && (unsigned char)s[i + 1] == 0xBB &&
			   (unsigned char)s[i + 2] == 0xBF)))
		return 3;
	return 0;
}

/* Length of the white-space character that ends at s[end-1], 0 if none. */
static size_t space_before(const char *s, size_t start, size_t end)
{
	if (end > start && space_at(s, end - 1, end) == 1)
		return 1;
	if (end >= start + 2 && space_at(s, end - 2, end) == 2)
		return 2;
	if (end >= start + 3 && space_at(s, end - 3, end) == 3)
		return 3;
	return 0;
}

/* ---- Bullets ------------------------------------------------------------ */

/* Bullet glyphs that mark a list item even without a space after them. */
static const char *const bullet_glyphs[] = {
	"\xE2\x80\xA2", /* • */  "\xC2\xB7", /* · */  "\xE2\x96\xAA", /* ▪ */
	"\xE2\x97\xA6", /* ◦ */  "\xE2\x80\xA3", /* ‣ */
	"\xE2\x97\x8F", /* ● */  "\xE2\x97\x8B", /* ○ */
	"\xE2\x96\xA0", /* ■ */  "\xE2\x96\xA1", /* □ */
	"\xE2\x9E\xA2", /* ➢ */  "\xE2\x96\xBA", /* ► */
	"\xE2\x9C\x93", /* ✓ */  "\xE2\x81\x83", /* ⁃ */
	/* Word's Symbol-font bullets, as they survive a copy and paste. */
	"\xEF\x82\xB7", "\xEF\x82\xA7",
};

static int is_roman(unsigned char c)
{
	return strchr("ivxlcIVXLC", c) != NULL && c != '\0';
}

/* Length of a number or letter marker ("12.", "3)", "(a)", "iv.", "1.2")
 * at s[0..n), 0 if none.  The caller checks what follows. */
static size_t number_marker(const char *s, size_t n)
{
	size_t i = 0;
	unsigned char c = (unsigned char)s[0];
	if (c == '(') {
		i = 1;
		size_t j = i;
		while (j < n && j - i < 3 && is_digit((unsigned char)s[j]))
			j++;
		if (j == i)
			while (j < n && j - i < 5 && is_roman((unsigned char)s[j]))
				j++;
		if (j == i && j < n && is_alpha((unsigned char)s[j]))
			j++;
		if (j == i || j >= n || s[j] != ')')
			return 0;
		return j + 1;
	}
	if (is_digit(c)) {
		while (i < n && i < 3 && is_digit((unsigned char)s[i]))
			i++;
		if (i < n && is_digit((unsigned char)s[i]))
			return 0;           /* a year or an amount, not a number */
		int groups = 0;         /* "1.2.3": a section number */
		while (i + 1 < n && s[i] == '.' && is_digit((unsigned char)s[i + 1])) {
			i++;
			while (i < n && is_digit((unsigned char)s[i]))
				i++;
			groups++;
		}
		if (i < n && (s[i] == '.' || s[i] == ')'))
			return i + 1;
		return groups ? i : 0;
	}
	if (is_alpha(c)) {
		/* One letter ("a.", "B)") or a short roman numeral ("iv."). */
		while (i < n && i < 5 && is_roman((unsigned char)s[i]))
			i++;
		if (i == 0 || (i < n && is_alpha((unsigned char)s[i])))
			i = 1;
		if (i < n && (s[i] == '.' || s[i] == ')') &&
		    (i == 1 || is_roman(c)))
			return i + 1;
	}
	return 0;
}

size_t pl_bullet_len(const char *s, size_t n, int *numbered)
{
	size_t i = 0;
	int num = 0;
	if (numbered)
		*numbered = 0;
	if (n == 0)
		return 0;
	for (size_t g = 0; g < sizeof bullet_glyphs / sizeof *bullet_glyphs; g++) {
		size_t gl = strlen(bullet_glyphs[g]);
		if (n >= gl && memcmp(s, bullet_glyphs[g], gl) == 0) {
			i = gl;
			break;
		}
	}
	if (i == 0) {
		unsigned char c = (unsigned char)s[0];
		int dash = n >= 3 && memcmp(s, "\xE2\x80\x93", 3) == 0; /* – */
		if (c == '-' || c == '*' || c == '+' || dash) {
			i = dash ? 3 : 1;
			/* "-5%" or "*Note": the sign must stand apart. */
			if (i >= n || (s[i] != ' ' && s[i] != '\t'))
				return 0;
		} else {
			i = number_marker(s, n);
			if (i == 0 || i >= n || (s[i] != ' ' && s[i] != '\t'))
				return 0;
			num = 1;
		}
	}
	size_t marker = i;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	/* "3.5 million": a bare section number must be followed by a title. */
	if (num && s[marker - 1] != '.' && s[marker - 1] != ')' &&
	    (i >= n || !is_upper((unsigned char)s[i])))
		return 0;
	if (numbered)
		*numbered = num;
	return i;
}

/* ---- Heading shape ------------------------------------------------------ */

/* Words that open a sentence far more often than a heading. */
static int starts_sentence(const char *w, size_t n)
{
	static const char *const starters[] = {
		"we", "you", "this", "these", "it", "they", "i", "if", "when",
		"please", "there",
	};
	for (size_t k = 0; k < sizeof starters / sizeof *starters; k++) {
		size_t sl = strlen(starters[k]);
		if (sl != n)
			continue;
		size_t j = 0;
		while (j < n && (w[j] | 0x20) == starters[k][j])
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Whether a '.', '!' or '?' at s[i] ends a sentence inside the line:
 * followed by a space and a capital, after a real word (not "U.S" or
 * "Inc"). */
static int sentence_break(const char *s, size_t n, size_t i)
{
	if (i + 2 >= n || s[i + 1] != ' ' || !is_upper((unsigned char)s[i + 2]))
		return 0;
	size_t a = i;
	while (a > 0 && s[a - 1] != ' ')
		a--;
	size_t len = i - a;
	if (len < 3 || memchr(s + a, '.', len) != NULL)
		return 0;
	static const char *const abbrev[] = {"Inc", "Ltd", "Corp", "Co", "LLC",
					     "Bros", "Jr", "Sr", "etc", "St"};
	for (size_t k = 0; k < sizeof abbrev / sizeof *abbrev; k++)
		if (strlen(abbrev[k]) == len && memcmp(abbrev[k], s + a, len) == 0)
			return 0;
	return 1;
}

static int find(const char *s, size_t n, const char *needle)
{
	size_t k = strlen(needle);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

int pl_heading_like(const char *s, size_t n)
{
	if (n == 0 || n > 100)
		return 0;
	size_t words = 0, sig = 0, sigcap = 0, letters = 0, lower = 0;
	size_t commas = 0, first_len = 0;
	const char *first = NULL;
	int first_letter_lower = -1;
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t a = i, wl = 0;   /* wl: letters in the word */
		while (i < n && s[i] != ' ') {
			unsigned char c = (unsigned char)s[i];
			if (is_alpha(c)) {
				wl++;
				letters++;
				lower += is_lower(c);
				if (first_letter_lower < 0)
					first_letter_lower = is_lower(c);
			}
			commas += c == ',';
			if ((c == '.' || c == '!' || c == '?') &&
			    sentence_break(s, n, i))
				return 0;
			i++;
		}
		words++;
		if (wl > 0 && first == NULL) {
			first = s + a;
			first_len = 0;
			while (a + first_len < i && is_alpha((unsigned char)s[a + first_len]))
				first_len++;
		}
		/* Significant words (4+ letters) decide Title Case, so that
		 * "of", "and", "the" do not count against it. */
		if (wl >= 4 && is_alpha((unsigned char)s[a])) {
			sig++;
			sigcap += is_upper((unsigned char)s[a]);
		}
	}
	unsigned char last = (unsigned char)s[n - 1];
	if (words > 14 || letters < 2 || first_letter_lower == 1)
		return 0;
	/* Addresses, dates and contact lines are information, not titles:
	 * "Support@example.com", "Springfield, IL 62701", "May 1, 2024". */
	if (memchr(s, '@', n) != NULL || is_digit(last) || find(s, n, "://") ||
	    find(s, n, "www."))
		return 0;
	if (lower == 0 && letters >= 3 && (last != '.' || words <= 6))
		return 1;
	if (last == '.' || last == ',' || last == ';' || last == '!')
		return 0;
	int starter = first != NULL && starts_sentence(first, first_len);
	int titled = sig > 0 && sigcap * 2 >= sig;
	if (last == '?')
		return 2;
	if (last == ':')        /* "Cookies:", "Your payment details:" */
		return (titled || words <= 4) && !starter ? 2 : 0;
	if (titled)
		return 2;
	return words <= 8 && commas == 0 && !starter ? 2 : 0;
}

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
		while (l.start < l.end && (w = space_at(p, l.start, l.end)) > 0)
			l.start += w;
		while (l.end > l.start && (w = space_before(p, l.start, l.end)) > 0)
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

static void add_block(pl_text *t, size_t start, size_t end, pl_block_kind kind,
		      int level)
{
	if (end <= start)
		return;
	pl_block b = {start, end, kind, level};
	PL_PUSH(t->blocks, t->nblocks, t->blocks_cap, b);
}

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
				add_block(t, start, end, kind, 0);
			open = 0;
			continue;
		}
		if (is_heading(&d, i, prev_heading, &level)) {
			if (open)
				add_block(t, start, end, kind, 0);
			add_block(t, l->start, l->end, PL_BLOCK_HEADING, level);
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
			add_block(t, start, end, kind, 0);
		open = 1;
		kind = l->bullet ? PL_BLOCK_LIST_ITEM : PL_BLOCK_PARAGRAPH;
		/* A list item's text starts after its marker. */
		start = l->start + l->bullet;
		end = l->end;
	}
	if (open)
		add_block(t, start, end, kind, 0);
	free(lines);
}

size_t pl_invisible_len(const char *s, size_t i, size_t n)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] == 0xC2 && i + 1 < n && u[1] == 0xAD)
		return 2;
	if (i + 2 < n && u[0] == 0xE2 && u[1] == 0x80 && u[2] >= 0x8B &&
	    u[2] <= 0x8F)
		return 3;
	if (i + 2 < n && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF)
		return 3;
	return 0;
}
