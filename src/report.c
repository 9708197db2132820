/*
 * report.c: the small driver every output format plugs into (the formats'
 * shared helpers are in report_util.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static const pl_report_format *format_for(pl_output_format f)
{
	switch (f) {
	case PL_FORMAT_JSON:
		return &pl_report_json_format;
	case PL_FORMAT_JSONL:
		return &pl_report_jsonl_format;
	case PL_FORMAT_SARIF:
		return &pl_report_sarif_format;
	case PL_FORMAT_GITHUB:
		return &pl_report_github_format;
	case PL_FORMAT_GCC:
		return &pl_report_gcc_format;
	case PL_FORMAT_MARKDOWN:
		return &pl_report_markdown_format;
	case PL_FORMAT_STATEMENTS:
		return &pl_report_statements_format;
	default:
		return &pl_report_text_format;
	}
}

pl_report *pl_report_begin(const pl_report_options *opts)
{
	pl_report *rep = pl_xcalloc(1, sizeof(*rep));
	if (opts) {
		rep->opts = *opts;
	} else {
		rep->opts.format = PL_FORMAT_TEXT;
		rep->opts.summary = 1;
	}
	if (rep->opts.out == NULL)
		rep->opts.out = stdout;
	rep->format = format_for(opts->format);
	if (rep->format->begin)
		rep->format->begin(rep);
	return rep;
}

void pl_report_file(pl_report *rep, const pl_result *r)
{
	rep->format->file(rep, r);
	rep->nfiles++;
}

void pl_report_diags(pl_report *rep, const pl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		const pl_diag *x = &d->items[i];
		pl_diags_add(&rep->diags, x->code, x->path, x->line, x->column,
			     "%s", x->message);
		rep->diags.items[rep->diags.count - 1].severity = x->severity;
	}
}

int pl_report_end(pl_report *rep)
{
	if (rep == NULL)
		return 0;
	if (rep->format->end)
		rep->format->end(rep);
	FILE *out = rep->opts.out;
	/* errno stays what the final flush failed with, for the message. */
	errno = 0;
	int rc = fflush(out) != 0 || ferror(out) ? -1 : 0;
	pl_diags_clear(&rep->diags);
	free(rep->state);
	free(rep);
	return rc;
}

int pl_report_write(pl_result *const *results, size_t n,
		    pl_output_format format, FILE *out)
{
	pl_report_options o = {format, out, 0, 1, 0, NULL, 0, 0};
	pl_report *rep = pl_report_begin(&o);
	for (size_t i = 0; i < n; i++)
		pl_report_file(rep, results[i]);
	return pl_report_end(rep);
}

