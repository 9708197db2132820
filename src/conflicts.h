/*
 * conflicts.h: finding the statements of a policy that contradict each
 * other (rules of kind `conflict`).
 *
 * Each sentence that makes a data-practice claim becomes one statement per
 * clause and action: (actor, action, data, recipients or places, purposes,
 * polarity, qualifiers), read through the vocabularies of rules.h.  Two
 * statements conflict when they share the action, have opposite polarity,
 * the positive's data and recipients lie inside the negative's, and nothing
 * the negative says (an exception, consent, the law, a scope, a purpose)
 * makes room for the positive.
 */
#ifndef PL_CONFLICTS_H
#define PL_CONFLICTS_H

#include "scan.h"

/* Adds one finding of kind PL_KIND_CONFLICT to r for each contradicting
 * pair of statements in sc's text, at the later statement, with the earlier
 * one in `related`.  Rules disabled in opts are skipped.  Cost is linear in
 * the number of sentences: statements are compared only within one action,
 * against a bounded number of earlier statements. */
void pl_conflicts_find(pl_scanner *sc, pl_result *r,
		       const pl_scan_options *opts);

/* Compiles the finder's fixed grammar into rs (once per rule set; called
 * by pl_ruleset_compile). */
void pl_conflicts_compile(pl_ruleset *rs);

/* How many conflicts rule would report on sc's text (for rule examples). */
size_t pl_conflicts_count(pl_scanner *sc, const pl_rule *rule);

#endif
