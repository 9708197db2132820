/*
 * literals.h: the literals every match of a pattern contains, and how far
 * from the match's start they can lie (literals.c), for the prefilter.
 */
#ifndef PL_LITERALS_H
#define PL_LITERALS_H

#include <stddef.h>

/* A bound on a distance in bytes within a text:
 *   bytes + space_runs * S + word_runs * W + token_runs * T
 * where S, W and T are the text's longest runs of white space, of word
 * characters and of anything but white space (a "\s+", "\w+" or "\S+"
 * spans at most one run).  Unbounded when nothing bounds it (".*"). */
typedef struct {
	size_t bytes;
	unsigned space_runs, word_runs, token_runs;
	int unbounded;
} pl_reach;

/* The longest runs of a text, in bytes. */
typedef struct {
	size_t space, word, token;
} pl_runs;

/* The most literal sets a pattern is given. */
#define PL_LITERAL_SETS 3

/* One set of strings, one of which every match contains.  Strings are in
 * ASCII lower case (other characters as UTF-8, only caseless ones) and are
 * compared caselessly; none contains another. */
typedef struct {
	char **strings;
	size_t count;
	size_t shortest;        /* the shortest string's length in bytes */
	pl_reach reach;         /* from a match's start to the end of the
	                           string it contains */
	int in_lookahead;       /* the string may lie past the match's end (it
	                           comes from a lookahead) */
} pl_literal_set;

/* Fills sets[0..PL_LITERAL_SETS) with the sets every match of
 * pattern[0..len) satisfies at once, the most useful first, and returns
 * how many (0: none can be derived, so the pattern must be searched
 * everywhere).  Whatever the analysis does not understand widens a set
 * or drops it; it never yields a set a match could miss. */
size_t pl_literals_required(const char *pattern, size_t len,
			    pl_literal_set *sets);
void pl_literal_sets_free(pl_literal_set *sets, size_t n);

/* The groups a run of pl_literals_required_memo has derived, so that a
 * group met again (a rule set's fragments recur in many patterns) is
 * copied rather than derived again: the sets are the same as without. */
typedef struct pl_literal_memo pl_literal_memo;

pl_literal_memo *pl_literal_memo_new(void);
void pl_literal_memo_free(pl_literal_memo *m);
/* pl_literals_required, sharing memo (NULL: none) with earlier calls. */
size_t pl_literals_required_memo(pl_literal_memo *memo, const char *pattern,
				 size_t len, pl_literal_set *sets);

/* The bound for a text with these runs; (size_t)-1 when unbounded. */
size_t pl_reach_bytes(const pl_reach *r, const pl_runs *runs);

#endif
