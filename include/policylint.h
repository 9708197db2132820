/*
 * policylint.h: the stable core of libpolicylint, a privacy-policy linter.
 *
 * A program that links the library does what the command line does, with
 * the same result for the same input:
 *
 *     pl_diags *diags = pl_diags_new();
 *     pl_linter *lint = pl_linter_new(NULL);      // the installed rules
 *     pl_result *r;
 *     if (pl_linter_lint_buffer(lint, "privacy.md", text, len, &r,
 *                               diags) == PL_LINTED) {
 *             for (size_t i = 0; i < pl_result_finding_count(r); i++)
 *                     puts(pl_result_finding(r, i)->message);
 *             pl_report_write(&r, 1, PL_FORMAT_JSON, stdout);
 *             pl_result_free(r);
 *     }
 *     pl_diags_print(diags, stderr);
 *     pl_linter_free(lint);
 *     pl_diags_free(diags);
 *
 * A linter session finds each file's .policylint.yaml, loads and compiles
 * the rule set that configuration selects (once per configuration), decides
 * each input's format (its name, else its content), applies inline
 * directives, configured severities, --against and baselines.  The finer
 * controls (rule sets on their own, the phases of a lint for threads,
 * dates, baselines) are in policylint-advanced.h.
 *
 * Conventions: every *_new / *_open result is freed with the matching
 * *_free, which accepts NULL.  Strings in results are owned by the result,
 * rule and topic ids by the rule set; a result must not outlive the linter
 * that made it.  Problems a user can fix (a bad rule file, an unreadable
 * input) are diagnostics with a stable code (pl_diag_code) and never abort;
 * running out of memory aborts.
 */
#ifndef POLICYLINT_H
#define POLICYLINT_H

#include <stddef.h>
#include <stdio.h>

#define PL_VERSION "0.2.0"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Vocabulary ---------------------------------------------------- */

/* The areas of the measuring contract, in its order. */
typedef enum {
	PL_AREA_COLLECTION,
	PL_AREA_SHARING,
	PL_AREA_RETENTION,
	PL_AREA_RIGHTS,
	PL_AREA_CHOICES,
	PL_AREA_COOKIES,
	PL_AREA_SECURITY,
	PL_AREA_CHILDREN,
	PL_AREA_CHANGES,
	PL_AREA_DNT,
	PL_AREA_CONTACT,
	PL_AREA_COUNT
} pl_area;

const char *pl_area_name(pl_area area);
/* Returns the area for an id, or -1. */
int pl_area_from_name(const char *name);

typedef enum { PL_SEV_INFO, PL_SEV_WARNING, PL_SEV_ERROR } pl_severity;

const char *pl_severity_name(pl_severity s);
int pl_severity_from_name(const char *name); /* -1 when unknown */

typedef enum {
	PL_INPUT_AUTO,     /* the name's extension, else the content */
	PL_INPUT_TEXT,
	PL_INPUT_MARKDOWN,
	PL_INPUT_HTML
} pl_input_format;

int pl_input_format_from_name(const char *name); /* -1 when unknown */

typedef enum {
	PL_FORMAT_TEXT,
	PL_FORMAT_JSON,
	PL_FORMAT_JSONL,   /* one JSON object per finding */
	PL_FORMAT_SARIF,   /* SARIF 2.1.0, for code scanning */
	PL_FORMAT_GITHUB,  /* GitHub Actions workflow commands */
	PL_FORMAT_GCC,     /* FILE:LINE:COL: severity: message [rule] */
	PL_FORMAT_MARKDOWN, /* for a pull-request comment: with --against,
	                       what the edit changes in the practices */
	PL_FORMAT_STATEMENTS /* the conflict finder's statements, as JSON
	                        (needs pl_linter_options.statements) */
} pl_output_format;

int pl_output_format_from_name(const char *name); /* -1 when unknown */

/* A calendar date; day 0 when only the month is known. */
typedef struct {
	int year, month, day;
} pl_date;

/* ---- Diagnostics ----------------------------------------------------- */

/* Every problem with something policylint read has one of these codes,
 * stable across versions (new ones are added, none is renumbered), with a
 * default severity and an id (pl_diag_code_id) printed after the message
 * and carried in JSON and SARIF: tests and scripts match codes, never
 * wording.  docs/diagnostics.md lists them. */
typedef enum {
	/* inputs */
	PL_DIAG_INPUT_MISSING,          /* no such file */
	PL_DIAG_INPUT_UNREADABLE,       /* cannot open or read it */
	PL_DIAG_INPUT_DIRECTORY,        /* a folder, not a file */
	PL_DIAG_INPUT_BINARY,           /* binary, PDF, UTF-16, ... */
	PL_DIAG_INPUT_NOT_REGULAR,      /* a FIFO, device or socket */
	PL_DIAG_INPUT_TOO_LARGE,        /* over the size limit */
	PL_DIAG_INPUT_EMPTY,            /* no text at all (a note) */
	PL_DIAG_INPUT_UNTERMINATED,     /* a comment or script never closed */
	PL_DIAG_FILE_LIST,              /* --files-from cannot be read */
	/* rule files */
	PL_DIAG_RULES_UNREADABLE,       /* a rule file or folder */
	PL_DIAG_RULES_EMPTY_FOLDER,     /* no *.yaml in a rule folder */
	PL_DIAG_RULES_NOT_FOUND,        /* no default rule set installed */
	PL_DIAG_RULES_SCHEMA,           /* wrong type, unknown or missing key */
	PL_DIAG_RULES_BAD_ID,           /* an id of the wrong shape */
	PL_DIAG_RULES_DUPLICATE_ID,
	PL_DIAG_RULES_UNKNOWN_REFERENCE,/* topic, profile, action, term */
	PL_DIAG_RULES_BAD_REGEX,        /* PCRE2 rejects a pattern */
	PL_DIAG_RULES_CYCLE,            /* parents or fragments loop */
	PL_DIAG_RULES_EXAMPLE,          /* a rule's example fails */
	PL_DIAG_RULES_UNDOCUMENTED,     /* no examples or references */
	PL_DIAG_PATTERN_LIMIT,          /* a search hit the match limits */
	PL_DIAG_PATTERN_ERROR,          /* a search failed otherwise */
	/* YAML, for rule and configuration files alike */
	PL_DIAG_YAML_SYNTAX,
	PL_DIAG_YAML_TOO_LARGE,         /* too many nodes or too deep */
	PL_DIAG_YAML_DUPLICATE_KEY,
	/* configuration */
	PL_DIAG_CONFIG_UNREADABLE,
	PL_DIAG_CONFIG_SCHEMA,          /* unknown key, wrong type */
	PL_DIAG_CONFIG_UNKNOWN_RULE,    /* disable: or severity: names none */
	PL_DIAG_UNKNOWN_PROFILE,        /* --profile or profile: */
	PL_DIAG_OPTION_UNKNOWN_RULE,    /* --disable names no rule */
	PL_DIAG_UNKNOWN_FACT,           /* facts: or --fact names a fact no
	                                   rule depends on */
	/* baselines and output */
	PL_DIAG_BASELINE_UNREADABLE,
	PL_DIAG_BASELINE_FORMAT,
	PL_DIAG_OUTPUT_WRITE,           /* the report could not be written */
	/* --against REV */
	PL_DIAG_GIT_MISSING,            /* git is not installed */
	PL_DIAG_GIT_REVISION,           /* no repository, or REV names no
	                                   commit of it */
	PL_DIAG_AGAINST_NEW_FILE,       /* REV has no such file: all is new */
	/* appended later */
	PL_DIAG_RULES_SUGGEST,          /* a suggest: template with an
	                                   unknown placeholder, or a
	                                   suggestion for no requirement */
	PL_DIAG_LSP_MESSAGE,            /* policylint lsp: a message that is
	                                   no JSON-RPC request */
	PL_DIAG_LSP_CLIENT_GONE,        /* policylint lsp: the client closed
	                                   the connection without exit */
	PL_DIAG_RULES_UNREACHABLE,      /* --check-rules: a rule, profile or
	                                   topic refers only to topics that
	                                   are not scanned under one of its
	                                   profiles */
	PL_DIAG_COUNT
} pl_diag_code;

/* "input-missing", ...; NULL for an unknown code. */
const char *pl_diag_code_id(pl_diag_code code);
/* The severity a code is reported with. */
pl_severity pl_diag_code_severity(pl_diag_code code);

/* One problem.  line and column are 1-based, 0 when they do not apply. */
typedef struct {
	pl_diag_code code;
	pl_severity severity;
	const char *path;               /* the file, or "policylint" */
	unsigned long line, column;
	const char *message;
} pl_diag;

/* A list of diagnostics, filled by every call that takes one. */
typedef struct pl_diags pl_diags;

pl_diags *pl_diags_new(void);
size_t pl_diags_count(const pl_diags *d);
const pl_diag *pl_diags_get(const pl_diags *d, size_t i);
/* How many have PL_SEV_ERROR (kept when the list is printed). */
size_t pl_diags_errors(const pl_diags *d);
/* Prints every diagnostic as "path:line:col: severity: message [code]"
 * and empties the list (the error count stays). */
void pl_diags_print(pl_diags *d, FILE *out);
void pl_diags_free(pl_diags *d);

/* ---- Results -------------------------------------------------------- */

typedef enum {
	PL_KIND_MISSING,   /* a required disclosure is absent */
	PL_KIND_CONFLICT,  /* two statements contradict each other */
	PL_KIND_WORDING,   /* discouraged or outdated wording */
	PL_KIND_INCOMPLETE,/* disclosed, but what must come with it is not */
	PL_KIND_REMOVED,   /* --against: what the old version disclosed */
	PL_KIND_UNUSED_DIRECTIVE,
	PL_KIND_WEAKENED   /* --against: still disclosed, but vaguer,
	                      narrower or qualified than in the old version */
} pl_finding_kind;

const char *pl_finding_kind_name(pl_finding_kind k);

typedef struct {
	size_t offset, length;          /* bytes of the input as read */
	unsigned long line, column;     /* 1-based; column in characters */
	char *message;                  /* may be NULL */
	const char *path;               /* NULL: the result's own file; else
	                                   another file (--against's OLD) */
} pl_location;

typedef struct {
	const char *rule;               /* rule id */
	const char **rules;             /* a gap several profiles' rules
	                                   require: all of their ids, rule
	                                   first (nrules 0: just rule) */
	size_t nrules;
	pl_finding_kind kind;
	pl_severity severity;
	pl_area area;
	char *message;
	pl_location loc;
	pl_location *related;
	size_t nrelated;
} pl_finding;

/* A sentence that discloses something of an area. */
typedef struct {
	const char *topic;              /* the topic that matched */
	pl_location loc;                /* message unused */
} pl_evidence;

/* --against: one change in what the policy discloses, in plain words
 * ("no longer says how long logs are kept", "adds the right to
 * correct"), for the reviewer of the edit. */
typedef enum {
	PL_CHANGE_ADDED,        /* said now, not before */
	PL_CHANGE_REMOVED,      /* said before, not now */
	PL_CHANGE_WEAKENED,     /* still said, vaguer, narrower, qualified */
	PL_CHANGE_STRENGTHENED  /* still said, firmer (a shorter period) */
} pl_change_kind;

const char *pl_change_kind_name(pl_change_kind k);

typedef struct {
	pl_change_kind kind;
	pl_area area;
	const char *subject;            /* what it is about: a topic or rule
	                                   id, or "retention-period",
	                                   "promise", "statement", "dates" */
	char *text;                     /* the change, in plain words */
	char *before, *after;           /* the words of the old and the new
	                                   version it rests on; NULL: none */
	pl_location loc;                /* where in the new version */
	pl_location old;                /* where in the old one (path: its
	                                   name); line 0 when it was not
	                                   there */
} pl_change;

/* The requirements of one selected profile, each in one list (rule ids).
 * A requirement is not applicable when its condition is not shown and
 * neither is the disclosure (a require-if rule), when the policy's own words or a declared fact make it
 * so (its `applies:`), or when the whole profile does not apply. */
typedef struct {
	const char *profile;
	const char **met, **missing, **not_applicable;
	size_t nmet, nmissing, nnot_applicable;
	int applies;            /* 0: the profile does not apply at all */
	pl_location why;        /* what makes it inapplicable: the sentence
	                           that says so (message: what it shows), or
	                           line 0 with a message (a fact, a default) */
	pl_location *why_not;   /* the same for each not_applicable item */
} pl_coverage;

/* What linting one policy found. */
typedef struct pl_result pl_result;

const char *pl_result_path(const pl_result *r);  /* as given */
pl_input_format pl_result_format(const pl_result *r); /* as read */
size_t pl_result_source_length(const pl_result *r);   /* bytes read */
/* The findings, in source order. */
size_t pl_result_finding_count(const pl_result *r);
const pl_finding *pl_result_finding(const pl_result *r, size_t i);
/* Whether the policy discloses area, and where. */
int pl_result_disclosed(const pl_result *r, pl_area area);
size_t pl_result_evidence_count(const pl_result *r, pl_area area);
const pl_evidence *pl_result_evidence(const pl_result *r, pl_area area,
				      size_t i);
/* --against: the changes of the edit, by area, then position. */
size_t pl_result_change_count(const pl_result *r);
const pl_change *pl_result_change(const pl_result *r, size_t i);
/* One coverage per selected profile. */
size_t pl_result_coverage_count(const pl_result *r);
const pl_coverage *pl_result_coverage(const pl_result *r, size_t i);
/* Whether some finding is at or above the failing level of the file's
 * configuration (the exit status 1 of the command line). */
int pl_result_fails(const pl_result *r);
void pl_result_free(pl_result *r);

/* ---- Linting -------------------------------------------------------- */

typedef enum {
	PL_CONFIG_DISCOVER,  /* the nearest .policylint.yaml above each file */
	PL_CONFIG_FILE,      /* config_path for every file */
	PL_CONFIG_NONE       /* no configuration file */
} pl_config_mode;

#define PL_FAIL_NONE 3      /* fail_level: no finding fails */

/* The size limit of every file policylint reads (policies, rule files,
 * configurations, baselines) unless max_size says otherwise: far above
 * any real policy, far below what exhausts memory. */
#define PL_DEFAULT_MAX_SIZE ((size_t)64 << 20)

struct pl_trace_event;      /* policylint-advanced.h */

/* What the policy's owner declares because no text can show it
 * (`facts:` in .policylint.yaml, --fact NAME=yes|no): child_directed,
 * online_only, sells_or_shares, eu_users, ... */
typedef struct {
	const char *name;
	int value;                      /* 1 true, 0 false */
} pl_fact;

typedef struct {
	const char *const *rules;       /* rule files or folders; none: the
	                                   default rule set */
	size_t nrules;
	pl_config_mode config;
	const char *config_path;        /* PL_CONFIG_FILE */
	const char *const *profiles;    /* none: the configuration's, else
	                                   baseline; "all": every profile */
	size_t nprofiles;
	const char *const *disabled;    /* rule ids not to report, on top of
	                                   the configuration's */
	size_t ndisabled;
	pl_input_format input_format;   /* PL_INPUT_AUTO: per file */
	const pl_fact *facts;           /* override the configuration's */
	size_t nfacts;
	pl_date today;                  /* date checks; year 0: today */
	int fail_level;                 /* a pl_severity or PL_FAIL_NONE;
	                                   -1: the configuration's, else
	                                   warning */
	const char *against;            /* the previous version of the file:
	                                   a path, "-" standard input, or a
	                                   git revision ("origin/main",
	                                   "git:REV"; see
	                                   pl_against_revision) */
	const char *against_name;       /* how it is named in reports
	                                   (NULL: the path, or REV:PATH) */
	const char *const *with;        /* documents judged with each file as
	                                   one notice (a cookie policy, a
	                                   California notice), on top of the
	                                   configuration's documents: */
	size_t nwith;
	/* Called for every candidate match and rule verdict (--trace; see
	 * policylint-advanced.h); NULL: none.  Called from the thread that
	 * scans the file. */
	void (*trace)(const struct pl_trace_event *ev, void *arg);
	void *trace_arg;
	const char *cache_dir;          /* keep compiled rule sets here between
	                                   runs (NULL: nowhere; the CLI uses
	                                   pl_default_cache_dir()) */
	size_t max_size;                /* bytes a policy may have (larger
	                                   ones are refused: input-too-large);
	                                   0: PL_DEFAULT_MAX_SIZE, SIZE_MAX:
	                                   no limit */
	int statements;                 /* keep the statements the conflict
	                                   finder reads in each result (for
	                                   PL_FORMAT_STATEMENTS) */
} pl_linter_options;

/* The defaults: every field zero but fail_level -1. */
void pl_linter_options_init(pl_linter_options *o);

typedef struct pl_linter pl_linter;

/* A session.  opts (NULL: the defaults) is copied, the strings it points
 * to are not: they must outlive the linter.  Nothing is read yet. */
pl_linter *pl_linter_new(const pl_linter_options *opts);
void pl_linter_free(pl_linter *l);

enum { PL_LINTED = 0, PL_SKIPPED = 1 };

/* Lints the file at path ("-": standard input), reported as name (NULL:
 * the path).  Returns PL_LINTED with *out set, PL_SKIPPED when the file's
 * configuration ignores it, or -1 when it cannot be linted (unreadable, a
 * broken configuration or rule file); problems go to diags.  Safe to call
 * from several threads at once. */
int pl_linter_lint_file(pl_linter *l, const char *path, const char *name,
			pl_result **out, pl_diags *diags);

/* The same for len bytes at buf (copied), as if read from a file called
 * name: name decides the configuration and, with the content, the
 * format. */
int pl_linter_lint_buffer(pl_linter *l, const char *name, const char *buf,
			  size_t len, pl_result **out, pl_diags *diags);

/* ---- Reports -------------------------------------------------------- */

typedef struct {
	pl_output_format format;
	FILE *out;                      /* NULL: stdout */
	int color;                      /* ANSI colours in text output */
	int summary;                    /* text: per-area summary */
	int quiet;                      /* text: findings only, nothing for
	                                   clean files */
	const char *against;            /* --against OLD: named in every
	                                   format; NULL otherwise */
	int width;                      /* text: the columns a quoted line
	                                   may fill (0: 100) */
	int suggest;                    /* text: each gap's suggested clause
	                                   (a rule's suggest:) */
} pl_report_options;

typedef struct pl_report pl_report;

/* opts NULL: text with a summary, to stdout. */
pl_report *pl_report_begin(const pl_report_options *opts);
void pl_report_file(pl_report *rep, const pl_result *r);
/* Diagnostics of the run, for the formats that carry them (JSON, SARIF
 * notifications); call before pl_report_end. */
void pl_report_diags(pl_report *rep, const pl_diags *d);
/* Writes what comes after the last file and frees rep.  Returns 0, or -1
 * when writing failed (a full disk, a closed pipe). */
int pl_report_end(pl_report *rep);
/* All of it at once: n results in one report of the given format. */
int pl_report_write(pl_result *const *results, size_t n,
		    pl_output_format format, FILE *out);

/* ---- Versions -------------------------------------------------------- */

/* The versions of the libraries linked in, e.g. "10.42 2022-12-11". */
const char *pl_pcre2_version(void);
const char *pl_libyaml_version(void);

#ifdef __cplusplus
}
#endif

#endif
