/*
 * main.c: the policylint command: options, threads, output and the exit
 * status (0 clean, 1 findings at or above the failing level, 2 an error).
 * Everything a file goes through is the library's (linter.c), so a program
 * linking libpolicylint gets the same result for the same input.
 *
 * Files go through a pipeline (pipeline.c): scanned on -j threads, then
 * finished and reported in input order as soon as each is done, so the
 * output never depends on the number of threads.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "diag.h"
#include "lsp.h"
#include "pipeline.h"
#include "util.h"

/* ---- Linting ------------------------------------------------------------- */

typedef struct {
	const pl_cli_options *o;
	pl_linter *lint;
	pl_report *rep;
	int status;
	size_t files, bytes, threads;   /* --stats */
	struct timespec t0;
	int progress;                   /* a progress line on stderr */
	int progress_shown;             /* it is on the screen now */
	int report_on_tty;              /* the report shares the screen */
	double progress_at;             /* when it was last drawn */
} run;

static double seconds_since(const struct timespec *t0);

/* A long run on a terminal says how far it is: "policylint: 1234 files,
 * 56.7 MB, 89.0 MB/s", redrawn in place at most ten times a second, and
 * wiped before anything else is written so that it never mixes with the
 * report or a diagnostic. */
#define PROGRESS_MIN_FILES 20

static int wants_progress(const pl_cli_options *o, int nfiles)
{
	return !o->report.quiet && !o->trace && isatty(STDERR_FILENO) &&
	       (o->files_from || nfiles >= PROGRESS_MIN_FILES);
}

static void progress_wipe(run *rn)
{
	if (rn->progress_shown)
		fputs("\r\033[K", stderr);
	rn->progress_shown = 0;
}

static void progress_draw(run *rn, int force)
{
	if (!rn->progress)
		return;
	double s = seconds_since(&rn->t0);
	if (!force && rn->progress_shown && s - rn->progress_at < 0.1)
		return;
	rn->progress_at = s;
	fprintf(stderr, "\rpolicylint: %zu file%s, %.1f MB, %.1f MB/s\033[K",
		rn->files, rn->files == 1 ? "" : "s", (double)rn->bytes / 1e6,
		s > 0 ? (double)rn->bytes / 1e6 / s : 0.0);
	fflush(stderr);
	rn->progress_shown = 1;
}

static void flush_diags(run *rn, pl_diags *diags)
{
	if (pl_diags_errors(diags))
		rn->status = 2;
	pl_report_diags(rn->rep, diags);
	if (pl_diags_count(diags))
		progress_wipe(rn);
	pl_diags_print(diags, stderr);
}

/* Each file, in input order, as soon as it is scanned (pipeline.c). */
static void report_job(pl_lint_job *job, void *arg)
{
	run *rn = arg;
	pl_diags *diags = pl_diags_new();
	pl_result *r = NULL;
	int rc = pl_lint_job_finish(job, &r, diags);
	flush_diags(rn, diags);
	pl_diags_free(diags);
	if (rc < 0)
		rn->status = 2;
	if (r == NULL)
		return;
	rn->files++;
	rn->bytes += pl_result_source_length(r);
	if (!rn->o->trace) {
		/* The report may go to the same terminal. */
		if (rn->report_on_tty)
			progress_wipe(rn);
		pl_report_file(rn->rep, r);
		fflush(rn->o->report.out);
	}
	progress_draw(rn, rn->files == 1);
	if (pl_result_fails(r) && rn->status == 0)
		rn->status = 1;
	pl_result_free(r);
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
	run rn = {0};
	clock_gettime(CLOCK_MONOTONIC, &rn.t0);
	rn.o = o;
	rn.progress = wants_progress(o, nfiles);
	rn.report_on_tty = o->report.out == stdout && isatty(STDOUT_FILENO);
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
	char *list_problem = NULL;
	rn.threads = pl_pipeline_run(rn.lint, files, (size_t)nfiles, o->files_from,
				     o->stdin_name, o->trace ? 0 : o->jobs,
				     report_job, &rn, &list_problem);
	if (list_problem) {
		/* A list that is no list (a device, a directory, a record
		 * longer than any path) is an error, never an empty run. */
		pl_diags *diags = pl_diags_new();
		pl_diags_add(diags, PL_DIAG_FILE_LIST,
			     strcmp(o->files_from, "-") == 0 ? "<stdin>" :
							      o->files_from,
			     0, 0, "%s", list_problem);
		flush_diags(&rn, diags);
		pl_diags_free(diags);
		free(list_problem);
	}
	progress_draw(&rn, 1);
	progress_wipe(&rn);
	if (pl_report_end(rn.rep) != 0)
		rn.status = pl_cli_output_failed(o->report.out);
	if (o->write_baseline) {
		long n = pl_linter_write_baseline(rn.lint, o->write_baseline);
		if (n < 0) {
			fprintf(stderr, "%s: error: cannot write the baseline: "
				"%s [%s]\n", o->write_baseline, strerror(errno),
				pl_diag_code_id(PL_DIAG_OUTPUT_WRITE));
			rn.status = 2;
		} else {
			fprintf(stderr, "policylint: recorded %ld finding%s in %s\n",
				n, n == 1 ? "" : "s", o->write_baseline);
			if (rn.status == 1)
				rn.status = 0;
		}
	}
	if (o->stats) {
		double s = seconds_since(&rn.t0);
		pl_diags *quiet = pl_diags_new();
		const pl_ruleset *rs = pl_linter_ruleset(rn.lint, ".", quiet);
		pl_diags_free(quiet);
		if (rs)
			fprintf(stderr, "policylint: rule set %s\n",
				pl_ruleset_from_cache(rs) ? "read from the cache" :
				o->cache_dir ? "compiled (and cached)" :
					       "compiled (no cache)");
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
	return pl_cli_check_output(stdout, rc);
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
	/* A revision holds a previous version of every file; a file is the
	 * previous version of one. */
	if (against && pl_against_revision(against) == NULL &&
	    (nfiles != 1 || o->files_from))
		return pl_cli_fail("--against %s compares one FILE with its previous "
			    "version (a git revision compares each FILE with "
			    "its own)", against);
	return 0;
}

/* A standard stream that is closed (`policylint ... >&-`) would hand its
 * number to the next file opened, and the report would go into a file
 * policylint reads or writes.  Each closed one gets /dev/null opened the
 * wrong way round, so that using it fails (EBADF) and is reported. */
static void guard_std_fds(void)
{
	static const int flags[3] = {O_WRONLY, O_RDONLY, O_WRONLY};
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		int got = open("/dev/null", flags[fd]);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

int main(int argc, char **argv)
{
	guard_std_fds();
	pl_cli_options o;
	int rc = pl_cli_parse(argc, argv, &o);
	if (rc == 0) {
		int nfiles = o.nfiles;
		char **files = o.files;
		if (o.lsp)
			rc = pl_lsp_run(&o.lint, STDIN_FILENO, STDOUT_FILENO);
		else if (o.print_config || o.list_rules || o.explain ||
		    o.check_rules || o.export_patterns || o.list_profiles)
			rc = describe_rules(&o, nfiles ? files[0] : "-");
		else if ((rc = check_inputs(&o, nfiles, files)) == 0)
			rc = lint_all(&o, nfiles, files);
	}
	pl_cli_free(&o);
	return rc;
}
