#!/bin/sh
# Scanning in parallel (-j) must not change anything a user sees: stdout,
# stderr and the exit status are those of a one-thread run, in input order,
# with unreadable inputs reported in their place.
pl=${1:?usage: jobs.sh POLICYLINT [SHARED]}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
set -- examples/clean.md /no/such/policy.txt examples/gaps.txt examples \
       examples/contradictions.md examples/outdated.html examples/minimal.txt
for fmt in text json sarif; do
  "$pl" --color=never -f $fmt -j 1 "$@" >"$tmp/1.out" 2>"$tmp/1.err"; s1=$?
  "$pl" --color=never -f $fmt -j 4 "$@" >"$tmp/4.out" 2>"$tmp/4.err"; s4=$?
  cmp -s "$tmp/1.out" "$tmp/4.out" || { echo "FAIL $fmt: stdout differs"; diff "$tmp/1.out" "$tmp/4.out" | head; exit 1; }
  cmp -s "$tmp/1.err" "$tmp/4.err" || { echo "FAIL $fmt: stderr differs"; diff "$tmp/1.err" "$tmp/4.err"; exit 1; }
  [ $s1 = 2 ] && [ $s4 = 2 ] || { echo "FAIL $fmt: status $s1 / $s4, want 2"; exit 1; }
  echo "ok jobs-$fmt-same-as-one-thread"
done
# the two errors come in input order
grep -n "policy.txt\|is a directory" "$tmp/4.err" | head -2 | tr '\n' ' ' |
  grep -q "^1:.*policy.txt.* 2:.*directory" || { echo "FAIL: error order"; cat "$tmp/4.err"; exit 1; }
echo "ok jobs-errors-in-order"
"$pl" -j 0 examples/clean.md >/dev/null 2>&1; [ $? = 2 ] || { echo "FAIL: -j 0 accepted"; exit 1; }
echo "ok jobs-bad-value"
