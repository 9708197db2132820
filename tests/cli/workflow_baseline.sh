#!/bin/sh
# --write-baseline / --baseline: record today's findings, then report only
# new ones, whatever moves around them.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $rules -f gcc"

run $t --write-baseline base.txt findings.md clean.md
check write-status eval "is_rc 0 && has_err 'recorded 3 findings in base.txt'"
check write-format eval "[ \"\$(sed -n 1p base.txt)\" = '# policylint baseline 2' ] && [ \$(grep -vc '^#' base.txt) = 3 ] && grep -qE '^[0-9a-f]{16} vague-wording wording findings.md$' base.txt"
check write-reports-too has need-contact

run $t --baseline base.txt findings.md
check baseline-hides-old eval '[ -z "$out" ] && is_rc 0'
run $t --baseline base.txt ./findings.md
check baseline-path-normalised eval '[ -z "$out" ]'

# Lines inserted above and the paragraph re-wrapped: nothing is new.
{ printf '# Notice\n\nIntro text.\n\n'; sed 's/tell trusted partners/tell trusted\npartners/' findings.md; } >moved.md
cp moved.md findings.md
run $t --baseline base.txt findings.md
check baseline-survives-moves eval '[ -z "$out" ] && is_rc 0'

# A second instance of a recorded finding is new.
echo 'Our trusted partners may call you.' >>findings.md
run $t --baseline base.txt findings.md
check baseline-new-finding eval "[ \$(wc -l <\"$tmp/.out\") = 1 ] && has vague-wording && is_rc 0"
run $t --baseline base.txt --fail-level info findings.md
check baseline-new-fails is_rc 1

# Another file is not covered by this file's records.
cp findings.md other.md
run $t --baseline base.txt other.md
check baseline-per-file has 'other.md:1:1: error'

# Broken or missing baselines are errors.
printf '# policylint baseline 1\nnot a record\n' >bad.txt
run $t --baseline bad.txt findings.md
check baseline-bad-line eval "is_rc 2 && has_err '^bad.txt:2:1: error: .*\[baseline-format\]$'"
printf 'hello\n' >bad2.txt
run $t --baseline bad2.txt findings.md
check baseline-bad-header eval "is_rc 2 && has_err '^bad2.txt:1:1: error: .*\[baseline-format\]$'"
run $t --baseline nowhere.txt findings.md
check baseline-missing is_rc 2
finish
