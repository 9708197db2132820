/*
 * report_jsonl.c: one JSON object per finding, one per line, for
 * pipelines (jq, a database loader, a cluster job's reducer): the fields
 * of the json format's findings plus the file's path, and nothing for a
 * file without findings, so the output of many runs can be concatenated.
 */
#include "report.h"

static void jsonl_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	for (size_t i = 0; i < r->nfindings; i++) {
		fputs("{\"path\": ", out);
		pl_json_string(out, r->path);
		const char *against = pl_report_against(rep, r);
		if (against) {
			fputs(", \"against\": ", out);
			pl_json_string(out, against);
		}
		fputs(", ", out);
		pl_json_finding_fields(out, r, &r->findings[i]);
		fputs("}\n", out);
	}
}

const pl_report_format pl_report_jsonl_format = {"jsonl", NULL, jsonl_file,
						 NULL};
