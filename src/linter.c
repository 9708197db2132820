/*
 * linter.c: a linter session, the per-file pipeline that the command line
 * and every library user run alike.
 *
 * One file goes through:  its configuration (the nearest .policylint.yaml
 * above it, found and read once per folder chain) and the rule set that
 * configuration selects (loaded and compiled once per configuration) ->
 * read -> input format (the name, else the content) -> inline directives
 * -> pl_scan -> directives applied -> --against OLD -> configured
 * severities -> baseline.  Each stage lives in its own file; this one only
 * wires them, and owns what outlives one file: the configurations in use,
 * their rule sets, the baseline.
 *
 * Configurations are looked up under a lock, so files may be linted from
 * several threads; a configuration's own problems are reported once, with
 * the first file that uses it.
 */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "against.h"
#include "baseline.h"
#include "builtins.h"
#include "config.h"
#include "directives.h"
#include "git.h"
#include "input.h"
#include "judge.h"
#include "notice.h"
#include "paths.h"
#include "rulecache.h"
#include "util.h"

/* A configuration in use and the rule set it selects. */
typedef struct {
	char *key;                /* the config file; NULL: none */
	pl_config *config;        /* never NULL (empty when no file) */
	pl_ruleset *rs;           /* NULL when config or rules are broken */
	const char **disabled;    /* options' and the config's disable */
	size_t ndisabled, disabled_cap;
	int fail_level;
	char **profiles;          /* the options', else the config's
	                             profile: (owned) */
	size_t nprofiles, profiles_cap;
	pl_fact *facts;           /* the config's facts, the options' over
	                             them (names not owned) */
	size_t nfacts, facts_cap;
	pl_diags diags;           /* what went wrong making it: handed to
	                             the first file that uses it */
	pl_diags profile_diags;   /* unknown profiles: errors for linting,
	                             warnings for --print-config */
} context;

struct pl_linter {
	pl_linter_options o;
	pthread_mutex_t lock;     /* contexts and the baseline */
	context **ctx;            /* pointers: a context never moves */
	size_t nctx, ctx_cap;
	pl_baseline *baseline;    /* findings not to report */
	pl_baseline *record;      /* findings recorded for a new baseline */
};

struct pl_lint_job {
	pl_linter *l;
	char *path, *name;
	context *cx;
	int skip;                 /* ignored by the configuration */
	int failed;               /* no result: unreadable, broken config */
	char *data;               /* pl_linter_lint_buffer's copy */
	size_t len;
	int preloaded;
	pl_input_format format;   /* forced (--against's OLD), else AUTO */
	int in_set;               /* read as a document of another's notice
	                             set (or as --against's OLD) */
	int with_companions;      /* judged with other documents (--with,
	                             the configuration's documents:) */
	pl_result *r;
	pl_diags diags;
	/* --against: OLD, read and scanned with the new version, on the
	 * same thread; compared when the job finishes. */
	pl_result *old_r;
	char *old_name;           /* how OLD is named (owned until handed on) */
	int old_state;            /* OLD_* */
};

enum { OLD_NONE, OLD_SCANNED, OLD_NEW_FILE, OLD_FAILED };

void pl_linter_options_init(pl_linter_options *o)
{
	memset(o, 0, sizeof(*o));
	o->fail_level = -1;
}

pl_linter *pl_linter_new(const pl_linter_options *opts)
{
	pl_linter *l = pl_xcalloc(1, sizeof(*l));
	if (opts)
		l->o = *opts;
	else
		pl_linter_options_init(&l->o);
	pthread_mutex_init(&l->lock, NULL);
	return l;
}

/* ---- Rule sets and configurations ---------------------------------------- */

pl_ruleset *pl_ruleset_open(const char *path, pl_diags *diags)
{
	char *def = NULL;
	if (path == NULL && (path = def = pl_default_rules_path()) == NULL) {
		pl_diags_add(diags, PL_DIAG_RULES_NOT_FOUND, NULL, 0, 0,
			     "cannot find the default rule set (looked next to "
			     "the program and under share/policylint); use "
			     "--rules PATH");
		return NULL;
	}
	pl_ruleset *rs = pl_ruleset_new();
	int errors = pl_ruleset_load(rs, path, diags);
	if (errors == 0)
		errors = pl_ruleset_compile(rs, diags);
	free(def);
	if (errors) {
		pl_ruleset_free(rs);
		return NULL;
	}
	return rs;
}

/* The rule paths a configuration selects, in load order: the options'
 * (else the default set), then the configuration's own (malloc'd).
 * Returns 0 when the default set cannot be found (reported in diags). */
static int rule_paths(const pl_linter_options *o, const pl_config *c,
		      char ***paths, size_t *n, pl_diags *diags)
{
	size_t cap = 0;
	int ok = 1;
	if (o->nrules == 0) {
		char *def = pl_default_rules_path();
		if (def == NULL) {
			pl_diags_add(diags, PL_DIAG_RULES_NOT_FOUND, NULL, 0, 0,
				     "cannot find the default rule set "
				     "(looked next to the program and under "
				     "share/policylint); use --rules PATH");
			ok = 0;
		} else {
			PL_PUSH(*paths, *n, cap, def);
		}
	}
	for (size_t i = 0; i < o->nrules; i++)
		PL_PUSH(*paths, *n, cap, pl_xstrdup(o->rules[i]));
	for (size_t i = 0; i < c->rules.count; i++)
		PL_PUSH(*paths, *n, cap, pl_config_rule_path(c, i));
	return ok;
}

/* Loads the rule set a configuration selects: whole from the rule cache
 * when it holds these very files (rulecache.c), else from the YAML, and
 * then into the cache if it loaded without a word said. */
static pl_ruleset *load_rules(const pl_linter_options *o, const pl_config *c,
			      pl_diags *diags)
{
	size_t before = diags->errors, said = diags->count;
	char **paths = NULL;
	size_t n = 0;
	uint64_t key = 0;
	int keyed = rule_paths(o, c, &paths, &n, diags) && o->cache_dir &&
		    pl_rule_set_key((const char *const *)paths, n, &key);
	pl_ruleset *rs = keyed ? pl_rule_set_cached(o->cache_dir, key) : NULL;
	if (rs == NULL) {
		rs = pl_ruleset_new();
		for (size_t i = 0; i < n; i++)
			pl_ruleset_load(rs, paths[i], diags);
		if (diags->errors == before) {
			pl_ruleset_set_cache(rs, o->cache_dir);
			pl_ruleset_compile(rs, diags);
		}
		/* The files are read again for the key: one changed while it
		 * was loaded must not be cached under its old bytes. */
		uint64_t again = 0;
		if (keyed && diags->count == said && rs->compiled &&
		    pl_rule_set_key((const char *const *)paths, n, &again) &&
		    again == key)
			pl_rule_set_save(o->cache_dir, key, rs);
	}
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
	return rs;
}

/* --profile a,b (and "a, b" in a configuration): every non-empty name
 * between commas. */
static void push_names(char ***list, size_t *n, size_t *cap, const char *arg)
{
	const char *p = arg;
	while (*p) {
		size_t k = strcspn(p, ",");
		size_t a = 0, b = k;
		while (a < b && (p[a] == ' ' || p[a] == '\t'))
			a++;
		while (b > a && (p[b - 1] == ' ' || p[b - 1] == '\t'))
			b--;
		if (b > a)
			PL_PUSH(*list, *n, *cap, pl_xstrndup(p + a, b - a));
		p += k + (p[k] == ',');
	}
}

/* The profiles a context checks: the options', else the configuration's
 * `profile:`, else none (pl_scan: baseline).  Unknown names are errors, at
 * the configuration's line for its own. */
static void select_profiles(context *cx, const pl_linter_options *o)
{
	if (o->nprofiles) {
		for (size_t i = 0; i < o->nprofiles; i++)
			push_names(&cx->profiles, &cx->nprofiles,
				   &cx->profiles_cap, o->profiles[i]);
		pl_ruleset_check_selection(cx->rs,
					   (const char *const *)cx->profiles,
					   cx->nprofiles, "policylint: --profile",
					   NULL, NULL, &cx->profile_diags);
		return;
	}
	const pl_config_list *l = &cx->config->profiles;
	for (size_t i = 0; i < l->count; i++) {
		size_t first = cx->nprofiles;
		push_names(&cx->profiles, &cx->nprofiles, &cx->profiles_cap,
			   l->items[i].value);
		for (size_t k = first; k < cx->nprofiles; k++) {
			unsigned long line = l->items[i].line,
				      col = l->items[i].column;
			pl_ruleset_check_selection(
				cx->rs, (const char *const *)&cx->profiles[k], 1,
				cx->config->path, &line, &col,
				&cx->profile_diags);
		}
	}
}

static int builtin_rule(const char *id)
{
	return pl_builtin_rule_find(id) != NULL;
}

/* Whether some requirement or profile of rs depends on fact name. */
static int fact_used(const pl_ruleset *rs, const char *name)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i].applies.fact &&
		    strcmp(rs->rules[i].applies.fact, name) == 0)
			return 1;
	for (size_t i = 0; i < rs->nprofiles; i++)
		if (rs->profiles[i].applies.fact &&
		    strcmp(rs->profiles[i].applies.fact, name) == 0)
			return 1;
	return 0;
}

/* The facts a file is judged with: the configuration's, then the
 * options' (--fact), which win.  A fact nothing depends on is likely a
 * typo: a warning. */
static void merge_facts(context *cx, const pl_linter_options *o)
{
	for (size_t i = 0; cx->rs && i < cx->config->nfacts; i++) {
		const pl_config_str *n = &cx->config->facts[i].name;
		if (!fact_used(cx->rs, n->value))
			pl_diags_add(&cx->diags, PL_DIAG_UNKNOWN_FACT,
				     cx->config->path, n->line, n->column,
				     "facts: no requirement depends on '%s'",
				     n->value);
	}
	for (size_t i = 0; cx->rs && i < o->nfacts; i++)
		if (!fact_used(cx->rs, o->facts[i].name))
			pl_diags_add(&cx->diags, PL_DIAG_UNKNOWN_FACT, NULL, 0, 0,
				     "--fact %s: no requirement depends on it",
				     o->facts[i].name);
	for (size_t i = 0; i < cx->config->nfacts; i++) {
		pl_fact f = {cx->config->facts[i].name.value,
			     cx->config->facts[i].value};
		PL_PUSH(cx->facts, cx->nfacts, cx->facts_cap, f);
	}
	for (size_t i = 0; i < o->nfacts; i++) {
		size_t k = 0;
		while (k < cx->nfacts && strcmp(cx->facts[k].name, o->facts[i].name))
			k++;
		if (k < cx->nfacts)
			cx->facts[k].value = o->facts[i].value;
		else
			PL_PUSH(cx->facts, cx->nfacts, cx->facts_cap, o->facts[i]);
	}
}

static void context_init(context *cx, const pl_linter_options *o)
{
	pl_diags *diags = &cx->diags;
	cx->config = cx->key ? pl_config_load(cx->key, diags) : pl_config_empty();
	if (cx->config) {
		cx->rs = load_rules(o, cx->config, diags);
		if (diags->errors == 0)
			pl_config_check_ids(cx->config, cx->rs, diags);
		for (size_t i = 0; i < o->ndisabled; i++) {
			if (!pl_ruleset_has_rule(cx->rs, o->disabled[i]) &&
			    !builtin_rule(o->disabled[i]))
				pl_diags_add(diags, PL_DIAG_OPTION_UNKNOWN_RULE,
					     NULL, 0, 0,
					     "--disable %s: no such rule",
					     o->disabled[i]);
			PL_PUSH(cx->disabled, cx->ndisabled, cx->disabled_cap,
				o->disabled[i]);
		}
		for (size_t i = 0; i < cx->config->disable.count; i++)
			PL_PUSH(cx->disabled, cx->ndisabled, cx->disabled_cap,
				cx->config->disable.items[i].value);
		if (diags->errors == 0)
			select_profiles(cx, o);
		merge_facts(cx, o);
	} else {
		cx->config = pl_config_empty();
	}
	cx->fail_level = o->fail_level >= 0 ? o->fail_level :
			 cx->config->fail_level >= 0 ? cx->config->fail_level :
						       PL_SEV_WARNING;
	if (diags->errors) {
		pl_ruleset_free(cx->rs);
		cx->rs = NULL;
	}
}

/* The context for a policy named name ("-": the current folder), made
 * the first time a configuration is needed. */
static context *context_for(pl_linter *l, const char *name)
{
	const pl_linter_options *o = &l->o;
	char *key = o->config == PL_CONFIG_NONE ? NULL :
		    o->config == PL_CONFIG_FILE ? pl_xstrdup(o->config_path) :
						  pl_config_find(name);
	pthread_mutex_lock(&l->lock);
	context *found = NULL;
	for (size_t i = 0; i < l->nctx && !found; i++) {
		context *cx = l->ctx[i];
		if ((key == NULL && cx->key == NULL) ||
		    (key && cx->key && strcmp(key, cx->key) == 0))
			found = cx;
	}
	if (found) {
		free(key);
	} else {
		found = pl_xcalloc(1, sizeof(*found));
		found->key = key;
		context_init(found, o);
		PL_PUSH(l->ctx, l->nctx, l->ctx_cap, found);
	}
	pthread_mutex_unlock(&l->lock);
	return found;
}

/* Hands a context's problems to the first file that uses it; with soften
 * (--print-config) unknown profiles are only warnings.  Returns whether
 * files can be linted with the context. */
static int take_context_diags(pl_linter *l, context *cx, pl_diags *to,
			      int soften)
{
	pthread_mutex_lock(&l->lock);
	int usable = cx->rs != NULL && cx->profile_diags.errors == 0;
	pl_diags_move(&cx->diags, to, 0);
	pl_diags_move(&cx->profile_diags, to, soften);
	if (!usable)
		cx->profile_diags.errors = 1;   /* stays unusable */
	pthread_mutex_unlock(&l->lock);
	return usable;
}

static void context_free(context *cx)
{
	free(cx->key);
	pl_config_free(cx->config);
	pl_ruleset_free(cx->rs);
	free(cx->disabled);
	free(cx->facts);
	for (size_t i = 0; i < cx->nprofiles; i++)
		free(cx->profiles[i]);
	free(cx->profiles);
	pl_diags_clear(&cx->diags);
	pl_diags_clear(&cx->profile_diags);
	free(cx);
}

const pl_ruleset *pl_linter_ruleset(pl_linter *l, const char *name,
				    pl_diags *diags)
{
	context *cx = context_for(l, name);
	return take_context_diags(l, cx, diags, 0) ? cx->rs : NULL;
}

/* ---- One file ------------------------------------------------------------ */

pl_lint_job *pl_lint_job_new(pl_linter *l, const char *path, const char *name)
{
	pl_lint_job *j = pl_xcalloc(1, sizeof(*j));
	int is_stdin = strcmp(path, "-") == 0;
	j->l = l;
	j->path = pl_xstrdup(path);
	j->name = pl_xstrdup(name ? name : is_stdin ? "<stdin>" : path);
	/* Standard input without a name is configured from the current
	 * folder. */
	const char *lookup = is_stdin && name == NULL ? "-" : j->name;
	j->cx = context_for(l, lookup);
	if (!take_context_diags(l, j->cx, &j->diags, 0))
		j->failed = 1;
	else if (strcmp(lookup, "-") != 0 &&
		 pl_config_ignores(j->cx->config, lookup))
		j->skip = 1;
	return j;
}

static void run_one(pl_lint_job *j);
static void scan_old(pl_lint_job *j);

/* A notice set: the documents read with this one (--with, and the
 * configuration's documents: for it) are scanned too, and the main
 * document's result takes the set's verdict.  A document that is itself
 * another's companion leaves its requirements to the main document.
 * conf: the configuration's companions of this document, freed here. */
static void judge_notice_set(pl_lint_job *j, char **conf, size_t nconf)
{
	const pl_linter_options *o = &j->l->o;
	if (o->nwith + nconf == 0) {
		if (pl_config_is_companion(j->cx->config, j->name))
			pl_result_drop_requirements(j->r);
		free(conf);
		return;
	}
	pl_result **docs = pl_xcalloc(o->nwith + nconf, sizeof(*docs));
	size_t n = 0;
	for (size_t i = 0; i < o->nwith + nconf; i++) {
		const char *path = i < o->nwith ? o->with[i] : conf[i - o->nwith];
		pl_lint_job doc = {0};
		doc.l = j->l;
		doc.path = (char *)path;
		doc.name = (char *)path;
		doc.cx = j->cx;
		doc.in_set = 1;
		run_one(&doc);
		pl_diags_move(&doc.diags, &j->diags, 0);
		if (doc.r)
			docs[n++] = doc.r;
	}
	pl_result_merge_notice(j->r, docs, n);
	for (size_t i = 0; i < n; i++)
		pl_result_free(docs[i]);
	free(docs);
	for (size_t i = 0; i < nconf; i++)
		free(conf[i]);
	free(conf);
}

void pl_lint_job_run(pl_lint_job *j)
{
	/* The companions are known before the scan: what the document
	 * leaves to them (`left-to`) is judged in the set, not alone. */
	size_t nconf = 0;
	char **conf = NULL;
	if (!j->in_set && !j->skip && !j->failed)
		conf = pl_config_companions(j->cx->config, j->name, &nconf);
	j->with_companions = !j->in_set && j->l->o.nwith + nconf > 0;
	run_one(j);
	if (j->r && !j->in_set) {
		judge_notice_set(j, conf, nconf);
	} else {
		for (size_t i = 0; i < nconf; i++)
			free(conf[i]);
		free(conf);
	}
	if (j->r && !j->in_set && j->l->o.against)
		scan_old(j);
}

/* Reads, scans and applies directives.  Touches nothing shared but the
 * read-only rule set. */
static void run_one(pl_lint_job *j)
{
	if (j->skip || j->failed)
		return;
	const context *cx = j->cx;
	const pl_linter_options *o = &j->l->o;
	char *data = j->data;
	size_t len = j->len;
	j->data = NULL;
	size_t max = o->max_size ? o->max_size : PL_DEFAULT_MAX_SIZE;
	if (!j->preloaded &&
	    pl_input_read_max(j->path, j->name, max, &data, &len,
			      &j->diags) != 0) {
		j->failed = 1;
		return;
	}
	if (j->preloaded && len > max) {
		pl_diags_add(&j->diags, PL_DIAG_INPUT_TOO_LARGE, j->name, 0, 0,
			     "is %zu bytes, over the size limit of %zu bytes",
			     len, max);
		free(data);
		j->failed = 1;
		return;
	}
	pl_input_format requested = j->format != PL_INPUT_AUTO ? j->format :
				    o->input_format;
	pl_input_format fmt = pl_input_format_decide(requested, j->name, data,
						     len);
	pl_directives *ds = pl_directives_parse(data, len, fmt);
	if (fmt == PL_INPUT_TEXT && pl_directives_count(ds))
		pl_directives_mask(ds, data);
	pl_scan_options so = {fmt, cx->disabled, cx->ndisabled,
			      (const char *const *)cx->profiles, cx->nprofiles,
			      o->today, cx->facts, cx->nfacts, o->trace,
			      o->trace_arg, o->statements, j->with_companions};
	j->r = pl_scan(cx->rs, j->name, data, len, &so, &j->diags);
	pl_result_apply_directives(j->r, ds, cx->rs, cx->disabled,
				   cx->ndisabled,
				   pl_config_severity_of(cx->config,
							 PL_RULE_UNUSED_DIRECTIVE,
							 PL_SEV_WARNING));
	pl_directives_free(ds);
	j->r->rules = cx->rs;
	j->r->fail_level = cx->fail_level;
}

/* How --against's OLD file is named in reports. */
static const char *against_label(const pl_linter_options *o)
{
	if (o->against_name)
		return o->against_name;
	return strcmp(o->against, "-") == 0 ? "<stdin>" : o->against;
}

/* Whether name ends like a policy file (".md", ".html", ...): such a
 * name that does not exist is a missing file, not a revision. */
static int policy_file_name(const char *name)
{
	static const char *const exts[] = {".md", ".markdown", ".html", ".htm",
					   ".xhtml", ".txt", ".text", ".rst"};
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof exts / sizeof *exts; i++) {
		size_t m = strlen(exts[i]);
		if (n > m && strcmp(name + n - m, exts[i]) == 0)
			return 1;
	}
	return 0;
}

const char *pl_against_revision(const char *against)
{
	if (strncmp(against, "git:", 4) == 0)
		return against + 4;
	if (strcmp(against, "-") == 0 || pl_path_kind(against) != PL_PATH_NONE ||
	    policy_file_name(against))
		return NULL;
	return against;
}

/* Reads OLD for job j into old (a job of its own, not run yet): from git
 * when --against names a revision, else from the file.  Returns 0, 1 when
 * the revision has no such file (nothing to compare), -1 on error. */
static int read_old(pl_lint_job *j, pl_lint_job *old)
{
	const pl_linter_options *o = &j->l->o;
	const char *rev = pl_against_revision(o->against);
	old->l = j->l;
	old->cx = j->cx;
	old->format = j->r->format;
	if (rev == NULL) {
		old->path = pl_xstrdup(o->against);
		old->name = pl_xstrdup(against_label(o));
		return 0;
	}
	/* Standard input is looked up under the name it is reported as. */
	const char *where = strcmp(j->path, "-") == 0 ? j->name : j->path;
	char *gitname;
	int rc = pl_git_show(where, j->name, rev, &old->data, &old->len,
			     &gitname, &j->diags);
	old->path = pl_xstrdup(where);
	/* A file new since rev is "new since origin/main". */
	old->name = o->against_name ? pl_xstrdup(o->against_name) :
		    rc == PL_GIT_READ ? pl_xstrdup(gitname) : pl_xstrdup(rev);
	free(gitname);
	old->preloaded = rc == PL_GIT_READ;
	return rc == PL_GIT_READ ? 0 : rc == PL_GIT_NEW_FILE ? 1 : -1;
}

/* --against, in the job's thread: reads OLD (a file, or its version in a
 * revision) and scans it in the new version's format and configuration. */
static void scan_old(pl_lint_job *j)
{
	pl_lint_job old = {0};
	int rc = read_old(j, &old);
	if (rc == 0) {
		old.in_set = 1;
		run_one(&old);
		pl_diags_move(&old.diags, &j->diags, 0);
	}
	j->old_state = rc == 1 ? OLD_NEW_FILE : rc == 0 && old.r ? OLD_SCANNED :
					      OLD_FAILED;
	j->old_r = old.r;
	j->old_name = old.name;
	free(old.path);
	free(old.data);
}

/* --against, when the job finishes: drops what OLD already had, reports
 * what the edit removed or weakened and records its changes. */
static int compare_with_old(pl_lint_job *j)
{
	if (j->old_state == OLD_FAILED || j->old_state == OLD_NONE)
		return -1;
	j->r->against_name = j->old_name;   /* the result owns it now */
	j->old_name = NULL;
	if (j->old_state == OLD_NEW_FILE) {
		j->r->against_new = 1;     /* new in this change */
		return 0;
	}
	pl_against_options ao = {j->r->against_name, j->cx->disabled,
				 j->cx->ndisabled};
	pl_result_against(j->r, j->old_r, &ao);
	return 0;
}

int pl_lint_job_finish(pl_lint_job *j, pl_result **out, pl_diags *diags)
{
	pl_linter *l = j->l;
	pl_result *r = j->r;
	int rc = j->skip ? PL_SKIPPED : r ? PL_LINTED : -1;
	if (r && l->o.against && compare_with_old(j) != 0) {
		pl_result_free(r);
		r = NULL;
		rc = -1;
	}
	if (r) {
		const pl_config *c = j->cx->config;
		for (size_t i = 0; i < c->nseverity; i++)
			pl_result_set_severity(r, c->severity[i].id.value,
					       c->severity[i].severity);
		pthread_mutex_lock(&l->lock);
		if (l->record)
			pl_baseline_add(l->record, r);
		if (l->baseline)
			pl_baseline_filter(l->baseline, r);
		pthread_mutex_unlock(&l->lock);
	}
	*out = r;
	pl_diags_move(&j->diags, diags, 0);
	pl_result_free(j->old_r);
	free(j->old_name);
	free(j->path);
	free(j->name);
	free(j->data);
	free(j);
	return rc;
}

int pl_linter_lint_file(pl_linter *l, const char *path, const char *name,
			pl_result **out, pl_diags *diags)
{
	pl_lint_job *j = pl_lint_job_new(l, path, name);
	pl_lint_job_run(j);
	return pl_lint_job_finish(j, out, diags);
}

int pl_linter_lint_buffer(pl_linter *l, const char *name, const char *buf,
			  size_t len, pl_result **out, pl_diags *diags)
{
	pl_lint_job *j = pl_lint_job_new(l, name, name);
	j->data = pl_xmalloc(len + 1);
	memcpy(j->data, buf, len);
	j->data[len] = '\0';
	j->len = len;
	j->preloaded = 1;
	pl_lint_job_run(j);
	return pl_lint_job_finish(j, out, diags);
}

/* ---- Baselines ------------------------------------------------------------- */

int pl_linter_use_baseline(pl_linter *l, const char *path, pl_diags *diags)
{
	pl_baseline *b = pl_baseline_new();
	if (pl_baseline_read(b, path, diags) != 0) {
		pl_baseline_free(b);
		return -1;
	}
	pl_baseline_free(l->baseline);
	l->baseline = b;
	return 0;
}

void pl_linter_record_baseline(pl_linter *l)
{
	if (l->record == NULL)
		l->record = pl_baseline_new();
}

long pl_linter_write_baseline(pl_linter *l, const char *path)
{
	pl_linter_record_baseline(l);
	if (pl_baseline_write(l->record, path) != 0)
		return -1;
	return (long)pl_baseline_count(l->record);
}

/* ---- --print-config ---------------------------------------------------------- */

int pl_linter_print_config(pl_linter *l, const char *name, FILE *out,
			   pl_diags *diags)
{
	const pl_linter_options *o = &l->o;
	context *cx = context_for(l, name);
	/* Shown, not applied: unknown profiles are only warned about. */
	take_context_diags(l, cx, diags, 1);
	if (cx->rs == NULL)
		return 2;
	pl_config c = *cx->config;
	pl_config_list rules = {0}, disable = {0}, profiles = {0};
	char *def = o->nrules ? NULL : pl_default_rules_path();
	if (def)
		pl_config_list_push(&rules, def);
	free(def);
	for (size_t i = 0; i < o->nrules; i++)
		pl_config_list_push(&rules, o->rules[i]);
	for (size_t i = 0; i < c.rules.count; i++) {
		char *p = pl_config_rule_path(&c, i);
		pl_config_list_push(&rules, p);
		free(p);
	}
	for (size_t i = 0; i < c.disable.count; i++)
		pl_config_list_push(&disable, c.disable.items[i].value);
	for (size_t i = 0; i < o->ndisabled; i++)
		pl_config_list_push(&disable, o->disabled[i]);
	for (size_t i = 0; i < cx->nprofiles; i++)
		pl_config_list_push(&profiles, cx->profiles[i]);
	c.rules = rules;
	c.disable = disable;
	c.profiles = o->nprofiles ? profiles : cx->config->profiles;
	c.fail_level = cx->fail_level;
	if (strcmp(name, "-") != 0)
		fprintf(out, "# for: %s%s\n", name,
			pl_config_ignores(&c, name) ? " (ignored)" : "");
	pl_config_print(&c, out);
	pl_config_list_free(&rules);
	pl_config_list_free(&disable);
	pl_config_list_free(&profiles);
	return 0;
}

void pl_linter_free(pl_linter *l)
{
	if (l == NULL)
		return;
	for (size_t i = 0; i < l->nctx; i++)
		context_free(l->ctx[i]);
	free(l->ctx);
	pl_baseline_free(l->baseline);
	pl_baseline_free(l->record);
	pthread_mutex_destroy(&l->lock);
	free(l);
}
