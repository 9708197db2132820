/*
 * config.c: finds, reads and applies `.policylint.yaml` (see config.h).
 *
 * Reading is as strict as for rule files: an unknown key or a value of the
 * wrong type is an error at FILE:LINE:COLUMN, since a silently ignored
 * typo ("disabel:") would let findings through unnoticed.
 */
#define _XOPEN_SOURCE 700
#include <fnmatch.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "paths.h"
#include "util.h"
#include "yaml_tree.h"

static const char *const config_names[] = {".policylint.yaml",
					   ".policylint.yml"};


char *pl_config_find(const char *path)
{
	char *dir = pl_path_start_dir(path);
	char *found = NULL;
	for (;;) {
		for (size_t i = 0; i < 2 && !found; i++) {
			char *p = pl_xasprintf("%s%s%s", dir,
					       strcmp(dir, "/") ? "/" : "",
					       config_names[i]);
			if (pl_path_kind(p) == PL_PATH_FILE)
				found = p;
			else
				free(p);
		}
		if (found)
			break;
		char *git = pl_xasprintf("%s/.git", dir);
		int root = pl_path_kind(git) != PL_PATH_NONE || strcmp(dir, "/") == 0;
		free(git);
		if (root)
			break;
		char *slash = strrchr(dir, '/');
		if (slash == dir)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(dir);
	return found;
}

/* ---- Reading ------------------------------------------------------------ */

typedef struct {
	pl_diags *diags;
	const char *file;
	size_t errors;
} reader;

static void error_at(reader *rd, const pl_ynode *n, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

static void error_at(reader *rd, const pl_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(rd->diags, PL_DIAG_CONFIG_SCHEMA, rd->file, n ? n->line : 1,
		      n ? n->column : 1, fmt, ap);
	va_end(ap);
	rd->errors++;
}

void pl_config_list_push(pl_config_list *l, const char *value)
{
	pl_config_str s = {pl_xstrdup(value), 0, 0};
	PL_PUSH(l->items, l->count, l->cap, s);
}

static void push_node(pl_config_list *l, const pl_ynode *n)
{
	pl_config_str s = {pl_xstrdup(n->value), n->line, n->column};
	PL_PUSH(l->items, l->count, l->cap, s);
}

/* A string or a list of strings (allow_single) or a list only. */
static void read_list(reader *rd, const pl_ynode *v, const char *key,
		      int allow_single, pl_config_list *out)
{
	if (v->kind == PL_YNODE_SCALAR && allow_single) {
		if (v->value_len)
			push_node(out, v);
		return;
	}
	if (v->kind != PL_YNODE_SEQ) {
		error_at(rd, v, "'%s' must be a list of strings%s", key,
			 allow_single ? " or a string" : "");
		return;
	}
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *it = v->items[i];
		if (it == NULL || it->kind != PL_YNODE_SCALAR || it->value_len == 0)
			error_at(rd, it ? it : v, "'%s': every item must be a "
				 "non-empty string", key);
		else
			push_node(out, it);
	}
}

static int level_from(const char *s, int allow_none)
{
	if (allow_none && strcmp(s, "none") == 0)
		return PL_FAIL_NONE;
	return pl_severity_from_name(s);
}

static void read_severity(reader *rd, pl_config *c, const pl_ynode *v)
{
	if (v->kind != PL_YNODE_MAP) {
		error_at(rd, v, "'severity' must be a mapping of rule ids to "
			 "error, warning or info");
		return;
	}
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *k = v->keys[i], *val = v->items[i];
		if (k == NULL || k->kind != PL_YNODE_SCALAR) {
			error_at(rd, k ? k : v, "'severity': keys must be rule ids");
			continue;
		}
		int sev = val && val->kind == PL_YNODE_SCALAR ?
				  level_from(val->value, 0) : -1;
		if (sev < 0) {
			error_at(rd, val ? val : k, "'severity': '%s' must be "
				 "error, warning or info", k->value);
			continue;
		}
		pl_config_severity s = {{pl_xstrdup(k->value), k->line, k->column},
					(pl_severity)sev};
		PL_PUSH(c->severity, c->nseverity, c->severity_cap, s);
	}
}

/* A known key that differs from key only in case, '_' for '-', or a
 * trailing 's' ("disabled", "Fail_Level"), or NULL. */
static const char *similar_key(const char *const *keys, const char *key)
{
	char norm[32];
	size_t n = 0;
	for (; n < sizeof norm - 1 && key[n]; n++) {
		char c = key[n];
		norm[n] = c == '_' ? '-' : (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
	}
	norm[n] = '\0';
	for (size_t i = 0; keys[i]; i++) {
		size_t m = strlen(keys[i]);
		if (strcmp(norm, keys[i]) == 0 ||
		    (strncmp(norm, keys[i], m) == 0 &&
		     (strcmp(norm + m, "s") == 0 || strcmp(norm + m, "d") == 0)) ||
		    (n + 1 == m && strncmp(norm, keys[i], n) == 0))
			return keys[i];
	}
	return NULL;
}

/* A YAML boolean: 1, 0, or -1 when it is none. */
static int boolean_of(const pl_ynode *v)
{
	static const char *const yes[] = {"true", "yes", "on", NULL};
	static const char *const no[] = {"false", "no", "off", NULL};
	if (v == NULL || v->kind != PL_YNODE_SCALAR)
		return -1;
	for (size_t i = 0; yes[i]; i++)
		if (strcasecmp(v->value, yes[i]) == 0)
			return 1;
	for (size_t i = 0; no[i]; i++)
		if (strcasecmp(v->value, no[i]) == 0)
			return 0;
	return -1;
}

static void read_facts(reader *rd, pl_config *c, const pl_ynode *v)
{
	if (v->kind != PL_YNODE_MAP) {
		error_at(rd, v, "'facts' must be a mapping of fact names to true "
			 "or false");
		return;
	}
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *k = v->keys[i], *val = v->items[i];
		int b = boolean_of(val);
		if (k == NULL || k->kind != PL_YNODE_SCALAR || b < 0) {
			error_at(rd, val ? val : v, "'facts': each fact is true or "
				 "false");
			continue;
		}
		pl_config_fact f = {{pl_xstrdup(k->value), k->line, k->column}, b};
		PL_PUSH(c->facts, c->nfacts, c->facts_cap, f);
	}
}

static void read_documents(reader *rd, pl_config *c, const pl_ynode *v)
{
	if (v->kind != PL_YNODE_MAP) {
		error_at(rd, v, "'documents' must map a main document to the "
			 "documents read with it ({privacy.md: [cookies.md]})");
		return;
	}
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *k = v->keys[i];
		if (k == NULL || k->kind != PL_YNODE_SCALAR || !*k->value) {
			error_at(rd, k ? k : v, "'documents': keys are file names");
			continue;
		}
		pl_config_document d = {{pl_xstrdup(k->value), k->line, k->column},
					{0}};
		if (v->items[i])
			read_list(rd, v->items[i], "documents", 1, &d.with);
		PL_PUSH(c->documents, c->ndocuments, c->documents_cap, d);
	}
}

static void read_root(reader *rd, pl_config *c, const pl_ynode *root)
{
	static const char *const keys[] = {"profile", "rules", "disable",
					   "severity", "fail-level", "ignore",
					   "facts", "documents", NULL};
	for (size_t i = 0; i < root->count; i++) {
		const pl_ynode *k = root->keys[i], *v = root->items[i];
		if (k == NULL || k->kind != PL_YNODE_SCALAR) {
			error_at(rd, k ? k : root, "keys must be strings");
			continue;
		}
		size_t which = 0;
		while (keys[which] && strcmp(keys[which], k->value) != 0)
			which++;
		if (keys[which] == NULL) {
			const char *near = similar_key(keys, k->value);
			if (near)
				error_at(rd, k, "unknown key '%s' (did you mean "
					 "'%s'?)", k->value, near);
			else
				error_at(rd, k, "unknown key '%s' (known: profile, "
					 "rules, disable, severity, fail-level, "
					 "ignore, facts, documents)", k->value);
			continue;
		}
		if (v == NULL)
			continue;
		switch (which) {
		case 0:
			read_list(rd, v, "profile", 1, &c->profiles);
			break;
		case 1:
			read_list(rd, v, "rules", 1, &c->rules);
			break;
		case 2:
			read_list(rd, v, "disable", 0, &c->disable);
			break;
		case 3:
			read_severity(rd, c, v);
			break;
		case 4:
			c->fail_level = v->kind == PL_YNODE_SCALAR ?
						level_from(v->value, 1) : -1;
			if (c->fail_level < 0)
				error_at(rd, v, "'fail-level' must be error, "
					 "warning, info or none");
			break;
		case 5:
			read_list(rd, v, "ignore", 0, &c->ignore);
			break;
		case 6:
			read_facts(rd, c, v);
			break;
		default:
			read_documents(rd, c, v);
			break;
		}
	}
}

pl_config *pl_config_empty(void)
{
	pl_config *c = pl_xcalloc(1, sizeof(*c));
	c->dir = pl_xstrdup(".");
	c->fail_level = -1;
	return c;
}

pl_config *pl_config_load(const char *path, pl_diags *diags)
{
	reader rd = {diags, path, 0};
	size_t before = diags->errors;
	pl_ynode *root = pl_yaml_load(path, diags, PL_DIAG_CONFIG_UNREADABLE, NULL, NULL);
	if (root == NULL)
		return NULL;
	pl_config *c = pl_config_empty();
	free(c->dir);
	c->path = pl_xstrdup(path);
	c->dir = pl_path_start_dir(path);
	if (root->kind != PL_YNODE_MAP)
		error_at(&rd, root, "a configuration file must be a mapping "
			 "(key: value lines)");
	else
		read_root(&rd, c, root);
	pl_ynode_free(root);
	if (rd.errors || diags->errors > before) {
		pl_config_free(c);
		return NULL;
	}
	return c;
}

/* ---- Applying -------------------------------------------------------------- */

char *pl_config_rule_path(const pl_config *c, size_t i)
{
	const char *p = c->rules.items[i].value;
	if (p[0] == '/' || c->path == NULL)
		return pl_xstrdup(p);
	return pl_xasprintf("%s/%s", c->dir, p);
}

/* Whether pattern matches rel or one of the folders rel is in. */
static int glob_matches(const char *pattern, const char *rel)
{
	while (pattern[0] == '/')
		pattern++;
	size_t plen = strlen(pattern);
	char *pat = pl_xstrdup(pattern);
	while (plen > 0 && pat[plen - 1] == '/')
		pat[--plen] = '\0';
	int hit = 0;
	if (strchr(pat, '/') == NULL) {
		/* A bare name: any component of the path. */
		const char *p = rel;
		while (!hit && *p) {
			const char *e = strchr(p, '/');
			size_t n = e ? (size_t)(e - p) : strlen(p);
			char *part = pl_xstrndup(p, n);
			hit = fnmatch(pat, part, 0) == 0;
			free(part);
			p = e ? e + 1 : p + n;
		}
	} else {
		char *copy = pl_xstrdup(rel);
		size_t n = strlen(copy);
		for (;;) {
			if (fnmatch(pat, copy, 0) == 0 ||
			    (strncmp(pat, "**/", 3) == 0 &&
			     fnmatch(pat + 3, copy, 0) == 0)) {
				hit = 1;
				break;
			}
			while (n > 0 && copy[n - 1] != '/')
				n--;
			if (n == 0)
				break;
			copy[--n] = '\0';
		}
		free(copy);
	}
	free(pat);
	return hit;
}

/* The path of a policy relative to the configuration's folder (as given
 * when there is no configuration file); malloc'd. */
static char *relative_path(const pl_config *c, const char *path)
{
	char *dir = pl_path_start_dir(path);
	const char *slash = strrchr(path, '/');
	char *abs = pl_xasprintf("%s/%s", strcmp(dir, "/") ? dir : "",
				 slash ? slash + 1 : path);
	size_t dlen = strlen(c->dir);
	char *rel;
	if (c->path && strncmp(abs, c->dir, dlen) == 0 &&
	    (abs[dlen] == '/' || dlen == 1))
		rel = pl_xstrdup(abs + dlen + (dlen > 1));
	else if (c->path == NULL)
		rel = pl_xstrdup(path);
	else
		rel = pl_xstrdup(abs);
	free(dir);
	free(abs);
	return rel;
}

int pl_config_ignores(const pl_config *c, const char *path)
{
	if (c->ignore.count == 0)
		return 0;
	char *rel = relative_path(c, path);
	int hit = 0;
	for (size_t i = 0; i < c->ignore.count && !hit; i++)
		hit = glob_matches(c->ignore.items[i].value, rel);
	free(rel);
	return hit;
}

char *pl_config_path_of(const pl_config *c, const char *path)
{
	if (path[0] == '/' || c->path == NULL)
		return pl_xstrdup(path);
	return pl_xasprintf("%s/%s", c->dir, path);
}

/* Whether the configured document name names the policy at rel. */
static int same_document(const char *configured, const char *rel)
{
	if (configured[0] == '.' && configured[1] == '/')
		configured += 2;
	return strcmp(configured, rel) == 0;
}

char **pl_config_companions(const pl_config *c, const char *path, size_t *n)
{
	*n = 0;
	if (c->ndocuments == 0)
		return NULL;
	char *rel = relative_path(c, path);
	char **out = NULL;
	for (size_t i = 0; i < c->ndocuments && out == NULL; i++) {
		const pl_config_document *d = &c->documents[i];
		if (!same_document(d->main.value, rel))
			continue;
		out = pl_xcalloc(d->with.count + 1, sizeof(*out));
		for (size_t k = 0; k < d->with.count; k++)
			out[(*n)++] = pl_config_path_of(c, d->with.items[k].value);
	}
	free(rel);
	return out;
}

int pl_config_is_companion(const pl_config *c, const char *path)
{
	if (c->ndocuments == 0)
		return 0;
	char *rel = relative_path(c, path);
	int yes = 0;
	for (size_t i = 0; i < c->ndocuments && !yes; i++)
		for (size_t k = 0; k < c->documents[i].with.count && !yes; k++)
			yes = same_document(c->documents[i].with.items[k].value,
					    rel);
	free(rel);
	return yes;
}

static int is_builtin_rule(const char *id)
{
	return strcmp(id, PL_RULE_AREA_REMOVED) == 0 ||
	       strcmp(id, PL_RULE_UNUSED_DIRECTIVE) == 0;
}

static void check_id(const pl_config *c, const pl_config_str *s,
		     const char *key, const pl_ruleset *rs, pl_diags *diags)
{
	if (s->line == 0 || is_builtin_rule(s->value) ||
	    pl_ruleset_has_rule(rs, s->value))
		return;
	pl_diags_add(diags, PL_DIAG_CONFIG_UNKNOWN_RULE, c->path, s->line, s->column,
		     "%s: no rule '%s' (see policylint --list-rules)", key,
		     s->value);
}

void pl_config_check_ids(const pl_config *c, const pl_ruleset *rs,
			 pl_diags *diags)
{
	for (size_t i = 0; i < c->disable.count; i++)
		check_id(c, &c->disable.items[i], "disable", rs, diags);
	for (size_t i = 0; i < c->nseverity; i++)
		check_id(c, &c->severity[i].id, "severity", rs, diags);
}

pl_severity pl_config_severity_of(const pl_config *c, const char *rule,
				  pl_severity def)
{
	for (size_t i = c->nseverity; i-- > 0;)
		if (strcmp(c->severity[i].id.value, rule) == 0)
			return c->severity[i].severity;
	return def;
}

/* YAML-quotes a string when a plain scalar would be misread. */
static void print_scalar(FILE *out, const char *s)
{
	int plain = *s && strchr("-?:,[]{}#&*!|>'\"%@` ", s[0]) == NULL &&
		    strstr(s, ": ") == NULL && strstr(s, " #") == NULL &&
		    s[strlen(s) - 1] != ' ' && s[strlen(s) - 1] != ':';
	if (plain) {
		fputs(s, out);
		return;
	}
	fputc('\'', out);
	for (; *s; s++) {
		if (*s == '\'')
			fputc('\'', out);
		fputc(*s, out);
	}
	fputc('\'', out);
}

static void print_list(FILE *out, const char *key, const pl_config_list *l)
{
	fprintf(out, "%s:", key);
	if (l->count == 0) {
		fputs(" []\n", out);
		return;
	}
	fputc('\n', out);
	for (size_t i = 0; i < l->count; i++) {
		fputs("  - ", out);
		print_scalar(out, l->items[i].value);
		fputc('\n', out);
	}
}

void pl_config_print(const pl_config *c, FILE *out)
{
	fputs("# configuration file: ", out);
	fputs(c->path ? c->path : "(none)", out);
	fputc('\n', out);
	print_list(out, "profile", &c->profiles);
	print_list(out, "rules", &c->rules);
	print_list(out, "disable", &c->disable);
	fputs("severity:", out);
	fputs(c->nseverity ? "\n" : " {}\n", out);
	for (size_t i = 0; i < c->nseverity; i++) {
		fputs("  ", out);
		print_scalar(out, c->severity[i].id.value);
		fprintf(out, ": %s\n", pl_severity_name(c->severity[i].severity));
	}
	fprintf(out, "fail-level: %s\n",
		c->fail_level == PL_FAIL_NONE ? "none" :
		c->fail_level < 0 ? "warning" :
				     pl_severity_name((pl_severity)c->fail_level));
	print_list(out, "ignore", &c->ignore);
	fputs("facts:", out);
	fputs(c->nfacts ? "\n" : " {}\n", out);
	for (size_t i = 0; i < c->nfacts; i++) {
		fputs("  ", out);
		print_scalar(out, c->facts[i].name.value);
		fprintf(out, ": %s\n", c->facts[i].value ? "true" : "false");
	}
	fputs("documents:", out);
	fputs(c->ndocuments ? "\n" : " {}\n", out);
	for (size_t i = 0; i < c->ndocuments; i++) {
		fputs("  ", out);
		print_scalar(out, c->documents[i].main.value);
		fputs(": [", out);
		for (size_t k = 0; k < c->documents[i].with.count; k++) {
			if (k)
				fputs(", ", out);
			print_scalar(out, c->documents[i].with.items[k].value);
		}
		fputs("]\n", out);
	}
}

void pl_config_list_free(pl_config_list *l)
{
	for (size_t i = 0; i < l->count; i++)
		free(l->items[i].value);
	free(l->items);
	l->items = NULL;
	l->count = l->cap = 0;
}

void pl_config_free(pl_config *c)
{
	if (c == NULL)
		return;
	free(c->path);
	free(c->dir);
	pl_config_list_free(&c->profiles);
	pl_config_list_free(&c->rules);
	pl_config_list_free(&c->disable);
	pl_config_list_free(&c->ignore);
	for (size_t i = 0; i < c->nseverity; i++)
		free(c->severity[i].id.value);
	free(c->severity);
	for (size_t i = 0; i < c->nfacts; i++)
		free(c->facts[i].name.value);
	free(c->facts);
	for (size_t i = 0; i < c->ndocuments; i++) {
		free(c->documents[i].main.value);
		pl_config_list_free(&c->documents[i].with);
	}
	free(c->documents);
	free(c);
}
