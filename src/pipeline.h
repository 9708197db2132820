/*
 * pipeline.h: files scanned on worker threads and reported in input order
 * as each is done (pipeline.c; the command line's, not the library's).
 */
#ifndef PL_PIPELINE_H
#define PL_PIPELINE_H

#include "policylint-advanced.h"

#define PL_PIPELINE_MAX_THREADS 64

/* Called on the calling thread, in input order, with each job scanned:
 * finish it (pl_lint_job_finish) and report it. */
typedef void (*pl_pipeline_sink)(pl_lint_job *job, void *arg);

/* Lints files[0..nfiles), then the paths listed in list (NULL: none; "-":
 * standard input; one per line or NUL-separated), on threads workers (0:
 * on the calling thread, one file at a time, for --trace).  Returns the
 * number of threads that scanned; *list_problem receives why the list
 * could not be read whole (malloc'd), else NULL. */
size_t pl_pipeline_run(pl_linter *lint, char *const *files, size_t nfiles,
		       const char *list, const char *stdin_name, size_t threads,
		       pl_pipeline_sink sink, void *arg, char **list_problem);

#endif
