/*
 * diag.c: diagnostics about what policylint read (rule files, config,
 * inputs), collected so that one run reports all of them, and the message
 * table: every code's stable id and severity, in the order of the enum
 * (docs/diagnostics.md describes each).
 */
#include <stdarg.h>
#include <stdlib.h>

#include "diag.h"
#include "util.h"

static const struct {
	const char *id;
	pl_severity severity;
} table[PL_DIAG_COUNT] = {
	[PL_DIAG_INPUT_MISSING] = {"input-missing", PL_SEV_ERROR},
	[PL_DIAG_INPUT_UNREADABLE] = {"input-unreadable", PL_SEV_ERROR},
	[PL_DIAG_INPUT_DIRECTORY] = {"input-directory", PL_SEV_ERROR},
	[PL_DIAG_INPUT_BINARY] = {"input-binary", PL_SEV_ERROR},
	[PL_DIAG_INPUT_NOT_REGULAR] = {"input-not-regular", PL_SEV_ERROR},
	[PL_DIAG_INPUT_TOO_LARGE] = {"input-too-large", PL_SEV_ERROR},
	[PL_DIAG_INPUT_EMPTY] = {"input-empty", PL_SEV_INFO},
	[PL_DIAG_INPUT_UNTERMINATED] = {"input-unterminated", PL_SEV_WARNING},
	[PL_DIAG_FILE_LIST] = {"file-list", PL_SEV_ERROR},
	[PL_DIAG_RULES_UNREADABLE] = {"rules-unreadable", PL_SEV_ERROR},
	[PL_DIAG_RULES_EMPTY_FOLDER] = {"rules-empty-folder", PL_SEV_ERROR},
	[PL_DIAG_RULES_NOT_FOUND] = {"rules-not-found", PL_SEV_ERROR},
	[PL_DIAG_RULES_SCHEMA] = {"rules-schema", PL_SEV_ERROR},
	[PL_DIAG_RULES_BAD_ID] = {"rules-bad-id", PL_SEV_ERROR},
	[PL_DIAG_RULES_DUPLICATE_ID] = {"rules-duplicate-id", PL_SEV_ERROR},
	[PL_DIAG_RULES_UNKNOWN_REFERENCE] = {"rules-unknown-reference",
					     PL_SEV_ERROR},
	[PL_DIAG_RULES_BAD_REGEX] = {"rules-bad-regex", PL_SEV_ERROR},
	[PL_DIAG_RULES_CYCLE] = {"rules-cycle", PL_SEV_ERROR},
	[PL_DIAG_RULES_EXAMPLE] = {"rules-example", PL_SEV_ERROR},
	[PL_DIAG_RULES_UNDOCUMENTED] = {"rules-undocumented", PL_SEV_WARNING},
	[PL_DIAG_PATTERN_LIMIT] = {"pattern-limit", PL_SEV_ERROR},
	[PL_DIAG_PATTERN_ERROR] = {"pattern-error", PL_SEV_ERROR},
	[PL_DIAG_YAML_SYNTAX] = {"yaml-syntax", PL_SEV_ERROR},
	[PL_DIAG_YAML_TOO_LARGE] = {"yaml-too-large", PL_SEV_ERROR},
	[PL_DIAG_YAML_DUPLICATE_KEY] = {"yaml-duplicate-key", PL_SEV_ERROR},
	[PL_DIAG_CONFIG_UNREADABLE] = {"config-unreadable", PL_SEV_ERROR},
	[PL_DIAG_CONFIG_SCHEMA] = {"config-schema", PL_SEV_ERROR},
	[PL_DIAG_CONFIG_UNKNOWN_RULE] = {"config-unknown-rule", PL_SEV_WARNING},
	[PL_DIAG_UNKNOWN_PROFILE] = {"unknown-profile", PL_SEV_ERROR},
	[PL_DIAG_OPTION_UNKNOWN_RULE] = {"option-unknown-rule", PL_SEV_WARNING},
	[PL_DIAG_UNKNOWN_FACT] = {"unknown-fact", PL_SEV_WARNING},
	[PL_DIAG_BASELINE_UNREADABLE] = {"baseline-unreadable", PL_SEV_ERROR},
	[PL_DIAG_BASELINE_FORMAT] = {"baseline-format", PL_SEV_ERROR},
	[PL_DIAG_OUTPUT_WRITE] = {"output-write", PL_SEV_ERROR},
	[PL_DIAG_GIT_MISSING] = {"git-missing", PL_SEV_ERROR},
	[PL_DIAG_GIT_REVISION] = {"git-revision", PL_SEV_ERROR},
	[PL_DIAG_AGAINST_NEW_FILE] = {"against-new-file", PL_SEV_WARNING},
	[PL_DIAG_RULES_SUGGEST] = {"rules-suggest", PL_SEV_ERROR},
	[PL_DIAG_LSP_MESSAGE] = {"lsp-message", PL_SEV_WARNING},
	[PL_DIAG_LSP_CLIENT_GONE] = {"lsp-client-gone", PL_SEV_INFO},
	[PL_DIAG_RULES_UNREACHABLE] = {"rules-unreachable", PL_SEV_ERROR},
};

const char *pl_diag_code_id(pl_diag_code code)
{
	return (unsigned)code < PL_DIAG_COUNT ? table[code].id : NULL;
}

pl_severity pl_diag_code_severity(pl_diag_code code)
{
	return (unsigned)code < PL_DIAG_COUNT ? table[code].severity :
						PL_SEV_ERROR;
}

static void push(pl_diags *d, pl_diag_code code, pl_severity sev,
		 const char *path, unsigned long line, unsigned long column,
		 char *message)
{
	pl_diag x = {code, sev, pl_xstrdup(path ? path : "policylint"), line,
		     column, message};
	PL_PUSH(d->items, d->count, d->cap, x);
	if (sev == PL_SEV_ERROR)
		d->errors++;
}

void pl_diags_vadd(pl_diags *d, pl_diag_code code, const char *path,
		   unsigned long line, unsigned long column, const char *fmt,
		   va_list ap)
{
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_vprintf(&b, fmt, ap);
	push(d, code, pl_diag_code_severity(code), path, line, column,
	     pl_buf_detach(&b));
}

void pl_diags_add(pl_diags *d, pl_diag_code code, const char *path,
		  unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(d, code, path, line, column, fmt, ap);
	va_end(ap);
}

void pl_diags_move(pl_diags *from, pl_diags *to, int soften)
{
	for (size_t i = 0; i < from->count; i++) {
		pl_diag *x = &from->items[i];
		pl_severity sev = soften && x->severity == PL_SEV_ERROR ?
					  PL_SEV_WARNING : x->severity;
		push(to, x->code, sev, x->path, x->line, x->column,
		     (char *)x->message);
		free((char *)x->path);
	}
	free(from->items);
	from->items = NULL;
	from->count = from->cap = from->errors = 0;
}

pl_diags *pl_diags_new(void)
{
	return pl_xcalloc(1, sizeof(pl_diags));
}

size_t pl_diags_count(const pl_diags *d)
{
	return d ? d->count : 0;
}

const pl_diag *pl_diags_get(const pl_diags *d, size_t i)
{
	return d && i < d->count ? &d->items[i] : NULL;
}

size_t pl_diags_errors(const pl_diags *d)
{
	return d ? d->errors : 0;
}

void pl_diags_print(pl_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const pl_diag *x = &d->items[i];
		if (x->line)
			fprintf(out, "%s:%lu:%lu: %s: %s [%s]\n", x->path,
				x->line, x->column ? x->column : 1,
				pl_severity_name(x->severity), x->message,
				pl_diag_code_id(x->code));
		else
			fprintf(out, "%s: %s: %s [%s]\n", x->path,
				pl_severity_name(x->severity), x->message,
				pl_diag_code_id(x->code));
	}
	fflush(out);
	size_t errors = d->errors;
	pl_diags_clear(d);
	d->errors = errors;   /* the count survives printing: exit status */
}

void pl_diags_clear(pl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free((char *)d->items[i].path);
		free((char *)d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->count = d->cap = 0;
	d->errors = 0;
}

void pl_diags_free(pl_diags *d)
{
	if (d == NULL)
		return;
	pl_diags_clear(d);
	free(d);
}
