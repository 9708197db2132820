#!/bin/sh
# Contradictions on real policies (issue 12): lints every policy of
# SHARED/corpus/gdpr-dev and ccpa-dev and the seeds, and checks each
# reported pair (denial line, contradicting line) against the verdicts in
# tests/conflicts/real-verdicts.tsv.  Fails when a pair judged false comes
# back, when a reported pair has no verdict yet (read it, judge it, add a
# row), or when fewer than 90% of the reported pairs are real.  Skips,
# visibly, when the shared corpora are absent.
# Usage: tests/cli/conflicts_real.sh POLICYLINT SHARED
pl=${1:?usage: conflicts_real.sh POLICYLINT SHARED}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$shared/corpus/gdpr-dev/policies" ] ||
   [ ! -d "$shared/corpus/ccpa-dev/policies" ] || [ ! -d "$shared/seeds" ]; then
  echo "SKIP conflicts_real: $shared has no gdpr-dev, ccpa-dev or seeds"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP conflicts_real: python3 is not installed"
  exit 0
fi
# A measurement, not a memory check: the optimised build when there is one
# (the sanitised one is run on the same input by the other tests).
[ -x "$here/policylint" ] && pl=$here/policylint
shared=$(cd "$shared" && pwd)
"$pl" --rules "$here/rules" --format json \
  "$shared"/corpus/gdpr-dev/policies/* "$shared"/corpus/ccpa-dev/policies/* \
  "$shared"/seeds/*.txt > "${TMPDIR:-/tmp}/conflicts_real.$$.json"
rc=$?
if [ $rc -gt 1 ]; then
  echo "conflicts_real: policylint failed ($rc)"
  rm -f "${TMPDIR:-/tmp}/conflicts_real.$$.json"
  exit 1
fi
python3 - "$shared" "$here/tests/conflicts/real-verdicts.tsv" \
  "${TMPDIR:-/tmp}/conflicts_real.$$.json" <<'EOF'
import csv, json, os, sys
shared, table, report = sys.argv[1:4]
verdicts = {}
with open(table, newline="") as f:
    rows = csv.DictReader((l for l in f if not l.startswith("#")), delimiter="\t")
    for r in rows:
        key = (r["file"], r["rule"], int(r["denial"]), int(r["other"]))
        verdicts[key] = (r["verdict"], r["reason"])
doc = json.load(open(report))
reported, findings = set(), 0
for f in doc["files"]:
    path = os.path.relpath(f["path"], shared)
    for x in f["findings"]:
        if x["kind"] != "conflict":
            continue
        findings += 1
        for rel in x.get("related", []):
            reported.add((path, x["rule"], x["line"], rel["line"]))
bad = 0
real = sum(1 for k in reported if verdicts.get(k, ("",))[0] == "real")
for k in sorted(reported):
    v = verdicts.get(k)
    if v is None:
        print("conflicts_real: no verdict for %s %s lines %d/%d: read it and "
              "add a row to tests/conflicts/real-verdicts.tsv" % k)
        bad = 1
    elif v[0] == "false":
        print("conflicts_real: a pair judged false is back: %s %s lines %d/%d "
              "(%s)" % (k + (v[1],)))
        bad = 1
for k, v in sorted(verdicts.items()):
    if v[0] == "real" and k not in reported:
        print("note: a real contradiction is no longer reported: %s %s lines "
              "%d/%d" % k)
    if v[0] == "missed" and k not in reported:
        print("note: known miss: %s %s lines %d/%d (%s)" % (k + (v[1],)))
share = real / len(reported) if reported else 1.0
print("conflicts_real: %d files, %d findings, %d pairs reported, %d judged "
      "real (%.0f%%)" % (len(doc["files"]), findings, len(reported), real,
                         100 * share))
if share < 0.90:
    print("conflicts_real: below 90% real")
    bad = 1
sys.exit(bad)
EOF
rc=$?
rm -f "${TMPDIR:-/tmp}/conflicts_real.$$.json"
[ $rc -eq 0 ] || exit 1
echo "ok conflicts_real: every reported contradiction on the real policies judged, none of them false"
