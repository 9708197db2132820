/*
 * fuzz_baseline.c: a baseline file through the reader (baseline.c), then
 * used to filter a small policy's findings, and written back out.
 */
#include "fuzz.h"
#include "baseline.h"

static const char policy[] =
	"We collect names.\n"
	"We comply with the Safe Harbor framework.\n"
	"We comply with the Safe Harbor framework.\n";

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
	const char *path = fuzz_file(".baseline", data, size);
	pl_diags d = {0};
	pl_baseline *b = pl_baseline_new();
	if (pl_baseline_read(b, path, &d) == 0) {
		pl_result *r = pl_scan(fuzz_small_rules(), "policy.txt",
				       fuzz_copy((const uint8_t *)policy,
						 sizeof policy - 1),
				       sizeof policy - 1, NULL, &d);
		pl_baseline_filter(b, r);
		pl_baseline_add(b, r);
		pl_baseline_write(b, "/dev/null");
		pl_result_free(r);
	}
	pl_baseline_free(b);
	pl_diags_clear(&d);
	return 0;
}
