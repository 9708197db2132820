/*
 * yaml_tree.c: loads a YAML file with libyaml into a pl_ynode tree.
 *
 * This is the only file that includes yaml.h.  The tree is built from
 * libyaml's events, not its document loader, so that what a rule file or a
 * repository's .policylint.yaml must not do is stopped while parsing:
 * nesting deeper than MAX_DEPTH (the loader builds the whole tree first,
 * and its scanner takes time in the square of the depth: 100,000 levels
 * once stalled a run for 39 s), more than MAX_NODES nodes (aliases that
 * expand exponentially, a "billion laughs" file), and keys given twice in a
 * mapping (found with a hash set, so a mapping of 100,000 keys costs no
 * more than its size).  Only one document is read: a second one is an
 * error rather than silently ignored.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "input.h"
#include "util.h"
#include "yaml_tree.h"

/* More nodes than any sane rule file has; stops alias bombs. */
#define MAX_NODES 500000u
/* Deeper than any rule file or configuration nests. */
#define MAX_DEPTH 200

typedef struct {
	char *name;
	pl_ynode *node;
} anchor;

typedef struct {
	yaml_parser_t parser;
	const char *path;
	pl_diags *diags;
	const char *raw;
	size_t raw_len;
	size_t made;            /* nodes made, aliases' copies included */
	int failed;
	anchor *anchors;        /* a hash table: anchor_slot */
	size_t nanchors, anchors_cap;
	size_t walk_chars, walk_bytes;  /* raw_offset's last position */
} loader;

static void fail_at(loader *ld, pl_diag_code code, const yaml_mark_t *m,
		    const char *fmt, const char *arg)
{
	if (ld->failed)
		return;
	pl_diags_add(ld->diags, code, ld->path, m->line + 1, m->column + 1, fmt,
		     arg);
	ld->failed = 1;
}

/* The next event; 0 after a syntax error (reported). */
static int next_event(loader *ld, yaml_event_t *ev)
{
	if (ld->failed)
		return 0;
	if (yaml_parser_parse(&ld->parser, ev))
		return 1;
	yaml_parser_t *p = &ld->parser;
	pl_diags_add(ld->diags, PL_DIAG_YAML_SYNTAX, ld->path,
		     p->problem_mark.line + 1, p->problem_mark.column + 1,
		     "YAML syntax: %s%s%s", p->problem ? p->problem : "error",
		     p->context ? " " : "", p->context ? p->context : "");
	ld->failed = 1;
	return 0;
}

/* The byte offset of the character index libyaml counts in its marks.
 * Scalars come in file order, so the walk goes on from the last one. */
static size_t raw_offset(loader *ld, size_t index)
{
	if (index < ld->walk_chars) {
		ld->walk_chars = 0;
		ld->walk_bytes = ld->raw_len >= 3 &&
				 memcmp(ld->raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	}
	while (ld->walk_chars < index && ld->walk_bytes < ld->raw_len) {
		ld->walk_bytes++;
		while (ld->walk_bytes < ld->raw_len &&
		       ((unsigned char)ld->raw[ld->walk_bytes] & 0xC0) == 0x80)
			ld->walk_bytes++;
		ld->walk_chars++;
	}
	return ld->walk_bytes;
}

static pl_ynode *new_node(loader *ld, pl_ynode_kind kind, const yaml_mark_t *m)
{
	if (++ld->made > MAX_NODES) {
		fail_at(ld, PL_DIAG_YAML_TOO_LARGE, m, "more than %s nodes "
			"(aliases that expand without end?)", "500,000");
		return NULL;
	}
	pl_ynode *n = pl_xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = m->line + 1;
	n->column = m->column + 1;
	return n;
}

static pl_ynode *scalar_node(loader *ld, const yaml_event_t *ev)
{
	pl_ynode *n = new_node(ld, PL_YNODE_SCALAR, &ev->start_mark);
	if (n == NULL)
		return NULL;
	n->value = pl_xstrndup((const char *)ev->data.scalar.value,
			       ev->data.scalar.length);
	n->value_len = ev->data.scalar.length;
	switch (ev->data.scalar.style) {
	case YAML_SINGLE_QUOTED_SCALAR_STYLE:
		n->style = PL_YSTYLE_SINGLE;
		break;
	case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
		n->style = PL_YSTYLE_DOUBLE;
		break;
	case YAML_LITERAL_SCALAR_STYLE:
	case YAML_FOLDED_SCALAR_STYLE:
		n->style = PL_YSTYLE_BLOCK;
		break;
	default:
		n->style = PL_YSTYLE_PLAIN;
		break;
	}
	n->raw_start = n->raw_end = raw_offset(ld, ev->start_mark.index);
	return n;
}

/* ---- Keys given twice ---------------------------------------------------- */

typedef struct {
	const pl_ynode **slots;
	size_t cap, used;
} key_set;

static unsigned long long hash_bytes(const char *s, size_t n)
{
	unsigned long long h = 14695981039346656037ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int same_key(const pl_ynode *a, const pl_ynode *b)
{
	return a->value_len == b->value_len &&
	       memcmp(a->value, b->value, a->value_len) == 0;
}

/* Adds a scalar key; returns 0 when an equal key is already there. */
static int key_set_add(key_set *s, const pl_ynode *key)
{
	if (2 * (s->used + 1) > s->cap) {
		key_set bigger = {NULL, s->cap ? 2 * s->cap : 16, 0};
		bigger.slots = pl_xcalloc(bigger.cap, sizeof(*bigger.slots));
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				key_set_add(&bigger, s->slots[i]);
		free(s->slots);
		*s = bigger;
	}
	size_t mask = s->cap - 1;
	size_t i = (size_t)hash_bytes(key->value, key->value_len) & mask;
	for (; s->slots[i]; i = (i + 1) & mask)
		if (same_key(s->slots[i], key))
			return 0;
	s->slots[i] = key;
	s->used++;
	return 1;
}

/* ---- Anchors and aliases ---------------------------------------------------- */

static pl_ynode *copy_node(loader *ld, const pl_ynode *n, const yaml_mark_t *m)
{
	if (n == NULL)
		return NULL;
	yaml_mark_t at = *m;
	pl_ynode *c = new_node(ld, n->kind, &at);
	if (c == NULL)
		return NULL;
	c->line = n->line;
	c->column = n->column;
	c->style = n->style;
	c->raw_start = n->raw_start;
	c->raw_end = n->raw_end;
	if (n->value) {
		c->value = pl_xmalloc(n->value_len + 1);
		memcpy(c->value, n->value, n->value_len + 1);
		c->value_len = n->value_len;
	}
	if (n->count) {
		c->items = pl_xcalloc(n->count, sizeof(*c->items));
		if (n->keys)
			c->keys = pl_xcalloc(n->count, sizeof(*c->keys));
	}
	for (size_t i = 0; i < n->count && !ld->failed; i++) {
		if (n->keys)
			c->keys[i] = copy_node(ld, n->keys[i], m);
		c->items[i] = copy_node(ld, n->items[i], m);
		c->count++;
	}
	return c;
}

/* Anchors by name, in a hash table (a file may hold many anchors and
 * many aliases); a name given again stands for its latest node. */
static anchor *anchor_slot(loader *ld, const char *name)
{
	size_t mask = ld->anchors_cap - 1;
	size_t i = (size_t)hash_bytes(name, strlen(name)) & mask;
	while (ld->anchors[i].name && strcmp(ld->anchors[i].name, name) != 0)
		i = (i + 1) & mask;
	return &ld->anchors[i];
}

static void remember_anchor(loader *ld, const yaml_char_t *name, pl_ynode *n)
{
	if (name == NULL || n == NULL)
		return;
	if (2 * (ld->nanchors + 1) > ld->anchors_cap) {
		anchor *old = ld->anchors;
		size_t old_cap = ld->anchors_cap;
		ld->anchors_cap = old_cap ? 2 * old_cap : 16;
		ld->anchors = pl_xcalloc(ld->anchors_cap, sizeof(*ld->anchors));
		for (size_t i = 0; i < old_cap; i++)
			if (old[i].name)
				*anchor_slot(ld, old[i].name) = old[i];
		free(old);
	}
	anchor *a = anchor_slot(ld, (const char *)name);
	if (a->name == NULL) {
		a->name = pl_xstrdup((const char *)name);
		ld->nanchors++;
	}
	a->node = n;
}

/* An alias is a copy of what its anchor stands for (the latest anchor of
 * that name); copies count towards MAX_NODES. */
static pl_ynode *alias_node(loader *ld, const yaml_event_t *ev)
{
	const char *name = (const char *)ev->data.alias.anchor;
	anchor *a = ld->anchors_cap ? anchor_slot(ld, name) : NULL;
	if (a && a->name)
		return copy_node(ld, a->node, &ev->start_mark);
	fail_at(ld, PL_DIAG_YAML_SYNTAX, &ev->start_mark,
		"YAML syntax: alias '*%s' names no anchor before it", name);
	return NULL;
}

/* ---- Collections ------------------------------------------------------------ */

static pl_ynode *parse_node(loader *ld, yaml_event_t *ev, int depth);

static void push_child(pl_ynode *n, size_t *cap, pl_ynode *key, pl_ynode *value)
{
	if (n->count == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		n->items = pl_xrealloc(n->items, *cap * sizeof(*n->items));
		if (n->kind == PL_YNODE_MAP)
			n->keys = pl_xrealloc(n->keys, *cap * sizeof(*n->keys));
	}
	if (n->kind == PL_YNODE_MAP)
		n->keys[n->count] = key;
	n->items[n->count++] = value;
}

/* The node of the next event (0 when there is none: an error). */
static pl_ynode *parse_next(loader *ld, int depth, int *end, yaml_event_type_t end_type)
{
	yaml_event_t ev;
	*end = 0;
	if (!next_event(ld, &ev))
		return NULL;
	if (ev.type == end_type) {
		*end = 1;
		yaml_event_delete(&ev);
		return NULL;
	}
	pl_ynode *n = parse_node(ld, &ev, depth);
	yaml_event_delete(&ev);
	return n;
}

static void parse_sequence(loader *ld, pl_ynode *n, int depth)
{
	size_t cap = 0;
	int end = 0;
	while (!ld->failed) {
		pl_ynode *item = parse_next(ld, depth + 1, &end,
					    YAML_SEQUENCE_END_EVENT);
		if (end || ld->failed) {
			pl_ynode_free(item);
			break;
		}
		push_child(n, &cap, NULL, item);
	}
}

static void parse_mapping(loader *ld, pl_ynode *n, int depth)
{
	size_t cap = 0;
	int end = 0;
	key_set keys = {NULL, 0, 0};
	while (!ld->failed) {
		pl_ynode *key = parse_next(ld, depth + 1, &end,
					   YAML_MAPPING_END_EVENT);
		if (end || ld->failed) {
			pl_ynode_free(key);
			break;
		}
		pl_ynode *value = parse_next(ld, depth + 1, &end,
					     YAML_MAPPING_END_EVENT);
		push_child(n, &cap, key, value);
		if (key && key->kind == PL_YNODE_SCALAR && !key_set_add(&keys, key))
			pl_diags_add(ld->diags, PL_DIAG_YAML_DUPLICATE_KEY,
				     ld->path, key->line, key->column,
				     "duplicate key '%s'", key->value);
	}
	free(keys.slots);
}

/* The node that begins with event ev (owned by the caller). */
static pl_ynode *parse_node(loader *ld, yaml_event_t *ev, int depth)
{
	pl_ynode *n = NULL;
	const yaml_char_t *anchor_name = NULL;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		return alias_node(ld, ev);
	case YAML_SCALAR_EVENT:
		n = scalar_node(ld, ev);
		anchor_name = ev->data.scalar.anchor;
		break;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (depth >= MAX_DEPTH) {
			fail_at(ld, PL_DIAG_YAML_TOO_LARGE, &ev->start_mark,
				"nested more than %s levels deep", "200");
			return NULL;
		}
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			n = new_node(ld, PL_YNODE_SEQ, &ev->start_mark);
			anchor_name = ev->data.sequence_start.anchor;
			if (n)
				parse_sequence(ld, n, depth);
		} else {
			n = new_node(ld, PL_YNODE_MAP, &ev->start_mark);
			anchor_name = ev->data.mapping_start.anchor;
			if (n)
				parse_mapping(ld, n, depth);
		}
		break;
	default:
		return NULL;
	}
	if (!ld->failed)
		remember_anchor(ld, anchor_name, n);
	return n;
}

/* ---- Documents ---------------------------------------------------------------- */

/* The first event of the given type, skipping what comes before; 0 at an
 * error or the end of the stream (*at_end). */
static int expect_event(loader *ld, yaml_event_type_t type, int *at_end)
{
	yaml_event_t ev;
	*at_end = 0;
	for (;;) {
		if (!next_event(ld, &ev))
			return 0;
		yaml_event_type_t t = ev.type;
		yaml_event_delete(&ev);
		if (t == type)
			return 1;
		if (t == YAML_STREAM_END_EVENT) {
			*at_end = 1;
			return 0;
		}
	}
}

/* The one document of the stream: an empty mapping when there is none. */
static pl_ynode *parse_stream(loader *ld)
{
	int at_end;
	if (!expect_event(ld, YAML_DOCUMENT_START_EVENT, &at_end)) {
		if (!at_end)
			return NULL;
		pl_ynode *root = pl_xcalloc(1, sizeof(*root));
		root->kind = PL_YNODE_MAP;
		root->line = root->column = 1;
		return root;
	}
	yaml_event_t ev;
	if (!next_event(ld, &ev))
		return NULL;
	pl_ynode *root = parse_node(ld, &ev, 0);
	yaml_event_delete(&ev);
	if (!ld->failed && !next_event(ld, &ev))
		goto failed;
	if (!ld->failed) {
		yaml_event_delete(&ev);   /* the document's end */
		if (!next_event(ld, &ev))
			goto failed;
		if (ev.type == YAML_DOCUMENT_START_EVENT)
			fail_at(ld, PL_DIAG_YAML_SYNTAX, &ev.start_mark,
				"a second YAML document ('---'): a %s file "
				"holds one", "policylint");
		yaml_event_delete(&ev);
	}
	if (!ld->failed)
		return root;
failed:
	pl_ynode_free(root);
	return NULL;
}

pl_ynode *pl_yaml_load(const char *path, pl_diags *diags,
		       pl_diag_code unreadable, char **raw_out,
		       size_t *raw_len_out)
{
	size_t len = 0;
	char *raw = NULL;
	pl_file_info info;
	pl_file_status st = pl_file_read(path, PL_DEFAULT_MAX_SIZE, &raw, &len,
					 &info);
	if (st != PL_FILE_OK) {
		char *why = pl_file_problem(st, &info, PL_DEFAULT_MAX_SIZE);
		pl_diags_add(diags, unreadable, path, 0, 0, "%s", why);
		free(why);
		return NULL;
	}
	loader ld;
	memset(&ld, 0, sizeof(ld));
	ld.path = path;
	ld.diags = diags;
	ld.raw = raw;
	ld.raw_len = len;
	ld.walk_bytes = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	if (!yaml_parser_initialize(&ld.parser)) {
		pl_diags_add(diags, unreadable, path, 0, 0,
			     "cannot initialise the YAML parser");
		free(raw);
		return NULL;
	}
	yaml_parser_set_input_string(&ld.parser, (const unsigned char *)raw, len);
	pl_ynode *root = parse_stream(&ld);
	yaml_parser_delete(&ld.parser);
	for (size_t i = 0; i < ld.anchors_cap; i++)
		free(ld.anchors[i].name);
	free(ld.anchors);
	if (root && raw_out) {
		*raw_out = raw;
		*raw_len_out = len;
	} else {
		free(raw);
	}
	return root;
}

pl_ynode *pl_ynode_get(const pl_ynode *map, const char *key)
{
	if (map == NULL || map->kind != PL_YNODE_MAP)
		return NULL;
	for (size_t i = 0; i < map->count; i++) {
		const pl_ynode *k = map->keys[i];
		if (k && k->kind == PL_YNODE_SCALAR && strcmp(k->value, key) == 0)
			return map->items[i];
	}
	return NULL;
}

static int scalar_in(const pl_ynode *n, const char *const *words)
{
	if (n == NULL || n->kind != PL_YNODE_SCALAR || n->style != PL_YSTYLE_PLAIN)
		return 0;
	for (size_t i = 0; words[i]; i++)
		if (strcmp(n->value, words[i]) == 0)
			return 1;
	return 0;
}

int pl_ynode_is_true(const pl_ynode *n)
{
	static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes",
					  "on", NULL};
	return scalar_in(n, yes);
}

int pl_ynode_is_false(const pl_ynode *n)
{
	static const char *const no[] = {"false", "False", "FALSE", "no", "No",
					 "off", NULL};
	return scalar_in(n, no);
}

void pl_ynode_free(pl_ynode *n)
{
	if (n == NULL)
		return;
	for (size_t i = 0; i < n->count; i++) {
		if (n->keys)
			pl_ynode_free(n->keys[i]);
		pl_ynode_free(n->items[i]);
	}
	free(n->keys);
	free(n->items);
	free(n->value);
	free(n);
}

const char *pl_libyaml_version(void)
{
	return yaml_get_version_string();
}
