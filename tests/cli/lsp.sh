#!/bin/sh
# policylint lsp: a small JSON-RPC client (lsp_client.py) drives the
# server: the CLI's findings on open, debounced changes, hover, code
# actions (clause, directives), position encodings, configuration from the
# document's path, malformed messages, a 20 MB document, a client that
# vanishes, exit statuses.
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
for c in same changes actions positions config malformed large vanished exit; do
  if python3 "$root/tests/cli/lsp_client.py" "$pl" "$root" "$tmp" "$c" >"$tmp/.log" 2>&1; then
    cat "$tmp/.log"
  else
    cat "$tmp/.log"
    echo "FAIL lsp-$c"
    failures=$((failures + 1))
  fi
done
finish
