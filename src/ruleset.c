/*
 * ruleset.c: the rule set's own file: making and freeing one, and looking
 * up its rules, topics and terms by id.  The loader (rules_load.c) fills
 * it, the compiler (rules_compile.c) completes it; both depend on this
 * file, never on each other's internals.
 */
#include <stdlib.h>
#include <string.h>

#include "prefilter.h"
#include "rules.h"
#include "util.h"

static void patterns_free(pl_patterns *ps)
{
	for (size_t i = 0; i < ps->count; i++) {
		free(ps->items[i].source);
		free(ps->items[i].colmap);
		pl_regex_free(ps->items[i].re);
	}
	free(ps->items);
}

static void matcher_free(pl_matcher_spec *m)
{
	patterns_free(&m->patterns);
	patterns_free(&m->exclude);
	patterns_free(&m->exclude_lead_in);
	patterns_free(&m->section);
	patterns_free(&m->weak);
	patterns_free(&m->weak_under);
}

static void examples_free(pl_examples *e)
{
	for (size_t i = 0; i < e->count; i++)
		free(e->items[i].text);
	free(e->items);
}

static void refs_free(pl_topic_refs *r)
{
	for (size_t i = 0; i < r->count; i++)
		free(r->names[i]);
	free(r->names);
	free(r->origins);
	free(r->index);
}

static void applicability_free(pl_applicability *a)
{
	free(a->fact);
	refs_free(&a->shown_by);
	refs_free(&a->denied_by);
	refs_free(&a->left_to);
}

static void strings_free(char **s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static void terms_free(pl_terms *v)
{
	for (size_t i = 0; i < v->count; i++) {
		pl_term *t = &v->items[i];
		free(t->id);
		free(t->label);
		for (size_t k = 0; k < t->nparents; k++)
			free(t->parents[k]);
		patterns_free(&t->patterns);
		patterns_free(&t->inverse);
		patterns_free(&t->converse);
		free(t->says);
		free(t->denies);
		free(t->preposition);
		free(t->implied_data);
		free(t->inverse_says);
	}
	free(v->items);
}

static void values_free(pl_word_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i].word);
	free(v);
}

static void grammar_free(pl_grammar_spec *g)
{
	for (int i = 0; i < PL_GRAMMAR_COUNT; i++)
		patterns_free(&g->patterns[i]);
	strings_free(g->auxiliaries, g->nauxiliaries);
	strings_free(g->aux_suffixes, g->naux_suffixes);
	strings_free(g->fillers, g->nfillers);
	values_free(g->numbers, g->nnumbers);
	values_free(g->units, g->nunits);
}

pl_ruleset *pl_ruleset_new(void)
{
	return pl_xcalloc(1, sizeof(pl_ruleset));
}

void pl_ruleset_add_builtins(pl_ruleset *rs)
{
	/* Negation is looked for in the clause before a match: "we do not
	 * sell", "we never share", "nor rent"; "no matter where you live",
	 * "no more than 30 days", "no later than", "at no cost" deny nothing.  A
	 * conditional sentence opens with a hedge: "if we ever sell ...",
	 * "should you ...". */
	if (rs->negation == NULL)
		rs->negation = pl_regex_builtin(
			"\\b(?:not|never|no(?!\\s+(?:matter|doubt|later\\s+than|"
			"sooner\\s+than|less\\s+than|more\\s+than|longer\\s+than|"
			"(?:additional\\s+|extra\\s+)?(?:cost|charge|fee)s?)\\b)|"
			"nor|neither|none|cannot)\\b|n't\\b|n\\x{2019}t\\b");
	/* What follows a denial is not denied after "but", "except" ...:
	 * a list's lead-in "we collect nothing except:" denies no item. */
	if (rs->negation_undone == NULL)
		rs->negation_undone = pl_regex_builtin(
			"\\b(?:but|however|yet|except|excepting|save|other\\s+than|"
			"apart\\s+from|aside\\s+from|besides|beyond|only|unless)\\b");
	/* The value of a label ("International transfers: None take
	 * place") that opens with a denial denies what the label names. */
	if (rs->label_denial == NULL)
		rs->label_denial = pl_regex_builtin(
			"^\\W*(?:no|none|nothing|not|never|n/a|there\\s+(?:are|is)"
			"\\s+no|(?:we|i|it|this\\s+\\w+|the\\s+\\w+)\\s+(?:do(?:es)?"
			"\\s+not|don[’']t|doesn[’']t|never|(?:is|are)\\s+not))\\b");
	if (rs->conditional == NULL)
		rs->conditional = pl_regex_builtin(
			"^\\W*(?:if|should|in\\s+the\\s+(?:unlikely\\s+)?event|"
			"in\\s+case|unless|whether|in\\s+the\\s+future)\\b");
}

void pl_ruleset_set_cache(pl_ruleset *rs, const char *dir)
{
	free(rs->cache_dir);
	rs->cache_dir = dir && *dir ? pl_xstrdup(dir) : NULL;
}

void pl_ruleset_free(pl_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < rs->ntopics; i++) {
		pl_topic *t = &rs->topics[i];
		free(t->id);
		free(t->summary);
		strings_free(t->profiles, t->nprofiles);
		free(t->profile_origins);
		matcher_free(&t->match);
		refs_free(&t->yield);
		refs_free(&t->undone_by);
		examples_free(&t->examples_match);
		examples_free(&t->examples_no_match);
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		pl_rule *r = &rs->rules[i];
		free(r->id);
		free(r->message);
		free(r->rationale);
		free(r->suggest);
		strings_free(r->references, r->nreferences);
		strings_free(r->profiles, r->nprofiles);
		free(r->profile_origins);
		free(r->refines);
		refs_free(&r->topics);
		refs_free(&r->when);
		refs_free(&r->actions);
		applicability_free(&r->applies);
		matcher_free(&r->match);
		examples_free(&r->examples_match);
		examples_free(&r->examples_no_match);
	}
	for (size_t i = 0; i < rs->nprofiles; i++) {
		pl_profile *p = &rs->profiles[i];
		free(p->id);
		free(p->title);
		free(p->law);
		free(p->citation);
		free(p->url);
		free(p->description);
		applicability_free(&p->applies);
		patterns_free(&p->scope_outside);
		patterns_free(&p->scope_within);
	}
	free(rs->profiles);
	for (size_t i = 0; i < rs->nsuggestions; i++) {
		free(rs->suggestions[i].rule);
		free(rs->suggestions[i].text);
	}
	free(rs->suggestions);
	for (size_t i = 0; i < rs->ndefines; i++) {
		free(rs->defines[i].name);
		free(rs->defines[i].value);
	}
	free(rs->defines);
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		terms_free(&rs->vocab[k]);
	patterns_free(&rs->overview);
	patterns_free(&rs->other_party);
	pl_regex_free(rs->negation);
	pl_regex_free(rs->conditional);
	pl_regex_free(rs->negation_undone);
	pl_regex_free(rs->label_denial);
	grammar_free(&rs->grammar);
	pl_prefilter_free(rs->prefilter);
	free(rs->cache_dir);
	strings_free(rs->files, rs->nfiles);
	free(rs->topics);
	free(rs->rules);
	free(rs);
}

int pl_duplicate_id(pl_diags *diags, const char *what, const char *id,
		    const pl_origin *at, const pl_origin *first)
{
	pl_diags_add(diags, PL_DIAG_RULES_DUPLICATE_ID, at->file, at->line,
		     at->column, "duplicate %s id '%s' (first defined at "
		     "%s:%lu:%lu)", what, id, first->file, first->line,
		     first->column);
	return 1;
}

static int inside_depth(const pl_terms *v, size_t a, size_t b, size_t depth)
{
	if (a == b)
		return 1;
	if (a >= v->count || depth > v->count)
		return 0;
	const pl_term *t = &v->items[a];
	for (size_t k = 0; k < t->nparents; k++)
		if (t->parent_index[k] != (size_t)-1 &&
		    inside_depth(v, t->parent_index[k], b, depth + 1))
			return 1;
	return 0;
}

int pl_term_inside(const pl_terms *v, size_t a, size_t b)
{
	return inside_depth(v, a, b, 0);
}
