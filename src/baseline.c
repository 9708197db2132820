/*
 * baseline.c: adopting policylint on a policy that already has findings.
 *
 * `--write-baseline FILE` records the findings of today; `--baseline FILE`
 * then reports only the others.  A record is the finding's fingerprint
 * (rule, kind, area and the words it points at: see findings.c), never its
 * line, so editing other parts of the policy does not resurface old
 * findings.  The file is plain text, sorted, so that it diffs well in
 * review:
 *
 *   # policylint baseline 1
 *   <16 hex digits fingerprint> <rule> <kind> <path>
 *
 * Paths are written as the policy was named on the command line (without
 * a leading "./"); '%', tabs and line ends in them are %-escaped.
 *
 * Format 2 (written since the fingerprints stopped changing with quote and
 * dash styles, markup and where a require-if rule is triggered) has the
 * same lines under "# policylint baseline 2".  A format 1 file is still
 * read: its records are matched with the fingerprint they were written
 * with (pl_finding_fingerprint_v1), so adopting a new policylint never
 * resurfaces a baselined finding; the next --write-baseline writes
 * format 2.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "diag.h"
#include "input.h"
#include "util.h"

#define BASELINE_HEADER "# policylint baseline 2"
#define BASELINE_HEADER_V1 "# policylint baseline 1"

typedef struct {
	unsigned long long fp;
	char *rule;
	char *kind;
	char *path;
	size_t taken;           /* on the first of equal records: how many
	                           of them absorbed a finding */
} record;

struct pl_baseline {
	record *items;
	size_t count, cap;
	int sorted;             /* items are in compare_records order */
	int version;            /* of the fingerprints: 2, or 1 when read
	                           from a format 1 file */
};

pl_baseline *pl_baseline_new(void)
{
	pl_baseline *b = pl_xcalloc(1, sizeof(pl_baseline));
	b->version = 2;
	return b;
}

/* The fingerprint b's records were written with. */
static unsigned long long fingerprint(const pl_baseline *b, const pl_result *r,
				      const pl_finding *f)
{
	return b->version == 1 ? pl_finding_fingerprint_v1(r, f) :
				 pl_finding_fingerprint(r, f);
}

size_t pl_baseline_count(const pl_baseline *b)
{
	return b->count;
}

static const char *clean_path(const char *p)
{
	while (p[0] == '.' && p[1] == '/')
		p += 2;
	return p;
}

static char *escape_path(const char *p)
{
	pl_buf b;
	pl_buf_init(&b);
	for (; *p; p++) {
		if (*p == '%' || *p == '\t' || *p == '\n' || *p == '\r')
			pl_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			pl_buf_putc(&b, *p);
	}
	return pl_buf_detach(&b);
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' :
	       c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static char *unescape_path(const char *p)
{
	pl_buf b;
	pl_buf_init(&b);
	for (; *p; p++) {
		if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
			pl_buf_putc(&b, (char)(hexval(p[1]) * 16 + hexval(p[2])));
			p += 2;
		} else {
			pl_buf_putc(&b, *p);
		}
	}
	return pl_buf_detach(&b);
}

static void add_record(pl_baseline *b, unsigned long long fp,
		       const char *rule, const char *kind, const char *path)
{
	record rec = {fp, pl_xstrdup(rule), pl_xstrdup(kind),
		      pl_xstrdup(clean_path(path)), 0};
	PL_PUSH(b->items, b->count, b->cap, rec);
	b->sorted = 0;
}

void pl_baseline_add(pl_baseline *b, const pl_result *r)
{
	for (size_t i = 0; i < r->nfindings; i++) {
		const pl_finding *f = &r->findings[i];
		add_record(b, fingerprint(b, r, f), f->rule,
			   pl_finding_kind_name(f->kind), r->path);
	}
}

/* Splits line at the first n-1 spaces into fields; returns how many. */
static size_t split(char *line, char **fields, size_t n)
{
	size_t k = 0;
	char *p = line;
	while (k < n) {
		fields[k++] = p;
		if (k == n)
			break;
		char *sp = strchr(p, ' ');
		if (sp == NULL)
			break;
		*sp = '\0';
		p = sp + 1;
	}
	return k;
}

/* One line of a baseline file (without its line end); 0 or -1. */
static int read_record(pl_baseline *b, char *line, const char *path,
		       unsigned long lineno, pl_diags *diags)
{
	if (line[0] == '\0' || line[0] == '#')
		return 0;
	char *fields[4];
	char *end = NULL;
	unsigned long long fp = 0;
	if (split(line, fields, 4) == 4) {
		errno = 0;
		fp = strtoull(fields[0], &end, 16);
	}
	if (end == NULL || *end != '\0' || strlen(fields[0]) != 16 || errno) {
		pl_diags_add(diags, PL_DIAG_BASELINE_FORMAT, path, lineno, 1,
			     "expected 'FINGERPRINT RULE KIND PATH'");
		return -1;
	}
	char *p = unescape_path(fields[3]);
	add_record(b, fp, fields[1], fields[2], p);
	free(p);
	return 0;
}

/* Problems are reported one per line, up to this many: a file that is not
 * a baseline at all says so once, not once per line. */
#define MAX_FORMAT_ERRORS 20

int pl_baseline_read(pl_baseline *b, const char *path, pl_diags *diags)
{
	char *data;
	size_t len;
	pl_file_info info;
	pl_file_status st = pl_file_read(path, PL_DEFAULT_MAX_SIZE, &data, &len,
					 &info);
	if (st != PL_FILE_OK) {
		char *why = pl_file_problem(st, &info, PL_DEFAULT_MAX_SIZE);
		pl_diags_add(diags, PL_DIAG_BASELINE_UNREADABLE, path, 0, 0,
			     "cannot use it as a baseline: %s", why);
		free(why);
		return -1;
	}
	if (memchr(data, '\0', len) != NULL) {
		pl_diags_add(diags, PL_DIAG_BASELINE_FORMAT, path, 0, 0,
			     "holds NUL bytes: not a policylint baseline");
		free(data);
		return -1;
	}
	int rc = 0, errors = 0;
	unsigned long lineno = 0;
	for (size_t i = 0; i < len && errors < MAX_FORMAT_ERRORS;) {
		size_t end = pl_line_end(data, i, len);
		size_t next = pl_line_next(data, end, len);
		data[end] = '\0';
		lineno++;
		if (lineno == 1 && strcmp(data + i, BASELINE_HEADER_V1) == 0) {
			b->version = 1;
		} else if (lineno == 1 && strcmp(data + i, BASELINE_HEADER) != 0) {
			pl_diags_add(diags, PL_DIAG_BASELINE_FORMAT, path, 1, 1,
				     "not a policylint baseline (the first line "
				     "must be '" BASELINE_HEADER "')");
			rc = -1;
			break;
		}
		if (read_record(b, data + i, path, lineno, diags) != 0) {
			rc = -1;
			errors++;
		}
		i = next;
	}
	free(data);
	return rc;
}

static int compare_records(const void *a, const void *b)
{
	const record *x = a, *y = b;
	int c = strcmp(x->path, y->path);
	if (c == 0)
		c = strcmp(x->rule, y->rule);
	if (c == 0)
		c = strcmp(x->kind, y->kind);
	if (c == 0)
		c = x->fp < y->fp ? -1 : x->fp > y->fp;
	return c;
}

int pl_baseline_write(const pl_baseline *b, const char *path)
{
	record *sorted = pl_xmalloc((b->count + 1) * sizeof(*sorted));
	if (b->count)
		memcpy(sorted, b->items, b->count * sizeof(*sorted));
	qsort(sorted, b->count, sizeof(*sorted), compare_records);
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	if (f == NULL) {
		free(sorted);
		return -1;
	}
	fputs(BASELINE_HEADER "\n"
	      "# Findings recorded by policylint --write-baseline; "
	      "policylint --baseline\n"
	      "# FILE reports only findings not listed here.  "
	      "FINGERPRINT RULE KIND PATH\n", f);
	for (size_t i = 0; i < b->count; i++) {
		char *p = escape_path(sorted[i].path);
		fprintf(f, "%016llx %s %s %s\n", sorted[i].fp, sorted[i].rule,
			sorted[i].kind, p);
		free(p);
	}
	free(sorted);
	int rc = fflush(f) == 0 && !ferror(f) ? 0 : -1;
	if (f != stdout && fclose(f) != 0)
		rc = -1;
	return rc;
}

/* Takes the next unmatched record equal to key; returns whether there
 * was one.  Records are sorted, so a large baseline (a whole corpus) costs
 * a binary search per finding, and equal records are taken in order,
 * counted on the first of them (thousands of equal records once cost a
 * walk over the taken ones per finding). */
static int take_record(pl_baseline *b, const record *key)
{
	size_t lo = 0, hi = b->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (compare_records(&b->items[mid], key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= b->count || compare_records(&b->items[lo], key) != 0)
		return 0;
	size_t next = lo + b->items[lo].taken;
	if (next >= b->count || compare_records(&b->items[next], key) != 0)
		return 0;
	b->items[lo].taken++;
	return 1;
}

size_t pl_baseline_filter(pl_baseline *b, pl_result *r)
{
	if (!b->sorted) {
		if (b->count > 1)       /* no records: items is NULL */
			qsort(b->items, b->count, sizeof(*b->items),
			      compare_records);
		b->sorted = 1;
	}
	size_t dropped = 0;
	unsigned char *drop = pl_xcalloc(r->nfindings + 1, 1);
	for (size_t i = 0; i < r->nfindings; i++) {
		const pl_finding *f = &r->findings[i];
		record key = {fingerprint(b, r, f), (char *)f->rule,
			      (char *)pl_finding_kind_name(f->kind),
			      (char *)clean_path(r->path), 0};
		if (take_record(b, &key)) {
			drop[i] = 1;
			dropped++;
		}
	}
	pl_result_drop_findings(r, drop);
	free(drop);
	return dropped;
}

void pl_baseline_free(pl_baseline *b)
{
	if (b == NULL)
		return;
	for (size_t i = 0; i < b->count; i++) {
		free(b->items[i].rule);
		free(b->items[i].kind);
		free(b->items[i].path);
	}
	free(b->items);
	free(b);
}
