-- A real client: Neovim's built-in LSP client (headless) drives
-- `policylint lsp` (tests/cli/lsp_nvim.sh): diagnostics on open, hover,
-- a code action applied by the client, and the diagnostics that follow
-- the edit.  PL, RULES and FILE come from the environment; the result is
-- written to RESULT.  vim.wait's limits only guard against a hang.
local env = vim.env
local log = {}
local function say(s) table.insert(log, s) end
local function done(code)
  vim.fn.writefile(log, env.RESULT)
  if code == 0 then vim.cmd('qa!') else vim.cmd('cq ' .. code) end
end
local ok, err = pcall(function()
  vim.cmd('edit ' .. env.FILE)
  local id = vim.lsp.start_client({
    name = 'policylint',
    cmd = { env.PL, 'lsp', '--no-config', '--rules', env.RULES },
    root_dir = vim.fn.fnamemodify(env.FILE, ':h'),
  })
  assert(id, 'the client did not start')
  vim.lsp.buf_attach_client(0, id)
  local function codes()
    local c = {}
    for _, d in ipairs(vim.diagnostic.get(0)) do c[#c + 1] = d.code end
    table.sort(c)
    return table.concat(c, ' ')
  end
  assert(vim.wait(120000, function() return #vim.diagnostic.get(0) > 0 end, 20),
         'no diagnostics')
  say('diagnostics: ' .. codes())
  local client = vim.lsp.get_client_by_id(id)
  local r = client.request_sync('textDocument/hover', {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    position = { line = 2, character = 9 } }, 60000, 0)
  assert(r and r.result, 'no hover')
  say('hover: ' .. (r.result.contents.value:match('^%*%*([%w-]+)%*%*') or '?'))
  local a = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = { start = { line = 2, character = 8 }, ['end'] = { line = 2, character = 9 } },
    context = { diagnostics = {} } }, 60000, 0)
  assert(a and a.result, 'no code actions')
  local chosen
  for _, act in ipairs(a.result) do
    say('action: ' .. act.title)
    if act.title:match('^Insert a suggested clause for biscuits') then chosen = act end
  end
  assert(chosen, 'no clause action')
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding or 'utf-16')
  assert(vim.wait(120000, function()
    return not codes():match('biscuits%-no%-refusal')
  end, 20), 'the clause did not clear the finding')
  say('after the clause: ' .. codes())
  say('line 5: ' .. vim.fn.getline(5))
end)
if not ok then say('error: ' .. tostring(err)) end
done(ok and 0 or 1)
