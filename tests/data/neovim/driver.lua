-- Runs after the documented snippet (the test joins the two into one init file): open $AGL_FILE,
-- which the snippet's FileType autocommand attaches to autogen-lint's server, wait for the
-- diagnostics, apply the preferred quick fix for AGL703, save, and write what was seen to $AGL_OUT.
-- It starts on VimEnter: Neovim turns filetype detection on after the init file.
local function drive()
  local received = nil
  local publish = vim.lsp.handlers["textDocument/publishDiagnostics"]
  vim.lsp.handlers["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
    if #result.diagnostics > 0 then received = result end
    return publish(err, result, ctx, config)
  end
  vim.cmd("edit " .. vim.env.AGL_FILE)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = nil
  local function find()  -- a client is listed once its server has answered `initialize`
    for _, candidate in pairs(vim.lsp.buf_get_clients(bufnr)) do
      if candidate.name == "autogen-lint" then client = candidate end
    end
    return client ~= nil
  end
  vim.wait(tonumber(vim.env.AGL_WAIT or "20000"), find, 50)
  local report = { attached = client ~= nil, cmd = client and client.config.cmd or {}, errmsg = vim.v.errmsg }
  report.ok = client ~= nil and vim.wait(20000, function() return received ~= nil end, 50)
  report.lsp = received and received.diagnostics or {}
  report.shown = vim.diagnostic.get(bufnr)
  local target = nil
  for _, d in ipairs(report.lsp) do
    if d.code == "AGL703" then target = d end
  end
  if target ~= nil then
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
  local file = io.open(vim.env.AGL_OUT, "w")
  file:write(vim.fn.json_encode(report))
  file:close()
  if client ~= nil then
    client.stop()
    vim.wait(2000, function() return vim.lsp.get_client_by_id(client.id) == nil end, 50)
  end
  vim.cmd("qall!")
end

vim.api.nvim_create_autocmd("VimEnter", { callback = drive, nested = true })  -- nested: FileType fires
