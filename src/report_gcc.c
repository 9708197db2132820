/*
 * report_gcc.c: the format of compilers, for editors and grep-style tools
 * (Vim's quickfix, Emacs' compilation mode, VS Code problem matchers):
 *
 *   FILE:LINE:COL: severity: message [rule]
 *   FILE:LINE:COL: note: related message
 *
 * one line per finding, each related location as a following note line,
 * as GCC does for "previous declaration here".
 */
#include <stdlib.h>

#include "report.h"

/* A message on one line: line ends would break every consumer. */
static void one_line(FILE *out, const char *s)
{
	for (; s && *s; s++)
		fputc(*s == '\n' || *s == '\r' ? ' ' : *s, out);
}

static void gcc_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	if (rep->opts.against && r->nfindings)
		fprintf(out, "%s: note: compared with %s; only new findings "
			"are shown\n", r->path, rep->opts.against);
	for (size_t i = 0; i < r->nfindings; i++) {
		const pl_finding *f = &r->findings[i];
		fprintf(out, "%s:%lu:%lu: %s: ", r->path, f->loc.line,
			f->loc.column, pl_severity_name(f->severity));
		one_line(out, f->message);
		char *ids = pl_report_rule_ids(f);
		fprintf(out, " [%s]\n", ids);
		free(ids);
		for (size_t k = 0; k < f->nrelated; k++) {
			const pl_location *l = &f->related[k];
			fprintf(out, "%s:%lu:%lu: note: ",
				pl_report_location_path(r, l), l->line, l->column);
			one_line(out, l->message ? l->message : "related");
			fputc('\n', out);
		}
	}
}

const pl_report_format pl_report_gcc_format = {"gcc", NULL, gcc_file, NULL};
