/*
 * against.c: `--against OLD`, the review of a policy edit.
 *
 * A reviewer wants what the edit changed, not the policy's history of
 * findings, and reads the edit as disclosures kept, dropped, weakened and
 * added.  So the two versions are aligned sentence by sentence (align.c),
 * their sentences read for periods, regions and promises (practices.c),
 * and compared at each level a reviewer thinks in:
 *
 *   area         nothing left about retention           area-removed
 *   requirement  a profile requirement OLD met           the rule itself
 *   topic        no transfer safeguard any more          disclosure-removed
 *   detail       "30 days" became "as long as            retention-weakened
 *                necessary"; a right now only for        right-narrowed
 *                Californians; "we never sell" now       promise-weakened,
 *                "except ..."; the only dates deleted    promise-removed,
 *                                                        date-removed
 *
 * Each loss is reported once, at the coarsest level that holds (an area
 * gone is not also three topics gone), at the place in the new version
 * where the text was, with the old version's line related.  A topic whose
 * sentences all survive word for word is not lost even if the rules stop
 * recognising it (a heading above it changed): the words are still there.
 *
 * Everything the edit changes, gains included, is also recorded as plain
 * words for the reviewer (pl_change: "now shares precise location with
 * advertisers", "adds the right to correct one's information"), which the
 * markdown report prints.
 *
 * Findings present in both versions are matched by fingerprint (the words
 * they point at, never line numbers), so text inserted above a finding or
 * re-wrapped around it does not make it new.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "against.h"
#include "align.h"
#include "builtins.h"
#include "phrases.h"
#include "practices.h"
#include "util.h"
#include "words.h"

#define SNIPPET_MAX 200         /* bytes of a sentence quoted in a change */
#define MAX_STATEMENTS 16       /* per sentence */
#define WORD_BUDGET 200000000   /* bytes of words compared per comparison */

/* ---- Dropping what OLD already had ---------------------------------------- */

/* ---- The comparison -------------------------------------------------------- */

typedef enum { LEVEL_AREA, LEVEL_REQUIREMENT, LEVEL_TOPIC, LEVEL_DETAIL } level;

/* A disclosure of old that cur lost or weakened: a finding to be. */
typedef struct {
	level lvl;
	const char *rule;
	pl_finding_kind kind;
	pl_area area;
	long topic;             /* LEVEL_TOPIC: the topic */
	const pl_rule *req;     /* LEVEL_REQUIREMENT */
	char *message;
	size_t place;           /* where in cur */
	size_t place_len;
	pl_location old;        /* where old had it (message owned) */
	long old_sentence;
	int absorbed;
	char *appendix;         /* words a coarser loss that stands for this
	                           one adds to its message (owned) */
	char *brief;            /* what it is, for the loss it merges into
	                           ("no longer names the safeguard ...") */
	int merged;             /* how many briefs were added to it */
} loss;

/* One topic's hits in one version: indices into the result's hits. */
typedef struct {
	size_t *hit;
	size_t n, cap;
} topic_hits;

typedef struct {
	pl_pstatement *items;
	size_t n, cap;
} statements;

typedef struct {
	const pl_result *r;
	pl_version v;
	pl_practices p;
	topic_hits *topics;     /* one per topic of the rule set */
	unsigned char *retention;   /* per sentence: retention evidence */
	unsigned char *area_hit;    /* per sentence and area: a hit */
	size_t *budget;         /* word comparisons left (shared by both) */
	statements st;
} side;

typedef struct {
	pl_result *cur;
	const pl_against_options *o;
	const pl_ruleset *rs;
	side a, b;              /* a: old, b: cur */
	loss *losses;
	size_t nlosses, losses_cap;
	pl_area *action_area;   /* per action of the vocabulary */
	unsigned char *promised;    /* per action: a promise lost */
} cmp;

static long topic_index(const pl_ruleset *rs, const char *id)
{
	for (size_t t = 0; t < rs->ntopics; t++)
		if (rs->topics[t].id == id || strcmp(rs->topics[t].id, id) == 0)
			return (long)t;
	return -1;
}

static long hit_sentence(const side *s, size_t hit)
{
	return pl_version_sentence_at(&s->v, s->r->hits[hit].loc.offset);
}

/* Whether sentence i of a side survives word for word in the other. */
static int survives(const side *s, long i)
{
	return i >= 0 && (s->v.s[i].how == PL_ALIGN_SAME ||
			  s->v.s[i].how == PL_ALIGN_MOVED);
}

/* Words too common to say whether a disclosure survived a rewording. */
static int stopword(const char *w, size_t n)
{
	static const char *const stop[] = {
		"the", "and", "for", "you", "your", "our", "ours", "with", "that",
		"this", "these", "those", "are", "was", "were", "may", "will",
		"can", "not", "any", "all", "from", "into", "about", "such", "which",
		"who", "when", "where", "how", "its", "their", "they", "them",
		"has", "have", "had", "been", "being", "also", "other", "some",
		"more", "most", "use", "used", "information", "data", "personal"};
	if (n < 3)
		return 1;
	for (size_t i = 0; i < sizeof stop / sizeof *stop; i++)
		if (strlen(stop[i]) == n && memcmp(stop[i], w, n) == 0)
			return 1;
	return 0;
}

typedef struct {
	const pl_version *other;
	const pl_vsentence *in;
	size_t words, found;
} survival;

static int count_survivor(const char *w, size_t n, void *arg)
{
	survival *sv = arg;
	if (stopword(w, n))
		return 0;
	unsigned long long h = pl_word_stem_hash(w, n);
	const unsigned long long *set = sv->other->wordset + sv->in->words;
	size_t lo = 0, hi = sv->in->nwords;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (set[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	sv->words++;
	sv->found += lo < sv->in->nwords && set[lo] == h;
	return 0;
}

/* How many of the content words of src[0..n) occur in sentence k of v,
 * out of how many. */
static void survivors(const side *s, const char *src, size_t n,
		      const pl_version *v, size_t k, size_t *found, size_t *words)
{
	/* A bounded amount of this per comparison, so that a rewrite of a
	 * very long policy stays fast: past it, words count as kept (which
	 * reports less, never more). */
	if (*s->budget < n) {
		*found = *words = 1;
		return;
	}
	*s->budget -= n;
	survival sv = {v, &v->s[k], 0, 0};
	pl_words_each(src, n, pl_words_markup_for(s->r->format), count_survivor,
		      &sv);
	*found = sv.found;
	*words = sv.words;
}

static int most(size_t found, size_t words)
{
	return words > 0 && found * 10 >= words * 6;
}

/* Whether hit h of side s was only reworded, and the rules no longer
 * recognising it is no removal: its sentence became one of the other
 * side's that still holds most of the hit's own words ("we may request
 * name, email, ORCID" -> "Registered users: name, email address, ORCID"),
 * or one the other side has evidence of the same area in holds most of
 * the sentence's words (a paragraph moved to another section and
 * rephrased there). */
static int reworded_in_place(const side *s, size_t h, const side *other,
			     pl_area area)
{
	long i = pl_version_sentence_at(&s->v, s->r->hits[h].loc.offset);
	if (i < 0)
		return 0;
	const pl_location *l = &s->r->hits[h].loc;
	size_t found, words;
	long p = s->v.s[i].partner;
	if (p >= 0) {
		survivors(s, s->r->src + l->offset, l->length, &other->v,
			  (size_t)p, &found, &words);
		if (most(found, words))
			return 1;
	}
	const pl_vsentence *si = &s->v.s[i];
	for (size_t k = 0; k < other->v.n; k++) {
		if (!other->area_hit[k * PL_AREA_COUNT + area])
			continue;
		survivors(s, s->r->src + si->src_start, si->src_end - si->src_start,
			  &other->v, k, &found, &words);
		if (most(found, words))
			return 1;
	}
	return 0;
}

static void side_init(side *s, const pl_result *r, const pl_ruleset *rs,
		      const pl_practice_patterns *pp, pl_match_state *ms)
{
	memset(s, 0, sizeof(*s));
	s->r = r;
	pl_version_init(&s->v, r);
	pl_practices_read(&s->p, &s->v, rs, pp, ms);
	s->topics = pl_xcalloc(rs->ntopics + 1, sizeof(*s->topics));
	s->retention = pl_xcalloc(s->v.n + 1, 1);
	s->area_hit = pl_xcalloc((s->v.n + 1) * PL_AREA_COUNT, 1);
	for (size_t h = 0; h < r->nhits; h++) {
		long t = topic_index(rs, r->hits[h].topic);
		if (t < 0)
			continue;
		topic_hits *th = &s->topics[t];
		PL_PUSH(th->hit, th->n, th->cap, h);
		long i = hit_sentence(s, h);
		if (i >= 0 && rs->topics[t].area == PL_AREA_RETENTION)
			s->retention[i] = 1;
		/* Only evidence says a sentence discloses its area: a topic
		 * that merely feeds a requirement (applicability, a trigger)
		 * is no rewording of a lost disclosure. */
		if (i >= 0 && rs->topics[t].evidence)
			s->area_hit[(size_t)i * PL_AREA_COUNT + rs->topics[t].area] = 1;
	}
	pl_pstatement buf[MAX_STATEMENTS];
	for (size_t i = 0; i < s->v.n; i++) {
		size_t n = pl_practices_statements(&s->p, i, buf, MAX_STATEMENTS);
		for (size_t k = 0; k < n; k++)
			PL_PUSH(s->st.items, s->st.n, s->st.cap, buf[k]);
	}
}

static void side_free(side *s, size_t ntopics)
{
	for (size_t t = 0; t < ntopics; t++)
		free(s->topics[t].hit);
	free(s->topics);
	free(s->retention);
	free(s->area_hit);
	free(s->st.items);
	pl_practices_free(&s->p);
	pl_version_free(&s->v);
}

/* The sentence's words for a change, shortened at a word. */
static char *snippet(const side *s, long i, size_t focus)
{
	if (i < 0)
		return NULL;
	size_t len;
	const char *p = pl_version_prose(&s->v, (size_t)i, &len);
	if (len <= SNIPPET_MAX)
		return pl_xstrndup(p, len);
	/* A window of the sentence around focus (a source offset): the
	 * prose offset whose source is the first at or after it. */
	size_t lo = 0, hi = len;
	size_t base = (size_t)(p - s->v.text.prose);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (pl_text_to_src(&s->v.text, base + mid) < focus)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t from = lo > SNIPPET_MAX / 3 ? lo - SNIPPET_MAX / 3 : 0;
	if (from + SNIPPET_MAX > len)
		from = len - SNIPPET_MAX;
	while (from > 0 && p[from - 1] != ' ')
		from--;
	size_t to = from + SNIPPET_MAX < len ? from + SNIPPET_MAX : len;
	while (to < len && to > from + SNIPPET_MAX / 2 && p[to] != ' ')
		to--;
	char *mid = pl_xstrndup(p + from, to - from);
	char *out = pl_xasprintf("%s%s%s", from > 0 ? "... " : "", mid,
				 to < len ? " ..." : "");
	free(mid);
	return out;
}

/* The prose [start, end) of a side, copied. */
static char *words_at(const side *s, size_t start, size_t end)
{
	return pl_xstrndup(s->v.text.prose + start, end - start);
}

/* A location in a side's source for the prose range [start, end). */
static pl_location prose_location(const side *s, size_t start, size_t end)
{
	return pl_result_locate(s->r, &s->v.text, start, end);
}

static pl_location hit_location(const side *s, size_t hit)
{
	pl_location l = s->r->hits[hit].loc;
	l.message = NULL;
	l.path = NULL;
	return l;
}

/* Records a change; loc is an offset in cur, old a location in old (line
 * 0: none). */
static void add_change(cmp *c, pl_change_kind kind, pl_area area,
		       const char *subject, const char *text, long old_sentence,
		       long cur_sentence, size_t place, const pl_location *old)
{
	char *before = snippet(&c->a, old_sentence, old ? old->offset : 0);
	char *after = snippet(&c->b, cur_sentence, place);
	pl_change *ch = pl_result_add_change(c->cur, kind, area, subject, text,
					     before, after);
	free(before);
	free(after);
	ch->loc.offset = place;
	pl_result_position(c->cur, place, &ch->loc.line, &ch->loc.column);
	if (old) {
		ch->old = *old;
		ch->old.message = NULL;
		ch->old.path = c->o->old_name;
	}
}

static loss *add_loss(cmp *c, level lvl, const char *rule,
		      pl_finding_kind kind, pl_area area, char *message,
		      size_t place, const pl_location *old, char *note,
		      long old_sentence)
{
	loss l = {0};
	l.lvl = lvl;
	l.rule = rule;
	l.kind = kind;
	l.area = area;
	l.topic = -1;
	l.message = message;
	l.place = place;
	l.old = *old;
	l.old.path = c->o->old_name;
	l.old.message = note;
	l.old_sentence = old_sentence;
	PL_PUSH(c->losses, c->nlosses, c->losses_cap, l);
	return &c->losses[c->nlosses - 1];
}

static size_t place_of(const cmp *c, long old_sentence)
{
	return old_sentence < 0 ? 0 :
	       pl_align_place(&c->a.v, &c->b.v, (size_t)old_sentence);
}

/* ---- Dropping what OLD already had ---------------------------------------- */

/* Whether sentence k of cur is the counterpart (same, moved or reworded)
 * of the old sentence holding offset off. */
static int counterpart(const cmp *c, size_t old_off, size_t cur_off)
{
	long i = pl_version_sentence_at(&c->a.v, old_off);
	long k = pl_version_sentence_at(&c->b.v, cur_off);
	return i >= 0 && k >= 0 && c->a.v.s[i].partner == k;
}

/* The locations of a finding's statement and of the other statement of a
 * conflict (their offsets; the second is (size_t)-1 when there is none). */
static void finding_places(const pl_finding *f, size_t *a, size_t *b)
{
	*a = f->loc.offset;
	*b = (size_t)-1;
	for (size_t k = 0; k < f->nrelated && *b == (size_t)-1; k++)
		if (f->related[k].path == NULL)
			*b = f->related[k].offset;
}

/* Whether cur's finding f is old's finding g where the edit reworded the
 * sentences it points at: same rule, and each place (both statements of a
 * conflict, in either order) the counterpart of g's. */
static int same_finding_reworded(const cmp *c, const pl_finding *g,
				 const pl_finding *f)
{
	if (strcmp(g->rule, f->rule) != 0 || g->kind != f->kind ||
	    f->loc.length == 0 || g->loc.length == 0)
		return 0;
	size_t ga, gb, fa, fb;
	finding_places(g, &ga, &gb);
	finding_places(f, &fa, &fb);
	if ((gb == (size_t)-1) != (fb == (size_t)-1))
		return 0;
	if (gb == (size_t)-1)
		return counterpart(c, ga, fa);
	return (counterpart(c, ga, fa) && counterpart(c, gb, fb)) ||
	       (counterpart(c, ga, fb) && counterpart(c, gb, fa));
}

/* Drops the findings of cur that old also has: the same fingerprint (the
 * same rule pointing at the same words, wherever they moved), else the
 * same rule at the counterpart of old's sentences, reworded by the edit.
 * Each finding of old absorbs at most one of cur, so a second copy of an
 * old problem is new. */
static void drop_old_findings(cmp *c)
{
	pl_result *cur = c->cur;
	const pl_result *old = c->a.r;
	unsigned long long *fps = pl_xmalloc((old->nfindings + 1) * sizeof(*fps));
	unsigned char *taken = pl_xcalloc(old->nfindings + 1, 1);
	unsigned char *keep = pl_xcalloc(cur->nfindings + 1, 1);
	for (size_t k = 0; k < old->nfindings; k++)
		fps[k] = pl_finding_fingerprint(old, &old->findings[k]);
	for (size_t i = 0; i < cur->nfindings; i++) {
		unsigned long long fp = pl_finding_fingerprint(cur, &cur->findings[i]);
		size_t k = 0;
		while (k < old->nfindings && (taken[k] || fps[k] != fp ||
		       strcmp(old->findings[k].rule, cur->findings[i].rule) != 0))
			k++;
		if (k < old->nfindings)
			taken[k] = 1;
		else
			keep[i] = 1;
	}
	for (size_t i = 0; i < cur->nfindings; i++)
		for (size_t k = 0; k < old->nfindings && keep[i]; k++)
			if (!taken[k] && same_finding_reworded(c, &old->findings[k],
							       &cur->findings[i])) {
				taken[k] = 1;
				keep[i] = 0;
			}
	for (size_t i = cur->nfindings; i-- > 0;)
		if (!keep[i])
			pl_result_remove_finding(cur, i);
	free(fps);
	free(taken);
	free(keep);
}

/* ---- Areas, requirements, topics ----------------------------------------- */

static void area_losses(cmp *c)
{
	const pl_result *old = c->a.r;
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		const pl_area_result *was = &old->areas[a];
		if (!was->disclosed || c->cur->areas[a].disclosed || was->count == 0)
			continue;
		const pl_evidence *e = &was->evidence[0];
		long s = pl_version_sentence_at(&c->a.v, e->loc.offset);
		char *msg = pl_xasprintf("the policy no longer discloses %s: "
					 "%s:%lu disclosed it",
					 pl_area_name((pl_area)a), c->o->old_name,
					 e->loc.line);
		char *note = pl_xasprintf("the old version disclosed %s here (%s)",
					  pl_area_name((pl_area)a), e->topic);
		pl_location l = e->loc;
		size_t place = place_of(c, s);
		add_loss(c, LEVEL_AREA, PL_RULE_AREA_REMOVED, PL_KIND_REMOVED,
			 (pl_area)a, msg, place, &l, note, s);
		char *text = pl_xasprintf("no longer says anything about %s",
					  pl_area_name((pl_area)a));
		add_change(c, PL_CHANGE_REMOVED, (pl_area)a, PL_RULE_AREA_REMOVED,
			   text, s, -1, place, &l);
		free(text);
	}
}

/* Whether topic t is one of refs (by name, or an area name standing for
 * its evidence topics). */
static int refs_topic(const pl_ruleset *rs, const pl_topic_refs *refs, size_t t)
{
	for (size_t i = 0; i < refs->count; i++) {
		if (refs->index[i] == t)
			return 1;
		if (refs->index[i] == (size_t)-1 && rs->topics[t].evidence &&
		    pl_area_from_name(refs->names[i]) == (int)rs->topics[t].area)
			return 1;
	}
	return 0;
}

static size_t changed_hit(const side *s, size_t t, const side *other);

/* The earliest hit in old of the topics of refs whose words the edit
 * removed, or (size_t)-1. */
static size_t removed_ref_hit(const cmp *c, const pl_topic_refs *refs)
{
	size_t best = (size_t)-1;
	for (size_t t = 0; t < c->rs->ntopics; t++) {
		if (!refs_topic(c->rs, refs, t) || c->a.topics[t].n == 0 ||
		    c->b.topics[t].n > 0)
			continue;
		size_t h = changed_hit(&c->a, t, &c->b);
		if (h != (size_t)-1 &&
		    (best == (size_t)-1 ||
		     c->a.r->hits[h].loc.offset < c->a.r->hits[best].loc.offset))
			best = h;
	}
	return best;
}

static const pl_rule *find_rule(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return &rs->rules[i];
	return NULL;
}

static const pl_coverage *coverage_of(const pl_result *r, const char *profile)
{
	for (size_t i = 0; i < r->ncoverage; i++)
		if (strcmp(r->coverage[i].profile, profile) == 0)
			return &r->coverage[i];
	return NULL;
}

static int listed(const char *const *ids, size_t n, const char *id)
{
	return pl_id_listed(ids, n, id);
}

static int have_requirement_loss(const cmp *c, const char *id)
{
	for (size_t i = 0; i < c->nlosses; i++)
		if (c->losses[i].req && strcmp(c->losses[i].req->id, id) == 0)
			return 1;
	return 0;
}

static void requirement_losses(cmp *c)
{
	for (size_t p = 0; p < c->cur->ncoverage; p++) {
		const pl_coverage *now = &c->cur->coverage[p];
		const pl_coverage *was = coverage_of(c->a.r, now->profile);
		if (was == NULL)
			continue;
		for (size_t k = 0; k < now->nmissing; k++) {
			const char *id = now->missing[k];
			if (!listed(was->met, was->nmet, id) ||
			    have_requirement_loss(c, id))
				continue;
			const pl_rule *rule = find_rule(c->rs, id);
			size_t h = rule ? removed_ref_hit(c, &rule->topics) :
					  (size_t)-1;
			if (h == (size_t)-1)
				continue;   /* met by a date, or still worded so */
			pl_location l = hit_location(&c->a, h);
			long s = hit_sentence(&c->a, h);
			char *msg = pl_xasprintf("%s, which %s:%lu did", rule->message,
						 c->o->old_name, l.line);
			char *note = pl_xasprintf("the old version met %s here (%s)",
						  id, c->a.r->hits[h].topic);
			loss *ls = add_loss(c, LEVEL_REQUIREMENT, rule->id,
					    PL_KIND_REMOVED, rule->area, msg,
					    place_of(c, s), &l, note, s);
			ls->req = rule;
		}
	}
}

/* The first hit of topic t in side s whose words the edit removed (its
 * sentence deleted, or reworded without them), or (size_t)-1 when every
 * one survives, word for word or reworded in place. */
static size_t changed_hit(const side *s, size_t t, const side *other)
{
	pl_area area = s->r->rules->topics[t].area;
	for (size_t k = 0; k < s->topics[t].n; k++) {
		size_t h = s->topics[t].hit[k];
		if (!survives(s, hit_sentence(s, h)) &&
		    !reworded_in_place(s, h, other, area))
			return h;
	}
	return (size_t)-1;
}

static void topic_changes(cmp *c)
{
	for (size_t t = 0; t < c->rs->ntopics; t++) {
		const pl_topic *topic = &c->rs->topics[t];
		size_t no = c->a.topics[t].n, nc = c->b.topics[t].n;
		/* A topic that is no evidence and has no words for a reader
		 * (one that only feeds the profiles' requirements, which are
		 * compared on their own, such as contact details given for
		 * any purpose) is no disclosure of its own to gain or lose. */
		if (!topic->evidence && !pl_phrase_known(topic->id))
			continue;
		if (no > 0 && nc == 0) {
			size_t h = changed_hit(&c->a, t, &c->b);
			if (h == (size_t)-1)
				continue;
			pl_location l = hit_location(&c->a, h);
			long s = hit_sentence(&c->a, h);
			char *phrase = pl_phrase_lost(topic->id, topic->summary);
			char *msg = pl_xasprintf("the policy %s: %s:%lu did", phrase,
						 c->o->old_name, l.line);
			char *note = pl_xasprintf("the old version said it here (%s)",
						  topic->id);
			size_t place = place_of(c, s);
			loss *ls = add_loss(c, LEVEL_TOPIC, PL_RULE_DISCLOSURE_REMOVED,
					    PL_KIND_REMOVED, topic->area, msg,
					    place, &l, note, s);
			ls->topic = (long)t;
			ls->brief = pl_xstrdup(phrase);
			add_change(c, PL_CHANGE_REMOVED, topic->area, topic->id,
				   phrase, s, -1, place, &l);
			free(phrase);
		} else if (no == 0 && nc > 0) {
			size_t h = changed_hit(&c->b, t, &c->a);
			if (h == (size_t)-1)
				continue;
			char *phrase = pl_phrase_gained(topic->id, topic->summary);
			add_change(c, PL_CHANGE_ADDED, topic->area, topic->id, phrase,
				   -1, hit_sentence(&c->b, h),
				   c->cur->hits[h].loc.offset, NULL);
			free(phrase);
		}
	}
}

/* ---- Sentences deleted ------------------------------------------------------- */

/* Whether sentence i of side s is a heading, or a label that introduces
 * a list ("These rights may include:", "Info we share with third
 * parties:"): its list items say what it is about. */
static int heading_sentence(const side *s, size_t i)
{
	const pl_sentence *st = &s->v.text.sentences[i];
	if (s->v.text.blocks[st->block].kind == PL_BLOCK_HEADING)
		return 1;
	size_t len;
	const char *p = pl_version_prose(&s->v, i, &len);
	while (len > 0 && p[len - 1] == ' ')
		len--;
	return len > 0 && p[len - 1] == ':' && s->v.s[i].nwords <= 8;
}

/* The first area sentence i of side s has evidence of, or -1. */
static int evidence_area(const cmp *c, const side *s, size_t i)
{
	for (size_t t = 0; t < c->rs->ntopics; t++) {
		if (!c->rs->topics[t].evidence)
			continue;
		for (size_t k = 0; k < s->topics[t].n; k++)
			if (hit_sentence(s, s->topics[t].hit[k]) == (long)i)
				return (int)c->rs->topics[t].area;
	}
	return -1;
}

/* Whether old's sentence i was replaced where it stood: it lies in a
 * short run of changed sentences (at most 3, between sentences kept in
 * order) whose counterpart in cur is as short and holds evidence of the
 * same area, as when a postal address is replaced by a new one. */
static int replaced_in_place(const cmp *c, size_t i, int area)
{
	long before = -1, after = -1;
	for (long j = (long)i - 1; j >= 0 && before < 0; j--)
		if (c->a.v.s[j].chained)
			before = j;
	for (size_t j = i + 1; j < c->a.v.n && after < 0; j++)
		if (c->a.v.s[j].chained)
			after = (long)j;
	size_t from = before < 0 ? 0 : (size_t)c->a.v.s[before].partner + 1;
	size_t to = after < 0 ? c->b.v.n : (size_t)c->a.v.s[after].partner;
	size_t old_run = (size_t)((after < 0 ? (long)c->a.v.n : after) - before - 1);
	if (old_run > 3 || to < from || to - from > 3)
		return 0;
	for (size_t k = from; k < to; k++)
		if (c->b.area_hit[k * PL_AREA_COUNT + (size_t)area])
			return 1;
	return 0;
}

/* A sentence of old that disclosed something, deleted by the edit (no
 * counterpart, its words in no sentence of cur about the same area): the
 * fact it stated is gone even when its area and topics are disclosed by
 * other sentences. */
static void sentence_changes(cmp *c)
{
	for (size_t i = 0; i < c->a.v.n; i++) {
		if (c->a.v.s[i].how != PL_ALIGN_NONE || heading_sentence(&c->a, i))
			continue;
		int area = evidence_area(c, &c->a, i);
		if (area < 0)
			continue;
		const pl_vsentence *si = &c->a.v.s[i];
		int kept = 0;
		for (size_t k = 0; k < c->b.v.n && !kept; k++) {
			size_t found, words;
			if (!c->b.area_hit[k * PL_AREA_COUNT + (size_t)area])
				continue;
			survivors(&c->a, c->a.r->src + si->src_start,
				  si->src_end - si->src_start, &c->b.v, k, &found,
				  &words);
			kept = words > 0 && found * 2 >= words;
		}
		if (kept || replaced_in_place(c, i, area))
			continue;
		pl_location l = prose_location(&c->a, c->a.v.text.sentences[i].start,
					       c->a.v.text.sentences[i].end);
		char *quote = snippet(&c->a, (long)i, l.offset);
		char *msg = pl_xasprintf("the edit deletes what the policy said "
					 "about %s: %s:%lu \"%s\"",
					 pl_area_name((pl_area)area), c->o->old_name,
					 l.line, quote);
		/* The sentence itself says best what went. */
		char *text = pl_xasprintf("deletes \"%s\"", quote);
		size_t place = place_of(c, (long)i);
		add_loss(c, LEVEL_DETAIL, PL_RULE_STATEMENT_REMOVED, PL_KIND_REMOVED,
			 (pl_area)area, msg, place, &l,
			 pl_xasprintf("the deleted sentence"), (long)i);
		add_change(c, PL_CHANGE_REMOVED, (pl_area)area, "sentence", text,
			   -1, -1, place, &l);
		free(text);
		free(quote);
	}
}

/* ---- Retention periods ----------------------------------------------------- */

/* How a sentence's data is named: its most specific data term, else
 * "information". */
static const char *data_label(const cmp *c, const side *s, long i, char *buf,
			      size_t size)
{
	pl_pstatement st[MAX_STATEMENTS];
	size_t n = i < 0 ? 0 :
		   pl_practices_statements(&s->p, (size_t)i, st, MAX_STATEMENTS);
	for (size_t k = 0; k < n; k++)
		if (st[k].ndata)
			return pl_practices_label(c->rs, PL_VOCAB_DATA, st[k].data[0],
						  buf, size);
	const pl_pmatch *m = i < 0 ? NULL :
			     pl_practices_find(&s->p, (size_t)i, PL_VOCAB_DATA,
					       (size_t)-1);
	return m ? pl_practices_label(c->rs, PL_VOCAB_DATA, m->term, buf, size) :
		   "information";
}

static int same_days(double a, double b)
{
	return a > b ? a - b <= a * 0.01 : b - a <= b * 0.01;
}

/* Whether a period of `days` is still given in cur: in a sentence with
 * retention evidence, or in the sentence old's sentence i became. */
static int period_kept(const cmp *c, long i, double days)
{
	long partner = c->a.v.s[i].partner;
	for (size_t k = 0; k < c->b.v.n; k++) {
		if (!c->b.retention[k] && (long)k != partner)
			continue;
		for (size_t m = c->b.p.first[k]; m < c->b.p.first[k + 1]; m++)
			if (c->b.p.m[m].what == PL_PM_DURATION &&
			    same_days(c->b.p.m[m].days, days))
				return 1;
	}
	return 0;
}

/* One period of old's sentence i that cur no longer gives. */
static void period_lost(cmp *c, long i, const pl_pmatch *d)
{
	char label[96];
	const char *data = data_label(c, &c->a, i, label, sizeof label);
	char *was = words_at(&c->a, d->start, d->end);
	pl_location l = prose_location(&c->a, d->start, d->end);
	long p = c->a.v.s[i].partner;
	const pl_pmatch *now = p >= 0 ?
		pl_practices_find(&c->b.p, (size_t)p, PL_PM_DURATION, (size_t)-1) :
		NULL;
	const pl_pmatch *vague = p >= 0 ?
		pl_practices_find(&c->b.p, (size_t)p, PL_PM_VAGUE, (size_t)-1) : NULL;
	size_t place = place_of(c, i);
	char *text, *msg;
	pl_change_kind kind = PL_CHANGE_WEAKENED;
	if (now) {
		char *is = words_at(&c->b, now->start, now->end);
		int longer = now->days > d->days;
		kind = longer ? PL_CHANGE_WEAKENED : PL_CHANGE_STRENGTHENED;
		text = pl_xasprintf("keeps %s for \"%s\" instead of \"%s\"", data,
				    is, was);
		msg = longer ? pl_xasprintf("the policy now keeps %s for \"%s\": "
					    "%s:%lu said \"%s\"", data, is,
					    c->o->old_name, l.line, was) : NULL;
		free(is);
	} else if (vague) {
		char *is = words_at(&c->b, vague->start, vague->end);
		text = pl_xasprintf("no longer says how long it keeps %s: \"%s\" "
				    "becomes \"%s\"", data, was, is);
		msg = pl_xasprintf("the policy replaces the period for %s (\"%s\") "
				   "with \"%s\": %s:%lu gave the period", data,
				   was, is, c->o->old_name, l.line);
		free(is);
	} else {
		text = pl_xasprintf("no longer says how long it keeps %s (it said "
				    "\"%s\")", data, was);
		msg = pl_xasprintf("the policy no longer says how long it keeps "
				   "%s: %s:%lu said \"%s\"", data, c->o->old_name,
				   l.line, was);
	}
	add_change(c, kind, PL_AREA_RETENTION, "retention-period", text, i,
		   p >= 0 ? p : -1, place, &l);
	if (msg)
		add_loss(c, LEVEL_DETAIL, PL_RULE_RETENTION_WEAKENED,
			 PL_KIND_WEAKENED, PL_AREA_RETENTION, msg, place, &l,
			 pl_xasprintf("the old version gave the period here"), i);
	free(text);
	free(was);
}

/* A period cur gives that old did not: added, or firmer than a vague
 * one. */
/* Whether sentence i of side s speaks of deleting ("are automatically
 * deleted", "we erase"). */
static int speaks_of_deleting(const side *s, long i)
{
	static const char *const stems[] = {"delet", "eras", "destroy", "purg"};
	size_t len;
	const char *p = pl_version_prose(&s->v, (size_t)i, &len);
	for (size_t k = 0; k < len; k++)
		for (size_t w = 0; w < sizeof stems / sizeof *stems; w++) {
			size_t n = strlen(stems[w]);
			if (len - k >= n && strncasecmp(p + k, stems[w], n) == 0 &&
			    (k == 0 || p[k - 1] == ' '))
				return 1;
		}
	return 0;
}

/* "the codes are automatically deleted" -> "are automatically deleted
 * after 15 days": a deletion that had no delay now waits.  Returns
 * whether it reported one. */
static int deletion_delayed(cmp *c, long k, const pl_pmatch *d)
{
	long p = c->b.v.s[k].partner;
	if (p < 0 || c->b.v.s[k].how != PL_ALIGN_REWORDED ||
	    !speaks_of_deleting(&c->a, p) || !speaks_of_deleting(&c->b, k) ||
	    pl_practices_find(&c->a.p, (size_t)p, PL_PM_DURATION, (size_t)-1) ||
	    pl_practices_find(&c->a.p, (size_t)p, PL_PM_VAGUE, (size_t)-1))
		return 0;
	char label[96];
	const char *data = data_label(c, &c->b, k, label, sizeof label);
	char *is = words_at(&c->b, d->start, d->end);
	pl_location l = prose_location(&c->a, c->a.v.text.sentences[p].start,
				       c->a.v.text.sentences[p].end);
	size_t place = c->b.v.s[k].src_start;
	char *msg = pl_xasprintf("the policy now deletes %s only after \"%s\": "
				 "%s:%lu gave no delay", data, is, c->o->old_name,
				 l.line);
	char *text = pl_xasprintf("now deletes %s only after \"%s\" (it gave no "
				  "delay)", data, is);
	add_loss(c, LEVEL_DETAIL, PL_RULE_RETENTION_WEAKENED, PL_KIND_WEAKENED,
		 PL_AREA_RETENTION, msg, place, &l,
		 pl_xasprintf("the old version said it here"), p);
	add_change(c, PL_CHANGE_WEAKENED, PL_AREA_RETENTION, "retention-period",
		   text, p, k, place, &l);
	free(text);
	free(is);
	return 1;
}

/* Whether a period is a floor ("for at least 5 years"): the data is kept
 * that long and then for as long as ever. */
static int floor_period(const side *s, const pl_pmatch *d)
{
	static const char *const floors[] = {"at least", "a minimum of",
					     "minimum of", "no less than",
					     "not less than"};
	const char *prose = s->v.text.prose;
	size_t b = d->start;
	while (b > 0 && prose[b - 1] == ' ')
		b--;
	for (size_t i = 0; i < sizeof floors / sizeof *floors; i++) {
		size_t n = strlen(floors[i]);
		if (b >= n && strncasecmp(prose + b - n, floors[i], n) == 0)
			return 1;
	}
	return 0;
}

/* The old sentence nearest to where cur's sentence k stands: the
 * counterpart of the closest sentence before it that has one (after it
 * when none before), or -1. */
static long old_near(const cmp *c, long k)
{
	for (long j = k - 1; j >= 0; j--)
		if (c->b.v.s[j].partner >= 0)
			return c->b.v.s[j].partner;
	for (size_t j = (size_t)k + 1; j < c->b.v.n; j++)
		if (c->b.v.s[j].partner >= 0)
			return c->b.v.s[j].partner;
	return -1;
}

/* A floor on keeping data that old did not set: weakened. */
static int floor_added(cmp *c, long k, const pl_pmatch *d)
{
	if (!floor_period(&c->b, d))
		return 0;
	for (size_t i = 0; i < c->a.v.n; i++)
		for (size_t m = c->a.p.first[i]; m < c->a.p.first[i + 1]; m++)
			if (c->a.p.m[m].what == PL_PM_DURATION &&
			    same_days(c->a.p.m[m].days, d->days) &&
			    floor_period(&c->a, &c->a.p.m[m]))
				return 0;
	char label[96];
	const char *data = data_label(c, &c->b, k, label, sizeof label);
	char *is = words_at(&c->b, d->start, d->end);
	long p = c->b.v.s[k].partner >= 0 ? c->b.v.s[k].partner : old_near(c, k);
	pl_location l = p >= 0 ?
		prose_location(&c->a, c->a.v.text.sentences[p].start,
			       c->a.v.text.sentences[p].end) :
		(pl_location){0};
	size_t place = prose_location(&c->b, d->start, d->end).offset;
	char *text = pl_xasprintf("now keeps %s for at least \"%s\": a minimum, "
				  "not a limit", data, is);
	if (p >= 0) {
		char *msg = pl_xasprintf("the policy now keeps %s for at least "
					 "\"%s\", with no limit: %s:%lu set no "
					 "such minimum", data, is, c->o->old_name,
					 l.line);
		add_loss(c, LEVEL_DETAIL, PL_RULE_RETENTION_WEAKENED,
			 PL_KIND_WEAKENED, PL_AREA_RETENTION, msg, place, &l,
			 pl_xasprintf("the old version said it here"), p);
	}
	add_change(c, PL_CHANGE_WEAKENED, PL_AREA_RETENTION, "retention-period",
		   text, p, k, place, p >= 0 ? &l : NULL);
	free(text);
	free(is);
	return 1;
}

static void period_gained(cmp *c, long k, const pl_pmatch *d)
{
	if (deletion_delayed(c, k, d) || floor_added(c, k, d))
		return;
	for (size_t i = 0; i < c->a.v.n; i++)
		for (size_t m = c->a.p.first[i]; m < c->a.p.first[i + 1]; m++)
			if (c->a.p.m[m].what == PL_PM_DURATION &&
			    same_days(c->a.p.m[m].days, d->days))
				return;
	long p = c->b.v.s[k].partner;
	if (p >= 0 && pl_practices_find(&c->a.p, (size_t)p, PL_PM_DURATION,
					(size_t)-1))
		return;                 /* reported as a changed period */
	char label[96];
	const char *data = data_label(c, &c->b, k, label, sizeof label);
	char *is = words_at(&c->b, d->start, d->end);
	const pl_pmatch *vague = p >= 0 ?
		pl_practices_find(&c->a.p, (size_t)p, PL_PM_VAGUE, (size_t)-1) : NULL;
	char *text;
	if (vague) {
		char *was = words_at(&c->a, vague->start, vague->end);
		text = pl_xasprintf("now says how long it keeps %s: \"%s\" instead "
				    "of \"%s\"", data, is, was);
		free(was);
	} else {
		text = pl_xasprintf("now says it keeps %s for \"%s\"", data, is);
	}
	pl_location l = p >= 0 ? prose_location(&c->a, c->a.v.text.sentences[p].start,
						c->a.v.text.sentences[p].start) :
			(pl_location){0};
	add_change(c, vague ? PL_CHANGE_STRENGTHENED : PL_CHANGE_ADDED,
		   PL_AREA_RETENTION, "retention-period", text, p, k,
		   prose_location(&c->b, d->start, d->end).offset,
		   p >= 0 ? &l : NULL);
	free(text);
	free(is);
}

static void retention_changes(cmp *c)
{
	for (size_t i = 0; i < c->a.v.n; i++) {
		if (!c->a.retention[i] || survives(&c->a, (long)i))
			continue;
		for (size_t m = c->a.p.first[i]; m < c->a.p.first[i + 1]; m++) {
			const pl_pmatch *d = &c->a.p.m[m];
			if (d->what == PL_PM_DURATION &&
			    !period_kept(c, (long)i, d->days))
				period_lost(c, (long)i, d);
		}
	}
	for (size_t k = 0; k < c->b.v.n; k++) {
		if (!c->b.retention[k] || survives(&c->b, (long)k))
			continue;
		for (size_t m = c->b.p.first[k]; m < c->b.p.first[k + 1]; m++)
			if (c->b.p.m[m].what == PL_PM_DURATION)
				period_gained(c, (long)k, &c->b.p.m[m]);
	}
}

/* ---- Rights limited to a region ------------------------------------------- */

/* A right ("the right to delete one's information") from a topic whose
 * gained phrase is "adds ...", else NULL. */
static char *right_name(const pl_topic *t)
{
	char *g = pl_phrase_gained(t->id, t->summary);
	char *out = strncmp(g, "adds ", 5) == 0 ? pl_xstrdup(g + 5) : NULL;
	free(g);
	return out;
}

/* A right some topic gave everyone in old and only in a region in cur:
 * the old sentence that gave it, the new one that limits it, and the
 * region's words. */
typedef struct {
	long os, first;
	size_t general;         /* the old hit */
	const pl_pmatch *region;
	pl_area area;
	const char *topic;
	pl_buf rights;          /* "the right to access ..., the right to
	                           correct ..." */
	size_t nrights;
} narrowed;

static int right_narrowed(cmp *c, size_t t, narrowed *out)
{
	const topic_hits *was = &c->a.topics[t], *now = &c->b.topics[t];
	size_t general = (size_t)-1;
	const pl_pmatch *region = NULL;
	for (size_t k = 0; k < was->n && general == (size_t)-1; k++) {
		long s = hit_sentence(&c->a, was->hit[k]);
		if (s >= 0 && !pl_practices_regional(&c->a.p, (size_t)s, &region))
			general = was->hit[k];
	}
	if (general == (size_t)-1 || now->n == 0)
		return 0;
	const pl_pmatch *first_region = NULL;
	long first = -1;
	for (size_t k = 0; k < now->n; k++) {
		long s = hit_sentence(&c->b, now->hit[k]);
		if (s < 0 || !pl_practices_regional(&c->b.p, (size_t)s, &region))
			return 0;       /* still given without a region */
		if (first < 0) {
			first = s;
			first_region = region;
		}
	}
	if (first < 0)
		return 0;
	memset(out, 0, sizeof(*out));
	out->os = hit_sentence(&c->a, general);
	out->first = first;
	out->general = general;
	out->region = first_region;
	out->area = c->rs->topics[t].area;
	out->topic = c->rs->topics[t].id;
	pl_buf_init(&out->rights);
	return 1;
}

/* One finding per old sentence and region: "the right to access, the
 * right to correct and the right to delete" are one edit. */
static void report_narrowed(cmp *c, narrowed *n)
{
	pl_location l = hit_location(&c->a, n->general);
	char *where = words_at(&c->b, n->region->start, n->region->end);
	char *msg = pl_xasprintf("the policy now limits %s to \"%s\": %s:%lu "
				 "gave %s without that limit", n->rights.data,
				 where, c->o->old_name, l.line,
				 n->nrights > 1 ? "them" : "it");
	char *text = pl_xasprintf("limits %s to \"%s\"", n->rights.data, where);
	size_t place = c->b.v.s[n->first].src_start;
	add_loss(c, LEVEL_DETAIL, PL_RULE_RIGHT_NARROWED, PL_KIND_WEAKENED,
		 n->area, msg, place, &l,
		 pl_xasprintf("the old version gave it here"), n->os);
	add_change(c, PL_CHANGE_WEAKENED, n->area, n->topic, text, n->os,
		   n->first, place, &l);
	free(text);
	free(where);
}

static void rights_changes(cmp *c)
{
	narrowed *groups = NULL;
	size_t n = 0, cap = 0;
	for (size_t t = 0; t < c->rs->ntopics; t++) {
		narrowed x;
		char *right = right_name(&c->rs->topics[t]);
		if (right == NULL || !c->a.topics[t].n || !c->b.topics[t].n ||
		    !right_narrowed(c, t, &x)) {
			free(right);
			continue;
		}
		size_t g = 0;
		while (g < n && (groups[g].os != x.os || groups[g].first != x.first))
			g++;
		if (g == n)
			PL_PUSH(groups, n, cap, x);
		else
			pl_buf_free(&x.rights);
		pl_buf_printf(&groups[g].rights, "%s%s",
			      groups[g].nrights++ ? ", " : "", right);
		free(right);
	}
	for (size_t g = 0; g < n; g++) {
		report_narrowed(c, &groups[g]);
		pl_buf_free(&groups[g].rights);
	}
	free(groups);
}

/* ---- Promises and statements ------------------------------------------------ */

static int term_covers(const pl_terms *v, size_t broad, size_t narrow)
{
	return pl_term_inside(v, narrow, broad);
}

/* Whether statement s's data all lies within one of t's data terms. */
static int data_covered(const cmp *c, const pl_pstatement *broad,
			const pl_pstatement *narrow)
{
	const pl_terms *v = &c->rs->vocab[PL_VOCAB_DATA];
	if (broad->ndata == 0)
		return 1;       /* "we do not sell to anyone": no data named */
	if (narrow->ndata == 0) {
		/* Unnamed data is any data: only a root term covers it. */
		for (size_t k = 0; k < broad->ndata; k++)
			if (v->items[broad->data[k]].nparents == 0)
				return 1;
		return 0;
	}
	for (size_t i = 0; i < narrow->ndata; i++) {
		int ok = 0;
		for (size_t k = 0; k < broad->ndata && !ok; k++)
			ok = term_covers(v, broad->data[k], narrow->data[i]);
		if (!ok)
			return 0;
	}
	return 1;
}

static int data_overlap(const cmp *c, const pl_pstatement *x,
			const pl_pstatement *y)
{
	return data_covered(c, x, y) || data_covered(c, y, x);
}

/* Whether sentence k of side `to` holds at least half of the content
 * words of sentence i of side `from`: the same statement, moved and
 * reworded ("We never sell personal data" for "We do not sell your
 * personal information"), not another one about the same data. */
static int holds_half(const side *from, size_t i, const side *to, size_t k)
{
	const pl_vsentence *si = &from->v.s[i];
	size_t found, words;
	survivors(from, from->r->src + si->src_start, si->src_end - si->src_start,
		  &to->v, k, &found, &words);
	return words == 0 || found * 2 >= words;
}

/* The first statement of cur like old's statement `like` (same action, a
 * denial), absolute or qualified as asked, whose data covers (or overlaps)
 * it, in a sentence that says much the same. */
static const pl_pstatement *find_denial(const cmp *c, const pl_pstatement *like,
					int qualified)
{
	for (size_t k = 0; k < c->b.st.n; k++) {
		const pl_pstatement *x = &c->b.st.items[k];
		if (x->action != like->action || !x->negative ||
		    x->qualified != qualified)
			continue;
		if ((qualified ? data_overlap(c, x, like) : data_covered(c, x, like)) &&
		    holds_half(&c->a, like->sentence, &c->b, x->sentence))
			return x;
	}
	return NULL;
}

/* The limit's words and the few after it, to the end of the clause ("only
 * on a need to know basis"). */
static char *limit_words(const side *s, const pl_pmatch *m)
{
	const char *prose = s->v.text.prose;
	long i = pl_text_sentence_at(&s->v.text, m->start);
	size_t end = i >= 0 ? s->v.text.sentences[i].end : m->end;
	size_t e = m->end, words = 0;
	while (e < end && !strchr(",;:.()", prose[e])) {
		if (prose[e] == ' ' && e > m->end && prose[e - 1] != ' ' &&
		    ++words == 8)
			break;
		e++;
	}
	while (e > m->end && prose[e - 1] == ' ')
		e--;
	int cut = words == 8;
	char *w = words_at(s, m->start, e);
	if (!cut)
		return w;
	char *out = pl_xasprintf("%s ...", w);
	free(w);
	return out;
}

/* Whether cur's sentence k asks for consent. */
static int consent_in(const cmp *c, size_t k)
{
	for (size_t m = c->b.p.first[k]; m < c->b.p.first[k + 1]; m++)
		if (c->b.p.m[m].what == PL_VOCAB_QUALIFIER &&
		    c->rs->vocab[PL_VOCAB_QUALIFIER].items[c->b.p.m[m].term].effect ==
			    PL_QUAL_CONSENT)
			return 1;
	return 0;
}

/* The words that qualify sentence i of s ("except to our partners",
 * "unless required by law"). */
static char *qualifier_words(const cmp *c, const side *s, size_t i)
{
	for (size_t m = s->p.first[i]; m < s->p.first[i + 1]; m++) {
		const pl_pmatch *x = &s->p.m[m];
		if (x->what != PL_VOCAB_QUALIFIER)
			continue;
		pl_qual_effect e = c->rs->vocab[PL_VOCAB_QUALIFIER].items[x->term].effect;
		if (e == PL_QUAL_EXCEPTION || e == PL_QUAL_ONLY ||
		    e == PL_QUAL_CONSENT || e == PL_QUAL_LEGAL ||
		    e == PL_QUAL_CONDITION || e == PL_QUAL_CIRCUMSTANCE)
			return limit_words(s, x);
	}
	return pl_xstrdup("a condition");
}

/* "does not sell personal information" */
static char *denial_words(const cmp *c, const pl_pstatement *s)
{
	const pl_term *act = &c->rs->vocab[PL_VOCAB_ACTION].items[s->action];
	char buf[96];
	const char *data = s->ndata ?
		pl_practices_label(c->rs, PL_VOCAB_DATA, s->data[0], buf, sizeof buf) :
		"information";
	return pl_xasprintf("%s %s", act->denies ? act->denies : "does not act on",
			    data);
}

static int seen_promise(const pl_pstatement *done, size_t n,
			const pl_pstatement *s)
{
	for (size_t k = 0; k < n; k++)
		if (done[k].action == s->action &&
		    (done[k].ndata ? done[k].data[0] : (size_t)-1) ==
			    (s->ndata ? s->data[0] : (size_t)-1))
			return 1;
	return 0;
}

static void promise_lost(cmp *c, const pl_pstatement *s)
{
	/* An absolute promise can be weakened; a qualified one only goes. */
	const pl_pstatement *q = s->qualified ? NULL : find_denial(c, s, 1);
	pl_area area = c->action_area[s->action];
	char *what = denial_words(c, s);
	pl_location l = prose_location(&c->a, s->verb_start, s->verb_end);
	long os = (long)s->sentence;
	c->promised[s->action] = 1;
	if (q) {
		char *qual = qualifier_words(c, &c->b, q->sentence);
		size_t place = c->b.v.s[q->sentence].src_start;
		char *msg = pl_xasprintf("the promise that it %s is now qualified "
					 "(\"%s\"): %s:%lu made it without "
					 "condition", what, qual, c->o->old_name,
					 l.line);
		char *text = pl_xasprintf("qualifies the promise that it %s "
					  "(\"%s\")", what, qual);
		add_loss(c, LEVEL_DETAIL, PL_RULE_PROMISE_WEAKENED,
			 PL_KIND_WEAKENED, area, msg, place, &l,
			 pl_xasprintf("the old version promised it here"), os);
		add_change(c, PL_CHANGE_WEAKENED, area, "promise", text, os,
			   (long)q->sentence, place, &l);
		free(text);
		free(qual);
	} else {
		size_t place = place_of(c, os);
		char *qual = s->qualified ?
			qualifier_words(c, &c->a, s->sentence) : NULL;
		char *but = qual ? pl_xasprintf(" (\"%s\")", qual) :
				   pl_xstrdup("");
		free(qual);
		char *msg = pl_xasprintf("the policy no longer says it %s%s: "
					 "%s:%lu did", what, but, c->o->old_name,
					 l.line);
		char *text = pl_xasprintf("no longer says it %s%s", what, but);
		free(but);
		add_loss(c, LEVEL_DETAIL, PL_RULE_PROMISE_REMOVED, PL_KIND_REMOVED,
			 area, msg, place, &l,
			 pl_xasprintf("the old version promised it here"), os);
		add_change(c, PL_CHANGE_REMOVED, area, "promise", text, os, -1,
			   place, &l);
		free(text);
	}
	free(what);
}

/* Whether old's sentence i was reworded into one that still denies
 * something about the same data or more, whatever the verb ("does not
 * store cookies" -> "does not set any cookies"; not "this information is
 * not shared" -> "the password is not shared"). */
static int denial_reworded(const cmp *c, const pl_pstatement *s)
{
	long p = c->a.v.s[s->sentence].partner;
	if (p < 0)
		return 0;
	for (size_t k = 0; k < c->b.st.n; k++) {
		const pl_pstatement *x = &c->b.st.items[k];
		if ((long)x->sentence == p && x->negative &&
		    (!x->qualified || s->qualified) && data_covered(c, x, s))
			return 1;
	}
	return 0;
}

static void promise_changes(cmp *c)
{
	pl_pstatement *done = pl_xmalloc((c->a.st.n + 1) * sizeof(*done));
	size_t ndone = 0;
	for (size_t k = 0; k < c->a.st.n; k++) {
		const pl_pstatement *s = &c->a.st.items[k];
		if (!s->negative || survives(&c->a, (long)s->sentence) ||
		    find_denial(c, s, 0) || (s->qualified && find_denial(c, s, 1)) ||
		    denial_reworded(c, s) || seen_promise(done, ndone, s))
			continue;
		done[ndone++] = *s;
		promise_lost(c, s);
	}
	free(done);
}

/* ---- Lists under a denial ------------------------------------------------------ */

/* The sentence that introduces old's list item i: the heading it stands
 * under, or the sentence just before its list ("We never share:"); -1. */
static long list_intro(const side *s, size_t i)
{
	const pl_text *t = &s->v.text;
	const pl_sentence *st = &t->sentences[i];
	if (t->blocks[st->block].kind != PL_BLOCK_LIST_ITEM)
		return -1;
	long k = (long)i - 1;
	while (k >= 0 && t->blocks[t->sentences[k].block].kind == PL_BLOCK_LIST_ITEM)
		k--;
	return k;
}

/* Whether sentence i of side s denies a practice ("The app has no way of
 * knowing or sharing:"). */
static int denies(const side *s, long i)
{
	for (size_t k = 0; k < s->st.n && i >= 0; k++)
		if ((long)s->st.items[k].sentence == i && s->st.items[k].negative)
			return 1;
	return 0;
}

/* Items an edit took out of a list under a denial that stays: the
 * promise now covers less ("no way of knowing: where you've been, who
 * you've been with" loses both). One finding per list. */
static void list_changes(cmp *c)
{
	for (size_t i = 0; i < c->a.v.n; i++) {
		long intro = list_intro(&c->a, i);
		if (c->a.v.s[i].how != PL_ALIGN_NONE || intro < 0 ||
		    !denies(&c->a, intro) || c->a.v.s[intro].partner < 0 ||
		    !denies(&c->b, c->a.v.s[intro].partner))
			continue;
		pl_buf items;
		pl_buf_init(&items);
		size_t n = 0, j = i;
		for (; j < c->a.v.n && list_intro(&c->a, j) == intro; j++) {
			if (c->a.v.s[j].how != PL_ALIGN_NONE)
				continue;
			size_t len;
			const char *p = pl_version_prose(&c->a.v, j, &len);
			pl_buf_printf(&items, "%s\"%.*s\"", n++ ? ", " : "",
				      (int)(len > 80 ? 80 : len), p);
		}
		char *promise = snippet(&c->a, intro, 0);
		pl_location l = prose_location(&c->a, c->a.v.text.sentences[i].start,
					       c->a.v.text.sentences[i].end);
		long np = c->a.v.s[intro].partner;
		size_t place = c->b.v.s[np].src_start;
		char *msg = pl_xasprintf("the promise \"%s\" no longer covers %s: "
					 "%s:%lu listed %s", promise, items.data,
					 c->o->old_name, l.line, n > 1 ? "them" : "it");
		char *text = pl_xasprintf("narrows the promise \"%s\": it no "
					  "longer covers %s", promise, items.data);
		pl_area area = PL_AREA_SHARING;
		for (size_t k = 0; k < c->a.st.n; k++)
			if ((long)c->a.st.items[k].sentence == intro &&
			    c->a.st.items[k].negative)
				area = c->action_area[c->a.st.items[k].action];
		add_loss(c, LEVEL_DETAIL, PL_RULE_PROMISE_WEAKENED, PL_KIND_WEAKENED,
			 area, msg, place, &l,
			 pl_xasprintf("the old version listed it here"), (long)i);
		add_change(c, PL_CHANGE_WEAKENED, area, "promise", text, (long)i, np,
			   place, &l);
		free(text);
		free(promise);
		pl_buf_free(&items);
		i = j - 1;
	}
}

/* ---- Data made public ------------------------------------------------------------ */

/* Whether old said data term d (or something covering it) is public. */
static int public_before(const cmp *c, size_t d)
{
	const pl_terms *v = &c->rs->vocab[PL_VOCAB_DATA];
	size_t data[PL_STMT_MAX_TERMS];
	for (size_t i = 0; i < c->a.v.n; i++) {
		if (!pl_practices_find(&c->a.p, i, PL_PM_PUBLIC, (size_t)-1))
			continue;
		size_t n = pl_practices_data(&c->a.p, i, data);
		for (size_t k = 0; k < n; k++)
			if (term_covers(v, data[k], d) || term_covers(v, d, data[k]))
				return 1;
	}
	return 0;
}

/* The absolute denial of sharing in old that covers data d, or NULL. */
static const pl_pstatement *share_denied(const cmp *c, size_t d)
{
	pl_pstatement probe = {0};
	probe.ndata = 1;
	probe.data[0] = d;
	for (size_t k = 0; k < c->a.st.n; k++) {
		const pl_pstatement *x = &c->a.st.items[k];
		probe.action = x->action;
		if (x->negative && !x->qualified &&
		    c->rs->vocab[PL_VOCAB_ACTION].items[x->action].target ==
			    PL_TARGET_RECIPIENTS &&
		    c->rs->vocab[PL_VOCAB_ACTION].items[x->action].implied_target &&
		    data_covered(c, x, &probe))
			return x;
	}
	return NULL;
}

/* Data a sentence the edit wrote makes public ("Profile information is
 * public and accessible to anyone including the user's email address")
 * that old did not: added, and weakened when old said it did not share
 * it. */
static void public_changes(cmp *c)
{
	const pl_terms *v = &c->rs->vocab[PL_VOCAB_DATA];
	size_t data[PL_STMT_MAX_TERMS];
	for (size_t k = 0; k < c->b.v.n; k++) {
		const pl_pmatch *m = pl_practices_find(&c->b.p, k, PL_PM_PUBLIC,
						       (size_t)-1);
		/* "No other information ... is public" says the opposite. */
		const pl_pmatch *no = pl_practices_find(&c->b.p, k, PL_PM_NEGATION,
							(size_t)-1);
		if (m == NULL || survives(&c->b, (long)k) ||
		    (no && no->start < m->start))
			continue;
		size_t n = pl_practices_data(&c->b.p, k, data);
		pl_buf names;
		pl_buf_init(&names);
		const pl_pstatement *denial = NULL;
		size_t named = 0;
		for (size_t i = 0; i < n; i++) {
			/* "user information is public" names nothing. */
			if (v->items[data[i]].nparents == 0 ||
			    public_before(c, data[i]))
				continue;
			char buf[96];
			pl_buf_printf(&names, "%s%s", named++ ? " and " : "",
				      pl_practices_label(c->rs, PL_VOCAB_DATA, data[i],
							 buf, sizeof buf));
			if (!denial)
				denial = share_denied(c, data[i]);
		}
		if (named == 0) {
			pl_buf_free(&names);
			continue;
		}
		size_t place = c->b.v.s[k].src_start;
		char *text = pl_xasprintf("now makes %s public", names.data);
		if (denial) {
			pl_location l = prose_location(&c->a, denial->verb_start,
						       denial->verb_end);
			char *msg = pl_xasprintf("the policy now makes %s public: "
						 "%s:%lu said it does not share it",
						 names.data, c->o->old_name, l.line);
			add_loss(c, LEVEL_DETAIL, PL_RULE_PROMISE_WEAKENED,
				 PL_KIND_WEAKENED, PL_AREA_SHARING, msg, place, &l,
				 pl_xasprintf("the old version's promise"),
				 (long)denial->sentence);
			add_change(c, PL_CHANGE_WEAKENED, PL_AREA_SHARING, "promise",
				   text, (long)denial->sentence, (long)k, place, &l);
		} else {
			add_change(c, PL_CHANGE_ADDED, PL_AREA_SHARING, "statement",
				   text, -1, (long)k, place, NULL);
		}
		free(text);
		pl_buf_free(&names);
	}
}

/* ---- Limits on a practice ------------------------------------------------------ */

/* "collects personal information" */
static char *practice_words(const cmp *c, const pl_pstatement *s)
{
	const pl_term *act = &c->rs->vocab[PL_VOCAB_ACTION].items[s->action];
	char buf[96];
	const char *data = s->ndata ?
		pl_practices_label(c->rs, PL_VOCAB_DATA, s->data[0], buf, sizeof buf) :
		"information";
	return pl_xasprintf("%s %s", act->says ? act->says : act->id, data);
}

/* Whether one of the statements of cur's sentence k has a limit. */
static int sentence_limits(const cmp *c, size_t k)
{
	for (size_t i = 0; i < c->b.st.n; i++)
		if (c->b.st.items[i].sentence == k && c->b.st.items[i].limit)
			return 1;
	return 0;
}

/* Whether statement x of cur states the same practice as old's s (same
 * action, overlapping data). */
static int same_practice(const cmp *c, const pl_pstatement *x,
			 const pl_pstatement *s)
{
	return x->action == s->action && !x->negative && data_overlap(c, x, s);
}

/* A limit old put on a practice ("only on a need to know basis", "we
 * obtain your consent before collecting") that cur drops: weakened when
 * the sentence was reworded and still states the practice without it,
 * removed when the sentence is gone and nothing in cur says much the same
 * with a limit. */
static void limit_lost(cmp *c, const pl_pstatement *s)
{
	long p = c->a.v.s[s->sentence].partner;
	/* Whether the sentence still limits, whatever the reading of its
	 * statements (a reworded subject can hide one). */
	if (p >= 0 && (pl_practices_find(&c->b.p, (size_t)p, PL_PM_LIMIT,
					 (size_t)-1) || sentence_limits(c, (size_t)p)))
		return;
	int stated = 0;
	int consent = s->limit->what == PL_VOCAB_QUALIFIER &&
		      c->rs->vocab[PL_VOCAB_QUALIFIER].items[s->limit->term].effect ==
			      PL_QUAL_CONSENT;
	for (size_t k = 0; k < c->b.st.n; k++) {
		const pl_pstatement *x = &c->b.st.items[k];
		/* Consent asked for anywhere ("Nothing is shared without your
		 * explicit permission") keeps a consent limit; an "only" is
		 * about one practice, kept only where it is said again. */
		if (consent && x->action == s->action && data_overlap(c, x, s) &&
		    consent_in(c, x->sentence))
			return;
		if (!same_practice(c, x, s))
			continue;
		if ((long)x->sentence == p)
			stated = 1;
		else if (x->limit &&
			 holds_half(&c->a, s->sentence, &c->b, x->sentence))
			return;         /* said, with a limit, elsewhere */
	}
	char *what = practice_words(c, s);
	char *limit = limit_words(&c->a, s->limit);
	pl_location l = prose_location(&c->a, s->limit->start, s->limit->end);
	pl_area area = c->action_area[s->action];
	long os = (long)s->sentence;
	size_t place = place_of(c, os);
	char *text = pl_xasprintf("no longer limits how it %s (it said \"%s\")",
				  what, limit);
	char *msg = pl_xasprintf("the policy no longer limits how it %s: "
				 "%s:%lu said \"%s\"", what, c->o->old_name,
				 l.line, limit);
	add_loss(c, LEVEL_DETAIL,
		 stated ? PL_RULE_PROMISE_WEAKENED : PL_RULE_PROMISE_REMOVED,
		 stated ? PL_KIND_WEAKENED : PL_KIND_REMOVED, area, msg, place,
		 &l, pl_xasprintf("the old version set the limit here"), os);
	add_change(c, stated ? PL_CHANGE_WEAKENED : PL_CHANGE_REMOVED, area,
		   "limit", text, os, stated ? p : -1, place, &l);
	free(text);
	free(what);
	free(limit);
}

static void limit_changes(cmp *c)
{
	pl_pstatement *done = pl_xmalloc((c->a.st.n + 1) * sizeof(*done));
	size_t ndone = 0;
	for (size_t k = 0; k < c->a.st.n; k++) {
		const pl_pstatement *s = &c->a.st.items[k];
		if (s->negative || s->limit == NULL ||
		    survives(&c->a, (long)s->sentence) || seen_promise(done, ndone, s))
			continue;
		done[ndone++] = *s;
		limit_lost(c, s);
	}
	free(done);
}

/* A statement's practice for one data term and one target, as the
 * reviewer reads it: "shares precise location with advertisers". */
typedef struct {
	size_t action, data, target;
	int negative;
} tuple;

static int tuple_in(const side *s, const tuple *t)
{
	for (size_t k = 0; k < s->st.n; k++) {
		const pl_pstatement *x = &s->st.items[k];
		if (x->action != t->action || x->negative != t->negative)
			continue;
		int d = t->data == (size_t)-1 ? x->ndata == 0 : 0;
		for (size_t i = 0; i < x->ndata && !d; i++)
			d = x->data[i] == t->data;
		int r = t->target == (size_t)-1 ? x->ntarget == 0 : 0;
		for (size_t i = 0; i < x->ntarget && !r; i++)
			r = x->target[i] == t->target;
		if (d && r)
			return 1;
	}
	return 0;
}

static char *tuple_words(const cmp *c, const tuple *t)
{
	const pl_term *act = &c->rs->vocab[PL_VOCAB_ACTION].items[t->action];
	char db[96], tb[96];
	const char *data = t->data == (size_t)-1 ? "information" :
			   pl_practices_label(c->rs, PL_VOCAB_DATA, t->data, db,
					      sizeof db);
	const char *verb = t->negative ? act->denies : act->says;
	if (!verb)
		verb = act->id;
	/* "outside the EEA, including to the United States": which place
	 * is the destination is beyond this reading; that data leaves is
	 * not. */
	if (act->target == PL_TARGET_PLACES)
		return pl_xasprintf("%s %s to other countries", verb, data);
	if (t->target == (size_t)-1 || act->preposition == NULL)
		return pl_xasprintf("%s %s", verb, data);
	return pl_xasprintf("%s %s %s %s", verb, data, act->preposition,
			    pl_practices_label(c->rs, PL_VOCAB_RECIPIENT, t->target,
					       tb, sizeof tb));
}

/* Whether a change with this text was recorded already. */
static int have_change(const cmp *c, const char *text)
{
	for (size_t i = 0; i < c->cur->nchanges; i++)
		if (strcmp(c->cur->changes[i].text, text) == 0)
			return 1;
	return 0;
}

/* Whether a tuple names enough to be news: a recipient or place, or data
 * narrower than the vocabulary's root ("personal information"). */
static int tuple_specific(const cmp *c, const tuple *t)
{
	if (t->target != (size_t)-1)
		return 1;
	return t->data != (size_t)-1 &&
	       c->rs->vocab[PL_VOCAB_DATA].items[t->data].nparents != 0;
}

/* The practices a side's changed sentences state about giving data to
 * others (share, sell, transfer abroad, collect from a source) that the
 * other side states nowhere: added (cur), or no longer stated (old; only
 * from sentences the edit deleted, not reworded, since rewording changes
 * how statements are read more often than what they say). */
static void statement_changes(cmp *c, int from_old)
{
	const side *s = from_old ? &c->a : &c->b, *other = from_old ? &c->b : &c->a;
	for (size_t k = 0; k < s->st.n; k++) {
		const pl_pstatement *x = &s->st.items[k];
		const pl_term *act = &c->rs->vocab[PL_VOCAB_ACTION].items[x->action];
		/* Collecting is news only with its source ("from data
		 * brokers"): what is collected is what the topics say. */
		if (act->target == PL_TARGET_NONE || survives(s, (long)x->sentence) ||
		    (from_old && s->v.s[x->sentence].partner >= 0) ||
		    (!act->implied_target && act->target == PL_TARGET_RECIPIENTS &&
		     x->ntarget == 0))
			continue;
		/* The recipients of a qualified denial may be its exception's
		 * ("never sell, except to our partners"): it is read without
		 * them. */
		size_t ntarget = x->negative && x->qualified ? 0 : x->ntarget;
		for (size_t d = 0; d < (x->ndata ? x->ndata : 1); d++)
			for (size_t r = 0; r < (ntarget ? ntarget : 1); r++) {
				tuple t = {x->action, x->ndata ? x->data[d] : (size_t)-1,
					   ntarget ? x->target[r] : (size_t)-1,
					   x->negative};
				/* A denial is news about any data. */
				if (tuple_in(other, &t) ||
				    (!t.negative && !tuple_specific(c, &t)))
					continue;
				char *w = tuple_words(c, &t);
				/* A denial's qualifier is part of what it
				 * says ("does not share ... (\"except\")"). */
				char *q = x->qualified && x->negative ?
					qualifier_words(c, s, x->sentence) : NULL;
				char *text = pl_xasprintf(from_old ? "no longer says it %s%s%s%s" :
							  t.negative ? "now says it %s%s%s%s" :
							  "now %s%s%s%s", w,
							  q ? " (\"" : "", q ? q : "",
							  q ? "\")" : "");
				free(q);
				free(w);
				if (have_change(c, text) ||
				    (from_old && t.negative && c->promised[t.action])) {
					free(text);
					continue;
				}
				pl_location l = prose_location(s, x->verb_start, x->verb_end);
				long os = from_old ? (long)x->sentence : -1;
				long cs = from_old ? -1 : (long)x->sentence;
				size_t place = from_old ? place_of(c, os) : l.offset;
				add_change(c, from_old ? PL_CHANGE_REMOVED : PL_CHANGE_ADDED,
					   c->action_area[x->action], "statement",
					   text, os, cs, place, from_old ? &l : NULL);
				free(text);
			}
	}
}

/* ---- Dates ------------------------------------------------------------------ */

/* Old was dated (an effective date, a change log) and cur holds no date
 * at all: reported in place of the effective-date topic, which it
 * covers, and naming a change log cur still refers to. */
static void date_changes(cmp *c)
{
	const pl_pmatch *first = NULL;
	long os = -1;
	for (size_t i = 0; i < c->a.v.n && !first; i++)
		if ((first = pl_practices_find(&c->a.p, i, PL_PM_DATE, (size_t)-1)))
			os = (long)i;
	if (first == NULL)
		return;
	for (size_t k = 0; k < c->b.v.n; k++)
		if (pl_practices_find(&c->b.p, k, PL_PM_DATE, (size_t)-1))
			return;
	pl_location l = prose_location(&c->a, first->start, first->end);
	char *date = words_at(&c->a, first->start, first->end);
	char *also = pl_xstrdup("");
	for (size_t k = 0; k < c->b.v.n; k++) {
		const pl_pmatch *m = pl_practices_find(&c->b.p, k, PL_PM_CHANGELOG,
						       (size_t)-1);
		if (m == NULL)
			continue;
		char *w = words_at(&c->b, m->start, m->end);
		pl_location at = prose_location(&c->b, m->start, m->end);
		free(also);
		also = pl_xasprintf(", though line %lu still refers to \"%s\"",
				    at.line, w);
		free(w);
		break;
	}
	size_t place = place_of(c, os);
	char *msg = pl_xasprintf("the policy no longer carries any date: %s:%lu "
				 "dated it (\"%s\")%s", c->o->old_name, l.line,
				 date, also);
	char *text = pl_xasprintf("no longer carries any date (it said \"%s\")%s",
				  date, also);
	loss *ls = add_loss(c, LEVEL_TOPIC, PL_RULE_DATE_REMOVED, PL_KIND_REMOVED,
			    PL_AREA_CHANGES, msg, place, &l,
			    pl_xasprintf("the old version was dated here"), os);
	ls->topic = topic_index(c->rs, "changes.effective-date");
	ls->appendix = pl_xstrdup(also);
	add_change(c, PL_CHANGE_REMOVED, PL_AREA_CHANGES, "dates", text, os, -1,
		   place, &l);
	free(text);
	free(date);
	free(also);
}

/* ---- Each loss once --------------------------------------------------------- */

/* Whether side s's hits of the topics refs names include sentence i. */
static int refs_sentence(const cmp *c, const side *s, const pl_topic_refs *refs,
			 long i)
{
	for (size_t t = 0; t < c->rs->ntopics; t++) {
		if (!refs_topic(c->rs, refs, t))
			continue;
		for (size_t k = 0; k < s->topics[t].n; k++)
			if (hit_sentence(s, s->topics[t].hit[k]) == i)
				return 1;
	}
	return 0;
}

static int topic_sentence(const cmp *c, long t, long i)
{
	const topic_hits *th = &c->a.topics[t];
	for (size_t k = 0; k < th->n; k++)
		if (hit_sentence(&c->a, th->hit[k]) == i)
			return 1;
	return 0;
}

/* Whether coarse covers fine: the same area gone, the requirement whose
 * topics the lost topic is one of, the topic whose sentence held the
 * weakened detail. */
static int covers(const cmp *c, const loss *coarse, const loss *fine)
{
	if (coarse == fine || coarse->lvl >= fine->lvl)
		return 0;
	if (coarse->lvl == LEVEL_AREA)
		return coarse->area == fine->area &&
		       (fine->lvl != LEVEL_REQUIREMENT || fine->req->area == coarse->area);
	if (coarse->lvl == LEVEL_REQUIREMENT) {
		if (fine->lvl == LEVEL_TOPIC)
			return fine->topic >= 0 &&
			       refs_topic(c->rs, &coarse->req->topics, (size_t)fine->topic);
		return refs_sentence(c, &c->a, &coarse->req->topics,
				     fine->old_sentence);
	}
	/* a topic over a detail */
	return coarse->topic >= 0 && fine->old_sentence >= 0 &&
	       topic_sentence(c, coarse->topic, fine->old_sentence);
}

/* Adds what an absorbed loss knows to the message of the loss that
 * stands for it ("..., though line 4 still refers to \"change log\""). */
static void append_to(loss *l, const char *appendix)
{
	if (appendix == NULL || *appendix == '\0' ||
	    strstr(l->message, appendix))
		return;
	char *m = pl_xasprintf("%s%s", l->message, appendix);
	free(l->message);
	l->message = m;
}

static void absorb(cmp *c)
{
	/* A deleted sentence yields to any other loss read from it, or of its
	 * area read from its paragraph. */
	const pl_text *t = &c->a.v.text;
	for (size_t i = 0; i < c->nlosses; i++)
		for (size_t k = 0; k < c->nlosses; k++) {
			const loss *x = &c->losses[i], *y = &c->losses[k];
			if (k != i && x->old_sentence >= 0 && y->old_sentence >= 0 &&
			    strcmp(x->rule, PL_RULE_STATEMENT_REMOVED) == 0 &&
			    strcmp(y->rule, PL_RULE_STATEMENT_REMOVED) != 0 &&
			    (x->old_sentence == y->old_sentence ||
			     (x->area == y->area &&
			      t->sentences[x->old_sentence].block ==
				      t->sentences[y->old_sentence].block)))
				c->losses[i].absorbed = 1;
		}
	/* date-removed stands for the effective-date topic it covers. */
	for (size_t i = 0; i < c->nlosses; i++)
		for (size_t k = 0; k < c->nlosses; k++) {
			loss *x = &c->losses[i], *y = &c->losses[k];
			if (strcmp(y->rule, PL_RULE_DISCLOSURE_REMOVED) == 0 &&
			    !x->absorbed && strcmp(x->rule, PL_RULE_DATE_REMOVED) == 0 &&
			    y->topic == x->topic)
				y->absorbed = 1;
		}
	for (size_t i = 0; i < c->nlosses; i++)
		for (size_t k = 0; k < c->nlosses && !c->losses[i].absorbed; k++)
			if (!c->losses[k].absorbed &&
			    covers(c, &c->losses[k], &c->losses[i])) {
				c->losses[i].absorbed = 1;
				append_to(&c->losses[k], c->losses[i].appendix);
			}
}

static long finding_of_rule(const pl_result *r, const char *id)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].rule, id) == 0 &&
		    (r->findings[i].kind == PL_KIND_MISSING ||
		     r->findings[i].kind == PL_KIND_INCOMPLETE))
			return (long)i;
	return -1;
}

static void emit(cmp *c, loss *l)
{
	pl_result *cur = c->cur;
	if (l->lvl == LEVEL_REQUIREMENT) {
		/* The requirement's own finding becomes the removal (or goes,
		 * when a coarser removal stands for it). */
		long i = finding_of_rule(cur, l->req->id);
		if (i < 0)
			return;
		if (l->absorbed) {
			pl_result_remove_finding(cur, (size_t)i);
			return;
		}
		pl_finding *f = &cur->findings[i];
		f->kind = PL_KIND_REMOVED;
		free(f->message);
		f->message = pl_xstrdup(l->message);
		f->loc.offset = l->place;
		f->loc.length = 0;
		pl_result_position(cur, l->place, &f->loc.line, &f->loc.column);
		pl_finding_add_related(f, &l->old);
		return;
	}
	if (l->absorbed || listed(c->o->disabled, c->o->ndisabled, l->rule))
		return;
	const pl_builtin_rule *b = pl_builtin_rule_find(l->rule);
	pl_finding *f = pl_result_add_finding(cur, l->rule, l->kind,
					      b ? b->severity : PL_SEV_WARNING,
					      l->area, l->place, l->place_len,
					      l->message);
	pl_finding_add_related(f, &l->old);
}

/* ---- Each change once ------------------------------------------------------- */

static void free_change(pl_change *ch)
{
	free(ch->text);
	free(ch->before);
	free(ch->after);
}

/* Whether change i repeats another: a topic of an area that is gone
 * altogether, the effective date when every date is gone, or the same
 * words as an earlier change. */
static int redundant_change(const pl_result *r, size_t i)
{
	const pl_change *x = &r->changes[i];
	for (size_t k = 0; k < r->nchanges; k++) {
		const pl_change *y = &r->changes[k];
		if (k == i || x->kind != PL_CHANGE_REMOVED || y->kind != x->kind ||
		    y->area != x->area)
			continue;
		if (strcmp(y->subject, PL_RULE_AREA_REMOVED) == 0 &&
		    strcmp(x->subject, PL_RULE_AREA_REMOVED) != 0 &&
		    strcmp(x->subject, "retention-period") != 0 &&
		    strcmp(x->subject, "promise") != 0 &&
		    strcmp(x->subject, "limit") != 0 &&
		    strcmp(x->subject, "dates") != 0)
			return 1;
		if (strcmp(y->subject, "dates") == 0 &&
		    strcmp(x->subject, "changes.effective-date") == 0)
			return 1;
		if (strcmp(x->subject, "sentence") == 0 &&
		    strcmp(y->subject, "sentence") != 0 && x->old.line &&
		    y->old.line == x->old.line)
			return 1;
	}
	for (size_t k = 0; k < i; k++) {
		const pl_change *y = &r->changes[k];
		if (y->kind == x->kind && y->area == x->area &&
		    (strcmp(y->text, x->text) == 0 ||
		     (strcmp(y->subject, "retention-period") == 0 &&
		      strcmp(x->subject, y->subject) == 0 &&
		      y->loc.offset == x->loc.offset && y->old.line == x->old.line)))
			return 1;
	}
	return 0;
}

/* A practice and a topic read from one sentence say the same thing:
 * what a sentence no longer says is best said by the topic's phrase ("no
 * longer says information is transferred to other countries"), what it
 * now says by the practice ("now shares precise location with
 * advertisers"). */
static int same_sentence_change(const cmp *c, size_t i)
{
	const pl_result *r = c->cur;
	const pl_change *x = &r->changes[i];
	int statement = strcmp(x->subject, "statement") == 0;
	int topic = strchr(x->subject, '.') != NULL;
	long xs_old = x->old.line ? pl_version_sentence_at(&c->a.v, x->old.offset) : -1;
	long xs_new = pl_version_sentence_at(&c->b.v, x->loc.offset);
	for (size_t k = 0; k < r->nchanges; k++) {
		const pl_change *y = &r->changes[k];
		if (k == i)
			continue;
		long ys_old = y->old.line ? pl_version_sentence_at(&c->a.v, y->old.offset) :
					    -1;
		long ys_new = pl_version_sentence_at(&c->b.v, y->loc.offset);
		if (statement && x->kind == PL_CHANGE_REMOVED &&
		    y->kind == PL_CHANGE_REMOVED && xs_old >= 0 && ys_old == xs_old &&
		    strcmp(y->subject, "statement") != 0)
			return 1;
		if (topic && x->kind == PL_CHANGE_ADDED && y->kind == PL_CHANGE_ADDED &&
		    strcmp(y->subject, "statement") == 0 && ys_new == xs_new)
			return 1;
		/* One promise lost per sentence ("not intended to be used by
		 * children, and we will not knowingly collect"). */
		if (k < i && strcmp(x->subject, "promise") == 0 &&
		    strcmp(y->subject, "promise") == 0 && x->kind == y->kind &&
		    xs_old >= 0 && ys_old == xs_old)
			return 1;
		/* Nor does a sentence that weakens a promise add a practice. */
		if ((topic || statement) && x->kind == PL_CHANGE_ADDED &&
		    y->kind == PL_CHANGE_WEAKENED && ys_new == xs_new)
			return 1;
	}
	return 0;
}

static void tidy_changes(const cmp *c)
{
	pl_result *r = c->cur;
	unsigned char *drop = pl_xcalloc(r->nchanges + 1, 1);
	for (size_t i = 0; i < r->nchanges; i++)
		drop[i] = (unsigned char)(redundant_change(r, i) ||
					  same_sentence_change(c, i));
	size_t n = 0;
	for (size_t i = 0; i < r->nchanges; i++) {
		if (drop[i])
			free_change(&r->changes[i]);
		else
			r->changes[n++] = r->changes[i];
	}
	r->nchanges = n;
	free(drop);
}

/* Two losses of one rule read from one paragraph of old (two periods of
 * one retention paragraph, the transfer and its safeguard of a deleted
 * section, three rights limited to California) are one finding, which
 * names what the others add. */
static void merge_losses(cmp *c)
{
	const pl_text *t = &c->a.v.text;
	for (size_t i = 0; i < c->nlosses; i++) {
		loss *x = &c->losses[i];
		if (x->absorbed || x->old_sentence < 0 ||
		    (x->lvl != LEVEL_DETAIL &&
		     strcmp(x->rule, PL_RULE_DISCLOSURE_REMOVED) != 0))
			continue;
		for (size_t k = 0; k < i; k++) {
			loss *y = &c->losses[k];
			if (!y->absorbed && y->lvl == x->lvl &&
			    y->old_sentence >= 0 && strcmp(x->rule, y->rule) == 0 &&
			    t->sentences[x->old_sentence].block ==
				    t->sentences[y->old_sentence].block) {
				x->absorbed = 1;
				if (x->brief && !strstr(y->message, x->brief)) {
					char *m = pl_xasprintf("%s%s%s", y->message,
							       y->merged++ ? "; " : " (also: ",
							       x->brief);
					free(y->message);
					y->message = m;
				}
				break;
			}
		}
	}
	for (size_t i = 0; i < c->nlosses; i++)
		if (c->losses[i].merged) {
			char *m = pl_xasprintf("%s)", c->losses[i].message);
			free(c->losses[i].message);
			c->losses[i].message = m;
		}
}

/* ---- Driver ----------------------------------------------------------------- */

/* Sentences that state keeping data ("We'll keep your contact
 * information for at least 5 years") are read for periods even when no
 * retention topic recognises them. */
static void mark_keeping(cmp *c, side *s)
{
	for (size_t k = 0; k < s->st.n; k++)
		if (c->action_area[s->st.items[k].action] == PL_AREA_RETENTION &&
		    !s->st.items[k].negative)
			s->retention[s->st.items[k].sentence] = 1;
}

/* The area each action's statements belong to: that of the conflict rule
 * comparing it, else sharing. */
static pl_area *action_areas(const pl_ruleset *rs)
{
	size_t n = rs->vocab[PL_VOCAB_ACTION].count;
	pl_area *areas = pl_xmalloc((n + 1) * sizeof(*areas));
	for (size_t a = 0; a < n; a++)
		areas[a] = PL_AREA_SHARING;
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *r = &rs->rules[i];
		if (r->kind != PL_RULE_CONFLICT || r->actions.index == NULL)
			continue;
		for (size_t k = 0; k < r->actions.count; k++)
			if (r->actions.index[k] < n)
				areas[r->actions.index[k]] = r->area;
	}
	return areas;
}

/* Drops losses of disabled rules before they absorb anything (a disabled
 * area-removed must not hide the topics it would have covered). */
static void drop_disabled(cmp *c)
{
	for (size_t i = 0; i < c->nlosses; i++) {
		loss *l = &c->losses[i];
		if (l->lvl != LEVEL_REQUIREMENT &&
		    listed(c->o->disabled, c->o->ndisabled, l->rule))
			l->absorbed = 2;
	}
	for (size_t i = 0; i < c->nlosses; i++)
		if (c->losses[i].absorbed == 2) {
			loss *l = &c->losses[i];
			free(l->message);
			free(l->old.message);
			free(l->appendix);
			free(l->brief);
			*l = c->losses[--c->nlosses];
			i--;
		}
}

void pl_result_against(pl_result *cur, const pl_result *old,
		       const pl_against_options *o)
{
	const pl_ruleset *rs = cur->rules ? cur->rules : old->rules;
	cmp c = {0};
	c.cur = cur;
	c.o = o;
	c.rs = rs;
	pl_practice_patterns pp;
	pl_practice_patterns_init(&pp);
	pl_match_state *ms = pl_match_state_new();
	side_init(&c.a, old, rs, &pp, ms);
	side_init(&c.b, cur, rs, &pp, ms);
	pl_align(&c.a.v, &c.b.v);
	size_t budget = WORD_BUDGET;
	c.a.budget = c.b.budget = &budget;
	drop_old_findings(&c);
	c.action_area = action_areas(rs);
	mark_keeping(&c, &c.a);
	mark_keeping(&c, &c.b);
	c.promised = pl_xcalloc(rs->vocab[PL_VOCAB_ACTION].count + 1, 1);

	area_losses(&c);
	requirement_losses(&c);
	topic_changes(&c);
	date_changes(&c);
	retention_changes(&c);
	sentence_changes(&c);
	rights_changes(&c);
	promise_changes(&c);
	limit_changes(&c);
	list_changes(&c);
	public_changes(&c);
	statement_changes(&c, 0);
	statement_changes(&c, 1);

	drop_disabled(&c);
	absorb(&c);
	merge_losses(&c);
	for (size_t i = 0; i < c.nlosses; i++) {
		emit(&c, &c.losses[i]);
		free(c.losses[i].message);
		free(c.losses[i].old.message);
		free(c.losses[i].appendix);
		free(c.losses[i].brief);
	}
	free(c.losses);
	pl_result_sort_findings(cur);
	tidy_changes(&c);
	pl_result_sort_changes(cur);

	free(c.action_area);
	free(c.promised);
	side_free(&c.a, rs->ntopics);
	side_free(&c.b, rs->ntopics);
	pl_match_state_free(ms);
	pl_practice_patterns_free(&pp);
}
