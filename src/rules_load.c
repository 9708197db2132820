/*
 * rules_load.c: reads YAML rule files into a pl_ruleset and validates them.
 *
 * Validation is strict because a rule set is code: unknown keys, wrong
 * types, missing fields and unknown enum values are errors, each reported
 * as FILE:LINE:COLUMN, and loading goes on after an error so that one run
 * reports every problem.  Cross-file checks (duplicate ids, references to
 * unknown topics) and regex compilation happen in rules_compile.c, once
 * every file is in.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "rules.h"
#include "util.h"
#include "yaml_tree.h"

typedef struct {
	pl_ruleset *rs;
	pl_diags *diags;
	const char *file;      /* owned by rs->files */
	const char *raw;       /* the file's bytes, for pattern columns */
	size_t raw_len;
	int errors;
} loader;

static void error_at(loader *ld, pl_diag_code code, const pl_ynode *n,
		     const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

static void error_at(loader *ld, pl_diag_code code, const pl_ynode *n,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_diags_vadd(ld->diags, code, ld->file, n ? n->line : 0,
		      n ? n->column : 0, fmt, ap);
	va_end(ap);
	ld->errors++;
}

static pl_origin origin_of(loader *ld, const pl_ynode *n)
{
	pl_origin o = {ld->file, n ? n->line : 0, n ? n->column : 0};
	return o;
}

static const char *kind_name(pl_ynode_kind k)
{
	return k == PL_YNODE_SCALAR ? "a string" :
	       k == PL_YNODE_SEQ ? "a list" : "a mapping";
}

static int expect(loader *ld, const pl_ynode *n, pl_ynode_kind kind,
		  const char *what)
{
	if (n == NULL)
		return 0;
	if (n->kind != kind) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, n, "%s must be %s, not %s", what, kind_name(kind),
			 kind_name(n->kind));
		return 0;
	}
	return 1;
}

/* Reports every key of map that is not in allowed (NULL-terminated). */
static int known_key(const char *key, const char *const *list)
{
	for (size_t j = 0; list && list[j]; j++)
		if (strcmp(key, list[j]) == 0)
			return 1;
	return 0;
}

/* Every key of map must be in allowed or in more (NULL: none). */
static void check_keys2(loader *ld, const pl_ynode *map, const char *what,
			const char *const *allowed, const char *const *more)
{
	for (size_t i = 0; i < map->count; i++) {
		const pl_ynode *k = map->keys[i];
		if (k == NULL || k->kind != PL_YNODE_SCALAR) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, k, "%s: keys must be strings", what);
			continue;
		}
		if (known_key(k->value, allowed) || known_key(k->value, more))
			continue;
		const char *const *lists[2] = {allowed, more};
		pl_buf list;
		pl_buf_init(&list);
		for (int l = 0; l < 2; l++)
			for (size_t j = 0; lists[l] && lists[l][j]; j++)
				pl_buf_printf(&list, "%s%s", list.len ? ", " : "",
					      lists[l][j]);
		error_at(ld, PL_DIAG_RULES_SCHEMA, k, "unknown key '%s' in %s (known: %s)",
			 k->value, what, list.data);
		pl_buf_free(&list);
	}
}

static void check_keys(loader *ld, const pl_ynode *map, const char *what,
		       const char *const *allowed)
{
	check_keys2(ld, map, what, allowed, NULL);
}

/* A required (or optional) string field; returns a copy or NULL. */
static char *get_string(loader *ld, const pl_ynode *map, const char *key,
			const char *what, int required)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL) {
		if (required)
			error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key '%s'", what,
				 key);
		return NULL;
	}
	char label[128];
	snprintf(label, sizeof label, "'%s'", key);
	if (!expect(ld, v, PL_YNODE_SCALAR, label))
		return NULL;
	if (required && v->value_len == 0) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: '%s' must not be empty", what, key);
		return NULL;
	}
	return pl_xstrdup(v->value);
}

/* Builds the map from a single-line scalar's decoded bytes to the file
 * columns they were written at, so that a regex error offset can point at
 * the character.  Returns NULL when the scalar spans lines or uses escapes
 * we do not model. */
static size_t *scalar_column_map(loader *ld, const pl_ynode *n)
{
	if (ld->raw == NULL || n->style == PL_YSTYLE_BLOCK)
		return NULL;
	size_t *map = pl_xmalloc((n->value_len + 1) * sizeof(*map));
	size_t pos = n->raw_start;
	unsigned long col = n->column;
	if (n->style != PL_YSTYLE_PLAIN) {
		pos++;          /* the opening quote */
		col++;
	}
	for (size_t i = 0; i < n->value_len; i++) {
		if (pos >= ld->raw_len || ld->raw[pos] == '\n' ||
		    ld->raw[pos] == '\r')
			goto give_up;
		size_t step = 1;
		if (n->style == PL_YSTYLE_SINGLE && ld->raw[pos] == '\'')
			step = 2;       /* '' stands for ' */
		else if (n->style == PL_YSTYLE_DOUBLE && ld->raw[pos] == '\\') {
			if (pos + 1 >= ld->raw_len ||
			    strchr("\\\"/tnr0", ld->raw[pos + 1]) == NULL)
				goto give_up;
			step = 2;
		}
		map[i] = col;
		/* Continuation bytes of a character share its column. */
		pos += step;
		while (pos < ld->raw_len && ((unsigned char)ld->raw[pos] & 0xC0) == 0x80 &&
		       step == 1 && i + 1 < n->value_len &&
		       ((unsigned char)n->value[i + 1] & 0xC0) == 0x80) {
			map[++i] = col;
			pos++;
		}
		col += step;
	}
	map[n->value_len] = col;
	return map;
give_up:
	free(map);
	return NULL;
}

static void load_patterns(loader *ld, const pl_ynode *map, const char *key,
			  pl_patterns *out, int required, const char *what)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL) {
		if (required)
			error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key '%s'", what,
				 key);
		return;
	}
	if (v->kind == PL_YNODE_SCALAR) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "'%s' must be a list of regular expressions "
			 "(write '- ' before the pattern)", key);
		return;
	}
	if (!expect(ld, v, PL_YNODE_SEQ, key))
		return;
	if (required && v->count == 0)
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: '%s' must not be empty", what, key);
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *p = v->items[i];
		if (!expect(ld, p, PL_YNODE_SCALAR, "a pattern"))
			continue;
		if (p->value_len == 0) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, p, "empty pattern");
			continue;
		}
		pl_pattern pat = {0};
		pat.slot = -1;
		pat.cache_index = -1;
		pat.source = pl_xstrdup(p->value);
		pat.origin = origin_of(ld, p);
		pat.colmap = scalar_column_map(ld, p);
		pat.colmap_len = pat.colmap ? p->value_len + 1 : 0;
		PL_PUSH(out->items, out->count, out->cap, pat);
	}
}

static void load_examples(loader *ld, const pl_ynode *map, pl_examples *match,
			  pl_examples *no_match, const char *what, int needed)
{
	const pl_ynode *ex = pl_ynode_get(map, "examples");
	if (ex == NULL) {
		if (needed)
			pl_diags_add(ld->diags, PL_DIAG_RULES_UNDOCUMENTED, ld->file,
				     map->line, map->column,
				     "%s has no examples (add examples: "
				     "{match: [...], no_match: [...]})", what);
		return;
	}
	if (!expect(ld, ex, PL_YNODE_MAP, "'examples'"))
		return;
	static const char *const keys[] = {"match", "no_match", NULL};
	check_keys(ld, ex, "examples", keys);
	for (int which = 0; which < 2; which++) {
		const pl_ynode *list = pl_ynode_get(ex, keys[which]);
		pl_examples *out = which == 0 ? match : no_match;
		if (list == NULL) {
			if (needed)
				pl_diags_add(ld->diags, PL_DIAG_RULES_UNDOCUMENTED, ld->file,
					     ex->line, ex->column,
					     "%s has no '%s' examples", what,
					     keys[which]);
			continue;
		}
		if (!expect(ld, list, PL_YNODE_SEQ, keys[which]))
			continue;
		for (size_t i = 0; i < list->count; i++) {
			const pl_ynode *e = list->items[i];
			if (!expect(ld, e, PL_YNODE_SCALAR, "an example"))
				continue;
			pl_example x = {pl_xstrdup(e->value), origin_of(ld, e)};
			PL_PUSH(out->items, out->count, out->cap, x);
		}
	}
}

static void load_topic_refs(loader *ld, const pl_ynode *map, const char *key,
			    pl_topic_refs *out, int required, const char *what)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL) {
		if (required)
			error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key '%s'", what,
				 key);
		return;
	}
	if (!expect(ld, v, PL_YNODE_SEQ, key))
		return;
	if (v->count == 0)
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: '%s' must not be empty", what, key);
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *t = v->items[i];
		if (!expect(ld, t, PL_YNODE_SCALAR, "a topic id"))
			continue;
		pl_grow((void **)&out->names, &out->cap, out->count + 1,
			sizeof(*out->names));
		out->origins = pl_xrealloc(out->origins,
					   out->cap * sizeof(*out->origins));
		out->names[out->count] = pl_xstrdup(t->value);
		out->origins[out->count] = origin_of(ld, t);
		out->count++;
	}
}

static void load_string_list(loader *ld, const pl_ynode *map, const char *key,
			     char ***items, size_t *n, size_t *cap)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL || !expect(ld, v, PL_YNODE_SEQ, key))
		return;
	for (size_t i = 0; i < v->count; i++)
		if (expect(ld, v->items[i], PL_YNODE_SCALAR, key))
			PL_PUSH(*items, *n, *cap, pl_xstrdup(v->items[i]->value));
}

static int load_area(loader *ld, const pl_ynode *map, const char *what)
{
	char *s = get_string(ld, map, "area", what, 1);
	if (s == NULL)
		return PL_AREA_COLLECTION;
	int a = pl_area_from_name(s);
	if (a < 0) {
		pl_buf list;
		pl_buf_init(&list);
		for (int i = 0; i < PL_AREA_COUNT; i++)
			pl_buf_printf(&list, "%s%s", i ? ", " : "",
				      pl_area_name((pl_area)i));
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "area"),
			 "unknown area '%s' (areas: %s)", s, list.data);
		pl_buf_free(&list);
		a = PL_AREA_COLLECTION;
	}
	free(s);
	return a;
}

/* An enumerated scalar: returns the index of its value in choices, def when
 * absent, and reports anything else. */
static int load_choice(loader *ld, const pl_ynode *map, const char *key,
		       const char *const *choices, int def)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL)
		return def;
	if (!expect(ld, v, PL_YNODE_SCALAR, key))
		return def;
	for (int i = 0; choices[i]; i++)
		if (strcmp(v->value, choices[i]) == 0)
			return i;
	pl_buf list;
	pl_buf_init(&list);
	for (int i = 0; choices[i]; i++)
		pl_buf_printf(&list, "%s%s", i ? ", " : "", choices[i]);
	error_at(ld, PL_DIAG_RULES_SCHEMA, v, "'%s' must be one of %s, not '%s'", key, list.data,
		 v->value);
	pl_buf_free(&list);
	return def;
}

static int load_flag(loader *ld, const pl_ynode *map, const char *key, int def)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL || !expect(ld, v, PL_YNODE_SCALAR, key))
		return def;
	if (pl_ynode_is_true(v))
		return 1;
	if (pl_ynode_is_false(v))
		return 0;
	error_at(ld, PL_DIAG_RULES_SCHEMA, v, "'%s' must be true or false, not '%s'", key, v->value);
	return def;
}

/* The keys of the filters that topics and `avoid` rules share. */
static const char *const matcher_keys[] = {
	"patterns", "exclude", "exclude-lead-in", "section", "weak", "headings", "negated",
	"conditional", "overview", "first-party", "metadata", NULL};

/* `weak: {patterns: [...], under: [...]}`: cues that count only in a
 * matching context. */
static void load_weak(loader *ld, const pl_ynode *map, pl_matcher_spec *m,
		      const char *what)
{
	const pl_ynode *w = pl_ynode_get(map, "weak");
	if (w == NULL || !expect(ld, w, PL_YNODE_MAP, "'weak'"))
		return;
	static const char *const keys[] = {"patterns", "under", NULL};
	check_keys(ld, w, "'weak'", keys);
	load_patterns(ld, w, "patterns", &m->weak, 1, what);
	load_patterns(ld, w, "under", &m->weak_under, 1, what);
}

/* The filters that topics and `avoid` rules share. */
static void load_matcher(loader *ld, const pl_ynode *map, pl_matcher_spec *m,
			 const char *what)
{
	static const char *const headings[] = {"skip", "count", "only", NULL};
	static const char *const keep_skip[] = {"count", "skip", NULL};
	static const char *const skip_keep[] = {"skip", "count", NULL};
	load_patterns(ld, map, "patterns", &m->patterns, 1, what);
	load_patterns(ld, map, "exclude", &m->exclude, 0, what);
	load_patterns(ld, map, "exclude-lead-in", &m->exclude_lead_in, 0, what);
	load_patterns(ld, map, "section", &m->section, 0, what);
	load_weak(ld, map, m, what);
	m->headings = (pl_headings)load_choice(ld, map, "headings", headings,
					       PL_HEADINGS_SKIP);
	m->skip_negated = load_choice(ld, map, "negated", keep_skip, 0);
	m->skip_conditional = load_choice(ld, map, "conditional", keep_skip, 0);
	m->count_overview = load_choice(ld, map, "overview", skip_keep, 0);
	m->count_metadata = load_choice(ld, map, "metadata", skip_keep, 0);
	m->first_party = load_flag(ld, map, "first-party", 0);
}

static int valid_id(const char *id, int dotted)
{
	size_t n = strlen(id);
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = id[i];
		int ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			 c == '-' || (dotted && c == '.');
		if (!ok)
			return 0;
	}
	return id[0] != '-' && id[0] != '.' && id[n - 1] != '-' &&
	       id[n - 1] != '.';
}

/* `profiles:` of a rule or topic, with where each name was written (a
 * rule's default: [baseline]; a topic's: none, i.e. every profile).  Names are checked against the profiles once every file is
 * in (profiles.c). */
/* A fact's name: lower case letters, digits and '_' ("child_directed"). */
static int valid_fact(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		      s[i] == '_'))
			return 0;
	return 1;
}

static void load_profile_list(loader *ld, const pl_ynode *map,
			      const pl_origin *owner, char ***profiles,
			      size_t *nprofiles, size_t *cap,
			      pl_origin **origins, int def, const char *what)
{
	const pl_ynode *v = pl_ynode_get(map, "profiles");
	if (v == NULL) {
		if (!def)
			return;
		PL_PUSH(*profiles, *nprofiles, *cap,
			pl_xstrdup(PL_PROFILE_DEFAULT));
		*origins = pl_xcalloc(1, sizeof(**origins));
		(*origins)[0] = *owner;
		return;
	}
	if (v->kind == PL_YNODE_SCALAR) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: 'profiles' must be a list (write [%s])",
			 what, v->value);
		return;
	}
	if (!expect(ld, v, PL_YNODE_SEQ, "'profiles'"))
		return;
	if (v->count == 0)
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: 'profiles' must not be empty", what);
	*origins = pl_xcalloc(v->count ? v->count : 1, sizeof(**origins));
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *n = v->items[i];
		if (!expect(ld, n, PL_YNODE_SCALAR, "a profile id"))
			continue;
		if (strcmp(n->value, PL_PROFILE_ALL) == 0) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, n, "%s: '%s' is no profile (it selects "
				 "every profile on the command line)", what,
				 PL_PROFILE_ALL);
			continue;
		}
		(*origins)[*nprofiles] = origin_of(ld, n);
		PL_PUSH(*profiles, *nprofiles, *cap, pl_xstrdup(n->value));
	}
}

static void load_topic(loader *ld, const pl_ynode *map)
{
	static const char *const own_keys[] = {
		"id", "area", "summary", "evidence", "examples", "profiles",
		"yield", "undone-by", NULL};
	if (!expect(ld, map, PL_YNODE_MAP, "a topic"))
		return;
	check_keys2(ld, map, "a topic", own_keys, matcher_keys);
	pl_topic t = {0};
	t.origin = origin_of(ld, map);
	t.id = get_string(ld, map, "id", "a topic", 1);
	if (t.id == NULL)
		t.id = pl_xstrdup("?");
	else if (!valid_id(t.id, 1) || strchr(t.id, '.') == NULL)
		error_at(ld, PL_DIAG_RULES_BAD_ID, pl_ynode_get(map, "id"),
			 "topic id '%s' must look like area.name (lower case, "
			 "digits, '-', '.')", t.id);
	char what[128];
	snprintf(what, sizeof what, "topic '%s'", t.id);
	t.area = (pl_area)load_area(ld, map, what);
	t.summary = get_string(ld, map, "summary", what, 1);
	load_matcher(ld, map, &t.match, what);
	t.evidence = 1;
	const pl_ynode *ev = pl_ynode_get(map, "evidence");
	if (ev && pl_ynode_is_false(ev))
		t.evidence = 0;
	else if (ev && !pl_ynode_is_true(ev))
		error_at(ld, PL_DIAG_RULES_SCHEMA, ev, "'evidence' must be true or false");
	load_profile_list(ld, map, &t.origin, &t.profiles, &t.nprofiles,
			  &t.profiles_cap, &t.profile_origins, 0, what);
	load_topic_refs(ld, map, "yield", &t.yield, 0, what);
	load_topic_refs(ld, map, "undone-by", &t.undone_by, 0, what);
	load_examples(ld, map, &t.examples_match, &t.examples_no_match, what, 1);
	PL_PUSH(ld->rs->topics, ld->rs->ntopics, ld->rs->topics_cap, t);
}

/* `refines: RULE`: the patterns, filters and topics come from that rule,
 * so the rule must not give its own; its `when` too, unless it gives a
 * narrower trigger of its own (a law that asks only of some of what the
 * refined rule asks of).  `max-age-months: N`. */
static void load_refines(loader *ld, const pl_ynode *map, pl_rule *r,
			 const char *what)
{
	static const char *const borrowed[] = {"topics", NULL};
	const pl_ynode *ref = pl_ynode_get(map, "refines");
	if (ref) {
		r->refines = get_string(ld, map, "refines", what, 1);
		r->refines_origin = origin_of(ld, ref);
		for (int list = 0; r->refines && list < 2; list++) {
			const char *const *keys = list ? matcher_keys : borrowed;
			for (size_t i = 0; keys[i]; i++)
				if (pl_ynode_get(map, keys[i]))
					error_at(ld, PL_DIAG_RULES_SCHEMA,
						 pl_ynode_get(map, keys[i]),
						 "%s: '%s' comes from the refined "
						 "rule '%s'; leave it out", what,
						 keys[i], r->refines);
		}
	}
	const pl_ynode *age = pl_ynode_get(map, "max-age-months");
	if (age && expect(ld, age, PL_YNODE_SCALAR, "'max-age-months'")) {
		char *end = NULL;
		long v = strtol(age->value, &end, 10);
		if (end == age->value || *end != '\0' || v < 1 || v > 1200)
			error_at(ld, PL_DIAG_RULES_SCHEMA, age, "%s: 'max-age-months' must be a whole "
				 "number of months from 1 to 1200, not '%s'",
				 what, age->value);
		else if (r->kind != PL_RULE_REQUIRE)
			error_at(ld, PL_DIAG_RULES_SCHEMA, age, "%s: 'max-age-months' only applies to "
				 "rules of kind require", what);
		else
			r->max_age_months = (int)v;
	}
}

/* `report: each` (the default: a finding per line) or `report: once` (an
 * avoid rule about the policy as a whole, such as reliance on an
 * invalidated framework, that a policy may repeat on every page). */
static void load_report(loader *ld, const pl_ynode *map, pl_rule *r,
			const char *what)
{
	const pl_ynode *n = pl_ynode_get(map, "report");
	if (n == NULL || !expect(ld, n, PL_YNODE_SCALAR, "'report'"))
		return;
	if (strcmp(n->value, "once") != 0 && strcmp(n->value, "each") != 0)
		error_at(ld, PL_DIAG_RULES_SCHEMA, n, "%s: 'report' is 'each' "
			 "or 'once', not '%s'", what, n->value);
	else if (r->kind != PL_RULE_AVOID)
		error_at(ld, PL_DIAG_RULES_SCHEMA, n, "%s: 'report' only applies "
			 "to rules of kind avoid", what);
	else
		r->report_once = strcmp(n->value, "once") == 0;
}

/* Keys that belong to another kind are mistakes worth naming. */
static void check_kind_keys(loader *ld, const pl_ynode *map, const pl_rule *r,
			    const char *what)
{
	if (r->kind != PL_RULE_AVOID)
		for (size_t i = 0; matcher_keys[i]; i++)
			if (pl_ynode_get(map, matcher_keys[i]))
				error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, matcher_keys[i]),
					 "%s: '%s' only applies to rules of "
					 "kind avoid", what, matcher_keys[i]);
	if (r->kind != PL_RULE_REQUIRE_IF && pl_ynode_get(map, "when"))
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "when"),
			 "%s: 'when' only applies to rules of kind require-if",
			 what);
	if ((r->kind == PL_RULE_AVOID || r->kind == PL_RULE_CONFLICT) &&
	    pl_ynode_get(map, "topics"))
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "topics"),
			 "%s: 'topics' does not apply to rules of kind %s", what,
			 pl_rule_kind_name(r->kind));
}

/* `applies: {fact, shown-by, denied-by, default}` (see rules.h). */
static void load_applies(loader *ld, const pl_ynode *map, pl_applicability *a,
			 const char *what)
{
	static const char *const yes_no[] = {"no", "yes", NULL};
	const pl_ynode *v = pl_ynode_get(map, "applies");
	a->default_applies = 1;
	a->default_in_all = -1;
	if (v == NULL || !expect(ld, v, PL_YNODE_MAP, "'applies'"))
		return;
	static const char *const keys[] = {"fact", "shown-by", "denied-by",
					   "left-to", "default",
					   "default-in-all", NULL};
	check_keys(ld, v, "'applies'", keys);
	a->present = 1;
	const pl_ynode *f = pl_ynode_get(v, "fact");
	if (f && expect(ld, f, PL_YNODE_SCALAR, "'fact'")) {
		const char *name = f->value;
		if (strncmp(name, "not ", 4) == 0) {
			a->fact_negated = 1;
			name += 4;
		}
		if (!valid_fact(name))
			error_at(ld, PL_DIAG_RULES_BAD_ID, f, "%s: fact '%s' must be "
				 "lower case letters, digits and '_'", what, name);
		a->fact = pl_xstrdup(name);
		a->fact_origin = origin_of(ld, f);
	}
	load_topic_refs(ld, v, "shown-by", &a->shown_by, 0, what);
	load_topic_refs(ld, v, "denied-by", &a->denied_by, 0, what);
	load_topic_refs(ld, v, "left-to", &a->left_to, 0, what);
	a->default_applies = load_choice(ld, v, "default", yes_no, 1);
	if (pl_ynode_get(v, "default-in-all"))
		a->default_in_all = load_choice(ld, v, "default-in-all", yes_no,
						a->default_applies);
}

/* A template's placeholders are checked where it is written. */
static int check_template(loader *ld, const pl_ynode *n, const char *what)
{
	char why[160];
	const char *problem = pl_suggest_problem(n->value, why, sizeof why);
	if (problem)
		error_at(ld, PL_DIAG_RULES_SUGGEST, n, "%s: suggest: %s", what,
			 problem);
	return problem == NULL;
}

/* `suggest:` a clause that would meet a requirement (require, require-if
 * only: nothing can be inserted to meet an avoid or conflict rule). */
static void load_suggest(loader *ld, const pl_ynode *map, pl_rule *r,
			 const char *what)
{
	const pl_ynode *n = pl_ynode_get(map, "suggest");
	if (n == NULL || !expect(ld, n, PL_YNODE_SCALAR, "'suggest'"))
		return;
	if (r->kind != PL_RULE_REQUIRE && r->kind != PL_RULE_REQUIRE_IF) {
		error_at(ld, PL_DIAG_RULES_SUGGEST, n, "%s: 'suggest' only "
			 "applies to rules of kind require or require-if", what);
		return;
	}
	if (!check_template(ld, n, what))
		return;
	r->suggest = pl_xstrdup(n->value);
	r->suggest_origin = origin_of(ld, n);
}

/* `suggestions: {RULE-ID: template, ...}`: suggest: for rules written
 * elsewhere, linked to them by pl_ruleset_link_suggestions. */
static void load_suggestions(loader *ld, const pl_ynode *map)
{
	if (!expect(ld, map, PL_YNODE_MAP, "'suggestions'"))
		return;
	for (size_t i = 0; i < map->count; i++) {
		const pl_ynode *k = map->keys[i], *v = map->items[i];
		if (!expect(ld, k, PL_YNODE_SCALAR, "a rule id") ||
		    !expect(ld, v, PL_YNODE_SCALAR, "a suggestion"))
			continue;
		char what[128];
		snprintf(what, sizeof what, "suggestion for '%s'", k->value);
		if (!check_template(ld, v, what))
			continue;
		pl_suggestion s = {pl_xstrdup(k->value), pl_xstrdup(v->value),
				   origin_of(ld, k)};
		PL_PUSH(ld->rs->suggestions, ld->rs->nsuggestions,
			ld->rs->suggestions_cap, s);
	}
}

static void load_rule(loader *ld, const pl_ynode *map)
{
	static const char *const own_keys[] = {
		"id", "kind", "area", "severity", "message", "rationale",
		"references", "profiles", "topics", "when", "actions",
		"examples", "refines", "max-age-months", "applies", "suggest",
		"report", NULL};
	static const char *const kinds[] = {"require", "require-if", "avoid",
					    "conflict", NULL};
	static const char *const sevs[] = {"info", "warning", "error", NULL};
	if (!expect(ld, map, PL_YNODE_MAP, "a rule"))
		return;
	check_keys2(ld, map, "a rule", own_keys, matcher_keys);
	pl_rule r = {0};
	r.origin = origin_of(ld, map);
	r.refines_index = (size_t)-1;
	r.id = get_string(ld, map, "id", "a rule", 1);
	if (r.id == NULL)
		r.id = pl_xstrdup("?");
	else if (!valid_id(r.id, 0))
		error_at(ld, PL_DIAG_RULES_BAD_ID, pl_ynode_get(map, "id"),
			 "rule id '%s' must be lower case letters, digits and "
			 "'-'", r.id);
	char what[128];
	snprintf(what, sizeof what, "rule '%s'", r.id);
	if (pl_ynode_get(map, "kind") == NULL)
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key 'kind'", what);
	r.kind = (pl_rule_kind)load_choice(ld, map, "kind", kinds,
					   PL_RULE_REQUIRE);
	r.area = (pl_area)load_area(ld, map, what);
	if (pl_ynode_get(map, "severity") == NULL)
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key 'severity'", what);
	r.severity = (pl_severity)load_choice(ld, map, "severity", sevs,
					      PL_SEV_WARNING);
	r.message = get_string(ld, map, "message", what, 1);
	r.rationale = get_string(ld, map, "rationale", what, 1);
	load_string_list(ld, map, "references", &r.references, &r.nreferences,
			 &r.references_cap);
	if (r.nreferences == 0)
		pl_diags_add(ld->diags, PL_DIAG_RULES_UNDOCUMENTED, ld->file, map->line,
			     map->column, "%s has no references", what);
	load_profile_list(ld, map, &r.origin, &r.profiles, &r.nprofiles,
			  &r.profiles_cap, &r.profile_origins, 1, what);
	load_refines(ld, map, &r, what);
	load_report(ld, map, &r, what);
	load_applies(ld, map, &r.applies, what);

	if (r.refines == NULL) switch (r.kind) {
	case PL_RULE_REQUIRE:
		load_topic_refs(ld, map, "topics", &r.topics, 1, what);
		break;
	case PL_RULE_REQUIRE_IF:
		load_topic_refs(ld, map, "when", &r.when, 1, what);
		load_topic_refs(ld, map, "topics", &r.topics, 1, what);
		break;
	case PL_RULE_AVOID:
		load_matcher(ld, map, &r.match, what);
		break;
	case PL_RULE_CONFLICT:
		load_topic_refs(ld, map, "actions", &r.actions, 1, what);
		break;
	} else if (pl_ynode_get(map, "when")) {
		if (r.kind == PL_RULE_REQUIRE_IF)
			load_topic_refs(ld, map, "when", &r.when, 1, what);
		else
			error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "when"),
				 "%s: 'when' only applies to rules of kind "
				 "require-if", what);
	}
	if (r.kind != PL_RULE_CONFLICT && pl_ynode_get(map, "actions"))
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "actions"),
			 "%s: 'actions' only applies to rules of kind conflict",
			 what);
	if (r.refines == NULL)
		check_kind_keys(ld, map, &r, what);
	load_examples(ld, map, &r.examples_match, &r.examples_no_match, what,
		      r.kind != PL_RULE_CONFLICT);
	load_suggest(ld, map, &r, what);
	PL_PUSH(ld->rs->rules, ld->rs->nrules, ld->rs->rules_cap, r);
}

/* ---- Compliance profiles (see profiles.c) ------------------------------ */

static void load_profile(loader *ld, const pl_ynode *map)
{
	static const char *const keys[] = {
		"id", "title", "law", "citation", "url", "description",
		"applies", "scope", NULL};
	if (!expect(ld, map, PL_YNODE_MAP, "a profile"))
		return;
	check_keys(ld, map, "a profile", keys);
	pl_profile p = {0};
	p.origin = origin_of(ld, map);
	p.id = get_string(ld, map, "id", "a profile", 1);
	if (p.id == NULL)
		p.id = pl_xstrdup("?");
	else if (!valid_id(p.id, 0) || strcmp(p.id, PL_PROFILE_ALL) == 0)
		error_at(ld, PL_DIAG_RULES_BAD_ID, pl_ynode_get(map, "id"),
			 "profile id '%s' must be lower case letters, digits "
			 "and '-' (and not '%s')", p.id, PL_PROFILE_ALL);
	char what[128];
	snprintf(what, sizeof what, "profile '%s'", p.id);
	p.title = get_string(ld, map, "title", what, 1);
	p.law = get_string(ld, map, "law", what, 1);
	p.citation = get_string(ld, map, "citation", what, 0);
	p.url = get_string(ld, map, "url", what, 0);
	p.description = get_string(ld, map, "description", what, 0);
	if (p.url && strncmp(p.url, "https://", 8) != 0 &&
	    strncmp(p.url, "http://", 7) != 0)
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "url"),
			 "%s: 'url' must start with https:// or http://", what);
	load_applies(ld, map, &p.applies, what);
	const pl_ynode *scope = pl_ynode_get(map, "scope");
	if (scope && expect(ld, scope, PL_YNODE_MAP, "'scope'")) {
		static const char *const scope_keys[] = {"outside", "within",
							 NULL};
		check_keys(ld, scope, "'scope'", scope_keys);
		load_patterns(ld, scope, "outside", &p.scope_outside, 1, what);
		load_patterns(ld, scope, "within", &p.scope_within, 0, what);
	}
	PL_PUSH(ld->rs->profiles, ld->rs->nprofiles, ld->rs->profiles_cap, p);
}

/* ---- Vocabularies of the conflict finder -------------------------------- */

static const char *const vocab_keys[PL_VOCAB_COUNT] = {
	"data_types", "recipients", "places", "purposes", "actions",
	"qualifiers", "scopes"};


/* The keys an action adds to a term: how messages phrase it and how its
 * statements are compared. */
static void load_action_fields(loader *ld, const pl_ynode *map, pl_term *t,
			       const char *what)
{
	static const char *const targets[] = {"none", "recipients", "places",
					      NULL};
	load_patterns(ld, map, "inverse", &t->inverse, 0, what);
	load_patterns(ld, map, "converse", &t->converse, 0, what);
	t->says = get_string(ld, map, "says", what, 1);
	t->denies = get_string(ld, map, "denies", what, 1);
	t->preposition = get_string(ld, map, "preposition", what, 0);
	t->target = (pl_target_kind)load_choice(ld, map, "target", targets,
						PL_TARGET_NONE);
	t->implied_data = get_string(ld, map, "implied_data", what, 0);
	t->needs_target = load_flag(ld, map, "needs_target", 0);
	t->bounded_inverse = load_flag(ld, map, "bounded_inverse", 0);
	t->implied_target = load_flag(ld, map, "implied_target", 0);
	t->inverse_says = get_string(ld, map, "inverse_says", what, 0);
	if (t->inverse.count && t->inverse_says == NULL)
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: 'inverse' needs 'inverse_says' (how a "
			 "message names it)", what);
	if (t->needs_target && t->target == PL_TARGET_NONE)
		error_at(ld, PL_DIAG_RULES_SCHEMA, pl_ynode_get(map, "needs_target"),
			 "%s: 'needs_target' needs a 'target'", what);
}

/* `parent: ID` or `parent: [ID, ...]` (a term may lie inside several). */
static void load_parents(loader *ld, const pl_ynode *map, pl_term *t,
			 const char *what)
{
	const pl_ynode *v = pl_ynode_get(map, "parent");
	if (v == NULL)
		return;
	if (v->kind == PL_YNODE_SCALAR) {
		t->parents[0] = get_string(ld, map, "parent", what, 1);
		t->parent_origins[0] = origin_of(ld, v);
		t->nparents = t->parents[0] != NULL;
		return;
	}
	if (!expect(ld, v, PL_YNODE_SEQ, "'parent'"))
		return;
	if (v->count == 0 || v->count > PL_TERM_PARENTS)
		error_at(ld, PL_DIAG_RULES_SCHEMA, v, "%s: 'parent' lists 1 to %d "
			 "ids, not %zu", what, PL_TERM_PARENTS, v->count);
	for (size_t i = 0; i < v->count && t->nparents < PL_TERM_PARENTS; i++) {
		const pl_ynode *n = v->items[i];
		if (!expect(ld, n, PL_YNODE_SCALAR, "a parent id"))
			continue;
		t->parent_origins[t->nparents] = origin_of(ld, n);
		t->parents[t->nparents++] = pl_xstrdup(n->value);
	}
}

static void load_scope_fields(loader *ld, const pl_ynode *map, pl_term *t,
			      const char *what)
{
	if (pl_ynode_get(map, "dimension") == NULL)
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key "
			 "'dimension'", what);
	t->dimension = (pl_scope_dim)load_choice(ld, map, "dimension",
						 pl_scope_dim_names, 0);
	t->is_default = load_flag(ld, map, "default", 0);
}

static void load_term(loader *ld, const pl_ynode *map, pl_vocab_kind kind)
{
	static const char *const tree_keys[] = {
		"id", "label", "parent", "patterns", NULL};
	static const char *const action_keys[] = {
		"id", "label", "patterns", "inverse", "converse", "says",
		"denies", "preposition", "target", "implied_data",
		"needs_target", "bounded_inverse", "implied_target",
		"inverse_says", NULL};
	static const char *const qual_keys[] = {
		"id", "effect", "patterns", NULL};
	static const char *const scope_keys[] = {
		"id", "label", "parent", "dimension", "default", "patterns",
		NULL};
	if (!expect(ld, map, PL_YNODE_MAP, pl_vocab_name(kind)))
		return;
	check_keys(ld, map, pl_vocab_name(kind),
		   kind == PL_VOCAB_ACTION ? action_keys :
		   kind == PL_VOCAB_QUALIFIER ? qual_keys :
		   kind == PL_VOCAB_SCOPE ? scope_keys : tree_keys);
	pl_term t = {0};
	t.origin = origin_of(ld, map);
	t.implied_index = (size_t)-1;
	t.id = get_string(ld, map, "id", pl_vocab_name(kind), 1);
	if (t.id == NULL)
		t.id = pl_xstrdup("?");
	else if (!valid_id(t.id, 0))
		error_at(ld, PL_DIAG_RULES_BAD_ID, pl_ynode_get(map, "id"),
			 "%s id '%s' must be lower case letters, digits and "
			 "'-'", pl_vocab_name(kind), t.id);
	char what[128];
	snprintf(what, sizeof what, "%s '%s'", pl_vocab_name(kind), t.id);
	t.label = get_string(ld, map, "label", what, 0);
	if (t.label == NULL) {
		t.label = pl_xstrdup(t.id);
		for (char *c = t.label; *c; c++)
			if (*c == '-')
				*c = ' ';
	}
	load_parents(ld, map, &t, what);
	load_patterns(ld, map, "patterns", &t.patterns, 1, what);
	if (kind == PL_VOCAB_ACTION)
		load_action_fields(ld, map, &t, what);
	if (kind == PL_VOCAB_SCOPE)
		load_scope_fields(ld, map, &t, what);
	if (kind == PL_VOCAB_QUALIFIER) {
		if (pl_ynode_get(map, "effect") == NULL)
			error_at(ld, PL_DIAG_RULES_SCHEMA, map, "%s: missing required key 'effect'",
				 what);
		t.effect = (pl_qual_effect)load_choice(ld, map, "effect",
						       pl_qual_effect_names, 0);
	}
	pl_terms *v = &ld->rs->vocab[kind];
	PL_PUSH(v->items, v->count, v->cap, t);
}

static void load_vocab(loader *ld, const pl_ynode *root, pl_vocab_kind kind)
{
	const pl_ynode *list = pl_ynode_get(root, vocab_keys[kind]);
	char label[64];
	snprintf(label, sizeof label, "'%s'", vocab_keys[kind]);
	if (list && expect(ld, list, PL_YNODE_SEQ, label))
		for (size_t i = 0; i < list->count; i++)
			load_term(ld, list->items[i], kind);
}

/* ---- The statement reader's grammar (see statements.c) ----------------- */

/* A list of lower-case words (auxiliaries, fillers). */
static void load_words(loader *ld, const pl_ynode *map, const char *key,
		       char ***items, size_t *n, size_t *cap)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "grammar: missing required "
			 "key '%s'", key);
		return;
	}
	if (!expect(ld, v, PL_YNODE_SEQ, key))
		return;
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *w = v->items[i];
		if (!expect(ld, w, PL_YNODE_SCALAR, "a word"))
			continue;
		int ok = w->value_len > 0 && w->value_len < 24;
		for (size_t k = 0; ok && k < w->value_len; k++) {
			unsigned char c = (unsigned char)w->value[k];
			ok = (c >= 'a' && c <= 'z') || c == '\'' || c == '-' ||
			     c >= 0x80;
		}
		if (!ok) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, w, "grammar: '%s' in '%s' must be "
				 "one lower-case word of 1 to 23 bytes", w->value,
				 key);
			continue;
		}
		PL_PUSH(*items, *n, *cap, pl_xstrdup(w->value));
	}
}

/* A mapping of words to positive numbers (numbers, units). */
static void load_values(loader *ld, const pl_ynode *map, const char *key,
			pl_word_value **items, size_t *n, size_t *cap)
{
	const pl_ynode *v = pl_ynode_get(map, key);
	if (v == NULL) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "grammar: missing required "
			 "key '%s'", key);
		return;
	}
	if (!expect(ld, v, PL_YNODE_MAP, key))
		return;
	for (size_t i = 0; i < v->count; i++) {
		const pl_ynode *k = v->keys[i], *x = v->items[i];
		if (!expect(ld, k, PL_YNODE_SCALAR, "a word") ||
		    !expect(ld, x, PL_YNODE_SCALAR, "a number"))
			continue;
		char *end = NULL;
		double d = strtod(x->value, &end);
		if (end == x->value || *end != '\0' || !(d > 0) || d > 1e9) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, x, "grammar: '%s' in '%s' must "
				 "be a positive number, not '%s'", k->value, key,
				 x->value);
			continue;
		}
		pl_word_value wv = {pl_xstrdup(k->value), d};
		PL_PUSH(*items, *n, *cap, wv);
	}
}

static void load_distances(loader *ld, const pl_ynode *map,
			   pl_grammar_spec *g)
{
	const pl_ynode *v = pl_ynode_get(map, "distances");
	if (v == NULL) {
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "grammar: missing required "
			 "key 'distances'");
		return;
	}
	if (!expect(ld, v, PL_YNODE_MAP, "'distances'"))
		return;
	check_keys(ld, v, "grammar distances", pl_distance_names);
	for (int d = 0; d < PL_DIST_COUNT; d++) {
		const pl_ynode *x = pl_ynode_get(v, pl_distance_names[d]);
		if (x == NULL) {
			error_at(ld, PL_DIAG_RULES_SCHEMA, v, "grammar distances: "
				 "missing required key '%s'", pl_distance_names[d]);
			continue;
		}
		if (!expect(ld, x, PL_YNODE_SCALAR, pl_distance_names[d]))
			continue;
		char *end = NULL;
		long n = strtol(x->value, &end, 10);
		if (end == x->value || *end != '\0' || n < 1 || n > 100000)
			error_at(ld, PL_DIAG_RULES_SCHEMA, x, "grammar distances: '%s' must "
				 "be a whole number from 1 to 100000, not '%s'",
				 pl_distance_names[d], x->value);
		else
			g->distance[d] = (unsigned long)n;
	}
}

/* grammar: {patterns: {NAME: [...]}, auxiliaries, aux_suffixes, fillers,
 * numbers, units, distances}.  Every key is required: the reader has no
 * grammar of its own. */
static void load_grammar(loader *ld, const pl_ynode *map)
{
	static const char *const keys[] = {
		"patterns", "auxiliaries", "aux_suffixes", "fillers",
		"numbers", "units", "distances", NULL};
	pl_grammar_spec *g = &ld->rs->grammar;
	if (!expect(ld, map, PL_YNODE_MAP, "'grammar'"))
		return;
	if (g->loaded) {
		error_at(ld, PL_DIAG_RULES_DUPLICATE_ID, map, "a second 'grammar' "
			 "section (the first is at %s:%lu:%lu)",
			 g->origin.file, g->origin.line, g->origin.column);
		return;
	}
	g->loaded = 1;
	g->origin = origin_of(ld, map);
	check_keys(ld, map, "grammar", keys);
	const pl_ynode *pats = pl_ynode_get(map, "patterns");
	if (pats == NULL)
		error_at(ld, PL_DIAG_RULES_SCHEMA, map, "grammar: missing required "
			 "key 'patterns'");
	else if (expect(ld, pats, PL_YNODE_MAP, "'patterns'")) {
		check_keys(ld, pats, "grammar patterns", pl_grammar_names);
		for (int i = 0; i < PL_GRAMMAR_COUNT; i++) {
			char what[96];
			snprintf(what, sizeof what, "grammar pattern '%s'",
				 pl_grammar_names[i]);
			load_patterns(ld, pats, pl_grammar_names[i],
				      &g->patterns[i], 1, what);
		}
	}
	load_words(ld, map, "auxiliaries", &g->auxiliaries, &g->nauxiliaries,
		   &g->auxiliaries_cap);
	load_words(ld, map, "aux_suffixes", &g->aux_suffixes,
		   &g->naux_suffixes, &g->aux_suffixes_cap);
	load_words(ld, map, "fillers", &g->fillers, &g->nfillers,
		   &g->fillers_cap);
	load_values(ld, map, "numbers", &g->numbers, &g->nnumbers,
		    &g->numbers_cap);
	load_values(ld, map, "units", &g->units, &g->nunits, &g->units_cap);
	load_distances(ld, map, g);
}

static void load_defines(loader *ld, const pl_ynode *map)
{
	if (!expect(ld, map, PL_YNODE_MAP, "'define'"))
		return;
	for (size_t i = 0; i < map->count; i++) {
		const pl_ynode *k = map->keys[i], *v = map->items[i];
		if (!expect(ld, k, PL_YNODE_SCALAR, "a define name") ||
		    !expect(ld, v, PL_YNODE_SCALAR, "a define value"))
			continue;
		if (!valid_id(k->value, 0) && strspn(k->value,
			"abcdefghijklmnopqrstuvwxyz0123456789_") != strlen(k->value)) {
			error_at(ld, PL_DIAG_RULES_BAD_ID, k, "define name '%s' must be lower case "
				 "letters, digits, '_' or '-'", k->value);
			continue;
		}
		for (size_t j = 0; j < ld->rs->ndefines; j++)
			if (strcmp(ld->rs->defines[j].name, k->value) == 0)
				error_at(ld, PL_DIAG_RULES_DUPLICATE_ID, k, "'%s' is already defined",
					 k->value);
		pl_define d = {pl_xstrdup(k->value), pl_xstrdup(v->value),
			       origin_of(ld, k)};
		PL_PUSH(ld->rs->defines, ld->rs->ndefines, ld->rs->defines_cap, d);
	}
}

/* `structure:` how a policy's sentences read, for every topic: which
 * preview the policy (overview) and which subjects are another party's
 * (other-party).  Several files may each add patterns. */
static void load_structure(loader *ld, const pl_ynode *map)
{
	if (!expect(ld, map, PL_YNODE_MAP, "'structure'"))
		return;
	static const char *const keys[] = {"overview", "other-party", NULL};
	check_keys(ld, map, "'structure'", keys);
	load_patterns(ld, map, "overview", &ld->rs->overview, 0, "structure");
	load_patterns(ld, map, "other-party", &ld->rs->other_party, 0,
		      "structure");
}

static int load_file(pl_ruleset *rs, const char *path, pl_diags *diags)
{
	loader ld = {rs, diags, NULL, NULL, 0, 0};
	PL_PUSH(rs->files, rs->nfiles, rs->files_cap, pl_xstrdup(path));
	ld.file = rs->files[rs->nfiles - 1];
	char *raw = NULL;
	size_t before = diags->errors;
	pl_ynode *root = pl_yaml_load(path, diags, PL_DIAG_RULES_UNREADABLE, &raw,
				      &ld.raw_len);
	if (root == NULL)
		return (int)(diags->errors - before);
	ld.raw = raw;
	/* The rule cache's key: every file's bytes, in load order. */
	for (size_t i = 0; i < ld.raw_len; i++)
		rs->files_hash = (rs->files_hash ^ (unsigned char)raw[i]) *
				 1099511628211u;
	rs->files_hash = (rs->files_hash ^ 0xFF) * 1099511628211u;
	if (expect(&ld, root, PL_YNODE_MAP, "a rule file")) {
		static const char *const keys[] = {
			"define", "topics", "rules", "data_types", "recipients",
			"places", "purposes", "actions", "qualifiers",
			"scopes", "grammar", "profiles", "structure",
			"suggestions", NULL};
		check_keys(&ld, root, "a rule file", keys);
		const pl_ynode *defs = pl_ynode_get(root, "define");
		if (defs)
			load_defines(&ld, defs);
		const pl_ynode *topics = pl_ynode_get(root, "topics");
		if (topics && expect(&ld, topics, PL_YNODE_SEQ, "'topics'"))
			for (size_t i = 0; i < topics->count; i++)
				load_topic(&ld, topics->items[i]);
		const pl_ynode *rules = pl_ynode_get(root, "rules");
		if (rules && expect(&ld, rules, PL_YNODE_SEQ, "'rules'"))
			for (size_t i = 0; i < rules->count; i++)
				load_rule(&ld, rules->items[i]);
		for (int k = 0; k < PL_VOCAB_COUNT; k++)
			load_vocab(&ld, root, (pl_vocab_kind)k);
		const pl_ynode *grammar = pl_ynode_get(root, "grammar");
		if (grammar)
			load_grammar(&ld, grammar);
		const pl_ynode *profiles = pl_ynode_get(root, "profiles");
		if (profiles && expect(&ld, profiles, PL_YNODE_SEQ, "'profiles'"))
			for (size_t i = 0; i < profiles->count; i++)
				load_profile(&ld, profiles->items[i]);
		const pl_ynode *st = pl_ynode_get(root, "structure");
		if (st)
			load_structure(&ld, st);
		const pl_ynode *sg = pl_ynode_get(root, "suggestions");
		if (sg)
			load_suggestions(&ld, sg);
	}
	pl_ynode_free(root);
	free(raw);
	return (int)(diags->errors - before);
}

static int has_yaml_suffix(const char *name)
{
	size_t n = strlen(name);
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rule files of a folder, in load order (full paths, malloc'd); -1
 * when it cannot be opened. */
static long folder_files(const char *path, char ***out)
{
	DIR *dir = opendir(path);
	if (dir == NULL)
		return -1;
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL)
		if (e->d_name[0] != '.' && has_yaml_suffix(e->d_name))
			PL_PUSH(names, n, cap, pl_xstrdup(e->d_name));
	closedir(dir);
	if (n > 1)      /* qsort of no names: names is NULL */
		qsort(names, n, sizeof(*names), compare_names);
	size_t plen = strlen(path);
	for (size_t i = 0; i < n; i++) {
		char *full = pl_xasprintf("%s%s%s", path,
					  plen && path[plen - 1] == '/' ? "" : "/",
					  names[i]);
		free(names[i]);
		names[i] = full;
	}
	*out = names;
	return (long)n;
}

char **pl_rule_files(const char *path, size_t *n)
{
	struct stat st;
	*n = 0;
	if (stat(path, &st) != 0)
		return NULL;
	char **files = NULL;
	if (!S_ISDIR(st.st_mode)) {
		files = pl_xmalloc(sizeof(*files));
		files[0] = pl_xstrdup(path);
		*n = 1;
		return files;
	}
	long k = folder_files(path, &files);
	if (k <= 0) {
		free(files);
		return NULL;
	}
	*n = (size_t)k;
	return files;
}

int pl_ruleset_load(pl_ruleset *rs, const char *path, pl_diags *diags)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		pl_diags_add(diags, PL_DIAG_RULES_UNREADABLE, path, 0, 0,
			     "cannot read rules: %s", strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode))
		return load_file(rs, path, diags);

	char **files = NULL;
	long n = folder_files(path, &files);
	if (n < 0) {
		pl_diags_add(diags, PL_DIAG_RULES_UNREADABLE, path, 0, 0,
			     "cannot open rule folder: %s", strerror(errno));
		return 1;
	}
	int errors = 0;
	if (n == 0) {
		pl_diags_add(diags, PL_DIAG_RULES_EMPTY_FOLDER, path, 0, 0,
			     "no *.yaml rule files in this folder");
		errors = 1;
	}
	for (long i = 0; i < n; i++) {
		errors += load_file(rs, files[i], diags);
		free(files[i]);
	}
	free(files);
	return errors;
}
