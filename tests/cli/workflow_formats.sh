#!/bin/sh
# Output formats (gcc, github, jsonl, json additions, text --quiet),
# --fail-level and its default, --version, --stdin-filename.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $rules"

run $t -f gcc findings.md
check gcc-lines [ "$out" = 'findings.md:1:1: error: the policy gives no privacy contact address [need-contact]
findings.md:1:1: warning: the policy does not say how long records are kept [need-retention]
findings.md:5:13: info: "trusted partners" does not say who receives the data [vague-wording]' ]
check gcc-status is_rc 1
run $t -f gcc clean.md
check gcc-clean-silent eval '[ -z "$out" ] && is_rc 0'

run $t -f github findings.md
check github-annotation has '^::error file=findings.md,line=1,col=1,endLine=1,title=policylint need-contact (missing)::the policy gives no privacy contact address$'
check github-range has '^::notice file=findings.md,line=5,col=13,endLine=5,endColumn=29,title=policylint vague-wording (wording)::'

# Escaping: '%', CR and LF everywhere; ':' and ',' in properties.
cat >esc.yaml <<'YAML'
topics: []
rules:
  - id: esc-rule
    kind: avoid
    area: sharing
    severity: warning
    message: "100% sure: yes, really\nsecond line"
    rationale: r
    references: [r]
    patterns: ['\bpartners\b']
    examples: {match: [partners], no_match: [none]}
YAML
cp findings.md 'odd,na:me%.md'
run $pl --no-config --rules esc.yaml -f github 'odd,na:me%.md'
check github-escaping has '^::warning file=odd%2Cna%3Ame%25.md,line=5,col=21,endLine=5,endColumn=29,title=policylint esc-rule (wording)::100%25 sure: yes, really%0Asecond line$'
run $pl --no-config --rules esc.yaml -f gcc 'odd,na:me%.md'
check gcc-one-line [ "$(wc -l <"$tmp/.out")" -eq 1 ]

run $t -f jsonl findings.md clean.md
check jsonl-one-per-file [ "$(wc -l <"$tmp/.out")" -eq 2 ]
check jsonl-valid python3 -c '
import json, sys
files = [json.loads(l) for l in open(sys.argv[1])]
assert [f["path"] for f in files] == ["findings.md", "clean.md"], files
assert all(set(f) >= {"path", "areas", "profiles", "findings"} for f in files)
assert len(files[0]["areas"]) == 11 and files[1]["findings"] == []
rows = files[0]["findings"]
need = {"rule", "kind", "severity", "area", "message", "offset",
        "length", "line", "column", "endLine", "endColumn", "fingerprint",
        "related"}
assert len(rows) == 3 and all(need <= set(r) for r in rows), rows
w = [r for r in rows if r["rule"] == "vague-wording"][0]
assert (w["line"], w["column"], w["endColumn"], w["length"]) == (5, 13, 29, 16), w
' "$tmp/.out"

run $t -f json findings.md
check json-still-valid python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
f = d["files"][0]
assert len(f["areas"]) == 11 and len(f["findings"]) == 3
assert all("fingerprint" in x and "endLine" in x for x in f["findings"])
' "$tmp/.out"

# --quiet: findings only; nothing at all for a clean file.
run $t -q clean.md
check quiet-clean eval '[ -z "$out" ] && is_rc 0'
run $t --quiet findings.md
check quiet-findings eval "has need-contact && lacks 'areas [0-9]*/11 disclosed'"

# --fail-level and its default (warning).
run $t -d need-contact -d need-retention findings.md
check default-fail-level-ignores-info is_rc 0
run $t -d need-contact findings.md
check default-fail-level-warning is_rc 1
run $t -d need-contact --fail-level error findings.md
check fail-level-error is_rc 0
run $t -d need-contact -d need-retention --fail-level info findings.md
check fail-level-info is_rc 1
run $t --fail-level none findings.md
check fail-level-none is_rc 0
run $t --fail-level loud findings.md
check fail-level-bad eval "is_rc 2 && has_err \"unknown fail level 'loud'\""
run $t -f xml findings.md
check format-bad is_rc 2

# --version: policylint X.Y.Z, then the libraries.
run $pl --version
version_ok() {
  sed -n 1p "$tmp/.out" | grep -qE '^policylint [0-9]+\.[0-9]+\.[0-9]+$' &&
    sed -n 2p "$tmp/.out" | grep -qE '^PCRE2 [0-9]+\.[0-9]+' &&
    sed -n 3p "$tmp/.out" | grep -qE '^libyaml [0-9]+\.[0-9]+' &&
    [ "$(wc -l <"$tmp/.out")" -eq 3 ]
}
check version version_ok

# JSON carries the run's diagnostics with their codes; text prints them
# on stderr with the code after the message.
run $t -f json findings.md gone.md
check json-diagnostics python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["diagnostics"]
assert [(x["code"], x["severity"], x["path"]) for x in d] == [("input-missing", "error", "gone.md")], d
' "$tmp/.out"
check stderr-code has_err '^gone.md: error: .* \[input-missing\]$'
run $t -f json findings.md
check json-no-diagnostics python3 -c '
import json, sys
assert "diagnostics" not in json.load(open(sys.argv[1]))
' "$tmp/.out"

# Standard input, named.
$t -f gcc --stdin-filename web/policy.md - <findings.md >"$tmp/.out" 2>"$tmp/.err"
check stdin-filename has '^web/policy.md:5:13: info:'
finish
