/*
 * fuzz_rulecache.c: the bytes of a rule set kept in the rule cache
 * (rulesnap.c, prefilter.c) read back, then written again and read once
 * more, and its prefilter run over a short text.  A run reads such bytes
 * only after the file's checksum agrees, but the file is still untrusted:
 * whatever they say must be refused or read, never crash.  The input is
 * the number of patterns (8 bytes) and then the rule set's bytes; the
 * patterns' compiled code (PCRE2's own serialisation, which PCRE2 does not
 * check) is no part of it: the structure is read without it.
 */
#include "fuzz.h"
#include "prefilter.h"
#include "rulesnap.h"
#include "wire.h"

static const char text[] =
	"We collect your e-mail address. Cookies track you across sites; "
	"we never sell data, and keep it for 30 days.";

static void run_prefilter(const pl_ruleset *rs)
{
	const pl_prefilter *pf = rs->prefilter;
	if (pf == NULL)
		return;
	pl_occurrences occ;
	memset(&occ, 0, sizeof(occ));
	pl_prefilter_scan(pf, text, sizeof text - 1, &occ);
	size_t ends[2] = {40, sizeof text - 1};
	for (size_t s = 0; s < pl_prefilter_slots(pf); s++) {
		pl_slot_view v;
		memset(&v, 0, sizeof(v));
		pl_prefilter_view(pf, &occ, (long)s, ends, 2, &v);
		(void)pl_slot_view_may_match_in(&v, 0, 40);
		pl_slot_view_free(&v);
	}
	pl_occurrences_free(&occ);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 8)
		return 0;
	uint64_t nres;
	memcpy(&nres, data, 8);
	pl_wire_in in;
	pl_wire_in_init(&in, data + 8, size - 8);
	pl_ruleset *rs = pl_ruleset_decode(&in, NULL, (size_t)(nres & 0xffffff));
	if (rs == NULL)
		return 0;
	run_prefilter(rs);
	pl_buf b;
	pl_buf_init(&b);
	const pl_regex **res = NULL;
	size_t n = 0;
	if (pl_ruleset_encode(rs, &b, &res, &n)) {
		pl_wire_in again;
		pl_wire_in_init(&again, b.data, b.len);
		pl_ruleset *back = pl_ruleset_decode(&again, NULL, n);
		if (back == NULL)       /* what was read must read again */
			abort();
		pl_ruleset_free(back);
	}
	free(res);
	pl_buf_free(&b);
	pl_ruleset_free(rs);
	return 0;
}
