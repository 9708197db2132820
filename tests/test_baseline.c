/*
 * test_baseline.c: reading baselines (baseline.c) as the files real
 * repositories hold them: empty, header only, CRLF line ends, NUL bytes,
 * devices, and thousands of equal records.
 */
#include "testutil.h"
#include "baseline.h"

#define HEADER "# policylint baseline 2"

static int read_text(const char *text, size_t len, pl_baseline *b,
		     pl_diags *d)
{
	char *path = tu_write_temp(".baseline", text, len);
	int rc = pl_baseline_read(b, path, d);
	unlink(path);
	free(path);
	return rc;
}

/* Empty, header only, CRLF: valid; NUL bytes or a device: errors with a
 * code, never an empty baseline in silence. */
static void what_a_baseline_file_may_be(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_baseline *b = pl_baseline_new();
	assert_int_equal(read_text("", 0, b, &d), 0);
	assert_int_equal(read_text(HEADER "\n", sizeof HEADER, b, &d), 0);
	const char crlf[] = HEADER "\r\n0123456789abcdef r wording p.txt\r\n";
	assert_int_equal(read_text(crlf, sizeof crlf - 1, b, &d), 0);
	assert_int_equal(pl_baseline_count(b), 1);
	assert_int_equal(d.count, 0);
	const char nul[] = HEADER "\n0123456789abcdef r\0 wording p.txt\n";
	assert_int_equal(read_text(nul, sizeof nul - 1, b, &d), -1);
	assert_non_null(tu_diag(&d, PL_DIAG_BASELINE_FORMAT, NULL));
	pl_diags_clear(&d);
	assert_int_equal(pl_baseline_read(b, "/dev/zero", &d), -1);
	const pl_diag *e = tu_diag(&d, PL_DIAG_BASELINE_UNREADABLE, NULL);
	assert_non_null(e);
	assert_string_equal(e->path, "/dev/zero");
	pl_diags_clear(&d);
	pl_baseline_free(b);
}

/* A file that is no baseline says so a bounded number of times. */
static void garbage_is_reported_briefly(void **state)
{
	(void)state;
	pl_buf text;
	pl_buf_init(&text);
	pl_buf_puts(&text, HEADER "\n");
	for (int i = 0; i < 10000; i++)
		pl_buf_puts(&text, "not a record\n");
	pl_diags d = {0};
	pl_baseline *b = pl_baseline_new();
	assert_int_equal(read_text(text.data, text.len, b, &d), -1);
	assert_true(d.count >= 1 && d.count <= 20);
	pl_diags_clear(&d);
	pl_baseline_free(b);
	pl_buf_free(&text);
}

/* 3,000 equal records absorb 3,000 equal findings and no more (each
 * record once; equal records are counted, not walked, as they are
 * taken). */
static void equal_records_each_absorb_one(void **state)
{
	(void)state;
	char *src = strdup("Our partners.\n");
	pl_result *r = pl_result_new("p.txt", src, strlen(src));
	for (int i = 0; i < 3001; i++)
		pl_result_add_finding(r, "vague", PL_KIND_WORDING, PL_SEV_INFO,
				      PL_AREA_SHARING, 4, 8, "m");
	unsigned long long fp = pl_finding_fingerprint(r, &r->findings[0]);
	pl_buf text;
	pl_buf_init(&text);
	pl_buf_puts(&text, HEADER "\n");
	for (int i = 0; i < 3000; i++)
		pl_buf_printf(&text, "%016llx vague wording p.txt\n", fp);
	pl_diags d = {0};
	pl_baseline *b = pl_baseline_new();
	assert_int_equal(read_text(text.data, text.len, b, &d), 0);
	assert_int_equal(pl_baseline_count(b), 3000);
	assert_int_equal(pl_baseline_filter(b, r), 3000);
	assert_int_equal(r->nfindings, 1);
	pl_baseline_free(b);
	pl_result_free(r);
	pl_buf_free(&text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(what_a_baseline_file_may_be),
		cmocka_unit_test(garbage_is_reported_briefly),
		cmocka_unit_test(equal_records_each_absorb_one),
	};
	return cmocka_run_group_tests_name("baseline", tests, NULL, NULL);
}
