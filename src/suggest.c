/*
 * suggest.c: suggested clauses.  A requirement rule may carry `suggest:`,
 * a clause in the project's own words that would meet it, with
 * placeholders for what only the policy's owner knows ({{company}},
 * {{period}}).  The text report shows it with --suggest, SARIF as a fix
 * (an insertion), the language server as a code action.  The clauses of
 * the default rules are kept in rules/suggestions.yaml (`suggestions:`,
 * keyed by rule id), apart from the patterns.
 */
#include <stdio.h>
#include <string.h>

#include "rules.h"
#include "util.h"

/* The placeholders a template may use (what the owner fills in), each
 * with a sample value: --check-rules lints every clause filled in with
 * them, and the rule must be met. */
static const struct {
	const char *name, *sample;
} placeholders[] = {
	{"company", "Example Ltd"},
	{"product", "the Example app"},
	{"website", "example.org"},
	{"email", "privacy@example.org"},
	{"address", "1 Example Street, Exampletown"},
	{"phone", "+1 800 555 0100"},
	{"contact", "privacy@example.org"},
	{"period", "two years"},
	{"date", "1 March 2026"},
	{"age", "13"},
	{"country", "the United States"},
	{"dpo", "Dana Example"},
	{"authority", "the Information Commissioner's Office"},
	{"representative", "Example Representative GmbH"},
	{"url", "https://example.org/privacy"},
	{"purposes", "providing and improving the service"},
	{"recipients", "payment processors and hosting providers"},
	{"categories", "account details and order history"},
	{"legal-basis", "the performance of our contract with you"},
	{"safeguard", "the standard contractual clauses of the European Commission"},
	{NULL, NULL}};

static const char *sample_for(const char *s, size_t n)
{
	for (size_t i = 0; placeholders[i].name; i++)
		if (strlen(placeholders[i].name) == n &&
		    strncmp(placeholders[i].name, s, n) == 0)
			return placeholders[i].sample;
	return NULL;
}

static int known_placeholder(const char *s, size_t n)
{
	return sample_for(s, n) != NULL;
}

char *pl_suggest_fill(const char *text)
{
	pl_buf b;
	pl_buf_init(&b);
	const char *p = text;
	for (const char *at; (at = strstr(p, "{{")) != NULL;) {
		const char *close = strstr(at + 2, "}}");
		const char *v = close ? sample_for(at + 2,
						   (size_t)(close - at - 2)) : NULL;
		if (v == NULL)
			break;
		pl_buf_put(&b, p, (size_t)(at - p));
		pl_buf_puts(&b, v);
		p = close + 2;
	}
	pl_buf_puts(&b, p);
	return pl_buf_detach(&b);
}

const char *pl_suggest_problem(const char *text, char *buf, size_t n)
{
	if (text == NULL || strspn(text, " \t\n") == strlen(text))
		return "the clause is empty";
	for (const char *p = text; (p = strstr(p, "{{")) != NULL;) {
		const char *name = p + 2, *close = strstr(name, "}}");
		if (close == NULL)
			return "'{{' is never closed with '}}'";
		size_t len = (size_t)(close - name);
		if (!known_placeholder(name, len)) {
			snprintf(buf, n, "unknown placeholder {{%.*s}} (known: "
				 "company, product, website, email, address, "
				 "phone, contact, period, date, age, country, dpo, "
				 "authority, ...)", (int)(len > 40 ? 40 : len), name);
			return buf;
		}
		p = close + 2;
	}
	if (strstr(text, "}}") && strstr(text, "{{") == NULL)
		return "'}}' without '{{'";
	return NULL;
}

static pl_rule *find(pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

static int refuse(pl_diags *diags, const pl_suggestion *s, const char *why)
{
	pl_diags_add(diags, PL_DIAG_RULES_SUGGEST, s->origin.file,
		     s->origin.line, s->origin.column,
		     "suggestion for '%s': %s", s->rule, why);
	return 1;
}

int pl_ruleset_link_suggestions(pl_ruleset *rs, pl_diags *diags)
{
	int errors = 0;
	for (size_t i = 0; i < rs->nsuggestions; i++) {
		const pl_suggestion *s = &rs->suggestions[i];
		pl_rule *r = find(rs, s->rule);
		if (r == NULL)
			errors += refuse(diags, s, "no rule has that id");
		else if (r->kind != PL_RULE_REQUIRE &&
			 r->kind != PL_RULE_REQUIRE_IF)
			errors += refuse(diags, s, "only a requirement (require, "
					 "require-if) can have a suggestion");
		else if (r->suggest)
			errors += refuse(diags, s, "the rule already has one");
		else {
			r->suggest = pl_xstrdup(s->text);
			r->suggest_origin = s->origin;
		}
	}
	return errors;
}

const char *pl_ruleset_rule_suggestion(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; rs && id && i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return rs->rules[i].suggest;
	return NULL;
}
