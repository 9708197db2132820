/*
 * cli_options.c: the command line's options, from one table that gives
 * getopt its long options and --help its text, so the two cannot drift.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

enum {
	OPT_INPUT_FORMAT = 256, OPT_FAIL_LEVEL, OPT_COLOR, OPT_NO_SUMMARY,
	OPT_STDIN_NAME, OPT_LIST_RULES, OPT_EXPLAIN, OPT_CHECK_RULES,
	OPT_EXPORT, OPT_NO_CONFIG, OPT_PRINT_CONFIG, OPT_AGAINST,
	OPT_FILES_FROM, OPT_BASELINE, OPT_WRITE_BASELINE, OPT_AGAINST_NAME,
	OPT_LIST_PROFILES, OPT_TODAY, OPT_STATS, OPT_TRACE, OPT_FACT,
	OPT_WITH, OPT_NO_CACHE, OPT_MAX_SIZE, OPT_SUGGEST, OPT_LSP, OPT_STDIO, OPT_SECTION
};

/* One option: its long name, argument (NULL: none; "[=WHEN]": optional),
 * key (a short option letter or OPT_*) and help.  A row with key
 * OPT_SECTION is a heading of --help. */
typedef struct {
	const char *name, *arg;
	int key;
	const char *help;
} option_row;

static const option_row rows[] = {
	{NULL, NULL, OPT_SECTION, "Output:"},
	{"format", "FMT", 'f', "text (default), json, jsonl, sarif, github "
	 "(Actions annotations), gcc, markdown (for a pull-request comment; "
	 "with --against: what the edit changes) or statements (the "
	 "statements the conflict finder read, as JSON)"},
	{"quiet", NULL, 'q', "text: only findings; clean files print nothing"},
	{"no-summary", NULL, OPT_NO_SUMMARY, "text: leave out the per-area summary"},
	{"suggest", NULL, OPT_SUGGEST, "text: under each gap, a clause that "
	 "would fill it (the rule's suggest:; fill in its {{placeholders}})"},
	{"color", "[=WHEN]", OPT_COLOR, "auto (default), always or never; NO_COLOR "
	 "in the environment means never"},
	{"colour", "[=WHEN]", OPT_COLOR, NULL},
	{"fail-level", "LEVEL", OPT_FAIL_LEVEL, "error, warning (default), info or "
	 "none: exit 1 when a finding is at least LEVEL"},
	{"stats", NULL, OPT_STATS, "print files, bytes, time and threads on "
	 "standard error at the end"},
	{NULL, NULL, OPT_SECTION, "Input:"},
	{"input-format", "FMT", OPT_INPUT_FORMAT, "auto (by extension, and by "
	 "content for .txt and standard input), text, markdown, html"},
	{"stdin-filename", "NAME", OPT_STDIN_NAME, "the name standard input is "
	 "reported as (and configured by)"},
	{"files-from", "FILE", OPT_FILES_FROM, "lint the files listed in FILE "
	 "('-': stdin), one per line or NUL-separated"},
	{"max-size", "SIZE", OPT_MAX_SIZE, "refuse policies larger than SIZE "
	 "bytes (suffix K, M or G; default 64M; 0: no limit)"},
	{"with", "DOC", OPT_WITH, "judge DOC (a cookie policy, a California "
	 "notice) with each FILE as one notice: a requirement either meets is "
	 "met; repeatable; also documents: in the configuration"},
	{NULL, NULL, OPT_SECTION, "Rules and configuration:"},
	{"rules", "PATH", 'r', "rule file or folder; repeatable; replaces the "
	 "default rule set"},
	{"disable", "ID", 'd', "do not report rule ID; repeatable"},
	{"config", "FILE", 'c', "use FILE instead of the nearest .policylint.yaml"},
	{"no-config", NULL, OPT_NO_CONFIG, "use no configuration file"},
	{"print-config", NULL, OPT_PRINT_CONFIG, "print the configuration that "
	 "applies to FILE (or the current folder) and exit"},
	{NULL, NULL, OPT_SECTION, "Changes:"},
	{"against", "OLD", OPT_AGAINST, "report only what FILE changed since its "
	 "previous version, and every disclosure that version made which FILE "
	 "drops or weakens.  OLD is a file, '-' (standard input), or a git "
	 "revision (e.g. origin/main; 'git:REV' when a file has that name too): "
	 "each FILE is then compared with its own version in REV"},
	{"against-name", "NAME", OPT_AGAINST_NAME, "how OLD is named in reports "
	 "(default: the file, or REV:PATH)"},
	{"baseline", "FILE", OPT_BASELINE, "do not report findings recorded in FILE"},
	{"write-baseline", "FILE", OPT_WRITE_BASELINE, "record every finding in FILE"},
	{NULL, NULL, OPT_SECTION, "Rule sets:"},
	{"list-rules", NULL, OPT_LIST_RULES, "list rules and topics"},
	{"explain", "ID", OPT_EXPLAIN, "explain a rule, topic or profile"},
	{"check-rules", NULL, OPT_CHECK_RULES, "run every rule's examples"},
	{"export-patterns", NULL, OPT_EXPORT, "print every pattern for other "
	 "PCRE2 tools"},
	{"trace", "ID", OPT_TRACE, "instead of the report, print every candidate "
	 "match of topic ID (or of the topics of rule ID, or of area ID) and "
	 "which check kept or rejected it, then the rules' verdicts"},
	{NULL, NULL, OPT_SECTION, "Compliance profiles:"},
	{"profile", "NAME[,NAME...]", 'p', "check the requirements of these "
	 "profiles (baseline, gdpr, ccpa, caloppa, coppa, eprivacy, us-states, "
	 "or all); repeatable; default: the configuration's profile:, else "
	 "baseline"},
	{"list-profiles", NULL, OPT_LIST_PROFILES, "list the profiles and their "
	 "requirements"},
	{"today", "YYYY-MM-DD", OPT_TODAY, "the date policy dates are compared "
	 "with (default: today)"},
	{"fact", "NAME=yes|no", OPT_FACT, "declare what no text can show "
	 "(child_directed, online_only, eu_users, ccpa_business, ...); "
	 "repeatable; wins over the configuration's facts:"},
	{NULL, NULL, OPT_SECTION, "Running:"},
	{"jobs", "N", 'j', "files scanned at once (default: the number of "
	 "processors); output order never changes"},
	{"no-cache", NULL, OPT_NO_CACHE, "neither read nor write the compiled "
	 "rule set kept in $XDG_CACHE_HOME/policylint (else "
	 "~/.cache/policylint)"},
	{"lsp", NULL, OPT_LSP, "run as a language server on standard input "
	 "and output (the same as 'policylint lsp'; see docs/editors.md)"},
	{"stdio", NULL, OPT_STDIO, "with lsp: accepted and ignored (standard "
	 "input and output are its only transport; editors pass it)"},
	{"help", NULL, 'h', "this help"},
	{"version", NULL, 'V', "version, with the PCRE2 and libyaml versions"},
};

#define NROWS (sizeof rows / sizeof *rows)

/* Writes text from column 26, wrapped before column 78. */
static void wrap(FILE *out, const char *text, size_t col)
{
	const char *p = text;
	while (*p) {
		for (; col < 26; col++)
			fputc(' ', out);
		size_t room = 78 - 26, n = strlen(p);
		if (n > room) {
			n = room;
			while (n > 0 && p[n] != ' ')
				n--;
		}
		fprintf(out, "%.*s\n", (int)n, p);
		p += n;
		while (*p == ' ')
			p++;
		col = 0;
	}
}

static void usage(FILE *out)
{
	fputs("usage: policylint [OPTIONS] FILE...\n"
	      "       policylint diff [OPTIONS] OLD NEW\n"
	      "       policylint lsp [OPTIONS]   (a language server on stdio)\n"
	      "Lints privacy policies (text, Markdown, HTML) for missing and\n"
	      "conflicting disclosures.  '-' reads standard input.  'diff' prints\n"
	      "what the edit from OLD (a file or a git revision) to NEW changes\n"
	      "in the practices, as Markdown: --against OLD --format markdown NEW.\n",
	      out);
	for (size_t i = 0; i < NROWS; i++) {
		const option_row *r = &rows[i];
		if (r->key == OPT_SECTION) {
			fprintf(out, "\n%s\n", r->help);
			continue;
		}
		if (r->help == NULL)
			continue;               /* a spelling of the row above */
		int n = r->key < 256 ? fprintf(out, "  -%c, ", r->key) :
				       fprintf(out, "      ");
		n += fprintf(out, "--%s%s%s", r->name,
			     r->arg && r->arg[0] != '[' ? " " : "",
			     r->arg ? r->arg : "");
		if (n >= 25) {
			fputc('\n', out);
			n = 0;
		}
		wrap(out, r->help, (size_t)n);
	}
	fputs("\nFindings are of the kinds missing (a required disclosure is\n"
	      "absent), incomplete (disclosed without what must come with it),\n"
	      "conflict (two statements contradict each other), wording\n"
	      "(outdated or discouraged wording), removed and weakened (--against:\n"
	      "what the old version disclosed, or said more firmly) and\n"
	      "unused-directive (a directive that suppresses nothing).  The text\n"
	      "report lists the missing ones, which have no place in the text,\n"
	      "under \"FILE: missing disclosures (N):\"; the others quote the\n"
	      "policy's words, a window of a line wider than the terminal.\n\n"
	      "Exit status: 0 no finding at or above the failing level, 1 such\n"
	      "findings, 2 an error (bad input, rule or config file, option).\n"
	      "See policylint(1) and policylint-rules(5).\n", out);
}

int pl_cli_fail(const char *fmt, const char *arg)
{
	fputs("policylint: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'policylint --help'.\n", stderr);
	return 2;
}

/* "65536", "64K", "64M", "1G" (powers of 1024, as head -c counts);
 * 0 means no limit. */
static int parse_size(const char *arg, size_t *out)
{
	char *end;
	if (arg[0] < '0' || arg[0] > '9')
		return -1;
	errno = 0;
	unsigned long long n = strtoull(arg, &end, 10);
	int shift = 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end != '\0' || errno || n > ((unsigned long long)SIZE_MAX >> shift))
		return -1;
	*out = n == 0 ? SIZE_MAX : (size_t)(n << shift);
	return 0;
}

static int parse_choice(int c, pl_cli_options *o, const char *arg)
{
	pl_linter_options *l = &o->lint;
	int v;
	switch (c) {
	case 'f':
		if ((v = pl_output_format_from_name(arg)) < 0)
			return pl_cli_fail("unknown format '%s' (text, json, "
					   "jsonl, sarif, github, gcc, markdown, "
					   "statements)", arg);
		o->report.format = (pl_output_format)v;
		o->format_given = 1;
		l->statements = v == PL_FORMAT_STATEMENTS;
		return 0;
	case OPT_INPUT_FORMAT:
		if ((v = pl_input_format_from_name(arg)) < 0)
			return pl_cli_fail("unknown input format '%s' (auto, "
					   "text, markdown, html)", arg);
		l->input_format = (pl_input_format)v;
		return 0;
	case OPT_FAIL_LEVEL:
		if (strcmp(arg, "none") == 0)
			l->fail_level = PL_FAIL_NONE;
		else if ((l->fail_level = pl_severity_from_name(arg)) < 0)
			return pl_cli_fail("unknown fail level '%s' (error, "
					   "warning, info, none)", arg);
		return 0;
	case OPT_COLOR:
		o->color = arg == NULL || strcmp(arg, "always") == 0 ? 1 :
			   strcmp(arg, "never") == 0 ? 0 :
			   strcmp(arg, "auto") == 0 ? -1 : -2;
		if (o->color == -2)
			return pl_cli_fail("--color takes auto, always or "
					   "never, not '%s'", arg);
		return 0;
	case OPT_TODAY:
		if (pl_date_parse_iso(arg, &l->today) != 0)
			return pl_cli_fail("--today takes a date as YYYY-MM-DD, "
					   "not '%s'", arg);
		return 0;
	case OPT_MAX_SIZE:
		if (parse_size(arg, &l->max_size) != 0)
			return pl_cli_fail("--max-size takes a size in bytes, "
					   "with K, M or G after it (e.g. 64M), "
					   "not '%s'", arg);
		return 0;
	case OPT_FACT: {
		const char *eq = strchr(arg, '=');
		const char *val = eq ? eq + 1 : "";
		int value = strcmp(val, "yes") == 0 || strcmp(val, "true") == 0 ? 1 :
			    strcmp(val, "no") == 0 || strcmp(val, "false") == 0 ? 0 : -1;
		if (eq == NULL || eq == arg || value < 0)
			return pl_cli_fail("--fact takes NAME=yes or NAME=no, not "
					   "'%s'", arg);
		pl_fact f = {pl_xstrndup(arg, (size_t)(eq - arg)), value};
		PL_PUSH(o->facts, l->nfacts, o->facts_cap, f);
		return 0;
	}
	case 'j': {
		char *end;
		long n = strtol(arg, &end, 10);
		if (*end != '\0' || n < 1 || n > PL_MAX_THREADS)
			return pl_cli_fail("-j takes a number of jobs from 1 to "
					   "64, not '%s'", arg);
		o->jobs = (size_t)n;
		return 0;
	}
	case 'p':
		if (strspn(arg, ", \t") == strlen(arg))
			return pl_cli_fail("--profile needs a name (see "
					   "--list-profiles)%s", "");
		PL_PUSH(o->profiles, l->nprofiles, o->profiles_cap, arg);
		return 0;
	case 'c':
	case OPT_NO_CONFIG:
		if (l->config != PL_CONFIG_DISCOVER)
			return pl_cli_fail("%s", "--config and --no-config "
					   "exclude each other");
		l->config = c == 'c' ? PL_CONFIG_FILE : PL_CONFIG_NONE;
		l->config_path = c == 'c' ? arg : NULL;
		return 0;
	}
	return -1;
}

static int parse_option(int c, pl_cli_options *o, char **argv)
{
	pl_linter_options *l = &o->lint;
	int rc = parse_choice(c, o, optarg);
	if (rc >= 0)
		return rc;
	switch (c) {
	case 'r': PL_PUSH(o->rules, l->nrules, o->rules_cap, optarg); break;
	case 'd': PL_PUSH(o->disabled, l->ndisabled, o->disabled_cap, optarg); break;
	case 'q': o->report.quiet = 1; break;
	case OPT_NO_SUMMARY: o->report.summary = 0; break;
	case OPT_SUGGEST: o->report.suggest = 1; break;
	case OPT_LSP: o->lsp = 1; break;
	case OPT_STDIO: break;
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
	case OPT_NO_CACHE: o->no_cache = 1; break;
	case OPT_WITH: PL_PUSH(o->with, l->nwith, o->with_cap, optarg); break;
	case OPT_TRACE: o->trace = optarg; o->jobs = 1; break;
	case OPT_LIST_PROFILES: o->list_profiles = 1; break;
	case 'h':
		usage(stdout);
		exit(pl_cli_check_output(stdout, 0));
	case 'V':
		printf("policylint %s\nPCRE2 %s\nlibyaml %s\n", PL_VERSION,
		       pl_pcre2_version(), pl_libyaml_version());
		exit(pl_cli_check_output(stdout, 0));
	case ':':
		return pl_cli_fail("option '%s' needs a value", argv[optind - 1]);
	default:
		return pl_cli_fail("unknown option '%s'", argv[optind - 1]);
	}
	return 0;
}

/* The columns a quoted line may fill: the terminal's when the report
 * goes to one, else 100 (a file, a pipe, a CI log). */
static int terminal_width(void)
{
	struct winsize ws;
	if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col >= 40)
		return ws.ws_col;
	return 100;
}

/* What depends on the machine and the environment: today, processors, a
 * terminal, NO_COLOR. */
static void resolve_defaults(pl_cli_options *o)
{
	if (o->lint.today.year == 0)
		o->lint.today = pl_date_today();
	if (o->jobs == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		o->jobs = cpus < 1 ? 1 : cpus > PL_MAX_THREADS ? PL_MAX_THREADS :
								  (size_t)cpus;
	}
	if (o->color < 0) {
		const char *nc = getenv("NO_COLOR");
		o->color = (nc == NULL || *nc == '\0') && isatty(STDOUT_FILENO) &&
			   o->report.format == PL_FORMAT_TEXT;
	}
	o->report.color = o->color;
	o->report.width = terminal_width();
	if (o->diff && !o->format_given)
		o->report.format = PL_FORMAT_MARKDOWN;
	const char *old = o->lint.against;
	if (old)
		o->report.against = o->lint.against_name ? o->lint.against_name :
				    strcmp(old, "-") == 0 ? "<stdin>" : old;
}

/* `policylint diff OLD NEW` is `--against OLD NEW` with the markdown
 * report: the first two FILE arguments become OLD and the FILE. */
static int take_diff_operands(pl_cli_options *o)
{
	if (o->nfiles != 2)
		return pl_cli_fail("%s", "diff compares two versions: policylint "
				   "diff [OPTIONS] OLD NEW (OLD a file, '-' or a "
				   "git revision such as origin/main)");
	if (o->lint.against)
		return pl_cli_fail("%s", "diff takes OLD as its first operand, "
				   "not --against");
	o->lint.against = o->files[0];
	o->files++;
	o->nfiles--;
	return 0;
}

int pl_cli_parse(int argc, char **argv, pl_cli_options *o)
{
	memset(o, 0, sizeof(*o));
	/* A subcommand only as the very first argument: a policy named
	 * "diff" elsewhere on the line is a policy (and ./diff always). */
	if (argc > 1 && strcmp(argv[1], "lsp") == 0) {
		o->lsp = 1;
		argv[1] = argv[0];
		argv++;
		argc--;
	} else if (argc > 1 && strcmp(argv[1], "diff") == 0) {
		o->diff = 1;
		argv[1] = argv[0];
		argv++;
		argc--;
	}
	pl_linter_options_init(&o->lint);
	o->color = -1;
	o->report.summary = 1;
	o->report.out = stdout;
	struct option longopts[NROWS + 1];
	size_t n = 0;
	for (size_t i = 0; i < NROWS; i++)
		if (rows[i].key != OPT_SECTION)
			longopts[n++] = (struct option){
				rows[i].name,
				rows[i].arg == NULL ? no_argument :
				rows[i].arg[0] == '[' ? optional_argument :
							required_argument,
				NULL, rows[i].key};
	longopts[n] = (struct option){NULL, 0, NULL, 0};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":f:r:d:c:p:j:qhV", longopts, NULL)) != -1)
		if (parse_option(c, o, argv))
			return 2;
	o->lint.rules = o->rules;
	o->lint.disabled = o->disabled;
	o->lint.profiles = o->profiles;
	o->lint.facts = o->facts;
	o->lint.with = o->with;
	o->files = argv + optind;
	o->nfiles = argc - optind;
	if (o->diff && take_diff_operands(o))
		return 2;
	if (!o->no_cache) {
		o->cache_dir = pl_default_cache_dir();
		o->lint.cache_dir = o->cache_dir;
	}
	resolve_defaults(o);
	return 0;
}

int pl_cli_output_failed(FILE *out)
{
	int e = errno;
	fprintf(stderr, "policylint: error: cannot write the report to %s%s%s "
		"[%s]\n", out == stdout ? "standard output" : "its output",
		e ? ": " : "", e ? strerror(e) : "",
		pl_diag_code_id(PL_DIAG_OUTPUT_WRITE));
	return 2;
}

int pl_cli_check_output(FILE *out, int rc)
{
	errno = 0;
	if (fflush(out) == 0 && !ferror(out))
		return rc;
	return pl_cli_output_failed(out);
}

void pl_cli_free(pl_cli_options *o)
{
	free(o->cache_dir);
	free(o->rules);
	free(o->disabled);
	free(o->profiles);
	free(o->with);
	for (size_t i = 0; i < o->lint.nfacts; i++)
		free((char *)o->facts[i].name);
	free(o->facts);
}
