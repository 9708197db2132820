/*
 * paths.h: file-system names (paths.c), for configuration discovery, SARIF
 * artifact locations and the default rule set.
 */
#ifndef PL_PATHS_H
#define PL_PATHS_H

typedef enum {
	PL_PATH_NONE,           /* nothing there (or not reachable) */
	PL_PATH_FILE,           /* a regular file */
	PL_PATH_DIR,
	PL_PATH_OTHER           /* a FIFO, device, socket */
} pl_path_kind_t;

/* What is at path, symbolic links followed. */
pl_path_kind_t pl_path_kind(const char *path);

/* The absolute, lexically normalised form of path ("." and ".." folded,
 * no trailing slash), against the current folder; malloc'd. */
char *pl_path_absolute(const char *path);

/* The folder a policy at path is configured from ("-": the current
 * folder), absolute and with symbolic links resolved when it exists;
 * malloc'd. */
char *pl_path_start_dir(const char *path);

/* The repository root above the current folder (the nearest folder with
 * .git), or the current folder; malloc'd, absolute. */
char *pl_repo_root(void);

#endif
