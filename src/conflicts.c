/*
 * conflicts.c: the statements of a policy that contradict each other.
 *
 * The reader (statements.c) turns the policy into statements; this file
 * compares them.  PolicyLint's contradictions mostly did not hold up
 * because it compared different actions, terms that did not really
 * overlap, and denials whose own qualifiers allowed the affirmation.  Here
 * a denial and an affirmation conflict only when:
 *
 *  - the action is the same (verbs of different actions are never
 *    compared: "never sell" and "we share" do not conflict);
 *  - the actor is the same (the company, or the same named party);
 *  - the affirmation's data lies inside the denial's, its recipients or
 *    places inside the denial's, its purposes inside the denial's;
 *  - the scopes meet: a denial about children, an e-mail or another
 *    website holds only there, one about "this website" also for a
 *    statement that names no product;
 *  - the denial's qualifiers do not exempt the affirmation: consent and
 *    other conditions (unless the affirmation says it holds whatever the
 *    person does), exceptions that name it, a purpose, the past, a
 *    hypothesis, a period the affirmation does not exceed;
 *  - the affirmation claims a present practice of its own (not a past
 *    one, a hypothesis, or a disclosure the law compels).
 *
 * A denial contradicted by several statements is one finding, with each
 * of them as a related location.  A sentence the page repeats word for
 * word (a notice printed twice, a layout that copies a paragraph) says
 * nothing new: a repeated denial is named in the first one's finding, and
 * a repeated affirmation is not listed again.
 */
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "statements.h"
#include "util.h"

typedef struct {
	const pl_ruleset *rs;
	const pl_statements *st;
	pl_scanner *sc;
} comparer;

static const pl_terms *vocab(const comparer *c, pl_vocab_kind k)
{
	return &c->rs->vocab[k];
}

/* The first pair (x in a, y in b) with x inside y; returns 1 and stores
 * them when there is one. */
static int find_inside(const pl_terms *v, const pl_termset *a,
		       const pl_termset *b, size_t *x, size_t *y)
{
	for (unsigned i = 0; i < a->n; i++)
		for (unsigned j = 0; j < b->n; j++)
			if (pl_term_inside(v, a->v[i], b->v[j])) {
				if (x)
					*x = a->v[i];
				if (y)
					*y = b->v[j];
				return 1;
			}
	return 0;
}

/* Whether ts holds a class broad enough to take in any outside party: a
 * root ("anyone") or a term with terms inside it ("third parties"). */
static int broad(const pl_terms *v, const pl_termset *ts)
{
	for (unsigned i = 0; i < ts->n; i++) {
		const pl_term *t = &v->items[ts->v[i]];
		if (t->nparents == 0 || t->has_children)
			return 1;
	}
	return 0;
}

/* ---- The parts of a statement ------------------------------------------ */

static int same_actor(const comparer *c, const pl_statement *aff,
		      const pl_statement *den)
{
	if (aff->actor == (size_t)-1 || den->actor == (size_t)-1)
		return aff->actor == den->actor;
	return pl_term_inside(vocab(c, PL_VOCAB_RECIPIENT), aff->actor,
			      den->actor);
}

static int data_inside(const comparer *c, const pl_statement *aff,
		       const pl_statement *den, size_t *dp, size_t *dn)
{
	if (aff->any_data)
		return 0;
	if (den->any_data && aff->data.n) {
		*dp = aff->data.v[0];
		*dn = (size_t)-1;
		return 1;
	}
	return find_inside(vocab(c, PL_VOCAB_DATA), &aff->data, &den->data,
			   dp, dn);
}

static int places_clash(const comparer *c, const pl_statement *aff,
			const pl_statement *den)
{
	const pl_terms *v = vocab(c, PL_VOCAB_PLACE);
	if (aff->targets.n == 0)
		return 0;
	if (!den->home)         /* "never to China": a destination */
		return den->targets.n == 0 ||
		       find_inside(v, &aff->targets, &den->targets, NULL, NULL);
	/* "never outside the EU": some destination lies outside home */
	for (unsigned i = 0; i < aff->targets.n; i++) {
		pl_termset one = {{aff->targets.v[i]}, 1};
		if (!find_inside(v, &one, &den->targets, NULL, NULL))
			return 1;
	}
	return 0;
}

static int targets_clash(const comparer *c, const pl_statement *aff,
			 const pl_statement *den, const pl_term *act,
			 size_t *rp)
{
	const pl_terms *v = vocab(c, PL_VOCAB_RECIPIENT);
	*rp = (size_t)-1;
	if (act->target == PL_TARGET_PLACES)
		return places_clash(c, aff, den);
	/* An action with no recipient of its own (tracking, collecting) may
	 * still be denied of one party only: "we do not use third-party
	 * cookies" says nothing of the site's own session cookie. */
	if (act->target == PL_TARGET_NONE)
		return den->targets.n == 0 ||
		       find_inside(v, &aff->targets, &den->targets, rp, NULL);
	if (den->targets.n == 0) {
		if (aff->targets.n)
			*rp = aff->targets.v[0];
		return 1;
	}
	if (aff->targets.n == 0)        /* sold to someone: an outsider */
		return act->implied_target && broad(v, &den->targets);
	return find_inside(v, &aff->targets, &den->targets, rp, NULL);
}

/* A denial scoped to children, an e-mail or another website holds only
 * there; one scoped to what the policy is about anyway ("this website")
 * also covers a statement that names no scope of that dimension. */
static int scopes_meet(const comparer *c, const pl_statement *aff,
		       const pl_statement *den)
{
	const pl_terms *v = vocab(c, PL_VOCAB_SCOPE);
	for (int d = 0; d < PL_SCOPE_DIMENSIONS; d++) {
		const pl_termset *ds = &den->scopes[d], *as = &aff->scopes[d];
		/* every scope of the denial holds at once: "pixels in our
		 * e-mails" is not broken by a pixel on the website */
		for (unsigned i = 0; i < ds->n; i++) {
			pl_termset one = {{ds->v[i]}, 1};
			if (as->n ? !find_inside(v, as, &one, NULL, NULL) :
				    !v->items[ds->v[i]].is_default)
				return 0;
		}
	}
	return 1;
}

/* Whether the denial's carve-outs make room for the affirmation. */
static int carved_for(const comparer *c, const pl_statement *aff,
		      const pl_statement *den)
{
	if (!den->carved)
		return 0;
	if (den->carved_generic)
		return 1;
	/* An affirmation that does not say to whom, or for what, may well be
	 * the case the exception allows. */
	if ((den->ex_targets.n && aff->targets.n == 0) ||
	    (den->ex_purposes.n && aff->purposes.n == 0))
		return 1;
	if (den->ex_targets.n &&
	    find_inside(vocab(c, PL_VOCAB_RECIPIENT), &aff->targets,
			&den->ex_targets, NULL, NULL))
		return 1;
	if (den->ex_targets.n && den->home &&
	    find_inside(vocab(c, PL_VOCAB_PLACE), &aff->targets,
			&den->ex_targets, NULL, NULL))
		return 1;
	if (den->ex_data.n && find_inside(vocab(c, PL_VOCAB_DATA), &aff->data,
					  &den->ex_data, NULL, NULL))
		return 1;
	if (den->ex_purposes.n &&
	    find_inside(vocab(c, PL_VOCAB_PURPOSE), &aff->purposes,
			&den->ex_purposes, NULL, NULL))
		return 1;
	return 0;
}

/* Whether the denial still claims something of the present that its
 * conditions do not let the affirmation through, and the affirmation
 * claims a present practice of its own. */
static int exempted(const comparer *c, const pl_statement *aff,
		    const pl_statement *den)
{
	/* "Without your consent", "unless you opt in": the affirmation may
	 * be that case, unless it says it holds whatever the person does. */
	if ((PL_STMT_HAS(den, PL_QUAL_CONSENT) ||
	     PL_STMT_HAS(den, PL_QUAL_CONDITION)) &&
	    !PL_STMT_HAS(aff, PL_QUAL_UNCONDITIONAL))
		return 1;
	if (PL_STMT_HAS(den, PL_QUAL_CIRCUMSTANCE) ||
	    PL_STMT_HAS(den, PL_QUAL_HYPOTHETICAL) ||
	    PL_STMT_HAS(den, PL_QUAL_PAST) || den->tense == PL_TENSE_PAST)
		return 1;
	/* A disclosure the law compels is no practice a promise of "never"
	 * is about; a hypothesis or the past is no present practice. */
	if (PL_STMT_HAS(aff, PL_QUAL_HYPOTHETICAL) ||
	    PL_STMT_HAS(aff, PL_QUAL_PAST) || PL_STMT_HAS(aff, PL_QUAL_LEGAL) ||
	    aff->tense == PL_TENSE_PAST || aff->only_unnamed)
		return 1;
	if (den->purposes.n &&
	    !find_inside(vocab(c, PL_VOCAB_PURPOSE), &aff->purposes,
			 &den->purposes, NULL, NULL))
		return 1;
	return !scopes_meet(c, aff, den) || carved_for(c, aff, den);
}

/* Periods (actions with `bounded_inverse`: retain).  "We do not keep X"
 * denies any keeping; "we delete X within 30 days" only keeping longer;
 * "we delete X" with no period only keeping without end. */
static int periods_clash(const pl_term *act, const pl_statement *aff,
			 const pl_statement *den)
{
	if (!act->bounded_inverse)
		return 1;
	const pl_limit *dl = &den->limit, *al = &aff->limit;
	switch (dl->kind) {
	case PL_LIMIT_NONE:
		return den->form != PL_FORM_INVERSE ||
		       al->kind == PL_LIMIT_UNBOUNDED;
	case PL_LIMIT_PERIOD:
		if (al->kind == PL_LIMIT_UNBOUNDED)
			return 1;
		if (al->kind == PL_LIMIT_PERIOD)
			return al->hours > dl->hours;
		/* "when you close it, we keep X": kept past the event */
		return al->kind == PL_LIMIT_NONE && al->after_event &&
		       dl->after_event && dl->hours == 0;
	case PL_LIMIT_UNBOUNDED:
		return al->kind == PL_LIMIT_UNBOUNDED;
	default:
		return 0;
	}
}

typedef struct {
	size_t dp, dn, rp;      /* the data and recipient that clash */
} clash_terms;

static int clash(const comparer *c, const pl_statement *aff,
		 const pl_statement *den, clash_terms *ct)
{
	const pl_term *act = &vocab(c, PL_VOCAB_ACTION)->items[aff->action];
	if (aff->sentence == den->sentence)
		return 0;       /* one sentence qualifying itself */
	return same_actor(c, aff, den) &&
	       data_inside(c, aff, den, &ct->dp, &ct->dn) &&
	       targets_clash(c, aff, den, act, &ct->rp) &&
	       periods_clash(act, aff, den) && !exempted(c, aff, den);
}

/* ---- Reporting ------------------------------------------------------------ */

static pl_location locate(const comparer *c, const pl_result *r,
			  const pl_statement *st)
{
	return pl_result_locate(r, &c->sc->text, st->start, st->end);
}

static const char *term_label(const comparer *c, pl_vocab_kind k, size_t t)
{
	return t == (size_t)-1 ? "any information" :
	       vocab(c, k)->items[t].label;
}

/* "says it sells usage data to data brokers"; a denial "only" implies
 * reads "says it sells only de-identified data". */
static char *describe(const comparer *c, const pl_statement *st, size_t data,
		      size_t rec)
{
	const pl_term *act = &vocab(c, PL_VOCAB_ACTION)->items[st->action];
	const char *verb = st->form == PL_FORM_INVERSE ? act->inverse_says :
			   st->negative && !st->only_twin ? act->denies :
			   act->says;
	if (st->only_twin) {
		if (st->ex_data.n)
			return pl_xasprintf("says it %s only %s", verb,
					    term_label(c, PL_VOCAB_DATA,
						       st->ex_data.v[0]));
		if (st->ex_targets.n && act->preposition)
			return pl_xasprintf("says it %s %s only %s %s", verb,
					    term_label(c, PL_VOCAB_DATA, data),
					    act->preposition,
					    term_label(c, PL_VOCAB_RECIPIENT,
						       st->ex_targets.v[0]));
		if (st->ex_purposes.n)
			return pl_xasprintf("says it %s %s only for %s", verb,
					    term_label(c, PL_VOCAB_DATA, data),
					    term_label(c, PL_VOCAB_PURPOSE,
						       st->ex_purposes.v[0]));
		return pl_xasprintf("says it %s %s only when you choose", verb,
				    term_label(c, PL_VOCAB_DATA, data));
	}
	const char *dl = term_label(c, PL_VOCAB_DATA, data);
	if (rec == (size_t)-1 || act->preposition == NULL)
		return pl_xasprintf("says it %s %s", verb, dl);
	return pl_xasprintf("says it %s %s %s %s", verb, dl, act->preposition,
			    term_label(c, PL_VOCAB_RECIPIENT, rec));
}

/* The affirmations that contradict one denial. */
typedef struct {
	const pl_statement *aff;
	clash_terms ct;
} contra;

/* Whether two statements stand in sentences of the same words. */
static int same_words(const comparer *c, const pl_statement *a,
		      const pl_statement *b)
{
	if (a->sentence == b->sentence)
		return 1;
	const pl_text *t = &c->sc->text;
	const pl_sentence *x = &t->sentences[a->sentence];
	const pl_sentence *y = &t->sentences[b->sentence];
	size_t n = x->end - x->start;
	return n == y->end - y->start &&
	       memcmp(t->prose + x->start, t->prose + y->start, n) == 0;
}

static void report(const comparer *c, pl_result *r, const pl_rule *rule,
		   const pl_statement *den, const contra *cs, size_t n,
		   const pl_statement *const *repeats, size_t nrepeats)
{
	char *dneg = describe(c, den, cs[0].ct.dn, (size_t)-1);
	char *dpos = describe(c, cs[0].aff, cs[0].ct.dp, cs[0].ct.rp);
	pl_location at = locate(c, r, den);
	pl_location first = locate(c, r, cs[0].aff);
	pl_buf msg;
	pl_buf_init(&msg);
	pl_buf_printf(&msg, "%s (line %lu), but %s (line %lu)", dneg, at.line,
		      dpos, first.line);
	if (n > 1) {
		pl_buf_printf(&msg, ", and %zu more statement%s (line%s", n - 1,
			      n > 2 ? "s" : "", n > 2 ? "s" : "");
		for (size_t i = 1; i < n; i++)
			pl_buf_printf(&msg, "%s %lu", i > 1 ? "," : "",
				      locate(c, r, cs[i].aff).line);
		pl_buf_puts(&msg, ")");
	}
	if (nrepeats) {
		pl_buf_printf(&msg, "; the same sentence is repeated at line%s",
			      nrepeats > 1 ? "s" : "");
		for (size_t i = 0; i < nrepeats; i++)
			pl_buf_printf(&msg, "%s %lu", i ? "," : "",
				      locate(c, r, repeats[i]).line);
	}
	pl_finding *fd = pl_result_add_finding(r, rule->id, PL_KIND_CONFLICT,
					       rule->severity, rule->area,
					       at.offset, at.length, msg.data);
	pl_buf_free(&msg);
	for (size_t i = 0; i < n; i++) {
		char *d = i ? describe(c, cs[i].aff, cs[i].ct.dp, cs[i].ct.rp) :
			      pl_xstrdup(dpos);
		pl_location l = locate(c, r, cs[i].aff);
		l.message = pl_xasprintf("the statement that contradicts it: %s",
					 d);
		pl_finding_add_related(fd, &l);
		free(l.message);
		free(d);
	}
	free(dpos);
	free(dneg);
}

/* The conflict rule that covers an action, or NULL. */
static const pl_rule *rule_for(const pl_ruleset *rs, size_t action,
			       const pl_scan_options *opts, const pl_rule *only)
{
	for (size_t i = 0; i < rs->nrules; i++) {
		const pl_rule *ru = &rs->rules[i];
		if (ru->kind != PL_RULE_CONFLICT || (only && ru != only) ||
		    (opts && pl_id_listed(opts->disabled, opts->ndisabled, ru->id)))
			continue;
		for (size_t k = 0; k < ru->actions.count; k++)
			if (ru->actions.index && ru->actions.index[k] == action)
				return ru;
	}
	return NULL;
}

/* ---- Driver ---------------------------------------------------------------- */

/* One related location per sentence, and per wording repeated: its
 * clauses and verbs say one thing. */
static int already(const comparer *c, const contra *cs, size_t n,
		   const pl_statement *aff)
{
	for (size_t i = 0; i < n; i++)
		if (same_words(c, cs[i].aff, aff))
			return 1;
	return 0;
}

/* The affirmations of one action that contradict the denials of one
 * clause ("we do not sell, rent or lease" is three denials). */
static size_t gather_contra(const comparer *c, size_t action, size_t from,
			    size_t to, contra **cs, size_t *cap)
{
	size_t n = 0;
	for (size_t i = 0; i < c->st->count; i++) {
		const pl_statement *aff = &c->st->items[i];
		if (aff->action != action || aff->negative ||
		    already(c, *cs, n, aff))
			continue;
		for (size_t k = from; k < to; k++) {
			const pl_statement *den = &c->st->items[k];
			contra x = {aff, {0, 0, 0}};
			if (den->negative && den->action == action &&
			    pl_statement_usable(den) && clash(c, aff, den, &x.ct)) {
				PL_PUSH(*cs, n, *cap, x);
				break;
			}
		}
	}
	return n;
}

/* Compares the denials of one action with its affirmations; the first
 * `compared-denials` denials take part, so the work stays linear. */
static size_t compare_action(const comparer *c, size_t action,
			     const pl_rule *rule, pl_result *r)
{
	size_t found = 0, seen = 0;
	size_t bound = c->rs->grammar.distance[PL_DIST_COMPARED];
	contra *cs = NULL;
	size_t cap = 0;
	const pl_statement **reported = NULL, **repeats = NULL;
	size_t nreported = 0, reported_cap = 0, nrepeats = 0, repeats_cap = 0;
	const pl_statements *s = c->st;
	for (size_t i = 0; i < s->count && seen < bound; i++) {
		const pl_statement *den = &s->items[i];
		if (den->action != action || !den->negative ||
		    !pl_statement_usable(den))
			continue;
		int repeated = 0;
		for (size_t k = 0; k < nreported && !repeated; k++)
			repeated = reported[k]->sentence != den->sentence &&
				   same_words(c, reported[k], den);
		if (repeated)
			continue;       /* named in the first one's finding */
		/* the denials of this clause and action, once */
		int earlier = 0;
		for (size_t k = i; k-- > 0 && s->items[k].start == den->start;)
			earlier |= s->items[k].action == action &&
				   s->items[k].negative &&
				   pl_statement_usable(&s->items[k]);
		if (earlier)
			continue;
		seen++;
		size_t to = i + 1;
		while (to < s->count && s->items[to].start == den->start)
			to++;
		size_t n = gather_contra(c, action, i, to, &cs, &cap);
		if (n == 0)
			continue;
		/* The later sentences of the same words, once each. */
		nrepeats = 0;
		for (size_t k = to; k < s->count; k++) {
			const pl_statement *o = &s->items[k];
			if (o->action != action || !o->negative ||
			    o->sentence == den->sentence ||
			    (nrepeats && o->sentence == repeats[nrepeats - 1]->sentence) ||
			    !same_words(c, den, o))
				continue;
			PL_PUSH(repeats, nrepeats, repeats_cap, o);
		}
		PL_PUSH(reported, nreported, reported_cap, den);
		if (r)
			report(c, r, rule, den, cs, n, repeats, nrepeats);
		found++;
	}
	free(cs);
	free(reported);
	free(repeats);
	return found;
}

/* Keeps the statements in r for the `statements` format. */
static void keep_statements(const comparer *c, pl_result *r)
{
	const pl_statements *s = c->st;
	free(r->statements);
	r->statements = pl_xcalloc(s->count + 1, sizeof(*r->statements));
	r->nstatements = s->count;
	for (size_t i = 0; i < s->count; i++) {
		pl_located_statement *ls = &r->statements[i];
		const pl_statement *st = &s->items[i];
		const pl_text *t = &c->sc->text;
		ls->st = *st;
		ls->clause = pl_result_locate(r, t, st->start, st->end);
		ls->verb = pl_result_locate(r, t, st->verb_start, st->verb_end);
		if (st->unresolved == PL_UNRESOLVED_WORDS)
			ls->unread = pl_result_locate(r, t, st->unread_start,
						      st->unread_end);
		if (st->refers_to >= 0) {
			size_t at = t->sentences[st->refers_to].start;
			ls->refers_to_line = pl_result_locate(r, t, at, at + 1).line;
		}
	}
}

static size_t run(pl_scanner *sc, pl_result *r, const pl_scan_options *opts,
		  const pl_rule *only)
{
	const pl_ruleset *rs = sc->rs;
	size_t nactions = rs->vocab[PL_VOCAB_ACTION].count, found = 0;
	int any = 0, keep = r && opts && opts->statements;
	for (size_t a = 0; a < nactions; a++)
		any |= rule_for(rs, a, opts, only) != NULL;
	if (!any && !keep)
		return 0;
	pl_statements st = {0};
	pl_statements_read(sc, &st, keep);
	comparer c = {rs, &st, sc};
	for (size_t a = 0; a < nactions; a++) {
		const pl_rule *rule = rule_for(rs, a, opts, only);
		if (rule)
			found += compare_action(&c, a, rule, r);
	}
	if (keep)
		keep_statements(&c, r);
	pl_statements_free(&st);
	return found;
}

void pl_conflicts_find(pl_scanner *sc, pl_result *r,
		       const pl_scan_options *opts)
{
	run(sc, r, opts, NULL);
}

size_t pl_conflicts_count(pl_scanner *sc, const pl_rule *rule)
{
	return run(sc, NULL, NULL, rule);
}
