/*
 * vocab.c: the names policylint's enums go by on the command line, in rule
 * files and in reports.  The area ids are fixed by the measuring contract.
 */
#include <string.h>

#include "policylint.h"
#include "rules.h"

static const char *const area_names[PL_AREA_COUNT] = {
	"collection", "sharing", "retention", "rights", "choices", "cookies",
	"security", "children", "changes", "dnt", "contact"};

const char *pl_area_name(pl_area area)
{
	return (unsigned)area < PL_AREA_COUNT ? area_names[area] : "?";
}

static int index_of(const char *const *names, int count, const char *name)
{
	for (int i = 0; i < count; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int pl_area_from_name(const char *name)
{
	return index_of(area_names, PL_AREA_COUNT, name);
}

static const char *const severity_names[] = {"info", "warning", "error"};

const char *pl_severity_name(pl_severity s)
{
	return (unsigned)s < 3 ? severity_names[s] : "?";
}

int pl_severity_from_name(const char *name)
{
	return index_of(severity_names, 3, name);
}

static const char *const kind_names[] = {
	"missing", "conflict", "wording", "incomplete", "removed",
	"unused-directive", "weakened"};

const char *pl_finding_kind_name(pl_finding_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof *kind_names ?
		       kind_names[k] : "?";
}

const char *pl_change_kind_name(pl_change_kind k)
{
	static const char *const names[] = {"added", "removed", "weakened",
					    "strengthened"};
	return (unsigned)k < 4 ? names[k] : "?";
}

const char *pl_rule_kind_name(pl_rule_kind k)
{
	static const char *const names[] = {"require", "require-if", "avoid",
					    "conflict"};
	return (unsigned)k < 4 ? names[k] : "?";
}

static const char *const input_names[] = {"auto", "text", "markdown", "html"};

int pl_input_format_from_name(const char *name)
{
	if (strcmp(name, "txt") == 0)
		return PL_INPUT_TEXT;
	if (strcmp(name, "md") == 0)
		return PL_INPUT_MARKDOWN;
	return index_of(input_names, 4, name);
}

static const char *const output_names[] = {"text", "json", "jsonl",
					   "sarif", "github", "gcc", "markdown",
					   "statements"};

int pl_output_format_from_name(const char *name)
{
	return index_of(output_names, sizeof output_names / sizeof *output_names,
			name);
}

const char *pl_vocab_name(pl_vocab_kind k)
{
	static const char *const names[PL_VOCAB_COUNT] = {
		"data type", "recipient", "place", "purpose", "action",
		"qualifier", "scope"};
	return k < PL_VOCAB_COUNT ? names[k] : "?";
}

const char *const pl_qual_effect_names[PL_QUAL_COUNT + 1] = {
	"negation", "object-negation", "exception", "only", "consent",
	"legal", "condition", "circumstance", "hypothetical", "past",
	"unbounded", "actor", "other-actor", "neutral", "unconditional",
	"minimisation", NULL};

const char *const pl_scope_dim_names[PL_SCOPE_DIMENSIONS + 1] = {
	"audience", "region", "product", "channel", NULL};

const char *const pl_grammar_names[PL_GRAMMAR_COUNT + 1] = {
	"clause", "home", "agent", "refer-data", "relative", "nor", "noun",
	"coordination", "question", "subordinate", "participle",
	"relative-subject", "infinitive", "purpose", "leading-if",
	"refer-audience", "refer-recipient", "causative",
	"source-other", "name-opening", "name-before",
	"name-after", "pronoun-subject",
	"duration", "immediate", "phase", "event", "past-aux", "past-form",
	"future-aux", "possible-aux", "only-data", "data-noun",
	"refer-demonstrative", "refer-other", "fragment", "leading-when",
	"reason", "recent-past", "gerund",
	"progressive-aux", "advice-aux", NULL};

const char *const pl_distance_names[PL_DIST_COUNT + 1] = {
	"passive-agent", "object-negation", "reference-sentences",
	"name-sentences", "compared-denials", "verb-lookback", NULL};

const char *pl_qual_effect_name(pl_qual_effect e)
{
	return e < PL_QUAL_COUNT ? pl_qual_effect_names[e] : "?";
}

/* A yes/no key; def when absent. */

const char *pl_trace_verdict_name(pl_trace_verdict v)
{
	static const char *const names[] = {
		"kept", "heading", "excluded", "section", "weak", "negated",
		"conditional", "toc", "overview", "other-party", "metadata",
		"repeat", "yield", "rule", "undone"};
	return (unsigned)v < sizeof names / sizeof *names ? names[v] : "?";
}
