/*
 * segment.c: blocks to sentences.
 *
 * The scanner judges every match in its sentence (negation, hedges, one
 * piece of evidence per sentence), so a sentence cut too short loses the
 * "not" that governs it, and one run on too long lets a topic borrow words
 * from its neighbour.  The splitter therefore errs towards not splitting:
 * a '.', '!' or '?' ends a sentence only when white space and a capital,
 * digit, quote or bullet follow, and never after a known abbreviation, an
 * initial, or inside a number, an address or a URL.  A ';' never ends one.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textshape.h"
#include "text.h"

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_alpha(unsigned char c)
{
	return is_upper(c) || (c >= 'a' && c <= 'z');
}

/* Length of the white space at p[i] (ASCII or a no-break space), 0 if none. */
static size_t space_at(const char *p, size_t i, size_t end)
{
	unsigned char c = (unsigned char)p[i];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	    c == '\v')
		return 1;
	if (c == 0xC2 && i + 1 < end && (unsigned char)p[i + 1] == 0xA0)
		return 2;
	return 0;
}

static int starts_with(const char *p, size_t i, size_t end, const char *s)
{
	size_t n = strlen(s);
	return end - i >= n && memcmp(p + i, s, n) == 0;
}

/* Length of the closing quote or bracket at p[i], 0 if none. */
static size_t closer_at(const char *p, size_t i, size_t end)
{
	if (strchr("\"')]", p[i]) != NULL && p[i] != '\0')
		return 1;
	if (starts_with(p, i, end, "\xE2\x80\x99") ||   /* ’ */
	    starts_with(p, i, end, "\xE2\x80\x9D"))     /* ” */
		return 3;
	if (starts_with(p, i, end, "\xC2\xBB"))         /* » */
		return 2;
	return 0;
}

/* Whether what starts at p[i] can begin a new sentence. */
static int opens_sentence(const char *p, size_t i, size_t end)
{
	unsigned char c = (unsigned char)p[i];
	if (is_upper(c) || is_digit(c) || (strchr("\"'([", c) != NULL && c))
		return 1;
	if (starts_with(p, i, end, "\xE2\x80\x9C") ||   /* “ */
	    starts_with(p, i, end, "\xE2\x80\x98") ||   /* ‘ */
	    starts_with(p, i, end, "\xC2\xAB"))         /* « */
		return 1;
	/* Latin-1 capitals: À to Þ, but not × */
	if (c == 0xC3 && i + 1 < end) {
		unsigned char d = (unsigned char)p[i + 1];
		if (d >= 0x80 && d <= 0x9E && d != 0x97)
			return 1;
	}
	return pl_bullet_len(p + i, end - i, NULL) > 0;
}

/* Abbreviations after which a '.' does not end a sentence.  Those marked
 * with a leading '#' only count before a number ("No. 5", "Jan. 1"), since
 * "no." and "Mar." also end sentences; those marked '~' not before a
 * capital letter, since a list that trails off ends its sentence as often
 * as not ("names, e-mail addresses, etc. All of it stays here"). */
static const char *const abbreviations[] = {
	"e.g", "i.e", "~etc", "inc", "ltd", "co", "corp", "mr", "mrs", "ms",
	"dr", "st", "vs", "approx", "incl", "jr", "sr", "prof", "cf", "al",
	"viz", "dept", "#no", "#nos", "#art", "#sec", "#fig", "#pp", "#vol",
	"#jan", "#feb", "#mar", "#apr", "#jun", "#jul", "#aug", "#sep",
	"#sept", "#oct", "#nov", "#dec",
};

static int known_abbreviation(const char *w, size_t n, int before_digit,
			      int before_capital)
{
	for (size_t k = 0; k < sizeof abbreviations / sizeof *abbreviations; k++) {
		const char *a = abbreviations[k];
		if (*a == '#') {
			if (!before_digit)
				continue;
			a++;
		} else if (*a == '~') {
			if (before_capital)
				continue;
			a++;
		}
		if (strlen(a) != n)
			continue;
		size_t j = 0;
		while (j < n && (char)(w[j] | 0x20) == a[j])
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

/* Whether the '.' at p[dot] belongs to the word before it rather than
 * ending a sentence; next is where the following word starts. */
static int abbreviation_dot(const char *p, size_t start, size_t dot,
			    size_t next)
{
	size_t a = dot;
	/* The word before the dot, back to white space or an opening bracket
	 * or quote; a word of more than 40 bytes is no abbreviation. */
	while (a > start && dot - a < 40 && !space_at(p, a - 1, dot) &&
	       (p[a - 1] == '\0' || strchr("([\"'", p[a - 1]) == NULL))
		a--;
	size_t n = dot - a;
	if (n == 0)
		return 0;
	if (n == 1 && is_alpha((unsigned char)p[a]))
		return 1;               /* an initial: "J. Smith" */
	if (known_abbreviation(p + a, n, is_digit((unsigned char)p[next]),
			       p[next] >= 'A' && p[next] <= 'Z'))
		return 1;
	/* A street's abbreviation before its number: "Ostfeldstr. 49",
	 * "Main St. 5" is above; German addresses end the word in "str". */
	if (n > 3 && is_digit((unsigned char)p[next]) &&
	    (p[dot - 3] | 0x20) == 's' && (p[dot - 2] | 0x20) == 't' &&
	    (p[dot - 1] | 0x20) == 'r')
		return 1;
	/* Dotted letters ("U.S", "U.K", "Ph.D"): every piece at most two
	 * letters.  "www.example.com" has longer pieces and ends sentences. */
	size_t piece = 0;
	int dots = 0;
	for (size_t i = a; i < dot; i++) {
		if (p[i] == '.') {
			if (piece == 0)
				return 0;
			dots++;
			piece = 0;
		} else if (is_alpha((unsigned char)p[i]) && piece < 2) {
			piece++;
		} else {
			return 0;
		}
	}
	return dots > 0;
}

static void add_sentence(pl_text *t, size_t start, size_t end, size_t block,
			 long heading, long lead_in)
{
	const unsigned char *p = (const unsigned char *)t->prose;
	for (;;) {
		if (end > start && space_at(t->prose, end - 1, end) == 1)
			end--;
		else if (end >= start + 2 && p[end - 2] == 0xC2 && p[end - 1] == 0xA0)
			end -= 2;
		else
			break;
	}
	if (end <= start)
		return;
	pl_sentence s = {start, end, block, heading, lead_in, 0};
	PL_PUSH(t->sentences, t->nsentences, t->sentences_cap, s);
}

static size_t skip_space(const char *p, size_t i, size_t end)
{
	size_t w;
	while (i < end && (w = space_at(p, i, end)) > 0)
		i += w;
	return i;
}

/* The last byte before i that is not white space, or 0. */
static char last_visible(const char *p, size_t s, size_t i)
{
	while (i > s && space_at(p, i - 1, i))
		i--;
	return i > s ? p[i - 1] : '\0';
}

/* Whether a line that starts at p[j] can be an item of a list run: a
 * capital, a digit, a quote or a bullet opens one. */
static int opens_item(const char *p, size_t j, size_t end)
{
	unsigned char c = (unsigned char)p[j];
	return is_upper(c) || is_digit(c) || c == '"' || c >= 0xC0 ||
	       pl_bullet_len(p + j, end - j, NULL) > 0;
}

static void split_block(pl_text *t, size_t b, long heading)
{
	const char *p = t->prose;
	size_t end = t->blocks[b].end;
	size_t s = skip_space(p, t->blocks[b].start, end);
	size_t i = s;
	/* A list run into the block: its lead-in ("We collect:") and whether
	 * the lines since are its items, each a sentence of its own. */
	long lead = -1;
	while (i < end) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\n' || c == '\r') {
			/* A line break ends a sentence when the next line is a
			 * list item: after a bullet, after a line that ends
			 * with ':' (the list's lead-in), or after an item of
			 * the same run ("Your name\nYour e-mail address"). */
			size_t j = skip_space(p, i, end);
			int bullet = j < end && pl_bullet_len(p + j, end - j, NULL) > 0;
			int colon = last_visible(p, s, i) == ':';
			if (j < end && j > s &&
			    (bullet || ((colon || lead >= 0) && opens_item(p, j, end)))) {
				add_sentence(t, s, i, b, heading, lead);
				if (colon && lead < 0)
					lead = (long)t->nsentences - 1;
				s = j;
			} else if (!colon) {
				lead = -1;      /* a hard-wrapped line: no list */
			}
			i = j > i ? j : i + 1;
			continue;
		}
		if (c != '.' && c != '!' && c != '?') {
			i++;
			continue;
		}
		size_t k = i + 1, w;
		while (k < end && strchr(".!?", p[k]) != NULL && p[k] != '\0')
			k++;
		size_t run = k - i;     /* "..." and "?!" end like one mark */
		while (k < end && (w = closer_at(p, k, end)) > 0)
			k += w;
		if (k >= end)
			break;
		if (!space_at(p, k, end)) {
			i = k;  /* "3.5", "example.com", "?)x" */
			continue;
		}
		size_t next = skip_space(p, k, end);
		if (next >= end)
			break;
		if (!opens_sentence(p, next, end) ||
		    (c == '.' && run == 1 && abbreviation_dot(p, s, i, next))) {
			i = next;
			continue;
		}
		add_sentence(t, s, k, b, heading, lead);
		lead = -1;      /* a full stop ends a list run */
		s = i = next;
	}
	add_sentence(t, s, end, b, heading, lead);
}

/* Whether a sentence ending at p[end-1] introduces a list: "We collect
 * the following:", "... such as", "... including". */
static int leads_in(const char *p, size_t start, size_t end)
{
	char last = last_visible(p, start, end);
	if (last == ':')
		return 1;
	static const char *const tails[] = {"following", "include",
					    "includes", "including",
					    "such as", "as follows"};
	size_t e = end;
	while (e > start && !is_alpha((unsigned char)p[e - 1]))
		e--;
	for (size_t k = 0; k < sizeof tails / sizeof *tails; k++) {
		size_t n = strlen(tails[k]);
		if (e - start >= n && strncasecmp(p + e - n, tails[k], n) == 0 &&
		    (e - start == n || !is_alpha((unsigned char)p[e - n - 1])))
			return 1;
	}
	return 0;
}

/* The list items of a block-structured list (<li>, "- "): their lead-in is
 * the last sentence before the list when it introduces it. */
static void link_list_items(pl_text *t)
{
	long lead = -1;
	for (size_t i = 0; i < t->nsentences; i++) {
		pl_sentence *s = &t->sentences[i];
		pl_block_kind kind = t->blocks[s->block].kind;
		if (kind == PL_BLOCK_LIST_ITEM) {
			if (s->lead_in < 0)
				s->lead_in = lead;
			continue;
		}
		lead = -1;
		if (kind == PL_BLOCK_PARAGRAPH &&
		    (i + 1 == t->nsentences || t->sentences[i + 1].block != s->block) &&
		    leads_in(t->prose, s->start, s->end))
			lead = (long)i;
	}
}

/* Words of s[0..n), lower case, one space apart, into buf. */
static size_t normalise(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	int space = 0;
	for (size_t i = 0; i < n && k + 2 < cap; i++) {
		unsigned char c = (unsigned char)s[i];
		if (is_alpha(c) || is_digit(c) || c >= 0x80) {
			if (space && k)
				buf[k++] = ' ';
			space = 0;
			buf[k++] = (char)(is_upper(c) ? c + 32 : c);
		} else {
			space = 1;
		}
	}
	buf[k] = '\0';
	return k;
}

typedef struct {
	unsigned long long hash;        /* of the heading's words */
	size_t block;
} heading_key;

static unsigned long long hash_words(const char *s)
{
	unsigned long long h = 14695981039346656037ULL;
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

static int compare_keys(const void *a, const void *b)
{
	const heading_key *x = a, *y = b;
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	return x->block < y->block ? 1 : x->block > y->block ? -1 : 0;
}

/* A table of contents: list items and short lines whose words are those
 * of a heading further down name that section and disclose nothing.  The
 * headings' words are hashed and sorted once, latest first within a hash,
 * so each candidate costs one binary search. */
static void mark_toc(pl_text *t)
{
	char a[256];
	heading_key *keys = NULL;
	size_t nkeys = 0, cap = 0;
	for (size_t b = 0; b < t->nblocks; b++) {
		const pl_block *hb = &t->blocks[b];
		if (hb->kind != PL_BLOCK_HEADING)
			continue;
		normalise(t->prose + hb->start, hb->end - hb->start, a, sizeof a);
		heading_key k = {hash_words(a), b};
		PL_PUSH(keys, nkeys, cap, k);
	}
	if (nkeys > 1)
		qsort(keys, nkeys, sizeof(*keys), compare_keys);
	for (size_t i = 0; i < t->nsentences && nkeys; i++) {
		pl_sentence *s = &t->sentences[i];
		if (t->blocks[s->block].kind == PL_BLOCK_HEADING ||
		    s->end - s->start > 200)
			continue;
		if (normalise(t->prose + s->start, s->end - s->start, a,
			      sizeof a) < 4)
			continue;
		unsigned long long h = hash_words(a);
		size_t lo = 0, hi = nkeys;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (keys[mid].hash < h)
				lo = mid + 1;
			else
				hi = mid;
		}
		/* The latest heading with these words comes first. */
		if (lo < nkeys && keys[lo].hash == h && keys[lo].block > s->block)
			s->flags |= PL_SENT_TOC;
	}
	free(keys);
}

void pl_text_segment(pl_text *t)
{
	t->nsentences = 0;
	long heading = -1;
	for (size_t b = 0; b < t->nblocks; b++) {
		pl_block *blk = &t->blocks[b];
		if (blk->kind == PL_BLOCK_HEADING) {
			/* A heading is one sentence, under the heading before
			 * it; what follows stands under it.  It stands in the
			 * section of the nearest heading of a higher level. */
			add_sentence(t, blk->start, blk->end, b, heading, -1);
			long up = heading;
			while (up >= 0 && t->blocks[up].level >= blk->level)
				up = t->blocks[up].header;
			blk->header = up;
			heading = (long)b;
			continue;
		}
		split_block(t, b, heading);
	}
	link_list_items(t);
	mark_toc(t);
}
