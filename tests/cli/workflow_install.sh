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
check installed-finds-rules eval "[ \"\$rc\" = 1 ] && has 'areas disclosed' && ! has_err 'cannot find'"
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

# The library: pkg-config finds it (through the staging root) and a
# program links against it.
if command -v pkg-config >/dev/null 2>&1 && command -v cc >/dev/null 2>&1; then
  cat >use.c <<'C'
#include <stdio.h>
#include <policylint.h>
int main(void)
{
	pl_ruleset *rs = pl_ruleset_new();
	printf("%s %s\n", PL_VERSION, pl_area_name(PL_AREA_CONTACT));
	pl_ruleset_free(rs);
	return 0;
}
C
  flags=$(PKG_CONFIG_PATH="$p/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest" pkg-config --cflags --libs policylint)
  check pkg-config-version eval "[ \"\$(PKG_CONFIG_PATH='$p/lib/pkgconfig' pkg-config --modversion policylint)\" = \"\$(sed -n 's/^#define PL_VERSION \"\\(.*\\)\"/\\1/p' '$root/include/policylint.h')\" ]"
  # shellcheck disable=SC2086
  run cc -o use use.c $flags
  check library-links is_rc 0
  run ./use
  check library-runs has ' contact$'
else
  echo "SKIP library: pkg-config or cc is missing"
fi

run make -s -C "$root" --no-print-directory uninstall DESTDIR="$dest" PREFIX="$prefix"
check uninstall-runs is_rc 0
left=$(find "$dest" -type f -o -type l)
check uninstall-leaves-nothing [ -z "$left" ]
[ -z "$left" ] || echo "left behind: $left"
check uninstall-removes-datadir [ ! -d "$p/share/policylint" ]
finish
