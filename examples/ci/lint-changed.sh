#!/bin/sh
# lint-changed.sh BASE [FORMAT]: lints the policy files a change touches,
# for CI jobs on pull/merge requests (gitlab-ci.yml next to this file
# calls it; run it by hand the same way).  It is one policylint command:
#
#   policylint --against BASE --format FORMAT FILE...
#
# over the files changed since BASE: each is compared with its own version
# in BASE, so the job fails only on what the change introduces, including
# every disclosure it removes or weakens; a file new in the change is
# linted whole (policylint says so, with a warning).
#
#   BASE    the ref the change goes into, e.g. origin/main
#   FORMAT  policylint's --format (default text; github for annotations,
#           markdown for a pull-request comment)
#
# POLICYLINT_FILES: the extended regex of policy paths (default: .txt, .md,
# .markdown, .html, .htm); POLICYLINT_ARGS: more options (e.g.
# "--fail-level error").  The exit status is policylint's.
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
# git: makes BASE a revision even if a file of that name exists.
# shellcheck disable=SC2086
$policylint ${POLICYLINT_ARGS:-} --format "$format" --against "git:$base" \
  --files-from "$tmp/files"
