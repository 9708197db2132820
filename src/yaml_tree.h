/*
 * yaml_tree.h: a YAML file as a small tree with positions.
 *
 * yaml_tree.c is the only file that talks to libyaml.  It turns one YAML
 * document into pl_ynode values that the rule loader and the config loader
 * walk, each node knowing the line and column it starts at, so that every
 * diagnostic can say FILE:LINE:COLUMN.
 */
#ifndef PL_YAML_TREE_H
#define PL_YAML_TREE_H

#include <stddef.h>

#include "diag.h"

typedef enum { PL_YNODE_SCALAR, PL_YNODE_SEQ, PL_YNODE_MAP } pl_ynode_kind;

typedef enum {
	PL_YSTYLE_PLAIN,
	PL_YSTYLE_SINGLE,
	PL_YSTYLE_DOUBLE,
	PL_YSTYLE_BLOCK        /* literal | or folded > */
} pl_ystyle;

typedef struct pl_ynode pl_ynode;

struct pl_ynode {
	pl_ynode_kind kind;
	unsigned long line, column;   /* 1-based */
	/* scalar */
	char *value;
	size_t value_len;
	pl_ystyle style;
	size_t raw_start, raw_end;    /* byte range of the scalar in the file */
	/* sequence items, or mapping keys and values (keys[i] -> items[i]) */
	pl_ynode **keys;
	pl_ynode **items;
	size_t count;
};

/* Parses path (a YAML file with one document).  On a syntax error adds a
 * diagnostic and returns NULL; a file that cannot be read is reported
 * with the code unreadable.  An empty file yields an empty mapping.
 * When raw is not NULL it receives the file's bytes (caller frees), so that
 * positions inside scalars can be worked out. */
pl_ynode *pl_yaml_load(const char *path, pl_diags *diags,
		       pl_diag_code unreadable, char **raw,
		       size_t *raw_len);

/* The value of key in a mapping, or NULL. */
pl_ynode *pl_ynode_get(const pl_ynode *map, const char *key);

int pl_ynode_is_true(const pl_ynode *n);
int pl_ynode_is_false(const pl_ynode *n);

void pl_ynode_free(pl_ynode *n);

#endif
