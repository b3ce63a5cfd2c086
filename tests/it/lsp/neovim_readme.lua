-- Started by the test of the README's Neovim config: Neovim has opened a plan and run the
-- config from XDG_CONFIG_HOME; this waits for the diagnostics, opens a second plan of the same
-- root, presses `K` on the first finding and writes what Neovim holds to a file.
local out = os.getenv('PLANLINT_OUT')
local second = os.getenv('PLANLINT_SECOND')
local function wait_for_diagnostics(buf)
  return vim.wait(30000, function()
    return #vim.diagnostic.get(buf) > 0
  end, 50)
end
local buf = vim.api.nvim_get_current_buf()
local waited = wait_for_diagnostics(buf)
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  table.insert(found, { lnum = d.lnum, message = d.message, source = d.source })
end
local clients = vim.lsp.get_clients or vim.lsp.get_active_clients
-- K on the first finding's line, as a planner presses it.
local hover = {}
if #found > 0 then
  vim.api.nvim_win_set_cursor(0, { found[1].lnum + 1, 0 })
  vim.cmd('normal K')
  vim.wait(10000, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if vim.api.nvim_win_get_config(win).relative ~= '' then
        hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
        return true
      end
    end
    return false
  end, 50)
end
vim.cmd('edit ' .. vim.fn.fnameescape(second))
local second_waited = wait_for_diagnostics(vim.api.nvim_get_current_buf())
local roots = {}
for _, c in pairs(clients()) do
  table.insert(roots, { name = c.name, root = c.config.root_dir })
end
local file = assert(io.open(out, 'w'))
file:write(vim.json.encode({
  waited = waited,
  second_waited = second_waited,
  diagnostics = found,
  clients = roots,
  hover = hover,
}))
file:close()
vim.cmd('qa!')
