/*
 * notice.c: several documents judged as one notice.
 *
 * A privacy policy often leaves part of what the law asks to a cookie
 * policy or a California notice it links to.  Judged alone it would miss
 * what those hold; judged as a set, a requirement is met when any
 * document of the set meets it.  The main document's result takes the
 * set's verdict: its evidence gains the other documents' (pointing into
 * their files), its coverage moves what they meet to `met`, and its
 * missing findings go unless the whole set lacks them, in which case the
 * finding names the set.  The other documents' own findings (wording,
 * contradictions) stay theirs, reported when they are linted.
 */
#include <stdlib.h>
#include <string.h>

#include "notice.h"
#include "util.h"

static int listed_in(const char *const *ids, size_t n, const char *id)
{
	return pl_id_listed(ids, n, id);
}

/* Whether rule id is met by some document of the set, in any profile. */
static int met_elsewhere(pl_result *const *docs, size_t n, const char *id)
{
	for (size_t d = 0; d < n; d++)
		for (size_t p = 0; p < docs[d]->ncoverage; p++)
			if (listed_in(docs[d]->coverage[p].met,
				      docs[d]->coverage[p].nmet, id))
				return 1;
	return 0;
}

static int finding_met_elsewhere(pl_result *const *docs, size_t n,
				 const pl_finding *f)
{
	if (met_elsewhere(docs, n, f->rule))
		return 1;
	for (size_t i = 0; i < f->nrules; i++)
		if (met_elsewhere(docs, n, f->rules[i]))
			return 1;
	return 0;
}

static void remove_id(const char **ids, size_t *n, size_t i)
{
	memmove(ids + i, ids + i + 1, (*n - i - 1) * sizeof(*ids));
	(*n)--;
}

/* Requirements the main document misses, or that do not apply to it,
 * move to met when another document meets them. */
static void merge_coverage(pl_result *r, pl_result *const *docs, size_t n)
{
	for (size_t p = 0; p < r->ncoverage; p++) {
		pl_coverage *c = &r->coverage[p];
		if (!c->applies)
			continue;
		for (size_t i = 0; i < c->nmissing;) {
			if (!met_elsewhere(docs, n, c->missing[i])) {
				i++;
				continue;
			}
			c->met = pl_xrealloc(c->met, (c->nmet + 1) * sizeof(*c->met));
			c->met[c->nmet++] = c->missing[i];
			remove_id(c->missing, &c->nmissing, i);
		}
		for (size_t i = 0; i < c->nnot_applicable;) {
			if (!met_elsewhere(docs, n, c->not_applicable[i])) {
				i++;
				continue;
			}
			c->met = pl_xrealloc(c->met, (c->nmet + 1) * sizeof(*c->met));
			c->met[c->nmet++] = c->not_applicable[i];
			free(c->why_not[i].message);
			memmove(c->why_not + i, c->why_not + i + 1,
				(c->nnot_applicable - i - 1) * sizeof(*c->why_not));
			remove_id(c->not_applicable, &c->nnot_applicable, i);
		}
	}
}

void pl_result_merge_notice(pl_result *r, pl_result *const *docs, size_t n)
{
	if (n == 0)
		return;
	for (size_t d = 0; d < n; d++)
		PL_PUSH(r->documents, r->ndocuments, r->documents_cap,
			pl_xstrdup(docs[d]->path));
	/* Evidence: every document's, each pointing into its own file. */
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		pl_area_result *ar = &r->areas[a];
		for (size_t d = 0; d < n; d++) {
			const pl_area_result *o = &docs[d]->areas[a];
			for (size_t k = 0; k < o->count; k++) {
				pl_evidence e = o->evidence[k];
				e.loc.path = r->documents[r->ndocuments - n + d];
				PL_PUSH(ar->evidence, ar->count, ar->cap, e);
			}
			ar->disclosed |= o->disclosed;
		}
	}
	merge_coverage(r, docs, n);
	/* What the set meets is no finding; what it lacks is the set's. */
	pl_buf set;
	pl_buf_init(&set);
	pl_buf_puts(&set, r->path);
	for (size_t d = 0; d < n; d++)
		pl_buf_printf(&set, ", %s", docs[d]->path);
	for (size_t i = 0; i < r->nfindings;) {
		pl_finding *f = &r->findings[i];
		if (f->kind != PL_KIND_MISSING && f->kind != PL_KIND_INCOMPLETE) {
			i++;
			continue;
		}
		if (finding_met_elsewhere(docs, n, f)) {
			pl_result_remove_finding(r, i);
			continue;
		}
		if (f->kind == PL_KIND_MISSING) {
			char *m = pl_xasprintf("%s, in any document of the notice "
					       "(%s)", f->message, set.data);
			free(f->message);
			f->message = m;
		}
		i++;
	}
	pl_buf_free(&set);
}

void pl_result_drop_requirements(pl_result *r)
{
	for (size_t i = 0; i < r->nfindings;) {
		pl_finding_kind k = r->findings[i].kind;
		if (k == PL_KIND_MISSING || k == PL_KIND_INCOMPLETE)
			pl_result_remove_finding(r, i);
		else
			i++;
	}
}
