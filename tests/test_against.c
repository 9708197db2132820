/*
 * test_against.c: the review of a policy edit (against.c, align.c,
 * practices.c, words.c): what an edit removes or weakens is reported once,
 * at its place; what survives an edit stays the same finding.  The policies
 * are written for these tests; the default rule set reads them.
 */
#include "testutil.h"
#include "against.h"
#include "align.h"
#include "baseline.h"
#include "builtins.h"
#include "phrases.h"
#include "words.h"

static pl_ruleset *rs;

static int setup(void **state)
{
	(void)state;
	rs = tu_default_rules();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	pl_ruleset_free(rs);
	return 0;
}

static pl_result *lint(const char *name, const char *text)
{
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, name, text, &d);
	pl_diags_clear(&d);
	return r;
}

/* cur compared with old; the caller frees the result. */
static pl_result *edit(const char *old_text, const char *new_text)
{
	pl_result *old = lint("privacy.md", old_text);
	pl_result *cur = lint("privacy.md", new_text);
	pl_against_options o = {"old.md", NULL, 0};
	pl_result_against(cur, old, &o);
	pl_result_free(old);
	return cur;
}

static size_t count_rule(const pl_result *r, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += strcmp(r->findings[i].rule, rule) == 0;
	return n;
}

static size_t count_kind(const pl_result *r, pl_finding_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++)
		n += r->findings[i].kind == k;
	return n;
}

static const pl_change *change_with(const pl_result *r, pl_change_kind k,
				    const char *words)
{
	for (size_t i = 0; i < r->nchanges; i++)
		if (r->changes[i].kind == k && strstr(r->changes[i].text, words))
			return &r->changes[i];
	return NULL;
}

#define BASE \
	"# Privacy\n\n" \
	"We collect your name and email address when you register.\n\n" \
	"We use this information to provide the service.\n\n" \
	"We share information with service providers who host our servers.\n\n" \
	"We use cookies to remember your preferences. You can disable " \
	"cookies in your browser settings.\n\n" \
	"We protect your information with encryption.\n\n" \
	"Write to privacy@example.org with any question.\n\n"

/* ---- words and fingerprints ---------------------------------------------- */

static int collect(const char *w, size_t n, void *arg)
{
	char *out = arg;
	strncat(out, w, n);
	strcat(out, "|");
	return 0;
}

static void test_words(void **state)
{
	(void)state;
	char out[256] = "";
	const char *s = "We don\xE2\x80\x99t \xE2\x80\x94 SELL*data*";
	pl_words_each(s, strlen(s), PL_WORDS_PROSE, collect, out);
	assert_string_equal(out, "we|don|t|sell|data|");
	out[0] = '\0';
	const char *md = "See [our page](https://x.example/a-b) &amp; <b>it</b>";
	pl_words_each(md, strlen(md), PL_WORDS_MARKDOWN, collect, out);
	assert_string_equal(out, "see|our|page|it|");
	/* Quote and dash styles, spacing and emphasis: the same words. */
	const char *a = "We don't sell - ever - your data.";
	const char *b = "We  don\xE2\x80\x99t   **sell** \xE2\x80\x94 ever \xE2\x80\x94\nyour data.";
	assert_true(pl_words_hash(PL_WORDS_SEED, a, strlen(a), PL_WORDS_MARKDOWN) ==
		    pl_words_hash(PL_WORDS_SEED, b, strlen(b), PL_WORDS_MARKDOWN));
	/* A soft hyphen inside a word is no break. */
	const char *c = "pri\xC2\xADvacy";
	assert_true(pl_words_hash(PL_WORDS_SEED, c, strlen(c), PL_WORDS_PROSE) ==
		    pl_words_hash(PL_WORDS_SEED, "privacy", 7, PL_WORDS_PROSE));
}

#define VAGUE "We may share data with trusted partners.\n\n"

static void test_unchanged_findings_stay(void **state)
{
	(void)state;
	pl_result *old = lint("privacy.md", BASE VAGUE);
	assert_true(old->nfindings > 0);
	/* Re-wrapped, re-quoted, emphasised, moved to the top under a new
	 * heading: every finding is the one the old version had. */
	pl_result *cur = edit(BASE VAGUE,
			      "# Privacy\n\n## Partners\n\nWe may *share* data\nwith "
			      "\xE2\x80\x9Ctrusted partners\xE2\x80\x9D.\n\n"
			      "We collect your name and email address when you "
			      "register.\n\nWe use this information to provide the "
			      "service.\n\nWe share information with service "
			      "providers who host our servers.\n\nWe use cookies to "
			      "remember your preferences. You can disable cookies "
			      "in your browser settings.\n\nWe protect your "
			      "information with encryption.\n\nWrite to "
			      "privacy@example.org with any question.\n");
	for (size_t i = 0; i < cur->nfindings; i++)
		fprintf(stderr, "unexpected: %s %s\n", cur->findings[i].rule,
			cur->findings[i].message);
	assert_int_equal(cur->nfindings, 0);
	pl_result_free(cur);
	pl_result_free(old);
}

static void test_fingerprint_versions(void **state)
{
	(void)state;
	pl_result *a = lint("a.md", "Intro.\n\n" VAGUE);
	pl_result *b = lint("a.md", "Intro, longer.\n\n" "We may share data with "
			    "\xE2\x80\x9Ctrusted\n partners\xE2\x80\x9D.\n");
	const pl_finding *fa = NULL, *fb = NULL;
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].kind == PL_KIND_WORDING)
			fa = &a->findings[i];
	for (size_t i = 0; i < b->nfindings; i++)
		if (b->findings[i].kind == PL_KIND_WORDING)
			fb = &b->findings[i];
	if (fa && fb) {
		assert_true(pl_finding_fingerprint(a, fa) ==
			    pl_finding_fingerprint(b, fb));
		/* Version 1 saw the curly quotes as letters. */
		assert_true(pl_finding_fingerprint_v1(a, fa) !=
			    pl_finding_fingerprint_v1(b, fb));
	}
	/* A missing finding is its rule, wherever the policy changes. */
	for (size_t i = 0; i < a->nfindings; i++)
		if (a->findings[i].kind == PL_KIND_MISSING) {
			const pl_finding *m = tu_finding(b, a->findings[i].rule);
			assert_non_null(m);
			assert_true(pl_finding_fingerprint(a, &a->findings[i]) ==
				    pl_finding_fingerprint(b, m));
		}
	pl_result_free(a);
	pl_result_free(b);
}

/* A baseline written in format 1 is still honoured. */
static void test_baseline_v1(void **state)
{
	(void)state;
	pl_result *r = lint("p.md", "Intro.\n\n" VAGUE);
	assert_true(r->nfindings > 0);
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	fputs("# policylint baseline 1\n", f);
	for (size_t i = 0; i < r->nfindings; i++)
		fprintf(f, "%016llx %s %s p.md\n",
			pl_finding_fingerprint_v1(r, &r->findings[i]),
			r->findings[i].rule,
			pl_finding_kind_name(r->findings[i].kind));
	fclose(f);
	char *path = tu_write_temp(".baseline", text, len);
	pl_baseline *b = pl_baseline_new();
	pl_diags d = {0};
	assert_int_equal(pl_baseline_read(b, path, &d), 0);
	size_t n = r->nfindings;
	assert_int_equal(pl_baseline_filter(b, r), n);
	assert_int_equal(r->nfindings, 0);
	pl_baseline_free(b);
	pl_diags_clear(&d);
	unlink(path);
	free(path);
	free(text);
	pl_result_free(r);
}

/* ---- alignment ------------------------------------------------------------- */

static void test_align(void **state)
{
	(void)state;
	pl_result *old = lint("a.md", "One sentence here. Two sentences here.\n\n"
			      "We keep logs for thirty days before deleting them.\n\n"
			      "A paragraph that goes away entirely.\n");
	pl_result *cur = lint("a.md", "We keep server logs for thirty days before "
			      "we delete them.\n\nOne   sentence \n here. Two "
			      "sentences here.\n");
	pl_version a, b;
	pl_version_init(&a, old);
	pl_version_init(&b, cur);
	pl_align(&a, &b);
	assert_int_equal(a.n, 4);
	assert_int_equal(a.s[0].how, PL_ALIGN_SAME);
	assert_int_equal(a.s[1].how, PL_ALIGN_SAME);
	assert_int_equal(a.s[2].how, PL_ALIGN_REWORDED);
	assert_int_equal(a.s[2].partner, 0);
	assert_int_equal(a.s[3].how, PL_ALIGN_NONE);
	/* The gone sentence's place: after the last kept one before it. */
	assert_int_equal(pl_align_place(&a, &b, 3), b.s[2].src_end);
	pl_version_free(&a);
	pl_version_free(&b);
	pl_result_free(old);
	pl_result_free(cur);
}

/* ---- what an edit removes -------------------------------------------------- */

#define TRANSFERS \
	"## International transfers\n\n" \
	"Your information may be transferred to and processed in the United " \
	"States. We rely on the standard contractual clauses approved by the " \
	"European Commission for these transfers.\n\n"

static void test_section_deleted(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE TRANSFERS, BASE);
	/* The transfer disclosures are gone though sharing is still
	 * disclosed: reported at the topic level, where the section was. */
	assert_true(cur->areas[PL_AREA_SHARING].disclosed);
	assert_true(count_rule(cur, PL_RULE_DISCLOSURE_REMOVED) >= 1);
	for (size_t i = 0; i < cur->nfindings; i++) {
		const pl_finding *f = &cur->findings[i];
		if (strcmp(f->rule, PL_RULE_DISCLOSURE_REMOVED) != 0)
			continue;
		assert_int_equal(f->kind, PL_KIND_REMOVED);
		assert_non_null(strstr(f->message, "old.md:17"));
		assert_int_equal(f->nrelated, 1);
		assert_string_equal(f->related[0].path, "old.md");
		assert_true(f->related[0].line >= 17);
		assert_int_equal(f->loc.line, 13);    /* after the last kept text */
	}
	assert_non_null(change_with(cur, PL_CHANGE_REMOVED, "transferred to other"));
	pl_result_free(cur);
}

static void test_area_removed_once(void **state)
{
	(void)state;
	const char *retention = "We keep your account data for two years after "
				"you close your account.\n\n";
	pl_result *cur = edit(BASE "## Retention\n\n" "We keep your account data "
			      "for two years after you close your account.\n\n",
			      BASE);
	(void)retention;
	/* One loss, one finding: the area, not also its topics, its period
	 * and the requirement it met. */
	assert_int_equal(count_rule(cur, PL_RULE_AREA_REMOVED), 1);
	assert_int_equal(count_kind(cur, PL_KIND_REMOVED) +
			 count_kind(cur, PL_KIND_WEAKENED), 1);
	assert_null(tu_finding(cur, "missing-retention"));
	pl_result_free(cur);
	/* With area-removed disabled, the requirement speaks for itself. */
	pl_result *old = lint("privacy.md", BASE "We keep your account data for "
			      "two years after you close your account.\n\n");
	cur = lint("privacy.md", BASE);
	const char *off[] = {PL_RULE_AREA_REMOVED};
	pl_against_options o = {"old.md", off, 1};
	pl_result_against(cur, old, &o);
	assert_int_equal(count_rule(cur, PL_RULE_AREA_REMOVED), 0);
	const pl_finding *f = tu_finding(cur, "missing-retention");
	assert_non_null(f);
	assert_int_equal(f->kind, PL_KIND_REMOVED);
	assert_non_null(strstr(f->message, "old.md:"));
	pl_result_free(old);
	pl_result_free(cur);
}

static void test_reworded_is_not_removed(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "We keep server logs for 30 days.\n\n",
			      BASE "Server logs are kept for thirty (30) days.\n\n");
	assert_int_equal(count_kind(cur, PL_KIND_REMOVED), 0);
	assert_int_equal(count_kind(cur, PL_KIND_WEAKENED), 0);
	pl_result_free(cur);
}

/* A sentence that only feeds a requirement (here applies.something-to-choose,
 * which is no evidence) is no rewording of a lost disclosure: the opt-out is
 * gone even though most of its words stay in a sentence about settings. */
static void test_lost_not_reworded_into_non_evidence(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "You can opt out of the analytics on our "
			      "settings page.\n\n",
			      BASE "The analytics settings page is on our "
			      "site.\n\n");
	assert_true(count_kind(cur, PL_KIND_REMOVED) +
		    count_kind(cur, PL_KIND_WEAKENED) >= 1);
	pl_result_free(cur);
}

/* ---- what an edit weakens --------------------------------------------------- */

static void test_period_vague(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "We keep server logs for 30 days.\n\n",
			      BASE "We keep server logs for as long as necessary.\n\n");
	const pl_finding *f = tu_finding(cur, PL_RULE_RETENTION_WEAKENED);
	assert_non_null(f);
	assert_int_equal(f->kind, PL_KIND_WEAKENED);
	assert_non_null(strstr(f->message, "30 days"));
	assert_non_null(strstr(f->message, "as long as necessary"));
	assert_int_equal(f->loc.line, 15);
	assert_non_null(change_with(cur, PL_CHANGE_WEAKENED, "as long as necessary"));
	pl_result_free(cur);
	/* Longer is weaker; shorter is firmer, and no finding. */
	cur = edit(BASE "We keep server logs for 30 days.\n\n",
		   BASE "We keep server logs for 90 days.\n\n");
	assert_non_null(tu_finding(cur, PL_RULE_RETENTION_WEAKENED));
	pl_result_free(cur);
	cur = edit(BASE "We keep server logs for 30 days.\n\n",
		   BASE "We keep server logs for 7 days.\n\n");
	assert_null(tu_finding(cur, PL_RULE_RETENTION_WEAKENED));
	assert_non_null(change_with(cur, PL_CHANGE_STRENGTHENED, "7 days"));
	pl_result_free(cur);
}

static void test_right_narrowed(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "You can ask us to delete your personal "
			      "information at any time.\n\n",
			      BASE "If you are a resident of California, you can ask "
			      "us to delete your personal information.\n\n");
	const pl_finding *f = tu_finding(cur, PL_RULE_RIGHT_NARROWED);
	assert_non_null(f);
	assert_int_equal(f->kind, PL_KIND_WEAKENED);
	assert_non_null(strstr(f->message, "resident"));
	pl_result_free(cur);
	/* Still given to everyone, plus a California section: nothing. */
	cur = edit(BASE "You can ask us to delete your personal information at "
		   "any time.\n\n",
		   BASE "You can ask us to delete your personal information at "
		   "any time.\n\nIf you are a resident of California, you can "
		   "also ask us what we know about you.\n\n");
	assert_null(tu_finding(cur, PL_RULE_RIGHT_NARROWED));
	pl_result_free(cur);
}

static void test_promise_qualified(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "We never sell your personal information.\n\n",
			      BASE "We never sell your personal information, except "
			      "to our advertising partners.\n\n");
	const pl_finding *f = tu_finding(cur, PL_RULE_PROMISE_WEAKENED);
	assert_non_null(f);
	assert_non_null(strstr(f->message, "except"));
	pl_result_free(cur);
	/* Dropped altogether: once, as the topic it was (or as the promise
	 * when the topic is still disclosed elsewhere). */
	cur = edit(BASE "We never sell your personal information.\n\n", BASE);
	assert_int_equal(count_rule(cur, PL_RULE_PROMISE_REMOVED) +
			 count_rule(cur, PL_RULE_DISCLOSURE_REMOVED), 1);
	assert_non_null(change_with(cur, PL_CHANGE_REMOVED, "does not sell"));
	pl_result_free(cur);
	/* Reworded, still absolute: nothing. */
	cur = edit(BASE "We never sell your personal information.\n\n",
		   BASE "We do not sell personal information to anyone.\n\n");
	assert_null(tu_finding(cur, PL_RULE_PROMISE_REMOVED));
	assert_null(tu_finding(cur, PL_RULE_PROMISE_WEAKENED));
	pl_result_free(cur);
}

static void test_change_log_deleted(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE "Every change is listed in the change log "
			      "below.\n\n## Change log\n\n- 2024-03-01: the cookie "
			      "section was added.\n- 2023-01-10: first version.\n",
			      BASE "Every change is listed in the change log below.\n");
	/* The policy's only dates are gone: reported once, by the
	 * requirement they met when the profile has one, else as such, and
	 * the dangling reference is named. */
	const pl_finding *f = tu_finding(cur, PL_RULE_DATE_REMOVED);
	if (f == NULL)
		f = tu_finding(cur, "missing-effective-date");
	assert_non_null(f);
	assert_int_equal(f->kind, PL_KIND_REMOVED);
	assert_int_equal(count_kind(cur, PL_KIND_REMOVED), 1);
	assert_non_null(strstr(f->message, "old.md:"));
	assert_non_null(strstr(f->message, "still refers to \"change log\""));
	assert_non_null(change_with(cur, PL_CHANGE_REMOVED, "2024-03-01"));
	pl_result_free(cur);
}

static void test_practice_changes(void **state)
{
	(void)state;
	pl_result *cur = edit(BASE,
			      BASE "We share your precise location with "
			      "advertisers.\n\nYou can ask us to correct your "
			      "personal information.\n\n");
	assert_non_null(change_with(cur, PL_CHANGE_ADDED,
				    "now shares precise location with advertisers"));
	assert_non_null(change_with(cur, PL_CHANGE_ADDED, "the right to correct"));
	for (size_t i = 0; i < cur->nchanges; i++)
		assert_true(cur->changes[i].loc.line >= 15);
	pl_result_free(cur);
}

static void test_builtins_known(void **state)
{
	(void)state;
	for (size_t i = 0; i < pl_builtin_rule_count(); i++) {
		const pl_builtin_rule *b = pl_builtin_rule_at(i);
		assert_ptr_equal(pl_builtin_rule_find(b->id), b);
		assert_true(strlen(b->summary) > 10 && strlen(b->rationale) > 10);
	}
	assert_null(pl_builtin_rule_find("no-such-rule"));
	assert_string_equal(pl_finding_kind_name(PL_KIND_WEAKENED), "weakened");
}

/* Every evidence topic of the default rules is worded for a reader in the
 * table of phrases.c: the summary of a new topic is a rule author's note
 * ("in words the baseline topic misses"), and the edit's summary quoted it
 * ("now says: contact details given outside a request, ...") before the
 * contact topics were added to the table. */
static void test_every_topic_has_plain_words(void **state)
{
	(void)state;
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic *topic = &rs->topics[t];
		if (topic->evidence && !pl_phrase_known(topic->id))
			fail_msg("topic %s has no plain words in phrases.c",
				 topic->id);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_unchanged_findings_stay),
		cmocka_unit_test(test_fingerprint_versions),
		cmocka_unit_test(test_baseline_v1),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_section_deleted),
		cmocka_unit_test(test_area_removed_once),
		cmocka_unit_test(test_reworded_is_not_removed),
		cmocka_unit_test(test_lost_not_reworded_into_non_evidence),
		cmocka_unit_test(test_period_vague),
		cmocka_unit_test(test_right_narrowed),
		cmocka_unit_test(test_promise_qualified),
		cmocka_unit_test(test_change_log_deleted),
		cmocka_unit_test(test_practice_changes),
		cmocka_unit_test(test_builtins_known),
		cmocka_unit_test(test_every_topic_has_plain_words),
	};
	return cmocka_run_group_tests_name("against", tests, setup, teardown);
}
