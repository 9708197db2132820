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
#include "words.h"

/* Bytes between two marks of the character-count table. */
#define MARK_STEP 1024

/* UTF-8 characters in src[0..offset), from the nearest mark before it: a
 * position costs at most MARK_STEP bytes of counting, however long its
 * line (one 20 MB line once made every position count from its start). */
static size_t chars_before(const pl_result *r, size_t offset)
{
	size_t k = offset / MARK_STEP;
	return r->char_marks[k] +
	       pl_utf8_count(r->src + k * MARK_STEP, offset - k * MARK_STEP);
}

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
	size_t chars = offset - start <= MARK_STEP ?
			       pl_utf8_count(r->src + start, offset - start) :
			       chars_before(r, offset) - chars_before(r, start);
	*line = (unsigned long)lo + 1;
	*column = (unsigned long)chars + 1;
}

/* The character count at every MARK_STEP bytes, in one pass. */
static void index_chars(pl_result *r)
{
	size_t n = r->src_len / MARK_STEP + 1;
	free(r->char_marks);
	r->char_marks = pl_xmalloc(n * sizeof(*r->char_marks));
	r->char_marks[0] = 0;
	for (size_t k = 1; k < n; k++)
		r->char_marks[k] = r->char_marks[k - 1] +
				   pl_utf8_count(r->src + (k - 1) * MARK_STEP,
						 MARK_STEP);
}

/* Where every line begins: after "\n", "\r\n" and a lone "\r" alike. */
static void index_lines(pl_result *r)
{
	size_t cap = 0;
	PL_PUSH(r->line_starts, r->nlines, cap, (size_t)0);
	size_t i = 0, n = r->src_len;
	while ((i = pl_line_end(r->src, i, n)) < n) {
		i = pl_line_next(r->src, i, n);
		PL_PUSH(r->line_starts, r->nlines, cap, i);
	}
	index_chars(r);
}

static void reposition(const pl_result *r, pl_location *l)
{
	if (l->path == NULL)
		pl_result_position(r, l->offset, &l->line, &l->column);
}

void pl_result_reindex(pl_result *r)
{
	index_chars(r);
	for (size_t i = 0; i < r->nfindings; i++) {
		pl_finding *f = &r->findings[i];
		reposition(r, &f->loc);
		for (size_t k = 0; k < f->nrelated; k++)
			reposition(r, &f->related[k]);
	}
	for (int a = 0; a < PL_AREA_COUNT; a++)
		for (size_t i = 0; i < r->areas[a].count; i++)
			reposition(r, &r->areas[a].evidence[i].loc);
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

void pl_result_drop_findings(pl_result *r, const unsigned char *drop)
{
	size_t kept = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (drop[i])
			finding_clear(&r->findings[i]);
		else
			r->findings[kept++] = r->findings[i];
	}
	r->nfindings = kept;
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

/* What every fingerprint starts with: the rule, kind and area. */
static unsigned long long fingerprint_head(const pl_finding *f)
{
	unsigned long long h = FNV_OFFSET;
	h = fnv(h, f->rule, strlen(f->rule) + 1);
	const char *kind = pl_finding_kind_name(f->kind);
	h = fnv(h, kind, strlen(kind) + 1);
	const char *area = pl_area_name(f->area);
	return fnv(h, area, strlen(area) + 1);
}

/* Whether l is a range of r's own input. */
static int local_text(const pl_result *r, const pl_location *l)
{
	return l->path == NULL && l->length > 0 &&
	       l->offset + l->length <= r->src_len;
}

/* The words a location covers, as a reader sees them (words.c). */
static unsigned long long location_words(const pl_result *r,
					 const pl_location *l)
{
	return pl_words_hash(PL_WORDS_SEED, r->src + l->offset, l->length,
			     pl_words_markup_for(r->format));
}

static int compare_hashes(const void *a, const void *b)
{
	unsigned long long x = *(const unsigned long long *)a,
			   y = *(const unsigned long long *)b;
	return x < y ? -1 : x > y;
}

/* Version 2 (baseline format 2).  A missing or incomplete finding is one
 * per rule and file, so its rule alone names it: where a require-if rule
 * is triggered moves with every edit above it.  Any other finding adds
 * the words it points at (never line numbers, spacing, quote or dash
 * styles, emphasis or link targets), and a conflict the words of both
 * statements in either order, so that moving them keeps the pair. */
unsigned long long pl_finding_fingerprint(const pl_result *r,
					  const pl_finding *f)
{
	unsigned long long h = fingerprint_head(f);
	if (f->kind == PL_KIND_MISSING || f->kind == PL_KIND_INCOMPLETE)
		return h;
	size_t n = 0;
	unsigned long long *parts = pl_xmalloc((f->nrelated + 1) * sizeof(*parts));
	if (local_text(r, &f->loc))
		parts[n++] = location_words(r, &f->loc);
	for (size_t k = 0; k < f->nrelated; k++)
		if (f->kind == PL_KIND_CONFLICT && local_text(r, &f->related[k]))
			parts[n++] = location_words(r, &f->related[k]);
	if (n > 1)
		qsort(parts, n, sizeof(*parts), compare_hashes);
	for (size_t k = 0; k < n; k++) {
		unsigned char bytes[8];
		for (int i = 0; i < 8; i++)
			bytes[i] = (unsigned char)(parts[k] >> (56 - 8 * i));
		h = fnv(h, (const char *)bytes, sizeof bytes);
	}
	free(parts);
	return h;
}

/* ---- Version 1, for baselines written before format 2 ---------------- */

static int is_word_byte_v1(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c >= 0x80;
}

/* Hashes raw bytes as words, lower-cased, one space apart. */
static unsigned long long hash_words_v1(unsigned long long h, const char *s,
					size_t n)
{
	int pending_space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!is_word_byte_v1(c)) {
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

unsigned long long pl_finding_fingerprint_v1(const pl_result *r,
					     const pl_finding *f)
{
	unsigned long long h = fingerprint_head(f);
	if (f->loc.length > 0 && f->loc.offset + f->loc.length <= r->src_len)
		h = hash_words_v1(h, r->src + f->loc.offset, f->loc.length);
	for (size_t k = 0; k < f->nrelated; k++) {
		const pl_location *l = &f->related[k];
		if (local_text(r, l)) {
			h = fnv(h, "\n", 1);
			h = hash_words_v1(h, r->src + l->offset, l->length);
		}
	}
	return h;
}

pl_change *pl_result_add_change(pl_result *r, pl_change_kind kind,
				pl_area area, const char *subject,
				const char *text, const char *before,
				const char *after)
{
	pl_change c = {0};
	c.kind = kind;
	c.area = area;
	c.subject = subject;
	c.text = pl_xstrdup(text ? text : "");
	c.before = before ? pl_xstrdup(before) : NULL;
	c.after = after ? pl_xstrdup(after) : NULL;
	PL_PUSH(r->changes, r->nchanges, r->changes_cap, c);
	return &r->changes[r->nchanges - 1];
}

static int compare_changes(const void *a, const void *b)
{
	const pl_change *x = a, *y = b;
	if (x->area != y->area)
		return (int)x->area - (int)y->area;
	if (x->loc.offset != y->loc.offset)
		return x->loc.offset < y->loc.offset ? -1 : 1;
	if (x->old.offset != y->old.offset)
		return x->old.offset < y->old.offset ? -1 : 1;
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return strcmp(x->text, y->text);
}

void pl_result_sort_changes(pl_result *r)
{
	if (r->nchanges > 1)
		qsort(r->changes, r->nchanges, sizeof(*r->changes),
		      compare_changes);
}

void pl_result_free(pl_result *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->nchanges; i++) {
		free(r->changes[i].text);
		free(r->changes[i].before);
		free(r->changes[i].after);
		free(r->changes[i].loc.message);
		free(r->changes[i].old.message);
	}
	free(r->changes);
	free(r->hits);
	free(r->against_name);
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
	free(r->char_marks);
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

size_t pl_result_change_count(const pl_result *r)
{
	return r->nchanges;
}

const pl_change *pl_result_change(const pl_result *r, size_t i)
{
	return i < r->nchanges ? &r->changes[i] : NULL;
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
