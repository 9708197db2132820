/*
 * vocab.c: the names policylint's enums go by on the command line, in rule
 * files and in reports.  The area ids are fixed by the measuring contract.
 */
#include <string.h>

#include "policylint.h"
#include "rules.h"

static const char *const area_names[PL_AREA_COUNT] = {
	"collection", "sharing", "retention", "rights", "choices", "cookies",
	"security", "children", "changes", "dnt", "contact"};

const char *pl_area_name(pl_area area)
{
	return (unsigned)area < PL_AREA_COUNT ? area_names[area] : "?";
}

static int index_of(const char *const *names, int count, const char *name)
{
	for (int i = 0; i < count; i++)
		if (names[i] && strcmp(names[i], name) == 0)
			return i;
	return -1;
}

int pl_area_from_name(const char *name)
{
	return index_of(area_names, PL_AREA_COUNT, name);
}

static const char *const severity_names[] = {"info", "warning", "error"};

const char *pl_severity_name(pl_severity s)
{
	return (unsigned)s < 3 ? severity_names[s] : "?";
}

int pl_severity_from_name(const char *name)
{
	return index_of(severity_names, 3, name);
}

static const char *const kind_names[] = {
	"missing", "conflict", "wording", "incomplete", "removed",
	"unused-directive"};

const char *pl_finding_kind_name(pl_finding_kind k)
{
	return (unsigned)k < sizeof kind_names / sizeof *kind_names ?
		       kind_names[k] : "?";
}

const char *pl_rule_kind_name(pl_rule_kind k)
{
	static const char *const names[] = {"require", "require-if", "avoid",
					    "conflict"};
	return (unsigned)k < 4 ? names[k] : "?";
}

static const char *const input_names[] = {"auto", "text", "markdown", "html"};

int pl_input_format_from_name(const char *name)
{
	if (strcmp(name, "txt") == 0)
		return PL_INPUT_TEXT;
	if (strcmp(name, "md") == 0)
		return PL_INPUT_MARKDOWN;
	return index_of(input_names, 4, name);
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	if (m > n)
		return 0;
	for (size_t i = 0; i < m; i++) {
		char c = s[n - m + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

pl_input_format pl_input_format_for_path(const char *path)
{
	if (ends_with(path, ".md") || ends_with(path, ".markdown") ||
	    ends_with(path, ".mdown") || ends_with(path, ".mkd"))
		return PL_INPUT_MARKDOWN;
	if (ends_with(path, ".html") || ends_with(path, ".htm") ||
	    ends_with(path, ".xhtml"))
		return PL_INPUT_HTML;
	return PL_INPUT_TEXT;
}

static const char *const output_names[] = {"text", "json", "jsonl",
					   "sarif", "github", "gcc"};

int pl_output_format_from_name(const char *name)
{
	return index_of(output_names, sizeof output_names / sizeof *output_names,
			name);
}
