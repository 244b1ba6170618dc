-- :OtplsTree: the supervision forest otpls reads from the workspace (the otpls/supervisionTree
-- request), shown as an indented scratch buffer; <CR> on a line jumps to that node's source.
local M = {}

local ns = vim.api.nvim_create_namespace('otpls_tree')
local state = {} -- tree buffer -> { locations = {line -> Location}, encoding, from = window }

--- The otpls client attached to bufnr, else any running otpls client (the tree is the
--- workspace's, so a tree buffer or a non-Elixir buffer can still ask); nil when none runs.
function M.client(bufnr)
  local any
  for _, c in pairs(vim.lsp.get_active_clients()) do
    if c.name == 'otpls' then
      if vim.lsp.buf_is_attached(bufnr, c.id) then
        return c
      end
      any = any or c
    end
  end
  return any
end

--- The lines of the tree and, for each line number (1-based), the node's Location (or nil).
--- Applications first, then supervisors no application reaches, then the calls that cross
--- from one branch into another.
function M.render(tree)
  local lines, locations = {}, {}
  local function add(text, location)
    lines[#lines + 1] = text
    locations[#lines] = location ~= vim.NIL and location or nil
  end
  local function node(n, depth)
    local text = string.rep('  ', depth) .. (n.label or n.id or '?')
    if type(n.detail) == 'string' and n.detail ~= '' then
      text = text .. '  (' .. n.detail .. ')'
    end
    add(text, n.location)
    for _, child in ipairs(n.children ~= vim.NIL and n.children or {}) do
      node(child, depth + 1)
    end
  end
  for _, app in ipairs(tree.applications ~= vim.NIL and tree.applications or {}) do
    node(app, 0)
  end
  local orphans = tree.orphans ~= vim.NIL and tree.orphans or {}
  if #orphans > 0 then
    add('')
    add('Supervisors not started by an application:')
    for _, n in ipairs(orphans) do
      node(n, 1)
    end
  end
  local edges = tree.edges ~= vim.NIL and tree.edges or {}
  if #edges > 0 then
    add('')
    add('Calls across branches (a restart of one surfaces as :noproc/:timeout in the other):')
    for _, e in ipairs(edges) do
      add('  ' .. (e.label or (tostring(e.from) .. ' -> ' .. tostring(e.to))), e.location)
    end
  end
  if #lines == 0 then
    add('otpls found no application or supervisor in this workspace')
  end
  return lines, locations
end

--- Jumps from the tree buffer's cursor line to its node's location, in the window the tree
--- was opened from when it is still there.
function M.jump()
  local buf = vim.api.nvim_get_current_buf()
  local st = state[buf] or { locations = {} }
  local location = st.locations[vim.api.nvim_win_get_cursor(0)[1]]
  if not location then
    vim.notify('otpls: this line has no source location', vim.log.levels.INFO)
    return
  end
  local from = st.from
  if from and vim.api.nvim_win_is_valid(from) and from ~= vim.api.nvim_get_current_win() then
    vim.api.nvim_set_current_win(from)
  end
  vim.lsp.util.jump_to_location(location, st.encoding)
end

-- show fills (or creates) the tree buffer with tree and shows it in a window on the right.
local function show(tree, encoding, from)
  local lines, locations = M.render(tree)
  local buf = vim.fn.bufnr('otpls://tree')
  if buf == -1 then
    buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_name(buf, 'otpls://tree')
    vim.bo[buf].buftype = 'nofile'
    vim.bo[buf].bufhidden = 'hide'
    vim.bo[buf].swapfile = false
    vim.bo[buf].filetype = 'otplstree'
    vim.api.nvim_buf_set_keymap(buf, 'n', '<CR>', '<cmd>lua require("otpls.tree").jump()<CR>',
      { noremap = true, silent = true, desc = 'otpls: jump to this process' })
    vim.api.nvim_buf_set_keymap(buf, 'n', 'R', '<cmd>OtplsTree<CR>', { noremap = true, silent = true, desc = 'otpls: refresh the tree' })
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].modifiable = false
  vim.api.nvim_buf_clear_namespace(buf, ns, 0, -1)
  for i = 1, #lines do
    if not locations[i] and lines[i] ~= '' then
      vim.api.nvim_buf_add_highlight(buf, ns, 'Comment', i - 1, 0, -1)
    end
  end
  state[buf] = { locations = locations, encoding = encoding, from = from }
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd('botright vsplit')
    win = vim.api.nvim_get_current_win()
    vim.api.nvim_win_set_buf(win, buf)
    vim.api.nvim_win_set_width(win, math.max(40, math.floor(vim.o.columns / 3)))
  else
    vim.api.nvim_set_current_win(win)
  end
  return buf
end

--- :OtplsTree: asks the otpls client for the supervision tree and shows it. on_shown(buf),
--- when given, runs once the buffer is filled (the tests wait on it).
function M.open(on_shown)
  local from = vim.api.nvim_get_current_win()
  local client = M.client(vim.api.nvim_get_current_buf())
  if not client then
    vim.notify('otpls: no otpls client is running (open an Elixir file of the project first)', vim.log.levels.ERROR)
    return
  end
  client.request('otpls/supervisionTree', vim.empty_dict(), function(err, result)
    if err then
      vim.notify('otpls: supervision tree: ' .. (err.message or vim.inspect(err)), vim.log.levels.ERROR)
      return
    end
    local buf = show(result or {}, client.offset_encoding or 'utf-16', from)
    if on_shown then
      on_shown(buf)
    end
  end)
end

--- The otpls.showReferences code lens command: [uri, position, locations] -> the quickfix
--- list of the senders, opened. The server does not execute it: the client shows the list.
function M.show_references(command, ctx)
  local args = command.arguments or {}
  local locations = args[3] or {}
  local client = ctx and ctx.client_id and vim.lsp.get_client_by_id(ctx.client_id)
  local items = vim.lsp.util.locations_to_items(locations, client and client.offset_encoding or 'utf-16')
  vim.fn.setqflist({}, ' ', { title = command.title or 'otpls: senders', items = items })
  if #items > 0 then
    vim.cmd('botright copen')
  else
    vim.notify('otpls: ' .. (command.title or 'no sender found in the workspace'), vim.log.levels.INFO)
  end
end

return M
