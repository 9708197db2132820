#!/bin/sh
# The CI examples run for real: examples/ci/lint-changed.sh (what the
# GitHub Actions and GitLab jobs call) on a branch of a temporary
# repository, and examples/ci/pre-commit as a .git/hooks/pre-commit.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
if ! command -v git >/dev/null 2>&1; then
  echo "SKIP workflow_hook: git is not installed"
  exit 0
fi
cd "$tmp" || exit 1
rmdir .git
mkdir bin
# The examples call `policylint`: this one, with the test rules.
printf '#!/bin/sh\nexec "%s" --no-config --rules "%s" "$@"\n' "$pl" "$rules" >bin/policylint
chmod +x bin/policylint
PATH=$tmp/bin:$PATH
export PATH
git init -q -b main repo 2>/dev/null || { git init -q repo && git -C repo checkout -q -b main; }
cd repo || exit 1
git config user.email test@example.org
git config user.name test
git config commit.gpgsign false
cp ../clean.md privacy.md
echo 'notes, not a policy' >notes.py
git add . && git commit -qm base

# lint-changed.sh: only what the branch introduces fails.
git checkout -q -b edit
printf '# Notice\n\nA new first paragraph.\n\n' | cat - ../clean.md >privacy.md
git commit -qam 'move text down'
run sh "$root/examples/ci/lint-changed.sh" main gcc
check ci-unchanged-policy-passes eval '[ -z "$out" ] && is_rc 0'
sed -i '/write to/d' privacy.md
cp ../findings.md new-policy.md
git add . && git commit -qm 'drop contact, add a policy'
run sh "$root/examples/ci/lint-changed.sh" main github
check ci-removed-annotation eval "is_rc 1 && has '^::error file=privacy.md,line=9,col=32,endLine=9,title=policylint area-removed (removed)%2C new since main%3Aprivacy.md::the policy no longer discloses contact: main:privacy.md:7 disclosed it'"
check ci-new-file-linted eval "has '^::error file=new-policy.md,line=1,col=1,endLine=1,title=policylint need-contact (missing)%2C new since main::' && has_err '^new-policy.md: warning: .*\[against-new-file\]$'"
POLICYLINT_FILES='^privacy' run sh "$root/examples/ci/lint-changed.sh" main gcc
check ci-files-pattern eval "! has new-policy.md && has privacy.md"
git checkout -q main
run sh "$root/examples/ci/lint-changed.sh" main
check ci-nothing-changed eval "is_rc 0 && has 'no policy file changed'"

# The plain pre-commit hook: lints what is staged, against HEAD.
cp "$root/examples/ci/pre-commit" .git/hooks/pre-commit
chmod +x .git/hooks/pre-commit
printf '\nWe may tell trusted partners about you.\n' >>privacy.md
git add privacy.md
run git commit -qm 'info only'
check hook-info-passes is_rc 0
sed -i '/encrypted/d' privacy.md
git add privacy.md
run git commit -qm 'drop security'
check hook-blocks-removed-area eval "[ \"\$rc\" != 0 ] && has_err '^privacy.md:6:1: error: the policy no longer discloses security: HEAD:privacy.md:5 disclosed it'"
# The staged text counts, not the working tree.
git checkout -q HEAD -- privacy.md
echo 'One more harmless sentence.' >>privacy.md
git add privacy.md
sed -i '/encrypted/d' privacy.md
run git commit -qm 'staged version is fine'
check hook-uses-staged-version is_rc 0
git checkout -q -- privacy.md
cp ../findings.md brand-new.md
git add brand-new.md
run git commit -qm 'new policy with an error'
check hook-new-file eval "[ \"\$rc\" != 0 ] && has_err '^brand-new.md: missing disclosures' && has_err '^  need-contact  *error'"
finish
