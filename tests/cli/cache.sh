#!/bin/sh
# The compiled rule set cache: written on the first run, read on the next,
# never trusted when damaged, stale or unwritable, never changing a report.
# Usage: tests/cli/cache.sh POLICYLINT SHARED
pl=${1:?usage: cache.sh POLICYLINT SHARED}
tmp=$(mktemp -d)
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok $1"; }
bad() { echo "FAIL cache: $1"; fail=1; }

files="examples/gaps.txt examples/clean.md examples/outdated.html"
args="--format json --profile all --stats $files"

# The report every other run must match: no cache at all.
# shellcheck disable=SC2086
XDG_CACHE_HOME=$tmp/none "$pl" --no-cache $args >"$tmp/want.json" 2>"$tmp/want.err"
grep -q "rule set compiled (no cache)" "$tmp/want.err" || bad "--no-cache says it compiled without a cache"
[ -e "$tmp/none" ] && bad "--no-cache wrote a cache"

run() {     # NAME CACHE_HOME: lints, compares with want, prints the stats line
  # shellcheck disable=SC2086
  XDG_CACHE_HOME=$2 "$pl" $args >"$tmp/got.json" 2>"$tmp/got.err"
  cmp -s "$tmp/want.json" "$tmp/got.json" || bad "$1: the report differs"
  grep "rule set" "$tmp/got.err"
}

cache=$tmp/c
[ "$(run first "$cache")" = "policylint: rule set compiled (and cached)" ] ||
  bad "the first run compiles"
n=$(ls "$cache/policylint"/rules-*.bin 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && ok "written" || bad "one cache file after the first run (got $n)"
[ "$(run second "$cache")" = "policylint: rule set read from the cache" ] &&
  ok "read" || bad "the second run reads the cache"
file=$(ls "$cache/policylint"/rules-*.bin)
size=$(wc -c <"$file")

# Damage of every kind: the run compiles, reports the same, and rewrites
# the file so that the run after reads it again.
damage() {  # NAME COMMAND...
  name=$1
  shift
  "$@"
  [ "$(run "$name" "$cache")" = "policylint: rule set compiled (and cached)" ] ||
    bad "$name: a damaged cache is not used"
  [ "$(run "$name (after)" "$cache")" = "policylint: rule set read from the cache" ] ||
    bad "$name: the cache is written afresh"
  ok "damaged: $name"
}
flip() {    # OFFSET: one byte changed in place (its bits inverted: writing
            # a fixed byte changes nothing where the file already has it)
  b=$(od -An -tu1 -j "$1" -N1 "$file" | tr -d ' ')
  # shellcheck disable=SC2059
  printf "$(printf '\\%03o' $((b ^ 255)))" |
    dd of="$file" bs=1 seek="$1" conv=notrunc 2>/dev/null
}
damage "magic" flip 0
damage "key" flip 20
damage "checksum" flip 28
damage "payload start" flip 48
damage "payload middle" flip $((size / 2))
damage "last byte" flip $((size - 1))
damage "truncated" sh -c "head -c $((size / 2)) '$file' >'$file.t' && mv '$file.t' '$file'"
damage "empty" sh -c ": >'$file'"
damage "garbage" sh -c "head -c $size /dev/urandom >'$file'"
damage "longer" sh -c "printf x >>'$file'"

# A changed rule file is a different rule set: another file, compiled.
cp -r "${POLICYLINT_RULES:-rules}" "$tmp/rules"
printf '\n# a comment changes the bytes, and so the key\n' >>"$tmp/rules/profiles.yaml"
XDG_CACHE_HOME=$cache "$pl" --stats --rules "$tmp/rules" --format json $files \
  >"$tmp/other.json" 2>"$tmp/other.err"
grep -q "rule set compiled (and cached)" "$tmp/other.err" ||
  bad "a changed rule set is compiled"
n=$(ls "$cache/policylint"/rules-*.bin | wc -l)
[ "$n" -eq 2 ] && ok "stale: another key" || bad "a changed rule set gets its own file (got $n files)"

# Nowhere to write: a file where the folder should be, a read-only folder.
: >"$tmp/blocked"
[ "$(run "blocked" "$tmp/blocked")" = "policylint: rule set compiled (and cached)" ] ||
  bad "a cache folder that cannot be made"
mkdir -p "$tmp/ro/policylint"
chmod a-w "$tmp/ro/policylint"
run "read-only" "$tmp/ro" >/dev/null
[ "$(ls "$tmp/ro/policylint" | wc -l)" -eq 0 ] || [ "$(id -u)" -eq 0 ] ||
  bad "nothing is written to a read-only folder"
ok "unwritable"

# Without XDG_CACHE_HOME, $HOME/.cache; a relative XDG_CACHE_HOME is ignored.
mkdir -p "$tmp/home"
# shellcheck disable=SC2086
(unset XDG_CACHE_HOME; HOME=$tmp/home "$pl" $args >/dev/null 2>&1)
ls "$tmp/home/.cache/policylint"/rules-*.bin >/dev/null 2>&1 &&
  ok "HOME fallback" || bad "the cache goes to \$HOME/.cache without XDG_CACHE_HOME"

# Runs at once with an empty cache: every report the same, one whole file.
for i in 1 2 3 4; do
  # shellcheck disable=SC2086
  XDG_CACHE_HOME=$tmp/par "$pl" $args >"$tmp/par$i.json" 2>/dev/null &
done
wait
for i in 1 2 3 4; do
  cmp -s "$tmp/want.json" "$tmp/par$i.json" || bad "concurrent run $i differs"
done
[ "$(run "after concurrent" "$tmp/par")" = "policylint: rule set read from the cache" ] &&
  ok "concurrent" || bad "concurrent writers leave a whole cache"

# At most eight rule sets are kept.
for i in 1 2 3 4 5 6 7 8 9 10; do
  printf '\n# %s\n' "$i" >>"$tmp/rules/profiles.yaml"
  XDG_CACHE_HOME=$cache "$pl" --rules "$tmp/rules" --format json examples/gaps.txt \
    >/dev/null 2>&1
done
n=$(ls "$cache/policylint"/rules-*.bin | wc -l)
[ "$n" -le 8 ] && ok "pruned" || bad "at most 8 cached rule sets (got $n)"
exit $fail
