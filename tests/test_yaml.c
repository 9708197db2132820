/*
 * test_yaml.c: the YAML reader every rule file and configuration goes
 * through (yaml_tree.c): what a repository's file must not be able to do
 * (nest without end, expand aliases without end, stall the run), keys
 * given twice, one document only, and positions.
 */
#include "testutil.h"
#include "config.h"
#include "yaml_tree.h"

#include <sys/stat.h>

/* Loads text as a YAML file; the diagnostics go to d. */
static pl_ynode *load(const char *text, size_t len, pl_diags *d)
{
	char *path = tu_write_temp(".yaml", text, len);
	pl_ynode *n = pl_yaml_load(path, d, PL_DIAG_RULES_UNREADABLE, NULL, NULL);
	unlink(path);
	free(path);
	return n;
}

static char *repeat(const char *unit, size_t times, const char *tail)
{
	size_t u = strlen(unit), t = strlen(tail);
	char *s = malloc(u * times + t + 1);
	for (size_t i = 0; i < times; i++)
		memcpy(s + i * u, unit, u);
	memcpy(s + u * times, tail, t + 1);
	return s;
}

/* 100,000 levels (the libyaml document loader took 39 s before its own
 * limit): refused at level 200, at the place where it is passed, both in
 * flow and in block style. */
static void deep_nesting_is_refused_while_parsing(void **state)
{
	(void)state;
	const char *units[] = {"[", "- ", "{a: "};
	for (size_t k = 0; k < 3; k++) {
		char *text = repeat(units[k], 100000, "x");
		pl_diags d = {0};
		assert_null(load(text, strlen(text), &d));
		const pl_diag *e = tu_diag(&d, PL_DIAG_YAML_TOO_LARGE, NULL);
		assert_non_null(e);
		assert_int_equal(e->line, 1);
		assert_int_equal(e->column, 200 * strlen(units[k]) + 1);
		assert_int_equal(d.count, 1);
		pl_diags_clear(&d);
		free(text);
	}
	/* 199 levels are fine. */
	char *ok = repeat("[", 199, "");
	char *text = malloc(400);
	snprintf(text, 400, "%s%.*s", ok, 199,
		 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
		 "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");
	pl_diags d = {0};
	pl_ynode *n = load(text, strlen(text), &d);
	assert_non_null(n);
	assert_int_equal(d.count, 0);
	pl_ynode_free(n);
	free(ok);
	free(text);
}

/* A "billion laughs" file: each alias a copy, all copies counted. */
static void alias_bombs_are_refused(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, "a: &a [x, x, x, x, x, x, x, x, x, x]\n");
	for (char c = 'b'; c <= 'j'; c++) {
		pl_buf_printf(&b, "%c: &%c [", c, c);
		for (int i = 0; i < 10; i++)
			pl_buf_printf(&b, "%s*%c", i ? ", " : "", c - 1);
		pl_buf_puts(&b, "]\n");
	}
	pl_diags d = {0};
	assert_null(load(b.data, b.len, &d));
	assert_non_null(tu_diag(&d, PL_DIAG_YAML_TOO_LARGE, NULL));
	pl_diags_clear(&d);
	pl_buf_free(&b);
}

/* Aliases stand for a copy of their anchor's node; an alias to nothing is
 * an error. */
static void aliases_copy_their_anchor(void **state)
{
	(void)state;
	const char *text = "base: &b {k: v, list: [1, 2]}\nother: *b\n";
	pl_diags d = {0};
	pl_ynode *n = load(text, strlen(text), &d);
	assert_non_null(n);
	const pl_ynode *o = pl_ynode_get(n, "other");
	assert_non_null(o);
	assert_int_equal(o->kind, PL_YNODE_MAP);
	assert_string_equal(pl_ynode_get(o, "k")->value, "v");
	assert_int_equal(pl_ynode_get(o, "list")->count, 2);
	pl_ynode_free(n);
	n = load("a: *nowhere\n", 12, &d);
	assert_null(n);
	assert_non_null(tu_diag(&d, PL_DIAG_YAML_SYNTAX, "nowhere"));
	pl_diags_clear(&d);
}

/* A key given twice is found in a mapping of 20,000 keys, once, at its
 * second occurrence (a hash set: the pairwise comparison was quadratic). */
static void duplicate_keys_in_large_mappings(void **state)
{
	(void)state;
	pl_buf b;
	pl_buf_init(&b);
	for (int i = 0; i < 20000; i++)
		pl_buf_printf(&b, "key%d: %d\n", i, i);
	pl_buf_puts(&b, "key12345: again\n");
	pl_diags d = {0};
	pl_ynode *n = load(b.data, b.len, &d);
	assert_non_null(n);
	assert_int_equal(n->count, 20001);
	assert_int_equal(d.count, 1);
	const pl_diag *e = tu_diag(&d, PL_DIAG_YAML_DUPLICATE_KEY, "key12345");
	assert_non_null(e);
	assert_int_equal(e->line, 20001);
	pl_ynode_free(n);
	pl_diags_clear(&d);
	pl_buf_free(&b);
}

/* One document: a second one would be ignored without a word. */
static void a_second_document_is_an_error(void **state)
{
	(void)state;
	const char *text = "---\na: 1\n...\n---\nb: 2\n";
	pl_diags d = {0};
	assert_null(load(text, strlen(text), &d));
	const pl_diag *e = tu_diag(&d, PL_DIAG_YAML_SYNTAX, NULL);
	assert_non_null(e);
	assert_int_equal(e->line, 4);
	pl_diags_clear(&d);
	/* One document with its markers, and no document at all, are fine. */
	pl_ynode *n = load("---\na: 1\n...\n", 13, &d);
	assert_non_null(n);
	pl_ynode_free(n);
	n = load("# only a comment\n", 17, &d);
	assert_non_null(n);
	assert_int_equal(n->kind, PL_YNODE_MAP);
	assert_int_equal(n->count, 0);
	pl_ynode_free(n);
	assert_int_equal(d.count, 0);
}

/* Scalars know the byte they start at, after characters of several
 * bytes on the same line and a byte order mark. */
static void scalar_positions(void **state)
{
	(void)state;
	const char *text = "\xEF\xBB\xBF" "k\xC3\xA9y: [\xE2\x80\x94, 'v']\n";
	pl_diags d = {0};
	char *path = tu_write_temp(".yaml", text, strlen(text));
	char *raw;
	size_t len;
	pl_ynode *n = pl_yaml_load(path, &d, PL_DIAG_RULES_UNREADABLE, &raw, &len);
	assert_non_null(n);
	const pl_ynode *seq = n->items[0];
	assert_int_equal(n->keys[0]->raw_start, 3);
	assert_int_equal(seq->items[0]->raw_start, 10);
	assert_int_equal(seq->items[1]->raw_start, 15);
	assert_int_equal(seq->items[1]->column, 10);
	assert_memory_equal(raw + seq->items[1]->raw_start, "'v'", 3);
	pl_ynode_free(n);
	free(raw);
	unlink(path);
	free(path);
}

/* A .policylint.yaml that is a FIFO is found and refused, never opened
 * for a read that would wait for a writer. */
static void fifo_configuration_is_refused(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char p[512], git[512], policy[512];
	snprintf(p, sizeof p, "%s/.policylint.yaml", dir);
	snprintf(git, sizeof git, "%s/.git", dir);
	snprintf(policy, sizeof policy, "%s/privacy.md", dir);
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_equal(mkdir(git, 0755), 0);
	char *found = pl_config_find(policy);
	assert_non_null(found);
	pl_diags d = {0};
	assert_null(pl_config_load(found, &d));
	assert_non_null(tu_diag(&d, PL_DIAG_CONFIG_UNREADABLE, "FIFO"));
	pl_diags_clear(&d);
	free(found);
	unlink(p);
	rmdir(git);
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deep_nesting_is_refused_while_parsing),
		cmocka_unit_test(alias_bombs_are_refused),
		cmocka_unit_test(aliases_copy_their_anchor),
		cmocka_unit_test(duplicate_keys_in_large_mappings),
		cmocka_unit_test(a_second_document_is_an_error),
		cmocka_unit_test(scalar_positions),
		cmocka_unit_test(fifo_configuration_is_refused),
	};
	return cmocka_run_group_tests_name("yaml", tests, NULL, NULL);
}
