/*
 * scan.h: the scanner: topics searched over one policy's prose, each match
 * judged in its sentence.  The judge (judge.c), the conflict finder and the
 * example checker (rules_check.c) work on what it finds.
 */
#ifndef PL_SCAN_H
#define PL_SCAN_H

#include "prefilter.h"
#include "rules.h"
#include "text.h"

/* One sentence in which a topic (or an `avoid` rule) matched. */
typedef struct {
	size_t start, end;      /* the match, in prose */
	size_t sentence;
} pl_hit;

typedef struct {
	pl_hit *items;
	size_t count, cap;
} pl_hits;

/* Everything one scan works with. */
typedef struct {
	const pl_ruleset *rs;
	pl_match_state *ms;
	pl_diags *diags;
	const char *name;       /* for diagnostics */
	pl_text text;
	pl_hits *topic_hits;    /* one list per topic */
	unsigned char *seen;    /* scratch: one flag per sentence */
	size_t *block_ends;     /* where each search region ends (a block, or
	                           part of a very long one): searches run
	                           region by region (see scan.c) */
	size_t nregions;
	pl_occurrences occ;     /* what the prefilter's pass found */
	int filtered;           /* occ is valid */
	pl_slot_view *views;    /* for each prefilter slot, where its pattern
	                           can match (computed when first asked) */
	unsigned char *viewed;  /* per slot: views[slot] is computed */
	unsigned char *ctx_memo; /* scratch: per sentence, what its context
	                          says of the matcher running (scan.c) */
	pl_date today;          /* date checks; year 0: the current date */
	/* --trace: every candidate match of a topic and what became of it,
	 * in prose offsets (NULL: no trace). */
	void (*trace)(void *arg, const char *id, int pattern, int weak,
		      pl_trace_verdict verdict, int detail, size_t ms,
		      size_t me);
	void *trace_arg;
} pl_scanner;

/* Extracts and segments src and marks what the rule set's structure
 * patterns say of its sentences; no topic runs yet.  Free with
 * pl_scanner_free. */
void pl_scanner_init(pl_scanner *sc, const pl_ruleset *rs, const char *name,
		     const char *src, size_t len, pl_input_format fmt,
		     pl_diags *diags);

/* Runs the topics whose flag in topic_on is set (NULL: every topic); the
 * others have no hits. */
void pl_scanner_match_topics(pl_scanner *sc, const unsigned char *topic_on);

/* pl_scanner_init, then every topic. */
void pl_scanner_run(pl_scanner *sc, const pl_ruleset *rs, const char *name,
		    const char *src, size_t len, pl_input_format fmt,
		    pl_diags *diags);

/* What pl_scanner_search calls for each match [ms, me) of re: returns the
 * prose offset to search on from, or PL_SEARCH_STOP. */
typedef size_t (*pl_match_visit)(pl_scanner *sc, const pl_regex *re,
				 size_t ms, size_t me, void *arg);
#define PL_SEARCH_STOP ((size_t)-1)

/* Searches p over the prose block by block (no match leaves its block;
 * see scan.c), where the prefilter allows, calling visit for each match.
 * A limit hit is reported naming owner and ends the search. */
void pl_scanner_search(pl_scanner *sc, const pl_pattern *p, const char *owner,
		       pl_match_visit visit, void *arg);

/* Whether a search of prose[from..to) as a subject of its own (one
 * sentence) can find p: the prefilter's verdict, 1 when it cannot tell. */
int pl_scanner_may_match_in(pl_scanner *sc, const pl_pattern *p, size_t from,
			    size_t to);

/* Whether sentence s, or its context (headings above it, its list's
 * lead-in, its column's header), matches one of ps. */
int pl_scanner_sentence_says(pl_scanner *sc, const pl_patterns *ps,
			     const char *owner, size_t s);

/* Whether the prefilter runs (POLICYLINT_PREFILTER=0 turns it off: the
 * soundness test compares the two). */
int pl_prefilter_enabled(void);

/* Runs one matcher over the text; hits go to out (one per sentence).  id
 * names it in traces, owner in diagnostics. */
void pl_scanner_match(pl_scanner *sc, const pl_matcher_spec *m,
		      const char *id, const char *owner, pl_hits *out);

void pl_scanner_free(pl_scanner *sc);

#endif
