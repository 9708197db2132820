#!/bin/sh
# --format sarif: valid against the SARIF 2.1.0 schema GitHub uses, and
# what code scanning needs beyond the schema: described rules, levels,
# 1-based regions, repo-relative URIs with forward slashes, related
# locations, fingerprints, one run, the 25,000-result limit.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
schema=$shared/schemas/sarif-2.1.0.json
if ! python3 -c 'import jsonschema' 2>/dev/null; then
  echo "SKIP workflow_sarif: python3 jsonschema is missing (apt-get install python3-jsonschema)"
  exit 0
fi
if [ ! -f "$schema" ]; then
  echo "SKIP workflow_sarif: $schema is missing"
  exit 0
fi
cd "$tmp" || exit 1
mkdir -p legal/en
cp findings.md "legal/en/our policy.md"
cp clean.md legal/clean.md

# validate FILE [EXPECTED-RESULTS]: the schema, then the checks GitHub adds.
validate() {
  python3 - "$schema" "$1" "${2:-}" <<'PY'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
doc = json.load(open(sys.argv[2]))
V = jsonschema.validators.validator_for(schema)
errors = list(V(schema).iter_errors(doc))
for e in errors[:5]:
    print("schema:", list(e.absolute_path), e.message)
assert not errors
assert doc["version"] == "2.1.0" and len(doc["runs"]) == 1
run = doc["runs"][0]
rules = run["tool"]["driver"]["rules"]
ids = [r["id"] for r in rules]
assert len(ids) == len(set(ids)), "duplicate rule ids"
for r in rules:
    for k in ("shortDescription", "fullDescription"):
        assert r[k]["text"], (r["id"], k)
    assert r["help"]["text"] and r["help"]["markdown"], r["id"]
    assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")
    assert isinstance(r["properties"]["tags"], list)
    assert isinstance(r["properties"]["references"], list)
assert run["columnKind"] == "unicodeCodePoints"
assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")
def check_loc(loc):
    pl = loc["physicalLocation"]
    uri = pl["artifactLocation"]["uri"]
    assert "\\" not in uri and not uri.startswith("/") and ".." not in uri, uri
    if "uriBaseId" not in pl["artifactLocation"]:
        assert uri.startswith("file:///"), uri
    reg = pl["region"]
    assert reg["startLine"] >= 1 and reg["startColumn"] >= 1, reg
    if "endLine" in reg:
        assert (reg["endLine"], reg["endColumn"]) > (reg["startLine"], reg["startColumn"])
for res in run["results"]:
    assert res["level"] in ("error", "warning", "note")
    assert ids[res["ruleIndex"]] == res["ruleId"]
    assert res["message"]["text"]
    assert res["partialFingerprints"]["policylint/v1"]
    for loc in res["locations"] + res.get("relatedLocations", []):
        check_loc(loc)
if sys.argv[3]:
    assert len(run["results"]) == int(sys.argv[3]), len(run["results"])
PY
}

mkdir sub
( cd sub && "$pl" --no-config --rules "$rules" -f sarif "../legal/en/our policy.md" ../legal/clean.md ) >"$tmp/.out" 2>"$tmp/.err"
rc=$?
check sarif-status is_rc 1
check sarif-valid validate "$tmp/.out" 3
check sarif-repo-relative-uri python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
locs = [r["locations"][0]["physicalLocation"] for r in run["results"]]
assert {l["artifactLocation"]["uri"] for l in locs} == {"legal/en/our%20policy.md"}, locs
assert all(l["artifactLocation"]["uriBaseId"] == "%SRCROOT%" for l in locs)
' "$tmp/.out"
check sarif-levels-and-regions python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
by = {r["ruleId"]: r for r in run["results"]}
assert by["need-contact"]["level"] == "error"
assert by["need-retention"]["level"] == "warning"
w = by["vague-wording"]
assert w["level"] == "note"
reg = w["locations"][0]["physicalLocation"]["region"]
assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == (5, 13, 5, 29), reg
assert reg["snippet"]["text"] == "trusted partners"
rule = run["tool"]["driver"]["rules"][w["ruleIndex"]]
assert rule["fullDescription"]["text"].startswith("Name the recipients")
assert "Test reference 3" in rule["properties"]["references"]
assert "area:sharing" in rule["properties"]["tags"]
r = [x for x in run["tool"]["driver"]["rules"] if x["id"] == "need-retention"][0]
assert r["helpUri"] == "https://example.org/retention-guide"
' "$tmp/.out"

# A file outside the repository gets an absolute file:// URI.
outside=$(mktemp -d)
cp findings.md "$outside/p.md"
run $pl --no-config --rules "$rules" -f sarif "$outside/p.md"
rm -rf "$outside"
check sarif-outside-repo python3 -c '
import json, sys
loc = json.load(open(sys.argv[1]))["runs"][0]["results"][0]["locations"][0]
assert loc["physicalLocation"]["artifactLocation"]["uri"].startswith("file:///")
' "$tmp/.out"

# Related locations: --against reports a removed area with the old text.
sed '/write to/d' clean.md >new.md
run $pl --no-config --rules "$rules" -f sarif --against clean.md new.md
check sarif-against-valid validate "$tmp/.out"
check sarif-against-related python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert run["properties"]["against"] == "clean.md"
rem = [r for r in run["results"] if r["ruleId"] == "area-removed"]
assert len(rem) == 1 and rem[0]["level"] == "error"
rel = rem[0]["relatedLocations"][0]
assert rel["physicalLocation"]["artifactLocation"]["uri"] == "clean.md"
assert rel["physicalLocation"]["region"]["startLine"] == 7
assert "](1)" in rem[0]["message"]["text"]
' "$tmp/.out"

# Nothing found: still a valid document with every rule described.
run $pl --no-config --rules "$rules" -f sarif clean.md
check sarif-empty-valid validate "$tmp/.out" 0

# The default rule set: every real rule must describe itself well enough.
run $pl --no-config --rules "$root/rules" -f sarif findings.md
check sarif-default-rules-valid validate "$tmp/.out"

# Diagnostics become tool execution notifications, each naming its code.
run $pl --no-config --rules "$rules" -f sarif findings.md gone.md
check sarif-diagnostics-valid validate "$tmp/.out"
check sarif-diagnostic-code python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
inv = run["invocations"][0]
assert inv["executionSuccessful"] is False
n = inv["toolExecutionNotifications"][0]
assert n["descriptor"]["id"] == "input-missing" and n["level"] == "error", n
loc = n["locations"][0]["physicalLocation"]["artifactLocation"]
assert loc["uri"] == "gone.md", loc
' "$tmp/.out"

# GitHub takes at most 25,000 results per run.
python3 -c '
import sys
sys.stdout.write("We may tell trusted partners.\n" * 25010)' >many.txt
run $pl --no-config --rules "$rules" -f sarif many.txt
check sarif-result-limit python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
assert len(run["results"]) == 25000, len(run["results"])
note = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"]
assert note.startswith("12 more results"), note
' "$tmp/.out"

# A gap whose rule has a suggest: clause carries a fix: an insertion (an
# empty deleted region) of the clause, valid against the schema.
cp "$root/tests/cli/golden/in/group.md" gaps.md
run $pl --no-config --rules "$root/tests/cli/golden/window.yaml" -f sarif gaps.md
check sarif-fixes-valid validate "$tmp/.out" 5
check sarif-fixes-insert python3 -c '
import json, sys
run = json.load(open(sys.argv[1]))["runs"][0]
by = {r["ruleId"]: r for r in run["results"]}
assert "fixes" not in by["avoid-stale"] and "fixes" not in by["need-contact" if "need-contact" in by else "avoid-vague"]
fix = by["need-retention"]["fixes"][0]
ch = fix["artifactChanges"][0]
assert ch["artifactLocation"]["uri"] == "gaps.md", ch
rep = ch["replacements"][0]
reg = rep["deletedRegion"]
src = open("gaps.md", "rb").read()
assert reg["byteLength"] == 0 and reg["byteOffset"] == len(src), reg
assert (reg["startLine"], reg["startColumn"]) == (reg["endLine"], reg["endColumn"])
assert rep["insertedContent"]["text"] == "\nOf {{categories}}: we hold it for {{period}}, then delete it.\n"
inc = by["biscuits-no-refusal"]["fixes"][0]["artifactChanges"][0]["replacements"][0]
assert "refuse them" in inc["insertedContent"]["text"]
' "$tmp/.out"
finish
