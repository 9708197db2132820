/*
 * test_rulecache.c: the whole rule set kept in the rule cache: its bytes
 * read back into the same rule set (written again, the same bytes; linted
 * with, the same report), damaged bytes refused without a crash or a
 * leak, the prefilter's automaton checked index by index, and the key
 * changing with every file that shapes the rule set.
 */
#include "testutil.h"

#include "prefilter.h"
#include "rulecache.h"
#include "rulesnap.h"
#include "util.h"
#include "wire.h"

static pl_ruleset *rules;

static int setup(void **state)
{
	(void)state;
	rules = tu_default_rules();
	return rules == NULL;
}

static int teardown(void **state)
{
	(void)state;
	pl_ruleset_free(rules);
	return 0;
}

/* rs's bytes and its patterns' code, PCRE2-serialised. */
typedef struct {
	pl_buf set;
	unsigned char *code;
	size_t code_len, nres;
} encoded;

static void encode(const pl_ruleset *rs, encoded *e)
{
	const pl_regex **res = NULL;
	pl_buf_init(&e->set);
	assert_true(pl_ruleset_encode(rs, &e->set, &res, &e->nres));
	assert_true(e->nres > 100);
	e->code = pl_regex_serialize(res, e->nres, &e->code_len);
	assert_non_null(e->code);
	free(res);
}

static void encoded_free(encoded *e)
{
	pl_buf_free(&e->set);
	free(e->code);
}

/* The rule set e holds, with its compiled code. */
static pl_ruleset *decode(const encoded *e, const void *bytes, size_t len)
{
	pl_regex **res = pl_xcalloc(e->nres, sizeof(*res));
	assert_true(pl_regex_deserialize(e->code, e->code_len, e->nres, res));
	pl_wire_in in;
	pl_wire_in_init(&in, bytes, len);
	pl_ruleset *rs = pl_ruleset_decode(&in, res, e->nres);
	free(res);
	return rs;
}

static char *report(const pl_ruleset *rs, const char *text)
{
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "policy.md", text, &d);
	assert_non_null(r);
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	pl_report_write(&r, 1, PL_FORMAT_JSON, f);
	fclose(f);
	pl_result_free(r);
	pl_diags_clear(&d);
	return out;
}

static const char policy[] =
	"# Privacy policy\n\n"
	"We collect your e-mail address and your IP address when you sign up.\n"
	"We never sell your personal information. We share it with our "
	"payment processor, and we sell it to data brokers.\n\n"
	"## Cookies\n\nWe use cookies; you can refuse them in your browser.\n\n"
	"## Retention\n\nWe keep your data for 30 days, then delete it.\n"
	"You may ask for a copy of your data: write to privacy@example.com.\n";

/* Written, read back and written again: the same bytes, the same
 * patterns, the same report. */
static void round_trip(void **state)
{
	(void)state;
	encoded e;
	encode(rules, &e);
	pl_ruleset *back = decode(&e, e.set.data, e.set.len);
	assert_non_null(back);
	encoded again;
	encode(back, &again);
	assert_int_equal(again.nres, e.nres);
	assert_int_equal(again.set.len, e.set.len);
	assert_memory_equal(again.set.data, e.set.data, e.set.len);
	char *want = report(rules, policy), *got = report(back, policy);
	assert_string_equal(want, got);
	assert_true(strstr(want, "\"areas\"") != NULL);
	free(want);
	free(got);
	encoded_free(&again);
	pl_ruleset_free(back);
	encoded_free(&e);
}

/* Every prefix of the bytes is refused (a truncated file), and so is one
 * byte more; ASan sees nothing leak or overrun. */
static void truncated(void **state)
{
	(void)state;
	encoded e;
	encode(rules, &e);
	size_t step = e.set.len / 997 + 1;
	for (size_t len = 0; len < e.set.len; len += step) {
		pl_wire_in in;
		pl_wire_in_init(&in, e.set.data, len);
		assert_null(pl_ruleset_decode(&in, NULL, e.nres));
	}
	pl_wire_in in;
	pl_wire_in_init(&in, e.set.data, e.set.len);
	pl_ruleset *rs = pl_ruleset_decode(&in, NULL, e.nres);
	assert_non_null(rs);            /* the structure alone, uncompiled */
	assert_int_equal(in.at, e.set.len);
	pl_ruleset_free(rs);
	/* A count of patterns that is not the bytes' own. */
	pl_wire_in_init(&in, e.set.data, e.set.len);
	assert_null(pl_ruleset_decode(&in, NULL, e.nres - 1));
	pl_wire_in_init(&in, e.set.data, e.set.len);
	assert_null(pl_ruleset_decode(&in, NULL, e.nres + 1));
	encoded_free(&e);
}

/* Bytes changed here and there: refused, or read as some rule set, never
 * a crash (the cache's checksum refuses them before this in a run). */
static void damaged(void **state)
{
	(void)state;
	encoded e;
	encode(rules, &e);
	unsigned char *copy = pl_xmalloc(e.set.len);
	unsigned seed = 12345;
	size_t refused = 0, tries = 400;
	for (size_t t = 0; t < tries; t++) {
		memcpy(copy, e.set.data, e.set.len);
		for (int k = 0; k < 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 4) % e.set.len;
			copy[at] ^= (unsigned char)(1u << (seed % 8));
		}
		pl_wire_in in;
		pl_wire_in_init(&in, copy, e.set.len);
		pl_ruleset *rs = pl_ruleset_decode(&in, NULL, e.nres);
		refused += rs == NULL;
		pl_ruleset_free(rs);
	}
	assert_true(refused > 0);
	free(copy);
	encoded_free(&e);
}

static const char topic_yaml[] =
	"topics:\n"
	"  - id: contact.snapshot-test\n"
	"    area: contact\n"
	"    summary: A test topic\n"
	"    patterns: ['\\bsnapshot-word\\b']\n"
	"    examples:\n"
	"      match: [write to snapshot-word]\n"
	"      no_match: [nothing here]\n";

/* Every word of the bytes of a rule set as loaded (its patterns not yet
 * compiled, so that they still carry their column maps) set to a huge
 * count in turn: each refused or read, none allocating what the bytes
 * left cannot hold (found by fuzz_rulecache: a column map's length). */
static void huge_counts(void **state)
{
	(void)state;
	char *path = tu_write_temp(".yaml", topic_yaml, strlen(topic_yaml));
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_new();
	assert_int_equal(pl_ruleset_load(rs, path, &d), 0);
	assert_non_null(rs->topics[0].match.patterns.items[0].colmap);
	pl_buf b;
	pl_buf_init(&b);
	const pl_regex **res = NULL;
	size_t n = 0;
	assert_true(pl_ruleset_encode(rs, &b, &res, &n));
	assert_int_equal(n, 0);
	unsigned char *copy = pl_xmalloc(b.len);
	uint64_t huge = (uint64_t)1 << 62;
	for (size_t at = 0; at + 8 <= b.len; at += 4) {
		memcpy(copy, b.data, b.len);
		memcpy(copy + at, &huge, 8);
		pl_wire_in in;
		pl_wire_in_init(&in, copy, b.len);
		pl_ruleset_free(pl_ruleset_decode(&in, NULL, 0));
	}
	free(copy);
	free(res);
	pl_buf_free(&b);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
	unlink(path);
	free(path);
}

static pl_prefilter *small_prefilter(void)
{
	char *a[] = {"cookie", "track", NULL}, *b[] = {"sell", NULL};
	pl_literal_set s0[1] = {{a, 2, 5, {40, 0, 0, 0, 0}, 0}};
	pl_literal_set s1[1] = {{b, 1, 4, {0, 0, 0, 0, 1}, 1}};
	const pl_literal_set *sets[] = {s0, s1};
	size_t nsets[] = {1, 1};
	return pl_prefilter_build(sets, nsets, 2);
}

/* The automaton round trip, and a state, a byte class, an output and a
 * literal out of their tables each refused. */
static void prefilter_checked(void **state)
{
	(void)state;
	pl_prefilter *pf = small_prefilter();
	pl_buf b, b2;
	pl_buf_init(&b);
	pl_buf_init(&b2);
	pl_prefilter_encode(pf, &b);
	pl_wire_in in;
	pl_wire_in_init(&in, b.data, b.len);
	pl_prefilter *back = pl_prefilter_decode(&in);
	assert_non_null(back);
	assert_int_equal(in.at, b.len);
	pl_prefilter_encode(back, &b2);
	assert_int_equal(b2.len, b.len);
	assert_memory_equal(b2.data, b.data, b.len);
	assert_int_equal(pl_prefilter_slots(back), 2);
	assert_int_equal(pl_prefilter_literals(back), 3);

	uint64_t nstates, nclasses;
	memcpy(&nstates, b.data, 8);
	memcpy(&nclasses, b.data + 8, 8);
	/* A small automaton's transitions are held in 16 bits. */
	uint32_t width;
	memcpy(&width, b.data + 16 + 256, 4);
	assert_int_equal(width, 16);
	size_t next_at = 16 + 256 + 4, out_at = next_at + 2 * nstates * nclasses;
	uint64_t noutputs;
	memcpy(&noutputs, b.data + out_at + 4 * (nstates + 1), 8);
	size_t bad_at[] = {
		16 + 'c',               /* a byte class */
		16 + 256,               /* the width of a transition */
		next_at + 2,            /* a transition */
		out_at + 4,             /* where a state's outputs start */
		/* the number of literals (more than states: found by
		 * fuzz_rulecache, the scan allocating 16 GB for them) */
		out_at + 4 * (nstates + 1) + 8 + 4 * noutputs,
	};
	uint32_t big = 0x7fffffff;
	uint16_t big16 = 0xffff;
	for (size_t i = 0; i < sizeof bad_at / sizeof *bad_at; i++) {
		char *copy = pl_xmalloc(b.len);
		memcpy(copy, b.data, b.len);
		if (i == 0)
			copy[bad_at[i]] = (char)200;
		else if (i == 2)
			memcpy(copy + bad_at[i], &big16, 2);
		else
			memcpy(copy + bad_at[i], &big, 4);
		pl_wire_in_init(&in, copy, b.len);
		assert_null(pl_prefilter_decode(&in));
		assert_true(in.bad);
		free(copy);
	}
	for (size_t len = 0; len < b.len; len++) {
		pl_wire_in_init(&in, b.data, len);
		assert_null(pl_prefilter_decode(&in));
	}
	pl_prefilter_free(back);
	pl_prefilter_free(pf);
	pl_buf_free(&b);
	pl_buf_free(&b2);
}

/* The key covers each file's name and bytes and the paths given. */
static void key_covers_files(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char *file = tu_write_at(dir, "a.yaml", topic_yaml);
	const char *paths[] = {dir};
	uint64_t k1, k2, k3, k4;
	assert_true(pl_rule_set_key(paths, 1, &k1));
	assert_true(pl_rule_set_key(paths, 1, &k2));
	assert_true(k1 == k2);
	FILE *f = fopen(file, "a");
	fputs("# one more line\n", f);
	fclose(f);
	assert_true(pl_rule_set_key(paths, 1, &k3));
	assert_true(k3 != k1);
	char *other = tu_write_at(dir, "b.yml", "define: {x: 'y'}\n");
	assert_true(pl_rule_set_key(paths, 1, &k4));
	assert_true(k4 != k3);
	const char *two[] = {dir, file};
	assert_true(pl_rule_set_key(two, 2, &k1));
	assert_true(k1 != k4);
	const char *missing[] = {"/nonexistent/rules"};
	assert_false(pl_rule_set_key(missing, 1, &k1));
	unlink(other);
	unlink(file);
	assert_false(pl_rule_set_key(paths, 1, &k1));   /* an empty folder */
	rmdir(dir);
	free(other);
	free(file);
	free(dir);
}

/* Saved, read back under its key, refused under another or once damaged. */
static void saved_and_read(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	uint64_t key = 42;
	pl_rule_set_save(dir, key, rules);
	pl_ruleset *back = pl_rule_set_cached(dir, key);
	assert_non_null(back);
	assert_true(pl_ruleset_from_cache(back));
	char *want = report(rules, policy), *got = report(back, policy);
	assert_string_equal(want, got);
	free(want);
	free(got);
	pl_ruleset_free(back);
	assert_null(pl_rule_set_cached(dir, key + 1));
	char path[512];
	snprintf(path, sizeof path, "%s/set-%016llx.bin", dir, 42ULL);
	FILE *f = fopen(path, "r+b");
	assert_non_null(f);
	fseek(f, 4096, SEEK_SET);
	int c = fgetc(f);
	fseek(f, 4096, SEEK_SET);
	fputc(c ^ 0x10, f);
	fclose(f);
	assert_null(pl_rule_set_cached(dir, key));
	unlink(path);
	rmdir(dir);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(round_trip),
		cmocka_unit_test(truncated),
		cmocka_unit_test(damaged),
		cmocka_unit_test(huge_counts),
		cmocka_unit_test(prefilter_checked),
		cmocka_unit_test(key_covers_files),
		cmocka_unit_test(saved_and_read),
	};
	return cmocka_run_group_tests_name("rulecache", tests, setup, teardown);
}
