/*
 * extract.c: from the bytes of a policy to segmented prose: which format
 * the input is in (its name, else its content), the extractor for that
 * format, then the sentence splitter.  The one entry point the scanner
 * calls; the extractors never call back into it.
 */
#include <string.h>

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
	 * "#1" or "**" in prose does not change how a text file is read. */
	size_t marked = 0, lines = 0;
	for (size_t pos = 0; pos < len && lines < 200; lines++) {
		const char *nl = memchr(src + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - src) : len;
		marked += markdown_line(src + pos, end - pos);
		if (marked >= 3)
			return PL_INPUT_MARKDOWN;
		pos = end + 1;
	}
	return PL_INPUT_TEXT;
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
	 * page or a repository often keep their markup. */
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
