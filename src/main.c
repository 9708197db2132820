/*
 * main.c: the policylint command: options, threads, output and the exit
 * status (0 clean, 1 findings at or above the failing level, 2 an error).
 * Everything a file goes through is the library's (linter.c), so a program
 * linking libpolicylint gets the same result for the same input.
 *
 * Files are linted in batches: each batch's jobs are prepared in input
 * order, scanned on up to -j threads, then finished and reported in input
 * order again, so the output never depends on the number of threads.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

#define BATCH 64          /* files prepared, scanned, then reported */

/* ---- Linting ------------------------------------------------------------- */

typedef struct {
	const pl_cli_options *o;
	pl_linter *lint;
	pl_report *rep;
	int status;
	size_t files, bytes, threads;   /* --stats */
} run;

/* One batch: jobs prepared in input order, scanned by several threads, then
 * finished and reported in input order. */
typedef struct {
	pl_lint_job *jobs[BATCH];
	size_t count, next;
	pthread_mutex_t lock;
} batch;

static void *scan_worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		pthread_mutex_lock(&b->lock);
		size_t i = b->next++;
		pthread_mutex_unlock(&b->lock);
		if (i >= b->count)
			return NULL;
		pl_lint_job_run(b->jobs[i]);
	}
}

static void flush_diags(run *rn, pl_diags *diags)
{
	if (pl_diags_errors(diags))
		rn->status = 2;
	pl_report_diags(rn->rep, diags);
	pl_diags_print(diags, stderr);
}

static void lint_batch(run *rn, char *const *paths, size_t n)
{
	const pl_cli_options *o = rn->o;
	batch b = {{0}, n, 0, PTHREAD_MUTEX_INITIALIZER};
	for (size_t i = 0; i < n; i++) {
		int is_stdin = strcmp(paths[i], "-") == 0;
		b.jobs[i] = pl_lint_job_new(rn->lint, paths[i],
					    is_stdin ? o->stdin_name : NULL);
	}
	size_t want = o->jobs < n ? o->jobs : n;
	pthread_t threads[PL_MAX_THREADS];
	size_t started = 0;
	for (size_t t = 1; t < want && t < PL_MAX_THREADS; t++)
		if (pthread_create(&threads[started], NULL, scan_worker, &b) == 0)
			started++;
	scan_worker(&b);          /* the main thread works too */
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	if (started + 1 > rn->threads)
		rn->threads = started + 1;
	for (size_t i = 0; i < n; i++) {
		pl_diags *diags = pl_diags_new();
		pl_result *r = NULL;
		int rc = pl_lint_job_finish(b.jobs[i], &r, diags);
		flush_diags(rn, diags);
		pl_diags_free(diags);
		if (rc < 0)
			rn->status = 2;
		if (r == NULL)
			continue;
		rn->files++;
		rn->bytes += pl_result_source_length(r);
		if (!o->trace)
			pl_report_file(rn->rep, r);
		if (pl_result_fails(r) && rn->status == 0)
			rn->status = 1;
		pl_result_free(r);
	}
}

/* --files-from: one path per line, or NUL-separated when the list holds a
 * NUL (find -print0).  Streams in batches, so the list may be endless and
 * its files are scanned on -j threads like files given as arguments. */
static int lint_list(run *rn, const char *list)
{
	FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	if (f == NULL) {
		fprintf(stderr, "policylint: %s: cannot read the file list "
			"[file-list]\n", list);
		return -1;
	}
	char *pending[BATCH];
	size_t npending = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	while ((n = getline(&line, &cap, f)) >= 0) {
		size_t len = (size_t)n;
		if (len && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len && line[len - 1] == '\r')
			line[--len] = '\0';
		/* A NUL-separated list comes as one or more NUL-joined runs. */
		for (size_t i = 0; i < len;) {
			size_t k = strlen(line + i);
			if (k)
				pending[npending++] = pl_xstrdup(line + i);
			if (npending == BATCH) {
				lint_batch(rn, pending, npending);
				while (npending)
					free(pending[--npending]);
			}
			i += k + 1;
		}
	}
	lint_batch(rn, pending, npending);
	while (npending)
		free(pending[--npending]);
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

/* --trace ID: the events of topic ID, of the topics rule ID uses and its
 * verdict, or of every topic and rule of area ID. */
static void print_trace(const pl_trace_event *ev, void *arg)
{
	const char *want = arg;
	int area = pl_area_from_name(want);
	if (strcmp(ev->id, want) != 0 && (area < 0 || (int)ev->area != area) &&
	    (ev->verdict == PL_TRACE_RULE ||
	     !pl_ruleset_rule_uses_topic(ev->rules, want, ev->id)))
		return;
	if (ev->verdict == PL_TRACE_RULE) {
		printf("%s: rule %s: %s\n", ev->path, ev->id, ev->message);
		return;
	}
	printf("%s:%lu:%lu: %s", ev->path, ev->line, ev->column, ev->id);
	if (ev->pattern >= 0)
		printf(" pattern %d%s", ev->pattern + 1, ev->weak ? " (weak)" : "");
	printf(": %s", pl_trace_verdict_name(ev->verdict));
	if (ev->verdict == PL_TRACE_EXCLUDED)
		printf(" (exclusion %d)", ev->detail + 1);
	int n = ev->length > 70 ? 70 : (int)ev->length;
	fputs(": \"", stdout);
	for (int i = 0; i < n; i++)
		putchar(ev->match[i] == '\n' || ev->match[i] == '\t' ? ' ' :
			ev->match[i]);
	printf("%s\"\n", ev->length > 70 ? "..." : "");
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int lint_all(const pl_cli_options *o, int nfiles, char **files)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run rn = {0};
	rn.o = o;
	pl_linter_options lo = o->lint;
	if (o->trace) {
		lo.trace = print_trace;
		lo.trace_arg = (void *)o->trace;
	}
	rn.lint = pl_linter_new(&lo);
	if (o->baseline) {
		pl_diags *diags = pl_diags_new();
		int bad = pl_linter_use_baseline(rn.lint, o->baseline, diags);
		pl_diags_print(diags, stderr);
		pl_diags_free(diags);
		if (bad) {
			pl_linter_free(rn.lint);
			return 2;
		}
	}
	if (o->write_baseline)
		pl_linter_record_baseline(rn.lint);
	rn.rep = pl_report_begin(&o->report);
	for (int i = 0; i < nfiles; i += BATCH) {
		size_t n = (size_t)(nfiles - i) < BATCH ? (size_t)(nfiles - i) : BATCH;
		lint_batch(&rn, files + i, n);
	}
	if (o->files_from && lint_list(&rn, o->files_from) != 0)
		rn.status = 2;
	if (pl_report_end(rn.rep) != 0) {
		fputs("policylint: error: cannot write the report to standard "
		      "output [output-write]\n", stderr);
		rn.status = 2;
	}
	if (o->write_baseline) {
		long n = pl_linter_write_baseline(rn.lint, o->write_baseline);
		if (n < 0) {
			perror(o->write_baseline);
			rn.status = 2;
		} else {
			fprintf(stderr, "policylint: recorded %ld finding%s in %s\n",
				n, n == 1 ? "" : "s", o->write_baseline);
			if (rn.status == 1)
				rn.status = 0;
		}
	}
	if (o->stats) {
		double s = seconds_since(&t0);
		fprintf(stderr, "policylint: %zu file%s, %.1f MB in %.2f s on %zu "
			"thread%s (%.1f MB/s)\n", rn.files,
			rn.files == 1 ? "" : "s", (double)rn.bytes / 1e6, s,
			rn.threads ? rn.threads : 1, rn.threads > 1 ? "s" : "",
			s > 0 ? (double)rn.bytes / 1e6 / s : 0.0);
	}
	pl_linter_free(rn.lint);
	return rn.status;
}

/* ---- Commands that describe rather than lint ------------------------------ */

static int describe_rules(const pl_cli_options *o, const char *file)
{
	pl_linter *lint = pl_linter_new(&o->lint);
	pl_diags *diags = pl_diags_new();
	int rc = 0;
	if (o->print_config) {
		const char *name = strcmp(file, "-") == 0 && o->stdin_name ?
					   o->stdin_name : file;
		rc = pl_linter_print_config(lint, name, stdout, diags);
		pl_diags_print(diags, stderr);
		goto out;
	}
	const pl_ruleset *rs = pl_linter_ruleset(lint, "-", diags);
	pl_diags_print(diags, stderr);
	if (rs == NULL) {
		rc = 2;
	} else if (o->list_rules) {
		pl_ruleset_list(rs, stdout);
	} else if (o->list_profiles) {
		pl_ruleset_list_profiles(rs, stdout);
	} else if (o->explain) {
		if (pl_ruleset_explain(rs, o->explain, stdout) < 0)
			rc = pl_cli_fail("no rule, topic or profile '%s' (see "
				  "--list-rules, --list-profiles)",
				  o->explain);
	} else if (o->export_patterns) {
		pl_ruleset_export_patterns(rs, stdout);
	} else {
		int failures = pl_ruleset_check_examples(rs, diags);
		pl_diags_print(diags, stderr);
		if (failures)
			rc = 1;
		else
			puts("all rule examples pass");
	}
out:
	pl_diags_free(diags);
	pl_linter_free(lint);
	return rc;
}

static int check_inputs(const pl_cli_options *o, int nfiles, char **files)
{
	const char *against = o->lint.against;
	int stdin_uses = (o->files_from && strcmp(o->files_from, "-") == 0) +
			 (against && strcmp(against, "-") == 0);
	for (int i = 0; i < nfiles; i++)
		stdin_uses += strcmp(files[i], "-") == 0;
	if (stdin_uses > 1)
		return pl_cli_fail("%s", "standard input can be read only once");
	if (nfiles == 0 && !o->files_from)
		return pl_cli_fail("%s", "no input files (use '-' for standard input)");
	if (against && (nfiles != 1 || o->files_from))
		return pl_cli_fail("--against %s compares one FILE with its previous "
			    "version", against);
	return 0;
}

int main(int argc, char **argv)
{
	pl_cli_options o;
	int rc = pl_cli_parse(argc, argv, &o);
	if (rc == 0) {
		int nfiles = argc - optind;
		char **files = argv + optind;
		if (o.print_config || o.list_rules || o.explain ||
		    o.check_rules || o.export_patterns || o.list_profiles)
			rc = describe_rules(&o, nfiles ? files[0] : "-");
		else if ((rc = check_inputs(&o, nfiles, files)) == 0)
			rc = lint_all(&o, nfiles, files);
	}
	pl_cli_free(&o);
	return rc;
}
