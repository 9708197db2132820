/*
 * align.h: two versions of a policy, sentence by sentence (align.c).
 *
 * A reviewer reads an edit as sentences kept, moved, reworded, deleted and
 * added.  Each version is extracted again (the same prose the scanner saw)
 * and split into sentences, each known by its words (words.h); the
 * sentences of the old version are then paired with those of the new:
 *
 *   same      the same words, in order with the rest of the text
 *   moved     the same words, elsewhere
 *   reworded  a sentence of the new version between the same neighbours
 *             that shares most of its words
 *   gone      nothing in the new version
 *
 * and every sentence of the old version has a place in the new one: its
 * partner, or where the text it stood in now is (the next kept sentence),
 * so that a finding about deleted text points into the diff.
 */
#ifndef PL_ALIGN_H
#define PL_ALIGN_H

#include "result.h"
#include "text.h"

typedef enum {
	PL_ALIGN_NONE,          /* gone (old) or added (new) */
	PL_ALIGN_SAME,
	PL_ALIGN_MOVED,
	PL_ALIGN_REWORDED
} pl_align_kind;

typedef struct {
	size_t src_start, src_end;      /* the sentence in the source */
	unsigned long long key;         /* its words */
	size_t words, nwords;           /* its distinct word stems (hashes):
	                                   sorted, at wordset[words ..
	                                   +nwords) */
	long partner;                   /* the other version's sentence, -1 */
	pl_align_kind how;
	int chained;                    /* same, and in order with the other
	                                   kept sentences */
} pl_vsentence;

/* One version: its result, prose and sentences. */
typedef struct {
	const pl_result *r;
	pl_text text;
	pl_vsentence *s;
	size_t n;
	unsigned long long *wordset;
	size_t nwordset, wordset_cap;
} pl_version;

/* Extracts r's input again (in r's format) and splits it into sentences. */
void pl_version_init(pl_version *v, const pl_result *r);
void pl_version_free(pl_version *v);

/* The sentence holding source offset off, or -1. */
long pl_version_sentence_at(const pl_version *v, size_t off);

/* The prose of sentence i (not NUL-terminated), and its length. */
const char *pl_version_prose(const pl_version *v, size_t i, size_t *len);

/* The nearest heading above sentence i (its prose), or NULL. */
const char *pl_version_heading(const pl_version *v, size_t i, size_t *len);

/* Pairs the sentences of old and cur (filling partner, how, chained). */
void pl_align(pl_version *old, pl_version *cur);

/* Where old's sentence i is in cur: its partner's start, else the start of
 * the next chained sentence after it, else the end of the previous one
 * (an offset in cur's source). */
size_t pl_align_place(const pl_version *old, const pl_version *cur, size_t i);

/* How alike two sentences' words (stems) are: 2|A and B| / (|A| + |B|),
 * 0..1. */
double pl_align_similarity(const pl_version *a, size_t i, const pl_version *b,
			   size_t k);
/* How much of the shorter sentence the longer holds: |A and B| / min, and
 * the number of shared words in *common (NULL: not wanted). */
double pl_align_containment(const pl_version *a, size_t i, const pl_version *b,
			    size_t k, size_t *common);

#endif
