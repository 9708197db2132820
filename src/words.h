/*
 * words.h: text as a reader sees its words (words.c).
 *
 * Two versions of a policy are compared word by word: a finding or a
 * sentence is "the same" when its words are, whatever the spacing, line
 * wrapping, letter case, quote and dash styles ("don't" and "don’t",
 * "-" and "—"), Markdown emphasis, HTML tags or link targets around them.
 * Fingerprints (result.c) and the alignment of versions (align.c) both
 * read words through here, so they cannot disagree on what a word is.
 */
#ifndef PL_WORDS_H
#define PL_WORDS_H

#include <stddef.h>

#include "policylint.h"

/* How markup in the text is skipped: none for prose (already extracted),
 * or the markup of the source format (tags and entities in HTML; tags,
 * entities and link or image targets in Markdown). */
typedef enum {
	PL_WORDS_PROSE,
	PL_WORDS_MARKDOWN,
	PL_WORDS_HTML
} pl_words_markup;

/* The markup mode for a source of format fmt. */
pl_words_markup pl_words_markup_for(pl_input_format fmt);

/* Calls fn with each word of s[0..n), lower-cased (ASCII letters; other
 * letters as they are), in order.  A word is a run of letters and digits;
 * punctuation of every script (typographic quotes, dashes, spaces,
 * ellipses) separates words.  fn returns non-zero to stop. */
typedef int (*pl_word_fn)(const char *word, size_t len, void *arg);
void pl_words_each(const char *s, size_t n, pl_words_markup m, pl_word_fn fn,
		   void *arg);

/* FNV-1a over the words of s[0..n), one space apart, continuing from h
 * (PL_WORDS_SEED to start).  Equal words give equal hashes. */
#define PL_WORDS_SEED 14695981039346656037ULL
unsigned long long pl_words_hash(unsigned long long h, const char *s, size_t n,
				 pl_words_markup m);
/* The hash of a word's stem: the word without a plural or verb ending
 * ("articles" and "article", "submits" and "submit", "stored" and
 * "store"), for telling a reworded sentence from a new one. */
unsigned long long pl_word_stem_hash(const char *w, size_t n);
/* FNV-1a of n raw bytes, continuing from h. */
unsigned long long pl_hash_bytes(unsigned long long h, const void *s, size_t n);

#endif
