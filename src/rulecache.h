/*
 * rulecache.h: compiled rule sets kept on disk between runs
 * (rulecache.c).
 */
#ifndef PL_RULECACHE_H
#define PL_RULECACHE_H

#include <stddef.h>
#include <stdint.h>

#include "literals.h"
#include "rules.h"
#include "rulesnap.h"

typedef struct pl_rule_cache pl_rule_cache;

/* The cache of the rule set whose files hash to rules_key (rules_load.c):
 * what dir/rules-KEY.bin holds, where KEY also covers this policylint,
 * PCRE2 and format, if the file is whole (else nothing: it is written
 * afresh by pl_rule_cache_save).  dir NULL: no cache, and every call below
 * does nothing. */
pl_rule_cache *pl_rule_cache_open(const char *dir, uint64_t rules_key);

/* Whether every pattern asked for so far came from the cache. */
int pl_rule_cache_hit(const pl_rule_cache *c);

/* The rule set's pattern number i, whose expanded source is source,
 * compiled: from the cache if it holds it (for this very source), else
 * NULL, and the caller compiles it and hands it to pl_rule_cache_put. */
pl_regex *pl_rule_cache_regex(pl_rule_cache *c, size_t i, const char *source);
void pl_rule_cache_put(pl_rule_cache *c, size_t i, const char *source,
		       const pl_regex *re);

/* Pattern i's literal sets, copied into sets: how many, or -1 when not
 * cached; and what to record for it. */
long pl_rule_cache_literals(pl_rule_cache *c, size_t i, pl_literal_set *sets);
void pl_rule_cache_put_literals(pl_rule_cache *c, size_t i,
				const pl_literal_set *sets, size_t n);

/* Writes the cache file when anything was missing from it: to a temporary
 * file renamed into place, so that concurrent runs never read half a file.
 * Every pattern handed to pl_rule_cache_put must still be alive.  Failure
 * to write (a read-only home) only costs the next run its speed. */
void pl_rule_cache_save(pl_rule_cache *c);

void pl_rule_cache_close(pl_rule_cache *c);

/* ---- Whole rule sets (loaded and compiled) ---- */

/* The key of the rule set that loading paths[0..n) in turn gives: over the
 * paths, the name and bytes of every file they load and the versions of
 * what reads them.  0 when a file cannot be read (the loader then says
 * why; nothing is cached). */
int pl_rule_set_key(const char *const *paths, size_t n, uint64_t *key);

/* The rule set cached under key in dir, ready to use (its cache dir set,
 * pl_ruleset_from_cache true); NULL when none is, or the file is damaged,
 * stale or from another build. */
pl_ruleset *pl_rule_set_cached(const char *dir, uint64_t key);

/* Keeps rs (compiled without errors, and loaded without any diagnostic)
 * under key in dir; failing to write only costs the next run its speed. */
void pl_rule_set_save(const char *dir, uint64_t key, const pl_ruleset *rs);

#endif
