/*
 * profiles.c: compliance profiles (`profiles:` in the rule files, see
 * docs/profiles.md): checking the profiles rules name, `refines`, the
 * selection a run asks for, and --list-profiles.
 *
 * A rule belongs to the profiles it lists (default [baseline]); a scan runs
 * the rules of the selected profiles only.  A rule may `refine` another:
 * it takes the other's patterns, filters and topic lists (copied here,
 * before compilation, so they compile and run as its own) and gives them
 * its own severity, message and citations; when one of its profiles is
 * selected, the refined rule is not run, so that `--profile baseline,gdpr`
 * reports Safe Harbor once, as the GDPR error.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"
#include "util.h"

const pl_profile *pl_ruleset_profile(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nprofiles; i++)
		if (strcmp(rs->profiles[i].id, id) == 0)
			return &rs->profiles[i];
	return NULL;
}

int pl_ruleset_has_profile(const pl_ruleset *rs, const char *id)
{
	return strcmp(id, PL_PROFILE_DEFAULT) == 0 ||
	       pl_ruleset_profile(rs, id) != NULL;
}

int pl_rule_in_profiles(const pl_rule *r, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], PL_PROFILE_ALL) == 0)
			return 1;
		for (size_t k = 0; k < r->nprofiles; k++)
			if (strcmp(r->profiles[k], names[i]) == 0)
				return 1;
	}
	return 0;
}

int pl_topic_selected(const pl_topic *t, const char *const *names, size_t n)
{
	if (t->nprofiles == 0)
		return 1;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], PL_PROFILE_ALL) == 0)
			return 1;
		for (size_t k = 0; k < t->nprofiles; k++)
			if (strcmp(t->profiles[k], names[i]) == 0)
				return 1;
	}
	return 0;
}

size_t pl_profile_rule_count(const pl_ruleset *rs, const char *id)
{
	size_t n = 0;
	for (size_t i = 0; i < rs->nrules; i++)
		if (rs->rules[i].kind != PL_RULE_CONFLICT &&
		    pl_rule_in_profiles(&rs->rules[i], &id, 1))
			n++;
	return n;
}

/* "baseline, gdpr, ccpa": the known profiles, for messages. */
static char *profile_list(const pl_ruleset *rs)
{
	pl_buf b;
	pl_buf_init(&b);
	pl_buf_puts(&b, PL_PROFILE_DEFAULT);
	for (size_t i = 0; i < rs->nprofiles; i++)
		if (strcmp(rs->profiles[i].id, PL_PROFILE_DEFAULT) != 0)
			pl_buf_printf(&b, ", %s", rs->profiles[i].id);
	return pl_buf_detach(&b);
}

static void copy_patterns(pl_patterns *to, const pl_patterns *from)
{
	for (size_t i = 0; i < from->count; i++) {
		const pl_pattern *p = &from->items[i];
		pl_pattern c = {0};
		c.slot = -1;
		c.cache_index = -1;
		c.source = pl_xstrdup(p->source);
		c.origin = p->origin;
		if (p->colmap && p->re == NULL) {
			c.colmap = pl_xmalloc(p->colmap_len * sizeof(*c.colmap));
			memcpy(c.colmap, p->colmap, p->colmap_len * sizeof(*c.colmap));
			c.colmap_len = p->colmap_len;
		}
		PL_PUSH(to->items, to->count, to->cap, c);
	}
}

static void copy_refs(pl_topic_refs *to, const pl_topic_refs *from)
{
	for (size_t i = 0; i < from->count; i++) {
		pl_grow((void **)&to->names, &to->cap, to->count + 1,
			sizeof(*to->names));
		to->origins = pl_xrealloc(to->origins,
					  to->cap * sizeof(*to->origins));
		to->names[to->count] = pl_xstrdup(from->names[i]);
		to->origins[to->count] = from->origins[i];
		to->count++;
	}
}

static long find_rule(const pl_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->nrules; i++)
		if (strcmp(rs->rules[i].id, id) == 0)
			return (long)i;
	return -1;
}

static int link_refines(pl_ruleset *rs, size_t i, pl_diags *diags)
{
	pl_rule *r = &rs->rules[i];
	const pl_origin *o = &r->refines_origin;
	long b = find_rule(rs, r->refines);
	const char *why = NULL;
	if (b < 0)
		why = "no rule has that id";
	else if ((size_t)b == i)
		why = "a rule cannot refine itself";
	else if (rs->rules[b].refines)
		why = "that rule refines another itself (no chains)";
	else if (rs->rules[b].kind != r->kind)
		why = "that rule is of another kind";
	else if (rs->rules[b].kind == PL_RULE_CONFLICT)
		why = "conflict rules cannot be refined";
	if (why) {
		pl_diags_add(diags, PL_DIAG_RULES_UNKNOWN_REFERENCE, o->file, o->line,
			     o->column, "rule '%s': cannot refine '%s': %s", r->id,
			     r->refines, why);
		return 1;
	}
	const pl_rule *base = &rs->rules[b];
	r->refines_index = (size_t)b;
	copy_patterns(&r->match.patterns, &base->match.patterns);
	copy_patterns(&r->match.exclude, &base->match.exclude);
	copy_patterns(&r->match.exclude_lead_in, &base->match.exclude_lead_in);
	copy_patterns(&r->match.section, &base->match.section);
	copy_patterns(&r->match.weak, &base->match.weak);
	copy_patterns(&r->match.weak_under, &base->match.weak_under);
	r->match.headings = base->match.headings;
	r->match.skip_negated = base->match.skip_negated;
	r->match.skip_conditional = base->match.skip_conditional;
	r->match.count_overview = base->match.count_overview;
	r->match.first_party = base->match.first_party;
	r->match.count_metadata = base->match.count_metadata;
	copy_refs(&r->topics, &base->topics);
	if (r->when.count == 0)
		copy_refs(&r->when, &base->when);
	return 0;
}

int pl_ruleset_link_profiles(pl_ruleset *rs, pl_diags *diags)
{
	int errors = 0;
	for (size_t i = 0; i < rs->nprofiles; i++) {
		const pl_profile *p = &rs->profiles[i];
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->profiles[j].id, p->id) == 0) {
				errors += pl_duplicate_id(diags, "profile", p->id,
							  &p->origin,
							  &rs->profiles[j].origin);
				break;
			}
	}
	char *known = NULL;
	for (size_t i = 0; i < rs->ntopics; i++) {
		const pl_topic *t = &rs->topics[i];
		for (size_t k = 0; k < t->nprofiles; k++) {
			if (pl_ruleset_has_profile(rs, t->profiles[k]))
				continue;
			if (known == NULL)
				known = profile_list(rs);
			const pl_origin *o = &t->profile_origins[k];
			pl_diags_add(diags, PL_DIAG_UNKNOWN_PROFILE, o->file, o->line,
				     o->column, "topic '%s': unknown profile '%s' "
				     "(profiles: %s)", t->id, t->profiles[k],
				     known);
			errors++;
		}
	}
	for (size_t i = 0; i < rs->nrules; i++) {
		pl_rule *r = &rs->rules[i];
		for (size_t k = 0; k < r->nprofiles; k++) {
			if (pl_ruleset_has_profile(rs, r->profiles[k]))
				continue;
			if (known == NULL)
				known = profile_list(rs);
			const pl_origin *o = r->profile_origins ?
						     &r->profile_origins[k] :
						     &r->origin;
			pl_diags_add(diags, PL_DIAG_UNKNOWN_PROFILE, o->file, o->line,
				     o->column, "rule '%s': unknown profile '%s' "
				     "(profiles: %s; describe new ones under "
				     "'profiles:')", r->id, r->profiles[k], known);
			errors++;
		}
		if (r->refines && r->refines_index == (size_t)-1)
			errors += link_refines(rs, i, diags);
	}
	free(known);
	return errors;
}

int pl_ruleset_check_selection(const pl_ruleset *rs, const char *const *names,
			       size_t n, const char *path,
			       const unsigned long *lines,
			       const unsigned long *columns, pl_diags *diags)
{
	int errors = 0;
	for (size_t i = 0; i < n; i++) {
		if (strcmp(names[i], PL_PROFILE_ALL) == 0 ||
		    pl_ruleset_has_profile(rs, names[i]))
			continue;
		char *known = profile_list(rs);
		pl_diags_add(diags, PL_DIAG_UNKNOWN_PROFILE, path,
			     lines ? lines[i] : 0, columns ? columns[i] : 0,
			     "unknown profile '%s' (profiles: %s, or all; see "
			     "--list-profiles)", names[i], known);
		free(known);
		errors++;
	}
	return errors;
}

void pl_ruleset_list_profiles(const pl_ruleset *rs, FILE *out)
{
	fprintf(out, "%-10s %5s  %s\n", "PROFILE", "RULES", "TITLE / LAW");
	if (pl_ruleset_profile(rs, PL_PROFILE_DEFAULT) == NULL)
		fprintf(out, "%-10s %5zu  %s\n", PL_PROFILE_DEFAULT,
			pl_profile_rule_count(rs, PL_PROFILE_DEFAULT),
			"Good practice (the default)");
	for (size_t i = 0; i < rs->nprofiles; i++) {
		const pl_profile *p = &rs->profiles[i];
		fprintf(out, "%-10s %5zu  %s\n", p->id,
			pl_profile_rule_count(rs, p->id), p->title);
		if (p->law)
			fprintf(out, "%-10s %5s  %s%s%s\n", "", "", p->law,
				p->citation ? "; " : "",
				p->citation ? p->citation : "");
	}
	fputs("\nSelect with --profile NAME[,NAME...] (or all), or profile: in "
	      ".policylint.yaml;\n'policylint --explain NAME' lists a profile's "
	      "requirements with their citations.\n", out);
}
