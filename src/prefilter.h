/*
 * prefilter.h: where in a text each pattern can match, found in one pass
 * over it (prefilter.c).
 */
#ifndef PL_PREFILTER_H
#define PL_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "literals.h"
#include "wire.h"

typedef struct pl_prefilter pl_prefilter;

/* Builds the automaton for nslots patterns; slot s's literal sets are
 * sets[s][0..nsets[s]) as pl_literals_required gives them (copied). */
pl_prefilter *pl_prefilter_build(const pl_literal_set *const *sets,
				 const size_t *nsets, size_t nslots);
size_t pl_prefilter_slots(const pl_prefilter *pf);
/* The distinct literals of every slot. */
size_t pl_prefilter_literals(const pl_prefilter *pf);
/* The memory its tables take. */
size_t pl_prefilter_bytes(const pl_prefilter *pf);
void pl_prefilter_free(pl_prefilter *pf);

/* The automaton as bytes (wire.h), and back: decode checks every index
 * it reads, returning NULL (r bad) for bytes that are not an automaton. */
void pl_prefilter_encode(const pl_prefilter *pf, pl_buf *b);
pl_prefilter *pl_prefilter_decode(pl_wire_in *r);

/* What one pass over a text found: where each literal ends, and the
 * text's longest runs of white space, of word characters and of anything
 * but white space (in bytes). */
typedef struct {
	int complete;           /* 0: the text was too large to record, so the
	                           prefilter narrows nothing */
	uint32_t *first;        /* literal l's ends are ends[first[l] ..
	                           first[l + 1]), in text order */
	uint32_t *ends;
	size_t nlits;
	pl_runs runs;
	/* scratch for pl_prefilter_view */
	uint32_t *tmp;
	size_t tmp_cap;
	size_t *bounds;         /* where each literal's run starts in tmp */
	size_t bounds_cap;
	struct pl_interval *windows, *result;
	size_t windows_cap, result_cap;
} pl_occurrences;

void pl_prefilter_scan(const pl_prefilter *pf, const char *text, size_t len,
		       pl_occurrences *out);
void pl_occurrences_free(pl_occurrences *occ);

/* Offsets where a match may start: lo <= start <= hi. */
typedef struct pl_interval {
	size_t lo, hi;
} pl_interval;

typedef struct {
	pl_interval *items;
	size_t count, cap;
} pl_intervals;

/* What the prefilter says of one slot in one text. */
typedef struct {
	int narrowed;           /* 0: it cannot tell; search everything */
	pl_intervals starts;    /* where a match of the whole prose can start:
	                           sorted, disjoint (none: it cannot match) */
	size_t nsets;
	const uint32_t *ends[PL_LITERAL_SETS];  /* each set's literal ends, in
	                                           text order: the
	                                           occurrences' own list when
	                                           one literal occurs, else */
	uint32_t *merged[PL_LITERAL_SETS];      /* ... a merged copy, owned */
	size_t nends[PL_LITERAL_SETS];
	size_t shortest[PL_LITERAL_SETS];
} pl_slot_view;

/* Fills *out for slot.  Blocks are given by their ends: block b's region
 * runs from block_ends[b - 1] (or 0) to block_ends[b], and a pattern whose
 * literals are not bounded is searched in the regions that hold one. */
void pl_prefilter_view(const pl_prefilter *pf, pl_occurrences *occ, long slot,
		       const size_t *block_ends, size_t nblocks,
		       pl_slot_view *out);
void pl_slot_view_free(pl_slot_view *v);

/* Whether a search of text[from..to) as a subject of its own can match:
 * every set has a literal inside it. */
int pl_slot_view_may_match_in(const pl_slot_view *v, size_t from, size_t to);

#endif
