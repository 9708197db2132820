/*
 * rules_info.c: describes the rule set to people (--list-rules, --explain).
 */
#include <string.h>

#include "builtins.h"
#include "rules.h"

int pl_ruleset_has_rule(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return 1;
	return 0;
}

static int refs_use(const pl_topic_refs *refs, const pl_topic *t)
{
	for (size_t i = 0; i < refs->count; i++)
		if (strcmp(refs->names[i], t->id) == 0 ||
		    pl_area_from_name(refs->names[i]) == (int)t->area)
			return 1;
	return 0;
}

int pl_ruleset_rule_uses_topic(const pl_ruleset *rs, const char *rule,
			       const char *topic)
{
	const pl_topic *t = NULL;
	for (size_t i = 0; i < rs->ntopics && t == NULL; i++)
		if (strcmp(rs->topics[i].id, topic) == 0)
			t = &rs->topics[i];
	for (size_t i = 0; t && i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (strcmp(r->id, rule) == 0)
			return refs_use(&r->topics, t) || refs_use(&r->when, t);
	}
	return 0;
}

void pl_ruleset_list(const pl_ruleset *rs, FILE *out)
{
	fprintf(out, "%-28s %-10s %-8s %-11s %s\n", "RULE", "KIND", "SEVERITY",
		"AREA", "MESSAGE");
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		fprintf(out, "%-28s %-10s %-8s %-11s %s\n", r->id,
			pl_rule_kind_name(r->kind), pl_severity_name(r->severity),
			pl_area_name(r->area), r->message);
	}
	for (size_t i = 0; i < pl_builtin_rule_count(); i++) {
		const pl_builtin_rule *b = pl_builtin_rule_at(i);
		fprintf(out, "%-28s %-10s %-8s %-11s %s\n", b->id, "built-in",
			pl_severity_name(b->severity), "-", b->summary);
	}
	fprintf(out, "\n%-28s %-11s %s\n", "TOPIC", "AREA", "SUMMARY");
	for (size_t i = 0; i < rs->ntopics; i++) {
		const pl_topic *t = &rs->topics[i];
		fprintf(out, "%-28s %-11s %s\n", t->id, pl_area_name(t->area),
			t->summary);
	}
}

static void print_examples(FILE *out, const char *title, const pl_examples *e)
{
	if (e->count == 0)
		return;
	fprintf(out, "%s:\n", title);
	for (size_t i = 0; i < e->count; i++)
		fprintf(out, "  - %s\n", e->items[i].text);
}

/* A clause as written, each line two spaces in, without the line end a
 * folded YAML scalar leaves. */
static void print_indented(FILE *out, const char *text)
{
	size_t n = strlen(text);
	while (n && (text[n - 1] == '\n' || text[n - 1] == ' '))
		n--;
	fputs("  ", out);
	for (size_t i = 0; i < n; i++) {
		fputc(text[i], out);
		if (text[i] == '\n')
			fputs("  ", out);
	}
	fputc('\n', out);
}

static void print_refs(FILE *out, const char *title, const pl_topic_refs *r)
{
	if (r->count == 0)
		return;
	fprintf(out, "%s:", title);
	for (size_t i = 0; i < r->count; i++)
		fprintf(out, "%s %s", i ? "," : "", r->names[i]);
	fputc('\n', out);
}

/* `--explain PROFILE`: what the profile is, then each requirement with
 * its citations. */
/* When a requirement or profile applies: the fact it depends on and the
 * words that show or deny it. */
static void print_applies(FILE *out, const char *indent,
			  const pl_applicability *a)
{
	if (!a->present)
		return;
	fprintf(out, "%sApplies ", indent);
	if (a->fact)
		fprintf(out, "when the fact %s is %s (declare it under facts: in "
			".policylint.yaml, or --fact %s=yes|no)", a->fact,
			a->fact_negated ? "false" : "true", a->fact);
	else
		fputs("when the policy shows it", out);
	fputs(a->fact ? "; when it is not declared, " : "; ", out);
	for (size_t i = 0; i < a->denied_by.count; i++)
		fprintf(out, "%s%s", i ? ", " : "not when the policy says ",
			a->denied_by.names[i]);
	if (a->denied_by.count)
		fputs("; ", out);
	for (size_t i = 0; i < a->left_to.count; i++)
		fprintf(out, "%s%s", i ? ", " : "not when linted alone and the "
			"policy leaves it to another document (",
			a->left_to.names[i]);
	if (a->left_to.count)
		fputs("; lint them together with --with FILE); ", out);
	for (size_t i = 0; i < a->shown_by.count; i++)
		fprintf(out, "%s%s", i ? ", " : "when it shows ",
			a->shown_by.names[i]);
	if (a->shown_by.count)
		fputs("; ", out);
	fprintf(out, "otherwise %s", a->default_applies ? "it applies" :
							     "it does not");
	if (a->default_in_all >= 0 && a->default_in_all != a->default_applies)
		fprintf(out, " (under --profile all, %s)",
			a->default_in_all ? "it applies" :
					    "only when the policy shows it");
	fputc('\n', out);
}

static void explain_profile(const pl_ruleset *rs, const char *id, FILE *out)
{
	const pl_profile *p = pl_ruleset_profile(rs, id);
	fprintf(out, "%s (profile): %s\n", id,
		p ? p->title : "Good practice (the default)");
	if (p && p->law)
		fprintf(out, "Law: %s%s%s\n", p->law, p->citation ? ", " : "",
			p->citation ? p->citation : "");
	if (p && p->url)
		fprintf(out, "See: %s\n", p->url);
	if (p && p->description) {
		size_t n = strlen(p->description);
		while (n && (p->description[n - 1] == '\n' ||
			     p->description[n - 1] == ' '))
			n--;
		fprintf(out, "\n%.*s\n", (int)n, p->description);
	}
	if (p && p->applies.present) {
		fputc('\n', out);
		print_applies(out, "", &p->applies);
	}
	if (p && p->scope_outside.count)
		fprintf(out, "\nEvidence does not count when its sentence or "
			"context names only other people's law (%zu scope "
			"pattern%s, %zu that keep it)\n", p->scope_outside.count,
			p->scope_outside.count == 1 ? "" : "s",
			p->scope_within.count);
	fprintf(out, "\n%zu requirements:\n", pl_profile_rule_count(rs, id));
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (r->kind == PL_RULE_CONFLICT || !pl_rule_in_profiles(r, &id, 1))
			continue;
		fprintf(out, "\n  %s (%s, %s%s%s)\n    %s\n", r->id,
			pl_rule_kind_name(r->kind), pl_severity_name(r->severity),
			r->refines ? ", refines " : "",
			r->refines ? r->refines : "", r->message);
		if (r->kind == PL_RULE_REQUIRE_IF) {
			fputs("    when:", out);
			for (size_t k = 0; k < r->when.count; k++)
				fprintf(out, "%s %s", k ? "," : "", r->when.names[k]);
			fputc('\n', out);
		}
		if (r->max_age_months)
			fprintf(out, "    dated within the last %d months\n",
				r->max_age_months);
		for (size_t k = 0; k < r->nreferences; k++)
			fprintf(out, "    - %s\n", r->references[k]);
	}
	fputs("\nConflict rules belong to baseline only; 'policylint --explain "
	      "RULE' shows one requirement in full.\n", out);
}

int pl_ruleset_explain(const pl_ruleset *rs, const char *id, FILE *out)
{
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (strcmp(r->id, id) != 0)
			continue;
		fprintf(out, "%s (%s, %s, area %s)\n\n%s\n\n", r->id,
			pl_rule_kind_name(r->kind), pl_severity_name(r->severity),
			pl_area_name(r->area), r->message);
		if (r->rationale)
			fprintf(out, "Why: %s\n\n", r->rationale);
		if (r->nreferences) {
			fputs("References:\n", out);
			for (size_t k = 0; k < r->nreferences; k++)
				fprintf(out, "  - %s\n", r->references[k]);
		}
		if (r->refines)
			fprintf(out, "Refines %s: takes its patterns or topics, "
				"and replaces it when one of its profiles is "
				"selected\n", r->refines);
		if (r->max_age_months)
			fprintf(out, "The newest date found must be at most %d "
				"months old (compared with --today)\n",
				r->max_age_months);
		print_applies(out, "", &r->applies);
		print_refs(out, "When the policy discloses any of", &r->when);
		print_refs(out, r->kind == PL_RULE_REQUIRE_IF ?
				"it must also disclose one of" :
				"Satisfied by any of", &r->topics);
		if (r->nprofiles) {
			fputs("Profiles:", out);
			for (size_t k = 0; k < r->nprofiles; k++)
				fprintf(out, "%s %s", k ? "," : "", r->profiles[k]);
			fputc('\n', out);
		}
		if (r->suggest) {
			/* After what the contract's scorer reads above. */
			fputs("Suggested clause (fill in the {{placeholders}}):\n", out);
			print_indented(out, r->suggest);
		}
		print_examples(out, "Reported on", &r->examples_match);
		print_examples(out, "Not reported on", &r->examples_no_match);
		fprintf(out, "Defined at %s:%lu\n", r->origin.file, r->origin.line);
		return 0;
	}
	if (pl_ruleset_has_profile(rs, id)) {
		explain_profile(rs, id, out);
		return 0;
	}
	const pl_builtin_rule *b = pl_builtin_rule_find(id);
	if (b) {
		fprintf(out, "%s (built in, %s, %s)\n\n%s\n\nWhy: %s\n", b->id,
			pl_finding_kind_name(b->kind), pl_severity_name(b->severity),
			b->summary, b->rationale);
		return 0;
	}
	for (size_t i = 0; i < rs->ntopics; i++) {
		const pl_topic *t = &rs->topics[i];
		if (strcmp(t->id, id) != 0)
			continue;
		fprintf(out, "%s (topic, area %s)\n\n%s\n\n", t->id,
			pl_area_name(t->area), t->summary);
		fputs("Patterns:\n", out);
		for (size_t k = 0; k < t->match.patterns.count; k++)
			fprintf(out, "  - %s\n", t->match.patterns.items[k].source);
		print_examples(out, "Matches", &t->examples_match);
		print_examples(out, "Does not match", &t->examples_no_match);
		fprintf(out, "Defined at %s:%lu\n", t->origin.file, t->origin.line);
		return 0;
	}
	return -1;
}
