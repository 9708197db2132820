#!/bin/sh
# The CI gate as the documentation gives it, run as written: the README's
# snippet (one command against origin/main, and `policylint diff`), the
# examples of docs/workflows.md (their output must be the program's), and
# the shell steps of examples/ci/github-actions.yml, in a clone of a
# temporary origin with a pull-request branch that edits the policy
# (tests/data/ci/privacy.md into privacy-edited.md).
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
if ! command -v git >/dev/null 2>&1; then
  echo "SKIP readme_ci: git is not installed"
  exit 0
fi
cd "$tmp" || exit 1
rmdir .git
mkdir bin
# `policylint` in the snippets: this one, with the default rules.
printf '#!/bin/sh\nexec "%s" "$@"\n' "$pl" >bin/policylint
chmod +x bin/policylint
PATH=$tmp/bin:$PATH
POLICYLINT_RULES=${POLICYLINT_RULES:-$root/rules}
export PATH POLICYLINT_RULES
g() { git -c user.email=t@example.org -c user.name=t -c commit.gpgsign=false "$@"; }
g init -q --bare origin.git
g clone -q origin.git work 2>/dev/null
cd work || exit 1
g checkout -q -b main
cp "$root/tests/data/ci/privacy.md" privacy.md
g add privacy.md && g commit -qm policy && g push -q origin main 2>/dev/null
g checkout -q -b edit
cp "$root/tests/data/ci/privacy-edited.md" privacy.md
g commit -qam 'edit the policy'

# The README's snippet, line by line as written (comments dropped).
awk '/^```sh$/ {on = 1; next} /^```$/ {on = 0} on' "$root/README.md" |
  grep -e '--against origin/main' -e 'diff origin/main' | sed 's/[[:space:]]*#.*$//' >snippet.sh
check readme-snippet-found eval "[ \$(wc -l <snippet.sh) = 2 ]"
run sh -c 'policylint --version >/dev/null && sh -x snippet.sh'
check readme-gate-fails eval "[ \"\$rc\" = 1 ]"
check readme-annotations eval "has '^::warning file=privacy.md,line=17,.*promise-weakened' && has '^::warning file=privacy.md,line=25,.*retention-weakened' && has '^::warning file=privacy.md,line=27,.*disclosure-removed' && has '^::warning file=privacy.md,line=29,.*right-narrowed'"
check readme-comment eval "head -1 comment.md | grep -qx '<!-- policylint -->' && grep -q '^- \*\*Weakened:\*\* no longer says how long it keeps usage data' comment.md"

# docs/workflows.md: what its examples print is what the program prints.
awk '/^\$ policylint --against origin\/main -f gcc privacy.md$/ {on = 1; next}
     /^\$ echo/ {on = 0} on' "$root/docs/workflows.md" >doc-gcc.txt
policylint --against origin/main -f gcc privacy.md >gcc.txt
check workflows-gcc-example eval "[ -s doc-gcc.txt ] && cmp -s doc-gcc.txt gcc.txt"
awk '/^\$ policylint diff origin\/main privacy.md$/ {on = 1; next}
     /^```$/ {on = 0} on' "$root/docs/workflows.md" >doc-diff.md
policylint diff origin/main privacy.md >diff.md
check workflows-diff-example eval "[ -s doc-diff.md ] && cmp -s doc-diff.md diff.md"

# The GitHub Actions example's shell steps, with BASE as GitHub sets it.
python3 - "$root/examples/ci/github-actions.yml" >steps.sh <<'EOF'
import re, sys
lines = open(sys.argv[1]).read().split('\n')
wanted = ('Policies this pull request changes', 'Annotate what the change introduces',
          'What the edit changes, for the reviewer')
i = 0
while i < len(lines):
    m = re.match(r'\s*- name: (.*)$', lines[i])
    if m and m.group(1) in wanted:
        name = wanted.index(m.group(1))
        while 'run: |' not in lines[i]:
            i += 1
        indent = len(lines[i + 1]) - len(lines[i + 1].lstrip())
        i += 1
        print('(')
        while i < len(lines) and (not lines[i].strip() or
                                  len(lines[i]) - len(lines[i].lstrip()) >= indent):
            print(lines[i][indent:])
            i += 1
        print(')\necho "step %d: $?"' % name)
        continue
    i += 1
EOF
POLICYLINT_FILES='\.(txt|md|markdown|html?)$' BASE=origin/main run sh steps.sh
# The edit weakens disclosures: the annotating step fails the check, the
# others succeed.
check actions-steps eval "has '^privacy.md$' && has '^::warning file=privacy.md,line=17,' && has '^step 0: 0$' && has '^step 1: 1$' && has '^step 2: 0$'"
check actions-comment-file eval "[ -s policylint.md ] && head -1 policylint.md | grep -qx '<!-- policylint -->'"
finish
