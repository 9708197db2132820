/*
 * conflicts.h: finding the statements of a policy that contradict each
 * other (rules of kind `conflict`).
 *
 * The statements come from the reader (statements.h).  Two statements
 * conflict when the action is the same, the polarity opposite, the actor
 * the same, the affirmation's data lies inside the denial's, the
 * recipients (or places) and purposes overlap, the scopes meet, and
 * nothing the denial says (an exception, consent, a condition, the law, a
 * period) makes room for the affirmation.  A denial the reader could not
 * resolve takes no part.
 */
#ifndef PL_CONFLICTS_H
#define PL_CONFLICTS_H

#include "scan.h"

/* Adds one finding of kind PL_KIND_CONFLICT to r for each denial that
 * other statements contradict, at the denial, with each contradicting
 * statement in `related`.  Rules disabled in opts are skipped.  With
 * opts->statements the statements read are kept in r (the `statements`
 * format).  Each action's denials are compared with its affirmations, at
 * most a fixed number of denials per action (grammar distance
 * `compared-denials`), so the cost stays linear in the policy's length. */
void pl_conflicts_find(pl_scanner *sc, pl_result *r,
		       const pl_scan_options *opts);

/* How many conflicts rule would report on sc's text (for rule examples). */
size_t pl_conflicts_count(pl_scanner *sc, const pl_rule *rule);

#endif
