/*
 * against.h: comparing a policy with its previous version (against.c).
 */
#ifndef PL_AGAINST_H
#define PL_AGAINST_H

#include "result.h"

typedef struct {
	const char *old_name;           /* how OLD is named in messages and
	                                   related locations; must outlive
	                                   the result */
	const char *const *disabled;    /* rule ids not to report */
	size_t ndisabled;
} pl_against_options;

/* --against: compares cur with old (linted with the same rule set):
 *
 *  - records in cur the changes of the edit, in plain words, by area
 *    (pl_result_change): disclosures added, removed, weakened or made
 *    firmer, and the practices it now states or no longer states;
 *  - adds a finding for every disclosure old made and cur does not, at
 *    the coarsest level that holds, each loss once: an area
 *    (area-removed), a requirement of a selected profile that old met
 *    (the requirement's own finding in cur, of kind removed), a topic
 *    (disclosure-removed), then what is weakened within a topic
 *    (retention-weakened, right-narrowed, promise-weakened,
 *    promise-removed, date-removed); each points at where the text was
 *    in cur and, related, where old had it;
 *  - drops the findings of cur that old also has (matched by fingerprint,
 *    so moved or re-wrapped text stays matched). */
void pl_result_against(pl_result *cur, const pl_result *old,
		       const pl_against_options *o);

#endif
