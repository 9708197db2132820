/*
 * baseline.h: recorded findings that are not reported again (baseline.c).
 */
#ifndef PL_BASELINE_H
#define PL_BASELINE_H

#include "result.h"

typedef struct pl_baseline pl_baseline;

pl_baseline *pl_baseline_new(void);
/* Reads a baseline file written by pl_baseline_write; problems go to
 * diags (FILE:LINE).  Returns 0, or -1 on error. */
int pl_baseline_read(pl_baseline *b, const char *path, pl_diags *diags);
/* Records every finding of r. */
void pl_baseline_add(pl_baseline *b, const pl_result *r);
/* Writes the records, sorted, one per line.  Returns 0 or -1 (errno). */
int pl_baseline_write(const pl_baseline *b, const char *path);
size_t pl_baseline_count(const pl_baseline *b);
/* Drops the findings of r that b records (each record absorbs one
 * finding).  Returns how many were dropped. */
size_t pl_baseline_filter(pl_baseline *b, pl_result *r);
void pl_baseline_free(pl_baseline *b);

#endif
