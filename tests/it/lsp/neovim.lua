-- Started by the Neovim test: attaches `planlint lsp` to the plan in the current buffer with
-- Neovim's own client, waits for diagnostics and writes them, as Neovim holds them, to a file.
local bin = os.getenv('PLANLINT_BIN')
local out = os.getenv('PLANLINT_OUT')
local root = os.getenv('PLANLINT_ROOT')
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'markdown'
local config = { name = 'planlint', cmd = { bin, 'lsp' }, root_dir = root }
if vim.lsp.start then
  vim.lsp.start(config)
else
  -- Neovim 0.7 (Debian 12): no vim.lsp.start yet.
  local id = vim.lsp.start_client(config)
  vim.lsp.buf_attach_client(buf, id)
end
local waited = vim.wait(30000, function()
  return #vim.diagnostic.get(buf) > 0
end, 50)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(found, {
    lnum = d.lnum,
    col = d.col,
    end_lnum = d.end_lnum,
    end_col = d.end_col,
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code or lsp.code,
  })
end
local file = assert(io.open(out, 'w'))
file:write(vim.json.encode({ waited = waited, diagnostics = found }))
file:close()
vim.cmd('qa!')
