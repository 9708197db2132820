/*
 * regex.c: the regular-expression engine, PCRE2 behind compile / search /
 * free.  The only file that includes pcre2.h.
 *
 * Every pattern is compiled caseless, UTF and UCP (\\b and \\w know
 * letters beyond ASCII), with invalid UTF-8 in the subject tolerated, and
 * JIT-compiled when PCRE2 can.  Every search runs under match, depth and
 * heap limits (and a bounded JIT stack), so that no pattern can hang a run:
 * a search that hits them returns PL_MATCH_LIMIT and the caller names the
 * rule.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

struct pl_regex {
	pcre2_code *code;
	int jit;
};

struct pl_match_state {
	pcre2_match_data *md;
	pcre2_match_context *mc;
	pcre2_jit_stack *stack;
};

pl_match_state *pl_match_state_new(void)
{
	pl_match_state *ms = pl_xcalloc(1, sizeof(*ms));
	ms->md = pcre2_match_data_create(1, NULL);
	ms->mc = pcre2_match_context_create(NULL);
	ms->stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, NULL);
	if (ms->md == NULL || ms->mc == NULL || ms->stack == NULL) {
		fprintf(stderr, "policylint: out of memory (PCRE2 state)\n");
		abort();
	}
	pcre2_set_match_limit(ms->mc, PL_MATCH_LIMIT_COUNT);
	pcre2_set_depth_limit(ms->mc, PL_MATCH_LIMIT_DEPTH);
	pcre2_set_heap_limit(ms->mc, PL_MATCH_LIMIT_HEAP_KB);
	pcre2_jit_stack_assign(ms->mc, NULL, ms->stack);
	return ms;
}

void pl_match_state_free(pl_match_state *ms)
{
	if (ms == NULL)
		return;
	pcre2_match_data_free(ms->md);
	pcre2_match_context_free(ms->mc);
	pcre2_jit_stack_free(ms->stack);
	free(ms);
}

pl_match_status pl_regex_search(const pl_regex *re, pl_match_state *ms,
				const char *subject, size_t len, size_t start,
				size_t *mstart, size_t *mend)
{
	if (start > len)
		return PL_MATCH_NONE;
	int rc = pcre2_match(re->code, (PCRE2_SPTR)subject, len, start, 0,
			     ms->md, ms->mc);
	if (rc >= 0) {
		PCRE2_SIZE *ov = pcre2_get_ovector_pointer(ms->md);
		*mstart = ov[0];
		*mend = ov[1] >= ov[0] ? ov[1] : ov[0];
		return PL_MATCH_FOUND;
	}
	switch (rc) {
	case PCRE2_ERROR_NOMATCH:
		return PL_MATCH_NONE;
	case PCRE2_ERROR_MATCHLIMIT:
	case PCRE2_ERROR_DEPTHLIMIT:
	case PCRE2_ERROR_HEAPLIMIT:
	case PCRE2_ERROR_JIT_STACKLIMIT:
		return PL_MATCH_LIMIT;
	default:
		return PL_MATCH_ERROR;
	}
}

pl_match_status pl_regex_test(const pl_regex *re, pl_match_state *ms,
			      const char *subject, size_t len)
{
	size_t a, b;
	return pl_regex_search(re, ms, subject, len, 0, &a, &b);
}

/* POLICYLINT_NO_JIT=1 runs PCRE2's interpreter instead of its JIT.  The
 * valgrind stage of the test suite sets it: valgrind cannot follow the
 * machine code the JIT writes and reports its reads as errors.  Matching is
 * the same either way; ASan runs cover the JIT. */
static int jit_wanted(void)
{
	const char *v = getenv("POLICYLINT_NO_JIT");
	return v == NULL || *v == '\0' || strcmp(v, "0") == 0;
}

pl_regex *pl_regex_compile(const char *pattern, size_t len, char *errbuf,
			   size_t errsize, size_t *erroff)
{
	int errcode;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len,
					 PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP |
					 PCRE2_MATCH_INVALID_UTF,
					 &errcode, &off, NULL);
	if (code == NULL) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(errcode, msg, sizeof msg);
		if (errsize)
			snprintf(errbuf, errsize, "%s", (const char *)msg);
		if (erroff)
			*erroff = (size_t)off;
		return NULL;
	}
	pl_regex *re = pl_xcalloc(1, sizeof(*re));
	re->code = code;
	re->jit = jit_wanted() && pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
	return re;
}

pl_regex *pl_regex_builtin(const char *pattern)
{
	char msg[256];
	size_t off = 0;
	pl_regex *re = pl_regex_compile(pattern, strlen(pattern), msg,
					sizeof msg, &off);
	if (re == NULL) {
		fprintf(stderr, "policylint: internal pattern does not compile "
			"at %zu (%s): %s\n", off, msg, pattern);
		abort();
	}
	return re;
}

void pl_regex_free(pl_regex *re)
{
	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	free(re);
}

const char *pl_pcre2_version(void)
{
	static char version[64];
	if (version[0] == '\0' &&
	    pcre2_config(PCRE2_CONFIG_VERSION, version) < 0)
		strcpy(version, "unknown");
	return version;
}
