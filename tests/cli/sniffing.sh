#!/bin/sh
# The input format of a file named as text (.txt, no extension, standard
# input) is decided by its content: HTML or Markdown saved under such a
# name is read as what it is, by the command line exactly as by the
# library's session.  (Regression: the command line once fixed the format
# from the extension before the library could look at the content.)
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
cd "$tmp" || exit 1
page=$root/tests/data/regress/conflict-page.html
cp "$page" page.html
cp "$page" page.txt
cp "$page" page
summary() {  # FILE...: rule kind line:column of every finding, path left out
  python3 -c 'import json,sys
for f in json.load(sys.stdin)["files"]:
    for x in f["findings"]:
        print(x["rule"], x["kind"], "%d:%d" % (x["line"], x["column"]))
    print("disclosed", sorted(a for a, v in f["areas"].items() if v["disclosed"]))'
}
"$pl" --no-config --rules "$root/rules" -f json page.html | summary >html.sum
"$pl" --no-config --rules "$root/rules" -f json page.txt | summary >txt.sum
"$pl" --no-config --rules "$root/rules" -f json page | summary >bare.sum
"$pl" --no-config --rules "$root/rules" -f json - <page.html | summary >stdin.sum
"$pl" --no-config --rules "$root/rules" -f json --stdin-filename notes.txt - <page.html | summary >named.sum
check html-has-conflict grep -q '^conflicting-sharing conflict 6:4$' html.sum
check txt-same-as-html cmp -s html.sum txt.sum
check bare-name-same-as-html cmp -s html.sum bare.sum
check stdin-same-as-html cmp -s html.sum stdin.sum
check stdin-filename-same-as-html cmp -s html.sum named.sum
# --input-format text is obeyed: the tags are then read as text.
"$pl" --no-config --rules "$root/rules" -f json --input-format text page.html | summary >forced.sum
check forced-text-differs eval "! cmp -s html.sum forced.sum && grep -q '^conflicting-sharing conflict 6:1$' forced.sum"
finish
