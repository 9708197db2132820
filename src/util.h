/*
 * util.h: allocation wrappers, a growable byte buffer and a growable array.
 *
 * Out-of-memory is not a user error: the wrappers print a message and abort,
 * so that the rest of the code only handles errors a user can fix.
 */
#ifndef PL_UTIL_H
#define PL_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

void *pl_xmalloc(size_t size);
void *pl_xcalloc(size_t count, size_t size);
void *pl_xrealloc(void *ptr, size_t size);
char *pl_xstrdup(const char *s);
char *pl_xstrndup(const char *s, size_t n);
char *pl_xasprintf(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* Grow *items (of item_size bytes each) so that it can hold at least need
 * items; *cap is updated. Amortised doubling. */
void pl_grow(void **items, size_t *cap, size_t need, size_t item_size);

#define PL_PUSH(arr, n, cap, value)                                          \
	do {                                                                 \
		pl_grow((void **)&(arr), &(cap), (n) + 1, sizeof(*(arr)));   \
		(arr)[(n)++] = (value);                                      \
	} while (0)

/* A growable, always NUL-terminated byte buffer. */
typedef struct {
	char *data;
	size_t len;
	size_t cap;
} pl_buf;

void pl_buf_init(pl_buf *b);
void pl_buf_free(pl_buf *b);
void pl_buf_putc(pl_buf *b, char c);
void pl_buf_put(pl_buf *b, const char *s, size_t n);
void pl_buf_puts(pl_buf *b, const char *s);
void pl_buf_printf(pl_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap);
/* Hands the buffer's storage to the caller (never NULL) and resets b. */
char *pl_buf_detach(pl_buf *b);

/* Whether id is one of ids[0..n). */
int pl_id_listed(const char *const *ids, size_t n, const char *id);

/* Lines end at "\n", "\r\n" or a lone "\r" (old Mac files), everywhere
 * policylint counts lines: the line index of results, directives and the
 * extractors.  pl_line_end returns the offset of the line end at or after
 * i in s[0..n) (n when the last line has none); pl_line_next the offset
 * just past the line end at e. */
size_t pl_line_end(const char *s, size_t i, size_t n);
size_t pl_line_next(const char *s, size_t e, size_t n);

/* Number of UTF-8 characters in s[0..n): counts every byte that is not a
 * continuation byte, so invalid sequences still advance the count. */
size_t pl_utf8_count(const char *s, size_t n);
/* The length of the valid UTF-8 sequence at s (n > 0 bytes left), its
 * code point in *cp; 0 for an invalid, overlong, surrogate or truncated
 * sequence. */
size_t pl_utf8_decode(const unsigned char *s, size_t n, unsigned *cp);

#endif
