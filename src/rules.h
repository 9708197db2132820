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
#include <stdint.h>

#include "diag.h"
#include "policylint-advanced.h"
#include "result.h"

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
	int anchored;          /* uses ^ or $: searched sentence by sentence,
	                          where they mean its start and end */
	long slot;             /* its literals' slot in the rule set's
	                          prefilter; -1: searched everywhere */
	long cache_index;      /* its number in the rule cache; -1: none */
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

/* A list of topic names as written, resolved to indices by compile.  An
 * area's name stands for all of its evidence topics (index (size_t)-1). */
typedef struct {
	char **names;
	pl_origin *origins;
	size_t *index;
	size_t count, cap;
} pl_topic_refs;

/* How matches in headings count. */
typedef enum { PL_HEADINGS_SKIP, PL_HEADINGS_COUNT, PL_HEADINGS_ONLY } pl_headings;

/* Sentence-level filters shared by topics and `avoid` rules. */
typedef struct {
	pl_patterns patterns;  /* any of them matching is a hit ... */
	pl_patterns exclude;   /* ... unless one of these matches the sentence */
	pl_patterns exclude_lead_in; /* ... or, for an item of a list, its
	                          lead-in ("You may ask us to disclose:" makes
	                          "- the categories we sold" a description of
	                          a right, not a sale) */
	pl_patterns section;   /* if given, the sentence's context (see below)
	                          must match one */
	pl_patterns weak;      /* hits only in a context that matches one of
	                          weak_under: a cue that says something only
	                          under the right heading ("you can ask for a
	                          copy" under "Your rights") */
	pl_patterns weak_under;
	pl_headings headings;
	int skip_negated;      /* a negated sentence is no hit */
	int skip_conditional;  /* "if ...", "should you ..." is no hit */
	int count_overview;    /* a sentence that previews the policy counts */
	int first_party;       /* only where the company, not another party,
	                          is the subject of the clause */
	int count_metadata;    /* front matter and other metadata counts */
} pl_matcher_spec;

/* A sentence's context, for `section` and `weak_under`: its heading and
 * every heading above that one, the lead-in of the list it is an item of
 * ("We collect the following:"), and for a table cell its column's header
 * cell. */

typedef struct {
	char *id;
	pl_area area;
	char *summary;
	pl_matcher_spec match;
	int evidence;          /* 0: feeds rules only, never area evidence */
	pl_topic_refs yield;   /* a hit is dropped in a sentence where one of
	                          these topics (or areas) has a hit: the cue
	                          serves another practice there ("to opt out,
	                          contact us at ...") */
	pl_topic_refs undone_by; /* every hit is dropped when one of these
	                          has evidence anywhere in the policy: a
	                          claim that nothing is collected does not
	                          hold beside data sent to third parties */
	char **profiles;       /* runs only when one of these is selected;
	                          none: always (the baseline topics) */
	size_t nprofiles, profiles_cap;
	pl_origin *profile_origins;
	pl_examples examples_match, examples_no_match;
	pl_origin origin;
} pl_topic;

/* When a requirement (or a whole profile) applies to a policy:
 *
 *   applies:
 *     fact: child_directed      a fact the owner may declare in
 *                               .policylint.yaml (facts:); "not NAME"
 *                               when it applies if the fact is false
 *     shown-by: [topics]        the policy's words show that it applies
 *     denied-by: [topics]       ... or that it does not ("our service is
 *                               not directed to children")
 *     default: yes | no         when neither the fact nor the words say
 *     default-in-all: yes | no  a profile's default when it was selected
 *                               only through --profile all, not by name
 *                               (a law with a size threshold the text
 *                               rarely shows: only when the policy names it)
 *
 * A declared fact decides; else the policy's denial (a sentence of
 * denied-by: "not directed to children"), which outweighs incidental
 * signs of the opposite; else shown-by; else the default (yes). */
typedef struct {
	int present;              /* an `applies:` was given */
	char *fact;               /* NULL: none */
	int fact_negated;         /* "not online_only" */
	pl_origin fact_origin;
	pl_topic_refs shown_by, denied_by;
	pl_topic_refs left_to;    /* the policy leaves it, when it does not
	                             meet it itself, to a document it
	                             names ("see our Cookie Policy"): not
	                             applicable when linted alone; judged with
	                             that document (--with), the set must meet
	                             it */
	int default_applies;
	int default_in_all;       /* -1: as default_applies */
} pl_applicability;

typedef enum {
	PL_RULE_REQUIRE,
	PL_RULE_REQUIRE_IF,
	PL_RULE_AVOID,
	PL_RULE_CONFLICT
} pl_rule_kind;

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
	pl_origin *profile_origins; /* where each was written (line 0: the
	                             default [baseline]) */
	char *refines;            /* another rule whose patterns or topics this
	                             one takes, and which it replaces when one
	                             of its profiles is selected (profiles.c) */
	pl_origin refines_origin;
	size_t refines_index;     /* resolved by compile; (size_t)-1: none */
	int report_once;          /* avoid: one finding per file, at the first
	                             hit, the others its related locations
	                             (`report: once`) */
	int max_age_months;       /* require: the newest date in the topics'
	                             evidence must be at most this old (0: no
	                             date check; see dates.c) */
	pl_topic_refs topics;     /* require: any of these; require-if: then */
	pl_topic_refs when;       /* require-if: if any of these */
	pl_matcher_spec match;    /* avoid */
	pl_topic_refs actions;    /* conflict: action ids (index into
	                             vocab[PL_VOCAB_ACTION]) */
	pl_applicability applies; /* when the requirement applies */
	char *suggest;            /* require, require-if: a clause that would
	                             meet it, with {{placeholders}} (its own
	                             suggest:, or a suggestions: entry) */
	pl_origin suggest_origin;
	pl_examples examples_match, examples_no_match;
	pl_origin origin;
} pl_rule;

/* A `suggestions:` entry: a rule's suggest: written in another file, so
 * that the wording of the clauses stays apart from the patterns. */
typedef struct {
	char *rule;
	char *text;
	pl_origin origin;
} pl_suggestion;

/* ---- Vocabularies of the conflict finder (statements.c, conflicts.c) --
 *
 * A policy's statements are read through ontologies and a list of
 * qualifiers, all written in YAML next to the rules:
 *
 *   data_types  what information a statement is about ("email-address",
 *               parent "contact-information", parent "personal-information");
 *               a term may have several parents (precise location is
 *               location and sensitive information)
 *   recipients  who receives it ("data-brokers" inside "third-parties")
 *   places      where it goes, for transfers ("germany" inside "eu")
 *   purposes    what it is for ("advertising" inside "marketing")
 *   scopes      whom, where, in what product or through what channel a
 *               statement holds ("children", "california", "the app",
 *               "e-mails"), each of one dimension
 *   actions     the verbs of one kind of practice ("sell": sell, rent, ...)
 *   qualifiers  words that change what a statement claims (negation,
 *               exceptions, consent, the law, time, other actors)
 *
 * Every term is a set of patterns compiled like any other rule pattern, so
 * that an error points into the YAML file. */
typedef enum {
	PL_VOCAB_DATA,
	PL_VOCAB_RECIPIENT,
	PL_VOCAB_PLACE,
	PL_VOCAB_PURPOSE,
	PL_VOCAB_ACTION,
	PL_VOCAB_QUALIFIER,
	PL_VOCAB_SCOPE,
	PL_VOCAB_COUNT
} pl_vocab_kind;

/* What a qualifier does to the statement it appears in. */
typedef enum {
	PL_QUAL_NEGATION,     /* before the verb: "not", "never", "no longer" */
	PL_QUAL_OBJECT_NEG,   /* right after the verb: "we keep no logs" */
	PL_QUAL_EXCEPTION,    /* "except ...", "other than ...": what follows
	                         is carved out of the statement */
	PL_QUAL_ONLY,         /* "only with ...", "solely to ...": the rest is
	                         denied */
	PL_QUAL_CONSENT,      /* with the person's consent or at their request */
	PL_QUAL_LEGAL,        /* when the law compels it */
	PL_QUAL_CONDITION,    /* any other condition: "unless", "without
	                         safeguards", "without notice" */
	PL_QUAL_CIRCUMSTANCE, /* "when we ...": a narrowed claim */
	PL_QUAL_HYPOTHETICAL, /* "if we ever": no claim at all */
	PL_QUAL_PAST,         /* "until 2019": no claim about the present */
	PL_QUAL_UNBOUNDED,    /* "indefinitely", "forever" */
	PL_QUAL_ACTOR,        /* the company as the subject */
	PL_QUAL_OTHER_ACTOR,  /* someone else as the subject */
	PL_QUAL_NEUTRAL,      /* words that change nothing ("of any kind",
	                         "for money or other consideration") */
	PL_QUAL_UNCONDITIONAL,/* a practice that holds whatever the person
	                         does ("whatever you buy", "there is no
	                         setting to turn this off") */
	PL_QUAL_MINIMISATION, /* a limit the reader cannot measure ("no more
	                         than we need", "longer than necessary") */
	PL_QUAL_COUNT
} pl_qual_effect;

/* The dimensions of a statement's scope. */
typedef enum {
	PL_SCOPE_AUDIENCE,    /* whose data: children, signed-out visitors */
	PL_SCOPE_REGION,      /* where they live: California, the EEA */
	PL_SCOPE_PRODUCT,     /* which product: this website, the app */
	PL_SCOPE_CHANNEL,     /* through what: e-mails, the forum, other sites */
	PL_SCOPE_DIMENSIONS
} pl_scope_dim;

typedef enum {
	PL_TARGET_NONE,       /* the action has no receiving end (collect) */
	PL_TARGET_RECIPIENTS, /* share, sell: compared through recipients */
	PL_TARGET_PLACES      /* transfer abroad: compared through places */
} pl_target_kind;

#define PL_TERM_PARENTS 4

typedef struct {
	char *id;
	char *label;             /* how messages name it (default: the id) */
	char *parents[PL_TERM_PARENTS]; /* parent ids as written; none: a root */
	pl_origin parent_origins[PL_TERM_PARENTS];
	size_t nparents;
	size_t parent_index[PL_TERM_PARENTS]; /* resolved by compile */
	int has_children;        /* some term names it as a parent */
	pl_patterns patterns;
	pl_origin origin;
	/* actions only */
	pl_patterns inverse;     /* verbs that deny the action ("delete") */
	pl_patterns converse;    /* verbs whose subject is the recipient
	                            ("receive", "buy") */
	char *says, *denies;     /* "sells", "does not sell" */
	char *preposition;       /* "to": how a recipient is named */
	pl_target_kind target;
	char *implied_data;      /* a data type assumed when none is named */
	size_t implied_index;    /* resolved by compile; (size_t)-1: none */
	int needs_target;        /* no statement without a recipient/place */
	int implied_target;      /* a positive naming no recipient gives to
	                            anyone (sell), rather than to no one in
	                            particular (collect: "from third parties"
	                            is a narrower negative) */
	char *inverse_says;      /* "deletes" */
	int bounded_inverse;     /* an inverse statement only denies keeping
	                            longer than it says (retain / delete):
	                            periods are compared */
	/* qualifiers only */
	pl_qual_effect effect;
	/* scopes only */
	pl_scope_dim dimension;
	int is_default;          /* what a statement naming no scope of this
	                            dimension is about ("this website") */
} pl_term;

typedef struct {
	pl_term *items;
	size_t count, cap;
} pl_terms;

/* A compliance profile (rules/profiles.yaml): a law or practice a policy
 * may be required to satisfy.  Its requirements are the rules that list it
 * under `profiles:`.  `baseline` always exists. */
typedef struct {
	char *id;
	char *title;             /* "EU General Data Protection Regulation" */
	char *law;               /* "Regulation (EU) 2016/679" */
	char *citation;          /* "Art. 12-14, 21, 7(3), 77" */
	char *url;
	char *description;
	pl_applicability applies; /* when the law applies to a policy */
	/* `scope: {outside, within}`: evidence whose sentence or context
	 * names only other people's law (outside matches, within does not:
	 * "EEA residents may ask us to correct ...") does not meet this
	 * profile's requirements. */
	pl_patterns scope_outside, scope_within;
	pl_origin origin;
} pl_profile;

/* A named regex fragment, used in patterns as {{name}}. */
typedef struct {
	char *name;
	char *value;
	pl_origin origin;
} pl_define;

/* ---- The grammar of the statement reader (statements.c) ---------------
 *
 * Written in rules/conflicts.yaml under `grammar:` and compiled once per
 * rule set: the patterns that shape a clause, the words that may stand
 * between a subject and its verb, the words that leave a denial's scope as
 * it is, the distances the reader looks across, and the numbers and units
 * of periods. */
typedef enum {
	PL_GRAMMAR_CLAUSE, PL_GRAMMAR_HOME, PL_GRAMMAR_AGENT,
	PL_GRAMMAR_REFER_DATA, PL_GRAMMAR_RELATIVE, PL_GRAMMAR_NOR,
	PL_GRAMMAR_NOUN, PL_GRAMMAR_COORD, PL_GRAMMAR_QUESTION,
	PL_GRAMMAR_SUBORDINATE, PL_GRAMMAR_PARTICIPLE,
	PL_GRAMMAR_RELATIVE_SUBJECT, PL_GRAMMAR_INFINITIVE, PL_GRAMMAR_PURPOSE,
	PL_GRAMMAR_LEADING_IF, PL_GRAMMAR_REFER_AUDIENCE,
	PL_GRAMMAR_REFER_RECIPIENT, PL_GRAMMAR_CAUSATIVE,
	PL_GRAMMAR_SOURCE_OTHER,
	PL_GRAMMAR_NAME_OPENING, PL_GRAMMAR_NAME_BEFORE,
	PL_GRAMMAR_NAME_AFTER,
	PL_GRAMMAR_PRONOUN_SUBJECT, PL_GRAMMAR_DURATION,
	PL_GRAMMAR_IMMEDIATE, PL_GRAMMAR_PHASE, PL_GRAMMAR_EVENT,
	PL_GRAMMAR_PAST_AUX, PL_GRAMMAR_PAST_FORM, PL_GRAMMAR_FUTURE_AUX,
	PL_GRAMMAR_POSSIBLE_AUX, PL_GRAMMAR_ONLY_DATA, PL_GRAMMAR_DATA_NOUN,
	PL_GRAMMAR_REFER_DEMONSTRATIVE, PL_GRAMMAR_REFER_OTHER, PL_GRAMMAR_FRAGMENT,
	PL_GRAMMAR_LEADING_WHEN, PL_GRAMMAR_REASON, PL_GRAMMAR_RECENT_PAST,
	PL_GRAMMAR_GERUND, PL_GRAMMAR_PROGRESSIVE_AUX, PL_GRAMMAR_ADVICE_AUX,
	PL_GRAMMAR_COUNT
} pl_grammar_item;

typedef enum {
	PL_DIST_AGENT,           /* bytes from a passive verb to "by X" */
	PL_DIST_OBJECT_NEGATION, /* bytes from a verb to "no" in its object */
	PL_DIST_REFERENCE,       /* sentences back a reference may reach */
	PL_DIST_NAME_OPENING,    /* sentences that may name the company */
	PL_DIST_COMPARED,        /* denials compared per action */
	PL_DIST_LOOKBACK,        /* bytes before a verb the grammar looks at */
	PL_DIST_COUNT
} pl_distance;

typedef struct {
	char *word;
	double value;
} pl_word_value;

typedef struct {
	int loaded;              /* a grammar: section was read */
	pl_origin origin;
	pl_patterns patterns[PL_GRAMMAR_COUNT];
	char **auxiliaries;      /* sorted by compile, for bsearch */
	size_t nauxiliaries, auxiliaries_cap;
	char **aux_suffixes;     /* "ly": adverbs stand where auxiliaries do */
	size_t naux_suffixes, aux_suffixes_cap;
	char **fillers;          /* sorted by compile */
	size_t nfillers, fillers_cap;
	pl_word_value *numbers;  /* "two": 2 */
	size_t nnumbers, numbers_cap;
	pl_word_value *units;    /* "day": 24 (hours) */
	size_t nunits, units_cap;
	unsigned long distance[PL_DIST_COUNT];
} pl_grammar_spec;

/* The YAML names of the grammar's patterns and distances. */
extern const char *const pl_grammar_names[PL_GRAMMAR_COUNT + 1];
extern const char *const pl_distance_names[PL_DIST_COUNT + 1];
extern const char *const pl_scope_dim_names[PL_SCOPE_DIMENSIONS + 1];

struct pl_ruleset {
	char **files;             /* every file loaded, for pl_origin */
	size_t nfiles, files_cap;
	pl_topic *topics;
	size_t ntopics, topics_cap;
	pl_rule *rules;
	size_t nrules, rules_cap;
	pl_terms vocab[PL_VOCAB_COUNT]; /* the conflict finder's terms */
	pl_define *defines;       /* {{name}} fragments */
	size_t ndefines, defines_cap;
	pl_profile *profiles;     /* compliance profiles */
	size_t nprofiles, profiles_cap;
	pl_suggestion *suggestions; /* given apart from their rules */
	size_t nsuggestions, suggestions_cap;
	pl_patterns overview;     /* structure: sentences that preview the
	                             policy rather than disclose */
	pl_patterns other_party;  /* structure: a subject that is not the
	                             company, at the end of the text before a
	                             match (first-party topics) */
	pl_regex *negation;       /* built-in sentence filters */
	pl_regex *conditional;
	pl_regex *label_denial;   /* a label's value that opens with a denial
	                             ("Transfers: None.", "Sharing: We do not
	                             share ...") */
	pl_regex *negation_undone; /* "but", "except", "other than": what
	                             follows a denial is not denied */
	pl_grammar_spec grammar;  /* the statement reader's grammar */
	struct pl_prefilter *prefilter; /* the literals of every pattern searched
	                             over whole texts (prefilter.c) */
	char *cache_dir;          /* where compiled rule sets are kept between
	                             runs (rulecache.c); NULL: nowhere */
	uint64_t files_hash;      /* of every rule file's bytes, in load order */
	struct pl_rule_cache *cache;    /* while compiling */
	struct pl_compiled_sources *compiled_sources;   /* while compiling:
	                             the expanded sources compiled so far */
	size_t npatterns;         /* patterns compiled so far */
	int from_cache;           /* every pattern came from the cache */
	int compiled;
};

const char *pl_rule_kind_name(pl_rule_kind k);

/* Compiles the built-in sentence filters (negation, conditional) into rs
 * unless it has them (ruleset.c).  They are policylint's, not the rule
 * files': the rule cache leaves them out (their code would not share
 * PCRE2's character tables with code read back from a cache, and PCRE2
 * serialises only code that does) and makes them afresh. */
void pl_ruleset_add_builtins(pl_ruleset *rs);

/* Reports that id (a "topic", "rule", ...) at `at` was first defined at
 * `first`; returns 1, the number of errors added (ruleset.c). */
int pl_duplicate_id(pl_diags *diags, const char *what, const char *id,
		    const pl_origin *at, const pl_origin *first);

/* The files pl_ruleset_load(path) reads, in its order (malloc'd, each
 * malloc'd, *n of them), or NULL when it would fail to read any: the rule
 * cache keys a rule set by them before loading it (rules_load.c). */
char **pl_rule_files(const char *path, size_t *n);

/* ---- Suggested clauses (suggest.c) ------------------------------------ */

/* Why a suggest: template is malformed (an unknown or unclosed
 * {{placeholder}}), or NULL when it is fine. */
const char *pl_suggest_problem(const char *text, char *buf, size_t n);

/* text with every placeholder replaced by its sample value (malloc'd). */
char *pl_suggest_fill(const char *text);

/* Gives each `suggestions:` entry to its rule; an entry for no rule, for
 * a rule that is no requirement or already has one is an error.  Returns
 * the number of errors added. */
int pl_ruleset_link_suggestions(pl_ruleset *rs, pl_diags *diags);

/* ---- Profiles (profiles.c) ------------------------------------------- */

/* Run by pl_ruleset_compile before anything else: checks profile
 * definitions and the profiles rules name, and resolves `refines` (copying
 * the refined rule's patterns, filters and topic lists into the refining
 * rule so that they compile and run as its own).  Returns the number of
 * errors added. */
int pl_ruleset_link_profiles(pl_ruleset *rs, pl_diags *diags);

/* The profile with this id, or NULL (`baseline` may be undescribed: then
 * NULL too, though it always exists). */
const pl_profile *pl_ruleset_profile(const pl_ruleset *rs, const char *id);

/* Whether rule r belongs to one of the names[0..n) profiles. */
int pl_rule_in_profiles(const pl_rule *r, const char *const *names, size_t n);

/* Whether topic t runs when names[0..n) are selected. */
int pl_topic_selected(const pl_topic *t, const char *const *names, size_t n);

/* Checks a selection: every name must be a profile of rs or "all"; one
 * error per unknown name (at path:line:column when line is nonzero).
 * Returns the number of errors. */
int pl_ruleset_check_selection(const pl_ruleset *rs, const char *const *names,
			       size_t n, const char *path,
			       const unsigned long *lines,
			       const unsigned long *columns, pl_diags *diags);

/* Number of rules of profile id that are requirements (all but conflict
 * rules). */
size_t pl_profile_rule_count(const pl_ruleset *rs, const char *id);
const char *pl_vocab_name(pl_vocab_kind k);       /* "data type", ... */
const char *pl_qual_effect_name(pl_qual_effect e); /* "negation", ... */
/* Every effect's name in enum order, NULL-terminated (for the loader). */
extern const char *const pl_qual_effect_names[PL_QUAL_COUNT + 1];

/* ---- The regular-expression engine (regex.c) -------------------------- */

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

/* The same for a match that starts at or before limit (the text after it
 * is still seen by lookaheads): the search reads no further than limit
 * for a start. */
pl_match_status pl_regex_search_until(const pl_regex *re, pl_match_state *ms,
				      const char *subject, size_t len,
				      size_t start, size_t limit,
				      size_t *mstart, size_t *mend);

/* Whether re matches anywhere in subject[0..len). */
pl_match_status pl_regex_test(const pl_regex *re, pl_match_state *ms,
			      const char *subject, size_t len);

/* The match limits every search runs under (documented in docs/rules.md). */
#define PL_MATCH_LIMIT_COUNT 10000000u
#define PL_MATCH_LIMIT_DEPTH 10000u
#define PL_MATCH_LIMIT_HEAP_KB 20000u



/* Compiles pattern[0..len) caseless, UTF and UCP, JIT when it can.  On a
 * syntax error returns NULL with PCRE2's message in errbuf and the offset
 * of the bad character in *erroff. */
pl_regex *pl_regex_compile(const char *pattern, size_t len, char *errbuf,
			   size_t errsize, size_t *erroff);

/* A regex of its own for the same pattern as re (PCRE2's code copied, not
 * compiled again); NULL when out of memory. */
pl_regex *pl_regex_copy(const pl_regex *re);

/* Compiles one of policylint's own helper patterns (negation, hedges);
 * aborts on error, since these are fixed strings in the source. */
pl_regex *pl_regex_builtin(const char *pattern);

/* Tells the engine that len more bytes of text are to be scanned in this
 * run (scan.c, once per text): JIT code is made only once the run's texts
 * add up to enough to pay for it. */
void pl_regex_note_text(size_t len);

/* Whether term a of v lies inside term b: b itself, or under it through
 * any of its parents (ruleset.c). */
int pl_term_inside(const pl_terms *v, size_t a, size_t b);
void pl_regex_free(pl_regex *re);

/* The compiled code of res[0..n) as bytes (malloc'd, *len of them) that
 * pl_regex_deserialize turns back into the same patterns on this machine
 * and PCRE2 version; NULL when PCRE2 cannot. */
unsigned char *pl_regex_serialize(const pl_regex *const *res, size_t n,
				  size_t *len);
/* Decodes what pl_regex_serialize wrote for n patterns into out[0..n);
 * 0 when it cannot (another PCRE2 build, a different count).  The bytes
 * must be exactly what was written: PCRE2 checks its header only. */
int pl_regex_deserialize(const unsigned char *bytes, size_t len, size_t n,
			 pl_regex **out);
#endif
