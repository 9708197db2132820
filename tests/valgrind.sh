#!/bin/sh
# One pass of the whole program under valgrind, on a few inputs that reach
# every stage: the examples in three formats, one real policy with every
# profile, --against, a baseline, a configuration file and the error
# paths.  Zero errors and zero leaks, or it fails.  (The unit tests and the
# rest of the suite run under ASan and UBSan, which see the same memory
# errors far faster; valgrind adds the plain optimised build and the
# leak check of a real run.)
# Usage: tests/valgrind.sh POLICYLINT [SHARED]
pl=${1:?usage: valgrind.sh POLICYLINT [SHARED]}
shared=${2:-../shared}
if ! command -v valgrind >/dev/null 2>&1; then
  echo "valgrind-test: SKIP: valgrind is not installed (make deps installs it)"
  exit 0
fi
vg="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible"
# valgrind cannot follow PCRE2's JIT code (it reports the JIT's reads as
# errors), so this stage runs the interpreter; the ASan stage runs the JIT.
export POLICYLINT_RULES="$(pwd)/rules" POLICYLINT_NO_JIT=1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
runs=0
check() {   # ARGS...: one run of the program under valgrind
  runs=$((runs + 1))
  $vg "$pl" "$@" >/dev/null 2>"$tmp/log" </dev/null
  if [ $? = 99 ]; then echo "valgrind: policylint $*:"; cat "$tmp/log"; fail=1; fi
}
for fmt in text json sarif; do
  check -j 2 --format $fmt examples/*.txt examples/*.md examples/*.html
done
seed=$shared/seeds/001_b2a976ec755c5a0c.txt
if [ -f "$seed" ]; then
  check --profile all --today 2026-12-01 --format json "$seed"
else
  echo "valgrind-test: $seed is absent: the real-policy run is skipped"
fi
check --against examples/gaps.txt examples/clean.md
check --write-baseline "$tmp/base" examples/gaps.txt
check --baseline "$tmp/base" examples/gaps.txt
printf 'disable: [missing-dnt]\nprofile: gdpr\n' >"$tmp/.policylint.yaml"
cp examples/clean.md "$tmp/"
check "$tmp/clean.md"
check /nonexistent examples "$tmp/base"
# The hostile inputs' paths: refused devices, a size limit hit while
# reading standard input, unterminated markup, no text, lone CR.
printf '<p>We collect data.</p>\r<!-- never closed\r<p>x</p>' >"$tmp/u.html"
: >"$tmp/empty.txt"
check /dev/zero --max-size 1K "$tmp/u.html" "$tmp/empty.txt"
check --files-from /dev/zero examples/gaps.txt
check --explain missing-retention
# policylint lsp: one session read from a file (open, hover, code
# actions, a malformed message, shutdown, exit).
python3 - "$tmp/session" examples/contradictions.md <<'PY'
import json, sys
text = open(sys.argv[2]).read()
uri = "file:///tmp/contradictions.md"
msgs = [{"id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"method": "textDocument/didOpen", "params": {"textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text}}},
        {"id": 2, "method": "textDocument/hover", "params": {
            "textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}},
        {"id": 3, "method": "textDocument/codeAction", "params": {
            "textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0},
            "end": {"line": 60, "character": 0}}, "context": {"diagnostics": []}}},
        "{broken", {"id": 4, "method": "shutdown"}, {"method": "exit"}]
with open(sys.argv[1], "wb") as f:
    for m in msgs:
        b = m.encode() if isinstance(m, str) else json.dumps(dict(m, jsonrpc="2.0")).encode()
        f.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
PY
runs=$((runs + 1))
$vg "$pl" lsp --no-config >/dev/null 2>"$tmp/log" <"$tmp/session"
if [ $? != 0 ]; then echo "valgrind: policylint lsp:"; cat "$tmp/log"; fail=1; fi
if [ $fail = 0 ]; then echo "valgrind-test: $runs runs, no errors, no leaks"; else exit 1; fi
