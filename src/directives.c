/*
 * directives.c: inline suppression comments (see policylint.h and
 * policylint(1)).
 *
 * Directives are found in the raw input, before any extraction, and
 * applied to the findings after the scan, by line: a finding is suppressed
 * when the line it starts on is covered by a directive naming its rule (or
 * naming none).  Every directive, and every ID of it, remembers whether it
 * suppressed something; the ones that did not become `unused-directive`
 * findings, so that stale suppressions get noticed and removed.
 *
 * Everything here is linear in the input, the directives and the findings
 * (up to sorting): a policy may carry tens of thousands of directives.
 * Lines are counted as the result counts them (pl_line_end).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "builtins.h"
#include "directives.h"
#include "rules.h"
#include "util.h"

typedef enum {
	CMD_DISABLE_FILE,
	CMD_DISABLE,
	CMD_ENABLE,
	CMD_DISABLE_NEXT_LINE,
	CMD_DISABLE_LINE,
	CMD_UNKNOWN
} command;

static const char *const command_names[] = {
	"disable-file", "disable", "enable", "disable-next-line",
	"disable-line"};

typedef struct {
	command cmd;
	char *name;             /* as written, e.g. "policylint-disable" */
	char **ids;             /* NULL: every rule */
	unsigned char *used;    /* one flag per id, or used[0] for all */
	size_t nids;
	size_t offset, length;  /* the comment or line in the input */
	size_t first_line, last_line;       /* 1-based, of the comment */
	size_t *keys;           /* the number of each id (number_ids) */
	size_t from, to;        /* the lines it covers, inclusive */
	int closed_something;   /* enable: it ended a region */
} directive;

/* A masked range of plain text and the bytes it held. */
typedef struct {
	size_t offset;
	char *saved;
	size_t len;
} masked;

struct pl_directives {
	directive *items;
	size_t count, cap;
	masked *masks;
	size_t nmasks, masks_cap;
	/* While parsing: where each line of the input begins. */
	size_t *starts;
	size_t nstarts, starts_cap;
	/* next_nonblank_line's last answer (queries come in order). */
	size_t memo_line, memo_next;
	/* Every id named, sorted, once each (not owned). */
	char **names;
	size_t nnames;
};

/* ---- Parsing ------------------------------------------------------------ */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static void index_lines(pl_directives *ds, const char *src, size_t len)
{
	size_t i = 0;
	PL_PUSH(ds->starts, ds->nstarts, ds->starts_cap, (size_t)0);
	while ((i = pl_line_end(src, i, len)) < len) {
		i = pl_line_next(src, i, len);
		PL_PUSH(ds->starts, ds->nstarts, ds->starts_cap, i);
	}
}

/* The 1-based line of byte off: a binary search of the line index. */
static size_t line_of(const pl_directives *ds, size_t off)
{
	size_t lo = 0, hi = ds->nstarts;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (ds->starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return lo + 1;
}

/* Splits "NAME ID,ID -- reason" (already trimmed, starting with
 * "policylint-") into a directive. */
static void parse_body(directive *d, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && !is_space(s[i]))
		i++;
	d->name = pl_xstrndup(s, i);
	const char *cmd = d->name + strlen("policylint-");
	d->cmd = CMD_UNKNOWN;
	for (int c = 0; c < CMD_UNKNOWN; c++)
		if (strcmp(cmd, command_names[c]) == 0)
			d->cmd = (command)c;
	size_t cap = 0;
	while (i < n) {
		while (i < n && (is_space(s[i]) || s[i] == ','))
			i++;
		if (i + 1 < n && s[i] == '-' && s[i + 1] == '-' &&
		    (i + 2 == n || is_space(s[i + 2])))
			break;  /* the reason follows */
		size_t start = i;
		while (i < n && !is_space(s[i]) && s[i] != ',')
			i++;
		if (i > start)
			PL_PUSH(d->ids, d->nids, cap, pl_xstrndup(s + start, i - start));
	}
	d->used = pl_xcalloc(d->nids ? d->nids : 1, 1);
}

static void add_directive(pl_directives *ds, size_t off, size_t len,
			  const char *body, size_t body_len)
{
	while (body_len && is_space(*body)) {
		body++;
		body_len--;
	}
	while (body_len && is_space(body[body_len - 1]))
		body_len--;
	if (body_len < 11 || strncmp(body, "policylint-", 11) != 0)
		return;
	directive d = {0};
	d.offset = off;
	d.length = len;
	d.first_line = line_of(ds, off);
	d.last_line = line_of(ds, off + len - 1);
	parse_body(&d, body, body_len);
	PL_PUSH(ds->items, ds->count, ds->cap, d);
}

/* <!-- policylint-... --> anywhere. */
static void find_comments(pl_directives *ds, const char *src, size_t len)
{
	size_t i = 0;
	while (i + 4 <= len) {
		const char *open = memchr(src + i, '<', len - i);
		if (open == NULL)
			break;
		size_t o = (size_t)(open - src);
		if (o + 4 > len || memcmp(open, "<!--", 4) != 0) {
			i = o + 1;
			continue;
		}
		size_t e = o + 4;
		while (e + 3 <= len && memcmp(src + e, "-->", 3) != 0)
			e++;
		if (e + 3 > len)
			break;  /* an unterminated comment holds nothing */
		add_directive(ds, o, e + 3 - o, src + o + 4, e - o - 4);
		i = e + 3;
	}
}

/* Plain text: a line of its own "# policylint-...". */
static void find_hash_lines(pl_directives *ds, const char *src, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t end = pl_line_end(src, i, len);
		size_t p = i;
		while (p < end && (src[p] == ' ' || src[p] == '\t'))
			p++;
		if (p < end && src[p] == '#') {
			size_t b = p + 1;
			while (b < end && (src[b] == ' ' || src[b] == '\t'))
				b++;
			size_t e = end;
			if (e - b >= 11 && strncmp(src + b, "policylint-", 11) == 0)
				add_directive(ds, p, e - p, src + b, e - b);
		}
		i = pl_line_next(src, end, len);
	}
}

static int compare_directives(const void *a, const void *b)
{
	const directive *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The first line after the one holding byte off with something on it, 0
 * when none.  Directives come in order, and several on one line ask the
 * same question: the last answer is kept, so that a long run of blank
 * lines is walked once, not once per directive above it. */
static size_t next_nonblank_line(pl_directives *ds, const char *src,
				 size_t len, size_t off)
{
	size_t line = line_of(ds, off);
	if (ds->memo_line == line)
		return ds->memo_next;
	size_t found = 0;
	for (size_t l = line + 1; l <= ds->nstarts && !found; l++) {
		size_t i = ds->starts[l - 1];
		size_t end = pl_line_end(src, i, len);
		while (i < end && is_space(src[i]))
			i++;
		if (i < end)
			found = l;
	}
	ds->memo_line = line;
	ds->memo_next = found;
	return found;
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The number of id among every id the directives name, or SIZE_MAX. */
static size_t find_name(const pl_directives *ds, const char *id)
{
	size_t lo = 0, hi = ds->nnames;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(ds->names[mid], id);
		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

/* Numbers every id the directives name (sorted, without repeats), so that
 * directives and findings are matched by number, not by comparing every
 * directive with every other one. */
static void number_ids(pl_directives *ds)
{
	size_t n = 0;
	for (size_t i = 0; i < ds->count; i++)
		n += ds->items[i].nids;
	ds->names = pl_xmalloc((n + 1) * sizeof(*ds->names));
	for (size_t i = 0; i < ds->count; i++)
		for (size_t k = 0; k < ds->items[i].nids; k++)
			ds->names[ds->nnames++] = ds->items[i].ids[k];
	if (ds->nnames > 1)
		qsort(ds->names, ds->nnames, sizeof(*ds->names), compare_names);
	size_t unique = 0;
	for (size_t i = 0; i < ds->nnames; i++)
		if (unique == 0 || strcmp(ds->names[unique - 1], ds->names[i]) != 0)
			ds->names[unique++] = ds->names[i];
	ds->nnames = unique;
	for (size_t i = 0; i < ds->count; i++) {
		directive *d = &ds->items[i];
		d->keys = pl_xmalloc((d->nids + 1) * sizeof(*d->keys));
		for (size_t k = 0; k < d->nids; k++)
			d->keys[k] = find_name(ds, d->ids[k]);
	}
}

typedef struct {
	size_t *items;
	size_t count, cap;
} index_list;

static void close_region(directive *open, const directive *enable)
{
	open->to = enable->first_line;
}

/* An enable ends the regions of the open disables it names (all of them
 * when it names none; a disable of every rule only ends at an enable of
 * every rule).  Open disables are kept in one list and in one list per id
 * they name; an entry already closed through another list is skipped, and
 * a list is emptied once walked, so each disable is met a bounded number
 * of times. */
static void enable(pl_directives *ds, size_t i, index_list *all,
		   index_list *by_id)
{
	directive *d = &ds->items[i];
	size_t lists = d->nids ? d->nids : 1;
	for (size_t k = 0; k < lists; k++) {
		index_list *l = d->nids ? &by_id[d->keys[k]] : all;
		for (size_t j = 0; j < l->count; j++) {
			directive *o = &ds->items[l->items[j]];
			if (o->to == SIZE_MAX) {
				close_region(o, d);
				d->closed_something = 1;
			}
		}
		l->count = 0;
	}
}

static void open_region(pl_directives *ds, size_t i, index_list *all,
			index_list *by_id)
{
	directive *d = &ds->items[i];
	d->from = d->first_line;
	d->to = SIZE_MAX;
	PL_PUSH(all->items, all->count, all->cap, i);
	for (size_t k = 0; k < d->nids; k++) {
		index_list *l = &by_id[d->keys[k]];
		PL_PUSH(l->items, l->count, l->cap, i);
	}
}

/* Works out the lines each directive covers; enable ends the regions of
 * the disables before it. */
static void resolve_ranges(pl_directives *ds, const char *src, size_t len)
{
	index_list all = {0};
	index_list *by_id = pl_xcalloc(ds->nnames + 1, sizeof(*by_id));
	for (size_t i = 0; i < ds->count; i++) {
		directive *d = &ds->items[i];
		switch (d->cmd) {
		case CMD_DISABLE_FILE:
			d->from = 1;
			d->to = SIZE_MAX;
			break;
		case CMD_DISABLE_LINE:
			d->from = d->first_line;
			d->to = d->last_line;
			break;
		case CMD_DISABLE_NEXT_LINE:
			d->from = d->to = next_nonblank_line(
				ds, src, len, d->offset + d->length);
			break;
		case CMD_DISABLE:
			open_region(ds, i, &all, by_id);
			break;
		case CMD_ENABLE:
			enable(ds, i, &all, by_id);
			break;
		default:
			break;
		}
	}
	for (size_t k = 0; k < ds->nnames; k++)
		free(by_id[k].items);
	free(by_id);
	free(all.items);
}

pl_directives *pl_directives_parse(const char *src, size_t len,
				   pl_input_format fmt)
{
	pl_directives *ds = pl_xcalloc(1, sizeof(*ds));
	index_lines(ds, src, len);
	find_comments(ds, src, len);
	if (fmt == PL_INPUT_TEXT)
		find_hash_lines(ds, src, len);
	if (ds->count > 1)
		qsort(ds->items, ds->count, sizeof(*ds->items),
		      compare_directives);
	number_ids(ds);
	resolve_ranges(ds, src, len);
	free(ds->starts);
	ds->starts = NULL;
	ds->nstarts = 0;
	return ds;
}

size_t pl_directives_count(const pl_directives *d)
{
	return d ? d->count : 0;
}

void pl_directives_mask(pl_directives *ds, char *src)
{
	for (size_t i = 0; i < ds->count; i++) {
		const directive *d = &ds->items[i];
		masked m = {d->offset, pl_xmalloc(d->length), d->length};
		memcpy(m.saved, src + d->offset, d->length);
		for (size_t k = 0; k < d->length; k++) {
			char *c = &src[d->offset + k];
			if (*c != '\n' && *c != '\r')
				*c = ' ';
		}
		PL_PUSH(ds->masks, ds->nmasks, ds->masks_cap, m);
	}
}

/* ---- Applying ------------------------------------------------------------- */

/* What one id of a directive covers (key: the id's number; nnames for a
 * directive of every rule), and a finding looking for cover under one
 * key. */
typedef struct {
	size_t key, from, to;
	unsigned char *used;
} cover;

typedef struct {
	size_t key, line, index;
} probe;

static int compare_covers(const void *a, const void *b)
{
	const cover *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->from < y->from ? -1 : x->from > y->from;
}

static int compare_probes(const void *a, const void *b)
{
	const probe *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* One key's covers (by first line) against its probes (by line), in one
 * walk: a cover that has begun either holds the probe it meets first, and
 * is marked used then, or ended before it and can hold no later one; a
 * probe is covered when the furthest end of the covers begun reaches it. */
static void sweep(cover *c, size_t nc, const probe *p, size_t np,
		  unsigned char *drop)
{
	size_t next = 0, reach = 0;
	for (size_t i = 0; i < np; i++) {
		size_t line = p[i].line;
		for (; next < nc && c[next].from <= line; next++) {
			if (c[next].to > reach)
				reach = c[next].to;
			if (c[next].to >= line)
				*c[next].used = 1;
		}
		if (reach >= line)
			drop[p[i].index] = 1;
	}
}

static cover *make_covers(const pl_directives *ds, size_t *count)
{
	size_t n = 0, all = ds->nnames;
	for (size_t i = 0; i < ds->count; i++)
		n += ds->items[i].nids ? ds->items[i].nids : 1;
	cover *c = pl_xmalloc((n + 1) * sizeof(*c));
	n = 0;
	for (size_t i = 0; i < ds->count; i++) {
		directive *d = &ds->items[i];
		if (d->cmd == CMD_ENABLE || d->cmd == CMD_UNKNOWN || d->from == 0)
			continue;
		if (d->nids == 0)
			c[n++] = (cover){all, d->from, d->to, &d->used[0]};
		for (size_t k = 0; k < d->nids; k++)
			c[n++] = (cover){d->keys[k], d->from, d->to, &d->used[k]};
	}
	qsort(c, n, sizeof(*c), compare_covers);
	*count = n;
	return c;
}

/* Every finding looks for cover under its rule's id (and the ids of the
 * other rules that require the same thing: a gap several rules require
 * answers to any of their ids), and under the directives of every
 * rule. */
static probe *make_probes(const pl_directives *ds, const pl_result *r,
			  size_t *count)
{
	size_t cap = 1;
	for (size_t i = 0; i < r->nfindings; i++)
		cap += 2 + r->findings[i].nrules;
	probe *p = pl_xmalloc(cap * sizeof(*p));
	size_t n = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const pl_finding *f = &r->findings[i];
		if (f->kind == PL_KIND_UNUSED_DIRECTIVE)
			continue;
		for (size_t j = 0; j <= f->nrules; j++) {
			const char *id = j == 0 ? f->rule : f->rules[j - 1];
			size_t key = find_name(ds, id);
			if (key != SIZE_MAX)
				p[n++] = (probe){key, f->loc.line, i};
		}
		p[n++] = (probe){ds->nnames, f->loc.line, i};
	}
	qsort(p, n, sizeof(*p), compare_probes);
	*count = n;
	return p;
}

/* Drops the findings some directive covers, marking every directive (and
 * id) that covers one. */
static void suppress_all(pl_directives *ds, pl_result *r)
{
	size_t nc, np;
	cover *c = make_covers(ds, &nc);
	probe *p = make_probes(ds, r, &np);
	unsigned char *drop = pl_xcalloc(r->nfindings + 1, 1);
	size_t ci = 0, pi = 0;
	while (ci < nc && pi < np) {
		size_t key = c[ci].key < p[pi].key ? c[ci].key : p[pi].key;
		size_t ce = ci, pe = pi;
		while (ce < nc && c[ce].key == key)
			ce++;
		while (pe < np && p[pe].key == key)
			pe++;
		sweep(c + ci, ce - ci, p + pi, pe - pi, drop);
		ci = ce;
		pi = pe;
	}
	pl_result_drop_findings(r, drop);
	free(drop);
	free(c);
	free(p);
}


static void unused(pl_result *r, const directive *d, pl_severity sev,
		   const char *fmt, const char *arg)
{
	char *what = pl_xasprintf(fmt, d->name, arg);
	pl_result_add_finding(r, PL_RULE_UNUSED_DIRECTIVE,
			      PL_KIND_UNUSED_DIRECTIVE, sev, PL_AREA_COLLECTION,
			      d->offset, d->length, what);
	free(what);
}

static void report_unused(pl_result *r, const directive *d,
			  const pl_ruleset *rs, const char *const *ignored,
			  size_t nignored, pl_severity sev)
{
	if (d->cmd == CMD_UNKNOWN) {
		unused(r, d, sev, "unknown directive '%s'%s (known: "
		       "policylint-disable-file, -disable, -enable, "
		       "-disable-next-line, -disable-line)", "");
		return;
	}
	if (d->cmd == CMD_ENABLE) {
		if (!d->closed_something)
			unused(r, d, sev, "%s%s: no policylint-disable above it "
			       "is open", "");
		return;
	}
	if (d->from == 0) {
		unused(r, d, sev, "%s%s: there is no line after it", "");
		return;
	}
	if (d->nids == 0) {
		if (!d->used[0])
			unused(r, d, sev, "%s%s suppressed nothing: remove it", "");
		return;
	}
	for (size_t k = 0; k < d->nids; k++) {
		const char *id = d->ids[k];
		if (d->used[k] || pl_id_listed(ignored, nignored, id))
			continue;
		if (rs && !pl_ruleset_has_rule(rs, id) &&
		    pl_builtin_rule_find(id) == NULL)
			unused(r, d, sev, "%s: no rule '%s' (see policylint "
			       "--list-rules)", id);
		else
			unused(r, d, sev, "%s: '%s' suppressed nothing here: "
			       "remove it", id);
	}
}

void pl_result_apply_directives(pl_result *r, pl_directives *ds,
				const pl_ruleset *rs,
				const char *const *ignored, size_t nignored,
				pl_severity unused_severity)
{
	if (ds == NULL)
		return;
	int wide = 0;
	/* Last masked, first restored: directives may overlap (a comment
	 * inside a "# policylint-" line), and a later mask saved bytes an
	 * earlier one had already blanked. */
	for (size_t i = ds->nmasks; i-- > 0;) {
		const masked *m = &ds->masks[i];
		if (m->offset + m->len > r->src_len)
			continue;
		memcpy(r->src + m->offset, m->saved, m->len);
		for (size_t k = 0; k < m->len && !wide; k++)
			wide = (unsigned char)m->saved[k] >= 0x80;
	}
	/* A masked character of several bytes was several blanks: the
	 * columns after it on its line were counted too high. */
	if (wide)
		pl_result_reindex(r);
	suppress_all(ds, r);
	if (pl_id_listed(ignored, nignored, PL_RULE_UNUSED_DIRECTIVE))
		return;
	size_t before = r->nfindings;
	for (size_t i = 0; i < ds->count; i++)
		report_unused(r, &ds->items[i], rs, ignored, nignored,
			      unused_severity);
	if (r->nfindings != before)
		pl_result_sort_findings(r);
}

void pl_directives_free(pl_directives *ds)
{
	if (ds == NULL)
		return;
	for (size_t i = 0; i < ds->count; i++) {
		directive *d = &ds->items[i];
		for (size_t k = 0; k < d->nids; k++)
			free(d->ids[k]);
		free(d->ids);
		free(d->keys);
		free(d->used);
		free(d->name);
	}
	free(ds->items);
	free(ds->names);
	free(ds->starts);
	for (size_t i = 0; i < ds->nmasks; i++)
		free(ds->masks[i].saved);
	free(ds->masks);
	free(ds);
}
