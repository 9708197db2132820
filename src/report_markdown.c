/*
 * report_markdown.c: a report for people reading a pull request.
 *
 * With --against (or `policylint diff OLD NEW`) it says what the edit
 * changes in the practices, in plain words, grouped by area:
 *
 *   ## privacy.md: what this edit changes
 *   Compared with origin/main:privacy.md: 1 disclosure removed, ...
 *
 *   **Retention**
 *
 *   - **Weakened:** no longer says how long it keeps logs: "30 days"
 *     becomes "as long as necessary" (line 40; old line 38)
 *     > before: We keep logs for 30 days.
 *     > now: We keep logs as long as necessary.
 *
 * then the findings the edit introduces.  Without --against it lists the
 * findings and the areas disclosed.  The output opens with an HTML comment
 * (`<!-- policylint -->`) by which a CI job finds and updates its own
 * earlier comment instead of adding one per push.  Policy text quoted in
 * it is escaped, so that nothing in a policy can break out of the comment's
 * structure (a heading, a table, a link, raw HTML).
 */
#include <string.h>

#include "report.h"

#define QUOTE_MAX 240           /* bytes of a quoted sentence */

static const char *const area_titles[PL_AREA_COUNT] = {
	"Collection and use", "Sharing", "Retention", "Rights", "Choices",
	"Cookies and tracking", "Security", "Children", "Changes to the policy",
	"Do Not Track", "Contact"};

static const char *const kind_titles[] = {"Added", "Removed", "Weakened",
					  "Firmer"};

/* Writes s[0..n) with Markdown and HTML syntax escaped, on one line. */
static void escaped(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\n' || c == '\r' || c == '\t') {
			fputc(' ', out);
		} else if (c == '<') {
			fputs("&lt;", out);
		} else if (c == '>') {
			fputs("&gt;", out);
		} else if (c == '&') {
			fputs("&amp;", out);
		} else {
			if (strchr("\\`*_[]#|~!", c))
				fputc('\\', out);
			fputc(c, out);
		}
	}
}

static void escaped_str(FILE *out, const char *s)
{
	if (s)
		escaped(out, s, strlen(s));
}

/* s as a code span: nothing inside is Markdown, so nothing is escaped;
 * only a backquote or a line end could end it early, and none is kept. */
static void code(FILE *out, const char *s)
{
	fputc('`', out);
	for (; s && *s; s++)
		fputc(*s == '`' ? '\'' : *s == '\n' || *s == '\r' ? ' ' : *s, out);
	fputc('`', out);
}

/* A quoted sentence under a change, shortened at a word. */
static void quote(FILE *out, const char *label, const char *s)
{
	if (s == NULL || *s == '\0')
		return;
	size_t n = strlen(s);
	int cut = n > QUOTE_MAX;
	if (cut) {
		n = QUOTE_MAX;
		while (n > QUOTE_MAX / 2 && s[n] != ' ')
			n--;
	}
	fprintf(out, "  > %s: ", label);
	escaped(out, s, n);
	fputs(cut ? " ...\n" : "\n", out);
}

static void change_line(FILE *out, const pl_result *r, const pl_change *c)
{
	fprintf(out, "- **%s:** ", kind_titles[c->kind]);
	escaped_str(out, c->text);
	fprintf(out, " (line %lu", c->loc.line);
	if (c->old.line)
		fprintf(out, "; old line %lu", c->old.line);
	fputs(")\n", out);
	(void)r;
	if (c->kind != PL_CHANGE_ADDED)
		quote(out, "before", c->before);
	if (c->kind != PL_CHANGE_REMOVED)
		quote(out, "now", c->after);
}

/* The changes of each area, areas in the contract's order, within one
 * the losses first. */
static void changes(FILE *out, const pl_result *r)
{
	static const pl_change_kind order[] = {
		PL_CHANGE_REMOVED, PL_CHANGE_WEAKENED, PL_CHANGE_STRENGTHENED,
		PL_CHANGE_ADDED};
	for (int a = 0; a < PL_AREA_COUNT; a++) {
		int titled = 0;
		for (size_t o = 0; o < sizeof order / sizeof *order; o++)
			for (size_t i = 0; i < r->nchanges; i++) {
				const pl_change *c = &r->changes[i];
				if ((int)c->area != a || c->kind != order[o])
					continue;
				if (!titled)
					fprintf(out, "\n**%s**\n\n", area_titles[a]);
				titled = 1;
				change_line(out, r, c);
			}
	}
}

static int is_review_kind(pl_finding_kind k)
{
	return k == PL_KIND_REMOVED || k == PL_KIND_WEAKENED;
}

static void finding_line(FILE *out, const pl_result *r, const pl_finding *f)
{
	fprintf(out, "- **%s** line %lu: ", pl_severity_name(f->severity),
		f->loc.line);
	escaped_str(out, f->message);
	fprintf(out, " (`%s`)\n", f->rule);
	(void)r;
}

static size_t count_changes(const pl_result *r, pl_change_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < r->nchanges; i++)
		n += r->changes[i].kind == k;
	return n;
}

static void against_summary(FILE *out, const pl_report *rep, const pl_result *r)
{
	size_t review = 0, other = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		if (is_review_kind(r->findings[i].kind))
			review++;
		else
			other++;
	}
	const char *name = r->against_name ? r->against_name : rep->opts.against;
	if (r->against_new) {
		fputs("New in this change (", out);
		code(out, name);
		fprintf(out, " has no such file): %zu finding%s.\n", other + review,
			other + review == 1 ? "" : "s");
		return;
	}
	size_t rem = count_changes(r, PL_CHANGE_REMOVED),
	       weak = count_changes(r, PL_CHANGE_WEAKENED),
	       add = count_changes(r, PL_CHANGE_ADDED),
	       firm = count_changes(r, PL_CHANGE_STRENGTHENED);
	fputs("Compared with ", out);
	code(out, name);
	if (r->nchanges == 0)
		fputs(": no change policylint recognises in the disclosures", out);
	else
		fprintf(out, ": %zu removed, %zu weakened, %zu firmer, %zu added",
			rem, weak, firm, add);
	fprintf(out, "; %zu finding%s to review, %zu new finding%s.\n", review,
		review == 1 ? "" : "s", other, other == 1 ? "" : "s");
}

static void markdown_begin(pl_report *rep)
{
	fputs("<!-- policylint -->\n", rep->opts.out);
}

static void markdown_file(pl_report *rep, const pl_result *r)
{
	FILE *out = rep->opts.out;
	int against = rep->opts.against || r->against_name;
	fputs(rep->nfiles ? "\n## " : "## ", out);
	code(out, r->path);
	fputs(against ? ": what this edit changes\n\n" : "\n\n", out);
	if (against) {
		against_summary(out, rep, r);
		changes(out, r);
	}
	size_t shown = 0;
	for (size_t i = 0; i < r->nfindings; i++) {
		const pl_finding *f = &r->findings[i];
		if (against && is_review_kind(f->kind))
			continue;
		if (shown++ == 0)
			fputs(against ? "\n**New findings**\n\n" : "**Findings**\n\n",
			      out);
		finding_line(out, r, f);
	}
	if (!against) {
		fputs(shown ? "\n" : "No findings.\n\n", out);
		fputs("**Areas disclosed:** ", out);
		int first = 1;
		for (int a = 0; a < PL_AREA_COUNT; a++)
			if (r->areas[a].disclosed) {
				fprintf(out, "%s%s", first ? "" : ", ",
					pl_area_name((pl_area)a));
				first = 0;
			}
		fputs(first ? "none\n" : "\n", out);
	}
}

const pl_report_format pl_report_markdown_format = {"markdown", markdown_begin,
						    markdown_file, NULL};
