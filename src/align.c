/*
 * align.c: pairing the sentences of two versions of a policy (align.h).
 *
 * Like a line diff, but over sentences known by their words, so that
 * re-wrapping, re-quoting or re-formatting a paragraph changes nothing:
 *
 *  1. sentences whose words occur once in each version are anchors; the
 *     longest run of anchors in the same order in both (patience diff)
 *     is the frame the rest is placed in;
 *  2. between two anchors, equal sentences are paired in order (repeated
 *     sentences such as "Cookies" headings);
 *  3. equal sentences left over anywhere are moved;
 *  4. between the same kept neighbours, a gone sentence and an added one
 *     that share most of their words are the same sentence reworded; then
 *     leftovers anywhere, if they share even more.
 *
 * Cost: sorting, plus the word-set comparisons of step 4, bounded so that a
 * rewrite of a long policy stays linear in practice.
 */
#include <stdlib.h>
#include <string.h>

#include "align.h"
#include "words.h"

#define REWORDED_NEAR 0.4       /* between the same neighbours */
#define REWORDED_FAR 0.6        /* anywhere */
#define CONTAINED 0.8           /* ... or one holding the other's words */
#define CONTAINED_MIN 6         /* (at least this many of them) */
#define COMPARE_BUDGET 2000000  /* word-set comparisons per step */

/* ---- One version --------------------------------------------------------- */

static int collect_word(const char *w, size_t len, void *arg)
{
	pl_version *v = arg;
	PL_PUSH(v->wordset, v->nwordset, v->wordset_cap,
		pl_word_stem_hash(w, len));
	return 0;
}

static int compare_u64(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a,
			   y = *(const unsigned long long *)b;
	return x < y ? -1 : x > y;
}

/* The distinct words of prose[0..n), sorted, appended to v's word set. */
static void add_words(pl_version *v, pl_vsentence *s, const char *prose,
		      size_t n)
{
	size_t first = v->nwordset;
	pl_words_each(prose, n, PL_WORDS_PROSE, collect_word, v);
	size_t count = v->nwordset - first;
	s->words = first;
	s->nwords = 0;
	if (count == 0)
		return;         /* wordset may still be NULL: no arithmetic on it */
	unsigned long long *w = v->wordset + first;
	if (count > 1)
		qsort(w, count, sizeof(*w), compare_u64);
	size_t u = 0;
	for (size_t k = 0; k < count; k++)
		if (u == 0 || w[k] != w[u - 1])
			w[u++] = w[k];
	v->nwordset = first + u;
	s->words = first;
	s->nwords = u;
}

void pl_version_init(pl_version *v, const pl_result *r)
{
	memset(v, 0, sizeof(*v));
	v->r = r;
	pl_extract(&v->text, r->format, r->src, r->src_len);
	v->s = pl_xcalloc(v->text.nsentences + 1, sizeof(*v->s));
	for (size_t i = 0; i < v->text.nsentences; i++) {
		const pl_sentence *st = &v->text.sentences[i];
		pl_vsentence *s = &v->s[v->n++];
		size_t len;
		s->src_start = pl_text_range_to_src(&v->text, st->start, st->end,
						    &len);
		s->src_end = s->src_start + len;
		s->key = pl_words_hash(PL_WORDS_SEED, v->text.prose + st->start,
				       st->end - st->start, PL_WORDS_PROSE);
		add_words(v, s, v->text.prose + st->start, st->end - st->start);
		s->partner = -1;
	}
}

void pl_version_free(pl_version *v)
{
	pl_text_free(&v->text);
	free(v->s);
	free(v->wordset);
	memset(v, 0, sizeof(*v));
}

long pl_version_sentence_at(const pl_version *v, size_t off)
{
	size_t lo = 0, hi = v->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->s[mid].src_start <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == 0)
		return -1;
	/* The last sentence starting at or before off; a hit may start in
	 * a list marker or a quote just before it, so off need not be past
	 * the sentence's own start. */
	return (long)lo - 1;
}

const char *pl_version_prose(const pl_version *v, size_t i, size_t *len)
{
	const pl_sentence *st = &v->text.sentences[i];
	*len = st->end - st->start;
	return v->text.prose + st->start;
}

const char *pl_version_heading(const pl_version *v, size_t i, size_t *len)
{
	long h = v->text.sentences[i].heading;
	if (h < 0) {
		*len = 0;
		return NULL;
	}
	const pl_block *b = &v->text.blocks[h];
	*len = b->end - b->start;
	return v->text.prose + b->start;
}

/* The number of words sentences a[i] and b[k] share. */
static size_t common_words(const pl_version *a, size_t i, const pl_version *b,
			   size_t k)
{
	const pl_vsentence *x = &a->s[i], *y = &b->s[k];
	const unsigned long long *p = a->wordset + x->words,
				 *q = b->wordset + y->words;
	size_t m = 0, u = 0, w = 0;
	while (u < x->nwords && w < y->nwords) {
		if (p[u] == q[w]) {
			m++;
			u++;
			w++;
		} else if (p[u] < q[w]) {
			u++;
		} else {
			w++;
		}
	}
	return m;
}

double pl_align_similarity(const pl_version *a, size_t i, const pl_version *b,
			   size_t k)
{
	size_t total = a->s[i].nwords + b->s[k].nwords;
	return total ? 2.0 * (double)common_words(a, i, b, k) / (double)total : 0;
}

double pl_align_containment(const pl_version *a, size_t i, const pl_version *b,
			    size_t k, size_t *common)
{
	size_t m = common_words(a, i, b, k);
	size_t least = a->s[i].nwords < b->s[k].nwords ? a->s[i].nwords :
							   b->s[k].nwords;
	if (common)
		*common = m;
	return least ? (double)m / (double)least : 0;
}

/* ---- Pairing ------------------------------------------------------------- */

typedef struct {
	unsigned long long key;
	size_t index;
} keyed;

static int compare_keyed(const void *a, const void *b)
{
	const keyed *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* The sentences of v that have words, sorted by key. */
static keyed *sorted_keys(const pl_version *v, size_t *n)
{
	keyed *k = pl_xmalloc((v->n + 1) * sizeof(*k));
	*n = 0;
	for (size_t i = 0; i < v->n; i++)
		if (v->s[i].nwords > 0)
			k[(*n)++] = (keyed){v->s[i].key, i};
	qsort(k, *n, sizeof(*k), compare_keyed);
	return k;
}

static void pair(pl_version *old, size_t i, pl_version *cur, size_t k,
		 pl_align_kind how, int chained)
{
	old->s[i].partner = (long)k;
	cur->s[k].partner = (long)i;
	old->s[i].how = cur->s[k].how = how;
	old->s[i].chained = cur->s[k].chained = chained;
}

/* Step 1: anchors (words unique in both versions), then the longest
 * increasing run of them (patience sorting), which are chained. */
static void chain_anchors(pl_version *old, pl_version *cur)
{
	size_t no, nc;
	keyed *ko = sorted_keys(old, &no), *kc = sorted_keys(cur, &nc);
	keyed *anchors = pl_xmalloc((no + 1) * sizeof(*anchors));
	size_t na = 0;
	for (size_t a = 0, c = 0; a < no && c < nc;) {
		if (ko[a].key != kc[c].key) {
			if (ko[a].key < kc[c].key)
				a++;
			else
				c++;
			continue;
		}
		size_t a2 = a, c2 = c;
		while (a2 < no && ko[a2].key == ko[a].key)
			a2++;
		while (c2 < nc && kc[c2].key == kc[c].key)
			c2++;
		if (a2 - a == 1 && c2 - c == 1)   /* old index, cur index */
			anchors[na++] = (keyed){ko[a].index, kc[c].index};
		a = a2;
		c = c2;
	}
	/* anchors[].key holds the old index: sort by it. */
	qsort(anchors, na, sizeof(*anchors), compare_keyed);
	size_t *tails = pl_xmalloc((na + 1) * sizeof(*tails));
	size_t *prev = pl_xmalloc((na + 1) * sizeof(*prev));
	size_t len = 0;
	for (size_t i = 0; i < na; i++) {
		size_t lo = 0, hi = len;
		while (lo < hi) {
			size_t mid = (lo + hi) / 2;
			if (anchors[tails[mid]].index < anchors[i].index)
				lo = mid + 1;
			else
				hi = mid;
		}
		prev[i] = lo > 0 ? tails[lo - 1] : (size_t)-1;
		tails[lo] = i;
		if (lo == len)
			len++;
	}
	for (size_t i = len ? tails[len - 1] : (size_t)-1; i != (size_t)-1;
	     i = prev[i])
		pair(old, (size_t)anchors[i].key, cur, anchors[i].index,
		     PL_ALIGN_SAME, 1);
	free(tails);
	free(prev);
	free(anchors);
	free(ko);
	free(kc);
}

/* The gaps between chained pairs: calls fn for old [a0, a1) and cur
 * [c0, c1) of each. */
typedef void (*gap_fn)(pl_version *old, size_t a0, size_t a1,
		       pl_version *cur, size_t c0, size_t c1, void *arg);

static void each_gap(pl_version *old, pl_version *cur, gap_fn fn, void *arg)
{
	size_t a0 = 0, c0 = 0;
	for (size_t i = 0; i <= old->n; i++) {
		if (i < old->n && !old->s[i].chained)
			continue;
		size_t c1 = i < old->n ? (size_t)old->s[i].partner : cur->n;
		if (i > a0 || c1 > c0)
			fn(old, a0, i, cur, c0, c1, arg);
		a0 = i + 1;
		c0 = c1 + 1;
	}
}

/* Step 2: equal sentences within a gap, in order (within a budget of
 * comparisons: what it leaves is paired as moved, in step 3). */
static void gap_in_order(pl_version *old, size_t a0, size_t a1,
			 pl_version *cur, size_t c0, size_t c1, void *arg)
{
	size_t *budget = arg;
	size_t pos = c0;
	for (size_t i = a0; i < a1 && pos < c1; i++) {
		if (old->s[i].nwords == 0 || old->s[i].partner >= 0)
			continue;
		if (*budget < c1 - pos)
			return;
		*budget -= c1 - pos;
		for (size_t k = pos; k < c1; k++)
			if (cur->s[k].partner < 0 && cur->s[k].key == old->s[i].key) {
				pair(old, i, cur, k, PL_ALIGN_SAME, 1);
				pos = k + 1;
				break;
			}
	}
}

/* Step 3: equal sentences left anywhere. */
static void pair_moved(pl_version *old, pl_version *cur)
{
	size_t no, nc;
	keyed *ko = sorted_keys(old, &no), *kc = sorted_keys(cur, &nc);
	for (size_t a = 0, c = 0; a < no && c < nc;) {
		const pl_vsentence *x = &old->s[ko[a].index],
				   *y = &cur->s[kc[c].index];
		if (x->partner >= 0) {
			a++;
		} else if (y->partner >= 0) {
			c++;
		} else if (ko[a].key == kc[c].key) {
			pair(old, ko[a].index, cur, kc[c].index, PL_ALIGN_MOVED, 0);
			a++;
			c++;
		} else if (ko[a].key < kc[c].key) {
			a++;
		} else {
			c++;
		}
	}
	free(ko);
	free(kc);
}

/* Step 4: reworded sentences, the most alike first. */
typedef struct {
	double sim;
	size_t i, k;
} candidate;

static int compare_candidates(const void *a, const void *b)
{
	const candidate *x = a, *y = b;
	if (x->sim != y->sim)
		return x->sim > y->sim ? -1 : 1;
	if (x->i != y->i)
		return x->i < y->i ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

typedef struct {
	double threshold;
	size_t budget;
	int containment;        /* also pair a sentence holding the other */
} reword_state;

static void gap_reworded(pl_version *old, size_t a0, size_t a1,
			 pl_version *cur, size_t c0, size_t c1, void *arg)
{
	reword_state *rs = arg;
	candidate *cands = NULL;
	size_t n = 0, cap = 0;
	for (size_t i = a0; i < a1; i++) {
		if (old->s[i].partner >= 0 || old->s[i].nwords == 0)
			continue;
		for (size_t k = c0; k < c1 && rs->budget > 0; k++) {
			if (cur->s[k].partner >= 0 || cur->s[k].nwords == 0)
				continue;
			rs->budget--;
			double sim = pl_align_similarity(old, i, cur, k);
			size_t common;
			if (rs->containment && sim < rs->threshold &&
			    pl_align_containment(old, i, cur, k, &common) >= CONTAINED &&
			    common >= CONTAINED_MIN)
				sim = rs->threshold;
			if (sim >= rs->threshold)
				PL_PUSH(cands, n, cap, ((candidate){sim, i, k}));
		}
	}
	if (n > 1)
		qsort(cands, n, sizeof(*cands), compare_candidates);
	for (size_t j = 0; j < n; j++)
		if (old->s[cands[j].i].partner < 0 && cur->s[cands[j].k].partner < 0)
			pair(old, cands[j].i, cur, cands[j].k, PL_ALIGN_REWORDED, 0);
	free(cands);
}

void pl_align(pl_version *old, pl_version *cur)
{
	chain_anchors(old, cur);
	size_t in_order = COMPARE_BUDGET * 10;
	each_gap(old, cur, gap_in_order, &in_order);
	pair_moved(old, cur);
	reword_state near = {REWORDED_NEAR, COMPARE_BUDGET, 1};
	each_gap(old, cur, gap_reworded, &near);
	reword_state far = {REWORDED_FAR, COMPARE_BUDGET, 1};
	gap_reworded(old, 0, old->n, cur, 0, cur->n, &far);
}

size_t pl_align_place(const pl_version *old, const pl_version *cur, size_t i)
{
	if (i < old->n && old->s[i].partner >= 0)
		return cur->s[old->s[i].partner].src_start;
	for (size_t j = i + 1; j < old->n; j++)
		if (old->s[j].chained)
			return cur->s[old->s[j].partner].src_start;
	for (size_t j = i < old->n ? i : old->n; j-- > 0;)
		if (old->s[j].chained)
			return cur->s[old->s[j].partner].src_end;
	return 0;
}
