#!/bin/sh
# make install / make uninstall with PREFIX and DESTDIR: the installed
# program finds its installed rules, the man pages render, the library
# links through pkg-config, and uninstall leaves no file behind.
# (Installs the release build of this tree, whatever $1 is.)
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
if ! command -v make >/dev/null 2>&1; then
  echo "SKIP workflow_install: make is not installed"
  exit 0
fi
dest=$tmp/stage
prefix=/opt/policylint-test
run make -s -C "$root" --no-print-directory install DESTDIR="$dest" PREFIX="$prefix"
check install-runs is_rc 0
p=$dest$prefix
for f in bin/policylint lib/libpolicylint.a lib/pkgconfig/policylint.pc \
         include/policylint.h share/man/man1/policylint.1 \
         share/man/man5/policylint-rules.5; do
  check "installed-$f" [ -f "$p/$f" ]
done
check installed-rules eval "ls '$p/share/policylint/rules/'*.yaml >/dev/null 2>&1"
check installed-binary-executable [ -x "$p/bin/policylint" ]

# The installed program, away from the source tree, finds its rules.
cd "$tmp" || exit 1
run env -u POLICYLINT_RULES "$p/bin/policylint" --no-config --color=never findings.md
check installed-finds-rules eval "[ \"\$rc\" = 1 ] && has 'areas [0-9]*/11 disclosed' && ! has_err 'rules-not-found'"
run env -u POLICYLINT_RULES "$p/bin/policylint" --list-rules
check installed-list-rules eval "is_rc 0 && has '^RULE'"
run "$p/bin/policylint" --version
check installed-version has '^policylint [0-9]'

# The man pages render without warnings.
if command -v groff >/dev/null 2>&1; then
  for m in man1/policylint.1 man5/policylint-rules.5; do
    check "man-$m" eval "[ -z \"\$(groff -man -ww -z '$p/share/man/$m' 2>&1)\" ]"
  done
  check man-by-name eval "MANPATH='$p/share/man' man -w policylint-rules >/dev/null 2>&1 || [ -f '$p/share/man/man5/policylint-rules.5' ]"
else
  echo "SKIP man pages: groff is not installed"
fi

# pkg-config finds the staged library.
if command -v pkg-config >/dev/null 2>&1; then
  check pkg-config-version eval "[ \"\$(PKG_CONFIG_PATH='$p/lib/pkgconfig' pkg-config --modversion policylint)\" = \"\$(sed -n 's/^#define PL_VERSION \"\\(.*\\)\"/\\1/p' '$root/include/policylint.h')\" ]"
fi

run make -s -C "$root" --no-print-directory uninstall DESTDIR="$dest" PREFIX="$prefix"
check uninstall-runs is_rc 0
left=$(find "$dest" -type f -o -type l)
check uninstall-leaves-nothing [ -z "$left" ]
[ -z "$left" ] || echo "left behind: $left"
check uninstall-removes-datadir [ ! -d "$p/share/policylint" ]

# A real install (no DESTDIR) into a prefix the tree was not built for:
# the objects are rebuilt for its data folder, and a program built
# against the installed policylint.pc, run from elsewhere, finds the
# installed rules and lints a string.
if command -v pkg-config >/dev/null 2>&1 && command -v cc >/dev/null 2>&1; then
  real=$tmp/prefix
  run make -s -C "$root" --no-print-directory install PREFIX="$real"
  check real-install-runs is_rc 0
  cat >use.c <<'C'
#include <stdio.h>
#include <string.h>
#include <policylint.h>

int main(void)
{
	const char *text =
		"# Privacy\n\nWe collect your e-mail address when you sign up.\n"
		"We never sell your personal information.\n"
		"We sell your e-mail address to data brokers.\n";
	pl_diags *diags = pl_diags_new();
	pl_linter_options o;
	pl_linter_options_init(&o);
	o.config = PL_CONFIG_NONE;
	pl_linter *lint = pl_linter_new(&o);
	pl_result *r = NULL;
	int rc = pl_linter_lint_buffer(lint, "privacy.md", text, strlen(text),
				       &r, diags);
	pl_diags_print(diags, stderr);
	if (rc != PL_LINTED)
		return 2;
	for (size_t i = 0; i < pl_result_finding_count(r); i++) {
		const pl_finding *f = pl_result_finding(r, i);
		printf("%lu:%lu %s %s\n", f->loc.line, f->loc.column, f->rule,
		       pl_finding_kind_name(f->kind));
	}
	printf("collection %d\n", pl_result_disclosed(r, PL_AREA_COLLECTION));
	pl_result_free(r);
	pl_linter_free(lint);
	pl_diags_free(diags);
	return 0;
}
C
  check use-is-short eval "[ \$(wc -l <use.c) -le 40 ]"
  flags=$(PKG_CONFIG_PATH="$real/lib/pkgconfig" pkg-config --cflags --libs policylint)
  # shellcheck disable=SC2086
  run cc -std=c11 -Wall -Wextra -pedantic -Werror -o use use.c $flags
  check library-links is_rc 0
  mkdir elsewhere && cp use elsewhere/ && cd elsewhere || exit 1
  run env -u POLICYLINT_RULES ./use
  check library-lints-string eval "is_rc 0 && has '^4:1 conflicting-sharing conflict$' && has '^collection 1$' && [ -z \"\$err\" ]"
  cd "$tmp" || exit 1
  run make -s -C "$root" --no-print-directory uninstall PREFIX="$real"
  check real-uninstall-runs is_rc 0
  # Back to the tree's own build, for the tests that follow.
  make -s -C "$root" --no-print-directory >/dev/null 2>&1
else
  echo "SKIP library: pkg-config or cc is missing"
fi
finish
