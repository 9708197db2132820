#!/bin/sh
# .policylint.yaml: discovery (upward from the file, stopping at the
# repository root), every key, errors with FILE:LINE:COL, --config,
# --no-config, --print-config.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --rules $rules -f gcc"
mkdir -p site/legal elsewhere
cp findings.md site/legal/policy.md

# Found from the file's folder upward, whatever the current folder.
printf 'disable: [need-contact]\n' >.policylint.yaml
(cd elsewhere && $t ../site/legal/policy.md) >"$tmp/.out" 2>"$tmp/.err"
check discovered-upward eval "! has need-contact && has need-retention"

# The nearest file wins.
printf 'disable: [need-retention]\n' >site/.policylint.yaml
run $t site/legal/policy.md
check nearest-wins eval "has need-contact && ! has need-retention"
rm site/.policylint.yaml

# The search stops at the repository root.
mkdir -p outer/repo/.git
cp findings.md outer/repo/p.md
printf 'disable: [need-contact, need-retention, vague-wording]\n' >outer/.policylint.yaml
run $t outer/repo/p.md
check stops-at-repo-root has need-contact

# --no-config and --config FILE.
run $t --no-config findings.md
check no-config has need-contact
printf 'disable: [vague-wording]\n' >other.yaml
run $t --config other.yaml findings.md
check config-option eval "has need-contact && ! has vague-wording"

# severity overrides and fail-level.
cat >.policylint.yaml <<'YAML'
severity:
  need-contact: info
  need-retention: info
YAML
run $t findings.md
check severity-override eval "has 'info: the policy gives no privacy contact address \[need-contact\]' && is_rc 0"
printf 'fail-level: info\n' >>.policylint.yaml
run $t findings.md
check fail-level-from-config is_rc 1
run $t --fail-level error findings.md
check fail-level-option-wins is_rc 0
printf 'fail-level: none\n' >.policylint.yaml
run $t findings.md
check fail-level-none is_rc 0

# rules: extra rule files, relative to the configuration file.
mkdir -p conf
cat >conf/extra.yaml <<'YAML'
topics: []
rules:
  - id: extra-encrypt-claim
    kind: avoid
    area: security
    severity: warning
    message: say how files are encrypted
    rationale: r
    references: [r]
    patterns: ['\bencrypted\b']
    examples: {match: [files are encrypted], no_match: [files are kept]}
YAML
printf 'rules: [conf/extra.yaml]\n' >.policylint.yaml
mkdir -p deep/er
cp findings.md deep/er/p.md
run $t deep/er/p.md
check extra-rules eval "has 'deep/er/p.md:3:22: warning: say how files are encrypted \[extra-encrypt-claim\]' && has need-contact"

# ignore: globs relative to the configuration's folder.
mkdir -p drafts/old
cp findings.md drafts/old/a.md
cp findings.md b.old.md
printf 'ignore:\n  - drafts/\n  - "*.old.md"\n' >.policylint.yaml
run $t drafts/old/a.md b.old.md findings.md
check ignore eval "! has drafts/ && ! has b.old.md && has findings.md && is_rc 1"
run $t drafts/old/a.md
check ignore-only-ignored eval '[ -z "$out" ] && is_rc 0'

# profile: a string or a list, kept and shown.
printf 'profile: [gdpr, ccpa]\ndisable: [vague-wording]\n' >.policylint.yaml
run $pl --rules "$rules" -d need-contact --print-config findings.md
check print-config eval "is_rc 0 && has '^profile:' && has '^  - gdpr$' && has '^  - need-contact$' && has '^  - vague-wording$' && has '^fail-level: warning$' && has '.policylint.yaml'"
check print-config-is-yaml python3 -c '
import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
assert d["profile"] == ["gdpr", "ccpa"] and d["fail-level"] == "warning", d
assert set(d["disable"]) == {"vague-wording", "need-contact"}, d
' "$tmp/.out"
printf 'profile: gdpr\n' >.policylint.yaml
run $pl --rules "$rules" --print-config
check profile-string has '^  - gdpr$'

# Errors: FILE:LINE:COL, exit 2.
printf 'disable: [vague-wording]\nfail_level: error\n' >.policylint.yaml
run $t findings.md
check unknown-key eval "is_rc 2 && has_err '^$tmp/.policylint.yaml:2:1: error: .*fail_level.*\[config-schema\]$'"
printf 'severity:\n  need-contact: loud\n' >.policylint.yaml
run $t findings.md
check bad-severity eval "is_rc 2 && has_err '.policylint.yaml:2:17: error: .*\[config-schema\]$'"
printf 'disable: need-contact\n' >.policylint.yaml
run $t findings.md
check disable-needs-list eval "is_rc 2 && has_err '.policylint.yaml:1:10: error: .*\[config-schema\]$'"
printf 'disable: [\n' >.policylint.yaml
run $t findings.md
check yaml-syntax-error eval "is_rc 2 && has_err '.policylint.yaml:[0-9]*:[0-9]*: error: .*\[yaml-syntax\]$'"
printf 'disable: [no-such-rule]\n' >.policylint.yaml
run $t findings.md
check unknown-rule-warns eval "is_rc 1 && has_err '.policylint.yaml:1:11: warning: .*no-such-rule.*\[config-unknown-rule\]$'"
printf 'rules: [missing.yaml]\n' >.policylint.yaml
run $t findings.md
check missing-rule-file is_rc 2
finish
