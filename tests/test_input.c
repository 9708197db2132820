/*
 * test_input.c: reading policies, and refusing what is not one.  Every bad
 * input must produce one diagnostic naming the file and the problem.
 */
#include "testutil.h"
#include "input.h"

#include <fcntl.h>
#include <sys/stat.h>

static void reads_a_file_exactly(void **state)
{
	(void)state;
	const char text[] = "\xEF\xBB\xBFWe keep data.\r\nLine two\n";
	char *path = tu_write_temp(".txt", text, sizeof text - 1);
	pl_diags d = {0};
	char *data;
	size_t len;
	assert_int_equal(pl_input_read(path, NULL, &data, &len, &d), 0);
	assert_int_equal(len, sizeof text - 1);
	assert_memory_equal(data, text, len);
	assert_int_equal(d.count, 0);
	free(data);
	unlink(path);
	free(path);
}

static void missing_file(void **state)
{
	(void)state;
	pl_diags d = {0};
	char *data;
	size_t len;
	assert_int_equal(pl_input_read("/no/such/policy.txt", NULL, &data, &len, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].path, "/no/such/policy.txt");
	assert_non_null(strstr(d.items[0].message, "No such file"));
	pl_diags_clear(&d);
}

static void directory(void **state)
{
	(void)state;
	pl_diags d = {0};
	char *data;
	size_t len;
	assert_int_equal(pl_input_read("/tmp", NULL, &data, &len, &d), -1);
	assert_non_null(strstr(d.items[0].message, "is a directory"));
	pl_diags_clear(&d);
}

static void unreadable_file(void **state)
{
	(void)state;
	pl_diags d = {0};
	char *data;
	size_t len;
	if (geteuid() == 0) {
		/* Root may open anything; a file whose read fails still
		 * exercises the same path: /proc/self/mem at offset 0. */
		assert_int_equal(pl_input_read("/proc/self/mem", NULL, &data, &len, &d), -1);
		assert_non_null(strstr(d.items[0].message, "cannot read"));
		pl_diags_clear(&d);
		return;
	}
	char *path = tu_write_temp(".txt", "x", 1);
	chmod(path, 0);
	assert_int_equal(pl_input_read(path, NULL, &data, &len, &d), -1);
	assert_non_null(strstr(d.items[0].message, "Permission denied"));
	pl_diags_clear(&d);
	unlink(path);
	free(path);
}

static void binary_files_are_refused(void **state)
{
	(void)state;
	const char pdf[] = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
	unsigned char blob[600];
	for (size_t i = 0; i < sizeof blob; i++)
		blob[i] = (unsigned char)(i * 7);
	struct { const char *data; size_t len; const char *says; } cases[] = {
		{pdf, sizeof pdf - 1, "is a PDF document"},
		{(const char *)blob, sizeof blob, "is binary data"},
		{"\xFF\xFEh\0i\0", 6, "UTF-16"},
	};
	for (size_t i = 0; i < 3; i++) {
		char *path = tu_write_temp(".txt", cases[i].data, cases[i].len);
		pl_diags d = {0};
		char *data;
		size_t len;
		assert_int_equal(pl_input_read(path, "shown.txt", &data, &len, &d), -1);
		assert_int_equal(d.errors, 1);
		assert_string_equal(d.items[0].path, "shown.txt");
		assert_non_null(strstr(d.items[0].message, cases[i].says));
		assert_null(data);
		pl_diags_clear(&d);
		unlink(path);
		free(path);
	}
}

static void stray_nul_and_bad_utf8_are_text(void **state)
{
	(void)state;
	const char text[] = "We sell\0 nothing.\n\xC3\x28 bad \xFF bytes, we keep logs.\n";
	char *path = tu_write_temp(".txt", text, sizeof text - 1);
	pl_diags d = {0};
	char *data;
	size_t len;
	assert_int_equal(pl_input_read(path, NULL, &data, &len, &d), 0);
	assert_int_equal(len, sizeof text - 1);
	/* and it lints without trouble */
	pl_ruleset *rs = tu_default_rules();
	pl_result *r = pl_scan(rs, path, data, len, NULL, &d);
	assert_int_equal(d.errors, 0);
	assert_int_equal(r->src_len, sizeof text - 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
	unlink(path);
	free(path);
}

static void empty_file_lints(void **state)
{
	(void)state;
	char *path = tu_write_temp(".md", "", 0);
	pl_diags d = {0};
	char *data;
	size_t len;
	assert_int_equal(pl_input_read(path, NULL, &data, &len, &d), 0);
	assert_int_equal(len, 0);
	pl_ruleset *rs = tu_default_rules();
	pl_result *r = pl_scan(rs, path, data, len, NULL, &d);
	assert_int_equal(d.errors, 0);
	assert_true(r->nfindings > 0);          /* everything is missing */
	for (int a = 0; a < PL_AREA_COUNT; a++)
		assert_false(r->areas[a].disclosed);
	assert_int_equal(r->findings[0].loc.line, 1);
	assert_int_equal(r->findings[0].loc.column, 1);
	/* ... and a note says why: the file has no text. */
	const pl_diag *note = tu_diag(&d, PL_DIAG_INPUT_EMPTY, NULL);
	assert_non_null(note);
	assert_string_equal(note->path, path);
	assert_int_equal(note->severity, PL_SEV_INFO);
	pl_diags_clear(&d);
	pl_result_free(r);
	pl_ruleset_free(rs);
	unlink(path);
	free(path);
}

static void format_from_extension(void **state)
{
	(void)state;
	assert_int_equal(pl_input_format_for_path("a/b.MD"), PL_INPUT_MARKDOWN);
	assert_int_equal(pl_input_format_for_path("x.markdown"), PL_INPUT_MARKDOWN);
	assert_int_equal(pl_input_format_for_path("p.htm"), PL_INPUT_HTML);
	assert_int_equal(pl_input_format_for_path("p.html"), PL_INPUT_HTML);
	assert_int_equal(pl_input_format_for_path("p.txt"), PL_INPUT_TEXT);
	assert_int_equal(pl_input_format_for_path("-"), PL_INPUT_TEXT);
	assert_int_equal(pl_input_format_from_name("html"), PL_INPUT_HTML);
	assert_int_equal(pl_input_format_from_name("rtf"), -1);
}

static void content_shows_markup(void **state)
{
	(void)state;
	const char *md = "# Privacy\n\nWe **never** sell data.\n\n## Contact\n\n"
			 "Write to [us](mailto:a@b.example).\n";
	const char *html = "\n  <!DOCTYPE html><html><p>Hi</p></html>";
	const char *text = "PRIVACY\n\nWe sell #1 rated pies ** and more.\n";
	assert_int_equal(pl_input_format_sniff(md, strlen(md)), PL_INPUT_MARKDOWN);
	assert_int_equal(pl_input_format_sniff(html, strlen(html)), PL_INPUT_HTML);
	assert_int_equal(pl_input_format_sniff(text, strlen(text)), PL_INPUT_TEXT);
	assert_int_equal(pl_input_format_sniff("", 0), PL_INPUT_TEXT);
	/* a page template without a doctype (Astro, ERB) is HTML; a Markdown
	 * file with an HTML block or two stays Markdown */
	const char *tmpl = "---\nimport Layout from './L.astro'\n---\n<Layout>\n"
			   "  <h1>Privacy</h1>\n  <p>\n    We keep logs.\n  </p>\n"
			   "  <p>Write to us.</p>\n</Layout>\n";
	const char *mdhtml = "# Privacy\n\n<div align=\"center\">\n<p>logo</p>\n"
			     "</div>\n\nWe **never** sell data.\n\n## Contact\n\n"
			     "Write to [us](mailto:a@b.example).\n";
	assert_int_equal(pl_input_format_sniff(tmpl, strlen(tmpl)), PL_INPUT_HTML);
	assert_int_equal(pl_input_format_sniff(mdhtml, strlen(mdhtml)),
			 PL_INPUT_MARKDOWN);
	/* a .txt that is Markdown is linted as Markdown: the heading is not
	 * prose and the link target is gone */
	pl_ruleset *rs = tu_default_rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "saved.txt", md, &d);
	assert_int_equal(r->format, PL_INPUT_MARKDOWN);
	pl_result_free(r);
	/* a page template named .html that holds only Markdown is Markdown;
	 * one with a single tag stays HTML */
	assert_int_equal(pl_input_format_decide(PL_INPUT_AUTO, "notice.html",
						md, strlen(md)),
			 PL_INPUT_MARKDOWN);
	assert_int_equal(pl_input_format_decide(PL_INPUT_AUTO, "notice.html",
						mdhtml, strlen(mdhtml)),
			 PL_INPUT_HTML);
	assert_int_equal(pl_input_format_decide(PL_INPUT_HTML, "notice.html",
						md, strlen(md)),
			 PL_INPUT_HTML);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

/* Reads path with a limit and returns the one diagnostic's code, or -1
 * when it was read (its length in *len). */
static int read_code(const char *path, size_t max, size_t *len)
{
	pl_diags d = {0};
	char *data = NULL;
	*len = 0;
	int rc = pl_input_read_max(path, "shown", max, &data, len, &d);
	int code = -1;
	if (rc != 0) {
		assert_int_equal(d.count, 1);
		assert_string_equal(d.items[0].path, "shown");
		code = (int)d.items[0].code;
	}
	free(data);
	pl_diags_clear(&d);
	return code;
}

/* A FIFO nobody writes to would block the run for ever; a device never
 * ends.  Both are refused at once, without being read. */
static void fifo_and_devices_are_refused(void **state)
{
	(void)state;
	char *dir = tu_tmpdir();
	char fifo[512];
	snprintf(fifo, sizeof fifo, "%s/p.txt", dir);
	assert_int_equal(mkfifo(fifo, 0600), 0);
	size_t len;
	assert_int_equal(read_code(fifo, PL_DEFAULT_MAX_SIZE, &len),
			 PL_DIAG_INPUT_NOT_REGULAR);
	assert_int_equal(read_code("/dev/zero", PL_DEFAULT_MAX_SIZE, &len),
			 PL_DIAG_INPUT_NOT_REGULAR);
	assert_int_equal(read_code("/dev/urandom", PL_DEFAULT_MAX_SIZE, &len),
			 PL_DIAG_INPUT_NOT_REGULAR);
	unlink(fifo);
	rmdir(dir);
	free(dir);
}

/* The limit is the largest size read: one byte more is refused. */
static void size_limit_is_exact(void **state)
{
	(void)state;
	char text[100];
	memset(text, 'a', sizeof text);
	char *path = tu_write_temp(".txt", text, sizeof text);
	size_t len;
	assert_int_equal(read_code(path, 100, &len), -1);
	assert_int_equal(len, 100);
	assert_int_equal(read_code(path, 99, &len), PL_DIAG_INPUT_TOO_LARGE);
	unlink(path);
	free(path);
}

/* read_code("-") with standard input replaced by fd (closed after). */
static int with_stdin(int fd, size_t max, size_t *len)
{
	int saved = dup(STDIN_FILENO);
	dup2(fd, STDIN_FILENO);
	close(fd);
	int code = read_code("-", max, len);
	dup2(saved, STDIN_FILENO);
	close(saved);
	return code;
}

/* Standard input may be a pipe or a device: it is read up to the limit
 * and no further (policylint - </dev/zero once ran out of memory). */
static void stdin_stops_at_the_limit(void **state)
{
	(void)state;
	size_t len;
	int fd = open("/dev/zero", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(with_stdin(fd, 1 << 20, &len), PL_DIAG_INPUT_TOO_LARGE);
	/* A pipe under the limit is read whole. */
	int p[2];
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "We collect data.\n", 17), 17);
	close(p[1]);
	assert_int_equal(with_stdin(p[0], 17, &len), -1);
	assert_int_equal(len, 17);
	/* One over it is not. */
	assert_int_equal(pipe(p), 0);
	assert_int_equal(write(p[1], "We collect data.\n", 17), 17);
	close(p[1]);
	assert_int_equal(with_stdin(p[0], 16, &len), PL_DIAG_INPUT_TOO_LARGE);
}

/* The same reader serves every file policylint reads whole. */
static void file_read_reports_what_it_found(void **state)
{
	(void)state;
	char *data;
	size_t len;
	pl_file_info info;
	assert_int_equal(pl_file_read("/no/such", 10, &data, &len, &info),
			 PL_FILE_MISSING);
	assert_int_equal(pl_file_read("/tmp", 10, &data, &len, &info),
			 PL_FILE_DIRECTORY);
	assert_int_equal(pl_file_read("/dev/zero", 10, &data, &len, &info),
			 PL_FILE_NOT_REGULAR);
	char *why = pl_file_problem(PL_FILE_NOT_REGULAR, &info, 10);
	assert_non_null(strstr(why, "character device"));
	free(why);
	assert_null(data);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(reads_a_file_exactly),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(directory),
		cmocka_unit_test(unreadable_file),
		cmocka_unit_test(binary_files_are_refused),
		cmocka_unit_test(stray_nul_and_bad_utf8_are_text),
		cmocka_unit_test(empty_file_lints),
		cmocka_unit_test(format_from_extension),
		cmocka_unit_test(content_shows_markup),
		cmocka_unit_test(fifo_and_devices_are_refused),
		cmocka_unit_test(size_limit_is_exact),
		cmocka_unit_test(stdin_stops_at_the_limit),
		cmocka_unit_test(file_read_reports_what_it_found),
	};
	return cmocka_run_group_tests_name("input", tests, NULL, NULL);
}
