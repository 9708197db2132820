#!/bin/sh
# Inline directives: disable-file, disable/enable regions,
# disable-next-line, disable-line, in Markdown, HTML and plain text, and
# the report of directives that suppress nothing.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
t="$pl --no-config --rules $rules -f gcc"
wording='We may tell trusted partners about your visits.'

# disable-file, with a reason: the contract's form.
{ cat findings.md; echo; echo '<!-- policylint-disable-file need-contact -- the contact page is separate -->'; } >a.md
run $t a.md
check disable-file eval "! has need-contact && has need-retention && ! has unused-directive"

# Several IDs, comma separated; and no ID at all.
{ echo '<!-- policylint-disable-file need-contact, need-retention -->'; cat findings.md; } >b.md
run $t b.md
check disable-file-list eval "! has need-contact && ! has need-retention && has vague-wording"
{ echo '<!-- policylint-disable-file -->'; cat findings.md; } >c.md
run $t c.md
check disable-file-all eval '[ -z "$out" ] && is_rc 0'

# Regions: disable ... enable.
cat >d.md <<EOF2
$wording

<!-- policylint-disable vague-wording -- quoted from the old notice -->
$wording

$wording
<!-- policylint-enable vague-wording -->

$wording
EOF2
run $t --disable need-contact --disable need-retention d.md
check region eval "[ \"\$out\" = 'd.md:1:13: info: \"trusted partners\" does not say who receives the data [vague-wording]
d.md:9:13: info: \"trusted partners\" does not say who receives the data [vague-wording]' ]"

# disable-next-line covers the next non-blank line only.
cat >e.md <<EOF2
<!-- policylint-disable-next-line vague-wording -->

$wording
$wording
EOF2
run $t -d need-contact -d need-retention e.md
check next-line eval "! has 'e.md:3:' && has 'e.md:4:13:' && ! has unused"

# disable-line, at the end of the line.
printf '%s <!-- policylint-disable-line vague-wording -->\n%s\n' "$wording" "$wording" >f.md
run $t -d need-contact -d need-retention f.md
check same-line eval "! has 'f.md:1:' && has 'f.md:2:13:'"

# HTML comments work the same way.
cat >g.html <<EOF2
<html><body>
<!-- policylint-disable-next-line vague-wording -->
<p>$wording</p>
<!-- policylint-disable-file need-contact -->
</body></html>
EOF2
run $t -d need-retention g.html
check html eval '[ -z "$out" ] && is_rc 0'

# Plain text: a line of its own starting with '#'.  The line is not prose:
# its words must not count as a disclosure (here: retention).
cat >h.txt <<EOF2
# policylint-disable-file need-contact -- we keep invoices for ten years elsewhere
Every stored file is encrypted.
# policylint-disable-next-line vague-wording
$wording
EOF2
run $t h.txt
check plain-text eval "[ \"\$out\" = 'h.txt:1:1: warning: the policy does not say how long records are kept [need-retention]' ]"
# ... and the comment form works there too.
printf '<!-- policylint-disable-file need-contact need-retention -->\nEvery stored file is encrypted.\n' >i.txt
run $t i.txt
check plain-text-comment eval '[ -z "$out" ] && is_rc 0'

# Unused directives are findings (warning), at the directive.
cat >j.md <<EOF2
Every stored file is encrypted.

<!-- policylint-disable-next-line vague-wording -->
Nothing to see here.
<!-- policylint-disable-file no-such-rule -->
<!-- policylint-disabel need-contact -->
<!-- policylint-enable vague-wording -->
EOF2
run $t -d need-contact -d need-retention j.md
check unused-reported eval "is_rc 1 && has \"^j.md:3:1: warning: policylint-disable-next-line: 'vague-wording' suppressed nothing here: remove it \[unused-directive\]\""
check unknown-rule-id has "^j.md:5:1: warning: policylint-disable-file: no rule 'no-such-rule'"
check unknown-directive has "^j.md:6:1: warning: unknown directive 'policylint-disabel'"
check stray-enable has "^j.md:7:1: warning: policylint-enable: no policylint-disable above it is open"
run $t -d need-contact -d need-retention -d unused-directive j.md
check unused-can-be-disabled eval '[ -z "$out" ] && is_rc 0'
# A directive naming a rule disabled elsewhere is not "unused".
printf '<!-- policylint-disable-file need-contact -->\nEvery stored file is encrypted.\n' >k.md
run $t -d need-contact -d need-retention k.md
check disabled-rule-not-unused eval '[ -z "$out" ]'
# The text report quotes the directive as written (plain text included).
printf '# policylint-disable-file vague-wording\nEvery stored file is encrypted.\n' >l.txt
run $pl --no-config --rules "$rules" --color=never -d need-contact -d need-retention l.txt
check unused-quoted has '^    1 | # policylint-disable-file vague-wording$'
finish
