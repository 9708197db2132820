/*
 * report.h: the interface every output format implements (one file each:
 * report_text.c, report_json.c, ...), and helpers they share.
 */
#ifndef PL_REPORT_H
#define PL_REPORT_H

#include "policylint.h"
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
	void *state;            /* the format's own */
};

extern const pl_report_format pl_report_text_format;
extern const pl_report_format pl_report_json_format;

/* Writes s as a JSON string literal (quotes included). */
void pl_json_string(FILE *out, const char *s);
/* The same for s[0..n), which may hold any bytes: invalid UTF-8 becomes
 * U+FFFD so the output is always valid JSON. */
void pl_json_string_n(FILE *out, const char *s, size_t n);

/* The line of r's input that contains offset: start and length without the
 * line end. */
const char *pl_report_line(const pl_result *r, unsigned long line, size_t *len);

#endif
