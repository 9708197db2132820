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

/* ---- Scope: evidence for another law's people ---------------------------- */

/* Whether profile p's scope rules hit h out: its sentence or context names
 * only the people of another law ("If you are in the EEA, you may ask us
 * to correct ..." does not describe the CCPA's right to correct). */
static int profile_scopes_out(pl_scanner *sc, const pl_profile *p,
			      const pl_hit *h)
{
	char owner[160];
	if (p == NULL || p->scope_outside.count == 0)
		return 0;
	snprintf(owner, sizeof owner, "profile '%s' scope", p->id);
	return pl_scanner_sentence_says(sc, &p->scope_outside, owner,
					h->sentence) &&
	       !(p->scope_within.count &&
		 pl_scanner_sentence_says(sc, &p->scope_within, owner,
					  h->sentence));
}

/* A hit is out of a rule's scope when every profile of the rule puts it
 * out (a rule of baseline, which has no scope, takes every hit). */
static int out_of_scope(pl_scanner *sc, const pl_rule *r, const pl_hit *h)
{
	if (r->nprofiles == 0)
		return 0;
	for (size_t i = 0; i < r->nprofiles; i++)
		if (!profile_scopes_out(sc, pl_ruleset_profile(sc->rs,
							       r->profiles[i]),
					h))
			return 0;
	return 1;
}

static int rule_scoped(const pl_scanner *sc, const pl_rule *r)
{
	for (size_t i = 0; i < r->nprofiles; i++) {
		const pl_profile *p = pl_ruleset_profile(sc->rs, r->profiles[i]);
		if (p == NULL || p->scope_outside.count == 0)
			return 0;
	}
	return r->nprofiles > 0;
}

typedef struct {
	pl_scanner *sc;
	const pl_rule *rule;
	const pl_hit *best;
} scoped_first;

static void keep_first_in_scope(const pl_scanner *csc, const pl_hit *h,
				void *arg)
{
	scoped_first *sf = arg;
	(void)csc;
	if ((sf->best == NULL || h->start < sf->best->start) &&
	    !out_of_scope(sf->sc, sf->rule, h))
		sf->best = h;
}

/* The first hit of the rule's topics that is within its scope. */
static const pl_hit *first_in_scope(pl_scanner *sc, const pl_rule *r)
{
	if (!rule_scoped(sc, r))
		return first_of(sc, &r->topics);
	scoped_first sf = {sc, r, NULL};
	each_ref_hit(sc, &r->topics, keep_first_in_scope, &sf);
	return sf.best;
}

int pl_rule_fires(pl_scanner *sc, const pl_rule *r,
			  const pl_hit **trigger)
{
	*trigger = NULL;
	switch (r->kind) {
	case PL_RULE_REQUIRE:
		if (first_in_scope(sc, r) == NULL)
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
		return *trigger != NULL && first_in_scope(sc, r) == NULL;
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

/* The topic a hit belongs to, for messages (NULL when refs name none). */
static const pl_topic *hit_topic(const pl_scanner *sc, const pl_hit *h)
{
	for (size_t t = 0; t < sc->rs->ntopics; t++) {
		const pl_hits *hs = &sc->topic_hits[t];
		if (hs->count && h >= hs->items && h < hs->items + hs->count)
			return &sc->rs->topics[t];
	}
	return NULL;
}

static const pl_fact *declared(const pl_scan_options *o, const char *name)
{
	for (size_t i = 0; o && i < o->nfacts; i++)
		if (strcmp(o->facts[i].name, name) == 0)
			return &o->facts[i];
	return NULL;
}

/* Not applicable because of the sentence h: *why points at it and names
 * the topic it shows, then hint.  Returns 0, for applies(). */
static int not_applicable_by(const pl_scanner *sc, const pl_result *r,
			     const pl_hit *h, const char *hint,
			     pl_location *why)
{
	const pl_topic *t = hit_topic(sc, h);
	*why = location_of(sc, r, h);
	why->message = pl_xasprintf("%s (%s)%s", t ? t->summary : "",
				    t ? t->id : "", hint);
	return 0;
}

/* Whether what a requirement or profile needs to apply holds (see
 * pl_applicability); when it does not, *why says what decided it: the
 * sentence that says so, a declared fact, or the default. */
static int applies(const pl_scanner *sc, const pl_result *r,
		   const pl_applicability *a, const pl_scan_options *o,
		   int through_all, pl_location *why)
{
	memset(why, 0, sizeof(*why));
	if (!a->present)
		return 1;
	const pl_fact *f = a->fact ? declared(o, a->fact) : NULL;
	if (f) {
		if ((f->value != 0) != a->fact_negated)
			return 1;
		why->message = pl_xasprintf("%s is declared %s", a->fact,
					    f->value ? "true" : "false");
		return 0;
	}
	const pl_hit *h = a->denied_by.count ? first_of(sc, &a->denied_by) : NULL;
	if (h)
		return not_applicable_by(sc, r, h, "", why);
	if (a->shown_by.count && first_of(sc, &a->shown_by))
		return 1;
	int by_default = a->default_applies;
	if (through_all && a->default_in_all >= 0)
		by_default = a->default_in_all;
	if (by_default)
		return 1;
	/* The fact that makes it apply: "online_only: false" for a rule
	 * that applies when a fact does not hold. */
	why->message = a->fact ?
		pl_xasprintf("the policy does not show that it applies "
			     "(declare %s: %s in .policylint.yaml facts: if it "
			     "does)", a->fact, a->fact_negated ? "false" : "true") :
		pl_xstrdup("the policy does not show that it applies");
	return 0;
}

/* The sentence by which the policy leaves a requirement it does not meet
 * to another document it points to (`left-to` on the rule, or on a
 * profile the rule belongs to), or NULL; never when that document is
 * judged with it (--with, documents:).  Checked only once the
 * requirement is found missing: a policy that meets it itself has met
 * it, whatever else it points to. */
static const pl_hit *left_to(const pl_scanner *sc, const pl_rule *rule,
			     const pl_scan_options *o)
{
	if (o && o->with_companions)
		return NULL;
	const pl_hit *h = rule->applies.left_to.count ?
		first_of(sc, &rule->applies.left_to) : NULL;
	for (size_t p = 0; h == NULL && p < rule->nprofiles; p++) {
		const pl_profile *pr = pl_ruleset_profile(sc->rs, rule->profiles[p]);
		if (pr && pr->applies.left_to.count)
			h = first_of(sc, &pr->applies.left_to);
	}
	return h;
}

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
			const pl_scan_options *opts, unsigned char *status,
			pl_location *why)
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
			pl_scanner_match(sc, &rule->match, rule->id, owner,
					 &hits);
			/* One finding per line and paragraph: "We rely on the
			 * Privacy Shield.  The Privacy Shield is a framework
			 * ..." is one problem, said twice.  (Per line as well,
			 * since directives and baselines speak of lines.) */
			long last_block = -1;
			long last_line = -1;
			pl_finding *first = NULL;
			pl_buf also;
			pl_buf_init(&also);
			for (size_t k = 0; k < hits.count; k++) {
				const pl_hit *h = &hits.items[k];
				long b = (long)sc->text.sentences[h->sentence].block;
				pl_location loc = location_of(sc, r, h);
				if (b == last_block && (long)loc.line == last_line)
					continue;
				last_block = b;
				last_line = (long)loc.line;
				if (rule->report_once && first) {
					/* `report: once`: the policy says it again */
					loc.message = pl_xstrdup("said again here");
					pl_finding_add_related(first, &loc);
					free(loc.message);
					pl_buf_printf(&also, "%s %lu",
						      also.len ? "," : "",
						      loc.line);
					continue;
				}
				pl_finding *f = add_finding(r, rule, PL_KIND_WORDING);
				f->loc = loc;
				first = f;
			}
			if (first && also.len) {
				char *m = pl_xasprintf("%s (also at line%s%s)",
						       first->message,
						       strchr(also.data, ',') ? "s" : "",
						       also.data);
				free(first->message);
				first->message = m;
			}
			pl_buf_free(&also);
			status[i] = hits.count ? RULE_MISSING : RULE_MET;
			free(hits.items);
			continue;
		}
		if (rule->kind == PL_RULE_CONFLICT)
			continue;
		if (!applies(sc, r, &rule->applies, opts, 0, &why[i])) {
			status[i] = RULE_NOT_APPLICABLE;
			continue;
		}
		const pl_hit *trigger;
		if (!pl_rule_fires(sc, rule, &trigger)) {
			/* A conditional disclosure the policy makes is met even
			 * when the condition is not shown ("Do Not Sell" offered,
			 * a sale never stated): not applicable only when there is
			 * neither. */
			status[i] = rule->kind == PL_RULE_REQUIRE_IF &&
					    first_of(sc, &rule->when) == NULL &&
					    first_in_scope(sc, rule) == NULL ?
					    RULE_NOT_APPLICABLE : RULE_MET;
			continue;
		}
		const pl_hit *elsewhere = left_to(sc, rule, opts);
		if (elsewhere) {
			status[i] = RULE_NOT_APPLICABLE;
			not_applicable_by(sc, r, elsewhere,
					  "; lint them together with --with FILE",
					  &why[i]);
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

/* ---- One finding per gap ---------------------------------------------------- */

static const pl_rule *rule_named(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i].id == id || strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

static int refs_contain(const pl_topic_refs *a, const pl_topic_refs *b)
{
	for (size_t i = 0; i < a->count; i++) {
		size_t k = 0;
		while (k < b->count && strcmp(a->names[i], b->names[k]) != 0)
			k++;
		if (k == b->count)
			return 0;
	}
	return 1;
}

/* Whether two rules ask for the same disclosure: the same topics, under
 * the same condition (whichever laws require it). */
static int same_gap(const pl_rule *a, const pl_rule *b)
{
	return a->kind == b->kind && a->kind != PL_RULE_AVOID &&
	       a->topics.count == b->topics.count &&
	       a->when.count == b->when.count &&
	       refs_contain(&a->topics, &b->topics) &&
	       refs_contain(&a->when, &b->when);
}

/* "... (gdpr: GDPR Art. 13(1)(c); ccpa: Cal. Civ. Code 1798.100)" */
static void cite(pl_buf *b, const pl_rule *r)
{
	pl_buf_printf(b, "%s%s", b->len ? "; " : "",
		      r->nprofiles ? r->profiles[0] : PL_PROFILE_DEFAULT);
	if (r->nreferences)
		pl_buf_printf(b, ": %s", r->references[0]);
}

/* A gap that several selected rules require (gdpr-purposes,
 * ccpa-purposes, states-purposes) is one finding, citing each rule's law,
 * with every rule's id; the profiles' coverage keeps them apart. */
static void merge_gaps(pl_result *r, const pl_ruleset *rs, size_t first)
{
	for (size_t i = first; i < r->nfindings; i++) {
		pl_finding *f = &r->findings[i];
		if (f->kind != PL_KIND_MISSING && f->kind != PL_KIND_INCOMPLETE)
			continue;
		const pl_rule *a = rule_named(rs, f->rule);
		pl_buf cites;
		pl_buf_init(&cites);
		for (size_t j = i + 1; a && j < r->nfindings;) {
			pl_finding *g = &r->findings[j];
			const pl_rule *b = rule_named(rs, g->rule);
			if (g->kind != f->kind || g->loc.offset != f->loc.offset ||
			    b == NULL || !same_gap(a, b)) {
				j++;
				continue;
			}
			if (f->nrules == 0) {
				f->rules = pl_xmalloc(sizeof(*f->rules));
				f->rules[f->nrules++] = f->rule;
				cite(&cites, a);
			}
			f->rules = pl_xrealloc(f->rules,
					       (f->nrules + 1) * sizeof(*f->rules));
			f->rules[f->nrules++] = g->rule;
			cite(&cites, b);
			if (g->severity > f->severity)
				f->severity = g->severity;
			pl_result_remove_finding(r, j);
			f = &r->findings[i];
		}
		if (cites.len) {
			char *m = pl_xasprintf("%s (%s)", f->message, cites.data);
			free(f->message);
			f->message = m;
		}
		pl_buf_free(&cites);
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

/* Whether the user named profile id (else it came in through "all"). */
static int profile_named(const pl_scan_options *opts, const char *id)
{
	for (size_t i = 0; opts && i < opts->nprofiles; i++)
		if (strcmp(opts->profiles[i], id) == 0)
			return 1;
	return 0;
}

/* Which rules run: those of a selected profile that applies, unless a
 * running rule refines them.  The others are added to the disabled list
 * (so that the conflict finder skips them too); *extra receives the list
 * to free.  live[] holds the applicable profiles' names. */
static pl_scan_options select_rules(const pl_ruleset *rs,
				    const pl_scan_options *opts,
				    const char **live, size_t nlive,
				    unsigned char *run, const char ***extra)
{
	pl_scan_options o = {0};
	if (opts)
		o = *opts;
	for (size_t i = 0; i < rs->nrules; i++)
		run[i] = (unsigned char)pl_rule_in_profiles(&rs->rules[i], live,
							    nlive);
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

static void not_applicable(pl_coverage *c, const char *id,
			   const pl_location *why)
{
	coverage_add(&c->not_applicable, &c->nnot_applicable, id);
	c->why_not = pl_xrealloc(c->why_not,
				 c->nnot_applicable * sizeof(*c->why_not));
	pl_location *w = &c->why_not[c->nnot_applicable - 1];
	*w = *why;
	w->message = why->message ? pl_xstrdup(why->message) : NULL;
}

/* The coverage of each selected profile.  A profile that does not apply
 * has every requirement not applicable, for the reason in pwhy[p]. */
static void build_coverage(pl_result *r, const pl_ruleset *rs,
			   const char **sel, size_t nsel,
			   const unsigned char *papplies, const pl_location *pwhy,
			   const unsigned char *run, const unsigned char *status,
			   const pl_location *why)
{
	r->coverage = pl_xcalloc(nsel ? nsel : 1, sizeof(*r->coverage));
	r->ncoverage = nsel;
	r->default_profiles = nsel == 1 &&
			      strcmp(sel[0], PL_PROFILE_DEFAULT) == 0;
	for (size_t p = 0; p < nsel; p++) {
		pl_coverage *c = &r->coverage[p];
		c->profile = sel[p];
		c->applies = papplies[p];
		c->why = pwhy[p];
		c->why.message = pwhy[p].message ? pl_xstrdup(pwhy[p].message) : NULL;
		for (size_t i = 0; i < rs->nrules; i++) {
			const pl_rule *rule = &rs->rules[i];
			if (!pl_rule_in_profiles(rule, &sel[p], 1))
				continue;
			if (!papplies[p]) {
				if (rule->kind != PL_RULE_CONFLICT)
					not_applicable(c, rule->id, &pwhy[p]);
				continue;
			}
			if (!run[i] || status[i] == RULE_SKIPPED)
				continue;
			if (status[i] == RULE_MET)
				coverage_add(&c->met, &c->nmet, rule->id);
			else if (status[i] == RULE_MISSING)
				coverage_add(&c->missing, &c->nmissing, rule->id);
			else
				not_applicable(c, rule->id, &why[i]);
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

/* --trace: matches and verdicts for the caller's callback, in positions
 * of the input. */
typedef struct {
	void (*fn)(const pl_trace_event *ev, void *arg);
	void *arg;
	const pl_result *r;
	const pl_scanner *sc;
} trace_state;

static void trace_match(void *arg, const char *id, int pattern, int weak,
			pl_trace_verdict verdict, int detail, size_t ms,
			size_t me)
{
	const trace_state *ts = arg;
	pl_location loc = pl_result_locate(ts->r, &ts->sc->text, ms, me);
	pl_area area = PL_AREA_COLLECTION;
	for (size_t t = 0; t < ts->sc->rs->ntopics; t++)
		if (ts->sc->rs->topics[t].id == id)
			area = ts->sc->rs->topics[t].area;
	pl_trace_event ev = {id, pattern, weak, verdict, detail, loc.offset,
			     loc.length, loc.line, loc.column,
			     ts->r->src + loc.offset, area, ts->r->path,
			     ts->sc->rs, NULL};
	ts->fn(&ev, ts->arg);
}

static void trace_rules(const trace_state *ts, const unsigned char *run,
			const unsigned char *status)
{
	static const char *const words[] = {"not checked", "met", "missing",
					    "not applicable"};
	const pl_ruleset *rs = ts->sc->rs;
	for (size_t i = 0; i < rs->nrules; i++) {
		if (!run[i] || rs->rules[i].kind == PL_RULE_CONFLICT)
			continue;
		pl_trace_event ev = {rs->rules[i].id, -1, 0, PL_TRACE_RULE, -1, 0,
				     0, 0, 0, "", rs->rules[i].area,
				     ts->r->path, rs,
				     words[status[i] < 4 ? status[i] : 0]};
		ts->fn(&ev, ts->arg);
	}
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
	pl_scanner_init(&sc, rs, display_name, src, len, r->format, diags);
	trace_state ts = {opts ? opts->trace : NULL,
			  opts ? opts->trace_arg : NULL, r, &sc};
	if (ts.fn) {
		sc.trace = trace_match;
		sc.trace_arg = &ts;
	}
	pl_scanner_match_topics(&sc, topic_on);
	pl_text_diagnose(&sc.text, display_name, diags);
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
	/* Profiles the policy's words or the declared facts rule out. */
	unsigned char *papplies = pl_xcalloc(nsel + 1, 1);
	pl_location *pwhy = pl_xcalloc(nsel + 1, sizeof(*pwhy));
	const char **live = pl_xcalloc(nsel + 1, sizeof(*live));
	size_t nlive = 0;
	for (size_t p = 0; p < nsel; p++) {
		const pl_profile *pr = pl_ruleset_profile(rs, sel[p]);
		papplies[p] = (unsigned char)(pr == NULL ||
					      applies(&sc, r, &pr->applies, opts,
						      !profile_named(opts, sel[p]),
						      &pwhy[p]));
		if (papplies[p])
			live[nlive++] = sel[p];
	}
	unsigned char *run = pl_xcalloc(rs->nrules + 1, 1);
	unsigned char *status = pl_xcalloc(rs->nrules + 1, 1);
	pl_location *why = pl_xcalloc(rs->nrules + 1, sizeof(*why));
	pl_scan_options so = select_rules(rs, opts, live, nlive, run, &extra);
	sc.today = so.today;
	apply_rules(&sc, r, &so, status, why);
	merge_gaps(r, rs, 0);
	if (ts.fn)
		trace_rules(&ts, run, status);
	pl_conflicts_find(&sc, r, &so);
	build_coverage(r, rs, sel, nsel, papplies, pwhy, run, status, why);
	for (size_t i = 0; i < rs->nrules; i++)
		free(why[i].message);
	for (size_t p = 0; p < nsel; p++)
		free(pwhy[p].message);
	free(why);
	free(pwhy);
	free(papplies);
	free(live);
	free(sel);
	free(extra);
	free(run);
	free(status);
	pl_result_sort_findings(r);     /* findings.c: source order */
	pl_scanner_free(&sc);
	return r;
}
