/*
 * judge.c: from evidence to findings, and the whole scan of one policy.
 *
 * pl_scan extracts and segments the text, runs the topics (scan.c), turns
 * their hits into area evidence, and then judges: each selected rule is
 * met, missing, incomplete or not applicable (require, require-if, dated
 * requirements), `avoid` rules report discouraged wording, the conflict
 * finder (conflicts.c) reports contradictions, and each selected profile's
 * coverage is recorded.  The findings end sorted in source order.
 */
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "judge.h"
#include "util.h"

/* The first hit of a topic reference, or NULL.  An area name stands for
 * the area's evidence topics: one with `evidence: false` feeds rules that
 * name it, never the area as a whole (else a rule could be met by what
 * the area's coverage does not count). */
static const pl_hit *ref_hit(const pl_scanner *sc, const pl_topic_refs *refs,
			     size_t i)
{
	const pl_hit *best = NULL;
	if (refs->index[i] != (size_t)-1) {
		const pl_hits *h = &sc->topic_hits[refs->index[i]];
		return h->count ? &h->items[0] : NULL;
	}
	int area = pl_area_from_name(refs->names[i]);
	for (size_t t = 0; t < sc->rs->ntopics; t++) {
		const pl_hits *h = &sc->topic_hits[t];
		if ((int)sc->rs->topics[t].area == area &&
		    sc->rs->topics[t].evidence && h->count &&
		    (best == NULL || h->items[0].start < best->start))
			best = &h->items[0];
	}
	return best;
}

static const pl_hit *first_of(const pl_scanner *sc, const pl_topic_refs *refs)
{
	const pl_hit *best = NULL;
	for (size_t i = 0; i < refs->count; i++) {
		const pl_hit *h = ref_hit(sc, refs, i);
		if (h && (best == NULL || h->start < best->start))
			best = h;
	}
	return best;
}

/* Calls fn for every hit of the topics refs names. */
static void each_ref_hit(const pl_scanner *sc, const pl_topic_refs *refs,
			 void (*fn)(const pl_scanner *, const pl_hit *, void *),
			 void *arg)
{
	for (size_t i = 0; i < refs->count; i++) {
		int area = refs->index[i] == (size_t)-1 ?
				   pl_area_from_name(refs->names[i]) : -1;
		for (size_t t = 0; t < sc->rs->ntopics; t++) {
			if (area < 0 ? t != refs->index[i] :
				       (int)sc->rs->topics[t].area != area ||
					       !sc->rs->topics[t].evidence)
				continue;
			const pl_hits *h = &sc->topic_hits[t];
			for (size_t k = 0; k < h->count; k++)
				fn(sc, &h->items[k], arg);
		}
	}
}

typedef struct {
	pl_date date;
	const pl_hit *hit;
	int found;
} newest_date;

/* The date in a hit's sentence: after the match's start ("Last updated:
 * 5 March 2024"), else anywhere in the sentence ("5 March 2024 (last
 * updated)"). */
static void keep_newest(const pl_scanner *sc, const pl_hit *h, void *arg)
{
	newest_date *nd = arg;
	const pl_sentence *st = &sc->text.sentences[h->sentence];
	const char *prose = sc->text.prose;
	pl_date d;
	if (pl_date_find(prose + h->start, st->end - h->start, &d, NULL,
			 NULL) != 0 &&
	    pl_date_find(prose + st->start, st->end - st->start, &d, NULL,
			 NULL) != 0)
		return;
	if (!nd->found || pl_date_days(&d) > pl_date_days(&nd->date)) {
		nd->date = d;
		nd->hit = h;
		nd->found = 1;
	}
}

int pl_newest_date(const pl_scanner *sc, const pl_topic_refs *refs,
			   pl_date *date, const pl_hit **hit)
{
	newest_date nd = {{0, 0, 0}, NULL, 0};
	each_ref_hit(sc, refs, keep_newest, &nd);
	if (!nd.found)
		return -1;
	*date = nd.date;
	*hit = nd.hit;
	return 0;
}

static pl_date scanner_today(const pl_scanner *sc)
{
	return sc->today.year ? sc->today : pl_date_today();
}

int pl_rule_fires(const pl_scanner *sc, const pl_rule *r,
			  const pl_hit **trigger)
{
	*trigger = NULL;
	switch (r->kind) {
	case PL_RULE_REQUIRE:
		if (first_of(sc, &r->topics) == NULL)
			return 1;
		if (r->max_age_months > 0) {
			pl_date d, today = scanner_today(sc);
			const pl_hit *h;
			if (pl_newest_date(sc, &r->topics, &d, &h) == 0 &&
			    pl_date_older_than(&d, &today, r->max_age_months)) {
				*trigger = h;
				return 1;
			}
		}
		return 0;
	case PL_RULE_REQUIRE_IF:
		*trigger = first_of(sc, &r->when);
		return *trigger != NULL && first_of(sc, &r->topics) == NULL;
	default:
		return 0;
	}
}


static pl_location location_of(const pl_scanner *sc, const pl_result *r,
			       const pl_hit *h)
{
	return pl_result_locate(r, &sc->text, h->start, h->end);
}

/* A finding of rule at the start of the file (the callers that know where
 * it belongs move it there). */
static pl_finding *add_finding(pl_result *r, const pl_rule *rule,
			       pl_finding_kind kind)
{
	return pl_result_add_finding(r, rule->id, kind, rule->severity,
				     rule->area, 0, 0, rule->message);
}

/* What became of each rule, for the coverage of profiles. */
enum { RULE_SKIPPED, RULE_MET, RULE_MISSING, RULE_NOT_APPLICABLE };

/* A too-old date: the rule's message, then the date and how old it is. */
static void stale_message(const pl_scanner *sc, const pl_rule *rule,
			  pl_finding *f)
{
	pl_date d, today = scanner_today(sc);
	const pl_hit *h;
	if (pl_newest_date(sc, &rule->topics, &d, &h) != 0)
		return;
	char when[16], now[16];
	pl_date_format(&d, when, sizeof when);
	pl_date_format(&today, now, sizeof now);
	long months = (today.year - d.year) * 12L + (today.month - d.month);
	free(f->message);
	f->message = pl_xasprintf("%s (the policy is dated %s, %ld months "
				  "before %s; the limit is %d)", rule->message,
				  when, months, now, rule->max_age_months);
}

static void apply_rules(pl_scanner *sc, pl_result *r,
			const pl_scan_options *opts, unsigned char *status)
{
	const pl_ruleset *rs = sc->rs;
	char owner[160];
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *rule = &rs->rules[i];
		if (opts && pl_id_listed(opts->disabled, opts->ndisabled, rule->id))
			continue;
		if (rule->kind == PL_RULE_AVOID) {
			pl_hits hits = {0};
			snprintf(owner, sizeof owner, "rule '%s'", rule->id);
			pl_scanner_match(sc, &rule->match, owner, &hits);
			for (size_t k = 0; k < hits.count; k++) {
				pl_finding *f = add_finding(r, rule, PL_KIND_WORDING);
				f->loc = location_of(sc, r, &hits.items[k]);
			}
			status[i] = hits.count ? RULE_MISSING : RULE_MET;
			free(hits.items);
			continue;
		}
		if (rule->kind == PL_RULE_CONFLICT)
			continue;
		const pl_hit *trigger;
		if (!pl_rule_fires(sc, rule, &trigger)) {
			status[i] = rule->kind == PL_RULE_REQUIRE_IF &&
					    first_of(sc, &rule->when) == NULL ?
					    RULE_NOT_APPLICABLE : RULE_MET;
			continue;
		}
		status[i] = RULE_MISSING;
		pl_finding *f = add_finding(r, rule, trigger ? PL_KIND_INCOMPLETE
							     : PL_KIND_MISSING);
		if (trigger)
			f->loc = location_of(sc, r, trigger);
		if (trigger && rule->kind == PL_RULE_REQUIRE)
			stale_message(sc, rule, f);
	}
}

/* ---- Profiles ------------------------------------------------------------ */

/* The selected profiles, "all" expanded, in the rule set's order (baseline
 * first); returns how many (names point into rs or opts). */
static size_t selected_profiles(const pl_ruleset *rs,
				const pl_scan_options *opts,
				const char ***out)
{
	static const char *const def[] = {PL_PROFILE_DEFAULT};
	const char *const *names = def;
	size_t n = 1;
	if (opts && opts->nprofiles) {
		names = opts->profiles;
		n = opts->nprofiles;
	}
	const char **sel = pl_xcalloc(rs->nprofiles + 2, sizeof(*sel));
	size_t count = 0;
	int all = 0;
	for (size_t i = 0; i < n; i++)
		all |= strcmp(names[i], PL_PROFILE_ALL) == 0;
	int baseline = all;
	for (size_t i = 0; i < n && !baseline; i++)
		baseline = strcmp(names[i], PL_PROFILE_DEFAULT) == 0;
	if (baseline)
		sel[count++] = PL_PROFILE_DEFAULT;
	for (size_t p = 0; p < rs->nprofiles; p++) {
		const char *id = rs->profiles[p].id;
		if (strcmp(id, PL_PROFILE_DEFAULT) == 0)
			continue;
		int on = all;
		for (size_t i = 0; i < n && !on; i++)
			on = strcmp(names[i], id) == 0;
		if (on)
			sel[count++] = id;
	}
	*out = sel;
	return count;
}

/* Which rules run: those of a selected profile, unless a running rule
 * refines them.  The others are added to the disabled list (so that the
 * conflict finder skips them too); *extra receives the list to free. */
static pl_scan_options select_rules(const pl_ruleset *rs,
				    const pl_scan_options *opts,
				    const char **sel, size_t nsel,
				    unsigned char *run, const char ***extra)
{
	pl_scan_options o = {0};
	if (opts)
		o = *opts;
	for (size_t i = 0; i < rs->nrules; i++)
		run[i] = (unsigned char)pl_rule_in_profiles(&rs->rules[i], sel, nsel);
	for (size_t i = 0; i < rs->nrules; i++)
		if (run[i] && rs->rules[i].refines_index != (size_t)-1)
			run[rs->rules[i].refines_index] = 0;
	const char **list = pl_xcalloc(o.ndisabled + rs->nrules + 1,
				       sizeof(*list));
	size_t n = 0;
	for (size_t i = 0; i < o.ndisabled; i++)
		list[n++] = o.disabled[i];
	for (size_t i = 0; i < rs->nrules; i++)
		if (!run[i])
			list[n++] = rs->rules[i].id;
	o.disabled = list;
	o.ndisabled = n;
	*extra = list;
	return o;
}

static void coverage_add(const char ***items, size_t *n, const char *id)
{
	*items = pl_xrealloc(*items, (*n + 1) * sizeof(**items));
	(*items)[(*n)++] = id;
}

static void build_coverage(pl_result *r, const pl_ruleset *rs,
			   const char **sel, size_t nsel,
			   const unsigned char *run, const unsigned char *status)
{
	r->coverage = pl_xcalloc(nsel ? nsel : 1, sizeof(*r->coverage));
	r->ncoverage = nsel;
	r->default_profiles = nsel == 1 &&
			      strcmp(sel[0], PL_PROFILE_DEFAULT) == 0;
	for (size_t p = 0; p < nsel; p++) {
		pl_coverage *c = &r->coverage[p];
		c->profile = sel[p];
		for (size_t i = 0; i < rs->nrules; i++) {
			const pl_rule *rule = &rs->rules[i];
			if (!run[i] || status[i] == RULE_SKIPPED ||
			    !pl_rule_in_profiles(rule, &sel[p], 1))
				continue;
			if (status[i] == RULE_MET)
				coverage_add(&c->met, &c->nmet, rule->id);
			else if (status[i] == RULE_MISSING)
				coverage_add(&c->missing, &c->nmissing, rule->id);
			else
				coverage_add(&c->not_applicable,
					     &c->nnot_applicable, rule->id);
		}
	}
}

static int compare_evidence(const void *a, const void *b)
{
	const pl_evidence *x = a, *y = b;
	if (x->loc.offset != y->loc.offset)
		return x->loc.offset < y->loc.offset ? -1 : 1;
	return strcmp(x->topic, y->topic);
}

pl_result *pl_scan(const pl_ruleset *rs, const char *display_name, char *src,
		   size_t len, const pl_scan_options *opts, pl_diags *diags)
{
	pl_result *r = pl_result_new(display_name, src, len);
	r->rules = rs;
	r->format = pl_input_format_decide(opts ? opts->format : PL_INPUT_AUTO,
					   display_name, src, len);

	const char **sel, **extra;
	size_t nsel = selected_profiles(rs, opts, &sel);
	unsigned char *topic_on = pl_xcalloc(rs->ntopics + 1, 1);
	for (size_t t = 0; t < rs->ntopics; t++)
		topic_on[t] = (unsigned char)pl_topic_selected(&rs->topics[t],
							       sel, nsel);
	pl_scanner sc;
	pl_scanner_run_topics(&sc, rs, display_name, src, len, r->format, diags,
			      topic_on);
	free(topic_on);
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic *topic = &rs->topics[t];
		pl_area_result *ar = &r->areas[topic->area];
		for (size_t k = 0; k < sc.topic_hits[t].count; k++) {
			pl_evidence ev = {topic->id,
					  location_of(&sc, r, &sc.topic_hits[t].items[k])};
			/* Every hit, for --against (against.c) ... */
			PL_PUSH(r->hits, r->nhits, r->hits_cap, ev);
			/* ... but a date feeds rules, not the area. */
			if (topic->evidence)
				PL_PUSH(ar->evidence, ar->count, ar->cap, ev);
		}
	}
	if (r->nhits > 1)
		qsort(r->hits, r->nhits, sizeof(*r->hits), compare_evidence);
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		pl_area_result *ar = &r->areas[a];
		ar->disclosed = ar->count > 0;
		if (ar->count > 1)
			qsort(ar->evidence, ar->count, sizeof(*ar->evidence),
			      compare_evidence);
	}
	unsigned char *run = pl_xcalloc(rs->nrules + 1, 1);
	unsigned char *status = pl_xcalloc(rs->nrules + 1, 1);
	pl_scan_options so = select_rules(rs, opts, sel, nsel, run, &extra);
	sc.today = so.today;
	apply_rules(&sc, r, &so, status);
	pl_conflicts_find(&sc, r, &so);
	build_coverage(r, rs, sel, nsel, run, status);
	free(sel);
	free(extra);
	free(run);
	free(status);
	pl_result_sort_findings(r);     /* findings.c: source order */
	pl_scanner_free(&sc);
	return r;
}
