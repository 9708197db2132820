/*
 * directives.h: inline suppression comments in a policy (directives.c).
 */
#ifndef PL_DIRECTIVES_H
#define PL_DIRECTIVES_H

#include "result.h"

/* Suppression comments in a policy:
 *
 *   <!-- policylint-disable-file [ID[,ID...]] [-- reason] -->
 *   <!-- policylint-disable [IDs] -->  ...  <!-- policylint-enable [IDs] -->
 *   <!-- policylint-disable-next-line [IDs] -->
 *   <!-- policylint-disable-line [IDs] -->
 *
 * in Markdown and HTML; in plain text the same comments, or a line of its
 * own beginning with "# policylint-..." .  No IDs means every rule.  See
 * policylint(1). */
typedef struct pl_directives pl_directives;

/* Finds the directives of src (not kept).  fmt must not be PL_INPUT_AUTO. */
pl_directives *pl_directives_parse(const char *src, size_t len,
				   pl_input_format fmt);
size_t pl_directives_count(const pl_directives *d);
/* Plain text has no comments, so its directive lines would be read as
 * prose: this blanks them in src (same length, line ends kept), keeping a
 * copy that pl_result_apply_directives puts back into the result. */
void pl_directives_mask(pl_directives *d, char *src);
/* Drops the findings the directives suppress and adds an unused-directive
 * finding for every directive (or ID) that suppressed nothing.  IDs in
 * ignored[] (rules disabled by option or configuration) are not reported
 * as unused; rs (may be NULL) names unknown IDs.  Restores masked bytes. */
void pl_result_apply_directives(pl_result *r, pl_directives *d,
				const pl_ruleset *rs,
				const char *const *ignored, size_t nignored,
				pl_severity unused_severity);
void pl_directives_free(pl_directives *d);

#endif
