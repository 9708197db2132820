/*
 * test_conflicts.c: statements that contradict each other (src/conflicts.c)
 * and the YAML vocabularies behind them (rules_load.c, rules_compile.c).
 *
 * The policies here are short and written for these tests; the measured
 * set is tests/conflicts/ (tests/cli/conflicts_eval.sh).
 */
#include "testutil.h"

#include <time.h>

#include "util.h"

static pl_ruleset *rules;

static int setup(void **state)
{
	(void)state;
	rules = tu_default_rules();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pl_ruleset_free(rules);
	return 0;
}

static size_t count_conflicts(const pl_result *r)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += r->findings[i].kind == PL_KIND_CONFLICT;
	return n;
}

static const pl_finding *first_conflict(const pl_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (r->findings[i].kind == PL_KIND_CONFLICT)
			return &r->findings[i];
	return NULL;
}

static size_t conflicts_in(const char *text)
{
	pl_diags d = {0};
	pl_result *r = tu_lint(rules, "policy.txt", text, &d);
	size_t n = count_conflicts(r);
	pl_result_free(r);
	pl_diags_clear(&d);
	return n;
}

/* The finding sits at the denial, names both statements, and points at
 * the affirmation in `related`. */
static void test_report_shape(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_result *r = tu_lint(rules, "p.txt",
			       "We never sell your personal information.\n"
			       "Our shop opens at nine.\n"
			       "We sell your purchase history to data brokers.\n",
			       &d);
	const pl_finding *f = first_conflict(r);
	assert_non_null(f);
	assert_int_equal(count_conflicts(r), 1);
	assert_string_equal(f->rule, "conflicting-sharing");
	assert_int_equal(f->severity, PL_SEV_ERROR);
	assert_int_equal(f->area, PL_AREA_SHARING);
	assert_int_equal(f->loc.line, 1);
	assert_int_equal(f->nrelated, 1);
	assert_int_equal(f->related[0].line, 3);
	assert_non_null(f->related[0].message);
	assert_non_null(strstr(f->message, "does not sell personal information "
				       "(line 1)"));
	assert_non_null(strstr(f->message, "sells purchase history to data "
				       "brokers (line 3)"));
	pl_result_free(r);
	pl_diags_clear(&d);
}

/* A page that prints a paragraph twice (a layout's copy, a notice
 * repeated under another heading) contradicts itself once: the repeated
 * denial is named in the first one's finding, and a repeated affirmation
 * is one related location. */
static void test_repeated_sentences(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_result *r = tu_lint(rules, "p.txt",
			       "We never sell your personal information.\n\n"
			       "We sell your purchase history to data brokers.\n\n"
			       "We never sell your personal information.\n\n"
			       "We sell your purchase history to data brokers.\n\n"
			       "We never sell your personal information.\n",
			       &d);
	assert_int_equal(count_conflicts(r), 1);
	const pl_finding *f = first_conflict(r);
	assert_non_null(f);
	assert_int_equal(f->loc.line, 1);
	assert_int_equal(f->nrelated, 1);
	assert_int_equal(f->related[0].line, 3);
	assert_non_null(strstr(f->message, "repeated at lines 5, 9"));
	pl_result_free(r);
	pl_diags_clear(&d);
}

/* One real contradiction per action. */
static void test_each_action(void **state)
{
	(void)state;
	static const char *const cases[] = {
		"We do not collect your phone number.\n"
		"When you order, we collect your mobile phone number.\n",
		"We do not use your location for advertising.\n"
		"We use your precise location to show you targeted ads.\n",
		"We do not share your e-mail address with anyone.\n"
		"We share your e-mail address with our marketing partners.\n",
		"We will not rent your personal data to other companies.\n"
		"We rent your postal address to other retailers.\n",
		"Your personal data never leaves the European Union.\n"
		"We transfer your account details to a call centre in India.\n",
		"We do not keep your card number.\n"
		"We store your card number for one-click checkout.\n",
		"We erase your personal information when you leave.\n"
		"We keep your personal information forever.\n",
		"We do not track you across other websites.\n"
		"We follow your browsing across other websites to profile you.\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		assert_int_equal(conflicts_in(cases[i]), 1);
}

/* Look-alikes that a careful reader finds consistent. */
static void test_look_alikes(void **state)
{
	(void)state;
	static const char *const cases[] = {
		/* different actions */
		"We never sell your data.\nWe share your data with our "
		"hosting provider.\n",
		/* broad positive, narrow negative */
		"We collect personal information such as your name.\n"
		"We do not collect health information.\n",
		/* an exception that names the recipient */
		"We do not share personal data except with service providers.\n"
		"We share your address with our shipping provider.\n",
		/* consent, and the law */
		"We do not share your data without your consent.\n"
		"We share your data with partners.\n",
		"We do not disclose your data unless the law requires it.\n"
		"We disclose data to the police when a court order requires "
		"it.\n",
		/* someone else's practice, a question, the past, a hypothesis */
		"We do not sell your data.\nAdvertisers on other sites may "
		"sell data about you.\n",
		"Do we sell your data?\nWe do not sell your data.\n",
		"Before 2018 we sold customer data to brokers.\nWe do not sell "
		"customer data.\n",
		"If we ever sell personal information, we will ask first.\n"
		"We do not sell personal information.\n",
		/* de-identified data is its own branch */
		"We do not sell personal information.\nWe sell anonymized "
		"usage statistics.\n",
		/* a scope the positive does not share */
		"We do not collect data from children under 13.\nWe collect "
		"the e-mail addresses of account holders.\n",
		/* a purpose the positive does not share */
		"We do not use your health data for advertising.\nWe use your "
		"health data to plan your workouts.\n",
		/* places inside the home region */
		"We do not transfer personal data outside the EU.\nWe move "
		"your data from Ireland to Germany.\n",
		/* "not only ... but also" */
		"We not only use cookies to sign you in but also to count "
		"visits.\nWe use cookies for these two reasons.\n",
		/* a bounded retention against a deletion */
		"We keep your files while your account is open.\nWe delete "
		"your files within 30 days of closing.\n",
		/* the reader's own action, an imperative */
		"We do not share your photos.\nYou can share any photo with a "
		"friend.\nDo not share your password with anyone.\n",
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		if (conflicts_in(cases[i]) != 0)
			fail_msg("false conflict in case %zu: %s", i, cases[i]);
	}
}

/* "only" denies every other purpose. */
static void test_only(void **state)
{
	(void)state;
	assert_int_equal(conflicts_in(
		"We use your email address only to send receipts.\n"
		"We use your email address to send you promotional e-mails.\n"),
		1);
	assert_int_equal(conflicts_in(
		"We use your email address only to send receipts.\n"
		"We use your email address to send you receipts and order "
		"confirmations.\n"), 0);
}

/* A disabled rule reports nothing. */
static void test_disabled(void **state)
{
	(void)state;
	const char *text = "We never sell your data.\nWe sell your name to "
			   "data brokers.\n";
	size_t n = strlen(text);
	char *copy = malloc(n + 1);
	memcpy(copy, text, n + 1);
	const char *const off[] = {"conflicting-sharing"};
	pl_scan_options o = {.format = PL_INPUT_AUTO, .disabled = off, .ndisabled = 1};
	pl_diags d = {0};
	pl_result *r = pl_scan(rules, "p.txt", copy, n, &o, &d);
	assert_int_equal(count_conflicts(r), 0);
	pl_result_free(r);
	pl_diags_clear(&d);
}

/* Statements are compared within an action against a bounded number of
 * earlier ones: a long policy of many claims stays fast and reports each
 * contradicting pair once. */
static void test_linear_cost(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	for (int i = 0; i < 3000; i++)
		pl_buf_puts(&b, i % 2 ? "We collect your e-mail address.\n"
				      : "We use cookies to count visits.\n");
	pl_buf_puts(&b, "We never collect your phone number.\n");
	clock_t t0 = clock();
	size_t n = conflicts_in(b.data);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_int_equal(n, 0);
	assert_true(secs < 20.0);
	pl_buf_free(&b);
}

/* ---- The schema --------------------------------------------------------- */

static void expect_error(const char *yaml, pl_diag_code code,
			 const char *needle, unsigned long line)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const pl_diag *e = tu_diag(&d, code, needle);
	if (e == NULL) {
		pl_diags_print(&d, stderr);
		fail_msg("no diagnostic %s naming '%s'", pl_diag_code_id(code), needle ? needle : "");
	}
	assert_int_equal(e->severity, PL_SEV_ERROR);
	assert_int_equal(e->line, line);
	assert_true(e->column > 0);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

static void test_schema_errors(void **state)
{
	(void)state;
	expect_error("data_types:\n"
		     "  - id: email\n"
		     "    parent: contact\n"
		     "    patterns: ['e-mail']\n",
		     PL_DIAG_RULES_UNKNOWN_REFERENCE, "'contact'", 3);
	expect_error("data_types:\n"
		     "  - id: a\n"
		     "    parent: b\n"
		     "    patterns: ['a']\n"
		     "  - id: b\n"
		     "    parent: a\n"
		     "    patterns: ['b']\n",
		     PL_DIAG_RULES_CYCLE, "'a'", 3);
	expect_error("qualifiers:\n"
		     "  - id: odd\n"
		     "    effect: sometimes\n"
		     "    patterns: ['x']\n",
		     PL_DIAG_RULES_SCHEMA, "'sometimes'", 3);
	expect_error("actions:\n"
		     "  - id: sell\n"
		     "    denies: does not sell\n"
		     "    patterns: ['sell']\n",
		     PL_DIAG_RULES_SCHEMA, "'says'", 2);
	expect_error("actions:\n"
		     "  - id: sell\n"
		     "    says: sells\n"
		     "    denies: does not sell\n"
		     "    patterns: ['sel(l']\n",
		     PL_DIAG_RULES_BAD_REGEX, NULL, 5);
	expect_error("rules:\n"
		     "  - id: c\n"
		     "    kind: conflict\n"
		     "    area: sharing\n"
		     "    severity: error\n"
		     "    message: m\n"
		     "    rationale: r\n"
		     "    actions: [barter]\n",
		     PL_DIAG_RULES_UNKNOWN_REFERENCE, "'barter'", 8);
	expect_error("recipients:\n"
		     "  - id: brokers\n"
		     "    patterns: ['brokers']\n"
		     "    color: red\n",
		     PL_DIAG_RULES_SCHEMA, "'color'", 4);
}

/* One run reports every problem, not just the first. */
static void test_schema_reports_all(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from("data_types:\n"
				       "  - id: x\n"
				       "    parent: nowhere\n"
				       "    patterns: ['x']\n"
				       "places:\n"
				       "  - id: y\n"
				       "    patterns: ['(']\n", &d);
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_UNKNOWN_REFERENCE, "'nowhere'"));
	assert_non_null(tu_diag(&d, PL_DIAG_RULES_BAD_REGEX, NULL));
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_report_shape),
		cmocka_unit_test(test_repeated_sentences),
		cmocka_unit_test(test_each_action),
		cmocka_unit_test(test_look_alikes),
		cmocka_unit_test(test_only),
		cmocka_unit_test(test_disabled),
		cmocka_unit_test(test_linear_cost),
		cmocka_unit_test(test_schema_errors),
		cmocka_unit_test(test_schema_reports_all),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
