/*
 * cli.h: the command line's options (cli_options.c), read by main.c.  Not
 * part of the library: a program linking libpolicylint fills a
 * pl_linter_options itself.
 */
#ifndef PL_CLI_H
#define PL_CLI_H

#include "policylint-advanced.h"

#define PL_MAX_THREADS 64

typedef struct {
	pl_linter_options lint;         /* what every file is linted with */
	const char **rules, **disabled, **profiles, **with;  /* lint's lists */
	size_t rules_cap, disabled_cap, profiles_cap, with_cap;
	pl_report_options report;
	int color;                      /* -1: auto */
	const char *stdin_name;
	const char *explain;
	int list_rules, export_patterns, check_rules, list_profiles;
	int print_config, stats;
	const char *trace;              /* --trace ID: a topic, rule or area */
	pl_fact *facts;                 /* --fact NAME=yes|no (names owned) */
	size_t facts_cap;
	const char *files_from;
	const char *baseline, *write_baseline;
	size_t jobs;                    /* -j: files scanned at once; 0: as
	                                   many as processors */
	int no_cache;                   /* --no-cache */
	char *cache_dir;                /* lint.cache_dir, owned */
	char **files;                   /* the FILE arguments (into argv) */
	int nfiles;
	int diff;                       /* `policylint diff OLD NEW` */
	int format_given;               /* -f was given */
	int lsp;                        /* `policylint lsp`, --lsp */
} pl_cli_options;

/* Fills o from argv (--help and --version print and exit).  Returns 0, or
 * 2 after printing what is wrong. */
int pl_cli_parse(int argc, char **argv, pl_cli_options *o);

/* "policylint: MESSAGE" and a hint to --help on stderr; returns 2. */
int pl_cli_fail(const char *fmt, const char *arg);

void pl_cli_free(pl_cli_options *o);

/* After writing to out: rc when everything written reached it, else 2
 * after saying so on stderr (code output-write).  Catches what only the
 * final flush finds (a full disk, a closed pipe). */
int pl_cli_check_output(FILE *out, int rc);
/* The same message for a report whose writing failed; returns 2. */
int pl_cli_output_failed(FILE *out);

#endif
