#!/bin/sh
# Runs the unit tests and a few whole-program runs under valgrind on the
# plain (unsanitised) build: zero errors and zero leaks, or it fails.
# (--check-rules, which lints every rule example, runs under ASan only:
# under valgrind it would take minutes and cover no other code.)
# Usage: tests/valgrind.sh "TEST_BINARIES" [SHARED]
tests=$1
shared=${2:-../shared}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind-test: SKIP: valgrind is not installed (make deps installs it)"
  exit 0
fi
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
# valgrind cannot follow PCRE2's JIT code (it reports the JIT's reads as
# errors), so this stage runs the interpreter; the ASan stage runs the JIT.
export POLICYLINT_RULES="$(pwd)/rules" POLICYLINT_SHARED="$shared" POLICYLINT_NO_JIT=1 POLICYLINT_TEST_SMALL=1
fail=0
for t in $tests; do
  $vg "$t" >/dev/null 2>"$t.vg.log"
  rc=$?
  if [ $rc = 99 ]; then echo "valgrind: $t: memory errors:"; cat "$t.vg.log"; fail=1;
  elif [ $rc != 0 ]; then echo "valgrind: $t failed (exit $rc)"; tail -20 "$t.vg.log"; fail=1; fi
done
for f in examples/*.txt examples/*.md examples/*.html "$shared"/seeds/0*.txt; do
  [ -f "$f" ] || continue
  for fmt in text json; do
    $vg ./policylint --format $fmt "$f" >/dev/null 2>/tmp/pl.vg.$$
    if [ $? = 99 ]; then echo "valgrind: ./policylint --format $fmt $f:"; cat /tmp/pl.vg.$$; fail=1; fi
  done
done
rm -f /tmp/pl.vg.$$
$vg ./policylint /nonexistent examples >/dev/null 2>/tmp/pl.vg.$$; [ $? = 99 ] && { cat /tmp/pl.vg.$$; fail=1; }
rm -f /tmp/pl.vg.$$
if [ $fail = 0 ]; then echo "valgrind-test: no errors, no leaks"; else exit 1; fi
