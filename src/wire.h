/*
 * wire.h: the byte format of files policylint writes for itself (the
 * rule cache): fixed-width little-endian-as-stored integers, strings with
 * their length, read back through a reader that never reads past its
 * bytes (wire.c).  A damaged file makes a reader `bad`, never a crash.
 */
#ifndef PL_WIRE_H
#define PL_WIRE_H

#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct {
	const unsigned char *p;
	size_t len, at;
	int bad;                /* something asked for was not there */
} pl_wire_in;

void pl_wire_in_init(pl_wire_in *r, const void *p, size_t len);
/* The next n bytes, or NULL (and r bad) when fewer are left. */
const void *pl_wire_take(pl_wire_in *r, size_t n);
uint64_t pl_wire_u64(pl_wire_in *r);
uint32_t pl_wire_u32(pl_wire_in *r);
/* A count of items each written as at least min_bytes bytes: bad when the
 * rest of the input cannot hold that many (so that a damaged count never
 * makes a huge allocation). */
size_t pl_wire_count(pl_wire_in *r, size_t min_bytes);
/* A string written by pl_wire_put_str: malloc'd, NULL for NULL (and on
 * damage, with r bad). */
char *pl_wire_str(pl_wire_in *r);

void pl_wire_put(pl_buf *b, const void *p, size_t n);
void pl_wire_put_u64(pl_buf *b, uint64_t v);
void pl_wire_put_u32(pl_buf *b, uint32_t v);
void pl_wire_put_str(pl_buf *b, const char *s);

#endif
