/*
 * test_context.c: structure as context for recognition.  List items split
 * from their lead-in (block lists and <br> lines), a table of contents,
 * overview sentences, the context a `section` or `weak` cue needs (the
 * heading chain, a list's lead-in, a column header), another party as the
 * subject of a first-party topic, patterns anchored at a sentence's start,
 * and --trace's verdicts.
 */
#include "testutil.h"

static const char *rules_yaml =
	"structure:\n"
	"  overview: ['^this\\s+(?:privacy\\s+)?(?:policy|notice)\\s+(?:explains|describes)']\n"
	"  other-party: ['\\b(?:third\\s+parties|advertisers)\\b[^.;,]{0,30}$']\n"
	"topics:\n"
	"  - id: collection.items\n"
	"    area: collection\n"
	"    summary: a kind of personal data\n"
	"    patterns: ['\\bwe\\s+collect\\b']\n"
	"    first-party: true\n"
	"    weak:\n"
	"      patterns: ['\\b(?:name|e-?mail\\s+address|phone\\s+number)\\b']\n"
	"      under: ['\\bcollect\\b', 'information\\s+we\\s+(?:gather|hold)']\n"
	"  - id: collection.verb\n"
	"    area: collection\n"
	"    summary: a verb of collecting whose subject is ours\n"
	"    patterns: ['\\bcollects?\\b']\n"
	"    first-party: true\n"
	"  - id: retention.periods\n"
	"    area: retention\n"
	"    summary: a period in a table\n"
	"    patterns: ['\\b\\d+\\s+(?:days|months|years)\\b']\n"
	"    section: ['\\b(?:retention|expir\\w*|how\\s+long)\\b']\n"
	"  - id: rights.opening\n"
	"    area: rights\n"
	"    summary: an imperative at a sentence start\n"
	"    patterns: ['^\\W*(?:ask|request)\\s+us\\b']\n"
	"    headings: count\n"
	"rules:\n"
	"  - {id: need-collection, kind: require, area: collection,\n"
	"     severity: error, message: m, rationale: r, topics: [collection]}\n";

static pl_ruleset *rules(void)
{
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(rules_yaml, &d);
	if (d.errors)
		pl_diags_print(&d, stderr);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return rs;
}

/* The first evidence of topic in area a. */
static const pl_location *first(const pl_result *r, pl_area a,
				const char *topic)
{
	for (size_t i = 0; i < r->areas[a].count; i++)
		if (strcmp(r->areas[a].evidence[i].topic, topic) == 0)
			return &r->areas[a].evidence[i].loc;
	fail_msg("no evidence of %s", topic);
	return NULL;
}

static size_t evidence(const pl_result *r, pl_area a, const char *topic)
{
	size_t n = 0;
	for (size_t i = 0; i < r->areas[a].count; i++)
		n += strcmp(r->areas[a].evidence[i].topic, topic) == 0;
	return n;
}

/* Each line of a <br> list after a lead-in is a sentence of its own, and a
 * weak cue in it counts through the lead-in. */
static void br_list_items_take_their_lead_in(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.html",
			       "<p>Information we gather:<br>Your name<br>"
			       "Your e-mail address<br>Your phone number</p>"
			       "<p>Your name appears on your profile.</p>", &d);
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.items"), 3);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* A block list (<li>) after a lead-in ending in ':' likewise; the same
 * words in a paragraph of their own are no evidence. */
static void block_list_items_take_their_lead_in(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.md",
			       "When you register we ask for:\n\n"
			       "- your name\n- your e-mail address\n\n"
			       "Please keep your phone number handy.\n", &d);
	/* The lead-in does not say "collect": no context, no evidence. */
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.items"), 0);
	pl_result_free(r);
	r = tu_lint(rs, "p.md",
		    "We collect the following:\n\n"
		    "- your name\n- your e-mail address\n\n"
		    "Please keep your phone number handy.\n", &d);
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.items"), 3);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* A weak cue counts under a heading that supports it, at any level above. */
static void weak_cue_under_heading_chain(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.md",
			       "# What we collect\n\n## From you\n\n"
			       "Your name and your phone number.\n\n"
			       "# Security\n\nYour name is safe.\n", &d);
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.items"), 1);
	assert_int_equal(first(r, PL_AREA_COLLECTION, "collection.items")->line, 5);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* A table cell's context is its column's header cell. */
static void table_cell_under_column_header(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.md",
			       "| Cookie | Purpose | Expiry |\n"
			       "|---|---|---|\n"
			       "| sid | keeps you signed in | 30 days |\n"
			       "| pref | remembers 2 years of settings | 1 year |\n",
			       &d);
	/* "30 days" under Expiry counts; "2 years" under Purpose does not. */
	assert_int_equal(evidence(r, PL_AREA_RETENTION, "retention.periods"), 1);
	assert_int_equal(first(r, PL_AREA_RETENTION, "retention.periods")->line, 3);
	pl_result_free(r);
	r = tu_lint(rs, "p.html",
		    "<table><tr><th>Name</th><th>Expires after</th></tr>"
		    "<tr><td>sid</td><td>90 days</td></tr></table>", &d);
	assert_int_equal(evidence(r, PL_AREA_RETENTION, "retention.periods"), 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* Table-of-contents entries and overview sentences are no evidence. */
static void toc_and_overview_are_not_evidence(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.md",
			       "This policy explains what we collect and why.\n\n"
			       "- What we collect about you\n- Your choices\n\n"
			       "## What we collect about you\n\n"
			       "We collect what you type into forms.\n", &d);
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.items"), 1);
	assert_int_equal(first(r, PL_AREA_COLLECTION, "collection.items")->line, 8);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* A first-party topic does not count what another party does. */
static void other_party_as_subject(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt",
			       "Third parties may collect your IP address. "
			       "Advertisers collect cookies; we collect your "
			       "name.\n", &d);
	/* The first sentence is theirs; in the second, the clause after
	 * the ';' is ours. */
	assert_int_equal(evidence(r, PL_AREA_COLLECTION, "collection.verb"), 1);
	assert_int_equal(first(r, PL_AREA_COLLECTION, "collection.verb")->column, 76);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* ^ means the start of a sentence, wherever the sentence stands. */
static void anchor_is_sentence_start(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	pl_result *r = tu_lint(rs, "p.txt",
			       "Your rights. Ask us for a copy at any time. You "
			       "may also ask us to delete it.\n", &d);
	assert_int_equal(evidence(r, PL_AREA_RIGHTS, "rights.opening"), 1);
	assert_int_equal(first(r, PL_AREA_RIGHTS, "rights.opening")->column, 14);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

typedef struct {
	int kept, weak, toc, heading, other;
	int rule_met;
} counts;

static void count_events(const pl_trace_event *ev, void *arg)
{
	counts *c = arg;
	if (ev->verdict == PL_TRACE_RULE) {
		c->rule_met += strcmp(ev->id, "need-collection") == 0 &&
			       strcmp(ev->message, "met") == 0;
		return;
	}
	if (strcmp(ev->id, "collection.items") != 0)
		return;
	c->kept += ev->verdict == PL_TRACE_KEPT;
	c->weak += ev->verdict == PL_TRACE_WEAK;
	c->toc += ev->verdict == PL_TRACE_TOC;
	c->heading += ev->verdict == PL_TRACE_HEADING;
	c->other += ev->verdict == PL_TRACE_OTHER_PARTY;
}

/* The trace says what became of every candidate, and each rule's verdict. */
static void trace_gives_every_verdict(void **state)
{
	(void)state;
	pl_ruleset *rs = rules();
	pl_diags d = {0};
	counts c = {0};
	pl_scan_options o = {0};
	o.trace = count_events;
	o.trace_arg = &c;
	const char *text = "- We collect\n\n## We collect\n\n"
			   "Advertisers we collect for. We collect your name.\n\n"
			   "# Security\n\nYour phone number.\n";
	char *copy = pl_xstrdup(text);
	pl_result *r = pl_scan(rs, "p.md", copy, strlen(text), &o, &d);
	assert_int_equal(c.toc, 1);             /* the list item */
	assert_int_equal(c.heading, 1);         /* the heading */
	assert_int_equal(c.other, 1);           /* "Advertisers we collect" */
	assert_int_equal(c.kept, 1);            /* "We collect your name" */
	assert_int_equal(c.weak, 1);            /* "phone number" under Security */
	assert_int_equal(c.rule_met, 1);
	pl_result_free(r);
	pl_ruleset_free(rs);
}

/* What a sentence's context says is remembered for one topic only: two
 * topics with weak cues in the same sentence, under different contexts. */
static void context_memo_is_per_topic(void **state)
{
	(void)state;
	pl_diags d = {0};
	pl_ruleset *rs = tu_rules_from(
		"topics:\n"
		"  - id: retention.kept\n"
		"    area: retention\n"
		"    summary: s\n"
		"    patterns: ['(?!)']\n"
		"    weak: {patterns: ['\\bkeep\\b'], under: ['\\bretention\\b']}\n"
		"  - id: security.kept\n"
		"    area: security\n"
		"    summary: s\n"
		"    patterns: ['(?!)']\n"
		"    weak: {patterns: ['\\bkeep\\b'], under: ['\\bsecurity\\b']}\n",
		&d);
	assert_int_equal(d.errors, 0);
	pl_result *r = tu_lint(rs, "p.md", "# Retention\n\nWe keep logs and keep "
			       "backups.\n\n# Security\n\nWe keep keys apart.\n", &d);
	assert_int_equal(evidence(r, PL_AREA_RETENTION, "retention.kept"), 1);
	assert_int_equal(first(r, PL_AREA_RETENTION, "retention.kept")->line, 3);
	assert_int_equal(evidence(r, PL_AREA_SECURITY, "security.kept"), 1);
	assert_int_equal(first(r, PL_AREA_SECURITY, "security.kept")->line, 7);
	pl_result_free(r);
	pl_ruleset_free(rs);
	pl_diags_clear(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(br_list_items_take_their_lead_in),
		cmocka_unit_test(block_list_items_take_their_lead_in),
		cmocka_unit_test(weak_cue_under_heading_chain),
		cmocka_unit_test(table_cell_under_column_header),
		cmocka_unit_test(toc_and_overview_are_not_evidence),
		cmocka_unit_test(other_party_as_subject),
		cmocka_unit_test(anchor_is_sentence_start),
		cmocka_unit_test(trace_gives_every_verdict),
		cmocka_unit_test(context_memo_is_per_topic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
