/*
 * rules_check.c: runs the examples written in the rules, as a test of the
 * rules themselves (`policylint --check-rules`, and the test suite).
 *
 * Each example is linted on its own, as a one-paragraph plain-text policy.
 * For a topic, `match` examples must be evidence of it and `no_match` ones
 * must not; for a rule, `match` examples must make it report a finding.
 * It also checks that each list of topics a rule, a profile or a topic
 * refers to has a topic scanned under each of its profiles: a topic
 * limited by its own `profiles:` is not searched when only another profile
 * is selected, and a list of such topics then never holds, silently (the
 * examples, linted under every profile, cannot show that).
 */
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "judge.h"
#include "util.h"

static int rule_fires_on(pl_scanner *sc, const pl_rule *r)
{
	if (r->kind == PL_RULE_AVOID) {
		pl_hits hits = {0};
		pl_scanner_match(sc, &r->match, r->id, r->id, &hits);
		free(hits.items);
		return hits.count > 0;
	}
	if (r->kind == PL_RULE_CONFLICT)   /* an example is a whole policy */
		return pl_conflicts_count(sc, r) > 0;
	const pl_hit *trigger;
	return pl_rule_fires(sc, r, &trigger);
}

static int check_one(const pl_ruleset *rs, const pl_example *ex, int expect,
		     long topic, const pl_rule *rule, pl_diags *diags)
{
	pl_scanner sc;
	pl_scanner_run(&sc, rs, ex->origin.file, ex->text, strlen(ex->text),
		       PL_INPUT_TEXT, diags);
	int fired = rule ? rule_fires_on(&sc, rule)
			 : sc.topic_hits[topic].count > 0;
	pl_scanner_free(&sc);
	if (fired == expect)
		return 0;
	const char *what = rule ? "rule" : "topic";
	const char *id = rule ? rule->id : rs->topics[topic].id;
	pl_diags_add(diags, PL_DIAG_RULES_EXAMPLE, ex->origin.file, ex->origin.line,
		     ex->origin.column, "%s '%s': example %s: %s",
		     what, id,
		     expect ? (rule ? "should fire but does not"
				    : "should match but does not")
			    : (rule ? "should not fire but does"
				    : "should not match but does"),
		     ex->text);
	return 1;
}

/* A suggested clause, its placeholders filled in, must meet its rule:
 * alone for a require rule, after the rule's first `match` example (what
 * triggers it) for a require-if rule. */
static int check_suggestion(const pl_ruleset *rs, const pl_rule *r,
			    pl_diags *diags)
{
	char *filled = pl_suggest_fill(r->suggest);
	char *text = r->kind == PL_RULE_REQUIRE_IF && r->examples_match.count ?
		     pl_xasprintf("%s\n\n%s", r->examples_match.items[0].text,
				  filled) : pl_xstrdup(filled);
	pl_scanner sc;
	pl_scanner_run(&sc, rs, r->suggest_origin.file, text, strlen(text),
		       PL_INPUT_TEXT, diags);
	int fired = rule_fires_on(&sc, r);
	pl_scanner_free(&sc);
	if (fired)
		pl_diags_add(diags, PL_DIAG_RULES_SUGGEST, r->suggest_origin.file,
			     r->suggest_origin.line, r->suggest_origin.column,
			     "rule '%s': its suggested clause does not meet it: "
			     "%s", r->id, filled);
	free(filled);
	free(text);
	return fired;
}

/* One error when profile `profile` scans none of the topics of refs: the
 * list is "any of these", so one topic the profile scans keeps it alive
 * (a baseline requirement may take more evidence from a law profile's
 * topic when both are selected), but a list with none can never hold
 * under that profile alone.  An area's name, which stands for all of its
 * evidence topics, counts as scanned. */
static int check_reach(const pl_ruleset *rs, const pl_topic_refs *refs,
		       const char *key, const char *owner_kind,
		       const char *owner, const char *profile, pl_diags *diags)
{
	if (refs->count == 0)
		return 0;
	for (size_t i = 0; i < refs->count; i++)
		if (refs->index[i] == (size_t)-1 ||
		    pl_topic_selected(&rs->topics[refs->index[i]], &profile, 1))
			return 0;
	const pl_origin *o = &refs->origins[0];
	pl_diags_add(diags, PL_DIAG_RULES_UNREACHABLE, o->file, o->line,
		     o->column, "%s '%s': no topic of its %s (%s%s) is scanned "
		     "under profile '%s' (their own profiles leave it out), so "
		     "under that profile it never holds", owner_kind, owner,
		     key, rs->topics[refs->index[0]].id,
		     refs->count > 1 ? ", ..." : "", profile);
	return 1;
}

static int check_applies_reach(const pl_ruleset *rs, const pl_applicability *a,
			       const char *owner_kind, const char *owner,
			       const char *profile, pl_diags *diags)
{
	return check_reach(rs, &a->shown_by, "shown-by", owner_kind, owner,
			   profile, diags) +
	       check_reach(rs, &a->denied_by, "denied-by", owner_kind, owner,
			   profile, diags) +
	       check_reach(rs, &a->left_to, "left-to", owner_kind, owner,
			   profile, diags);
}

static int check_profiles_reach(const pl_ruleset *rs, pl_diags *diags)
{
	int failures = 0;
	for (size_t r = 0; r < rs->nrules; r++) {
		const pl_rule *ru = &rs->rules[r];
		for (size_t k = 0; k < ru->nprofiles; k++) {
			const char *p = ru->profiles[k];
			failures += check_reach(rs, &ru->topics, "topics", "rule",
						ru->id, p, diags) +
				    check_reach(rs, &ru->when, "when", "rule",
						ru->id, p, diags) +
				    check_applies_reach(rs, &ru->applies, "rule",
							ru->id, p, diags);
		}
	}
	for (size_t i = 0; i < rs->nprofiles; i++)
		failures += check_applies_reach(rs, &rs->profiles[i].applies,
						"profile", rs->profiles[i].id,
						rs->profiles[i].id, diags);
	/* A topic's yield and undone-by, under each profile it runs in; a
	 * topic of no profile runs whatever is selected, and baseline alone
	 * is where a reference to a law profile's topics cannot hold. */
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic *tp = &rs->topics[t];
		size_t n = tp->nprofiles ? tp->nprofiles : 1;
		for (size_t k = 0; k < n; k++) {
			const char *p = tp->nprofiles ? tp->profiles[k]
						      : PL_PROFILE_DEFAULT;
			failures += check_reach(rs, &tp->yield, "yield", "topic",
						tp->id, p, diags) +
				    check_reach(rs, &tp->undone_by, "undone-by",
						"topic", tp->id, p, diags);
		}
	}
	return failures;
}

int pl_ruleset_check_examples(const pl_ruleset *rs, pl_diags *diags)
{
	int failures = check_profiles_reach(rs, diags);
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic *tp = &rs->topics[t];
		for (size_t i = 0; i < tp->examples_match.count; i++)
			failures += check_one(rs, &tp->examples_match.items[i], 1,
					      (long)t, NULL, diags);
		for (size_t i = 0; i < tp->examples_no_match.count; i++)
			failures += check_one(rs, &tp->examples_no_match.items[i],
					      0, (long)t, NULL, diags);
	}
	for (size_t r = 0; r < rs->nrules; r++) {
		const pl_rule *ru = &rs->rules[r];
		for (size_t i = 0; i < ru->examples_match.count; i++)
			failures += check_one(rs, &ru->examples_match.items[i], 1,
					      -1, ru, diags);
		for (size_t i = 0; i < ru->examples_no_match.count; i++)
			failures += check_one(rs, &ru->examples_no_match.items[i],
					      0, -1, ru, diags);
		if (ru->suggest)
			failures += check_suggestion(rs, ru, diags);
	}
	return failures;
}
