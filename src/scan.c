/*
 * scan.c: runs a compiled rule set over one policy.
 *
 * Every topic's patterns are searched over the whole prose once (PCRE2 JIT
 * is fastest on long subjects); each match is then judged in its sentence:
 * headings, tables of contents, overviews, exclusions, the sentence's
 * context (its headings, its list's lead-in, its column header), negation,
 * hedges and another party as the subject can each disqualify it, and a
 * weak cue counts only in a context that supports it.  A topic counts at
 * most once per sentence.  What survives is evidence
 * for the topic's area; the rules then turn evidence, and its absence, into
 * findings.
 */
#include <stdlib.h>
#include <string.h>

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
	pl_diags_add(sc->diags, st == PL_MATCH_LIMIT ? PL_DIAG_PATTERN_LIMIT :
							   PL_DIAG_PATTERN_ERROR,
		     sc->name, line, col,
		     "%s: %s", owner,
		     st == PL_MATCH_LIMIT ?
			     "pattern hit the PCRE2 match limit here (it "
			     "backtracks too much: simplify it)" :
			     "pattern failed with a PCRE2 error");
}

/* Whether any pattern of ps matches subject[0..len), a span of the prose;
 * a limit hit counts as a match (so a bad exclusion cannot add evidence)
 * and is reported.  The prefilter tells which patterns have their
 * literals in the span at all. */
static int any_matches(pl_scanner *sc, const pl_patterns *ps,
		       const char *owner, const char *subject, size_t len,
		       size_t report_off)
{
	size_t from = (size_t)(subject - sc->text.prose);
	for (size_t i = 0; i < ps->count; i++) {
		if (!pl_scanner_may_match_in(sc, &ps->items[i], from, from + len))
			continue;
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

/* Where the clause holding prose offset pos begins: after the last ';' or
 * ':' before it in its sentence. */
static size_t clause_start(const pl_scanner *sc, size_t sent_start, size_t pos)
{
	size_t a = pos;
	while (a > sent_start) {
		char c = sc->text.prose[a - 1];
		if (c == ';' || c == ':')
			break;
		a--;
	}
	return a;
}

static int negated_before(pl_scanner *sc, size_t sent_start, size_t mstart)
{
	size_t a = clause_start(sc, sent_start, mstart);
	return pl_regex_test(sc->rs->negation, sc->ms, sc->text.prose + a,
			     mstart - a) == PL_MATCH_FOUND;
}

/* Whether the items of a list are denied by its lead-in: "The extension
 * does not collect, store or transmit:" then "- cookies".  The lead-in's
 * last clause must hold the denial and nothing that undoes it for what
 * follows ("we do not sell your data, but we share it with:", "we
 * collect nothing except:"); the match must be in the item's first
 * clause. */
static int lead_in_denies(pl_scanner *sc, size_t s, size_t mstart)
{
	const pl_sentence *st = &sc->text.sentences[s];
	if (st->lead_in < 0 || clause_start(sc, st->start, mstart) != st->start)
		return 0;
	const pl_sentence *l = &sc->text.sentences[st->lead_in];
	size_t end = l->end;
	while (end > l->start && (sc->text.prose[end - 1] == ':' ||
				  sc->text.prose[end - 1] == ' ' ||
				  sc->text.prose[end - 1] == '\n'))
		end--;
	size_t a = clause_start(sc, l->start, end);
	const char *p = sc->text.prose + a;
	return end > a &&
	       pl_regex_test(sc->rs->negation, sc->ms, p, end - a) ==
		       PL_MATCH_FOUND &&
	       pl_regex_test(sc->rs->negation_undone, sc->ms, p, end - a) !=
		       PL_MATCH_FOUND;
}

/* A label opens a sentence: a few words before a colon (a list item's
 * bold lead, a field's name), then its value. */
#define LABEL_MAX_BYTES 80
#define LABEL_MAX_WORDS 8

/* Where the label that opens sentence s ends (its colon), or 0. */
static size_t label_colon(const pl_scanner *sc, size_t s)
{
	const pl_sentence *st = &sc->text.sentences[s];
	const char *p = sc->text.prose;
	size_t limit = st->start + LABEL_MAX_BYTES < st->end ?
		       st->start + LABEL_MAX_BYTES : st->end;
	size_t words = 0;
	for (size_t i = st->start; i < limit; i++) {
		if (p[i] == '.' || p[i] == ';' || p[i] == '\n')
			return 0;
		if (p[i] == ':') {
			/* a value must follow: "Cookies:" alone is a lead-in */
			size_t v = i + 1;
			while (v < st->end && (p[v] == ' ' || p[v] == '*' ||
					       p[v] == '_'))
				v++;
			return v < st->end ? i : 0;
		}
		if (p[i] == ' ' && i > st->start && p[i - 1] != ' ' &&
		    ++words >= LABEL_MAX_WORDS)
			return 0;
	}
	return 0;
}

/* Whether the match lies in the label that opens sentence s and the
 * label's value (the clause after the colon) opens with a denial that
 * nothing undoes: "International Transfers: No international data
 * transfers are conducted", "Cookies: None." */
static int label_denies(pl_scanner *sc, size_t s, size_t mstart)
{
	const pl_sentence *st = &sc->text.sentences[s];
	const char *p = sc->text.prose;
	size_t colon = label_colon(sc, s);
	if (!colon || mstart >= colon)
		return 0;
	size_t a = colon + 1, b = a;
	while (b < st->end && p[b] != ';')
		b++;
	return b > a &&
	       pl_regex_test(sc->rs->label_denial, sc->ms, p + a, b - a) ==
		       PL_MATCH_FOUND &&
	       pl_regex_test(sc->rs->negation_undone, sc->ms, p + a, b - a) !=
		       PL_MATCH_FOUND;
}

/* Whether another party is the subject of the clause before mstart
 * ("advertisers may collect", "third parties use cookies"): the rule set's
 * structure.other-party patterns, which end at the match. */
static int other_party_before(pl_scanner *sc, const char *owner,
			      size_t sent_start, size_t mstart)
{
	size_t a = clause_start(sc, sent_start, mstart);
	return mstart > a &&
	       any_matches(sc, &sc->rs->other_party, owner, sc->text.prose + a,
			   mstart - a, mstart);
}

static int block_matches(pl_scanner *sc, const pl_patterns *ps,
			 const char *owner, long b, size_t report_off)
{
	const pl_block *blk = &sc->text.blocks[b];
	return any_matches(sc, ps, owner, sc->text.prose + blk->start,
			   blk->end - blk->start, report_off);
}

/* Whether the context of sentence s matches one of ps: its heading or any
 * heading above that one, the lead-in of its list, its column's header. */
static int context_matches(pl_scanner *sc, const pl_patterns *ps,
			   const char *owner, size_t s, size_t report_off)
{
	const pl_sentence *st = &sc->text.sentences[s];
	const pl_block *blk = &sc->text.blocks[st->block];
	if (blk->kind == PL_BLOCK_TABLE_CELL && blk->header >= 0 &&
	    block_matches(sc, ps, owner, blk->header, report_off))
		return 1;
	if (st->lead_in >= 0) {
		const pl_sentence *l = &sc->text.sentences[st->lead_in];
		if (any_matches(sc, ps, owner, sc->text.prose + l->start,
				l->end - l->start, report_off))
			return 1;
	}
	/* A heading's own context starts above it. */
	long h = blk->kind == PL_BLOCK_HEADING ? blk->header : st->heading;
	for (size_t steps = 0; h >= 0 && steps < 64; steps++) {
		if (block_matches(sc, ps, owner, h, report_off))
			return 1;
		h = sc->text.blocks[h].header;
	}
	return 0;
}

int pl_scanner_sentence_says(pl_scanner *sc, const pl_patterns *ps,
			     const char *owner, size_t s)
{
	size_t len;
	const char *text = sentence_text(sc, s, &len);
	size_t at = sc->text.sentences[s].start;
	return any_matches(sc, ps, owner, text, len, at) ||
	       context_matches(sc, ps, owner, s, at);
}

/* What a sentence's context says of the matcher running, remembered per
 * sentence: one sentence holds many candidate matches of weak cues, and
 * each would test the whole heading chain again.  pl_scanner_match clears
 * the memo for every matcher. */
enum { CTX_SECTION_KNOWN = 1, CTX_SECTION = 2, CTX_WEAK_KNOWN = 4, CTX_WEAK = 8 };

static int context_memo(pl_scanner *sc, const pl_patterns *ps,
			const char *owner, size_t s, size_t report_off,
			unsigned char known, unsigned char yes)
{
	unsigned char *m = &sc->ctx_memo[s];
	if (!(*m & known)) {
		*m |= known;
		if (context_matches(sc, ps, owner, s, report_off))
			*m |= yes;
	}
	return (*m & yes) != 0;
}

/* Judges one match of a topic's pattern in sentence s: PL_TRACE_KEPT when
 * it counts, else why not (*detail: which exclusion). */
static pl_trace_verdict judge_match(pl_scanner *sc, const pl_matcher_spec *m,
				    const char *owner, size_t mstart, size_t s,
				    int weak, int *detail)
{
	const pl_sentence *st = &sc->text.sentences[s];
	const pl_block *blk = &sc->text.blocks[st->block];
	int heading = blk->kind == PL_BLOCK_HEADING;
	*detail = -1;
	if (blk->kind == PL_BLOCK_META && !m->count_metadata)
		return PL_TRACE_METADATA;
	if ((heading && m->headings == PL_HEADINGS_SKIP) ||
	    (!heading && m->headings == PL_HEADINGS_ONLY))
		return PL_TRACE_HEADING;
	if (st->flags & PL_SENT_TOC)
		return PL_TRACE_TOC;
	if ((st->flags & PL_SENT_OVERVIEW) && !m->count_overview)
		return PL_TRACE_OVERVIEW;
	/* The context first: it is remembered per sentence, and most weak
	 * cues fail it. */
	if (m->section.count &&
	    !context_memo(sc, &m->section, owner, s, mstart, CTX_SECTION_KNOWN,
			  CTX_SECTION))
		return PL_TRACE_SECTION;
	if (weak && !context_memo(sc, &m->weak_under, owner, s, mstart,
				  CTX_WEAK_KNOWN, CTX_WEAK))
		return PL_TRACE_WEAK;
	size_t len;
	const char *text = sentence_text(sc, s, &len);
	for (size_t i = 0; i < m->exclude.count; i++)
		if (any_matches(sc, &(pl_patterns){&m->exclude.items[i], 1, 1},
				owner, text, len, mstart)) {
			*detail = (int)i;
			return PL_TRACE_EXCLUDED;
		}
	if (m->exclude_lead_in.count && st->lead_in >= 0) {
		const pl_sentence *l = &sc->text.sentences[st->lead_in];
		for (size_t i = 0; i < m->exclude_lead_in.count; i++)
			if (any_matches(sc, &(pl_patterns){&m->exclude_lead_in.items[i], 1, 1},
					owner, sc->text.prose + l->start,
					l->end - l->start, mstart)) {
				*detail = (int)(m->exclude.count + i);
				return PL_TRACE_EXCLUDED;
			}
	}
	if (m->skip_negated && (negated_before(sc, st->start, mstart) ||
				lead_in_denies(sc, s, mstart) ||
				label_denies(sc, s, mstart)))
		return PL_TRACE_NEGATED;
	if (m->skip_conditional &&
	    pl_regex_test(sc->rs->conditional, sc->ms, text, len) == PL_MATCH_FOUND)
		return PL_TRACE_CONDITIONAL;
	if (m->first_party && other_party_before(sc, owner, st->start, mstart))
		return PL_TRACE_OTHER_PARTY;
	return PL_TRACE_KEPT;
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

/* ---- Searching ------------------------------------------------------------
 *
 * A pattern is searched block by block: a match starts in a block's
 * region (from the end of the block before it, so that it may start on a
 * list marker, to the block's end) and the search reads the prose only up
 * to the block's end, so no match, and no lookahead, ever leaves its
 * block: a paragraph's sentence is not completed by the heading after it.
 * (It also keeps PCRE2's match limit, which counts the work of one call,
 * to one block's worth.)  The prefilter narrows a search to the start
 * offsets it allows; since a match's literals lie in its block, searching
 * from those offsets finds exactly the matches of a full search. */

/* The region holding prose offset pos: the first block ending after it. */
static size_t region_of(const pl_scanner *sc, size_t pos)
{
	size_t lo = 0, hi = sc->nregions;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (sc->block_ends[mid] <= pos)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Calls visit for every match that starts in [*pos, hi], region by
 * region; -1 when the search is to stop. */
static int search_span(pl_scanner *sc, const pl_pattern *p, const char *owner,
		       size_t *pos, size_t hi, pl_match_visit visit, void *arg)
{
	size_t b = region_of(sc, *pos);
	while (b < sc->nregions && *pos <= hi) {
		size_t end = sc->block_ends[b];
		size_t limit = hi < end - 1 ? hi : end - 1;
		while (*pos <= limit) {
			size_t ms, me;
			pl_match_status st = pl_regex_search_until(
				p->re, sc->ms, sc->text.prose, end, *pos, limit,
				&ms, &me);
			if (st == PL_MATCH_NONE)
				break;
			if (st < 0) {
				report_limit(sc, owner, *pos, st);
				return -1;
			}
			size_t next = visit(sc, p->re, ms, me, arg);
			if (next == PL_SEARCH_STOP)
				return -1;
			*pos = next;
		}
		if (*pos <= limit)
			*pos = limit + 1;       /* nothing else starts up to limit */
		while (b < sc->nregions && sc->block_ends[b] <= *pos)
			b++;
	}
	return 0;
}

/* What the prefilter says of p, or NULL when it cannot tell. */
static const pl_slot_view *view(pl_scanner *sc, const pl_pattern *p)
{
	if (!sc->filtered || p->slot < 0)
		return NULL;
	size_t slot = (size_t)p->slot;
	if (!sc->viewed[slot]) {
		pl_prefilter_view(sc->rs->prefilter, &sc->occ, p->slot,
				  sc->block_ends, sc->nregions,
				  &sc->views[slot]);
		sc->viewed[slot] = 1;
	}
	return sc->views[slot].narrowed ? &sc->views[slot] : NULL;
}

int pl_scanner_may_match_in(pl_scanner *sc, const pl_pattern *p, size_t from,
			    size_t to)
{
	const pl_slot_view *v = view(sc, p);
	return v == NULL || pl_slot_view_may_match_in(v, from, to);
}

int pl_prefilter_enabled(void)
{
	const char *v = getenv("POLICYLINT_PREFILTER");
	return v == NULL || strcmp(v, "0") != 0;
}

void pl_scanner_search(pl_scanner *sc, const pl_pattern *p, const char *owner,
		       pl_match_visit visit, void *arg)
{
	size_t pos = 0;
	const pl_slot_view *v = view(sc, p);
	const pl_intervals *starts = v ? &v->starts : NULL;
	if (starts == NULL) {
		search_span(sc, p, owner, &pos, sc->text.prose_len, visit, arg);
		return;
	}
	for (size_t k = 0; k < starts->count; k++) {
		const pl_interval *iv = &starts->items[k];
		if (pos < iv->lo)
			pos = iv->lo;
		if (pos <= iv->hi &&
		    search_span(sc, p, owner, &pos, iv->hi, visit, arg) < 0)
			return;
	}
}

typedef struct {
	const pl_matcher_spec *m;
	const char *owner, *id;
	pl_hits *out;
	int pattern, weak;
} topic_search;

/* Records a hit in sentence s, or says why the match is none. */
static void consider(pl_scanner *sc, const topic_search *ts, size_t ms,
		     size_t me, size_t s)
{
	int detail = -1;
	pl_trace_verdict v = sc->seen[s] ? PL_TRACE_REPEAT :
			     judge_match(sc, ts->m, ts->owner, ms, s, ts->weak,
					 &detail);
	if (sc->trace)
		sc->trace(sc->trace_arg, ts->id, ts->pattern, ts->weak, v,
			  detail, ms, me);
	if (v != PL_TRACE_KEPT)
		return;
	sc->seen[s] = 1;
	pl_hit h = {ms, me, s};
	PL_PUSH(ts->out->items, ts->out->count, ts->out->cap, h);
}

/* One match of a topic pattern: judged in its sentence, at most one hit
 * per sentence. */
static size_t visit_topic_match(pl_scanner *sc, const pl_regex *re, size_t ms,
				size_t me, void *arg)
{
	(void)re;
	const topic_search *ts = arg;
	long s = pl_text_sentence_at(&sc->text, ms);
	if (s < 0)      /* starts on markup a block leaves out ("- ") */
		s = sentence_starting_in(&sc->text, ms, me, &ms);
	const pl_sentence *sent = s >= 0 ? &sc->text.sentences[s] : NULL;
	if (sent == NULL)               /* between blocks */
		return me > ms ? me : ms + 1;
	int was = sc->seen[s];
	consider(sc, ts, ms, me, (size_t)s);
	/* One hit per sentence: go on after it. */
	if (!was && sc->seen[s])
		return sent->end > me ? sent->end : me;
	return me > ms ? me : ms + 1;
}

/* A pattern anchored with ^ or $ means the start or end of a sentence, so
 * it is searched in each sentence on its own (such patterns are few). */
static int search_sentence(pl_scanner *sc, const pl_regex *re,
			   const topic_search *ts, size_t s)
{
	const pl_sentence *st = &sc->text.sentences[s];
	size_t ms, me;
	pl_match_status rc = pl_regex_search(re, sc->ms, sc->text.prose + st->start,
					     st->end - st->start, 0, &ms, &me);
	if (rc < 0) {
		report_limit(sc, ts->owner, st->start, rc);
		return -1;
	}
	if (rc == PL_MATCH_FOUND)
		consider(sc, ts, st->start + ms, st->start + me, s);
	return 0;
}

/* Searched in each sentence on its own: in every one, or with the
 * prefilter only in those of the blocks that may hold a match. */
static void search_sentences(pl_scanner *sc, const pl_pattern *p,
			     const topic_search *ts)
{
	for (size_t s = 0; s < sc->text.nsentences; s++) {
		const pl_sentence *st = &sc->text.sentences[s];
		if (pl_scanner_may_match_in(sc, p, st->start, st->end) &&
		    search_sentence(sc, p->re, ts, s) < 0)
			return;
	}
}

static void match_list(pl_scanner *sc, const pl_patterns *ps, topic_search *ts,
		       int first)
{
	for (size_t p = 0; p < ps->count; p++) {
		ts->pattern = first + (int)p;
		if (ps->items[p].anchored)
			search_sentences(sc, &ps->items[p], ts);
		else
			pl_scanner_search(sc, &ps->items[p], ts->owner,
					  visit_topic_match, ts);
	}
}

void pl_scanner_match(pl_scanner *sc, const pl_matcher_spec *m,
		      const char *id, const char *owner, pl_hits *out)
{
	size_t first = out->count;
	memset(sc->ctx_memo, 0, sc->text.nsentences + 1);
	topic_search ts = {m, owner, id, out, 0, 0};
	match_list(sc, &m->patterns, &ts, 0);
	ts.weak = 1;
	match_list(sc, &m->weak, &ts, (int)m->patterns.count);
	for (size_t i = first; i < out->count; i++)
		sc->seen[out->items[i].sentence] = 0;
}

static int compare_hits(const void *a, const void *b)
{
	const pl_hit *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Sentences that preview the policy rather than disclose anything ("This
 * policy explains how we collect, use and share your information"), from
 * the rule set's structure.overview patterns. */
static void mark_overviews(pl_scanner *sc)
{
	const pl_patterns *ps = &sc->rs->overview;
	for (size_t p = 0; p < ps->count; p++)
		for (size_t s = 0; s < sc->text.nsentences; s++) {
			const pl_sentence *st = &sc->text.sentences[s];
			if (pl_scanner_may_match_in(sc, &ps->items[p],
						    st->start, st->end) &&
			    pl_regex_test(ps->items[p].re, sc->ms,
					  sc->text.prose + st->start,
					  st->end - st->start) == PL_MATCH_FOUND)
				sc->text.sentences[s].flags |= PL_SENT_OVERVIEW;
		}
}

/* The search regions: one per block, but a block longer than REGION_MAX
 * (a whole policy written as one paragraph or one line) is cut at sentence
 * ends into regions of about that size.  Without the cut, a pattern the
 * prefilter cannot narrow is searched over the whole block wherever one
 * of its literals occurs in it: linear, but ten times what the same text
 * costs in paragraphs.  A match, as at a block's end, never crosses a cut;
 * prose has no sentence that long. */
#define REGION_MAX (64 * 1024)

static void plan_regions(pl_scanner *sc)
{
	const pl_text *t = &sc->text;
	size_t cap = t->nblocks + t->prose_len / REGION_MAX + 2, n = 0, si = 0;
	sc->block_ends = pl_xmalloc(cap * sizeof(size_t));
	for (size_t b = 0; b < t->nblocks; b++) {
		size_t from = n ? sc->block_ends[n - 1] : 0, end = t->blocks[b].end;
		while (end - from > REGION_MAX) {
			/* The last sentence end in (from, from + REGION_MAX], else
			 * the first one after it. */
			size_t cut = 0;
			while (si < t->nsentences && t->sentences[si].end <= from)
				si++;
			for (size_t k = si; k < t->nsentences &&
			     t->sentences[k].end < end; k++) {
				if (t->sentences[k].end > from + REGION_MAX && cut)
					break;
				cut = t->sentences[k].end;
				if (cut > from + REGION_MAX)
					break;
			}
			if (cut == 0 || cut <= from)
				break;
			PL_PUSH(sc->block_ends, n, cap, cut);
			from = cut;
		}
		PL_PUSH(sc->block_ends, n, cap, end);
	}
	sc->nregions = n;
}

void pl_scanner_init(pl_scanner *sc, const pl_ruleset *rs, const char *name,
		     const char *src, size_t len, pl_input_format fmt,
		     pl_diags *diags)
{
	memset(sc, 0, sizeof(*sc));
	sc->rs = rs;
	sc->diags = diags;
	sc->name = name;
	sc->ms = pl_match_state_new();
	pl_extract(&sc->text, fmt, src, len);
	pl_regex_note_text(sc->text.prose_len);
	sc->seen = pl_xcalloc(sc->text.nsentences + 1, 1);
	sc->ctx_memo = pl_xcalloc(sc->text.nsentences + 1, 1);
	sc->topic_hits = pl_xcalloc(rs->ntopics + 1, sizeof(*sc->topic_hits));
	plan_regions(sc);
	if (rs->prefilter && pl_prefilter_enabled()) {
		pl_prefilter_scan(rs->prefilter, sc->text.prose, sc->text.prose_len,
				  &sc->occ);
		size_t nslots = pl_prefilter_slots(rs->prefilter);
		sc->views = pl_xcalloc(nslots + 1, sizeof(*sc->views));
		sc->viewed = pl_xcalloc(nslots + 1, 1);
		sc->filtered = 1;
	}
	mark_overviews(sc);
}

/* Whether topic t stands for ref i of refs (a topic, or its area). */
static int ref_covers(const pl_ruleset *rs, const pl_topic_refs *refs,
		      size_t i, size_t t)
{
	if (refs->index[i] != (size_t)-1)
		return refs->index[i] == t;
	return rs->topics[t].evidence &&
	       (int)rs->topics[t].area == pl_area_from_name(refs->names[i]);
}

/* yield: a topic's hits in sentences where a topic it yields to has a hit
 * are dropped.  Every decision is taken on the hits before any is
 * dropped, so the order of topics does not matter. */
static void apply_yields(pl_scanner *sc)
{
	const pl_ruleset *rs = sc->rs;
	size_t ns = sc->text.nsentences;
	unsigned char *other = NULL, **drop = NULL;
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic_refs *y = &rs->topics[t].yield;
		if (y->count == 0 || sc->topic_hits[t].count == 0)
			continue;
		if (other == NULL) {
			other = pl_xmalloc(ns + 1);
			drop = pl_xcalloc(rs->ntopics, sizeof(*drop));
		}
		memset(other, 0, ns + 1);
		for (size_t u = 0; u < rs->ntopics; u++) {
			int covered = 0;
			for (size_t i = 0; u != t && i < y->count && !covered; i++)
				covered = ref_covers(rs, y, i, u);
			for (size_t k = 0; covered && k < sc->topic_hits[u].count; k++)
				other[sc->topic_hits[u].items[k].sentence] = 1;
		}
		const pl_hits *h = &sc->topic_hits[t];
		drop[t] = pl_xcalloc(h->count, 1);
		for (size_t k = 0; k < h->count; k++)
			drop[t][k] = other[h->items[k].sentence];
	}
	for (size_t t = 0; drop && t < rs->ntopics; t++) {
		pl_hits *h = &sc->topic_hits[t];
		size_t kept = 0;
		for (size_t k = 0; drop[t] && k < h->count; k++) {
			if (!drop[t][k]) {
				h->items[kept++] = h->items[k];
			} else if (sc->trace) {
				sc->trace(sc->trace_arg, rs->topics[t].id, -1, 0,
					  PL_TRACE_YIELD, -1, h->items[k].start,
					  h->items[k].end);
			}
		}
		if (drop[t])
			h->count = kept;
		free(drop[t]);
	}
	free(drop);
	free(other);
}

/* undone-by: a topic whose claim the rest of the policy contradicts
 * (it says nothing is collected, and sends the location to weather
 * services) has no hits.  Decided on the hits after yield. */
static void apply_undone(pl_scanner *sc)
{
	const pl_ruleset *rs = sc->rs;
	for (size_t t = 0; t < rs->ntopics; t++) {
		const pl_topic_refs *u = &rs->topics[t].undone_by;
		pl_hits *h = &sc->topic_hits[t];
		if (u->count == 0 || h->count == 0)
			continue;
		int undone = 0;
		for (size_t v = 0; v < rs->ntopics && !undone; v++)
			for (size_t i = 0; v != t && i < u->count && !undone; i++)
				undone = ref_covers(rs, u, i, v) &&
					 sc->topic_hits[v].count > 0;
		if (!undone)
			continue;
		for (size_t k = 0; sc->trace && k < h->count; k++)
			sc->trace(sc->trace_arg, rs->topics[t].id, -1, 0,
				  PL_TRACE_UNDONE, -1, h->items[k].start,
				  h->items[k].end);
		h->count = 0;
	}
}

void pl_scanner_match_topics(pl_scanner *sc, const unsigned char *topic_on)
{
	const pl_ruleset *rs = sc->rs;
	char owner[160];
	for (size_t t = 0; t < rs->ntopics; t++) {
		if (topic_on && !topic_on[t])
			continue;
		snprintf(owner, sizeof owner, "topic '%s'", rs->topics[t].id);
		pl_scanner_match(sc, &rs->topics[t].match, rs->topics[t].id,
				 owner, &sc->topic_hits[t]);
		pl_hits *h = &sc->topic_hits[t];
		if (h->count > 1)
			qsort(h->items, h->count, sizeof(*h->items), compare_hits);
	}
	apply_yields(sc);
	apply_undone(sc);
}

void pl_scanner_run(pl_scanner *sc, const pl_ruleset *rs, const char *name,
		    const char *src, size_t len, pl_input_format fmt,
		    pl_diags *diags)
{
	pl_scanner_init(sc, rs, name, src, len, fmt, diags);
	pl_scanner_match_topics(sc, NULL);
}

void pl_scanner_free(pl_scanner *sc)
{
	if (sc->topic_hits)
		for (size_t t = 0; t < sc->rs->ntopics; t++)
			free(sc->topic_hits[t].items);
	free(sc->topic_hits);
	free(sc->seen);
	free(sc->block_ends);
	pl_occurrences_free(&sc->occ);
	for (size_t i = 0; sc->views && i < pl_prefilter_slots(sc->rs->prefilter);
	     i++)
		pl_slot_view_free(&sc->views[i]);
	free(sc->views);
	free(sc->viewed);
	free(sc->ctx_memo);
	pl_text_free(&sc->text);
	pl_match_state_free(sc->ms);
	memset(sc, 0, sizeof(*sc));
}
