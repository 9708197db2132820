#!/bin/sh
# The prefilter changes nothing but speed: the JSON report of the dev
# corpora (every profile), the seeds and the examples is the same with it
# (the default) and without it (POLICYLINT_PREFILTER=0).  The corpora run
# on the plain build, which is the same code as the sanitized one and many
# times faster; the seeds and examples on the binary under test.
# Usage: tests/cli/prefilter.sh POLICYLINT SHARED
pl=${1:?usage: prefilter.sh POLICYLINT SHARED}
shared=${2:-../shared}
plain=./policylint
[ -x "$plain" ] || plain=$pl
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

same() {    # NAME BINARY ARGS...: the two reports must be identical
  name=$1 bin=$2
  shift 2
  "$bin" --format json "$@" >"$tmp/on.json" 2>"$tmp/on.err"
  on=$?
  POLICYLINT_PREFILTER=0 "$bin" --format json "$@" >"$tmp/off.json" 2>"$tmp/off.err"
  off=$?
  if [ $on -ne $off ] || ! cmp -s "$tmp/on.json" "$tmp/off.json" ||
     ! cmp -s "$tmp/on.err" "$tmp/off.err"; then
    echo "FAIL prefilter: $name differs with the prefilter on and off"
    diff "$tmp/on.json" "$tmp/off.json" | head -10
    fail=1
  fi
  # A report with nothing in it would prove nothing.
  grep -q '"evidence"' "$tmp/on.json" || {
    echo "FAIL prefilter: $name: no evidence in the report"
    fail=1
  }
}

same "examples" "$pl" --profile all examples/*.txt examples/*.md examples/*.html
if [ -d "$shared/seeds" ]; then
  same "seeds" "$pl" --profile all "$shared"/seeds/*.txt
else
  echo "prefilter: $shared/seeds is absent; the seeds are not compared"
fi
for c in opp115-dev gdpr-dev ccpa-dev; do
  d=$shared/corpus/$c
  if [ ! -d "$d" ]; then
    echo "prefilter: $d is absent; that corpus is not compared"
    continue
  fi
  find "$d" -type f \( -name '*.html' -o -name '*.txt' -o -name '*.md' \) \
    ! -name README.md | sort >"$tmp/files"
  same "$c ($(wc -l <"$tmp/files") files)" "$plain" -j2 --profile all \
    --files-from "$tmp/files"
done
exit $fail
