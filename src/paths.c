/*
 * paths.c: paths: the absolute form of a name, the repository a file is in,
 * and where the default rule set is.
 *
 * In the source tree the rules sit next to the binary (./rules); once
 * installed they are under PREFIX/share/policylint/rules, which is found
 * relative to the running program first (so a relocated install works)
 * and then at the data folder compiled into this file (the Makefile
 * rebuilds it whenever DATADIR changes, so `make install PREFIX=X` after
 * `make` does not keep the old one).
 */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "policylint-advanced.h"
#include "util.h"

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/policylint"
#endif

pl_path_kind_t pl_path_kind(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return PL_PATH_NONE;
	return S_ISDIR(st.st_mode) ? PL_PATH_DIR :
	       S_ISREG(st.st_mode) ? PL_PATH_FILE : PL_PATH_OTHER;
}

/* The folder of the running executable, or NULL. */
static char *exe_dir(void)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n <= 0)
		return NULL;
	buf[n] = '\0';
	char *slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return pl_xstrdup(buf[0] ? buf : "/");
}

/* Whether dir holds policylint's own rule set (its profiles file), rather
 * than some other program's "rules" folder. */
static int is_rule_dir(const char *dir)
{
	char *marker = pl_xasprintf("%s/profiles.yaml", dir);
	int yes = pl_path_kind(dir) == PL_PATH_DIR &&
		  pl_path_kind(marker) == PL_PATH_FILE;
	free(marker);
	return yes;
}

char *pl_default_cache_dir(void)
{
	/* The XDG base directory rules: only an absolute XDG_CACHE_HOME
	 * counts. */
	const char *xdg = getenv("XDG_CACHE_HOME");
	if (xdg && xdg[0] == '/')
		return pl_xasprintf("%s/policylint", xdg);
	const char *home = getenv("HOME");
	if (home && home[0] == '/')
		return pl_xasprintf("%s/.cache/policylint", home);
	return NULL;
}

char *pl_default_rules_path(void)
{
	const char *env = getenv("POLICYLINT_RULES");
	if (env && *env)
		return pl_xstrdup(env);
	char *dir = exe_dir();
	if (dir) {
		const char *candidates[] = {"%s/rules",
					    "%s/../share/policylint/rules"};
		for (size_t i = 0; i < 2; i++) {
			char *p = pl_xasprintf(candidates[i], dir);
			if (is_rule_dir(p)) {
				free(dir);
				return p;
			}
			free(p);
		}
		free(dir);
	}
	if (is_rule_dir(PL_DATADIR "/rules"))
		return pl_xstrdup(PL_DATADIR "/rules");
	return NULL;
}

char *pl_path_absolute(const char *path)
{
	pl_buf b;
	pl_buf_init(&b);
	if (path[0] != '/') {
		char cwd[PATH_MAX];
		if (getcwd(cwd, sizeof cwd) == NULL)
			strcpy(cwd, ".");
		pl_buf_puts(&b, cwd);
	}
	pl_buf_putc(&b, '/');
	pl_buf_puts(&b, path);
	char *in = pl_buf_detach(&b);
	char *out = pl_xmalloc(strlen(in) + 2);
	size_t n = 0;
	for (char *p = in; *p;) {
		while (*p == '/')
			p++;
		char *e = p;
		while (*e && *e != '/')
			e++;
		size_t len = (size_t)(e - p);
		if (len == 0 || (len == 1 && p[0] == '.')) {
			/* nothing */
		} else if (len == 2 && p[0] == '.' && p[1] == '.') {
			while (n > 0 && out[n - 1] != '/')
				n--;
			if (n > 0)
				n--;
		} else {
			out[n++] = '/';
			memcpy(out + n, p, len);
			n += len;
		}
		p = e;
	}
	if (n == 0)
		out[n++] = '/';
	out[n] = '\0';
	free(in);
	return out;
}

/* The folder a policy's configuration is looked up from, absolute and with
 * symbolic links resolved when it exists. */
char *pl_path_start_dir(const char *path)
{
	char *abs = pl_path_absolute(strcmp(path, "-") == 0 ? "." : path);
	if (strcmp(path, "-") != 0) {
		char *slash = strrchr(abs, '/');
		if (slash == abs)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	char real[PATH_MAX];
	if (realpath(abs, real) != NULL) {
		free(abs);
		return pl_xstrdup(real);
	}
	return abs;
}

char *pl_repo_root(void)
{
	char *dir = pl_path_start_dir("-");
	char *cur = pl_xstrdup(dir);
	for (;;) {
		char *git = pl_xasprintf("%s/.git", cur);
		int found = pl_path_kind(git) != PL_PATH_NONE;
		free(git);
		if (found) {
			free(dir);
			return cur;
		}
		if (strcmp(cur, "/") == 0)
			break;
		char *slash = strrchr(cur, '/');
		if (slash == cur)
			slash[1] = '\0';
		else
			*slash = '\0';
	}
	free(cur);
	return dir;
}
