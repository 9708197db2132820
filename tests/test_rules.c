/*
 * test_rules.c: loading and validating rule files, compiling patterns.
 * Every error must carry FILE:LINE:COLUMN and one run must report all.
 */
#include "testutil.h"

static const char *good =
	"define:\n"
	"  sell: '(?:sell|rent)'\n"
	"topics:\n"
	"  - id: sharing.sale\n"
	"    area: sharing\n"
	"    summary: Whether information is sold\n"
	"    patterns: ['\\b{{sell}}s?\\b']\n"
	"    exclude: ['garage']\n"
	"    examples:\n"
	"      match: [We sell data.]\n"
	"      no_match: [We hold a garage sale.]\n"
	"rules:\n"
	"  - id: missing-sale\n"
	"    kind: require\n"
	"    area: sharing\n"
	"    severity: error\n"
	"    topics: [sharing.sale]\n"
	"    message: no word on selling\n"
	"    rationale: Because.\n"
	"    references: [\"CCPA 1798.120\"]\n"
	"    examples:\n"
	"      match: [Hello.]\n"
	"      no_match: [We rent data.]\n";

static void loads_a_valid_file(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(good, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(d.count, 0);   /* not even a warning */
	assert_int_equal(pl_ruleset_check_examples(rs, &d), 0);
	assert_true(pl_ruleset_has_rule(rs, "missing-sale"));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

/* The diagnostic of code whose message holds needle, which must be there
 * and on line. */
static const pl_diag *diag_on(const pl_diags *d, pl_diag_code code,
			      const char *needle, unsigned long line)
{
	const pl_diag *x = tu_diag(d, code, needle);
	assert_non_null(x);
	assert_int_equal(x->line, line);
	return x;
}

static void reports_every_error_with_position(void **state)
{
	(void)state;
	const char *bad =
		"topics:\n"
		"  - id: sharing.x\n"                 /* line 2 */
		"    area: shopping\n"                /* 3: unknown area */
		"    summary: s\n"
		"    colour: red\n"                   /* 5: unknown key */
		"    patterns: ['ok']\n"
		"rules:\n"
		"  - id: Bad_Id\n"                    /* 8: bad id */
		"    kind: require\n"
		"    area: sharing\n"
		"    severity: fatal\n"               /* 11: bad severity */
		"    topics: [no.such]\n"
		"    report: once\n"                  /* 13: not an avoid rule */
		"    message: m\n"                    /* rationale missing */
		"  - {id: r2, kind: avoid, area: sharing, severity: info,\n"
		"     message: m, rationale: r, report: twice,\n" /* 16 */
		"     patterns: ['x']}\n";
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_new();
	char *path = tu_write_temp(".yaml", bad, strlen(bad));
	pl_ruleset_load(rs, path, &d);
	assert_int_equal(diag_on(&d, PL_DIAG_RULES_SCHEMA, "'shopping'", 3)->column, 11);
	assert_int_equal(diag_on(&d, PL_DIAG_RULES_SCHEMA, "'colour'", 5)->column, 5);
	diag_on(&d, PL_DIAG_RULES_BAD_ID, "'Bad_Id'", 8);
	diag_on(&d, PL_DIAG_RULES_SCHEMA, "'fatal'", 11);
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_SCHEMA, "'rationale'"));
	diag_on(&d, PL_DIAG_RULES_SCHEMA, "'report' only applies", 13);
	diag_on(&d, PL_DIAG_RULES_SCHEMA, "not 'twice'", 16);
	assert_string_equal(d.items[0].path, path);
	assert_true(d.errors >= 5);
	unlink(path);
	free(path);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void unknown_topic_and_duplicates(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - {id: a.b, area: rights, summary: s, patterns: [x]}\n"
		"  - {id: a.b, area: rights, summary: s, patterns: [y]}\n"
		"rules:\n"
		"  - {id: r, kind: require, area: rights, severity: info,\n"
		"     message: m, rationale: r, topics: [a.c]}\n"
		"  - {id: r, kind: avoid, area: rights, severity: info,\n"
		"     message: m, rationale: r, patterns: [z]}\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const pl_diag *x = tu_diag(&d, PL_DIAG_RULES_DUPLICATE_ID, "'a.b'");
	assert_non_null(x);
	assert_int_equal(x->line, 3);
	x = tu_diag(&d, PL_DIAG_RULES_UNKNOWN_REFERENCE, "'a.c'");
	assert_non_null(x);
	assert_int_equal(x->line, 6);
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_DUPLICATE_ID, "'r'"));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void bad_regex_points_at_the_character(void **state)
{
	(void)state;
	/* The quote is at column 16, so the pattern's first character is at
	 * 17 and the unmatched ')' (offset 8) at 25. */
	const char *yaml =
		"topics:\n"
		"  - id: a.b\n"
		"    area: rights\n"
		"    summary: s\n"
		"    patterns: ['abc(def))']\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const pl_diag *x = tu_diag(&d, PL_DIAG_RULES_BAD_REGEX, NULL);
	assert_non_null(x);
	assert_int_equal(x->line, 5);
	assert_int_equal(x->column, 17 + 8);
	assert_non_null(strstr(x->message, "topic 'a.b'"));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void unknown_fragment_is_an_error(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - {id: a.b, area: rights, summary: s, patterns: ['x{{nope}}']}\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const pl_diag *x = tu_diag(&d, PL_DIAG_RULES_UNKNOWN_REFERENCE, "{{nope}}");
	assert_non_null(x);
	assert_int_equal(x->line, 2);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void yaml_syntax_error_has_position(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from("topics:\n  - id: [unclosed\n", &d);
	assert_int_equal(d.errors, 1);
	assert_non_null(tu_diag(&d, PL_DIAG_YAML_SYNTAX, NULL));
	assert_true(d.items[0].line >= 2);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void duplicate_key_is_an_error(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(
		"topics:\n  - id: a.b\n    id: a.c\n    area: rights\n"
		"    summary: s\n    patterns: [x]\n", &d);
	const pl_diag *x = tu_diag(&d, PL_DIAG_YAML_DUPLICATE_KEY, "'id'");
	assert_non_null(x);
	assert_int_equal(x->line, 3);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void failing_examples_are_reported(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - id: a.b\n"
		"    area: rights\n"
		"    summary: s\n"
		"    patterns: ['\\baccess\\b']\n"
		"    examples:\n"
		"      match: [You may request deletion.]\n"
		"      no_match: [You may access your data.]\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(pl_ruleset_check_examples(rs, &d), 2);
	const pl_diag *x = tu_diag(&d, PL_DIAG_RULES_EXAMPLE, "should match");
	assert_non_null(x);
	assert_int_equal(x->line, 7);
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_EXAMPLE, "should not match"));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void default_rules_load_clean_and_examples_pass(void **state)
{
	(void)state;
	pl_ruleset *rs = tu_default_rules();
	pl_diags d = {0};
	assert_int_equal(pl_ruleset_check_examples(rs, &d), 0);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void missing_rules_path(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_new();
	assert_int_equal(pl_ruleset_load(rs, "/nonexistent/rules.yaml", &d), 1);
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_UNREADABLE, NULL));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(loads_a_valid_file),
		cmocka_unit_test(reports_every_error_with_position),
		cmocka_unit_test(unknown_topic_and_duplicates),
		cmocka_unit_test(bad_regex_points_at_the_character),
		cmocka_unit_test(unknown_fragment_is_an_error),
		cmocka_unit_test(yaml_syntax_error_has_position),
		cmocka_unit_test(duplicate_key_is_an_error),
		cmocka_unit_test(failing_examples_are_reported),
		cmocka_unit_test(default_rules_load_clean_and_examples_pass),
		cmocka_unit_test(missing_rules_path),
	};
	return cmocka_run_group_tests_name("rules", tests, NULL, NULL);
}
