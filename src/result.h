/*
 * result.h: the pl_result of one policy as the stages inside the library
 * see it (result.c): the judge fills it, directives, --against, baselines
 * and configured severities edit it, the reports read it.  Library users
 * only see it through the accessors of policylint.h.
 */
#ifndef PL_RESULT_H
#define PL_RESULT_H

#include "policylint-advanced.h"
#include "text.h"

/* A statement of the conflict finder with its places (statements.h). */
typedef struct pl_located_statement pl_located_statement;

typedef struct {
	int disclosed;
	pl_evidence *evidence;
	size_t count, cap;
} pl_area_result;

struct pl_result {
	char *path;                     /* as given by the caller */
	char *src;                      /* the input as read (owned) */
	size_t src_len;
	pl_input_format format;         /* as read (never AUTO) */
	const pl_ruleset *rules;        /* the rule set it was linted with */
	pl_area_result areas[PL_AREA_COUNT];
	pl_evidence *hits;              /* every topic's hits, evidence or
	                                   not (dates, transfers), in source
	                                   order: what --against compares */
	size_t nhits, hits_cap;
	pl_change *changes;             /* --against: the edit's changes */
	size_t nchanges, changes_cap;
	char *against_name;             /* --against: how OLD is named (the
	                                   related locations point to it) */
	int against_new;                /* --against REV: the file is new
	                                   since REV, nothing was compared */
	pl_finding *findings;           /* sorted by offset */
	size_t nfindings, findings_cap;
	size_t *line_starts;            /* offsets where lines begin */
	size_t nlines;
	size_t *char_marks;             /* characters before every 1024th
	                                   byte: columns in constant time */
	pl_coverage *coverage;          /* one per selected profile, in the
	                                   order of the rule set's profiles */
	size_t ncoverage;
	int default_profiles;           /* only `baseline` was selected */
	int fail_level;                 /* from the configuration */
	char **documents;               /* a notice set: the other documents
	                                   judged with this one (their paths,
	                                   which evidence points into) */
	size_t ndocuments, documents_cap;
	pl_located_statement *statements; /* what the conflict finder read,
	                                   when asked (the `statements`
	                                   format); NULL otherwise */
	size_t nstatements;
};

/* What one scan checks (judge.c). */
typedef struct {
	pl_input_format format;         /* PL_INPUT_AUTO: from the name and
	                                   the content */
	const char *const *disabled;    /* rule ids not to report */
	size_t ndisabled;
	const char *const *profiles;    /* selected profiles; none: baseline;
	                                   "all": every profile */
	size_t nprofiles;
	pl_date today;                  /* for date checks; year 0: today */
	const pl_fact *facts;           /* declared facts */
	size_t nfacts;
	void (*trace)(const struct pl_trace_event *ev, void *arg);
	void *trace_arg;
	int statements;                 /* keep the statements read in the
	                                   result */
	int with_companions;            /* judged with other documents of its
	                                   notice set: what it leaves to them
	                                   (`left-to`) still applies */
} pl_scan_options;

/* A result for src[0..len) (owned from now on), with its line index and
 * no findings yet. */
pl_result *pl_result_new(const char *display_name, char *src, size_t len);

/* 1-based line and character column of a byte offset of r's input. */
void pl_result_position(const pl_result *r, size_t offset,
			unsigned long *line, unsigned long *column);

/* Recomputes every position of r from its offsets, after its bytes
 * changed length in characters (directives put masked text back). */
void pl_result_reindex(pl_result *r);

/* Where the prose range [start, end) of t (extracted from r's input) is in
 * r's input, with its line and column. */
pl_location pl_result_locate(const pl_result *r, const pl_text *t,
			     size_t start, size_t end);

/* Appends a finding; rule must outlive r (a rule set's id or a literal),
 * message is copied.  The location is [offset, offset+length), positioned
 * in r.  Returns the new finding (valid until the next append). */
pl_finding *pl_result_add_finding(pl_result *r, const char *rule,
				  pl_finding_kind kind, pl_severity sev,
				  pl_area area, size_t offset, size_t length,
				  const char *message);
/* Adds a related location to f (message copied; path not owned). */
void pl_finding_add_related(pl_finding *f, const pl_location *loc);
/* Removes finding i (frees what it owns). */
void pl_result_remove_finding(pl_result *r, size_t i);
/* Removes every finding i with drop[i] set, in one pass (removing them
 * one by one moves the rest each time: quadratic in the findings). */
void pl_result_drop_findings(pl_result *r, const unsigned char *drop);
/* Sorts findings by offset, kind and rule, as pl_scan leaves them. */
void pl_result_sort_findings(pl_result *r);
/* A fingerprint of a finding that survives edits elsewhere in the file
 * (version 2, baseline format 2): rule, kind and area; for findings that
 * point at text, the words they point at (case, spacing, line wrapping,
 * quote and dash styles, emphasis, tags and link targets ignored; a
 * conflict's two statements in either order), never line numbers or the
 * section they stand in. */
unsigned long long pl_finding_fingerprint(const pl_result *r,
					  const pl_finding *f);
/* The fingerprint of baseline format 1: rule, kind, area and the raw
 * bytes' words of the location and of every related location. */
unsigned long long pl_finding_fingerprint_v1(const pl_result *r,
					     const pl_finding *f);
/* Appends a change (text, before and after copied; NULL allowed). */
pl_change *pl_result_add_change(pl_result *r, pl_change_kind kind,
				pl_area area, const char *subject,
				const char *text, const char *before,
				const char *after);
/* Sorts changes by area, then by position in the new version, then in
 * the old. */
void pl_result_sort_changes(pl_result *r);
/* Sets the severity of every finding of a rule (configuration). */
void pl_result_set_severity(pl_result *r, const char *rule, pl_severity sev);

#endif
