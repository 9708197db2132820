/*
 * builtins.c: the table of built-in rules (builtins.h).
 */
#include <string.h>

#include "builtins.h"

static const pl_builtin_rule builtins[] = {
	{PL_RULE_AREA_REMOVED, PL_KIND_REMOVED, PL_SEV_ERROR,
	 "--against: an area the previous version of the policy disclosed is "
	 "no longer disclosed",
	 "A policy edit that drops everything it said about an area (how long "
	 "data is kept, whom it is shared with) removes a disclosure the law "
	 "or the readers relied on; the reviewer should see it before the "
	 "edit is merged."},
	{PL_RULE_DISCLOSURE_REMOVED, PL_KIND_REMOVED, PL_SEV_WARNING,
	 "--against: a disclosure the previous version made (a topic such as "
	 "the retention period or the transfer safeguard) is gone",
	 "Reviewers think in disclosures, not areas: deleting the section on "
	 "international transfers leaves the sharing area disclosed, yet the "
	 "policy no longer says where data goes or under which safeguard."},
	{PL_RULE_RETENTION_WEAKENED, PL_KIND_WEAKENED, PL_SEV_WARNING,
	 "--against: a retention period the previous version gave is gone, "
	 "longer, or replaced by a vague one (\"as long as necessary\")",
	 "A concrete period is what GDPR Art. 13(2)(a) and CCPA 1798.100(a)(3) "
	 "ask for first; replacing it with \"as long as necessary\" or a longer "
	 "period weakens what the readers were told."},
	{PL_RULE_RIGHT_NARROWED, PL_KIND_WEAKENED, PL_SEV_WARNING,
	 "--against: a right the previous version gave everyone now applies "
	 "only in some regions",
	 "Limiting access, correction or deletion to the residents of one "
	 "state or region takes the right away from everyone else."},
	{PL_RULE_PROMISE_WEAKENED, PL_KIND_WEAKENED, PL_SEV_WARNING,
	 "--against: an absolute promise (\"we never sell your data\") is now "
	 "qualified (\"except\", \"unless\", \"generally\", \"without consent\")",
	 "An exception or a hedge added to a promise changes what it "
	 "guarantees; readers and regulators hold the company to the words."},
	{PL_RULE_PROMISE_REMOVED, PL_KIND_REMOVED, PL_SEV_WARNING,
	 "--against: an absolute promise not to do something (\"we do not "
	 "sell your personal information\") is gone",
	 "Dropping a promise is the strongest change a policy edit can make to "
	 "a practice, even when the rest of the area is still disclosed."},
	{PL_RULE_DATE_REMOVED, PL_KIND_REMOVED, PL_SEV_WARNING,
	 "--against: the previous version was dated and the new one carries "
	 "no date at all",
	 "Without an effective date or change log readers cannot tell which "
	 "version applied when (CalOPPA, CCPA 1798.130(a)(5))."},
	{PL_RULE_STATEMENT_REMOVED, PL_KIND_REMOVED, PL_SEV_INFO,
	 "--against: the edit deletes a sentence that disclosed a practice, "
	 "and nothing in the new version says the same (the area and its "
	 "topics are still disclosed elsewhere)",
	 "A policy can lose a fact (\"analytics data is reported to GSA\", "
	 "\"we delete logs weekly\") while every area and topic stays "
	 "disclosed by other sentences; the reviewer should see the sentence "
	 "that went."},
	{PL_RULE_UNUSED_DIRECTIVE, PL_KIND_UNUSED_DIRECTIVE, PL_SEV_WARNING,
	 "an inline policylint directive suppresses nothing (or is malformed) "
	 "and should be removed",
	 "A directive that suppresses nothing hides the next real finding of "
	 "that rule, or was mistyped."},
};

#define NBUILTINS (sizeof builtins / sizeof *builtins)

const pl_builtin_rule *pl_builtin_rule_find(const char *id)
{
	for (size_t i = 0; i < NBUILTINS; i++)
		if (strcmp(builtins[i].id, id) == 0)
			return &builtins[i];
	return NULL;
}

size_t pl_builtin_rule_count(void)
{
	return NBUILTINS;
}

const pl_builtin_rule *pl_builtin_rule_at(size_t i)
{
	return i < NBUILTINS ? &builtins[i] : NULL;
}
