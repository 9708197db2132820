/*
 * testutil.h: helpers the cmocka unit tests share: temporary files, rule
 * sets written inline, and linting a string.
 */
#ifndef PL_TESTUTIL_H
#define PL_TESTUTIL_H

#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "judge.h"

/* Writes text to a fresh temporary file with the given suffix; returns its
 * malloc'd path. */
static inline char *tu_write_temp(const char *suffix, const char *text,
				  size_t len)
{
	char tmpl[] = "/tmp/pltestXXXXXX";
	int fd = mkstemp(tmpl);
	assert_true(fd >= 0);
	close(fd);
	unlink(tmpl);
	size_t n = strlen(tmpl) + strlen(suffix) + 1;
	char *path = malloc(n);
	snprintf(path, n, "%s%s", tmpl, suffix);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	fclose(f);
	return path;
}

/* A fresh temporary folder (malloc'd path). */
static inline char *tu_tmpdir(void)
{
	char tmpl[] = "/tmp/pltestXXXXXX";
	assert_non_null(mkdtemp(tmpl));
	return strdup(tmpl);
}

/* Writes text to dir/name; returns the malloc'd path. */
static inline char *tu_write_at(const char *dir, const char *name,
				const char *text)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	snprintf(p, n, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	return p;
}

/* Loads a rule set from YAML text; diagnostics stay in *diags. */
static inline pl_ruleset *tu_rules_from(const char *yaml, pl_diags *diags)
{
	char *path = tu_write_temp(".yaml", yaml, strlen(yaml));
	pl_ruleset *rs = pl_ruleset_new();
	if (pl_ruleset_load(rs, path, diags) == 0)
		pl_ruleset_compile(rs, diags);
	unlink(path);
	free(path);
	return rs;
}

/* The default rule set of the source tree (POLICYLINT_RULES, set by the
 * Makefile, or ./rules). */
static inline pl_ruleset *tu_default_rules(void)
{
	const char *dir = getenv("POLICYLINT_RULES");
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_new();
	pl_ruleset_load(rs, dir && *dir ? dir : "rules", &d);
	if (d.errors == 0)
		pl_ruleset_compile(rs, &d);
	if (d.errors)
		pl_diags_print(&d, stderr);
	assert_int_equal(d.errors, 0);
	pl_diags_clear(&d);
	return rs;
}

/* Lints text as if read from a file called name. */
static inline pl_result *tu_lint(const pl_ruleset *rs, const char *name,
				 const char *text, pl_diags *diags)
{
	size_t n = strlen(text);
	char *copy = malloc(n + 1);
	memcpy(copy, text, n + 1);
	return pl_scan(rs, name, copy, n, NULL, diags);
}

static inline const pl_finding *tu_finding(const pl_result *r, const char *rule)
{
	for (size_t i = 0; i < r->nfindings; i++)
		if (strcmp(r->findings[i].rule, rule) == 0)
			return &r->findings[i];
	return NULL;
}

/* The first diagnostic with code that names subject (the key, id or
 * value at fault; NULL: any): tests check codes and the facts a message
 * must carry, never its wording. */
static inline const pl_diag *tu_diag(const pl_diags *d, pl_diag_code code,
				     const char *subject)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->items[i].code == code &&
		    (subject == NULL || strstr(d->items[i].message, subject)))
			return &d->items[i];
	return NULL;
}

/* The shared folder (../shared) or NULL when it is absent. */
static inline const char *tu_shared(void)
{
	const char *s = getenv("POLICYLINT_SHARED");
	if (s == NULL || *s == '\0')
		s = "../shared";
	return access(s, R_OK) == 0 ? s : NULL;
}

#endif
