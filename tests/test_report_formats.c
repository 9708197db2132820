/*
 * test_report_formats.c: every output format on one result (gcc, github
 * escaping, jsonl, sarif, json, text), --against's mark in each, and the
 * post-scan stages the formats show: fingerprints, baselines, against.
 */
#include "testutil.h"
#include "against.h"
#include "builtins.h"
#include "baseline.h"

static const char *const rules_yaml =
	"topics:\n"
	"  - id: contact.mail\n"
	"    area: contact\n"
	"    summary: s\n"
	"    patterns: ['\\bwrite\\s+to\\s+\\S+@\\S+']\n"
	"    examples: {match: [write to a@b.org], no_match: [write]}\n"
	"rules:\n"
	"  - id: need-contact\n"
	"    kind: require\n"
	"    area: contact\n"
	"    severity: error\n"
	"    topics: [contact]\n"
	"    message: no contact\n"
	"    rationale: r\n"
	"    references: [r]\n"
	"    examples: {match: [x], no_match: [write to a@b.org]}\n"
	"  - id: vague\n"
	"    kind: avoid\n"
	"    area: sharing\n"
	"    severity: warning\n"
	"    message: \"50% vague: name them,\\nplease\"\n"
	"    rationale: r\n"
	"    references: [r]\n"
	"    patterns: ['\\bpartners\\b']\n"
	"    examples: {match: [partners], no_match: [none]}\n";

static pl_ruleset *rules(void)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(rules_yaml, &d);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return rs;
}

static pl_result *lint(const pl_ruleset *rs, const char *name, const char *text)
{
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, name, text, &d);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return r;
}

/* Renders r in format f; returns the malloc'd output. */
static char *render(const pl_ruleset *rs, pl_output_format f,
		    const pl_result *r, const char *against)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	pl_report_options o = {f, out, 0, 1, 0, against, 0, 0};
	(void)rs;
	pl_report *rep = pl_report_begin(&o);
	pl_report_file(rep, r);
	pl_report_end(rep);
	fclose(out);
	return buf;
}

static const char *policy = "Our partners, a:b.\n";

static void test_gcc(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "p.md", policy);
	char *s = render(rs, PL_FORMAT_GCC, r, NULL);
	assert_string_equal(s, "p.md:1:1: error: no contact [need-contact]\n"
			       "p.md:1:5: warning: 50% vague: name them, please [vague]\n");
	free(s);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_github_escaping(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "a,b:c%.md", policy);
	char *s = render(rs, PL_FORMAT_GITHUB, r, "old,v:1");
	assert_non_null(strstr(s, "::warning file=a%2Cb%3Ac%25.md,line=1,col=5,"
				  "endLine=1,endColumn=13,title=policylint vague "
				  "(wording)%2C new since old%2Cv%3A1::"
				  "50%25 vague: name them,%0Aplease\n"));
	assert_non_null(strstr(s, "::error file=a%2Cb%3Ac%25.md,line=1,col=1,"
				  "endLine=1,title="));
	free(s);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static size_t count_lines(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += *s == '\n';
	return n;
}

static void test_jsonl_and_json(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "p.md", policy);
	/* One line for the file: its areas, profiles and both findings. */
	char *s = render(rs, PL_FORMAT_JSONL, r, NULL);
	assert_int_equal(count_lines(s), 1);
	const char *head = "{\"path\": \"p.md\",\"areas\": {";
	assert_true(strncmp(s, head, strlen(head)) == 0);
	assert_non_null(strstr(s, "{\"rule\": \"vague\", \"kind\": \"wording\", "
				  "\"severity\": \"warning\""));
	assert_non_null(strstr(s, "\"message\": \"50% vague: name them,\\nplease\""));
	assert_null(strstr(s, "against"));
	free(s);
	s = render(rs, PL_FORMAT_JSONL, r, "old.md");
	assert_non_null(strstr(s, "\"against\": \"old.md\""));
	free(s);
	s = render(rs, PL_FORMAT_JSON, r, "old.md");
	assert_non_null(strstr(s, "\"path\": \"p.md\", \"against\": \"old.md\""));
	assert_non_null(strstr(s, "\"endLine\": 1, \"endColumn\": 13"));
	free(s);
	pl_result_free(r);
	/* A clean file: its line too, with no findings. */
	r = lint(rs, "c.md", "Please write to a@b.org.\n");
	s = render(rs, PL_FORMAT_JSONL, r, NULL);
	assert_int_equal(count_lines(s), 1);
	assert_non_null(strstr(s, "\"findings\": []}\n"));
	free(s);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_sarif(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "p.md", policy);
	char *s = render(rs, PL_FORMAT_SARIF, r, "old.md");
	assert_non_null(strstr(s, "\"version\": \"2.1.0\""));
	assert_non_null(strstr(s, "\"ruleId\": \"vague\""));
	/* After the built-in rules, the rules in the order first met. */
	char idx[64];
	snprintf(idx, sizeof idx, "\"ruleIndex\": %zu, \"level\": \"warning\"",
		 pl_builtin_rule_count() + 1);
	assert_non_null(strstr(s, idx));
	assert_non_null(strstr(s, "\"region\": {\"startLine\": 1, \"startColumn\": 5, "
				  "\"endLine\": 1, \"endColumn\": 13, \"byteOffset\": 4, "
				  "\"byteLength\": 8"));
	assert_non_null(strstr(s, "\"uri\": \"p.md\", \"uriBaseId\": \"%SRCROOT%\""));
	assert_non_null(strstr(s, "\"properties\": {\"against\": \"old.md\"}"));
	assert_non_null(strstr(s, "{\"id\": \"need-contact\", \"name\": \"NeedContact\""));
	assert_non_null(strstr(s, "{\"id\": \"unused-directive\""));
	assert_non_null(strstr(s, "\"columnKind\": \"unicodeCodePoints\""));
	free(s);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_text_against_and_quiet(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "p.md", policy);
	char *s = render(rs, PL_FORMAT_TEXT, r, "old.md");
	assert_non_null(strstr(s, "p.md: compared with old.md"));
	assert_non_null(strstr(s, "2 new findings"));
	free(s);
	pl_result_free(r);
	r = lint(rs, "c.md", "Please write to a@b.org.\n");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	pl_report_options o = {PL_FORMAT_TEXT, out, 0, 1, 1, NULL, 0, 0};
	(void)rs;
	pl_report *rep = pl_report_begin(&o);
	pl_report_file(rep, r);
	pl_report_end(rep);
	fclose(out);
	assert_string_equal(buf, "");
	free(buf);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_fingerprint(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *a = lint(rs, "p.md", "Our partners.\n");
	pl_result *b = lint(rs, "p.md", "# Title\n\nIntro.\n\nOur   PARTNERS.\n");
	pl_result *c = lint(rs, "p.md", "Some partners.\n");
	const pl_finding *fa = tu_finding(a, "vague"), *fb = tu_finding(b, "vague"),
			 *fc = tu_finding(c, "vague");
	assert_int_not_equal(fa->loc.line, fb->loc.line);
	/* The match is the same word: same fingerprint wherever it is. */
	assert_true(pl_finding_fingerprint(a, fa) == pl_finding_fingerprint(b, fb));
	assert_true(pl_finding_fingerprint(a, fa) == pl_finding_fingerprint(c, fc));
	/* Different rules differ. */
	assert_true(pl_finding_fingerprint(a, fa) !=
		    pl_finding_fingerprint(a, tu_finding(a, "need-contact")));
	pl_result_free(a);
	pl_result_free(b);
	pl_result_free(c);
	pl_ruleset_free(rs);
}

static void test_baseline_roundtrip(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "./p.md", policy);
	pl_baseline *b = pl_baseline_new();
	pl_baseline_add(b, r);
	assert_int_equal(pl_baseline_count(b), 2);
	char *path = tu_write_temp(".txt", "", 0);
	assert_int_equal(pl_baseline_write(b, path), 0);
	pl_baseline_free(b);
	pl_result_free(r);

	pl_diags d = {0};
	b = pl_baseline_new();
	assert_int_equal(pl_baseline_read(b, path, &d), 0);
	assert_int_equal(pl_baseline_count(b), 2);
	/* Moved down, and a second copy: only the copy is new. */
	r = lint(rs, "p.md", "Intro.\n\nOur partners, a:b.\n\nMore partners.\n");
	assert_int_equal(r->nfindings, 3);
	assert_int_equal(pl_baseline_filter(b, r), 2);
	assert_int_equal(r->nfindings, 1);
	assert_int_equal(r->findings[0].loc.line, 5);
	pl_result_free(r);
	pl_baseline_free(b);
	pl_diags_clear(&d);
	unlink(path);
	free(path);
	pl_ruleset_free(rs);
}

static void test_against(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *old = lint(rs, "old.md", "Intro.\n\nPlease write to a@b.org.\n");
	pl_result *cur = lint(rs, "new.md", "Our partners now.\n");
	pl_against_options ao = {"old.md", NULL, 0};
	pl_result_against(cur, old, &ao);
	const pl_finding *rem = tu_finding(cur, PL_RULE_AREA_REMOVED);
	assert_non_null(rem);
	assert_int_equal(rem->kind, PL_KIND_REMOVED);
	assert_int_equal(rem->severity, PL_SEV_ERROR);
	assert_int_equal(rem->area, PL_AREA_CONTACT);
	assert_int_equal(rem->loc.line, 1);
	assert_int_equal(rem->nrelated, 1);
	assert_string_equal(rem->related[0].path, "old.md");
	assert_int_equal(rem->related[0].line, 3);
	assert_non_null(strstr(rem->message, "old.md:3"));
	/* The requirement the old version met is the same loss: reported
	 * once, as the area. */
	assert_null(tu_finding(cur, "need-contact"));
	assert_non_null(tu_finding(cur, "vague"));
	char *s = render(rs, PL_FORMAT_GCC, cur, "old.md");
	assert_non_null(strstr(s, "old.md:3:8: note: the old version disclosed contact"));
	free(s);
	pl_result_free(cur);
	/* Nothing changed but the place: nothing to report. */
	pl_result *o2 = lint(rs, "a.md", "Our partners.\n");
	pl_result *n2 = lint(rs, "a.md", "New intro.\n\nOur partners.\n");
	pl_against_options ao2 = {"a.md", NULL, 0};
	pl_result_against(n2, o2, &ao2);
	assert_int_equal(n2->nfindings, 0);
	pl_result_free(o2);
	pl_result_free(n2);
	pl_result_free(old);
	pl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gcc),
		cmocka_unit_test(test_github_escaping),
		cmocka_unit_test(test_jsonl_and_json),
		cmocka_unit_test(test_sarif),
		cmocka_unit_test(test_text_against_and_quiet),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test(test_baseline_roundtrip),
		cmocka_unit_test(test_against),
	};
	return cmocka_run_group_tests_name("report formats", tests, NULL, NULL);
}
