/*
 * json.h: a small JSON reader (json.c) for what policylint reads as JSON:
 * the language server's messages (lsp.c).  Writing JSON is the reports'
 * (pl_json_string_n in report.h).
 */
#ifndef PL_JSON_H
#define PL_JSON_H

#include <stddef.h>

typedef enum {
	PL_JSON_NULL,
	PL_JSON_BOOL,
	PL_JSON_NUMBER,
	PL_JSON_STRING,
	PL_JSON_ARRAY,
	PL_JSON_OBJECT
} pl_json_type;

typedef struct pl_json pl_json;
struct pl_json {
	pl_json_type type;
	char *str;              /* a string, decoded (UTF-8, NUL-terminated;
	                           len bytes, NULs inside allowed); a number
	                           as written */
	size_t len;
	double number;
	int boolean;
	pl_json **items;        /* array elements, object values */
	char **keys;            /* object keys */
	size_t count, cap;
};

/* Parses s[0..n) (one value, nothing but white space around it), at most
 * PL_JSON_MAX_DEPTH deep.  NULL on an error, with *why set to a static
 * description and *at to its offset. */
#define PL_JSON_MAX_DEPTH 128
pl_json *pl_json_parse(const char *s, size_t n, const char **why, size_t *at);
void pl_json_free(pl_json *j);

/* The member key of an object (the last one when given twice), or NULL;
 * NULL for anything that is not an object. */
const pl_json *pl_json_get(const pl_json *obj, const char *key);
/* A member's string, or NULL when it is absent or no string. */
const char *pl_json_get_string(const pl_json *obj, const char *key);
/* A member's number, or def when it is absent or no number. */
double pl_json_get_number(const pl_json *obj, const char *key, double def);

#endif
