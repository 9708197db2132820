/*
 * fuzz_rules.c: a YAML rule file through the loader and the compiler
 * (yaml_tree.c, rules_load.c, ruleset.c, rules_compile.c, regex.c); when it
 * compiles, its own examples are run (the scanner with its patterns) and
 * it is listed, explained and exported.
 */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_file(".yaml", data, size);
	pl_diags d = {0};
	pl_ruleset *rs = pl_ruleset_new();
	if (pl_ruleset_load(rs, path, &d) == 0 && pl_ruleset_compile(rs, &d) == 0) {
		FILE *out = fuzz_devnull();
		pl_ruleset_check_examples(rs, &d);
		pl_ruleset_list(rs, out);
		pl_ruleset_list_profiles(rs, out);
		pl_ruleset_export_patterns(rs, out);
		pl_ruleset_explain(rs, "x", out);
		if (rs->nrules)
			pl_ruleset_explain(rs, rs->rules[0].id, out);
		if (rs->ntopics)
			pl_ruleset_explain(rs, rs->topics[0].id, out);
	}
	pl_diags_clear(&d);
	pl_ruleset_free(rs);
	return 0;
}
