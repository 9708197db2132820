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
			const pl_sentence *sent = s >= 0 ? &sc->text.sentences[s] : NULL;
			if (sent && me <= sc->text.blocks[sent->block].end &&
			    !sc->seen[s] && match_counts(sc, m, owner, ms, (size_t)s)) {
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

int pl_scanner_rule_fires(const pl_scanner *sc, const pl_rule *r,
			  const pl_hit **trigger)
{
	*trigger = NULL;
	switch (r->kind) {
	case PL_RULE_REQUIRE:
		return first_of(sc, &r->topics) == NULL;
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

static void apply_rules(pl_scanner *sc, pl_result *r,
			const pl_scan_options *opts)
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
			free(hits.items);
			continue;
		}
		const pl_hit *trigger;
		if (!pl_scanner_rule_fires(sc, rule, &trigger))
			continue;
		pl_finding *f = add_finding(r, rule, trigger ? PL_KIND_INCOMPLETE
							     : PL_KIND_MISSING);
		if (trigger)
			f->loc = location_of(sc, r, trigger);
	}
}

static int compare_findings(const void *a, const void *b)
{
	const pl_finding *x = a, *y = b;
	if (x->loc.offset != y->loc.offset)
		return x->loc.offset < y->loc.offset ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->rule, y->rule);
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

	pl_scanner sc;
	pl_scanner_run(&sc, rs, display_name, src, len, r->format, diags);
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
	apply_rules(&sc, r, opts);
	pl_conflicts_find(&sc, r, opts);
	if (r->nfindings > 1)
		qsort(r->findings, r->nfindings, sizeof(*r->findings),
		      compare_findings);
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
	free(r->findings);
	free(r->line_starts);
	free(r->path);
	free(r->src);
	free(r);
}
