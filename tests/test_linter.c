/*
 * test_linter.c: the library's linter session gives a program what the
 * command line gives: configuration found above the file, inline
 * directives, the input format decided from the content, the three-phase
 * job API equal to one call, and a broken configuration reported once.
 */
#include "testutil.h"

#include <sys/stat.h>

static pl_linter *session(void)
{
	static const char *rules[1];
	const char *dir = getenv("POLICYLINT_RULES");
	rules[0] = dir && *dir ? dir : "rules";
	pl_linter_options o;
	pl_linter_options_init(&o);
	o.rules = rules;
	o.nrules = 1;
	o.today = (pl_date){2026, 12, 1};
	return pl_linter_new(&o);
}

/* A repository root (a .git folder stops the configuration search). */
static char *repo(void)
{
	char *dir = tu_tmpdir();
	char git[512];
	snprintf(git, sizeof git, "%s/.git", dir);
	assert_int_equal(mkdir(git, 0755), 0);
	return dir;
}

static const pl_finding *finding(const pl_result *r, const char *rule)
{
	for (size_t i = 0; i < pl_result_finding_count(r); i++)
		if (strcmp(pl_result_finding(r, i)->rule, rule) == 0)
			return pl_result_finding(r, i);
	return NULL;
}

static const char policy[] =
	"# Privacy\n\n"
	"<!-- policylint-disable-file missing-children -- tested -->\n\n"
	"We collect your e-mail address when you sign up.\n";

static void config_and_directives_apply(void **state)
{
	(void)state;
	char *dir = repo();
	free(tu_write_at(dir, ".policylint.yaml",
			 "disable: [missing-dnt]\n"
			 "severity: {missing-retention: error}\n"));
	char *path = tu_write_at(dir, "privacy.md", policy);
	pl_linter *l = session();
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	assert_int_equal(pl_linter_lint_file(l, path, NULL, &r, d), PL_LINTED);
	assert_int_equal(pl_diags_count(d), 0);
	assert_null(finding(r, "missing-dnt"));             /* config */
	assert_null(finding(r, "missing-children"));        /* directive */
	assert_int_equal(finding(r, "missing-retention")->severity,
			 PL_SEV_ERROR);                     /* severity: */
	assert_true(pl_result_disclosed(r, PL_AREA_COLLECTION));
	assert_true(pl_result_fails(r));
	/* The same bytes as a buffer with the same name: the same result. */
	pl_result *b = NULL;
	assert_int_equal(pl_linter_lint_buffer(l, path, policy, strlen(policy),
					       &b, d), PL_LINTED);
	assert_int_equal(pl_result_finding_count(b), pl_result_finding_count(r));
	for (size_t i = 0; i < pl_result_finding_count(r); i++) {
		assert_string_equal(pl_result_finding(b, i)->rule,
				    pl_result_finding(r, i)->rule);
		assert_int_equal(pl_result_finding(b, i)->severity,
				 pl_result_finding(r, i)->severity);
	}
	pl_result_free(b);
	pl_result_free(r);
	pl_linter_free(l);
	pl_diags_free(d);
	free(path);
	free(dir);
}

static void format_from_content(void **state)
{
	(void)state;
	char *dir = repo();
	char *path = tu_write_at(dir, "page.txt",
				 "<!DOCTYPE html><html><body><h1>Privacy</h1>"
				 "<p>We collect your e-mail address.</p>"
				 "</body></html>\n");
	pl_linter *l = session();
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	assert_int_equal(pl_linter_lint_file(l, path, NULL, &r, d), PL_LINTED);
	assert_int_equal(pl_result_format(r), PL_INPUT_HTML);
	/* The evidence points at the text, past the tag. */
	const pl_evidence *e = pl_result_evidence(r, PL_AREA_COLLECTION, 0);
	assert_non_null(e);
	assert_true(e->loc.column > 40);
	pl_result_free(r);
	pl_linter_free(l);
	pl_diags_free(d);
	free(path);
	free(dir);
}

static void jobs_equal_one_call(void **state)
{
	(void)state;
	char *dir = repo();
	char *path = tu_write_at(dir, "privacy.md", policy);
	pl_linter *l = session();
	pl_diags *d = pl_diags_new();
	pl_result *one = NULL, *three = NULL;
	assert_int_equal(pl_linter_lint_file(l, path, "shown.md", &one, d),
			 PL_LINTED);
	pl_lint_job *j = pl_lint_job_new(l, path, "shown.md");
	pl_lint_job_run(j);
	assert_int_equal(pl_lint_job_finish(j, &three, d), PL_LINTED);
	assert_string_equal(pl_result_path(three), "shown.md");
	assert_int_equal(pl_result_finding_count(one),
			 pl_result_finding_count(three));
	pl_result_free(one);
	pl_result_free(three);
	pl_linter_free(l);
	pl_diags_free(d);
	free(path);
	free(dir);
}

static void broken_config_reported_once(void **state)
{
	(void)state;
	char *dir = repo();
	free(tu_write_at(dir, ".policylint.yaml", "disabel: [x]\n"));
	char *a = tu_write_at(dir, "a.md", policy);
	char *b = tu_write_at(dir, "b.md", policy);
	pl_linter *l = session();
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	assert_int_equal(pl_linter_lint_file(l, a, NULL, &r, d), -1);
	assert_null(r);
	assert_non_null(tu_diag(d, PL_DIAG_CONFIG_SCHEMA, "disabel"));
	size_t n = pl_diags_count(d);
	assert_int_equal(pl_linter_lint_file(l, b, NULL, &r, d), -1);
	assert_int_equal(pl_diags_count(d), n);             /* not again */
	pl_linter_free(l);
	pl_diags_free(d);
	free(a);
	free(b);
	free(dir);
}

static void ignored_and_unreadable(void **state)
{
	(void)state;
	char *dir = repo();
	free(tu_write_at(dir, ".policylint.yaml", "ignore: ['drafts/*']\n"));
	char sub[512], gone[512];
	snprintf(sub, sizeof sub, "%s/drafts", dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	char *draft = tu_write_at(sub, "p.md", policy);
	snprintf(gone, sizeof gone, "%s/gone.md", dir);
	pl_linter *l = session();
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	assert_int_equal(pl_linter_lint_file(l, draft, NULL, &r, d), PL_SKIPPED);
	assert_null(r);
	assert_int_equal(pl_linter_lint_file(l, gone, NULL, &r, d), -1);
	assert_non_null(tu_diag(d, PL_DIAG_INPUT_MISSING, NULL));
	pl_linter_free(l);
	pl_diags_free(d);
	free(draft);
	free(dir);
}

/* The message table covers every code, with distinct ids. */
static void every_code_has_an_id(void **state)
{
	(void)state;
	for (int c = 0; c < PL_DIAG_COUNT; c++) {
		const char *id = pl_diag_code_id((pl_diag_code)c);
		assert_non_null(id);
		for (int k = 0; k < c; k++)
			assert_string_not_equal(id, pl_diag_code_id((pl_diag_code)k));
	}
	assert_null(pl_diag_code_id(PL_DIAG_COUNT));
}

/* --max-size for library callers: a file or a buffer over the limit is
 * refused with input-too-large, not linted. */
static void size_limit_applies(void **state)
{
	(void)state;
	static const char *rules[1];
	const char *dir = getenv("POLICYLINT_RULES");
	rules[0] = dir && *dir ? dir : "rules";
	pl_linter_options o;
	pl_linter_options_init(&o);
	o.rules = rules;
	o.nrules = 1;
	o.config = PL_CONFIG_NONE;
	o.max_size = 16;
	pl_linter *l = pl_linter_new(&o);
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	const char text[] = "We collect your e-mail address.\n";
	assert_int_equal(pl_linter_lint_buffer(l, "p.txt", text, sizeof text - 1,
					       &r, d), -1);
	assert_null(r);
	char *path = tu_write_temp(".txt", text, sizeof text - 1);
	assert_int_equal(pl_linter_lint_file(l, path, NULL, &r, d), -1);
	size_t refused = 0;
	for (size_t i = 0; i < pl_diags_count(d); i++)
		refused += pl_diags_get(d, i)->code == PL_DIAG_INPUT_TOO_LARGE;
	assert_int_equal(refused, 2);
	assert_int_equal(pl_linter_lint_buffer(l, "p.txt", text, 16, &r, d),
			 PL_LINTED);
	pl_result_free(r);
	unlink(path);
	free(path);
	pl_diags_free(d);
	pl_linter_free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_code_has_an_id),
		cmocka_unit_test(config_and_directives_apply),
		cmocka_unit_test(format_from_content),
		cmocka_unit_test(jobs_equal_one_call),
		cmocka_unit_test(broken_config_reported_once),
		cmocka_unit_test(ignored_and_unreadable),
		cmocka_unit_test(size_limit_applies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
