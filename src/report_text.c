/*
 * report_text.c: the default report, for people.
 *
 *   FILE:LINE:COL: severity: message [rule-id]
 *      12 | the line of the policy it is about
 *         |      ^~~~~~~~~
 *
 * in source order (several findings on one sentence share its quote; a
 * long line is shown as a window, report_quote.c), then the gaps with no
 * place in the text under one heading, "FILE: missing disclosures (N):",
 * then a summary of what was checked and what failed, area by area.  Colour only when asked (main.c decides from the
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

static void finding_header(pl_report *rep, const pl_result *r,
			   const pl_finding *f)
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
}

/* Whether f points at text of r's own input, to be quoted. */
static int quotable(const pl_finding *f)
{
	return f->loc.length > 0 && f->loc.path == NULL;
}

/* Missing disclosures have no place in the text: they are listed under
 * one heading per file rather than each at 1:1. */
static int listed_gap(const pl_finding *f)
{
	return f->kind == PL_KIND_MISSING && f->loc.length == 0;
}

static void quote_one(pl_report *rep, const pl_result *r, const pl_location *l)
{
	pl_quote_mark m = {l->offset, l->length, NULL};
	pl_report_quote(rep->opts.out, r, l->line, &m, 1, rep->opts.width,
			rep->opts.color);
}

/* Writes text wrapped to the report's width, each line after indent. */
static void wrapped(pl_report *rep, const char *indent, const char *text)
{
	FILE *out = rep->opts.out;
	size_t width = rep->opts.width > 0 ? (size_t)rep->opts.width : 100;
	size_t room = width > strlen(indent) + 30 ? width - strlen(indent) : 30;
	const char *p = text;
	while (*p) {
		size_t n = strcspn(p, "\n");
		if (n > room) {
			size_t cut = room;
			while (cut > 0 && p[cut] != ' ')
				cut--;
			n = cut ? cut : room;
		}
		fprintf(out, "%s%.*s\n", indent, (int)n, p);
		p += n;
		while (*p == ' ' || *p == '\n')
			p++;
	}
}

/* --suggest: the clause the rule suggests for a gap, if it has one. */
static void suggestion(pl_report *rep, const pl_result *r, const pl_finding *f,
		       const char *indent)
{
	if (!rep->opts.suggest || r->rules == NULL)
		return;
	const char *text = pl_ruleset_rule_suggestion(r->rules, f->rule);
	for (size_t k = 0; text == NULL && k < f->nrules; k++)
		text = pl_ruleset_rule_suggestion(r->rules, f->rules[k]);
	if (text == NULL)
		return;
	char *lead = pl_xasprintf("%s  ", indent);
	fprintf(rep->opts.out, "%s", indent);
	put(rep, C_GREEN, "suggested clause:");
	fputc('\n', rep->opts.out);
	wrapped(rep, lead, text);
	free(lead);
}

static void related_notes(pl_report *rep, const pl_result *r,
			  const pl_finding *f, int name_rule)
{
	FILE *out = rep->opts.out;
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		fprintf(out, "%s:%lu:%lu: ", pl_report_location_path(r, l),
			l->line, l->column);
		put(rep, C_CYAN, "note");
		fprintf(out, ": %s", l->message ? l->message : "related");
		/* In a group of findings, which one the note belongs to. */
		if (name_rule)
			fprintf(out, " [%s]", f->rule);
		fputc('\n', out);
		/* Another file's text (--against's OLD) is gone by now. */
		if (l->length > 0 && l->path == NULL)
			quote_one(rep, r, l);
	}
}

/* How many findings from i on share one quote: those on the same line
 * whose places fit in one window ("several findings on one sentence
 * quote it once"). */
static size_t group_end(const pl_report *rep, const pl_result *r, size_t i)
{
	const pl_finding *f = &r->findings[i];
	size_t j = i + 1;
	if (!quotable(f))
		return j;
	size_t a = f->loc.offset, b = f->loc.offset + f->loc.length;
	for (; j < r->nfindings; j++) {
		const pl_finding *g = &r->findings[j];
		if (!quotable(g) || g->loc.line != f->loc.line)
			break;
		size_t e = g->loc.offset + g->loc.length;
		if (!pl_report_quote_fits(r, f->loc.line, a, e > b ? e : b,
					  rep->opts.width))
			break;
		b = e > b ? e : b;
	}
	return j;
}

/* Findings i..j-1: their headers, one quote with a caret line each
 * (labelled with the rule when there are several), then their notes. */
static void text_group(pl_report *rep, const pl_result *r, size_t i, size_t j)
{
	for (size_t k = i; k < j; k++)
		finding_header(rep, r, &r->findings[k]);
	const pl_finding *f = &r->findings[i];
	if (quotable(f)) {
		pl_quote_mark *m = pl_xcalloc(j - i, sizeof(*m));
		for (size_t k = i; k < j; k++)
			m[k - i] = (pl_quote_mark){r->findings[k].loc.offset,
						   r->findings[k].loc.length,
						   j - i > 1 ? r->findings[k].rule :
							       NULL};
		pl_report_quote(rep->opts.out, r, f->loc.line, m, j - i,
				rep->opts.width, rep->opts.color);
		free(m);
	}
	for (size_t k = i; k < j; k++) {
		related_notes(rep, r, &r->findings[k], j - i > 1);
		if (r->findings[k].kind == PL_KIND_INCOMPLETE)
			suggestion(rep, r, &r->findings[k], "      ");
	}
}

/* "FILE: missing disclosures (N):", then one line per gap, errors first:
 * rule id, severity, message. */
static void text_gaps(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	size_t n = 0, idw = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (!listed_gap(&r->findings[i]))
			continue;
		n++;
		char *ids = pl_report_rule_ids(&r->findings[i]);
		idw = strlen(ids) > idw ? strlen(ids) : idw;
		free(ids);
	}
	if (n == 0)
		return;
	fprintf(out, "%s: missing disclosures (%zu):\n", r->path, n);
	for (int sev = PL_SEV_ERROR; sev >= PL_SEV_INFO; sev--)
		for (size_t i = 0; i < r->nfindings; i++) {
			const pl_finding *f = &r->findings[i];
			if (!listed_gap(f) || (int)f->severity != sev)
				continue;
			char *ids = pl_report_rule_ids(f);
			fprintf(out, "  %-*s  ", (int)idw, ids);
			free(ids);
			char sv[16];
			snprintf(sv, sizeof sv, "%-7s", pl_severity_name(f->severity));
			put(rep, sev_color(f->severity), sv);
			fprintf(out, "  %s\n", f->message);
			related_notes(rep, r, f, 0);
			suggestion(rep, r, f, "      ");
		}
}

static void text_findings(pl_report *rep, const pl_result *r)
{
	for (size_t i = 0; i < r->nfindings;) {
		if (listed_gap(&r->findings[i])) {
			i++;
			continue;
		}
		size_t j = group_end(rep, r, i);
		text_group(rep, r, i, j);
		i = j;
	}
	text_gaps(rep, r);
}

/* What each selected profile asked and got: "gdpr: 14 of 21
 * requirements met, 7 missing" (the not applicable ones apart). */
static void profile_counts(FILE *out, const pl_result *r)
{
	for (size_t i = 0; i < r->ncoverage; i++) {
		const pl_coverage *c = &r->coverage[i];
		if (!c->applies) {
			fprintf(out, "; %s: does not apply", c->profile);
			continue;
		}
		fprintf(out, "; %s: %zu of %zu requirement%s met, %zu missing",
			c->profile, c->nmet, c->nmet + c->nmissing,
			c->nmet + c->nmissing == 1 ? "" : "s", c->nmissing);
		if (c->nnot_applicable)
			fprintf(out, " (%zu not applicable)", c->nnot_applicable);
	}
}

/* The headline says what was checked and what failed, so that "all areas
 * disclosed" never stands alone above a list of gaps. */
static void text_summary(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	int disclosed = 0;
	for (int a = 0; a < PL_AREA_COUNT; a++)
		disclosed += r->areas[a].disclosed;
	size_t sev[3] = {0, 0, 0};
	for (size_t i = 0; i < r->nfindings; i++)
		sev[r->findings[i].severity]++;
	fprintf(out, "%s: areas %d/%d disclosed", r->path, disclosed,
		PL_AREA_COUNT);
	profile_counts(out, r);
	fprintf(out, "; %zu %sfinding%s (%zu error%s, %zu warning%s, %zu info)\n",
		r->nfindings, pl_report_against(rep, r) ? "new " : "",
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
	const char *against = pl_report_against(rep, r);
	if (against && !rep->opts.quiet)
		fprintf(rep->opts.out, r->against_new ?
			"%s: new since %s: every finding is reported\n" :
			"%s: compared with %s: only what the new version "
			"changed is reported\n", r->path, against);
	text_findings(rep, r);
	for (size_t i = 0; i < r->nfindings; i++)
		st->counts[r->findings[i].severity]++;
	st->files_with_findings += r->nfindings > 0;
	if (summary) {
		text_summary(rep, r);
		text_coverage(rep, r);
	}
}

const pl_report_format pl_report_text_format = {"text", text_begin, text_file,
						NULL};
