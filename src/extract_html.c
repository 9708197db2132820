/*
 * extract_html.c: HTML to blocks of prose, and the character-reference
 * decoder the Markdown extractor shares (entities.h).
 *
 * A forgiving scanner, not a parser: policies come as whole web pages, as
 * fragments and as the "light" HTML of research corpora (text with <br>,
 * <ul>, <li> and <strong>, one paragraph per source line), and all of it
 * may be broken.  Tags are dropped; the contents of <script>, <style>
 * and <noscript>, comments, CDATA and declarations are dropped whole (a
 * <template>'s are read: a Vue component keeps its page in one);
 * character references are decoded.  Block elements begin and end
 * blocks, and where the markup states no structure (light HTML) a double
 * <br>, a source line break and a short bold line stand in for it.
 *
 * Every prose byte maps to the text it came from: a decoded reference to
 * the whole reference, a collapsed run of white space to its first byte,
 * and nothing ever to a byte inside a tag.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "textshape.h"
#include "text.h"

static int is_alnum(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9');
}

/* ---- Elements ----------------------------------------------------------- */

enum {
	EL_INLINE,      /* no effect on blocks: a, span, em, ... */
	EL_BLOCK,       /* p, div, section, ...: ends the block it follows */
	EL_CONTAINER,   /* ul, ol, table, tr: a block boundary that scopes
			   li and td */
	EL_KIND,        /* li, td, th, h1-h6, title, blockquote */
	EL_BOLD,        /* b, strong */
	EL_BR,
	EL_RAW          /* script, style, ...: contents dropped */
};

typedef struct {
	const char *name;
	unsigned char type;
	unsigned char kind;     /* pl_block_kind for EL_KIND */
	unsigned char level;
} element;

static const element elements[] = {
	{"p", EL_BLOCK, 0, 0}, {"div", EL_BLOCK, 0, 0},
	{"li", EL_KIND, PL_BLOCK_LIST_ITEM, 0},
	{"td", EL_KIND, PL_BLOCK_TABLE_CELL, 0},
	{"th", EL_KIND, PL_BLOCK_TABLE_CELL, 0},
	{"h1", EL_KIND, PL_BLOCK_HEADING, 1}, {"h2", EL_KIND, PL_BLOCK_HEADING, 2},
	{"h3", EL_KIND, PL_BLOCK_HEADING, 3}, {"h4", EL_KIND, PL_BLOCK_HEADING, 4},
	{"h5", EL_KIND, PL_BLOCK_HEADING, 5}, {"h6", EL_KIND, PL_BLOCK_HEADING, 6},
	{"title", EL_KIND, PL_BLOCK_HEADING, 1},
	{"blockquote", EL_KIND, PL_BLOCK_QUOTE, 0},
	{"ul", EL_CONTAINER, 0, 0}, {"ol", EL_CONTAINER, 0, 0},
	{"dl", EL_CONTAINER, 0, 0}, {"table", EL_CONTAINER, 0, 0},
	{"tr", EL_CONTAINER, 0, 0},
	{"br", EL_BR, 0, 0},
	{"b", EL_BOLD, 0, 0}, {"strong", EL_BOLD, 0, 0},
	{"script", EL_RAW, 0, 0}, {"style", EL_RAW, 0, 0},
	/* A <template> is inert in a browser, but a single-file component's
	 * (Vue, Angular) is the whole page: its contents are read. */
	{"noscript", EL_RAW, 0, 0}, {"template", EL_BLOCK, 0, 0},
	{"textarea", EL_RAW, 0, 0}, {"svg", EL_RAW, 0, 0},
	{"dd", EL_BLOCK, 0, 0}, {"dt", EL_BLOCK, 0, 0}, {"pre", EL_BLOCK, 0, 0},
	{"hr", EL_BLOCK, 0, 0}, {"section", EL_BLOCK, 0, 0},
	{"article", EL_BLOCK, 0, 0}, {"header", EL_BLOCK, 0, 0},
	{"footer", EL_BLOCK, 0, 0}, {"main", EL_BLOCK, 0, 0},
	{"nav", EL_BLOCK, 0, 0}, {"aside", EL_BLOCK, 0, 0},
	{"address", EL_BLOCK, 0, 0}, {"figure", EL_BLOCK, 0, 0},
	{"figcaption", EL_BLOCK, 0, 0}, {"caption", EL_BLOCK, 0, 0},
	{"thead", EL_BLOCK, 0, 0}, {"tbody", EL_BLOCK, 0, 0},
	{"tfoot", EL_BLOCK, 0, 0}, {"form", EL_BLOCK, 0, 0},
	{"fieldset", EL_BLOCK, 0, 0}, {"legend", EL_BLOCK, 0, 0},
	{"details", EL_BLOCK, 0, 0}, {"summary", EL_BLOCK, 0, 0},
	{"center", EL_BLOCK, 0, 0}, {"body", EL_BLOCK, 0, 0},
	{"html", EL_BLOCK, 0, 0}, {"head", EL_BLOCK, 0, 0},
	{"option", EL_BLOCK, 0, 0},
};

static const element inline_element = {"", EL_INLINE, 0, 0};

/* The element named s[0..n) (any case); unknown ones are inline. */
static const element *find_element(const char *s, size_t n)
{
	char name[12];
	if (n >= sizeof name)
		return &inline_element;
	for (size_t i = 0; i < n; i++)
		name[i] = (char)(s[i] | 0x20);  /* names are ASCII letters and digits */
	name[n] = '\0';
	for (size_t k = 0; k < sizeof elements / sizeof *elements; k++)
		if (strcmp(elements[k].name, name) == 0)
			return &elements[k];
	return &inline_element;
}

/* ---- The scanner's state ------------------------------------------------ */

#define TABLE_COLUMNS 32       /* columns whose header cells are linked */
#define STACK_MAX 256

enum { END_TAG, END_DOUBLE_BR, END_LINE, END_BOLD };

typedef struct {
	pl_text *t;
	pl_buf out;
	const char *s;
	size_t n;
	int light;              /* light HTML: source lines are paragraphs */

	int open;               /* a block has begun */
	int space;              /* white space waits to be written */
	int space_br;           /* ... and it is a <br>: a line break */
	size_t space_off, space_len;    /* its source; len 0: from a tag */
	int newline;            /* light: a line break since the last text */
	int brs;                /* <br>s with only white space since */
	int bold;               /* depth of <b> and <strong> */
	int all_bold;           /* all text of the open block was bold */
	char last;              /* the last byte of prose written */

	/* The table being read: its rows so far, the current cell's column,
	 * and the blocks of its first row's cells (the column headers). */
	size_t table_row, cell_col, next_col;
	long header[TABLE_COLUMNS];

	/* Open elements that give text its kind (li, td, h2, ...) and the
	 * containers that scope them. */
	const element *stack[STACK_MAX];
	size_t depth;

	/* Where the next '>' (or quote) is known to be absent: searches from
	 * beyond these points fail at once, keeping broken input linear. */
	size_t no_gt_from, no_quote_from[2];
} html;

static int is_space_byte(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v' || c == '\0';
}

static int is_alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A bold line that is a whole block reads as a heading when it is short
 * and holds at most one sentence. */
static int bold_heading(const char *s, size_t n)
{
	if (n == 0 || n > 120)
		return 0;
	size_t words = 1;
	for (size_t i = 0; i + 2 < n; i++) {
		if (s[i] == ' ')
			words++;
		if (strchr(".!?", s[i]) && s[i] && s[i + 1] == ' ' &&
		    s[i + 2] >= 'A' && s[i + 2] <= 'Z')
			return 0;
	}
	return words <= 16;
}

static void end_block(html *h, int why)
{
	if (h->open) {
		size_t before = h->t->nblocks;
		pl_text_end_block(h->t, &h->out);
		pl_block *b = h->t->nblocks == before ?
				      &h->t->blocks[before - 1] : NULL;
		if (b != NULL && b->kind == PL_BLOCK_PARAGRAPH) {
			const char *p = h->out.data + b->start;
			size_t len = b->end - b->start;
			/* Light HTML marks headings with bold or with a
			 * double <br> after a short line; level 6, since
			 * nothing says how they nest. */
			if ((h->all_bold && bold_heading(p, len)) ||
			    (why == END_DOUBLE_BR && pl_heading_like(p, len))) {
				b->kind = PL_BLOCK_HEADING;
				b->level = 6;
			}
		}
	}
	h->open = 0;
	h->space = 0;
	h->space_br = 0;
	h->brs = 0;
	h->newline = 0;
}

/* The kind and level of a block that begins now: from the nearest open
 * li, td, heading or blockquote. */
static pl_block_kind current_kind(const html *h, int *level)
{
	*level = 0;
	for (size_t i = h->depth; i-- > 0;) {
		if (h->stack[i]->type == EL_KIND) {
			*level = h->stack[i]->level;
			return (pl_block_kind)h->stack[i]->kind;
		}
	}
	return PL_BLOCK_PARAGRAPH;
}

static void link_cell(html *h);

/* Writes text (no white space at its ends) that came from
 * src[off .. off+len). */
static void put_text(html *h, const char *text, size_t n, size_t off,
		     size_t len)
{
	if (h->open && h->newline) {
		/* Light HTML: a line break ends the paragraph, unless the
		 * line was hard-wrapped mid-sentence. */
		int wrapped = (h->last == '\0' ||
			       strchr(".:;!?", h->last) == NULL) &&
			      text[0] >= 'a' && text[0] <= 'z';
		if (!wrapped)
			end_block(h, END_LINE);
	}
	h->newline = 0;
	h->brs = 0;
	if (!h->open) {
		int level;
		pl_block_kind kind = current_kind(h, &level);
		pl_text_begin_block(h->t, &h->out, kind, level, off);
		if (kind == PL_BLOCK_TABLE_CELL)
			link_cell(h);
		h->open = 1;
		h->all_bold = h->bold > 0;
	} else if (h->space) {
		/* A <br> inside a block is a line break, which the sentence
		 * splitter reads: the lines of a list each become a sentence. */
		if (h->space_len == 0)  /* from a tag: at the text after it */
			pl_text_emit(h->t, &h->out, h->space_br ? "\n" : " ", 1,
				     off, 0);
		else if (h->space_br)
			pl_text_emit(h->t, &h->out, "\n", 1, h->space_off, 0);
		else
			pl_text_emit(h->t, &h->out, " ", 1, h->space_off,
				     h->space_len);
	}
	h->space = 0;
	h->space_br = 0;
	if (h->bold == 0)
		h->all_bold = 0;
	pl_text_emit(h->t, &h->out, text, n, off, len);
	h->last = text[n - 1];
}

/* Notes white space at src[off .. off+len); len 0 for a break a tag makes. */
static void put_space(html *h, size_t off, size_t len)
{
	if (!h->open)
		return;
	if (!h->space || (h->space_len == 0 && len > 0)) {
		h->space = 1;
		h->space_off = off;
		h->space_len = len;
	}
}

/* ---- Tags --------------------------------------------------------------- */

/* Position of byte c at or after from, or n. */
static size_t find_byte(html *h, char c, size_t from, size_t *no_from)
{
	if (from >= *no_from)
		return h->n;
	const char *p = memchr(h->s + from, c, h->n - from);
	if (p == NULL) {
		*no_from = from;
		return h->n;
	}
	return (size_t)(p - h->s);
}

/* Notes markup opened at i that runs to the end of the input: the text
 * after it is lost, and the user is told where it began. */
static size_t unclosed(html *h, size_t i, const char *what)
{
	if (h->t->unclosed[0] == '\0') {
		snprintf(h->t->unclosed, sizeof h->t->unclosed, "%s", what);
		h->t->unclosed_at = i;
	}
	return h->n;
}

/* Position just after the '>' that ends the tag whose attributes start at
 * i; quoted attribute values may hold a '>'. */
static size_t tag_end(html *h, size_t i)
{
	const char *s = h->s;
	size_t n = h->n;
	int after_eq = 0;
	while (i < n && s[i] != '>') {
		if ((s[i] == '"' || s[i] == '\'') && after_eq) {
			size_t q = find_byte(h, s[i], i + 1,
					     &h->no_quote_from[s[i] == '\'']);
			if (q >= n)     /* unclosed: the first '>' ends it */
				break;
			i = q + 1;
			after_eq = 0;
			continue;
		}
		if (s[i] == '=')
			after_eq = 1;
		else if (!is_space_byte((unsigned char)s[i]))
			after_eq = 0;
		i++;
	}
	if (i < n && s[i] == '>')
		return i + 1;
	size_t gt = find_byte(h, '>', i, &h->no_gt_from);
	return gt < n ? gt + 1 : n;
}

/* Position of what follows the end tag of a raw-text element named
 * name[0..len) (its start tag at start) whose contents start at i; n if
 * it is never closed. */
static size_t skip_raw(html *h, size_t start, size_t i, const char *name,
		       size_t len)
{
	const char *s = h->s;
	char what[40];
	snprintf(what, sizeof what, "<%.*s>", (int)(len < 30 ? len : 30), name);
	while (i < h->n) {
		const char *lt = memchr(s + i, '<', h->n - i);
		if (lt == NULL)
			return unclosed(h, start, what);
		i = (size_t)(lt - s);
		if (i + 2 + len <= h->n && s[i + 1] == '/') {
			size_t k = 0;
			while (k < len && (s[i + 2 + k] | 0x20) == (name[k] | 0x20))
				k++;
			if (k == len && (i + 2 + len == h->n ||
					 !is_alpha((unsigned char)s[i + 2 + len])))
				return tag_end(h, i + 2 + len);
		}
		i++;
	}
	return unclosed(h, start, what);
}

static void push_element(html *h, const element *e)
{
	/* An li ends the li before it, a td the td before it: HTML lets
	 * authors leave out those end tags. */
	if (h->depth > 0 && e->type == EL_KIND) {
		const element *top = h->stack[h->depth - 1];
		if (top == e || (top->kind == PL_BLOCK_TABLE_CELL &&
				 e->kind == PL_BLOCK_TABLE_CELL))
			h->depth--;
	}
	if (h->depth < STACK_MAX)
		h->stack[h->depth++] = e;
}

static void pop_element(html *h, const element *e)
{
	for (size_t i = h->depth; i-- > 0;) {
		if (h->stack[i] == e) {
			h->depth = i;
			return;
		}
	}
}

/* Rows and columns, so that a cell knows its column's header. */
static void table_structure(html *h, const element *e)
{
	if (strcmp(e->name, "table") == 0) {
		h->table_row = 0;
		for (size_t k = 0; k < TABLE_COLUMNS; k++)
			h->header[k] = -1;
	} else if (strcmp(e->name, "tr") == 0) {
		h->table_row++;
		h->next_col = 0;
	} else if (e->kind == PL_BLOCK_TABLE_CELL) {
		h->cell_col = h->next_col++;
	}
}

/* The block just begun is a cell of column cell_col: a header cell in the
 * first row, else a cell under one. */
static void link_cell(html *h)
{
	pl_text *t = h->t;
	if (h->cell_col >= TABLE_COLUMNS || t->nblocks == 0)
		return;
	if (h->table_row <= 1)
		h->header[h->cell_col] = (long)t->nblocks - 1;
	else
		t->blocks[t->nblocks - 1].header = h->header[h->cell_col];
}

static void start_tag(html *h, const element *e)
{
	switch (e->type) {
	case EL_BR:
		if (h->open && h->brs > 0) {
			end_block(h, END_DOUBLE_BR);
			return;
		}
		/* A bold line and a <br>: a heading in the making. */
		if (h->open && h->all_bold && h->bold == 0 &&
		    bold_heading(h->out.data + h->t->blocks[h->t->nblocks - 1].start,
				 h->out.len - h->t->blocks[h->t->nblocks - 1].start)) {
			end_block(h, END_BOLD);
			return;
		}
		h->brs++;
		put_space(h, 0, 0);
		h->space_br = h->open;
		break;
	case EL_BOLD:
		h->bold++;
		break;
	case EL_KIND:
	case EL_CONTAINER:
		end_block(h, END_TAG);
		push_element(h, e);
		table_structure(h, e);
		break;
	case EL_BLOCK:
		end_block(h, END_TAG);
		break;
	default:
		break;
	}
}

static void end_tag(html *h, const element *e)
{
	switch (e->type) {
	case EL_BOLD:
		if (h->bold > 0)
			h->bold--;
		break;
	case EL_BR:     /* "</br>" is a <br> to browsers */
		start_tag(h, e);
		break;
	case EL_KIND:
	case EL_CONTAINER:
		end_block(h, END_TAG);
		pop_element(h, e);
		break;
	case EL_BLOCK:
		end_block(h, END_TAG);
		break;
	default:
		break;
	}
}

/* A tag at i that ends at end: when no '>' ever closes it, it ran to the
 * end of the input. */
static size_t tag_closed(html *h, size_t i, size_t end)
{
	if (end >= h->n && (h->n == 0 || h->s[h->n - 1] != '>'))
		return unclosed(h, i, "a tag '<' without '>'");
	return end;
}

/* Handles the markup at s[i] == '<'; returns where scanning goes on, or i
 * when the '<' is just a character. */
static size_t markup(html *h, size_t i)
{
	const char *s = h->s;
	size_t n = h->n;
	if (i + 1 >= n)
		return i;
	if (s[i + 1] == '!') {
		if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
			/* "<!-->" and "<!--->" are whole (empty) comments. */
			for (size_t j = i + 2; j + 3 <= n; j++) {
				const char *d = memchr(s + j, '-', n - j);
				if (d == NULL)
					break;
				j = (size_t)(d - s);
				if (j + 3 <= n && memcmp(s + j, "-->", 3) == 0)
					return j + 3;
			}
			return unclosed(h, i, "a comment '<!--'");
		}
		if (n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
			for (size_t j = i + 9; j + 3 <= n; j++) {
				const char *d = memchr(s + j, ']', n - j);
				if (d == NULL)
					break;
				j = (size_t)(d - s);
				if (j + 3 <= n && memcmp(s + j, "]]>", 3) == 0)
					return j + 3;
			}
			return unclosed(h, i, "a CDATA section '<![CDATA['");
		}
		return tag_closed(h, i, tag_end(h, i + 2));   /* <!DOCTYPE ...> */
	}
	if (s[i + 1] == '?')
		return tag_closed(h, i, tag_end(h, i + 2));
	int closing = s[i + 1] == '/';
	size_t a = i + 1 + closing, b = a;
	if (b >= n || !is_alpha((unsigned char)s[b]))
		return i;       /* "a < b", "<3": text */
	while (b < n && (is_alnum((unsigned char)s[b]) || s[b] == '-' ||
			 s[b] == ':'))
		b++;
	const element *e = find_element(s + a, b - a);
	size_t end = tag_closed(h, i, tag_end(h, b));
	if (closing) {
		end_tag(h, e);
		return end;
	}
	int self_closing = end >= 2 && s[end - 2] == '/' && s[end - 1] == '>';
	if (e->type == EL_RAW) {
		if (self_closing)
			return end;
		return skip_raw(h, i, end, s + a, b - a);
	}
	start_tag(h, e);
	return end;
}

/* Light HTML: hardly any element that structures a page, so line breaks
 * and <br>s are all the structure there is. */
static int is_light(const char *s, size_t n)
{
	size_t structural = 0;
	for (size_t i = 0; i < n; i++) {
		const char *lt = memchr(s + i, '<', n - i);
		if (lt == NULL)
			break;
		i = (size_t)(lt - s) + 1;
		size_t j = i;
		while (j < n && j - i <= 10 && is_alnum((unsigned char)s[j]))
			j++;
		if (j == i || j - i > 10)
			continue;
		/* Lists, line breaks, bold and rules are what light HTML is
		 * made of; anything else that makes blocks is structure. */
		const element *e = find_element(s + i, j - i);
		int light = e->type == EL_INLINE || e->type == EL_BOLD ||
			    e->type == EL_BR || e->type == EL_RAW ||
			    e->kind == PL_BLOCK_LIST_ITEM ||
			    strcmp(e->name, "ul") == 0 || strcmp(e->name, "ol") == 0 ||
			    strcmp(e->name, "hr") == 0;
		if (!light && ++structural >= 3)
			return 0;
	}
	return 1;
}

static void entity_at(html *h, size_t i, size_t *next)
{
	char buf[8];
	size_t used = 0;
	size_t len = pl_decode_entity(h->s + i, h->n - i, buf, &used);
	if (len == 0) {
		put_text(h, "&", 1, i, 1);
		*next = i + 1;
		return;
	}
	*next = i + used;
	if (len == 2 && (unsigned char)buf[0] == 0xC2 &&
	    (unsigned char)buf[1] == 0xA0)
		put_space(h, i, used);          /* &nbsp; */
	else if (pl_invisible_len(buf, 0, len) == 0)
		put_text(h, buf, len, i, used);
}

void pl_extract_html(pl_text *t, const char *src, size_t len)
{
	html *h = pl_xcalloc(1, sizeof(*h));
	h->t = t;
	h->s = src;
	h->n = len;
	h->no_gt_from = h->no_quote_from[0] = h->no_quote_from[1] = len + 1;
	for (size_t k = 0; k < TABLE_COLUMNS; k++)
		h->header[k] = -1;
	pl_buf_init(&h->out);
	t->src = src;
	t->src_len = len;
	h->light = is_light(src, len);

	size_t i = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	while (i < len) {
		unsigned char c = (unsigned char)src[i];
		size_t w;
		if (c == '<') {
			size_t next = markup(h, i);
			if (next != i) {
				i = next;
				continue;
			}
			put_text(h, "<", 1, i, 1);
			i++;
		} else if (c == '&') {
			entity_at(h, i, &i);
		} else if (is_space_byte(c)) {
			/* A lone '\r' ends a line as '\n' does. */
			if ((c == '\n' || (c == '\r' && (i + 1 >= len ||
							 src[i + 1] != '\n'))) &&
			    h->light && h->open)
				h->newline = 1;
			put_space(h, i, 1);
			i++;
		} else if (c == 0xC2 && i + 1 < len &&
			   (unsigned char)src[i + 1] == 0xA0) {
			put_space(h, i, 2);
			i += 2;
		} else if ((w = pl_invisible_len(src, i, len)) > 0) {
			i += w;
		} else {
			/* A run of ordinary text, written in one piece. */
			size_t j = i + 1;
			while (j < len) {
				unsigned char d = (unsigned char)src[j];
				if (d == '<' || d == '&' || is_space_byte(d) ||
				    d == 0xC2 || d == 0xE2 || d == 0xEF)
					break;
				j++;
			}
			put_text(h, src + i, j - i, i, j - i);
			i = j;
		}
	}
	end_block(h, END_TAG);
	t->prose_len = h->out.len;
	t->prose = pl_buf_detach(&h->out);
	free(h);
}
