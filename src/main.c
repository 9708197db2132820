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
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "policylint-advanced.h"
#include "util.h"

#define BATCH 64          /* files prepared, scanned, then reported */
#define MAX_THREADS 64

typedef struct {
	pl_linter_options lint;
	const char **rules, **disabled, **profiles;
	size_t rules_cap, disabled_cap, profiles_cap;
	pl_report_options report;
	int color;                /* -1 auto */
	const char *stdin_name;
	const char *explain;
	int list_rules, export_patterns, check_rules, list_profiles;
	int print_config, stats;
	const char *files_from;
	const char *baseline, *write_baseline;
	size_t jobs;              /* -j: files scanned at once */
} options;

static void usage(FILE *out)
{
	fputs("usage: policylint [OPTIONS] FILE...\n"
	      "Lints privacy policies (text, Markdown, HTML) for missing and\n"
	      "conflicting disclosures.  '-' reads standard input.\n\n"
	      "Output:\n"
	      "  -f, --format FMT        text (default), json, jsonl, sarif, github\n"
	      "                          (Actions annotations) or gcc\n"
	      "  -q, --quiet             text: only findings; clean files print\n"
	      "                          nothing\n"
	      "      --no-summary        text: leave out the per-area summary\n"
	      "      --color[=WHEN]      auto (default), always or never; NO_COLOR\n"
	      "                          in the environment means never\n"
	      "      --fail-level LEVEL  error, warning (default), info or none:\n"
	      "                          exit 1 when a finding is at least LEVEL\n"
	      "      --stats             print files, bytes, time and threads on\n"
	      "                          standard error at the end\n"
	      "Input:\n"
	      "      --input-format FMT  auto (by extension, and by content for\n"
	      "                          .txt and standard input), text,\n"
	      "                          markdown, html\n"
	      "      --stdin-filename N  the name standard input is reported as\n"
	      "                          (and configured by)\n"
	      "      --files-from FILE   lint the files listed in FILE ('-': stdin),\n"
	      "                          one per line or NUL-separated\n"
	      "Rules and configuration:\n"
	      "  -r, --rules PATH        rule file or folder; repeatable; replaces\n"
	      "                          the default rule set\n"
	      "  -d, --disable ID        do not report rule ID; repeatable\n"
	      "  -c, --config FILE       use FILE instead of the nearest\n"
	      "                          .policylint.yaml\n"
	      "      --no-config         use no configuration file\n"
	      "      --print-config      print the configuration that applies to\n"
	      "                          FILE (or the current folder) and exit\n"
	      "Changes:\n"
	      "      --against OLD       report only what FILE changed since its\n"
	      "                          previous version OLD, and every area OLD\n"
	      "                          disclosed that FILE no longer does\n"
	      "                          ('-': read OLD from standard input)\n"
	      "      --against-name N    how OLD is named in reports, e.g.\n"
	      "                          origin/main:privacy.md\n"
	      "      --baseline FILE     do not report findings recorded in FILE\n"
	      "      --write-baseline FILE  record every finding in FILE\n"
	      "Rule sets:\n"
	      "      --list-rules        list rules and topics\n"
	      "      --explain ID        explain a rule or topic\n"
	      "      --check-rules       run every rule's examples\n"
	      "      --export-patterns   print every pattern for other PCRE2 tools\n"
	      "Compliance profiles:\n"
	      "  -p, --profile NAME[,NAME...]  check the requirements of these\n"
	      "                          profiles (baseline, gdpr, ccpa, caloppa,\n"
	      "                          coppa, eprivacy, us-states, or all);\n"
	      "                          repeatable; default: the configuration's\n"
	      "                          profile:, else baseline\n"
	      "      --list-profiles     list the profiles and their requirements\n"
	      "      --today YYYY-MM-DD  the date policy dates are compared with\n"
	      "                          (default: today)\n"
	      "  -j, --jobs N            files scanned at once (default: the\n"
	      "                          number of processors); output order\n"
	      "                          never changes\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           version, with the PCRE2 and libyaml versions\n\n"
	      "Exit status: 0 no finding at or above the failing level, 1 such\n"
	      "findings, 2 an error (bad input, rule or config file, option).\n"
	      "See policylint(1) and policylint-rules(5).\n",
	      out);
}

static int fail(const char *fmt, const char *arg)
{
	fputs("policylint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'policylint --help'.\n", stderr);
	return 2;
}

enum {
	OPT_INPUT_FORMAT = 256, OPT_FAIL_LEVEL, OPT_COLOR, OPT_NO_SUMMARY,
	OPT_STDIN_NAME, OPT_LIST_RULES, OPT_EXPLAIN, OPT_CHECK_RULES,
	OPT_EXPORT, OPT_NO_CONFIG, OPT_PRINT_CONFIG, OPT_AGAINST,
	OPT_FILES_FROM, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_AGAINST_NAME,
	OPT_LIST_PROFILES, OPT_TODAY, OPT_STATS
};

static int parse_option(int c, options *o, char **argv)
{
	pl_linter_options *l = &o->lint;
	int v;
	switch (c) {
	case 'f':
		if ((v = pl_output_format_from_name(optarg)) < 0)
			return fail("unknown format '%s' (text, json, jsonl, "
				    "sarif, github, gcc)", optarg);
		o->report.format = (pl_output_format)v;
		break;
	case OPT_INPUT_FORMAT:
		if ((v = pl_input_format_from_name(optarg)) < 0)
			return fail("unknown input format '%s' (auto, text, "
				    "markdown, html)", optarg);
		l->input_format = (pl_input_format)v;
		break;
	case 'r':
		PL_PUSH(o->rules, l->nrules, o->rules_cap, optarg);
		break;
	case 'd':
		PL_PUSH(o->disabled, l->ndisabled, o->disabled_cap, optarg);
		break;
	case 'c':
		if (l->config == PL_CONFIG_NONE)
			return fail("%s", "--config and --no-config exclude each other");
		l->config = PL_CONFIG_FILE;
		l->config_path = optarg;
		break;
	case OPT_NO_CONFIG:
		if (l->config == PL_CONFIG_FILE)
			return fail("%s", "--config and --no-config exclude each other");
		l->config = PL_CONFIG_NONE;
		break;
	case 'q':
		o->report.quiet = 1;
		break;
	case OPT_FAIL_LEVEL:
		if (strcmp(optarg, "none") == 0)
			l->fail_level = PL_FAIL_NONE;
		else if ((l->fail_level = pl_severity_from_name(optarg)) < 0)
			return fail("unknown fail level '%s' (error, "
				    "warning, info, none)", optarg);
		break;
	case OPT_COLOR:
		if (optarg == NULL || strcmp(optarg, "always") == 0)
			o->color = 1;
		else if (strcmp(optarg, "never") == 0)
			o->color = 0;
		else if (strcmp(optarg, "auto") == 0)
			o->color = -1;
		else
			return fail("--color takes auto, always or never, "
				    "not '%s'", optarg);
		break;
	case OPT_NO_SUMMARY: o->report.summary = 0; break;
	case OPT_STDIN_NAME: o->stdin_name = optarg; break;
	case OPT_LIST_RULES: o->list_rules = 1; break;
	case OPT_EXPLAIN: o->explain = optarg; break;
	case OPT_CHECK_RULES: o->check_rules = 1; break;
	case OPT_EXPORT: o->export_patterns = 1; break;
	case OPT_PRINT_CONFIG: o->print_config = 1; break;
	case OPT_AGAINST: l->against = optarg; break;
	case OPT_AGAINST_NAME: l->against_name = optarg; break;
	case OPT_FILES_FROM: o->files_from = optarg; break;
	case OPT_BASELINE: o->baseline = optarg; break;
	case OPT_WRITE_BASELINE: o->write_baseline = optarg; break;
	case OPT_STATS: o->stats = 1; break;
	case 'p':
		if (strspn(optarg, ", \t") == strlen(optarg))
			return fail("--profile needs a name (see "
				    "--list-profiles)%s", "");
		PL_PUSH(o->profiles, l->nprofiles, o->profiles_cap, optarg);
		break;
	case OPT_LIST_PROFILES: o->list_profiles = 1; break;
	case OPT_TODAY:
		if (pl_date_parse_iso(optarg, &l->today) != 0)
			return fail("--today takes a date as YYYY-MM-DD, not "
				    "'%s'", optarg);
		break;
	case 'j': {
		char *end;
		long n = strtol(optarg, &end, 10);
		if (*end != '\0' || n < 1 || n > MAX_THREADS)
			return fail("-j takes a number of jobs from 1 to 64, not '%s'",
				    optarg);
		o->jobs = (size_t)n;
		break;
	}
	case 'h':
		usage(stdout);
		exit(0);
	case 'V':
		printf("policylint %s\nPCRE2 %s\nlibyaml %s\n", PL_VERSION,
		       pl_pcre2_version(), pl_libyaml_version());
		exit(0);
	case ':':
		return fail("option '%s' needs a value", argv[optind - 1]);
	default:
		return fail("unknown option '%s'", argv[optind - 1]);
	}
	return 0;
}

static int parse_options(int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
		{"rules", required_argument, NULL, 'r'},
		{"disable", required_argument, NULL, 'd'},
		{"config", required_argument, NULL, 'c'},
		{"no-config", no_argument, NULL, OPT_NO_CONFIG},
		{"print-config", no_argument, NULL, OPT_PRINT_CONFIG},
		{"quiet", no_argument, NULL, 'q'},
		{"fail-level", required_argument, NULL, OPT_FAIL_LEVEL},
		{"color", optional_argument, NULL, OPT_COLOR},
		{"colour", optional_argument, NULL, OPT_COLOR},
		{"no-summary", no_argument, NULL, OPT_NO_SUMMARY},
		{"stdin-filename", required_argument, NULL, OPT_STDIN_NAME},
		{"files-from", required_argument, NULL, OPT_FILES_FROM},
		{"against", required_argument, NULL, OPT_AGAINST},
		{"against-name", required_argument, NULL, OPT_AGAINST_NAME},
		{"baseline", required_argument, NULL, OPT_BASELINE},
		{"write-baseline", required_argument, NULL, OPT_WRITE_BASELINE},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"check-rules", no_argument, NULL, OPT_CHECK_RULES},
		{"export-patterns", no_argument, NULL, OPT_EXPORT},
		{"profile", required_argument, NULL, 'p'},
		{"list-profiles", no_argument, NULL, OPT_LIST_PROFILES},
		{"today", required_argument, NULL, OPT_TODAY},
		{"jobs", required_argument, NULL, 'j'},
		{"stats", no_argument, NULL, OPT_STATS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:r:d:c:p:j:qhV", longopts, NULL)) != -1)
		if (parse_option(c, o, argv))
			return 2;
	o->lint.rules = o->rules;
	o->lint.disabled = o->disabled;
	o->lint.profiles = o->profiles;
	return 0;
}

/* ---- Linting ------------------------------------------------------------- */

typedef struct {
	const options *o;
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
	const options *o = rn->o;
	batch b = {{0}, n, 0, PTHREAD_MUTEX_INITIALIZER};
	for (size_t i = 0; i < n; i++) {
		int is_stdin = strcmp(paths[i], "-") == 0;
		b.jobs[i] = pl_lint_job_new(rn->lint, paths[i],
					    is_stdin ? o->stdin_name : NULL);
	}
	size_t want = o->jobs < n ? o->jobs : n;
	pthread_t threads[MAX_THREADS];
	size_t started = 0;
	for (size_t t = 1; t < want && t < MAX_THREADS; t++)
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

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	       (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static int lint_all(const options *o, int nfiles, char **files)
{
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	run rn = {0};
	rn.o = o;
	rn.lint = pl_linter_new(&o->lint);
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

static int describe_rules(const options *o, const char *file)
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
			rc = fail("no rule, topic or profile '%s' (see "
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

static int check_inputs(const options *o, int nfiles, char **files)
{
	const char *against = o->lint.against;
	int stdin_uses = (o->files_from && strcmp(o->files_from, "-") == 0) +
			 (against && strcmp(against, "-") == 0);
	for (int i = 0; i < nfiles; i++)
		stdin_uses += strcmp(files[i], "-") == 0;
	if (stdin_uses > 1)
		return fail("%s", "standard input can be read only once");
	if (nfiles == 0 && !o->files_from)
		return fail("%s", "no input files (use '-' for standard input)");
	if (against && (nfiles != 1 || o->files_from))
		return fail("--against %s compares one FILE with its previous "
			    "version", against);
	return 0;
}

int main(int argc, char **argv)
{
	options o = {0};
	pl_linter_options_init(&o.lint);
	o.color = -1;
	o.report.summary = 1;
	o.report.out = stdout;
	int rc = parse_options(argc, argv, &o);
	if (rc)
		goto out;
	if (o.lint.today.year == 0)
		o.lint.today = pl_date_today();
	if (o.jobs == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
	}
	if (o.color < 0) {
		const char *nc = getenv("NO_COLOR");
		o.color = (nc == NULL || *nc == '\0') && isatty(STDOUT_FILENO) &&
			  o.report.format == PL_FORMAT_TEXT;
	}
	o.report.color = o.color;
	if (o.lint.against)
		o.report.against = o.lint.against_name ? o.lint.against_name :
				   strcmp(o.lint.against, "-") == 0 ? "<stdin>" :
								      o.lint.against;
	int nfiles = argc - optind;
	char **files = argv + optind;
	if (o.print_config || o.list_rules || o.explain || o.check_rules ||
	    o.export_patterns || o.list_profiles)
		rc = describe_rules(&o, nfiles ? files[0] : "-");
	else if ((rc = check_inputs(&o, nfiles, files)) == 0)
		rc = lint_all(&o, nfiles, files);
out:
	free(o.rules);
	free(o.disabled);
	free(o.profiles);
	return rc;
}
