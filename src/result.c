/*
 * result.c: the pl_result of one policy, from creation to free: its line
 * index (byte offsets become line:column only here), its findings (added,
 * dropped, sorted in source order, re-graded by configuration) and their
 * fingerprints, which match findings across versions of a file whatever
 * the line numbers.  Every stage that adds or edits findings goes through
 * these functions.
 */
#include <stdlib.h>
#include <string.h>

#include "result.h"
#include "util.h"

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

pl_result *pl_result_new(const char *display_name, char *src, size_t len)
{
	pl_result *r = pl_xcalloc(1, sizeof(*r));
	r->path = pl_xstrdup(display_name);
	r->src = src;
	r->src_len = len;
	r->fail_level = PL_SEV_WARNING;
	index_lines(r);
	return r;
}

pl_location pl_result_locate(const pl_result *r, const pl_text *t,
			     size_t start, size_t end)
{
	pl_location loc = {0};
	loc.offset = pl_text_range_to_src(t, start, end, &loc.length);
	pl_result_position(r, loc.offset, &loc.line, &loc.column);
	return loc;
}

pl_finding *pl_result_add_finding(pl_result *r, const char *rule,
				  pl_finding_kind kind, pl_severity sev,
				  pl_area area, size_t offset, size_t length,
				  const char *message)
{
	pl_finding f = {0};
	f.rule = rule;
	f.kind = kind;
	f.severity = sev;
	f.area = area;
	f.message = pl_xstrdup(message ? message : "");
	if (offset > r->src_len)
		offset = r->src_len;
	if (length > r->src_len - offset)
		length = r->src_len - offset;
	f.loc.offset = offset;
	f.loc.length = length;
	pl_result_position(r, offset, &f.loc.line, &f.loc.column);
	PL_PUSH(r->findings, r->nfindings, r->findings_cap, f);
	return &r->findings[r->nfindings - 1];
}

void pl_finding_add_related(pl_finding *f, const pl_location *loc)
{
	f->related = pl_xrealloc(f->related,
				 (f->nrelated + 1) * sizeof(*f->related));
	pl_location l = *loc;
	l.message = loc->message ? pl_xstrdup(loc->message) : NULL;
	f->related[f->nrelated++] = l;
}

/* Frees what a finding owns (not the finding itself). */
static void finding_clear(pl_finding *f)
{
	free(f->rules);
	free(f->message);
	free(f->loc.message);
	for (size_t k = 0; k < f->nrelated; k++)
		free(f->related[k].message);
	free(f->related);
}

void pl_result_remove_finding(pl_result *r, size_t i)
{
	if (i >= r->nfindings)
		return;
	pl_finding *f = &r->findings[i];
	finding_clear(f);
	memmove(f, f + 1, (r->nfindings - i - 1) * sizeof(*f));
	r->nfindings--;
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

void pl_result_sort_findings(pl_result *r)
{
	if (r->nfindings > 1)
		qsort(r->findings, r->nfindings, sizeof(*r->findings),
		      compare_findings);
}

void pl_result_set_severity(pl_result *r, const char *rule, pl_severity sev)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].rule, rule) == 0)
			r->findings[i].severity = sev;
}

/* FNV-1a, 64 bits: stable across platforms, enough to tell findings of
 * one file apart. */
#define FNV_OFFSET 14695981039346656037ULL
#define FNV_PRIME 1099511628211ULL

static unsigned long long fnv(unsigned long long h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= FNV_PRIME;
	}
	return h;
}

static int is_word_byte(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Hashes text as its words, lower-cased, one space apart: re-wrapping a
 * paragraph or changing markup around it keeps the fingerprint. */
static unsigned long long hash_words(unsigned long long h, const char *s,
				     size_t n)
{
	int pending_space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_word_byte(c)) {
			pending_space = 1;
			continue;
		}
		if (pending_space) {
			h = fnv(h, " ", 1);
			pending_space = 0;
		}
		char lc = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
		h = fnv(h, &lc, 1);
	}
	return h;
}

unsigned long long pl_finding_fingerprint(const pl_result *r,
					  const pl_finding *f)
{
	unsigned long long h = FNV_OFFSET;
	h = fnv(h, f->rule, strlen(f->rule) + 1);
	const char *kind = pl_finding_kind_name(f->kind);
	h = fnv(h, kind, strlen(kind) + 1);
	const char *area = pl_area_name(f->area);
	h = fnv(h, area, strlen(area) + 1);
	if (f->loc.length > 0 && f->loc.offset + f->loc.length <= r->src_len)
		h = hash_words(h, r->src + f->loc.offset, f->loc.length);
	/* A conflict is the pair: the other statement counts too. */
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		if (l->path == NULL && l->length > 0 &&
		    l->offset + l->length <= r->src_len) {
			h = fnv(h, "\n", 1);
			h = hash_words(h, r->src + l->offset, l->length);
		}
	}
	return h;
}

void pl_result_free(pl_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nfindings; i++)
		finding_clear(&r->findings[i]);
	for (int a = 0; a < PL_AREA_COUNT; a++)
		free(r->areas[a].evidence);
	for (size_t i = 0; i < r->ncoverage; i++) {
		pl_coverage *c = &r->coverage[i];
		free(c->met);
		free(c->missing);
		free(c->not_applicable);
		free(c->why.message);
		for (size_t k = 0; k < c->nnot_applicable; k++)
			free(c->why_not[k].message);
		free(c->why_not);
	}
	free(r->coverage);
	free(r->statements);
	for (size_t i = 0; i < r->ndocuments; i++)
		free(r->documents[i]);
	free(r->documents);
	free(r->findings);
	free(r->line_starts);
	free(r->path);
	free(r->src);
	free(r);
}

/* ---- Reading a result ------------------------------------------------ */

const char *pl_result_path(const pl_result *r)
{
	return r->path;
}

pl_input_format pl_result_format(const pl_result *r)
{
	return r->format;
}

size_t pl_result_source_length(const pl_result *r)
{
	return r->src_len;
}

size_t pl_result_finding_count(const pl_result *r)
{
	return r->nfindings;
}

const pl_finding *pl_result_finding(const pl_result *r, size_t i)
{
	return i < r->nfindings ? &r->findings[i] : NULL;
}

int pl_result_disclosed(const pl_result *r, pl_area area)
{
	return (unsigned)area < PL_AREA_COUNT && r->areas[area].disclosed;
}

size_t pl_result_evidence_count(const pl_result *r, pl_area area)
{
	return (unsigned)area < PL_AREA_COUNT ? r->areas[area].count : 0;
}

const pl_evidence *pl_result_evidence(const pl_result *r, pl_area area,
				      size_t i)
{
	if ((unsigned)area >= PL_AREA_COUNT || i >= r->areas[area].count)
		return NULL;
	return &r->areas[area].evidence[i];
}

size_t pl_result_coverage_count(const pl_result *r)
{
	return r->ncoverage;
}

const pl_coverage *pl_result_coverage(const pl_result *r, size_t i)
{
	return i < r->ncoverage ? &r->coverage[i] : NULL;
}

int pl_result_fails(const pl_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if ((int)r->findings[i].severity >= r->fail_level)
			return 1;
	return 0;
}
