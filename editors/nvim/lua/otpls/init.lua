-- otpls for Neovim: starts the otpls language server for Elixir buffers.
--
--   require('otpls').setup{}                       -- defaults
--   require('otpls').setup{ cmd = {'/path/to/otpls'}, settings = { diagnosticDelay = 100 } }
--
-- Uses vim.lsp.start on Neovim 0.8+ and vim.lsp.start_client + buf_attach_client on 0.7.
local M = {}

M.defaults = {
  cmd = { 'otpls' },
  filetypes = { 'elixir', 'eelixir', 'heex' },
  root_markers = { 'mix.exs', '.git' },
  -- Sent as initializationOptions and answered to workspace/configuration (section "otpls"):
  -- diagnosticDelay (ms), diagnosticsScope ("openFiles" | "workspace"), rules, exclude,
  -- task_supervisor, the same keys as .otpls.exs.
  settings = {},
}

--- The nearest directory above bufname holding one of markers, and the marker found there;
--- nil when there is none (otpls then starts in the working directory).
function M.find_root(bufname, markers)
  local dir = vim.fn.fnamemodify(bufname, ':p:h')
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if vim.loop.fs_stat(dir .. '/' .. marker) then
        return dir, marker
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return nil
end

local clients = {} -- root dir -> client id (0.7 path)

local function config_for(opts, bufnr)
  local root = M.find_root(vim.api.nvim_buf_get_name(bufnr), opts.root_markers) or vim.fn.getcwd()
  return {
    name = 'otpls',
    cmd = opts.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = opts.settings,
    settings = { otpls = opts.settings },
    handlers = {
      ['workspace/configuration'] = function(_, params)
        local out = {}
        for i, item in ipairs(params.items or {}) do
          out[i] = (item.section == 'otpls') and opts.settings or vim.NIL
        end
        return out
      end,
    },
  }
end

--- Starts (or reuses) otpls for bufnr and attaches it. Returns the client id.
function M.attach(bufnr, opts)
  opts = opts or M.options or M.defaults
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  local config = config_for(opts, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[config.root_dir]
  if not id or not vim.lsp.get_client_by_id(id) then
    id = vim.lsp.start_client(config)
    clients[config.root_dir] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

--- Registers otpls for Elixir buffers.
function M.setup(user)
  M.options = vim.tbl_deep_extend('force', M.defaults, user or {})
  if vim.fn.executable(M.options.cmd[1]) == 0 then
    vim.notify('otpls: "' .. M.options.cmd[1] .. '" not found; install otpls (go install ./cmd/otpls) or set cmd = {"/path/to/otpls"}', vim.log.levels.ERROR)
    return
  end
  local group = vim.api.nvim_create_augroup('otpls', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.options.filetypes,
    callback = function(args)
      M.attach(args.buf, M.options)
    end,
  })
end

return M
