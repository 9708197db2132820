/*
 * practices.h: what the sentences of one version say about practices, as
 * far as comparing two versions needs (practices.c).
 *
 * The conflict finder (conflicts.c) reads statements carefully enough to
 * call two of them contradictory.  A review of an edit asks coarser
 * questions of each sentence, and asks them of both versions:
 *
 *   - which periods it gives ("30 days"), and whether it keeps data for a
 *     vague time instead ("as long as necessary", "indefinitely");
 *   - whether it limits what it says to a region ("If you are in the
 *     EEA", "California residents", "depending on where you live");
 *   - which practices it states, for which data and recipients, and
 *     whether a denial is absolute ("we never sell your data") or
 *     qualified ("except", "unless", "generally", "without consent");
 *   - which dates it holds, and whether it refers to a change log.
 *
 * The words come from the rule set's vocabularies (rules/conflicts.yaml:
 * actions, data types, recipients, places, qualifiers) and from a few
 * fixed patterns here (periods, vague periods, regions, change logs).
 */
#ifndef PL_PRACTICES_H
#define PL_PRACTICES_H

#include "align.h"
#include "rules.h"

/* The fixed patterns, compiled once per comparison. */
typedef struct {
	pl_regex *duration, *vague, *region, *changelog, *limit, *denial,
		 *public;
} pl_practice_patterns;

void pl_practice_patterns_init(pl_practice_patterns *pp);
void pl_practice_patterns_free(pl_practice_patterns *pp);

enum {
	PL_PM_DURATION = PL_VOCAB_COUNT,  /* after the vocabulary kinds */
	PL_PM_VAGUE,
	PL_PM_REGION,
	PL_PM_NEGATION,
	PL_PM_CHANGELOG,
	PL_PM_DATE,
	PL_PM_LIMIT,            /* "only", "solely", "strictly" */
	PL_PM_PUBLIC            /* "is public", "publicly available" */
};

/* One match in a version's prose. */
typedef struct {
	int what;               /* a pl_vocab_kind or PL_PM_* */
	size_t term;            /* the vocabulary term */
	size_t start, end;      /* in prose */
	double days;            /* PL_PM_DURATION: the period in days */
} pl_pmatch;

typedef struct {
	const pl_version *v;
	const pl_ruleset *rs;
	pl_pmatch *m;           /* sorted by start */
	size_t n, cap;
	size_t *first;          /* sentence i's matches: m[first[i] ..
	                           first[i+1]) */
} pl_practices;

/* Runs every vocabulary term and fixed pattern over v's prose. */
void pl_practices_read(pl_practices *p, const pl_version *v,
		       const pl_ruleset *rs, const pl_practice_patterns *pp,
		       pl_match_state *ms);
void pl_practices_free(pl_practices *p);

/* The first match of kind what (and term, unless (size_t)-1) in sentence
 * i, or NULL. */
const pl_pmatch *pl_practices_find(const pl_practices *p, size_t i, int what,
				   size_t term);
/* The same within the heading sentence i stands under. */
const pl_pmatch *pl_practices_find_in_heading(const pl_practices *p, size_t i,
					      int what);

/* Whether sentence i, or its heading, limits what it says to a region;
 * the region's words go to *m. */
int pl_practices_regional(const pl_practices *p, size_t i,
			  const pl_pmatch **m);

#define PL_STMT_MAX_TERMS 4

/* One practice stated in a sentence: an action, for data, to recipients
 * or places. */
typedef struct {
	size_t sentence;
	size_t action;          /* index into the action vocabulary */
	int negative;           /* "we do not sell" */
	int qualified;          /* an exception, condition, consent, the
	                           law, a circumstance or hedge qualifies it */
	const pl_pmatch *limit; /* what limits a practice the sentence
	                           states ("only with your consent", "solely
	                           to", "obtain your consent"), or NULL */
	size_t data[PL_STMT_MAX_TERMS], ndata;      /* most specific first */
	size_t target[PL_STMT_MAX_TERMS], ntarget;  /* recipients or places */
	size_t verb_start, verb_end;                /* prose */
} pl_pstatement;

/* The statements of sentence i (at most max; returns how many).  No
 * statement is read from a hypothetical, past or conditional sentence, or
 * for an action whose subject is someone else. */
size_t pl_practices_statements(const pl_practices *p, size_t i,
			       pl_pstatement *out, size_t max);

/* The most specific data terms sentence i names (at most
 * PL_STMT_MAX_TERMS into out); returns how many. */
size_t pl_practices_data(const pl_practices *p, size_t i, size_t *out);

/* "personal information", "advertisers": how a term is named. */
const char *pl_practices_label(const pl_ruleset *rs, pl_vocab_kind k,
			       size_t term, char *buf, size_t size);

#endif
