/*
 * wire.c: reading and writing the byte format of wire.h.  Integers are
 * stored in the machine's own order: the files are caches on this machine
 * (their header records the order, rulecache.c).
 */
#include <string.h>

#include "wire.h"

void pl_wire_in_init(pl_wire_in *r, const void *p, size_t len)
{
	r->p = p;
	r->len = p ? len : 0;
	r->at = 0;
	r->bad = 0;
}

const void *pl_wire_take(pl_wire_in *r, size_t n)
{
	if (r->bad || n > r->len - r->at) {
		r->bad = 1;
		return NULL;
	}
	const void *p = r->p + r->at;
	r->at += n;
	return p;
}

uint64_t pl_wire_u64(pl_wire_in *r)
{
	uint64_t v = 0;
	const void *p = pl_wire_take(r, 8);
	if (p)
		memcpy(&v, p, 8);
	return v;
}

uint32_t pl_wire_u32(pl_wire_in *r)
{
	uint32_t v = 0;
	const void *p = pl_wire_take(r, 4);
	if (p)
		memcpy(&v, p, 4);
	return v;
}

size_t pl_wire_count(pl_wire_in *r, size_t min_bytes)
{
	uint64_t n = pl_wire_u64(r);
	if (min_bytes == 0)
		min_bytes = 1;
	if (r->bad || n > (r->len - r->at) / min_bytes) {
		r->bad = 1;
		return 0;
	}
	return (size_t)n;
}

char *pl_wire_str(pl_wire_in *r)
{
	uint32_t len = pl_wire_u32(r);
	if (r->bad || len == UINT32_MAX)
		return NULL;
	const char *s = pl_wire_take(r, len);
	return s ? pl_xstrndup(s, len) : NULL;
}

void pl_wire_put(pl_buf *b, const void *p, size_t n)
{
	pl_buf_put(b, p, n);
}

void pl_wire_put_u64(pl_buf *b, uint64_t v)
{
	pl_buf_put(b, (const char *)&v, 8);
}

void pl_wire_put_u32(pl_buf *b, uint32_t v)
{
	pl_buf_put(b, (const char *)&v, 4);
}

/* Length UINT32_MAX stands for NULL. */
void pl_wire_put_str(pl_buf *b, const char *s)
{
	if (s == NULL) {
		pl_wire_put_u32(b, UINT32_MAX);
		return;
	}
	size_t n = strlen(s);
	pl_wire_put_u32(b, (uint32_t)n);
	pl_buf_put(b, s, n);
}
