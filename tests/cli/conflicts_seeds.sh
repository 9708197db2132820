#!/bin/sh
# Conflicts in the five seed policies (issues 4 and 12): exactly the contradictions a
# careful reader finds, and nothing else.
# Usage: tests/cli/conflicts_seeds.sh POLICYLINT SHARED
#
# Judgement, seed by seed (the texts live in SHARED/seeds; they are not
# quoted here):
#  000 (303tech)  no negative promise about a practice it also claims.
#  001 (InfoTech) "does not sell" stands beside an opt-out of selling or
#                 sharing (a right, not a practice), and its no-sharing-for-
#                 direct-marketing promise is conditioned on consent: none.
#  002 (Kaseya)   ONE conflict.  Section 3 promises not to sell, rent or lease
#                 personal information to third parties, then says Kaseya
#                 may compile, sell and use for any purpose "any Usage Data
#                 or other data".  Is usage data personal information?  The
#                 policy's own log-file and tracking sections describe it as
#                 IP addresses, clickstream and usage patterns that it
#                 combines "with other information we collect about you",
#                 and "other data" reaches support information: data about
#                 identifiable users, personal information under GDPR and
#                 CCPA.  A careful reader cannot square the two sentences.
#                 Its no-sharing promise carries its own consent and "except
#                 as described" carve-outs, so sharing contact details with
#                 partners does not break it.
#  003 (m3server) ONE conflict.  Its first sharing promise is absolute: no
#                 sharing, leasing or selling of private information with any
#                 third-party organisation.  A later paragraph repeats the
#                 promise "with only the following exceptions" and then
#                 releases the customer's name and card details to the domain
#                 name registrar when the customer has the company register a
#                 domain.  The registrar is a third party, the first promise
#                 knows no exception, and a private body's rules (the
#                 registry's) are no law: a careful reader cannot square the
#                 two.  The release to the authorities under proper legal
#                 authorisation is compelled by law, which a promise of "no
#                 sharing" is not read to cover; it is the same sentence,
#                 so one finding either way.
#  004 (zMailCloud) its no-sale promise holds "without your permission"; its
#                 disclosures are legally compelled: none.
pl=${1:?usage: conflicts_seeds.sh POLICYLINT SHARED}
shared=${2:-../shared}
here=$(cd "$(dirname "$0")/../.." && pwd)
if [ ! -d "$shared/seeds" ]; then
  echo "SKIP conflicts_seeds: $shared/seeds is absent (no shared folder)"
  exit 0
fi
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIP conflicts_seeds: python3 is not installed"
  exit 0
fi
expected=$(grep -v '^#' "$here/tests/seeds/conflicts.expected")
got=$(for f in "$shared"/seeds/*.txt; do
  "$pl" --rules "$here/rules" --format json "$f" | python3 -c '
import json, os, sys
d = json.load(sys.stdin)["files"][0]
for f in d["findings"]:
    if f["kind"] == "conflict":
        verb = "sell" if "sell" in f["message"] else "other"
        print(os.path.basename(d["path"]), f["rule"], verb)'
done)
if [ "$got" != "$expected" ]; then
  echo "conflicts in the seeds differ from what a careful reader finds:"
  echo "expected: $expected"
  echo "got:      $got"
  exit 1
fi
echo "ok conflicts_seeds: only the Kaseya sale of usage data and the m3server release to the registrar are reported"
