/*
 * literals.c: the literals a regular expression's every match contains,
 * and how far from the match's start each can lie.
 *
 * For the prefilter (prefilter.c): if every match of a pattern contains
 * one of a few strings, and that string ends at most so many bytes after
 * the match's start, PCRE2 need only try the start positions just before
 * where one of them occurs.  The pattern is parsed (the PCRE2 syntax the
 * rule files use) into, for each piece:
 *   - the finite set of strings it matches exactly, when it is small;
 *   - the longest text it can match, as a bound in bytes (pl_reach);
 *   - up to PL_LITERAL_SETS sets of strings it requires at once, each
 *     with the bound on how far its string can end from the piece's start.
 * Concatenation multiplies exact sets and gathers the parts' requirements,
 * shifted by what comes before them; alternation unites them; a piece that
 * may be absent requires nothing.  Whatever is not understood (back
 * references, verbs, extended mode) fails the whole pattern, which is then
 * searched everywhere: the analysis may lose precision, never a match.
 *
 * Literals are compared caselessly: they are kept in ASCII lower case, and
 * a non-ASCII character is used only when it has no case (punctuation and
 * symbols such as the typographic apostrophe), since PCRE2 folds cased
 * letters of every script.  Lengths count the bytes a caseless match can
 * take: 'k' may be the three-byte Kelvin sign, 's' the two-byte long s, a
 * class or an escape any character of up to four bytes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "literals.h"
#include "util.h"

#define MAX_STRINGS 64          /* an exact set larger than this is dropped */
#define MAX_REQUIRED 256        /* so is a required set */
#define MAX_LEN 48              /* a longer exact string ends its product */
#define MIN_LEN 2               /* a required literal shorter is useless */
#define MAX_BYTES ((size_t)1 << 30)     /* a longer bound counts as none */

enum { RUN_NONE, RUN_SPACE, RUN_WORD, RUN_TOKEN };

/* A set of distinct strings, in the order they were added: the order is
 * the caller's (it becomes the order of a slot's literals).  The strings
 * lie back to back in one buffer, each NUL-terminated (string i + 1 starts
 * just past string i's NUL), with their offsets and lengths beside them,
 * so that no length is counted twice.  Most sets hold one short string (a
 * character, the empty string a sequence starts from): those live inside
 * the struct and cost no allocation; a larger set has its buffers on the
 * heap.  Sets that grow past a few strings get a hash index (a set of a
 * rule's alternatives reaches hundreds), so that adding a string does not
 * compare it with every other. */
typedef struct {
	uint32_t off, len;      /* in the bytes */
} strref;

#define SMALL_BYTES 24          /* inline room: bytes */
#define SMALL_REFS 2            /* and strings */

typedef struct {
	char *buf;              /* the bytes; NULL: in small */
	strref *at;             /* the strings, in order; NULL: in small_at */
	uint32_t *index;        /* open addressing over string numbers + 1
	                           (0: an empty slot); NULL: none yet */
	uint32_t n, at_cap;     /* strings */
	uint32_t used, cap;     /* bytes */
	uint32_t index_cap;     /* slots, a power of two */
	double cost;            /* set_cost, summed as strings are added */
	char small[SMALL_BYTES];
	strref small_at[SMALL_REFS];
} strset;

/* The empty set (all zero: an empty set has room for SMALL_* inline). */
#define EMPTY_SET ((strset){0})

/* A requirement: one of strs ends at most reach bytes after the start. */
typedef struct {
	strset strs;
	pl_reach reach;
	int lookahead;
} conj;

typedef struct {
	int exact_ok;           /* exact lists every string the piece matches */
	strset exact;
	pl_reach maxlen;        /* the longest match of the piece */
	int run;                /* one character of a run (\s, \w, \S, a
	                           letter) */
	conj c[PL_LITERAL_SETS];        /* best first */
	size_t nc;
	int optional;           /* quantified to be possibly absent */
	conj present;           /* then: what one occurrence requires (no
	                           strings: nothing) */
} info;

typedef struct {
	const char *p;
	size_t i, n;
	int fail;               /* a construct that defeats the analysis */
	pl_literal_memo *memo;  /* groups already derived, or NULL */
} parser;

/* ---- Bounds ------------------------------------------------------------- */

static pl_reach r_bytes(size_t n)
{
	pl_reach r = {n, 0, 0, 0, 0};
	return r;
}

static pl_reach r_unbounded(void)
{
	pl_reach r = {0, 0, 0, 0, 1};
	return r;
}

static pl_reach r_run(int run)
{
	pl_reach r = {0, run == RUN_SPACE, run == RUN_WORD, run == RUN_TOKEN, 0};
	return r;
}

static int r_is_zero(const pl_reach *r)
{
	return !r->unbounded && r->bytes == 0 && r->space_runs == 0 &&
	       r->word_runs == 0 && r->token_runs == 0;
}

#define MAX_RUNS 1024u

static pl_reach r_add(pl_reach a, pl_reach b)
{
	if (a.unbounded || b.unbounded || a.bytes + b.bytes > MAX_BYTES ||
	    a.space_runs + b.space_runs > MAX_RUNS ||
	    a.word_runs + b.word_runs > MAX_RUNS ||
	    a.token_runs + b.token_runs > MAX_RUNS)
		return r_unbounded();
	pl_reach r = {a.bytes + b.bytes, a.space_runs + b.space_runs,
		      a.word_runs + b.word_runs, a.token_runs + b.token_runs, 0};
	return r;
}

/* n repetitions of a; n < 0: any number. */
static pl_reach r_times(pl_reach a, long n)
{
	if (r_is_zero(&a))
		return a;
	if (n < 0 || a.unbounded)
		return r_unbounded();
	if ((size_t)n > MAX_BYTES / (a.bytes + 1) || n > (long)MAX_RUNS ||
	    (a.space_runs + a.word_runs + a.token_runs) * (unsigned long)n > MAX_RUNS)
		return r_unbounded();
	pl_reach r = {a.bytes * (size_t)n, a.space_runs * (unsigned)n,
		      a.word_runs * (unsigned)n, a.token_runs * (unsigned)n, 0};
	return r;
}

/* A bound on either. */
static pl_reach r_max(pl_reach a, pl_reach b)
{
	if (a.unbounded || b.unbounded)
		return r_unbounded();
	pl_reach r = {a.bytes > b.bytes ? a.bytes : b.bytes,
		      a.space_runs > b.space_runs ? a.space_runs : b.space_runs,
		      a.word_runs > b.word_runs ? a.word_runs : b.word_runs,
		      a.token_runs > b.token_runs ? a.token_runs : b.token_runs, 0};
	return r;
}

/* The bound in bytes for ordinary prose (runs of white space of a couple
 * of bytes, words of about fifteen, tokens of about forty), to rank sets
 * at compile time. */
static double r_typical(const pl_reach *r)
{
	return r->unbounded ? 1e9 :
	       (double)r->bytes + 2.0 * r->space_runs + 16.0 * r->word_runs +
	       40.0 * r->token_runs;
}

size_t pl_reach_bytes(const pl_reach *r, const pl_runs *runs)
{
	if (r->unbounded)
		return (size_t)-1;
	double b = (double)r->bytes + (double)r->space_runs * (double)runs->space +
		   (double)r->word_runs * (double)runs->word +
		   (double)r->token_runs * (double)runs->token;
	return b >= (double)MAX_BYTES ? (size_t)-1 : (size_t)b;
}

/* ---- String sets ---------------------------------------------------------- */

#define INDEX_FROM 16           /* a set this large gets a hash index */

static char *set_bytes(strset *s)
{
	return s->buf ? s->buf : s->small;
}

static strref *set_refs(strset *s)
{
	return s->at ? s->at : s->small_at;
}

static const char *set_str(const strset *s, size_t i)
{
	return (s->buf ? s->buf : s->small) +
	       (s->at ? s->at : s->small_at)[i].off;
}

static size_t set_len(const strset *s, size_t i)
{
	return (s->at ? s->at : s->small_at)[i].len;
}

static void set_free(strset *s)
{
	free(s->buf);
	free(s->at);
	free(s->index);
	*s = EMPTY_SET;
}

/* Room for need bytes in all. */
static void reserve_bytes(strset *s, size_t need)
{
	size_t cap = s->buf ? s->cap : SMALL_BYTES;
	if (need <= cap)
		return;
	while (cap < need)
		cap *= 2;
	if (s->buf) {
		s->buf = pl_xrealloc(s->buf, cap);
	} else {
		s->buf = pl_xmalloc(cap);
		memcpy(s->buf, s->small, s->used);
	}
	s->cap = (uint32_t)cap;
}

/* Room for one more string. */
static void reserve_ref(strset *s)
{
	size_t cap = s->at ? s->at_cap : SMALL_REFS;
	if (s->n < cap)
		return;
	if (s->at) {
		s->at = pl_xrealloc(s->at, 2 * cap * sizeof(*s->at));
	} else {
		s->at = pl_xmalloc(2 * cap * sizeof(*s->at));
		memcpy(s->at, s->small_at, s->n * sizeof(*s->at));
	}
	s->at_cap = (uint32_t)(2 * cap);
}

/* How often a string of this length can be expected in prose, roughly: a
 * short string occurs far more often than a long one. */
static double str_cost(size_t l)
{
	return l <= 2 ? 300 : l == 3 ? 100 : l == 4 ? 30 : l == 5 ? 10 : l == 6 ? 4 :
	       l == 7 ? 2 : 1;
}

static uint32_t str_hash(const char *x, size_t len)
{
	uint32_t h = 2166136261u;       /* FNV-1a */
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)x[i]) * 16777619u;
	return h;
}

/* Puts string i into the index, which has room. */
static void index_put(strset *s, size_t i)
{
	size_t mask = s->index_cap - 1;
	size_t h = str_hash(set_str(s, i), set_len(s, i)) & mask;
	while (s->index[h])
		h = (h + 1) & mask;
	s->index[h] = (uint32_t)(i + 1);
}

/* (Re)builds the index with room for twice the strings. */
static void index_build(strset *s)
{
	size_t cap = 2 * INDEX_FROM;
	while (cap < 2 * ((size_t)s->n + 1))
		cap *= 2;
	free(s->index);
	s->index = pl_xcalloc(cap, sizeof(*s->index));
	s->index_cap = (uint32_t)cap;
	for (size_t i = 0; i < s->n; i++)
		index_put(s, i);
}

static int set_has(const strset *s, const char *x, size_t len)
{
	if (s->index) {
		size_t mask = s->index_cap - 1;
		for (size_t h = str_hash(x, len) & mask; s->index[h];
		     h = (h + 1) & mask) {
			size_t i = s->index[h] - 1;
			if (set_len(s, i) == len && memcmp(set_str(s, i), x, len) == 0)
				return 1;
		}
		return 0;
	}
	for (size_t i = 0; i < s->n; i++)
		if (set_len(s, i) == len && memcmp(set_str(s, i), x, len) == 0)
			return 1;
	return 0;
}

/* Appends x, known not to be in s (nor to lie in its buffer). */
static void set_push(strset *s, const char *x, size_t len)
{
	reserve_bytes(s, (size_t)s->used + len + 1);
	reserve_ref(s);
	char *bytes = set_bytes(s);
	memcpy(bytes + s->used, x, len);
	bytes[s->used + len] = '\0';
	strref *at = set_refs(s);
	at[s->n].off = s->used;
	at[s->n].len = (uint32_t)len;
	s->used += (uint32_t)len + 1;
	s->cost += str_cost(len);
	s->n++;
	if (s->index && 2 * ((size_t)s->n + 1) > s->index_cap)
		index_build(s);
	else if (s->index)
		index_put(s, s->n - 1);
	else if (s->n >= INDEX_FROM)
		index_build(s);
}

static void set_add(strset *s, const char *x, size_t len)
{
	/* A string ends at its first NUL (a "\x00" in a pattern), as a C
	 * string would. */
	const char *nul = memchr(x, '\0', len);
	if (nul)
		len = (size_t)(nul - x);
	if (!set_has(s, x, len))
		set_push(s, x, len);
}

/* Adds every string of b to a, in b's order. */
static void set_add_all(strset *a, const strset *b)
{
	for (size_t i = 0; i < b->n; i++)
		set_add(a, set_str(b, i), set_len(b, i));
}

/* The strings of a set are distinct already: the copy is its buffers (its
 * index is rebuilt only if the copy grows). */
static strset set_copy(const strset *s)
{
	strset c = *s;
	c.index = NULL;
	c.index_cap = 0;
	if (s->buf && s->used <= SMALL_BYTES) {
		c.buf = NULL;
		memcpy(c.small, s->buf, s->used);
	} else if (s->buf) {
		c.buf = pl_xmalloc(s->used);
		memcpy(c.buf, s->buf, s->used);
		c.cap = s->used;
	}
	if (s->at && s->n <= SMALL_REFS) {
		c.at = NULL;
		memcpy(c.small_at, s->at, s->n * sizeof(*c.at));
	} else if (s->at) {
		c.at = pl_xmalloc(s->n * sizeof(*c.at));
		memcpy(c.at, s->at, s->n * sizeof(*c.at));
		c.at_cap = s->n;
	}
	return c;
}

static size_t set_minlen(const strset *s)
{
	size_t m = (size_t)-1;
	for (size_t i = 0; i < s->n; i++)
		if (set_len(s, i) < m)
			m = set_len(s, i);
	return s->n ? m : 0;
}

/* Whether a required set is worth searching for: every string long
 * enough. */
static int usable(const strset *s)
{
	return s->n > 0 && s->n <= MAX_REQUIRED && set_minlen(s) >= MIN_LEN;
}

/* How often a set's strings can be expected in prose (str_cost summed). */
static double set_cost(const strset *s)
{
	return s->cost;
}

/* Lower is better: rare strings close to the start; an unbounded set
 * ranks after every bounded one. */
static double req_cost(const strset *s, const pl_reach *reach)
{
	double k = set_cost(s);
	if (reach->unbounded)
		return k * 1e6;
	return k * (1.0 + r_typical(reach) / 64.0);
}

static double conj_cost(const conj *c)
{
	return req_cost(&c->strs, &c->reach);
}

/* a x b, when it stays small. */
static int product(strset *out, const strset *a, const strset *b)
{
	if (a->n * b->n > MAX_STRINGS)
		return 0;
	strset r = EMPTY_SET;
	char buf[2 * MAX_LEN + 1];
	for (size_t i = 0; i < a->n; i++)
		for (size_t k = 0; k < b->n; k++) {
			size_t la = set_len(a, i), lb = set_len(b, k);
			if (la + lb > MAX_LEN) {
				set_free(&r);
				return 0;
			}
			memcpy(buf, set_str(a, i), la);
			memcpy(buf + la, set_str(b, k), lb);
			set_add(&r, buf, la + lb);
		}
	*out = r;
	return 1;
}

/* a = a x b, in place; 0 (a unchanged) when the result would be too large.
 * Most pieces are one character, so the common case appends it to every
 * string (still distinct) where it lies, without looking for duplicates:
 * from the last string to the first, each moves up by the bytes appended
 * to the strings before it. */
static int multiply(strset *a, const strset *b)
{
	if (b->n != 1) {
		strset r;
		if (!product(&r, a, b))
			return 0;
		set_free(a);
		*a = r;
		return 1;
	}
	size_t lb = set_len(b, 0);
	for (size_t i = 0; i < a->n; i++)
		if (set_len(a, i) + lb > MAX_LEN)
			return 0;
	if (lb == 0 || a->n == 0)
		return 1;
	reserve_bytes(a, a->used + a->n * lb);
	char *bytes = set_bytes(a);
	strref *at = set_refs(a);
	const char *tail = set_str(b, 0);
	a->cost = 0;
	for (size_t i = a->n; i-- > 0;) {
		size_t la = at[i].len, to = at[i].off + i * lb;
		memmove(bytes + to, bytes + at[i].off, la);
		memcpy(bytes + to + la, tail, lb + 1);
		at[i].off = (uint32_t)to;
		at[i].len = (uint32_t)(la + lb);
		a->cost += str_cost(la + lb);
	}
	a->used += (uint32_t)(a->n * lb);
	if (a->index)
		index_build(a);
	return 1;
}

/* ---- Pieces --------------------------------------------------------------- */

static void info_free(info *x)
{
	set_free(&x->exact);
	set_free(&x->present.strs);
	for (size_t i = 0; i < x->nc; i++)
		set_free(&x->c[i].strs);
	x->nc = 0;
}

static info piece(pl_reach maxlen)
{
	/* Built in place (an info is some 600 bytes). */
	return (info){.maxlen = maxlen};
}

/* The empty string, exactly (assertions, flags, empty groups). */
static info empty_info(void)
{
	info x = piece(r_bytes(0));
	x.exact_ok = 1;
	set_add(&x.exact, "", 0);
	return x;
}

/* Keeps c among x's requirements if it is one of the best (takes its
 * strings). */
static void offer(info *x, conj c)
{
	if (!usable(&c.strs)) {
		set_free(&c.strs);
		return;
	}
	double cost = conj_cost(&c);
	size_t at = x->nc;
	while (at > 0 && conj_cost(&x->c[at - 1]) > cost)
		at--;
	if (at == PL_LITERAL_SETS) {
		set_free(&c.strs);
		return;
	}
	if (x->nc == PL_LITERAL_SETS)
		set_free(&x->c[--x->nc].strs);
	memmove(&x->c[at + 1], &x->c[at], (x->nc - at) * sizeof(conj));
	x->c[at] = c;
	x->nc++;
}

/* The exact set as a requirement: its string is the whole match.  Takes
 * the set (the callers are done with the piece). */
static void offer_exact(info *x)
{
	if (x->exact_ok) {
		conj c = {x->exact, x->maxlen, 0};
		x->exact = EMPTY_SET;
		x->exact_ok = 0;
		offer(x, c);
	}
}

/* ---- Characters ---------------------------------------------------------- */

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether code point cp has no case in Unicode (so that a caseless match
 * of it is the character itself): punctuation, symbols, spaces. */
static int caseless_safe(unsigned long cp)
{
	/* General punctuation and currency; arrows, mathematical and
	 * technical symbols; box drawing to miscellaneous symbols; CJK
	 * punctuation; Latin-1 punctuation but the micro sign.  (Letterlike
	 * symbols, Roman numerals and circled letters have case.) */
	return (cp >= 0x2000 && cp <= 0x20CF) || (cp >= 0x2190 && cp <= 0x23FF) ||
	       (cp >= 0x2500 && cp <= 0x2BFF) || (cp >= 0x3000 && cp <= 0x303F) ||
	       (cp >= 0xA0 && cp <= 0xBF && cp != 0xB5) || cp == 0xD7 ||
	       cp == 0xF7;
}

static size_t utf8_encode(unsigned long cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The bytes a caseless match of ASCII character c can take: the Kelvin
 * sign matches 'k', the long s 's'. */
static size_t ascii_width(char c)
{
	c = lower(c);
	return c == 'k' ? 3 : c == 's' ? 2 : 1;
}

static int ascii_space(unsigned long cp)
{
	return cp == ' ' || (cp >= '\t' && cp <= '\r');
}

static int ascii_word(unsigned long cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	       (cp >= '0' && cp <= '9') || cp == '_';
}

/* The piece for one code point. */
static info char_info(unsigned long cp)
{
	if (cp >= 0x80 && !caseless_safe(cp))
		return piece(r_bytes(4));
	char buf[4];
	size_t n = utf8_encode(cp, buf);
	info x = piece(r_bytes(n == 1 ? ascii_width(buf[0]) : n));
	if (n == 1)
		buf[0] = lower(buf[0]);
	x.exact_ok = 1;
	set_add(&x.exact, buf, n);
	x.run = ascii_space(cp) ? RUN_SPACE : ascii_word(cp) ? RUN_WORD : RUN_TOKEN;
	return x;
}

/* One character of a class (\w, [a-z], ...): up to four bytes. */
static info class_piece(int run)
{
	info x = piece(r_bytes(4));
	x.run = run;
	return x;
}

/* Decodes the UTF-8 character at p->p[p->i] and moves past it. */
static unsigned long next_cp(parser *p)
{
	const unsigned char *s = (const unsigned char *)p->p;
	unsigned long cp = s[p->i];
	size_t len = cp < 0x80 ? 1 : cp < 0xE0 ? 2 : cp < 0xF0 ? 3 : 4;
	if (len > 1) {
		cp &= len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07;
		for (size_t k = 1; k < len && p->i + k < p->n; k++)
			cp = (cp << 6) | (s[p->i + k] & 0x3F);
	}
	p->i += len;
	if (p->i > p->n)
		p->i = p->n;
	return cp;
}

static int is_hex(char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* \x{...} or \xhh after the 'x'; returns the code point or -1. */
static long hex_escape(parser *p)
{
	unsigned long v = 0;
	size_t digits = 0;
	if (p->i < p->n && p->p[p->i] == '{') {
		p->i++;
		while (p->i < p->n && is_hex(p->p[p->i]) && digits < 8) {
			char c = (char)(p->p[p->i++] | 0x20);
			v = v * 16 + (unsigned long)(c <= '9' ? c - '0' : c - 'a' + 10);
			digits++;
		}
		if (p->i >= p->n || p->p[p->i] != '}' || digits == 0)
			return -1;
		p->i++;
		return (long)v;
	}
	while (p->i < p->n && is_hex(p->p[p->i]) && digits < 2) {
		char c = (char)(p->p[p->i++] | 0x20);
		v = v * 16 + (unsigned long)(c <= '9' ? c - '0' : c - 'a' + 10);
		digits++;
	}
	return (long)v;
}

/* An escape after the backslash: a literal, an assertion or a class. */
static info escape_info(parser *p)
{
	if (p->i >= p->n) {
		p->fail = 1;
		return piece(r_unbounded());
	}
	char c = p->p[p->i++];
	switch (c) {
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
		return empty_info();            /* assertions */
	case 'd': case 'w':
		return class_piece(RUN_WORD);
	case 's': case 'h': case 'v':
		return class_piece(RUN_SPACE);
	case 'S':
		return class_piece(RUN_TOKEN);
	case 'D': case 'W': case 'H': case 'V': case 'N': case 'R':
		return class_piece(RUN_NONE);
	case 'C':
		return piece(r_bytes(1));       /* one code unit */
	case 'X':
		return piece(r_unbounded());    /* a grapheme cluster */
	case 'p': case 'P':                     /* \p{L}, \pL */
		if (p->i < p->n && p->p[p->i] == '{') {
			while (p->i < p->n && p->p[p->i] != '}')
				p->i++;
			p->i += p->i < p->n;
		} else if (p->i < p->n) {
			p->i++;
		}
		return class_piece(RUN_NONE);
	case 'n': return char_info('\n');
	case 't': return char_info('\t');
	case 'r': return char_info('\r');
	case 'f': return char_info('\f');
	case 'e': return char_info(0x1B);
	case 'x': {
		long cp = hex_escape(p);
		if (cp < 0) {
			p->fail = 1;
			return piece(r_unbounded());
		}
		return char_info((unsigned long)cp);
	}
	default:
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z')) {
			/* back references, \Q...\E, \K (which moves the
			 * match's start), control and octal escapes: not
			 * worth understanding */
			p->fail = 1;
			return piece(r_unbounded());
		}
		return char_info((unsigned char)c);    /* \. \( \' ... */
	}
}

/* A character class "[...]": a few plain characters become an exact set
 * of one-character strings; anything else ([a-z], [^...], \w) is one
 * character of up to four bytes, of a run when every member is a word
 * character, or every one white space, or none white space. */
static info class_info(parser *p)
{
	int negated = p->i < p->n && p->p[p->i] == '^';
	p->i += negated;
	strset members = EMPTY_SET;
	size_t width = 1;
	int first = 1, simple = !negated, word = !negated, space = !negated;
	int token = !negated;           /* no member is white space */
	int lists_space = 0;            /* \s is a member ([^\s] is a token) */
	while (p->i < p->n && (p->p[p->i] != ']' || first)) {
		first = 0;
		if (p->p[p->i] == '[' && p->i + 1 < p->n && p->p[p->i + 1] == ':') {
			simple = word = space = token = 0;      /* [:alpha:] */
			const char *end = strstr(p->p + p->i + 2, ":]");
			p->i = end ? (size_t)(end - p->p) + 2 : p->n;
			continue;
		}
		unsigned long cp;
		if (p->p[p->i] == '\\') {
			p->i++;
			if (p->i >= p->n)
				break;
			char e = p->p[p->i];
			if (e == 'x') {
				p->i++;
				long v = hex_escape(p);
				if (v < 0) {
					simple = word = space = token = 0;
					continue;
				}
				cp = (unsigned long)v;
			} else if ((e >= 'a' && e <= 'z') || (e >= 'A' && e <= 'Z') ||
				   (e >= '0' && e <= '9')) {
				simple = 0;     /* \s \w \d \p{..} \n ... */
				if (e != 'w' && e != 'd')
					word = 0;
				if (e != 's' && e != 'h' && e != 'v')
					space = 0;
				if (e != 'w' && e != 'd' && e != 'S')
					token = 0;
				lists_space |= e == 's';
				p->i++;
				if ((e == 'p' || e == 'P') && p->i < p->n &&
				    p->p[p->i] == '{')
					while (p->i < p->n && p->p[p->i] != '}')
						p->i++;
				if (e == 'p' || e == 'P')
					p->i += p->i < p->n;
				continue;
			} else {
				cp = (unsigned char)e;
				p->i++;
			}
		} else {
			cp = next_cp(p);
		}
		if (p->i + 1 < p->n && p->p[p->i] == '-' && p->p[p->i + 1] != ']') {
			simple = space = 0;     /* a range */
			p->i++;
			unsigned long hi;
			if (p->p[p->i] == '\\') {
				hi = (unsigned char)(p->i + 1 < p->n ? p->p[p->i + 1] : 0);
				p->i += 2;
				word = token = 0;
			} else {
				hi = next_cp(p);
			}
			if (!((cp >= 'a' && hi <= 'z') || (cp >= 'A' && hi <= 'Z') ||
			      (cp >= '0' && hi <= '9')) || cp > hi)
				word = 0;
			if (cp <= ' ' || cp > hi)
				token = 0;      /* the range may hold white space */
			continue;
		}
		if (!ascii_word(cp))
			word = 0;
		if (!ascii_space(cp))
			space = 0;
		else
			token = 0;
		if (!simple)
			continue;
		if (cp >= 0x80 && !caseless_safe(cp)) {
			simple = 0;
			continue;
		}
		char buf[4];
		size_t len = utf8_encode(cp, buf);
		if (len == 1) {
			if (ascii_width(buf[0]) > width)
				width = ascii_width(buf[0]);
			buf[0] = lower(buf[0]);
		} else if (len > width) {
			width = len;
		}
		set_add(&members, buf, len);
		if (members.n > 8)
			simple = 0;
	}
	if (p->i >= p->n) {
		p->fail = 1;
		simple = 0;
	} else {
		p->i++;                         /* ']' */
	}
	int run = word ? RUN_WORD : space ? RUN_SPACE :
		  token || (negated && lists_space) ? RUN_TOKEN : RUN_NONE;
	if (!simple || members.n == 0) {
		set_free(&members);
		return class_piece(run);
	}
	info x = piece(r_bytes(width));
	x.exact_ok = 1;
	x.exact = members;
	x.run = run;
	return x;
}

/* ---- Groups already derived -------------------------------------------- */

/* A rule set's patterns are built from fragments ({{name}} expands to
 * "(?:...)"), so the same group recurs in many of them, and the piece a
 * group yields depends on its bytes alone: the parser reads nothing past a
 * group's closing ')' and, until it reaches it, never the pattern's end
 * (reaching the end fails the group).  So a group that closed is kept,
 * keyed by its text, and where the same text starts again its piece is
 * copied instead of derived again.  Only the unterminated comment
 * "(?#..." ends without a ')' and without failing; it is not kept.  Two
 * kept texts cannot both start at one place (the parse of the longer
 * would end where the shorter did), so the first whose text is there is
 * the one. */

#define MEMO_KEY 16             /* groups shorter are not kept; the longer
                                   are found by their first MEMO_KEY bytes */

typedef struct memo_entry {
	char *text;
	size_t len;
	info x;
	struct memo_entry *next;        /* same bucket */
} memo_entry;

struct pl_literal_memo {
	memo_entry **buckets;
	size_t nbuckets, count;         /* nbuckets: a power of two */
};

pl_literal_memo *pl_literal_memo_new(void)
{
	pl_literal_memo *m = pl_xcalloc(1, sizeof(*m));
	m->nbuckets = 256;
	m->buckets = pl_xcalloc(m->nbuckets, sizeof(*m->buckets));
	return m;
}

void pl_literal_memo_free(pl_literal_memo *m)
{
	if (m == NULL)
		return;
	for (size_t b = 0; b < m->nbuckets; b++)
		for (memo_entry *e = m->buckets[b], *next; e; e = next) {
			next = e->next;
			info_free(&e->x);
			free(e->text);
			free(e);
		}
	free(m->buckets);
	free(m);
}

static info info_copy(const info *x)
{
	info c = *x;
	c.exact = set_copy(&x->exact);
	c.present.strs = set_copy(&x->present.strs);
	for (size_t i = 0; i < x->nc; i++)
		c.c[i].strs = set_copy(&x->c[i].strs);
	return c;
}

static size_t memo_bucket(const pl_literal_memo *m, const char *text)
{
	return str_hash(text, MEMO_KEY) & (m->nbuckets - 1);
}

/* The group whose '(' is at start, if kept: its piece in *out and p->i
 * past it. */
static int memo_find(parser *p, size_t start, info *out)
{
	pl_literal_memo *m = p->memo;
	if (m == NULL || p->n - start < MEMO_KEY)
		return 0;
	const char *text = p->p + start;
	for (memo_entry *e = m->buckets[memo_bucket(m, text)]; e; e = e->next)
		if (e->len <= p->n - start && memcmp(e->text, text, e->len) == 0) {
			*out = info_copy(&e->x);
			p->i = start + e->len;
			return 1;
		}
	return 0;
}

static void memo_put(parser *p, size_t start, const info *x)
{
	pl_literal_memo *m = p->memo;
	size_t len = p->i - start;
	if (m == NULL || p->fail || p->i > p->n || len < MEMO_KEY ||
	    p->p[p->i - 1] != ')')
		return;
	if (2 * m->count >= m->nbuckets) {
		size_t nb = 2 * m->nbuckets;
		memo_entry **b = pl_xcalloc(nb, sizeof(*b));
		for (size_t k = 0; k < m->nbuckets; k++)
			for (memo_entry *e = m->buckets[k], *next; e; e = next) {
				next = e->next;
				size_t h = str_hash(e->text, MEMO_KEY) & (nb - 1);
				e->next = b[h];
				b[h] = e;
			}
		free(m->buckets);
		m->buckets = b;
		m->nbuckets = nb;
	}
	memo_entry *e = pl_xmalloc(sizeof(*e));
	e->text = pl_xstrndup(p->p + start, len);
	e->len = len;
	e->x = info_copy(x);
	size_t h = memo_bucket(m, e->text);
	e->next = m->buckets[h];
	m->buckets[h] = e;
	m->count++;
}

/* ---- The grammar ---------------------------------------------------------- */

static info parse_alt(parser *p);
static info group_info(parser *p);

/* A positive lookahead: it matches nothing, but what it requires lies in
 * the text after its position (perhaps past the match's end). */
static info lookahead_info(info *inner)
{
	info x = empty_info();
	offer_exact(inner);
	for (size_t i = 0; i < inner->nc; i++) {
		conj c = inner->c[i];
		c.lookahead = 1;
		offer(&x, c);
	}
	inner->nc = 0;
	info_free(inner);
	return x;
}

/* "(...)": what kind of group, then its alternatives. */
static info group_parse(parser *p)
{
	const char *s = p->p;
	if (p->i < p->n && s[p->i] == '*') {    /* (*VERB) */
		p->fail = 1;
		return piece(r_unbounded());
	}
	enum { PLAIN, AHEAD, NO_TEXT } kind = PLAIN;
	if (p->i < p->n && s[p->i] == '?') {
		p->i++;
		char c = p->i < p->n ? s[p->i] : '\0';
		if (c == ':' || c == '>' || c == '|') {
			p->i++;
		} else if (c == '=') {
			p->i++;
			kind = AHEAD;
		} else if (c == '!') {
			p->i++;
			kind = NO_TEXT;
		} else if (c == '<' && p->i + 1 < p->n &&
			   (s[p->i + 1] == '=' || s[p->i + 1] == '!')) {
			/* Lookbehinds look before the start: nothing required
			 * after it. */
			p->i += 2;
			kind = NO_TEXT;
		} else if (c == '#') {          /* a comment */
			while (p->i < p->n && s[p->i] != ')')
				p->i++;
			p->i += p->i < p->n;
			return empty_info();
		} else if (c == '<' || c == 'P' || c == '\'') {
			/* a named group: skip the name */
			while (p->i < p->n && s[p->i] != '>' && s[p->i] != '\'')
				p->i++;
			p->i += p->i < p->n;
		} else {
			/* flags: (?i) (?-i) (?m) (?i:...) (?^...) */
			while (p->i < p->n && s[p->i] != ')' && s[p->i] != ':') {
				if (s[p->i] == 'x' || s[p->i] == 'n')
					p->fail = 1;    /* extended mode, no-auto-capture */
				if (!((s[p->i] >= 'a' && s[p->i] <= 'z') ||
				      s[p->i] == '-' || s[p->i] == '^'))
					p->fail = 1;    /* recursion, callouts, ... */
				p->i++;
			}
			if (p->i >= p->n) {
				p->fail = 1;
				return piece(r_unbounded());
			}
			if (s[p->i] == ')') {
				p->i++;
				return empty_info();
			}
			p->i++;                 /* ':' */
		}
	}
	info x = parse_alt(p);
	if (p->i < p->n && s[p->i] == ')')
		p->i++;
	else
		p->fail = 1;
	if (kind == AHEAD)
		return lookahead_info(&x);
	if (kind == NO_TEXT) {
		info_free(&x);
		return empty_info();
	}
	return x;
}

/* A group, after its '(': derived, or copied from the memo. */
static info group_info(parser *p)
{
	size_t start = p->i - 1;
	info x;
	if (memo_find(p, start, &x))
		return x;
	x = group_parse(p);
	memo_put(p, start, &x);
	return x;
}

static int plain_char(char c)
{
	return (unsigned char)c >= ' ' && (unsigned char)c < 0x7F &&
	       strchr("\\^$.|?*+()[]{}", c) == NULL;
}

static int quantifier_char(char c)
{
	return c == '*' || c == '+' || c == '?' || c == '{';
}

/* A run of plain ASCII characters, none quantified, as one piece: the
 * common case, read at once.  0 when there is no run of two or more. */
static int literal_run(parser *p, info *out)
{
	size_t i = p->i, width = 0;
	while (i < p->n && plain_char(p->p[i]) &&
	       !(i + 1 < p->n && quantifier_char(p->p[i + 1]))) {
		width += ascii_width(p->p[i]);
		i++;
	}
	if (i - p->i < 2)
		return 0;
	*out = piece(r_bytes(width));
	out->exact_ok = 1;
	char buf[MAX_LEN + 1];
	size_t n = i - p->i < MAX_LEN ? i - p->i : MAX_LEN;
	for (size_t k = 0; k < n; k++)
		buf[k] = lower(p->p[p->i + k]);
	if (i - p->i > MAX_LEN) {
		/* Too long to be an exact string: required, as a prefix. */
		out->exact_ok = 0;
		out->c[0] = (conj){{0}, r_bytes(n + 2 * n), 0};
		set_add(&out->c[0].strs, buf, n);
		out->nc = 1;
	} else {
		set_add(&out->exact, buf, n);
	}
	p->i = i;
	return 1;
}

/* One atom, without its quantifier. */
static info atom_info(parser *p)
{
	char c = p->p[p->i];
	switch (c) {
	case '(':
		p->i++;
		return group_info(p);
	case '[':
		p->i++;
		return class_info(p);
	case '\\':
		p->i++;
		return escape_info(p);
	case '.':
		p->i++;
		return class_piece(RUN_NONE);
	case '^': case '$':
		p->i++;
		return empty_info();
	default:
		return char_info(next_cp(p));
	}
}

/* Reads a quantifier at p->i: min and max (-1: unbounded); 0 when there
 * is none. */
static int quantifier(parser *p, long *min, long *max)
{
	const char *s = p->p;
	if (p->i >= p->n)
		return 0;
	char c = s[p->i];
	if (c == '*' || c == '+' || c == '?') {
		*min = c == '+';
		*max = c == '?' ? 1 : -1;
		p->i++;
	} else if (c == '{') {
		size_t j = p->i + 1;
		long a = 0, b;
		int da = 0;
		while (j < p->n && s[j] >= '0' && s[j] <= '9' && a < 100000) {
			a = a * 10 + (s[j++] - '0');
			da = 1;
		}
		if (!da)
			return 0;       /* a literal '{' */
		b = a;
		if (j < p->n && s[j] == ',') {
			j++;
			b = -1;
			if (j < p->n && s[j] >= '0' && s[j] <= '9') {
				b = 0;
				while (j < p->n && s[j] >= '0' && s[j] <= '9' &&
				       b < 100000)
					b = b * 10 + (s[j++] - '0');
			}
		}
		if (j >= p->n || s[j] != '}')
			return 0;
		p->i = j + 1;
		*min = a;
		*max = b;
	} else {
		return 0;
	}
	if (p->i < p->n && (s[p->i] == '?' || s[p->i] == '+'))
		p->i++;                 /* lazy or possessive: the same strings */
	return 1;
}

/* A requirement seen where it lies in a piece, not copied: valid while
 * the piece is unchanged; strs NULL when there is none. */
typedef struct {
	const strset *strs;
	pl_reach reach;
	int lookahead;
} req_view;

static req_view no_requirement(void)
{
	req_view v = {NULL, {0, 0, 0, 0, 0}, 0};
	return v;
}

/* What c requires. */
static req_view conj_view(const conj *c)
{
	req_view v = no_requirement();
	if (c->strs.n) {
		v.strs = &c->strs;
		v.reach = c->reach;
		v.lookahead = c->lookahead;
	}
	return v;
}

/* A branch's best requirement. */
static req_view best_requirement(const info *x)
{
	req_view best = no_requirement();
	if (x->exact_ok && usable(&x->exact)) {
		best.strs = &x->exact;
		best.reach = x->maxlen;
	}
	if (x->nc && (best.strs == NULL || conj_cost(&x->c[0]) <
					   req_cost(best.strs, &best.reach))) {
		best.strs = &x->c[0].strs;
		best.reach = x->c[0].reach;
		best.lookahead = x->c[0].lookahead;
	}
	return best;
}

/* A copy of what v sees, to keep. */
static conj req_copy(req_view v)
{
	conj c = {EMPTY_SET, v.reach, v.lookahead};
	if (v.strs)
		c.strs = set_copy(v.strs);
	return c;
}

static void quantify(info *x, long min, long max)
{
	pl_reach one = x->maxlen;
	if (min == 0) {
		x->optional = 1;
		x->present = req_copy(best_requirement(x));
	}
	/* A run of one kind of character ("\s+", "\w{1,20}") spans at most
	 * one of the text's runs of it. */
	if (x->run != RUN_NONE && (max < 0 || max > 4))
		x->maxlen = r_run(x->run);
	else
		x->maxlen = r_times(one, max);
	x->run = RUN_NONE;
	if (min == 0) {
		/* May be absent: nothing is required; exact only for "?". */
		for (size_t i = 0; i < x->nc; i++)
			set_free(&x->c[i].strs);
		x->nc = 0;
		if (x->exact_ok && max == 1) {
			set_add(&x->exact, "", 0);
			if (x->exact.n > MAX_STRINGS) {
				set_free(&x->exact);
				x->exact_ok = 0;
			}
		} else {
			set_free(&x->exact);
			x->exact_ok = 0;
		}
		return;
	}
	/* At least once: what the first occurrence requires, all do, as far
	 * from the start as in one. */
	if (!x->exact_ok || (min == 1 && max == 1))
		return;
	if (min == max) {
		/* min >= 2 here: min x exact, multiplied out. */
		strset acc, next;
		int ok = product(&acc, &x->exact, &x->exact);
		for (long k = 2; k < min && ok; k++) {
			ok = product(&next, &acc, &x->exact);
			set_free(&acc);
			if (ok)
				acc = next;
		}
		if (ok) {
			set_free(&x->exact);
			x->exact = acc;
			return;
		}
	}
	/* Not exact any more: the first occurrence's string is required. */
	offer(x, (conj){x->exact, one, 0});
	x->exact = EMPTY_SET;
	x->exact_ok = 0;
}

/* A sequence of atoms: exact sets multiply while they stay small; the
 * requirements are the best of the parts' (and of each run of exact parts
 * multiplied together), each shifted by what may come before it. */
static info parse_concat(parser *p)
{
	info out = empty_info();
	strset run = EMPTY_SET;               /* the exact run being multiplied */
	set_add(&run, "", 0);
	pl_reach before = r_bytes(0);   /* the longest text before the atom */
	/* Pieces that may be absent, at the start: a match starts with the
	 * first one present, or with the first piece that must be, so the
	 * union of what each requires (each near its own start) is required
	 * near the match's start: "(?:you\s+can\s+)?access" needs "you" or
	 * "access" within a few bytes of where it starts. */
	int leading = 1, lead_used = 0;
	conj lead = {{0}, {0, 0, 0, 0, 0}, 0};
	while (p->i < p->n && p->p[p->i] != '|' && p->p[p->i] != ')' && !p->fail) {
		info x;
		long min, max;
		if (!literal_run(p, &x)) {
			x = atom_info(p);
			if (quantifier(p, &min, &max))
				quantify(&x, min, max);
		}
		if (leading && !(r_is_zero(&x.maxlen) && !x.optional)) {
			req_view b = x.optional ? conj_view(&x.present) :
						  best_requirement(&x);
			if (b.strs == NULL || lead.strs.n + b.strs->n > MAX_REQUIRED) {
				leading = 0;
			} else {
				set_add_all(&lead.strs, b.strs);
				lead.reach = lead_used ? r_max(lead.reach, b.reach) :
							 b.reach;
				lead.lookahead |= b.lookahead;
				if (!x.optional) {
					if (lead_used) {
						offer(&out, lead);
						lead = (conj){{0}, {0, 0, 0, 0, 0}, 0};
					}
					leading = 0;
				}
				lead_used = 1;
			}
		}
		for (size_t k = 0; k < x.nc; k++) {
			conj c = x.c[k];
			c.reach = r_add(before, c.reach);
			offer(&out, c);
		}
		x.nc = 0;
		if (out.exact_ok && !(x.exact_ok && multiply(&out.exact, &x.exact))) {
			set_free(&out.exact);
			out.exact_ok = 0;
		}
		if (!(x.exact_ok && multiply(&run, &x.exact))) {
			/* The run ends before this atom; an exact piece too large
			 * to multiply starts the next. */
			offer(&out, (conj){run, before, 0});
			run = EMPTY_SET;
			if (x.exact_ok) {
				run = x.exact;
				x.exact = EMPTY_SET;
			} else {
				set_add(&run, "", 0);
			}
		}
		before = r_add(before, x.maxlen);
		info_free(&x);
	}
	set_free(&lead.strs);
	out.maxlen = before;
	if (out.exact_ok) {
		/* Every requirement but a lookahead's is implied by the exact
		 * strings, which the caller multiplies further. */
		set_free(&run);
		size_t k = 0;
		for (size_t i = 0; i < out.nc; i++)
			if (out.c[i].lookahead)
				out.c[k++] = out.c[i];
			else
				set_free(&out.c[i].strs);
		out.nc = k;
	} else {
		offer(&out, (conj){run, before, 0});
	}
	return out;
}

static info parse_alt(parser *p)
{
	info out = parse_concat(p);
	if (p->i >= p->n || p->p[p->i] != '|' || p->fail)
		return out;
	/* Each branch must require something for the whole to. */
	conj any = req_copy(best_requirement(&out));
	int any_ok = any.strs.n > 0;
	while (p->i < p->n && p->p[p->i] == '|' && !p->fail) {
		p->i++;
		info x = parse_concat(p);
		out.maxlen = r_max(out.maxlen, x.maxlen);
		if (out.exact_ok && x.exact_ok &&
		    out.exact.n + x.exact.n <= MAX_STRINGS) {
			set_add_all(&out.exact, &x.exact);
		} else {
			set_free(&out.exact);
			out.exact_ok = 0;
		}
		req_view b = best_requirement(&x);
		if (any_ok && b.strs && any.strs.n + b.strs->n <= MAX_REQUIRED) {
			set_add_all(&any.strs, b.strs);
			any.reach = r_max(any.reach, b.reach);
			any.lookahead |= b.lookahead;
		} else {
			any_ok = 0;
		}
		info_free(&x);
	}
	for (size_t i = 0; i < out.nc; i++)
		set_free(&out.c[i].strs);
	out.nc = 0;
	if (any_ok && !out.exact_ok)
		offer(&out, any);
	else
		set_free(&any.strs);
	return out;
}

/* Whether needle[0..nl) occurs in hay[0..hl) (both short, with their
 * lengths known: cheaper than strstr). */
static int contains(const char *hay, size_t hl, const char *needle, size_t nl)
{
	if (nl == 0)
		return 1;
	for (size_t at = 0; at + nl <= hl; at++)
		if (hay[at] == needle[0] && memcmp(hay + at + 1, needle + 1, nl - 1) == 0)
			return 1;
	return 0;
}

/* The set for the caller, each string a block of its own, without every
 * string that contains another of the set: a text holding it holds the
 * shorter one, which ends no later. */
static void export_set(const strset *s, pl_literal_set *out)
{
	out->strings = pl_xmalloc((s->n ? s->n : 1) * sizeof(char *));
	out->count = 0;
	out->shortest = 0;
	/* Each string's bytes as bits (byte & 63): a string can contain
	 * another only if it has all of the other's bits, which rules out
	 * most of the n * n pairs without a search. */
	uint64_t *bits = pl_xmalloc((s->n ? s->n : 1) * sizeof(*bits));
	for (size_t i = 0; i < s->n; i++) {
		bits[i] = 0;
		for (size_t k = 0; k < set_len(s, i); k++)
			bits[i] |= (uint64_t)1 << ((unsigned char)set_str(s, i)[k] & 63);
	}
	for (size_t i = 0; i < s->n; i++) {
		int drop = 0;
		for (size_t j = 0; j < s->n && !drop; j++)
			drop = set_len(s, j) < set_len(s, i) &&
			       (bits[j] & ~bits[i]) == 0 &&
			       contains(set_str(s, i), set_len(s, i),
					set_str(s, j), set_len(s, j));
		if (drop)
			continue;
		if (out->count == 0 || set_len(s, i) < out->shortest)
			out->shortest = set_len(s, i);
		out->strings[out->count++] = pl_xstrndup(set_str(s, i), set_len(s, i));
	}
	free(bits);
}

size_t pl_literals_required(const char *pattern, size_t len,
			    pl_literal_set *sets)
{
	return pl_literals_required_memo(NULL, pattern, len, sets);
}

size_t pl_literals_required_memo(pl_literal_memo *memo, const char *pattern,
				 size_t len, pl_literal_set *sets)
{
	parser p = {pattern, 0, len, 0, memo};
	info x = parse_alt(&p);
	size_t n = 0;
	if (!p.fail && p.i == len) {
		offer_exact(&x);
		for (size_t i = 0; i < x.nc; i++) {
			export_set(&x.c[i].strs, &sets[n]);
			sets[n].reach = x.c[i].reach;
			sets[n].in_lookahead = x.c[i].lookahead;
			n++;
		}
	}
	info_free(&x);
	return n;
}

void pl_literal_sets_free(pl_literal_set *sets, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < sets[i].count; k++)
			free(sets[i].strings[k]);
		free(sets[i].strings);
		sets[i].strings = NULL;
		sets[i].count = 0;
	}
}
