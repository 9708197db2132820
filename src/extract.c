/*
 * extract.c: from the bytes of a policy to segmented prose: which format
 * the input is in (its name, else its content), the extractor for that
 * format, then the sentence splitter.  The one entry point the scanner
 * calls; the extractors never call back into it.
 */
#include <string.h>

#include "diag.h"
#include "text.h"

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	if (m > n)
		return 0;
	for (size_t i = 0; i < m; i++) {
		char c = s[n - m + i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != suffix[i])
			return 0;
	}
	return 1;
}

pl_input_format pl_input_format_for_path(const char *path)
{
	if (ends_with(path, ".md") || ends_with(path, ".markdown") ||
	    ends_with(path, ".mdown") || ends_with(path, ".mkd"))
		return PL_INPUT_MARKDOWN;
	if (ends_with(path, ".html") || ends_with(path, ".htm") ||
	    ends_with(path, ".xhtml"))
		return PL_INPUT_HTML;
	return PL_INPUT_TEXT;
}

/* Case-insensitive prefix test on a non-terminated buffer. */
static int starts_with_ci(const char *s, size_t n, const char *prefix)
{
	size_t m = strlen(prefix);
	if (n < m)
		return 0;
	for (size_t i = 0; i < m; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (c != prefix[i])
			return 0;
	}
	return 1;
}

/* Whether the line s[0..n) uses Markdown block or inline syntax. */
static int markdown_line(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	size_t h = i;
	while (h < n && s[h] == '#')
		h++;
	if (h > i && h - i <= 6 && h < n && s[h] == ' ')
		return 1;                       /* # Heading */
	if (i + 1 < n && s[i] == '>' && s[i + 1] == ' ')
		return 1;                       /* > quote */
	for (size_t k = i; k + 1 < n; k++) {
		if (s[k] == ']' && s[k + 1] == '(')
			return 1;               /* [text](url) */
		if (s[k] == '*' && s[k + 1] == '*' && k + 2 < n && s[k + 2] != ' ')
			return 1;               /* **strong** */
	}
	return 0;
}

/* Whether the line s[0..n) opens, after indentation, with a block-level
 * HTML tag ("<p>", "<div class=...>", "<h2 id=...>", "<li>", "</ul>"). */
static int html_block_line(const char *s, size_t n)
{
	static const char *const tags[] = {
		"p", "div", "section", "article", "main", "header", "footer",
		"nav", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
		"li", "table", "tr", "td", "th", "br", "dl", "dt", "dd",
		"blockquote", "strong", "span", "a", NULL};
	size_t i = 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i >= n || s[i] != '<')
		return 0;
	i++;
	if (i < n && s[i] == '/')
		i++;
	for (size_t t = 0; tags[t]; t++) {
		size_t m = strlen(tags[t]);
		if (i + m <= n && starts_with_ci(s + i, n - i, tags[t]) &&
		    (i + m == n || s[i + m] == '>' || s[i + m] == ' ' ||
		     s[i + m] == '\t' || s[i + m] == '/'))
			return 1;
	}
	return 0;
}

pl_input_format pl_input_format_sniff(const char *src, size_t len)
{
	size_t i = 0;
	if (len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < len && (src[i] == ' ' || src[i] == '\t' || src[i] == '\r' ||
			   src[i] == '\n'))
		i++;
	const char *head = src + i;
	size_t rest = len - i;
	if (starts_with_ci(head, rest, "<!doctype html") ||
	    starts_with_ci(head, rest, "<html") ||
	    starts_with_ci(head, rest, "<body") ||
	    starts_with_ci(head, rest, "<head"))
		return PL_INPUT_HTML;
	/* Markdown: three marked lines among the first 200, so that a stray
	 * "#1" or "**" in prose does not change how a text file is read.  A
	 * template of a web page (Astro, ERB, a PHP or Python page) has no
	 * doctype but lines that open with block tags: read as HTML when
	 * they are three or more and outnumber the Markdown lines (a
	 * Markdown file may hold a few HTML blocks). */
	size_t marked = 0, tagged = 0, lines = 0;
	for (size_t pos = 0; pos < len && lines < 200; lines++) {
		size_t end = pl_line_end(src, pos, len);
		marked += markdown_line(src + pos, end - pos);
		tagged += html_block_line(src + pos, end - pos);
		pos = pl_line_next(src, end, len);
	}
	if (tagged >= 3 && tagged > marked)
		return PL_INPUT_HTML;
	if (marked >= 3)
		return PL_INPUT_MARKDOWN;
	return PL_INPUT_TEXT;
}

/* Whether src holds an HTML tag or comment: '<' then a letter, '/' or
 * '!'. */
static int has_tag(const char *src, size_t len)
{
	for (const char *p = memchr(src, '<', len); p;
	     p = memchr(p + 1, '<', len - (size_t)(p + 1 - src))) {
		if (p + 1 >= src + len)
			break;
		unsigned char c = (unsigned char)p[1];
		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			return 1;
		if (c == '/' || c == '!')
			return 1;
	}
	return 0;
}

pl_input_format pl_input_format_decide(pl_input_format requested,
				       const char *name, const char *src,
				       size_t len)
{
	if (requested != PL_INPUT_AUTO)
		return requested;
	pl_input_format fmt = name ? pl_input_format_for_path(name) :
				     PL_INPUT_TEXT;
	/* A name that says text is only a default: policies saved from a web
	 * page or a repository often keep their markup.  A page template
	 * named .html that holds no tag at all, only Markdown inside its
	 * template directives ({% set content %} ... ), is Markdown. */
	if (fmt == PL_INPUT_HTML && !has_tag(src, len) &&
	    pl_input_format_sniff(src, len) == PL_INPUT_MARKDOWN)
		return PL_INPUT_MARKDOWN;
	return fmt == PL_INPUT_TEXT ? pl_input_format_sniff(src, len) : fmt;
}

void pl_extract(pl_text *t, pl_input_format fmt, const char *src, size_t len)
{
	switch (fmt) {
	case PL_INPUT_MARKDOWN:
		pl_extract_markdown(t, src, len);
		break;
	case PL_INPUT_HTML:
		pl_extract_html(t, src, len);
		break;
	default:
		pl_extract_text(t, src, len);
		break;
	}
	pl_text_segment(t);
}

/* ---- What extraction lost or found missing --------------------------------- */

/* The 1-based line and character column of src[off], lines ending as the
 * result counts them. */
static void position_of(const char *src, size_t len, size_t off,
			unsigned long *line, unsigned long *column)
{
	size_t start = 0;
	*line = 1;
	for (;;) {
		size_t end = pl_line_end(src, start, len);
		size_t next = pl_line_next(src, end, len);
		if (end >= len || next > off)
			break;
		start = next;
		++*line;
	}
	*column = (unsigned long)pl_utf8_count(src + start, off - start) + 1;
}

/* Whether s[0..n) holds a letter, a digit or any non-ASCII character. */
static int has_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c >= 0x80)
			return 1;
	}
	return 0;
}

void pl_text_diagnose(const pl_text *t, const char *name, pl_diags *diags)
{
	if (t->unclosed[0] && t->unclosed_at < t->src_len) {
		unsigned long line, col, last, unused;
		position_of(t->src, t->src_len, t->unclosed_at, &line, &col);
		position_of(t->src, t->src_len, t->src_len - 1, &last, &unused);
		pl_diags_add(diags, PL_DIAG_INPUT_UNTERMINATED, name, line, col,
			     "%s begins here and is never closed: the rest of "
			     "the file (lines %lu to %lu) is not read as text",
			     t->unclosed, line, last);
	}
	/* Missing findings are still made: an emptied policy must fail a
	 * CI gate, and this note says why everything is missing. */
	if (!has_text(t->prose ? t->prose : "", t->prose_len)) {
		const char *what = t->src_len == 0 ? " (the file is empty)" :
				   t->prose_is_src ?
					   " (only white space or punctuation)" :
					   " outside its markup";
		pl_diags_add(diags, PL_DIAG_INPUT_EMPTY, name, 0, 0,
			     "has no text%s: every disclosure it must make is "
			     "reported missing", what);
	}
}
