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

static int width;       /* the text report's columns (0: 100) */

static char *render(pl_output_format fmt, const char *name, const char *text,
		    int summary)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(rules_yaml, &d);
	assert_int_equal(d.errors, 0);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	pl_report_options ro = {fmt, out, 0, summary, 0, NULL, width, 0};
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
	/* A gap has no place: it is listed under the file's heading. */
	assert_null(strstr(s, "p.txt:1:1:"));
	assert_non_null(strstr(s, "p.txt: missing disclosures (1):\n"
				  "  missing-children  error    says nothing about "
				  "children\n"));
	assert_non_null(strstr(s, "p.txt:2:8: info: a \"quoted\" message [cookie-word]\n"
				  "    2 | We use cookies here.\n"
				  "      |        ^~~~~~~\n"));
	assert_non_null(strstr(s, "p.txt: areas 1/11 disclosed; baseline: 0 of 2 "
				  "requirements met, 2 missing; 2 findings"));
	assert_non_null(strstr(s, "  cookies     disclosed at 2:8\n"));
	assert_non_null(strstr(s, "  children    not disclosed\n"));
	assert_null(strstr(s, "\033["));   /* no colour unless asked */
	free(s);
	s = render(PL_FORMAT_TEXT, "p.txt", "cookies", 0);
	assert_null(strstr(s, "/11 disclosed"));
	free(s);
}

/* Lone CR line ends (old Mac files) count like LF and CRLF: positions and
 * the quoted line. */
static void lone_cr_ends_lines(void **state)
{
	(void)state;
	char *s = render(PL_FORMAT_TEXT, "p.txt", "Intro.\rWe use cookies here.\r", 0);
	assert_non_null(strstr(s, "p.txt:2:8: info: a \"quoted\" message [cookie-word]\n"
				  "    2 | We use cookies here.\n"
				  "      |        ^~~~~~~\n"));
	free(s);
}

/* A line longer than the window is quoted around its finding, with "..."
 * where it is cut, and the caret under the finding's first character; the
 * column still counts characters (é is two bytes), from the line index's
 * character marks. */
/* The display columns of s[0..n): UTF-8 characters, two for the wide
 * ones this test uses. */
static size_t columns(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char b = (unsigned char)s[i];
		if ((b & 0xC0) != 0x80)
			c += b == 0xE6 ? 2 : 1;    /* U+6xxx: CJK, wide */
	}
	return c;
}

/* Whatever the terminal's width, the quoted line fills at most that many
 * columns (wide characters count two), and the caret stands under the
 * match in display columns. */
static void window_fits_every_width(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	for (int i = 0; i < 60; i++)
		pl_buf_puts(&b, "\xE6\x97\xA5\xE6\x9C\xAC caf\xC3\xA9 ");
	pl_buf_puts(&b, "we use cookies here");
	for (int i = 0; i < 60; i++)
		pl_buf_puts(&b, " \xE6\x97\xA5 more");
	pl_buf_puts(&b, ".\n");
	static const int widths[] = {40, 60, 80, 100, 132, 200};
	for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
		width = widths[k];
		char *s = render(PL_FORMAT_TEXT, "p.txt", b.data, 0);
		const char *q = strstr(s, "    1 | ...");
		assert_non_null(q);
		const char *nl = strchr(q, '\n');
		assert_true(columns(q, (size_t)(nl - q)) <= (size_t)width);
		assert_non_null(strstr(q, "...\n"));   /* cut on both sides */
		const char *word = strstr(q, "cookies");
		assert_true(word != NULL && word < nl);
		const char *caret = strchr(nl + 1, '^');
		assert_int_equal(columns(nl + 1, (size_t)(caret - nl - 1)),
				 columns(q, (size_t)(word - q)));
		free(s);
	}
	width = 0;
	pl_buf_free(&b);
}

static void long_line_is_quoted_as_a_window(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	for (int i = 0; i < 2500; i++)
		pl_buf_puts(&b, "caf\xC3\xA9 ");
	pl_buf_puts(&b, "we use cookies here");
	for (int i = 0; i < 2500; i++)
		pl_buf_puts(&b, " more words");
	pl_buf_puts(&b, ".\n");
	char *s = render(PL_FORMAT_TEXT, "p.txt", b.data, 0);
	assert_non_null(strstr(s, "p.txt:1:12508: info: "));
	const char *q = strstr(s, "    1 | ...");
	assert_non_null(q);
	const char *nl = strchr(q, '\n');
	const char *caret = strchr(nl + 1, '^');
	assert_non_null(caret);
	/* Both lines are bounded: the window and its frame. */
	assert_true(nl - q < 200 * 2);
	assert_true(strchr(caret, '\n') - (nl + 1) < 200);
	/* The caret under "cookies": count characters up to each. */
	const char *word = strstr(q, "cookies");
	assert_non_null(word);
	assert_true(word < nl);
	size_t before_word = 0;
	for (const char *p = q; p < word; p++)
		before_word += ((unsigned char)*p & 0xC0) != 0x80;
	assert_int_equal((size_t)(caret - (nl + 1)), before_word);
	assert_non_null(strstr(caret, "^~~~~~~\n"));
	free(s);
	pl_buf_free(&b);
}

/* Thousands of findings on one line: each quotes a window, so the report
 * grows with the findings, not with findings times the line.  (A wording
 * rule reports once per paragraph, so the findings are in the cells of a
 * one-line table: a block each.) */
static void one_line_report_stays_bounded(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, "<table><tr>");
	for (int i = 0; i < 5000; i++)
		pl_buf_puts(&b, "<td>We use cookies.</td>");
	pl_buf_puts(&b, "</tr></table>");
	char *s = render(PL_FORMAT_TEXT, "p.html", b.data, 0);
	size_t findings = 0;
	for (const char *p = s; (p = strstr(p, "[cookie-word]")) != NULL; p++)
		findings++;
	assert_int_equal(findings, 5000);
	assert_true(strlen(s) < findings * 500);
	free(s);
	pl_buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_has_contract_fields),
		cmocka_unit_test(json_escapes_invalid_utf8),
		cmocka_unit_test(text_lines_and_caret),
		cmocka_unit_test(lone_cr_ends_lines),
		cmocka_unit_test(long_line_is_quoted_as_a_window),
		cmocka_unit_test(window_fits_every_width),
		cmocka_unit_test(one_line_report_stays_bounded),
	};
	return cmocka_run_group_tests_name("report", tests, NULL, NULL);
}
