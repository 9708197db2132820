/*
 * test_dates.c: finding and comparing policy dates (dates.c), and the
 * yearly-update check built on them (max-age-months).
 */
#include "testutil.h"

static pl_date find(const char *s, size_t *start, size_t *end)
{
	pl_date d = {0, 0, 0};
	int rc = pl_date_find(s, strlen(s), &d, start, end);
	if (rc != 0)
		d.year = -1;
	return d;
}

static void expect_date(const char *s, int y, int m, int day)
{
	pl_date d = find(s, NULL, NULL);
	if (d.year != y || d.month != m || d.day != day)
		fail_msg("'%s': got %d-%d-%d, expected %d-%d-%d", s, d.year,
			 d.month, d.day, y, m, day);
}

static void expect_none(const char *s)
{
	pl_date d = find(s, NULL, NULL);
	if (d.year != -1)
		fail_msg("'%s': found %d-%d-%d, expected no date", s, d.year,
			 d.month, d.day);
}

static void common_formats(void **state)
{
	(void)state;
	expect_date("Last updated: January 5, 2024", 2024, 1, 5);
	expect_date("Last updated: 5 January 2024", 2024, 1, 5);
	expect_date("Effective 2024-01-05.", 2024, 1, 5);
	expect_date("Revised 01/05/2024", 2024, 1, 5);     /* month first */
	expect_date("Revised 25/12/2023", 2023, 12, 25);   /* cannot be a month */
	expect_date("Stand: 05.01.2024", 2024, 1, 5);      /* dots: day first */
	expect_date("Updated Jan. 2024", 2024, 1, 0);      /* month only */
	expect_date("Effective as of March 3rd, 2025", 2025, 3, 3);
	expect_date("Effective as May 18, 2016", 2016, 5, 18);
	expect_date("the 21st of September, 2022", 2022, 9, 21);
	expect_date("Sept. 9, 2021", 2021, 9, 9);
	expect_date("Updated: December 2019 (minor)", 2019, 12, 0);
	expect_date("version of 1-5-24", 2024, 1, 5);      /* two-digit year */
	expect_date("29 February 2024", 2024, 2, 29);      /* leap year */
	expect_date("LAST UPDATED: MAY 22, 2024", 2024, 5, 22);
}

static void not_dates(void **state)
{
	(void)state;
	expect_none("We keep logs for 30 days.");
	expect_none("Call 1-800-555-0142 with questions.");
	expect_none("Our server at 10.0.0.1 handles mail.");
	expect_none("Version 1.2.3.4 of the app.");
	expect_none("29 February 2023");                    /* not a leap year */
	expect_none("31/31/2024");
	expect_none("We may share data with marketing partners in 2024");
	expect_none("Decision 2010/87/EU");
	expect_none("");
}

static void position_of_the_date(void **state)
{
	(void)state;
	size_t a = 0, b = 0;
	const char *s = "Effective date: 3 March 2025. Earlier: 1 May 2020.";
	pl_date d = find(s, &a, &b);
	assert_int_equal(d.year, 2025);
	assert_int_equal(a, 16);
	assert_int_equal(b, 28);
}

static void iso_and_age(void **state)
{
	(void)state;
	pl_date d, t;
	assert_int_equal(pl_date_parse_iso("2025-06-01", &t), 0);
	assert_int_equal(pl_date_parse_iso("2025-02-29", &d), -1);
	assert_int_equal(pl_date_parse_iso("2025-6-1", &d), -1);
	assert_int_equal(pl_date_parse_iso("2025-06-01x", &d), -1);
	assert_int_equal(pl_date_days(&(pl_date){1970, 1, 1}), 0);
	assert_int_equal(pl_date_days(&(pl_date){2000, 3, 1}), 11017);
	/* 12 months after 2024-06-01 is 2025-06-01: not yet older. */
	assert_false(pl_date_older_than(&(pl_date){2024, 6, 1}, &t, 12));
	assert_true(pl_date_older_than(&(pl_date){2024, 5, 31}, &t, 12));
	/* A month alone counts as its last day. */
	assert_false(pl_date_older_than(&(pl_date){2024, 6, 0}, &t, 12));
	assert_true(pl_date_older_than(&(pl_date){2024, 5, 0}, &t, 12));
	/* The end of a month clamps: 2023-03-31 + 11 months = 2024-02-29. */
	pl_date leap = {2024, 2, 29}, after = {2024, 3, 1};
	assert_false(pl_date_older_than(&(pl_date){2023, 3, 31}, &leap, 11));
	assert_true(pl_date_older_than(&(pl_date){2023, 3, 31}, &after, 11));
	char buf[16];
	pl_date_format(&(pl_date){2024, 1, 5}, buf, sizeof buf);
	assert_string_equal(buf, "2024-01-05");
	pl_date_format(&(pl_date){2024, 1, 0}, buf, sizeof buf);
	assert_string_equal(buf, "2024-01");
	pl_date now = pl_date_today();
	assert_true(pl_date_valid(&now) && now.day > 0 && now.year >= 2024);
}

/* A require rule with max-age-months, run through pl_scan with --today. */
static const char *const age_rules =
	"topics:\n"
	"  - id: changes.date\n"
	"    area: changes\n"
	"    summary: a date\n"
	"    evidence: false\n"
	"    headings: count\n"
	"    patterns: ['\\b(?:updated|effective)\\b']\n"
	"    examples: {match: [Updated today], no_match: [Nothing]}\n"
	"rules:\n"
	"  - id: yearly\n"
	"    kind: require\n"
	"    area: changes\n"
	"    severity: error\n"
	"    topics: [changes.date]\n"
	"    max-age-months: 12\n"
	"    message: no date within a year\n"
	"    rationale: test\n"
	"    references: [test]\n"
	"    examples: {match: [Nothing], no_match: [Updated 1 January 2099]}\n";

static pl_result *scan_on(const pl_ruleset *rs, const char *text,
			  pl_date today)
{
	pl_diags d = {0};
	pl_scan_options o = {.format = PL_INPUT_TEXT, .today = today};
	pl_result *r = pl_scan(rs, "p.txt", strdup(text), strlen(text), &o, &d);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return r;
}

static void yearly_update(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(age_rules, &d);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	pl_date today = {2025, 6, 1};
	const char *text = "Intro.\nEffective 1 May 2020. Last updated: 3 March 2025.\n";
	pl_result *r = scan_on(rs, text, today);
	assert_int_equal(r->nfindings, 0);
	pl_result_free(r);
	today.year = 2026;   /* 2026-06-01: the newest date is too old */
	r = scan_on(rs, text, today);
	assert_int_equal(r->nfindings, 1);
	assert_int_equal(r->findings[0].kind, PL_KIND_INCOMPLETE);
	assert_int_equal(r->findings[0].loc.line, 2);
	assert_non_null(strstr(r->findings[0].message, "dated 2025-03-03, 15 months before 2026-06-01"));
	pl_result_free(r);
	r = scan_on(rs, "No date at all.\n", today);
	assert_int_equal(r->nfindings, 1);
	assert_int_equal(r->findings[0].kind, PL_KIND_MISSING);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void bad_max_age_is_an_error(void **state)
{
	(void)state;
	char *yaml = strdup(age_rules);
	char *p = strstr(yaml, "max-age-months: 12");
	memcpy(p, "max-age-months: xx", 18);
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	assert_int_equal(d.errors, 1);
	assert_non_null(strstr(d.items[0].message, "'max-age-months' must be a whole number"));
	assert_int_equal(d.items[0].line, 15);
	pl_diags_clear(&d);
	pl_ruleset_free(rs);
	free(yaml);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(common_formats),
		cmocka_unit_test(not_dates),
		cmocka_unit_test(position_of_the_date),
		cmocka_unit_test(iso_and_age),
		cmocka_unit_test(yearly_update),
		cmocka_unit_test(bad_max_age_is_an_error),
	};
	return cmocka_run_group_tests_name("dates", tests, NULL, NULL);
}
