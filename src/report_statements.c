/*
 * report_statements.c: the `statements` format, one JSON document with the
 * statements the conflict finder read in every file: the way to see why two
 * sentences did or did not conflict.  Fields that say nothing (an empty
 * list, no limit) are left out.
 */
#include "report.h"
#include "statements.h"

static void term_list(FILE *out, const char *key, const pl_terms *v,
		      const pl_termset *ts, int *first)
{
	if (ts->n == 0)
		return;
	fprintf(out, "%s\"%s\": [", *first ? "" : ", ", key);
	for (unsigned i = 0; i < ts->n; i++) {
		if (i)
			fputs(", ", out);
		pl_json_string(out, v->items[ts->v[i]].id);
	}
	fputc(']', out);
	*first = 0;
}

static void place_fields(FILE *out, const pl_result *r, const pl_location *l)
{
	fprintf(out, "\"line\": %lu, \"column\": %lu, \"text\": ", l->line,
		l->column);
	pl_json_string_n(out, r->src + l->offset, l->length);
}

static void scope_fields(FILE *out, const pl_ruleset *rs,
			 const pl_statement *st)
{
	int any = 0;
	for (int d = 0; d < PL_SCOPE_DIMENSIONS; d++)
		any |= st->scopes[d].n > 0;
	if (!any)
		return;
	fputs(",\n         \"scope\": {", out);
	int first = 1;
	for (int d = 0; d < PL_SCOPE_DIMENSIONS; d++)
		term_list(out, pl_scope_dim_names[d], &rs->vocab[PL_VOCAB_SCOPE],
			  &st->scopes[d], &first);
	fputc('}', out);
}

static void qualifier_fields(FILE *out, const pl_statement *st)
{
	unsigned shown = st->effects & ~((1u << PL_QUAL_ACTOR) |
					 (1u << PL_QUAL_OTHER_ACTOR));
	if (shown == 0)
		return;
	fputs(",\n         \"qualifiers\": [", out);
	int first = 1;
	for (int e = 0; e < PL_QUAL_COUNT; e++)
		if (PL_STMT_HAS(st, e) && e != PL_QUAL_ACTOR &&
		    e != PL_QUAL_OTHER_ACTOR) {
			fputs(first ? "" : ", ", out);
			pl_json_string(out, pl_qual_effect_name((pl_qual_effect)e));
			first = 0;
		}
	fputc(']', out);
}

static void exception_fields(FILE *out, const pl_ruleset *rs,
			     const pl_statement *st)
{
	if (!st->carved && !st->only_twin)
		return;
	fputs(",\n         \"exceptions\": {", out);
	int first = 1;
	term_list(out, "data", &rs->vocab[PL_VOCAB_DATA], &st->ex_data, &first);
	term_list(out, "recipients", &rs->vocab[PL_VOCAB_RECIPIENT],
		  &st->ex_targets, &first);
	term_list(out, "purposes", &rs->vocab[PL_VOCAB_PURPOSE],
		  &st->ex_purposes, &first);
	fprintf(out, "%s\"unnamed\": %s", first ? "" : ", ",
		st->carved_generic ? "true" : "false");
	if (st->only_twin)
		fputs(", \"implied_by_only\": true", out);
	fputc('}', out);
}

static void limit_fields(FILE *out, const pl_limit *l)
{
	static const char *const kinds[] = {"none", "period", "phase",
					    "unbounded"};
	if (l->kind == PL_LIMIT_NONE && !l->after_event)
		return;
	fprintf(out, ",\n         \"limit\": {\"kind\": \"%s\"", kinds[l->kind]);
	if (l->kind == PL_LIMIT_PERIOD)
		fprintf(out, ", \"hours\": %.0f", l->hours);
	if (l->after_event)
		fputs(", \"after_event\": true", out);
	fputc('}', out);
}

static void unresolved_fields(FILE *out, const pl_result *r,
			      const pl_located_statement *ls)
{
	static const char *const why[] = {"", "unread words", "reference",
					  "limit"};
	const pl_statement *st = &ls->st;
	if (st->unresolved == PL_UNRESOLVED_NONE)
		return;
	fprintf(out, ",\n         \"unresolved\": {\"reason\": \"%s\"",
		why[st->unresolved]);
	if (st->unresolved == PL_UNRESOLVED_WORDS) {
		fputs(", ", out);
		place_fields(out, r, &ls->unread);
	}
	fputc('}', out);
}

static void statement(FILE *out, const pl_result *r,
		      const pl_located_statement *ls)
{
	static const char *const forms[] = {"plain", "inverse", "converse"};
	static const char *const tenses[] = {"present", "past", "future"};
	const pl_ruleset *rs = r->rules;
	const pl_statement *st = &ls->st;
	const pl_term *act = &rs->vocab[PL_VOCAB_ACTION].items[st->action];
	fputs("{", out);
	place_fields(out, r, &ls->clause);
	fputs(",\n         \"verb\": {", out);
	place_fields(out, r, &ls->verb);
	fprintf(out, "},\n         \"action\": \"%s\", \"polarity\": \"%s\", "
		"\"form\": \"%s\", \"actor\": ", act->id,
		st->negative ? "denies" : "affirms", forms[st->form]);
	if (st->actor == (size_t)-1)
		fputs("\"first-party\"", out);
	else
		pl_json_string(out, rs->vocab[PL_VOCAB_RECIPIENT].items[st->actor].id);
	fprintf(out, ", \"tense\": \"%s\", \"modality\": \"%s\"",
		tenses[st->tense],
		st->modality == PL_MODAL_POSSIBLE ? "possible" : "fact");
	int first = 1;
	if (st->any_data || st->data.n || st->targets.n || st->purposes.n ||
	    st->home)
		fputs(",\n         ", out);
	if (st->any_data) {
		fputs("\"data\": \"any\"", out);
		first = 0;
	} else
		term_list(out, "data", &rs->vocab[PL_VOCAB_DATA], &st->data,
			  &first);
	term_list(out, act->target == PL_TARGET_PLACES ? "places" : "recipients",
		  &rs->vocab[act->target == PL_TARGET_PLACES ? PL_VOCAB_PLACE :
			     PL_VOCAB_RECIPIENT], &st->targets, &first);
	term_list(out, "purposes", &rs->vocab[PL_VOCAB_PURPOSE], &st->purposes,
		  &first);
	if (st->home)
		fprintf(out, "%s\"places_are_home\": true", first ? "" : ", ");
	scope_fields(out, rs, st);
	qualifier_fields(out, st);
	exception_fields(out, rs, st);
	limit_fields(out, &st->limit);
	if (ls->refers_to_line)
		fprintf(out, ",\n         \"refers_to_line\": %lu",
			ls->refers_to_line);
	fprintf(out, ",\n         \"used\": %s",
		!st->negative || pl_statement_usable(st) ? "true" : "false");
	unresolved_fields(out, r, ls);
	fputc('}', out);
}

static void statements_begin(pl_report *rep)
{
	fputs("{\n  \"tool\": {\"name\": \"policylint\", \"version\": \""
	      PL_VERSION "\"},\n  \"files\": [", rep->opts.out);
}

static void statements_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	fputs(rep->nfiles ? ",\n    {" : "\n    {", out);
	fputs("\"path\": ", out);
	pl_json_string(out, r->path);
	fputs(",\n      \"statements\": [", out);
	for (size_t i = 0; i < r->nstatements; i++) {
		fputs(i ? ",\n        " : "\n        ", out);
		statement(out, r, &r->statements[i]);
	}
	fputs(r->nstatements ? "\n      ]}" : "]}", out);
}

static void statements_end(pl_report *rep)
{
	fputs(rep->nfiles ? "\n  ]\n}\n" : "]\n}\n", rep->opts.out);
}

const pl_report_format pl_report_statements_format = {
	"statements", statements_begin, statements_file, statements_end};
