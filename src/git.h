/*
 * git.h: reading a file's previous version with git (git.c), for
 * `--against REV`.
 */
#ifndef PL_GIT_H
#define PL_GIT_H

#include <stddef.h>

#include "policylint.h"

enum { PL_GIT_READ = 0, PL_GIT_NEW_FILE = 1, PL_GIT_FAILED = -1 };

/* Reads the version of the file at path in revision rev of the
 * repository the file is in (git run from the file's own folder, the path
 * taken relative to the repository's root, as `git show REV:PATH`; a file
 * git sees as renamed since rev is read under its old name).  Returns
 * PL_GIT_READ with the content in *data (malloc'd, NUL-terminated), its
 * length, and *name set to "REV:PATH" (malloc'd); PL_GIT_NEW_FILE when rev
 * has no such file (*name set; nothing to compare with); PL_GIT_FAILED
 * when git is not installed, the file is in no repository or rev names no
 * commit (a diagnostic says which). */
int pl_git_show(const char *path, const char *display_name, const char *rev,
		char **data, size_t *len, char **name, pl_diags *diags);

/* Whether rev names a commit in the repository of the folder holding
 * path (git missing counts as no). */
int pl_git_is_revision(const char *path, const char *rev);

#endif
