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
  -- task_supervisor, codeLens (false: no "N senders" lenses on handler clauses), the same
  -- keys as .otpls.exs.
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
    on_attach = function(client, bufnr)
      if opts.settings.codeLens ~= false and client.server_capabilities.codeLensProvider
        and bufnr == vim.api.nvim_get_current_buf() then
        vim.lsp.codelens.refresh()
      end
    end,
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

--- :OtplsTree and the otpls.showReferences code lens command (the server leaves it to the
--- client: it fills the quickfix list with the senders). Defined once, by setup or attach.
function M.define_commands()
  local tree = require('otpls.tree')
  vim.lsp.commands['otpls.showReferences'] = tree.show_references
  vim.api.nvim_create_user_command('OtplsTree', function()
    tree.open()
  end, { desc = 'otpls: show the supervision tree of the workspace' })
end

--- Keeps the code lenses ("N senders" on handler clauses) of bufnr fresh, unless the
--- codeLens setting is false.
local function lenses(bufnr, opts)
  if opts.settings.codeLens == false then
    return
  end
  local group = vim.api.nvim_create_augroup('otpls_lens_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'BufWritePost' }, {
    group = group,
    buffer = bufnr,
    callback = function()
      -- Only once otpls is attached and offers lenses: before that, Neovim would report
      -- that no server supports textDocument/codeLens.
      for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
        if c.name == 'otpls' and c.server_capabilities and c.server_capabilities.codeLensProvider then
          vim.lsp.codelens.refresh()
          return
        end
      end
    end,
  })
end

--- Starts (or reuses) otpls for bufnr and attaches it. Returns the client id.
function M.attach(bufnr, opts)
  opts = opts or M.options or M.defaults
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  M.define_commands()
  lenses(bufnr, opts)
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
