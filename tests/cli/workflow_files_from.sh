#!/bin/sh
# --files-from FILE|-: long lists, newline or NUL separated, streamed.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $rules -f gcc"
mkdir -p 'dir with space'
cp findings.md 'dir with space/p one.md'

printf 'findings.md\n\nclean.md\ndir with space/p one.md\n' >list.txt
run $t --files-from list.txt
check list-file eval "is_rc 1 && [ \$(grep -c need-contact \"$tmp/.out\") = 2 ] && has '^dir with space/p one.md:5:13:'"

printf 'findings.md\r\nclean.md\r\n' >crlf.txt
run $t --files-from crlf.txt
check crlf-list eval "has '^findings.md:1:1:' && [ -z \"\$err\" ]"

printf 'findings.md\0dir with space/p one.md\0' >list0
run $t --files-from list0
check nul-separated eval "has '^findings.md:1:1:' && has '^dir with space/p one.md:1:1:'"

printf 'findings.md\n' | $t --files-from - >"$tmp/.out" 2>"$tmp/.err"
check from-stdin has '^findings.md:5:13:'

run $t --files-from list.txt other.md
check with-positional eval "is_rc 2 && has_err 'other.md' && has '^findings.md:1:1:'"

printf 'gone.md\nfindings.md\n' >list2.txt
run $t --files-from list2.txt
check missing-entry eval "is_rc 2 && has_err '^gone.md: error: .*\[input-missing\]$' && has '^findings.md:1:1:'"

run $t --files-from nowhere.txt
check missing-list is_rc 2
run $t --files-from - -
check stdin-once eval "is_rc 2 && has_err 'standard input can be read only once'"

# Thousands of entries, as xargs or a cluster job would pass them.
i=0
: >many.txt
while [ $i -lt 2000 ]; do echo clean.md; i=$((i + 1)); done >many.txt
run $pl --no-config --rules "$rules" -f jsonl --files-from many.txt
check many-files eval '[ "$(wc -l <"$tmp/.out")" -eq 2000 ] && is_rc 0'
finish
