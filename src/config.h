/*
 * config.h: `.policylint.yaml`, the per-project configuration.
 *
 * A file is configured by the nearest `.policylint.yaml` (or
 * `.policylint.yml`) in its folder or above, the search stopping at the
 * repository root (a folder holding .git).  Keys:
 *
 *   profile:    a name or a list of names (kept for rule profiles)
 *   rules:      extra rule files or folders, relative to the config file
 *   disable:    rule ids not to report
 *   severity:   {rule id: error|warning|info}
 *   fail-level: error|warning|info|none
 *   ignore:     glob patterns (fnmatch) of paths not to lint, relative to
 *               the config file's folder
 *   facts:      {name: true|false}: what no text can show (child_directed,
 *               online_only, sells_or_shares, eu_users, ...)
 *   documents:  {main.md: [cookies.md, california.md]}: documents judged
 *               as one notice with the main one, relative to the folder
 *
 * Anything else is an error at FILE:LINE:COLUMN.  Options on the command
 * line win over the file.
 */
#ifndef PL_CONFIG_H
#define PL_CONFIG_H

#include "diag.h"
#include "policylint-advanced.h"


/* A string as written, with where it was written (for diagnostics). */
typedef struct {
	char *value;
	unsigned long line, column;
} pl_config_str;

typedef struct {
	pl_config_str *items;
	size_t count, cap;
} pl_config_list;

typedef struct {
	pl_config_str id;
	pl_severity severity;
} pl_config_severity;

typedef struct {
	pl_config_str name;
	int value;
} pl_config_fact;

/* A notice set: a main document and the documents read with it. */
typedef struct {
	pl_config_str main;
	pl_config_list with;
} pl_config_document;

typedef struct {
	char *path;                 /* the file read; NULL: no file */
	char *dir;                  /* its folder (absolute); "." if none */
	pl_config_list profiles;
	pl_config_list rules;       /* as written */
	pl_config_list disable;
	pl_config_severity *severity;
	size_t nseverity, severity_cap;
	int fail_level;             /* a pl_severity, PL_FAIL_NONE, -1 unset */
	pl_config_list ignore;
	pl_config_fact *facts;
	size_t nfacts, facts_cap;
	pl_config_document *documents;
	size_t ndocuments, documents_cap;
} pl_config;

/* The configuration file that applies to a policy at path ("-" or a
 * name given by --stdin-filename: looked up from the current folder), or
 * NULL.  The result is malloc'd. */
char *pl_config_find(const char *path);

/* Reads a configuration file.  Every problem becomes a diagnostic at
 * FILE:LINE:COLUMN; returns NULL when there was an error. */
pl_config *pl_config_load(const char *path, pl_diags *diags);

/* An empty configuration (no file). */
pl_config *pl_config_empty(void);

/* A rule path of the configuration, resolved against its folder
 * (malloc'd). */
char *pl_config_rule_path(const pl_config *c, size_t i);

/* A path of the configuration (a document), resolved against its
 * folder (malloc'd). */
char *pl_config_path_of(const pl_config *c, const char *path);

/* The notice set whose main document is the policy at path: the paths
 * (malloc'd) of the documents to read with it, or NULL (*n 0). */
char **pl_config_companions(const pl_config *c, const char *path, size_t *n);

/* Whether the policy at path is a companion of some main document. */
int pl_config_is_companion(const pl_config *c, const char *path);

/* Whether the policy at path is matched by an `ignore` pattern. */
int pl_config_ignores(const pl_config *c, const char *path);

/* Warns about disable/severity ids that no rule of rs has. */
void pl_config_check_ids(const pl_config *c, const pl_ruleset *rs,
			 pl_diags *diags);

/* The severity configured for rule, or def. */
pl_severity pl_config_severity_of(const pl_config *c, const char *rule,
				  pl_severity def);

/* Appends a copy of value (line 0: from the command line). */
void pl_config_list_push(pl_config_list *l, const char *value);

/* Frees the strings of l and empties it. */
void pl_config_list_free(pl_config_list *l);

/* Prints the configuration as the YAML it could be written as. */
void pl_config_print(const pl_config *c, FILE *out);

void pl_config_free(pl_config *c);

#endif
