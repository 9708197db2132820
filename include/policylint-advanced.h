/*
 * policylint-advanced.h: the finer controls of libpolicylint, for programs
 * that do more than lint files (the command line is one): rule sets on
 * their own, the three phases of a lint (for threads and ordered output),
 * dates and baselines.  It may grow between versions more freely than
 * policylint.h.
 */
#ifndef POLICYLINT_ADVANCED_H
#define POLICYLINT_ADVANCED_H

#include "policylint.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Rule sets ------------------------------------------------------ */

typedef struct pl_ruleset pl_ruleset;

pl_ruleset *pl_ruleset_new(void);

/* Loads a YAML rule file, or every *.yaml / *.yml file of a folder (sorted
 * by name).  Problems go to diags; returns the number of errors added. */
int pl_ruleset_load(pl_ruleset *rs, const char *path, pl_diags *diags);

/* Keeps the compiled rule set in dir between runs (NULL: not at all, the
 * default); pl_default_cache_dir() names the usual place.  Set before
 * pl_ruleset_compile. */
void pl_ruleset_set_cache(pl_ruleset *rs, const char *dir);

/* Cross-checks the loaded rules (references to unknown topics, duplicate
 * ids) and compiles every pattern, from the cache when it holds them.
 * Returns the number of errors added. */
int pl_ruleset_compile(pl_ruleset *rs, pl_diags *diags);

/* Whether the last pl_ruleset_compile took every pattern from the cache. */
int pl_ruleset_from_cache(const pl_ruleset *rs);

/* Load and compile in one: path NULL is the default rule set.  NULL when
 * anything failed (the reasons are in diags). */
pl_ruleset *pl_ruleset_open(const char *path, pl_diags *diags);

/* Runs every rule's examples, and checks that every list of topics a rule,
 * profile or topic refers to can hold under each of its profiles; each
 * failure becomes a diagnostic pointing at the example or the reference.
 * Returns the number of failures. */
int pl_ruleset_check_examples(const pl_ruleset *rs, pl_diags *diags);

/* Prints every compiled pattern, one per line, with PCRE2 inline options so
 * that another PCRE2 tool runs exactly the same matcher. */
void pl_ruleset_export_patterns(const pl_ruleset *rs, FILE *out);

/* `--list-rules`: one line per rule, then one per topic. */
void pl_ruleset_list(const pl_ruleset *rs, FILE *out);

/* `--explain ID`: a rule's, topic's or profile's message, rationale,
 * references and examples.  Returns -1 when nothing has that id. */
int pl_ruleset_explain(const pl_ruleset *rs, const char *id, FILE *out);

/* Whether rs has a rule with this id. */
int pl_ruleset_has_rule(const pl_ruleset *rs, const char *id);

/* The clause rule id suggests to meet it (its `suggest:`, placeholders
 * such as {{company}} left in), or NULL. */
const char *pl_ruleset_rule_suggestion(const pl_ruleset *rs, const char *id);

/* Profiles: a law or practice a policy may be required to satisfy
 * (`baseline`, `gdpr`, `ccpa`, ...), described in the rule files; its
 * requirements are the rules that name it. */
#define PL_PROFILE_DEFAULT "baseline"
#define PL_PROFILE_ALL "all"    /* selects every profile */

int pl_ruleset_has_profile(const pl_ruleset *rs, const char *id);
/* `--list-profiles`: one line per profile. */
void pl_ruleset_list_profiles(const pl_ruleset *rs, FILE *out);

/* The folder the default rules live in: $POLICYLINT_RULES, else next to
 * the running program (a source tree or a relocated install), else the
 * data folder the library was built for; NULL when none exists. */
char *pl_default_rules_path(void);

/* Where the CLI keeps compiled rule sets: $XDG_CACHE_HOME/policylint, else
 * $HOME/.cache/policylint (malloc'd); NULL when neither is set. */
char *pl_default_cache_dir(void);

void pl_ruleset_free(pl_ruleset *rs);

/* Rule ids of the findings policylint makes itself. */
#define PL_RULE_AREA_REMOVED "area-removed"
#define PL_RULE_UNUSED_DIRECTIVE "unused-directive"

/* ---- A linter session, finer ---------------------------------------- */

/* The rule set that applies to a file called name ("-": the current
 * folder's configuration), loading it when needed; NULL when the
 * configuration or its rules are broken (diags say why).  Owned by l. */
const pl_ruleset *pl_linter_ruleset(pl_linter *l, const char *name,
				    pl_diags *diags);

/* `--print-config`: the configuration that applies to name, with the
 * linter's options merged in, as YAML.  Returns 0, or 2 when it is broken
 * (diags say why). */
int pl_linter_print_config(pl_linter *l, const char *name, FILE *out,
			   pl_diags *diags);

/* A lint in three phases, so that many files can be scanned on several
 * threads while everything order-dependent (configuration diagnostics,
 * baselines, the report) stays in input order on one:
 *
 *   pl_lint_job_new      finds the file's configuration and rule set
 *                        (call in input order, one thread)
 *   pl_lint_job_run      reads and scans (any thread; jobs share nothing
 *                        but read-only rule sets)
 *   pl_lint_job_finish   --against, severities, baseline; hands over the
 *                        result (input order again)
 *
 * pl_linter_lint_file is the three in a row. */
typedef struct pl_lint_job pl_lint_job;

pl_lint_job *pl_lint_job_new(pl_linter *l, const char *path, const char *name);
void pl_lint_job_run(pl_lint_job *j);
/* Returns PL_LINTED (with *out), PL_SKIPPED or -1, and moves the job's
 * diagnostics to diags; then frees the job. */
int pl_lint_job_finish(pl_lint_job *j, pl_result **out, pl_diags *diags);

/* What pl_linter_options.against names: NULL for a file or standard
 * input ("-"); else the git revision whose version of each linted file is
 * read with git (`git show REV:PATH`, PATH from the repository's root, git
 * run in the file's folder).  "git:REV" is always the revision REV; any
 * other name is a file when a file (or folder) of that name exists or it
 * ends like a policy file (.md, .markdown, .html, .htm, .xhtml, .txt,
 * .text, .rst: then a missing file), and a revision otherwise. */
const char *pl_against_revision(const char *against);
/* ---- Tracing ------------------------------------------------------------ */

/* `--trace`: every candidate match of every topic, and what became of it,
 * so that a rule author sees why a sentence is or is not evidence; and
 * each rule's verdict. */
typedef enum {
	PL_TRACE_KEPT,          /* the match is evidence */
	PL_TRACE_HEADING,       /* in a heading (or, for headings: only, not) */
	PL_TRACE_EXCLUDED,      /* an exclusion (detail) matches the sentence */
	PL_TRACE_SECTION,       /* its context does not match `section` */
	PL_TRACE_WEAK,          /* a weak cue outside the context it needs */
	PL_TRACE_NEGATED,       /* negated in its clause */
	PL_TRACE_CONDITIONAL,   /* the sentence is a hedge ("if ...") */
	PL_TRACE_TOC,           /* a table-of-contents entry */
	PL_TRACE_OVERVIEW,      /* a sentence that previews the policy */
	PL_TRACE_OTHER_PARTY,   /* another party is the clause's subject */
	PL_TRACE_METADATA,      /* front matter, which this topic ignores */
	PL_TRACE_REPEAT,        /* the sentence is evidence of it already */
	PL_TRACE_YIELD,         /* another practice's cue in the sentence
	                           governs it (the topic's yield:) */
	PL_TRACE_RULE,          /* a rule's verdict, in message */
	PL_TRACE_UNDONE         /* a topic of its undone-by: has evidence in
	                           the policy, which outweighs it */
} pl_trace_verdict;

/* "kept", "heading", ... */
const char *pl_trace_verdict_name(pl_trace_verdict v);

typedef struct pl_trace_event pl_trace_event;

struct pl_trace_event {
	const char *id;         /* the topic, or the rule */
	int pattern;            /* the pattern's index (weak ones count on
	                           after the others), -1 for a rule */
	int weak;               /* the pattern is a weak one */
	pl_trace_verdict verdict;
	int detail;             /* the exclusion's index; -1 */
	size_t offset, length;  /* the match in the input */
	unsigned long line, column;
	const char *match;      /* the input at offset (length bytes) */
	pl_area area;           /* the topic's or rule's */
	const char *path;       /* the file, as it is reported */
	const pl_ruleset *rules;        /* the rule set it runs */
	const char *message;    /* a rule's verdict in words; else NULL */
};

/* Whether rule id depends on topic (names it, or its area). */
int pl_ruleset_rule_uses_topic(const pl_ruleset *rs, const char *rule,
			       const char *topic);

/* ---- Baselines ------------------------------------------------------- */

/* With a baseline, a lint drops the findings it records (each record
 * absorbs one finding of its file); recording collects every finding for
 * pl_linter_write_baseline. */
int pl_linter_use_baseline(pl_linter *l, const char *path, pl_diags *diags);
void pl_linter_record_baseline(pl_linter *l);
/* Writes what was recorded; returns the number of records, or -1 (errno
 * says why). */
long pl_linter_write_baseline(pl_linter *l, const char *path);

/* ---- Dates ----------------------------------------------------------- */

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

#ifdef __cplusplus
}
#endif

#endif
