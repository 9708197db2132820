#!/bin/sh
# suggest: templates: loaded from a rule or from suggestions:, checked
# (placeholders, kinds, ids, and that the filled-in clause meets its rule),
# shown by --explain and by the text report with --suggest.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
golden=$root/tests/cli/golden

run $pl --no-config --rules "$golden/window.yaml" --explain need-collection
check explain-shows-clause eval "is_rc 0 && has '^Suggested clause' && has '^  At {{company}} we gather'"
run $pl --no-config --rules "$golden/window.yaml" --explain need-retention
check explain-shows-linked-clause has 'we hold it for {{period}}'
run $pl --no-config --rules "$golden/window.yaml" --explain need-collection
check explain-keeps-satisfied-by has '^Satisfied by any of: collection.marker'

bad() {     # NAME YAML-TO-APPEND: the rule set with it must fail with rules-suggest
  cp "$golden/window.yaml" bad.yaml
  printf '%s\n' "$2" >>bad.yaml
  run $pl --no-config --no-cache --rules bad.yaml --check-rules
  check "$1" eval "is_rc 2 && has_err 'bad.yaml:[0-9]*:[0-9]*: error: .*\[rules-suggest\]'"
}
bad unknown-placeholder '  need-contact: "Write to {{compnay}}."'
bad unclosed-placeholder '  need-contact: "Write to {{company."'
bad unknown-rule '  need-nothing: "Write to us."'
bad linked-twice '  need-collection: "Write to us."'
cp "$golden/window.yaml" bad.yaml
sed -i 's/^    message: the policy relies on the stale accord$/&\n    suggest: "Nothing to insert."/' bad.yaml
run $pl --no-config --no-cache --rules bad.yaml --check-rules
check suggest-on-avoid-rule eval "is_rc 2 && has_err 'only applies to rules of kind require'"

# The clause must meet the rule once its placeholders are filled in.
cp "$golden/window.yaml" bad.yaml
printf '  need-contact: "Ask {{company}} anything."\n' >>bad.yaml
run $pl --no-config --no-cache --rules bad.yaml --check-rules
check clause-must-meet-rule eval "is_rc 1 && has_err \"rule 'need-contact': its suggested clause does not meet it: Ask Example Ltd anything\""

# The default rule set's clauses all meet their rules (run by rules-test
# too); and without --suggest the report shows none.
run $pl --no-config --color=never "$golden/in/group.md"
check no-clause-without-suggest lacks 'suggested clause'
run $pl --no-config --rules "$root/rules" --color=never --suggest "$root/examples/minimal.txt"
check default-clauses-shown eval "has 'suggested clause:' && ! has '{{compnay'"
finish
