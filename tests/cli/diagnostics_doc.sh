#!/bin/sh
# docs/diagnostics.md lists every diagnostic code of the message table
# (src/diag.c) with its severity, and nothing else.
root=$(cd "$(dirname "$0")/../.." && pwd)
python3 - "$root/src/diag.c" "$root/docs/diagnostics.md" <<'PY'
import re, sys
src = open(sys.argv[1]).read()
table = sorted((c, s.lower()) for c, s in
               re.findall(r'\[PL_DIAG_\w+\]\s*=\s*\{"([a-z-]+)",\s*PL_SEV_(\w+)\}', src))
doc = sorted(re.findall(r'^\| `([a-z-]+)` \| ([a-z]+) \|', open(sys.argv[2]).read(), re.M))
enum = re.findall(r'\[(PL_DIAG_\w+)\]', src)
assert table, "no codes read from src/diag.c"
if table != doc:
    print("FAIL: docs/diagnostics.md and src/diag.c disagree:")
    print("  only in diag.c:", sorted(set(table) - set(doc)))
    print("  only in the doc:", sorted(set(doc) - set(table)))
    sys.exit(1)
print("ok diagnostics-documented: %d codes" % len(table))
PY
