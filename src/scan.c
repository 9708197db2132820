/*
 * scan.c: runs a compiled rule set over one policy.
 *
 * Every topic's patterns are searched over the whole prose once (PCRE2 JIT
 * is fastest on long subjects); each match is then judged in its sentence:
 * headings, exclusions, sections, negation and hedges can each disqualify
 * it.  A topic counts at most once per sentence.  What survives is evidence
 * for the topic's area; the rules then turn evidence, and its absence, into
 * findings.
 */
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "scan.h"
#include "util.h"

/* ---- Matching ------------------------------------------------------------ */

static const char *sentence_text(const pl_scanner *sc, size_t s, size_t *len)
{
	const pl_sentence *st = &sc->text.sentences[s];
	*len = st->end - st->start;
	return sc->text.prose + st->start;
}

static void report_limit(pl_scanner *sc, const char *owner, size_t off,
			 pl_match_status st)
{
	size_t src_off = pl_text_to_src(&sc->text, off);
	unsigned long line = 1, col = 1;
	for (size_t i = 0; i < src_off && i < sc->text.src_len; i++) {
		if (sc->text.src[i] == '\n') {
			line++;
			col = 1;
		} else if (((unsigned char)sc->text.src[i] & 0xC0) != 0x80) {
			col++;
		}
	}
	pl_diags_add(sc->diags, PL_SEV_ERROR, sc->name, line, col,
		     "%s: %s", owner,
		     st == PL_MATCH_LIMIT ?
			     "pattern hit the PCRE2 match limit here (it "
			     "backtracks too much: simplify it)" :
			     "pattern failed with a PCRE2 error");
}

/* Whether any pattern of ps matches subject[0..len); a limit hit counts as
 * a match (so a bad exclusion cannot add evidence) and is reported. */
static int any_matches(pl_scanner *sc, const pl_patterns *ps,
		       const char *owner, const char *subject, size_t len,
		       size_t report_off)
{
	for (size_t i = 0; i < ps->count; i++) {
		pl_match_status st = pl_regex_test(ps->items[i].re, sc->ms,
						   subject, len);
		if (st == PL_MATCH_FOUND)
			return 1;
		if (st < 0) {
			report_limit(sc, owner, report_off, st);
			return 1;
		}
	}
	return 0;
}

/* The clause before the match: from the last ';', ':' or sentence start. */
static int negated_before(pl_scanner *sc, size_t sent_start, size_t mstart)
{
	size_t a = mstart;
	while (a > sent_start) {
		char c = sc->text.prose[a - 1];
		if (c == ';' || c == ':')
			break;
		a--;
	}
	return pl_regex_test(sc->rs->negation, sc->ms, sc->text.prose + a,
			     mstart - a) == PL_MATCH_FOUND;
}

/* Judges one match in its sentence; returns 1 when it counts. */
static int match_counts(pl_scanner *sc, const pl_matcher_spec *m,
			const char *owner, size_t mstart, size_t s)
{
	const pl_sentence *st = &sc->text.sentences[s];
	const pl_block *blk = &sc->text.blocks[st->block];
	int heading = blk->kind == PL_BLOCK_HEADING;
	if (heading && m->headings == PL_HEADINGS_SKIP)
		return 0;
	if (!heading && m->headings == PL_HEADINGS_ONLY)
		return 0;
	size_t len;
	const char *text = sentence_text(sc, s, &len);
	if (m->exclude.count && any_matches(sc, &m->exclude, owner, text, len, mstart))
		return 0;
	if (m->section.count) {
		if (st->heading < 0)
			return 0;
		const pl_block *h = &sc->text.blocks[st->heading];
		if (!any_matches(sc, &m->section, owner, sc->text.prose + h->start,
				 h->end - h->start, mstart))
			return 0;
	}
	if (m->skip_negated && negated_before(sc, st->start, mstart))
		return 0;
	if (m->skip_conditional &&
	    pl_regex_test(sc->rs->conditional, sc->ms, text, len) == PL_MATCH_FOUND)
		return 0;
	return 1;
}

/* A search runs over one window of prose at a time rather than the whole
 * text: PCRE2's match limit counts the work of a whole call, so on a text
 * of tens of megabytes an ordinary pattern would hit it.  Windows end at a
 * block start, and no match may leave its block, so nothing is lost. */
#define WINDOW_BYTES 65536

static void plan_windows(pl_scanner *sc)
{
	size_t cap = 0, next = WINDOW_BYTES;
	for (size_t b = 0; b < sc->text.nblocks; b++) {
		size_t start = sc->text.blocks[b].start;
		if (start >= next) {
			PL_PUSH(sc->window_ends, sc->nwindows, cap, start);
			next = start + WINDOW_BYTES;
		}
	}
	PL_PUSH(sc->window_ends, sc->nwindows, cap, sc->text.prose_len);
}

/* The first sentence that starts in [from, to), or -1; *start receives its
 * start.  A pattern such as "^\W*to " may begin on a list marker, which
 * lies outside the list item's block: the match then counts from the
 * item's first word. */
static long sentence_starting_in(const pl_text *t, size_t from, size_t to,
				 size_t *start)
{
	size_t lo = 0, hi = t->nsentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->sentences[mid].start < from)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nsentences && t->sentences[lo].start < to) {
		*start = t->sentences[lo].start;
		return (long)lo;
	}
	return -1;
}

/* Searches one pattern window by window; hits go to out. */
static void match_pattern(pl_scanner *sc, const pl_matcher_spec *m,
			  const pl_regex *re, const char *owner, pl_hits *out)
{
	const char *prose = sc->text.prose;
	size_t pos = 0, ms, me;
	for (size_t w = 0; w < sc->nwindows; w++) {
		size_t end = sc->window_ends[w];
		while (pos <= end) {
			pl_match_status st = pl_regex_search(re, sc->ms, prose, end,
							     pos, &ms, &me);
			if (st == PL_MATCH_NONE)
				break;
			if (st < 0) {
				report_limit(sc, owner, pos, st);
				return;
			}
			long s = pl_text_sentence_at(&sc->text, ms);
			if (s < 0)      /* starts on markup a block leaves out ("- ") */
				s = sentence_starting_in(&sc->text, ms, me, &ms);
			const pl_sentence *sent = s >= 0 ? &sc->text.sentences[s] : NULL;
			if (sent == NULL) {             /* between blocks */
				pos = me > ms ? me : ms + 1;
				continue;
			}
			size_t block_end = sc->text.blocks[sent->block].end;
			if (me > block_end) {
				/* The match ran into the next block (a heading's
				 * words, then the paragraph under it).  Search the
				 * block alone again from the same start, so that a
				 * match inside it is not lost, then go on after it. */
				st = pl_regex_search(re, sc->ms, prose, block_end, ms,
						     &ms, &me);
				if (st < 0) {
					report_limit(sc, owner, ms, st);
					return;
				}
				if (st == PL_MATCH_NONE) {
					pos = block_end;
					continue;
				}
				s = pl_text_sentence_at(&sc->text, ms);
				sent = s >= 0 ? &sc->text.sentences[s] : NULL;
				if (sent == NULL) {
					pos = block_end;
					continue;
				}
			}
			if (!sc->seen[s] && match_counts(sc, m, owner, ms, (size_t)s)) {
				sc->seen[s] = 1;
				pl_hit h = {ms, me, (size_t)s};
				PL_PUSH(out->items, out->count, out->cap, h);
				/* One hit per sentence: go on after it. */
				pos = sent->end > me ? sent->end : me;
			} else {
				pos = me > ms ? me : ms + 1;
			}
		}
		pos = pos > end ? pos : end;
	}
}

void pl_scanner_match(pl_scanner *sc, const pl_matcher_spec *m,
		      const char *owner, pl_hits *out)
{
	size_t first = out->count;
	for (size_t p = 0; p < m->patterns.count; p++)
		match_pattern(sc, m, m->patterns.items[p].re, owner, out);
	for (size_t i = first; i < out->count; i++)
		sc->seen[out->items[i].sentence] = 0;
}

static int compare_hits(const void *a, const void *b)
{
	const pl_hit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

void pl_scanner_run(pl_scanner *sc, const pl_ruleset *rs, const char *name,
		    const char *src, size_t len, pl_input_format fmt,
		    pl_diags *diags)
{
	pl_scanner_run_topics(sc, rs, name, src, len, fmt, diags, NULL);
}

void pl_scanner_run_topics(pl_scanner *sc, const pl_ruleset *rs,
			   const char *name, const char *src, size_t len,
			   pl_input_format fmt, pl_diags *diags,
			   const unsigned char *topic_on)
{
	memset(sc, 0, sizeof(*sc));
	sc->rs = rs;
	sc->diags = diags;
	sc->name = name;
	sc->ms = pl_match_state_new();
	pl_extract(&sc->text, fmt, src, len);
	sc->seen = pl_xcalloc(sc->text.nsentences + 1, 1);
	plan_windows(sc);
	sc->topic_hits = pl_xcalloc(rs->ntopics + 1, sizeof(*sc->topic_hits));
	char owner[160];
	for (size_t t = 0; t < rs->ntopics; t++) {
		if (topic_on && !topic_on[t])
			continue;
		snprintf(owner, sizeof owner, "topic '%s'", rs->topics[t].id);
		pl_scanner_match(sc, &rs->topics[t].match, owner,
				 &sc->topic_hits[t]);
		pl_hits *h = &sc->topic_hits[t];
		if (h->count > 1)
			qsort(h->items, h->count, sizeof(*h->items), compare_hits);
	}
}

/* The first hit of a topic reference, or NULL; an area name stands for all
 * of the area's topics. */
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
		if ((int)sc->rs->topics[t].area == area && h->count &&
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
				       (int)sc->rs->topics[t].area != area)
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

int pl_scanner_newest_date(const pl_scanner *sc, const pl_topic_refs *refs,
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

int pl_scanner_rule_fires(const pl_scanner *sc, const pl_rule *r,
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
			if (pl_scanner_newest_date(sc, &r->topics, &d, &h) == 0 &&
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

void pl_scanner_free(pl_scanner *sc)
{
	if (sc->topic_hits)
		for (size_t t = 0; t < sc->rs->ntopics; t++)
			free(sc->topic_hits[t].items);
	free(sc->topic_hits);
	free(sc->seen);
	free(sc->window_ends);
	pl_text_free(&sc->text);
	pl_match_state_free(sc->ms);
	memset(sc, 0, sizeof(*sc));
}

/* ---- Results ----------------------------------------------------------- */

void pl_result_position(const pl_result *r, size_t offset, unsigned long *line,
			unsigned long *column)
{
	size_t lo = 0, hi = r->nlines;
	if (offset > r->src_len)
		offset = r->src_len;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (r->line_starts[mid] <= offset)
			lo = mid;
		else
			hi = mid;
	}
	size_t start = r->nlines ? r->line_starts[lo] : 0;
	*line = (unsigned long)lo + 1;
	*column = (unsigned long)pl_utf8_count(r->src + start, offset - start) + 1;
}

static void index_lines(pl_result *r)
{
	size_t cap = 0;
	PL_PUSH(r->line_starts, r->nlines, cap, (size_t)0);
	const char *p = r->src, *end = r->src + r->src_len;
	while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		p++;
		PL_PUSH(r->line_starts, r->nlines, cap, (size_t)(p - r->src));
	}
}

static pl_location location_of(const pl_scanner *sc, const pl_result *r,
			       const pl_hit *h)
{
	pl_location loc = {0};
	loc.offset = pl_text_range_to_src(&sc->text, h->start, h->end, &loc.length);
	pl_result_position(r, loc.offset, &loc.line, &loc.column);
	return loc;
}

static int is_disabled(const pl_scan_options *opts, const char *id)
{
	for (size_t i = 0; opts && i < opts->ndisabled; i++)
		if (strcmp(opts->disabled[i], id) == 0)
			return 1;
	return 0;
}

static pl_finding *add_finding(pl_result *r, const pl_rule *rule,
			       pl_finding_kind kind)
{
	pl_finding f = {0};
	f.rule = rule->id;
	f.kind = kind;
	f.severity = rule->severity;
	f.area = rule->area;
	f.message = pl_xstrdup(rule->message);
	f.loc.line = f.loc.column = 1;
	PL_PUSH(r->findings, r->nfindings, r->findings_cap, f);
	return &r->findings[r->nfindings - 1];
}

/* What became of each rule, for the coverage of profiles. */
enum { RULE_SKIPPED, RULE_MET, RULE_MISSING, RULE_NOT_APPLICABLE };

/* A too-old date: the rule's message, then the date and how old it is. */
static void stale_message(const pl_scanner *sc, const pl_rule *rule,
			  pl_finding *f)
{
	pl_date d, today = scanner_today(sc);
	const pl_hit *h;
	if (pl_scanner_newest_date(sc, &rule->topics, &d, &h) != 0)
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
		if (is_disabled(opts, rule->id))
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
		if (!pl_scanner_rule_fires(sc, rule, &trigger)) {
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
	pl_result *r = pl_xcalloc(1, sizeof(*r));
	r->path = pl_xstrdup(display_name);
	r->src = src;
	r->src_len = len;
	r->format = opts && opts->format != PL_INPUT_AUTO ?
			    opts->format : pl_input_format_for_path(display_name);
	/* A name that says text is only a default: look at the content. */
	if ((opts == NULL || opts->format == PL_INPUT_AUTO) &&
	    r->format == PL_INPUT_TEXT)
		r->format = pl_input_format_sniff(src, len);
	index_lines(r);

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
		if (!topic->evidence)
			continue;   /* e.g. a date: it feeds rules, not the area */
		for (size_t k = 0; k < sc.topic_hits[t].count; k++) {
			pl_evidence ev = {topic->id,
					  location_of(&sc, r, &sc.topic_hits[t].items[k])};
			PL_PUSH(ar->evidence, ar->count, ar->cap, ev);
		}
	}
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

void pl_result_free(pl_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nfindings; i++) {
		pl_finding *f = &r->findings[i];
		free(f->message);
		free(f->loc.message);
		for (size_t k = 0; k < f->nrelated; k++)
			free(f->related[k].message);
		free(f->related);
	}
	for (int a = 0; a < PL_AREA_COUNT; a++)
		free(r->areas[a].evidence);
	for (size_t i = 0; i < r->ncoverage; i++) {
		free(r->coverage[i].met);
		free(r->coverage[i].missing);
		free(r->coverage[i].not_applicable);
	}
	free(r->coverage);
	free(r->findings);
	free(r->line_starts);
	free(r->path);
	free(r->src);
	free(r);
}
