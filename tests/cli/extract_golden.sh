#!/bin/sh
# Golden extractor tests: every tests/extract/NAME.{txt,md,html} is read
# by tests/dump_blocks.c (blocks with their kinds and levels, and the
# sentences of blocks that have several) and compared with NAME.expected.
# UPDATE=1 rewrites the expected files (read the diff before committing).
pl=${1:?usage: extract_golden.sh POLICYLINT [SHARED]}
root=$(cd "$(dirname "$0")/../.." && pwd)
dump=$(dirname "$pl")/dump_blocks
[ -x "$dump" ] || { echo "FAIL: $dump is not built (make cli-test builds it)"; exit 1; }
pass=0 fail=0
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for f in "$root"/tests/extract/*.txt "$root"/tests/extract/*.md "$root"/tests/extract/*.html; do
  [ -f "$f" ] || continue
  want=${f%.*}.expected
  "$dump" "$f" >"$tmp" 2>&1 || { echo "FAIL ${f##*/}: dump_blocks failed"; fail=$((fail + 1)); continue; }
  [ "${UPDATE:-0}" = 1 ] && cp "$tmp" "$want"
  if cmp -s "$want" "$tmp"; then
    pass=$((pass + 1))
  else
    echo "FAIL ${f##*/}:"; diff -u "$want" "$tmp" | head -30; fail=$((fail + 1))
  fi
done
echo "ok extract-golden: $pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
