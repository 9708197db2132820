/*
 * words.c: the words of a text, as a reader sees them (see words.h).
 *
 * Classifying characters needs no Unicode tables for what policies
 * contain: ASCII letters and digits are word characters, and of the rest
 * only the punctuation and symbol blocks (Latin-1 punctuation, General
 * Punctuation, currency, arrows and shapes, CJK and full-width
 * punctuation, emoji) separate words; every other character is a letter.
 * Soft hyphens and zero-width characters inside a word are skipped, so
 * "pri\u00ADvacy" is "privacy".
 */
#include <string.h>

#include "words.h"

#define WORD_MAX 256            /* longer words are compared on their start */
#define FNV_PRIME 1099511628211ULL

pl_words_markup pl_words_markup_for(pl_input_format fmt)
{
	return fmt == PL_INPUT_HTML ? PL_WORDS_HTML :
	       fmt == PL_INPUT_MARKDOWN ? PL_WORDS_MARKDOWN : PL_WORDS_PROSE;
}

unsigned long long pl_hash_bytes(unsigned long long h, const void *s, size_t n)
{
	const unsigned char *p = s;
	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= FNV_PRIME;
	}
	return h;
}

/* Decodes the UTF-8 sequence at s (n > 0 bytes left) into *cp; returns its
 * length, or 1 with *cp = 0xFFFD for an invalid byte. */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
	size_t len = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 :
		     (s[0] & 0xF0) == 0xE0 ? 3 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (len == 0 || len > n) {
		*cp = 0xFFFD;
		return 1;
	}
	unsigned c = len == 1 ? s[0] : s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (s[i] & 0x3F);
	}
	*cp = c;
	return len;
}

enum { CH_SEPARATOR, CH_WORD, CH_IGNORED };

static int classify(unsigned c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		       (c >= '0' && c <= '9') ? CH_WORD : CH_SEPARATOR;
	if (c == 0xAD || (c >= 0x200B && c <= 0x200D) || c == 0x2060 ||
	    c == 0xFEFF)
		return CH_IGNORED;
	if ((c >= 0x80 && c <= 0xBF) || c == 0xD7 || c == 0xF7 ||
	    (c >= 0x2000 && c <= 0x2BFF) || (c >= 0x3000 && c <= 0x303F) ||
	    (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF0F) ||
	    (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) ||
	    (c >= 0xFF5B && c <= 0xFF65) || c == 0xFFFD || c >= 0x1F000)
		return CH_SEPARATOR;
	return CH_WORD;
}

/* Appends the lower-case UTF-8 form of c to w (of *len bytes, at most
 * WORD_MAX; the rest is dropped). */
static void append(char *w, size_t *len, unsigned c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7))
		c += 0x20;
	char enc[4];
	size_t n;
	if (c < 0x80) {
		enc[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		enc[0] = (char)(0xC0 | (c >> 6));
		enc[1] = (char)(0x80 | (c & 0x3F));
		n = 2;
	} else if (c < 0x10000) {
		enc[0] = (char)(0xE0 | (c >> 12));
		enc[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		enc[2] = (char)(0x80 | (c & 0x3F));
		n = 3;
	} else {
		enc[0] = (char)(0xF0 | (c >> 18));
		enc[1] = (char)(0x80 | ((c >> 12) & 0x3F));
		enc[2] = (char)(0x80 | ((c >> 6) & 0x3F));
		enc[3] = (char)(0x80 | (c & 0x3F));
		n = 4;
	}
	if (*len + n <= WORD_MAX) {
		memcpy(w + *len, enc, n);
		*len += n;
	}
}

/* Where markup that starts at s[i] ends (the index after it), or i when
 * nothing to skip starts there.  Tags and comments (<...>), entities
 * (&amp;) and, in Markdown, the target of a link or image ("](...)"). */
static size_t skip_markup(const char *s, size_t n, size_t i, pl_words_markup m)
{
	if (m == PL_WORDS_PROSE)
		return i;
	unsigned char c = (unsigned char)s[i];
	if (c == '<' && i + 1 < n &&
	    (s[i + 1] == '/' || s[i + 1] == '!' || s[i + 1] == '?' ||
	     (s[i + 1] >= 'a' && s[i + 1] <= 'z') ||
	     (s[i + 1] >= 'A' && s[i + 1] <= 'Z'))) {
		const char *gt = memchr(s + i, '>', n - i);
		return gt ? (size_t)(gt - s) + 1 : i;
	}
	if (c == '&') {
		size_t k = i + 1;
		while (k < n && k - i < 12 &&
		       (s[k] == '#' || (s[k] >= 'a' && s[k] <= 'z') ||
			(s[k] >= 'A' && s[k] <= 'Z') || (s[k] >= '0' && s[k] <= '9')))
			k++;
		return k < n && s[k] == ';' && k > i + 1 ? k + 1 : i;
	}
	if (m == PL_WORDS_MARKDOWN && c == ']' && i + 1 < n && s[i + 1] == '(') {
		int depth = 0;
		for (size_t k = i + 1; k < n && s[k] != '\n'; k++) {
			if (s[k] == '(')
				depth++;
			else if (s[k] == ')' && --depth == 0)
				return k + 1;
		}
	}
	return i;
}

void pl_words_each(const char *s, size_t n, pl_words_markup m, pl_word_fn fn,
		   void *arg)
{
	char w[WORD_MAX];
	size_t len = 0;
	for (size_t i = 0; i < n;) {
		size_t skip = skip_markup(s, n, i, m);
		int kind = CH_SEPARATOR;
		unsigned c = 0;
		size_t step = 0;
		if (skip == i) {
			step = decode((const unsigned char *)s + i, n - i, &c);
			kind = classify(c);
		}
		if (kind == CH_WORD) {
			append(w, &len, c);
		} else if (kind == CH_SEPARATOR && len > 0) {
			if (fn(w, len, arg))
				return;
			len = 0;
		}
		i = skip > i ? skip : i + step;
	}
	if (len > 0)
		fn(w, len, arg);
}

typedef struct {
	unsigned long long h;
	int first;
} hash_state;

static int hash_word(const char *w, size_t len, void *arg)
{
	hash_state *hs = arg;
	if (!hs->first)
		hs->h = pl_hash_bytes(hs->h, " ", 1);
	hs->first = 0;
	hs->h = pl_hash_bytes(hs->h, w, len);
	return 0;
}

unsigned long long pl_words_hash(unsigned long long h, const char *s, size_t n,
				 pl_words_markup m)
{
	hash_state hs = {h, 1};
	pl_words_each(s, n, m, hash_word, &hs);
	return hs.h;
}

unsigned long long pl_word_stem_hash(const char *w, size_t n)
{
	/* An S-stemmer with the commonest verb endings: crude, but equal
	 * words always get equal stems, which is all a comparison needs. */
	if (n > 4 && memcmp(w + n - 3, "ies", 3) == 0)
		return pl_hash_bytes(pl_hash_bytes(PL_WORDS_SEED, w, n - 3), "y", 1);
	if (n > 5 && memcmp(w + n - 3, "ing", 3) == 0)
		n -= 3;
	else if (n > 4 && memcmp(w + n - 2, "ed", 2) == 0)
		n -= 2;
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		 w[n - 2] != 'i')
		n -= 1;
	else if (n > 4 && memcmp(w + n - 4, "sses", 4) == 0)
		n -= 2;
	if (n > 3 && w[n - 1] == 'e')
		n -= 1;
	return pl_hash_bytes(PL_WORDS_SEED, w, n);
}
