#!/bin/sh
# --against REV: each file compared with its own version in a git revision,
# read with git from the file's own repository; the errors (no git, no
# repository, no such revision), a file new in the change, a renamed file,
# `git:` when a file has the revision's name, and `policylint diff`.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
if ! command -v git >/dev/null 2>&1; then
  echo "SKIP workflow_against_git: git is not installed"
  exit 0
fi
cd "$tmp" || exit 1
rmdir .git
t="$pl --no-config --rules $rules"
g() { git -c user.email=t@example.org -c user.name=t -c commit.gpgsign=false "$@"; }
git init -q repo && cd repo || exit 1
mkdir legal
cp ../clean.md legal/privacy.md
cp ../findings.md legal/notes.md
g add . && g commit -qm v1
sed '/write to/d' ../clean.md >legal/privacy.md

run $t -f gcc --against HEAD legal/privacy.md
check rev-removed eval "is_rc 1 && has '^legal/privacy.md:5:32: error: the policy no longer discloses contact: HEAD:legal/privacy.md:7 disclosed it \[area-removed\]$' && has '^HEAD:legal/privacy.md:7:8: note: the old version disclosed contact here'"
# Path from the repository's root, whatever the current folder.
cd legal || exit 1
run $t -f gcc --against HEAD privacy.md
check rev-from-subfolder has '^privacy.md:5:32: error: .*HEAD:legal/privacy.md:7 disclosed it'
cd "$tmp" || exit 1
run $t -f gcc --against HEAD repo/legal/privacy.md
check rev-from-outside has 'HEAD:legal/privacy.md:7 disclosed it'
cd repo || exit 1

# A revision compares every file with its own version: an unchanged file
# has nothing new.
run $t -f gcc --against HEAD legal/privacy.md legal/notes.md
check rev-many-files eval "is_rc 1 && has '^legal/privacy.md:5:32: error' && lacks notes.md"
printf 'legal/notes.md\nlegal/privacy.md\n' >list.txt
run $t -f gcc --against HEAD --files-from list.txt
check rev-files-from eval "is_rc 1 && has '^legal/privacy.md:5:32: error' && lacks notes.md"

# A file the revision does not have is new in this change: linted whole,
# with a warning, and the exit status says what its findings say.
cp ../findings.md legal/cookies.md
run $t -f gcc --against HEAD legal/cookies.md
check rev-new-file eval "is_rc 1 && has_err '^legal/cookies.md: warning: legal/cookies.md does not exist in HEAD: the file is new in this change, so every finding is new \[against-new-file\]$' && has '^legal/cookies.md:5:13: info: .*\[vague-wording\]$'"
run $t -f json --against HEAD legal/cookies.md
check rev-new-file-json python3 -c '
import json, sys
f = json.load(open(sys.argv[1]))["files"][0]
assert f["against"] == "HEAD" and f["against_new"] is True, f
assert f["changes"] == [] and f["findings"], f
' "$tmp/.out"
cp ../clean.md legal/fresh.md
run $t -f gcc --against HEAD legal/fresh.md
check rev-new-clean-file eval "is_rc 0 && has_err 'against-new-file'"
rm legal/cookies.md legal/fresh.md

# A renamed file is read under its old name.
g mv legal/notes.md legal/moved.md
printf '\nOur trusted partners may call you.\n' >>legal/moved.md
run $t -f gcc --against HEAD legal/moved.md
check rev-renamed eval "has '^legal/moved.md:7:5: info: .*\[vague-wording\]$' && ! has_err against-new-file && [ \$(grep -c vague-wording \"\$tmp/.out\") = 1 ]"
g mv legal/moved.md legal/notes.md
g checkout -q -- legal/notes.md

# Errors: a revision the repository does not have, no repository, no git.
run $t -f gcc --against no-such-branch legal/privacy.md
check rev-unknown eval "is_rc 2 && has_err '^legal/privacy.md: error: --against no-such-branch: no file and no commit of this repository has that name .*\[git-revision\]$'"
mkdir "$tmp/plain" && cp ../clean.md "$tmp/plain/p.md"
run $t -f gcc --against HEAD "$tmp/plain/p.md"
check rev-no-repository eval "is_rc 2 && has_err 'the file is in no git repository .*\[git-revision\]$'"
mkdir "$tmp/nogit"
for c in sh cat grep; do ln -s "$(command -v $c)" "$tmp/nogit/$c"; done
PATH=$tmp/nogit run $t -f gcc --against HEAD legal/privacy.md
check rev-no-git eval "is_rc 2 && has_err '^legal/privacy.md: error: --against HEAD: git is needed to read the previous version and cannot be run (is it installed and on PATH?) \[git-missing\]$'"

# A file named like the revision is the file; git: makes it the revision.
cp ../clean.md HEAD
run $t -f gcc --against HEAD legal/privacy.md
check file-wins eval "has 'compared with HEAD;' && has 'HEAD:7 disclosed it' && ! has 'HEAD:legal'"
run $t -f gcc --against git:HEAD legal/privacy.md
check git-prefix has 'HEAD:legal/privacy.md:7 disclosed it'
rm HEAD
# A missing name that looks like a policy file is a missing file.
run $t --against old-privacy.md legal/privacy.md
check policy-name-is-a-file eval "is_rc 2 && has_err '^old-privacy.md: error: .*\[input-missing\]$'"

# policylint diff OLD NEW: the markdown report of the edit, OLD a file or
# a revision.  diff is a command only as the first argument.
run $pl diff --no-config --rules "$rules" HEAD legal/privacy.md
check diff-revision eval "is_rc 1 && has '^<!-- policylint -->$' && has '^## .legal/privacy.md.: what this edit changes$' && has 'Compared with .HEAD:legal/privacy.md.: 1 removed' && has '^- \*\*Removed:\*\* no longer says anything about contact'"
git show HEAD:legal/privacy.md >"$tmp/old.md"
run $pl diff --no-config --rules "$rules" "$tmp/old.md" legal/privacy.md
check diff-files eval "is_rc 1 && has '1 removed'"
run $pl diff --no-config --rules "$rules" --fail-level none -f gcc HEAD legal/privacy.md
check diff-other-format eval "is_rc 0 && has 'area-removed'"
run $pl diff --no-config --rules "$rules" legal/privacy.md
check diff-needs-two eval "is_rc 2 && has_err 'diff compares two versions'"
finish
