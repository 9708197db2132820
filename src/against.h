/*
 * against.h: comparing a policy with its previous version (against.c).
 */
#ifndef PL_AGAINST_H
#define PL_AGAINST_H

#include "result.h"

/* --against: keeps only the findings of cur that old does not have
 * (matched by fingerprint, so moved text stays matched) and adds a
 * `removed` finding (rule area-removed) for each area old disclosed and cur
 * does not.  old_name names old in messages and related locations and must
 * outlive cur. */
void pl_result_against(pl_result *cur, const pl_result *old,
		       const char *old_name, pl_severity removed_severity);

#endif
