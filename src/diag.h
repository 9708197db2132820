/*
 * diag.h: building lists of diagnostics (diag.c).  The list itself is
 * opaque to library users (policylint.h); inside the library it is a plain
 * struct so that a stage can keep one on the stack.
 */
#ifndef PL_DIAG_H
#define PL_DIAG_H

#include <stdarg.h>

#include "policylint.h"

struct pl_diags {
	pl_diag *items;
	size_t count, cap;
	size_t errors;          /* how many items have PL_SEV_ERROR */
};

/* Adds a diagnostic with code's severity; path NULL means "policylint". */
void pl_diags_add(pl_diags *d, pl_diag_code code, const char *path,
		  unsigned long line, unsigned long column, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 6, 7)))
#endif
	;
/* The same with a va_list, for loaders that wrap it. */
void pl_diags_vadd(pl_diags *d, pl_diag_code code, const char *path,
		   unsigned long line, unsigned long column, const char *fmt,
		   va_list ap);
/* Moves every diagnostic of from to the end of to, from left empty; with
 * soften, errors become warnings (--print-config shows a broken
 * configuration rather than failing on it). */
void pl_diags_move(pl_diags *from, pl_diags *to, int soften);
/* Frees what d holds and leaves it empty (d itself is the caller's). */
void pl_diags_clear(pl_diags *d);

#endif
