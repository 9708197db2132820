/*
 * test_prefilter.c: the literals derived from a pattern (one test per
 * construct of the syntax), and the prefilter that finds them: soundness
 * against PCRE2 itself (every match of a pattern starts where the
 * prefilter allows), caseless folding, the runs that bound "\s+" and
 * "\w+", and the sentence test.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "literals.h"
#include "prefilter.h"
#include "util.h"
#include "wire.h"

/* ---- Helpers ----------------------------------------------------------------- */

typedef struct {
	pl_literal_set sets[PL_LITERAL_SETS];
	size_t n;
} derived;

static derived derive(const char *pattern)
{
	derived d;
	memset(&d, 0, sizeof(d));
	d.n = pl_literals_required(pattern, strlen(pattern), d.sets);
	return d;
}

static void release(derived *d)
{
	pl_literal_sets_free(d->sets, d->n);
	d->n = 0;
}

static int set_has(const pl_literal_set *s, const char *x)
{
	for (size_t i = 0; i < s->count; i++)
		if (strcmp(s->strings[i], x) == 0)
			return 1;
	return 0;
}

/* Whether some set of d is exactly the given strings (in any order). */
static int has_set(const derived *d, const char *const *want, size_t n)
{
	for (size_t j = 0; j < d->n; j++) {
		if (d->sets[j].count != n)
			continue;
		size_t k = 0;
		while (k < n && set_has(&d->sets[j], want[k]))
			k++;
		if (k == n)
			return 1;
	}
	return 0;
}

#define HAS_SET(d, ...)                                                      \
	do {                                                                 \
		static const char *const want_[] = {__VA_ARGS__};            \
		assert_true(has_set((d), want_, sizeof want_ / sizeof *want_)); \
	} while (0)

/* The first set holding x, or NULL. */
static const pl_literal_set *set_with(const derived *d, const char *x)
{
	for (size_t j = 0; j < d->n; j++)
		if (set_has(&d->sets[j], x))
			return &d->sets[j];
	return NULL;
}

static pcre2_code *compile(const char *pattern)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
				       PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP,
				       &err, &off, NULL);
	assert_non_null(re);
	return re;
}

/* Every match PCRE2 finds of pattern in text, at every start offset,
 * must start where the prefilter built from the pattern allows, and every
 * one of its sets must have a literal inside the text it was searched in
 * (the sentence test). */
static void assert_sound(const char *pattern, const char *text)
{
	derived d = derive(pattern);
	const pl_literal_set *sets = d.sets;
	size_t nsets = d.n;
	pl_prefilter *pf = pl_prefilter_build(&sets, &nsets, 1);
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	size_t len = strlen(text);
	pl_prefilter_scan(pf, text, len, &occ);
	size_t block_ends[1] = {len};
	pl_slot_view v;
	pl_prefilter_view(pf, &occ, 0, block_ends, 1, &v);

	pcre2_code *re = compile(pattern);
	pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
	for (size_t s = 0; s <= len; s++) {
		int rc = pcre2_match(re, (PCRE2_SPTR)text, len, s, PCRE2_ANCHORED,
				     md, NULL);
		if (rc < 0)
			continue;
		if (d.n == 0 || !v.narrowed)
			continue;       /* searched everywhere: sound trivially */
		int allowed = 0;
		for (size_t k = 0; k < v.starts.count && !allowed; k++)
			allowed = v.starts.items[k].lo <= s && s <= v.starts.items[k].hi;
		if (!allowed)
			fail_msg("%s: a match at %zu in \"%s\" is not allowed",
				 pattern, s, text);
		assert_true(pl_slot_view_may_match_in(&v, 0, len));
	}
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	pl_slot_view_free(&v);
	pl_occurrences_free(&occ);
	pl_prefilter_free(pf);
	release(&d);
}

/* Whether pattern matches text at all (PCRE2's verdict), and the
 * prefilter allows some start. */
static int prefilter_allows(const char *pattern, const char *text)
{
	derived d = derive(pattern);
	const pl_literal_set *sets = d.sets;
	size_t nsets = d.n;
	pl_prefilter *pf = pl_prefilter_build(&sets, &nsets, 1);
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	size_t len = strlen(text);
	pl_prefilter_scan(pf, text, len, &occ);
	size_t block_ends[1] = {len};
	pl_slot_view v;
	pl_prefilter_view(pf, &occ, 0, block_ends, 1, &v);
	int allows = !v.narrowed || v.starts.count > 0;
	pl_slot_view_free(&v);
	pl_occurrences_free(&occ);
	pl_prefilter_free(pf);
	release(&d);
	return allows;
}

/* A memo shared by several patterns changes none of their sets, nor their
 * order: a group met again is copied, also where its text is a prefix of a
 * longer one or where the pattern ends inside it. */
static int same_sets(const pl_literal_set *a, size_t na, const pl_literal_set *b,
		     size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t j = 0; j < na; j++) {
		if (a[j].count != b[j].count || a[j].shortest != b[j].shortest ||
		    a[j].in_lookahead != b[j].in_lookahead ||
		    memcmp(&a[j].reach, &b[j].reach, sizeof(a[j].reach)) != 0)
			return 0;
		for (size_t k = 0; k < a[j].count; k++)
			if (strcmp(a[j].strings[k], b[j].strings[k]) != 0)
				return 0;
	}
	return 1;
}

static void memo_changes_nothing(void **state)
{
	(void)state;
	static const char *const patterns[] = {
		"(?:we|our\\s+company)\\s+(?:sell|rent)\\s+(?:your|the)\\s+data",
		"(?:we|our\\s+company)\\s+(?:sell|rent)\\s+(?:your|the)\\s+data)",
		"(?:(?:we|our\\s+company)\\s+(?:sell|rent))?\\s+(?:your|the)",
		"(?:we|our\\s+company)\\s+(?:sell|rent",
		"(?#a comment that is not closed",
		"(?#a comment that is not closed) and more text",
		"(?=.*(?:personal\\s+information|data))(?:share|disclose)",
		"(?:[[:alpha:]]+\\s+(?:information|data))|(?:[[:alpha:]",
		"x(?:third[-\\s]part(?:y|ies)){2}(?:third[-\\s]part(?:y|ies))?",
	};
	pl_literal_memo *memo = pl_literal_memo_new();
	for (int round = 0; round < 2; round++)
		for (size_t i = 0; i < sizeof patterns / sizeof *patterns; i++) {
			const char *p = patterns[i];
			for (size_t len = 1; len <= strlen(p); len++) {
				pl_literal_set a[PL_LITERAL_SETS], b[PL_LITERAL_SETS];
				size_t na = pl_literals_required(p, len, a);
				size_t nb = pl_literals_required_memo(memo, p, len, b);
				assert_true(same_sets(a, na, b, nb));
				pl_literal_sets_free(a, na);
				pl_literal_sets_free(b, nb);
			}
		}
	pl_literal_memo_free(memo);
}

/* ---- The derivation, construct by construct ----------------------------------- */

static void plain_literal(void **state)
{
	(void)state;
	derived d = derive("privacy");
	assert_int_equal(d.n, 1);
	HAS_SET(&d, "privacy");
	assert_int_equal(d.sets[0].shortest, 7);
	assert_false(d.sets[0].reach.unbounded);
	release(&d);
	assert_sound("privacy", "our Privacy policy, PRIVACY and privacy");
}

static void case_flags(void **state)
{
	(void)state;
	/* (?i) and (?-i:...) change nothing: literals are compared
	 * caselessly (a superset of what a case-sensitive part matches). */
	derived d = derive("(?i)Cookies");
	HAS_SET(&d, "cookies");
	release(&d);
	d = derive("(?-i:GPC)\\s+signal");
	HAS_SET(&d, "gpc");
	HAS_SET(&d, "signal");
	release(&d);
	assert_sound("(?-i:GPC)\\s+signal", "the GPC signal and the gpc  signal");
}

static void hex_escapes(void **state)
{
	(void)state;
	/* \x{2019} is the typographic apostrophe: caseless, kept as UTF-8. */
	derived d = derive("we\\x{2019}re\\s+sharing");
	HAS_SET(&d, "we\xE2\x80\x99re");
	release(&d);
	d = derive("\\x41\\x42\\x43d");
	HAS_SET(&d, "abcd");
	release(&d);
	/* A cased non-ASCII letter has case partners: no literal of it. */
	d = derive("\\x{e9}t\\x{e9}");
	assert_int_equal(d.n, 0);
	release(&d);
	assert_sound("we\\x{2019}re\\s+sharing", "we\xE2\x80\x99re sharing it");
}

static void optional_groups(void **state)
{
	(void)state;
	/* An optional part requires nothing, but multiplies the exact set. */
	derived d = derive("third[\\s-]+part(?:y|ies)?");
	HAS_SET(&d, "third");
	assert_null(set_with(&d, "y"));
	release(&d);
	d = derive("e-?mail");
	HAS_SET(&d, "email", "e-mail");
	release(&d);
	/* A match starts with the optional part or without it: "personal"
	 * or "data" is near its start. */
	d = derive("(?:personal\\s+)?data");
	HAS_SET(&d, "data");
	HAS_SET(&d, "personal", "data");
	release(&d);
	d = derive("(?:you\\s+can\\s+)?(?:access|view)\\s+data");
	HAS_SET(&d, "you", "access", "view");
	assert_true(set_with(&d, "you")->reach.bytes < 16);
	release(&d);
	assert_sound("(?:personal\\s+)?data", "personal data, data, Personal  Data");
}

static void empty_alternatives(void **state)
{
	(void)state;
	/* A branch that may be empty requires nothing: no set at all. */
	derived d = derive("cookies|");
	assert_int_equal(d.n, 0);
	release(&d);
	d = derive("(?:|we)\\s+sell");
	HAS_SET(&d, "sell");
	assert_null(set_with(&d, "we"));
	release(&d);
	/* Each branch contributes: the union. */
	d = derive("\\b(?:sell|rent|lease)s?\\b");
	HAS_SET(&d, "sell", "rent", "lease");
	release(&d);
	/* A branch with too short a literal spoils the union. */
	d = derive("cookies|k");
	assert_int_equal(d.n, 0);
	release(&d);
	assert_sound("(?:|we)\\s+sell", " sell, we sell, wesell");
}

static void classes(void **state)
{
	(void)state;
	/* A few plain characters are an exact set; ranges and escapes are
	 * one character of up to four bytes. */
	derived d = derive("organi[sz]ation");
	HAS_SET(&d, "organisation", "organization");
	release(&d);
	d = derive("[’']s\\s+data");
	HAS_SET(&d, "data");
	release(&d);
	d = derive("[a-z]+@example");
	HAS_SET(&d, "@example");
	release(&d);
	/* A negated class is never a literal. */
	d = derive("[^a]bcd[^e]");
	assert_int_equal(d.n, 1);
	HAS_SET(&d, "bcd");
	release(&d);
	assert_sound("organi[sz]ation", "Organization and ORGANISATION");
	assert_sound("[a-z]+@example", "write to privacy@example.com");
}

static void bounded_repeats(void **state)
{
	(void)state;
	/* {0,n} requires nothing of its part; a fixed count multiplies. */
	derived d = derive("(?:\\w+\\s+){0,3}?information");
	HAS_SET(&d, "information");
	const pl_literal_set *s = set_with(&d, "information");
	assert_false(s->reach.unbounded);
	assert_int_equal(s->reach.word_runs, 3);
	assert_int_equal(s->reach.space_runs, 3);
	release(&d);
	d = derive("(?:ab){3}c");
	HAS_SET(&d, "abababc");
	release(&d);
	d = derive("x{0,3}yyy");
	HAS_SET(&d, "yyy");
	assert_int_equal(set_with(&d, "yyy")->reach.bytes, 6);
	release(&d);
	/* Many repeats of a word character: one run of them. */
	d = derive("x{0,50}yyy");
	assert_int_equal(set_with(&d, "yyy")->reach.bytes, 3);
	assert_int_equal(set_with(&d, "yyy")->reach.word_runs, 1);
	release(&d);
	assert_sound("(?:\\w+\\s+){0,3}?information",
		     "the information, some of your personal information here");
	assert_sound("share[^.;]{0,40}partners", "we share it, in part, with partners.");
}

static void lookarounds(void **state)
{
	(void)state;
	/* A positive lookahead's literal may lie past the match's end; a
	 * negative one and lookbehinds require nothing. */
	derived d = derive("\\bsell(?=[^.;]{0,30}\\bdata)");
	const pl_literal_set *s = set_with(&d, "data");
	assert_non_null(s);
	assert_true(s->in_lookahead);
	assert_non_null(set_with(&d, "sell"));
	assert_false(set_with(&d, "sell")->in_lookahead);
	release(&d);
	d = derive("(?<!\\bnot\\s)share(?!\\s+nothing)");
	assert_int_equal(d.n, 1);
	HAS_SET(&d, "share");
	release(&d);
	d = derive("(?<=privacy\\s)policy");
	HAS_SET(&d, "policy");
	assert_null(set_with(&d, "privacy"));
	release(&d);
	assert_sound("\\bsell(?=[^.;]{0,30}\\bdata)", "we sell no data. we sell your data");
	assert_sound("(?<=privacy\\s)policy", "privacy policy");
}

static void runs_bound_reach(void **state)
{
	(void)state;
	/* "\s+", "\w+" and "\S+" span one run of the text each; ".*" is
	 * unbounded. */
	derived d = derive("cookies\\s+\\w+\\s+\\S+\\s+track");
	const pl_literal_set *s = set_with(&d, "track");
	assert_non_null(s);
	assert_false(s->reach.unbounded);
	assert_int_equal(s->reach.space_runs, 3);
	assert_int_equal(s->reach.word_runs, 1);
	assert_int_equal(s->reach.token_runs, 1);
	pl_runs runs = {2, 10, 20};
	/* cookies (k and s may take 3 and 2 bytes) + runs + track */
	assert_int_equal(pl_reach_bytes(&s->reach, &runs),
			 s->reach.bytes + 3 * 2 + 10 + 20);
	release(&d);
	d = derive("cookies.*track");
	s = set_with(&d, "track");
	assert_non_null(s);
	assert_true(s->reach.unbounded);
	assert_int_equal(pl_reach_bytes(&s->reach, &runs), (size_t)-1);
	release(&d);
	assert_sound("cookies\\s+\\w+\\s+\\S+\\s+track",
		     "cookies   help us,  then   track");
	assert_sound("cookies.*track", "cookies ... and later we track");
}

static void unsupported_constructs(void **state)
{
	(void)state;
	/* What the analysis does not understand gives no set: the pattern
	 * is searched everywhere. */
	const char *none[] = {"(a)\\1bcd", "\\Qabc\\E", "abc\\Kdef", "(?x) a b c d",
			      "(*UTF)abcd", "abc(?R)?", "(?n)(abcd)"};
	for (size_t i = 0; i < sizeof none / sizeof *none; i++) {
		derived d = derive(none[i]);
		if (d.n != 0)
			fail_msg("%s: expected no literal set", none[i]);
		release(&d);
	}
}

static void superstrings_dropped(void **state)
{
	(void)state;
	/* "shares" holds "share": only the shorter is kept. */
	derived d = derive("\\bshar(?:e|es|ed|ing)\\b");
	HAS_SET(&d, "share", "sharing");
	release(&d);
}

/* ---- The prefilter ---------------------------------------------------------------- */

static void caseless_and_folded(void **state)
{
	(void)state;
	/* PCRE2 matches 'k' with the Kelvin sign and 's' with the long s,
	 * caselessly: so must the prefilter. */
	const char *kelvin = "\xE2\x84\xAA" "eep";              /* Keep */
	const char *longs = "co" "\xC5\xBF" "t";                /* coſt */
	assert_true(prefilter_allows("keep", kelvin));
	assert_sound("keep", kelvin);
	assert_true(prefilter_allows("cost", longs));
	assert_sound("cost", longs);
	assert_true(prefilter_allows("cookies", "COOKIES"));
	assert_false(prefilter_allows("cookies", "cookie jar"));
}

static void sets_intersect(void **state)
{
	(void)state;
	/* Both words must be near each other for the pattern to start. */
	const char *p = "\\b(?:information|data)\\s+(?:from|about)\\s+children\\b";
	assert_false(prefilter_allows(p, "data here. Much later, children."));
	assert_true(prefilter_allows(p, "we keep data about children"));
	assert_sound(p, "we keep data about children and information from children");
}

/* An automaton of more states than 16 bits can number keeps 32-bit
 * transitions, finds its literals as a small one does, and survives the
 * cache's round trip. */
static void wide_table(void **state)
{
	(void)state;
	enum { NLITS = 12000, LEN = 12 };
	char **lits = calloc(NLITS, sizeof(*lits));
	uint32_t seed = 12345;
	for (size_t i = 0; i < NLITS; i++) {
		lits[i] = malloc(LEN + 1);
		for (size_t k = 0; k < LEN; k++) {
			seed = seed * 1664525u + 1013904223u;
			lits[i][k] = (char)('a' + (seed >> 24) % 26);
		}
		lits[i][LEN] = '\0';
	}
	pl_literal_set one = {lits, NLITS, LEN, {LEN, 0, 0, 0, 0}, 0};
	const pl_literal_set *sets = &one;
	size_t n = 1;
	pl_prefilter *pf = pl_prefilter_build(&sets, &n, 1);
	/* over 65,536 trie nodes, 27 byte classes, 4 bytes a cell */
	assert_true(pl_prefilter_bytes(pf) > (size_t)65536 * 27 * 4);

	pl_buf b;
	pl_buf_init(&b);
	pl_prefilter_encode(pf, &b);
	uint32_t width;
	memcpy(&width, b.data + 16 + 256, 4);
	assert_int_equal(width, 32);
	pl_wire_in in;
	pl_wire_in_init(&in, b.data, b.len);
	pl_prefilter *back = pl_prefilter_decode(&in);
	assert_non_null(back);

	char text[3 * (LEN + 2) + 1];
	snprintf(text, sizeof text, "%s, %s %.*s", lits[NLITS - 1], lits[0],
		 LEN - 1, lits[7]);
	for (int copy = 0; copy < 2; copy++) {
		pl_occurrences occ;
		memset(&occ, 0, sizeof(occ));
		pl_prefilter_scan(copy ? back : pf, text, strlen(text), &occ);
		assert_true(occ.complete);
		/* literal ids follow first appearance: lits[i] is i */
		assert_int_equal(occ.first[NLITS] - occ.first[NLITS - 1], 1);
		assert_int_equal(occ.ends[occ.first[NLITS - 1]], LEN);
		assert_int_equal(occ.first[1] - occ.first[0], 1);
		assert_int_equal(occ.ends[occ.first[0]], 2 * LEN + 2);
		assert_int_equal(occ.first[8] - occ.first[7], 0);  /* cut short */
		pl_occurrences_free(&occ);
	}
	pl_prefilter_free(back);
	pl_prefilter_free(pf);
	pl_buf_free(&b);
	for (size_t i = 0; i < NLITS; i++)
		free(lits[i]);
	free(lits);
}

static void runs_measured(void **state)
{
	(void)state;
	char *lit = strdup("abc");
	pl_literal_set one = {&lit, 1, 3, {3, 0, 0, 0, 0}, 0};
	const pl_literal_set *sets = &one;
	size_t n = 1;
	pl_prefilter *pf = pl_prefilter_build(&sets, &n, 1);
	free(lit);
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	const char *text = "a  b\t\t\t c_defgh1 ij, \xC2\xA0\xC2\xA0x";
	pl_prefilter_scan(pf, text, strlen(text), &occ);
	/* The longest space is ", " then two no-break spaces (1 + 2 * 2
	 * bytes): over-approximated, non-ASCII characters whose lead byte
	 * a space may have count as space.  The longest word "c_defgh1". */
	assert_true(occ.complete);
	assert_int_equal(occ.runs.space, 5);
	assert_int_equal(occ.runs.word, 8);
	assert_int_equal(occ.runs.token, 8);
	pl_occurrences_free(&occ);
	pl_prefilter_free(pf);
}

static void sentence_test(void **state)
{
	(void)state;
	const char *p = "\\bsell\\b[^.]{0,40}\\bdata\\b";
	derived d = derive(p);
	const pl_literal_set *sets = d.sets;
	size_t nsets = d.n;
	pl_prefilter *pf = pl_prefilter_build(&sets, &nsets, 1);
	const char *text = "We sell things. Your data is safe. We sell data.";
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	pl_prefilter_scan(pf, text, strlen(text), &occ);
	size_t block_ends[1] = {strlen(text)};
	pl_slot_view v;
	pl_prefilter_view(pf, &occ, 0, block_ends, 1, &v);
	assert_true(v.narrowed);
	/* "We sell things." has no "data"; "Your data is safe." no "sell";
	 * "We sell data." both. */
	assert_false(pl_slot_view_may_match_in(&v, 0, 15));
	assert_false(pl_slot_view_may_match_in(&v, 16, 34));
	assert_true(pl_slot_view_may_match_in(&v, 35, strlen(text)));
	pl_slot_view_free(&v);
	pl_occurrences_free(&occ);
	pl_prefilter_free(pf);
	release(&d);
}

/* A set whose strings may lie any distance after the match's start gives
 * no windows, but a block without any of them still cannot hold a match:
 * the starts the near set allows are kept only in blocks that have one of
 * the far set's strings too. */
static void far_set_limits_blocks(void **state)
{
	(void)state;
	const char *p = "\\bdata\\b[^.;]*\\bsold\\b";
	derived d = derive(p);
	assert_true(set_with(&d, "data") != NULL);
	assert_true(set_with(&d, "sold") != NULL);
	const pl_literal_set *sets = d.sets;
	size_t nsets = d.n;
	pl_prefilter *pf = pl_prefilter_build(&sets, &nsets, 1);
	/* Block 0: "data" without "sold"; block 1: both. */
	const char *text = "Your data is kept here.\nYour data is never sold.";
	size_t len = strlen(text), first = strlen("Your data is kept here.\n");
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	pl_prefilter_scan(pf, text, len, &occ);
	size_t block_ends[2] = {first, len};
	pl_slot_view v;
	pl_prefilter_view(pf, &occ, 0, block_ends, 2, &v);
	assert_true(v.narrowed);
	assert_true(v.starts.count > 0);
	for (size_t k = 0; k < v.starts.count; k++)
		assert_true(v.starts.items[k].lo >= first);
	pl_slot_view_free(&v);
	pl_occurrences_free(&occ);
	pl_prefilter_free(pf);
	release(&d);
	assert_sound(p, "Your data is kept here. Your data is never sold.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_literal),
		cmocka_unit_test(case_flags),
		cmocka_unit_test(hex_escapes),
		cmocka_unit_test(optional_groups),
		cmocka_unit_test(empty_alternatives),
		cmocka_unit_test(classes),
		cmocka_unit_test(bounded_repeats),
		cmocka_unit_test(lookarounds),
		cmocka_unit_test(runs_bound_reach),
		cmocka_unit_test(unsupported_constructs),
		cmocka_unit_test(superstrings_dropped),
		cmocka_unit_test(memo_changes_nothing),
		cmocka_unit_test(caseless_and_folded),
		cmocka_unit_test(sets_intersect),
		cmocka_unit_test(runs_measured),
		cmocka_unit_test(wide_table),
		cmocka_unit_test(sentence_test),
		cmocka_unit_test(far_set_limits_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
