/*
 * test_config.c: .policylint.yaml (config.c): reading every key, errors
 * with positions, discovery up to the repository root, ignore globs.
 */
#include "testutil.h"
#include "config.h"
#include "paths.h"

#include <sys/stat.h>

#include "config.h"

static void mkdir_at(const char *dir, const char *name)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	assert_int_equal(mkdir(p, 0755), 0);
}

static void rm_rf(const char *dir)
{
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static void test_every_key(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = tu_write_at(dir, ".policylint.yaml",
			      "profile: gdpr\n"
			      "rules: [extra/, /abs/rules.yaml]\n"
			      "disable: [a-rule, b-rule]\n"
			      "severity: {a-rule: info, unused-directive: error}\n"
			      "fail-level: none\n"
			      "ignore: [drafts/, '*.old.md']\n");
	pl_diags d = {0};
	pl_config *c = pl_config_load(path, &d);
	assert_int_equal(d.errors, 0);
	assert_non_null(c);
	assert_int_equal(c->profiles.count, 1);
	assert_string_equal(c->profiles.items[0].value, "gdpr");
	assert_int_equal(c->rules.count, 2);
	char *r0 = pl_config_rule_path(c, 0), *r1 = pl_config_rule_path(c, 1);
	assert_non_null(strstr(r0, "/extra/"));
	assert_true(r0[0] == '/');
	assert_string_equal(r1, "/abs/rules.yaml");
	free(r0);
	free(r1);
	assert_int_equal(c->disable.count, 2);
	assert_int_equal(c->disable.items[1].line, 3);
	assert_int_equal(c->disable.items[1].column, 19);
	assert_int_equal(pl_config_severity_of(c, "a-rule", PL_SEV_ERROR), PL_SEV_INFO);
	assert_int_equal(pl_config_severity_of(c, "unused-directive", PL_SEV_WARNING),
			 PL_SEV_ERROR);
	assert_int_equal(pl_config_severity_of(c, "other", PL_SEV_WARNING),
			 PL_SEV_WARNING);
	assert_int_equal(c->fail_level, PL_FAIL_NONE);
	assert_int_equal(c->ignore.count, 2);

	/* Ignore globs, relative to the config's folder. */
	char p[512];
	snprintf(p, sizeof p, "%s/drafts/x/y.md", dir);
	assert_true(pl_config_ignores(c, p));
	snprintf(p, sizeof p, "%s/legal/a.old.md", dir);
	assert_true(pl_config_ignores(c, p));
	snprintf(p, sizeof p, "%s/legal/privacy.md", dir);
	assert_false(pl_config_ignores(c, p));
	snprintf(p, sizeof p, "%s/notdrafts/privacy.md", dir);
	assert_false(pl_config_ignores(c, p));

	/* --print-config output reads back as the same configuration. */
	char *printed = NULL;
	size_t plen = 0;
	FILE *out = open_memstream(&printed, &plen);
	pl_config_print(c, out);
	fclose(out);
	char *again = tu_write_at(dir, "again.yaml", printed);
	pl_config *c2 = pl_config_load(again, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(c2->disable.count, 2);
	assert_int_equal(c2->nseverity, 2);
	assert_int_equal(c2->fail_level, PL_FAIL_NONE);
	pl_config_free(c2);
	free(again);
	free(printed);

	pl_config_free(c);
	pl_diags_clear(&d);
	free(path);
	rm_rf(dir);
	free(dir);
}

static void test_errors(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *path = tu_write_at(dir, "c.yaml",
			      "disable: [x]\n"
			      "fail_level: error\n"
			      "severity: {x: loud}\n"
			      "ignore: '*.md'\n"
			      "nonsense: 1\n");
	pl_diags d = {0};
	assert_null(pl_config_load(path, &d));
	assert_int_equal(d.errors, 4);
	const pl_diag *x = tu_diag(&d, PL_DIAG_CONFIG_SCHEMA, "'fail-level'");
	assert_non_null(x);
	assert_int_equal(x->line, 2);
	assert_int_equal(x->column, 1);
	x = tu_diag(&d, PL_DIAG_CONFIG_SCHEMA, "'x'");
	assert_non_null(x);
	assert_int_equal(x->line, 3);
	assert_int_equal(x->column, 15);
	x = tu_diag(&d, PL_DIAG_CONFIG_SCHEMA, "'ignore'");
	assert_non_null(x);
	assert_int_equal(x->line, 4);
	x = tu_diag(&d, PL_DIAG_CONFIG_SCHEMA, "'nonsense'");
	assert_non_null(x);
	assert_string_equal(x->path, path);
	pl_diags_clear(&d);

	/* Not a mapping; broken YAML. */
	char *p2 = tu_write_at(dir, "d.yaml", "- a\n- b\n");
	assert_null(pl_config_load(p2, &d));
	assert_non_null(tu_diag(&d, PL_DIAG_CONFIG_SCHEMA, NULL));
	pl_diags_clear(&d);
	char *p3 = tu_write_at(dir, "e.yaml", "disable: [\n");
	assert_null(pl_config_load(p3, &d));
	assert_true(d.errors > 0);
	pl_diags_clear(&d);
	free(p2);
	free(p3);
	free(path);
	rm_rf(dir);
	free(dir);
}

static void test_discovery(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	/* dir/.policylint.yaml  dir/repo/.git  dir/repo/a/b/p.md */
	free(tu_write_at(dir, ".policylint.yaml", "disable: [x]\n"));
	mkdir_at(dir, "repo");
	mkdir_at(dir, "repo/.git");
	mkdir_at(dir, "repo/a");
	mkdir_at(dir, "repo/a/b");
	char p[512];
	snprintf(p, sizeof p, "%s/repo/a/b/p.md", dir);
	char *found = pl_config_find(p);
	assert_null(found);   /* stops at the repository root */

	free(tu_write_at(dir, "repo/.policylint.yml", "disable: [y]\n"));
	found = pl_config_find(p);
	assert_non_null(found);
	assert_non_null(strstr(found, "/repo/.policylint.yml"));
	free(found);

	free(tu_write_at(dir, "repo/a/.policylint.yaml", "disable: [z]\n"));
	found = pl_config_find(p);
	assert_non_null(strstr(found, "/repo/a/.policylint.yaml"));
	free(found);

	/* A name that does not exist (--stdin-filename) still works. */
	snprintf(p, sizeof p, "%s/repo/a/b/../nope.md", dir);
	found = pl_config_find(p);
	assert_non_null(found);
	assert_non_null(strstr(found, "/repo/a/.policylint.yaml"));
	free(found);
	rm_rf(dir);
	free(dir);
}

static void test_absolute(void **state)
{
	(void)state;
	char *a = pl_path_absolute("/x/./y/../z//w/");
	assert_string_equal(a, "/x/z/w");
	free(a);
	a = pl_path_absolute("/..");
	assert_string_equal(a, "/");
	free(a);
	a = pl_path_absolute("rel");
	assert_true(a[0] == '/');
	assert_non_null(strstr(a, "/rel"));
	free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_key),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_discovery),
		cmocka_unit_test(test_absolute),
	};
	return cmocka_run_group_tests_name("config", tests, NULL, NULL);
}
