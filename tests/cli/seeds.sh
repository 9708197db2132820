#!/bin/sh
# The seed policies against what a careful privacy reviewer expects (issue
# 3): every disclosure and gap listed in tests/seeds/expected.tsv.
# Usage: tests/cli/seeds.sh POLICYLINT SHARED
pl=${1:?usage: seeds.sh POLICYLINT SHARED}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$shared/seeds" ]; then
  echo "SKIP seeds: $shared/seeds is absent (no shared folder)"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP seeds: python3 is not installed"
  exit 0
fi
set -- "$shared"/seeds/*.txt
out=$(mktemp) || exit 2
trap 'rm -f "$out"' EXIT
"$pl" --no-config --rules "$here/rules" --format json "$@" >"$out"
rc=$?
if [ $rc -gt 1 ]; then
  echo "FAIL seeds: policylint exited $rc"
  exit 1
fi
python3 - "$out" "$here/tests/seeds/expected.tsv" <<'PY'
import json, os, sys
rep = json.load(open(sys.argv[1]))
files = {os.path.basename(f["path"]): f for f in rep["files"]}
bad = n = 0
for ln, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
    if not line.strip() or line.startswith("#"):
        continue
    cols = line.rstrip("\n").split("\t")
    if len(cols) < 4:
        print("FAIL seeds: expected.tsv:%d: needs 4 tab-separated columns" % ln)
        bad += 1
        continue
    seed, what, exp, why = cols[:4]
    f = files.get(seed)
    if f is None:
        print("FAIL seeds: expected.tsv:%d: no report for %s" % (ln, seed))
        bad += 1
        continue
    if exp in ("disclosed", "not-disclosed"):
        if what not in f["areas"]:
            print("FAIL seeds: expected.tsv:%d: unknown area %s" % (ln, what))
            bad += 1
            continue
        got = "disclosed" if f["areas"][what]["disclosed"] else "not-disclosed"
    elif exp in ("finding", "no-finding"):
        got = "finding" if any(x["rule"] == what for x in f["findings"]) else "no-finding"
    else:
        print("FAIL seeds: expected.tsv:%d: unknown expectation %s" % (ln, exp))
        bad += 1
        continue
    n += 1
    if got == exp:
        print("ok seeds %s %s %s" % (seed[:3], what, exp))
    else:
        print("FAIL seeds %s %s: expected %s, got %s (%s)" % (seed[:3], what, exp, got, why))
        bad += 1
print("seeds: %d expectations, %d failed" % (n, bad))
sys.exit(1 if bad else 0)
PY
