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

void pl_scanner_search(pl_scanner *sc, const pl_regex *re, const char *owner,
		       pl_match_visit visit, void *arg)
{
	size_t pos = 0, ms, me;
	for (size_t w = 0; w < sc->nwindows; w++) {
		size_t end = sc->window_ends[w];
		while (pos <= end) {
			pl_match_status st = pl_regex_search(re, sc->ms,
							     sc->text.prose, end,
							     pos, &ms, &me);
			if (st == PL_MATCH_NONE)
				break;
			if (st < 0) {
				report_limit(sc, owner, pos, st);
				return;
			}
			pos = visit(sc, re, ms, me, arg);
			if (pos == PL_SEARCH_STOP)
				return;
		}
		pos = pos > end ? pos : end;
	}
}

typedef struct {
	const pl_matcher_spec *m;
	const char *owner;
	pl_hits *out;
} topic_search;

/* One match of a topic pattern: judged in its sentence, at most one hit
 * per sentence. */
static size_t visit_topic_match(pl_scanner *sc, const pl_regex *re, size_t ms,
				size_t me, void *arg)
{
	const topic_search *ts = arg;
	long s = pl_text_sentence_at(&sc->text, ms);
	if (s < 0)      /* starts on markup a block leaves out ("- ") */
		s = sentence_starting_in(&sc->text, ms, me, &ms);
	const pl_sentence *sent = s >= 0 ? &sc->text.sentences[s] : NULL;
	if (sent == NULL)               /* between blocks */
		return me > ms ? me : ms + 1;
	size_t block_end = sc->text.blocks[sent->block].end;
	if (me > block_end) {
		/* The match ran into the next block (a heading's words, then
		 * the paragraph under it).  Search the block alone again from
		 * the same start, so that a match inside it is not lost, then
		 * go on after it. */
		pl_match_status st = pl_regex_search(re, sc->ms, sc->text.prose,
						     block_end, ms, &ms, &me);
		if (st < 0) {
			report_limit(sc, ts->owner, ms, st);
			return PL_SEARCH_STOP;
		}
		if (st == PL_MATCH_NONE)
			return block_end;
		s = pl_text_sentence_at(&sc->text, ms);
		sent = s >= 0 ? &sc->text.sentences[s] : NULL;
		if (sent == NULL)
			return block_end;
	}
	if (sc->seen[s] || !match_counts(sc, ts->m, ts->owner, ms, (size_t)s))
		return me > ms ? me : ms + 1;
	sc->seen[s] = 1;
	pl_hit h = {ms, me, (size_t)s};
	PL_PUSH(ts->out->items, ts->out->count, ts->out->cap, h);
	/* One hit per sentence: go on after it. */
	return sent->end > me ? sent->end : me;
}

void pl_scanner_match(pl_scanner *sc, const pl_matcher_spec *m,
		      const char *owner, pl_hits *out)
{
	size_t first = out->count;
	topic_search ts = {m, owner, out};
	for (size_t p = 0; p < m->patterns.count; p++)
		pl_scanner_search(sc, m->patterns.items[p].re, owner,
				  visit_topic_match, &ts);
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
