/*
 * rules_compile.c: turns loaded rules into PCRE2 matchers.
 *
 * It expands {{name}} fragments, compiles every pattern once through
 * regex.c (JIT, Unicode, caseless), resolves topic references and checks
 * ids across files, so that an error points at the character in the YAML
 * file that causes it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "literals.h"
#include "rulecache.h"
#include "prefilter.h"
#include "rules.h"
#include "util.h"

/* ---- {{name}} expansion ------------------------------------------------ */

static const pl_define *find_define(const pl_ruleset *rs, const char *name,
				    size_t n)
{
	for (size_t i = 0; i < rs->ndefines; i++)
		if (strlen(rs->defines[i].name) == n &&
		    memcmp(rs->defines[i].name, name, n) == 0)
			return &rs->defines[i];
	return NULL;
}

/* Expands {{name}} into (?:value), recursively.  colmap (may be NULL) maps
 * bytes of src to file columns; *out_map receives the same for the result,
 * every expanded byte mapping to the column of its "{{".  Returns 0, or -1
 * with *bad_at set to the offset of the unknown or cyclic reference, *why
 * to a message and *code to its diagnostic code. */
static int expand(const pl_ruleset *rs, const char *src, const size_t *colmap,
		  pl_buf *out, size_t **out_map, size_t *map_len, size_t *map_cap,
		  size_t col_override, int depth, size_t *bad_at, char **why,
		  pl_diag_code *code)
{
	size_t n = strlen(src);
	for (size_t i = 0; i < n; i++) {
		if (src[i] == '{' && i + 1 < n && src[i + 1] == '{') {
			size_t col = col_override ? col_override :
				     (colmap ? colmap[i] : 0);
			const char *end = strstr(src + i + 2, "}}");
			const pl_define *d = end ? find_define(rs, src + i + 2,
						      (size_t)(end - src - i - 2)) : NULL;
			if (d == NULL || depth > 8) {
				*bad_at = i;
				*code = depth > 8 ? PL_DIAG_RULES_CYCLE :
					PL_DIAG_RULES_UNKNOWN_REFERENCE;
				*why = pl_xasprintf(
					depth > 8 ? "fragments nest too deeply at '%.*s'"
						  : "unknown fragment '%.*s' (define it under 'define:')",
					end ? (int)(end - src - i + 2) : (int)(n - i), src + i);
				return -1;
			}
			pl_buf_puts(out, "(?:");
			for (int k = 0; k < 3; k++)
				PL_PUSH(*out_map, *map_len, *map_cap, col);
			size_t inner_bad;
			char *inner_why = NULL;
			if (expand(rs, d->value, NULL, out, out_map, map_len, map_cap,
				   col ? col : 1, depth + 1, &inner_bad, &inner_why,
				   code) < 0) {
				*bad_at = i;
				*why = inner_why;
				return -1;
			}
			pl_buf_putc(out, ')');
			PL_PUSH(*out_map, *map_len, *map_cap, col);
			i = (size_t)(end - src) + 1;
			continue;
		}
		/* The bytes up to the next reference, copied at once.  An escaped
		 * character is copied as is, so "\{{" is no reference; both its
		 * bytes map to the backslash's column. */
		size_t stop = i;
		while (stop < n && !(src[stop] == '{' && stop + 1 < n &&
				     src[stop + 1] == '{'))
			stop += src[stop] == '\\' && stop + 1 < n ? 2 : 1;
		pl_buf_put(out, src + i, stop - i);
		pl_grow((void **)out_map, map_cap, *map_len + (stop - i),
			sizeof(**out_map));
		for (size_t k = i; k < stop; k++) {
			size_t c = col_override ? col_override : colmap ? colmap[k] : 0;
			(*out_map)[(*map_len)++] = c;
			if (src[k] == '\\' && k + 1 < n) {
				(*out_map)[(*map_len)++] = c;
				k++;
			}
		}
		i = stop - 1;
	}
	return 0;
}

/* Column in the YAML file for a byte offset of a pattern; the scalar's own
 * column when the map is unknown. */
static unsigned long column_for(const pl_pattern *p, const size_t *map,
				size_t map_len, size_t off)
{
	if (map && map_len) {
		size_t c = map[off < map_len ? off : map_len - 1];
		if (c)
			return c;
	}
	return p->origin.column;
}

/* Whether a pattern uses ^ or $ as an anchor (outside a class, not
 * escaped): then it is searched sentence by sentence, where they mean the
 * sentence's start and end. */
static int uses_anchors(const char *s)
{
	int in_class = 0;
	for (; *s; s++) {
		if (*s == '\\' && s[1]) {
			s++;
			continue;
		}
		if (in_class) {
			in_class = *s != ']';
			continue;
		}
		if (*s == '[') {
			in_class = 1;
			if (s[1] == '^')
				s++;
			if (s[1] == ']')
				s++;    /* "[]...]" and "[^]...]" hold a ']' */
			continue;
		}
		if (*s == '^' || *s == '$')
			return 1;
	}
	return 0;
}

/* The expanded sources compiled so far in one pl_ruleset_compile: the
 * same fragments make the same pattern in several places (a rule's
 * patterns copied from another, about one in twelve), and a copy of
 * PCRE2's code costs far less than compiling it again.  The sources and
 * regexes belong to their patterns. */
typedef struct {
	const char *source;     /* NULL: an empty slot */
	const pl_regex *re;
	uint64_t hash;
} compiled_source;

struct pl_compiled_sources {
	compiled_source *slots; /* open addressing */
	size_t cap, count;      /* cap: a power of two */
};

static uint64_t source_hash(const char *s)
{
	uint64_t h = 14695981039346656037u;     /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The regex already compiled from source s, or NULL. */
static const pl_regex *compiled_find(const struct pl_compiled_sources *t,
				     const char *s, uint64_t h)
{
	if (t == NULL || t->cap == 0)
		return NULL;
	for (size_t i = h & (t->cap - 1); t->slots[i].source;
	     i = (i + 1) & (t->cap - 1))
		if (t->slots[i].hash == h && strcmp(t->slots[i].source, s) == 0)
			return t->slots[i].re;
	return NULL;
}

static void compiled_put(struct pl_compiled_sources *t, compiled_source e)
{
	if (2 * (t->count + 1) > t->cap) {
		struct pl_compiled_sources old = *t;
		t->cap = old.cap ? 2 * old.cap : 1024;
		t->slots = pl_xcalloc(t->cap, sizeof(*t->slots));
		t->count = 0;
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].source)
				compiled_put(t, old.slots[i]);
		free(old.slots);
	}
	size_t i = e.hash & (t->cap - 1);
	while (t->slots[i].source)
		i = (i + 1) & (t->cap - 1);
	t->slots[i] = e;
	t->count++;
}

static int compile_pattern(pl_ruleset *rs, pl_pattern *p, const char *owner,
			   pl_diags *diags)
{
	pl_buf exp;
	size_t *map = NULL, map_len = 0, map_cap = 0, bad_at = 0;
	char *why = NULL;
	pl_diag_code code = PL_DIAG_RULES_UNKNOWN_REFERENCE;
	pl_buf_init(&exp);
	if (expand(rs, p->source, p->colmap, &exp, &map, &map_len, &map_cap, 0, 0,
		   &bad_at, &why, &code) < 0) {
		pl_diags_add(diags, code, p->origin.file, p->origin.line,
			     column_for(p, p->colmap, p->colmap_len, bad_at),
			     "%s: %s", owner, why);
		free(why);
		free(map);
		pl_buf_free(&exp);
		return 1;
	}
	size_t last_col = map_len ? map[map_len - 1] : 0;
	PL_PUSH(map, map_len, map_cap, last_col);

	char msg[256];
	size_t erroff;
	/* Patterns are numbered in compile order, which the same rule files
	 * always give: the cache holds them by number (and checks that the
	 * source is the same). */
	size_t index = rs->npatterns++;
	pl_regex *re = pl_rule_cache_regex(rs->cache, index, exp.data);
	uint64_t hash = 0;
	int first = 0;                  /* compiled here for the first time */
	if (re == NULL) {
		hash = source_hash(exp.data);
		const pl_regex *same = compiled_find(rs->compiled_sources,
						     exp.data, hash);
		if (same != NULL)
			re = pl_regex_copy(same);
		first = re == NULL;
		if (re == NULL)
			re = pl_regex_compile(exp.data, exp.len, msg, sizeof msg,
					      &erroff);
		if (re != NULL)
			pl_rule_cache_put(rs->cache, index, exp.data, re);
	}
	if (re == NULL) {
		pl_diags_add(diags, PL_DIAG_RULES_BAD_REGEX, p->origin.file,
			     p->origin.line,
			     column_for(p, map, map_len, erroff),
			     "%s: bad regular expression: %s", owner, msg);
		free(map);
		pl_buf_free(&exp);
		return 1;
	}
	p->re = re;
	p->cache_index = (long)index;
	p->anchored = uses_anchors(exp.data);
	free(p->source);
	p->source = pl_buf_detach(&exp);
	if (first && rs->compiled_sources)
		compiled_put(rs->compiled_sources,
			     (compiled_source){p->source, re, hash});
	free(map);
	/* The YAML columns of the source's bytes only place compile errors:
	 * a byte's worth of size_t for every pattern byte, dropped now. */
	free(p->colmap);
	p->colmap = NULL;
	p->colmap_len = 0;
	return 0;
}

static int compile_patterns(pl_ruleset *rs, pl_patterns *ps,
			    const char *owner, pl_diags *diags)
{
	int errors = 0;
	for (size_t i = 0; i < ps->count; i++)
		if (ps->items[i].re == NULL)
			errors += compile_pattern(rs, &ps->items[i], owner, diags);
	return errors;
}

static int compile_matcher(pl_ruleset *rs, pl_matcher_spec *m,
			   const char *owner, pl_diags *diags)
{
	return compile_patterns(rs, &m->patterns, owner, diags) +
	       compile_patterns(rs, &m->exclude, owner, diags) +
	       compile_patterns(rs, &m->exclude_lead_in, owner, diags) +
	       compile_patterns(rs, &m->section, owner, diags) +
	       compile_patterns(rs, &m->weak, owner, diags) +
	       compile_patterns(rs, &m->weak_under, owner, diags);
}

static long find_topic(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->ntopics; i++)
		if (strcmp(rs->topics[i].id, id) == 0)
			return (long)i;
	return -1;
}

/* Resolves topic names; a name that is an area id stands for every topic
 * of that area. */
static int resolve_refs(const pl_ruleset *rs, pl_topic_refs *refs,
			const char *owner, pl_diags *diags)
{
	int errors = 0;
	free(refs->index);
	refs->index = pl_xcalloc(refs->cap ? refs->cap : 1, sizeof(*refs->index));
	for (size_t i = 0; i < refs->count; i++) {
		long t = find_topic(rs, refs->names[i]);
		if (t < 0 && pl_area_from_name(refs->names[i]) >= 0)
			t = -2;   /* an area: handled by the scanner */
		if (t == -1) {
			pl_diags_add(diags, PL_DIAG_RULES_UNKNOWN_REFERENCE,
				     refs->origins[i].file,
				     refs->origins[i].line, refs->origins[i].column,
				     "%s: unknown topic '%s'", owner,
				     refs->names[i]);
			errors++;
			t = 0;
		}
		refs->index[i] = t == -2 ? (size_t)-1 : (size_t)t;
	}
	return errors;
}

/* ---- Vocabularies ------------------------------------------------------- */

static long find_term(const pl_terms *v, const char *id)
{
	for (size_t i = 0; i < v->count; i++)
		if (strcmp(v->items[i].id, id) == 0)
			return (long)i;
	return -1;
}

static int term_error(pl_diags *diags, pl_diag_code code, const pl_origin *o,
		      const char *fmt, const char *a, const char *b)
{
	pl_diags_add(diags, code, o->file, o->line, o->column, fmt, a, b);
	return 1;
}

/* Whether term i reaches itself through parent links (depth-first, with
 * state 1 = on the path, 2 = done). */
static int on_cycle(const pl_terms *v, size_t i, unsigned char *state)
{
	if (state[i] == 1)
		return 1;
	if (state[i] == 2)
		return 0;
	state[i] = 1;
	const pl_term *t = &v->items[i];
	for (size_t k = 0; k < t->nparents; k++)
		if (t->parent_index[k] != (size_t)-1 &&
		    on_cycle(v, t->parent_index[k], state))
			return 1;
	state[i] = 2;
	return 0;
}

/* Resolves parent links; a cycle would make "inside" loop forever, so it
 * is an error at the term that closes it, whose links are dropped. */
static int resolve_parents(pl_terms *v, pl_vocab_kind kind, pl_diags *diags)
{
	int errors = 0;
	for (size_t i = 0; i < v->count; i++) {
		pl_term *t = &v->items[i];
		for (size_t k = 0; k < t->nparents; k++) {
			long p = find_term(v, t->parents[k]);
			t->parent_index[k] = (size_t)-1;
			if (p < 0)
				errors += term_error(diags,
						     PL_DIAG_RULES_UNKNOWN_REFERENCE,
						     &t->parent_origins[k],
						     "unknown parent '%s' (no %s has "
						     "that id)", t->parents[k],
						     pl_vocab_name(kind));
			else {
				t->parent_index[k] = (size_t)p;
				v->items[p].has_children = 1;
			}
		}
	}
	unsigned char *state = pl_xcalloc(v->count + 1, 1);
	for (size_t i = 0; i < v->count; i++) {
		memset(state, 0, v->count);
		if (!on_cycle(v, i, state))
			continue;
		errors += term_error(diags, PL_DIAG_RULES_CYCLE,
				     &v->items[i].parent_origins[0],
				     "'%s' is inside itself through its "
				     "parents%s", v->items[i].id, "");
		for (size_t k = 0; k < v->items[i].nparents; k++)
			v->items[i].parent_index[k] = (size_t)-1;
	}
	free(state);
	return errors;
}

static int compile_vocab(pl_ruleset *rs, pl_vocab_kind kind, pl_diags *diags)
{
	pl_terms *v = &rs->vocab[kind];
	int errors = 0;
	char owner[160];
	for (size_t i = 0; i < v->count; i++) {
		pl_term *t = &v->items[i];
		long first = find_term(v, t->id);
		if (first >= 0 && (size_t)first < i)
			errors += term_error(diags, PL_DIAG_RULES_DUPLICATE_ID,
					     &t->origin, "duplicate %s id '%s'",
					     pl_vocab_name(kind), t->id);
		snprintf(owner, sizeof owner, "%s '%s'", pl_vocab_name(kind),
			 t->id);
		errors += compile_patterns(rs, &t->patterns, owner, diags);
		errors += compile_patterns(rs, &t->inverse, owner, diags);
		errors += compile_patterns(rs, &t->converse, owner, diags);
		if (t->implied_data) {
			long d = find_term(&rs->vocab[PL_VOCAB_DATA],
					   t->implied_data);
			if (d < 0)
				errors += term_error(diags,
						     PL_DIAG_RULES_UNKNOWN_REFERENCE,
						     &t->origin, "%s: unknown data type "
						     "'%s' in implied_data",
						     owner, t->implied_data);
			else
				t->implied_index = (size_t)d;
		}
	}
	return errors + resolve_parents(v, kind, diags);
}

/* A conflict rule names actions; each must exist. */
static int resolve_actions(const pl_ruleset *rs, pl_topic_refs *refs,
			   const char *owner, pl_diags *diags)
{
	int errors = 0;
	free(refs->index);
	refs->index = pl_xcalloc(refs->cap ? refs->cap : 1, sizeof(*refs->index));
	for (size_t i = 0; i < refs->count; i++) {
		long a = find_term(&rs->vocab[PL_VOCAB_ACTION], refs->names[i]);
		if (a < 0) {
			pl_diags_add(diags, PL_DIAG_RULES_UNKNOWN_REFERENCE,
				     refs->origins[i].file, refs->origins[i].line,
				     refs->origins[i].column,
				     "%s: unknown action '%s'", owner,
				     refs->names[i]);
			errors++;
			a = 0;
		}
		refs->index[i] = (size_t)a;
	}
	return errors;
}

/* ---- The prefilter ---------------------------------------------------- */

typedef struct {
	pl_literal_set **sets;  /* each slot's literal sets */
	size_t *counts;
	size_t n, cap;
	pl_literal_memo *memo;  /* the groups derived so far (fragments
	                           recur across patterns) */
} slot_list;

/* Gives each pattern of ps that has usable literals a slot. */
static void add_slots(pl_ruleset *rs, slot_list *sl, pl_patterns *ps)
{
	for (size_t i = 0; i < ps->count; i++) {
		pl_pattern *p = &ps->items[i];
		pl_literal_set sets[PL_LITERAL_SETS];
		long cached = p->cache_index < 0 ? -1 :
			      pl_rule_cache_literals(rs->cache,
						     (size_t)p->cache_index, sets);
		size_t n = cached >= 0 ? (size_t)cached :
			   pl_literals_required_memo(sl->memo, p->source,
						     strlen(p->source), sets);
		if (cached < 0 && p->cache_index >= 0)
			pl_rule_cache_put_literals(rs->cache, (size_t)p->cache_index,
						   sets, n);
		p->slot = -1;
		if (n == 0)
			continue;
		if (sl->n == sl->cap) {
			sl->cap = sl->cap ? 2 * sl->cap : 64;
			sl->sets = pl_xrealloc(sl->sets, sl->cap * sizeof(*sl->sets));
			sl->counts = pl_xrealloc(sl->counts,
						 sl->cap * sizeof(*sl->counts));
		}
		sl->sets[sl->n] = pl_xmalloc(n * sizeof(pl_literal_set));
		memcpy(sl->sets[sl->n], sets, n * sizeof(pl_literal_set));
		sl->counts[sl->n] = n;
		p->slot = (long)sl->n++;
	}
}

/* The patterns searched over whole texts or in many sentences (topics,
 * avoid rules, the conflict reader's vocabularies and grammar, overviews)
 * get their literals into one automaton, so that a text is read once to
 * learn where each can match. */
static void build_prefilter(pl_ruleset *rs)
{
	slot_list sl = {0};
	sl.memo = pl_literal_memo_new();
	/* ... and so do the checks run on the sentences of their matches
	 * (exclusions, section and lead-in contexts, the other party before
	 * a match): the prefilter tells which of them have their literals in
	 * that sentence. */
	for (size_t i = 0; i < rs->ntopics; i++) {
		add_slots(rs, &sl, &rs->topics[i].match.patterns);
		add_slots(rs, &sl, &rs->topics[i].match.weak);
		add_slots(rs, &sl, &rs->topics[i].match.exclude);
		add_slots(rs, &sl, &rs->topics[i].match.exclude_lead_in);
		add_slots(rs, &sl, &rs->topics[i].match.section);
		add_slots(rs, &sl, &rs->topics[i].match.weak_under);
	}
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind == PL_RULE_AVOID) {
			add_slots(rs, &sl, &rs->rules[i].match.patterns);
			add_slots(rs, &sl, &rs->rules[i].match.weak);
			add_slots(rs, &sl, &rs->rules[i].match.exclude);
			add_slots(rs, &sl, &rs->rules[i].match.exclude_lead_in);
			add_slots(rs, &sl, &rs->rules[i].match.section);
			add_slots(rs, &sl, &rs->rules[i].match.weak_under);
		}
	add_slots(rs, &sl, &rs->other_party);
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		for (size_t i = 0; i < rs->vocab[k].count; i++) {
			add_slots(rs, &sl, &rs->vocab[k].items[i].patterns);
			add_slots(rs, &sl, &rs->vocab[k].items[i].inverse);
		}
	for (int g = 0; g < PL_GRAMMAR_COUNT; g++)
		add_slots(rs, &sl, &rs->grammar.patterns[g]);
	add_slots(rs, &sl, &rs->overview);
	pl_literal_memo_free(sl.memo);
	rs->prefilter = pl_prefilter_build((const pl_literal_set *const *)sl.sets,
					   sl.counts, sl.n);
	for (size_t s = 0; s < sl.n; s++) {
		pl_literal_sets_free(sl.sets[s], sl.counts[s]);
		free(sl.sets[s]);
	}
	free(sl.sets);
	free(sl.counts);
}

int pl_ruleset_from_cache(const pl_ruleset *rs)
{
	return rs->from_cache;
}

/* ---- The statement reader's grammar ------------------------------------ */

static int compare_words(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int compile_grammar(pl_ruleset *rs, pl_diags *diags)
{
	pl_grammar_spec *g = &rs->grammar;
	int errors = 0;
	char owner[96];
	for (int i = 0; i < PL_GRAMMAR_COUNT; i++) {
		snprintf(owner, sizeof owner, "grammar pattern '%s'",
			 pl_grammar_names[i]);
		errors += compile_patterns(rs, &g->patterns[i], owner, diags);
	}
	if (g->nauxiliaries > 1)
		qsort(g->auxiliaries, g->nauxiliaries, sizeof(char *),
		      compare_words);
	if (g->nfillers > 1)
		qsort(g->fillers, g->nfillers, sizeof(char *), compare_words);
	return errors;
}

/* Conflict rules read statements through the grammar, which comes from a
 * rule file (the default: rules/conflicts.yaml): without one they cannot
 * run. */
static int check_grammar(const pl_ruleset *rs, pl_diags *diags)
{
	if (rs->grammar.loaded)
		return 0;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (r->kind != PL_RULE_CONFLICT)
			continue;
		pl_diags_add(diags, PL_DIAG_RULES_SCHEMA, r->origin.file,
			     r->origin.line, r->origin.column,
			     "rule '%s': a conflict rule needs the statement "
			     "grammar (a 'grammar:' section, as in "
			     "rules/conflicts.yaml)", r->id);
		return 1;
	}
	return 0;
}

int pl_ruleset_compile(pl_ruleset *rs, pl_diags *diags)
{
	rs->cache = pl_rule_cache_open(rs->cache_dir, rs->files_hash);
	struct pl_compiled_sources compiled = {NULL, 0, 0};
	rs->compiled_sources = &compiled;
	rs->npatterns = 0;
	int errors = pl_ruleset_link_profiles(rs, diags);  /* profiles.c */
	errors += pl_ruleset_link_suggestions(rs, diags);  /* suggest.c */
	char owner[160];
	for (size_t i = 0; i < rs->ntopics; i++) {
		pl_topic *t = &rs->topics[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->topics[j].id, t->id) == 0) {
				errors += pl_duplicate_id(diags, "topic", t->id,
							  &t->origin,
							  &rs->topics[j].origin);
				break;
			}
		snprintf(owner, sizeof owner, "topic '%s'", t->id);
		errors += compile_matcher(rs, &t->match, owner, diags);
		errors += resolve_refs(rs, &t->yield, owner, diags);
		errors += resolve_refs(rs, &t->undone_by, owner, diags);
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		pl_rule *r = &rs->rules[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->rules[j].id, r->id) == 0) {
				errors += pl_duplicate_id(diags, "rule", r->id,
							  &r->origin,
							  &rs->rules[j].origin);
				break;
			}
		snprintf(owner, sizeof owner, "rule '%s'", r->id);
		errors += resolve_refs(rs, &r->topics, owner, diags);
		errors += resolve_refs(rs, &r->when, owner, diags);
		errors += resolve_refs(rs, &r->applies.shown_by, owner, diags);
		errors += resolve_refs(rs, &r->applies.denied_by, owner, diags);
		errors += resolve_refs(rs, &r->applies.left_to, owner, diags);
		if (r->kind == PL_RULE_AVOID)
			errors += compile_matcher(rs, &r->match, owner, diags);
		if (r->kind == PL_RULE_CONFLICT)
			errors += resolve_actions(rs, &r->actions, owner, diags);
	}
	for (size_t i = 0; i < rs->nprofiles; i++) {
		pl_profile *p = &rs->profiles[i];
		snprintf(owner, sizeof owner, "profile '%s'", p->id);
		errors += resolve_refs(rs, &p->applies.shown_by, owner, diags);
		errors += resolve_refs(rs, &p->applies.denied_by, owner, diags);
		errors += resolve_refs(rs, &p->applies.left_to, owner, diags);
		snprintf(owner, sizeof owner, "profile '%s' scope", p->id);
		errors += compile_patterns(rs, &p->scope_outside, owner, diags);
		errors += compile_patterns(rs, &p->scope_within, owner, diags);
	}
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		errors += compile_vocab(rs, (pl_vocab_kind)k, diags);
	errors += compile_patterns(rs, &rs->overview, "structure 'overview'",
				   diags);
	errors += compile_patterns(rs, &rs->other_party,
				   "structure 'other-party'", diags);
	pl_ruleset_add_builtins(rs);
	errors += compile_grammar(rs, diags) + check_grammar(rs, diags);
	if (errors == 0)
		build_prefilter(rs);
	rs->from_cache = pl_rule_cache_hit(rs->cache);
	if (errors == 0)
		pl_rule_cache_save(rs->cache);
	pl_rule_cache_close(rs->cache);
	rs->cache = NULL;
	free(compiled.slots);
	rs->compiled_sources = NULL;
	rs->compiled = errors == 0;
	return errors;
}

/* ---- Export ----------------------------------------------------------- */

static void export_list(const pl_patterns *ps, FILE *out)
{
	for (size_t i = 0; i < ps->count; i++) {
		const char *s = ps->items[i].source;
		/* Case-insensitive like policylint; rg -P and pcre2grep use
		 * UTF and UCP by default, so no other option is needed.  A
		 * pattern never holds a raw newline, which would split it. */
		fputs("(?i)", out);
		for (; *s; s++)
			fputs(*s == '\n' ? "\\n" : (char[2]){*s, 0}, out);
		fputc('\n', out);
	}
}

void pl_ruleset_export_patterns(const pl_ruleset *rs, FILE *out)
{
	for (size_t i = 0; i < rs->ntopics; i++)
		export_list(&rs->topics[i].match.patterns, out);
	for (size_t i = 0; i < rs->nrules; i++)
		export_list(&rs->rules[i].match.patterns, out);
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		for (size_t i = 0; i < rs->vocab[k].count; i++) {
			export_list(&rs->vocab[k].items[i].patterns, out);
			export_list(&rs->vocab[k].items[i].inverse, out);
			export_list(&rs->vocab[k].items[i].converse, out);
		}
}
