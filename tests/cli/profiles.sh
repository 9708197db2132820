#!/bin/sh
# Compliance profiles (docs/profiles.md).  Usage: profiles.sh POLICYLINT SHARED
#
#  1. tests/profiles/NAME/: full.txt meets every requirement of profile NAME
#     (no finding); every lacks-RULE.txt (full.txt without the lines that
#     make one disclosure) and with-RULE.txt (full.txt plus one outdated
#     statement) gives exactly one finding, of RULE; every requirement of
#     the profile has such a variant; the variants are what
#     tests/profiles/make-variants.sh writes from full.txt.
#  2. The options: --profile (lists, repeats, all, unknown names), profile:
#     in .policylint.yaml, --list-profiles, --explain PROFILE, --today, the
#     coverage table and the JSON "profiles" object.
#  3. Every profile over the five seed policies, checked against what a
#     careful reviewer finds in them (skipped, visibly, without the seeds).
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
profiles=$root/tests/profiles
today=2025-06-01
# The rule set of this source tree (a sanitizer build finds none by itself).
plr() { "$pl" --rules "$root/rules" "$@"; }

# The rule ids of the findings of FILE under profile P (sorted, one line).
rules_of() {  # P FILE [OPTIONS...]
  _p=$1 _f=$2
  shift 2
  plr --profile "$_p" --today "$today" --format json "$@" "$_f" 2>"$tmp/.err" |
    python3 -c 'import json,sys
d=json.load(sys.stdin)
print(" ".join(sorted(x["rule"] for f in d["files"] for x in f["findings"])))'
}

# ---- 1. Test policies of each profile --------------------------------------
sh "$profiles/make-variants.sh" "$tmp/variants"
for dir in "$profiles"/*/; do
  prof=$(basename "$dir")
  [ -f "$dir/full.txt" ] || continue
  stale=""
  for f in "$tmp/variants/$prof"/*.txt; do
    cmp -s "$f" "$dir/$(basename "$f")" || stale="$stale $(basename "$f")"
  done
  check "$prof-variants-up-to-date" [ -z "$stale" ]
  got=$(rules_of "$prof" "$dir/full.txt")
  check "$prof-full-has-no-finding" [ -z "$got" ]
  bad=""
  n=0
  # One run over every variant of the profile (a process per file made
  # this the slowest stage of the suite under the sanitizers).
  set --
  for f in "$dir"/lacks-*.txt "$dir"/with-*.txt; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  if [ $# -gt 0 ]; then
    plr --profile "$prof" --today "$today" --format json "$@" 2>"$tmp/.err" |
      python3 -c 'import json,os,sys
for f in json.load(sys.stdin)["files"]:
    print(os.path.basename(f["path"]), " ".join(sorted(x["rule"] for x in f["findings"])))' \
      >"$tmp/variants.out"
    [ "$(wc -l <"$tmp/variants.out")" -eq $# ] || bad="$bad (one report per variant: got $(wc -l <"$tmp/variants.out") of $#)"
    while read -r name got; do
      rule=${name%.txt}
      rule=${rule#*-}
      [ "$got" = "$rule" ] || bad="$bad $name:[$got]"
      n=$((n + 1))
    done <"$tmp/variants.out"
  fi
  check "$prof-each-variant-exactly-its-finding ($n variants)" [ -z "$bad" ]
  [ -n "$bad" ] && echo "   wrong:$bad"
  # Every requirement of the profile has a variant.
  plr --profile "$prof" --today "$today" --format json "$dir/full.txt" |
    python3 -c 'import json,sys
c=json.load(sys.stdin)["files"][0]["profiles"][sys.argv[1]]
print("\n".join(c["met"]+c["not_applicable"]+c["missing"]))' "$prof" >"$tmp/reqs"
  untested=""
  while read -r r; do
    [ -f "$dir/lacks-$r.txt" ] || [ -f "$dir/with-$r.txt" ] || untested="$untested $r"
  done <"$tmp/reqs"
  check "$prof-every-requirement-tested" [ -z "$untested" ]
  [ -n "$untested" ] && echo "   untested:$untested"
done

# The CCPA yearly update: the full policy (3 March 2025) is fine on
# 2026-03-03 and stale the day after.
got=$(rules_of ccpa "$profiles/ccpa/full.txt" --today 2026-03-03)
check ccpa-date-within-12-months [ -z "$got" ]
run plr --profile ccpa --today 2026-03-04 -f gcc "$profiles/ccpa/full.txt"
check ccpa-date-stale eval "is_rc 1 && has 'full.txt:3:1: error: the policy shows no last-updated date within the past 12 months (the policy is dated 2025-03-03, 12 months before 2026-03-04; the limit is 12) \[ccpa-last-updated\]'"

# ---- 2. Options ---------------------------------------------------------------
full=$profiles/caloppa/full.txt
# The default is baseline: no profile rule runs, missing-dnt (caloppa) neither.
# (Cookies, so that CalOPPA's Do Not Track question arises.)
printf 'We collect your e-mail address to send receipts.\nOur site uses cookies to count visits.\n' >"$tmp/p.txt"
run plr -f gcc "$tmp/p.txt"
check default-is-baseline eval "has missing-retention && ! has missing-dnt && ! has gdpr-"
run plr --profile caloppa -f gcc "$tmp/p.txt"
check caloppa-runs-missing-dnt eval "has missing-dnt && ! has missing-retention"
run plr --profile gdpr,caloppa --profile coppa --fact child_directed=yes -f gcc "$tmp/p.txt"
check profile-list-and-repeat eval "has missing-dnt && has gdpr-retention && has coppa-parent-review && ! has missing-retention"
# COPPA applies only to a service the policy shows (or the owner declares)
# is directed to children: this one is not, so none of its rules report.
run plr --profile coppa -f gcc "$tmp/p.txt"
check coppa-not-applicable-by-default eval "! has coppa-"
run plr --profile all -f json "$tmp/p.txt"
check profile-all python3 -c '
import json, sys
p = json.load(open(sys.argv[1]))["files"][0]["profiles"]
assert list(p) == ["baseline", "gdpr", "ccpa", "caloppa", "coppa", "eprivacy", "us-states"], list(p)
for c in p.values():
    assert set(c) >= {"met", "missing"}, c
' "$tmp/.out"
run plr --profile gdrp "$tmp/p.txt"
check unknown-profile-exit-2 eval "is_rc 2 && [ -z \"\$out\" ] && printf '%s' \"\$err\" | grep -q \"unknown profile 'gdrp' (profiles: baseline, gdpr, ccpa, caloppa, coppa, eprivacy, us-states, or all\""
run plr --today 2025-02-30 "$tmp/p.txt"
check bad-today-exit-2 eval "is_rc 2 && printf '%s' \"\$err\" | grep -q YYYY-MM-DD"

# profile: in .policylint.yaml; --profile wins; an unknown name is an error
# at its place in the file.
mkdir -p "$tmp/site"
cp "$tmp/p.txt" "$tmp/site/p.txt"
printf 'profile: [gdpr]\n' >"$tmp/site/.policylint.yaml"
run plr -f gcc "$tmp/site/p.txt"
check config-profile eval "has gdpr-retention && ! has missing-retention"
run plr --profile baseline -f gcc "$tmp/site/p.txt"
check option-wins-over-config eval "! has gdpr-retention && has missing-retention"
printf 'profile: [gdpr, ccpa-typo]\n' >"$tmp/site/.policylint.yaml"
run plr "$tmp/site/p.txt"
check config-unknown-profile eval "is_rc 2 && printf '%s' \"\$err\" | grep -q \"site/.policylint.yaml:1:17: error: unknown profile 'ccpa-typo'\""
rm "$tmp/site/.policylint.yaml"

run plr --list-profiles
check list-profiles eval "is_rc 0 && has '^gdpr  *24  EU General Data Protection Regulation' && has '^ccpa  *19 ' && has '^caloppa  *7 ' && has '^coppa  *10 ' && has '^eprivacy  *7 ' && has '^us-states  *7 ' && has '^baseline '"
run plr --explain gdpr
check explain-profile eval "is_rc 0 && has 'gdpr-complaint (require, error)' && has 'GDPR Art. 13(2)(d)' && has 'GDPR Art. 77' && has 'Regulation (EU) 2016/679'"
run plr --explain ccpa-last-updated
check explain-requirement eval "has 'Refines missing-effective-date' && has 'at most 12 months' && has '11 CCR 7011(e)(4)'"

# The coverage table ends the text report when profiles are chosen, never
# by default.
run plr --color=never --profile caloppa "$full"
check coverage-table eval "is_rc 0 && has '^  profile  *met  *missing  *n/a' && has '^  caloppa  *7  *0  *0'"
run plr --color=never --profile caloppa "$profiles/caloppa/lacks-missing-dnt.txt"
check coverage-missing eval "has '^  caloppa  *6  *1  *0  missing: missing-dnt'"
run plr --color=never "$full"
check no-table-by-default eval "! has '^  profile '"

# A refining rule replaces the one it refines when both run.
printf 'We keep data in line with the U.S.-EU Safe Harbor Framework.\n' >"$tmp/sh.txt"
run plr -f gcc --profile baseline,gdpr "$tmp/sh.txt"
check refines-replaces eval "has gdpr-safe-harbor && ! has safe-harbor-reliance"
run plr -f gcc "$tmp/sh.txt"
check refined-rule-by-default eval "has safe-harbor-reliance && ! has gdpr-safe-harbor"

# ---- 3. The seeds, as a careful reviewer reads them ------------------------------
seeds=$shared/seeds
if [ ! -d "$seeds" ]; then
  echo "SKIP seeds: $seeds is absent"
  [ "$failures" = 0 ]
  exit
fi
seed() { ls "$seeds/$1"_*.txt; }
# expect NAME PROFILE SEED [--today DATE] -- +RULE (reported) -RULE (not)
expect() {
  what=$1 p=$2 s=$3
  shift 3
  opts=""
  while [ "$1" != "--" ]; do opts="$opts $1"; shift; done
  shift
  # shellcheck disable=SC2086
  got=" $(rules_of "$p" "$(seed "$s")" $opts) "
  ok_all=1
  for e in "$@"; do
    case $e in
      +*) case $got in *" ${e#+} "*) ;; *) ok_all=0; echo "   $what: ${e#+} not reported" ;; esac ;;
      -*) case $got in *" ${e#-} "*) ok_all=0; echo "   $what: ${e#-} reported" ;; esac ;;
    esac
  done
  check "$what" [ "$ok_all" = 1 ]
}
# 002 (2016) certifies under the EU-US Safe Harbor: an error under gdpr,
# with the judgment and its date; its "Effective as May 18, 2016" is
# years older than the CCPA's 12 months.
expect seed002-gdpr-safe-harbor gdpr 002 -- +gdpr-safe-harbor -safe-harbor-reliance +gdpr-legal-basis +gdpr-complaint
run plr --profile gdpr -f gcc "$(seed 002)"
check seed002-judgment-and-date eval "has 'Schrems I (C-362/14) on 6 October 2015 \[gdpr-safe-harbor\]'"
expect seed002-ccpa-stale ccpa 002 -- +ccpa-last-updated +ccpa-opt-out-signals
# 000 (303tech) asks consent to transfers to the U.S. (no safeguard), takes
# data "from other sources" without naming them, never says whether it
# sells, but does list its legitimate interests.
expect seed000-gdpr gdpr 000 -- +gdpr-transfer-safeguard +gdpr-data-source +gdpr-complaint -gdpr-legitimate-interests -gdpr-purposes
expect seed000-ccpa ccpa 000 -- +ccpa-sold-shared +ccpa-non-discrimination -ccpa-purposes
# 001 (InfoTech, updated May 22, 2024) covers the US state rights: appeal,
# agents, Global Privacy Control, deletion; its only phone number is not
# toll-free.  Dated within 12 months on 2025-03-01, not on 2025-06-01.
expect seed001-us-states us-states 001 -- -states-appeal -states-opt-out-signals -states-exercise-rights -states-categories
expect seed001-ccpa ccpa 001 --today 2025-03-01 -- +ccpa-request-methods -ccpa-right-to-delete -ccpa-authorized-agent -ccpa-opt-out-signals -ccpa-non-discrimination -ccpa-last-updated
expect seed001-ccpa-a-year-on ccpa 001 -- +ccpa-last-updated
# 003 (m3server) never mentions cookies; 004 (zMailCloud, 2015) stores
# everything in the USA with no safeguard and gives no date.
expect seed003-eprivacy eprivacy 003 -- +eprivacy-cookies -eprivacy-cookie-refusal
expect seed004-gdpr gdpr 004 -- +gdpr-transfer-safeguard +gdpr-retention -gdpr-safe-harbor
expect seed004-ccpa ccpa 004 -- +ccpa-last-updated +ccpa-retention
# None of the five is a children's service, so COPPA does not apply to
# any of them (none shows that it is directed to children or knowingly
# collects from them); declared as one, each lacks a parent's rights.
# CalOPPA's Do Not Track statement is missing from all but 001; it is
# asked only of an operator that shows cookies or such technologies
# ("if the operator engages in that collection", 22575(b)(5)), which 003
# (web hosting, forms and a telephone line) never mentions.
for s in 000 001 002 003 004; do
  got=$(plr --profile coppa -f json "$(seed "$s")" | python3 -c 'import json,sys
c = json.load(sys.stdin)["files"][0]["profiles"]["coppa"]
print(c["applies"], len(c["missing"]))')
  check "seed$s-coppa-not-applicable" [ "$got" = "False 0" ]
  expect "seed$s-coppa-if-declared" coppa "$s" --fact child_directed=yes -- +coppa-parent-review +coppa-parent-refuse
done
for s in 000 002 004; do
  expect "seed$s-caloppa" caloppa "$s" -- +missing-dnt
done
expect seed001-caloppa caloppa 001 -- -missing-dnt
expect seed003-caloppa caloppa 003 -- -missing-dnt
[ "$failures" = 0 ]
