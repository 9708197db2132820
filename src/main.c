/*
 * main.c: the policylint command: options, rule loading, one scan per
 * input, the report, and the exit status (0 clean, 1 findings at or above
 * the failing level, 2 an error).  Everything else is in the library.
 */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "policylint.h"
#include "util.h"

#define FAIL_NONE 3   /* --fail-level none: above every severity */

typedef struct {
	char **rules;
	size_t nrules, rules_cap;
	const char **disabled;
	size_t ndisabled, disabled_cap;
	pl_output_format format;
	pl_input_format input_format;
	int color;                /* -1 auto */
	int fail_level;
	int summary;
	const char *stdin_name;
	const char *explain;
	int list_rules, export_patterns, check_rules;
} options;

static void usage(FILE *out)
{
	fputs("usage: policylint [OPTIONS] FILE...\n"
	      "Lints privacy policies (text, Markdown, HTML) for missing and\n"
	      "conflicting disclosures.  '-' reads standard input.\n\n"
	      "  -f, --format FMT        text (default) or json\n"
	      "      --input-format FMT  auto (by extension), text, markdown, html\n"
	      "  -r, --rules PATH        rule file or folder; repeatable; replaces\n"
	      "                          the default rule set\n"
	      "  -d, --disable ID        do not report rule ID; repeatable\n"
	      "      --fail-level LEVEL  error, warning (default), info or none:\n"
	      "                          exit 1 when a finding is at least LEVEL\n"
	      "      --color[=WHEN]      auto (default), always or never; NO_COLOR\n"
	      "                          in the environment means never\n"
	      "      --no-summary        text: leave out the per-area summary\n"
	      "      --stdin-filename N  the name standard input is reported as\n"
	      "      --list-rules        list rules and topics\n"
	      "      --explain ID        explain a rule or topic\n"
	      "      --check-rules       run every rule's examples\n"
	      "      --export-patterns   print every pattern for other PCRE2 tools\n"
	      "  -h, --help              this help\n"
	      "  -V, --version           version\n\n"
	      "Exit status: 0 no finding at or above the failing level, 1 such\n"
	      "findings, 2 an error (bad input, rule file or option).\n",
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
	OPT_EXPORT
};

static int parse_options(int argc, char **argv, options *o)
{
	static const struct option longopts[] = {
		{"format", required_argument, NULL, 'f'},
		{"input-format", required_argument, NULL, OPT_INPUT_FORMAT},
		{"rules", required_argument, NULL, 'r'},
		{"disable", required_argument, NULL, 'd'},
		{"fail-level", required_argument, NULL, OPT_FAIL_LEVEL},
		{"color", optional_argument, NULL, OPT_COLOR},
		{"colour", optional_argument, NULL, OPT_COLOR},
		{"no-summary", no_argument, NULL, OPT_NO_SUMMARY},
		{"stdin-filename", required_argument, NULL, OPT_STDIN_NAME},
		{"list-rules", no_argument, NULL, OPT_LIST_RULES},
		{"explain", required_argument, NULL, OPT_EXPLAIN},
		{"check-rules", no_argument, NULL, OPT_CHECK_RULES},
		{"export-patterns", no_argument, NULL, OPT_EXPORT},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}};
	int c, v;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:r:d:hV", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			if ((v = pl_output_format_from_name(optarg)) < 0)
				return fail("unknown format '%s' (text, json)", optarg);
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
		case OPT_FAIL_LEVEL:
			if (strcmp(optarg, "none") == 0)
				o->fail_level = FAIL_NONE;
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
		case OPT_NO_SUMMARY:
			o->summary = 0;
			break;
		case OPT_STDIN_NAME:
			o->stdin_name = optarg;
			break;
		case OPT_LIST_RULES:
			o->list_rules = 1;
			break;
		case OPT_EXPLAIN:
			o->explain = optarg;
			break;
		case OPT_CHECK_RULES:
			o->check_rules = 1;
			break;
		case OPT_EXPORT:
			o->export_patterns = 1;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("policylint %s\n", PL_VERSION);
			exit(0);
		case ':':
			return fail("option '%s' needs a value", argv[optind - 1]);
		default:
			return fail("unknown option '%s'", argv[optind - 1]);
		}
	}
	return 0;
}

/* Loads and compiles the rule set; diagnostics are printed.  NULL on
 * error. */
static pl_ruleset *load_rules(const options *o, const char *argv0)
{
	pl_diags diags = {0};
	pl_ruleset *rs = pl_ruleset_new();
	if (o->nrules == 0) {
		char *def = pl_default_rules_path(argv0);
		if (def == NULL) {
			fputs("policylint: cannot find the default rule set "
			      "(looked next to the program and under "
			      "share/policylint); use --rules PATH\n", stderr);
			pl_ruleset_free(rs);
			return NULL;
		}
		pl_ruleset_load(rs, def, &diags);
		free(def);
	}
	for (size_t i = 0; i < o->nrules; i++)
		pl_ruleset_load(rs, o->rules[i], &diags);
	if (diags.errors == 0)
		pl_ruleset_compile(rs, &diags);
	for (size_t i = 0; i < o->ndisabled; i++)
		if (!pl_ruleset_has_rule(rs, o->disabled[i]))
			pl_diags_add(&diags, PL_SEV_WARNING, "policylint", 0, 0,
				     "--disable %s: no such rule", o->disabled[i]);
	size_t errors = diags.errors;
	pl_diags_print(&diags, stderr);
	if (errors) {
		pl_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* Lints every file; returns the exit status. */
static int lint_files(const options *o, const pl_ruleset *rs, int nfiles,
		      char **files)
{
	int status = 0;
	pl_report_options ro = {o->format, o->color, o->summary, rs, stdout};
	pl_report *rep = pl_report_begin(&ro);
	pl_scan_options so = {o->input_format, o->disabled, o->ndisabled};
	for (int i = 0; i < nfiles; i++) {
		const char *path = files[i];
		const char *name = strcmp(path, "-") == 0 ?
					   (o->stdin_name ? o->stdin_name : "<stdin>") :
					   path;
		pl_diags diags = {0};
		char *data;
		size_t len;
		if (pl_input_read(path, name, &data, &len, &diags) != 0) {
			pl_diags_print(&diags, stderr);
			status = 2;
			continue;
		}
		pl_result *r = pl_scan(rs, name, data, len, &so, &diags);
		if (diags.errors)
			status = 2;
		pl_diags_print(&diags, stderr);
		pl_report_file(rep, r);
		for (size_t k = 0; k < r->nfindings; k++)
			if ((int)r->findings[k].severity >= o->fail_level &&
			    status == 0)
				status = 1;
		pl_result_free(r);
	}
	pl_report_end(rep);
	return status;
}

int main(int argc, char **argv)
{
	options o = {0};
	o.color = -1;
	o.fail_level = PL_SEV_WARNING;
	o.summary = 1;
	int rc = parse_options(argc, argv, &o);
	if (rc)
		goto out;
	if (o.color < 0) {
		const char *nc = getenv("NO_COLOR");
		o.color = (nc == NULL || *nc == '\0') && isatty(STDOUT_FILENO) &&
			  o.format == PL_FORMAT_TEXT;
	}
	int nfiles = argc - optind;
	if (nfiles == 0 && !o.list_rules && !o.explain && !o.check_rules &&
	    !o.export_patterns) {
		rc = fail("%s", "no input files (use '-' for standard input)");
		goto out;
	}
	pl_ruleset *rs = load_rules(&o, argv[0]);
	if (rs == NULL) {
		rc = 2;
		goto out;
	}
	if (o.list_rules) {
		pl_ruleset_list(rs, stdout);
	} else if (o.explain) {
		if (pl_ruleset_explain(rs, o.explain, stdout) < 0)
			rc = fail("no rule or topic '%s' (see --list-rules)", o.explain);
	} else if (o.export_patterns) {
		pl_ruleset_export_patterns(rs, stdout);
	} else if (o.check_rules) {
		pl_diags diags = {0};
		int failures = pl_ruleset_check_examples(rs, &diags);
		pl_diags_print(&diags, stderr);
		if (failures)
			rc = 1;
		else
			puts("all rule examples pass");
	} else {
		rc = lint_files(&o, rs, nfiles, argv + optind);
	}
	pl_ruleset_free(rs);
out:
	free(o.rules);
	free(o.disabled);
	return rc;
}
