/*
 * lsp_io.c: the base protocol of the Language Server Protocol: each
 * message is a header block ("Content-Length: N", optionally
 * "Content-Type: ...", each line ending in \r\n, then an empty line) and
 * N bytes of JSON.  Read with read(2) into a buffer of our own, so that
 * the server can poll the descriptor to debounce (lsp.c).  A header block
 * without a usable length is skipped up to its empty line and reported,
 * so that one bad message never puts the stream out of step for good.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "lsp.h"
#include "util.h"

#define MAX_HEADER 8192         /* a header block longer than this is junk */
#define CHUNK 65536

/* Reads more input; 0 at the end (or on an error: the client is gone). */
static int fill(pl_lsp_reader *rd)
{
	if (rd->eof)
		return 0;
	if (rd->pos > 0 && rd->pos == rd->len) {
		rd->pos = rd->len = 0;
	} else if (rd->pos > CHUNK) {
		memmove(rd->buf, rd->buf + rd->pos, rd->len - rd->pos);
		rd->len -= rd->pos;
		rd->pos = 0;
	}
	pl_grow((void **)&rd->buf, &rd->cap, rd->len + CHUNK + 1, 1);
	ssize_t got;
	do
		got = read(rd->fd, rd->buf + rd->len, CHUNK);
	while (got < 0 && errno == EINTR);
	if (got <= 0) {
		rd->eof = 1;
		return 0;
	}
	rd->len += (size_t)got;
	return 1;
}

/* The offset just past the "\r\n\r\n" (or "\n\n") that ends the header
 * block starting at rd->pos, or 0 when it is not all read yet. */
static size_t header_end(const pl_lsp_reader *rd)
{
	for (size_t i = rd->pos; i < rd->len; i++) {
		if (rd->buf[i] != '\n')
			continue;
		if (i + 1 < rd->len && rd->buf[i + 1] == '\n')
			return i + 2;
		if (i + 2 < rd->len && rd->buf[i + 1] == '\r' &&
		    rd->buf[i + 2] == '\n')
			return i + 3;
	}
	return 0;
}

/* The value of Content-Length in the header block [from, to), or -1. */
static long long content_length(const char *s, size_t from, size_t to)
{
	static const char name[] = "content-length:";
	for (size_t i = from; i < to;) {
		size_t e = i;
		while (e < to && s[e] != '\n')
			e++;
		if (e - i > sizeof name - 1 &&
		    strncasecmp(s + i, name, sizeof name - 1) == 0) {
			const char *p = s + i + sizeof name - 1;
			while (*p == ' ' || *p == '\t')
				p++;
			if (*p < '0' || *p > '9')
				return -1;
			long long v = 0;
			for (; *p >= '0' && *p <= '9'; p++)
				if ((v = v * 10 + (*p - '0')) > (1LL << 40))
					return -1;
			return *p == '\r' || *p == '\n' || *p == ' ' ? v : -1;
		}
		i = e + 1;
	}
	return -1;
}

/* Drops n bytes of input (a body too large to keep). */
static void skip(pl_lsp_reader *rd, size_t n)
{
	while (n > 0) {
		if (rd->pos == rd->len && !fill(rd))
			return;
		size_t k = rd->len - rd->pos < n ? rd->len - rd->pos : n;
		rd->pos += k;
		n -= k;
	}
}

/* Reads the header block; returns its end, or 0 at the end of input.
 * *junk is set when MAX_HEADER bytes came without an empty line. */
static size_t read_header(pl_lsp_reader *rd, int *junk)
{
	size_t end;
	*junk = 0;
	while ((end = header_end(rd)) == 0) {
		if (rd->len - rd->pos > MAX_HEADER) {
			*junk = 1;
			return rd->len;
		}
		if (!fill(rd))
			return 0;
	}
	return end;
}

int pl_lsp_read(pl_lsp_reader *rd, char **body, size_t *n, const char **why)
{
	int junk;
	/* Blank lines between messages are tolerated. */
	for (;;) {
		while (rd->pos < rd->len && (rd->buf[rd->pos] == '\r' ||
					     rd->buf[rd->pos] == '\n'))
			rd->pos++;
		if (rd->pos < rd->len || !fill(rd))
			break;
	}
	size_t end = read_header(rd, &junk);
	if (end == 0)
		return PL_LSP_EOF;
	long long len = junk ? -1 : content_length(rd->buf, rd->pos, end);
	rd->pos = end;
	if (len < 0) {
		*why = junk ? "a header block with no end" :
			      "a header block with no valid Content-Length";
		return PL_LSP_BAD_FRAME;
	}
	if ((unsigned long long)len > PL_LSP_MAX_BODY) {
		skip(rd, (size_t)len);
		*why = "a message larger than 512 MB";
		return PL_LSP_BAD_FRAME;
	}
	while (rd->len - rd->pos < (size_t)len)
		if (!fill(rd))
			return PL_LSP_EOF;      /* cut off: the client is gone */
	*n = (size_t)len;
	*body = pl_xstrndup(rd->buf + rd->pos, *n);
	rd->pos += *n;
	return PL_LSP_MESSAGE;
}

int pl_lsp_buffered(const pl_lsp_reader *rd)
{
	for (size_t i = rd->pos; i < rd->len; i++)
		if (rd->buf[i] != '\r' && rd->buf[i] != '\n')
			return 1;
	return 0;
}

void pl_lsp_reader_free(pl_lsp_reader *rd)
{
	free(rd->buf);
	rd->buf = NULL;
	rd->len = rd->pos = rd->cap = 0;
}

static int write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t k = write(fd, s, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		s += k;
		n -= (size_t)k;
	}
	return 0;
}

int pl_lsp_write(int fd, const char *body, size_t n)
{
	char head[64];
	int h = snprintf(head, sizeof head, "Content-Length: %zu\r\n\r\n", n);
	return write_all(fd, head, (size_t)h) == 0 && write_all(fd, body, n) == 0 ?
		       0 : -1;
}
