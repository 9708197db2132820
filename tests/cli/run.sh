#!/bin/sh
# Golden CLI tests.  Usage: tests/cli/run.sh POLICYLINT [SHARED]
#
#  1. every examples/NAME.{txt,md,html} with examples/NAME.EXT.expected:
#     the text report (no colour) and the exit status must match exactly;
#  2. every tests/cli/golden/NAME.args: the arguments (run from the
#     repository root; @SHARED@ stands for the shared folder) must give
#     NAME.out on stdout, NAME.err on stderr and NAME.status;
#  3. every other tests/cli/*.sh script, run as SCRIPT POLICYLINT SHARED.
#
# UPDATE=1 rewrites the expected files from the current output (then read
# the diff before committing it).
pl=${1:?usage: run.sh POLICYLINT [SHARED]}
shared=${2:-../shared}
case $pl in /*) ;; *) pl=$(pwd)/$pl ;; esac
pass=0
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {   # NAME EXPECTED ACTUAL
  if [ "${UPDATE:-0}" = 1 ]; then cp "$3" "$2"; fi
  if cmp -s "$2" "$3"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $1:"
    diff -u "$2" "$3" | head -40
  fi
}

for f in examples/*.txt examples/*.md examples/*.html; do
  [ -f "$f.expected" ] || [ "${UPDATE:-0}" = 1 ] || continue
  NO_COLOR= "$pl" --color=never "$f" >"$tmp/out" 2>&1
  echo "exit: $?" >>"$tmp/out"
  check "$f" "$f.expected" "$tmp/out"
done

for a in tests/cli/golden/*.args; do
  [ -f "$a" ] || continue
  n=${a%.args}
  args=$(sed "s#@SHARED@#$shared#g" "$a")
  # shellcheck disable=SC2086
  eval "\"$pl\" $args" >"$tmp/out" 2>"$tmp/err" </dev/null
  echo $? >"$tmp/status"
  check "$n (stdout)" "$n.out" "$tmp/out"
  check "$n (stderr)" "$n.err" "$tmp/err"
  check "$n (status)" "$n.status" "$tmp/status"
done

for s in tests/cli/*.sh; do
  [ "$s" = tests/cli/run.sh ] && continue
  if sh "$s" "$pl" "$shared" >"$tmp/log" 2>&1; then
    pass=$((pass + 1))
    grep -E '^(ok|SKIP)' "$tmp/log" | sed "s#^#  ${s##*/}: #"
  else
    fail=$((fail + 1))
    echo "FAIL $s:"
    tail -30 "$tmp/log"
  fi
done

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
