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
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

/* A compiled pattern.  code is never changed once made, so any number of
 * threads may search with it.  The JIT's machine code is made lazily, on
 * a copy, once a pattern has searched enough text for it to pay off (most
 * patterns, after the prefilter, search a few sentences of a policy, for
 * which compiling machine code costs more than it saves); the copy is then
 * published atomically and used from the next search on. */
struct pl_regex {
	pcre2_code *code;
	_Atomic(pcre2_code *) jit_code;
	atomic_int jit_state;           /* JIT_* */
	atomic_size_t interpreted;      /* bytes searched without JIT */
};

enum { JIT_NOT_YET, JIT_MAKING, JIT_DONE, JIT_NEVER };

/* Text a pattern searches by interpretation before its JIT code is made:
 * about what PCRE2's interpreter reads in the time JIT compilation takes. */
#define JIT_AFTER_BYTES (16 * 1024)
/* ... counting each search as that many bytes more than it reads: a search
 * of one short sentence (the statement reader's vocabularies) costs far
 * more than its length in set-up and in lookbehinds tried at every start.
 * Measured (instructions, callgrind): 0 leaves the per-sentence patterns
 * interpreted for most of a corpus run; 256 makes the OPP-115 corpus run
 * 20% cheaper for 2-9% more on one small policy; 512 JIT-compiles most
 * patterns on a single seed and triples its cost. */
#define SEARCH_COST 256

/* ... and not before the run has been given this much text to scan in
 * all (pl_regex_note_text): a run over one short policy interprets every
 * pattern, since JIT code made for it is not used long enough to pay back
 * its compilation, while a run over many policies, or one long one, gets
 * its JIT code as before.  Measured (instructions, callgrind, -j1, rule
 * set from the cache): one 10.7 KB seed 157M -> 114M; the five seeds
 * (56 KB) 542M -> 547M; the 59 OPP-115 dev policies unchanged (3.50G);
 * 32 KB made the five seeds 10% dearer, 64 KB the OPP run 9%. */
#define JIT_RUN_BYTES (16 * 1024)

static atomic_size_t run_text;

void pl_regex_note_text(size_t len)
{
	atomic_fetch_add(&run_text, len);
}

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

/* POLICYLINT_NO_JIT=1 runs PCRE2's interpreter instead of its JIT.  The
 * valgrind stage of the test suite sets it: valgrind cannot follow the
 * machine code the JIT writes and reports its reads as errors.  Matching is
 * the same either way; ASan runs cover the JIT.  POLICYLINT_JIT=always
 * compiles every pattern's JIT code at once (for tests of the JIT path). */
static int jit_mode(void)
{
	static atomic_int mode = -1;
	int m = atomic_load(&mode);
	if (m < 0) {
		const char *no = getenv("POLICYLINT_NO_JIT");
		const char *yes = getenv("POLICYLINT_JIT");
		m = no && *no && strcmp(no, "0") != 0 ? 0 :
		    yes && strcmp(yes, "always") == 0 ? 2 : 1;
		atomic_store(&mode, m);
	}
	return m;
}

/* Makes the JIT code of re on a copy and publishes it; the first thread
 * to get here does it, the others go on interpreting meanwhile. */
static void make_jit(pl_regex *re)
{
	int expect = JIT_NOT_YET;
	if (!atomic_compare_exchange_strong(&re->jit_state, &expect, JIT_MAKING))
		return;
	pcre2_code *copy = pcre2_code_copy(re->code);
	if (copy == NULL || pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
		pcre2_code_free(copy);
		atomic_store(&re->jit_state, JIT_NEVER);
		return;
	}
	atomic_store(&re->jit_code, copy);
	atomic_store(&re->jit_state, JIT_DONE);
}

/* The code to search with: the JIT's when made; else the interpreter's,
 * counting what it reads so that a pattern that searches much text gets
 * its JIT code. */
static const pcre2_code *code_for(const pl_regex *cre, size_t bytes)
{
	pl_regex *re = (pl_regex *)cre;  /* only the atomics change */
	pcre2_code *j = atomic_load(&re->jit_code);
	if (j)
		return j;
	if (atomic_load(&re->jit_state) == JIT_NOT_YET && jit_mode() &&
	    atomic_fetch_add(&re->interpreted, bytes) + bytes > JIT_AFTER_BYTES &&
	    atomic_load(&run_text) >= JIT_RUN_BYTES)
		make_jit(re);
	return re->code;
}

static pl_match_status search(const pl_regex *re, pl_match_state *ms,
			      const char *subject, size_t len, size_t start,
			      size_t limit, size_t *mstart, size_t *mend)
{
	if (start > len)
		return PL_MATCH_NONE;
	pcre2_set_offset_limit(ms->mc, limit == (size_t)-1 ? PCRE2_UNSET : limit);
	size_t reads = (limit < len ? limit : len) - start;
	int rc = pcre2_match(code_for(re, reads + SEARCH_COST), (PCRE2_SPTR)subject, len,
			     start, 0, ms->md, ms->mc);
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

pl_match_status pl_regex_search(const pl_regex *re, pl_match_state *ms,
				const char *subject, size_t len, size_t start,
				size_t *mstart, size_t *mend)
{
	return search(re, ms, subject, len, start, (size_t)-1, mstart, mend);
}

pl_match_status pl_regex_search_until(const pl_regex *re, pl_match_state *ms,
				      const char *subject, size_t len,
				      size_t start, size_t limit,
				      size_t *mstart, size_t *mend)
{
	if (start > limit)
		return PL_MATCH_NONE;
	return search(re, ms, subject, len, start, limit, mstart, mend);
}

pl_match_status pl_regex_test(const pl_regex *re, pl_match_state *ms,
			      const char *subject, size_t len)
{
	size_t a, b;
	return pl_regex_search(re, ms, subject, len, 0, &a, &b);
}

static pl_regex *wrap(pcre2_code *code)
{
	pl_regex *re = pl_xcalloc(1, sizeof(*re));
	re->code = code;
	atomic_init(&re->jit_code, NULL);
	atomic_init(&re->jit_state, jit_mode() ? JIT_NOT_YET : JIT_NEVER);
	atomic_init(&re->interpreted, 0);
	if (jit_mode() == 2)
		make_jit(re);
	return re;
}

pl_regex *pl_regex_compile(const char *pattern, size_t len, char *errbuf,
			   size_t errsize, size_t *erroff)
{
	int errcode;
	PCRE2_SIZE off;
	pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len,
					 PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP |
					 PCRE2_MATCH_INVALID_UTF |
					 PCRE2_USE_OFFSET_LIMIT,
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
	return wrap(code);
}

pl_regex *pl_regex_copy(const pl_regex *re)
{
	pcre2_code *code = pcre2_code_copy(re->code);
	return code ? wrap(code) : NULL;
}

unsigned char *pl_regex_serialize(const pl_regex *const *res, size_t n,
				  size_t *len)
{
	if (n == 0 || n > INT32_MAX)
		return NULL;
	const pcre2_code **codes = pl_xmalloc(n * sizeof(*codes));
	for (size_t i = 0; i < n; i++)
		codes[i] = res[i]->code;
	uint8_t *bytes = NULL;
	PCRE2_SIZE size = 0;
	int32_t rc = pcre2_serialize_encode(codes, (int32_t)n, &bytes, &size, NULL);
	free(codes);
	if (rc < 0)
		return NULL;
	unsigned char *out = pl_xmalloc(size);
	memcpy(out, bytes, size);
	pcre2_serialize_free(bytes);
	*len = size;
	return out;
}

int pl_regex_deserialize(const unsigned char *bytes, size_t len, size_t n,
			 pl_regex **out)
{
	/* PCRE2 reads its own header for the count, and its magic number,
	 * version and code-unit width; the rest it trusts. */
	if (len < 64 || n == 0 || n > INT32_MAX ||
	    pcre2_serialize_get_number_of_codes(bytes) != (int32_t)n)
		return 0;
	pcre2_code **codes = pl_xcalloc(n, sizeof(*codes));
	if (pcre2_serialize_decode(codes, (int32_t)n, bytes, NULL) != (int32_t)n) {
		for (size_t i = 0; i < n; i++)
			pcre2_code_free(codes[i]);
		free(codes);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = wrap(codes[i]);
	free(codes);
	return 1;
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
	/* Like the rules' patterns, JIT-compiled once they have read enough
	 * text: for one short policy the interpreter is faster than the
	 * compilation. */
	return re;
}

void pl_regex_free(pl_regex *re)
{
	if (re == NULL)
		return;
	pcre2_code_free(re->code);
	pcre2_code_free(atomic_load(&re->jit_code));
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
