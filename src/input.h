/*
 * input.h: reading a policy into memory (input.c).
 */
#ifndef PL_INPUT_H
#define PL_INPUT_H

#include "policylint.h"

/* Reads a policy from path ("-" is standard input).  On success stores a
 * malloc'd buffer and its length and returns 0; otherwise adds a diagnostic
 * naming the file (display_name, else path) and the problem (missing, a
 * folder, unreadable, binary) and returns -1.  The file is only ever
 * opened for reading. */
int pl_input_read(const char *path, const char *display_name, char **data,
		  size_t *len, pl_diags *diags);

#endif
