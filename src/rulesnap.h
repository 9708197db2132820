/*
 * rulesnap.h: a loaded and compiled rule set as bytes, and back
 * (rulesnap.c), so that the rule cache can hand a run the whole rule set
 * without its YAML being read again.
 */
#ifndef PL_RULESNAP_H
#define PL_RULESNAP_H

#include <stddef.h>

#include "rules.h"
#include "wire.h"

/* Appends rs (loaded and compiled without errors) to out; *res is set to
 * its compiled patterns in the order the bytes name them (malloc'd, *nres
 * of them, still owned by rs), for PCRE2's serialisation.  Returns 0 when
 * rs cannot be written (then out holds part of it). */
int pl_ruleset_encode(const pl_ruleset *rs, pl_buf *out,
		      const pl_regex ***res, size_t *nres);

/* The rule set in r's bytes, with res[0..nres) as its compiled patterns
 * (in the order pl_ruleset_encode gave), or NULL (r bad) when the bytes are
 * not a rule set of nres patterns.  Takes res[0..nres) in every case.
 * With res NULL, reads the structure alone, its patterns left
 * uncompiled (for tests of the format). */
pl_ruleset *pl_ruleset_decode(pl_wire_in *r, pl_regex **res, size_t nres);

#endif
