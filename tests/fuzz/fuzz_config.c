/*
 * fuzz_config.c: a .policylint.yaml through the configuration reader
 * (config.c over yaml_tree.c), then what the linter asks of one: ignore
 * globs, rule paths, severities, ids checked against a rule set, and the
 * printed configuration.
 */
#include "fuzz.h"
#include "config.h"

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
	const char *path = fuzz_file(".policylint.yaml", data, size);
	pl_diags d = {0};
	pl_config *c = pl_config_load(path, &d);
	if (c) {
		static const char *const names[] = {
			"privacy.md", "legal/privacy.md", "a/b/c/terms.html",
			".hidden/x.txt", "/abs/p.md"};
		for (size_t i = 0; i < sizeof names / sizeof *names; i++)
			(void)pl_config_ignores(c, names[i]);
		for (size_t i = 0; i < c->rules.count; i++)
			free(pl_config_rule_path(c, i));
		(void)pl_config_severity_of(c, "need-contact", PL_SEV_WARNING);
		pl_config_check_ids(c, fuzz_small_rules(), &d);
		pl_config_print(c, fuzz_devnull());
		pl_config_free(c);
	}
	pl_diags_clear(&d);
	return 0;
}
