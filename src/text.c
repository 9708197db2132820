/*
 * text.c: the pieces of pl_text that every extractor shares: building prose
 * with its source map, and mapping prose offsets back to source offsets.
 */
#include <stdlib.h>
#include <string.h>

#include "text.h"

static void push_span(pl_text *t, size_t prose_off, size_t len,
		      size_t src_off, size_t src_len)
{
	if (t->nspans > 0) {
		pl_span *last = &t->spans[t->nspans - 1];
		/* Byte-for-byte runs that continue each other become one, so
		 * that plain runs of prose cost one span, not one per call. */
		if (last->len == last->src_len && len == src_len &&
		    last->prose_off + last->len == prose_off &&
		    last->src_off + last->src_len == src_off) {
			last->len += len;
			last->src_len += src_len;
			return;
		}
	}
	pl_span s = {prose_off, len, src_off, src_len};
	PL_PUSH(t->spans, t->nspans, t->spans_cap, s);
}

void pl_text_emit(pl_text *t, pl_buf *out, const char *s, size_t n,
		  size_t src_off, size_t src_len)
{
	if (n == 0)
		return;
	push_span(t, out->len, n, src_off, src_len);
	pl_buf_put(out, s, n);
}

void pl_text_begin_block(pl_text *t, pl_buf *out, pl_block_kind kind,
			 int level, size_t src_off)
{
	if (out->len > 0)
		pl_text_emit(t, out, "\n\n", 2, src_off, 0);
	pl_block b = {out->len, out->len, kind, level, -1};
	PL_PUSH(t->blocks, t->nblocks, t->blocks_cap, b);
}

void pl_text_add_block(pl_text *t, size_t start, size_t end,
		       pl_block_kind kind, int level)
{
	if (end <= start)
		return;
	pl_block b = {start, end, kind, level, -1};
	PL_PUSH(t->blocks, t->nblocks, t->blocks_cap, b);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
	       c == '\v';
}

void pl_text_end_block(pl_text *t, pl_buf *out)
{
	if (t->nblocks == 0)
		return;
	pl_block *b = &t->blocks[t->nblocks - 1];
	size_t start = b->start, end = out->len;
	while (start < end && is_space(out->data[start]))
		start++;
	while (end > start && is_space(out->data[end - 1]))
		end--;
	if (start == end) {
		/* An empty block: forget it, and the separator before it. */
		t->nblocks--;
		return;
	}
	b->start = start;
	b->end = end;
}

/* The span containing prose offset off (the last one starting at or before
 * it). */
static const pl_span *span_at(const pl_text *t, size_t off)
{
	size_t lo = 0, hi = t->nspans;
	if (hi == 0)
		return NULL;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->spans[mid].prose_off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &t->spans[lo];
}

size_t pl_text_to_src(const pl_text *t, size_t off)
{
	if (off >= t->prose_len)
		return t->src_len;
	const pl_span *s = span_at(t, off);
	if (s == NULL)
		return 0;
	if (off < s->prose_off)
		return s->src_off;
	size_t delta = off - s->prose_off;
	if (s->len == s->src_len && delta < s->len)
		return s->src_off + delta;
	if (delta >= s->len)    /* in a gap after the span: its end */
		return s->src_off + s->src_len;
	return s->src_off;
}

size_t pl_text_range_to_src(const pl_text *t, size_t start, size_t end,
			    size_t *src_len)
{
	size_t a = pl_text_to_src(t, start);
	size_t b = a;
	if (end > start) {
		size_t last = end - 1;
		const pl_span *s = span_at(t, last);
		b = pl_text_to_src(t, last);
		if (s && last >= s->prose_off && last - s->prose_off < s->len &&
		    s->len != s->src_len)
			b = s->src_off + s->src_len;  /* whole entity */
		else
			b += 1;
	}
	if (b < a)
		b = a;
	if (b > t->src_len)
		b = t->src_len;
	*src_len = b - a;
	return a;
}

long pl_text_sentence_at(const pl_text *t, size_t off)
{
	size_t lo = 0, hi = t->nsentences;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (t->sentences[mid].end <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < t->nsentences && t->sentences[lo].start <= off)
		return (long)lo;
	return -1;
}

void pl_text_free(pl_text *t)
{
	if (t == NULL)
		return;
	if (!t->prose_is_src)
		free(t->prose);
	free(t->spans);
	free(t->blocks);
	free(t->sentences);
	memset(t, 0, sizeof(*t));
}
