#!/bin/sh
# The progress line of long runs: on standard error when it is a terminal
# and the run is long (--files-from, or many files), never otherwise, never
# with --quiet, and never mixed into the report.  script(1) gives the run
# a terminal.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
for i in $(seq 1 25); do cp findings.md "p$i.md"; done
ls p*.md >list
if ! command -v script >/dev/null 2>&1; then
  echo "SKIP progress: script(1) is missing (apt-get install bsdutils)"
  exit 0
fi
# on a terminal: stdout goes to a file, stderr (the terminal) to the typescript
script -qec "$pl --no-config --rules $rules --files-from list >report.txt" typescript >/dev/null
check progress-on-terminal grep -q 'policylint: 25 files, 0.0 MB' typescript
check progress-not-in-report eval "! grep -q 'MB/s' report.txt && grep -q '^p25.md: areas' report.txt"
check progress-wiped-at-end python3 -c '
import sys
t = open(sys.argv[1], "rb").read()
last = t.rfind(b"MB/s\x1b[K")
assert last > 0 and t[last + 7:last + 11] == b"\r\x1b[K", t[last:last + 20]
' typescript
script -qec "$pl --no-config --rules $rules p1.md p2.md >/dev/null" typescript >/dev/null
check no-progress-for-few-files eval "! grep -q 'MB/s' typescript"
script -qec "$pl --no-config --rules $rules -q --files-from list >/dev/null" typescript >/dev/null
check no-progress-with-quiet eval "! grep -q 'MB/s' typescript"
run $pl --no-config --rules "$rules" --files-from list
check no-progress-off-terminal eval "! grep -q 'MB/s' \"\$tmp/.err\""
finish
