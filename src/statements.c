/*
 * statements.c: reads the data-practice statements of a policy.
 *
 * PolicyLint read (actor, collect|not_collect, data) triples, and most of
 * the contradictions it reported between them did not hold up: different
 * actions, terms that did not really overlap, and denials whose qualifiers
 * allowed the affirmation.  On real policies the same happens to any
 * reader that takes a qualified denial for an absolute one ("we collect no
 * more than we need", "we do not use it for advertising", "from such
 * individuals").  This reader is built against those failures:
 *
 *  - a statement is read per clause and action verb, through the YAML
 *    vocabularies (data, recipients, places, purposes, scopes, qualifiers)
 *    and the YAML grammar (rules/conflicts.yaml, `grammar:`);
 *  - the actor is the company ("we", "our service", the company's own name
 *    as the policy gives it, a passive with no other agent) or a named
 *    party ("advertisers track you", "we do not let advertisers track
 *    you"); a recipient as the subject ("brokers buy it from us") is the
 *    company giving;
 *  - every qualifier is kept: conditions, exceptions, "only", the scope
 *    (audience, region, product, channel), periods, tense and modality;
 *  - a denial whose words the reader cannot all place (an unknown
 *    restriction such as "information stored in your repositories"), whose
 *    reference has nothing to refer to, or whose limit cannot be measured,
 *    is kept but marked unresolved: conflicts.c does not use it;
 *  - references to the previous sentence ("such individuals", "them",
 *    "this information") take that sentence's data, recipients or scope.
 *
 * Cost: the action verbs are searched once over the whole prose; the other
 * vocabularies only in sentences that hold a verb.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "statements.h"

#define MAX_NAMES 8
#define FOREVER 1e18            /* hours: "indefinitely" */

/* One match of a vocabulary term in the sentence being read. */
typedef struct {
	pl_vocab_kind kind;
	size_t term;
	size_t start, end;      /* relative to the sentence */
	pl_form form;           /* actions: how the verb says it */
	int dead;               /* covered by a longer match of its kind */
} cmatch;

/* An action verb of the whole text, with the sentence it lies in. */
typedef struct {
	size_t sentence;
	cmatch m;
} smatch;

/* A carve-out ("except ...", "only ...") or a span the reader has placed
 * (a reference, a period), relative to the sentence. */
typedef struct {
	size_t start, end;
	int only;
} span;

typedef struct {
	pl_scanner *sc;
	const pl_ruleset *rs;
	const pl_grammar_spec *g;
	/* the sentence being read */
	const char *s;
	size_t len, base, index;
	cmatch *m;
	size_t nm, mcap;
	span *cv;               /* carve-outs of the clause */
	size_t ncv, cvcap;
	span *placed;           /* spans the clause's reading accounts for */
	size_t nplaced, placedcap;
	/* every action verb of the text, by sentence */
	smatch *all;
	size_t nall, allcap, next_all;
	pl_statements *out;
	long last_data;         /* statement whose data "it" refers to */
	size_t sentence_first;  /* first statement of the sentence */
	/* the company's own names ("Larkspur Maps"), from the policy */
	char *names[MAX_NAMES];
	size_t nnames;
	size_t company_term;    /* a qualifier of effect actor, or -1 */
} reader;

typedef struct {
	size_t clause_start, clause_end;
	long prev_verb;         /* the previous verb of the clause */
	int prev_negative, prev_kind;
	size_t prev_actor;
} clause_ctx;

/* Who a verb belongs to. */
enum { ACT_NONE = 1, ACT_US, ACT_OTHER };

/* ---- Terms ---------------------------------------------------------- */

static const pl_terms *vocab(const reader *r, pl_vocab_kind k)
{
	return &r->rs->vocab[k];
}

static void termset_add(pl_termset *ts, size_t t)
{
	for (unsigned i = 0; i < ts->n; i++)
		if (ts->v[i] == t)
			return;
	if (ts->n < PL_STMT_TERMS)
		ts->v[ts->n++] = t;
}

static int effect_of(const reader *r, const cmatch *m)
{
	if (m->kind != PL_VOCAB_QUALIFIER)
		return -1;
	return (int)vocab(r, PL_VOCAB_QUALIFIER)->items[m->term].effect;
}

/* ---- The grammar ------------------------------------------------------ */

static const pl_patterns *grammar(const reader *r, pl_grammar_item i)
{
	return &r->g->patterns[i];
}

/* Whether a pattern of grammar item i matches in f->s[a..b).  The
 * sentence lies in the prose at r->base, so the prefilter can tell which
 * patterns have their literals there at all. */
static int g_at(reader *r, pl_grammar_item i, size_t a, size_t b)
{
	const pl_patterns *ps = grammar(r, i);
	if (b <= a)
		return 0;
	for (size_t p = 0; p < ps->count; p++)
		if (ps->items[p].re &&
		    pl_scanner_may_match_in(r->sc, &ps->items[p], r->base + a,
					    r->base + b) &&
		    pl_regex_test(ps->items[p].re, r->sc->ms, r->s + a, b - a) ==
			    PL_MATCH_FOUND)
			return 1;
	return 0;
}

/* Where the grammar's look back from a verb at v starts: `verb-lookback`
 * bytes before it, at a word's start (a pattern anchored at the verb
 * needs no more, and a whole sentence before it costs a search at every
 * byte). */
static size_t lookback(const reader *r, size_t v)
{
	size_t reach = r->g->distance[PL_DIST_LOOKBACK];
	if (v <= reach)
		return 0;
	size_t a = v - reach;
	while (a < v && r->s[a - 1] != ' ')
		a++;
	return a;
}

/* The earliest match of grammar item i in the sentence's s[from..len). */
static int g_search(reader *r, pl_grammar_item i, size_t len, size_t from,
		    size_t *ms, size_t *me)
{
	const pl_patterns *ps = grammar(r, i);
	const char *subj = r->s;
	int found = 0;
	for (size_t p = 0; p < ps->count; p++) {
		size_t a, b;
		if (ps->items[p].re && from <= len &&
		    pl_scanner_may_match_in(r->sc, &ps->items[p], r->base + from,
					    r->base + len) &&
		    pl_regex_search(ps->items[p].re, r->sc->ms, subj, len, from,
				    &a, &b) == PL_MATCH_FOUND &&
		    (!found || a < *ms)) {
			*ms = a;
			*me = b;
			found = 1;
		}
	}
	return found;
}

static int word_byte(unsigned char c)
{
	return isalnum(c) || c == '\'' || c == '-' || c >= 0x80;
}

/* The length of a quotation mark at s[i] ('"', U+201C, U+201D), 0 when
 * there is none: quotes around a word ("we do not \"sell\"") are no word. */
static size_t quote_at(const char *s, size_t i, size_t b)
{
	if (s[i] == '"')
		return 1;
	if (i + 2 < b && (unsigned char)s[i] == 0xE2 &&
	    (unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x9C || (unsigned char)s[i + 2] == 0x9D))
		return 3;
	return 0;
}

/* The end of the word that starts at s[i] (before b). */
static size_t word_end(const char *s, size_t i, size_t b)
{
	while (i < b && word_byte((unsigned char)s[i]) && !quote_at(s, i, b))
		i++;
	return i;
}

/* w[0..n) lower-cased into buf, a typographic apostrophe made plain;
 * returns the length, 0 when it does not fit. */
static size_t normal_word(const char *w, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (k + 1 >= cap)
			return 0;
		unsigned char c = (unsigned char)w[i];
		if (c == 0xE2 && i + 2 < n && (unsigned char)w[i + 1] == 0x80 &&
		    (unsigned char)w[i + 2] == 0x99) {
			buf[k++] = '\'';
			i += 2;
			continue;
		}
		buf[k++] = (char)tolower(c);
	}
	buf[k] = '\0';
	return k;
}

static int compare_key(const void *key, const void *item)
{
	return strcmp((const char *)key, *(char *const *)item);
}

static int listed(char *const *words, size_t n, const char *w)
{
	return n && bsearch(w, words, n, sizeof(char *), compare_key) != NULL;
}

/* Words that may stand between a subject and its verb without being a
 * subject or a verb themselves: auxiliaries, negations, adverbs. */
static int aux_word(const reader *r, const char *w, size_t n)
{
	char buf[32];
	size_t k = normal_word(w, n, buf, sizeof buf);
	if (k == 0)
		return 0;
	for (size_t i = 0; i < r->g->naux_suffixes; i++) {
		const char *suf = r->g->aux_suffixes[i];
		size_t sl = strlen(suf);
		if (k > sl + 1 && strcmp(buf + k - sl, suf) == 0)
			return 1;
	}
	return listed(r->g->auxiliaries, r->g->nauxiliaries, buf);
}

/* Words that leave a denial's scope as it is ("the", "any", "your"). */
static int filler_word(const reader *r, const char *w, size_t n)
{
	char buf[32];
	size_t k = normal_word(w, n, buf, sizeof buf);
	if (k == 0)
		return 0;
	/* figures, and letters that number a list ("h.", "(b)") */
	if (strspn(buf, "0123456789") == k || k == 1)
		return 1;
	return listed(r->g->fillers, r->g->nfillers, buf);
}

/* Whether f->s[a..b) holds only auxiliary words, commas and the verbs of
 * other statements (so that "we do not sell, rent or lease" reaches every
 * verb from its subject), and asides of auxiliaries ("we do not (and
 * never will) sell"). */
static int only_aux(reader *r, size_t a, size_t b)
{
	size_t i = a;
	int aside = 0;          /* inside "(and never will)" */
	while (i < b) {
		unsigned char c = (unsigned char)r->s[i];
		size_t q = quote_at(r->s, i, b);
		if (q || !word_byte(c)) {
			if (!q && c == '(')
				aside++;
			else if (!q && c == ')' && aside > 0)
				aside--;
			else if (!q && c != ' ' && c != ',' && c != '\t' &&
				 c != '\n' && c != '/')
				return 0;
			i += q ? q : 1;
			continue;
		}
		size_t j = word_end(r->s, i, b);
		int ok = aux_word(r, r->s + i, j - i) ||
			 (aside && g_at(r, PL_GRAMMAR_COORD, i, j));
		for (size_t k = 0; !ok && k < r->nm; k++)
			ok = r->m[k].kind == PL_VOCAB_ACTION &&
			     r->m[k].start <= i && r->m[k].end >= j &&
			     g_at(r, PL_GRAMMAR_COORD, j, b);
		if (!ok)
			return 0;
		i = j;
	}
	return 1;
}

/* Whether [a, b) is the rest of a list of verbs: auxiliaries, commas and
 * at most two other words, each before a comma or a conjunction ("collect,
 * maintain, or sell"). */
static int list_between(reader *r, size_t a, size_t b)
{
	if (only_aux(r, a, b))
		return 1;
	int others = 0;
	size_t i = a;
	while (i < b) {
		unsigned char c = (unsigned char)r->s[i];
		if (!word_byte(c)) {
			if (c != ' ' && c != ',')
				return 0;
			i++;
			continue;
		}
		size_t j = word_end(r->s, i, b);
		if (!aux_word(r, r->s + i, j - i)) {
			size_t k = j;
			while (k < b && r->s[k] == ' ')
				k++;
			if (++others > 2 || k >= b ||
			    (r->s[k] != ',' && !g_at(r, PL_GRAMMAR_COORD, k, b)))
				return 0;
		}
		i = j;
	}
	return 1;
}

/* ---- Finding the verbs ------------------------------------------------ */

/* The sentence's length without trailing spaces: what a match must fit. */
static size_t trimmed_end(const pl_text *t, size_t index)
{
	const pl_sentence *sent = &t->sentences[index];
	size_t end = sent->end;
	while (end > sent->start && isspace((unsigned char)t->prose[end - 1]))
		end--;
	return end;
}

typedef struct {
	reader *r;
	size_t term;
	pl_form form;
} verb_search;

/* One match of an action verb: kept when it lies inside one sentence. */
static size_t visit_verb(pl_scanner *sc, const pl_regex *re, size_t ms,
			 size_t me, void *arg)
{
	(void)re;
	verb_search *vs = arg;
	const pl_text *t = &sc->text;
	long si = pl_text_sentence_at(t, ms);
	if (si >= 0 && me <= trimmed_end(t, (size_t)si)) {
		size_t base = t->sentences[si].start;
		smatch x = {(size_t)si, {PL_VOCAB_ACTION, vs->term, ms - base,
					 me - base, vs->form, 0}};
		PL_PUSH(vs->r->all, vs->r->nall, vs->r->allcap, x);
	}
	return me > ms ? me : ms + 1;
}

/* Runs the patterns of one verb form over the whole prose: one search per
 * pattern and window instead of one per pattern and sentence. */
static void search_verbs(reader *r, const pl_patterns *ps, size_t term,
			 pl_form form)
{
	char owner[160];
	snprintf(owner, sizeof owner, "action '%s'",
		 vocab(r, PL_VOCAB_ACTION)->items[term].id);
	verb_search vs = {r, term, form};
	for (size_t p = 0; p < ps->count; p++)
		pl_scanner_search(r->sc, &ps->items[p], owner, visit_verb, &vs);
}

static int compare_smatches(const void *a, const void *b)
{
	const smatch *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->m.start != y->m.start)
		return x->m.start < y->m.start ? -1 : 1;
	if (x->m.end != y->m.end)
		return x->m.end > y->m.end ? -1 : 1;
	if (x->m.form != y->m.form)
		return (int)x->m.form - (int)y->m.form;
	return x->m.term < y->m.term ? -1 : x->m.term > y->m.term;
}

static void index_text(reader *r)
{
	const pl_terms *acts = vocab(r, PL_VOCAB_ACTION);
	for (size_t t = 0; t < acts->count; t++) {
		search_verbs(r, &acts->items[t].patterns, t, PL_FORM_PLAIN);
		search_verbs(r, &acts->items[t].inverse, t, PL_FORM_INVERSE);
		search_verbs(r, &acts->items[t].converse, t, PL_FORM_CONVERSE);
	}
	if (r->nall > 1)
		qsort(r->all, r->nall, sizeof(*r->all), compare_smatches);
	r->next_all = 0;
}

/* Copies the verbs of sentence index into r->m; returns whether there is
 * one (a sentence with no verb of ours claims nothing). */
static int take_verbs(reader *r, size_t index)
{
	r->nm = 0;
	while (r->next_all < r->nall && r->all[r->next_all].sentence < index)
		r->next_all++;
	for (size_t i = r->next_all;
	     i < r->nall && r->all[i].sentence == index; i++)
		PL_PUSH(r->m, r->nm, r->mcap, r->all[i].m);
	return r->nm > 0;
}

/* ---- The company's names ---------------------------------------------- */

static void add_name(reader *r, const char *s, size_t n)
{
	while (n && (s[n - 1] == ' ' || s[n - 1] == ','))
		n--;
	if (n < 2 || n > 60 || r->nnames >= MAX_NAMES ||
	    !isupper((unsigned char)s[0]))
		return;
	for (size_t i = 0; i < r->nnames; i++)
		if (strlen(r->names[i]) == n && memcmp(r->names[i], s, n) == 0)
			return;
	r->names[r->nnames++] = pl_xstrndup(s, n);
}

static int name_byte(unsigned char c)
{
	return word_byte(c) || c == '.' || c == '&';
}

/* The capitalised words that end at prose[at) (or, forward, start at
 * it): the name a definition gives the company.  At most four words. */
static void name_around(reader *r, size_t at, int forward)
{
	const char *p = r->sc->text.prose;
	size_t len = r->sc->text.prose_len, a = at, b = at;
	for (int words = 0; words < 4; words++) {
		if (forward) {
			size_t e = b;
			while (e < len && name_byte((unsigned char)p[e]))
				e++;
			if (e == b || !isupper((unsigned char)p[b]))
				break;
			b = e;
			if (b + 1 >= len || p[b] != ' ' ||
			    !isupper((unsigned char)p[b + 1]))
				break;
			b++;
		} else {
			while (a > 0 && p[a - 1] == ' ' && b == at)
				b = --a;    /* spaces before the anchor */
			size_t w = a;
			while (w > 0 && name_byte((unsigned char)p[w - 1]))
				w--;
			if (w == a || !isupper((unsigned char)p[w]))
				break;
			a = w;
			if (a < 2 || p[a - 1] != ' ')
				break;
			size_t k = a - 1;
			while (k > 0 && name_byte((unsigned char)p[k - 1]))
				k--;
			if (k == a - 1 || !isupper((unsigned char)p[k]))
				break;
			a--;
		}
	}
	while (b > a && (p[b - 1] == '.' || p[b - 1] == ' '))
		b--;
	while (a < b && p[a] == ' ')
		a++;
	if (b > a)
		add_name(r, p + a, b - a);
}

static size_t visit_name_before(pl_scanner *sc, const pl_regex *re, size_t ms,
				size_t me, void *arg)
{
	(void)sc;
	(void)re;
	name_around(arg, ms, 0);
	return me > ms ? me : ms + 1;
}

static size_t visit_name_after(pl_scanner *sc, const pl_regex *re, size_t ms,
			       size_t me, void *arg)
{
	(void)sc;
	(void)re;
	name_around(arg, me, 1);
	return me > ms ? me : ms + 1;
}

/* The policy names its author in its first sentences ("Larkspur Maps
 * helps you ...", a title "Acme Privacy Policy") or defines it anywhere
 * ("Acme Ltd (\"we\")", "\"the Company\" means Acme"): a definition is
 * found by its words, which are rare, and the name taken next to them. */
static void find_names(reader *r)
{
	const pl_text *t = &r->sc->text;
	const pl_patterns *op = grammar(r, PL_GRAMMAR_NAME_OPENING);
	size_t reach = r->g->distance[PL_DIST_NAME_OPENING];
	for (size_t si = 0; si < t->nsentences && si < reach; si++) {
		const char *s = t->prose + t->sentences[si].start;
		size_t len = trimmed_end(t, si) - t->sentences[si].start;
		for (size_t p = 0; p < op->count; p++) {
			size_t ms, me;
			if (pl_regex_search(op->items[p].re, r->sc->ms, s, len, 0,
					    &ms, &me) == PL_MATCH_FOUND)
				add_name(r, s + ms, me - ms);
		}
	}
	const pl_patterns *bp = grammar(r, PL_GRAMMAR_NAME_BEFORE);
	for (size_t p = 0; p < bp->count; p++)
		pl_scanner_search(r->sc, &bp->items[p], "grammar 'name-before'",
				  visit_name_before, r);
	const pl_patterns *ap = grammar(r, PL_GRAMMAR_NAME_AFTER);
	for (size_t p = 0; p < ap->count; p++)
		pl_scanner_search(r->sc, &ap->items[p], "grammar 'name-after'",
				  visit_name_after, r);
}

static int name_char(unsigned char c)
{
	return isalnum(c) || c >= 0x80;
}

/* Occurrences of one name in the sentence, as actor matches.  A name's
 * first word alone ("Larkspur" for "Larkspur Maps") counts unless another
 * capitalised word follows it: "Brambleton Insurance" is another company
 * than "Brambleton Bank".  A possessive ("Acme's hosting provider") names
 * someone else's role. */
static void match_name(reader *r, const char *name, size_t n, int prefix)
{
	for (size_t i = 0; i + n <= r->len; i++) {
		if (memcmp(r->s + i, name, n) != 0 ||
		    (i > 0 && name_char((unsigned char)r->s[i - 1])) ||
		    (i + n < r->len && name_char((unsigned char)r->s[i + n])))
			continue;
		size_t e = i + n;
		if (e + 1 < r->len && (r->s[e] == '\'' ||
				       (unsigned char)r->s[e] == 0xE2))
			continue;
		if (prefix && e + 1 < r->len && r->s[e] == ' ' &&
		    isupper((unsigned char)r->s[e + 1]))
			continue;
		cmatch m = {PL_VOCAB_QUALIFIER, r->company_term, i, e,
			    PL_FORM_PLAIN, 0};
		PL_PUSH(r->m, r->nm, r->mcap, m);
		i = e;
	}
}

static void match_names(reader *r)
{
	if (r->company_term == (size_t)-1)
		return;
	for (size_t k = 0; k < r->nnames; k++) {
		const char *name = r->names[k];
		size_t n = strlen(name);
		match_name(r, name, n, 0);
		const char *sp = strchr(name, ' ');
		if (sp && sp - name >= 4)
			match_name(r, name, (size_t)(sp - name), 1);
	}
}

/* ---- The other vocabularies, in one sentence -------------------------- */

static void match_in(reader *r, const char *s, size_t len,
		     const pl_patterns *ps, pl_vocab_kind kind, size_t term,
		     cmatch **out, size_t *n, size_t *cap)
{
	size_t from = (size_t)(s - r->sc->text.prose);
	for (size_t p = 0; p < ps->count; p++) {
		size_t pos = 0, ms, me;
		/* the prefilter knows which patterns can match here at all */
		if (!pl_scanner_may_match_in(r->sc, &ps->items[p], from,
					     from + len))
			continue;
		while (pos <= len &&
		       pl_regex_search(ps->items[p].re, r->sc->ms, s, len, pos,
				       &ms, &me) == PL_MATCH_FOUND) {
			cmatch m = {kind, term, ms, me, PL_FORM_PLAIN, 0};
			PL_PUSH(*out, *n, *cap, m);
			pos = me > ms ? me : ms + 1;
		}
	}
}

/* Whether the sentence's verbs call for vocabulary k: places only matter
 * to actions compared through places (transfers). */
static int needed(const reader *r, pl_vocab_kind k)
{
	if (k == PL_VOCAB_ACTION)
		return 0;
	if (k != PL_VOCAB_PLACE)
		return 1;
	for (size_t i = 0; i < r->nm; i++)
		if (r->m[i].kind == PL_VOCAB_ACTION &&
		    vocab(r, PL_VOCAB_ACTION)->items[r->m[i].term].target ==
			    PL_TARGET_PLACES)
			return 1;
	return 0;
}

/* Qualifiers only a denial is read with: what makes it neutral or a
 * limit of need. */
static int denial_only(pl_qual_effect e)
{
	return e == PL_QUAL_NEUTRAL || e == PL_QUAL_MINIMISATION;
}

/* Matches vocabulary k; for qualifiers, pass 0 takes all but the denials'
 * own, pass 1 only those. */
static void match_kind_pass(reader *r, pl_vocab_kind k, int pass)
{
	const pl_terms *v = vocab(r, k);
	for (size_t t = 0; t < v->count; t++)
		if (k != PL_VOCAB_QUALIFIER ||
		    denial_only(v->items[t].effect) == (pass == 1))
			match_in(r, r->s, r->len, &v->items[t].patterns, k, t,
				 &r->m, &r->nm, &r->mcap);
}

static void match_kind(reader *r, pl_vocab_kind k)
{
	match_kind_pass(r, k, 0);
}

/* Whether the sentence may hold a denial: a negation, an exception or
 * "only", or an inverse verb ("we delete"). */
static int may_deny(const reader *r)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		int e = effect_of(r, m);
		if ((m->kind == PL_VOCAB_ACTION && m->form == PL_FORM_INVERSE) ||
		    e == PL_QUAL_NEGATION || e == PL_QUAL_OBJECT_NEG ||
		    e == PL_QUAL_ONLY || e == PL_QUAL_EXCEPTION)
			return 1;
	}
	return g_at((reader *)r, PL_GRAMMAR_ONLY_DATA, 0, r->len);
}

/* A sentence whose only verbs have the recipient as subject ("... receive
 * ...") claims something only when a recipient or place comes before one
 * of them: looked at first, since such verbs are common ("you will
 * receive an e-mail"). */
static int converse_only_and_idle(reader *r)
{
	size_t first = r->len, n = r->nm;
	for (size_t i = 0; i < n; i++) {
		if (r->m[i].form != PL_FORM_CONVERSE)
			return 0;
		if (r->m[i].start < first)
			first = r->m[i].start;
	}
	match_kind(r, PL_VOCAB_RECIPIENT);
	if (needed(r, PL_VOCAB_PLACE))
		match_kind(r, PL_VOCAB_PLACE);
	for (size_t i = n; i < r->nm; i++)
		if (r->m[i].start < first)
			return 0;
	return 1;
}

/* The sentence's terms of every vocabulary the reading needs; returns 0
 * when the sentence can claim nothing. */
static int match_sentence_vocab(reader *r)
{
	size_t verbs = r->nm;
	int done_early = 0;
	if (converse_only_and_idle(r))
		return 0;
	done_early = r->nm > verbs;
	for (int k = 0; k < PL_VOCAB_COUNT; k++) {
		if (!needed(r, (pl_vocab_kind)k) ||
		    (done_early && (k == PL_VOCAB_RECIPIENT || k == PL_VOCAB_PLACE)))
			continue;
		match_kind(r, (pl_vocab_kind)k);
	}
	if (may_deny(r))
		match_kind_pass(r, PL_VOCAB_QUALIFIER, 1);
	match_names(r);
	return 1;
}

static int compare_matches(const void *a, const void *b)
{
	const cmatch *x = a, *y = b;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->end > y->end ? -1 : x->end < y->end;
}

/* A term inside a longer phrase of the same vocabulary is that phrase's
 * ("non-personal information" is not "personal information"), and a noun
 * that belongs to a recipient ("data brokers") is no data. */
static void drop_overlaps(reader *r)
{
	for (size_t i = 0; i < r->nm; i++) {
		cmatch *a = &r->m[i];
		if (a->kind == PL_VOCAB_ACTION || a->kind == PL_VOCAB_QUALIFIER)
			continue;
		for (size_t j = 0; j < r->nm && !a->dead; j++) {
			const cmatch *b = &r->m[j];
			int rival = b->kind == a->kind ||
				    (a->kind == PL_VOCAB_DATA &&
				     b->kind == PL_VOCAB_RECIPIENT);
			if (i == j || !rival || b->dead || b->start >= a->end ||
			    a->start >= b->end)
				continue;
			size_t la = a->end - a->start, lb = b->end - b->start;
			if (lb > la || (lb == la && j < i) ||
			    b->kind != a->kind)
				a->dead = 1;
		}
	}
}

/* The terms of kind k (of dimension dim for scopes, -1: any) in a whole
 * sentence, in order: what a reference to that sentence means. */
static void sentence_terms(reader *r, size_t index, pl_vocab_kind k, int dim,
			   pl_termset *out, int last_only)
{
	const pl_text *t = &r->sc->text;
	const char *s = t->prose + t->sentences[index].start;
	size_t len = trimmed_end(t, index) - t->sentences[index].start;
	const pl_terms *v = vocab(r, k);
	cmatch *ms = NULL;
	size_t n = 0, cap = 0;
	for (size_t term = 0; term < v->count; term++)
		if (dim < 0 || (int)v->items[term].dimension == dim)
			match_in(r, s, len, &v->items[term].patterns, k, term,
				 &ms, &n, &cap);
	if (n > 1)
		qsort(ms, n, sizeof(*ms), compare_matches);
	for (size_t i = 0; i < n; i++)
		if (!last_only)
			termset_add(out, ms[i].term);
	if (last_only && n) {
		size_t best = 0;     /* the last, and the longest there */
		for (size_t i = 1; i < n; i++)
			if (ms[i].start > ms[best].start)
				best = i;
		termset_add(out, ms[best].term);
	}
	free(ms);
}

/* ---- Carve-outs ------------------------------------------------------- */

static int in_spans(const span *sp, size_t n, size_t pos)
{
	for (size_t i = 0; i < n; i++)
		if (pos >= sp[i].start && pos < sp[i].end)
			return (int)i;
	return -1;
}

static int carved_at(const reader *r, size_t pos)
{
	return in_spans(r->cv, r->ncv, pos);
}

static size_t first_carve(const reader *r, size_t end)
{
	for (size_t i = 0; i < r->ncv; i++)
		if (r->cv[i].start < end)
			end = r->cv[i].start;
	return end;
}

/* Carve-outs of the clause [a, b): an exception after the first verb runs
 * to the clause's end; one before it ("except as required by law, we do
 * not ...") ends at the next comma. */
static void find_carves(reader *r, size_t a, size_t b)
{
	r->ncv = 0;
	size_t first_verb = b;
	for (size_t i = 0; i < r->nm; i++)
		if (r->m[i].kind == PL_VOCAB_ACTION && r->m[i].start >= a &&
		    r->m[i].start < first_verb)
			first_verb = r->m[i].start;
	for (size_t i = 0; i < r->nm; i++) {
		int e = effect_of(r, &r->m[i]);
		if ((e != PL_QUAL_EXCEPTION && e != PL_QUAL_ONLY) ||
		    r->m[i].start < a || r->m[i].start >= b)
			continue;
		span c = {r->m[i].start, b, e == PL_QUAL_ONLY};
		if (c.start < first_verb) {
			const char *comma = memchr(r->s + c.start, ',',
						   first_verb - c.start);
			c.end = comma ? (size_t)(comma - r->s) : first_verb;
			if (e == PL_QUAL_ONLY)
				c.end = b;      /* "we only share X with Y" */
		}
		PL_PUSH(r->cv, r->ncv, r->cvcap, c);
	}
}

/* ---- Who speaks, and with what polarity --------------------------------- */

/* Marks [a, b) as read: its words are accounted for (a reference, a
 * period, a construction of the grammar). */
static void place(reader *r, size_t a, size_t b)
{
	span sp = {a, b, 0};
	PL_PUSH(r->placed, r->nplaced, r->placedcap, sp);
}

static int is_actor(const reader *r, const cmatch *m)
{
	int e = effect_of(r, m);
	return e == PL_QUAL_ACTOR || e == PL_QUAL_OTHER_ACTOR;
}

/* The actor match right before the verb, with only auxiliaries between;
 * -1 when none. */
static long adjacent_actor(reader *r, const clause_ctx *c, const cmatch *v)
{
	long best = -1;
	for (size_t i = 0; i < r->nm; i++)
		if (is_actor(r, &r->m[i]) && r->m[i].start >= c->clause_start &&
		    r->m[i].end <= v->start &&
		    (best < 0 || r->m[i].end > r->m[best].end ||
		     (r->m[i].end == r->m[best].end &&
		      r->m[i].start < r->m[best].start)))
			best = (long)i;
	if (best >= 0 && !only_aux(r, r->m[best].end, v->start))
		best = -1;
	return best;
}

/* A passive with another party as its agent: "... is shared with
 * advertisers by the apps you connect". */
static int other_agent(reader *r, const clause_ctx *c, const cmatch *v)
{
	size_t end = v->end + r->g->distance[PL_DIST_AGENT];
	if (end > c->clause_end)
		end = c->clause_end;
	return g_at(r, PL_GRAMMAR_AGENT, v->end, end);
}

/* The start of the stretch of the clause that can hold the verb's subject:
 * after the last comma before it. */
static size_t segment_start(const reader *r, size_t a, size_t v)
{
	size_t i = v;
	while (i > a && r->s[i - 1] != ',')
		i--;
	return i;
}

static int effect_in(reader *r, int effect, size_t a, size_t b)
{
	for (size_t i = 0; i < r->nm; i++)
		if (effect_of(r, &r->m[i]) == effect && r->m[i].start >= a &&
		    r->m[i].end <= b)
			return 1;
	return 0;
}

static int negation_in(reader *r, size_t a, size_t b)
{
	return effect_in(r, PL_QUAL_NEGATION, a, b);
}

/* A negation in [a, v) that bears on the verb at v: only auxiliaries stand
 * between them ("is never sold"), not another verb ("we do not need your
 * consent before using it"). */
static int negation_near(reader *r, size_t a, size_t v)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (effect_of(r, m) == PL_QUAL_NEGATION && m->start >= a &&
		    m->end <= v && only_aux(r, m->end, v))
			return 1;
	}
	return 0;
}

static int verb_between(const reader *r, size_t a, size_t b)
{
	for (size_t i = 0; i < r->nm; i++)
		if (r->m[i].kind == PL_VOCAB_ACTION && r->m[i].start >= a &&
		    r->m[i].end <= b)
			return 1;
	return 0;
}

/* "No personal information is collected": a negating word that opens
 * the stretch before the verb. */
static int leading_no(reader *r, size_t seg, size_t v)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (effect_of(r, m) == PL_QUAL_OBJECT_NEG && m->start >= seg &&
		    m->end <= v && only_aux(r, seg, m->start) &&
		    !verb_between(r, m->end, v))
			return 1;
	}
	return 0;
}

/* "We keep no logs", "we share it with no one": a negating word after the
 * verb, before any relative clause ("data that does not identify you" is
 * not a denial). */
static int object_negated(reader *r, const clause_ctx *c, const cmatch *v)
{
	unsigned long reach = r->g->distance[PL_DIST_OBJECT_NEGATION];
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (effect_of(r, m) != PL_QUAL_OBJECT_NEG || m->start < v->end ||
		    m->start >= c->clause_end || m->start - v->end > reach)
			continue;
		if (!g_at(r, PL_GRAMMAR_RELATIVE, v->end, m->start))
			return 1;
	}
	return 0;
}

/* The last actor match in [a, v), or -1. */
static long last_actor(reader *r, size_t a, size_t v)
{
	long best = -1;
	for (size_t i = 0; i < r->nm; i++)
		if (is_actor(r, &r->m[i]) && r->m[i].start >= a &&
		    r->m[i].end <= v &&
		    (best < 0 || r->m[i].start > r->m[best].start ||
		     (r->m[i].start == r->m[best].start &&
		      r->m[i].end > r->m[best].end)))
			best = (long)i;
	return best;
}

/* The recipient named in [a, b) (the last one), or -1: who an other
 * actor is ("advertising companies track you"). */
static size_t recipient_in(const reader *r, size_t a, size_t b)
{
	size_t best = (size_t)-1, at = 0;
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->kind == PL_VOCAB_RECIPIENT && !m->dead && m->start >= a &&
		    m->end <= b && (best == (size_t)-1 || m->start >= at)) {
			best = m->term;
			at = m->start;
		}
	}
	return best;
}

/* A capitalised name in the subject that is not the company's ("Google
 * uses cookies"): another party.  A sentence's first word is capitalised
 * anyway; it is a name when the verb or another capitalised word follows
 * it. */
static int foreign_name(reader *r, size_t a, size_t v)
{
	size_t i = a;
	while (i < v) {
		while (i < v && !word_byte((unsigned char)r->s[i]))
			i++;
		size_t j = i;
		while (j < v && word_byte((unsigned char)r->s[j]))
			j++;
		if (j > i && isupper((unsigned char)r->s[i]) &&
		    !filler_word(r, r->s + i, j - i)) {
			int covered = 0;
			for (size_t k = 0; k < r->nm && !covered; k++)
				covered = r->m[k].start <= i && r->m[k].end >= j;
			size_t nx = j;
			while (nx < v && r->s[nx] == ' ')
				nx++;
			int first = i == 0;
			int named = !first || nx >= v ||
				    isupper((unsigned char)r->s[nx]) ||
				    only_aux(r, nx, v);
			if (!covered && named)
				return 1;
		}
		i = j;
	}
	return 0;
}

/* Whose verb it is, when the subject is match a (or none: -1). */
static int kind_of_subject(reader *r, const clause_ctx *c, const cmatch *v,
			   long a, size_t seg, size_t *actor)
{
	*actor = (size_t)-1;
	if (a >= 0 && effect_of(r, &r->m[a]) == PL_QUAL_ACTOR)
		return other_agent(r, c, v) ? ACT_NONE : ACT_US;
	size_t from = a >= 0 ? r->m[a].start : seg;
	size_t who = recipient_in(r, from < seg ? from : seg, v->start);
	if (who != (size_t)-1) {
		*actor = who;
		return ACT_OTHER;
	}
	if (a >= 0 || foreign_name(r, seg, v->start) || other_agent(r, c, v))
		return ACT_NONE;
	/* "It should only be shared with trusted parties": advice to the
	 * reader, no one's practice. */
	if (g_at(r, PL_GRAMMAR_ADVICE_AUX, seg, v->start))
		return ACT_NONE;
	return ACT_US;           /* a passive about the company's practice */
}

/* "We do not let advertisers track you": the verb is the other party's,
 * the polarity the company's.  Returns 1 when the stretch from the
 * company's subject to the verb is such a construction. */
static int causative(reader *r, const cmatch *v, size_t seg, int *negative,
		     size_t *actor, int *kind)
{
	size_t from = segment_start(r, 0, seg);
	for (size_t i = r->nm; i-- > 0;) {
		const cmatch *a = &r->m[i];
		if (effect_of(r, a) != PL_QUAL_ACTOR || a->end > v->start ||
		    a->start < from ||
		    !g_at(r, PL_GRAMMAR_CAUSATIVE, a->end, v->start))
			continue;
		*negative = negation_in(r, a->end, v->start);
		*actor = recipient_in(r, a->end, v->start);
		*kind = *actor == (size_t)-1 ? ACT_NONE : ACT_OTHER;
		place(r, a->end, v->start);
		return 1;
	}
	return 0;
}

/* "Advertisers whose ads appear in the app may collect": a relative
 * clause inside the subject; what stands before it is the subject.
 * Returns 0 when there is no such clause, else the kind of the subject
 * (a data noun before it: a passive about the company's practice). */
static int head_before_relative(reader *r, const clause_ctx *c,
				const cmatch *v, size_t seg, size_t *actor)
{
	size_t ms, me;
	if (!g_search(r, PL_GRAMMAR_RELATIVE, v->start, seg, &ms, &me) ||
	    ms == seg)
		return 0;
	long best = -1;
	int data = 0;
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->start < seg || m->end > ms || m->dead)
			continue;
		data |= m->kind == PL_VOCAB_DATA;
		if ((is_actor(r, m) || m->kind == PL_VOCAB_RECIPIENT) &&
		    (best < 0 || m->start < r->m[best].start))
			best = (long)i;
	}
	if (best >= 0 && r->m[best].kind == PL_VOCAB_RECIPIENT) {
		*actor = r->m[best].term;
		return ACT_OTHER;
	}
	if (best >= 0)
		return kind_of_subject(r, c, v, best, r->m[best].start, actor);
	if (data || g_at(r, PL_GRAMMAR_DATA_NOUN, seg, ms))
		return other_agent(r, c, v) ? ACT_NONE : ACT_US;
	return ACT_NONE;        /* "companies that we work with may ..." */
}

/* Whether the verb at b is joined to the one that ended at a by "or" or
 * "nor" right before it, with no clause break or "but" between: "we do
 * not sell personal data or share it". */
static int disjunct_before(reader *r, size_t a, size_t b)
{
	size_t e = b;
	while (e > a && r->s[e - 1] == ' ')
		e--;
	size_t w = e;
	while (w > a && word_byte((unsigned char)r->s[w - 1]))
		w--;
	char buf[8];
	size_t n = normal_word(r->s + w, e - w, buf, sizeof buf);
	if (!(n == 2 && memcmp(buf, "or", 2) == 0) &&
	    !(n == 3 && memcmp(buf, "nor", 3) == 0))
		return 0;
	for (size_t i = a; i < w;) {
		char ch = r->s[i];
		if (ch == ';' || ch == ':' || ch == '(' || ch == ')' || ch == '.')
			return 0;
		if (!word_byte((unsigned char)ch)) {
			i++;
			continue;
		}
		size_t j = word_end(r->s, i, w);
		if (j == i)
			j = i + 1;      /* a quotation mark */
		else if (normal_word(r->s + i, j - i, buf, sizeof buf) == 3 &&
			 memcmp(buf, "but", 3) == 0)
			return 0;
		i = j;
	}
	return 1;
}

/* Decides who speaks and with what polarity; returns ACT_NONE when the
 * verb is not a claim (the reader's own action, an indirect question, an
 * unknown party). */
static int read_actor(reader *r, clause_ctx *c, size_t vi, int *negative,
		      size_t *actor)
{
	const cmatch *v = &r->m[vi];
	*actor = (size_t)-1;
	if (c->prev_verb >= 0 &&
	    g_at(r, PL_GRAMMAR_COORD, r->m[c->prev_verb].end, v->start) &&
	    list_between(r, r->m[c->prev_verb].end, v->start) &&
	    adjacent_actor(r, c, v) < 0) {
		*negative = c->prev_negative;   /* "not sell, rent or lease" */
		*actor = c->prev_actor;
		return c->prev_kind;
	}
	if (c->prev_verb >= 0 && c->prev_negative &&
	    disjunct_before(r, r->m[c->prev_verb].end, v->start) &&
	    adjacent_actor(r, c, v) < 0) {
		*negative = 1;          /* "not sell data or share it" */
		*actor = c->prev_actor;
		return c->prev_kind;
	}
	size_t seg = segment_start(r, c->clause_start, v->start);
	int kind;
	if (g_at(r, PL_GRAMMAR_GERUND, v->start, v->end) &&
	    !g_at(r, PL_GRAMMAR_PROGRESSIVE_AUX, seg, v->start))
		return ACT_NONE;
	if (causative(r, v, seg, negative, actor, &kind))
		return kind;
	if ((kind = head_before_relative(r, c, v, seg, actor)) != 0) {
		*negative = negation_near(r, seg, v->start) ||
			    leading_no(r, seg, v->start);
		return kind;
	}
	long a = adjacent_actor(r, c, v);
	if (a >= 0) {
		const cmatch *am = &r->m[a];
		if (g_at(r, PL_GRAMMAR_QUESTION, lookback(r, am->start),
			 am->start))
			return ACT_NONE;        /* "... how we use it" */
		*negative = negation_in(r, am->end, v->start) ||
			    g_at(r, PL_GRAMMAR_NOR,
				 seg < am->start ? seg : am->start, am->start);
		return kind_of_subject(r, c, v, a, seg, actor);
	}
	if (only_aux(r, seg, v->start)) {
		/* "..., and may sell it": the subject is the last actor
		 * before; none at all is a fragment or an imperative. */
		long e = last_actor(r, 0, seg);
		*negative = negation_near(r, seg, v->start);
		if (e < 0)
			return ACT_NONE;
		return kind_of_subject(r, c, v, e, r->m[e].start, actor);
	}
	if (g_at(r, PL_GRAMMAR_PRONOUN_SUBJECT, seg, v->start)) {
		/* "While the app is open, it collects ...": the last party
		 * named before */
		long e = last_actor(r, 0, seg);
		*negative = negation_near(r, seg, v->start);
		if (e < 0)
			return ACT_NONE;
		return kind_of_subject(r, c, v, e, r->m[e].start, actor);
	}
	/* The nearest party named before the verb is its subject, or the
	 * subject of a clause it sits in ("sites that you reach ... may
	 * sell"); none means a passive, unless it sits in an indirect
	 * question ("why it was sold"). */
	if (g_at(r, PL_GRAMMAR_QUESTION, seg > lookback(r, v->start) ? seg :
		 lookback(r, v->start), v->start))
		return ACT_NONE;
	a = last_actor(r, seg, v->start);
	*negative = negation_near(r, seg, v->start) ||
		    leading_no(r, seg, v->start);
	return kind_of_subject(r, c, v, a, seg, actor);
}

/* "Brokers buy it from us", "our partners receive your location": the
 * subject is the recipient, the company gives unless the data comes from
 * elsewhere ("directly from your phone"). */
static int read_converse(reader *r, const clause_ctx *c, const cmatch *v,
			 int *negative)
{
	size_t seg = segment_start(r, c->clause_start, v->start);
	int named = 0;
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->start < seg || m->end > v->start || m->dead)
			continue;
		if (effect_of(r, m) == PL_QUAL_ACTOR)
			return ACT_NONE;        /* "we receive": collecting */
		named |= m->kind == PL_VOCAB_RECIPIENT ||
			 m->kind == PL_VOCAB_PLACE;
	}
	if (!named || g_at(r, PL_GRAMMAR_SOURCE_OTHER, v->end, c->clause_end) ||
	    g_at(r, PL_GRAMMAR_QUESTION, lookback(r, seg), seg) ||
	    g_at(r, PL_GRAMMAR_INFINITIVE, lookback(r, v->start), v->start))
		return ACT_NONE;        /* "allowing partners to receive" */
	*negative = negation_near(r, seg, v->start) || leading_no(r, seg,
								   v->start);
	return ACT_US;
}

/* ---- What the statement is about ---------------------------------------- */

static int effect_after_relative(reader *r, size_t from, size_t pos)
{
	return g_at(r, PL_GRAMMAR_RELATIVE, from, pos) &&
	       (negation_in(r, from, pos) ||
		effect_in(r, PL_QUAL_OBJECT_NEG, from, pos));
}

/* The terms of kind k in [a, b) outside carve-outs go to out; those inside
 * one go to carved (when not NULL). */
/* Whether m lies inside a neutral phrase ("for any business purpose" names
 * no recipient). */
static int in_neutral(const reader *r, const cmatch *m)
{
	for (size_t i = 0; i < r->nm; i++)
		if (effect_of(r, &r->m[i]) == PL_QUAL_NEUTRAL &&
		    r->m[i].start <= m->start && r->m[i].end >= m->end)
			return 1;
	return 0;
}

static void gather(reader *r, pl_vocab_kind k, size_t a, size_t b,
		   size_t verb_end, pl_termset *out, pl_termset *carved)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->kind != k || m->dead || m->start < a || m->end > b ||
		    in_neutral(r, m))
			continue;
		/* "totals, which contain no personal information" */
		if (k == PL_VOCAB_DATA && m->start > verb_end &&
		    effect_after_relative(r, verb_end, m->start))
			continue;
		int cv = carved_at(r, m->start);
		if (cv < 0)
			termset_add(out, m->term);
		else if (carved)
			termset_add(carved, m->term);
	}
}

/* The qualifiers of the clause [a, b), and the scope: a denial's in its
 * whole sentence ("the app is not meant for children, and we do not
 * collect information from them" is about children). */
static void gather_qualifiers(reader *r, pl_statement *st, size_t a, size_t b)
{
	const pl_terms *sv = vocab(r, PL_VOCAB_SCOPE);
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->kind == PL_VOCAB_SCOPE && !m->dead &&
		    carved_at(r, m->start) < 0 &&
		    (st->negative || (m->start >= a && m->end <= b)))
			termset_add(&st->scopes[sv->items[m->term].dimension],
				    m->term);
		int e = effect_of(r, m);
		if (e < 0 || m->start < a || m->end > b)
			continue;
		st->effects |= 1u << e;
	}
}

/* What the statement's carve-outs name; one that names nothing at all
 * ("except as this policy describes") makes room for anything. */
static void read_carves(reader *r, pl_statement *st, size_t a, size_t b,
			size_t verb_end)
{
	gather(r, PL_VOCAB_DATA, a, b, verb_end, &st->data, &st->ex_data);
	const pl_term *act = &vocab(r, PL_VOCAB_ACTION)->items[st->action];
	pl_vocab_kind tk = act->target == PL_TARGET_PLACES ? PL_VOCAB_PLACE :
			   PL_VOCAB_RECIPIENT;
	gather(r, tk, a, b, verb_end, &st->targets, &st->ex_targets);
	gather(r, PL_VOCAB_PURPOSE, a, b, verb_end, &st->purposes,
	       &st->ex_purposes);
	st->carved = r->ncv > 0;
	int named_terms = st->ex_data.n || st->ex_targets.n || st->ex_purposes.n;
	int named = named_terms;
	for (size_t i = 0; i < r->nm && !named; i++) {
		int e = effect_of(r, &r->m[i]);
		named = (e == PL_QUAL_LEGAL || e == PL_QUAL_CONSENT) &&
			carved_at(r, r->m[i].start) >= 0;
	}
	int only = 0;
	for (size_t i = 0; i < r->ncv; i++)
		only |= r->cv[i].only;
	/* "except to provide you with our services, to comply with the law":
	 * beside a legal qualifier, purposes the vocabulary does not know may
	 * be the very case of any affirmation.  Searched only where it can
	 * decide. */
	int unknown_purpose = 0;
	for (size_t i = 0; i < r->ncv && st->carved && named && !named_terms &&
			   !only && !unknown_purpose; i++)
		unknown_purpose = g_at(r, PL_GRAMMAR_PURPOSE, r->cv[i].start,
				       r->cv[i].end);
	st->carved_generic = st->carved && (!named || unknown_purpose) && !only;
	st->only_unnamed = only && !named;
}

/* Whether data term d lies in a branch some action implies (the tracking
 * technologies of `track`). */
static int in_implied_branch(const reader *r, size_t d)
{
	const pl_terms *acts = vocab(r, PL_VOCAB_ACTION);
	for (size_t a = 0; a < acts->count; a++)
		if (acts->items[a].implied_index != (size_t)-1 &&
		    pl_term_inside(vocab(r, PL_VOCAB_DATA), d,
				   acts->items[a].implied_index))
			return 1;
	return 0;
}

/* The previous statement within reach, for "it", "this information". */
static const pl_statement *previous_statement(const reader *r)
{
	if (r->last_data < 0)
		return NULL;
	const pl_statement *p = &r->out->items[r->last_data];
	if (p->sentence + r->g->distance[PL_DIST_REFERENCE] < r->index)
		return NULL;
	return p;
}

/* Data the statement is about: what its clause names, what "it" refers to
 * (with that statement's scope), or what its action implies ("we track
 * you" is about tracking). */
static int read_data(reader *r, pl_statement *st, const pl_term *act,
		     size_t verb_end)
{
	if (act->implied_index != (size_t)-1) {
		/* Only the kinds of the implied branch count (cookies for
		 * track, not the e-mail address a cookie may hold). */
		pl_termset keep = {{0}, 0};
		for (unsigned i = 0; i < st->data.n; i++)
			if (pl_term_inside(vocab(r, PL_VOCAB_DATA), st->data.v[i],
					   act->implied_index))
				termset_add(&keep, st->data.v[i]);
		st->data = keep;
		if (st->data.n == 0)
			termset_add(&st->data, act->implied_index);
		return 1;
	}
	pl_termset own = {{0}, 0};
	for (unsigned i = 0; i < st->data.n; i++)
		if (!in_implied_branch(r, st->data.v[i]))
			termset_add(&own, st->data.v[i]);
	st->data = own;
	size_t end = st->end - r->base, a = st->start - r->base;
	/* "these personal data": the previous statement's */
	int demonstrative = g_at(r, PL_GRAMMAR_REFER_DEMONSTRATIVE, a, end);
	if (!demonstrative &&
	    (st->data.n || !g_at(r, PL_GRAMMAR_REFER_DATA, verb_end, end)))
		return st->data.n > 0;
	if (demonstrative && st->data.n && !st->negative)
		return 1;
	const pl_statement *p = previous_statement(r);
	if (p == NULL || p->data.n == 0) {
		st->unresolved = PL_UNRESOLVED_REFERENCE;
		return st->negative;    /* kept, to show why it is unused */
	}
	st->data = p->data;
	st->any_data = p->any_data;
	/* "Regulations require us to keep X, and we keep them": the
	 * continuation holds under the same circumstances. */
	if (p->sentence == r->index)
		st->effects |= p->effects & ((1u << PL_QUAL_LEGAL) |
					     (1u << PL_QUAL_CONSENT) |
					     (1u << PL_QUAL_CONDITION) |
					     (1u << PL_QUAL_HYPOTHETICAL) |
					     (1u << PL_QUAL_PAST));
	for (int d = 0; d < PL_SCOPE_DIMENSIONS; d++)
		if (st->scopes[d].n == 0)
			st->scopes[d] = p->scopes[d];
	st->refers_to = (long)p->sentence;
	return 1;
}

/* The previous sentence, skipping headings; -1 when none. */
static long previous_sentence(const reader *r)
{
	const pl_text *t = &r->sc->text;
	for (size_t i = r->index; i-- > 0;) {
		if (r->index - i > r->g->distance[PL_DIST_REFERENCE])
			break;
		if (t->blocks[t->sentences[i].block].kind != PL_BLOCK_HEADING)
			return (long)i;
	}
	return -1;
}

/* "from such individuals", "with them": the previous sentence's audience
 * or recipients. */
static void read_references(reader *r, pl_statement *st, size_t a, size_t b,
			    size_t verb_end)
{
	size_t ms, me;
	/* "These cookies do not store ...": a part of something the
	 * previous sentence named, which the reader does not follow. */
	if (st->negative &&
	    g_search(r, PL_GRAMMAR_REFER_OTHER, b, a, &ms, &me))
		st->unresolved = PL_UNRESOLVED_REFERENCE;
	if (g_search(r, PL_GRAMMAR_REFER_AUDIENCE, b, a, &ms, &me) &&
	    st->scopes[PL_SCOPE_AUDIENCE].n == 0) {
		long p = previous_sentence(r);
		if (p >= 0)
			sentence_terms(r, (size_t)p, PL_VOCAB_SCOPE,
				       PL_SCOPE_AUDIENCE,
				       &st->scopes[PL_SCOPE_AUDIENCE], 0);
		if (st->scopes[PL_SCOPE_AUDIENCE].n == 0)
			st->unresolved = PL_UNRESOLVED_REFERENCE;
		else
			st->refers_to = p;
		place(r, ms, me);
	}
	const pl_term *act = &vocab(r, PL_VOCAB_ACTION)->items[st->action];
	if (act->target != PL_TARGET_RECIPIENTS ||
	    !g_search(r, PL_GRAMMAR_REFER_RECIPIENT, b, verb_end, &ms,
		      &me))
		return;
	place(r, ms, me);
	if (st->targets.n)
		return;
	long p = previous_sentence(r);
	if (p >= 0)
		sentence_terms(r, (size_t)p, PL_VOCAB_RECIPIENT, -1,
			       &st->targets, 1);
	if (st->targets.n == 0)
		st->unresolved = PL_UNRESOLVED_REFERENCE;
	else
		st->refers_to = p;
}

/* ---- Time: tense, modality, periods -------------------------------------- */

/* Whether [a, b) holds nothing but adverbs ("we previously sold"). */
static int only_adverbs(const reader *r, size_t a, size_t b)
{
	size_t i = a;
	while (i < b) {
		while (i < b && r->s[i] == ' ')
			i++;
		size_t j = i;
		while (j < b && word_byte((unsigned char)r->s[j]))
			j++;
		if (j == i)
			return i >= b;
		char buf[32];
		size_t k = normal_word(r->s + i, j - i, buf, sizeof buf);
		if (k < 4 || strcmp(buf + k - 2, "ly") != 0)
			return 0;
		i = j;
	}
	return 1;
}

/* Tense and modality from the words between the subject and the verb:
 * "did", "was" or a bare past form ("we collected") is the past; "have
 * never shared" reaches the present. */
static void read_tense(reader *r, pl_statement *st, size_t seg,
		       const cmatch *v)
{
	long a = last_actor(r, seg, v->start);
	size_t from = a >= 0 ? r->m[a].end : seg;
	if (g_at(r, PL_GRAMMAR_POSSIBLE_AUX, from, v->start))
		st->modality = PL_MODAL_POSSIBLE;
	if (g_at(r, PL_GRAMMAR_FUTURE_AUX, from, v->start))
		st->tense = PL_TENSE_FUTURE;
	else if (g_at(r, PL_GRAMMAR_PAST_AUX, from, v->start) ||
		 (a >= 0 && only_adverbs(r, from, v->start) &&
		  g_at(r, PL_GRAMMAR_PAST_FORM, v->start, v->end)))
		st->tense = PL_TENSE_PAST;
	if (st->tense == PL_TENSE_PAST &&
	    g_at(r, PL_GRAMMAR_RECENT_PAST, segment_start(r, 0, seg), r->len))
		st->tense = PL_TENSE_PRESENT;
}

/* A number word or figure, 0 when w is neither. */
static double number_of(const reader *r, const char *w, size_t n)
{
	char buf[32];
	size_t k = normal_word(w, n, buf, sizeof buf);
	if (k == 0)
		return 0;
	if (strspn(buf, "0123456789") == k)
		return atof(buf);
	for (size_t i = 0; i < r->g->nnumbers; i++)
		if (strcmp(r->g->numbers[i].word, buf) == 0)
			return r->g->numbers[i].value;
	return 0;
}

static double unit_of(const reader *r, const char *w, size_t n)
{
	char buf[32];
	size_t k = normal_word(w, n, buf, sizeof buf);
	if (k > 1 && buf[k - 1] == 's')
		buf[k - 1] = '\0';
	for (size_t i = 0; k && i < r->g->nunits; i++)
		if (strcmp(r->g->units[i].word, buf) == 0)
			return r->g->units[i].value;
	return 0;
}

/* Hours in a period phrase ("for 30 days", "one year"); -1 when it names
 * no unit. */
static double period_hours(const reader *r, size_t a, size_t b)
{
	double num = 0, unit = 0;
	size_t i = a;
	while (i < b) {
		while (i < b && !word_byte((unsigned char)r->s[i]))
			i++;
		size_t j = i;
		while (j < b && word_byte((unsigned char)r->s[j]))
			j++;
		if (j > i) {
			double x = number_of(r, r->s + i, j - i);
			double u = unit_of(r, r->s + i, j - i);
			if (x > 0 && num == 0)
				num = x;
			if (u > 0 && unit == 0)
				unit = u;
		}
		i = j;
	}
	if (unit == 0)
		return -1;
	return (num > 0 ? num : 1) * unit;
}

/* How long the statement keeps, or may keep at most (actions whose
 * periods are compared: retain). */
static void read_limit(reader *r, pl_statement *st, size_t a, size_t b)
{
	size_t ms, me;
	if (g_search(r, PL_GRAMMAR_DURATION, b, a, &ms, &me)) {
		double h = period_hours(r, ms, me);
		if (h >= 0) {
			st->limit.kind = PL_LIMIT_PERIOD;
			st->limit.hours = h;
			place(r, ms, me);
		}
	}
	if (st->limit.kind == PL_LIMIT_NONE &&
	    g_search(r, PL_GRAMMAR_IMMEDIATE, b, a, &ms, &me)) {
		st->limit.kind = PL_LIMIT_PERIOD;
		st->limit.hours = 0;
		place(r, ms, me);
	}
	if (PL_STMT_HAS(st, PL_QUAL_UNBOUNDED)) {
		st->limit.kind = PL_LIMIT_UNBOUNDED;
		st->limit.hours = FOREVER;
	}
	if (st->limit.kind == PL_LIMIT_NONE &&
	    g_search(r, PL_GRAMMAR_PHASE, b, a, &ms, &me)) {
		st->limit.kind = PL_LIMIT_PHASE;
		place(r, ms, b);
	}
	if (g_search(r, PL_GRAMMAR_EVENT, b, a, &ms, &me)) {
		st->limit.after_event = 1;
		place(r, ms, b);     /* the event names when, not what */
		/* "we do not keep X after E": nothing is kept after E */
		if (st->negative && st->form == PL_FORM_PLAIN &&
		    st->limit.kind == PL_LIMIT_NONE) {
			st->limit.kind = PL_LIMIT_PERIOD;
			st->limit.hours = 0;
		}
	}
}

/* ---- Resolution ---------------------------------------------------------- */

/* The first word of [a, b) that no match, carve-out or placed span covers
 * and that is no filler: a restriction the reader cannot place. */
static int unread_word(reader *r, size_t a, size_t b, size_t *ws, size_t *we)
{
	size_t i = a;
	while (i < b) {
		while (i < b && (!word_byte((unsigned char)r->s[i]) ||
				 quote_at(r->s, i, b)))
			i += quote_at(r->s, i, b) ? quote_at(r->s, i, b) : 1;
		size_t j = word_end(r->s, i, b);
		if (j == i)
			break;
		int ok = filler_word(r, r->s + i, j - i) ||
			 carved_at(r, i) >= 0 ||
			 in_spans(r->placed, r->nplaced, i) >= 0;
		for (size_t k = 0; k < r->nm && !ok; k++)
			ok = r->m[k].start <= i && r->m[k].end >= j;
		if (!ok) {
			*ws = i;
			*we = j;
			return 1;
		}
		i = j;
	}
	return 0;
}

/* A denial is used only when the reader has placed every word of its
 * clause: "we do not collect information stored in your repositories"
 * denies something narrower than any data type. */
static void resolve(reader *r, pl_statement *st, size_t a, size_t b)
{
	if (!st->negative || st->unresolved != PL_UNRESOLVED_NONE)
		return;
	if (PL_STMT_HAS(st, PL_QUAL_MINIMISATION)) {
		st->unresolved = PL_UNRESOLVED_LIMIT;
		return;
	}
	/* A condition's own words ("unless you order ...") say when, not
	 * what: the condition is weighed on its own (conflicts.c). */
	for (size_t i = 0; i < r->nm; i++) {
		int e = effect_of(r, &r->m[i]);
		if ((e == PL_QUAL_CONSENT || e == PL_QUAL_CONDITION ||
		     e == PL_QUAL_LEGAL) && r->m[i].start >= st->verb_end - r->base &&
		    r->m[i].start < b)
			place(r, r->m[i].start, b);
	}
	size_t ws, we;
	if (unread_word(r, a, b, &ws, &we)) {
		st->unresolved = PL_UNRESOLVED_WORDS;
		st->unread_start = r->base + ws;
		st->unread_end = r->base + we;
	}
}

/* ---- One statement -------------------------------------------------------- */

/* "We do not use cookies to track you": the goal is itself a practice
 * (with its own statement), not a purpose that narrows the denial. */
static int goal_is_practice(reader *r, const cmatch *v, const clause_ctx *c)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->kind == PL_VOCAB_ACTION && m->start > v->end &&
		    m->start < c->clause_end &&
		    g_at(r, PL_GRAMMAR_INFINITIVE, v->end, m->start))
			return 1;
	}
	return 0;
}

static void qualify(reader *r, pl_statement *st, const clause_ctx *c,
		    const cmatch *v, const pl_term *act)
{
	size_t seg = segment_start(r, c->clause_start, v->start);
	if (g_at(r, PL_GRAMMAR_SUBORDINATE, seg, v->start))
		st->effects |= 1u << PL_QUAL_HYPOTHETICAL;
	if (st->negative && g_at(r, PL_GRAMMAR_LEADING_IF, 0, r->len))
		st->effects |= 1u << PL_QUAL_CONDITION;
	/* "When processing is restricted, we may not use it": a condition;
	 * for periods the event they are counted from. */
	if (g_at(r, PL_GRAMMAR_LEADING_WHEN, 0, r->len)) {
		if (act->bounded_inverse)
			st->limit.after_event = 1;
		else if (st->negative)
			st->effects |= 1u << PL_QUAL_CONDITION;
	}
	if (st->negative && st->purposes.n == 0 && !goal_is_practice(r, v, c) &&
	    g_at(r, PL_GRAMMAR_PURPOSE, v->end, first_carve(r, c->clause_end)))
		st->effects |= 1u << PL_QUAL_CIRCUMSTANCE;
	st->home = act->target == PL_TARGET_PLACES &&
		   g_at(r, PL_GRAMMAR_HOME, c->clause_start, c->clause_end);
	read_tense(r, st, seg, v);
	if (act->bounded_inverse)
		read_limit(r, st, c->clause_start, c->clause_end);
}

static int build_statement(reader *r, clause_ctx *c, size_t vi,
			   pl_statement *st)
{
	const cmatch *v = &r->m[vi];
	const pl_term *act = &vocab(r, PL_VOCAB_ACTION)->items[v->term];
	memset(st, 0, sizeof(*st));
	st->sentence = r->index;
	st->start = r->base + c->clause_start;
	st->end = r->base + c->clause_end;
	st->verb_start = r->base + v->start;
	st->verb_end = r->base + v->end;
	st->action = v->term;
	st->form = v->form;
	st->actor = (size_t)-1;
	st->refers_to = -1;
	int negative = 0, kind;
	r->nplaced = 0;
	if (v->form == PL_FORM_CONVERSE)
		kind = read_converse(r, c, v, &negative);
	else
		kind = read_actor(r, c, vi, &negative, &st->actor);
	c->prev_verb = (long)vi;
	c->prev_negative = negative;
	c->prev_kind = kind;
	c->prev_actor = st->actor;
	if (kind == ACT_NONE)
		return 0;
	negative = negative || object_negated(r, c, v);
	if (v->form == PL_FORM_INVERSE && negative)
		return 0;       /* "we cannot delete": too tangled to claim */
	st->negative = negative || v->form == PL_FORM_INVERSE;
	read_carves(r, st, c->clause_start, c->clause_end, v->end);
	if (v->form == PL_FORM_CONVERSE && act->target == PL_TARGET_RECIPIENTS)
		gather(r, PL_VOCAB_RECIPIENT,
		       segment_start(r, c->clause_start, v->start), v->start,
		       v->end, &st->targets, NULL);
	gather_qualifiers(r, st, c->clause_start, c->clause_end);
	qualify(r, st, c, v, act);
	read_references(r, st, c->clause_start, c->clause_end, v->end);
	if (act->needs_target && st->targets.n == 0 && !st->home &&
	    !(st->negative && st->carved))
		return 0;
	if (!read_data(r, st, act, v->end))
		return 0;
	resolve(r, st, c->clause_start, c->clause_end);
	return 1;
}

/* ---- "only" ----------------------------------------------------------------- */

/* A denial "only" implies is read like any denial; the affirmation's
 * reasons ("..., so that we can ...") explain it and narrow nothing. */
static void resolve_twin(reader *r, pl_statement *twin)
{
	size_t a = twin->start - r->base, b = twin->end - r->base, ms, me;
	if (g_search(r, PL_GRAMMAR_REASON, b, twin->verb_end - r->base,
		     &ms, &me))
		place(r, ms, b);
	resolve(r, twin, a, b);
}

static void push(reader *r, const pl_statement *st)
{
	PL_PUSH(r->out->items, r->out->count, r->out->cap, *st);
}

/* "We use your e-mail address only to send receipts" also denies every
 * other use, "we share photos only when you choose to" every sharing you
 * did not choose: the affirmation gets a denial twin whose exception is
 * what "only" names. */
static void push_only_twin(reader *r, pl_statement *st)
{
	int only = 0, consent = 0;
	for (size_t i = 0; i < r->ncv; i++)
		only |= r->cv[i].only;
	for (size_t i = 0; i < r->nm && only; i++)
		consent |= effect_of(r, &r->m[i]) == PL_QUAL_CONSENT &&
			   carved_at(r, r->m[i].start) >= 0;
	if (!only || st->negative ||
	    (st->ex_targets.n == 0 && st->ex_purposes.n == 0 && !consent))
		return;
	pl_statement twin = *st;
	twin.negative = 1;
	twin.only_twin = 1;
	twin.carved = st->ex_targets.n || st->ex_purposes.n;
	twin.carved_generic = 0;
	twin.only_unnamed = 0;
	twin.targets.n = twin.purposes.n = 0;
	twin.effects &= ~(1u << PL_QUAL_CIRCUMSTANCE);
	if (consent)
		twin.effects |= 1u << PL_QUAL_CONSENT;
	pl_statement *pos = &r->out->items[r->out->count - 1];
	for (unsigned i = 0; i < st->ex_targets.n; i++)
		termset_add(&pos->targets, st->ex_targets.v[i]);
	for (unsigned i = 0; i < st->ex_purposes.n; i++)
		termset_add(&pos->purposes, st->ex_purposes.v[i]);
	pos->carved = 0;
	pos->only_unnamed = 0;
	resolve_twin(r, &twin);
	push(r, &twin);
}

/* "The only personal information we collect is your e-mail address", "we
 * keep only your e-mail address": a denial of every other data type (of
 * the kind named before "only", else of any). */
static void push_only_data_twin(reader *r, pl_statement *st,
				const clause_ctx *c)
{
	size_t ms, me;
	size_t a = c->clause_start, b = c->clause_end;
	if (st->negative || st->form != PL_FORM_PLAIN ||
	    !g_search(r, PL_GRAMMAR_ONLY_DATA, b, a, &ms, &me))
		return;
	pl_termset universe = {{0}, 0}, allowed = {{0}, 0};
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *m = &r->m[i];
		if (m->kind != PL_VOCAB_DATA || m->dead || m->start < a ||
		    m->end > b)
			continue;
		if (m->start >= me)
			termset_add(&allowed, m->term);
		else if (m->start >= ms)
			termset_add(&universe, m->term);
	}
	if (allowed.n == 0)
		return;
	pl_statement *pos = &r->out->items[r->out->count - 1];
	pos->data = allowed;
	pl_statement twin = *pos;
	twin.negative = 1;
	twin.only_twin = 1;
	twin.data = universe;
	twin.any_data = universe.n == 0;
	twin.ex_data = allowed;
	twin.carved = 1;
	twin.carved_generic = 0;
	twin.limit.kind = twin.limit.after_event ? PL_LIMIT_PERIOD :
			  PL_LIMIT_NONE;
	twin.limit.hours = 0;
	place(r, ms, me);
	resolve_twin(r, &twin);
	push(r, &twin);
}

/* ---- Clauses and sentences ---------------------------------------------------- */

/* "We never use cookies to collect ...": the infinitive's polarity is
 * its governing verb's, and "never collect" is not what was said. */
static int negated_infinitive(reader *r, size_t clause_start, const cmatch *v)
{
	if (!g_at(r, PL_GRAMMAR_INFINITIVE, lookback(r, v->start), v->start) ||
	    !negation_in(r, segment_start(r, clause_start, v->start), v->start))
		return 0;
	/* "we do not allow advertisers to collect": the other party's verb */
	for (size_t i = 0; i < r->nm; i++)
		if (effect_of(r, &r->m[i]) == PL_QUAL_ACTOR &&
		    r->m[i].end <= v->start &&
		    g_at(r, PL_GRAMMAR_CAUSATIVE, r->m[i].end, v->start))
			return 0;
	return 1;
}

/* "information gathered from our servers": a participle right after a
 * plain word (no auxiliary, subject or comma before it). */
static int reduced_relative(reader *r, const cmatch *v)
{
	if (!g_at(r, PL_GRAMMAR_PARTICIPLE, v->start, v->end))
		return 0;
	size_t j = v->start;
	while (j > 0 && r->s[j - 1] == ' ')
		j--;
	size_t i = j;
	while (i > 0 && word_byte((unsigned char)r->s[i - 1]))
		i--;
	if (i == j || aux_word(r, r->s + i, j - i))
		return 0;
	for (size_t k = 0; k < r->nm; k++)
		if (r->m[k].end == j && is_actor(r, &r->m[k]))
			return 0;
	for (size_t k = 0; k < r->nm; k++)   /* "collected and shared" */
		if (r->m[k].kind == PL_VOCAB_ACTION && r->m[k].end <= i &&
		    only_aux(r, r->m[k].end, v->start))
			return 0;
	return 1;
}

/* Where a verb inside a carve-out starts a clause of its own: after the
 * comma before its subject, the company ("..., we will release"); -1 when
 * it has none. */
static size_t own_clause(reader *r, const clause_ctx *c, const cmatch *v)
{
	long a = adjacent_actor(r, c, v);
	if (a < 0 || effect_of(r, &r->m[a]) != PL_QUAL_ACTOR)
		return (size_t)-1;
	size_t seg = segment_start(r, c->clause_start, r->m[a].start);
	return seg > c->clause_start && carved_at(r, seg) >= 0 ? seg :
	       (size_t)-1;
}

/* A capitalised verb inside a sentence belongs to a title ("Personal
 * Information We Sell"), run into the text by the extraction. */
static int title_case(const reader *r, const cmatch *v)
{
	return v->start > 0 && isupper((unsigned char)r->s[v->start]);
}

static void read_clause(reader *r, size_t a, size_t b)
{
	find_carves(r, a, b);
	clause_ctx c = {a, b, -1, 0, ACT_NONE, (size_t)-1};
	size_t last_action = (size_t)-1, last_start = (size_t)-1;
	long prev_noun = -1;
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *v = &r->m[i];
		if (v->kind != PL_VOCAB_ACTION || v->start < a || v->end > b)
			continue;
		if (carved_at(r, v->start) >= 0) {
			/* "... with only these exceptions: if you ask, we will
			 * release X to Y": the exception's own claim, read as a
			 * clause of its own (which runs to the end). */
			size_t seg = own_clause(r, &c, v);
			if (seg == (size_t)-1)
				continue;
			read_clause(r, seg, b);
			return;
		}
		/* One statement per action and verb position. */
		if (v->term == last_action && v->start == last_start)
			continue;
		last_action = v->term;
		last_start = v->start;
		/* "for collecting or selling it": a gerund's list is nouns */
		int noun = g_at(r, PL_GRAMMAR_NOUN, lookback(r, v->start),
				v->start) ||
			   (prev_noun >= 0 &&
			    g_at(r, PL_GRAMMAR_COORD, r->m[prev_noun].end,
				 v->start) &&
			    only_aux(r, r->m[prev_noun].end, v->start));
		if (noun)
			prev_noun = (long)i;
		if (noun || title_case(r, v) ||
		    g_at(r, PL_GRAMMAR_RELATIVE_SUBJECT, lookback(r, v->start),
			 v->start) ||
		    g_at(r, PL_GRAMMAR_FRAGMENT, a, v->start) ||
		    (v->form != PL_FORM_CONVERSE && reduced_relative(r, v)) ||
		    negated_infinitive(r, a, v))
			continue;
		pl_statement st;
		if (!build_statement(r, &c, i, &st))
			continue;
		push(r, &st);
		if (st.data.n)
			r->last_data = (long)r->out->count - 1;
		push_only_twin(r, &st);
		push_only_data_twin(r, &st, &c);
	}
}

/* "We will not share it with third parties, nor disclose it except as
 * described": an exception that names nothing holds for every denial of
 * its sentence. */
static void share_generic_carves(reader *r)
{
	int generic = 0;
	for (size_t i = r->sentence_first; i < r->out->count; i++)
		generic |= r->out->items[i].negative &&
			   r->out->items[i].carved_generic;
	for (size_t i = r->sentence_first; generic && i < r->out->count; i++)
		if (r->out->items[i].negative && !r->out->items[i].only_twin) {
			r->out->items[i].carved = 1;
			r->out->items[i].carved_generic = 1;
		}
}

static int begin_sentence(reader *r, size_t index)
{
	const pl_text *t = &r->sc->text;
	const pl_sentence *sent = &t->sentences[index];
	if (t->blocks[sent->block].kind == PL_BLOCK_HEADING)
		return 0;               /* a heading names a topic, claims none */
	r->s = t->prose + sent->start;
	r->len = trimmed_end(t, index) - sent->start;
	r->base = sent->start;
	r->index = index;
	/* a question claims nothing */
	return take_verbs(r, index) && r->len > 0 && r->s[r->len - 1] != '?';
}

/* Whether every verb of the sentence is plainly no claim (a noun, a
 * title, a relative clause's verb, a gerund): then its vocabularies need
 * not be matched.  The same tests read_clause and read_actor make. */
static int no_claim_possible(reader *r)
{
	for (size_t i = 0; i < r->nm; i++) {
		const cmatch *v = &r->m[i];
		size_t lb = lookback(r, v->start);
		int gerund = v->form != PL_FORM_CONVERSE &&
			     g_at(r, PL_GRAMMAR_GERUND, v->start, v->end) &&
			     !g_at(r, PL_GRAMMAR_PROGRESSIVE_AUX, lb, v->start);
		if (!(g_at(r, PL_GRAMMAR_NOUN, lb, v->start) ||
		      title_case(r, v) || gerund ||
		      g_at(r, PL_GRAMMAR_RELATIVE_SUBJECT, lb, v->start)))
			return 0;
	}
	return 1;
}

static void read_sentence(reader *r, size_t index)
{
	if (!begin_sentence(r, index) || no_claim_possible(r) ||
	    !match_sentence_vocab(r))
		return;
	qsort(r->m, r->nm, sizeof(*r->m), compare_matches);
	drop_overlaps(r);
	r->sentence_first = r->out->count;
	size_t a = 0, pos = 0, ms, me;
	while (pos < r->len &&
	       g_search(r, PL_GRAMMAR_CLAUSE, r->len, pos, &ms, &me)) {
		read_clause(r, a, ms);
		a = me > ms ? me : ms + 1;
		pos = a;
	}
	read_clause(r, a, r->len);
	share_generic_carves(r);
}

/* Whether sentence index (of verbs already taken) may hold a denial: an
 * inverse verb, or a word of negation, exception or "only". */
static int denial_cue(reader *r)
{
	const pl_terms *q = vocab(r, PL_VOCAB_QUALIFIER);
	for (size_t i = 0; i < r->nm; i++)
		if (r->m[i].form == PL_FORM_INVERSE)
			return 1;
	for (size_t t = 0; t < q->count; t++) {
		pl_qual_effect e = q->items[t].effect;
		if (e != PL_QUAL_NEGATION && e != PL_QUAL_OBJECT_NEG &&
		    e != PL_QUAL_ONLY && e != PL_QUAL_EXCEPTION)
			continue;
		const pl_patterns *ps = &q->items[t].patterns;
		for (size_t p = 0; p < ps->count; p++)
			if (pl_regex_test(ps->items[p].re, r->sc->ms, r->s,
					  r->len) == PL_MATCH_FOUND)
				return 1;
	}
	return g_at(r, PL_GRAMMAR_ONLY_DATA, 0, r->len);
}

/* The sentences worth reading: an affirmation matters only for an action
 * the policy denies somewhere, so a sentence is read when one of its
 * actions has a sentence with a denial cue, or when the next sentence is
 * read (it may refer back).  Cheap: a few patterns per sentence with a
 * verb, where reading one runs hundreds. */
static unsigned char *sentences_to_read(reader *r)
{
	const pl_text *t = &r->sc->text;
	size_t nact = vocab(r, PL_VOCAB_ACTION)->count;
	unsigned char *denied = pl_xcalloc(nact + 1, 1);
	unsigned char *read = pl_xcalloc(t->nsentences + 1, 1);
	for (size_t i = 0; i < t->nsentences; i++)
		if (begin_sentence(r, i) && denial_cue(r))
			for (size_t k = 0; k < r->nm; k++)
				denied[r->m[k].term] = 1;
	r->next_all = 0;
	for (size_t i = 0; i < t->nsentences; i++)
		for (size_t k = 0; begin_sentence(r, i) && k < r->nm; k++)
			read[i] |= denied[r->m[k].term];
	for (size_t i = 0; i + 1 < t->nsentences; i++)
		read[i] |= read[i + 1] & 1;   /* "... we do not sell it" */
	free(denied);
	r->next_all = 0;
	return read;
}

static size_t company_term(const pl_ruleset *rs)
{
	const pl_terms *q = &rs->vocab[PL_VOCAB_QUALIFIER];
	for (size_t i = 0; i < q->count; i++)
		if (q->items[i].effect == PL_QUAL_ACTOR)
			return i;
	return (size_t)-1;
}

void pl_statements_read(pl_scanner *sc, pl_statements *out, int all)
{
	out->count = 0;
	if (!sc->rs->grammar.loaded)
		return;
	reader r;
	memset(&r, 0, sizeof(r));
	r.sc = sc;
	r.rs = sc->rs;
	r.g = &sc->rs->grammar;
	r.out = out;
	r.last_data = -1;
	r.company_term = company_term(sc->rs);
	find_names(&r);
	index_text(&r);
	unsigned char *want = all ? NULL : sentences_to_read(&r);
	for (size_t s = 0; s < sc->text.nsentences; s++)
		if (want == NULL || want[s])
			read_sentence(&r, s);
	free(want);
	for (size_t i = 0; i < r.nnames; i++)
		free(r.names[i]);
	free(r.m);
	free(r.all);
	free(r.cv);
	free(r.placed);
}

void pl_statements_free(pl_statements *s)
{
	free(s->items);
	s->items = NULL;
	s->count = s->cap = 0;
}

int pl_statement_usable(const pl_statement *st)
{
	return st->unresolved == PL_UNRESOLVED_NONE;
}
