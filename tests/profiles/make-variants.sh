#!/bin/sh
# Writes the test variants of every profile's full policy:
#
#   NAME/lacks.tsv   RULE <TAB> text|text...   lacks-RULE.txt is full.txt
#                    without every line holding one of the texts: the one
#                    disclosure RULE asks for is gone, nothing else is;
#   NAME/adds.tsv    RULE <TAB> line           with-RULE.txt is full.txt
#                    with that line added at the end (for `avoid` rules).
#
# Usage: tests/profiles/make-variants.sh [OUTDIR]   (default: in place;
# tests/cli/profiles.sh writes them to a temporary folder and compares).
here=$(cd "$(dirname "$0")" && pwd)
out=${1:-$here}
tab=$(printf '\t')
for dir in "$here"/*/; do
  name=$(basename "$dir")
  [ -f "$dir/full.txt" ] || continue
  mkdir -p "$out/$name"
  [ "$out" = "$here" ] || cp "$dir/full.txt" "$out/$name/full.txt"
  if [ -f "$dir/lacks.tsv" ]; then
    while IFS="$tab" read -r rule texts; do
      case $rule in ''|'#'*) continue ;; esac
      # Every text is a fixed string; a line holding any of them goes.
      printf '%s\n' "$texts" | tr '|' '\n' >"$out/$name/.drop"
      grep -v -F -f "$out/$name/.drop" "$dir/full.txt" >"$out/$name/lacks-$rule.txt"
      rm -f "$out/$name/.drop"
    done <"$dir/lacks.tsv"
  fi
  if [ -f "$dir/adds.tsv" ]; then
    while IFS="$tab" read -r rule line; do
      case $rule in ''|'#'*) continue ;; esac
      { cat "$dir/full.txt"; printf '\n%s\n' "$line"; } >"$out/$name/with-$rule.txt"
    done <"$dir/adds.tsv"
  fi
done
