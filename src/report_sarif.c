/*
 * report_sarif.c: SARIF 2.1.0, what GitHub code scanning and most CI
 * dashboards read.
 *
 * One run per invocation.  tool.driver.rules describes every rule of every
 * rule set the files were linted with (id, short and full description,
 * help as text and Markdown, default level, references and tags), so the
 * rules are only known at the end: results are written to a memory buffer
 * as files come and the document is put together in end().  Artifact URIs
 * are relative to %SRCROOT%, the repository root (the nearest folder with
 * .git above the current one, else the current folder), with forward
 * slashes; columns count Unicode code points, as everywhere in policylint.
 * partialFingerprints carry policylint's line-independent fingerprint, so
 * an alert survives edits above it.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "builtins.h"
#include "paths.h"
#include "report.h"
#include "rules.h"

/* GitHub rejects runs with more results than this. */
#define SARIF_MAX_RESULTS 25000

typedef struct {
	const char *id;
	const pl_rule *rule;        /* NULL: built in or unknown */
	const char *fallback;       /* description when rule is NULL */
} rule_entry;

typedef struct {
	rule_entry *rules;
	size_t nrules, rules_cap;
	const pl_ruleset *seen[8];  /* rule sets registered already */
	size_t nseen;
	char *root;                 /* absolute, no trailing slash */
	char *buf;
	size_t buf_len;
	FILE *results;
	size_t nresults, dropped;
} sarif_state;


static long find_rule(const sarif_state *st, const char *id)
{
	for (size_t i = 0; i < st->nrules; i++)
		if (strcmp(st->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

static void add_rule(sarif_state *st, const char *id, const pl_rule *rule,
		     const char *fallback)
{
	if (find_rule(st, id) >= 0)
		return;
	rule_entry e = {id, rule, fallback};
	PL_PUSH(st->rules, st->nrules, st->rules_cap, e);
}

static void register_rules(sarif_state *st, const pl_ruleset *rs)
{
	if (rs == NULL)
		return;
	for (size_t i = 0; i < st->nseen; i++)
		if (st->seen[i] == rs)
			return;
	if (st->nseen < sizeof st->seen / sizeof *st->seen)
		st->seen[st->nseen++] = rs;
	for (size_t i = 0; i < rs->nrules; i++)
		add_rule(st, rs->rules[i].id, &rs->rules[i], NULL);
}

static void sarif_begin(pl_report *rep)
{
	sarif_state *st = pl_xcalloc(1, sizeof(*st));
	rep->state = st;
	st->root = pl_repo_root();
	st->results = open_memstream(&st->buf, &st->buf_len);
	if (st->results == NULL) {
		perror("policylint: sarif");
		abort();
	}
	for (size_t i = 0; i < pl_builtin_rule_count(); i++)
		add_rule(st, pl_builtin_rule_at(i)->id, NULL,
			 pl_builtin_rule_at(i)->summary);
}

/* ---- URIs ---------------------------------------------------------------- */

static void put_uri_chars(FILE *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("-._~/", (int)c))
			fputc((int)c, out);
		else
			fprintf(out, "%%%c%c", hex[c >> 4], hex[c & 15]);
	}
}

/* Writes an artifactLocation object for path. */
static void artifact_location(FILE *out, const sarif_state *st,
			      const char *path)
{
	char *abs = pl_path_absolute(path);
	size_t n = strlen(st->root);
	fputs("{\"uri\": \"", out);
	if (strcmp(st->root, "/") == 0) {
		put_uri_chars(out, abs + 1);
		fputs("\", \"uriBaseId\": \"%SRCROOT%\"}", out);
	} else if (strncmp(abs, st->root, n) == 0 && abs[n] == '/') {
		put_uri_chars(out, abs + n + 1);
		fputs("\", \"uriBaseId\": \"%SRCROOT%\"}", out);
	} else {
		fputs("file://", out);
		put_uri_chars(out, abs);
		fputs("\"}", out);
	}
	free(abs);
}

/* ---- Results ---------------------------------------------------------------- */

static const char *level_of(pl_severity s)
{
	return s == PL_SEV_ERROR ? "error" : s == PL_SEV_WARNING ? "warning" :
								   "note";
}

#define SNIPPET_MAX 400

static void region(FILE *out, const pl_result *r, const pl_location *l)
{
	fprintf(out, "\"region\": {\"startLine\": %lu, \"startColumn\": %lu",
		l->line ? l->line : 1, l->column ? l->column : 1);
	if (l->length > 0) {
		unsigned long el = l->line, ec = l->column;
		if (l->path == NULL)
			pl_report_end_position(r, l, &el, &ec);
		if (el > l->line || (el == l->line && ec > l->column))
			fprintf(out, ", \"endLine\": %lu, \"endColumn\": %lu",
				el, ec);
		fprintf(out, ", \"byteOffset\": %zu, \"byteLength\": %zu",
			l->offset, l->length);
		if (l->path == NULL && l->offset + l->length <= r->src_len) {
			fputs(", \"snippet\": {\"text\": ", out);
			pl_json_string_n(out, r->src + l->offset,
					 l->length < SNIPPET_MAX ? l->length :
								   SNIPPET_MAX);
			fputc('}', out);
		}
	}
	fputc('}', out);
}

static void physical_location(FILE *out, const sarif_state *st,
			      const pl_result *r, const pl_location *l)
{
	fputs("\"physicalLocation\": {\"artifactLocation\": ", out);
	artifact_location(out, st, pl_report_location_path(r, l));
	fputs(", ", out);
	region(out, r, l);
	fputc('}', out);
}

/* The message, with a SARIF link to each related location ("[text](id)",
 * brackets in the text escaped), which is how GitHub shows them. */
static void result_message(FILE *out, const pl_finding *f)
{
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, f->message);
	for (size_t k = 0; k < f->nrelated; k++) {
		const char *m = f->related[k].message ? f->related[k].message :
							"related";
		pl_buf_puts(&b, k ? "; [" : " (see [");
		for (const char *p = m; *p; p++) {
			if (*p == '[' || *p == ']' || *p == '\\')
				pl_buf_putc(&b, '\\');
			pl_buf_putc(&b, *p);
		}
		pl_buf_printf(&b, "](%zu)", k + 1);
	}
	if (f->nrelated)
		pl_buf_putc(&b, ')');
	fputs("{\"text\": ", out);
	pl_json_string(out, b.data);
	fputc('}', out);
	pl_buf_free(&b);
}

/* A gap with a suggested clause gets a fix: inserting the clause (an
 * empty deleted region at the insertion point), placeholders left for the
 * owner to fill in. */
static void sarif_fix(FILE *out, const sarif_state *st, const pl_result *r,
		      const pl_finding *f)
{
	pl_insertion ins;
	if (!pl_report_suggestion(r, f, &ins))
		return;
	fputs(",\n         \"fixes\": [{\"description\": {\"text\": \"Insert a "
	      "suggested clause (fill in its {{placeholders}})\"}, "
	      "\"artifactChanges\": [{\"artifactLocation\": ", out);
	artifact_location(out, st, r->path);
	fprintf(out, ", \"replacements\": [{\"deletedRegion\": {\"startLine\": "
		"%lu, \"startColumn\": %lu, \"endLine\": %lu, \"endColumn\": %lu, "
		"\"byteOffset\": %zu, \"byteLength\": 0}, \"insertedContent\": "
		"{\"text\": ", ins.line, ins.column, ins.line, ins.column,
		ins.offset);
	pl_json_string(out, ins.text);
	fputs("}}]}]}]", out);
	free(ins.text);
}

static void sarif_result(sarif_state *st, const pl_result *r,
			 const pl_finding *f)
{
	FILE *out = st->results;
	long idx = find_rule(st, f->rule);
	if (idx < 0) {
		add_rule(st, f->rule, NULL, f->message);
		idx = (long)st->nrules - 1;
	}
	fputs(st->nresults ? ",\n        {" : "\n        {", out);
	fputs("\"ruleId\": ", out);
	pl_json_string(out, f->rule);
	fprintf(out, ", \"ruleIndex\": %ld, \"level\": \"%s\", \"message\": ",
		idx, level_of(f->severity));
	result_message(out, f);
	fputs(",\n         \"locations\": [{", out);
	physical_location(out, st, r, &f->loc);
	fputs("}]", out);
	if (f->nrelated) {
		fputs(",\n         \"relatedLocations\": [", out);
		for (size_t k = 0; k < f->nrelated; k++) {
			const pl_location *l = &f->related[k];
			fprintf(out, "%s{\"id\": %zu, ", k ? ", " : "", k + 1);
			/* OLD may be a name only ("origin/main:privacy.md"). */
			if (l->path == NULL || access(l->path, R_OK) == 0) {
				physical_location(out, st, r, l);
				fputs(", ", out);
			}
			fputs("\"message\": ", out);
			fputs("{\"text\": ", out);
			pl_json_string(out, l->message ? l->message : "related");
			fputs("}}", out);
		}
		fputc(']', out);
	}
	sarif_fix(out, st, r, f);
	fprintf(out, ",\n         \"partialFingerprints\": {\"policylint/v1\": "
		"\"%016llx\"}", pl_finding_fingerprint(r, f));
	fprintf(out, ",\n         \"properties\": {\"kind\": \"%s\", \"area\": "
		"\"%s\"}}", pl_finding_kind_name(f->kind), pl_area_name(f->area));
	st->nresults++;
}

static void sarif_file(pl_report *rep, const pl_result *r)
{
	sarif_state *st = rep->state;
	register_rules(st, r->rules);
	for (size_t i = 0; i < r->nfindings; i++) {
		if (st->nresults >= SARIF_MAX_RESULTS) {
			st->dropped += r->nfindings - i;
			break;
		}
		sarif_result(st, r, &r->findings[i]);
	}
}

/* ---- The document ------------------------------------------------------- */

/* "missing-retention" -> "MissingRetention", SARIF's rule name style. */
static void camel_name(FILE *out, const char *id)
{
	int up = 1;
	fputc('"', out);
	for (const char *p = id; *p; p++) {
		if (*p == '-' || *p == '.' || *p == '_') {
			up = 1;
			continue;
		}
		fputc(up && *p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, out);
		up = 0;
	}
	fputc('"', out);
}

static int is_url(const char *s)
{
	return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
}

static void rule_help(FILE *out, const rule_entry *e)
{
	const pl_rule *r = e->rule;
	pl_buf text, md;
	pl_buf_init(&text);
	pl_buf_init(&md);
	if (r == NULL) {
		pl_buf_printf(&text, "%s.", e->fallback);
		pl_buf_printf(&md, "%s.", e->fallback);
		pl_buf_puts(&text, " See policylint(1).");
		pl_buf_puts(&md, " See `man 1 policylint`.");
	} else {
		pl_buf_printf(&text, "%s.", r->message);
		pl_buf_printf(&md, "**%s.**", r->message);
		if (r->rationale) {
			pl_buf_printf(&text, "\n\n%s", r->rationale);
			pl_buf_printf(&md, "\n\n%s", r->rationale);
		}
		if (r->nreferences) {
			pl_buf_puts(&text, "\n\nReferences:");
			pl_buf_puts(&md, "\n\n**References**\n");
			for (size_t k = 0; k < r->nreferences; k++) {
				pl_buf_printf(&text, "\n- %s", r->references[k]);
				pl_buf_printf(&md, is_url(r->references[k]) ?
						   "\n- <%s>" : "\n- %s",
					      r->references[k]);
			}
		}
		pl_buf_printf(&text, "\n\nExamples: policylint --explain %s", r->id);
		pl_buf_printf(&md, "\n\nExamples: `policylint --explain %s`", r->id);
	}
	fputs("\"help\": {\"text\": ", out);
	pl_json_string(out, text.data);
	fputs(", \"markdown\": ", out);
	pl_json_string(out, md.data);
	fputc('}', out);
	pl_buf_free(&text);
	pl_buf_free(&md);
}

static void json_list(FILE *out, char *const *items, size_t n,
		      const char *prefix)
{
	fputc('[', out);
	for (size_t k = 0; k < n; k++) {
		if (k)
			fputs(", ", out);
		char *s = pl_xasprintf("%s%s", prefix, items[k]);
		pl_json_string(out, s);
		free(s);
	}
	fputc(']', out);
}

static void rule_descriptor(FILE *out, const rule_entry *e)
{
	const pl_rule *r = e->rule;
	fputs("{\"id\": ", out);
	pl_json_string(out, e->id);
	fputs(", \"name\": ", out);
	camel_name(out, e->id);
	fputs(",\n           \"shortDescription\": {\"text\": ", out);
	pl_json_string(out, r ? r->message : e->fallback);
	fputs("},\n           \"fullDescription\": {\"text\": ", out);
	pl_json_string(out, r && r->rationale ? r->rationale :
			    r ? r->message : e->fallback);
	fputs("},\n           ", out);
	rule_help(out, e);
	for (size_t k = 0; r && k < r->nreferences; k++)
		if (is_url(r->references[k])) {
			fputs(",\n           \"helpUri\": ", out);
			pl_json_string(out, r->references[k]);
			break;
		}
	fprintf(out, ",\n           \"defaultConfiguration\": {\"level\": \"%s\"}",
		level_of(r ? r->severity :
			 pl_builtin_rule_find(e->id) ?
			 pl_builtin_rule_find(e->id)->severity : PL_SEV_WARNING));
	fputs(",\n           \"properties\": {\"tags\": [\"privacy\"", out);
	if (r) {
		fprintf(out, ", \"area:%s\", \"kind:%s\"]", pl_area_name(r->area),
			pl_rule_kind_name(r->kind));
		fprintf(out, ", \"area\": \"%s\", \"kind\": \"%s\", \"references\": ",
			pl_area_name(r->area), pl_rule_kind_name(r->kind));
		json_list(out, r->references, r->nreferences, "");
		fputs(", \"profiles\": ", out);
		json_list(out, r->profiles, r->nprofiles, "");
	} else {
		fputs(", \"policylint\"], \"references\": [\"policylint(1)\"]", out);
	}
	fputs("}}", out);
}

/* The run's diagnostics, and results left out, as tool execution
 * notifications: each names its code as the descriptor id. */
static void notifications(FILE *out, const sarif_state *st,
			  const pl_report *rep)
{
	const pl_diags *d = &rep->diags;
	if (d->count == 0 && st->dropped == 0)
		return;
	fprintf(out, "      \"invocations\": [{\"executionSuccessful\": %s, "
		"\"toolExecutionNotifications\": [", d->errors ? "false" : "true");
	for (size_t i = 0; i < d->count; i++) {
		const pl_diag *x = &d->items[i];
		fputs(i ? ",\n        {" : "\n        {", out);
		fprintf(out, "\"level\": \"%s\", \"descriptor\": {\"id\": \"%s\"}, "
			"\"message\": {\"text\": ", level_of(x->severity),
			pl_diag_code_id(x->code));
		pl_json_string(out, x->message);
		fputc('}', out);
		if (strcmp(x->path, "policylint") != 0) {
			fputs(", \"locations\": [{\"physicalLocation\": "
			      "{\"artifactLocation\": ", out);
			artifact_location(out, st, x->path);
			if (x->line)
				fprintf(out, ", \"region\": {\"startLine\": %lu, "
					"\"startColumn\": %lu}", x->line,
					x->column ? x->column : 1);
			fputs("}}]", out);
		}
		fputc('}', out);
	}
	if (st->dropped)
		fprintf(out, "%s{\"level\": \"warning\", \"message\": {\"text\": "
			"\"%zu more results left out: GitHub accepts at most %d "
			"per run\"}}", d->count ? ",\n        " : "\n        ",
			st->dropped, SARIF_MAX_RESULTS);
	fputs("]}],\n", out);
}

static void sarif_end(pl_report *rep)
{
	sarif_state *st = rep->state;
	FILE *out = rep->opts.out;
	fclose(st->results);
	fputs("{\n  \"$schema\": \"https://json.schemastore.org/sarif-2.1.0.json\",\n"
	      "  \"version\": \"2.1.0\",\n  \"runs\": [\n    {\n"
	      "      \"tool\": {\"driver\": {\"name\": \"policylint\", "
	      "\"version\": \"" PL_VERSION "\", \"semanticVersion\": \""
	      PL_VERSION "\",\n        \"rules\": [", out);
	for (size_t i = 0; i < st->nrules; i++) {
		fputs(i ? ",\n          " : "\n          ", out);
		rule_descriptor(out, &st->rules[i]);
	}
	fputs("]}},\n      \"originalUriBaseIds\": {\"%SRCROOT%\": {\"uri\": "
	      "\"file://", out);
	put_uri_chars(out, st->root);
	fputs(strcmp(st->root, "/") ? "/\"}},\n" : "\"}},\n", out);
	fputs("      \"columnKind\": \"unicodeCodePoints\",\n", out);
	if (rep->opts.against) {
		fputs("      \"properties\": {\"against\": ", out);
		pl_json_string(out, rep->opts.against);
		fputs("},\n", out);
	}
	notifications(out, st, rep);
	fputs("      \"results\": [", out);
	fwrite(st->buf, 1, st->buf_len, out);
	fputs(st->nresults ? "\n      ]\n    }\n  ]\n}\n" : "]\n    }\n  ]\n}\n",
	      out);
	free(st->buf);
	free(st->rules);
	free(st->root);
}

const pl_report_format pl_report_sarif_format = {"sarif", sarif_begin,
						 sarif_file, sarif_end};
