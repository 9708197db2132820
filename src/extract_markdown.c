/*
 * extract_markdown.c: Markdown to blocks of prose.
 *
 * Not a CommonMark renderer: it only has to recover the words a reader
 * sees and the blocks they sit in.  Two passes per block, as in cmark:
 *
 *  - lines are sorted into leaf blocks (headings, paragraphs, list items,
 *    quotes, table cells, code), markers stripped;
 *  - each leaf's lines are joined (a line break becomes a space) and its
 *    inline markup removed: emphasis, code backticks, link targets,
 *    autolink brackets, HTML tags and comments, backslash escapes; entities
 *    are decoded.
 *
 * The inline pass first turns a leaf into records (a run of text, a
 * decoded character, a space, an emphasis delimiter) and only writes them
 * out once the leaf is done, because whether a '*' is markup depends on
 * whether a matching one follows.  Every record knows the source bytes it
 * came from, so the offset map survives all the stripping.
 */
#define _POSIX_C_SOURCE 200809L /* strncasecmp */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "textshape.h"
#include "text.h"

/* ---- Records ------------------------------------------------------------ */

enum { R_TEXT, R_LIT, R_SPACE, R_BREAK, R_DELIM };

/* One piece of a leaf's prose.  Offsets are into the leaf's joined text
 * (v below): R_TEXT is v[vs .. vs+vl) as is; R_LIT is lit[], standing for
 * v[vs .. vs+vl) (a decoded entity); R_SPACE is white space starting with
 * v[vs .. vs+vl); R_BREAK a space that a dropped tag implies, which has no
 * source of its own; R_DELIM an emphasis run v[vs .. vs+vl) of '*' or '_'. */
typedef struct {
	size_t vs, vl;
	unsigned char type;
	unsigned char can_open, can_close, matched;
	unsigned char litlen;
	char lit[8];
} rec;

typedef struct {
	size_t open, close;
} bracket;

typedef struct {
	size_t close, resume;
} link;

typedef struct {
	size_t a, b;            /* a line's content in the source */
	size_t brk;             /* where the line break before it is */
} mline;

#define TABLE_COLUMNS 32       /* columns whose header cells are linked */

typedef struct {
	pl_text *t;
	pl_buf out;
	const char *s;
	size_t n;

	/* The leaf being gathered. */
	int leaf;
	pl_block_kind kind;
	int level;
	int raw;                /* code: no inline markup */
	mline *lines;
	size_t nlines, lines_cap;

	/* Scratch for the inline pass, kept from leaf to leaf. */
	pl_buf v;               /* the leaf's lines joined by '\n' */
	size_t *map, map_cap;   /* v[i] came from s[map[i]] */
	rec *recs;
	size_t nrecs, recs_cap;
	bracket *brackets;
	size_t nbrackets, brackets_cap;
	link *links;
	size_t nlinks, links_cap;
	size_t *openers;
	size_t nopeners, openers_cap;

	/* Line context. */
	int leaf_quote;         /* the leaf began inside a block quote */
	int fence;              /* in a fenced code block */
	char fence_ch;
	size_t fence_len;
	int comment;            /* in an HTML comment spanning lines */
	int table;              /* in a table */
	size_t table_row;       /* rows written so far (0: the header row) */
	long header[TABLE_COLUMNS];     /* the header row's cell blocks */
	size_t list_indent;     /* content column of the list item above */
	int prev_blank;
	size_t prev_break;      /* the line break that ended the last line */
} md;

static int is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == '\0';
}

static int is_punct(unsigned char c)
{
	return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) ||
	       (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

static int is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static void add_rec(md *m, unsigned char type, size_t vs, size_t vl)
{
	rec r;
	memset(&r, 0, sizeof r);
	r.type = type;
	r.vs = vs;
	r.vl = vl;
	/* Adjacent text runs of one line are one record. */
	if (type == R_TEXT && m->nrecs > 0) {
		rec *last = &m->recs[m->nrecs - 1];
		if (last->type == R_TEXT && last->vs + last->vl == vs &&
		    m->v.data[vs - 1] != '\n') {
			last->vl += vl;
			return;
		}
	}
	PL_PUSH(m->recs, m->nrecs, m->recs_cap, r);
}

/* ---- Inline pass: scanning ----------------------------------------------- */

/* Length of the white-space character at v[i] (a no-break space counts),
 * 0 if none. */
static size_t space_len(const char *v, size_t i, size_t n)
{
	if (is_ws((unsigned char)v[i]))
		return 1;
	if ((unsigned char)v[i] == 0xC2 && i + 1 < n &&
	    (unsigned char)v[i + 1] == 0xA0)
		return 2;
	return 0;
}


/* Pairs every unescaped '[' with its ']' (nesting counts), sorted by the
 * '[' so that the scan meets them in order. */
static int compare_open(const void *a, const void *b)
{
	const bracket *x = a, *y = b;
	return x->open < y->open ? -1 : x->open > y->open;
}

static void match_brackets(md *m, const char *v, size_t n)
{
	m->nbrackets = 0;
	m->nopeners = 0;
	for (size_t i = 0; i < n; i++) {
		if (v[i] == '\\') {
			i++;
			continue;
		}
		if (v[i] == '[') {
			PL_PUSH(m->openers, m->nopeners, m->openers_cap, i);
		} else if (v[i] == ']' && m->nopeners > 0) {
			bracket b = {m->openers[--m->nopeners], i};
			PL_PUSH(m->brackets, m->nbrackets, m->brackets_cap, b);
		}
	}
	if (m->nbrackets > 1)
		qsort(m->brackets, m->nbrackets, sizeof *m->brackets, compare_open);
}

/* The end of a link's target after its text closes at v[close]: "(url
 * "title")" or "[ref]".  0 when none follows: then the brackets are text.
 * Bounded, so that a long run of brackets cannot make this quadratic. */
#define TAIL_MAX 4096

static size_t link_tail(const char *v, size_t n, size_t close)
{
	size_t i = close + 1, limit = close + TAIL_MAX < n ? close + TAIL_MAX : n;
	if (i >= limit)
		return 0;
	if (v[i] == '[') {
		for (size_t j = i + 1; j < limit; j++) {
			if (v[j] == '[')
				return 0;
			if (v[j] == ']')
				return j + 1;
		}
		return 0;
	}
	if (v[i] != '(')
		return 0;
	i++;
	while (i < limit && is_ws((unsigned char)v[i]))
		i++;
	if (i < limit && v[i] == '<') {
		while (i < limit && v[i] != '>' && v[i] != '\n')
			i++;
		if (i >= limit || v[i] != '>')
			return 0;
		i++;
	} else {
		int depth = 0;
		while (i < limit && !is_ws((unsigned char)v[i])) {
			if (v[i] == '\\' && i + 1 < limit)
				i++;
			else if (v[i] == '(')
				depth++;
			else if (v[i] == ')' && depth-- == 0)
				break;
			i++;
		}
	}
	while (i < limit && is_ws((unsigned char)v[i]))
		i++;
	if (i < limit && (v[i] == '"' || v[i] == '\'' || v[i] == '(')) {
		char q = v[i] == '(' ? ')' : v[i];
		for (i++; i < limit && v[i] != q; i++)
			if (v[i] == '\\')
				i++;
		if (i >= limit)
			return 0;
		i++;
		while (i < limit && is_ws((unsigned char)v[i]))
			i++;
	}
	return i < limit && v[i] == ')' ? i + 1 : 0;
}

/* Memory of searches that failed, so that no search is repeated over the
 * same ground: a run of k backticks with no closer after position p has
 * none after any later position either. */
#define TICKS_MAX 32

typedef struct {
	size_t no_ticks[TICKS_MAX + 1];
	size_t no_gt, no_comment;
	size_t bracket;         /* next entry of m->brackets to meet */
} memo;

/* End of the code span whose opening run of k backticks ends at i: the
 * position of the closing run, or n. */
static size_t code_close(const char *v, size_t n, size_t i, size_t k,
			 memo *mm)
{
	if (k > TICKS_MAX || i >= mm->no_ticks[k])
		return n;
	for (size_t j = i; j < n;) {
		const char *t = memchr(v + j, '`', n - j);
		if (t == NULL)
			break;
		size_t a = (size_t)(t - v), b = a;
		while (b < n && v[b] == '`')
			b++;
		if (b - a == k)
			return a;
		j = b;
	}
	mm->no_ticks[k] = i;
	return n;
}

static size_t find_gt(const char *v, size_t n, size_t i, memo *mm)
{
	if (i >= mm->no_gt)
		return n;
	const char *p = memchr(v + i, '>', n - i);
	if (p == NULL) {
		mm->no_gt = i;
		return n;
	}
	return (size_t)(p - v);
}

/* Tags that break a line where they stand (<br>, <p>, <li>, ...): they
 * leave a space between the words around them.  Others (<a>, <em>) do
 * not. */
static int breaking_tag(const char *name, size_t n)
{
	static const char *const tags[] = {
		"br", "p", "div", "li", "ul", "ol", "tr", "td", "th", "table",
		"h1", "h2", "h3", "h4", "h5", "h6", "hr", "blockquote", "dd",
		"dt", "section", "header", "footer", "pre",
	};
	for (size_t k = 0; k < sizeof tags / sizeof *tags; k++) {
		if (strlen(tags[k]) != n)
			continue;
		size_t j = 0;
		while (j < n && (name[j] | 0x20) == tags[k][j])
			j++;
		if (j == n)
			return 1;
	}
	return 0;
}

static int same_name(const char *a, const char *lower, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((a[i] | 0x20) != lower[i])
			return 0;
	return lower[n] == '\0';
}

/* Length of an autolink at v[i] == '<' ("<https://x.org/a_b>",
 * "<privacy@x.org>"), 0 if there is none. */
#define AUTOLINK_MAX 512

static size_t autolink(const char *v, size_t n, size_t i)
{
	size_t k = i + 1, colon = 0, at = 0;
	while (k < n && k - i < AUTOLINK_MAX && v[k] != '>' && v[k] != '<' &&
	       !is_ws((unsigned char)v[k])) {
		if (v[k] == ':' && colon == 0)
			colon = k;
		if (v[k] == '@' && at == 0)
			at = k;
		k++;
	}
	if (k >= n || v[k] != '>')
		return 0;
	if (colon > i + 2 && is_alpha((unsigned char)v[i + 1]) && colon - i <= 33) {
		for (size_t j = i + 1; j < colon; j++)
			if (!is_alpha((unsigned char)v[j]) && !is_digit((unsigned char)v[j]) &&
			    v[j] != '+' && v[j] != '.' && v[j] != '-')
				return 0;
		return k + 1 - i;
	}
	if (at > i + 1 && at + 1 < k && colon == 0)
		return k + 1 - i;
	return 0;
}

/* A tag in Markdown is taken for one only if it closes within this many
 * bytes: "a <b" in prose must not swallow the paragraph. */
#define TAG_MAX 1024

/* Handles '<' at v[i]: an autolink, a comment or a tag.  Returns where the
 * scan goes on, or i when the '<' is text. */
static size_t angle(md *m, const char *v, size_t n, size_t i, memo *mm)
{
	if (n - i >= 4 && memcmp(v + i, "<!--", 4) == 0) {
		if (i < mm->no_comment) {
			for (size_t j = i + 2; j + 3 <= n; j++) {
				const char *d = memchr(v + j, '-', n - j);
				if (d == NULL)
					break;
				j = (size_t)(d - v);
				if (j + 3 <= n && memcmp(v + j, "-->", 3) == 0)
					return j + 3;
			}
			mm->no_comment = i;
		}
		return i;
	}
	size_t len = autolink(v, n, i);
	if (len > 0) {          /* written without its brackets */
		add_rec(m, R_TEXT, i + 1, len - 2);
		return i + len;
	}
	/* A tag: '<' or '</', a name, then white space, '/' or '>'. */
	size_t j = i + 1;
	int closing = j < n && v[j] == '/';
	j += closing;
	if (j >= n || !is_alpha((unsigned char)v[j]))
		return i;
	size_t name = j;
	while (j < n && (is_alpha((unsigned char)v[j]) || is_digit((unsigned char)v[j]) ||
			 v[j] == '-'))
		j++;
	size_t name_len = j - name;
	if (j < n && !is_ws((unsigned char)v[j]) && v[j] != '/' && v[j] != '>')
		return i;
	size_t gt = find_gt(v, n, j, mm);
	if (gt >= n || gt - i > TAG_MAX)
		return i;
	if (breaking_tag(v + name, name_len))
		add_rec(m, R_BREAK, gt + 1, 0);
	/* Scripts and styles are rare in Markdown, but never prose. */
	int script = same_name(v + name, "script", name_len);
	if (!closing && v[gt - 1] != '/' &&
	    (script || same_name(v + name, "style", name_len))) {
		for (size_t k = gt + 1; k + name_len + 2 <= n; k++) {
			const char *lt = memchr(v + k, '<', n - k);
			if (lt == NULL)
				break;
			k = (size_t)(lt - v);
			if (k + name_len + 2 <= n && v[k + 1] == '/' &&
			    same_name(v + k + 2, script ? "script" : "style", name_len)) {
				size_t end = find_gt(v, n, k, mm);
				return end < n ? end + 1 : n;
			}
		}
		return n;
	}
	return gt + 1;
}

/* Notes a run of '*' or '_' at v[i..i+k) with what CommonMark's flanking
 * rules allow it to do: "5 * 3" and snake_case are no emphasis. */
static void delimiter(md *m, const char *v, size_t n, size_t i, size_t k)
{
	unsigned char before = i > 0 ? (unsigned char)v[i - 1] : ' ';
	unsigned char after = i + k < n ? (unsigned char)v[i + k] : ' ';
	int left = !is_ws(after) && (!is_punct(after) || is_ws(before) ||
				     is_punct(before));
	int right = !is_ws(before) && (!is_punct(before) || is_ws(after) ||
				       is_punct(after));
	add_rec(m, R_DELIM, i, k);
	rec *r = &m->recs[m->nrecs - 1];
	if (v[i] == '*') {
		r->can_open = (unsigned char)left;
		r->can_close = (unsigned char)right;
	} else {
		r->can_open = (unsigned char)(left && (!right || is_punct(before)));
		r->can_close = (unsigned char)(right && (!left || is_punct(after)));
	}
}

static int special(unsigned char c)
{
	return is_ws(c) || c == '\\' || c == '`' || c == '<' || c == '&' ||
	       c == '!' || c == '[' || c == ']' || c == '*' || c == '_' ||
	       c == 0xC2 || c == 0xE2 || c == 0xEF;
}

/* Turns v[0..n) into records.  raw: code, where only white space counts. */
static void scan_inline(md *m, const char *v, size_t n, int raw)
{
	memo mm;
	for (size_t k = 0; k <= TICKS_MAX; k++)
		mm.no_ticks[k] = n + 1;
	mm.no_gt = mm.no_comment = n + 1;
	mm.bracket = 0;
	m->nrecs = 0;
	m->nlinks = 0;
	if (!raw)
		match_brackets(m, v, n);
	size_t i = 0, w;
	while (i < n) {
		unsigned char c = (unsigned char)v[i];
		if ((w = space_len(v, i, n)) > 0) {
			if (m->nrecs == 0 || m->recs[m->nrecs - 1].type != R_SPACE)
				add_rec(m, R_SPACE, i, w);
			i += w;
			continue;
		}
		if ((w = pl_invisible_len(v, i, n)) > 0) {
			i += w;
			continue;
		}
		if (raw || !special(c)) {
			size_t j = i + 1;
			while (j < n && (raw ? !is_ws((unsigned char)v[j]) &&
						(unsigned char)v[j] != 0xC2 &&
						(unsigned char)v[j] != 0xE2 &&
						(unsigned char)v[j] != 0xEF :
					 !special((unsigned char)v[j])))
				j++;
			add_rec(m, R_TEXT, i, j - i);
			i = j;
			continue;
		}
		switch (c) {
		case '\\':
			if (i + 1 < n && is_punct((unsigned char)v[i + 1])) {
				add_rec(m, R_TEXT, i + 1, 1);
				i += 2;
				continue;
			}
			break;
		case '`': {
			size_t k = 1;
			while (i + k < n && v[i + k] == '`')
				k++;
			size_t close = code_close(v, n, i + k, k, &mm);
			if (close >= n) {
				add_rec(m, R_TEXT, i, k);
				i += k;
				continue;
			}
			/* The code itself, spaces collapsed, nothing else. */
			for (size_t j = i + k; j < close;) {
				if ((w = space_len(v, j, close)) > 0) {
					if (m->nrecs == 0 ||
					    m->recs[m->nrecs - 1].type != R_SPACE)
						add_rec(m, R_SPACE, j, w);
					j += w;
				} else {
					add_rec(m, R_TEXT, j, 1);
					j++;
				}
			}
			i = close + k;
			continue;
		}
		case '<': {
			size_t next = angle(m, v, n, i, &mm);
			if (next != i) {
				i = next;
				continue;
			}
			break;
		}
		case '&': {
			char buf[8];
			size_t used = 0;
			size_t len = pl_decode_entity(v + i, n - i, buf, &used);
			if (len == 0)
				break;
			if (len == 2 && (unsigned char)buf[0] == 0xC2 &&
			    (unsigned char)buf[1] == 0xA0) {
				if (m->nrecs == 0 || m->recs[m->nrecs - 1].type != R_SPACE)
					add_rec(m, R_SPACE, i, used);
			} else if (pl_invisible_len(buf, 0, len) == 0) {
				add_rec(m, R_LIT, i, used);
				rec *r = &m->recs[m->nrecs - 1];
				memcpy(r->lit, buf, len);
				r->litlen = (unsigned char)len;
			}
			i += used;
			continue;
		}
		case '!':
		case '[': {
			size_t at = c == '!' ? i + 1 : i;
			if (at >= n || v[at] != '[')
				break;
			while (mm.bracket < m->nbrackets &&
			       m->brackets[mm.bracket].open < at)
				mm.bracket++;
			if (mm.bracket >= m->nbrackets ||
			    m->brackets[mm.bracket].open != at)
				break;
			size_t close = m->brackets[mm.bracket].close;
			size_t resume = link_tail(v, n, close);
			if (resume == 0)
				break;
			/* A link or image: its text stays, the brackets and
			 * the target go. */
			link l = {close, resume};
			PL_PUSH(m->links, m->nlinks, m->links_cap, l);
			i = at + 1;
			continue;
		}
		case ']':
			if (m->nlinks > 0 && m->links[m->nlinks - 1].close == i) {
				i = m->links[--m->nlinks].resume;
				/* Links whose ']' lay in the skipped target
				 * are over too. */
				while (m->nlinks > 0 && m->links[m->nlinks - 1].close < i)
					m->nlinks--;
				continue;
			}
			break;
		case '*':
		case '_': {
			size_t k = 1;
			while (i + k < n && v[i + k] == (char)c)
				k++;
			delimiter(m, v, n, i, k);
			i += k;
			continue;
		}
		default:
			break;
		}
		/* Whatever did not turn out to be markup is one character of
		 * text. */
		add_rec(m, R_TEXT, i, 1);
		i++;
	}
}

/* Pairs emphasis delimiters: a closer takes the nearest opener of its
 * character.  Unpaired ones stay as text ("*" in "prices*").  Returns
 * whether one strong pair ("**...**") wraps the whole leaf. */
static int pair_delimiters(md *m)
{
	size_t first = 0, last = m->nrecs;
	while (first < m->nrecs && m->recs[first].type >= R_SPACE &&
	       m->recs[first].type <= R_BREAK)
		first++;
	while (last > first && m->recs[last - 1].type >= R_SPACE &&
	       m->recs[last - 1].type <= R_BREAK)
		last--;
	int whole = 0;
	size_t top[2] = {0, 0};         /* stack heights for '*' and '_' */
	size_t *stack[2] = {NULL, NULL};
	size_t cap[2] = {0, 0};
	for (size_t r = 0; r < m->nrecs; r++) {
		rec *d = &m->recs[r];
		if (d->type != R_DELIM)
			continue;
		int which = m->v.data[d->vs] == '_';
		if (d->can_close && top[which] > 0) {
			size_t o = stack[which][--top[which]];
			m->recs[o].matched = 1;
			d->matched = 1;
			whole |= o == first && r + 1 == last && d->vl >= 2 &&
				 m->recs[o].vl >= 2;
		} else if (d->can_open) {
			PL_PUSH(stack[which], top[which], cap[which], r);
		}
	}
	free(stack[0]);
	free(stack[1]);
	return whole;
}

/* Whether v[0..n) is short and holds at most one sentence: a bold
 * paragraph of that shape is a heading in disguise.  One that ends with a
 * full stop after six words or more is a sentence set in bold ("**Acme
 * does not collect any of your personal data.**"), not a title. */
static int heading_sized(const char *v, size_t n)
{
	if (n > 120)
		return 0;
	size_t words = 0;
	for (size_t i = 0; i + 2 < n; i++) {
		if ((v[i] == '.' || v[i] == '!' || v[i] == '?') &&
		    is_ws((unsigned char)v[i + 1]) && v[i + 2] >= 'A' && v[i + 2] <= 'Z')
			return 0;
		words += is_ws((unsigned char)v[i]) && !is_ws((unsigned char)v[i + 1]);
	}
	size_t end = n;
	while (end > 0 && (is_ws((unsigned char)v[end - 1]) || v[end - 1] == '*' ||
			   v[end - 1] == '_'))
		end--;
	return !(end > 0 && v[end - 1] == '.' && words + 1 >= 6);
}

/* ---- Inline pass: writing ----------------------------------------------- */

static void write_records(md *m)
{
	const size_t *map = m->map;
	const char *v = m->v.data;
	int open = 0;
	const rec *space = NULL;
	for (size_t r = 0; r < m->nrecs; r++) {
		const rec *d = &m->recs[r];
		if (d->type == R_SPACE || d->type == R_BREAK) {
			/* Real white space is a better home for the space
			 * than a dropped tag. */
			if (space == NULL || (space->type == R_BREAK &&
					      d->type == R_SPACE))
				space = d;
			continue;
		}
		if (d->type == R_DELIM && d->matched)
			continue;
		size_t src = map[d->vs];
		if (!open) {
			pl_text_begin_block(m->t, &m->out, m->kind, m->level, src);
			open = 1;
		} else if (space != NULL) {
			if (space->type == R_BREAK)
				pl_text_emit(m->t, &m->out, " ", 1, src, 0);
			else
				pl_text_emit(m->t, &m->out, " ", 1, map[space->vs],
					     map[space->vs + space->vl - 1] + 1 -
						     map[space->vs]);
		}
		space = NULL;
		if (d->type == R_LIT)
			pl_text_emit(m->t, &m->out, d->lit, d->litlen, src,
				     map[d->vs + d->vl - 1] + 1 - src);
		else
			pl_text_emit(m->t, &m->out, v + d->vs, d->vl, src, d->vl);
	}
	if (open)
		pl_text_end_block(m->t, &m->out);
}

/* ---- Leaves ------------------------------------------------------------- */

static void begin_leaf(md *m, pl_block_kind kind, int level, int raw,
		       int quote)
{
	m->leaf = 1;
	m->leaf_quote = quote;
	m->kind = kind;
	m->level = level;
	m->raw = raw;
	m->nlines = 0;
}

static void add_line(md *m, size_t a, size_t b)
{
	mline l = {a, b, m->prev_break};
	PL_PUSH(m->lines, m->nlines, m->lines_cap, l);
}

/* Joins the leaf's lines into v (a line break becomes '\n', mapped to the
 * break in the source), strips the markup and writes the prose. */
static void end_leaf(md *m)
{
	if (!m->leaf)
		return;
	m->leaf = 0;
	m->v.len = 0;
	size_t nv = 0;
	for (size_t k = 0; k < m->nlines; k++)
		nv += m->lines[k].b - m->lines[k].a + 1;
	pl_grow((void **)&m->map, &m->map_cap, nv + 1, sizeof *m->map);
	for (size_t k = 0; k < m->nlines; k++) {
		const mline *l = &m->lines[k];
		if (k > 0) {
			m->map[m->v.len] = l->brk;
			pl_buf_putc(&m->v, '\n');
		}
		for (size_t i = l->a; i < l->b; i++)
			m->map[m->v.len + i - l->a] = i;
		pl_buf_put(&m->v, m->s + l->a, l->b - l->a);
	}
	if (m->v.len == 0)
		return;
	scan_inline(m, m->v.data, m->v.len, m->raw);
	if (pair_delimiters(m) && m->kind == PL_BLOCK_PARAGRAPH &&
	    heading_sized(m->v.data, m->v.len)) {
		m->kind = PL_BLOCK_HEADING;     /* "**Your rights**" alone */
		m->level = 6;
	}
	write_records(m);
}

/* A leaf of one line, written at once (a heading, a table cell). */
static void one_line_leaf(md *m, pl_block_kind kind, int level, size_t a,
			  size_t b)
{
	end_leaf(m);
	begin_leaf(m, kind, level, 0, 0);
	add_line(m, a, b);
	end_leaf(m);
}

/* ---- Lines -------------------------------------------------------------- */

/* Skips spaces and tabs from s[i] (before e); *cols gets their width. */
static size_t skip_indent(const char *s, size_t i, size_t e, size_t *cols)
{
	size_t c = 0;
	while (i < e && (s[i] == ' ' || s[i] == '\t')) {
		c += s[i] == '\t' ? 4 - c % 4 : 1;
		i++;
	}
	if (cols)
		*cols = c;
	return i;
}

static size_t trim_end(const char *s, size_t a, size_t e)
{
	while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\t'))
		e--;
	return e;
}

/* Whether s[a..e) is made of c (and spaces) only, at least min times. */
static int only_char(const char *s, size_t a, size_t e, char c, size_t min,
		     int spaces)
{
	size_t count = 0;
	for (size_t i = a; i < e; i++) {
		if (s[i] == c)
			count++;
		else if (!(spaces && (s[i] == ' ' || s[i] == '\t')))
			return 0;
	}
	return count >= min;
}

static int is_rule(const char *s, size_t a, size_t e)
{
	return a < e && (s[a] == '-' || s[a] == '*' || s[a] == '_') &&
	       only_char(s, a, e, s[a], 3, 1);
}

/* Whether s[a..e) holds a '|' that is not escaped. */
static int has_pipe(const char *s, size_t a, size_t e)
{
	for (size_t i = a; i < e; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '|')
			return 1;
	}
	return 0;
}

/* A table's delimiter row: "|---|:--:|". */
static int is_delimiter_row(const char *s, size_t a, size_t e)
{
	int dash = 0, pipe = 0;
	for (size_t i = a; i < e; i++) {
		if (s[i] == '-')
			dash = 1;
		else if (s[i] == '|')
			pipe = 1;
		else if (s[i] != ':' && s[i] != ' ' && s[i] != '\t')
			return 0;
	}
	return dash && pipe;
}

/* The content of the line after the one ending at brk, for look-ahead. */
static void next_line(const md *m, size_t brk, size_t *a, size_t *e)
{
	size_t i = brk;
	if (i < m->n && m->s[i] == '\r')
		i++;
	if (i < m->n && m->s[i] == '\n')
		i++;
	size_t end = pl_line_end(m->s, i, m->n);
	*a = skip_indent(m->s, i, end, NULL);
	/* The look-ahead is for tables, which a quote marker may precede. */
	while (*a < end && m->s[*a] == '>')
		*a = skip_indent(m->s, *a + 1, end, NULL);
	*e = trim_end(m->s, *a, end);
}

/* The block just written, when it is a table cell: column col of the
 * current row.  Header cells are remembered; body cells point at theirs. */
static void link_cell(md *m, size_t before, size_t col)
{
	pl_text *t = m->t;
	if (t->nblocks == before || col >= TABLE_COLUMNS)
		return;
	if (m->table_row == 0)
		m->header[col] = (long)t->nblocks - 1;
	else
		t->blocks[t->nblocks - 1].header = m->header[col];
}

static void table_row(md *m, size_t a, size_t e)
{
	const char *s = m->s;
	size_t col = 0;
	if (m->table_row == 0)
		for (size_t k = 0; k < TABLE_COLUMNS; k++)
			m->header[k] = -1;
	if (a < e && s[a] == '|')
		a++;
	if (e > a && s[e - 1] == '|' && (e - 1 == a || s[e - 2] != '\\'))
		e--;
	size_t cell = a;
	for (size_t i = a; i <= e; i++) {
		if (i < e && s[i] == '\\') {
			i++;
			continue;
		}
		if (i == e || s[i] == '|') {
			size_t ca = skip_indent(s, cell, i, NULL);
			size_t ce = trim_end(s, ca, i);
			size_t before = m->t->nblocks;
			if (ce > ca)
				one_line_leaf(m, PL_BLOCK_TABLE_CELL, 0, ca, ce);
			link_cell(m, before, col++);
			cell = i + 1;
		}
	}
	m->table_row++;
}

/* Length of a list marker ("-", "*", "+", "1.", "2)") and the space after
 * it at s[a..e), 0 if none. */
static size_t list_marker(const char *s, size_t a, size_t e)
{
	size_t i = a;
	if (i < e && (s[i] == '-' || s[i] == '*' || s[i] == '+')) {
		i++;
	} else {
		while (i < e && i - a < 9 && is_digit((unsigned char)s[i]))
			i++;
		if (i == a || i >= e || (s[i] != '.' && s[i] != ')'))
			return 0;
		i++;
	}
	if (i < e && s[i] != ' ' && s[i] != '\t')
		return 0;
	return skip_indent(s, i, e, NULL) - a;
}

/* "[label]: target" */
static int is_reference(const char *s, size_t a, size_t e)
{
	if (a >= e || s[a] != '[' || (a + 1 < e && s[a + 1] == '^'))
		return 0;
	for (size_t i = a + 1; i + 1 < e; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '[')
			return 0;
		else if (s[i] == ']')
			return i > a + 1 && s[i + 1] == ':';
	}
	return 0;
}

/* Sorts one line (content s[a..e), line break at brk) into the leaves. */
static void md_line(md *m, size_t a, size_t e, size_t brk)
{
	const char *s = m->s;
	size_t cols, p;

	/* Block quote markers, any depth. */
	int quote = 0;
	p = skip_indent(s, a, e, NULL);
	while (p < e && s[p] == '>') {
		quote = 1;
		p++;
		if (p < e && (s[p] == ' ' || s[p] == '\t'))
			p++;
		p = skip_indent(s, p, e, NULL);
	}
	if (quote)
		a = p;
	e = trim_end(s, a, e);
	p = skip_indent(s, a, e, &cols);

	if (m->fence) {
		if (p < e && s[p] == m->fence_ch &&
		    only_char(s, p, e, m->fence_ch, m->fence_len, 0)) {
			end_leaf(m);
			m->fence = 0;
		} else {
			if (!m->leaf)
				begin_leaf(m, PL_BLOCK_PARAGRAPH, 0, 1, quote);
			add_line(m, p, e);
		}
		return;
	}
	if (m->comment) {
		for (size_t i = a; i + 3 <= e; i++)
			if (memcmp(s + i, "-->", 3) == 0)
				m->comment = 0;
		if (!m->comment)
			m->t->unclosed[0] = '\0';
		return;
	}
	if (p >= e) {                   /* blank */
		end_leaf(m);
		m->table = 0;
		m->prev_blank = 1;
		return;
	}
	int was_blank = m->prev_blank;
	m->prev_blank = 0;
	/* A quote interrupts the paragraph above it; a line without '>'
	 * after a quote merely continues it (lazily, as CommonMark says). */
	if (quote && m->leaf && !m->leaf_quote)
		end_leaf(m);

	/* An HTML comment that does not close on its line. */
	if (e - p >= 4 && memcmp(s + p, "<!--", 4) == 0) {
		int closed = 0;
		for (size_t i = p + 4; i + 3 <= e && !closed; i++)
			closed = memcmp(s + i, "-->", 3) == 0;
		if (!closed) {
			end_leaf(m);
			m->comment = 1;
			/* Until it closes, the rest of the file is comment. */
			snprintf(m->t->unclosed, sizeof m->t->unclosed, "%s",
				 "a comment '<!--'");
			m->t->unclosed_at = p;
			return;
		}
	}
	/* Fenced code: kept as text, since policies quote addresses and
	 * forms in it. */
	if (e - p >= 3 && (s[p] == '`' || s[p] == '~') && s[p + 1] == s[p] &&
	    s[p + 2] == s[p]) {
		size_t k = 3;
		while (p + k < e && s[p + k] == s[p])
			k++;
		if (s[p] == '~' || memchr(s + p + k, '`', e - p - k) == NULL) {
			end_leaf(m);
			m->fence = 1;
			m->fence_ch = s[p];
			m->fence_len = k;
			begin_leaf(m, PL_BLOCK_PARAGRAPH, 0, 1, quote);
			return;
		}
	}
	/* ATX heading. */
	if (s[p] == '#') {
		size_t k = 1;
		while (p + k < e && s[p + k] == '#')
			k++;
		if (k <= 6 && (p + k == e || s[p + k] == ' ' || s[p + k] == '\t')) {
			size_t ha = skip_indent(s, p + k, e, NULL), he = e;
			/* A closing run of '#' goes, "C#" stays. */
			size_t h = he;
			while (h > ha && s[h - 1] == '#')
				h--;
			if (h == ha || s[h - 1] == ' ' || s[h - 1] == '\t')
				he = trim_end(s, ha, h);
			m->table = 0;
			m->list_indent = 0;
			if (he > ha)
				one_line_leaf(m, PL_BLOCK_HEADING, (int)k, ha, he);
			else
				end_leaf(m);
			return;
		}
	}
	/* Setext underline: the paragraph above was a heading. */
	if (m->leaf && m->kind == PL_BLOCK_PARAGRAPH && !m->raw && !quote &&
	    (only_char(s, p, e, '=', 1, 0) ||
	     (only_char(s, p, e, '-', 2, 0)))) {
		m->kind = PL_BLOCK_HEADING;
		m->level = s[p] == '=' ? 1 : 2;
		end_leaf(m);
		return;
	}
	if (is_rule(s, p, e)) {
		end_leaf(m);
		m->table = 0;
		return;
	}
	/* Tables: a row with a '|' over a delimiter row, then rows until a
	 * line without one. */
	if (has_pipe(s, p, e)) {
		size_t na, ne;
		if (m->table && is_delimiter_row(s, p, e))
			return;
		next_line(m, brk, &na, &ne);
		if (m->table || (brk < m->n && is_delimiter_row(s, na, ne))) {
			end_leaf(m);
			if (!m->table)
				m->table_row = 0;
			m->table = 1;
			table_row(m, p, e);
			return;
		}
	}
	m->table = 0;
	if (!m->leaf && is_reference(s, p, e))
		return;
	size_t marker = list_marker(s, p, e);
	if (marker > 0) {
		end_leaf(m);
		begin_leaf(m, PL_BLOCK_LIST_ITEM, 0, 0, quote);
		m->list_indent = cols + marker;
		add_line(m, p + marker, e);
		return;
	}
	if (m->leaf) {                  /* continuation, lazy or not */
		add_line(m, p, e);
		return;
	}
	pl_block_kind kind = quote ? PL_BLOCK_QUOTE : PL_BLOCK_PARAGRAPH;
	if (m->list_indent > 0 && was_blank && cols >= m->list_indent)
		kind = PL_BLOCK_LIST_ITEM;      /* a list item's next paragraph */
	else
		m->list_indent = 0;
	begin_leaf(m, kind, 0, 0, quote);
	add_line(m, p, e);
}

/* The end of the line that starts at i (before "\r\n" or "\n"), and in
 * *next where the next line starts. */
static size_t line_end(const char *s, size_t n, size_t i, size_t *next)
{
	const char *nl = memchr(s + i, '\n', n - i);
	size_t end = nl ? (size_t)(nl - s) : n;
	*next = nl ? end + 1 : n;
	if (end > i && s[end - 1] == '\r')
		end--;
	return end;
}

/* Whether s[a..e) is the fence c c c (spaces after allowed). */
static int is_fence(const char *s, size_t a, size_t e, char c)
{
	if (e - a < 3 || s[a] != c || s[a + 1] != c || s[a + 2] != c)
		return 0;
	for (size_t i = a + 3; i < e; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* A date field of front matter: what its value means to a reader. */
static const char *date_label(const char *key, size_t n)
{
	static const char *const keys[][2] = {
		{"date", "Last updated"}, {"lastmod", "Last updated"},
		{"last_modified", "Last updated"}, {"last_updated", "Last updated"},
		{"updated", "Last updated"}, {"updated_at", "Last updated"},
		{"modified", "Last updated"}, {"last_reviewed", "Last updated"},
		{"revised", "Last updated"}, {"last_update", "Last updated"},
		{"updatedat", "Last updated"}, {"lastupdated", "Last updated"},
		{"lastmodified", "Last updated"}, {"modifiedat", "Last updated"},
		{"effectivedate", "Effective"}, {"effective", "Effective"},
		{"effective_date", "Effective"}, {"effective_from", "Effective"}};
	char k[32];
	if (n == 0 || n >= sizeof k)
		return NULL;
	for (size_t i = 0; i < n; i++)
		k[i] = key[i] == '-' || key[i] == ' ' ? '_' :
		       (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] + 32 : key[i]);
	k[n] = '\0';
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (strcmp(k, keys[i][0]) == 0)
			return keys[i][1];
	return NULL;
}

/* Whether a front-matter value of some other field says it is the
 * policy's date itself ("short_desc: Last Update: Jul 23, 2026"). */
static int dated_value(const char *v, size_t n)
{
	static const char *const leads[] = {
		"last update", "last updated", "last modified", "last revised",
		"updated", "revised", "effective", NULL};
	for (size_t i = 0; leads[i]; i++)
		if (n >= strlen(leads[i]) &&
		    strncasecmp(v, leads[i], strlen(leads[i])) == 0)
			return 1;
	return 0;
}

/* One front-matter line "key: value" (YAML) or "key = value" (TOML): a
 * date field becomes a metadata block that reads "Last updated: VALUE",
 * the value mapped to its bytes, so that the policy's date checks see it
 * while no other topic does; a value that says it is the date ("Last
 * Update: Jul 23, 2026") becomes one as it reads. */
static void front_matter_line(md *m, size_t a, size_t e, char sep)
{
	const char *s = m->s;
	size_t k = a;
	while (k < e && s[k] != sep)
		k++;
	if (k == e || k == a)
		return;
	size_t ke = trim_end(s, a, k);
	const char *label = date_label(s + a, ke - a);
	size_t v = skip_indent(s, k + 1, e, NULL), ve = trim_end(s, v, e);
	if (ve > v + 1 && (s[v] == '"' || s[v] == '\'') && s[ve - 1] == s[v]) {
		v++;
		ve--;
	}
	if (ve <= v)
		return;
	if (label == NULL) {
		if (!dated_value(s + v, ve - v))
			return;
		pl_text_begin_block(m->t, &m->out, PL_BLOCK_META, 0, v);
		pl_text_emit(m->t, &m->out, s + v, ve - v, v, ve - v);
		pl_text_end_block(m->t, &m->out);
		return;
	}
	pl_text_begin_block(m->t, &m->out, PL_BLOCK_META, 0, a);
	pl_text_emit(m->t, &m->out, label, strlen(label), a, 0);
	pl_text_emit(m->t, &m->out, ": ", 2, v, 0);
	pl_text_emit(m->t, &m->out, s + v, ve - v, v, ve - v);
	pl_text_end_block(m->t, &m->out);
}

/* Front matter (a Jekyll or Hugo page's metadata between "---" or "+++"
 * lines at the very start) is no prose: it is skipped but for its dates.
 * Returns where the Markdown proper starts (i when there is none). */
static size_t front_matter(md *m, size_t i)
{
	const char *s = m->s;
	size_t n = m->n, next;
	size_t e = line_end(s, n, i, &next);
	char fence = is_fence(s, i, e, '-') ? '-' : is_fence(s, i, e, '+') ? '+' : 0;
	if (fence == 0 || e - i != 3)
		return i;
	/* It must close, or it is a thematic break and prose follows. */
	size_t p = next, close = n;
	while (p < n) {
		size_t pn, pe = line_end(s, n, p, &pn);
		if (is_fence(s, p, pe, fence) ||
		    (fence == '-' && pe - p == 3 && memcmp(s + p, "...", 3) == 0)) {
			close = p;
			break;
		}
		p = pn;
	}
	if (close == n)
		return i;
	for (p = next; p < close;) {
		size_t pn, pe = line_end(s, n, p, &pn);
		if (s[p] != ' ' && s[p] != '\t' && s[p] != '#')
			front_matter_line(m, p, pe, fence == '-' ? ':' : '=');
		p = pn;
	}
	line_end(s, n, close, &next);
	return next;
}

void pl_extract_markdown(pl_text *t, const char *src, size_t len)
{
	md *m = pl_xcalloc(1, sizeof(*m));
	m->t = t;
	m->s = src;
	m->n = len;
	pl_buf_init(&m->out);
	pl_buf_init(&m->v);
	t->src = src;
	t->src_len = len;

	size_t i = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	i = front_matter(m, i);
	m->prev_break = i;
	/* Lines end at "\n", "\r\n" or a lone "\r". */
	while (i < len) {
		size_t end = pl_line_end(src, i, len);
		md_line(m, i, end, end);
		m->prev_break = end;
		i = pl_line_next(src, end, len);
	}
	end_leaf(m);

	t->prose_len = m->out.len;
	t->prose = pl_buf_detach(&m->out);
	pl_buf_free(&m->v);
	free(m->lines);
	free(m->map);
	free(m->recs);
	free(m->brackets);
	free(m->links);
	free(m->openers);
	free(m);
}
