/*
 * test_extract.c: the three extractors (plain text, Markdown, HTML): the
 * prose they produce and above all the map from prose back to source
 * bytes, which every finding's position depends on.  (How documents
 * divide into blocks and sentences is tested as input and expected files
 * in tests/extract/, by tests/cli/extract_golden.sh.)  Also: hostile input (NUL bytes, invalid UTF-8, broken
 * markup) and inputs of several megabytes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "textshape.h"
#include "text.h"

/* ---- Helpers ------------------------------------------------------------ */

static void extract(pl_text *t, pl_input_format fmt, const char *src)
{
	memset(t, 0, sizeof(*t));
	pl_extract(t, fmt, src, strlen(src));
}

static void assert_block(const pl_text *t, size_t b, pl_block_kind kind,
			 int level, const char *text)
{
	assert_true(b < t->nblocks);
	const pl_block *k = &t->blocks[b];
	char *got = pl_xstrndup(t->prose + k->start, k->end - k->start);
	assert_string_equal(got, text);
	free(got);
	assert_int_equal(k->kind, kind);
	assert_int_equal(k->level, level);
}

/* The first occurrence of word in the prose maps to exactly the bytes
 * src_text at the first place it occurs in the source. */
static void assert_maps(const pl_text *t, const char *word,
			const char *src_text)
{
	const char *p = strstr(t->prose, word);
	assert_non_null(p);
	const char *q = strstr(t->src, src_text);
	assert_non_null(q);
	size_t off = (size_t)(p - t->prose), len = 0;
	size_t at = pl_text_range_to_src(t, off, off + strlen(word), &len);
	assert_int_equal(at, (size_t)(q - t->src));
	assert_int_equal(len, strlen(src_text));
	assert_int_equal(pl_text_to_src(t, off), (size_t)(q - t->src));
}

/* What must hold of every extraction: spans sorted and within bounds,
 * byte-for-byte spans copying their source exactly (so no prose byte
 * points into a tag), blocks in order and inside the prose, and sentences
 * in order inside their blocks. */
static void check_invariants(const pl_text *t)
{
	assert_non_null(t->prose);
	assert_int_equal(t->prose[t->prose_len], '\0');
	size_t end = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		const pl_span *s = &t->spans[i];
		assert_true(s->prose_off >= end);
		assert_true(s->prose_off + s->len <= t->prose_len);
		assert_true(s->src_off + s->src_len <= t->src_len);
		/* Byte for byte, except that a space may stand for any one
		 * white-space byte (a line break, a tab, a NUL). */
		for (size_t k = 0; s->len == s->src_len && k < s->len; k++) {
			char p = t->prose[s->prose_off + k];
			char c = t->src[s->src_off + k];
			if (p != c)
				assert_true(p == ' ' && strchr(" \t\r\n\f\v", c));
		}
		end = s->prose_off + s->len;
	}
	size_t prev = 0;
	for (size_t b = 0; b < t->nblocks; b++) {
		assert_true(t->blocks[b].start >= prev);
		assert_true(t->blocks[b].start < t->blocks[b].end);
		assert_true(t->blocks[b].end <= t->prose_len);
		prev = t->blocks[b].end;
	}
	prev = 0;
	for (size_t i = 0; i < t->nsentences; i++) {
		const pl_sentence *s = &t->sentences[i];
		const pl_block *b = &t->blocks[s->block];
		assert_true(s->start >= prev);
		assert_true(s->start < s->end);
		assert_true(s->start >= b->start && s->end <= b->end);
		prev = s->end;
	}
}

/* ---- Plain text --------------------------------------------------------- */

static void text_bom_and_crlf(void **state)
{
	(void)state;
	static const char src[] = "\xEF\xBB\xBF" "PRIVACY NOTICE\r\n\r\n"
				  "We collect your email address.\r\n"
				  "We never sell it.\r\n";
	pl_text t;
	extract(&t, PL_INPUT_TEXT, src);
	check_invariants(&t);
	/* The prose is the source itself, after the byte order mark. */
	assert_true(t.prose_is_src);
	assert_ptr_equal(t.prose, src + 3);
	assert_int_equal(t.prose_len, sizeof src - 1 - 3);
	assert_int_equal(t.nblocks, 3);
	assert_block(&t, 0, PL_BLOCK_HEADING, 1, "PRIVACY NOTICE");
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0, "We collect your email address.");
	assert_block(&t, 2, PL_BLOCK_PARAGRAPH, 0, "We never sell it.");
	assert_maps(&t, "email", "email");
	assert_maps(&t, "PRIVACY", "PRIVACY");
	assert_int_equal(pl_text_to_src(&t, 0), 3);
	assert_int_equal(pl_text_to_src(&t, t.prose_len), sizeof src - 1);
	pl_text_free(&t);
}

/* A contact line is information, not a title, also with its address
 * written out against harvesters ("jane [at] example [dot] net"). */
static void text_contact_line_is_no_heading(void **state)
{
	(void)state;
	static const char src[] = "Maintainers\n\n"
				  "Email: jane [at] example [dot] net\n\n"
				  "Write to us with questions.\n";
	pl_text t;
	extract(&t, PL_INPUT_TEXT, src);
	check_invariants(&t);
	assert_int_equal(t.nblocks, 3);
	assert_block(&t, 0, PL_BLOCK_HEADING, 2, "Maintainers");
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0,
		     "Email: jane [at] example [dot] net");
	pl_text_free(&t);
}

static void text_empty_and_blank(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_TEXT, "");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	assert_int_equal(t.nsentences, 0);
	assert_int_equal(t.prose_len, 0);
	assert_int_equal(pl_text_to_src(&t, 0), 0);
	pl_text_free(&t);

	extract(&t, PL_INPUT_TEXT, "\xEF\xBB\xBF \n\t\r\n \xC2\xA0 \n----\n");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	assert_int_equal(t.nsentences, 0);
	pl_text_free(&t);
}

static void text_nul_and_invalid_utf8(void **state)
{
	(void)state;
	static const char src[] = "We \xFF\xFE collect\0 data.\n\xC2\n\xE2\x80";
	pl_text t;
	memset(&t, 0, sizeof t);
	pl_extract(&t, PL_INPUT_TEXT, src, sizeof src - 1);
	assert_int_equal(t.prose_len, sizeof src - 1);
	assert_int_equal(t.nblocks, 3);
	assert_int_equal(t.blocks[0].end - t.blocks[0].start, 20);
	pl_text_free(&t);
}

/* ---- Markdown ----------------------------------------------------------- */

static void md_inline_markup(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_MARKDOWN,
		"# Our *Privacy* Policy #\n"
		"\n"
		"We **never** sell your [personal data](https://example.com/d \"t\")\n"
		"to _anyone_. See `opt_out` &amp; <https://example.com/x_y>\n"
		"or mail <help@example.com>.\n");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, PL_BLOCK_HEADING, 1, "Our Privacy Policy");
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0,
		     "We never sell your personal data to anyone. See opt_out & "
		     "https://example.com/x_y or mail help@example.com.");
	assert_maps(&t, "Privacy", "Privacy");
	assert_maps(&t, "never", "never");
	assert_maps(&t, "personal data", "personal data");
	assert_maps(&t, "anyone", "anyone");
	assert_maps(&t, "opt_out", "opt_out");
	assert_maps(&t, "https://example.com/x_y", "https://example.com/x_y");
	assert_maps(&t, "help@example.com", "help@example.com");
	/* The decoded '&' stands for the whole reference. */
	assert_maps(&t, "&", "&amp;");
	/* The line break became a space that points at the break. */
	const char *sp = strstr(t.prose, "data to");
	assert_non_null(sp);
	assert_int_equal(pl_text_to_src(&t, (size_t)(sp - t.prose) + 4),
			 (size_t)(strstr(t.src, "\")\nto") - t.src) + 2);
	pl_text_free(&t);
}

static void md_blocks(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_MARKDOWN,
		"Data We Keep\n"
		"============\n"
		"\n"
		"> Quoted *note*\n"
		"> here.\n"
		"\n"
		"- first item\n"
		"- second item\n"
		"  continues here\n"
		"1. numbered item\n"
		"\n"
		"| Kind | Period |\n"
		"|------|:------:|\n"
		"| Logs | 30 days |\n"
		"\n"
		"---\n"
		"[ref]: https://example.com/ref\n"
		"<!-- hidden\n"
		"comment -->\n"
		"Version 1\\.2 of snake_case_name and 5 * 3.\n"
		"\n"
		"```text\n"
		"code *line*\n"
		"```\n"
		"Sub heading\n"
		"-----------\n");
	check_invariants(&t);
	assert_null(strstr(t.prose, "hidden"));
	assert_null(strstr(t.prose, "example.com/ref"));
	assert_maps(&t, "30 days", "30 days");
	assert_maps(&t, "continues", "continues");
	/* "1\.2": the escaped '.' maps to itself, not to the backslash. */
	const char *v = strstr(t.prose, "1.2");
	size_t len;
	size_t at = pl_text_range_to_src(&t, (size_t)(v - t.prose),
					 (size_t)(v - t.prose) + 3, &len);
	assert_int_equal(at, (size_t)(strstr(t.src, "1\\.2") - t.src));
	assert_int_equal(len, 4);
	assert_int_equal(pl_text_to_src(&t, (size_t)(v - t.prose) + 1),
			 (size_t)(strstr(t.src, "\\.2") - t.src) + 1);
	pl_text_free(&t);
}

/* A bold line is a heading in disguise, unless it is a sentence: a full
 * stop after six words or more. */
static void md_bold_heading_or_sentence(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_MARKDOWN,
		"**Your rights**\n"
		"\n"
		"**Acme does not collect any of your personal data, period.**\n");
	check_invariants(&t);
	assert_block(&t, 0, PL_BLOCK_HEADING, 6, "Your rights");
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0,
		     "Acme does not collect any of your personal data, period.");
	pl_text_free(&t);
}

static void md_entities_images_and_html(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_MARKDOWN,
		"![Company logo](logo.png) We&#8217;re <b>careful</b>&nbsp;with "
		"data<br>always.\r\n"
		"\r\n"
		"* [Opt out][prefs] today\r\n");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, PL_BLOCK_PARAGRAPH, 0,
		     "Company logo We\xE2\x80\x99re careful with data always.");
	assert_block(&t, 1, PL_BLOCK_LIST_ITEM, 0, "Opt out today");
	assert_maps(&t, "\xE2\x80\x99", "&#8217;");
	assert_maps(&t, "careful", "careful");
	assert_maps(&t, "Opt out", "Opt out");
	/* The no-break space stands for the whole reference. */
	const char *sp = strstr(t.prose, "careful ") + 7;
	size_t len;
	size_t at = pl_text_range_to_src(&t, (size_t)(sp - t.prose),
					 (size_t)(sp - t.prose) + 1, &len);
	assert_int_equal(at, (size_t)(strstr(t.src, "&nbsp;") - t.src));
	assert_int_equal(len, 6);
	pl_text_free(&t);
}

static void md_empty(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_MARKDOWN, "");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	assert_int_equal(t.prose_len, 0);
	pl_text_free(&t);
	extract(&t, PL_INPUT_MARKDOWN, "\n\n---\n<!-- x -->\n\n# \n");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	pl_text_free(&t);
}

/* ---- HTML --------------------------------------------------------------- */

static void html_page(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_HTML,
		"<!DOCTYPE html><html><head><title>Site Policy</title>"
		"<style>p { color: red }</style>"
		"<script>var s = '<p>not text</p>';</script></head>\n"
		"<body><h2 class=\"x\">Who &amp; Why</h2>\n"
		"<p>We&nbsp;share data with <b>partners</b>&#8217; systems "
		"&mdash; never   sold.<!-- a note --></p>\n"
		"<ul><li>One</li><li>Two<li>Three</ul>\n"
		"<table><tr><td>Logs</td><td>30 days</td></tr></table>"
		"<noscript>Enable scripts</noscript><![CDATA[raw]]>"
		"<a title='a > b' href=\"/x\">Last</a> words</body></html>");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 9);
	assert_block(&t, 0, PL_BLOCK_HEADING, 1, "Site Policy");
	assert_block(&t, 1, PL_BLOCK_HEADING, 2, "Who & Why");
	assert_block(&t, 2, PL_BLOCK_PARAGRAPH, 0,
		     "We share data with partners\xE2\x80\x99 systems "
		     "\xE2\x80\x94 never sold.");
	assert_block(&t, 3, PL_BLOCK_LIST_ITEM, 0, "One");
	assert_block(&t, 4, PL_BLOCK_LIST_ITEM, 0, "Two");
	assert_block(&t, 5, PL_BLOCK_LIST_ITEM, 0, "Three");
	assert_block(&t, 6, PL_BLOCK_TABLE_CELL, 0, "Logs");
	assert_block(&t, 7, PL_BLOCK_TABLE_CELL, 0, "30 days");
	assert_block(&t, 8, PL_BLOCK_PARAGRAPH, 0, "Last words");
	assert_maps(&t, "&", "&amp;");
	assert_maps(&t, "\xE2\x80\x99", "&#8217;");
	assert_maps(&t, "\xE2\x80\x94", "&mdash;");
	assert_maps(&t, "partners", "partners");
	assert_maps(&t, "sold", "sold");
	assert_maps(&t, "Last", "Last");
	/* A word and the entity after it: the range covers both. */
	assert_maps(&t, "partners\xE2\x80\x99", "partners</b>&#8217;");
	/* Collapsed white space maps to its first byte; &nbsp; as a whole. */
	const char *sp = strstr(t.prose, "never sold") + 5;
	assert_int_equal(pl_text_to_src(&t, (size_t)(sp - t.prose)),
			 (size_t)(strstr(t.src, "   sold") - t.src));
	size_t len;
	size_t at = pl_text_range_to_src(&t, (size_t)(strstr(t.prose, "We share") - t.prose) + 2,
					 (size_t)(strstr(t.prose, "We share") - t.prose) + 3, &len);
	assert_int_equal(at, (size_t)(strstr(t.src, "&nbsp;") - t.src));
	assert_int_equal(len, 6);
	assert_null(strstr(t.prose, "not text"));
	assert_null(strstr(t.prose, "color"));
	assert_null(strstr(t.prose, "Enable"));
	assert_null(strstr(t.prose, "raw"));
	assert_null(strstr(t.prose, "note"));
	pl_text_free(&t);
}

static void html_light_corpus_style(void **state)
{
	(void)state;
	pl_text t;
	/* The shape of research corpora: one paragraph per source line,
	 * headings marked by bold or by a double <br>. */
	extract(&t, PL_INPUT_HTML,
		"Privacy Notice <br> <br> We collect your name. <br> <br>\n"
		"<strong> Sharing </strong> <br> <br> We do not sell data.\n"
		"We keep logs for\n"
		"thirty days.\n"
		"<ul> <li> Opt out anytime </li> </ul>\n"
		"<b>Security</b><br>We encrypt it.<br>Always.\n"
		"Last line <br> still the same paragraph.\n");
	check_invariants(&t);
	assert_maps(&t, "thirty", "thirty");
	assert_maps(&t, "Sharing", "Sharing");
	/* A line break a <br> implies points at the text after the tag. */
	const char *sp = strstr(t.prose, "it.\nAlways") + 3;
	size_t len;
	size_t at = pl_text_range_to_src(&t, (size_t)(sp - t.prose),
					 (size_t)(sp - t.prose) + 1, &len);
	assert_int_equal(at, (size_t)(strstr(t.src, "Always") - t.src));
	assert_int_equal(len, 0);
	pl_text_free(&t);
}

static void html_broken_markup(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_HTML,
		"<p>a < b and c > d; x<3; AT&T &copy2024 &unknown; &#xZZ; "
		"&#99999999; &#0; &#150; &#x41;</p><p>tail <b class=\"q>r");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, PL_BLOCK_PARAGRAPH, 0,
		     "a < b and c > d; x<3; AT&T &copy2024 &unknown; &#xZZ; "
		     "\xEF\xBF\xBD \xEF\xBF\xBD \xE2\x80\x93 A");
	/* The unclosed quote does not swallow the text after the next '>'. */
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0, "tail r");
	pl_text_free(&t);

	/* Unclosed comment, script and tag: the rest is markup. */
	extract(&t, PL_INPUT_HTML, "<p>kept</p><!-- never closed <p>lost");
	assert_int_equal(t.nblocks, 1);
	assert_block(&t, 0, PL_BLOCK_PARAGRAPH, 0, "kept");
	pl_text_free(&t);
	extract(&t, PL_INPUT_HTML, "kept<script>lost");
	assert_int_equal(t.nblocks, 1);
	pl_text_free(&t);
}

/* A single-file component (Vue) keeps its page in a <template>: read. */
static void html_component_template(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_HTML,
		"<template>\n  <div>\n    <h1>Privacy</h1>\n"
		"    <p>We keep server logs.</p>\n  </div>\n</template>\n"
		"<script setup>const x = '<p>not text</p>';</script>\n");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 2);
	assert_block(&t, 0, PL_BLOCK_HEADING, 1, "Privacy");
	assert_block(&t, 1, PL_BLOCK_PARAGRAPH, 0, "We keep server logs.");
	pl_text_free(&t);
}

static void html_nul_and_invalid_utf8(void **state)
{
	(void)state;
	static const char src[] = "<p>ok\0there \xFF\xFE\xC2</p>\xE2\x80<p\0>";
	pl_text t;
	memset(&t, 0, sizeof t);
	pl_extract(&t, PL_INPUT_HTML, src, sizeof src - 1);
	check_invariants(&t);
	assert_true(t.nblocks >= 1);
	assert_memory_equal(t.prose + t.blocks[0].start, "ok there \xFF\xFE\xC2", 12);
	pl_text_free(&t);
}

static void html_empty(void **state)
{
	(void)state;
	pl_text t;
	extract(&t, PL_INPUT_HTML, "");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	assert_int_equal(t.prose_len, 0);
	pl_text_free(&t);
	extract(&t, PL_INPUT_HTML, "<html><body><p> &nbsp; </p><br><br></body></html>");
	check_invariants(&t);
	assert_int_equal(t.nblocks, 0);
	pl_text_free(&t);
}

static void entity_decoder(void **state)
{
	(void)state;
	char out[8];
	size_t used = 0;
	assert_int_equal(pl_decode_entity("&amp;x", 6, out, &used), 1);
	assert_int_equal(out[0], '&');
	assert_int_equal(used, 5);
	assert_int_equal(pl_decode_entity("&eacute;", 8, out, &used), 2);
	assert_memory_equal(out, "\xC3\xA9", 2);
	assert_int_equal(pl_decode_entity("&Eacute;", 8, out, &used), 2);
	assert_memory_equal(out, "\xC3\x89", 2);
	assert_int_equal(pl_decode_entity("&#x1F600;", 9, out, &used), 4);
	assert_memory_equal(out, "\xF0\x9F\x98\x80", 4);
	assert_int_equal(used, 9);
	assert_int_equal(pl_decode_entity("&#146;", 6, out, &used), 3);
	assert_memory_equal(out, "\xE2\x80\x99", 3);
	assert_int_equal(pl_decode_entity("&#xD800;", 8, out, &used), 3);
	assert_memory_equal(out, "\xEF\xBF\xBD", 3);
	/* Legacy references without ';' only for the old few. */
	assert_int_equal(pl_decode_entity("&amp and", 8, out, &used), 1);
	assert_int_equal(used, 4);
	assert_int_equal(pl_decode_entity("&trade and", 10, out, &used), 0);
	assert_int_equal(pl_decode_entity("&T", 2, out, &used), 0);
	assert_int_equal(pl_decode_entity("&#", 2, out, &used), 0);
	assert_int_equal(pl_decode_entity("&#12", 4, out, &used), 0);
}

/* ---- Size --------------------------------------------------------------- */

#define BIG (5u << 20)

/* Repeats unit until about BIG bytes; returns the copy count. */
static char *repeat(const char *unit, size_t *count, size_t *len)
{
	size_t n = strlen(unit);
	*count = BIG / n;
	char *s = pl_xmalloc(*count * n + 1);
	for (size_t i = 0; i < *count; i++)
		memcpy(s + i * n, unit, n);
	*len = *count * n;
	s[*len] = '\0';
	return s;
}

static void big_inputs(void **state)
{
	(void)state;
	static const struct {
		pl_input_format fmt;
		const char *unit;
		size_t blocks_per_unit;
	} cases[] = {
		{PL_INPUT_TEXT, "We keep your data for thirty days. Then it is gone.\n\n", 1},
		{PL_INPUT_MARKDOWN, "## Keep\n\nWe *keep* [data](http://x.y) &amp; logs.\n\n", 2},
		{PL_INPUT_HTML, "<h3>Keep</h3><p>We keep <b>data</b> &amp; logs.</p>\n", 2},
		/* Pathological shapes, one huge block each: must stay linear. */
		{PL_INPUT_MARKDOWN, "[[`*_<a &#", 0},
		{PL_INPUT_HTML, "<a b='&#", 0},
		{PL_INPUT_HTML, "x<!-", 0},
	};
	for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
		size_t count, len;
		char *src = repeat(cases[c].unit, &count, &len);
		pl_text t;
		memset(&t, 0, sizeof t);
		pl_extract(&t, cases[c].fmt, src, len);
		if (cases[c].blocks_per_unit)
			assert_int_equal(t.nblocks, count * cases[c].blocks_per_unit);
		check_invariants(&t);
		pl_text_free(&t);
		free(src);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text_bom_and_crlf),
		cmocka_unit_test(text_contact_line_is_no_heading),
		cmocka_unit_test(text_empty_and_blank),
		cmocka_unit_test(text_nul_and_invalid_utf8),
		cmocka_unit_test(md_inline_markup),
		cmocka_unit_test(md_blocks),
		cmocka_unit_test(md_bold_heading_or_sentence),
		cmocka_unit_test(md_entities_images_and_html),
		cmocka_unit_test(md_empty),
		cmocka_unit_test(html_page),
		cmocka_unit_test(html_light_corpus_style),
		cmocka_unit_test(html_broken_markup),
		cmocka_unit_test(html_component_template),
		cmocka_unit_test(html_nul_and_invalid_utf8),
		cmocka_unit_test(html_empty),
		cmocka_unit_test(entity_decoder),
		cmocka_unit_test(big_inputs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
