/*
 * builtins.h: the rules policylint reports itself, not from a rule file
 * (builtins.c): the review of an edit (--against) and unused directives.
 * Configuration, --disable, directives, --explain and SARIF treat them
 * like any rule.
 */
#ifndef PL_BUILTINS_H
#define PL_BUILTINS_H

#include "policylint-advanced.h"

typedef struct {
	const char *id;
	pl_finding_kind kind;
	pl_severity severity;           /* the default */
	const char *summary;            /* one line */
	const char *rationale;          /* why it matters, for --explain */
} pl_builtin_rule;

/* The built-in rule with this id, or NULL. */
const pl_builtin_rule *pl_builtin_rule_find(const char *id);
/* All of them, in a fixed order: i < pl_builtin_rule_count(). */
size_t pl_builtin_rule_count(void);
const pl_builtin_rule *pl_builtin_rule_at(size_t i);

/* Rule ids of the review of an edit (against.c). */
#define PL_RULE_DISCLOSURE_REMOVED "disclosure-removed"
#define PL_RULE_RETENTION_WEAKENED "retention-weakened"
#define PL_RULE_RIGHT_NARROWED "right-narrowed"
#define PL_RULE_PROMISE_WEAKENED "promise-weakened"
#define PL_RULE_PROMISE_REMOVED "promise-removed"
#define PL_RULE_DATE_REMOVED "date-removed"
#define PL_RULE_STATEMENT_REMOVED "statement-removed"

#endif
