/*
 * fuzz_directives.c: inline directives (directives.c) found in the input
 * and applied to findings placed by the input itself: the first byte picks
 * the format, the next ones place findings of a few rules on its lines;
 * the rest is the policy.  Masking and restoring must give the input back
 * byte for byte.
 */
#include "fuzz.h"
#include "directives.h"

static const char *const rule_ids[] = {"need-retention", "need-contact",
				       "avoid-safe-harbor", "no-such-rule"};

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The small rule set is loaded and compiled once, before libFuzzer's timer runs: otherwise the first input pays for
 * it, and on a busy machine looks like a hang. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fuzz_small_rules();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 9)
		return 0;
	static const pl_input_format fmts[] = {PL_INPUT_TEXT, PL_INPUT_MARKDOWN,
					       PL_INPUT_HTML};
	pl_input_format fmt = fmts[data[0] % 3];
	const uint8_t *places = data + 1;
	const uint8_t *text = data + 9;
	size_t len = size - 9;
	char *src = fuzz_copy(text, len);
	pl_directives *ds = pl_directives_parse(src, len, fmt);
	if (fmt == PL_INPUT_TEXT)
		pl_directives_mask(ds, src);
	pl_result *r = pl_result_new("policy", src, len);
	for (size_t i = 0; i < 8; i++) {
		size_t off = len ? (size_t)places[i] * len / 256 : 0;
		pl_result_add_finding(r, rule_ids[places[i] % 4],
				      PL_KIND_WORDING, PL_SEV_WARNING,
				      PL_AREA_RETENTION, off, places[i] % 7,
				      "placed");
	}
	pl_result_sort_findings(r);
	pl_result_apply_directives(r, ds, fuzz_small_rules(), NULL, 0,
				   PL_SEV_WARNING);
	if (memcmp(r->src, text, len) != 0)
		abort();        /* masked text not given back */
	pl_directives_free(ds);
	pl_result_free(r);
	return 0;
}
