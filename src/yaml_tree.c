/*
 * yaml_tree.c: loads a YAML file with libyaml into a pl_ynode tree.
 *
 * This is the only file that includes yaml.h.  Besides converting nodes it
 * catches what libyaml lets through but a rule file must not have:
 * duplicate keys in a mapping, and alias expansion that would blow up
 * (a "billion laughs" file).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"
#include "yaml_tree.h"

/* More nodes than any sane rule file has; stops alias bombs. */
#define MAX_NODES 2000000u

typedef struct {
	yaml_document_t *doc;
	const char *path;
	pl_diags *diags;
	size_t made;
	int failed;
} builder;

static pl_ynode *convert(builder *b, yaml_node_t *node, int depth);

static pl_ynode *new_node(builder *b, pl_ynode_kind kind, yaml_node_t *src)
{
	pl_ynode *n = pl_xcalloc(1, sizeof(*n));
	n->kind = kind;
	n->line = src->start_mark.line + 1;
	n->column = src->start_mark.column + 1;
	b->made++;
	return n;
}

static pl_ynode *convert_scalar(builder *b, yaml_node_t *node)
{
	pl_ynode *n = new_node(b, PL_YNODE_SCALAR, node);
	n->value = pl_xstrndup((const char *)node->data.scalar.value,
			       node->data.scalar.length);
	n->value_len = node->data.scalar.length;
	switch (node->data.scalar.style) {
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
	return n;
}

static pl_ynode *convert_seq(builder *b, yaml_node_t *node, int depth)
{
	pl_ynode *n = new_node(b, PL_YNODE_SEQ, node);
	size_t count = (size_t)(node->data.sequence.items.top -
				node->data.sequence.items.start);
	n->items = pl_xcalloc(count ? count : 1, sizeof(*n->items));
	for (size_t i = 0; i < count && !b->failed; i++) {
		yaml_node_t *child = yaml_document_get_node(
			b->doc, node->data.sequence.items.start[i]);
		n->items[n->count++] = convert(b, child, depth + 1);
	}
	return n;
}

static pl_ynode *convert_map(builder *b, yaml_node_t *node, int depth)
{
	pl_ynode *n = new_node(b, PL_YNODE_MAP, node);
	size_t count = (size_t)(node->data.mapping.pairs.top -
				node->data.mapping.pairs.start);
	n->keys = pl_xcalloc(count ? count : 1, sizeof(*n->keys));
	n->items = pl_xcalloc(count ? count : 1, sizeof(*n->items));
	for (size_t i = 0; i < count && !b->failed; i++) {
		yaml_node_pair_t *pair = &node->data.mapping.pairs.start[i];
		pl_ynode *key = convert(b, yaml_document_get_node(b->doc, pair->key),
					depth + 1);
		pl_ynode *value = convert(b, yaml_document_get_node(b->doc, pair->value),
					  depth + 1);
		if (key && key->kind == PL_YNODE_SCALAR &&
		    pl_ynode_get(n, key->value) != NULL)
			pl_diags_add(b->diags, PL_DIAG_YAML_DUPLICATE_KEY, b->path, key->line,
				     key->column, "duplicate key '%s'", key->value);
		n->keys[n->count] = key;
		n->items[n->count] = value;
		n->count++;
	}
	return n;
}

static pl_ynode *convert(builder *b, yaml_node_t *node, int depth)
{
	if (node == NULL || b->failed)
		return NULL;
	if (b->made >= MAX_NODES || depth > 200) {
		pl_diags_add(b->diags, PL_DIAG_YAML_TOO_LARGE, b->path,
			     node->start_mark.line + 1, node->start_mark.column + 1,
			     "document too large or too deeply nested "
			     "(aliases expand to more than %u nodes?)", MAX_NODES);
		b->failed = 1;
		return NULL;
	}
	switch (node->type) {
	case YAML_SCALAR_NODE:
		return convert_scalar(b, node);
	case YAML_SEQUENCE_NODE:
		return convert_seq(b, node, depth);
	case YAML_MAPPING_NODE:
		return convert_map(b, node, depth);
	default:
		return NULL;
	}
}

/* Reads a whole file; on failure adds a diagnostic. */
static char *read_file(const char *path, size_t *len, pl_diags *diags,
		       pl_diag_code unreadable)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		pl_diags_add(diags, unreadable, path, 0, 0, "cannot open: %s",
			     strerror(errno));
		return NULL;
	}
	pl_buf b;
	pl_buf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		pl_buf_put(&b, chunk, n);
	int err = ferror(f);
	fclose(f);
	if (err) {
		pl_diags_add(diags, unreadable, path, 0, 0, "cannot read: %s",
			     strerror(errno ? errno : EIO));
		pl_buf_free(&b);
		return NULL;
	}
	*len = b.len;
	return pl_buf_detach(&b);
}

/* Fills raw_start/raw_end of scalars from their line and column, walking
 * the file once per scalar line (files are small). */
static void locate_scalars(pl_ynode *n, const char *raw, size_t raw_len,
			   const size_t *line_starts, size_t nlines)
{
	if (n == NULL)
		return;
	if (n->kind == PL_YNODE_SCALAR) {
		if (n->line == 0 || n->line > nlines)
			return;
		size_t off = line_starts[n->line - 1];
		for (unsigned long col = 1; col < n->column && off < raw_len; off++)
			if (((unsigned char)raw[off + 1] & 0xC0) != 0x80)
				col++;
		n->raw_start = off;
		n->raw_end = off;
		return;
	}
	for (size_t i = 0; i < n->count; i++) {
		if (n->keys)
			locate_scalars(n->keys[i], raw, raw_len, line_starts, nlines);
		locate_scalars(n->items[i], raw, raw_len, line_starts, nlines);
	}
}

pl_ynode *pl_yaml_load(const char *path, pl_diags *diags,
		       pl_diag_code unreadable, char **raw_out,
		       size_t *raw_len_out)
{
	size_t len = 0;
	char *raw = read_file(path, &len, diags, unreadable);
	if (raw == NULL)
		return NULL;

	yaml_parser_t parser;
	yaml_document_t doc;
	pl_ynode *root = NULL;
	if (!yaml_parser_initialize(&parser)) {
		pl_diags_add(diags, unreadable, path, 0, 0,
			     "cannot initialise the YAML parser");
		free(raw);
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)raw, len);
	if (!yaml_parser_load(&parser, &doc)) {
		pl_diags_add(diags, PL_DIAG_YAML_SYNTAX, path,
			     parser.problem_mark.line + 1,
			     parser.problem_mark.column + 1, "YAML syntax: %s%s%s",
			     parser.problem ? parser.problem : "error",
			     parser.context ? " " : "",
			     parser.context ? parser.context : "");
		yaml_parser_delete(&parser);
		free(raw);
		return NULL;
	}
	yaml_node_t *top = yaml_document_get_root_node(&doc);
	builder b = {&doc, path, diags, 0, 0};
	if (top == NULL) {
		root = pl_xcalloc(1, sizeof(*root));
		root->kind = PL_YNODE_MAP;
		root->line = root->column = 1;
	} else {
		root = convert(&b, top, 0);
	}
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (b.failed) {
		pl_ynode_free(root);
		free(raw);
		return NULL;
	}

	size_t *starts = NULL, nstarts = 0, cap = 0;
	PL_PUSH(starts, nstarts, cap, (size_t)0);
	for (size_t i = 0; i < len; i++)
		if (raw[i] == '\n')
			PL_PUSH(starts, nstarts, cap, i + 1);
	locate_scalars(root, raw, len, starts, nstarts);
	free(starts);

	if (raw_out) {
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
