#!/bin/sh
# The CI gate on real edits: every consecutive pair of versions of the real
# policies in tests/history/ is linted as CI lints a pull request
# (--against a git revision) and held to the reviewer's verdicts
# (tests/history/verdicts.tsv: every removed or weakened disclosure
# reported, no unchanged finding reported as new, the markdown summaries as
# read; see tests/history/check.py).  The optimised program runs the 157
# pairs (the one under test, built with sanitizers, would take minutes);
# the sanitized one then runs the pairs with the most changes.
# Usage: sh tests/cli/history.sh POLICYLINT [SHARED]
pl=${1:?usage: history.sh POLICYLINT [SHARED]}
root=$(cd "$(dirname "$0")/../.." && pwd)
case $pl in /*) ;; *) pl=$(pwd)/$pl ;; esac
if ! command -v git >/dev/null 2>&1 || ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP history: git and python3 are needed"
  exit 0
fi
fast=$root/policylint
[ -x "$fast" ] || fast=$pl
POLICYLINT_RULES=${POLICYLINT_RULES:-$root/rules}
export POLICYLINT_RULES
out=$(python3 "$root/tests/history/check.py" "$fast")
rc=$?
echo "$out" | grep -v '^history:'
[ $rc = 0 ] || exit 1
echo "ok $(echo "$out" | grep '^history:')"

# The same comparisons under ASan and UBSan, on the pairs with the most
# changes (a rewrite, restructures, lists, retention tables).
h=$root/tests/history
fail=0
for p in arXiv+arxiv-docs:11:12 CenterForOpenScience+cos.io:04:05 \
         GSA+plainlanguage.gov:03:04 cds-snc+digital-canada-ca:03:04 \
         datacite+homepage:05:06 hexpm+hexpm:07:08; do
  repo=${p%%:*}; rest=${p#*:}; a=${rest%%:*}; b=${rest#*:}
  "$pl" --no-config --today 2026-08-01 --fail-level none -f markdown \
    --against "$h/$repo/$a"-* "$h/$repo/$b"-* >/dev/null 2>"${TMPDIR:-/tmp}/history.$$" ||
    { echo "FAIL history-sanitized $repo $a-$b:"; cat "${TMPDIR:-/tmp}/history.$$"; fail=1; }
done
rm -f "${TMPDIR:-/tmp}/history.$$"
[ $fail = 0 ] || exit 1
echo "ok history-sanitized: 6 pairs"
