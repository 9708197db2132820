/*
 * report_text.c: the default report, for people.
 *
 *   FILE:LINE:COL: severity: message [rule-id]
 *      12 | the line of the policy it is about
 *         |      ^~~~~~~~~
 *
 * in source order, then a short per-area summary of what the policy
 * discloses and where.  Colour only when asked (main.c decides from the
 * terminal, --color and NO_COLOR).
 */
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define C_RESET "\033[0m"
#define C_BOLD "\033[1m"
#define C_RED "\033[1;31m"
#define C_YELLOW "\033[1;33m"
#define C_CYAN "\033[1;36m"
#define C_GREEN "\033[32m"
#define C_DIM "\033[2m"

typedef struct {
	size_t files_with_findings;
	size_t counts[3];
} text_state;

static const char *sev_color(pl_severity s)
{
	return s == PL_SEV_ERROR ? C_RED : s == PL_SEV_WARNING ? C_YELLOW : C_CYAN;
}

static void put(pl_report *rep, const char *color, const char *s)
{
	if (rep->opts.color && color)
		fputs(color, rep->opts.out);
	fputs(s, rep->opts.out);
	if (rep->opts.color && color)
		fputs(C_RESET, rep->opts.out);
}

/* Prints the quoted line and a caret line under [column, column+width). */
static void quote(pl_report *rep, const pl_result *r, const pl_location *l)
{
	FILE *out = rep->opts.out;
	size_t len;
	const char *text = pl_report_line(r, l->line, &len);
	char num[32];
	snprintf(num, sizeof num, "%lu", l->line);
	int w = (int)strlen(num) < 4 ? 4 : (int)strlen(num);
	fprintf(out, " %*s | ", w, num);
	/* Tabs and control bytes would shift the caret: show them as spaces. */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		fputc(c < 0x20 || c == 0x7f ? ' ' : c, out);
	}
	fputc('\n', out);
	size_t line_start = (size_t)(text - r->src);
	size_t end = l->offset + l->length;
	if (end > line_start + len)
		end = line_start + len;
	size_t width = end > l->offset ?
			       pl_utf8_count(r->src + l->offset, end - l->offset) : 1;
	fprintf(out, " %*s | %*s", w, "", (int)(l->column - 1), "");
	if (rep->opts.color)
		fputs(C_GREEN, out);
	fputc('^', out);
	for (size_t i = 1; i < width; i++)
		fputc('~', out);
	if (rep->opts.color)
		fputs(C_RESET, out);
	fputc('\n', out);
}

static void text_finding(pl_report *rep, const pl_result *r, const pl_finding *f)
{
	FILE *out = rep->opts.out;
	fprintf(out, "%s:%lu:%lu: ", r->path, f->loc.line, f->loc.column);
	put(rep, sev_color(f->severity), pl_severity_name(f->severity));
	fputs(": ", out);
	put(rep, C_BOLD, f->message);
	fputs(" [", out);
	char *ids = pl_report_rule_ids(f);
	put(rep, C_DIM, ids);
	free(ids);
	fputs("]\n", out);
	if (f->loc.length > 0)
		quote(rep, r, &f->loc);
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		fprintf(out, "%s:%lu:%lu: ", pl_report_location_path(r, l),
			l->line, l->column);
		put(rep, C_CYAN, "note");
		fprintf(out, ": %s\n", l->message ? l->message : "related");
		/* Another file's text (--against's OLD) is gone by now. */
		if (l->length > 0 && l->path == NULL)
			quote(rep, r, l);
	}
}

static void text_summary(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	int disclosed = 0;
	for (int a = 0; a < PL_AREA_COUNT; a++)
		disclosed += r->areas[a].disclosed;
	size_t sev[3] = {0, 0, 0};
	for (size_t i = 0; i < r->nfindings; i++)
		sev[r->findings[i].severity]++;
	fprintf(out, "%s: %d of %d areas disclosed; %zu %sfinding%s "
		"(%zu error%s, %zu warning%s, %zu info)\n", r->path, disclosed,
		PL_AREA_COUNT, r->nfindings, rep->opts.against ? "new " : "",
		r->nfindings == 1 ? "" : "s",
		sev[PL_SEV_ERROR], sev[PL_SEV_ERROR] == 1 ? "" : "s",
		sev[PL_SEV_WARNING], sev[PL_SEV_WARNING] == 1 ? "" : "s",
		sev[PL_SEV_INFO]);
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		const pl_area_result *ar = &r->areas[a];
		fprintf(out, "  %-11s ", pl_area_name((pl_area)a));
		if (!ar->disclosed) {
			put(rep, C_YELLOW, "not disclosed");
			fputc('\n', out);
			continue;
		}
		put(rep, C_GREEN, "disclosed");
		/* The first few places, enough to jump to; the JSON has all.
		 * Two topics matching the same words are one place here. */
		fputs(" at", out);
		size_t places = 0, shown = 0;
		for (size_t i = 0; i < ar->count; i++) {
			if (i > 0 && ar->evidence[i].loc.offset ==
					     ar->evidence[i - 1].loc.offset)
				continue;
			if (places++ < 4) {
				const pl_location *l = &ar->evidence[i].loc;
				fprintf(out, "%s %s%s%lu:%lu", shown ? "," : "",
					l->path ? l->path : "", l->path ? ":" : "",
					l->line, l->column);
				shown++;
			}
		}
		if (places > shown)
			fprintf(out, " (+%zu more)", places - shown);
		fputc('\n', out);
	}
}

/* The requirements of each selected profile: met, missing (with their
 * ids) and not applicable.  Shown when profiles other than the default
 * were selected. */
static void text_coverage(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	if (r->default_profiles || r->ncoverage == 0)
		return;
	fprintf(out, "  %-11s %4s %8s %5s\n", "profile", "met", "missing", "n/a");
	for (size_t i = 0; i < r->ncoverage; i++) {
		const pl_coverage *c = &r->coverage[i];
		fprintf(out, "  %-11s %4zu ", c->profile, c->nmet);
		char num[32];
		snprintf(num, sizeof num, "%8zu", c->nmissing);
		put(rep, c->nmissing ? C_YELLOW : C_GREEN, num);
		fprintf(out, " %5zu", c->nnot_applicable);
		if (!c->applies) {
			/* Why the whole law does not apply: the sentence, or
			 * the fact or default that decided. */
			fputs("  does not apply: ", out);
			if (c->why.line)
				fprintf(out, "line %lu: ", c->why.line);
			fputs(c->why.message ? c->why.message : "", out);
		}
		for (size_t k = 0; c->applies && k < c->nmissing; k++)
			fprintf(out, "%s%s", k ? ", " : "  missing: ", c->missing[k]);
		fputc('\n', out);
	}
}

static void text_begin(pl_report *rep)
{
	rep->state = pl_xcalloc(1, sizeof(text_state));
}

static void text_file(pl_report *rep, const pl_result *r)
{
	text_state *st = rep->state;
	int summary = rep->opts.summary && !rep->opts.quiet;
	if (rep->nfiles > 0 && summary)
		fputc('\n', rep->opts.out);
	if (rep->opts.against && !rep->opts.quiet)
		fprintf(rep->opts.out, "%s: compared with %s: only what the new "
			"version changed is reported\n", r->path,
			rep->opts.against);
	for (size_t i = 0; i < r->nfindings; i++) {
		text_finding(rep, r, &r->findings[i]);
		st->counts[r->findings[i].severity]++;
	}
	st->files_with_findings += r->nfindings > 0;
	if (summary) {
		text_summary(rep, r);
		text_coverage(rep, r);
	}
}

const pl_report_format pl_report_text_format = {"text", text_begin, text_file,
						NULL};
