/*
 * rules.h: the rule model shared by the loader (rules_load.c), the compiler
 * (rules_compile.c), the scanner (scan.c) and the reports.
 *
 * A rule set holds two kinds of entries:
 *
 *   topics  detectors of one kind of disclosure ("retention.period",
 *           "cookies.refuse"): patterns, exclusions and filters.  A topic
 *           that matches is evidence that its area is disclosed.
 *   rules   what gets reported: `require` (a topic or area must have
 *           evidence), `require-if` (when topics A are disclosed, one of B
 *           must be), `avoid` (discouraged or outdated wording) and
 *           `conflict` (statements that contradict each other).
 *
 * The format is documented in docs/rules.md and policylint-rules(5).
 */
#ifndef PL_RULES_H
#define PL_RULES_H

#include <stddef.h>

#include "policylint.h"

typedef struct pl_regex pl_regex;

/* Where something was written in a rule file, for diagnostics. */
typedef struct {
	const char *file;      /* owned by the rule set's file list */
	unsigned long line, column;
} pl_origin;

/* One regular expression as written, and its compiled form.  The column
 * map lets a PCRE2 error offset point at the character in the YAML file. */
typedef struct {
	char *source;          /* after {{name}} expansion */
	pl_origin origin;      /* where the scalar starts */
	size_t *colmap;        /* source byte -> file column, NULL if unknown */
	size_t colmap_len;
	pl_regex *re;
} pl_pattern;

typedef struct {
	pl_pattern *items;
	size_t count, cap;
} pl_patterns;

typedef struct {
	char *text;
	pl_origin origin;
} pl_example;

typedef struct {
	pl_example *items;
	size_t count, cap;
} pl_examples;

/* How matches in headings count. */
typedef enum { PL_HEADINGS_SKIP, PL_HEADINGS_COUNT, PL_HEADINGS_ONLY } pl_headings;

/* Sentence-level filters shared by topics and `avoid` rules. */
typedef struct {
	pl_patterns patterns;  /* any of them matching is a hit ... */
	pl_patterns exclude;   /* ... unless one of these matches the sentence */
	pl_patterns section;   /* if given, the nearest heading must match one */
	pl_headings headings;
	int skip_negated;      /* a negated sentence is no hit */
	int skip_conditional;  /* "if ...", "should you ..." is no hit */
} pl_matcher_spec;

typedef struct {
	char *id;
	pl_area area;
	char *summary;
	pl_matcher_spec match;
	pl_examples examples_match, examples_no_match;
	pl_origin origin;
} pl_topic;

typedef enum {
	PL_RULE_REQUIRE,
	PL_RULE_REQUIRE_IF,
	PL_RULE_AVOID,
	PL_RULE_CONFLICT
} pl_rule_kind;

/* A list of topic names as written, resolved to indices by compile. */
typedef struct {
	char **names;
	pl_origin *origins;
	size_t *index;
	size_t count, cap;
} pl_topic_refs;

typedef struct {
	char *id;
	pl_rule_kind kind;
	pl_area area;
	pl_severity severity;
	char *message;
	char *rationale;
	char **references;
	size_t nreferences, references_cap;
	char **profiles;          /* which profiles the rule belongs to */
	size_t nprofiles, profiles_cap;
	pl_topic_refs topics;     /* require: any of these; require-if: then */
	pl_topic_refs when;       /* require-if: if any of these */
	pl_matcher_spec match;    /* avoid */
	pl_examples examples_match, examples_no_match;
	pl_origin origin;
} pl_rule;

/* A named regex fragment, used in patterns as {{name}}. */
typedef struct {
	char *name;
	char *value;
	pl_origin origin;
} pl_define;

struct pl_ruleset {
	char **files;             /* every file loaded, for pl_origin */
	size_t nfiles, files_cap;
	pl_topic *topics;
	size_t ntopics, topics_cap;
	pl_rule *rules;
	size_t nrules, rules_cap;
	pl_define *defines;       /* {{name}} fragments */
	size_t ndefines, defines_cap;
	pl_regex *negation;       /* built-in sentence filters */
	pl_regex *conditional;
	int compiled;
};

const char *pl_rule_kind_name(pl_rule_kind k);

/* ---- The regular-expression engine (rules_compile.c) ---------------- */

/* Per-scan matching state: match data, limits, JIT stack. */
typedef struct pl_match_state pl_match_state;

pl_match_state *pl_match_state_new(void);
void pl_match_state_free(pl_match_state *ms);

typedef enum {
	PL_MATCH_NONE = 0,
	PL_MATCH_FOUND = 1,
	PL_MATCH_LIMIT = -1,   /* a match or depth limit was hit */
	PL_MATCH_ERROR = -2
} pl_match_status;

/* Searches subject[start..len) for re; on PL_MATCH_FOUND stores the match
 * in [*mstart, *mend). */
pl_match_status pl_regex_search(const pl_regex *re, pl_match_state *ms,
				const char *subject, size_t len, size_t start,
				size_t *mstart, size_t *mend);

/* Whether re matches anywhere in subject[0..len). */
pl_match_status pl_regex_test(const pl_regex *re, pl_match_state *ms,
			      const char *subject, size_t len);

/* The match limits every search runs under (documented in docs/rules.md). */
#define PL_MATCH_LIMIT_COUNT 10000000u
#define PL_MATCH_LIMIT_DEPTH 10000u
#define PL_MATCH_LIMIT_HEAP_KB 20000u



/* Compiles one of policylint's own helper patterns (negation, hedges);
 * aborts on error, since these are fixed strings in the source. */
pl_regex *pl_regex_builtin(const char *pattern);
void pl_regex_free(pl_regex *re);
#endif
