/*
 * report_github.c: GitHub Actions workflow commands, which GitHub turns
 * into annotations on the pull request's diff:
 *
 *   ::error file=F,line=L,col=C,endLine=E,endColumn=EC,title=T::MESSAGE
 *
 * (::warning for warnings, ::notice for info).  In the message '%', CR and
 * LF are escaped as %25 %0D %0A; in property values ':' and ',' too, as
 * %3A %2C, or GitHub would cut the value there.  Related locations (the
 * other side of a conflict, the old version's text) go into the message,
 * one per line.
 */
#include <stdlib.h>

#include "report.h"

static void escape(FILE *out, const char *s, int property)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '%': fputs("%25", out); break;
		case '\r': fputs("%0D", out); break;
		case '\n': fputs("%0A", out); break;
		case ':':
			if (property) {
				fputs("%3A", out);
				break;
			}
			fputc(*s, out);
			break;
		case ',':
			if (property) {
				fputs("%2C", out);
				break;
			}
			fputc(*s, out);
			break;
		default: fputc(*s, out); break;
		}
	}
}

static const char *command_for(pl_severity s)
{
	return s == PL_SEV_ERROR ? "error" : s == PL_SEV_WARNING ? "warning" :
								   "notice";
}

/* GitHub wants workspace-relative paths: drop a leading "./". */
static const char *gh_path(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static void github_finding(pl_report *rep, const pl_result *r,
			   const pl_finding *f)
{
	FILE *out = rep->opts.out;
	unsigned long el, ec;
	pl_report_end_position(r, &f->loc, &el, &ec);
	fprintf(out, "::%s file=", command_for(f->severity));
	escape(out, gh_path(r->path), 1);
	fprintf(out, ",line=%lu,col=%lu,endLine=%lu", f->loc.line,
		f->loc.column, el);
	/* GitHub reads endColumn only on one-line ranges. */
	if (el == f->loc.line && ec > f->loc.column)
		fprintf(out, ",endColumn=%lu", ec);
	fputs(",title=", out);
	pl_buf title;
	pl_buf_init(&title);
	pl_buf_printf(&title, "policylint %s (%s)", f->rule,
		      pl_finding_kind_name(f->kind));
	const char *against = pl_report_against(rep, r);
	if (against)
		pl_buf_printf(&title, ", new since %s", against);
	escape(out, title.data, 1);
	pl_buf_free(&title);
	fputs("::", out);
	escape(out, f->message, 0);
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		char *line = pl_xasprintf("\n%s:%lu:%lu: %s",
					  gh_path(pl_report_location_path(r, l)),
					  l->line, l->column,
					  l->message ? l->message : "related");
		escape(out, line, 0);
		free(line);
	}
	fputc('\n', out);
}

static void github_file(pl_report *rep, const pl_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		github_finding(rep, r, &r->findings[i]);
}

const pl_report_format pl_report_github_format = {"github", NULL, github_file,
						  NULL};
