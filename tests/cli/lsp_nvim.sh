#!/bin/sh
# policylint lsp with a real client: Neovim's built-in LSP client, headless
# (lsp_nvim.lua): diagnostics, hover, a code action applied by the editor
# and the diagnostics after it.  Skips visibly without nvim (tools/deps.sh
# test installs Debian's neovim).
# shellcheck source=workflow.lib
. "$(dirname "$0")/workflow.lib"
if ! command -v nvim >/dev/null 2>&1; then
  echo "SKIP lsp_nvim: nvim is missing (apt-get install neovim)"
  exit 0
fi
cd "$tmp" || exit 1
printf '# Notice\n\nWe set biscuits on every page.\n' >p.md
# timeout only guards against a hang of the editor itself.
PL=$pl RULES=$root/tests/cli/golden/window.yaml FILE=$tmp/p.md RESULT=$tmp/result \
  HOME=$tmp XDG_CONFIG_HOME=$tmp/.config XDG_DATA_HOME=$tmp/.data XDG_STATE_HOME=$tmp/.state \
  timeout 600 nvim --headless --clean -c "luafile $root/tests/cli/lsp_nvim.lua" \
  >"$tmp/.out" 2>"$tmp/.err" </dev/null
rc=$?
[ -f result ] && cp result "$tmp/.out"
check nvim-ran is_rc 0
check nvim-diagnostics grep -q '^diagnostics: biscuits-no-refusal need-collection need-retention$' result
check nvim-hover grep -q '^hover: biscuits-no-refusal$' result
check nvim-actions eval "grep -q '^action: Disable biscuits-no-refusal on this line (with a reason)$' result &&
  grep -q '^action: Insert a suggested clause for biscuits-no-refusal$' result"
check nvim-clause-applied eval "grep -q '^after the clause: need-collection need-retention$' result &&
  grep -q '^line 5: Biscuits are optional' result"
finish
