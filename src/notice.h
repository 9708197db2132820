/*
 * notice.h: several documents judged as one notice (notice.c).
 */
#ifndef PL_NOTICE_H
#define PL_NOTICE_H

#include "result.h"

/* Judges r (the main document) together with docs[0..n): evidence from
 * every document (pointing into its file), requirements met by any of
 * them, and missing findings only for what none of them discloses (the
 * message naming the set).  docs are not changed. */
void pl_result_merge_notice(pl_result *r, pl_result *const *docs, size_t n);

/* A companion document linted on its own: its requirements are judged
 * with the main document, so its missing and incomplete findings go. */
void pl_result_drop_requirements(pl_result *r);

#endif
