/*
 * util.c: allocation wrappers that abort on exhaustion, pl_buf, and small
 * UTF-8 helpers.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static void out_of_memory(size_t size)
{
	fprintf(stderr, "policylint: out of memory (asked for %zu bytes)\n",
		size);
	abort();
}

void *pl_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (p == NULL)
		out_of_memory(size);
	return p;
}

void *pl_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory(count * size);
	return p;
}

void *pl_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (p == NULL)
		out_of_memory(size);
	return p;
}

char *pl_xstrdup(const char *s)
{
	return pl_xstrndup(s, strlen(s));
}

char *pl_xstrndup(const char *s, size_t n)
{
	char *p = pl_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *pl_xasprintf(const char *fmt, ...)
{
	pl_buf b;
	va_list ap;
	pl_buf_init(&b);
	va_start(ap, fmt);
	pl_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return pl_buf_detach(&b);
}

void pl_grow(void **items, size_t *cap, size_t need, size_t item_size)
{
	if (need <= *cap)
		return;
	size_t n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*items = pl_xrealloc(*items, n * item_size);
	*cap = n;
}

void pl_buf_init(pl_buf *b)
{
	b->data = NULL;
	b->len = 0;
	b->cap = 0;
}

void pl_buf_free(pl_buf *b)
{
	free(b->data);
	pl_buf_init(b);
}

static void buf_reserve(pl_buf *b, size_t extra)
{
	pl_grow((void **)&b->data, &b->cap, b->len + extra + 1, 1);
}

void pl_buf_putc(pl_buf *b, char c)
{
	buf_reserve(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}

void pl_buf_put(pl_buf *b, const char *s, size_t n)
{
	buf_reserve(b, n);
	if (n)
		memcpy(b->data + b->len, s, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void pl_buf_puts(pl_buf *b, const char *s)
{
	pl_buf_put(b, s, strlen(s));
}

void pl_buf_vprintf(pl_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	buf_reserve(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void pl_buf_printf(pl_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pl_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *pl_buf_detach(pl_buf *b)
{
	char *p = b->data;
	if (p == NULL)
		p = pl_xstrdup("");
	pl_buf_init(b);
	return p;
}

size_t pl_line_end(const char *s, size_t i, size_t n)
{
	/* One pass over the bytes: two memchr calls (one per line end)
	 * would rescan the rest of a file that has no '\r' for every line. */
	while (i < n && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

size_t pl_line_next(const char *s, size_t e, size_t n)
{
	if (e >= n)
		return n;
	if (s[e] == '\r' && e + 1 < n && s[e + 1] == '\n')
		return e + 2;
	return e + 1;
}

size_t pl_utf8_count(const char *s, size_t n)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			count++;
	return count;
}

int pl_id_listed(const char *const *ids, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

size_t pl_utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len;
	unsigned min, v;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		len = 2; min = 0x80; v = s[0] & 0x1Fu;
	} else if ((s[0] & 0xF0) == 0xE0) {
		len = 3; min = 0x800; v = s[0] & 0x0Fu;
	} else if ((s[0] & 0xF8) == 0xF0) {
		len = 4; min = 0x10000; v = s[0] & 0x07u;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3Fu);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return len;
}
