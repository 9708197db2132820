/*
 * test_scan.c: the scanner's judgement of matches (headings, exclusions,
 * sections, negation, hedges), evidence offsets, rule kinds, and the match
 * limit that keeps a bad pattern from hanging a run.
 */
#include "testutil.h"

static const char *rules_yaml =
	"topics:\n"
	"  - id: sharing.sale\n"
	"    area: sharing\n"
	"    summary: sale\n"
	"    patterns: ['\\bsell\\b']\n"
	"    exclude: ['garage']\n"
	"    exclude-lead-in: ['right to know']\n"
	"  - id: sharing.neg\n"
	"    area: sharing\n"
	"    summary: affirmative sharing only\n"
	"    patterns: ['\\bshare\\b']\n"
	"    negated: skip\n"
	"    conditional: skip\n"
	"  - id: retention.weak\n"
	"    area: retention\n"
	"    summary: weak wording that only counts under a retention heading\n"
	"    patterns: ['\\bas long as\\b']\n"
	"    section: ['retention|how long']\n"
	"  - id: cookies.use\n"
	"    area: cookies\n"
	"    summary: cookies\n"
	"    patterns: ['\\bcookies?\\b']\n"
	"  - id: cookies.refuse\n"
	"    area: cookies\n"
	"    summary: refuse\n"
	"    patterns: ['\\b(?:refuse|disable|block)\\b']\n"
	"rules:\n"
	"  - {id: missing-sharing, kind: require, area: sharing, severity: error,\n"
	"     message: no sharing, rationale: r, topics: [sharing]}\n"
	"  - {id: missing-retention, kind: require, area: retention,\n"
	"     severity: warning, message: no retention, rationale: r,\n"
	"     topics: [retention.weak]}\n"
	"  - {id: cookies-refusal, kind: require-if, area: cookies,\n"
	"     severity: warning, message: no refusal, rationale: r,\n"
	"     when: [cookies.use], topics: [cookies.refuse]}\n"
	"  - {id: shouting, kind: avoid, area: contact, severity: info,\n"
	"     message: do not shout, rationale: r, patterns: ['\\bURGENT\\b']}\n"
	"  - {id: old-framework, kind: avoid, area: sharing, severity: error,\n"
	"     message: relies on the old framework, rationale: r, report: once,\n"
	"     patterns: ['\\bOld Shield\\b']}\n";

static pl_ruleset *rules(void)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(rules_yaml, &d);
	if (d.errors)
		pl_diags_print(&d, stderr);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return rs;
}

static size_t count_rule(const pl_result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += strcmp(r->findings[i].rule, rule) == 0;
	return n;
}

static size_t count_topic(const pl_result *r, pl_area a, const char *topic)
{
	size_t n = 0;
	for (size_t i = 0; i < r->areas[a].count; i++)
		n += strcmp(r->areas[a].evidence[i].topic, topic) == 0;
	return n;
}

static void evidence_points_at_the_words(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	const char *text = "Hello there.\n\nWe may sell your data to partners.\n";
	pl_result *r = tu_lint(rs, "p.txt", text, &d);
	assert_true(r->areas[PL_AREA_SHARING].disclosed);
	const pl_evidence *e = &r->areas[PL_AREA_SHARING].evidence[0];
	assert_int_equal(e->loc.offset, (size_t)(strstr(text, "sell") - text));
	assert_int_equal(e->loc.length, 4);
	assert_int_equal(e->loc.line, 3);
	assert_int_equal(e->loc.column, 8);
	assert_null(tu_finding(r, "missing-sharing"));
	assert_non_null(tu_finding(r, "missing-retention"));
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void columns_count_characters(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	/* "Ünïcödé " is 8 characters but 12 bytes. */
	pl_result *r = tu_lint(rs, "p.txt", "\xC3\x9Cn\xC3\xAF" "c\xC3\xB6" "d\xC3\xA9 we sell.\n", &d);
	const pl_evidence *e = &r->areas[PL_AREA_SHARING].evidence[0];
	assert_int_equal(e->loc.offset, 15);
	assert_int_equal(e->loc.column, 12);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void exclusions_negation_and_hedges(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt",
		"We sell old furniture at a garage event.\n\n"
		"We do not share your data.\n\n"
		"If we ever share your data, we will ask.\n\n"
		"We share data with carriers.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.sale"), 0);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.neg"), 1);
	assert_int_equal(r->areas[PL_AREA_SHARING].evidence[0].loc.line, 7);
	pl_result_free(r);
	/* A label whose value opens with a denial denies what it names; a
	 * value that undoes the denial, or a plain one, does not. */
	r = tu_lint(rs, "p.txt",
		"- Data we share: None.\n"
		"- What we share: we do not share anything.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.neg"), 0);
	pl_result_free(r);
	r = tu_lint(rs, "p.txt",
		"- Data we share: none, except your e-mail address.\n"
		"- Data we share: your e-mail address, with our host.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.neg"), 2);
	pl_result_free(r);
	/* "At no cost" denies nothing. */
	r = tu_lint(rs, "p.txt", "At no cost to you, we share your data with carriers.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.neg"), 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void sections_and_headings(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	/* "as long as" only counts under a retention heading; a heading is
	 * never evidence by itself. */
	pl_result *r = tu_lint(rs, "p.md",
		"# Cookies\n\nYou may stay as long as you like.\n\n"
		"## How long we keep data\n\nWe keep it as long as your account is open.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_RETENTION, "retention.weak"), 1);
	assert_int_equal(r->areas[PL_AREA_RETENTION].evidence[0].loc.line, 7);
	assert_int_equal(count_topic(r, PL_AREA_COOKIES, "cookies.use"), 0);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* Regression: a match that ran from a heading into the paragraph under it
 * was rejected, and the search went on after it, losing the real match
 * inside the paragraph. */
static void match_into_next_block_is_not_lost(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - {id: retention.x, area: retention, summary: s,\n"
		"     patterns: ['\\bkeep\\b[^.]{0,80}\\buntil\\b']}\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const char *text = "HOW LONG WE KEEP IT\n\nWe keep your data until you leave.\n";
	pl_result *r = tu_lint(rs, "k.txt", text, &d);
	assert_int_equal(r->areas[PL_AREA_RETENTION].count, 1);
	assert_int_equal(r->areas[PL_AREA_RETENTION].evidence[0].loc.line, 3);
	pl_result_free(r);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

/* Regression: a pattern starting on a list marker ("^\\W*to ") matched
 * outside the item's block and was dropped as "between blocks". */
static void match_starting_on_a_list_marker_counts(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - {id: collection.x, area: collection, summary: s,\n"
		"     patterns: ['(?m)^\\W*to\\s+bake\\b']}\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	const char *text = "USES\n\n- To bake bread\n";
	pl_result *r = tu_lint(rs, "l.txt", text, &d);
	assert_int_equal(r->areas[PL_AREA_COLLECTION].count, 1);
	const pl_evidence *e = &r->areas[PL_AREA_COLLECTION].evidence[0];
	assert_int_equal(e->loc.offset, (size_t)(strstr(text, "To bake") - text));
	assert_int_equal(e->loc.length, 7);
	pl_result_free(r);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

/* An item of a list whose lead-in matches `exclude-lead-in` is no
 * evidence; the same words in another list, or out of one, are. */
static void lead_in_exclusions(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt",
		"You have the right to know:\n\n"
		"- the categories of data we sell;\n"
		"- to whom we sell them.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.sale"), 0);
	pl_result_free(r);
	r = tu_lint(rs, "p.txt",
		"In the past year we did the following:\n\n"
		"- we sell the categories of data named above;\n"
		"- we keep records.\n\n"
		"You have the right to know what we sell.\n", &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.sale"), 2);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* The baseline coverage of rule id in r: 'm' met, 'x' missing, 'n' not
 * applicable, '?' not listed. */
static char coverage_of(const pl_result *r, const char *id)
{
	for (size_t c = 0; c < pl_result_coverage_count(r); c++) {
		const pl_coverage *cv = pl_result_coverage(r, c);
		for (size_t i = 0; i < cv->nmet; i++)
			if (strcmp(cv->met[i], id) == 0)
				return 'm';
		for (size_t i = 0; i < cv->nmissing; i++)
			if (strcmp(cv->missing[i], id) == 0)
				return 'x';
		for (size_t i = 0; i < cv->nnot_applicable; i++)
			if (strcmp(cv->not_applicable[i], id) == 0)
				return 'n';
	}
	return '?';
}

/* A require-if rule's disclosure made where its condition is not shown is
 * met; with neither, the rule is not applicable. */
static void require_if_coverage(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt", "You can block trackers in your browser.\n", &d);
	assert_int_equal(coverage_of(r, "cookies-refusal"), 'm');
	pl_result_free(r);
	r = tu_lint(rs, "p.txt", "We keep your data safe.\n", &d);
	assert_int_equal(coverage_of(r, "cookies-refusal"), 'n');
	pl_result_free(r);
	r = tu_lint(rs, "p.txt", "We set cookies.\n", &d);
	assert_int_equal(coverage_of(r, "cookies-refusal"), 'x');
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void require_if_points_at_the_trigger(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	const char *text = "Intro.\n\nOur site sets cookies for login.\n";
	pl_result *r = tu_lint(rs, "p.txt", text, &d);
	const pl_finding *f = tu_finding(r, "cookies-refusal");
	assert_non_null(f);
	assert_int_equal(f->kind, PL_KIND_INCOMPLETE);
	assert_int_equal(f->loc.line, 3);
	assert_int_equal(f->loc.offset, (size_t)(strstr(text, "cookies") - text));
	pl_result_free(r);
	r = tu_lint(rs, "p.txt", "We set cookies. You can block them.\n", &d);
	assert_null(tu_finding(r, "cookies-refusal"));
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void avoid_rules_report_each_place(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt", "URGENT notice.\n\nStill URGENT.\n", &d);
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].rule, "shouting") == 0) {
			assert_int_equal(r->findings[i].kind, PL_KIND_WORDING);
			assert_int_equal(r->findings[i].severity, PL_SEV_INFO);
			n++;
		}
	assert_int_equal(n, 2);
	/* findings come in source order: file-level ones (1:1) first */
	for (size_t i = 1; i < r->nfindings; i++)
		assert_true(r->findings[i - 1].loc.offset <= r->findings[i].loc.offset);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* `report: once`: a policy that names the framework on every page has one
 * problem; the first place is the finding, the others its related
 * locations, named in the message. */
static void avoid_rules_report_once(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt",
			       "We use the Old Shield.\n\nHello.\n\n"
			       "The Old Shield covers transfers.\n\n"
			       "See the Old Shield list.\n", &d);
	assert_int_equal(count_rule(r, "old-framework"), 1);
	const pl_finding *f = tu_finding(r, "old-framework");
	assert_non_null(f);
	assert_int_equal(f->loc.line, 1);
	assert_int_equal(f->nrelated, 2);
	assert_int_equal(f->related[0].line, 5);
	assert_int_equal(f->related[1].line, 7);
	assert_non_null(strstr(f->message, "(also at lines 5, 7)"));
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void disabled_rules_are_not_reported(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	const char *off[] = {"missing-retention"};
	pl_scan_options so = {.format = PL_INPUT_AUTO, .disabled = off, .ndisabled = 1};
	char *text = strdup("Nothing here.\n");
	pl_result *r = pl_scan(rs, "p.txt", text, strlen(text), &so, &d);
	assert_null(tu_finding(r, "missing-retention"));
	assert_non_null(tu_finding(r, "missing-sharing"));
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void catastrophic_pattern_is_an_error_naming_the_rule(void **state)
{
	(void)state;
	const char *yaml =
		"topics:\n"
		"  - {id: a.slow, area: rights, summary: s,\n"
		"     patterns: ['^(\\w+\\s?)*$']}\n";
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(yaml, &d);
	assert_int_equal(d.errors, 0);
	char text[4096];
	memset(text, 'a', sizeof text - 2);
	text[sizeof text - 2] = '!';    /* so that $ never matches */
	text[sizeof text - 1] = '\0';
	pl_result *r = tu_lint(rs, "slow.txt", text, &d);
	const pl_diag *x = tu_diag(&d, PL_DIAG_PATTERN_LIMIT, NULL);
	assert_non_null(x);
	assert_non_null(strstr(x->message, "topic 'a.slow'"));
	assert_string_equal(x->path, "slow.txt");
	assert_true(d.errors >= 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

/* A policy written as one paragraph is searched in regions of about 64 KB
 * cut at sentence ends (scan.c): one region for the whole text made the
 * patterns the prefilter cannot narrow read all of it wherever one of
 * their words occurs (20 MB on one line cost ten times the same text in
 * paragraphs).  The evidence is what the text in paragraphs gives. */
static void one_long_paragraph_is_cut_at_sentences(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	const char *sent = "We share the pages you read with our partners. ";
	size_t n = strlen(sent), reps = 6000;    /* about 290 KB */
	char *big = malloc(n * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(big + i * n, sent, n);
	big[n * reps] = '\0';
	pl_scanner sc;
	pl_scanner_init(&sc, rs, "one.txt", big, n * reps, PL_INPUT_TEXT, &d);
	assert_int_equal(sc.text.nblocks, 1);
	assert_true(sc.nregions >= 4);
	for (size_t i = 0; i < sc.nregions; i++) {
		size_t from = i ? sc.block_ends[i - 1] : 0;
		assert_true(sc.block_ends[i] - from <= 64 * 1024 + n);
		/* each cut is a sentence's end */
		assert_true(i + 1 == sc.nregions || big[sc.block_ends[i] - 1] == '.');
	}
	pl_scanner_free(&sc);
	pl_result *r = pl_scan(rs, "one.txt", big, n * reps, NULL, &d);
	assert_int_equal(count_topic(r, PL_AREA_SHARING, "sharing.neg"), reps);
	pl_result_free(r);      /* frees big: pl_scan takes the text */
	pl_ruleset_free(rs);
}

static void large_input_is_linear(void **state)
{
	(void)state;
	pl_ruleset *rs = tu_default_rules();
	pl_diags d = {0};
	const char *para = "We collect your name and e-mail address when you "
			   "register, and we keep it for two years.\n\n";
	size_t n = strlen(para), reps = 40000;   /* about 4 MB */
	char *big = malloc(n * reps + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(big + i * n, para, n);
	big[n * reps] = '\0';
	pl_result *r = pl_scan(rs, "big.txt", big, n * reps, NULL, &d);
	assert_int_equal(d.errors, 0);
	assert_true(r->areas[PL_AREA_RETENTION].disclosed);
	assert_int_equal(r->nlines, 2 * reps + 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(evidence_points_at_the_words),
		cmocka_unit_test(one_long_paragraph_is_cut_at_sentences),
		cmocka_unit_test(columns_count_characters),
		cmocka_unit_test(exclusions_negation_and_hedges),
		cmocka_unit_test(sections_and_headings),
		cmocka_unit_test(match_into_next_block_is_not_lost),
		cmocka_unit_test(match_starting_on_a_list_marker_counts),
		cmocka_unit_test(lead_in_exclusions),
		cmocka_unit_test(require_if_coverage),
		cmocka_unit_test(require_if_points_at_the_trigger),
		cmocka_unit_test(avoid_rules_report_each_place),
		cmocka_unit_test(avoid_rules_report_once),
		cmocka_unit_test(disabled_rules_are_not_reported),
		cmocka_unit_test(catastrophic_pattern_is_an_error_naming_the_rule),
		cmocka_unit_test(large_input_is_linear),
	};
	return cmocka_run_group_tests_name("scan", tests, NULL, NULL);
}
