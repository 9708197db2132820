/*
 * report_json.c: one JSON document for the whole run, with the fields of
 * the measuring contract (../shared/docs/contract.md): every area of every
 * file with its evidence, and the findings with their related locations.
 */
#include "report.h"

static void location_fields(FILE *out, const pl_location *l)
{
	fprintf(out, "\"offset\": %zu, \"length\": %zu, \"line\": %lu, "
		"\"column\": %lu", l->offset, l->length, l->line, l->column);
}

static void json_begin(pl_report *rep)
{
	fputs("{\n  \"tool\": {\"name\": \"policylint\", \"version\": \""
	      PL_VERSION "\"},\n  \"files\": [", rep->opts.out);
}

static void json_area(FILE *out, const pl_area_result *ar)
{
	fprintf(out, "{\"disclosed\": %s, \"evidence\": [",
		ar->disclosed ? "true" : "false");
	for (size_t i = 0; i < ar->count; i++) {
		const pl_evidence *e = &ar->evidence[i];
		fputs(i ? ",\n          {" : "\n          {", out);
		fputs("\"rule\": ", out);
		pl_json_string(out, e->topic);
		fputs(", \"topic\": ", out);
		pl_json_string(out, e->topic);
		if (e->loc.path) {      /* another document of the notice */
			fputs(", \"path\": ", out);
			pl_json_string(out, e->loc.path);
		}
		fputs(", ", out);
		location_fields(out, &e->loc);
		fputc('}', out);
	}
	fputs(ar->count ? "\n        ]}" : "]}", out);
}

static void json_ids(FILE *out, const char *const *ids, size_t n)
{
	fputc('[', out);
	for (size_t i = 0; i < n; i++) {
		if (i)
			fputs(", ", out);
		pl_json_string(out, ids[i]);
	}
	fputc(']', out);
}

/* Why something does not apply: the message, and where the policy says so
 * (line 0: a fact or a default decided). */
static void json_why(FILE *out, const pl_location *w)
{
	fputs("{\"message\": ", out);
	pl_json_string(out, w->message);
	if (w->line) {
		fputs(", ", out);
		location_fields(out, w);
	}
	fputc('}', out);
}

static void json_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	fputs(rep->nfiles ? ",\n    {" : "\n    {", out);
	fputs("\"path\": ", out);
	pl_json_string(out, r->path);
	if (rep->opts.against) {
		fputs(", \"against\": ", out);
		pl_json_string(out, rep->opts.against);
	}
	fputs(",\n      \"areas\": {", out);
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		fprintf(out, "%s\n        \"%s\": ", a ? "," : "",
			pl_area_name((pl_area)a));
		json_area(out, &r->areas[a]);
	}
	fputs("\n      },\n      \"profiles\": {", out);
	for (size_t i = 0; i < r->ncoverage; i++) {
		const pl_coverage *c = &r->coverage[i];
		fputs(i ? ",\n        " : "\n        ", out);
		pl_json_string(out, c->profile);
		fputs(": {\"met\": ", out);
		json_ids(out, c->met, c->nmet);
		fputs(", \"missing\": ", out);
		json_ids(out, c->missing, c->nmissing);
		fputs(", \"not_applicable\": ", out);
		json_ids(out, c->not_applicable, c->nnot_applicable);
		fprintf(out, ", \"applies\": %s", c->applies ? "true" : "false");
		if (!c->applies) {
			fputs(", \"why\": ", out);
			json_why(out, &c->why);
		}
		int any = 0;
		for (size_t k = 0; k < c->nnot_applicable; k++) {
			if (c->why_not[k].message == NULL)
				continue;       /* a require-if whose condition is
				                   not shown: nothing to say */
			fputs(any++ ? ", " : ", \"why_not_applicable\": {", out);
			pl_json_string(out, c->not_applicable[k]);
			fputs(": ", out);
			json_why(out, &c->why_not[k]);
		}
		if (any)
			fputc('}', out);
		fputc('}', out);
	}
	fputs(r->ncoverage ? "\n      },\n      \"findings\": [" :
			     "},\n      \"findings\": [", out);
	for (size_t i = 0; i < r->nfindings; i++) {
		fputs(i ? ",\n        " : "\n        ", out);
		fputc('{', out);
		pl_json_finding_fields(out, r, &r->findings[i]);
		fputc('}', out);
	}
	fputs(r->nfindings ? "\n      ]}" : "]}", out);
}

/* The run's diagnostics, when there are any: code, severity, where. */
static void json_diags(FILE *out, const pl_diags *d)
{
	fputs(",\n  \"diagnostics\": [", out);
	for (size_t i = 0; i < d->count; i++) {
		const pl_diag *x = &d->items[i];
		fputs(i ? ",\n    {" : "\n    {", out);
		fprintf(out, "\"code\": \"%s\", \"severity\": \"%s\", \"path\": ",
			pl_diag_code_id(x->code), pl_severity_name(x->severity));
		pl_json_string(out, x->path);
		fprintf(out, ", \"line\": %lu, \"column\": %lu, \"message\": ",
			x->line, x->column);
		pl_json_string(out, x->message);
		fputc('}', out);
	}
	fputs("\n  ]", out);
}

static void json_end(pl_report *rep)
{
	FILE *out = rep->opts.out;
	fputs(rep->nfiles ? "\n  ]" : "]", out);
	if (rep->diags.count)
		json_diags(out, &rep->diags);
	fputs("\n}\n", out);
}

const pl_report_format pl_report_json_format = {"json", json_begin, json_file,
						json_end};
