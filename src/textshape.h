/*
 * textshape.h: how a piece of text reads (textshape.c), shared by the three
 * extractors and the sentence splitter.
 *
 * - pl_decode_entity: HTML character references, for the HTML and the
 *   Markdown extractor alike.
 * - pl_bullet_len and pl_heading_like: how a line of prose reads (a list
 *   item? a heading?), for the plain-text and the HTML extractor to infer
 *   structure that no markup states, and for the sentence splitter to find
 *   list items run into one block.
 * - pl_space_at, pl_space_before, pl_invisible_len: white space and
 *   characters that are nothing to a reader.
 */
#ifndef PL_TEXTSHAPE_H
#define PL_TEXTSHAPE_H

#include <stddef.h>

/* Decodes the character reference at s[0..n) (s[0] is '&'): "&amp;",
 * "&#8217;", "&#x2019;" and the common named ones.  On success writes the
 * UTF-8 bytes to out, the reference's length in s to *consumed, and returns
 * the number of bytes written (1-4).  Returns 0 when s does not start with a
 * reference this decoder knows: the caller then keeps the '&' as text.
 * References to code points that cannot appear in text (0, surrogates,
 * beyond U+10FFFF) decode to U+FFFD; &#128;-&#159; decode as Windows-1252,
 * as browsers do. */
size_t pl_decode_entity(const char *s, size_t n, char out[8],
			size_t *consumed);

/* Length of the list marker that s[0..n) starts with, spaces after it
 * included: a bullet glyph ("•", "-", "*", "·", "▪", "◦", ...) or a number
 * or letter ("1.", "2)", "a)", "(iv)", "1.2").  0 when there is none.
 * *numbered (may be NULL) is set to 1 for numbers and letters, which can
 * also number headings. */
size_t pl_bullet_len(const char *s, size_t n, int *numbered);

/* How the single line s[0..n) (trimmed) reads: 0 like prose, 1 like an
 * upper-case heading ("HOW WE USE DATA"), 2 like a title ("How We Use
 * Data", "Cookies:", "What do we collect?").  Only the shape of the line is
 * judged; callers add what they know of its surroundings. */
int pl_heading_like(const char *s, size_t n);

/* Length of a character that is nothing to a reader (soft hyphen, zero-
 * width space and joiners, direction marks, a stray byte order mark) at
 * s[i] (n bytes in all), 0 if there is none.  The HTML and Markdown
 * extractors drop these so that patterns see plain words. */
size_t pl_invisible_len(const char *s, size_t i, size_t n);

/* Length of the white-space character at s[i] (n bytes in all), 0 when
 * there is none: ASCII white space but the line feed, the no-break space,
 * the zero-width space and a stray byte order mark. */
size_t pl_space_at(const char *s, size_t i, size_t n);
/* The same for the character that ends at s[end-1] (start bounds it). */
size_t pl_space_before(const char *s, size_t start, size_t end);

#endif
