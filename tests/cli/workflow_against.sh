#!/bin/sh
# --against OLD: only what the edit introduces, `removed` findings for
# areas OLD disclosed, matched by text not by line, shown in every format.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $rules -f gcc"

run $t --against findings.md findings.md
check same-version eval '[ -z "$out" ] && is_rc 0'

# Text added above every finding: line numbers move, nothing is new.
{ printf '# Notice\n\nA new introduction paragraph.\n\n'; cat findings.md; } >moved.md
run $t --against findings.md moved.md
check moved-is-not-new eval '[ -z "$out" ] && is_rc 0'

# A new problem is reported; old ones are not.
{ cat findings.md; echo; echo 'Our trusted partners may call you.'; } >worse.md
run $t --against findings.md worse.md
check new-finding eval "[ \"\$out\" = 'worse.md: note: compared with findings.md; only new findings are shown
worse.md:7:5: info: \"trusted partners\" does not say who receives the data [vague-wording]' ]"

# Removing the contact sentence: one loss, reported once, as the area (the
# requirement it met is the same loss), where the text was in the new
# version (after the last sentence kept) and where the old one had it.
sed '/write to/d' clean.md >new.md
run $t --against clean.md new.md
check removed-gcc eval "is_rc 1 && has '^new.md:5:32: error: the policy no longer discloses contact: clean.md:7 disclosed it \[area-removed\]$' && has '^clean.md:7:8: note: the old version disclosed contact here (contact.mail)$' && lacks need-contact"
check removed-gcc-header has '^new.md: note: compared with clean.md; only new findings are shown$'

run $pl --no-config --rules "$rules" -f json --against clean.md new.md
check removed-json python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["files"][0]
assert f["against"] == "clean.md"
rem = [x for x in f["findings"] if x["kind"] == "removed"]
assert len(rem) == 1, f["findings"]
r = rem[0]
assert (r["rule"], r["severity"], r["area"], r["line"], r["column"]) == ("area-removed", "error", "contact", 5, 32), r
rel = r["related"][0]
assert rel["path"] == "clean.md" and rel["line"] == 7 and rel["column"] == 8, rel
' "$tmp/.out"
run $pl --no-config --rules "$rules" -f jsonl --against clean.md new.md
check removed-jsonl python3 -c '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
assert rows and all(r["against"] == "clean.md" for r in rows)
' "$tmp/.out"
run $pl --no-config --rules "$rules" -f github --against clean.md new.md
check removed-github has '^::error file=new.md,line=5,col=32,endLine=5,title=policylint area-removed (removed)%2C new since clean.md::the policy no longer discloses contact: clean.md:7 disclosed it%0Aclean.md:7:8: the old version disclosed contact here (contact.mail)$'
run $pl --no-config --rules "$rules" --color=never --against clean.md new.md
check removed-text eval "has 'new.md: compared with clean.md' && has 'areas 2/11 disclosed; .*; 1 new finding'"

# The removed finding follows configuration: severity and disable.
printf 'severity: {area-removed: warning}\n' >cfg.yaml
run $pl --config cfg.yaml --rules "$rules" -f gcc --against clean.md new.md
check removed-severity has 'warning: the policy no longer discloses contact'
run $t -d area-removed --against clean.md new.md
check removed-disable eval "! has area-removed && has '^new.md:5:32: error: the policy gives no privacy contact address, which clean.md:7 did \[need-contact\]$'"

# Errors: one FILE only; OLD must be readable.
run $t --against clean.md new.md findings.md
check one-file-only is_rc 2
run $t --against nowhere.md new.md
check old-missing eval "is_rc 2 && has_err '^nowhere.md: error: .*\[input-missing\]$'"
# A name that is no file and not a policy's is a revision; outside a
# repository that says so.
rmdir .git
run $t --against nowhere new.md
check not-a-repository eval "is_rc 2 && has_err '^new.md: error: --against nowhere: the file is in no git repository .*\[git-revision\]$'"
mkdir .git

# The reviewer's command: the committed version through git show.
if command -v git >/dev/null 2>&1; then
  mkdir repo && cd repo && git init -q && git config user.email t@example.org &&
    git config user.name t && cp ../clean.md privacy.md && git add privacy.md &&
    git commit -qm v1 && sed '/encrypted/d' ../clean.md >privacy.md
  git show HEAD:privacy.md >"$tmp/old.md"
  run $pl --no-config --rules "$rules" -f gcc --against "$tmp/old.md" privacy.md
  check git-show eval "is_rc 1 && has 'no longer discloses security'"
  # Piped, and named the way reviewers know it.
  git show HEAD:privacy.md |
    $pl --no-config --rules "$rules" -f gcc --against - --against-name HEAD:privacy.md privacy.md >"$tmp/.out" 2>"$tmp/.err"
  check against-stdin-named eval "has '^privacy.md:6:1: error: the policy no longer discloses security: HEAD:privacy.md:5 disclosed it' && has '^HEAD:privacy.md:5:'"
  git show HEAD:privacy.md |
    $pl --no-config --rules "$rules" -f sarif --against - --against-name HEAD:privacy.md privacy.md >"$tmp/.out" 2>"$tmp/.err"
  check against-named-sarif python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["properties"]["against"] == "HEAD:privacy.md"
rel = [r for r in run["results"] if r["ruleId"] == "area-removed"][0]["relatedLocations"][0]
assert "physicalLocation" not in rel and "HEAD" not in json.dumps(rel.get("physicalLocation", {}))
assert rel["message"]["text"]
' "$tmp/.out"
  cd "$tmp" || exit 1
else
  echo "SKIP git-show: git is not installed"
fi
finish
