/*
 * practices.c: reading a version's sentences for the review of an edit
 * (practices.h).
 *
 * Every vocabulary term and fixed pattern is searched once over the whole
 * prose, and the matches are filed by sentence; the questions of
 * practices.h are then answered from a sentence's matches alone.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "practices.h"

/* "30 days", "thirty (30) days", "a 13-month period", "two years". */
static const char duration_re[] =
	"\\b(?:\\d{1,4}(?:[.,]\\d+)?|an?|one|two|three|four|five|six|seven|"
	"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
	"eighteen|twenty(?:[\\s-]+four)?|thirty(?:[\\s-]+six)?|forty(?:[\\s-]+"
	"five)?|fifty|sixty|ninety|(?:one\\s+|a\\s+)?hundred(?:\\s+(?:and\\s+)?"
	"eighty)?)(?:\\s*\\(\\d{1,4}\\))?[\\s-]*(?:calendar\\s+|business\\s+|"
	"working\\s+|full\\s+)?(?:second|minute|hour|day|week|month|year)s?\\b"
	"(?!\\s+(?:of\\s+age|old)\\b)";

/* Periods that name no time: "as long as necessary", "indefinitely". */
static const char vague_re[] =
	"\\b(?:(?:for\\s+)?(?:as|so)\\s+long\\s+as\\s+(?:(?:is|it\\s+is|they\\s+"
	"are|we\\s+(?:deem|consider|think)(?:\\s+it)?|may\\s+be)\\s+)?(?:reasonably\\s+|"
	"strictly\\s+)?(?:necessary|needed|required|appropriate|useful|"
	"relevant|permitted|allowed)|no\\s+longer\\s+than\\s+(?:is\\s+)?"
	"(?:reasonably\\s+|strictly\\s+)?(?:necessary|needed|required)|(?:for\\s+)?"
	"(?:a|an)\\s+(?:reasonable|appropriate|limited|certain)\\s+(?:period|"
	"time|amount\\s+of\\s+time|duration)|indefinitely|forever|permanently|"
	"in\\s+perpetuity|until\\s+(?:it\\s+is\\s+|they\\s+are\\s+)?no\\s+longer\\s+"
	"(?:needed|necessary|required))";

/* What limits a statement to some people by where they are. */
static const char region_re[] =
	"\\b(?:californian?s?|virginia|colorado|connecticut|utah|texas|oregon|"
	"montana|nevada|iowa|delaware|new\\s+jersey|new\\s+hampshire|tennessee|"
	"minnesota|maryland|indiana|kentucky|rhode\\s+island|nebraska|vermont|"
	"quebec|brazil(?:ian)?|japan(?:ese)?|(?:south\\s+)?korean?|singapore|"
	"australian?|canadian|canada|switzerland|swiss|united\\s+kingdom|"
	"britain|british|england|europe(?:an)?|united\\s+states|"
	"(?-i:U\\.S\\.A?\\.?|USA|US|UK|U\\.K\\.|EEA|EU|GDPR|UK\\s+GDPR|CCPA|CPRA|"
	"LGPD|PIPEDA|POPIA|PIPL|APPI))\\b|\\b(?:if\\s+you\\s+are\\s+an?\\s+)?residents?\\s+of"
	"(?:\\s+(?:the\\s+)?(?-i:\\p{Lu})[\\w.-]*)*|\\bif\\s+you\\s+"
	"(?:are|live|reside)\\s+(?:in|outside)\\b|\\b(?:located|based|living|"
	"resident)\\s+in\\s+(?:the\\s+)?\\p{Lu}|\\bdepending\\s+on\\s+(?:where\\s+"
	"you\\s+(?:live|are|reside)|your\\s+(?:location|jurisdiction|country|"
	"state|region|place\\s+of\\s+residence))\\b|\\b(?:certain|some|other)\\s+"
	"(?:jurisdictions|countries|states|regions)\\b|\\bwhere\\s+(?:required|"
	"permitted|provided)\\s+(?:by|under)\\s+(?:applicable\\s+)?(?:local\\s+)?"
	"laws?\\b|\\b(?:under|by)\\s+(?:applicable|local)\\s+(?:data\\s+"
	"protection\\s+)?laws?\\b|\\bapplicable\\s+(?:data\\s+protection\\s+)?"
	"laws?\\s+(?:may\\s+)?(?:give|provide|grant|allow)";

static const char changelog_re[] =
	"\\b(?:change\\s*log|revision\\s+history|version\\s+history|history\\s+"
	"of\\s+(?:changes|revisions|versions)|(?:previous|prior|earlier|"
	"archived)\\s+versions)\\b";

/* Verbs that deny what follows ("we avoid collecting", "refrain from
 * sharing"), beyond the rule set's negation words. */
static const char denial_re[] =
	"\\b(?:avoid(?:s|ed|ing)?|refrain(?:s|ed|ing)?\\s+from|declin(?:e|es|ed)"
	"\\s+to)\\b";

/* Data made visible to anyone ("Profile information is public and
 * accessible to anyone"). */
static const char public_re[] =
	"\\b(?:is|are|be|been|becomes?|made)\\s+(?:publicly\\s+)?(?:public|"
	"visible\\s+to\\s+(?:anyone|everyone|the\\s+public)|accessible\\s+to\\s+"
	"(?:anyone|everyone|the\\s+public)|publicly\\s+(?:available|accessible|"
	"visible))\\b";

static const char limit_re[] =
	"\\b(?:only|solely|exclusively|strictly)\\b";

void pl_practice_patterns_init(pl_practice_patterns *pp)
{
	pp->limit = pl_regex_builtin(limit_re);
	pp->denial = pl_regex_builtin(denial_re);
	pp->public = pl_regex_builtin(public_re);
	pp->duration = pl_regex_builtin(duration_re);
	pp->vague = pl_regex_builtin(vague_re);
	pp->region = pl_regex_builtin(region_re);
	pp->changelog = pl_regex_builtin(changelog_re);
}

void pl_practice_patterns_free(pl_practice_patterns *pp)
{
	pl_regex_free(pp->duration);
	pl_regex_free(pp->vague);
	pl_regex_free(pp->region);
	pl_regex_free(pp->changelog);
	pl_regex_free(pp->limit);
	pl_regex_free(pp->denial);
	pl_regex_free(pp->public);
}

/* ---- Reading ------------------------------------------------------------- */

typedef struct {
	pl_pmatch m;
	size_t sentence;
} filed;

typedef struct {
	filed *items;
	size_t n, cap;
} filing;

static void file_match(const pl_version *v, filing *f, int what, size_t term,
		       size_t start, size_t end, double days)
{
	long s = pl_text_sentence_at(&v->text, start);
	if (s < 0)
		return;
	filed x = {{what, term, start, end, days}, (size_t)s};
	PL_PUSH(f->items, f->n, f->cap, x);
}

/* Calls back for every match of re over v's prose. */
static void search_all(const pl_version *v, const pl_regex *re,
		       pl_match_state *ms, filing *f, int what, size_t term)
{
	const char *prose = v->text.prose;
	size_t len = v->text.prose_len, pos = 0, s, e;
	while (pos <= len &&
	       pl_regex_search(re, ms, prose, len, pos, &s, &e) == PL_MATCH_FOUND) {
		file_match(v, f, what, term, s, e, 0);
		pos = e > s ? e : s + 1;
	}
}

static const struct {
	const char *word;
	double value;
} numbers[] = {
	{"a", 1}, {"an", 1}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4},
	{"five", 5}, {"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9},
	{"ten", 10}, {"eleven", 11}, {"twelve", 12}, {"thirteen", 13},
	{"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16}, {"eighteen", 18},
	{"twenty", 20}, {"thirty", 30}, {"forty", 40}, {"fifty", 50},
	{"sixty", 60}, {"ninety", 90}, {"hundred", 100},
};

/* The number a period starts with: digits, else a number word (with
 * "twenty four", "a hundred and eighty" added up). */
static double leading_number(const char *s, size_t n)
{
	if (n > 0 && s[0] >= '0' && s[0] <= '9')
		return strtod(s, NULL);
	double total = 0;
	size_t i = 0;
	while (i < n) {
		size_t k = i;
		while (k < n && ((s[k] >= 'a' && s[k] <= 'z') ||
				 (s[k] >= 'A' && s[k] <= 'Z')))
			k++;
		double v = -1;
		for (size_t w = 0; w < sizeof numbers / sizeof *numbers; w++)
			if (strlen(numbers[w].word) == k - i &&
			    strncasecmp(numbers[w].word, s + i, k - i) == 0)
				v = numbers[w].value;
		if (v < 0)
			break;
		total = v == 100 && total > 0 && total < 10 ? total * 100 :
			v == 100 ? (total ? total : 1) * 100 : total + v;
		while (k < n && (s[k] == ' ' || s[k] == '-'))
			k++;
		if (k + 4 <= n && strncasecmp(s + k, "and ", 4) == 0)
			k += 4;
		i = k;
	}
	return total > 0 ? total : 1;
}

static double unit_days(const char *s, size_t n)
{
	static const struct {
		const char *unit;
		double days;
	} units[] = {{"second", 1.0 / 86400}, {"minute", 1.0 / 1440},
		     {"hour", 1.0 / 24}, {"day", 1}, {"week", 7},
		     {"month", 30.4}, {"year", 365}};
	for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
		size_t m = strlen(units[u].unit);
		for (size_t i = 0; i + m <= n; i++)
			if (strncasecmp(s + i, units[u].unit, m) == 0)
				return units[u].days;
	}
	return 0;
}

/* "a year" is a period only after a word that makes it one ("for a year",
 * "within a day"), not in "once a day". */
static int article_period_ok(const char *prose, size_t start)
{
	static const char *const before[] = {"for", "within", "after", "than",
					     "of", "to", "over", "about"};
	size_t e = start;
	while (e > 0 && prose[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && ((prose[b - 1] >= 'a' && prose[b - 1] <= 'z') ||
			 (prose[b - 1] >= 'A' && prose[b - 1] <= 'Z')))
		b--;
	for (size_t i = 0; i < sizeof before / sizeof *before; i++)
		if (strlen(before[i]) == e - b &&
		    strncasecmp(prose + b, before[i], e - b) == 0)
			return 1;
	return 0;
}

static void search_durations(const pl_version *v, const pl_regex *re,
			     pl_match_state *ms, filing *f)
{
	const char *prose = v->text.prose;
	size_t len = v->text.prose_len, pos = 0, s, e;
	while (pos <= len &&
	       pl_regex_search(re, ms, prose, len, pos, &s, &e) == PL_MATCH_FOUND) {
		pos = e > s ? e : s + 1;
		int article = (prose[s] == 'a' || prose[s] == 'A') &&
			      (prose[s + 1] == ' ' || prose[s + 1] == 'n' ||
			       prose[s + 1] == 'N');
		if (article && !article_period_ok(prose, s))
			continue;
		double days = leading_number(prose + s, e - s) *
			      unit_days(prose + s, e - s);
		file_match(v, f, PL_PM_DURATION, 0, s, e, days);
	}
}

static void search_dates(const pl_version *v, filing *f)
{
	for (size_t i = 0; i < v->text.nsentences; i++) {
		const pl_sentence *st = &v->text.sentences[i];
		size_t pos = st->start, s, e;
		pl_date d;
		while (pos < st->end &&
		       pl_date_find(v->text.prose + pos, st->end - pos, &d, &s,
				    &e) == 0) {
			file_match(v, f, PL_PM_DATE, 0, pos + s, pos + e,
				   (double)pl_date_days(&d));
			pos += e > s ? e : s + 1;
		}
	}
}

static int compare_filed(const void *a, const void *b)
{
	const filed *x = a, *y = b;
	if (x->sentence != y->sentence)
		return x->sentence < y->sentence ? -1 : 1;
	if (x->m.start != y->m.start)
		return x->m.start < y->m.start ? -1 : 1;
	if (x->m.what != y->m.what)
		return x->m.what - y->m.what;
	return x->m.term < y->m.term ? -1 : x->m.term > y->m.term;
}

void pl_practices_read(pl_practices *p, const pl_version *v,
		       const pl_ruleset *rs, const pl_practice_patterns *pp,
		       pl_match_state *ms)
{
	memset(p, 0, sizeof(*p));
	p->v = v;
	p->rs = rs;
	filing f = {0};
	for (int k = 0; k < PL_VOCAB_COUNT; k++)
		for (size_t t = 0; t < rs->vocab[k].count; t++) {
			const pl_patterns *ps = &rs->vocab[k].items[t].patterns;
			for (size_t i = 0; i < ps->count; i++)
				if (ps->items[i].re)
					search_all(v, ps->items[i].re, ms, &f, k, t);
		}
	search_durations(v, pp->duration, ms, &f);
	search_all(v, pp->vague, ms, &f, PL_PM_VAGUE, 0);
	search_all(v, pp->region, ms, &f, PL_PM_REGION, 0);
	search_all(v, pp->changelog, ms, &f, PL_PM_CHANGELOG, 0);
	search_all(v, pp->limit, ms, &f, PL_PM_LIMIT, 0);
	search_all(v, pp->denial, ms, &f, PL_PM_NEGATION, 0);
	search_all(v, pp->public, ms, &f, PL_PM_PUBLIC, 0);
	if (rs->negation)
		search_all(v, rs->negation, ms, &f, PL_PM_NEGATION, 0);
	search_dates(v, &f);
	if (f.n > 1)
		qsort(f.items, f.n, sizeof(*f.items), compare_filed);
	p->m = pl_xmalloc((f.n + 1) * sizeof(*p->m));
	p->first = pl_xcalloc(v->n + 1, sizeof(*p->first));
	size_t k = 0;
	for (size_t i = 0; i <= v->n; i++) {
		p->first[i] = k;
		while (i < v->n && k < f.n && f.items[k].sentence == i) {
			p->m[k] = f.items[k].m;
			k++;
		}
	}
	p->n = k;
	free(f.items);
}

void pl_practices_free(pl_practices *p)
{
	free(p->m);
	free(p->first);
	memset(p, 0, sizeof(*p));
}

/* ---- Questions about a sentence --------------------------------------------- */

const pl_pmatch *pl_practices_find(const pl_practices *p, size_t i, int what,
				   size_t term)
{
	if (i >= p->v->n)
		return NULL;
	for (size_t k = p->first[i]; k < p->first[i + 1]; k++)
		if (p->m[k].what == what && (term == (size_t)-1 || p->m[k].term == term))
			return &p->m[k];
	return NULL;
}

const pl_pmatch *pl_practices_find_in_heading(const pl_practices *p, size_t i,
					      int what)
{
	long h = p->v->text.sentences[i].heading;
	if (h < 0)
		return NULL;
	size_t start = p->v->text.blocks[h].start;
	long s = pl_text_sentence_at(&p->v->text, start);
	return s < 0 ? NULL : pl_practices_find(p, (size_t)s, what, (size_t)-1);
}

int pl_practices_regional(const pl_practices *p, size_t i, const pl_pmatch **m)
{
	*m = pl_practices_find(p, i, PL_PM_REGION, (size_t)-1);
	if (*m == NULL)
		*m = pl_practices_find_in_heading(p, i, PL_PM_REGION);
	return *m != NULL;
}

const char *pl_practices_label(const pl_ruleset *rs, pl_vocab_kind k,
			       size_t term, char *buf, size_t size)
{
	const pl_term *t = &rs->vocab[k].items[term];
	if (t->label)
		return t->label;
	snprintf(buf, size, "%s", t->id);
	for (char *c = buf; *c; c++)
		if (*c == '-')
			*c = ' ';
	return buf;
}

/* ---- Statements ------------------------------------------------------------ */

static int effect_of(const pl_practices *p, const pl_pmatch *m)
{
	return m->what == PL_VOCAB_QUALIFIER ?
		       (int)p->rs->vocab[PL_VOCAB_QUALIFIER].items[m->term].effect :
		       -1;
}

/* "is only used to ensure ..." is a passive, not the habit of "we used
 * to": the word before decides. */
static int passive_used_to(const pl_practices *p, const pl_pmatch *m)
{
	static const char *const before[] = {"is", "are", "be", "been", "being",
					     "was", "were", "only", "solely",
					     "also", "primarily", "mainly"};
	const char *prose = p->v->text.prose;
	if (strncasecmp(prose + m->start, "used", 4) != 0)
		return 0;
	size_t e = m->start;
	while (e > 0 && prose[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > 0 && ((prose[b - 1] >= 'a' && prose[b - 1] <= 'z') ||
			 (prose[b - 1] >= 'A' && prose[b - 1] <= 'Z')))
		b--;
	for (size_t i = 0; i < sizeof before / sizeof *before; i++)
		if (strlen(before[i]) == e - b &&
		    strncasecmp(prose + b, before[i], e - b) == 0)
			return 1;
	return 0;
}

static int has_effect(const pl_practices *p, size_t i, int effect)
{
	for (size_t k = p->first[i]; k < p->first[i + 1]; k++)
		if (effect_of(p, &p->m[k]) == effect &&
		    !(effect == PL_QUAL_PAST && passive_used_to(p, &p->m[k])))
			return 1;
	return 0;
}

static int clause_break(const char *s, size_t a, size_t b)
{
	for (size_t i = a; i < b; i++)
		if (s[i] == ',' || s[i] == ';' || s[i] == ':' || s[i] == '(')
			return 1;
	return 0;
}

/* "not all information collected ...", "not only", "not necessarily":
 * a negation of how much, not a denial of the practice. */
static int partial_negation(const char *prose, size_t after, size_t limit)
{
	static const char *const words[] = {"all ", "only ", "every ", "always ",
					    "necessarily ", "just ", "merely "};
	while (after < limit && prose[after] == ' ')
		after++;
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		size_t n = strlen(words[i]);
		if (limit - after >= n && strncasecmp(prose + after, words[i], n) == 0)
			return 1;
	}
	return 0;
}

/* Whether the word before the verb at v is a form of "be" ("is
 * stored"): then the verb is the sentence's own, not one of a clause
 * ("No attempt is made to deanonymize information we collect"). */
static int passive_verb(const char *prose, size_t start, size_t v)
{
	static const char *const be[] = {"is", "are", "was", "were", "be", "been"};
	size_t e = v;
	while (e > start && prose[e - 1] == ' ')
		e--;
	size_t b = e;
	while (b > start && ((prose[b - 1] >= 'a' && prose[b - 1] <= 'z') ||
			     (prose[b - 1] >= 'A' && prose[b - 1] <= 'Z')))
		b--;
	for (size_t i = 0; i < sizeof be / sizeof *be; i++)
		if (strlen(be[i]) == e - b && strncasecmp(prose + b, be[i], e - b) == 0)
			return 1;
	return 0;
}

/* "No information, such as cookies, is stored": a sentence that opens
 * with "No" denies its main verb, commas or not. */
static int opening_no(const pl_practices *p, size_t i, const pl_pmatch *m,
		      const pl_pmatch *verb)
{
	const char *prose = p->v->text.prose;
	size_t start = p->v->text.sentences[i].start;
	while (start < m->start && (prose[start] == ' ' || prose[start] == '-' ||
				    prose[start] == '*'))
		start++;
	return m->start == start && verb->start - m->end <= 80 &&
	       passive_verb(prose, start, verb->start) &&
	       (strncasecmp(prose + m->start, "no ", 3) == 0 ||
		strncasecmp(prose + m->start, "nothing", 7) == 0 ||
		strncasecmp(prose + m->start, "none", 4) == 0 ||
		strncasecmp(prose + m->start, "never", 5) == 0);
}

/* A negation in the few words before the verb, in the same clause, or a
 * "no" right after it ("we keep no logs"). */
static int negated(const pl_practices *p, size_t i, const pl_pmatch *verb)
{
	const char *prose = p->v->text.prose;
	size_t from = verb->start > 40 ? verb->start - 40 : 0;
	for (size_t k = p->first[i]; k < p->first[i + 1]; k++) {
		const pl_pmatch *m = &p->m[k];
		int neg = m->what == PL_PM_NEGATION ||
			  effect_of(p, m) == PL_QUAL_NEGATION;
		if (neg && m->end <= verb->start &&
		    !partial_negation(prose, m->end, verb->start) &&
		    ((m->start >= from && !clause_break(prose, m->end, verb->start)) ||
		     opening_no(p, i, m, verb)))
			return 1;
		if (effect_of(p, m) == PL_QUAL_OBJECT_NEG &&
		    m->start >= verb->end && m->start <= verb->end + 12)
			return 1;
	}
	return 0;
}

/* Where the clause holding the verb starts in sentence i: after the
 * last comma, semicolon or colon before it ("..., and it's only used"). */
static size_t clause_start(const pl_practices *p, size_t i, size_t verb)
{
	const char *prose = p->v->text.prose;
	size_t start = p->v->text.sentences[i].start;
	for (size_t k = verb; k > start; k--)
		if (prose[k - 1] == ',' || prose[k - 1] == ';' || prose[k - 1] == ':')
			return k;
	return start;
}

/* Whether the nearest subject before the verb, in its clause, is someone
 * else ("third parties may collect ..."), not the company or a passive
 * ("..., and it is only used"). */
static int someone_else(const pl_practices *p, size_t i, const pl_pmatch *verb)
{
	int who = -1;
	size_t from = clause_start(p, i, verb->start);
	for (size_t k = p->first[i]; k < p->first[i + 1]; k++) {
		const pl_pmatch *m = &p->m[k];
		int e = effect_of(p, m);
		if ((e == PL_QUAL_ACTOR || e == PL_QUAL_OTHER_ACTOR) &&
		    m->start >= from && m->end <= verb->start)
			who = e;
	}
	return who == PL_QUAL_OTHER_ACTOR;
}

static int ancestor(const pl_terms *v, size_t a, size_t of)
{
	return a != of && pl_term_inside(v, of, a);
}

/* The most specific terms of kind k in sentence i from offset from on. */
static size_t leaves(const pl_practices *p, size_t i, int k, size_t from,
		     size_t *out)
{
	const pl_terms *v = &p->rs->vocab[k];
	size_t n = 0;
	for (size_t a = p->first[i]; a < p->first[i + 1]; a++) {
		const pl_pmatch *m = &p->m[a];
		if (m->what != k || m->start < from)
			continue;
		int skip = 0;
		for (size_t b = p->first[i]; b < p->first[i + 1] && !skip; b++)
			skip = p->m[b].what == k && p->m[b].start >= from &&
			       ancestor(v, m->term, p->m[b].term);
		for (size_t j = 0; j < n && !skip; j++)
			skip = out[j] == m->term;
		if (!skip && n < PL_STMT_MAX_TERMS)
			out[n++] = m->term;
	}
	return n;
}

size_t pl_practices_data(const pl_practices *p, size_t i, size_t *out)
{
	return i < p->v->n ?
		leaves(p, i, PL_VOCAB_DATA, p->v->text.sentences[i].start, out) : 0;
}

static int qualified(const pl_practices *p, size_t i)
{
	static const int effects[] = {PL_QUAL_EXCEPTION, PL_QUAL_ONLY,
				      PL_QUAL_CONSENT, PL_QUAL_LEGAL,
				      PL_QUAL_CONDITION, PL_QUAL_CIRCUMSTANCE};
	for (size_t e = 0; e < sizeof effects / sizeof *effects; e++)
		if (has_effect(p, i, effects[e]))
			return 1;
	return 0;
}

/* "The app has not yet been released": releasing is disclosing only when
 * it says to whom. */
static int released_alone(const pl_practices *p, const pl_pmatch *verb)
{
	return strncasecmp(p->v->text.prose + verb->start, "releas", 6) == 0;
}

/* "If you ...", "Should we ...": a sentence that opens with a condition
 * makes no claim. */
static int conditional(const char *s, size_t n)
{
	static const char *const hedges[] = {"if ", "should ", "in the event",
					     "in case", "unless ", "whether "};
	size_t k = 0;
	while (k < n && (s[k] == ' ' || s[k] == '*' || s[k] == '-'))
		k++;
	for (size_t h = 0; h < sizeof hedges / sizeof *hedges; h++) {
		size_t m = strlen(hedges[h]);
		if (n - k >= m && strncasecmp(s + k, hedges[h], m) == 0)
			return 1;
	}
	return 0;
}

/* What limits a positive practice in sentence i: "only", "solely", an
 * `only` qualifier, or consent asked for ("with your consent", "obtain
 * your consent"; not "you give your consent" by using the site). */
static const pl_pmatch *limit_of(const pl_practices *p, size_t i)
{
	static const char *const asked[] = {"with", "obtain", "ask", "seek",
					    "get", "need", "prior", "express",
					    "explicit", "written", "affirmative",
					    "verifiable", "parental", "only"};
	const char *prose = p->v->text.prose;
	for (size_t k = p->first[i]; k < p->first[i + 1]; k++) {
		const pl_pmatch *m = &p->m[k];
		int e = effect_of(p, m);
		if (m->what == PL_PM_LIMIT || e == PL_QUAL_ONLY)
			return m;
		if (e != PL_QUAL_CONSENT)
			continue;
		for (size_t w = 0; w < sizeof asked / sizeof *asked; w++) {
			size_t n = strlen(asked[w]);
			if (m->end - m->start > n &&
			    strncasecmp(prose + m->start, asked[w], n) == 0 &&
			    prose[m->start + n] == ' ')
				return m;
		}
	}
	return NULL;
}

static int same_statement(const pl_pstatement *a, const pl_pstatement *b)
{
	return a->action == b->action && a->negative == b->negative &&
	       a->ndata == b->ndata && a->ntarget == b->ntarget &&
	       memcmp(a->data, b->data, a->ndata * sizeof(*a->data)) == 0 &&
	       memcmp(a->target, b->target, a->ntarget * sizeof(*a->target)) == 0;
}

size_t pl_practices_statements(const pl_practices *p, size_t i,
			       pl_pstatement *out, size_t max)
{
	const pl_text *t = &p->v->text;
	const pl_sentence *st = &t->sentences[i];
	if (i >= p->v->n || has_effect(p, i, PL_QUAL_HYPOTHETICAL) ||
	    has_effect(p, i, PL_QUAL_PAST))
		return 0;
	if (conditional(t->prose + st->start, st->end - st->start))
		return 0;
	const pl_terms *actions = &p->rs->vocab[PL_VOCAB_ACTION];
	size_t n = 0;
	for (size_t k = p->first[i]; k < p->first[i + 1] && n < max; k++) {
		const pl_pmatch *verb = &p->m[k];
		if (verb->what != PL_VOCAB_ACTION || someone_else(p, i, verb))
			continue;
		const pl_term *act = &actions->items[verb->term];
		pl_pstatement s = {0};
		s.sentence = i;
		s.action = verb->term;
		s.negative = negated(p, i, verb);
		s.qualified = qualified(p, i);
		s.limit = s.negative ? NULL : limit_of(p, i);
		s.verb_start = verb->start;
		s.verb_end = verb->end;
		s.ndata = leaves(p, i, PL_VOCAB_DATA, st->start, s.data);
		if (s.ndata == 0 && act->implied_index != (size_t)-1)
			s.data[s.ndata++] = act->implied_index;
		int tk = act->target == PL_TARGET_RECIPIENTS ? PL_VOCAB_RECIPIENT :
			 act->target == PL_TARGET_PLACES ? PL_VOCAB_PLACE : -1;
		if (tk >= 0)
			s.ntarget = leaves(p, i, tk, verb->end, s.target);
		if ((act->needs_target || released_alone(p, verb)) && s.ntarget == 0)
			continue;
		int dup = 0;
		for (size_t j = 0; j < n && !dup; j++)
			dup = same_statement(&out[j], &s);
		if (!dup)
			out[n++] = s;
	}
	return n;
}
