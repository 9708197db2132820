/*
 * lsp.c: `policylint lsp`, a language server: the editor sends the policy
 * it edits (full text on open and on every change), the server answers
 * with the same findings the command line reports, as diagnostics with
 * their related locations; hover on a finding shows its rule's --explain;
 * code actions insert the rule's suggested clause or a disable directive
 * with a reason.  Every file is configured by the .policylint.yaml found
 * from its path, as on the command line (the linter session's discovery);
 * a change to such a file makes a new session.
 *
 * Changes are debounced: a document is linted once no message has come
 * for DEBOUNCE_MS, so that typing is not linted keystroke by keystroke.
 * Nothing a client sends can stop the server but exit or the end of its
 * input: a malformed message gets a JSON-RPC error (and a diagnostic,
 * lsp-message, on standard error, the editor's log).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "json.h"
#include "lsp.h"
#include "paths.h"
#include "report.h"

#define DEBOUNCE_MS 150

/* JSON-RPC and LSP error codes. */
#define E_PARSE -32700
#define E_INVALID_REQUEST -32600
#define E_NO_METHOD -32601
#define E_INVALID_PARAMS -32602
#define E_NOT_INITIALIZED -32002

typedef enum { ENC_UTF16, ENC_UTF8, ENC_UTF32 } encoding;

typedef struct {
	char *uri;
	char *name;             /* what the linter calls it: its path */
	char *text;
	size_t len;
	long version;
	int dirty;              /* changed since it was last linted */
	pl_result *r;           /* the last lint: what diagnostics, hover and
	                           code actions refer to */
} document;

typedef struct {
	pl_linter_options opts;
	pl_linter *lint;
	document *docs;
	size_t ndocs, docs_cap;
	pl_lsp_reader rd;
	int out_fd;
	int initialized, shut_down, done, gone, status;
	encoding enc;
} server;

/* ---- Writing messages ----------------------------------------------------- */

typedef struct {
	char *data;
	size_t len;
	FILE *f;
} message;

static FILE *msg_begin(message *m)
{
	m->data = NULL;
	m->len = 0;
	m->f = open_memstream(&m->data, &m->len);
	if (m->f == NULL)
		abort();        /* out of memory */
	fputs("{\"jsonrpc\": \"2.0\", ", m->f);
	return m->f;
}

static void msg_send(server *s, message *m)
{
	fputc('}', m->f);
	fclose(m->f);
	if (!s->gone && pl_lsp_write(s->out_fd, m->data, m->len) != 0)
		s->gone = 1;
	free(m->data);
}

/* An id as it came (a number or a string), or null. */
static void put_id(FILE *f, const pl_json *id)
{
	if (id && id->type == PL_JSON_NUMBER)
		fputs(id->str, f);
	else if (id && id->type == PL_JSON_STRING)
		pl_json_string_n(f, id->str, id->len);
	else
		fputs("null", f);
}

/* Starts a response to id; the caller writes the result after it. */
static FILE *reply_begin(message *m, const pl_json *id)
{
	FILE *f = msg_begin(m);
	fputs("\"id\": ", f);
	put_id(f, id);
	fputs(", \"result\": ", f);
	return f;
}

static void reply_error(server *s, const pl_json *id, int code, const char *text)
{
	message m;
	FILE *f = msg_begin(&m);
	fputs("\"id\": ", f);
	put_id(f, id);
	fprintf(f, ", \"error\": {\"code\": %d, \"message\": ", code);
	pl_json_string(f, text);
	fputc('}', f);
	msg_send(s, &m);
}

/* A problem with what the client sent: on standard error (the editor's
 * log) as a coded diagnostic. */
static void log_problem(pl_diag_code code, const char *fmt, const char *arg)
{
	pl_diags *d = pl_diags_new();
	pl_diags_add(d, code, "policylint lsp", 0, 0, fmt, arg);
	pl_diags_print(d, stderr);
	pl_diags_free(d);
}

/* ---- Positions ------------------------------------------------------------ */

/* The units of the position encoding the first n bytes at s take. */
static size_t units(const server *s, const char *p, size_t n)
{
	if (s->enc == ENC_UTF8)
		return n;
	size_t u = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if ((c & 0xC0) != 0x80)
			u += s->enc == ENC_UTF16 && c >= 0xF0 ? 2 : 1;
	}
	return u;
}

static void put_position(FILE *f, const server *s, const pl_result *r,
			 size_t offset)
{
	unsigned long line, col;
	if (offset > r->src_len)
		offset = r->src_len;
	pl_result_position(r, offset, &line, &col);
	size_t start = line >= 1 && line <= r->nlines ? r->line_starts[line - 1] : 0;
	if (start > offset)
		start = offset;
	fprintf(f, "{\"line\": %lu, \"character\": %zu}", line ? line - 1 : 0,
		units(s, r->src + start, offset - start));
}

static void put_range(FILE *f, const server *s, const pl_result *r,
		      size_t offset, size_t length)
{
	fputs("{\"start\": ", f);
	put_position(f, s, r, offset);
	fputs(", \"end\": ", f);
	put_position(f, s, r, offset + length);
	fputc('}', f);
}

/* The byte offset of an LSP position in r's text (clamped to its line). */
static size_t offset_of(const server *s, const pl_result *r, const pl_json *pos)
{
	double line = pl_json_get_number(pos, "line", 0);
	double ch = pl_json_get_number(pos, "character", 0);
	if (r->nlines == 0 || line < 0)
		return 0;
	if (line >= (double)r->nlines)
		return r->src_len;
	size_t i = r->line_starts[(size_t)line];
	size_t end = pl_line_end(r->src, i, r->src_len);
	for (size_t u = 0; i < end && (double)u < ch;) {
		size_t k = 1;
		while (i + k < end && ((unsigned char)r->src[i + k] & 0xC0) == 0x80)
			k++;
		u += units(s, r->src + i, k);
		i += k;
	}
	return i;
}

/* ---- Documents ------------------------------------------------------------- */

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* file:///a%20b/p.md -> /a b/p.md; another scheme's URI is named as it
 * is (configured from the current folder). */
static char *uri_to_name(const char *uri)
{
	if (strncmp(uri, "file://", 7) != 0)
		return pl_xstrdup(uri);
	const char *p = uri + 7;
	if (strncmp(p, "localhost/", 10) == 0)
		p += 9;
	pl_buf b;
	pl_buf_init(&b);
	for (; *p; p++) {
		int h, l;
		if (*p == '%' && (h = hexval(p[1])) >= 0 && (l = hexval(p[2])) >= 0) {
			pl_buf_putc(&b, (char)(h * 16 + l));
			p += 2;
		} else {
			pl_buf_putc(&b, *p);
		}
	}
	return pl_buf_detach(&b);
}

static document *find_doc(server *s, const char *uri)
{
	for (size_t i = 0; uri && i < s->ndocs; i++)
		if (strcmp(s->docs[i].uri, uri) == 0)
			return &s->docs[i];
	return NULL;
}

static void doc_clear(document *d)
{
	free(d->uri);
	free(d->name);
	free(d->text);
	pl_result_free(d->r);
}

static void set_text(document *d, const pl_json *text, long version)
{
	free(d->text);
	d->text = pl_xstrndup(text->str, text->len);
	d->len = text->len;
	d->version = version;
	d->dirty = 1;
}

/* A configuration file named by the client: the sessions read it. */
static int is_config(const char *name)
{
	const char *base = strrchr(name, '/');
	return strcmp(base ? base + 1 : name, ".policylint.yaml") == 0;
}

/* ---- Diagnostics ----------------------------------------------------------- */

static int lsp_severity(pl_severity sev)
{
	return sev == PL_SEV_ERROR ? 1 : sev == PL_SEV_WARNING ? 2 : 3;
}

/* The file URI of a path: absolute, with the bytes a URI cannot hold
 * percent-encoded. */
static char *file_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	char *abs = pl_path_absolute(path);
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, "file://");
	for (const unsigned char *p = (const unsigned char *)abs; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p))
			pl_buf_putc(&b, (char)*p);
		else
			pl_buf_printf(&b, "%%%c%c", hex[*p >> 4], hex[*p & 15]);
	}
	free(abs);
	return pl_buf_detach(&b);
}

/* A related location is in this document, or in another file (a document
 * of the same notice, --with). */
static void put_uri_of(FILE *f, const document *d, const pl_location *l)
{
	if (l->path == NULL) {
		pl_json_string(f, d->uri);
		return;
	}
	char *u = file_uri(l->path);
	pl_json_string(f, u);
	free(u);
}

static void put_related(FILE *f, const server *s, const document *d,
			const pl_finding *x)
{
	fputs(", \"relatedInformation\": [", f);
	for (size_t k = 0; k < x->nrelated; k++) {
		const pl_location *l = &x->related[k];
		fputs(k ? ", {\"location\": {\"uri\": " : "{\"location\": {\"uri\": ", f);
		put_uri_of(f, d, l);
		fputs(", \"range\": ", f);
		if (l->path == NULL) {
			put_range(f, s, d->r, l->offset, l->length);
		} else {        /* another file: its line and column as told */
			unsigned long ln = l->line ? l->line - 1 : 0;
			unsigned long c = l->column ? l->column - 1 : 0;
			fprintf(f, "{\"start\": {\"line\": %lu, \"character\": %lu}, "
				"\"end\": {\"line\": %lu, \"character\": %lu}}",
				ln, c, ln, c);
		}
		fputs("}, \"message\": ", f);
		pl_json_string(f, l->message ? l->message : "related");
		fputc('}', f);
	}
	fputc(']', f);
}

static void put_diagnostic(FILE *f, const server *s, const document *d,
			   const pl_finding *x)
{
	fputs("{\"range\": ", f);
	put_range(f, s, d->r, x->loc.offset, x->loc.length);
	char *ids = pl_report_rule_ids(x);
	fprintf(f, ", \"severity\": %d, \"source\": \"policylint\", \"code\": ",
		lsp_severity(x->severity));
	pl_json_string(f, ids);
	free(ids);
	fputs(", \"message\": ", f);
	char *text = pl_xasprintf("%s (%s)", x->message,
				  pl_finding_kind_name(x->kind));
	pl_json_string(f, text);
	free(text);
	put_related(f, s, d, x);
	fputs(", \"data\": {\"rule\": ", f);
	pl_json_string(f, x->rule);
	fprintf(f, ", \"kind\": \"%s\"}}", pl_finding_kind_name(x->kind));
}

/* Problems with the configuration or rules of a document: at its top. */
static void put_problems(FILE *f, const pl_diags *dg, int first)
{
	for (size_t i = 0; i < pl_diags_count(dg); i++) {
		const pl_diag *x = pl_diags_get(dg, i);
		fputs(first && i == 0 ? "" : ", ", f);
		fprintf(f, "{\"range\": {\"start\": {\"line\": 0, \"character\": 0}, "
			"\"end\": {\"line\": 0, \"character\": 0}}, \"severity\": "
			"%d, \"source\": \"policylint\", \"code\": \"%s\", "
			"\"message\": ", lsp_severity(x->severity),
			pl_diag_code_id(x->code));
		char *text = pl_xasprintf("%s:%lu:%lu: %s", x->path, x->line,
					  x->column, x->message);
		pl_json_string(f, text);
		free(text);
		fputc('}', f);
	}
}

static void publish(server *s, const document *d, const pl_diags *problems)
{
	message m;
	FILE *f = msg_begin(&m);
	fputs("\"method\": \"textDocument/publishDiagnostics\", \"params\": "
	      "{\"uri\": ", f);
	pl_json_string(f, d->uri);
	fprintf(f, ", \"version\": %ld, \"diagnostics\": [", d->version);
	size_t n = d->r ? d->r->nfindings : 0;
	for (size_t i = 0; i < n; i++) {
		fputs(i ? ", " : "", f);
		put_diagnostic(f, s, d, &d->r->findings[i]);
	}
	if (problems)
		put_problems(f, problems, n == 0);
	fputs("]}", f);
	msg_send(s, &m);
}

static void lint_doc(server *s, document *d)
{
	pl_diags *dg = pl_diags_new();
	pl_result_free(d->r);
	d->r = NULL;
	d->dirty = 0;
	if (!is_config(d->name))
		pl_linter_lint_buffer(s->lint, d->name, d->text, d->len, &d->r, dg);
	publish(s, d, dg);
	pl_diags_free(dg);
}

static void lint_dirty(server *s)
{
	for (size_t i = 0; i < s->ndocs && !s->gone; i++)
		if (s->docs[i].dirty)
			lint_doc(s, &s->docs[i]);
}

/* A configuration changed: a new session reads every file afresh. */
static void reload(server *s)
{
	for (size_t i = 0; i < s->ndocs; i++) {
		pl_result_free(s->docs[i].r);
		s->docs[i].r = NULL;
		s->docs[i].dirty = 1;
	}
	pl_linter_free(s->lint);
	s->lint = pl_linter_new(&s->opts);
}

/* ---- Requests and notifications ------------------------------------------- */

typedef void (*handler)(server *s, const pl_json *id, const pl_json *params);

/* The best encoding the client offers: bytes, then code points, else the
 * default UTF-16 that every client speaks. */
static void choose_encoding(server *s, const pl_json *params)
{
	const pl_json *g = pl_json_get(pl_json_get(params, "capabilities"), "general");
	const pl_json *e = pl_json_get(g, "positionEncodings");
	s->enc = ENC_UTF16;
	for (size_t i = 0; e && e->type == PL_JSON_ARRAY && i < e->count; i++) {
		const pl_json *x = e->items[i];
		if (x->type == PL_JSON_STRING && strcmp(x->str, "utf-8") == 0)
			s->enc = ENC_UTF8;
		else if (x->type == PL_JSON_STRING && strcmp(x->str, "utf-32") == 0 &&
			 s->enc == ENC_UTF16)
			s->enc = ENC_UTF32;
	}
}

static void on_initialize(server *s, const pl_json *id, const pl_json *params)
{
	static const char *const names[] = {"utf-16", "utf-8", "utf-32"};
	choose_encoding(s, params);
	s->initialized = 1;
	message m;
	FILE *f = reply_begin(&m, id);
	fprintf(f, "{\"capabilities\": {\"positionEncoding\": \"%s\", "
		"\"textDocumentSync\": {\"openClose\": true, \"change\": 1, "
		"\"save\": {\"includeText\": false}}, \"hoverProvider\": true, "
		"\"codeActionProvider\": {\"codeActionKinds\": [\"quickfix\"]}}, "
		"\"serverInfo\": {\"name\": \"policylint\", \"version\": \"%s\"}}",
		names[s->enc], PL_VERSION);
	msg_send(s, &m);
}

static void on_shutdown(server *s, const pl_json *id, const pl_json *params)
{
	(void)params;
	s->shut_down = 1;
	message m;
	FILE *f = reply_begin(&m, id);
	fputs("null", f);
	msg_send(s, &m);
}

static void on_exit_note(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	(void)params;
	s->done = 1;
	s->status = s->shut_down ? 0 : 1;
}

static void on_did_open(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	const pl_json *td = pl_json_get(params, "textDocument");
	const char *uri = pl_json_get_string(td, "uri");
	const pl_json *text = pl_json_get(td, "text");
	if (uri == NULL || text == NULL || text->type != PL_JSON_STRING) {
		log_problem(PL_DIAG_LSP_MESSAGE, "%s: no textDocument.uri or .text",
			    "textDocument/didOpen");
		return;
	}
	document *d = find_doc(s, uri);
	if (d == NULL) {
		document nd = {pl_xstrdup(uri), uri_to_name(uri), NULL, 0, 0, 0, NULL};
		PL_PUSH(s->docs, s->ndocs, s->docs_cap, nd);
		d = &s->docs[s->ndocs - 1];
	}
	set_text(d, text, (long)pl_json_get_number(td, "version", 0));
	if (is_config(d->name))
		reload(s);
}

static void on_did_change(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	const pl_json *td = pl_json_get(params, "textDocument");
	document *d = find_doc(s, pl_json_get_string(td, "uri"));
	const pl_json *ch = pl_json_get(params, "contentChanges");
	if (d == NULL || ch == NULL || ch->type != PL_JSON_ARRAY || ch->count == 0)
		return;
	/* Full sync: the last change holds the whole text. */
	const pl_json *text = pl_json_get(ch->items[ch->count - 1], "text");
	if (text == NULL || text->type != PL_JSON_STRING)
		return;
	set_text(d, text, (long)pl_json_get_number(td, "version", d->version + 1));
}

static void on_did_close(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	const pl_json *td = pl_json_get(params, "textDocument");
	document *d = find_doc(s, pl_json_get_string(td, "uri"));
	if (d == NULL)
		return;
	pl_result_free(d->r);
	d->r = NULL;
	publish(s, d, NULL);            /* clears its diagnostics */
	doc_clear(d);
	*d = s->docs[--s->ndocs];
}

static void on_did_save(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	const char *uri = pl_json_get_string(pl_json_get(params, "textDocument"), "uri");
	char *name = uri ? uri_to_name(uri) : NULL;
	if (name && is_config(name))
		reload(s);
	free(name);
}

static void on_watched_files(server *s, const pl_json *id, const pl_json *params)
{
	(void)id;
	(void)params;
	reload(s);
}

/* ---- Hover and code actions --------------------------------------------- */

/* Whether finding x is at [a, b] of r: its own range, or for a gap with no
 * place, the first line (where the editor shows it). */
static int finding_at(const pl_result *r, const pl_finding *x, size_t a, size_t b)
{
	if (x->loc.length == 0 && x->loc.offset == 0)
		return a <= pl_line_end(r->src, 0, r->src_len);
	return x->loc.offset <= b && x->loc.offset + x->loc.length >= a;
}

/* The document and byte range a hover or code action is about, or NULL. */
static document *target(server *s, const pl_json *id, const pl_json *params,
			size_t *a, size_t *b)
{
	const char *uri = pl_json_get_string(pl_json_get(params, "textDocument"), "uri");
	document *d = find_doc(s, uri);
	const pl_json *range = pl_json_get(params, "range");
	const pl_json *pos = range ? pl_json_get(range, "start") :
				     pl_json_get(params, "position");
	if (d == NULL || pos == NULL) {
		reply_error(s, id, E_INVALID_PARAMS, "no such open document or "
			    "no position");
		return NULL;
	}
	/* Positions are the current text's: lint what changed first. */
	if (d->r == NULL || d->dirty)
		lint_doc(s, d);
	if (d->r == NULL)
		return d;
	*a = offset_of(s, d->r, pos);
	*b = range ? offset_of(s, d->r, pl_json_get(range, "end")) : *a;
	return d;
}

static void explain_into(FILE *f, const pl_ruleset *rs, const pl_finding *x)
{
	char *text = NULL;
	size_t n = 0;
	FILE *m = open_memstream(&text, &n);
	if (m == NULL)
		abort();
	if (rs == NULL || pl_ruleset_explain(rs, x->rule, m) < 0)
		fputs(x->message, m);
	fclose(m);
	char *md = pl_xasprintf("**%s** (%s): %s\n\n```text\n%s```\n", x->rule,
				pl_finding_kind_name(x->kind), x->message, text);
	pl_json_string(f, md);
	free(md);
	free(text);
}

static void on_hover(server *s, const pl_json *id, const pl_json *params)
{
	size_t a = 0, b = 0;
	document *d = target(s, id, params, &a, &b);
	if (d == NULL)
		return;
	const pl_finding *hit = NULL;
	for (size_t i = 0; d->r && i < d->r->nfindings && hit == NULL; i++)
		if (finding_at(d->r, &d->r->findings[i], a, b))
			hit = &d->r->findings[i];
	message m;
	FILE *f = reply_begin(&m, id);
	if (hit == NULL) {
		fputs("null", f);
	} else {
		fputs("{\"contents\": {\"kind\": \"markdown\", \"value\": ", f);
		explain_into(f, d->r->rules, hit);
		fputs("}, \"range\": ", f);
		put_range(f, s, d->r, hit->loc.offset, hit->loc.length);
		fputc('}', f);
	}
	msg_send(s, &m);
}

/* One code action: a title and one insertion of text at offset. */
static void put_action(FILE *f, const server *s, const document *d,
		       const pl_finding *x, const char *title, size_t offset,
		       const char *text, int *first)
{
	fputs(*first ? "{\"title\": " : ", {\"title\": ", f);
	*first = 0;
	pl_json_string(f, title);
	fputs(", \"kind\": \"quickfix\", \"diagnostics\": [", f);
	put_diagnostic(f, s, d, x);
	fputs("], \"edit\": {\"changes\": {", f);
	pl_json_string(f, d->uri);
	fputs(": [{\"range\": ", f);
	put_range(f, s, d->r, offset, 0);
	fputs(", \"newText\": ", f);
	pl_json_string(f, text);
	fputs("}]}}}", f);
}

/* Where a directive for the whole file goes: the top, or in HTML after
 * the line of <body>. */
static size_t file_directive_at(const pl_result *r)
{
	if (r->format != PL_INPUT_HTML)
		return 0;
	const char *body = strstr(r->src, "<body");
	if (body == NULL)
		return 0;
	size_t e = pl_line_end(r->src, (size_t)(body - r->src), r->src_len);
	return pl_line_next(r->src, e, r->src_len);
}

static char *directive(const pl_result *r, const char *cmd, const char *rule)
{
	const char *reason = "reason: say why this does not apply";
	return r->format == PL_INPUT_TEXT ?
		       pl_xasprintf("# policylint-%s %s -- %s\n", cmd, rule, reason) :
		       pl_xasprintf("<!-- policylint-%s %s -- %s -->\n", cmd, rule,
				    reason);
}

static void actions_for(FILE *f, const server *s, const document *d,
			const pl_finding *x, int *first)
{
	pl_insertion ins;
	if (pl_report_suggestion(d->r, x, &ins)) {
		char *t = pl_xasprintf("Insert a suggested clause for %s", x->rule);
		put_action(f, s, d, x, t, ins.offset, ins.text, first);
		free(t);
		free(ins.text);
	}
	if (x->kind == PL_KIND_UNUSED_DIRECTIVE)
		return;
	if (x->loc.length > 0 && x->loc.line > 0) {
		char *t = pl_xasprintf("Disable %s on this line (with a reason)", x->rule);
		char *dir = directive(d->r, "disable-next-line", x->rule);
		put_action(f, s, d, x, t, d->r->line_starts[x->loc.line - 1], dir,
			   first);
		free(dir);
		free(t);
	}
	char *t = pl_xasprintf("Disable %s in this file (with a reason)", x->rule);
	char *dir = directive(d->r, "disable-file", x->rule);
	put_action(f, s, d, x, t, file_directive_at(d->r), dir, first);
	free(dir);
	free(t);
}

static void on_code_action(server *s, const pl_json *id, const pl_json *params)
{
	size_t a = 0, b = 0;
	document *d = target(s, id, params, &a, &b);
	if (d == NULL)
		return;
	message m;
	FILE *f = reply_begin(&m, id);
	fputc('[', f);
	int first = 1;
	for (size_t i = 0; d->r && i < d->r->nfindings; i++)
		if (finding_at(d->r, &d->r->findings[i], a, b))
			actions_for(f, s, d, &d->r->findings[i], &first);
	fputc(']', f);
	msg_send(s, &m);
}

/* ---- The loop --------------------------------------------------------------- */

static const struct {
	const char *method;
	handler fn;
	int request;            /* answered (else a notification) */
} methods[] = {
	{"initialize", on_initialize, 1},
	{"shutdown", on_shutdown, 1},
	{"exit", on_exit_note, 0},
	{"textDocument/didOpen", on_did_open, 0},
	{"textDocument/didChange", on_did_change, 0},
	{"textDocument/didClose", on_did_close, 0},
	{"textDocument/didSave", on_did_save, 0},
	{"workspace/didChangeWatchedFiles", on_watched_files, 0},
	{"textDocument/hover", on_hover, 1},
	{"textDocument/codeAction", on_code_action, 1},
};

#define NMETHODS (sizeof methods / sizeof *methods)

static void dispatch(server *s, const pl_json *msg)
{
	const pl_json *id = pl_json_get(msg, "id");
	const char *method = pl_json_get_string(msg, "method");
	if (method == NULL) {
		/* A response to nothing we asked, or no message at all. */
		if (msg->type != PL_JSON_OBJECT || pl_json_get(msg, "result") == NULL) {
			log_problem(PL_DIAG_LSP_MESSAGE, "%s", "a message with no method");
			reply_error(s, id, E_INVALID_REQUEST, "no method");
		}
		return;
	}
	for (size_t i = 0; i < NMETHODS; i++) {
		if (strcmp(methods[i].method, method) != 0)
			continue;
		if (!s->initialized && strcmp(method, "initialize") != 0 &&
		    strcmp(method, "exit") != 0) {
			if (id)
				reply_error(s, id, E_NOT_INITIALIZED,
					    "initialize first");
			return;
		}
		if (s->shut_down && id && strcmp(method, "shutdown") != 0) {
			reply_error(s, id, E_INVALID_REQUEST, "shut down");
			return;
		}
		methods[i].fn(s, id, pl_json_get(msg, "params"));
		return;
	}
	/* Unknown requests are answered; unknown notifications ("$/...")
	 * are dropped, as the protocol says. */
	if (id)
		reply_error(s, id, E_NO_METHOD, method);
}

static void handle(server *s, const char *body, size_t n)
{
	const char *why;
	size_t at;
	pl_json *msg = pl_json_parse(body, n, &why, &at);
	if (msg == NULL) {
		char *text = pl_xasprintf("a message that is no JSON: %s at byte %zu",
					  why, at);
		log_problem(PL_DIAG_LSP_MESSAGE, "%s", text);
		reply_error(s, NULL, E_PARSE, text);
		free(text);
		return;
	}
	dispatch(s, msg);
	pl_json_free(msg);
}

static int any_dirty(const server *s)
{
	for (size_t i = 0; i < s->ndocs; i++)
		if (s->docs[i].dirty)
			return 1;
	return 0;
}

/* Debouncing: with changes waiting, lint them once the client has been
 * quiet for DEBOUNCE_MS; a message that comes first is read first. */
static void wait_or_lint(server *s)
{
	if (!any_dirty(s) || pl_lsp_buffered(&s->rd))
		return;
	struct pollfd p = {s->rd.fd, POLLIN, 0};
	int rc;
	do
		rc = poll(&p, 1, DEBOUNCE_MS);
	while (rc < 0 && errno == EINTR);
	if (rc == 0)
		lint_dirty(s);
}

static void serve(server *s)
{
	while (!s->done && !s->gone) {
		wait_or_lint(s);
		char *body = NULL;
		size_t n = 0;
		const char *why = NULL;
		int rc = pl_lsp_read(&s->rd, &body, &n, &why);
		if (rc == PL_LSP_EOF) {
			log_problem(PL_DIAG_LSP_CLIENT_GONE, "%s", "the client closed "
				    "the connection without exit: stopping");
			break;
		}
		if (rc == PL_LSP_BAD_FRAME) {
			log_problem(PL_DIAG_LSP_MESSAGE, "%s", why);
			reply_error(s, NULL, E_PARSE, why);
			continue;
		}
		handle(s, body, n);
		free(body);
	}
	if (s->gone)
		log_problem(PL_DIAG_LSP_CLIENT_GONE, "%s", "the client stopped "
			    "reading (a broken pipe): stopping");
}

int pl_lsp_run(const pl_linter_options *opts, int in_fd, int out_fd)
{
	/* A client that goes away must end the server, not kill it. */
	signal(SIGPIPE, SIG_IGN);
	server s;
	memset(&s, 0, sizeof(s));
	s.opts = *opts;
	s.lint = pl_linter_new(&s.opts);
	s.rd.fd = in_fd;
	s.out_fd = out_fd;
	serve(&s);
	for (size_t i = 0; i < s.ndocs; i++)
		doc_clear(&s.docs[i]);
	free(s.docs);
	pl_linter_free(s.lint);
	pl_lsp_reader_free(&s.rd);
	return s.done ? s.status : 0;
}
