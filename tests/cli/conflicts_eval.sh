#!/bin/sh
# Measured quality of conflict detection (issues 4 and 12): scores every case
# of tests/conflicts/ (cNN-* real contradictions, nNN-* consistent
# look-alikes, expectations in index.tsv, the kind each tests in kinds.tsv)
# and fails below precision 0.95 or recall 0.90 (tests/conflicts/score.py).
# Usage: tests/cli/conflicts_eval.sh POLICYLINT [SHARED]
pl=${1:?usage: conflicts_eval.sh POLICYLINT [SHARED]}
here=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP conflicts_eval: python3 is not installed"
  exit 0
fi
out=$(python3 "$here/tests/conflicts/score.py" "$pl" "$here/tests/conflicts" \
      --rules="$here/rules") || { echo "$out"; exit 1; }
echo "$out"
echo "ok $(echo "$out" | tail -1)"
