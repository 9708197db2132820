/*
 * conflicts.c: statements, and the statements that contradict each other.
 *
 * PolicyLint compared (actor, collect|not_collect, data) triples and most of
 * what it reported did not hold up: different actions ("never sell" against
 * "we share"), terms that did not really overlap, and negatives whose
 * exceptions allowed the positive.  This finder is built against those
 * failures:
 *
 *  - actions stay apart (collect, use, share, sell, transfer abroad, retain,
 *    track), each a set of verb patterns from the YAML;
 *  - a statement is read per clause, with its actor (only the company's own
 *    statements count), its polarity (negation before the verb, or "no"
 *    right after it), and the data, recipients, places and purposes of its
 *    clause, each a term of a YAML ontology with parent links;
 *  - qualifiers decide what a statement claims: exceptions and "only" carve
 *    out what they name, consent and other conditions make a negative
 *    conditional, the law covers compelled disclosures, hypotheticals and
 *    past practice are no present claim, a scope (children, e-mails, other
 *    websites) or a purpose narrows a negative to that scope or purpose;
 *  - a conflict needs a positive whose data and recipients lie inside the
 *    negative's: a broad positive against a narrow negative is consistent.
 *
 * Only the company's own statements are compared, one action at a time,
 * each against a bounded number of statements of the other polarity, so
 * the cost stays linear in the policy's length.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "util.h"

#define MAX_TERMS 8
/* Negative statements compared per action.  Negative claims are few in any
 * real policy; the bound keeps the cost linear even on a pathological one. */
#define MAX_COMPARED 256

typedef struct {
	size_t v[MAX_TERMS];
	unsigned n;
} termset;

/* One match of a vocabulary term in the sentence being read. */
typedef struct {
	pl_vocab_kind kind;
	size_t term;
	size_t start, end;      /* relative to the sentence */
	int inverse;            /* an action's inverse verb ("delete") */
	int dead;               /* covered by a longer match of its kind */
} cmatch;

/* A vocabulary match of the whole text, with the sentence it lies in. */
typedef struct {
	size_t sentence;
	cmatch m;               /* start/end relative to the sentence */
} smatch;

/* A carve-out ("except ...", "only ...") as a span of the clause. */
typedef struct {
	size_t start, end;
	int only;
} carve;

typedef struct {
	size_t sentence;
	size_t start, end;      /* the clause, in prose */
	size_t action;
	int negative;
	int inverse;            /* said with an inverse verb ("we delete") */
	int home;               /* transfer: its places are where data stays */
	termset data, targets, purposes, scopes;
	unsigned effects;       /* 1 << pl_qual_effect */
	int carved;             /* has an exception or "only" */
	int carved_generic;     /* ... that names nothing ("except as
	                           described below") */
	int only_unnamed;       /* "we disclose it only to:" and a list the
	                           statement does not hold */
	termset ex_data, ex_targets, ex_purposes;
} stmt;

typedef struct {
	pl_scanner *sc;
	const pl_ruleset *rs;
	const pl_regex *clause_re, *home_re, *agent_re, *pronoun_re,
		*relative_re, *nor_re, *noun_re, *coord_re, *question_re,
		*subordinate_re, *participle_re, *relsubj_re, *infinitive_re,
		*purpose_re, *leading_if_re;
	/* the sentence being read */
	const char *s;
	size_t len, base, index;
	cmatch *m;
	size_t nm, mcap;
	/* every vocabulary match of the text, by sentence (see index_text) */
	smatch *all;
	size_t nall, allcap, next_all;
	carve *cv;
	size_t ncv, cvcap;
	/* every statement so far */
	stmt *st;
	size_t nst, stcap;
	long last_data;         /* statement whose data "it" refers to */
} finder;

#define HAS(st, e) (((st)->effects >> (e)) & 1u)

/* ---- Terms ------------------------------------------------------------ */

static const pl_terms *vocab(const finder *f, pl_vocab_kind k)
{
	return &f->rs->vocab[k];
}

/* Whether term a is term b or lies under it. */
static int inside(const pl_terms *v, size_t a, size_t b)
{
	for (size_t steps = 0; a != (size_t)-1 && steps <= v->count; steps++) {
		if (a == b)
			return 1;
		a = v->items[a].parent_index;
	}
	return 0;
}

static void termset_add(termset *ts, size_t t)
{
	for (unsigned i = 0; i < ts->n; i++)
		if (ts->v[i] == t)
			return;
	if (ts->n < MAX_TERMS)
		ts->v[ts->n++] = t;
}

/* The first pair (x in a, y in b) with x inside y; returns 1 and stores
 * them when there is one. */
static int find_inside(const pl_terms *v, const termset *a, const termset *b,
		       size_t *x, size_t *y)
{
	for (unsigned i = 0; i < a->n; i++)
		for (unsigned j = 0; j < b->n; j++)
			if (inside(v, a->v[i], b->v[j])) {
				if (x)
					*x = a->v[i];
				if (y)
					*y = b->v[j];
				return 1;
			}
	return 0;
}

/* Whether ts holds a recipient class broad enough to include any outside
 * party: a root ("anyone") or a child of one ("third parties"). */
static int broadest(const pl_terms *v, const termset *ts)
{
	for (unsigned i = 0; i < ts->n; i++) {
		size_t p = v->items[ts->v[i]].parent_index;
		if (p == (size_t)-1 || v->items[p].parent_index == (size_t)-1)
			return 1;
	}
	return 0;
}

/* ---- Matching one sentence -------------------------------------------- */

static int regex_at(finder *f, const pl_regex *re, size_t a, size_t b)
{
	return b > a && pl_regex_test(re, f->sc->ms, f->s + a, b - a) ==
				 PL_MATCH_FOUND;
}

/* The sentence's length without trailing spaces: what a match must fit. */
static size_t trimmed_end(const pl_text *t, size_t index)
{
	const pl_sentence *sent = &t->sentences[index];
	size_t end = sent->end;
	while (end > sent->start && isspace((unsigned char)t->prose[end - 1]))
		end--;
	return end;
}

typedef struct {
	finder *f;
	pl_vocab_kind kind;
	size_t term;
	int inverse;
} verb_search;

/* One match of an action verb: kept when it lies inside one sentence. */
static size_t visit_verb(pl_scanner *sc, const pl_regex *re, size_t ms,
			 size_t me, void *arg)
{
	(void)re;
	verb_search *vs = arg;
	finder *f = vs->f;
	const pl_text *t = &sc->text;
	long si = pl_text_sentence_at(t, ms);
	if (si >= 0 && me <= trimmed_end(t, (size_t)si)) {
		size_t base = t->sentences[si].start;
		smatch x = {(size_t)si, {vs->kind, vs->term, ms - base, me - base,
					 vs->inverse, 0}};
		PL_PUSH(f->all, f->nall, f->allcap, x);
	}
	return me > ms ? me : ms + 1;
}

/* Runs the patterns of one term over the whole prose (pl_scanner_search)
 * and keeps the matches that lie inside one sentence.  Used for the action
 * verbs, which every sentence must be searched for: one search per pattern
 * and window instead of one per pattern and sentence. */
static void match_patterns(finder *f, const pl_patterns *ps,
			   pl_vocab_kind kind, size_t term, int inverse)
{
	char owner[160];
	snprintf(owner, sizeof owner, "action '%s'",
		 vocab(f, kind)->items[term].id);
	verb_search vs = {f, kind, term, inverse};
	for (size_t p = 0; p < ps->count; p++)
		pl_scanner_search(f->sc, &ps->items[p], owner, visit_verb, &vs);
}

static void match_vocab(finder *f, pl_vocab_kind kind)
{
	const pl_terms *v = vocab(f, kind);
	for (size_t t = 0; t < v->count; t++) {
		match_patterns(f, &v->items[t].patterns, kind, t, 0);
		match_patterns(f, &v->items[t].inverse, kind, t, 1);
	}
}

/* The other vocabularies are searched only in sentences that hold an
 * action, one sentence at a time: most of a policy's sentences make no
 * claim, and these patterns are many.  The prefilter says which can
 * match in the sentence at all. */
static void match_in_sentence(finder *f, const pl_patterns *ps,
			      pl_vocab_kind kind, size_t term, int inverse)
{
	for (size_t p = 0; p < ps->count; p++) {
		if (!pl_scanner_may_match_in(f->sc, &ps->items[p], f->base,
					     f->base + f->len))
			continue;
		size_t pos = 0, ms, me;
		while (pos <= f->len &&
		       pl_regex_search(ps->items[p].re, f->sc->ms, f->s, f->len,
				       pos, &ms, &me) == PL_MATCH_FOUND) {
			cmatch m = {kind, term, ms, me, inverse, 0};
			PL_PUSH(f->m, f->nm, f->mcap, m);
			pos = me > ms ? me : ms + 1;
		}
	}
}

static void match_sentence_vocab(finder *f)
{
	for (int k = 0; k < PL_VOCAB_COUNT; k++) {
		const pl_terms *v = vocab(f, (pl_vocab_kind)k);
		if (k == PL_VOCAB_ACTION)
			continue;
		for (size_t t = 0; t < v->count; t++) {
			match_in_sentence(f, &v->items[t].patterns,
					  (pl_vocab_kind)k, t, 0);
			match_in_sentence(f, &v->items[t].inverse,
					  (pl_vocab_kind)k, t, 1);
		}
	}
}

static int compare_matches(const void *a, const void *b)
{
	const cmatch *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* A term inside a longer phrase of the same vocabulary is that phrase's
 * ("non-personal information" is not "personal information"), and a noun
 * that belongs to a recipient ("data brokers") is no data. */
static void drop_overlaps(finder *f)
{
	for (size_t i = 0; i < f->nm; i++) {
		cmatch *a = &f->m[i];
		if (a->kind == PL_VOCAB_ACTION || a->kind == PL_VOCAB_QUALIFIER)
			continue;
		for (size_t j = 0; j < f->nm && !a->dead; j++) {
			const cmatch *b = &f->m[j];
			int rival = b->kind == a->kind ||
				    (a->kind == PL_VOCAB_DATA &&
				     b->kind == PL_VOCAB_RECIPIENT);
			if (i == j || !rival || b->dead || b->start >= a->end ||
			    a->start >= b->end)
				continue;
			size_t la = a->end - a->start, lb = b->end - b->start;
			if (lb > la || (lb == la && j < i) ||
			    b->kind != a->kind)
				a->dead = 1;
		}
	}
}

static int compare_smatches(const void *a, const void *b)
{
	const smatch *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->m.start != y->m.start)
		return x->m.start < y->m.start ? -1 : 1;
	if (x->m.end != y->m.end)
		return x->m.end > y->m.end ? -1 : 1;
	if (x->m.kind != y->m.kind)
		return (int)x->m.kind - (int)y->m.kind;
	return x->m.term < y->m.term ? -1 : x->m.term > y->m.term;
}

/* Finds every action verb of the text once, sorted by sentence. */
static void index_text(finder *f)
{
	match_vocab(f, PL_VOCAB_ACTION);
	if (f->nall > 1)
		qsort(f->all, f->nall, sizeof(*f->all), compare_smatches);
	f->next_all = 0;
}

/* Copies the action matches of sentence index into f->m; returns whether
 * there is one (a sentence with no verb of ours claims nothing). */
static int take_matches(finder *f, size_t index)
{
	int action = 0;
	f->nm = 0;
	while (f->next_all < f->nall && f->all[f->next_all].sentence < index)
		f->next_all++;
	for (size_t i = f->next_all; i < f->nall && f->all[i].sentence == index; i++) {
		PL_PUSH(f->m, f->nm, f->mcap, f->all[i].m);
		action |= f->all[i].m.kind == PL_VOCAB_ACTION;
	}
	return action;
}

/* ---- Words ---------------------------------------------------------------- */

/* Words that may stand between a subject and its verb without being a
 * subject or a verb themselves: auxiliaries, negations, adverbs. */
static int aux_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"can", "could", "may", "might", "will", "would", "shall",
		"should", "must", "do", "does", "did", "not", "never", "also",
		"then", "still", "ever", "only", "is", "are", "was", "were",
		"be", "been", "being", "have", "has", "had", "to", "and", "or",
		"nor", "no", "longer", "further", "either", "neither", "choose",
		"chooses", "decide", "decides", "want", "wants", "need",
		"needs", "able", "cannot", "not", "we'll", "we've", "won't",
		"don't", "doesn't", "didn't", "can't", "isn't", "aren't",
		"wouldn't", "shouldn't", "hereby", "in", "any", "way", "both",
		"thus", "therefore", "now", "once", "again", "sometimes",
		"often", "at", "all", "time", "times", "wish", "wishes",
		"like", "elect", "elects", "the", "a", "an", "some", "each",
		"every", "certain", NULL};
	char buf[24];
	if (n == 0 || n >= sizeof buf)
		return 0;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
		    (unsigned char)w[i + 2] == 0x99) {
			buf[k++] = '\'';        /* a typographic apostrophe */
			i += 2;
			continue;
		}
		buf[k++] = (char)tolower(c);
	}
	buf[k] = '\0';
	if (k > 3 && strcmp(buf + k - 2, "ly") == 0)
		return 1;
	if (k > 3 && strcmp(buf + k - 3, "n't") == 0)
		return 1;
	for (size_t i = 0; words[i]; i++)
		if (strcmp(buf, words[i]) == 0)
			return 1;
	return 0;
}

static int word_byte(unsigned char c)
{
	return isalnum(c) || c == '\'' || c == '-' || c >= 0x80;
}

/* Whether f->s[a..b) holds only auxiliary words, commas and the verbs of
 * other statements (so that "we do not sell, rent or lease" reaches every
 * verb from its subject). */
static int only_aux(finder *f, size_t a, size_t b, size_t from_match)
{
	size_t i = a;
	while (i < b) {
		unsigned char c = (unsigned char)f->s[i];
		if (!word_byte(c)) {
			if (c != ' ' && c != ',' && c != '\t' && c != '\n' &&
			    c != '/')
				return 0;
			i++;
			continue;
		}
		size_t j = i;
		while (j < b && word_byte((unsigned char)f->s[j]))
			j++;
		int ok = aux_word(f->s + i, j - i);
		for (size_t k = from_match; !ok && k < f->nm; k++)
			ok = f->m[k].kind == PL_VOCAB_ACTION &&
			     f->m[k].start <= i && f->m[k].end >= j &&
			     regex_at(f, f->coord_re, j, b);
		if (!ok)
			return 0;
		i = j;
	}
	return 1;
}

/* ---- Reading one statement -------------------------------------------- */

static int effect_of(const finder *f, const cmatch *m)
{
	if (m->kind != PL_VOCAB_QUALIFIER)
		return -1;
	return (int)vocab(f, PL_VOCAB_QUALIFIER)->items[m->term].effect;
}

/* Where the clause's first carve-out starts (end when none). */
static size_t first_carve(const finder *f, size_t end)
{
	for (size_t i = 0; i < f->ncv; i++)
		if (f->cv[i].start < end)
			end = f->cv[i].start;
	return end;
}

static int carved_at(const finder *f, size_t pos)
{
	for (size_t i = 0; i < f->ncv; i++)
		if (pos >= f->cv[i].start && pos < f->cv[i].end)
			return (int)i;
	return -1;
}

/* Carve-outs of the clause [a, b): an exception after the first verb runs
 * to the clause's end; one before it ("except as required by law, we do
 * not ...") ends at the next comma. */
static void find_carves(finder *f, size_t a, size_t b)
{
	f->ncv = 0;
	size_t first_verb = b;
	for (size_t i = 0; i < f->nm; i++)
		if (f->m[i].kind == PL_VOCAB_ACTION && f->m[i].start >= a &&
		    f->m[i].start < first_verb)
			first_verb = f->m[i].start;
	for (size_t i = 0; i < f->nm; i++) {
		int e = effect_of(f, &f->m[i]);
		if ((e != PL_QUAL_EXCEPTION && e != PL_QUAL_ONLY) ||
		    f->m[i].start < a || f->m[i].start >= b)
			continue;
		carve c = {f->m[i].start, b, e == PL_QUAL_ONLY};
		if (c.start < first_verb) {
			const char *comma = memchr(f->s + c.start, ',',
						   first_verb - c.start);
			c.end = comma ? (size_t)(comma - f->s) : first_verb;
			if (e == PL_QUAL_ONLY)
				c.end = b;      /* "we only share X with Y" */
		}
		PL_PUSH(f->cv, f->ncv, f->cvcap, c);
	}
}

typedef struct {
	size_t clause_start, clause_end;
	long prev_verb;         /* index of the previous verb in the clause */
	int prev_negative, prev_ours;
} clause_ctx;

/* The actor match right before the verb, with only auxiliaries between;
 * -1 when none. */
static long adjacent_actor(finder *f, const clause_ctx *c, const cmatch *v)
{
	long best = -1;
	for (size_t i = 0; i < f->nm; i++) {
		int e = effect_of(f, &f->m[i]);
		if ((e == PL_QUAL_ACTOR || e == PL_QUAL_OTHER_ACTOR) &&
		    f->m[i].start >= c->clause_start && f->m[i].end <= v->start &&
		    (best < 0 || f->m[i].end > f->m[best].end))
			best = (long)i;
	}
	if (best >= 0 && !only_aux(f, f->m[best].end, v->start, 0))
		best = -1;
	return best;
}

/* A passive with its agent: "... is collected by advertisers". */
static int other_agent(finder *f, const clause_ctx *c, const cmatch *v)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		if (effect_of(f, m) == PL_QUAL_OTHER_ACTOR && m->start >= v->end &&
		    m->start < c->clause_end && m->start - v->end < 60 &&
		    regex_at(f, f->agent_re, v->end, m->start + 1))
			return 1;
	}
	return 0;
}

/* The start of the stretch of the clause that can hold the verb's subject:
 * after the last comma before it. */
static size_t segment_start(const finder *f, size_t a, size_t v)
{
	size_t i = v;
	while (i > a && f->s[i - 1] != ',')
		i--;
	return i;
}

static int effect_in(finder *f, int effect, size_t a, size_t b)
{
	for (size_t i = 0; i < f->nm; i++)
		if (effect_of(f, &f->m[i]) == effect && f->m[i].start >= a &&
		    f->m[i].end <= b)
			return 1;
	return 0;
}

static int negation_in(finder *f, size_t a, size_t b)
{
	return effect_in(f, PL_QUAL_NEGATION, a, b);
}

/* A negation in [a, v) that bears on the verb at v: only auxiliaries stand
 * between them ("is never sold"), not another verb ("we do not need your
 * consent before using it"). */
static int negation_near(finder *f, size_t a, size_t v)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		if (effect_of(f, m) == PL_QUAL_NEGATION && m->start >= a &&
		    m->end <= v && only_aux(f, m->end, v, 0))
			return 1;
	}
	return 0;
}

static int verb_between(const finder *f, size_t a, size_t b)
{
	for (size_t i = 0; i < f->nm; i++)
		if (f->m[i].kind == PL_VOCAB_ACTION && f->m[i].start >= a &&
		    f->m[i].end <= b)
			return 1;
	return 0;
}

/* "No personal information is collected": a negating word that opens
 * the stretch before the verb. */
static int leading_no(finder *f, size_t seg, size_t v)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		if (effect_of(f, m) == PL_QUAL_OBJECT_NEG && m->start >= seg &&
		    m->end <= v && only_aux(f, seg, m->start, 0) &&
		    !verb_between(f, m->end, v))
			return 1;
	}
	return 0;
}

/* "We keep no logs", "we share it with no one": a negating word after the
 * verb, before any relative clause ("data that does not identify you" is
 * not a denial). */
static int object_negated(finder *f, const clause_ctx *c, const cmatch *v)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		if (effect_of(f, m) != PL_QUAL_OBJECT_NEG || m->start < v->end ||
		    m->start >= c->clause_end || m->start - v->end > 48)
			continue;
		if (!regex_at(f, f->relative_re, v->end, m->start))
			return 1;
	}
	return 0;
}

/* The last actor match in [a, v), or -1. */
static long last_actor(finder *f, size_t a, size_t v)
{
	long best = -1;
	for (size_t i = 0; i < f->nm; i++) {
		int e = effect_of(f, &f->m[i]);
		if ((e == PL_QUAL_ACTOR || e == PL_QUAL_OTHER_ACTOR) &&
		    f->m[i].start >= a && f->m[i].end <= v &&
		    (best < 0 || f->m[i].start >= f->m[best].start))
			best = (long)i;
	}
	return best;
}

static int is_ours(finder *f, const clause_ctx *c, const cmatch *v, long a)
{
	return effect_of(f, &f->m[a]) == PL_QUAL_ACTOR && !other_agent(f, c, v);
}

/* A verb with no subject of its own ("..., and may sell it"): the subject
 * is the last actor before it in the sentence; none at all means a
 * fragment or an imperative, which claims nothing for the company. */
static int elided_subject(finder *f, const clause_ctx *c, const cmatch *v,
			  size_t seg, int *negative)
{
	long a = last_actor(f, 0, seg);
	*negative = negation_near(f, seg, v->start);
	return a >= 0 && is_ours(f, c, v, a);
}

/* Decides who speaks and with what polarity.  Returns 0 when the verb is
 * not the company's claim (another party, the reader, an imperative, an
 * indirect question). */
static int read_actor(finder *f, clause_ctx *c, size_t vi, int *negative)
{
	const cmatch *v = &f->m[vi];
	if (c->prev_verb >= 0 &&
	    regex_at(f, f->coord_re, f->m[c->prev_verb].end, v->start) &&
	    only_aux(f, f->m[c->prev_verb].end, v->start, 0) &&
	    adjacent_actor(f, c, v) < 0) {
		*negative = c->prev_negative;   /* "not sell, rent or lease" */
		return c->prev_ours;
	}
	long a = adjacent_actor(f, c, v);
	size_t seg = segment_start(f, c->clause_start, v->start);
	if (a >= 0) {
		const cmatch *am = &f->m[a];
		if (regex_at(f, f->question_re, 0, am->start))
			return 0;       /* "... how we use it" */
		*negative = negation_in(f, am->end, v->start) ||
			    regex_at(f, f->nor_re, seg < am->start ? seg : am->start,
				     am->start);
		return is_ours(f, c, v, a);
	}
	if (only_aux(f, seg, v->start, 0))
		return elided_subject(f, c, v, seg, negative);
	/* The nearest party named before the verb is its subject, or the
	 * subject of a clause it sits in ("sites that you reach ... may
	 * sell"); none means a passive about the company's own practice. */
	a = last_actor(f, seg, v->start);
	*negative = negation_near(f, seg, v->start) ||
		    leading_no(f, seg, v->start);
	if (a >= 0)
		return is_ours(f, c, v, a);
	return !other_agent(f, c, v);
}

static int effect_after_relative(finder *f, size_t from, size_t pos)
{
	return regex_at(f, f->relative_re, from, pos) &&
	       (negation_in(f, from, pos) ||
		effect_in(f, PL_QUAL_OBJECT_NEG, from, pos));
}

/* The terms of kind k in [a, b) outside carve-outs go to out; those inside
 * one go to carved (when not NULL). */
static void gather(finder *f, pl_vocab_kind k, size_t a, size_t b,
		   size_t verb_end, termset *out, termset *carved)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		if (m->kind != k || m->dead || m->start < a || m->end > b)
			continue;
		/* "totals, which contain no personal information" */
		if (k == PL_VOCAB_DATA && m->start > verb_end &&
		    effect_after_relative(f, verb_end, m->start))
			continue;
		int cv = carved_at(f, m->start);
		if (cv < 0)
			termset_add(out, m->term);
		else if (carved)
			termset_add(carved, m->term);
	}
}

/* Qualifiers of the clause [a, b).  A negative's scope is looked for in
 * its whole sentence: "the app is not meant for children, and we do not
 * collect information from them" is about children. */
static void gather_qualifiers(finder *f, stmt *st, size_t a, size_t b)
{
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *m = &f->m[i];
		int e = effect_of(f, m);
		if (e == PL_QUAL_SCOPE && st->negative) {
			if (carved_at(f, m->start) < 0)
				termset_add(&st->scopes, m->term);
			continue;
		}
		if (e < 0 || m->start < a || m->end > b)
			continue;
		st->effects |= 1u << e;
		if (e == PL_QUAL_SCOPE && carved_at(f, m->start) < 0)
			termset_add(&st->scopes, m->term);
	}
}

/* What the statement's carve-outs name; one that names nothing at all
 * ("except as this policy describes") makes room for anything. */
static void read_carves(finder *f, stmt *st, size_t verb_end)
{
	gather(f, PL_VOCAB_DATA, st->start - f->base, st->end - f->base,
	       verb_end, &st->data, &st->ex_data);
	pl_vocab_kind tk = PL_VOCAB_RECIPIENT;
	const pl_term *act = &vocab(f, PL_VOCAB_ACTION)->items[st->action];
	if (act->target == PL_TARGET_PLACES)
		tk = PL_VOCAB_PLACE;
	gather(f, tk, st->start - f->base, st->end - f->base, verb_end,
	       &st->targets, &st->ex_targets);
	gather(f, PL_VOCAB_PURPOSE, st->start - f->base, st->end - f->base,
	       verb_end, &st->purposes, &st->ex_purposes);
	st->carved = f->ncv > 0;
	int named = st->ex_data.n || st->ex_targets.n || st->ex_purposes.n;
	for (size_t i = 0; i < f->nm && !named; i++) {
		int e = effect_of(f, &f->m[i]);
		named = (e == PL_QUAL_LEGAL || e == PL_QUAL_CONSENT) &&
			carved_at(f, f->m[i].start) >= 0;
	}
	int only = 0;
	for (size_t i = 0; i < f->ncv; i++)
		only |= f->cv[i].only;
	st->carved_generic = st->carved && !named && !only;
	st->only_unnamed = only && !named;
}

/* Whether data term d lies in a branch some action implies (the tracking
 * technologies of `track`). */
static int in_implied_branch(const finder *f, size_t d)
{
	const pl_terms *acts = vocab(f, PL_VOCAB_ACTION);
	for (size_t a = 0; a < acts->count; a++)
		if (acts->items[a].implied_index != (size_t)-1 &&
		    inside(vocab(f, PL_VOCAB_DATA), d,
			   acts->items[a].implied_index))
			return 1;
	return 0;
}

/* Data the statement is about: what its clause names, what "it" refers to,
 * or what its action implies ("we track you" is about tracking). */
static int read_data(finder *f, stmt *st, const pl_term *act, size_t verb_end)
{
	if (act->implied_index != (size_t)-1) {
		/* Only the kinds of the implied branch count (cookies for
		 * track, not the e-mail address a cookie may hold). */
		termset keep = {{0}, 0};
		for (unsigned i = 0; i < st->data.n; i++)
			if (inside(vocab(f, PL_VOCAB_DATA), st->data.v[i],
				   act->implied_index))
				termset_add(&keep, st->data.v[i]);
		st->data = keep;
		if (st->data.n == 0)
			termset_add(&st->data, act->implied_index);
		return 1;
	}
	/* "cookies" are what a track statement is about, not data that is
	 * collected or sold. */
	termset own = {{0}, 0};
	for (unsigned i = 0; i < st->data.n; i++)
		if (!in_implied_branch(f, st->data.v[i]))
			termset_add(&own, st->data.v[i]);
	st->data = own;
	if (st->data.n == 0 && f->last_data >= 0 &&
	    f->st[f->last_data].sentence + 1 >= f->index &&
	    regex_at(f, f->pronoun_re, verb_end, st->end - f->base))
		st->data = f->st[f->last_data].data;
	return st->data.n > 0;
}

static int build_statement(finder *f, clause_ctx *c, size_t vi, stmt *st)
{
	const cmatch *v = &f->m[vi];
	const pl_term *act = &vocab(f, PL_VOCAB_ACTION)->items[v->term];
	memset(st, 0, sizeof(*st));
	st->sentence = f->index;
	st->start = f->base + c->clause_start;
	st->end = f->base + c->clause_end;
	st->action = v->term;
	st->inverse = v->inverse;
	int negative = 0, ours = read_actor(f, c, vi, &negative);
	c->prev_verb = (long)vi;
	c->prev_negative = negative;
	c->prev_ours = ours;
	if (!ours)
		return 0;
	negative = negative || object_negated(f, c, v);
	if (v->inverse && negative)
		return 0;       /* "we cannot delete": too tangled to claim */
	st->negative = negative || v->inverse;
	read_carves(f, st, v->end);
	gather_qualifiers(f, st, c->clause_start, c->clause_end);
	if (regex_at(f, f->subordinate_re,
		     segment_start(f, c->clause_start, v->start), v->start))
		st->effects |= 1u << PL_QUAL_HYPOTHETICAL;
	if (st->negative && regex_at(f, f->leading_if_re, 0, f->len))
		st->effects |= 1u << PL_QUAL_CONDITION;
	if (st->negative && st->purposes.n == 0 &&
	    regex_at(f, f->purpose_re, v->end, first_carve(f, c->clause_end)))
		st->effects |= 1u << PL_QUAL_CIRCUMSTANCE;
	st->home = act->target == PL_TARGET_PLACES &&
		   regex_at(f, f->home_re, c->clause_start, c->clause_end);
	if (act->needs_target && st->targets.n == 0 && !st->home &&
	    !(st->negative && st->carved))
		return 0;
	return read_data(f, st, act, v->end);
}

/* ---- Clauses ------------------------------------------------------------ */

/* "We never use cookies to collect ...": the infinitive's polarity is
 * its governing verb's, and "never collect" is not what was said. */
static int negated_infinitive(finder *f, size_t clause_start, const cmatch *v)
{
	return regex_at(f, f->infinitive_re, 0, v->start) &&
	       negation_in(f, segment_start(f, clause_start, v->start), v->start);
}

/* "information gathered from our servers": a participle right after a
 * plain word (no auxiliary, subject or comma before it). */
static int reduced_relative(finder *f, const cmatch *v)
{
	if (!regex_at(f, f->participle_re, v->start, v->end))
		return 0;
	size_t j = v->start;
	while (j > 0 && f->s[j - 1] == ' ')
		j--;
	size_t i = j;
	while (i > 0 && word_byte((unsigned char)f->s[i - 1]))
		i--;
	if (i == j || aux_word(f->s + i, j - i))
		return 0;
	for (size_t k = 0; k < f->nm; k++)
		if (f->m[k].kind == PL_VOCAB_QUALIFIER && f->m[k].end == j &&
		    (effect_of(f, &f->m[k]) == PL_QUAL_ACTOR ||
		     effect_of(f, &f->m[k]) == PL_QUAL_OTHER_ACTOR))
			return 0;
	for (size_t k = 0; k < f->nm; k++)   /* "collected and shared" */
		if (f->m[k].kind == PL_VOCAB_ACTION && f->m[k].end <= i &&
		    only_aux(f, f->m[k].end, v->start, 0))
			return 0;
	return 1;
}

/* "We use your e-mail address only to send receipts" also denies every
 * other use: the positive gets a negative twin whose exception is what
 * "only" names, and keeps those terms as its own. */
static void push_only_twin(finder *f, stmt *st)
{
	int only = 0;
	for (size_t i = 0; i < f->ncv; i++)
		only |= f->cv[i].only;
	if (!only || st->negative || (st->ex_targets.n == 0 &&
				      st->ex_purposes.n == 0))
		return;
	stmt twin = *st;
	twin.negative = 1;
	twin.carved = 1;
	twin.carved_generic = 0;
	twin.targets.n = twin.purposes.n = 0;
	twin.effects &= ~(1u << PL_QUAL_CIRCUMSTANCE);
	stmt *pos = &f->st[f->nst - 1];
	for (unsigned i = 0; i < st->ex_targets.n; i++)
		termset_add(&pos->targets, st->ex_targets.v[i]);
	for (unsigned i = 0; i < st->ex_purposes.n; i++)
		termset_add(&pos->purposes, st->ex_purposes.v[i]);
	pos->carved = 0;
	PL_PUSH(f->st, f->nst, f->stcap, twin);
}

static void read_clause(finder *f, size_t a, size_t b)
{
	find_carves(f, a, b);
	clause_ctx c = {a, b, -1, 0, 0};
	size_t last_action = (size_t)-1, last_start = (size_t)-1;
	for (size_t i = 0; i < f->nm; i++) {
		const cmatch *v = &f->m[i];
		if (v->kind != PL_VOCAB_ACTION || v->start < a || v->end > b ||
		    carved_at(f, v->start) >= 0)
			continue;
		/* One statement per action and verb position. */
		if (v->term == last_action && v->start == last_start)
			continue;
		last_action = v->term;
		last_start = v->start;
		if (regex_at(f, f->noun_re, 0, v->start) ||
		    regex_at(f, f->relsubj_re, 0, v->start) ||
		    reduced_relative(f, v) || negated_infinitive(f, a, v))
			continue;
		stmt st;
		if (!build_statement(f, &c, i, &st))
			continue;
		PL_PUSH(f->st, f->nst, f->stcap, st);
		f->last_data = (long)f->nst - 1;
		push_only_twin(f, &st);
	}
}

static void read_sentence(finder *f, size_t index)
{
	const pl_text *t = &f->sc->text;
	const pl_sentence *sent = &t->sentences[index];
	if (t->blocks[sent->block].kind == PL_BLOCK_HEADING)
		return;                 /* a heading names a topic, claims none */
	f->s = t->prose + sent->start;
	f->len = sent->end - sent->start;
	f->base = sent->start;
	f->index = index;
	while (f->len > 0 && isspace((unsigned char)f->s[f->len - 1]))
		f->len--;
	if (!take_matches(f, index) || f->len == 0 || f->s[f->len - 1] == '?')
		return;                 /* a question claims nothing */
	match_sentence_vocab(f);
	qsort(f->m, f->nm, sizeof(*f->m), compare_matches);
	drop_overlaps(f);
	size_t a = 0, pos = 0, ms, me;
	while (pos < f->len &&
	       pl_regex_search(f->clause_re, f->sc->ms, f->s, f->len, pos, &ms,
			       &me) == PL_MATCH_FOUND) {
		read_clause(f, a, ms);
		a = me > ms ? me : ms + 1;
		pos = a;
	}
	read_clause(f, a, f->len);
}

/* ---- Comparing --------------------------------------------------------- */

/* Whether the negative's carve-outs make room for the positive. */
static int carved_for(const finder *f, const stmt *pos, const stmt *neg)
{
	if (!neg->carved)
		return 0;
	if (neg->carved_generic)
		return 1;
	/* A positive that does not say to whom, or for what, may well be the
	 * case the exception allows. */
	if ((neg->ex_targets.n && pos->targets.n == 0) ||
	    (neg->ex_purposes.n && pos->purposes.n == 0))
		return 1;
	if (neg->ex_targets.n &&
	    find_inside(vocab(f, PL_VOCAB_RECIPIENT), &pos->targets,
			&neg->ex_targets, NULL, NULL))
		return 1;
	if (neg->ex_targets.n && neg->home &&
	    find_inside(vocab(f, PL_VOCAB_PLACE), &pos->targets,
			&neg->ex_targets, NULL, NULL))
		return 1;
	if (neg->ex_data.n && find_inside(vocab(f, PL_VOCAB_DATA), &pos->data,
					  &neg->ex_data, NULL, NULL))
		return 1;
	if (neg->ex_purposes.n &&
	    find_inside(vocab(f, PL_VOCAB_PURPOSE), &pos->purposes,
			&neg->ex_purposes, NULL, NULL))
		return 1;
	return 0;
}

/* Whether a negative still claims anything absolute, and a positive
 * anything about the present. */
static int makes_room(const finder *f, const stmt *pos, const stmt *neg)
{
	if (HAS(neg, PL_QUAL_CONSENT) || HAS(neg, PL_QUAL_CONDITION) ||
	    HAS(neg, PL_QUAL_CIRCUMSTANCE) || HAS(neg, PL_QUAL_HYPOTHETICAL) ||
	    HAS(neg, PL_QUAL_PAST))
		return 1;
	/* A disclosure the law compels, or one the person asks for, is not a
	 * practice a promise of "never" is about. */
	if (HAS(pos, PL_QUAL_HYPOTHETICAL) || HAS(pos, PL_QUAL_PAST) ||
	    HAS(pos, PL_QUAL_LEGAL) || HAS(pos, PL_QUAL_CONSENT) ||
	    pos->only_unnamed)
		return 1;
	for (unsigned i = 0; i < neg->scopes.n; i++) {
		int shared = 0;
		for (unsigned j = 0; j < pos->scopes.n; j++)
			shared |= pos->scopes.v[j] == neg->scopes.v[i];
		if (!shared)
			return 1;
	}
	if (neg->purposes.n &&
	    !find_inside(vocab(f, PL_VOCAB_PURPOSE), &pos->purposes,
			 &neg->purposes, NULL, NULL))
		return 1;
	return carved_for(f, pos, neg);
}

static int places_clash(const finder *f, const stmt *pos, const stmt *neg)
{
	const pl_terms *v = vocab(f, PL_VOCAB_PLACE);
	if (pos->targets.n == 0)
		return 0;
	if (!neg->home)         /* "never to China": a destination */
		return neg->targets.n == 0 ||
		       find_inside(v, &pos->targets, &neg->targets, NULL, NULL);
	/* "never outside the EU": some destination lies outside home */
	for (unsigned i = 0; i < pos->targets.n; i++) {
		termset one = {{pos->targets.v[i]}, 1};
		if (!find_inside(v, &one, &neg->targets, NULL, NULL))
			return 1;
	}
	return 0;
}

static int targets_clash(const finder *f, const stmt *pos, const stmt *neg,
			 const pl_term *act, size_t *rp)
{
	const pl_terms *v = vocab(f, PL_VOCAB_RECIPIENT);
	*rp = (size_t)-1;
	if (act->target == PL_TARGET_PLACES)
		return places_clash(f, pos, neg);
	if (act->target == PL_TARGET_NONE)
		return 1;
	if (neg->targets.n == 0) {
		if (pos->targets.n)
			*rp = pos->targets.v[0];
		return 1;
	}
	if (pos->targets.n == 0)        /* sold to someone: an outsider */
		return act->implied_target && broadest(v, &neg->targets);
	return find_inside(v, &pos->targets, &neg->targets, rp, NULL);
}

/* The retain action's inverse ("we delete X") only denies keeping X
 * without end. */
static int retention_clash(const pl_term *act, const stmt *pos,
			   const stmt *neg)
{
	return !(act->bounded_inverse && neg->inverse) ||
	       HAS(pos, PL_QUAL_UNBOUNDED);
}

static int clash(const finder *f, const stmt *pos, const stmt *neg,
		 size_t *dp, size_t *dn, size_t *rp)
{
	const pl_term *act = &vocab(f, PL_VOCAB_ACTION)->items[pos->action];
	if (pos->sentence == neg->sentence)
		return 0;       /* one sentence qualifying itself */
	return find_inside(vocab(f, PL_VOCAB_DATA), &pos->data, &neg->data, dp,
			   dn) &&
	       targets_clash(f, pos, neg, act, rp) &&
	       retention_clash(act, pos, neg) && !makes_room(f, pos, neg);
}

/* ---- Reporting ---------------------------------------------------------- */

static pl_location locate(const pl_scanner *sc, const pl_result *r,
			  const stmt *st)
{
	return pl_result_locate(r, &sc->text, st->start, st->end);
}

/* "says it sells usage data to data brokers" */
static char *describe(const finder *f, const stmt *st, size_t data, size_t rec)
{
	const pl_term *act = &vocab(f, PL_VOCAB_ACTION)->items[st->action];
	const char *verb = st->inverse ? act->inverse_says :
			   st->negative ? act->denies : act->says;
	const char *dl = vocab(f, PL_VOCAB_DATA)->items[data].label;
	if (rec == (size_t)-1 || act->preposition == NULL)
		return pl_xasprintf("says it %s %s", verb, dl);
	return pl_xasprintf("says it %s %s %s %s", verb, dl, act->preposition,
			    vocab(f, PL_VOCAB_RECIPIENT)->items[rec].label);
}

typedef struct {
	const stmt *pos, *neg;
	size_t dp, dn, rp;
} pair;

static void report(finder *f, pl_result *r, const pl_rule *rule,
		   const pair *p)
{
	int pos_later = p->pos->start > p->neg->start;
	const stmt *later = pos_later ? p->pos : p->neg;
	const stmt *earlier = pos_later ? p->neg : p->pos;
	char *dpos = describe(f, p->pos, p->dp, p->rp);
	char *dneg = describe(f, p->neg, p->dn, (size_t)-1);
	pl_location a = locate(f->sc, r, earlier), b = locate(f->sc, r, later);
	char *msg = pl_xasprintf("%s (line %lu), but %s (line %lu)",
				 pos_later ? dneg : dpos, a.line,
				 pos_later ? dpos : dneg, b.line);
	pl_finding *fd = pl_result_add_finding(r, rule->id, PL_KIND_CONFLICT,
					       rule->severity, rule->area,
					       b.offset, b.length, msg);
	free(msg);
	a.message = pl_xasprintf("the statement it contradicts: %s",
				 pos_later ? dneg : dpos);
	pl_finding_add_related(fd, &a);
	free(a.message);
	free(dpos);
	free(dneg);
}

/* The conflict rule that covers an action, or NULL. */
static const pl_rule *rule_for(const pl_ruleset *rs, size_t action,
			       const pl_scan_options *opts, const pl_rule *only)
{
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (r->kind != PL_RULE_CONFLICT || (only && r != only) ||
		    (opts && pl_id_listed(opts->disabled, opts->ndisabled, r->id)))
			continue;
		for (size_t k = 0; k < r->actions.count; k++)
			if (r->actions.index && r->actions.index[k] == action)
				return r;
	}
	return NULL;
}

/* ---- Driver ------------------------------------------------------------- */

/* The finder's fixed grammar, compiled once per rule set (see
 * pl_conflicts_compile): clause boundaries and the shapes of words around
 * a verb that make it something other than the company's claim. */
static const char *const grammar_patterns[PL_GRAMMAR_COUNT] = {
	/* Clauses end at ';', ':' and contrast ("..., but we ..."). */
	[PL_GRAMMAR_CLAUSE] =
		"\\s*[;:]\\s*|,?\\s+(?:but|however|although|though|whereas|"
		"yet|while)\\b|,\\s*(?:and|so)\\s+(?=(?:we|you|they|it|our|"
		"your|their|this|these|do|don't|never|please)\\b)|"
		"\\s+and\\s+(?=(?:(?:do|does|did|will|would|can|may)\\s+not|never|"
		"don't|doesn't|won't)\\b)",
	/* Words that make a transfer's places the region data stays in. */
	[PL_GRAMMAR_HOME] =
		"\\b(?:outside|beyond|leaves?|leaving|only\\s+(?:in|within)|"
		"remains?\\s+(?:in|within)|stays?\\s+(?:in|within)|other\\s+"
		"than)\\b",
	[PL_GRAMMAR_AGENT] =
		"^[^;:]{0,40}\\bby\\s+\\S*$",
	[PL_GRAMMAR_PRONOUN] =
		"^\\W*(?:\\w+\\W+){0,2}?(?:it|them)\\b",
	[PL_GRAMMAR_RELATIVE] =
		"\\b(?:that|which|who|whose|where)\\b",
	[PL_GRAMMAR_NOR] =
		"\\b(?:nor|neither|never|not)\\s+(?:\\w+\\s+)?$|\\b(?:under\\s+no\\s+"
		"circumstances?|at\\s+no\\s+time|in\\s+no\\s+case)\\s*,?\\s+"
		"(?:do|does|will|would|shall|can|may)\\s+$",
	/* A determiner or preposition before a verb makes it a noun or a
	 * gerund that names a practice without claiming it: "the procedures
	 * for collecting", "our use of", "opt out of selling". */
	[PL_GRAMMAR_NOUN] =
		"(?:\\b(?:for|of|about|regarding|the|a|an|its|our|their|any|no|this|"
		"that|such|against|from|before|after|upon|without|by|when|while|"
		"require|requires|involve|involves|avoid|avoids)|['\\x{2019}]s)"
		"\\s+(?:not\\s+)?$",
	/* After a verb of a list: "sell, rent or lease", "collect and use". */
	[PL_GRAMMAR_COORD] =
		"^\\s*(?:,|/|\\b(?:and|or|nor)\\b)",
	/* An indirect question names a practice without claiming it. */
	[PL_GRAMMAR_QUESTION] =
		"\\b(?:how|what|whether|why|which)\\s+(?:(?:[\\w-]+\\s+){0,3}?"
		"(?:information|data)\\s+)?$",
	/* A verb inside an "if" clause is a hypothetical: "even if such units
	 * are sold". */
	[PL_GRAMMAR_SUBORDINATE] =
		"\\b(?:if|unless|whether|in\\s+case)\\b",
	/* A participle right after a noun is a reduced relative clause
	 * ("information gathered from our servers"), not a claim. */
	[PL_GRAMMAR_PARTICIPLE] =
		"(?:ed|sold|kept|held|given|sent|shown)$",
	/* A verb whose subject is a relative pronoun belongs to a noun phrase
	 * ("features that may collect"), not to a claim of the company. */
	[PL_GRAMMAR_RELSUBJ] =
		"\\b(?:that|which|who)\\s+(?:(?:may|might|can|could|will|would|"
		"shall|should|must|is|are|was|were|be|been|has|have|had|also|not|"
		"never|do|does|did|automatically)\\s+)*$",
	[PL_GRAMMAR_INFINITIVE] =
		"\\bto\\s+$",
	/* A negative with its own goal ("we do not use cookies to identify
	 * you") denies that goal, not the practice. */
	[PL_GRAMMAR_PURPOSE] =
		"\\b(?:to|in\\s+order\\s+to)\\s+(?!(?:be|the|a|an|any|all|our|your|"
		"their|its|his|her|this|these|those|third|3rd|other|outside|us|"
		"you|them|anyone|anybody|any|advertis\\w*|marketers|data|law|"
		"government|affiliates|partners|vendors|service|companies|"
		"businesses|countries|servers?|people|individuals|parties|"
		"organi[sz]ations|insurers|brokers|unaffiliated|non-affiliated)\\b)"
		"[a-z]+",
	/* "If you do not enable it, we will not collect ...": a negative
	 * under a condition that opens the sentence holds only then. */
	[PL_GRAMMAR_LEADING_IF] =
		"^\\W*(?:if|unless|should|in\\s+case|in\\s+the\\s+event)\\b",
};

void pl_conflicts_compile(pl_ruleset *rs)
{
	for (int g = 0; g < PL_GRAMMAR_COUNT; g++)
		if (rs->grammar[g] == NULL)
			rs->grammar[g] = pl_regex_builtin(grammar_patterns[g]);
}

static void finder_init(finder *f, pl_scanner *sc)
{
	memset(f, 0, sizeof(*f));
	f->sc = sc;
	f->rs = sc->rs;
	f->last_data = -1;
	pl_regex *const *g = sc->rs->grammar;
	f->clause_re = g[PL_GRAMMAR_CLAUSE];
	f->home_re = g[PL_GRAMMAR_HOME];
	f->agent_re = g[PL_GRAMMAR_AGENT];
	f->pronoun_re = g[PL_GRAMMAR_PRONOUN];
	f->relative_re = g[PL_GRAMMAR_RELATIVE];
	f->nor_re = g[PL_GRAMMAR_NOR];
	f->noun_re = g[PL_GRAMMAR_NOUN];
	f->coord_re = g[PL_GRAMMAR_COORD];
	f->question_re = g[PL_GRAMMAR_QUESTION];
	f->subordinate_re = g[PL_GRAMMAR_SUBORDINATE];
	f->participle_re = g[PL_GRAMMAR_PARTICIPLE];
	f->relsubj_re = g[PL_GRAMMAR_RELSUBJ];
	f->infinitive_re = g[PL_GRAMMAR_INFINITIVE];
	f->purpose_re = g[PL_GRAMMAR_PURPOSE];
	f->leading_if_re = g[PL_GRAMMAR_LEADING_IF];
}

static void finder_free(finder *f)
{
	free(f->m);
	free(f->all);
	free(f->cv);
	free(f->st);
}

/* Whether the pair of clauses is already reported ("we do not sell, rent
 * or lease" is three statements of one clause).  Such twins are reported
 * next to each other, so only the last few findings are looked at. */
static int reported(const pl_result *r, size_t first, const pl_location *a,
		    const pl_location *b)
{
	if (r->nfindings > first + 16)
		first = r->nfindings - 16;
	for (size_t i = first; i < r->nfindings; i++)
		if (r->findings[i].loc.offset == b->offset &&
		    r->findings[i].related[0].offset == a->offset)
			return 1;
	return 0;
}

/* Compares statements of one action.  Only the first MAX_COMPARED
 * negatives take part, so each positive meets at most that many negatives
 * and the work stays linear in the number of statements. */
static size_t compare_action(finder *f, size_t action, const pl_rule *rule,
			     pl_result *r)
{
	size_t *seen[2] = {NULL, NULL}, nseen[2] = {0, 0}, cap[2] = {0, 0};
	size_t found = 0, first = r ? r->nfindings : 0;
	for (size_t i = 0; i < f->nst; i++) {
		const stmt *st = &f->st[i];
		if (st->action != action)
			continue;
		int pol = st->negative;
		if (pol && nseen[1] >= MAX_COMPARED)
			continue;
		for (size_t k = 0; k < nseen[!pol]; k++) {
			const stmt *o = &f->st[seen[!pol][k]];
			pair p = {pol ? o : st, pol ? st : o, 0, 0, 0};
			if (!clash(f, p.pos, p.neg, &p.dp, &p.dn, &p.rp))
				continue;
			if (r) {
				pl_location a = locate(f->sc, r, o);
				pl_location b = locate(f->sc, r, st);
				if (reported(r, first, &a, &b))
					continue;
				report(f, r, rule, &p);
			}
			found++;
			break;  /* one finding per statement: the first clash */
		}
		PL_PUSH(seen[pol], nseen[pol], cap[pol], i);
	}
	free(seen[0]);
	free(seen[1]);
	return found;
}

static size_t run(pl_scanner *sc, pl_result *r, const pl_scan_options *opts,
		  const pl_rule *only)
{
	const pl_ruleset *rs = sc->rs;
	size_t nactions = rs->vocab[PL_VOCAB_ACTION].count, found = 0;
	int any = 0;
	for (size_t a = 0; a < nactions; a++)
		any |= rule_for(rs, a, opts, only) != NULL;
	if (!any)
		return 0;
	finder f;
	finder_init(&f, sc);
	index_text(&f);
	for (size_t s = 0; s < sc->text.nsentences; s++)
		read_sentence(&f, s);
	for (size_t a = 0; a < nactions; a++) {
		const pl_rule *rule = rule_for(rs, a, opts, only);
		if (rule)
			found += compare_action(&f, a, rule, r);
	}
	finder_free(&f);
	return found;
}

void pl_conflicts_find(pl_scanner *sc, pl_result *r,
		       const pl_scan_options *opts)
{
	run(sc, r, opts, NULL);
}

size_t pl_conflicts_count(pl_scanner *sc, const pl_rule *rule)
{
	return run(sc, NULL, NULL, rule);
}
