/*
 * text.h: a policy as prose, with a map back to the bytes it came from.
 *
 * The extractors (extract_text.c, extract_markdown.c, extract_html.c) turn
 * the raw input into `prose`: markup removed, entities decoded, one block
 * (heading, paragraph, list item, table cell) after another, blocks separated
 * by "\n\n" so that no pattern can run from one block into the next.  Every
 * prose byte maps back to a byte of the original input through `spans`, so
 * that a finding points at the text the user wrote, never into a tag.
 *
 * segment.c then splits blocks into sentences and records, for each sentence,
 * the heading it stands under.  The scanner only ever sees a pl_text.
 */
#ifndef PL_TEXT_H
#define PL_TEXT_H

#include <stddef.h>

#include "policylint.h"
#include "util.h"

/* A run of prose copied from the source: prose[prose_off .. prose_off+len)
 * came from src[src_off .. src_off+src_len).  When the two lengths are equal
 * the mapping is byte for byte; when they differ (a decoded entity such as
 * "&amp;" -> "&", or a separator the extractor inserted, which has
 * src_len 0) every prose byte of the run maps to src_off. */
typedef struct {
	size_t prose_off;
	size_t len;
	size_t src_off;
	size_t src_len;
} pl_span;

typedef enum {
	PL_BLOCK_PARAGRAPH,
	PL_BLOCK_HEADING,   /* a heading: <h1-6>, "# ...", an upper-case or
	                       "Title:" line in plain text */
	PL_BLOCK_LIST_ITEM, /* <li>, "- ", "* ", "1. ", a bullet character */
	PL_BLOCK_TABLE_CELL,
	PL_BLOCK_QUOTE,
	PL_BLOCK_META       /* metadata a document carries (Markdown front
	                       matter), rewritten as prose: "Last updated:
	                       2024-01-05"; only topics that ask see it */
} pl_block_kind;

typedef struct {
	size_t start, end;      /* [start, end) in prose, trimmed of spaces */
	pl_block_kind kind;
	int level;              /* heading level 1-6 (0 when not a heading) */
	long header;            /* table cell: the block of its column's
	                           header cell; heading: the heading it stands
	                           under (level above); -1 when none */
} pl_block;

/* What a reader knows of a sentence beyond its words (set by segment.c
 * and the scanner). */
enum {
	PL_SENT_TOC = 1,        /* a table-of-contents entry: names a section
	                           that follows, discloses nothing itself */
	PL_SENT_OVERVIEW = 2    /* previews the policy ("this policy explains
	                           how we collect, use and share ...") */
};

typedef struct {
	size_t start, end;      /* [start, end) in prose */
	size_t block;           /* index into blocks */
	long heading;           /* index of the block of the nearest heading
	                           above, -1 when none */
	long lead_in;           /* a list item: the sentence that introduces
	                           its list ("We collect:"), -1 when none */
	unsigned flags;         /* PL_SENT_* */
} pl_sentence;

typedef struct pl_text {
	const char *src;        /* the input exactly as read (not owned) */
	size_t src_len;

	char *prose;            /* NUL-terminated; owned unless prose_is_src */
	size_t prose_len;
	int prose_is_src;       /* plain text: prose aliases src, no copy */

	pl_span *spans;         /* sorted by prose_off, non-overlapping */
	size_t nspans, spans_cap;

	pl_block *blocks;       /* in prose order */
	size_t nblocks, blocks_cap;

	pl_sentence *sentences; /* filled by pl_text_segment() */
	size_t nsentences, sentences_cap;
} pl_text;

/* Each extractor fills an empty (zeroed) pl_text from src[0..len).  They do
 * not fail: any byte sequence, invalid UTF-8 and NUL bytes included, yields
 * some prose.  A UTF-8 byte order mark is skipped. */
void pl_extract_text(pl_text *t, const char *src, size_t len);
void pl_extract_markdown(pl_text *t, const char *src, size_t len);
void pl_extract_html(pl_text *t, const char *src, size_t len);

/* Extracts src[0..len) with the extractor for fmt (not PL_INPUT_AUTO),
 * then splits it into sentences (extract.c). */
void pl_extract(pl_text *t, pl_input_format fmt, const char *src, size_t len);

/* The format a path's extension implies (.md, .markdown, .html, .htm, else
 * text). */
pl_input_format pl_input_format_for_path(const char *path);

/* The format a file's content shows: HTML when it opens with a doctype or
 * an <html> / <body> / <head> tag, Markdown when several lines use
 * Markdown syntax (ATX headings, [links](...), **strong**, > quotes), else
 * text. */
pl_input_format pl_input_format_sniff(const char *src, size_t len);

/* The format an input is read in: requested unless it is PL_INPUT_AUTO;
 * else what name's extension says (NULL: text), and for a name that says
 * text (.txt, none, standard input), what the content shows (extract.c). */
pl_input_format pl_input_format_decide(pl_input_format requested,
				       const char *name, const char *src,
				       size_t len);

/* Splits the blocks of t into sentences (segment.c). */
void pl_text_segment(pl_text *t);

/* Maps a prose offset to the offset of the source byte it came from.  An
 * offset equal to prose_len maps to src_len. */
size_t pl_text_to_src(const pl_text *t, size_t prose_off);

/* Maps the prose range [start, end) to a source range; *src_len covers every
 * source byte the range came from. */
size_t pl_text_range_to_src(const pl_text *t, size_t start, size_t end,
			    size_t *src_len);

/* Index of the sentence containing prose offset off, or -1. */
long pl_text_sentence_at(const pl_text *t, size_t off);

void pl_text_free(pl_text *t);

/* Builder helpers the extractors share (text.c). */
void pl_text_emit(pl_text *t, pl_buf *out, const char *s, size_t n,
		  size_t src_off, size_t src_len);
void pl_text_begin_block(pl_text *t, pl_buf *out, pl_block_kind kind,
			 int level, size_t src_off);
/* The same for a block of known extent (the plain-text extractor, which
 * works in place). */
void pl_text_add_block(pl_text *t, size_t start, size_t end,
		       pl_block_kind kind, int level);
void pl_text_end_block(pl_text *t, pl_buf *out);

#endif
