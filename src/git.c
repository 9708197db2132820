/*
 * git.c: the previous version of a file, read with git (git.h).
 *
 * git is run as a child process (posix_spawnp, no shell, so no file name
 * or revision is ever interpreted), from the folder of the file itself:
 * the repository is the file's, whatever the current folder is, and a
 * policy in a submodule or a second checkout is read from its own
 * history.  Only read-only commands run (rev-parse, cat-file, diff
 * --name-status); nothing in the repository or the work tree changes.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "diag.h"
#include "git.h"
#include "util.h"

extern char **environ;

#define GIT_SPAWN_FAILED (-1)   /* git could not be started at all */

/* Runs git with args (NULL-terminated, without "git") in dir; its
 * standard output goes to *out (NUL-terminated) when out is not NULL,
 * its standard error nowhere.  Returns git's exit status, or
 * GIT_SPAWN_FAILED. */
static int run_git(const char *dir, const char *const *args, pl_buf *out)
{
	const char *argv[16] = {"git", "-C", dir};
	size_t n = 3;
	for (size_t i = 0; args[i] && n < 15; i++)
		argv[n++] = args[i];
	argv[n] = NULL;
	int fds[2];
	if (pipe(fds) != 0)
		return GIT_SPAWN_FAILED;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	pid_t pid;
	int rc = posix_spawnp(&pid, "git", &fa, NULL, (char *const *)argv,
			      environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc != 0) {
		close(fds[0]);
		return GIT_SPAWN_FAILED;
	}
	char chunk[8192];
	ssize_t got;
	while ((got = read(fds[0], chunk, sizeof chunk)) != 0) {
		if (got < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (out)
			pl_buf_put(out, chunk, (size_t)got);
	}
	close(fds[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return GIT_SPAWN_FAILED;
	if (!WIFEXITED(status))
		return GIT_SPAWN_FAILED;
	/* 127: the shell-less spawn of a missing program on some libcs. */
	return WEXITSTATUS(status) == 127 ? GIT_SPAWN_FAILED : WEXITSTATUS(status);
}

/* The folder part of path ("." for a bare name) and the name; malloc'd. */
static void split_path(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL) {
		*dir = pl_xstrdup(".");
		*base = pl_xstrdup(path);
	} else {
		*dir = slash == path ? pl_xstrdup("/") :
				       pl_xstrndup(path, (size_t)(slash - path));
		*base = pl_xstrdup(slash + 1);
	}
}

static void chomp(pl_buf *b)
{
	while (b->len > 0 && (b->data[b->len - 1] == '\n' ||
			      b->data[b->len - 1] == '\r'))
		b->data[--b->len] = '\0';
}

int pl_git_is_revision(const char *path, const char *rev)
{
	char *dir, *base;
	split_path(path, &dir, &base);
	char *spec = pl_xasprintf("%s^{commit}", rev);
	const char *args[] = {"rev-parse", "--verify", "--quiet", spec, NULL};
	int rc = run_git(dir, args, NULL);
	free(spec);
	free(dir);
	free(base);
	return rc == 0;
}

/* The name a renamed file had in rev ("legal/privacy.md" now, was
 * "privacy.md"), or NULL: the rename as git sees it between rev and the
 * work tree. */
static char *renamed_from(const char *dir, const char *rev, const char *now)
{
	const char *args[] = {"diff", "--no-ext-diff", "-M", "--diff-filter=R",
			      "--name-status", "-z", rev, "--", NULL};
	pl_buf out;
	pl_buf_init(&out);
	char *found = NULL;
	if (run_git(dir, args, &out) == 0) {
		/* -z: "R100\0old\0new\0" per rename, paths from the root. */
		size_t i = 0;
		while (i < out.len && found == NULL) {
			const char *status = out.data + i;
			i += strlen(status) + 1;
			if (i >= out.len)
				break;
			const char *from = out.data + i;
			i += strlen(from) + 1;
			if (i > out.len)
				break;
			const char *to = out.data + i;
			i += strlen(to) + 1;
			if (status[0] == 'R' && strcmp(to, now) == 0)
				found = pl_xstrdup(from);
		}
	}
	pl_buf_free(&out);
	return found;
}

int pl_git_show(const char *path, const char *display_name, const char *rev,
		char **data, size_t *len, char **name, pl_diags *diags)
{
	const char *shown = display_name ? display_name : path;
	char *dir, *base;
	split_path(path, &dir, &base);
	*data = NULL;
	*len = 0;
	*name = NULL;
	int result = PL_GIT_FAILED;
	pl_buf prefix, blob;
	pl_buf_init(&prefix);
	pl_buf_init(&blob);
	const char *prefix_args[] = {"rev-parse", "--show-prefix", NULL};
	int rc = run_git(dir, prefix_args, &prefix);
	char *spec = pl_xasprintf("%s^{commit}", rev);
	const char *verify_args[] = {"rev-parse", "--verify", "--quiet", spec, NULL};
	if (rc == GIT_SPAWN_FAILED) {
		pl_diags_add(diags, PL_DIAG_GIT_MISSING, shown, 0, 0,
			     "--against %s: git is needed to read the previous "
			     "version and cannot be run (is it installed and on "
			     "PATH?)", rev);
		goto out;
	}
	if (rc != 0) {
		pl_diags_add(diags, PL_DIAG_GIT_REVISION, shown, 0, 0,
			     "--against %s: the file is in no git repository "
			     "(and no file named '%s' exists)", rev, rev);
		goto out;
	}
	if (run_git(dir, verify_args, NULL) != 0) {
		pl_diags_add(diags, PL_DIAG_GIT_REVISION, shown, 0, 0,
			     "--against %s: no file and no commit of this "
			     "repository has that name (in CI, fetch the base "
			     "branch first, e.g. git fetch origin main)", rev);
		goto out;
	}
	chomp(&prefix);
	char *rel = pl_xasprintf("%s%s", prefix.data ? prefix.data : "", base);
	char *object = pl_xasprintf("%s:%s", rev, rel);
	const char *exists_args[] = {"cat-file", "-e", object, NULL};
	if (run_git(dir, exists_args, NULL) != 0) {
		char *from = renamed_from(dir, rev, rel);
		if (from) {
			free(object);
			object = pl_xasprintf("%s:%s", rev, from);
			free(from);
		}
	}
	const char *blob_args[] = {"cat-file", "blob", object, NULL};
	*name = pl_xstrdup(object);
	if (run_git(dir, blob_args, &blob) == 0) {
		*len = blob.len;
		*data = pl_buf_detach(&blob);
		result = PL_GIT_READ;
	} else {
		pl_diags_add(diags, PL_DIAG_AGAINST_NEW_FILE, shown, 0, 0,
			     "%s does not exist in %s: the file is new in this "
			     "change, so every finding is new", rel, rev);
		result = PL_GIT_NEW_FILE;
	}
	free(rel);
	free(object);
out:
	free(spec);
	pl_buf_free(&prefix);
	pl_buf_free(&blob);
	free(dir);
	free(base);
	return result;
}
