/*
 * dump_blocks.c: prints how policylint reads a file: its blocks (kind,
 * heading level, text, and in brackets a cell's column header, a heading's
 * parent heading, an item's lead-in, a table-of-contents entry) and, under
 * each block of more than one sentence, the sentences (with their lead-in
 * when they are lines of a list).  The golden extractor tests (tests/cli/extract_golden.sh)
 * compare this with tests/extract/NAME.expected.
 *
 * usage: dump_blocks FILE   (format from the name: .txt, .md, .html)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "text.h"

static const char *const kinds[] = {"paragraph", "heading", "item", "cell",
				    "quote", "meta"};

/* Prints s[0..n) on one line: a line break as \n, a tab as \t. */
static void put_text(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			fputs("\\n", stdout);
		else if (s[i] == '\t')
			fputs("\\t", stdout);
		else
			putchar(s[i]);
	}
}

/* What must hold of every extraction, whatever the input: spans in order
 * and in bounds, blocks in order and non-empty, sentences in order inside
 * their blocks.  Returns a description of the first breach, or NULL. */
static const char *broken(const pl_text *t)
{
	size_t end = 0;
	for (size_t i = 0; i < t->nspans; i++) {
		const pl_span *s = &t->spans[i];
		if (s->prose_off < end || s->prose_off + s->len > t->prose_len ||
		    s->src_off + s->src_len > t->src_len)
			return "a span out of order or out of bounds";
		end = s->prose_off + s->len;
	}
	size_t prev = 0;
	for (size_t b = 0; b < t->nblocks; b++) {
		const pl_block *k = &t->blocks[b];
		if (k->start < prev || k->start >= k->end || k->end > t->prose_len)
			return "a block out of order or empty";
		prev = k->end;
	}
	prev = 0;
	for (size_t i = 0; i < t->nsentences; i++) {
		const pl_sentence *s = &t->sentences[i];
		const pl_block *b = &t->blocks[s->block];
		if (s->start < prev || s->start >= s->end || s->start < b->start ||
		    s->end > b->end)
			return "a sentence out of order or outside its block";
		prev = s->end;
	}
	return NULL;
}

/* A sentence's lead-in and table-of-contents mark, in brackets. */
static void sentence_notes(const pl_text *t, size_t i)
{
	const pl_sentence *s = &t->sentences[i];
	if (s->lead_in >= 0) {
		const pl_sentence *l = &t->sentences[s->lead_in];
		fputs(" [lead-in: ", stdout);
		put_text(t->prose + l->start, l->end - l->start);
		putchar(']');
	}
	if (s->flags & PL_SENT_TOC)
		fputs(" [toc]", stdout);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: dump_blocks FILE\n", stderr);
		return 2;
	}
	pl_diags *d = pl_diags_new();
	char *src;
	size_t len;
	if (pl_input_read(argv[1], NULL, &src, &len, d) != 0) {
		pl_diags_print(d, stderr);
		return 2;
	}
	pl_text t = {0};
	pl_extract(&t, pl_input_format_for_path(argv[1]), src, len);
	const char *why = broken(&t);
	if (why) {
		fprintf(stderr, "dump_blocks: %s: %s\n", argv[1], why);
		return 1;
	}
	size_t s = 0;
	for (size_t b = 0; b < t.nblocks; b++) {
		const pl_block *k = &t.blocks[b];
		if (k->kind == PL_BLOCK_HEADING)
			printf("heading %d: ", k->level);
		else
			printf("%s: ", kinds[k->kind]);
		put_text(t.prose + k->start, k->end - k->start);
		if (k->header >= 0) {
			const pl_block *h = &t.blocks[k->header];
			fputs(k->kind == PL_BLOCK_HEADING ? " [under: " : " [header: ",
			      stdout);
			put_text(t.prose + h->start, h->end - h->start);
			putchar(']');
		}
		size_t first = s;
		while (s < t.nsentences && t.sentences[s].block == b)
			s++;
		if (s > first && s - first == 1)
			sentence_notes(&t, first);
		putchar('\n');
		for (size_t i = first; s - first > 1 && i < s; i++) {
			fputs("  sentence: ", stdout);
			put_text(t.prose + t.sentences[i].start,
				 t.sentences[i].end - t.sentences[i].start);
			sentence_notes(&t, i);
			putchar('\n');
		}
	}
	pl_text_free(&t);
	free(src);
	pl_diags_free(d);
	return 0;
}
