/*
 * fuzz_against.c: --against, the comparison of two versions (against.c):
 * the input is OLD and NEW, split at the first NUL byte (else in the
 * middle), both linted with the default rules, then compared and
 * reported.
 */
#include "fuzz.h"
#include "against.h"

static pl_result *lint(const uint8_t *data, size_t size, pl_diags *d)
{
	pl_scan_options so;
	memset(&so, 0, sizeof so);
	so.today = (pl_date){2026, 6, 1};
	return pl_scan(fuzz_default_rules(), "policy.md", fuzz_copy(data, size),
		       size, &so, d);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The default rules are loaded and compiled once, before libFuzzer's timer runs: otherwise the first input pays for
 * it, and on a busy machine looks like a hang. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	(void)fuzz_default_rules();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, '\0', size);
	size_t cut = nul ? (size_t)(nul - data) : size / 2;
	size_t rest = nul ? cut + 1 : cut;
	pl_diags d = {0};
	pl_result *old = lint(data, cut, &d);
	pl_result *cur = lint(data + rest, size - rest, &d);
	pl_against_options ao = {"old.md", NULL, 0};
	pl_result_against(cur, old, &ao);
	pl_report_write(&cur, 1, PL_FORMAT_JSON, fuzz_devnull());
	pl_report_write(&cur, 1, PL_FORMAT_TEXT, fuzz_devnull());
	pl_result_free(old);
	pl_result_free(cur);
	pl_diags_clear(&d);
	return 0;
}
