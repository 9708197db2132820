/*
 * diag.c: diagnostics about what policylint read (rule files, config,
 * inputs), collected so that one run reports all of them.
 */
#include <stdarg.h>
#include <stdlib.h>

#include "policylint.h"
#include "util.h"

void pl_diags_add(pl_diags *d, pl_severity sev, const char *path,
		  unsigned long line, unsigned long column, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(d, sev, path, line, column, fmt, ap);
	va_end(ap);
}

void pl_diags_vadd(pl_diags *d, pl_severity sev, const char *path,
		   unsigned long line, unsigned long column, const char *fmt,
		   va_list ap)
{
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_vprintf(&b, fmt, ap);
	pl_diag x = {sev, pl_xstrdup(path ? path : "policylint"), line, column,
		     pl_buf_detach(&b)};
	PL_PUSH(d->items, d->count, d->cap, x);
	if (sev == PL_SEV_ERROR)
		d->errors++;
}

void pl_diags_print(pl_diags *d, FILE *out)
{
	for (size_t i = 0; i < d->count; i++) {
		const pl_diag *x = &d->items[i];
		if (x->line)
			fprintf(out, "%s:%lu:%lu: %s: %s\n", x->path, x->line,
				x->column ? x->column : 1,
				pl_severity_name(x->severity), x->message);
		else
			fprintf(out, "%s: %s: %s\n", x->path,
				pl_severity_name(x->severity), x->message);
	}
	fflush(out);
	size_t errors = d->errors;
	pl_diags_free(d);
	d->errors = errors;   /* the count survives printing: exit status */
}

void pl_diags_free(pl_diags *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].path);
		free(d->items[i].message);
	}
	free(d->items);
	d->items = NULL;
	d->count = d->cap = 0;
	d->errors = 0;
}
