#!/bin/sh
# The real pre-commit tool (https://pre-commit.com) against a temporary
# repository whose .pre-commit-config.yaml references this repository's
# .pre-commit-hooks.yaml, as users do: the hook must fail on a policy with
# findings and pass on a clean one.
#
#   tests/precommit.sh POLICYLINT     (make precommit-test)
#
# The hook's entry is `policylint`: the binary under test is put first on
# PATH.  Needs pre-commit and git; without them it says SKIP and exits 0.
set -u
pl=${1:?usage: tests/precommit.sh POLICYLINT}
case $pl in /*) ;; *) pl=$(pwd)/$pl ;; esac
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/tests/data/workflow
for tool in pre-commit git; do
  if ! command -v $tool >/dev/null 2>&1; then
    echo "SKIP precommit: '$tool' is not installed (Debian: apt-get install pre-commit git)"
    exit 0
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
ok() { echo "ok $1"; }
no() { echo "FAIL $1"; sed 's/^/    /' "$tmp/log" | tail -30; failures=$((failures + 1)); }

export PRE_COMMIT_HOME="$tmp/cache" GIT_CONFIG_NOSYSTEM=1 HOME="$tmp"
git config --global user.email test@example.org
git config --global user.name test
git config --global init.defaultBranch main
git config --global commit.gpgsign false
mkdir "$tmp/bin"
printf '#!/bin/sh\nexec "%s" "$@"\n' "$pl" >"$tmp/bin/policylint"
chmod +x "$tmp/bin/policylint"
PATH=$tmp/bin:$PATH

# The hook repository: this repository's hook definition, committed (the
# working tree's, so the test checks the file as it is now).
mkdir "$tmp/hooks" && cd "$tmp/hooks" || exit 1
git init -q .
cp "$root/.pre-commit-hooks.yaml" .
git add . && git commit -qm hooks
rev=$(git rev-parse HEAD)

# The user's repository.
mkdir "$tmp/site" && cd "$tmp/site" || exit 1
git init -q .
cat >.pre-commit-config.yaml <<EOF2
repos:
  - repo: $tmp/hooks
    rev: $rev
    hooks:
      - id: policylint
        args: [--quiet, --rules, $data/rules.yaml]
EOF2
cp "$data/clean.md" privacy.md
echo 'print("not a policy")' >tool.py
git add . && git commit -qm init

if pre-commit run --all-files >"$tmp/log" 2>&1; then
  ok precommit-clean-passes
else
  no precommit-clean-passes
fi
grep -q '^policylint.*Passed' "$tmp/log" && ok precommit-hook-ran || no precommit-hook-ran

cp "$data/findings.md" privacy.md
git add privacy.md
pre-commit run >"$tmp/log" 2>&1
rc=$?
if [ $rc = 1 ] && grep -q '^policylint.*Failed' "$tmp/log" &&
   grep -q 'privacy.md: missing disclosures (2):' "$tmp/log" &&
   grep -q '  need-contact    error    the policy gives no privacy contact address$' "$tmp/log"; then
  ok precommit-findings-fail
else
  no precommit-findings-fail
fi

# Files the hook's pattern does not match are not passed.
cp "$data/clean.md" privacy.md
echo 'x = 1' >>tool.py
git add . 
pre-commit run >"$tmp/log" 2>&1 && ok precommit-non-policy-ignored || no precommit-non-policy-ignored

# .policylint.yaml applies to hook runs: an ignored folder is not linted.
mkdir drafts && cp "$data/findings.md" drafts/draft.md
printf 'ignore: [drafts/]\n' >.policylint.yaml
git add .
pre-commit run >"$tmp/log" 2>&1 && ok precommit-config-ignore || no precommit-config-ignore

# A real commit through the installed git hook.
pre-commit install -q >/dev/null 2>&1 || pre-commit install >/dev/null 2>&1
git commit -qm ok >"$tmp/log" 2>&1 && ok precommit-commit-passes || no precommit-commit-passes
cp "$data/findings.md" privacy.md
git add privacy.md
if git commit -qm bad >"$tmp/log" 2>&1; then no precommit-commit-blocked; else ok precommit-commit-blocked; fi

[ "$failures" = 0 ] || { echo "precommit: $failures check(s) failed"; exit 1; }
echo "precommit: all checks passed"
