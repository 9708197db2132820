/*
 * report_util.c: what the output formats share: JSON strings, the source
 * line of a location, where a location ends, and the JSON fields of a
 * finding.  The formats depend on this file; the driver (report.c)
 * depends on the formats.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report.h"


void pl_json_string_n(FILE *out, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	fputc('"', out);
	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			fputc('\\', out);
			fputc(c, out);
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			switch (c) {
			case '\n': fputs("\\n", out); break;
			case '\r': fputs("\\r", out); break;
			case '\t': fputs("\\t", out); break;
			default: fprintf(out, "\\u%04x", c); break;
			}
			i++;
		} else if (c < 0x80) {
			fputc(c, out);
			i++;
		} else {
			unsigned cp;
			size_t len = pl_utf8_decode((const unsigned char *)p + i,
						    n - i, &cp);
			if (len == 0) {
				fputs("\\ufffd", out);
				i++;
			} else {
				fwrite(p + i, 1, len, out);
				i += len;
			}
		}
	}
	fputc('"', out);
}

void pl_json_string(FILE *out, const char *s)
{
	pl_json_string_n(out, s ? s : "", s ? strlen(s) : 0);
}

const char *pl_report_line(const pl_result *r, unsigned long line, size_t *len)
{
	if (line == 0 || line > r->nlines) {
		*len = 0;
		return "";
	}
	size_t start = r->line_starts[line - 1];
	size_t end = line < r->nlines ? r->line_starts[line] : r->src_len;
	while (end > start && (r->src[end - 1] == '\n' || r->src[end - 1] == '\r'))
		end--;
	*len = end - start;
	return r->src + start;
}

void pl_report_end_position(const pl_result *r, const pl_location *l,
			    unsigned long *line, unsigned long *column)
{
	if (l->length == 0 || l->path != NULL) {
		*line = l->line;
		*column = l->column;
		return;
	}
	pl_result_position(r, l->offset + l->length, line, column);
}

const char *pl_report_location_path(const pl_result *r, const pl_location *l)
{
	return l->path ? l->path : r->path;
}

static void location_fields(FILE *out, const pl_result *r,
			    const pl_location *l)
{
	unsigned long el, ec;
	pl_report_end_position(r, l, &el, &ec);
	fprintf(out, "\"offset\": %zu, \"length\": %zu, \"line\": %lu, "
		"\"column\": %lu, \"endLine\": %lu, \"endColumn\": %lu",
		l->offset, l->length, l->line, l->column, el, ec);
}

char *pl_report_rule_ids(const pl_finding *f)
{
	if (f->nrules == 0)
		return pl_xstrdup(f->rule);
	pl_buf b;
	pl_buf_init(&b);
	for (size_t i = 0; i < f->nrules; i++)
		pl_buf_printf(&b, "%s%s", i ? ", " : "", f->rules[i]);
	return pl_buf_detach(&b);
}

void pl_json_finding_fields(FILE *out, const pl_result *r, const pl_finding *f)
{
	fputs("\"rule\": ", out);
	pl_json_string(out, f->rule);
	if (f->nrules) {
		fputs(", \"rules\": [", out);
		for (size_t i = 0; i < f->nrules; i++) {
			fputs(i ? ", " : "", out);
			pl_json_string(out, f->rules[i]);
		}
		fputc(']', out);
	}
	fprintf(out, ", \"kind\": \"%s\", \"severity\": \"%s\", \"area\": \"%s\", "
		"\"message\": ", pl_finding_kind_name(f->kind),
		pl_severity_name(f->severity), pl_area_name(f->area));
	pl_json_string(out, f->message);
	fputs(", ", out);
	location_fields(out, r, &f->loc);
	fprintf(out, ", \"fingerprint\": \"%016llx\", \"related\": [",
		pl_finding_fingerprint(r, f));
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		fputs(k ? ", {" : "{", out);
		location_fields(out, r, l);
		if (l->path) {
			fputs(", \"path\": ", out);
			pl_json_string(out, l->path);
		}
		fputs(", \"message\": ", out);
		pl_json_string(out, l->message);
		fputc('}', out);
	}
	fputc(']', out);
}

const char *pl_report_against(const pl_report *rep, const pl_result *r)
{
	return r->against_name ? r->against_name : rep->opts.against;
}

/* The end of the paragraph at offset at: the start of the first blank line
 * after it, or the end of the input (looked for over at most 64 KB). */
static size_t paragraph_end(const pl_result *r, size_t at)
{
	size_t i = pl_line_next(r->src, pl_line_end(r->src, at, r->src_len),
				r->src_len);
	size_t limit = at + ((size_t)64 << 10);
	while (i < r->src_len && i < limit) {
		size_t e = pl_line_end(r->src, i, r->src_len);
		size_t k = i;
		while (k < e && (r->src[k] == ' ' || r->src[k] == '\t'))
			k++;
		if (k == e)
			return i;
		i = pl_line_next(r->src, e, r->src_len);
	}
	return r->src_len;
}

/* Where HTML's </body> begins, else the end. */
static size_t html_end(const pl_result *r)
{
	for (size_t i = r->src_len; i >= 7; i--)
		if (strncasecmp(r->src + i - 7, "</body>", 7) == 0)
			return i - 7;
	return r->src_len;
}

int pl_report_suggestion(const pl_result *r, const pl_finding *f,
			 pl_insertion *ins)
{
	const char *clause = pl_ruleset_rule_suggestion(r->rules, f->rule);
	for (size_t k = 0; clause == NULL && k < f->nrules; k++)
		clause = pl_ruleset_rule_suggestion(r->rules, f->rules[k]);
	if (clause == NULL || (f->kind != PL_KIND_MISSING &&
			       f->kind != PL_KIND_INCOMPLETE))
		return 0;
	size_t n = strlen(clause);
	while (n && (clause[n - 1] == '\n' || clause[n - 1] == ' '))
		n--;
	int html = r->format == PL_INPUT_HTML;
	ins->offset = html ? html_end(r) :
		      f->kind == PL_KIND_INCOMPLETE && f->loc.length ?
		      paragraph_end(r, f->loc.offset) : r->src_len;
	/* A line of its own, and in Markdown and text a paragraph. */
	int at_line_start = ins->offset == 0 || r->src[ins->offset - 1] == '\n';
	ins->text = html ? pl_xasprintf("<p>%.*s</p>\n", (int)n, clause) :
		    pl_xasprintf("%s\n%.*s\n", at_line_start ? "" : "\n",
				 (int)n, clause);
	pl_result_position(r, ins->offset, &ins->line, &ins->column);
	return 1;
}
