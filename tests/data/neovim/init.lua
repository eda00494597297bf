-- Neovim 0.7 (vim.lsp.start_client): open $AGL_FILE with `$AGL_SERVER server`, wait for its
-- diagnostics, apply the preferred quick fix for AGL703, save, and write what was seen to $AGL_OUT.
local out = vim.env.AGL_OUT
local received = nil
local client_id = vim.lsp.start_client({
  name = "autogen-lint",
  cmd = { vim.env.AGL_SERVER, "server" },
  root_dir = vim.fn.getcwd(),
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      if #result.diagnostics > 0 then received = result end
      return vim.lsp.handlers["textDocument/publishDiagnostics"](err, result, ctx, config)
    end,
  },
})
vim.cmd("edit " .. vim.env.AGL_FILE)
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(20000, function() return received ~= nil end, 50)
local report = { ok = ok, lsp = received and received.diagnostics or {}, shown = vim.diagnostic.get(bufnr) }
local target = nil
for _, d in ipairs(report.lsp) do
  if d.code == "AGL703" then target = d end
end
if target ~= nil then
  local client = vim.lsp.get_client_by_id(client_id)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = target.range,
    context = { diagnostics = { target }, only = { "quickfix" } },
  }
  local response = client.request_sync("textDocument/codeAction", params, 10000, bufnr)
  report.actions = {}
  for _, action in ipairs(response.result or {}) do
    table.insert(report.actions, action.title)
    if action.isPreferred and not report.applied then
      vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
      report.applied = action.title
    end
  end
  vim.cmd("write")
end
local file = io.open(out, "w")
file:write(vim.fn.json_encode(report))
file:close()
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qall!")
