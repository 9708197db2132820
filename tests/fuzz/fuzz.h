/*
 * fuzz.h: what the libFuzzer targets of tests/fuzz/ share (see
 * tests/fuzz/README.md): the repository's rule sets, loaded once per
 * process, a scratch file that inputs are written to for the entry points
 * that read files, and /dev/null for reports.
 *
 * Each target defines LLVMFuzzerTestOneInput and nothing else; built with
 * clang -fsanitize=fuzzer,address,undefined (make fuzz).  A target must not
 * print or leak: libFuzzer's leak check fails a run that does.
 */
#ifndef PL_FUZZ_H
#define PL_FUZZ_H

#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "judge.h"
#include "util.h"

#ifndef PL_FUZZ_ROOT
#define PL_FUZZ_ROOT "."
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A rule set of the repository (a path under its root), loaded and
 * compiled once; aborts when it is broken, which is no finding of the
 * input's. */
static inline pl_ruleset *fuzz_rules(const char *rel)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", PL_FUZZ_ROOT, rel);
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_open(path, &d);
	if (rs == NULL) {
		pl_diags_print(&d, stderr);
		abort();
	}
	pl_diags_clear(&d);
	return rs;
}

/* The default rules, for the whole pipeline. */
static inline pl_ruleset *fuzz_default_rules(void)
{
	static pl_ruleset *rs;
	if (rs == NULL)
		rs = fuzz_rules("rules");
	return rs;
}

/* A few rules over three areas and one wording rule: cheap, for targets
 * whose subject is not the matching. */
static inline pl_ruleset *fuzz_small_rules(void)
{
	static pl_ruleset *rs;
	if (rs == NULL)
		rs = fuzz_rules("tests/data/workflow/rules.yaml");
	return rs;
}

/* Writes the input to this process's scratch file, named with suffix,
 * and returns its path (the same each call). */
static inline const char *fuzz_file(const char *suffix, const uint8_t *data,
				    size_t size)
{
	static char path[256];
	if (path[0] == '\0') {
		const char *dir = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
		snprintf(path, sizeof path, "%s/plfuzz-%ld%s", dir,
			 (long)getpid(), suffix);
	}
	FILE *f = fopen(path, "wb");
	if (f == NULL || fwrite(data, 1, size, f) != size || fclose(f) != 0)
		abort();
	return path;
}

static inline FILE *fuzz_devnull(void)
{
	static FILE *f;
	if (f == NULL && (f = fopen("/dev/null", "w")) == NULL)
		abort();
	return f;
}

/* The input as a NUL-terminated copy (free it). */
static inline char *fuzz_copy(const uint8_t *data, size_t size)
{
	char *s = pl_xmalloc(size + 1);
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
