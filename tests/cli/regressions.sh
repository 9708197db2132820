#!/bin/sh
# Regression tests for bugs found by review, one check or more per bug.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
regress=$root/tests/data/regress

# An empty rules folder is an error naming it, not undefined behaviour
# (qsort on a NULL list aborted the sanitizer build).
mkdir emptyrules
run "$pl" --no-config --rules emptyrules clean.md
check empty-rules-folder eval "is_rc 2 && has_err '^emptyrules: error: .*\[rules-empty-folder\]$' && ! has_err 'runtime error'"

# An empty baseline file, and one with only its header, hold no records.
: >empty.bl
run "$pl" --no-config --rules "$rules" -f gcc --baseline empty.bl findings.md
check empty-baseline eval "is_rc 1 && has need-contact && ! has_err 'runtime error'"
printf '# policylint baseline 1\n' >header.bl
run "$pl" --no-config --rules "$rules" -f gcc --baseline header.bl findings.md
check header-only-baseline eval "is_rc 1 && has need-contact && [ -z \"\$err\" ]"

# --files-from scans on as many threads as -j allows, like files given as
# arguments (it once linted its list one file at a time).
for i in 1 2 3 4 5 6; do cp findings.md "f$i.md"; done
printf 'f%s.md\n' 1 2 3 4 5 6 >list.txt
run "$pl" --no-config --rules "$rules" -f gcc -j 2 --stats --files-from list.txt
check files-from-threads eval "has_err '^policylint: 6 files, .* on 2 threads'"
run "$pl" --no-config --rules "$rules" -f gcc -j 2 --stats f1.md f2.md f3.md
check args-threads has_err '^policylint: 3 files, .* on 2 threads'
run "$pl" --no-config --rules "$rules" -f gcc -j 2 --files-from list.txt
cp "$tmp/.out" j2.out
run "$pl" --no-config --rules "$rules" -f gcc -j 1 --files-from list.txt
check files-from-same-output cmp -s j2.out "$tmp/.out"

# A topic with evidence: false feeds rules but never an area: a rule that
# requires the area is not satisfied by it, and the area is not disclosed.
printf 'Please write to the office.\n' >hint.txt
run "$pl" --no-config --rules "$regress/evidence-area.yaml" -f json hint.txt
check evidence-false-area eval "python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))[\"files\"][0]
assert not d[\"areas\"][\"contact\"][\"disclosed\"]
assert [f[\"rule\"] for f in d[\"findings\"]] == [\"need-contact\"]' \"$tmp/.out\""
# A wording problem said in two sentences of one paragraph is one finding
# (a real policy had 22 Privacy Shield findings for 11 paragraphs); in two
# paragraphs it is two, unless the rule says `report: once` (as the
# Privacy Shield's does): then one, the later place a related location.
printf 'We rely on the EU-US Privacy Shield. The Privacy Shield framework governs our transfers.\n\nOur processors are certified under the Privacy Shield.\n' >shield.md
run "$pl" --no-config --rules "$root/rules" -f gcc shield.md
check wording-once-per-paragraph eval "[ \"\$(grep -c privacy-shield-reliance \"$tmp/.out\")\" = 1 ] && grep -q 'also at line 3' \"$tmp/.out\""
printf 'We keep logs indefinitely. Logs are stored forever.\n\nBackups are kept indefinitely too.\n' >forever.md
run "$pl" --no-config --rules "$root/rules" -f gcc forever.md
check wording-each-paragraph eval "[ \"\$(grep -c retention-indefinite \"$tmp/.out\")\" = 2 ]"

finish
