/*
 * judge.h: evidence to findings (judge.c), and pl_scan, the whole scan of
 * one policy that the session (linter.c) and the tests call.
 */
#ifndef PL_JUDGE_H
#define PL_JUDGE_H

#include "scan.h"

/* Lints src[0..len), taking ownership of src (malloc'd): extracts it in
 * opts->format (PL_INPUT_AUTO: decided from display_name and the content),
 * runs the topics, then the selected rules, the conflict finder and the
 * profiles' coverage.  display_name is copied into the result.  Pattern
 * errors (a match limit hit) become diagnostics naming the rule.  Never
 * returns NULL. */
pl_result *pl_scan(const pl_ruleset *rs, const char *display_name, char *src,
		   size_t len, const pl_scan_options *opts, pl_diags *diags);

/* Whether a require / require-if rule fires; *trigger receives the hit
 * that makes a require-if rule apply, or for a require rule with
 * max-age-months the hit holding the newest date when that date is too
 * old. */
int pl_rule_fires(pl_scanner *sc, const pl_rule *r,
		  const pl_hit **trigger);

/* The newest date in the evidence of refs (the effective or last-updated
 * date); 0 and the hit holding it, or -1 when none holds a date. */
int pl_newest_date(const pl_scanner *sc, const pl_topic_refs *refs,
		   pl_date *date, const pl_hit **hit);

#endif
