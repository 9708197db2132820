#!/bin/sh
# Notice sets: a privacy policy judged together with the documents it
# leaves part of the job to (a cookie policy, a California notice), with
# --with or documents: in .policylint.yaml.  A requirement any document
# meets is met, evidence points into the document that holds it, and what
# the whole set lacks is reported once, naming the set.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --rules $root/rules --today 2026-12-01"
mkdir legal
printf '# Privacy\n\nWe collect your e-mail address to send receipts. We use cookies to keep you signed in.\n\nOur cookie policy says more.\n' >legal/privacy.md
printf '# Cookies\n\nYou can refuse cookies in your browser settings.\n\nWe keep server logs for 30 days.\n' >legal/cookies.md

run $t --no-config -f gcc legal/privacy.md
check alone-lacks-refusal-and-retention eval "has cookies-no-refusal && has missing-retention"
run $t --no-config -f json --with legal/cookies.md legal/privacy.md
check set-meets-what-either-meets python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["files"]
assert [f["path"] for f in d] == ["legal/privacy.md"], d
f = d[0]
rules = [x["rule"] for x in f["findings"]]
assert "cookies-no-refusal" not in rules and "missing-retention" not in rules, rules
ev = f["areas"]["retention"]["evidence"]
assert ev and ev[0]["path"] == "legal/cookies.md" and ev[0]["line"] == 5, ev
assert "missing-retention" in f["profiles"]["baseline"]["met"]
gone = [x for x in f["findings"] if x["rule"] == "missing-contact"]
assert gone and "legal/privacy.md, legal/cookies.md" in gone[0]["message"], gone
' "$tmp/.out"

# The same set from the configuration; the companion linted on its own
# leaves its requirements to the main document.
printf 'documents:\n  legal/privacy.md: [legal/cookies.md]\n' >.policylint.yaml
run $t -f gcc legal/privacy.md legal/cookies.md
check config-set eval "! has 'privacy.md.*cookies-no-refusal' && ! has 'privacy.md.*missing-retention'"
check companion-requirements-left-to-main eval "! has '^legal/cookies.md:.*\[missing-'"
run $t -f gcc legal/cookies.md
check companion-alone-quiet eval "! has missing-"

# A document that cannot be read is an error naming it; the main
# document is still judged.
rm .policylint.yaml
run $t --no-config -f gcc --with legal/gone.md legal/privacy.md
check missing-document eval "is_rc 2 && has_err '^legal/gone.md: error: .*\[input-missing\]$' && has cookies-no-refusal"
finish
