/*
 * test_line_ends.c: a lone CR ends a line (old Mac files) wherever lines
 * count, as LF and CRLF do: the line index of results, the three
 * extractors' structure, format sniffing, directives; and positions on a
 * very long line count characters.
 */
#include "testutil.h"
#include "directives.h"

/* The blocks of src in fmt, as "kind:text|..." (kind h, p, l). */
static char *blocks(pl_input_format fmt, const char *src)
{
	pl_text t;
	memset(&t, 0, sizeof t);
	pl_extract(&t, fmt, src, strlen(src));
	pl_buf b;
	pl_buf_init(&b);
	for (size_t i = 0; i < t.nblocks; i++) {
		const pl_block *k = &t.blocks[i];
		char kind = k->kind == PL_BLOCK_HEADING ? 'h' :
			    k->kind == PL_BLOCK_LIST_ITEM ? 'l' : 'p';
		pl_buf_printf(&b, "%c:%.*s|", kind, (int)(k->end - k->start),
			      t.prose + k->start);
	}
	pl_text_free(&t);
	return pl_buf_detach(&b);
}

/* The same document with each line end gives the same structure. */
static void extractors_read_every_line_end(void **state)
{
	(void)state;
	static const struct {
		pl_input_format fmt;
		const char *doc;        /* with '\n'; rewritten below */
	} cases[] = {
		{PL_INPUT_TEXT, "PRIVACY NOTICE\n\nWe collect names.\n\n- We keep logs.\n- We sell nothing.\n"},
		{PL_INPUT_MARKDOWN, "# Privacy\n\nWe collect names.\n\n- We keep logs.\n- We sell nothing.\n"},
		{PL_INPUT_HTML, "<b>Privacy</b><br>\nWe collect names.\nWe keep logs.\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *lf = blocks(cases[i].fmt, cases[i].doc);
		pl_buf cr, crlf;
		pl_buf_init(&cr);
		pl_buf_init(&crlf);
		for (const char *p = cases[i].doc; *p; p++) {
			pl_buf_putc(&cr, *p == '\n' ? '\r' : *p);
			pl_buf_puts(&crlf, *p == '\n' ? "\r\n" : (char[]){*p, 0});
		}
		char *a = blocks(cases[i].fmt, cr.data);
		char *b = blocks(cases[i].fmt, crlf.data);
		assert_string_equal(a, lf);
		assert_string_equal(b, lf);
		free(lf);
		free(a);
		free(b);
		pl_buf_free(&cr);
		pl_buf_free(&crlf);
	}
}

/* Markdown is recognised by its content whatever the line ends. */
static void sniffing_reads_lone_cr(void **state)
{
	(void)state;
	const char *md = "# Privacy\r\r## Data\r\rWe **never** sell it.\r[Contact](mailto:a@b.org)\r";
	assert_int_equal(pl_input_format_sniff(md, strlen(md)), PL_INPUT_MARKDOWN);
}

/* Line index: LF, CRLF and lone CR each end one line. */
static void result_lines(void **state)
{
	(void)state;
	const char *text = "a\rb\r\nc\nd\r\re";
	pl_result *r = pl_result_new("p", strdup(text), strlen(text));
	static const struct { size_t off; unsigned long line, col; } at[] = {
		{0, 1, 1}, {2, 2, 1}, {5, 3, 1}, {7, 4, 1}, {9, 5, 1}, {10, 6, 1},
	};
	for (size_t i = 0; i < sizeof at / sizeof *at; i++) {
		unsigned long line, col;
		pl_result_position(r, at[i].off, &line, &col);
		assert_int_equal(line, at[i].line);
		assert_int_equal(col, at[i].col);
	}
	pl_result_free(r);
}

/* One line of 3 MB, characters of one to four bytes: every column is the
 * count of characters before it (from the character marks, not from
 * counting the line again for each position). */
static void columns_on_a_very_long_line(void **state)
{
	(void)state;
	static const char *const chars[] = {"a", "\xC3\xA9", "\xE2\x80\x94",
					    "\xF0\x9F\x98\x80"};
	pl_buf b;
	pl_buf_init(&b);
	size_t *offsets = malloc(1200001 * sizeof(*offsets));
	for (size_t i = 0; i < 1200000; i++) {
		offsets[i] = b.len;
		pl_buf_puts(&b, chars[(i * 7 + i / 1000) % 4]);
	}
	offsets[1200000] = b.len;
	size_t len = b.len;
	pl_result *r = pl_result_new("p", pl_buf_detach(&b), len);
	for (size_t i = 0; i <= 1200000; i += 9973) {
		unsigned long line, col;
		pl_result_position(r, offsets[i], &line, &col);
		assert_int_equal(line, 1);
		assert_int_equal(col, i + 1);
	}
	pl_result_free(r);
	free(offsets);
}

/* "# policylint-..." lines of a plain text file with lone CR line ends. */
static void directives_with_lone_cr(void **state)
{
	(void)state;
	const char *text = "Intro\r# policylint-disable-next-line x\r\rTarget line\r";
	pl_directives *ds = pl_directives_parse(text, strlen(text), PL_INPUT_TEXT);
	assert_int_equal(pl_directives_count(ds), 1);
	pl_result *r = pl_result_new("p.txt", strdup(text), strlen(text));
	pl_result_add_finding(r, "x", PL_KIND_WORDING, PL_SEV_INFO,
			      PL_AREA_SHARING, 40, 6, "m");   /* line 4 */
	pl_result_add_finding(r, "x", PL_KIND_WORDING, PL_SEV_INFO,
			      PL_AREA_SHARING, 0, 5, "m");    /* line 1 */
	pl_result_sort_findings(r);
	assert_int_equal(r->findings[1].loc.line, 4);
	pl_result_apply_directives(r, ds, NULL, NULL, 0, PL_SEV_WARNING);
	assert_int_equal(r->nfindings, 1);
	assert_int_equal(r->findings[0].loc.line, 1);
	pl_directives_free(ds);
	pl_result_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(extractors_read_every_line_end),
		cmocka_unit_test(sniffing_reads_lone_cr),
		cmocka_unit_test(result_lines),
		cmocka_unit_test(columns_on_a_very_long_line),
		cmocka_unit_test(directives_with_lone_cr),
	};
	return cmocka_run_group_tests_name("line ends", tests, NULL, NULL);
}
