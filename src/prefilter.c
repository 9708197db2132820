/*
 * prefilter.c: one pass over a text that says, for every pattern, where a
 * match of it can start.
 *
 * Each pattern ("slot") comes with up to three sets of literals, each
 * such that every match contains one of its strings, ending at most a
 * bounded number of bytes after the match's start (literals.c).  All the
 * literals of all slots go into one Aho-Corasick automaton, turned into a
 * table-driven DFA over byte classes, so that a text is read once, byte
 * by byte, whatever the number of patterns; the pass records where each
 * literal ends.  The text is folded as it is read, the way PCRE2 folds it
 * in caseless mode for these literals: ASCII letters to lower case, the
 * Kelvin sign to 'k' and the long s to 's' (the only non-ASCII characters
 * whose case partners are ASCII).
 *
 * A literal ending at e, of a set whose strings end at most r bytes after
 * a match's start and are at least m bytes long, allows a match to start
 * in [e - r, e - m].  A slot's possible starts are the intersection, over
 * its sets, of the union of those windows; the scanner runs the pattern's
 * regular expression only from there (PCRE2's offset limit stops it at
 * the window's end).  The bounds depend on the text's longest runs of
 * white space and of word characters, which the same pass measures; a
 * pattern whose sets are all unbounded is searched in the blocks that
 * hold one of its best set's literals.
 */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "util.h"
#include "wire.h"

/* A window wider than this is not worth computing: the set is then left
 * out for the text. */
#define MAX_WINDOW 4096

typedef uint32_t state_t;

typedef struct {
	uint32_t *lits;         /* literal ids */
	size_t nlits;
	pl_reach reach;
	size_t shortest;
	int in_lookahead;
} slot_set;

typedef struct {
	slot_set sets[PL_LITERAL_SETS];
	size_t nsets;
	int fallback;           /* the set whose blocks are searched when none
	                           is bounded: the best outside lookaheads */
} slot_info;

struct pl_prefilter {
	/* The DFA: next[state * nclasses + class], held in 16 bits a state
	 * (next16, next NULL) whenever the states fit, as the default rule
	 * set's 8,000 do: half the memory, and twice the rows in the cache
	 * of the one pass that reads it for every byte of every text. */
	state_t *next;
	uint16_t *next16;
	size_t nstates, nclasses;
	unsigned char byte_class[256];
	/* What each state reports: outputs[out_start[s] .. out_start[s+1])
	 * are the literals that end there. */
	uint32_t *out_start;
	uint32_t *outputs;
	size_t nlits;
	slot_info *slots;
	size_t nslots;
};

/* ---- Building ------------------------------------------------------------- */

/* The trie of the literals, built in the transition table itself: row u
 * holds u's children by byte class (0: none; the root is 0 and no one's
 * child) until the breadth-first pass below turns it into the DFA's
 * row, so no second table of the same size is ever held. */
typedef struct {
	state_t *next;          /* count rows of nclasses */
	uint32_t *fail;
	long *literal;          /* the literal ending exactly here, or -1 */
	size_t count, cap, nclasses;
} trie;

static uint32_t trie_add_node(trie *t)
{
	if (t->count == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->next = pl_xrealloc(t->next, t->cap * t->nclasses * sizeof(state_t));
		t->fail = pl_xrealloc(t->fail, t->cap * sizeof(uint32_t));
		t->literal = pl_xrealloc(t->literal, t->cap * sizeof(long));
	}
	memset(t->next + t->count * t->nclasses, 0, t->nclasses * sizeof(state_t));
	t->fail[t->count] = 0;
	t->literal[t->count] = -1;
	return (uint32_t)t->count++;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* Distinct literal strings, by hash. */
typedef struct {
	const char **strings;
	size_t count, cap;
	long *table;            /* index into strings, -1: empty */
	size_t table_size;
} literal_table;

static size_t hash_string(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static uint32_t literal_id(literal_table *lt, const char *s)
{
	size_t mask = lt->table_size - 1, h = hash_string(s) & mask;
	while (lt->table[h] >= 0) {
		if (strcmp(lt->strings[lt->table[h]], s) == 0)
			return (uint32_t)lt->table[h];
		h = (h + 1) & mask;
	}
	lt->table[h] = (long)lt->count;
	PL_PUSH(lt->strings, lt->count, lt->cap, s);
	return (uint32_t)(lt->count - 1);
}

/* The transition table in 16 bits a state when every state fits. */
static void narrow_table(pl_prefilter *pf)
{
	if (pf->nstates > (size_t)UINT16_MAX + 1)
		return;
	size_t cells = pf->nstates * pf->nclasses;
	pf->next16 = pl_xmalloc((cells + 1) * sizeof(uint16_t));
	for (size_t i = 0; i < cells; i++)
		pf->next16[i] = (uint16_t)pf->next[i];
	free(pf->next);
	pf->next = NULL;
}

/* The state after s on a byte of class c. */
static inline state_t next_state(const pl_prefilter *pf, state_t s, size_t c)
{
	size_t cell = (size_t)s * pf->nclasses + c;
	return pf->next16 ? pf->next16[cell] : pf->next[cell];
}

/* The automaton over every distinct literal. */
static void build_automaton(pl_prefilter *pf, const literal_table *lt)
{
	/* Byte classes: each byte a literal uses is a class of its own, the
	 * others share class 0; an upper-case letter reads as its lower
	 * case. */
	unsigned char used[256] = {0};
	for (size_t l = 0; l < lt->count; l++)
		for (const unsigned char *p = (const unsigned char *)lt->strings[l];
		     *p; p++)
			used[*p] = 1;
	size_t nc = 1;
	for (int b = 0; b < 256; b++)
		pf->byte_class[b] = used[b] ? (unsigned char)nc++ : 0;
	for (int b = 'A'; b <= 'Z'; b++)
		pf->byte_class[b] = pf->byte_class[fold((unsigned char)b)];
	pf->nclasses = nc;

	trie t = {NULL, NULL, NULL, 0, 0, nc};
	trie_add_node(&t);
	for (size_t l = 0; l < lt->count; l++) {
		uint32_t at = 0;
		for (const unsigned char *p = (const unsigned char *)lt->strings[l];
		     *p; p++) {
			size_t cell = (size_t)at * nc + pf->byte_class[*p];
			if (t.next[cell] == 0) {
				uint32_t n = trie_add_node(&t);
				t.next[cell] = n;       /* t.next may have moved */
			}
			at = t.next[cell];
		}
		t.literal[at] = (long)l;
	}

	/* Failure links breadth first; a row becomes the DFA's when its state
	 * is taken from the queue (its failure state, shallower, is final by
	 * then), and a state reports its own literal and its failure
	 * state's. */
	pf->nstates = t.count;
	pf->next = pl_xrealloc(t.next, t.count * nc * sizeof(state_t));
	uint32_t *queue = pl_xmalloc(t.count * sizeof(uint32_t));
	uint32_t **outs = pl_xcalloc(t.count, sizeof(*outs));
	size_t *nouts = pl_xcalloc(t.count, sizeof(*nouts));
	size_t head = 0, tail = 0, total = 0;
	queue[tail++] = 0;
	while (head < tail) {
		uint32_t u = queue[head++];
		if (u != 0) {
			size_t f = t.fail[u], own = t.literal[u] >= 0;
			nouts[u] = own + nouts[f];
			outs[u] = pl_xmalloc((nouts[u] + 1) * sizeof(uint32_t));
			if (own)
				outs[u][0] = (uint32_t)t.literal[u];
			if (nouts[f])
				memcpy(outs[u] + own, outs[f],
				       nouts[f] * sizeof(uint32_t));
			total += nouts[u];
		}
		for (size_t c = 0; c < nc; c++) {
			state_t *cell = &pf->next[(size_t)u * nc + c];
			state_t via_fail = u == 0 ? 0 :
					   pf->next[(size_t)t.fail[u] * nc + c];
			if (*cell) {
				t.fail[*cell] = via_fail;
				queue[tail++] = *cell;
			} else {
				*cell = via_fail;
			}
		}
	}
	pf->out_start = pl_xcalloc(t.count + 1, sizeof(uint32_t));
	pf->outputs = pl_xmalloc((total + 1) * sizeof(uint32_t));
	size_t at = 0;
	for (size_t s = 0; s < t.count; s++) {
		pf->out_start[s] = (uint32_t)at;
		if (nouts[s])
			memcpy(pf->outputs + at, outs[s], nouts[s] * sizeof(uint32_t));
		at += nouts[s];
		free(outs[s]);
	}
	pf->out_start[t.count] = (uint32_t)at;
	free(outs);
	free(nouts);
	free(queue);
	free(t.fail);
	free(t.literal);
	narrow_table(pf);
}

pl_prefilter *pl_prefilter_build(const pl_literal_set *const *sets,
				 const size_t *nsets, size_t nslots)
{
	pl_prefilter *pf = pl_xcalloc(1, sizeof(*pf));
	pf->nslots = nslots;
	pf->slots = pl_xcalloc(nslots + 1, sizeof(*pf->slots));
	size_t total = 0;
	for (size_t s = 0; s < nslots; s++)
		for (size_t j = 0; j < nsets[s]; j++)
			total += sets[s][j].count;
	literal_table lt = {NULL, 0, 0, NULL, 16};
	while (lt.table_size < 2 * total)
		lt.table_size *= 2;
	lt.table = pl_xmalloc(lt.table_size * sizeof(long));
	for (size_t i = 0; i < lt.table_size; i++)
		lt.table[i] = -1;
	for (size_t s = 0; s < nslots; s++) {
		slot_info *si = &pf->slots[s];
		si->nsets = nsets[s] < PL_LITERAL_SETS ? nsets[s] : PL_LITERAL_SETS;
		si->fallback = -1;
		for (size_t j = 0; j < si->nsets; j++) {
			const pl_literal_set *ls = &sets[s][j];
			slot_set *ss = &si->sets[j];
			ss->lits = pl_xmalloc((ls->count + 1) * sizeof(uint32_t));
			ss->nlits = ls->count;
			for (size_t k = 0; k < ls->count; k++)
				ss->lits[k] = literal_id(&lt, ls->strings[k]);
			ss->reach = ls->reach;
			ss->shortest = ls->shortest;
			ss->in_lookahead = ls->in_lookahead;
			if (si->fallback < 0 && !ls->in_lookahead)
				si->fallback = (int)j;
		}
	}
	pf->nlits = lt.count;
	build_automaton(pf, &lt);
	free(lt.strings);
	free(lt.table);
	return pf;
}

size_t pl_prefilter_slots(const pl_prefilter *pf)
{
	return pf ? pf->nslots : 0;
}

size_t pl_prefilter_literals(const pl_prefilter *pf)
{
	return pf ? pf->nlits : 0;
}

size_t pl_prefilter_bytes(const pl_prefilter *pf)
{
	if (pf == NULL)
		return 0;
	size_t b = pf->nstates * pf->nclasses *
		   (pf->next16 ? sizeof(uint16_t) : sizeof(state_t)) +
		   (pf->nstates + 1) * sizeof(uint32_t) +
		   pf->out_start[pf->nstates] * sizeof(uint32_t) +
		   pf->nslots * sizeof(slot_info);
	for (size_t s = 0; s < pf->nslots; s++)
		for (size_t j = 0; j < pf->slots[s].nsets; j++)
			b += pf->slots[s].sets[j].nlits * sizeof(uint32_t);
	return b;
}

void pl_prefilter_free(pl_prefilter *pf)
{
	if (pf == NULL)
		return;
	for (size_t s = 0; s < pf->nslots; s++)
		for (size_t j = 0; j < pf->slots[s].nsets; j++)
			free(pf->slots[s].sets[j].lits);
	free(pf->slots);
	free(pf->next);
	free(pf->next16);
	free(pf->out_start);
	free(pf->outputs);
	free(pf);
}

/* ---- Kept on disk (rulecache.c) ------------------------------------------- */

static void put_u32s(pl_buf *b, const uint32_t *v, size_t n)
{
	if (n)
		pl_wire_put(b, v, n * sizeof(uint32_t));
}

void pl_prefilter_encode(const pl_prefilter *pf, pl_buf *b)
{
	pl_wire_put_u64(b, pf->nstates);
	pl_wire_put_u64(b, pf->nclasses);
	pl_wire_put(b, pf->byte_class, 256);
	size_t cells = pf->nstates * pf->nclasses;
	pl_wire_put_u32(b, pf->next16 ? 16 : 32);
	if (pf->next16)
		pl_wire_put(b, pf->next16, cells * sizeof(uint16_t));
	else
		put_u32s(b, pf->next, cells);
	put_u32s(b, pf->out_start, pf->nstates + 1);
	pl_wire_put_u64(b, pf->out_start[pf->nstates]);
	put_u32s(b, pf->outputs, pf->out_start[pf->nstates]);
	pl_wire_put_u64(b, pf->nlits);
	pl_wire_put_u64(b, pf->nslots);
	for (size_t s = 0; s < pf->nslots; s++) {
		const slot_info *si = &pf->slots[s];
		pl_wire_put_u32(b, (uint32_t)si->nsets);
		pl_wire_put_u32(b, (uint32_t)si->fallback);
		for (size_t j = 0; j < si->nsets; j++) {
			const slot_set *ss = &si->sets[j];
			pl_wire_put_u64(b, ss->nlits);
			put_u32s(b, ss->lits, ss->nlits);
			pl_wire_put_u64(b, ss->reach.bytes);
			pl_wire_put_u32(b, ss->reach.space_runs);
			pl_wire_put_u32(b, ss->reach.word_runs);
			pl_wire_put_u32(b, ss->reach.token_runs);
			pl_wire_put_u32(b, (uint32_t)ss->reach.unbounded);
			pl_wire_put_u64(b, ss->shortest);
			pl_wire_put_u32(b, (uint32_t)ss->in_lookahead);
		}
	}
}

/* n words of size bytes (4, or 2 for a narrow transition table), each
 * below limit (limit 0: any), malloc'd with one to spare (as the builder
 * allocates them); NULL and r bad on damage. */
static void *take_words(pl_wire_in *r, size_t n, size_t size, uint64_t limit)
{
	if (r->bad || n > (r->len - r->at) / size) {
		r->bad = 1;
		return NULL;
	}
	unsigned char *v = pl_xmalloc((n + 1) * size);
	if (n)
		memcpy(v, pl_wire_take(r, n * size), n * size);
	for (size_t i = 0; limit && i < n; i++) {
		uint64_t w = size == sizeof(uint16_t) ? ((const uint16_t *)v)[i]
						      : ((const uint32_t *)v)[i];
		if (w >= limit) {
			r->bad = 1;
			free(v);
			return NULL;
		}
	}
	return v;
}

static uint32_t *take_u32s(pl_wire_in *r, size_t n, uint64_t limit)
{
	return take_words(r, n, sizeof(uint32_t), limit);
}

static int decode_slot(pl_wire_in *r, slot_info *si, size_t nlits)
{
	uint32_t nsets = pl_wire_u32(r), fallback = pl_wire_u32(r);
	if (r->bad || nsets > PL_LITERAL_SETS ||
	    (fallback != UINT32_MAX && fallback >= nsets))
		return 0;
	si->fallback = fallback == UINT32_MAX ? -1 : (int)fallback;
	for (size_t j = 0; j < nsets; j++) {
		slot_set *ss = &si->sets[j];
		size_t n = pl_wire_count(r, sizeof(uint32_t));
		ss->lits = take_u32s(r, n, nlits);
		if (ss->lits == NULL)
			return 0;
		si->nsets = j + 1;      /* freed with the automaton from here */
		ss->nlits = n;
		ss->reach.bytes = (size_t)pl_wire_u64(r);
		ss->reach.space_runs = pl_wire_u32(r);
		ss->reach.word_runs = pl_wire_u32(r);
		ss->reach.token_runs = pl_wire_u32(r);
		ss->reach.unbounded = (int)pl_wire_u32(r);
		ss->shortest = (size_t)pl_wire_u64(r);
		ss->in_lookahead = (int)pl_wire_u32(r);
	}
	return !r->bad;
}

/* Every state, class, output and literal is checked to lie in its table,
 * so that an automaton read from a damaged file can never index past one. */
pl_prefilter *pl_prefilter_decode(pl_wire_in *r)
{
	pl_prefilter *pf = pl_xcalloc(1, sizeof(*pf));
	uint64_t nstates = pl_wire_u64(r), nclasses = pl_wire_u64(r);
	const unsigned char *bc = pl_wire_take(r, 256);
	if (r->bad || nstates == 0 || nstates >= UINT32_MAX || nclasses == 0 ||
	    nclasses > 256 || nstates > (r->len - r->at) / 2 / nclasses)
		goto bad;
	for (int b = 0; b < 256; b++)
		if (bc[b] >= nclasses)
			goto bad;
	memcpy(pf->byte_class, bc, 256);
	pf->nclasses = (size_t)nclasses;
	uint32_t width = pl_wire_u32(r);
	if (width == 16 && nstates <= (uint64_t)UINT16_MAX + 1)
		pf->next16 = take_words(r, (size_t)(nstates * nclasses),
					 sizeof(uint16_t), nstates);
	else if (width == 32)
		pf->next = take_u32s(r, (size_t)(nstates * nclasses), nstates);
	pf->out_start = take_u32s(r, (size_t)nstates + 1, 0);
	if ((pf->next == NULL && pf->next16 == NULL) || pf->out_start == NULL)
		goto bad;
	pf->nstates = (size_t)nstates;
	uint64_t noutputs = pl_wire_u64(r);
	if (r->bad || pf->out_start[0] != 0 || pf->out_start[nstates] != noutputs)
		goto bad;
	for (size_t s = 0; s < nstates; s++)
		if (pf->out_start[s] > pf->out_start[s + 1])
			goto bad;
	pf->outputs = take_u32s(r, (size_t)noutputs, 0);
	uint64_t nlits = pl_wire_u64(r);
	/* Each literal ends at a state of its own (the scan allocates per
	 * literal, so a count beyond that is refused). */
	if (pf->outputs == NULL || r->bad || nlits > nstates)
		goto bad;
	for (size_t i = 0; i < noutputs; i++)
		if (pf->outputs[i] >= nlits)
			goto bad;
	pf->nlits = (size_t)nlits;
	size_t nslots = pl_wire_count(r, 8);
	if (r->bad)
		goto bad;
	pf->slots = pl_xcalloc(nslots + 1, sizeof(*pf->slots));
	pf->nslots = nslots;
	for (size_t s = 0; s < nslots; s++)
		if (!decode_slot(r, &pf->slots[s], pf->nlits))
			goto bad;
	return pf;
bad:
	r->bad = 1;
	pl_prefilter_free(pf);
	return NULL;
}

/* ---- Scanning -------------------------------------------------------------- */

/* What a byte can be part of, for the longest runs: PCRE2's \s and \w with
 * Unicode properties, and anything but ASCII white space, over-approximated
 * (a run measured too long only widens windows).  Continuation bytes
 * belong to their character. */
enum { K_SPACE = 1, K_WORD = 2, K_TOKEN = 4, K_CONT = 8 };

static unsigned char byte_kind(unsigned c)
{
	if (c < 0x80) {
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return K_SPACE;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_')
			return K_WORD | K_TOKEN;
		return K_TOKEN;
	}
	if (c < 0xC0)
		return K_CONT;
	/* The lead bytes of every non-ASCII space: U+0085 and U+00A0 (C2),
	 * U+1680 and U+180E (E1), U+2000-U+205F (E2), U+3000 (E3). */
	if (c == 0xC2 || c == 0xE1 || c == 0xE2 || c == 0xE3)
		return K_SPACE | K_WORD | K_TOKEN;
	return K_WORD | K_TOKEN;
}

typedef struct {
	uint32_t lit, end;
} found;

/* Beyond this many literals found in one text, recording them costs more
 * memory than the prefilter saves time: the text is searched whole. */
#define MAX_FOUND ((size_t)1 << 23)

static void longest_runs(const unsigned char *p, size_t len, pl_runs *runs)
{
	unsigned char kinds[256];
	for (unsigned c = 0; c < 256; c++)
		kinds[c] = byte_kind(c);
	size_t rs = 0, rw = 0, rt = 0, ms = 0, mw = 0, mt = 0;
	unsigned char cur = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char k = kinds[p[i]];
		if (!(k & K_CONT))
			cur = k;
		rs = cur & K_SPACE ? rs + 1 : 0;
		rw = cur & K_WORD ? rw + 1 : 0;
		rt = cur & K_TOKEN ? rt + 1 : 0;
		ms = rs > ms ? rs : ms;
		mw = rw > mw ? rw : mw;
		mt = rt > mt ? rt : mt;
	}
	runs->space = ms;
	runs->word = mw;
	runs->token = mt;
}

void pl_prefilter_scan(const pl_prefilter *pf, const char *text, size_t len,
		       pl_occurrences *out)
{
	free(out->first);
	free(out->ends);
	out->first = NULL;
	out->ends = NULL;
	out->complete = 0;
	out->nlits = pf->nlits;
	if (len >= UINT32_MAX)
		return;
	out->first = pl_xcalloc(pf->nlits + 1, sizeof(uint32_t));

	const unsigned char *p = (const unsigned char *)text;
	longest_runs(p, len, &out->runs);

	found *hits = NULL;
	size_t nhits = 0, cap = 0;
	state_t s = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = p[i];
		/* The two non-ASCII characters that fold to ASCII letters:
		 * U+212A KELVIN SIGN (E2 84 AA) and U+017F LONG S (C5 BF). */
		if (c == 0xE2 && i + 2 < len && p[i + 1] == 0x84 && p[i + 2] == 0xAA) {
			c = 'k';
			i += 2;
		} else if (c == 0xC5 && i + 1 < len && p[i + 1] == 0xBF) {
			c = 's';
			i += 1;
		}
		s = next_state(pf, s, pf->byte_class[c]);
		uint32_t a = pf->out_start[s], b = pf->out_start[s + 1];
		if (a == b)
			continue;
		if (nhits + (b - a) > MAX_FOUND) {
			free(hits);
			return;
		}
		for (uint32_t k = a; k < b; k++) {
			found f = {pf->outputs[k], (uint32_t)(i + 1)};
			PL_PUSH(hits, nhits, cap, f);
			out->first[f.lit]++;
		}
	}
	/* Counts to offsets, then each literal's ends in text order. */
	uint32_t at = 0;
	for (size_t l = 0; l <= pf->nlits; l++) {
		uint32_t n = out->first[l];
		out->first[l] = at;
		at += n;
	}
	out->ends = pl_xmalloc((nhits + 1) * sizeof(uint32_t));
	uint32_t *fill = pl_xmalloc((pf->nlits + 1) * sizeof(uint32_t));
	memcpy(fill, out->first, (pf->nlits + 1) * sizeof(uint32_t));
	for (size_t h = 0; h < nhits; h++)
		out->ends[fill[hits[h].lit]++] = hits[h].end;
	free(fill);
	free(hits);
	out->complete = 1;
}

void pl_occurrences_free(pl_occurrences *occ)
{
	free(occ->first);
	free(occ->ends);
	free(occ->tmp);
	free(occ->bounds);
	free(occ->windows);
	free(occ->result);
	memset(occ, 0, sizeof(*occ));
}

/* ---- Where a slot can match ------------------------------------------------ */

/* Merges the sorted runs a[bounds[r] .. bounds[r + 1]) pairwise, pass by
 * pass, through b (as large as a): the literals' lists are each in text
 * order already, so this costs total * log(runs), with no comparison
 * function called.  Returns the buffer that holds the result. */
static uint32_t *merge_runs(uint32_t *a, uint32_t *b, size_t *bounds,
			    size_t nruns)
{
	while (nruns > 1) {
		size_t k = 0;
		for (size_t r = 0; r < nruns; r += 2) {
			size_t lo = bounds[r], mid = bounds[r + 1];
			size_t hi = r + 2 <= nruns ? bounds[r + 2] : mid;
			size_t i = lo, j = mid, o = lo;
			while (i < mid && j < hi)
				b[o++] = a[j] < a[i] ? a[j++] : a[i++];
			while (i < mid)
				b[o++] = a[i++];
			while (j < hi)
				b[o++] = a[j++];
			bounds[k++] = lo;
		}
		bounds[k] = bounds[nruns];
		nruns = k;
		uint32_t *t = a;
		a = b;
		b = t;
	}
	return a;
}

/* The ends of a set's literals, in text order: *n of them. */
static const uint32_t *set_ends(pl_occurrences *occ, const slot_set *ss,
				size_t *n, int *merged)
{
	const uint32_t *only = NULL;
	size_t total = 0, lists = 0;
	for (size_t k = 0; k < ss->nlits; k++) {
		size_t c = occ->first[ss->lits[k] + 1] - occ->first[ss->lits[k]];
		if (c) {
			only = occ->ends + occ->first[ss->lits[k]];
			total += c;
			lists++;
		}
	}
	*n = total;
	*merged = lists > 1;
	if (lists <= 1)
		return only;
	pl_grow((void **)&occ->tmp, &occ->tmp_cap, 2 * total, sizeof(uint32_t));
	pl_grow((void **)&occ->bounds, &occ->bounds_cap, lists + 1,
		sizeof(size_t));
	size_t at = 0, runs = 0;
	for (size_t k = 0; k < ss->nlits; k++) {
		size_t f = occ->first[ss->lits[k]], c = occ->first[ss->lits[k] + 1] - f;
		if (c == 0)
			continue;
		occ->bounds[runs++] = at;
		memcpy(occ->tmp + at, occ->ends + f, c * sizeof(uint32_t));
		at += c;
	}
	occ->bounds[runs] = at;
	return merge_runs(occ->tmp, occ->tmp + total, occ->bounds, runs);
}

/* The union of a set's windows [e - reach, e - shortest]. */
static void set_windows(const uint32_t *ends, size_t n, size_t reach,
			size_t shortest, pl_interval **out, size_t *cap,
			size_t *count)
{
	*count = 0;
	for (size_t i = 0; i < n; i++) {
		size_t e = ends[i];
		pl_interval w = {e > reach ? e - reach : 0,
				 e >= shortest ? e - shortest : 0};
		if (*count && w.lo <= (*out)[*count - 1].hi + 1) {
			if (w.hi > (*out)[*count - 1].hi)
				(*out)[*count - 1].hi = w.hi;
			continue;
		}
		pl_grow((void **)out, cap, *count + 1, sizeof(pl_interval));
		(*out)[(*count)++] = w;
	}
}

/* out = out intersected with b[0..nb), through the scratch buffer. */
static void intersect(pl_intervals *out, const pl_interval *b, size_t nb,
		      pl_interval **scratch, size_t *scratch_cap)
{
	const pl_interval *a = out->items;
	size_t na = out->count, i = 0, j = 0, k = 0;
	pl_grow((void **)scratch, scratch_cap, na + nb + 1, sizeof(pl_interval));
	pl_interval *res = *scratch;
	while (i < na && j < nb) {
		size_t lo = a[i].lo > b[j].lo ? a[i].lo : b[j].lo;
		size_t hi = a[i].hi < b[j].hi ? a[i].hi : b[j].hi;
		if (lo <= hi)
			res[k++] = (pl_interval){lo, hi};
		if (a[i].hi < b[j].hi)
			i++;
		else
			j++;
	}
	/* The result becomes out's buffer, out's the scratch. */
	pl_interval *old = out->items;
	size_t old_cap = out->cap;
	out->items = res;
	out->cap = *scratch_cap;
	out->count = k;
	*scratch = old;
	*scratch_cap = old_cap;
}

/* The regions of the blocks in which one of the set's literals ends. */
static void block_regions(const uint32_t *ends, size_t n,
			  const size_t *block_ends, size_t nblocks,
			  pl_intervals *out)
{
	size_t block = 0;
	for (size_t i = 0; i < n; i++) {
		size_t last = ends[i] - 1;      /* the literal's last byte */
		while (block < nblocks && block_ends[block] <= last)
			block++;
		if (block == nblocks)
			break;
		pl_interval r = {block ? block_ends[block - 1] : 0,
				 block_ends[block]};
		if (out->count && out->items[out->count - 1].lo == r.lo)
			continue;
		PL_PUSH(out->items, out->count, out->cap, r);
	}
}

/* The starts of the matches of the whole prose. */
static void prose_starts(const pl_prefilter *pf, pl_occurrences *occ,
			 const slot_info *si, const size_t *block_ends,
			 size_t nblocks, pl_slot_view *out)
{
	size_t order[PL_LITERAL_SETS], total[PL_LITERAL_SETS], reach[PL_LITERAL_SETS];
	size_t wide[PL_LITERAL_SETS];
	size_t n = 0, nwide = 0;
	(void)pf;
	for (size_t j = 0; j < si->nsets; j++) {
		size_t t = out->nends[j];
		if (t == 0)
			return;         /* a set none of whose strings occurs */
		size_t r = pl_reach_bytes(&si->sets[j].reach, &occ->runs);
		if (r > MAX_WINDOW) {
			if (!si->sets[j].in_lookahead)
				wide[nwide++] = j;
			continue;
		}
		/* By how often the set occurs, rarest first. */
		size_t at = n++;
		while (at > 0 && total[at - 1] > t) {
			order[at] = order[at - 1];
			total[at] = total[at - 1];
			reach[at] = reach[at - 1];
			at--;
		}
		order[at] = j;
		total[at] = t;
		reach[at] = r;
	}
	pl_intervals *iv = &out->starts;
	if (n == 0) {
		if (si->fallback < 0) {
			out->narrowed = 0;
			return;
		}
		block_regions(out->ends[si->fallback], out->nends[si->fallback],
			      block_ends, nblocks, iv);
	} else {
		size_t count;
		set_windows(out->ends[order[0]], out->nends[order[0]], reach[0],
			    si->sets[order[0]].shortest, &iv->items, &iv->cap,
			    &count);
		iv->count = count;
		for (size_t k = 1; k < n && iv->count; k++) {
			set_windows(out->ends[order[k]], out->nends[order[k]],
				    reach[k], si->sets[order[k]].shortest,
				    &occ->windows, &occ->windows_cap, &count);
			intersect(iv, occ->windows, count, &occ->result,
				  &occ->result_cap);
		}
	}
	/* A set too far from the match's start to give windows still says
	 * which blocks can hold a match: a match never leaves its block, so
	 * one in a block without any of the set's strings is impossible
	 * ("... is sold": the data noun opens the match, the verb that makes
	 * it a sale comes any number of words later). */
	for (size_t k = 0; k < nwide && iv->count; k++) {
		if (n == 0 && (long)wide[k] == si->fallback)
			continue;       /* its blocks are the starts already */
		pl_intervals blocks = {occ->windows, 0, occ->windows_cap};
		block_regions(out->ends[wide[k]], out->nends[wide[k]], block_ends,
			      nblocks, &blocks);
		occ->windows = blocks.items;
		occ->windows_cap = blocks.cap;
		intersect(iv, blocks.items, blocks.count, &occ->result,
			  &occ->result_cap);
	}
}

void pl_prefilter_view(const pl_prefilter *pf, pl_occurrences *occ, long slot,
		       const size_t *block_ends, size_t nblocks,
		       pl_slot_view *out)
{
	memset(out, 0, sizeof(*out));
	if (pf == NULL || !occ->complete || slot < 0 ||
	    (size_t)slot >= pf->nslots)
		return;
	const slot_info *si = &pf->slots[slot];
	out->narrowed = 1;
	out->nsets = si->nsets;
	for (size_t j = 0; j < si->nsets; j++) {
		size_t n;
		int merged;
		const uint32_t *e = set_ends(occ, &si->sets[j], &n, &merged);
		/* One literal's list is the occurrences' own, which live as
		 * long as the view (both are the scanner's, for one text); a
		 * merge is in scratch space the next view reuses. */
		if (merged) {
			out->merged[j] = pl_xmalloc(n * sizeof(uint32_t));
			memcpy(out->merged[j], e, n * sizeof(uint32_t));
			e = out->merged[j];
		}
		out->ends[j] = e;
		out->nends[j] = n;
		out->shortest[j] = si->sets[j].shortest;
	}
	prose_starts(pf, occ, si, block_ends, nblocks, out);
	/* The starts were built in scratch buffers sized for the inputs of
	 * an intersection; a view is kept for the whole text, so it keeps
	 * only what it holds. */
	pl_intervals *iv = &out->starts;
	if (iv->items && iv->cap > iv->count + 16) {
		size_t keep = iv->count ? iv->count : 1;
		iv->items = pl_xrealloc(iv->items, keep * sizeof(pl_interval));
		iv->cap = keep;
	}
}

void pl_slot_view_free(pl_slot_view *v)
{
	for (size_t j = 0; j < v->nsets; j++)
		free(v->merged[j]);
	free(v->starts.items);
	memset(v, 0, sizeof(*v));
}

int pl_slot_view_may_match_in(const pl_slot_view *v, size_t from, size_t to)
{
	if (!v->narrowed)
		return 1;
	for (size_t j = 0; j < v->nsets; j++) {
		/* the first end at or after from + shortest */
		size_t want = from + v->shortest[j], lo = 0, hi = v->nends[j];
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (v->ends[j][mid] < want)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo == v->nends[j] || v->ends[j][lo] > to)
			return 0;
	}
	return 1;
}
