/*
 * main.c: the policylint command: options, configuration and rule sets,
 * the per-file pipeline, the report, and the exit status (0 clean, 1
 * findings at or above the failing level, 2 an error).
 *
 * One file goes through:  read -> find directives -> pl_scan -> apply
 * directives -> --against OLD -> configured severities -> baseline ->
 * report.  Each stage lives in its own library file; this one only wires
 * them.  A file is configured by the nearest .policylint.yaml above it, so
 * files of different folders may use different rule sets: each
 * configuration in use gets a context (config + compiled rule set), made
 * the first time a file needs it.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "policylint.h"
#include "util.h"

typedef struct {
	char **rules;
	size_t nrules, rules_cap;
	const char **disabled;
	size_t ndisabled, disabled_cap;
	pl_output_format format;
	pl_input_format input_format;
	int color;                /* -1 auto */
	int fail_level;           /* -1: from the configuration */
	int summary, quiet;
	const char *stdin_name;
	const char *explain;
	int list_rules, export_patterns, check_rules;
	const char *config;       /* --config FILE */
	int no_config, print_config;
	const char *against, *against_name;
	const char *files_from;
	const char *baseline, *write_baseline;
	char **profiles;          /* --profile, split at commas (owned) */
	size_t nprofiles, profiles_cap;
	int list_profiles;
	pl_date today;            /* --today, else the current date */
	size_t jobs;              /* -j: files scanned at once */
} options;

/* A configuration in use and the rule set it selects. */
typedef struct {
	char *key;                /* the config file; NULL: none */
	pl_config *config;        /* never NULL (empty when no file) */
	pl_ruleset *rs;           /* NULL when config or rules are broken */
	const char **disabled;    /* --disable and the config's disable */
	size_t ndisabled, disabled_cap;
	int fail_level;
	char **profiles;          /* --profile, else the config's profile:
	                             (owned) */
	size_t nprofiles, profiles_cap;
} context;

#define BATCH 64          /* files prepared, scanned, then reported */
#define MAX_THREADS 64

typedef struct {
	const options *o;
	const char *argv0;
	context *ctx;
	size_t nctx, ctx_cap;
	pl_report *rep;
	pl_baseline *baseline;    /* --baseline */
	pl_baseline *record;      /* --write-baseline */
	int status;
} run;

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
	      "Input:\n"
	      "      --input-format FMT  auto (by extension), text, markdown, html\n"
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
	OPT_LIST_PROFILES, OPT_TODAY
};

/* --profile a,b: every non-empty name between commas. */
static void push_profiles(char ***list, size_t *n, size_t *cap, const char *arg)
{
	const char *p = arg;
	while (*p) {
		size_t k = strcspn(p, ",");
		size_t a = 0, b = k;
		while (a < b && (p[a] == ' ' || p[a] == '\t'))
			a++;
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
			b--;
		if (b > a)
			PL_PUSH(*list, *n, *cap, pl_xstrndup(p + a, b - a));
		p += k + (p[k] == ',');
	}
}

static void print_version(void)
{
	printf("policylint %s\nPCRE2 %s\nlibyaml %s\n", PL_VERSION,
	       pl_pcre2_version(), pl_libyaml_version());
}

static int parse_option(int c, options *o, char **argv)
{
	int v;
	switch (c) {
	case 'f':
		if ((v = pl_output_format_from_name(optarg)) < 0)
			return fail("unknown format '%s' (text, json, jsonl, "
				    "sarif, github, gcc)", optarg);
		o->format = (pl_output_format)v;
		break;
	case OPT_INPUT_FORMAT:
		if ((v = pl_input_format_from_name(optarg)) < 0)
			return fail("unknown input format '%s' (auto, text, "
				    "markdown, html)", optarg);
		o->input_format = (pl_input_format)v;
		break;
	case 'r':
		PL_PUSH(o->rules, o->nrules, o->rules_cap, optarg);
		break;
	case 'd':
		PL_PUSH(o->disabled, o->ndisabled, o->disabled_cap, optarg);
		break;
	case 'c':
		o->config = optarg;
		break;
	case 'q':
		o->quiet = 1;
		break;
	case OPT_FAIL_LEVEL:
		if (strcmp(optarg, "none") == 0)
			o->fail_level = PL_FAIL_NONE;
		else if ((o->fail_level = pl_severity_from_name(optarg)) < 0)
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
	case OPT_NO_SUMMARY: o->summary = 0; break;
	case OPT_STDIN_NAME: o->stdin_name = optarg; break;
	case OPT_LIST_RULES: o->list_rules = 1; break;
	case OPT_EXPLAIN: o->explain = optarg; break;
	case OPT_CHECK_RULES: o->check_rules = 1; break;
	case OPT_EXPORT: o->export_patterns = 1; break;
	case OPT_NO_CONFIG: o->no_config = 1; break;
	case OPT_PRINT_CONFIG: o->print_config = 1; break;
	case OPT_AGAINST: o->against = optarg; break;
	case OPT_AGAINST_NAME: o->against_name = optarg; break;
	case OPT_FILES_FROM: o->files_from = optarg; break;
	case OPT_BASELINE: o->baseline = optarg; break;
	case OPT_WRITE_BASELINE: o->write_baseline = optarg; break;
	case 'p':
		push_profiles(&o->profiles, &o->nprofiles, &o->profiles_cap,
			      optarg);
		if (o->nprofiles == 0)
			return fail("--profile needs a name (see "
				    "--list-profiles)%s", "");
		break;
	case OPT_LIST_PROFILES: o->list_profiles = 1; break;
	case OPT_TODAY:
		if (pl_date_parse_iso(optarg, &o->today) != 0)
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
		print_version();
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
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:r:d:c:p:j:qhV", longopts, NULL)) != -1)
		if (parse_option(c, o, argv))
			return 2;
	if (o->no_config && o->config)
		return fail("%s", "--config and --no-config exclude each other");
	return 0;
}

/* ---- Contexts: configuration and rule set --------------------------------- */

static int is_listed(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* Loads the rule set a configuration selects; diagnostics to diags. */
static pl_ruleset *load_rules(const options *o, const pl_config *c,
			      const char *argv0, pl_diags *diags)
{
	pl_ruleset *rs = pl_ruleset_new();
	if (o->nrules == 0) {
		char *def = pl_default_rules_path(argv0);
		if (def == NULL) {
			pl_diags_add(diags, PL_SEV_ERROR, "policylint", 0, 0,
				     "cannot find the default rule set (looked "
				     "next to the program and under "
				     "share/policylint); use --rules PATH");
			return rs;
		}
		pl_ruleset_load(rs, def, diags);
		free(def);
	}
	for (size_t i = 0; i < o->nrules; i++)
		pl_ruleset_load(rs, o->rules[i], diags);
	for (size_t i = 0; i < c->rules.count; i++) {
		char *p = pl_config_rule_path(c, i);
		pl_ruleset_load(rs, p, diags);
		free(p);
	}
	if (diags->errors == 0)
		pl_ruleset_compile(rs, diags);
	return rs;
}

/* Moves the diagnostics of from to to; with --print-config (which shows a
 * configuration rather than applying it) errors become warnings. */
static void move_diags(pl_diags *from, pl_diags *to, int soften)
{
	for (size_t i = 0; i < from->count; i++) {
		const pl_diag *x = &from->items[i];
		pl_diags_add(to, soften ? PL_SEV_WARNING : x->severity, x->path,
			     x->line, x->column, "%s", x->message);
	}
	pl_diags_free(from);
}

/* The profiles a context checks: --profile, else the configuration's
 * `profile:`, else none (pl_scan: baseline).  Unknown names are errors, at
 * the configuration's line for its own. */
static void select_profiles(context *cx, const options *o, pl_diags *out)
{
	pl_diags found = {0};
	pl_diags *diags = &found;
	if (o->nprofiles) {
		for (size_t i = 0; i < o->nprofiles; i++)
			PL_PUSH(cx->profiles, cx->nprofiles, cx->profiles_cap,
				pl_xstrdup(o->profiles[i]));
		pl_ruleset_check_selection(cx->rs,
					   (const char *const *)cx->profiles,
					   cx->nprofiles,
					   "policylint: --profile", NULL, NULL,
					   diags);
		move_diags(&found, out, o->print_config);
		return;
	}
	const pl_config_list *l = &cx->config->profiles;
	for (size_t i = 0; i < l->count; i++) {
		/* "gdpr, ccpa" in one string counts as two names. */
		size_t first = cx->nprofiles;
		push_profiles(&cx->profiles, &cx->nprofiles, &cx->profiles_cap,
			      l->items[i].value);
		for (size_t k = first; k < cx->nprofiles; k++) {
			unsigned long line = l->items[i].line,
				      col = l->items[i].column;
			pl_ruleset_check_selection(
				cx->rs, (const char *const *)&cx->profiles[k], 1,
				cx->config->path, &line, &col, diags);
		}
	}
	move_diags(&found, out, o->print_config);
}

static void context_init(context *cx, const options *o, const char *argv0)
{
	pl_diags diags = {0};
	if (cx->key) {
		cx->config = pl_config_load(cx->key, &diags);
	} else {
		cx->config = pl_config_empty();
	}
	if (cx->config) {
		cx->rs = load_rules(o, cx->config, argv0, &diags);
		if (diags.errors == 0)
			pl_config_check_ids(cx->config, cx->rs, &diags);
		for (size_t i = 0; i < o->ndisabled; i++)
			if (!pl_ruleset_has_rule(cx->rs, o->disabled[i]) &&
			    strcmp(o->disabled[i], PL_RULE_AREA_REMOVED) &&
			    strcmp(o->disabled[i], PL_RULE_UNUSED_DIRECTIVE))
				pl_diags_add(&diags, PL_SEV_WARNING, "policylint",
					     0, 0, "--disable %s: no such rule",
					     o->disabled[i]);
		for (size_t i = 0; i < o->ndisabled; i++)
			PL_PUSH(cx->disabled, cx->ndisabled, cx->disabled_cap,
				o->disabled[i]);
		for (size_t i = 0; i < cx->config->disable.count; i++)
			PL_PUSH(cx->disabled, cx->ndisabled, cx->disabled_cap,
				cx->config->disable.items[i].value);
		if (diags.errors == 0)
			select_profiles(cx, o, &diags);
	} else {
		cx->config = pl_config_empty();
	}
	cx->fail_level = o->fail_level >= 0 ? o->fail_level :
			 cx->config->fail_level >= 0 ? cx->config->fail_level :
						       PL_SEV_WARNING;
	if (diags.errors) {
		pl_ruleset_free(cx->rs);
		cx->rs = NULL;
	}
	pl_diags_print(&diags, stderr);
}

/* The context for a policy named name (for "-": the current folder). */
static context *context_for(run *rn, const char *name)
{
	const options *o = rn->o;
	char *key = o->no_config ? NULL :
		    o->config ? pl_xstrdup(o->config) : pl_config_find(name);
	for (size_t i = 0; i < rn->nctx; i++) {
		context *cx = &rn->ctx[i];
		if ((key == NULL && cx->key == NULL) ||
		    (key && cx->key && strcmp(key, cx->key) == 0)) {
			free(key);
			return cx;
		}
	}
	context cx = {0};
	cx.key = key;
	context_init(&cx, o, rn->argv0);
	PL_PUSH(rn->ctx, rn->nctx, rn->ctx_cap, cx);
	return &rn->ctx[rn->nctx - 1];
}

static void context_free(context *cx)
{
	free(cx->key);
	pl_config_free(cx->config);
	pl_ruleset_free(cx->rs);
	free(cx->disabled);
	for (size_t i = 0; i < cx->nprofiles; i++)
		free(cx->profiles[i]);
	free(cx->profiles);
}

/* ---- One file ------------------------------------------------------------ */

/* Reads and scans one policy with its directives applied.  Problems go to
 * diags (printed by the caller, in input order); NULL when the file cannot
 * be read.  Touches nothing shared, so scan jobs can run in parallel. */
static pl_result *scan_file(const run *rn, const context *cx, const char *path,
			    const char *name, pl_input_format fmt,
			    pl_diags *diags)
{
	char *data;
	size_t len;
	if (pl_input_read(path, name, &data, &len, diags) != 0)
		return NULL;
	pl_directives *ds = pl_directives_parse(data, len, fmt);
	if (fmt == PL_INPUT_TEXT && pl_directives_count(ds))
		pl_directives_mask(ds, data);
	pl_scan_options so = {fmt, cx->disabled, cx->ndisabled,
			      (const char *const *)cx->profiles, cx->nprofiles,
			      rn->o->today};
	pl_result *r = pl_scan(cx->rs, name, data, len, &so, diags);
	pl_result_apply_directives(r, ds, cx->rs, cx->disabled, cx->ndisabled,
				   pl_config_severity_of(cx->config,
							 PL_RULE_UNUSED_DIRECTIVE,
							 PL_SEV_WARNING));
	pl_directives_free(ds);
	return r;
}

/* Prints a job's diagnostics; an error makes the exit status 2. */
static void flush_diags(run *rn, pl_diags *diags)
{
	if (diags->errors)
		rn->status = 2;
	pl_diags_print(diags, stderr);
	pl_diags_free(diags);
}

/* How OLD is named in reports. */
static const char *against_label(const options *o)
{
	if (o->against_name)
		return o->against_name;
	return strcmp(o->against, "-") == 0 ? "<stdin>" : o->against;
}

/* --against: drops what OLD already had, adds `removed` findings.  OLD is
 * read as the same format as the new version, whatever its name. */
static int compare_with_old(run *rn, context *cx, pl_result *r)
{
	const char *name = against_label(rn->o);
	pl_diags diags = {0};
	pl_result *was = scan_file(rn, cx, rn->o->against, name, r->format,
				   &diags);
	flush_diags(rn, &diags);
	if (was == NULL)
		return -1;
	pl_result_against(r, was, name, PL_SEV_ERROR);
	pl_result_free(was);
	if (is_listed(cx->disabled, cx->ndisabled, PL_RULE_AREA_REMOVED))
		for (size_t i = r->nfindings; i-- > 0;)
			if (r->findings[i].kind == PL_KIND_REMOVED)
				pl_result_remove_finding(r, i);
	return 0;
}

/* One input on its way through: prepared and finished in input order on
 * the main thread, scanned on any thread. */
typedef struct {
	const char *path;
	const char *name;
	size_t cx;                /* index into run.ctx (which may move) */
	pl_input_format fmt;
	int skip;                 /* no rules, or ignored by the config */
	pl_result *r;
	pl_diags diags;
} job;

static void prepare(run *rn, job *j, const char *path)
{
	const options *o = rn->o;
	int is_stdin = strcmp(path, "-") == 0;
	memset(j, 0, sizeof(*j));
	j->path = path;
	j->name = is_stdin ? (o->stdin_name ? o->stdin_name : "<stdin>") : path;
	const char *lookup = is_stdin && !o->stdin_name ? "-" : j->name;
	context *cx = context_for(rn, lookup);
	j->cx = (size_t)(cx - rn->ctx);
	if (cx->rs == NULL) {
		rn->status = 2;
		j->skip = 1;
		return;
	}
	if (strcmp(lookup, "-") != 0 && pl_config_ignores(cx->config, lookup)) {
		j->skip = 1;
		return;
	}
	j->fmt = o->input_format != PL_INPUT_AUTO ? o->input_format :
						   pl_input_format_for_path(j->name);
}

static void scan_job(const run *rn, job *j)
{
	if (!j->skip)
		j->r = scan_file(rn, &rn->ctx[j->cx], j->path, j->name, j->fmt,
				 &j->diags);
}

static void finish(run *rn, job *j)
{
	context *cx = &rn->ctx[j->cx];
	pl_result *r = j->r;
	flush_diags(rn, &j->diags);
	if (r == NULL) {
		if (!j->skip)
			rn->status = 2;   /* unreadable: already said why */
		return;
	}
	if (rn->o->against && compare_with_old(rn, cx, r) != 0) {
		pl_result_free(r);
		return;
	}
	for (size_t i = 0; i < cx->config->nseverity; i++)
		pl_result_set_severity(r, cx->config->severity[i].id.value,
				       cx->config->severity[i].severity);
	if (rn->record)
		pl_baseline_add(rn->record, r);
	if (rn->baseline)
		pl_baseline_filter(rn->baseline, r);
	pl_report_set_rules(rn->rep, cx->rs);
	pl_report_file(rn->rep, r);
	for (size_t k = 0; k < r->nfindings; k++)
		if ((int)r->findings[k].severity >= cx->fail_level &&
		    rn->status == 0)
			rn->status = 1;
	pl_result_free(r);
}

static void lint_one(run *rn, const char *path)
{
	job j;
	prepare(rn, &j, path);
	scan_job(rn, &j);
	finish(rn, &j);
}

/* ---- Many files at once ------------------------------------------------- */

/* Scanning is the cost, and scans share nothing but the read-only rule
 * sets, so a batch of files is scanned by several threads while reading
 * configurations, --against, baselines and the report stay on the main
 * thread, in input order: the output is the same as with one thread. */
typedef struct {
	const run *rn;
	job *jobs;
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
		scan_job(b->rn, &b->jobs[i]);
	}
}


static void lint_batch(run *rn, char **paths, size_t n)
{
	job jobs[BATCH];
	for (size_t i = 0; i < n; i++)
		prepare(rn, &jobs[i], paths[i]);
	batch b = {rn, jobs, n, 0, PTHREAD_MUTEX_INITIALIZER};
	size_t want = rn->o->jobs < n ? rn->o->jobs : n;
	pthread_t threads[MAX_THREADS];
	size_t started = 0;
	for (size_t t = 1; t < want && t < MAX_THREADS; t++)
		if (pthread_create(&threads[started], NULL, scan_worker, &b) == 0)
			started++;
	scan_worker(&b);          /* the main thread works too */
	for (size_t t = 0; t < started; t++)
		pthread_join(threads[t], NULL);
	for (size_t i = 0; i < n; i++)
		finish(rn, &jobs[i]);
}

/* --files-from: one path per line, or NUL-separated when the list holds a
 * NUL (find -print0).  Streams, so the list may be endless. */
static int lint_list(run *rn, const char *list)
{
	FILE *f = strcmp(list, "-") == 0 ? stdin : fopen(list, "r");
	if (f == NULL) {
		fprintf(stderr, "policylint: %s: cannot read the file list\n", list);
		return -1;
	}
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
				lint_one(rn, line + i);
			i += k + 1;
		}
	}
	free(line);
	if (f != stdin)
		fclose(f);
	return 0;
}

static int lint_all(const options *o, const char *argv0, int nfiles,
		    char **files)
{
	run rn = {0};
	rn.o = o;
	rn.argv0 = argv0;
	if (o->baseline) {
		pl_diags diags = {0};
		rn.baseline = pl_baseline_new();
		int rc = pl_baseline_read(rn.baseline, o->baseline, &diags);
		pl_diags_print(&diags, stderr);
		if (rc != 0) {
			pl_baseline_free(rn.baseline);
			return 2;
		}
	}
	if (o->write_baseline)
		rn.record = pl_baseline_new();
	pl_report_options ro = {o->format, o->color, o->summary, NULL, stdout,
				o->quiet,
				o->against ? against_label(o) : NULL};
	rn.rep = pl_report_begin(&ro);
	for (int i = 0; i < nfiles; i += BATCH) {
		size_t n = (size_t)(nfiles - i) < BATCH ? (size_t)(nfiles - i) : BATCH;
		lint_batch(&rn, files + i, n);
	}
	if (o->files_from && lint_list(&rn, o->files_from) != 0)
		rn.status = 2;
	pl_report_end(rn.rep);
	if (rn.record) {
		if (pl_baseline_write(rn.record, o->write_baseline) != 0) {
			perror(o->write_baseline);
			rn.status = 2;
		} else {
			fprintf(stderr, "policylint: recorded %zu finding%s in %s\n",
				pl_baseline_count(rn.record),
				pl_baseline_count(rn.record) == 1 ? "" : "s",
				o->write_baseline);
			if (rn.status == 1)
				rn.status = 0;
		}
	}
	for (size_t i = 0; i < rn.nctx; i++)
		context_free(&rn.ctx[i]);
	free(rn.ctx);
	pl_baseline_free(rn.baseline);
	pl_baseline_free(rn.record);
	return rn.status;
}

/* ---- Commands that describe rather than lint ------------------------------ */

/* --print-config: the configuration with the command line merged in. */
static int print_config(const options *o, const char *argv0, const char *file)
{
	run rn = {0};
	rn.o = o;
	rn.argv0 = argv0;
	const char *lookup = strcmp(file, "-") == 0 && o->stdin_name ?
				     o->stdin_name : file;
	context *cx = context_for(&rn, lookup);
	int rc = cx->rs ? 0 : 2;
	if (cx->rs) {
		pl_config *c = cx->config;
		pl_config_list rules = c->rules;
		memset(&c->rules, 0, sizeof(c->rules));
		char *def = o->nrules ? NULL : pl_default_rules_path(argv0);
		if (def)
			pl_config_list_push(&c->rules, def);
		free(def);
		for (size_t i = 0; i < o->nrules; i++)
			pl_config_list_push(&c->rules, o->rules[i]);
		pl_config tmp = *c;
		tmp.rules = rules;
		for (size_t i = 0; i < rules.count; i++) {
			char *p = pl_config_rule_path(&tmp, i);
			pl_config_list_push(&c->rules, p);
			free(p);
		}
		for (size_t i = 0; i < rules.count; i++)
			free(rules.items[i].value);
		free(rules.items);
		for (size_t i = 0; i < o->ndisabled; i++)
			pl_config_list_push(&c->disable, o->disabled[i]);
		if (o->nprofiles) {
			for (size_t i = 0; i < c->profiles.count; i++)
				free(c->profiles.items[i].value);
			c->profiles.count = 0;
			for (size_t i = 0; i < o->nprofiles; i++)
				pl_config_list_push(&c->profiles, o->profiles[i]);
		}
		c->fail_level = cx->fail_level;
		if (strcmp(lookup, "-") != 0)
			printf("# for: %s%s\n", lookup,
			       pl_config_ignores(c, lookup) ? " (ignored)" : "");
		pl_config_print(c, stdout);
	}
	for (size_t i = 0; i < rn.nctx; i++)
		context_free(&rn.ctx[i]);
	free(rn.ctx);
	return rc;
}

static int describe_rules(const options *o, const char *argv0)
{
	run rn = {0};
	rn.o = o;
	rn.argv0 = argv0;
	context *cx = context_for(&rn, "-");
	int rc = 0;
	if (cx->rs == NULL) {
		rc = 2;
	} else if (o->list_rules) {
		pl_ruleset_list(cx->rs, stdout);
	} else if (o->list_profiles) {
		pl_ruleset_list_profiles(cx->rs, stdout);
	} else if (o->explain) {
		if (pl_ruleset_explain(cx->rs, o->explain, stdout) < 0)
			rc = fail("no rule, topic or profile '%s' (see "
				  "--list-rules, --list-profiles)",
				  o->explain);
	} else if (o->export_patterns) {
		pl_ruleset_export_patterns(cx->rs, stdout);
	} else {
		pl_diags diags = {0};
		int failures = pl_ruleset_check_examples(cx->rs, &diags);
		pl_diags_print(&diags, stderr);
		if (failures)
			rc = 1;
		else
			puts("all rule examples pass");
	}
	for (size_t i = 0; i < rn.nctx; i++)
		context_free(&rn.ctx[i]);
	free(rn.ctx);
	return rc;
}

static int check_inputs(const options *o, int nfiles, char **files)
{
	int stdin_uses = (o->files_from && strcmp(o->files_from, "-") == 0) +
			 (o->against && strcmp(o->against, "-") == 0);
	for (int i = 0; i < nfiles; i++)
		stdin_uses += strcmp(files[i], "-") == 0;
	if (stdin_uses > 1)
		return fail("%s", "standard input can be read only once");
	if (nfiles == 0 && !o->files_from)
		return fail("%s", "no input files (use '-' for standard input)");
	if (o->against && (nfiles != 1 || o->files_from))
		return fail("--against %s compares one FILE with its previous "
			    "version", o->against);
	return 0;
}

int main(int argc, char **argv)
{
	options o = {0};
	o.color = -1;
	o.fail_level = -1;
	o.summary = 1;
	int rc = parse_options(argc, argv, &o);
	if (o.today.year == 0)
		o.today = pl_date_today();
	if (o.jobs == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o.jobs = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
	}
	if (rc)
		goto out;
	if (o.color < 0) {
		const char *nc = getenv("NO_COLOR");
		o.color = (nc == NULL || *nc == '\0') && isatty(STDOUT_FILENO) &&
			  o.format == PL_FORMAT_TEXT;
	}
	int nfiles = argc - optind;
	char **files = argv + optind;
	if (o.print_config)
		rc = print_config(&o, argv[0], nfiles ? files[0] : "-");
	else if (o.list_rules || o.explain || o.check_rules || o.export_patterns ||
		 o.list_profiles)
		rc = describe_rules(&o, argv[0]);
	else if ((rc = check_inputs(&o, nfiles, files)) == 0)
		rc = lint_all(&o, argv[0], nfiles, files);
out:
	free(o.rules);
	free(o.disabled);
	for (size_t i = 0; i < o.nprofiles; i++)
		free(o.profiles[i]);
	free(o.profiles);
	return rc;
}
