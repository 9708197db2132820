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
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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
};

/* ---- Parsing ------------------------------------------------------------ */

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' ||
	       c == '\v';
}

static size_t line_of(const char *src, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		line += src[i] == '\n';
	return line;
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

static void add_directive(pl_directives *ds, const char *src, size_t off,
			  size_t len, const char *body, size_t body_len)
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
	d.first_line = line_of(src, off);
	d.last_line = d.first_line;
	for (size_t i = off; i < off + len; i++)
		d.last_line += src[i] == '\n';
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
		add_directive(ds, src, o, e + 3 - o, src + o + 4, e - o - 4);
		i = e + 3;
	}
}

/* Plain text: a line of its own "# policylint-...". */
static void find_hash_lines(pl_directives *ds, const char *src, size_t len)
{
	size_t i = 0;
	while (i < len) {
		size_t end = i;
		while (end < len && src[end] != '\n')
			end++;
		size_t p = i;
		while (p < end && (src[p] == ' ' || src[p] == '\t'))
			p++;
		if (p < end && src[p] == '#') {
			size_t b = p + 1;
			while (b < end && (src[b] == ' ' || src[b] == '\t'))
				b++;
			size_t e = end;
			if (e > i && src[e - 1] == '\r')
				e--;
			if (e - b >= 11 && strncmp(src + b, "policylint-", 11) == 0)
				add_directive(ds, src, p, e - p, src + b, e - b);
		}
		i = end + 1;
	}
}

static int compare_directives(const void *a, const void *b)
{
	const directive *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/* The first line after `after` with something on it, 0 when none. */
static size_t next_nonblank_line(const char *src, size_t len, size_t off)
{
	size_t line = line_of(src, off);
	size_t i = off;
	while (i < len && src[i] != '\n')
		i++;
	while (i < len) {
		i++;            /* past the '\n' */
		line++;
		int blank = 1;
		while (i < len && src[i] != '\n') {
			if (!is_space(src[i]))
				blank = 0;
			i++;
		}
		if (!blank)
			return line;
	}
	return 0;
}

static int names_id(const directive *d, const char *id)
{
	for (size_t i = 0; i < d->nids; i++)
		if (strcmp(d->ids[i], id) == 0)
			return 1;
	return 0;
}

/* Works out the lines each directive covers; enable ends the regions of
 * the disables before it. */
static void resolve_ranges(pl_directives *ds, const char *src, size_t len)
{
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
			d->from = d->to =
				next_nonblank_line(src, len, d->offset + d->length);
			break;
		case CMD_DISABLE:
			d->from = d->first_line;
			d->to = SIZE_MAX;
			break;
		case CMD_ENABLE:
			for (size_t k = 0; k < i; k++) {
				directive *o = &ds->items[k];
				if (o->cmd != CMD_DISABLE || o->to != SIZE_MAX)
					continue;
				int match = d->nids == 0;
				for (size_t j = 0; j < o->nids && !match; j++)
					match = names_id(d, o->ids[j]);
				if (match) {
					o->to = d->first_line;
					d->closed_something = 1;
				}
			}
			break;
		default:
			break;
		}
	}
}

pl_directives *pl_directives_parse(const char *src, size_t len,
				   pl_input_format fmt)
{
	pl_directives *ds = pl_xcalloc(1, sizeof(*ds));
	find_comments(ds, src, len);
	if (fmt == PL_INPUT_TEXT)
		find_hash_lines(ds, src, len);
	if (ds->count > 1)
		qsort(ds->items, ds->count, sizeof(*ds->items),
		      compare_directives);
	resolve_ranges(ds, src, len);
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

/* Marks every directive that covers f; returns whether any does. */
static int suppress(pl_directives *ds, const pl_finding *f)
{
	int hit = 0;
	for (size_t i = 0; i < ds->count; i++) {
		directive *d = &ds->items[i];
		if (d->cmd == CMD_ENABLE || d->cmd == CMD_UNKNOWN ||
		    f->loc.line < d->from || f->loc.line > d->to || d->from == 0)
			continue;
		if (d->nids == 0) {
			d->used[0] = 1;
			hit = 1;
			continue;
		}
		/* A gap several rules require answers to any of their ids. */
		for (size_t k = 0; k < d->nids; k++)
			if (strcmp(d->ids[k], f->rule) == 0 ||
			    pl_id_listed(f->rules, f->nrules, d->ids[k])) {
				d->used[k] = 1;
				hit = 1;
			}
	}
	return hit;
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
		    strcmp(id, PL_RULE_AREA_REMOVED) != 0)
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
	for (size_t i = 0; i < ds->nmasks; i++) {
		const masked *m = &ds->masks[i];
		if (m->offset + m->len <= r->src_len)
			memcpy(r->src + m->offset, m->saved, m->len);
	}
	for (size_t i = 0; i < r->nfindings;) {
		if (r->findings[i].kind != PL_KIND_UNUSED_DIRECTIVE &&
		    suppress(ds, &r->findings[i]))
			pl_result_remove_finding(r, i);
		else
			i++;
	}
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
		free(d->used);
		free(d->name);
	}
	free(ds->items);
	for (size_t i = 0; i < ds->nmasks; i++)
		free(ds->masks[i].saved);
	free(ds->masks);
	free(ds);
}
