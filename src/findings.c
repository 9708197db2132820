/*
 * findings.c: editing a pl_result after the scan: the stages that run after
 * pl_scan (inline directives, --against, baselines, configured severities)
 * add, drop and re-sort findings with these, and match findings across
 * versions of a file by a fingerprint that ignores line numbers.
 */
#include <stdlib.h>
#include <string.h>

#include "policylint.h"
#include "util.h"

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

void pl_finding_add_related(const pl_result *r, pl_finding *f,
			    const pl_location *loc)
{
	(void)r;
	f->related = pl_xrealloc(f->related,
				 (f->nrelated + 1) * sizeof(*f->related));
	pl_location l = *loc;
	l.message = loc->message ? pl_xstrdup(loc->message) : NULL;
	f->related[f->nrelated++] = l;
}

void pl_result_remove_finding(pl_result *r, size_t i)
{
	if (i >= r->nfindings)
		return;
	pl_finding *f = &r->findings[i];
	free(f->message);
	free(f->loc.message);
	for (size_t k = 0; k < f->nrelated; k++)
		free(f->related[k].message);
	free(f->related);
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
