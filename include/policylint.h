/*
 * policylint.h: the public interface of libpolicylint.
 *
 * A privacy-policy linter in four stages:
 *
 *   pl_ruleset_load()  YAML rule files -> rules        (rules_load.c)
 *   pl_ruleset_compile() rules -> PCRE2 matchers       (rules_compile.c)
 *   pl_scan()          one policy -> a pl_result       (scan.c, with the
 *                      extractors of text.h and segment.c before it)
 *   pl_report_*()      results -> text, JSON, ...      (report*.c)
 *
 * Ownership: every *_new / *_load / pl_scan result is freed with the
 * matching *_free, which accepts NULL.  Strings inside results are owned by
 * the result.  Errors a user can fix (a bad rule file, an unreadable input)
 * are reported as pl_diag entries and never abort; running out of memory
 * aborts.
 */
#ifndef POLICYLINT_H
#define POLICYLINT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

#define PL_VERSION "0.1.0"

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
	PL_INPUT_AUTO,
	PL_INPUT_TEXT,
	PL_INPUT_MARKDOWN,
	PL_INPUT_HTML
} pl_input_format;

/* The format a path's extension implies (.md, .markdown, .html, .htm, else
 * text). */
pl_input_format pl_input_format_for_path(const char *path);
int pl_input_format_from_name(const char *name); /* -1 when unknown */

/* The format a file's content shows: HTML when it opens with a doctype or
 * an <html> / <body> tag, Markdown when several lines use Markdown syntax
 * (ATX headings, [links](...), **strong**, > quotes), else text.  Used for
 * inputs whose name says text (.txt, standard input): policies saved from
 * a web page or a repository often keep their markup. */
pl_input_format pl_input_format_sniff(const char *src, size_t len);

/* ---- Diagnostics ----------------------------------------------------- */

/* A problem with something policylint read: a rule file, a config file or
 * an input.  line and column are 1-based, 0 when they do not apply. */
typedef struct {
	pl_severity severity;
	char *path;
	unsigned long line, column;
	char *message;
} pl_diag;

typedef struct {
	pl_diag *items;
	size_t count, cap;
	size_t errors;          /* how many items have PL_SEV_ERROR */
} pl_diags;

void pl_diags_add(pl_diags *d, pl_severity sev, const char *path,
		  unsigned long line, unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* The same with a va_list, for loaders that wrap it. */
void pl_diags_vadd(pl_diags *d, pl_severity sev, const char *path,
		   unsigned long line, unsigned long column, const char *fmt,
		   va_list ap);
/* Prints every diagnostic as "path:line:col: severity: message" and
 * empties the list. */
void pl_diags_print(pl_diags *d, FILE *out);
void pl_diags_free(pl_diags *d);

/* ---- Rule sets ------------------------------------------------------ */

typedef struct pl_ruleset pl_ruleset;

pl_ruleset *pl_ruleset_new(void);

/* Loads a YAML rule file, or every *.yaml / *.yml file of a folder (sorted
 * by name).  Problems go to diags; returns the number of errors added. */
int pl_ruleset_load(pl_ruleset *rs, const char *path, pl_diags *diags);

/* Cross-checks the loaded rules (references to unknown topics, duplicate
 * ids) and compiles every pattern.  Returns the number of errors added. */
int pl_ruleset_compile(pl_ruleset *rs, pl_diags *diags);

/* Runs every rule's examples; each failure becomes a diagnostic pointing at
 * the example.  Returns the number of failures. */
int pl_ruleset_check_examples(const pl_ruleset *rs, pl_diags *diags);

/* Prints every compiled pattern, one per line, with PCRE2 inline options so
 * that another PCRE2 tool runs exactly the same matcher. */
void pl_ruleset_export_patterns(const pl_ruleset *rs, FILE *out);

/* `--list-rules`: one line per rule, then one per topic. */
void pl_ruleset_list(const pl_ruleset *rs, FILE *out);

/* `--explain ID`: a rule's or topic's message, rationale, references and
 * examples.  Returns -1 when no rule or topic has that id. */
int pl_ruleset_explain(const pl_ruleset *rs, const char *id, FILE *out);

/* Whether rs has a rule with this id. */
int pl_ruleset_has_rule(const pl_ruleset *rs, const char *id);

/* ---- Compliance profiles (profiles.c) ---------------------------------
 *
 * A profile is a law or practice a policy may be required to satisfy
 * (`baseline`, `gdpr`, `ccpa`, `caloppa`, `coppa`, `eprivacy`,
 * `us-states`), described in the rule files (`profiles:`); its
 * requirements are the rules that name it.  A scan runs only the rules of
 * the selected profiles (default: baseline). */

#define PL_PROFILE_DEFAULT "baseline"
#define PL_PROFILE_ALL "all"    /* selects every profile */

/* Whether rs defines a profile with this id (`baseline` always exists). */
int pl_ruleset_has_profile(const pl_ruleset *rs, const char *id);

/* Checks a selection: every name must be a profile of rs or "all"; one
 * error per unknown name (at path:line:column when line is nonzero).
 * Returns the number of errors. */
int pl_ruleset_check_selection(const pl_ruleset *rs, const char *const *names,
			       size_t n, const char *path,
			       const unsigned long *lines,
			       const unsigned long *columns, pl_diags *diags);

/* `--list-profiles`: one line per profile, with its number of
 * requirements. */
void pl_ruleset_list_profiles(const pl_ruleset *rs, FILE *out);

/* The folder the default rules live in, found next to the executable
 * (source tree) or under the install prefix; NULL when none exists. */
char *pl_default_rules_path(const char *argv0);

void pl_ruleset_free(pl_ruleset *rs);

/* ---- Scanning ------------------------------------------------------- */

typedef enum {
	PL_KIND_MISSING,   /* a required disclosure is absent */
	PL_KIND_CONFLICT,  /* two statements contradict each other */
	PL_KIND_WORDING,   /* discouraged or outdated wording */
	PL_KIND_INCOMPLETE,/* disclosed, but what must come with it is not */
	PL_KIND_REMOVED,   /* --against: an area the old version disclosed */
	PL_KIND_UNUSED_DIRECTIVE
} pl_finding_kind;

const char *pl_finding_kind_name(pl_finding_kind k);

typedef struct {
	size_t offset, length;          /* bytes of the input as read */
	unsigned long line, column;     /* 1-based; column in characters */
	char *message;                  /* may be NULL */
	const char *path;               /* NULL: the result's own file; else
	                                   another file (--against's OLD),
	                                   not owned: the caller keeps it */
} pl_location;

typedef struct {
	const char *rule;               /* rule id (owned by the rule set) */
	pl_finding_kind kind;
	pl_severity severity;
	pl_area area;
	char *message;
	pl_location loc;
	pl_location *related;
	size_t nrelated;
} pl_finding;

typedef struct {
	const char *topic;              /* topic id (owned by the rule set) */
	pl_location loc;                /* message unused */
} pl_evidence;

typedef struct {
	int disclosed;
	pl_evidence *evidence;
	size_t count, cap;
} pl_area_result;

/* The requirements of one selected profile and whether the policy meets
 * them (rule ids, owned by the rule set).  A require-if rule whose
 * condition the policy does not show is not applicable.  Disabled rules,
 * and rules another selected rule refines, are left out. */
typedef struct {
	const char *profile;
	const char **met, **missing, **not_applicable;
	size_t nmet, nmissing, nnot_applicable;
} pl_coverage;

/* A calendar date; day 0 when only the month is known. */
typedef struct {
	int year, month, day;
} pl_date;

typedef struct pl_result {
	char *path;                     /* as given by the caller */
	char *src;                      /* the input as read (owned) */
	size_t src_len;
	pl_input_format format;
	pl_area_result areas[PL_AREA_COUNT];
	pl_finding *findings;           /* sorted by offset */
	size_t nfindings, findings_cap;
	size_t *line_starts;            /* offsets where lines begin */
	size_t nlines;
	pl_coverage *coverage;          /* one per selected profile, in the
	                                   order of the rule set's profiles */
	size_t ncoverage;
	int default_profiles;           /* only `baseline` was selected */
} pl_result;

typedef struct {
	pl_input_format format;         /* PL_INPUT_AUTO: from the path */
	const char *const *disabled;    /* rule ids not to report */
	size_t ndisabled;
	const char *const *profiles;    /* selected profiles; none: baseline;
	                                   "all": every profile */
	size_t nprofiles;
	pl_date today;                  /* for date checks; year 0: the
	                                   current date */
} pl_scan_options;

/* Reads a policy from path ("-" is standard input).  On success stores a
 * malloc'd buffer and its length and returns 0; otherwise adds a diagnostic
 * naming the file and the problem (missing, a folder, unreadable, binary)
 * and returns -1.  The file is only ever opened for reading. */
int pl_input_read(const char *path, const char *display_name, char **data,
		  size_t *len, pl_diags *diags);

/* Lints src[0..len), taking ownership of src (malloc'd).  display_name is
 * copied into the result.  Pattern errors (a match limit hit) become
 * diagnostics naming the rule.  Never returns NULL. */
pl_result *pl_scan(const pl_ruleset *rs, const char *display_name, char *src,
		   size_t len, const pl_scan_options *opts, pl_diags *diags);

/* 1-based line and character column of a byte offset of r's input. */
void pl_result_position(const pl_result *r, size_t offset,
			unsigned long *line, unsigned long *column);

void pl_result_free(pl_result *r);

/* ---- Dates (dates.c) ----------------------------------------------------- */

/* Finds the first calendar date in s[0..len): "January 5, 2024", "5
 * January 2024", "5th of Jan. 2024", "2024-01-05", "01/05/2024" (month
 * first, unless the first number is above 12), "5.1.2024" (day first),
 * "Jan. 2024" (day 0).  Returns 0 and stores the date and where its text
 * starts and ends, or -1. */
int pl_date_find(const char *s, size_t len, pl_date *out, size_t *start,
		 size_t *end);
/* Parses "YYYY-MM-DD" exactly (a valid date); 0 or -1. */
int pl_date_parse_iso(const char *s, pl_date *out);
/* Today's date (local time). */
pl_date pl_date_today(void);
/* Whether d is a real calendar date (day 0 allowed: a month). */
int pl_date_valid(const pl_date *d);
/* Days since 1970-01-01 (a month counts as its last day). */
long pl_date_days(const pl_date *d);
/* Whether d is more than months calendar months before today (a month
 * without a day counts as its last day). */
int pl_date_older_than(const pl_date *d, const pl_date *today, int months);
/* Writes d as "2024-01-05" (or "2024-01" for a month) into buf. */
void pl_date_format(const pl_date *d, char *buf, size_t size);

/* ---- Reports -------------------------------------------------------- */

typedef enum {
	PL_FORMAT_TEXT,
	PL_FORMAT_JSON,
	PL_FORMAT_JSONL,   /* one JSON object per finding */
	PL_FORMAT_SARIF,   /* SARIF 2.1.0, for code scanning */
	PL_FORMAT_GITHUB,  /* GitHub Actions workflow commands */
	PL_FORMAT_GCC      /* FILE:LINE:COL: severity: message [rule] */
} pl_output_format;

int pl_output_format_from_name(const char *name); /* -1 when unknown */

typedef struct {
	pl_output_format format;
	int color;                      /* ANSI colours in text output */
	int summary;                    /* text: per-area summary */
	const pl_ruleset *rules;
	FILE *out;
	int quiet;                      /* text: findings only, nothing for
	                                   clean files */
	const char *against;            /* --against OLD: shown in every
	                                   format; NULL otherwise */
} pl_report_options;

typedef struct pl_report pl_report;

pl_report *pl_report_begin(const pl_report_options *opts);
void pl_report_file(pl_report *rep, const pl_result *r);
/* Writes what comes after the last file and frees rep. */
void pl_report_end(pl_report *rep);
/* The rule set the next pl_report_file results came from (when files are
 * linted with different rule sets, e.g. per-folder configuration).  Every
 * rule set given must outlive the report: SARIF describes their rules at
 * the end. */
void pl_report_set_rules(pl_report *rep, const pl_ruleset *rs);

/* ---- Working with results (findings.c) ------------------------------- */

/* Rule ids of the findings policylint makes itself, not from a rule file. */
#define PL_RULE_AREA_REMOVED "area-removed"
#define PL_RULE_UNUSED_DIRECTIVE "unused-directive"

/* Appends a finding; rule must outlive r (a rule set's id or a literal),
 * message is copied.  The location is loc's offset/length, positioned in
 * r.  Returns the new finding (valid until the next append). */
pl_finding *pl_result_add_finding(pl_result *r, const char *rule,
				  pl_finding_kind kind, pl_severity sev,
				  pl_area area, size_t offset, size_t length,
				  const char *message);
/* Adds a related location to f (message copied; path not owned). */
void pl_finding_add_related(const pl_result *r, pl_finding *f,
			    const pl_location *loc);
/* Removes finding i (frees what it owns). */
void pl_result_remove_finding(pl_result *r, size_t i);
/* Sorts findings by offset, kind and rule, as pl_scan leaves them. */
void pl_result_sort_findings(pl_result *r);
/* A fingerprint of a finding that survives edits elsewhere in the file:
 * rule, kind, area and the normalised text it points at (case, spacing
 * and punctuation ignored), never line numbers. */
unsigned long long pl_finding_fingerprint(const pl_result *r,
					  const pl_finding *f);
/* Sets the severity of every finding of a rule (configuration). */
void pl_result_set_severity(pl_result *r, const char *rule, pl_severity sev);

/* ---- Inline directives (directives.c) ---------------------------------- */

/* Suppression comments in a policy:
 *
 *   <!-- policylint-disable-file [ID[,ID...]] [-- reason] -->
 *   <!-- policylint-disable [IDs] -->  ...  <!-- policylint-enable [IDs] -->
 *   <!-- policylint-disable-next-line [IDs] -->
 *   <!-- policylint-disable-line [IDs] -->
 *
 * in Markdown and HTML; in plain text the same comments, or a line of its
 * own beginning with "# policylint-..." .  No IDs means every rule.  See
 * policylint(1). */
typedef struct pl_directives pl_directives;

/* Finds the directives of src (not kept).  fmt must not be PL_INPUT_AUTO. */
pl_directives *pl_directives_parse(const char *src, size_t len,
				   pl_input_format fmt);
size_t pl_directives_count(const pl_directives *d);
/* Plain text has no comments, so its directive lines would be read as
 * prose: this blanks them in src (same length, line ends kept), keeping a
 * copy that pl_result_apply_directives puts back into the result. */
void pl_directives_mask(pl_directives *d, char *src);
/* Drops the findings the directives suppress and adds an unused-directive
 * finding for every directive (or ID) that suppressed nothing.  IDs in
 * ignored[] (rules disabled by option or configuration) are not reported
 * as unused; rs (may be NULL) names unknown IDs.  Restores masked bytes. */
void pl_result_apply_directives(pl_result *r, pl_directives *d,
				const pl_ruleset *rs,
				const char *const *ignored, size_t nignored,
				pl_severity unused_severity);
void pl_directives_free(pl_directives *d);

/* ---- Comparing versions (against.c) ------------------------------------ */

/* --against: keeps only the findings of cur that old does not have
 * (matched by fingerprint, so moved text stays matched) and adds a
 * `removed` finding (rule area-removed) for each area old disclosed and cur
 * does not.  old_name names old in messages and related locations and must
 * outlive cur. */
void pl_result_against(pl_result *cur, const pl_result *old,
		       const char *old_name, pl_severity removed_severity);

/* ---- Baselines (baseline.c) -------------------------------------------- */

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

/* ---- Versions -------------------------------------------------------- */

/* The versions of the libraries linked in, e.g. "10.42 2022-12-11". */
const char *pl_pcre2_version(void);
const char *pl_libyaml_version(void);

#ifdef __cplusplus
}
#endif

#endif
