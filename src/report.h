/*
 * report.h: the interface every output format implements (one file each:
 * report_text.c, report_json.c, ...), and the helpers they share
 * (report_util.c).
 */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include "diag.h"
#include "result.h"
#include "rules.h"
#include "util.h"

typedef struct {
	const char *name;
	void (*begin)(pl_report *rep);
	void (*file)(pl_report *rep, const pl_result *r);
	void (*end)(pl_report *rep);
} pl_report_format;

struct pl_report {
	pl_report_options opts;
	const pl_report_format *format;
	size_t nfiles;          /* files written so far */
	pl_diags diags;         /* the run's diagnostics (pl_report_diags) */
	void *state;            /* the format's own */
};

extern const pl_report_format pl_report_text_format;
extern const pl_report_format pl_report_json_format;
extern const pl_report_format pl_report_jsonl_format;
extern const pl_report_format pl_report_sarif_format;
extern const pl_report_format pl_report_github_format;
extern const pl_report_format pl_report_gcc_format;
extern const pl_report_format pl_report_markdown_format;
extern const pl_report_format pl_report_statements_format;

/* Writes s as a JSON string literal (quotes included). */
void pl_json_string(FILE *out, const char *s);
/* The same for s[0..n), which may hold any bytes: invalid UTF-8 becomes
 * U+FFFD so the output is always valid JSON. */
void pl_json_string_n(FILE *out, const char *s, size_t n);

/* The line of r's input that contains offset: start and length without the
 * line end. */
const char *pl_report_line(const pl_result *r, unsigned long line, size_t *len);

/* Where l ends: the line and column just after its last character
 * (SARIF's exclusive end); l's own start when it is empty. */
void pl_report_end_position(const pl_result *r, const pl_location *l,
			    unsigned long *line, unsigned long *column);

/* The file a location is in: its own path (--against's OLD) or r's. */
const char *pl_report_location_path(const pl_result *r, const pl_location *l);

/* What r was compared with (--against): its own old version's name
 * (REV:PATH), else the run's; NULL without --against. */
const char *pl_report_against(const pl_report *rep, const pl_result *r);
/* "rule" or, for a gap several rules require, "rule-a, rule-b"
 * (malloc'd). */
char *pl_report_rule_ids(const pl_finding *f);

/* A place on a quoted line, and what to write after its caret (NULL:
 * nothing). */
typedef struct {
	size_t offset, length;
	const char *label;
} pl_quote_mark;

/* Quotes line of r's input (or the window of it that fits in width
 * columns; 0: 100) with one caret line per mark (report_quote.c). */
void pl_report_quote(FILE *out, const pl_result *r, unsigned long line,
		     const pl_quote_mark *marks, size_t n, int width, int color);
/* Whether the places [a, b) of line can be quoted in one window. */
int pl_report_quote_fits(const pl_result *r, unsigned long line, size_t a,
			 size_t b, int width);

/* A suggested clause for f (its rule's suggest:, or NULL) and where it
 * would go in r's input: a missing disclosure at the end of the policy
 * (before </body> in HTML), an incomplete one after the paragraph of its
 * place.  text is what to insert there, line ends included (malloc'd);
 * line and column are those of offset. */
typedef struct {
	char *text;
	size_t offset;
	unsigned long line, column;
} pl_insertion;

int pl_report_suggestion(const pl_result *r, const pl_finding *f,
			 pl_insertion *ins);

/* Writes the JSON fields every finding has in json and jsonl output
 * (without braces): rule, kind, severity, area, message, position, end,
 * fingerprint and related locations. */
void pl_json_finding_fields(FILE *out, const pl_result *r, const pl_finding *f);

/* One file of the json report as an object: path, areas with their
 * evidence, profiles, findings (report_json.c; jsonl prints it on one
 * line). */
void pl_json_file_object(FILE *out, const pl_report *rep, const pl_result *r);

#endif
