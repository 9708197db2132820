/*
 * input.h: reading a policy, or any file policylint reads whole, into
 * memory (input.c).
 */
#ifndef PL_INPUT_H
#define PL_INPUT_H

#include <sys/types.h>

#include "policylint.h"

/* What reading a file found. */
typedef enum {
	PL_FILE_OK,
	PL_FILE_MISSING,
	PL_FILE_DIRECTORY,
	PL_FILE_NOT_REGULAR,    /* a FIFO, device or socket: not read */
	PL_FILE_TOO_LARGE,      /* over the limit: not read further */
	PL_FILE_ERROR           /* open or read failed: err says why */
} pl_file_status;

typedef struct {
	int err;                /* errno, for PL_FILE_ERROR and MISSING */
	mode_t mode;            /* the file's type */
	unsigned long long size;/* its size when it is a regular file */
} pl_file_info;

/* Reads the regular file at path whole, if it holds at most max bytes,
 * into a malloc'd, NUL-terminated buffer.  Never blocks on a FIFO, never
 * reads a device, never reads more than max + 1 bytes; opens for reading
 * only. */
pl_file_status pl_file_read(const char *path, size_t max, char **data,
			    size_t *len, pl_file_info *info);
/* The same for standard input, which may be a pipe or a terminal. */
pl_file_status pl_file_read_stdin(size_t max, char **data, size_t *len,
				  pl_file_info *info);
/* What went wrong, as a message to follow the file's name (malloc'd). */
char *pl_file_problem(pl_file_status status, const pl_file_info *info,
		      size_t max);

/* Reads a policy from path ("-" is standard input), at most max bytes.  On
 * success stores a malloc'd buffer and its length and returns 0; otherwise
 * adds a diagnostic naming the file (display_name, else path) and the
 * problem (missing, a folder, not a regular file, over the size limit,
 * unreadable, binary) and returns -1. */
int pl_input_read_max(const char *path, const char *display_name,
		      size_t max, char **data, size_t *len, pl_diags *diags);
/* The same with the default size limit. */
int pl_input_read(const char *path, const char *display_name, char **data,
		  size_t *len, pl_diags *diags);

#endif
