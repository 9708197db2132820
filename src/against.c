/*
 * against.c: `--against OLD`, the review of a policy edit.
 *
 * A reviewer wants what the edit changed, not the policy's whole history
 * of findings: findings are matched between the versions by fingerprint
 * (rule, kind, area and the words they point at; never line numbers, so
 * text inserted above a finding does not make it look new), and an area
 * that the old version disclosed and the new one does not is reported as
 * `removed`, even when no rule requires that area.
 */
#include <stdlib.h>
#include <string.h>

#include "against.h"
#include "util.h"

/* Drops the findings of cur that old also has; each finding of old
 * absorbs at most one of cur, so a second copy of an old problem is
 * new. */
static void drop_old_findings(pl_result *cur, const pl_result *old)
{
	unsigned long long *fps = pl_xmalloc((old->nfindings + 1) * sizeof(*fps));
	unsigned char *taken = pl_xcalloc(old->nfindings + 1, 1);
	for (size_t k = 0; k < old->nfindings; k++)
		fps[k] = pl_finding_fingerprint(old, &old->findings[k]);
	for (size_t i = 0; i < cur->nfindings;) {
		unsigned long long fp = pl_finding_fingerprint(cur, &cur->findings[i]);
		size_t k = 0;
		while (k < old->nfindings && (taken[k] || fps[k] != fp ||
		       strcmp(old->findings[k].rule, cur->findings[i].rule) != 0))
			k++;
		if (k < old->nfindings) {
			taken[k] = 1;
			pl_result_remove_finding(cur, i);
		} else {
			i++;
		}
	}
	free(fps);
	free(taken);
}

void pl_result_against(pl_result *cur, const pl_result *old,
		       const char *old_name, pl_severity removed_severity)
{
	drop_old_findings(cur, old);
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		const pl_area_result *was = &old->areas[a];
		if (!was->disclosed || cur->areas[a].disclosed || was->count == 0)
			continue;
		const pl_evidence *e = &was->evidence[0];
		char *msg = pl_xasprintf("the policy no longer discloses %s: "
					 "%s:%lu disclosed it", pl_area_name((pl_area)a),
					 old_name, e->loc.line);
		pl_finding *f = pl_result_add_finding(cur, PL_RULE_AREA_REMOVED,
						      PL_KIND_REMOVED,
						      removed_severity,
						      (pl_area)a, 0, 0, msg);
		free(msg);
		pl_location rel = e->loc;
		rel.path = old_name;
		rel.message = pl_xasprintf("the old version disclosed %s here "
					   "(%s)", pl_area_name((pl_area)a),
					   e->topic);
		pl_finding_add_related(f, &rel);
		free(rel.message);
	}
	pl_result_sort_findings(cur);
}
