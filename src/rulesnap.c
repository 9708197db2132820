/*
 * rulesnap.c: the rule set's structures as bytes, for the rule cache
 * (rulecache.c): every topic, rule, term, profile, define, suggestion and
 * the grammar, with what compile added (resolved indices, expanded
 * sources, prefilter slots) and the prefilter's automaton.  A warm run
 * then reads no YAML, loads nothing and compiles nothing.
 *
 * One walk per structure serves both ways (a codec that writes or reads),
 * so that what is written and what is read cannot drift apart: a field
 * added to rules.h needs one line here, in one place.  Pointers become
 * what they point at: origins name their file by its number in the rule
 * set's file list, compiled patterns come in walk order (their code is
 * PCRE2's serialisation, kept beside these bytes; the built-in filters
 * are made afresh, see pl_ruleset_add_builtins).  Reading trusts
 * nothing: every count is bounded by the bytes left, every enum by its
 * range, every index by what it indexes.
 */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "rulesnap.h"
#include "util.h"

typedef struct {
	int writing;
	pl_buf *out;
	pl_wire_in *in;
	pl_ruleset *rs;
	int bad;                /* writing: something cannot be written */
	/* writing: the compiled patterns met, in walk order */
	const pl_regex **res;
	size_t nres, res_cap;
	/* reading: the compiled patterns to hand out, in walk order */
	pl_regex **given;       /* NULL: structure only */
	size_t ngiven, next;
} codec;

static int failed(codec *c)
{
	return c->bad || (!c->writing && c->in->bad);
}

static void u64(codec *c, uint64_t *v)
{
	if (c->writing)
		pl_wire_put_u64(c->out, *v);
	else
		*v = pl_wire_u64(c->in);
}

static void sz(codec *c, size_t *v)
{
	uint64_t t = *v;
	u64(c, &t);
	if (!c->writing) {
		if (t > SIZE_MAX)
			c->in->bad = 1;
		*v = (size_t)t;
	}
}

static void ul(codec *c, unsigned long *v)
{
	uint64_t t = *v;
	u64(c, &t);
	if (!c->writing)
		*v = (unsigned long)t;
}

static void i32(codec *c, int *v)
{
	uint32_t t = (uint32_t)*v;
	if (c->writing)
		pl_wire_put_u32(c->out, t);
	else
		*v = (int)pl_wire_u32(c->in);
}

static void flag(codec *c, int *v)
{
	i32(c, v);
	if (!c->writing && (*v < 0 || *v > 1))
		c->in->bad = 1;
}

/* An enum's value, checked against its number of values on reading. */
#define ENUM(c, field, count)                                                \
	do {                                                                 \
		int t_ = (int)(field);                                       \
		i32((c), &t_);                                               \
		if (!(c)->writing) {                                         \
			if (t_ < 0 || t_ >= (int)(count))                    \
				(c)->in->bad = 1;                            \
			else                                                 \
				(field) = t_;                                \
		}                                                            \
	} while (0)

static void dbl(codec *c, double *v)
{
	uint64_t t;
	memcpy(&t, v, 8);
	u64(c, &t);
	if (!c->writing)
		memcpy(v, &t, 8);
}

static void str(codec *c, char **s)
{
	if (c->writing)
		pl_wire_put_str(c->out, *s);
	else
		*s = pl_wire_str(c->in);
}

/* A count of items, and room for them when reading (zeroed, so that a
 * rule set read in part is freed like any other). */
static void *items(codec *c, void *arr, size_t *n, size_t elem)
{
	if (c->writing) {
		pl_wire_put_u64(c->out, *n);
		return arr;
	}
	*n = pl_wire_count(c->in, 4);   /* every item takes 4 bytes or more */
	return pl_xcalloc(*n + 1, elem);
}

#define ITEMS(c, arr, n)                                                      \
	((arr) = items((c), (arr), &(n), sizeof(*(arr))))

static void strs(codec *c, char ***s, size_t *n, size_t *cap)
{
	ITEMS(c, *s, *n);
	if (!c->writing)
		*cap = *n;
	for (size_t i = 0; i < *n && !failed(c); i++)
		str(c, &(*s)[i]);
}

/* An origin's file as its number in the file list (files are written
 * first); a file outside the list cannot be written. */
static void origin(codec *c, pl_origin *o)
{
	uint64_t f = UINT64_MAX;
	if (c->writing && o->file) {
		for (f = 0; f < c->rs->nfiles && c->rs->files[f] != o->file; f++)
			;
		if (f == c->rs->nfiles)
			c->bad = 1;
	}
	u64(c, &f);
	if (!c->writing) {
		if (f != UINT64_MAX && f >= c->rs->nfiles)
			c->in->bad = 1;
		o->file = f == UINT64_MAX || f >= c->rs->nfiles ? NULL :
			  c->rs->files[f];
	}
	ul(c, &o->line);
	ul(c, &o->column);
}

static void regex(codec *c, pl_regex **re)
{
	int has = *re != NULL;
	flag(c, &has);
	if (c->writing) {
		if (has)
			PL_PUSH(c->res, c->nres, c->res_cap, *re);
		return;
	}
	if (!has || c->in->bad)
		return;
	if (c->next >= c->ngiven) {
		c->in->bad = 1;
		return;
	}
	if (c->given) {
		*re = c->given[c->next];
		c->given[c->next] = NULL;
	}
	c->next++;
}

static void sizes(codec *c, size_t **v, size_t n)
{
	int has = *v != NULL;
	flag(c, &has);
	if (!c->writing && has && n > (c->in->len - c->in->at) / 8)
		c->in->bad = 1;         /* more than the bytes left can hold */
	if (!c->writing)
		*v = has && !c->in->bad ? pl_xcalloc(n + 1, sizeof(size_t)) : NULL;
	for (size_t i = 0; *v && i < n && !failed(c); i++)
		sz(c, &(*v)[i]);
}

static void origins(codec *c, pl_origin **v, size_t n)
{
	int has = *v != NULL;
	flag(c, &has);
	if (!c->writing && has && n > (c->in->len - c->in->at) / 8)
		c->in->bad = 1;
	if (!c->writing)
		*v = has && !c->in->bad ? pl_xcalloc(n + 1, sizeof(pl_origin)) : NULL;
	for (size_t i = 0; *v && i < n && !failed(c); i++)
		origin(c, &(*v)[i]);
}

/* ---- The rule model, structure by structure (rules.h) ------------------ */

static void pattern(codec *c, pl_pattern *p)
{
	str(c, &p->source);
	origin(c, &p->origin);
	sz(c, &p->colmap_len);
	sizes(c, &p->colmap, p->colmap_len);
	regex(c, &p->re);
	flag(c, &p->anchored);
	uint64_t slot = (uint64_t)p->slot, cache = (uint64_t)p->cache_index;
	u64(c, &slot);
	u64(c, &cache);
	p->slot = (long)slot;
	p->cache_index = (long)cache;
}

static void patterns(codec *c, pl_patterns *ps)
{
	ITEMS(c, ps->items, ps->count);
	if (!c->writing)
		ps->cap = ps->count;
	for (size_t i = 0; i < ps->count && !failed(c); i++)
		pattern(c, &ps->items[i]);
}

static void examples(codec *c, pl_examples *e)
{
	ITEMS(c, e->items, e->count);
	if (!c->writing)
		e->cap = e->count;
	for (size_t i = 0; i < e->count && !failed(c); i++) {
		str(c, &e->items[i].text);
		origin(c, &e->items[i].origin);
	}
}

static void refs(codec *c, pl_topic_refs *r)
{
	strs(c, &r->names, &r->count, &r->cap);
	origins(c, &r->origins, r->count);
	sizes(c, &r->index, r->count);
}

static void matcher(codec *c, pl_matcher_spec *m)
{
	patterns(c, &m->patterns);
	patterns(c, &m->exclude);
	patterns(c, &m->exclude_lead_in);
	patterns(c, &m->section);
	patterns(c, &m->weak);
	patterns(c, &m->weak_under);
	ENUM(c, m->headings, PL_HEADINGS_ONLY + 1);
	flag(c, &m->skip_negated);
	flag(c, &m->skip_conditional);
	flag(c, &m->count_overview);
	flag(c, &m->first_party);
	flag(c, &m->count_metadata);
}

static void profile_list(codec *c, char ***names, size_t *n, size_t *cap,
			 pl_origin **where)
{
	strs(c, names, n, cap);
	origins(c, where, *n);
}

static void topic(codec *c, pl_topic *t)
{
	str(c, &t->id);
	ENUM(c, t->area, PL_AREA_COUNT);
	str(c, &t->summary);
	matcher(c, &t->match);
	flag(c, &t->evidence);
	refs(c, &t->yield);
	refs(c, &t->undone_by);
	profile_list(c, &t->profiles, &t->nprofiles, &t->profiles_cap,
		     &t->profile_origins);
	examples(c, &t->examples_match);
	examples(c, &t->examples_no_match);
	origin(c, &t->origin);
}

static void applicability(codec *c, pl_applicability *a)
{
	flag(c, &a->present);
	str(c, &a->fact);
	flag(c, &a->fact_negated);
	origin(c, &a->fact_origin);
	refs(c, &a->shown_by);
	refs(c, &a->denied_by);
	refs(c, &a->left_to);
	flag(c, &a->default_applies);
	/* -1 (as default_applies), 0 or 1: stored one up. */
	int in_all = a->default_in_all + 1;
	ENUM(c, in_all, 3);
	if (!c->writing)
		a->default_in_all = in_all - 1;
}

static void rule(codec *c, pl_rule *r)
{
	str(c, &r->id);
	ENUM(c, r->kind, PL_RULE_CONFLICT + 1);
	ENUM(c, r->area, PL_AREA_COUNT);
	ENUM(c, r->severity, PL_SEV_ERROR + 1);
	str(c, &r->message);
	str(c, &r->rationale);
	strs(c, &r->references, &r->nreferences, &r->references_cap);
	profile_list(c, &r->profiles, &r->nprofiles, &r->profiles_cap,
		     &r->profile_origins);
	str(c, &r->refines);
	origin(c, &r->refines_origin);
	sz(c, &r->refines_index);
	i32(c, &r->max_age_months);
	i32(c, &r->report_once);
	refs(c, &r->topics);
	refs(c, &r->when);
	matcher(c, &r->match);
	refs(c, &r->actions);
	applicability(c, &r->applies);
	str(c, &r->suggest);
	origin(c, &r->suggest_origin);
	examples(c, &r->examples_match);
	examples(c, &r->examples_no_match);
	origin(c, &r->origin);
}

static void term(codec *c, pl_term *t)
{
	str(c, &t->id);
	str(c, &t->label);
	sz(c, &t->nparents);
	if (t->nparents > PL_TERM_PARENTS) {
		c->bad = 1;
		if (!c->writing)
			c->in->bad = 1;
		t->nparents = 0;
		return;
	}
	for (size_t k = 0; k < PL_TERM_PARENTS; k++) {
		if (k < t->nparents)    /* the others are never set, nor freed */
			str(c, &t->parents[k]);
		origin(c, &t->parent_origins[k]);
		sz(c, &t->parent_index[k]);
	}
	flag(c, &t->has_children);
	patterns(c, &t->patterns);
	origin(c, &t->origin);
	patterns(c, &t->inverse);
	patterns(c, &t->converse);
	str(c, &t->says);
	str(c, &t->denies);
	str(c, &t->preposition);
	ENUM(c, t->target, PL_TARGET_PLACES + 1);
	str(c, &t->implied_data);
	sz(c, &t->implied_index);
	flag(c, &t->needs_target);
	flag(c, &t->implied_target);
	str(c, &t->inverse_says);
	flag(c, &t->bounded_inverse);
	ENUM(c, t->effect, PL_QUAL_COUNT);
	ENUM(c, t->dimension, PL_SCOPE_DIMENSIONS);
	flag(c, &t->is_default);
}

static void terms(codec *c, pl_terms *v)
{
	ITEMS(c, v->items, v->count);
	if (!c->writing)
		v->cap = v->count;
	for (size_t i = 0; i < v->count && !failed(c); i++)
		term(c, &v->items[i]);
}

static void profile(codec *c, pl_profile *p)
{
	str(c, &p->id);
	str(c, &p->title);
	str(c, &p->law);
	str(c, &p->citation);
	str(c, &p->url);
	str(c, &p->description);
	applicability(c, &p->applies);
	patterns(c, &p->scope_outside);
	patterns(c, &p->scope_within);
	origin(c, &p->origin);
}

static void word_values(codec *c, pl_word_value **v, size_t *n, size_t *cap)
{
	ITEMS(c, *v, *n);
	if (!c->writing)
		*cap = *n;
	for (size_t i = 0; i < *n && !failed(c); i++) {
		str(c, &(*v)[i].word);
		dbl(c, &(*v)[i].value);
	}
}

static void grammar(codec *c, pl_grammar_spec *g)
{
	flag(c, &g->loaded);
	origin(c, &g->origin);
	for (int i = 0; i < PL_GRAMMAR_COUNT; i++)
		patterns(c, &g->patterns[i]);
	strs(c, &g->auxiliaries, &g->nauxiliaries, &g->auxiliaries_cap);
	strs(c, &g->aux_suffixes, &g->naux_suffixes, &g->aux_suffixes_cap);
	strs(c, &g->fillers, &g->nfillers, &g->fillers_cap);
	word_values(c, &g->numbers, &g->nnumbers, &g->numbers_cap);
	word_values(c, &g->units, &g->nunits, &g->units_cap);
	for (int i = 0; i < PL_DIST_COUNT; i++)
		ul(c, &g->distance[i]);
}

static void prefilter(codec *c, struct pl_prefilter **pf)
{
	int has = *pf != NULL;
	flag(c, &has);
	if (c->writing) {
		if (has)
			pl_prefilter_encode(*pf, c->out);
	} else if (has && !c->in->bad) {
		*pf = pl_prefilter_decode(c->in);
	}
}

static void ruleset(codec *c, pl_ruleset *rs)
{
	strs(c, &rs->files, &rs->nfiles, &rs->files_cap);
	u64(c, &rs->files_hash);
	sz(c, &rs->npatterns);
	ITEMS(c, rs->topics, rs->ntopics);
	for (size_t i = 0; i < rs->ntopics && !failed(c); i++)
		topic(c, &rs->topics[i]);
	ITEMS(c, rs->rules, rs->nrules);
	for (size_t i = 0; i < rs->nrules && !failed(c); i++)
		rule(c, &rs->rules[i]);
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		terms(c, &rs->vocab[k]);
	ITEMS(c, rs->defines, rs->ndefines);
	for (size_t i = 0; i < rs->ndefines && !failed(c); i++) {
		str(c, &rs->defines[i].name);
		str(c, &rs->defines[i].value);
		origin(c, &rs->defines[i].origin);
	}
	ITEMS(c, rs->profiles, rs->nprofiles);
	for (size_t i = 0; i < rs->nprofiles && !failed(c); i++)
		profile(c, &rs->profiles[i]);
	ITEMS(c, rs->suggestions, rs->nsuggestions);
	for (size_t i = 0; i < rs->nsuggestions && !failed(c); i++) {
		str(c, &rs->suggestions[i].rule);
		str(c, &rs->suggestions[i].text);
		origin(c, &rs->suggestions[i].origin);
	}
	patterns(c, &rs->overview);
	patterns(c, &rs->other_party);
	grammar(c, &rs->grammar);
	prefilter(c, &rs->prefilter);
	flag(c, &rs->compiled);
	if (!c->writing) {
		rs->topics_cap = rs->ntopics;
		rs->rules_cap = rs->nrules;
		rs->defines_cap = rs->ndefines;
		rs->profiles_cap = rs->nprofiles;
		rs->suggestions_cap = rs->nsuggestions;
	}
}

/* ---- Indices ----------------------------------------------------------- */

/* What compile resolved must index what it names, or (size_t)-1 where
 * that means none (or, for topic lists, a whole area). */
static int index_ok(size_t i, size_t n)
{
	return i == (size_t)-1 || i < n;
}

static int refs_ok(const pl_topic_refs *r, size_t n)
{
	for (size_t i = 0; r->index && i < r->count; i++)
		if (!index_ok(r->index[i], n))
			return 0;
	return 1;
}

static int slots_ok(const pl_patterns *ps, size_t nslots)
{
	for (size_t i = 0; i < ps->count; i++)
		if (ps->items[i].slot < -1 ||
		    (ps->items[i].slot >= 0 && (size_t)ps->items[i].slot >= nslots))
			return 0;
	return 1;
}

static int matcher_ok(const pl_matcher_spec *m, size_t nslots)
{
	return slots_ok(&m->patterns, nslots) && slots_ok(&m->exclude, nslots) &&
	       slots_ok(&m->exclude_lead_in, nslots) &&
	       slots_ok(&m->section, nslots) && slots_ok(&m->weak, nslots) &&
	       slots_ok(&m->weak_under, nslots);
}

static int terms_ok(const pl_ruleset *rs, const pl_terms *v, size_t nslots)
{
	for (size_t i = 0; i < v->count; i++) {
		const pl_term *t = &v->items[i];
		for (size_t k = 0; k < t->nparents; k++)
			if (!index_ok(t->parent_index[k], v->count))
				return 0;
		if (!index_ok(t->implied_index, rs->vocab[PL_VOCAB_DATA].count) ||
		    !slots_ok(&t->patterns, nslots) ||
		    !slots_ok(&t->inverse, nslots) || !slots_ok(&t->converse, nslots))
			return 0;
	}
	return 1;
}

static int indices_ok(const pl_ruleset *rs)
{
	size_t nslots = pl_prefilter_slots(rs->prefilter), nt = rs->ntopics;
	for (size_t i = 0; i < rs->ntopics; i++)
		if (!matcher_ok(&rs->topics[i].match, nslots) ||
		    !refs_ok(&rs->topics[i].yield, nt) ||
		    !refs_ok(&rs->topics[i].undone_by, nt))
			return 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (!index_ok(r->refines_index, rs->nrules) ||
		    !matcher_ok(&r->match, nslots) || !refs_ok(&r->topics, nt) ||
		    !refs_ok(&r->when, nt) || !refs_ok(&r->applies.shown_by, nt) ||
		    !refs_ok(&r->applies.denied_by, nt) ||
		    !refs_ok(&r->applies.left_to, nt) ||
		    !refs_ok(&r->actions, rs->vocab[PL_VOCAB_ACTION].count))
			return 0;
	}
	for (size_t i = 0; i < rs->nprofiles; i++)
		if (!refs_ok(&rs->profiles[i].applies.shown_by, nt) ||
		    !refs_ok(&rs->profiles[i].applies.denied_by, nt) ||
		    !refs_ok(&rs->profiles[i].applies.left_to, nt) ||
		    !slots_ok(&rs->profiles[i].scope_outside, nslots) ||
		    !slots_ok(&rs->profiles[i].scope_within, nslots))
			return 0;
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		if (!terms_ok(rs, &rs->vocab[k], nslots))
			return 0;
	for (int i = 0; i < PL_GRAMMAR_COUNT; i++)
		if (!slots_ok(&rs->grammar.patterns[i], nslots))
			return 0;
	return slots_ok(&rs->overview, nslots) && slots_ok(&rs->other_party, nslots);
}

/* ---- Entry points ------------------------------------------------------ */

int pl_ruleset_encode(const pl_ruleset *rs, pl_buf *out,
		      const pl_regex ***res, size_t *nres)
{
	codec c;
	memset(&c, 0, sizeof(c));
	c.writing = 1;
	c.out = out;
	c.rs = (pl_ruleset *)rs;        /* only read when writing */
	ruleset(&c, c.rs);
	*res = c.res;
	*nres = c.nres;
	return !c.bad;
}

pl_ruleset *pl_ruleset_decode(pl_wire_in *r, pl_regex **res, size_t nres)
{
	codec c;
	memset(&c, 0, sizeof(c));
	c.in = r;
	c.given = res;
	c.ngiven = nres;
	c.rs = pl_ruleset_new();
	ruleset(&c, c.rs);
	if (!r->bad && (c.next != nres || !indices_ok(c.rs)))
		r->bad = 1;
	for (size_t i = 0; res && i < nres; i++)
		pl_regex_free(res[i]);          /* those not taken */
	if (r->bad) {
		pl_ruleset_free(c.rs);
		return NULL;
	}
	pl_ruleset_add_builtins(c.rs);
	return c.rs;
}
