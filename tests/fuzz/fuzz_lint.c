/*
 * fuzz_lint.c: the whole pipeline on one input, with the default rules:
 * format, directives, extraction, sentences, topics, rules, conflicts,
 * dates, profiles (all of them), then every report format.  Built once per
 * input format (FUZZ_FORMAT), as fuzz_lint_text, fuzz_lint_markdown and
 * fuzz_lint_html.
 */
#include "fuzz.h"

#ifndef FUZZ_FORMAT
#define FUZZ_FORMAT PL_INPUT_TEXT
#endif

static pl_linter *linter(void)
{
	static pl_linter *l;
	static const char *const all[] = {PL_PROFILE_ALL};
	if (l == NULL) {
		static char rules[4096];
		static const char *paths[1];
		snprintf(rules, sizeof rules, "%s/rules", PL_FUZZ_ROOT);
		paths[0] = rules;
		pl_linter_options o;
		pl_linter_options_init(&o);
		o.rules = paths;
		o.nrules = 1;
		o.config = PL_CONFIG_NONE;
		o.input_format = FUZZ_FORMAT;
		o.profiles = all;
		o.nprofiles = 1;
		o.today = (pl_date){2026, 6, 1};
		l = pl_linter_new(&o);
	}
	return l;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The default rules are loaded and compiled once, by a first lint, before libFuzzer's timer runs: otherwise the first input pays for
 * it, and on a busy machine looks like a hang. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	if (pl_linter_lint_buffer(linter(), "policy", "", 0, &r, d) == PL_LINTED)
		pl_result_free(r);
	pl_diags_free(d);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pl_diags *d = pl_diags_new();
	pl_result *r = NULL;
	if (pl_linter_lint_buffer(linter(), "policy", (const char *)data, size,
				  &r, d) == PL_LINTED) {
		static const pl_output_format formats[] = {
			PL_FORMAT_TEXT, PL_FORMAT_JSON, PL_FORMAT_JSONL,
			PL_FORMAT_SARIF, PL_FORMAT_GITHUB, PL_FORMAT_GCC};
		for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
			pl_report_options ro = {formats[i], fuzz_devnull(), 1, 1,
						0, NULL, 0, 0};
			pl_report *rep = pl_report_begin(&ro);
			pl_report_file(rep, r);
			pl_report_diags(rep, d);
			pl_report_end(rep);
		}
		pl_result_free(r);
	}
	pl_diags_free(d);
	return 0;
}
