#!/bin/sh
# lint-changed.sh BASE [FORMAT]: lints the policy files a change touches,
# for CI jobs on pull/merge requests (used by github-actions.yml and
# gitlab-ci.yml next to this file; run it by hand the same way).
#
#   BASE    the ref the change goes into, e.g. origin/main
#   FORMAT  policylint's --format (default text; github for annotations)
#
# A file that exists in BASE is compared with that version (--against), so
# the job fails only on what the change introduces, including an area the
# policy no longer discloses; a new file is linted whole.  Set
# POLICYLINT_FILES to the extended regex of policy paths (default: .txt, .md,
# .markdown, .html, .htm) and POLICYLINT_ARGS to more options (e.g.
# "--fail-level error").  The exit status is the worst of policylint's.
set -u
base=${1:?usage: lint-changed.sh BASE-REF [FORMAT]}
format=${2:-text}
pattern=${POLICYLINT_FILES:-'\.(txt|md|markdown|html?)$'}
policylint=${POLICYLINT:-policylint}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

git diff --name-only --diff-filter=AMR "$base...HEAD" >"$tmp/changed" || exit 2
grep -E "$pattern" "$tmp/changed" >"$tmp/files" || {
  echo "lint-changed: no policy file changed since $base"
  exit 0
}
status=0
while IFS= read -r f; do
  # shellcheck disable=SC2086
  if git cat-file -e "$base:$f" 2>/dev/null; then
    git show "$base:$f" >"$tmp/old"
    $policylint ${POLICYLINT_ARGS:-} --format "$format" \
      --against "$tmp/old" --against-name "$base:$f" "$f"
  else
    $policylint ${POLICYLINT_ARGS:-} --format "$format" "$f"
  fi
  rc=$?
  [ "$rc" -gt "$status" ] && status=$rc
done <"$tmp/files"
exit "$status"
