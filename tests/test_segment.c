/*
 * test_segment.c: splitting blocks into sentences: where a sentence ends
 * (and where a '.' does not: abbreviations, initials, numbers, addresses),
 * headings as sentences of their own, the heading each sentence stands
 * under, list items run into one block, and finding the sentence at an
 * offset.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Segments prose as one block of the given kind. */
static void segment_one(pl_text *t, const char *prose, pl_block_kind kind)
{
	memset(t, 0, sizeof(*t));
	t->src = prose;
	t->src_len = strlen(prose);
	t->prose = (char *)prose;
	t->prose_len = t->src_len;
	t->prose_is_src = 1;
	pl_block b = {.start = 0, .end = t->prose_len, .kind = kind,
		      .level = kind == PL_BLOCK_HEADING, .header = -1};
	PL_PUSH(t->blocks, t->nblocks, t->blocks_cap, b);
	pl_text_segment(t);
}

static void assert_sentences(const pl_text *t, const char *const *expect,
			     size_t n)
{
	for (size_t i = 0; i < n && i < t->nsentences; i++) {
		const pl_sentence *s = &t->sentences[i];
		char *got = pl_xstrndup(t->prose + s->start, s->end - s->start);
		assert_string_equal(got, expect[i]);
		free(got);
	}
	assert_int_equal(t->nsentences, n);
}

#define SENTENCES(t, ...)                                                    \
	do {                                                                 \
		static const char *const want_[] = {__VA_ARGS__};            \
		assert_sentences((t), want_, sizeof want_ / sizeof *want_);  \
	} while (0)

static void plain_sentences(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t, "  We collect data.  We share it!   Do we sell it? No.  ",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "We collect data.", "We share it!", "Do we sell it?", "No.");
	assert_int_equal(t.sentences[0].start, 2);
	assert_int_equal(t.sentences[3].end, strlen(t.prose) - 2);
	pl_text_free(&t);
}

static void abbreviations_do_not_split(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t,
		    "Our office is in the U.S. We never sell data to Acme Inc. "
		    "Or its partners, e.g. Google. J. Smith is our officer. "
		    "Fees rose in Jan. 2024 as set out in No. 5 above. "
		    "Ask Dr. Brown, Mr. Green etc. and wait. "
		    "We keep names, addresses, etc. All of it stays here.",
		    PL_BLOCK_PARAGRAPH);
	/* "etc." goes on before a small letter and ends its sentence before
	 * a capital (a list that trails off). */
	SENTENCES(&t,
		  "Our office is in the U.S. We never sell data to Acme Inc. "
		  "Or its partners, e.g. Google.",
		  "J. Smith is our officer.",
		  "Fees rose in Jan. 2024 as set out in No. 5 above.",
		  "Ask Dr. Brown, Mr. Green etc. and wait.",
		  "We keep names, addresses, etc.",
		  "All of it stays here.");
	pl_text_free(&t);
	/* A German street's abbreviation before its number; a word ending in
	 * "str" before other text still ends a sentence. */
	segment_one(&t,
		    "Write to Example UG, Ostfeldstr. 49, 30559 Hannover. "
		    "We answer. Our maestr. We wait.",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "Write to Example UG, Ostfeldstr. 49, 30559 Hannover.",
		  "We answer.", "Our maestr.", "We wait.");
	pl_text_free(&t);

	/* Before a word, "No." and "Mar." end sentences like any word. */
	segment_one(&t, "Do we sell data? The answer is no. We keep it.",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "Do we sell data?", "The answer is no.", "We keep it.");
	pl_text_free(&t);
}

static void numbers_addresses_and_urls(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t,
		    "Write to privacy@example.com. Visit www.example.com/policy.html "
		    "for more. Version 2.0 costs $3.50 per 1.5 GB. "
		    "See https://example.org/a.b?c=d.e now.",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "Write to privacy@example.com.",
		  "Visit www.example.com/policy.html for more.",
		  "Version 2.0 costs $3.50 per 1.5 GB.",
		  "See https://example.org/a.b?c=d.e now.");
	pl_text_free(&t);
}

static void quotes_brackets_and_case(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t,
		    "They said \"we stop.\" Then we stopped. (See above.) "
		    "We \xE2\x80\x9C" "agree.\xE2\x80\x9D \xE2\x80\x9CYes,\xE2\x80\x9D "
		    "we do; we collect names. and more... Then 42 apply.",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "They said \"we stop.\"", "Then we stopped.", "(See above.)",
		  "We \xE2\x80\x9C" "agree.\xE2\x80\x9D",
		  /* ';' and a lower-case word after '.' go on. */
		  "\xE2\x80\x9CYes,\xE2\x80\x9D we do; we collect names. and more...",
		  "Then 42 apply.");
	pl_text_free(&t);

	/* A no-break space after the stop, and a line break. */
	segment_one(&t, "One.\xC2\xA0Two.\r\nThree.", PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "One.", "Two.", "Three.");
	pl_text_free(&t);
}

static void bullets_in_a_block(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t,
		    "We collect:\n- your name\n- your e-mail\n"
		    "\xE2\x80\xA2 your phone\n1. your address and\nmore",
		    PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "We collect:", "- your name", "- your e-mail",
		  "\xE2\x80\xA2 your phone", "1. your address and\nmore");
	pl_text_free(&t);
}

static void heading_block_is_one_sentence(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t, "1. Overview. Scope!", PL_BLOCK_HEADING);
	SENTENCES(&t, "1. Overview. Scope!");
	assert_int_equal(t.sentences[0].heading, -1);
	assert_int_equal(t.sentences[0].block, 0);
	pl_text_free(&t);
}

static void headings_above_sentences(void **state)
{
	(void)state;
	pl_text t;
	memset(&t, 0, sizeof t);
	static const char src[] = "Intro here. More.\n\nCOOKIES\n"
				  "We use cookies. They help.\n\n"
				  "SECURITY\nWe encrypt data.\n";
	pl_extract(&t, PL_INPUT_TEXT, src, strlen(src));
	assert_int_equal(t.nblocks, 5);
	assert_int_equal(t.blocks[1].kind, PL_BLOCK_HEADING);
	assert_int_equal(t.blocks[3].kind, PL_BLOCK_HEADING);
	SENTENCES(&t, "Intro here.", "More.", "COOKIES", "We use cookies.",
		  "They help.", "SECURITY", "We encrypt data.");
	static const long heading[] = {-1, -1, -1, 1, 1, 1, 3};
	static const size_t block[] = {0, 0, 1, 2, 2, 3, 4};
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(t.sentences[i].heading, heading[i]);
		assert_int_equal(t.sentences[i].block, block[i]);
	}
	pl_text_free(&t);

	/* The same from HTML headings. */
	static const char html[] = "<h1>Policy</h1><p>A. B. Text.</p>"
				   "<h2>Kids</h2><p>No data. None.</p>";
	memset(&t, 0, sizeof t);
	pl_extract(&t, PL_INPUT_HTML, html, strlen(html));
	SENTENCES(&t, "Policy", "A. B. Text.", "Kids", "No data.", "None.");
	assert_int_equal(t.sentences[1].heading, 0);
	assert_int_equal(t.sentences[2].heading, 0);
	assert_int_equal(t.sentences[3].heading, 2);
	assert_int_equal(t.sentences[4].heading, 2);
	pl_text_free(&t);
}

static void sentence_at_offsets(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t, "First one.   Second one.", PL_BLOCK_PARAGRAPH);
	assert_int_equal(pl_text_sentence_at(&t, 0), 0);
	assert_int_equal(pl_text_sentence_at(&t, 9), 0);
	assert_int_equal(pl_text_sentence_at(&t, 11), -1);   /* between */
	assert_int_equal(pl_text_sentence_at(&t, 13), 1);
	assert_int_equal(pl_text_sentence_at(&t, 23), 1);
	assert_int_equal(pl_text_sentence_at(&t, 24), -1);
	pl_text_free(&t);
}

static void empty_and_odd_blocks(void **state)
{
	(void)state;
	pl_text t;
	segment_one(&t, "", PL_BLOCK_PARAGRAPH);
	assert_int_equal(t.nsentences, 0);
	pl_text_free(&t);
	segment_one(&t, ". . .", PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, ". . .");
	pl_text_free(&t);
	segment_one(&t, "End.", PL_BLOCK_PARAGRAPH);
	SENTENCES(&t, "End.");
	pl_text_free(&t);
	static const char nul[] = "A\0b. C.";
	memset(&t, 0, sizeof t);
	pl_extract(&t, PL_INPUT_TEXT, nul, sizeof nul - 1);
	assert_int_equal(t.nsentences, 2);
	assert_int_equal(t.sentences[1].start, 5);
	pl_text_free(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_sentences),
		cmocka_unit_test(abbreviations_do_not_split),
		cmocka_unit_test(numbers_addresses_and_urls),
		cmocka_unit_test(quotes_brackets_and_case),
		cmocka_unit_test(bullets_in_a_block),
		cmocka_unit_test(heading_block_is_one_sentence),
		cmocka_unit_test(headings_above_sentences),
		cmocka_unit_test(sentence_at_offsets),
		cmocka_unit_test(empty_and_odd_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
