/*
 * report_jsonl.c: JSON Lines, for pipelines (jq, a database loader, a
 * cluster job's reducer): one object per file, the json report's (path,
 * areas with evidence, profiles, findings), on one line, written and
 * flushed as soon as the file is done, so that a consumer reading the
 * stream sees each file while the run goes on, and the output of many runs
 * concatenates.  `jq -c '.findings[] + {path}'` gives one finding a line.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>

#include "report.h"

static void jsonl_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);
	if (mem == NULL)
		return;
	pl_json_file_object(mem, rep, r);
	fclose(mem);
	/* Every raw newline in the json report is layout (strings escape
	 * theirs): drop it and the indentation after it. */
	for (size_t i = 0; i < len; i++) {
		if (text[i] != '\n') {
			fputc(text[i], out);
			continue;
		}
		while (i + 1 < len && text[i + 1] == ' ')
			i++;
	}
	fputc('\n', out);
	fflush(out);
	free(text);
}

const pl_report_format pl_report_jsonl_format = {"jsonl", NULL, jsonl_file,
						 NULL};
