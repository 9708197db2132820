/*
 * test_report.c: the text and JSON formatters.  JSON must carry every
 * field of the measuring contract and stay valid whatever bytes the policy
 * holds; text must follow FILE:LINE:COL: severity: message [rule].
 */
#include "testutil.h"

static const char *rules_yaml =
	"topics:\n"
	"  - {id: cookies.use, area: cookies, summary: s, patterns: ['\\bcookies\\b']}\n"
	"rules:\n"
	"  - {id: missing-children, kind: require, area: children,\n"
	"     severity: error, message: says nothing about children,\n"
	"     rationale: r, topics: [children]}\n"
	"  - {id: cookie-word, kind: avoid, area: cookies, severity: info,\n"
	"     message: \"a \\\"quoted\\\" message\", rationale: r,\n"
	"     patterns: ['\\bcookies\\b']}\n";

static char *render(pl_output_format fmt, const char *name, const char *text,
		    int summary)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(rules_yaml, &d);
	assert_int_equal(d.errors, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	pl_report_options ro = {fmt, out, 0, summary, 0, NULL};
	(void)rs;
	pl_report *rep = pl_report_begin(&ro);
	pl_result *r = tu_lint(rs, name, text, &d);
	pl_report_file(rep, r);
	pl_result_free(r);
	pl_report_end(rep);
	fclose(out);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
	return buf;
}

static void json_has_contract_fields(void **state)
{
	(void)state;
	char *s = render(PL_FORMAT_JSON, "dir/p \"1\".txt",
			 "Intro.\nWe use cookies \xFF here.\n", 1);
	const char *areas[] = {"collection", "sharing", "retention", "rights",
			       "choices", "cookies", "security", "children",
			       "changes", "dnt", "contact"};
	for (size_t i = 0; i < 11; i++) {
		char key[64];
		snprintf(key, sizeof key, "\"%s\": {\"disclosed\": ", areas[i]);
		assert_non_null(strstr(s, key));
	}
	assert_non_null(strstr(s, "\"path\": \"dir/p \\\"1\\\".txt\""));
	assert_non_null(strstr(s, "\"cookies\": {\"disclosed\": true"));
	assert_non_null(strstr(s, "{\"rule\": \"cookies.use\", \"topic\": "
				  "\"cookies.use\", \"offset\": 14, \"length\": 7, "
				  "\"line\": 2, \"column\": 8}"));
	assert_non_null(strstr(s, "\"kind\": \"missing\", \"severity\": \"error\", "
				  "\"area\": \"children\""));
	assert_non_null(strstr(s, "\"message\": \"a \\\"quoted\\\" message\""));
	assert_non_null(strstr(s, "\"related\": []"));
	free(s);
}

static void json_escapes_invalid_utf8(void **state)
{
	(void)state;
	char *s = render(PL_FORMAT_JSON, "bad\xC3\x28name\x01.txt", "x\n", 0);
	assert_non_null(strstr(s, "\"path\": \"bad\\ufffd(name\\u0001.txt\""));
	free(s);
}

static void text_lines_and_caret(void **state)
{
	(void)state;
	char *s = render(PL_FORMAT_TEXT, "p.txt", "Intro.\nWe use cookies here.\n", 1);
	assert_non_null(strstr(s, "p.txt:1:1: error: says nothing about children "
				  "[missing-children]\n"));
	assert_non_null(strstr(s, "p.txt:2:8: info: a \"quoted\" message [cookie-word]\n"
				  "    2 | We use cookies here.\n"
				  "      |        ^~~~~~~\n"));
	assert_non_null(strstr(s, "p.txt: 1 of 11 areas disclosed; 2 findings"));
	assert_non_null(strstr(s, "  cookies     disclosed at 2:8\n"));
	assert_non_null(strstr(s, "  children    not disclosed\n"));
	assert_null(strstr(s, "\033["));   /* no colour unless asked */
	free(s);
	s = render(PL_FORMAT_TEXT, "p.txt", "cookies", 0);
	assert_null(strstr(s, "areas disclosed"));
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_has_contract_fields),
		cmocka_unit_test(json_escapes_invalid_utf8),
		cmocka_unit_test(text_lines_and_caret),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
