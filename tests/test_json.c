/*
 * test_json.c: the JSON reader the language server reads its messages
 * with: values, escapes (surrogate pairs, lone surrogates), objects with
 * repeated keys, and every way a message can be malformed, each refused
 * with a reason and an offset rather than read wrong.
 */
#include "testutil.h"
#include "json.h"

static pl_json *parse(const char *s)
{
	const char *why = NULL;
	size_t at = 0;
	return pl_json_parse(s, strlen(s), &why, &at);
}

static void values(void **state)
{
	(void)state;
	pl_json *j = parse(" {\"a\": [1, -2.5e3, true, false, null], \"b\": {}, "
			   "\"c\": []} ");
	assert_non_null(j);
	const pl_json *a = pl_json_get(j, "a");
	assert_int_equal(a->type, PL_JSON_ARRAY);
	assert_int_equal(a->count, 5);
	assert_true(a->items[0]->number == 1.0);
	assert_string_equal(a->items[0]->str, "1");     /* an id as written */
	assert_true(a->items[1]->number == -2500.0);
	assert_int_equal(a->items[2]->boolean, 1);
	assert_int_equal(a->items[3]->type, PL_JSON_BOOL);
	assert_int_equal(a->items[4]->type, PL_JSON_NULL);
	assert_int_equal(pl_json_get(j, "b")->type, PL_JSON_OBJECT);
	assert_int_equal(pl_json_get(j, "c")->count, 0);
	assert_null(pl_json_get(j, "d"));
	assert_null(pl_json_get(a, "a"));               /* not an object */
	assert_true(pl_json_get_number(j, "a", 7) == 7); /* not a number */
	pl_json_free(j);
}

static void strings(void **state)
{
	(void)state;
	pl_json *j = parse("[\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\", \"\\u00e9\\u20ac\", "
			   "\"\\ud83d\\ude42\", \"\\ud800x\", \"\\u0000z\", \"caf\xC3\xA9\"]");
	assert_non_null(j);
	assert_string_equal(j->items[0]->str, "a\"b\\c/d\b\f\n\r\t");
	assert_string_equal(j->items[1]->str, "\xC3\xA9\xE2\x82\xAC");
	assert_string_equal(j->items[2]->str, "\xF0\x9F\x99\x82");  /* a pair */
	assert_string_equal(j->items[3]->str, "\xEF\xBF\xBDx");     /* lone: U+FFFD */
	assert_int_equal(j->items[4]->len, 2);          /* a NUL inside */
	assert_int_equal(j->items[4]->str[1], 'z');
	assert_string_equal(j->items[5]->str, "caf\xC3\xA9");
	pl_json_free(j);
}

static void repeated_key_is_the_last(void **state)
{
	(void)state;
	pl_json *j = parse("{\"k\": 1, \"k\": \"two\"}");
	assert_string_equal(pl_json_get_string(j, "k"), "two");
	pl_json_free(j);
}

static void malformed(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "   ", "{", "[1,", "[1 2]", "{\"a\" 1}", "{a: 1}", "{\"a\": 1,}",
		"\"open", "\"bad \\x escape\"", "\"\\u12\"", "\"tab\there\"",
		"tru", "nul", "-", "1.2.3", "01x", "[] []", "{} x", "+1"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		const char *why = NULL;
		size_t at = 99999;
		pl_json *j = pl_json_parse(bad[i], strlen(bad[i]), &why, &at);
		if (j != NULL)
			fail_msg("parsed: %s", bad[i]);
		assert_non_null(why);
		assert_true(at <= strlen(bad[i]));
	}
}

static void depth_is_limited(void **state)
{
	(void)state;
	size_t n = 100000;
	char *s = malloc(n + 1);
	memset(s, '[', n);
	s[n] = '\0';
	const char *why = NULL;
	size_t at = 0;
	assert_null(pl_json_parse(s, n, &why, &at));
	assert_non_null(strstr(why, "deep"));
	/* Exactly the limit is fine. */
	pl_buf b;
	pl_buf_init(&b);
	for (int i = 0; i < PL_JSON_MAX_DEPTH; i++)
		pl_buf_putc(&b, '[');
	for (int i = 0; i < PL_JSON_MAX_DEPTH; i++)
		pl_buf_putc(&b, ']');
	pl_json *j = pl_json_parse(b.data, b.len, &why, &at);
	assert_non_null(j);
	pl_json_free(j);
	pl_buf_free(&b);
	free(s);
}

/* A big string (a whole policy in didOpen) is read in one pass. */
static void large_string(void **state)
{
	(void)state;
	size_t n = (size_t)8 << 20;
	char *s = malloc(n + 3);
	s[0] = '"';
	memset(s + 1, 'a', n);
	s[n + 1] = '"';
	s[n + 2] = '\0';
	const char *why;
	size_t at;
	pl_json *j = pl_json_parse(s, n + 2, &why, &at);
	assert_non_null(j);
	assert_int_equal(j->len, n);
	pl_json_free(j);
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values),
		cmocka_unit_test(strings),
		cmocka_unit_test(repeated_key_is_the_last),
		cmocka_unit_test(malformed),
		cmocka_unit_test(depth_is_limited),
		cmocka_unit_test(large_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
