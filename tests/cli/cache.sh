#!/bin/sh
# The compiled rule set cache: written on the first run, read on the next,
# never trusted when damaged, stale or unwritable, never changing a report.
# Two kinds of file: set-KEY.bin, the whole rule set (read instead of the
# YAML), and rules-KEY.bin, the compiled patterns (read when the whole set
# is not there).
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
m=$(ls "$cache/policylint"/set-*.bin 2>/dev/null | wc -l)
[ "$n" -eq 1 ] && [ "$m" -eq 1 ] && ok "written" ||
  bad "one file of each kind after the first run (got $n and $m)"
[ "$(run second "$cache")" = "policylint: rule set read from the cache" ] &&
  ok "read" || bad "the second run reads the cache"
set_file=$(ls "$cache/policylint"/set-*.bin)
cp "$set_file" "$tmp/set.good"
# The whole set, not the patterns, is what a warm run reads: without the
# pattern file it still reads the cache and writes nothing.
file=$(ls "$cache/policylint"/rules-*.bin)
mv "$file" "$tmp/rules.bin.saved"
[ "$(run "set alone" "$cache")" = "policylint: rule set read from the cache" ] &&
  ! ls "$cache/policylint"/rules-*.bin >/dev/null 2>&1 &&
  ok "the whole set is read alone" || bad "a warm run reads the whole set alone"
mv "$tmp/rules.bin.saved" "$file"
size=$(wc -c <"$file")

# Damage of every kind: the run compiles, reports the same, and rewrites
# the file so that the run after reads it again.
damage() {  # NAME COMMAND...: damages $file, the patterns' file
  name=$1
  shift
  "$@"
  rm -f "$cache/policylint"/set-*.bin     # else the whole set is read
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

# The same damage to the whole set's file: it is not used (the run reads
# the patterns' file instead), the report is the same, and the file is
# written afresh (not byte for byte: code read back from PCRE2's
# serialisation carries a flag saying so) and read by the run after.
file=$set_file
size=$(wc -c <"$file")
damage_set() {  # NAME COMMAND...
  name=$1
  shift
  "$@"
  cp "$set_file" "$tmp/set.damaged"
  run "set: $name" "$cache" >/dev/null
  cmp -s "$set_file" "$tmp/set.damaged" && bad "set: $name: not written afresh"
  [ "$(run "set: $name (after)" "$cache")" = "policylint: rule set read from the cache" ] ||
    bad "set: $name: not read after"
  ok "damaged set: $name"
}
damage_set "magic" flip 0
damage_set "key" flip 20
damage_set "checksum" flip 28
damage_set "payload start" flip 48
damage_set "payload middle" flip $((size / 2))
damage_set "last byte" flip $((size - 1))
damage_set "truncated" sh -c "head -c $((size / 2)) '$file' >'$file.t' && mv '$file.t' '$file'"
damage_set "empty" sh -c ": >'$file'"
damage_set "garbage" sh -c "head -c $size /dev/urandom >'$file'"
damage_set "longer" sh -c "printf x >>'$file'"
# Both files damaged at once: compiled from the YAML, same report, both
# written afresh.
size=$(wc -c <"$file")
flip $((size / 2))
rules_file=$(ls "$cache/policylint"/rules-*.bin)
printf 'xxxxxxxx' | dd of="$rules_file" bs=1 seek=40 conv=notrunc 2>/dev/null
[ "$(run "both damaged" "$cache")" = "policylint: rule set compiled (and cached)" ] &&
  cmp -s "$set_file" "$tmp/set.good" && ok "both damaged" ||
  bad "with both files damaged the rule set is compiled and cached afresh"

# --no-cache neither reads nor writes either file.
flip $((size / 2))
cp "$set_file" "$tmp/set.damaged"
# shellcheck disable=SC2086
XDG_CACHE_HOME=$cache "$pl" --no-cache $args >"$tmp/got.json" 2>"$tmp/got.err"
cmp -s "$tmp/want.json" "$tmp/got.json" && grep -q "compiled (no cache)" "$tmp/got.err" &&
  cmp -s "$set_file" "$tmp/set.damaged" && ok "--no-cache" ||
  bad "--no-cache reads or rewrites the cache"
cp "$tmp/set.good" "$set_file"

# A changed rule file is a different rule set: another file, compiled.
cp -r "${POLICYLINT_RULES:-rules}" "$tmp/rules"
printf '\n# a comment changes the bytes, and so the key\n' >>"$tmp/rules/profiles.yaml"
XDG_CACHE_HOME=$cache "$pl" --stats --rules "$tmp/rules" --format json $files \
  >"$tmp/other.json" 2>"$tmp/other.err"
grep -q "rule set compiled (and cached)" "$tmp/other.err" ||
  bad "a changed rule set is compiled"
n=$(ls "$cache/policylint"/rules-*.bin | wc -l)
m=$(ls "$cache/policylint"/set-*.bin | wc -l)
[ "$n" -eq 2 ] && [ "$m" -eq 2 ] && ok "stale: another key" ||
  bad "a changed rule set gets its own files (got $n and $m files)"
# The edited set read back from the cache reports what it does compiled.
XDG_CACHE_HOME=$cache "$pl" --stats --rules "$tmp/rules" --format json $files \
  >"$tmp/other2.json" 2>"$tmp/other2.err"
grep -q "rule set read from the cache" "$tmp/other2.err" &&
  cmp -s "$tmp/other.json" "$tmp/other2.json" && ok "stale: the new set read back" ||
  bad "the edited rule set is read back from the cache, reporting the same"

# Rules a configuration adds are part of the key: a folder with a
# .policylint.yaml naming an extra rule file gets a set of its own, and
# an edit to that file another.
mkdir -p "$tmp/proj/extra"
cp examples/gaps.txt "$tmp/proj/"
cat >"$tmp/proj/extra/x.yaml" <<'YAML'
topics:
  - id: contact.cache-test
    area: contact
    summary: A test topic for the rule cache
    patterns: ['\bcache-test-word\b']
    examples:
      match: [write to cache-test-word]
      no_match: [nothing here]
YAML
printf 'rules: [extra/]\n' >"$tmp/proj/.policylint.yaml"
echo "We say cache-test-word here." >>"$tmp/proj/gaps.txt"
# (--stats names the rule set of the current folder's configuration, not
# the project's: the files in the cache tell instead.)
sets() { ls "$cache/policylint"/set-*.bin | wc -l; }
proj() {    # NAME: lints the project's policy, expecting want-proj.json
  XDG_CACHE_HOME=$cache "$pl" --format json "$tmp/proj/gaps.txt" \
    >"$tmp/proj.json" 2>/dev/null
  cmp -s "$tmp/want-proj.json" "$tmp/proj.json" || bad "config rules ($1): report differs"
}
XDG_CACHE_HOME=$cache "$pl" --no-cache --format json "$tmp/proj/gaps.txt" >"$tmp/want-proj.json" 2>/dev/null
grep -q "contact.cache-test" "$tmp/want-proj.json" || bad "the config's rule file is used"
m0=$(sets)
proj first
m1=$(sets)
proj second
[ "$m1" -eq $((m0 + 1)) ] && [ "$(sets)" -eq "$m1" ] &&
  ok "config rules: a set of their own" || bad "config rules get a set of their own"
sed -i 's/A test topic/An edited test topic/' "$tmp/proj/extra/x.yaml"
XDG_CACHE_HOME=$cache "$pl" --no-cache --format json "$tmp/proj/gaps.txt" >"$tmp/want-proj.json" 2>/dev/null
proj edited
[ "$(sets)" -eq $((m1 + 1)) ] &&
  ok "config rules: an edit is another key" || bad "an edited config rule file is cached afresh"

# A rule set that loads with a warning is never kept whole: every run
# prints the warning, as one from the YAML does.
mkdir -p "$tmp/warn"
cp -r "${POLICYLINT_RULES:-rules}"/. "$tmp/warn/"
sed '/examples:/,$d' "$tmp/proj/extra/x.yaml" >"$tmp/warn/zz-warn.yaml"
for i in 1 2; do
  XDG_CACHE_HOME=$tmp/wc "$pl" --rules "$tmp/warn" --format json examples/gaps.txt \
    >/dev/null 2>"$tmp/warn$i.err"
done
grep -q "rules-undocumented" "$tmp/warn2.err" &&
  ! ls "$tmp/wc/policylint"/set-*.bin >/dev/null 2>&1 && ok "warnings: not kept whole" ||
  bad "a rule set with warnings is not kept whole, and warns every run"

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
  ls "$tmp/home/.cache/policylint"/set-*.bin >/dev/null 2>&1 &&
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
m=$(ls "$cache/policylint"/set-*.bin | wc -l)
[ "$n" -le 8 ] && [ "$m" -le 8 ] && ok "pruned" ||
  bad "at most 8 cached rule sets of each kind (got $n and $m)"
exit $fail
