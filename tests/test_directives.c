/*
 * test_directives.c: inline directives (directives.c) on results of a
 * small rule set: what they suppress, what they report as unused, and
 * plain text masking.
 */
#include "testutil.h"
#include "directives.h"

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
	"    message: m\n"
	"    rationale: r\n"
	"    references: [r]\n"
	"    examples: {match: [x], no_match: [write to a@b.org]}\n"
	"  - id: vague\n"
	"    kind: avoid\n"
	"    area: sharing\n"
	"    severity: info\n"
	"    message: m\n"
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

/* Lints text as name with its directives applied, the way main.c does. */
static pl_result *lint(const pl_ruleset *rs, const char *name, const char *text)
{
	size_t n = strlen(text);
	/* Padded: PCRE2's JIT reads whole vectors near the end of a subject. */
	char *copy = calloc(1, n + 64);
	memcpy(copy, text, n + 1);
	pl_input_format fmt = pl_input_format_for_path(name);
	pl_directives *ds = pl_directives_parse(copy, n, fmt);
	if (fmt == PL_INPUT_TEXT)
		pl_directives_mask(ds, copy);
	pl_diags d = {0};
	pl_scan_options so = {.format = fmt};
	pl_result *r = pl_scan(rs, name, copy, n, &so, &d);
	pl_diags_clear(&d);
	pl_result_apply_directives(r, ds, rs, NULL, 0, PL_SEV_WARNING);
	pl_directives_free(ds);
	return r;
}

static size_t count(const pl_result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += strcmp(r->findings[i].rule, rule) == 0;
	return n;
}

static void test_disable_file(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "a.md",
			    "Our partners.\n\n<!-- policylint-disable-file need-contact -- elsewhere -->\n");
	assert_int_equal(count(r, "need-contact"), 0);
	assert_int_equal(count(r, "vague"), 1);
	assert_int_equal(count(r, "unused-directive"), 0);
	pl_result_free(r);
	r = lint(rs, "a.md", "<!-- policylint-disable-file -->\nOur partners.\n");
	assert_int_equal(r->nfindings, 0);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_regions_and_lines(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	/* Blocks apart: a rule counts once per sentence. */
	pl_result *r = lint(rs, "a.md",
			    "write to a@b.org.\n\n"
			    "partners 1.\n\n"                               /* 3 */
			    "<!-- policylint-disable vague -->\n\n"
			    "partners 2.\n\n"                               /* 7 */
			    "<!-- policylint-enable -->\n\n"
			    "partners 3.\n\n"                               /* 11 */
			    "<!-- policylint-disable-next-line vague -->\n\n"
			    "partners 4.\n\n"                               /* 15 */
			    "partners 5. <!-- policylint-disable-line vague -->\n\n"
			    "partners 6.\n");                                /* 19 */
	assert_int_equal(r->nfindings, 3);
	assert_int_equal(r->findings[0].loc.line, 3);
	assert_int_equal(r->findings[1].loc.line, 11);
	assert_int_equal(r->findings[2].loc.line, 19);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

static void test_unused(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "a.md",
			    "write to a@b.org\n"
			    "<!-- policylint-disable-next-line vague -->\n"
			    "nothing here\n"
			    "<!-- policylint-disable-file nosuch, vague -->\n");
	assert_int_equal(count(r, "unused-directive"), 3);
	const pl_finding *f = tu_finding(r, "unused-directive");
	assert_int_equal(f->loc.line, 2);
	assert_int_equal(f->loc.column, 1);
	assert_int_equal(f->severity, PL_SEV_WARNING);
	assert_int_equal(f->kind, PL_KIND_UNUSED_DIRECTIVE);
	assert_non_null(strstr(f->message, "'vague' suppressed nothing"));
	int unknown = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		unknown += strstr(r->findings[i].message, "no rule 'nosuch'") != NULL;
	assert_int_equal(unknown, 1);
	pl_result_free(r);

	/* Rules disabled elsewhere are not "unused". */
	size_t n = strlen("<!-- policylint-disable-file vague -->\nwrite to a@b.org\n");
	char *copy = strdup("<!-- policylint-disable-file vague -->\nwrite to a@b.org\n");
	pl_directives *ds = pl_directives_parse(copy, n, PL_INPUT_MARKDOWN);
	assert_int_equal(pl_directives_count(ds), 1);
	pl_diags d = {0};
	const char *off[] = {"vague"};
	pl_scan_options so = {.format = PL_INPUT_MARKDOWN, .disabled = off, .ndisabled = 1};
	r = pl_scan(rs, "b.md", copy, n, &so, &d);
	pl_result_apply_directives(r, ds, rs, off, 1, PL_SEV_WARNING);
	assert_int_equal(r->nfindings, 0);
	pl_directives_free(ds);
	pl_result_free(r);
	pl_diags_clear(&d);
	pl_ruleset_free(rs);
}

static void test_plain_text(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	/* The directive line's words are not prose: no contact evidence. */
	const char *text = "# policylint-disable-file vague -- write to a@b.org\n"
			   "Our partners.\n";
	pl_result *r = lint(rs, "p.txt", text);
	assert_int_equal(count(r, "need-contact"), 1);
	assert_int_equal(count(r, "vague"), 0);
	assert_false(r->areas[PL_AREA_CONTACT].disclosed);
	/* ... and the result holds the input as read. */
	assert_memory_equal(r->src, text, strlen(text));
	pl_result_free(r);
	/* In Markdown "# ..." is a heading, not a directive. */
	char *md = strdup("# policylint-disable-file vague\n");
	pl_directives *ds = pl_directives_parse(md, strlen(md), PL_INPUT_MARKDOWN);
	assert_int_equal(pl_directives_count(ds), 0);
	pl_directives_free(ds);
	free(md);
	pl_ruleset_free(rs);
}

static void test_unterminated_comment(void **state)
{
	(void)state;
	const char *s = "<!-- policylint-disable-file vague";
	pl_directives *ds = pl_directives_parse(s, strlen(s), PL_INPUT_HTML);
	assert_int_equal(pl_directives_count(ds), 0);
	pl_directives_free(ds);
	ds = pl_directives_parse("", 0, PL_INPUT_TEXT);
	assert_int_equal(pl_directives_count(ds), 0);
	pl_directives_free(ds);
}

/* Found by fuzzing: a comment inside a "# policylint-" line is masked
 * twice; the input must still come back byte for byte. */
static void test_overlapping_masks_restore_input(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	const char *text = "# policylint-disable-line <!-- policylint-enable vague -->\n"
			   "Our partners \xc3\xa9t\xc3\xa9.\n";
	pl_result *r = lint(rs, "p.txt", text);
	assert_memory_equal(r->src, text, strlen(text));
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* Old Mac files: a lone CR ends a line for directives as for positions. */
static void test_lone_cr_lines(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "a.md",
			    "write to a@b.org.\r\r"
			    "<!-- policylint-disable-next-line vague -->\r\r"
			    "partners 1.\r\r"
			    "partners 2.\r");
	assert_int_equal(count(r, "vague"), 1);
	assert_int_equal(tu_finding(r, "vague")->loc.line, 7);
	assert_int_equal(count(r, "unused-directive"), 0);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* A masked comment with characters of several bytes, then a finding on
 * the same line: its column counts characters of the input as read. */
static void test_columns_after_masked_text(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "p.txt",
			    "<!-- policylint-disable-line need-contact \xe2\x80\x94 "
			    "\xc3\xa9 --> our partners.\n");
	const pl_finding *f = tu_finding(r, "vague");
	assert_non_null(f);
	/* "<!-- ... -->" is 49 characters, then " our " (counting the
	 * masked bytes instead gave 58). */
	assert_int_equal(f->loc.line, 1);
	assert_int_equal(f->loc.column, 55);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* enable closes the disables that name one of its ids; a bare enable
 * closes all; a bare disable only ends at a bare enable. */
static void test_enable_closes_what_it_names(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_result *r = lint(rs, "a.md",
			    "write to a@b.org.\n\n"
			    "<!-- policylint-disable vague -->\n\n"           /* 3 */
			    "<!-- policylint-disable need-contact -->\n\n"    /* 5 */
			    "partners 1.\n\n"                                 /* 7 */
			    "<!-- policylint-enable need-contact -->\n\n"     /* 9 */
			    "partners 2.\n\n"                                 /* 11 */
			    "<!-- policylint-enable -->\n\n"                  /* 13 */
			    "partners 3.\n\n"                                 /* 15 */
			    "<!-- policylint-disable -->\n\n"                 /* 17 */
			    "<!-- policylint-enable vague -->\n\n"            /* 19 */
			    "partners 4.\n");                                 /* 21 */
	/* 1 and 2 suppressed, 3 reported, 4 still under the bare disable;
	 * the need-contact region suppressed nothing, and the named enable
	 * at 19 closed nothing. */
	assert_int_equal(count(r, "vague"), 1);
	assert_int_equal(tu_finding(r, "vague")->loc.line, 15);
	assert_int_equal(count(r, "unused-directive"), 2);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* Thousands of directives, each on its own line: each suppresses its own
 * finding and nothing else (the sweep that replaced the comparison of
 * every finding with every directive). */
static void test_many_directives(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, "write to a@b.org.\n\n");
	for (int i = 0; i < 3000; i++)
		pl_buf_printf(&b, "partners %d.%s\n\n", i,
			      i % 3 ? " <!-- policylint-disable-line vague -->" : "");
	pl_result *r = lint(rs, "a.md", b.data);
	assert_int_equal(count(r, "vague"), 1000);
	assert_int_equal(count(r, "unused-directive"), 0);
	for (size_t i = 0; i < r->nfindings; i++)
		assert_int_equal((r->findings[i].loc.line - 3) / 2 % 3, 0);
	pl_result_free(r);
	pl_buf_free(&b);
	pl_ruleset_free(rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_disable_file),
		cmocka_unit_test(test_regions_and_lines),
		cmocka_unit_test(test_unused),
		cmocka_unit_test(test_plain_text),
		cmocka_unit_test(test_unterminated_comment),
		cmocka_unit_test(test_overlapping_masks_restore_input),
		cmocka_unit_test(test_lone_cr_lines),
		cmocka_unit_test(test_columns_after_masked_text),
		cmocka_unit_test(test_enable_closes_what_it_names),
		cmocka_unit_test(test_many_directives),
	};
	return cmocka_run_group_tests_name("directives", tests, NULL, NULL);
}
