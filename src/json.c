/*
 * json.c: a small JSON reader (RFC 8259): recursive descent, linear in the
 * input (a 20 MB document inside a message is one string), with a depth
 * limit so that no message can exhaust the stack.  Strings are decoded to
 * UTF-8, \u escapes and surrogate pairs included; a lone surrogate
 * becomes U+FFFD.
 */
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "util.h"

typedef struct {
	const char *s;
	size_t n, i;
	const char *why;
	int depth;
} parser;

static pl_json *value(parser *p);

static int fail(parser *p, const char *why)
{
	if (p->why == NULL)
		p->why = why;
	return 0;
}

static void skip_space(parser *p)
{
	while (p->i < p->n && strchr(" \t\r\n", p->s[p->i]) && p->s[p->i])
		p->i++;
}

static pl_json *node(pl_json_type t)
{
	pl_json *j = pl_xcalloc(1, sizeof(*j));
	j->type = t;
	return j;
}

static void put_utf8(pl_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		pl_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		pl_buf_putc(b, (char)(0xC0 | (cp >> 6)));
		pl_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		pl_buf_putc(b, (char)(0xE0 | (cp >> 12)));
		pl_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		pl_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		pl_buf_putc(b, (char)(0xF0 | (cp >> 18)));
		pl_buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
		pl_buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
		pl_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* Four hex digits at p->i, or -1. */
static long hex4(parser *p)
{
	if (p->n - p->i < 4)
		return -1;
	long v = 0;
	for (int k = 0; k < 4; k++) {
		char c = p->s[p->i + (size_t)k];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	p->i += 4;
	return v;
}

/* After "\u": one code point, a surrogate pair taken together. */
static int unicode_escape(parser *p, pl_buf *b)
{
	long hi = hex4(p);
	if (hi < 0)
		return fail(p, "bad \\u escape");
	unsigned cp = (unsigned)hi;
	if (hi >= 0xD800 && hi <= 0xDBFF && p->n - p->i >= 6 &&
	    p->s[p->i] == '\\' && p->s[p->i + 1] == 'u') {
		size_t save = p->i;
		p->i += 2;
		long lo = hex4(p);
		if (lo >= 0xDC00 && lo <= 0xDFFF)
			cp = 0x10000 + (((unsigned)hi - 0xD800) << 10) +
			     ((unsigned)lo - 0xDC00);
		else
			p->i = save;
	}
	if (cp >= 0xD800 && cp <= 0xDFFF)
		cp = 0xFFFD;
	put_utf8(b, cp);
	return 1;
}

static int escape(parser *p, pl_buf *b)
{
	if (p->i >= p->n)
		return fail(p, "unterminated string");
	char c = p->s[p->i++];
	const char *from = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
	const char *k = c ? strchr(from, c) : NULL;
	if (k) {
		pl_buf_putc(b, to[k - from]);
		return 1;
	}
	if (c == 'u')
		return unicode_escape(p, b);
	return fail(p, "bad escape in a string");
}

/* A string at p->i (after its quote) into b. */
static int string_body(parser *p, pl_buf *b)
{
	for (;;) {
		size_t start = p->i;
		while (p->i < p->n && p->s[p->i] != '"' && p->s[p->i] != '\\' &&
		       (unsigned char)p->s[p->i] >= 0x20)
			p->i++;
		pl_buf_put(b, p->s + start, p->i - start);
		if (p->i >= p->n)
			return fail(p, "unterminated string");
		char c = p->s[p->i++];
		if (c == '"')
			return 1;
		if (c != '\\')
			return fail(p, "control character in a string");
		if (!escape(p, b))
			return 0;
	}
}

static pl_json *string(parser *p)
{
	pl_buf b;
	pl_buf_init(&b);
	p->i++;
	if (!string_body(p, &b)) {
		pl_buf_free(&b);
		return NULL;
	}
	pl_json *j = node(PL_JSON_STRING);
	j->len = b.len;
	j->str = pl_buf_detach(&b);
	return j;
}

static pl_json *number(parser *p)
{
	size_t start = p->i;
	if (p->i < p->n && p->s[p->i] == '-')
		p->i++;
	size_t digits = p->i;
	while (p->i < p->n && strchr("0123456789.eE+-", p->s[p->i]) &&
	       p->s[p->i])
		p->i++;
	if (p->i == digits || p->s[digits] < '0' || p->s[digits] > '9') {
		fail(p, "bad number");
		return NULL;
	}
	char *text = pl_xstrndup(p->s + start, p->i - start);
	char *end;
	double v = strtod(text, &end);
	if (*end != '\0') {
		free(text);
		fail(p, "bad number");
		return NULL;
	}
	pl_json *j = node(PL_JSON_NUMBER);
	j->str = text;
	j->len = strlen(text);
	j->number = v;
	return j;
}

static void push(pl_json *j, char *key, pl_json *item)
{
	if (j->count == j->cap) {
		j->cap = j->cap ? 2 * j->cap : 8;
		j->items = pl_xrealloc(j->items, j->cap * sizeof(*j->items));
		if (j->type == PL_JSON_OBJECT)
			j->keys = pl_xrealloc(j->keys, j->cap * sizeof(*j->keys));
	}
	if (j->type == PL_JSON_OBJECT)
		j->keys[j->count] = key;
	j->items[j->count++] = item;
}

/* The members or elements of an object or array, after its bracket. */
static int members(parser *p, pl_json *j, char close)
{
	skip_space(p);
	if (p->i < p->n && p->s[p->i] == close) {
		p->i++;
		return 1;
	}
	for (;;) {
		char *key = NULL;
		skip_space(p);
		if (j->type == PL_JSON_OBJECT) {
			if (p->i >= p->n || p->s[p->i] != '"')
				return fail(p, "expected a member name");
			pl_json *k = string(p);
			if (k == NULL)
				return 0;
			key = k->str;
			free(k);
			skip_space(p);
			if (p->i >= p->n || p->s[p->i++] != ':') {
				free(key);
				return fail(p, "expected ':'");
			}
		}
		pl_json *v = value(p);
		if (v == NULL) {
			free(key);
			return 0;
		}
		push(j, key, v);
		skip_space(p);
		if (p->i < p->n && p->s[p->i] == ',') {
			p->i++;
			continue;
		}
		if (p->i < p->n && p->s[p->i++] == close)
			return 1;
		return fail(p, close == '}' ? "expected ',' or '}'" :
					      "expected ',' or ']'");
	}
}

static pl_json *container(parser *p, pl_json_type t, char close)
{
	if (++p->depth > PL_JSON_MAX_DEPTH) {
		fail(p, "nested too deep");
		return NULL;
	}
	p->i++;
	pl_json *j = node(t);
	if (!members(p, j, close)) {
		pl_json_free(j);
		return NULL;
	}
	p->depth--;
	return j;
}

static pl_json *literal(parser *p, const char *word, pl_json_type t, int b)
{
	size_t n = strlen(word);
	if (p->n - p->i < n || strncmp(p->s + p->i, word, n) != 0) {
		fail(p, "unexpected character");
		return NULL;
	}
	p->i += n;
	pl_json *j = node(t);
	j->boolean = b;
	return j;
}

static pl_json *value(parser *p)
{
	skip_space(p);
	if (p->i >= p->n) {
		fail(p, "unexpected end");
		return NULL;
	}
	switch (p->s[p->i]) {
	case '{': return container(p, PL_JSON_OBJECT, '}');
	case '[': return container(p, PL_JSON_ARRAY, ']');
	case '"': return string(p);
	case 't': return literal(p, "true", PL_JSON_BOOL, 1);
	case 'f': return literal(p, "false", PL_JSON_BOOL, 0);
	case 'n': return literal(p, "null", PL_JSON_NULL, 0);
	default: return number(p);
	}
}

pl_json *pl_json_parse(const char *s, size_t n, const char **why, size_t *at)
{
	parser p = {s, n, 0, NULL, 0};
	pl_json *j = value(&p);
	skip_space(&p);
	if (j && p.i < n) {
		fail(&p, "text after the value");
		pl_json_free(j);
		j = NULL;
	}
	if (j == NULL) {
		*why = p.why ? p.why : "bad JSON";
		*at = p.i;
	}
	return j;
}

void pl_json_free(pl_json *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->count; i++) {
		pl_json_free(j->items[i]);
		if (j->keys)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	free(j->str);
	free(j);
}

const pl_json *pl_json_get(const pl_json *obj, const char *key)
{
	if (obj == NULL || obj->type != PL_JSON_OBJECT)
		return NULL;
	for (size_t i = obj->count; i-- > 0;)
		if (strcmp(obj->keys[i], key) == 0)
			return obj->items[i];
	return NULL;
}

const char *pl_json_get_string(const pl_json *obj, const char *key)
{
	const pl_json *v = pl_json_get(obj, key);
	return v && v->type == PL_JSON_STRING ? v->str : NULL;
}

double pl_json_get_number(const pl_json *obj, const char *key, double def)
{
	const pl_json *v = pl_json_get(obj, key);
	return v && v->type == PL_JSON_NUMBER ? v->number : def;
}
