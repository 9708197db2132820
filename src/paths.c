/*
 * paths.c: finds the default rule set without any option.
 *
 * In the source tree the rules sit next to the binary (./rules); once
 * installed they are under PREFIX/share/policylint/rules, which is found
 * relative to the binary first (so a relocated install works) and then at
 * the prefix compiled in.
 */
#define _XOPEN_SOURCE 700
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "policylint.h"
#include "util.h"

#ifndef PL_DATADIR
#define PL_DATADIR "/usr/local/share/policylint"
#endif

static int is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running executable, or NULL. */
static char *exe_dir(const char *argv0)
{
	char buf[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = '\0';
	} else if (argv0 && strchr(argv0, '/') &&
		   realpath(argv0, buf) != NULL) {
		/* realpath filled buf */
	} else {
		return NULL;
	}
	char *slash = strrchr(buf, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	return pl_xstrdup(buf[0] ? buf : "/");
}

char *pl_default_rules_path(const char *argv0)
{
	const char *env = getenv("POLICYLINT_RULES");
	if (env && *env)
		return pl_xstrdup(env);
	char *dir = exe_dir(argv0);
	if (dir) {
		const char *candidates[] = {"%s/rules",
					    "%s/../share/policylint/rules"};
		for (size_t i = 0; i < 2; i++) {
			char *p = pl_xasprintf(candidates[i], dir);
			if (is_dir(p)) {
				free(dir);
				return p;
			}
			free(p);
		}
		free(dir);
	}
	if (is_dir(PL_DATADIR "/rules"))
		return pl_xstrdup(PL_DATADIR "/rules");
	return NULL;
}
