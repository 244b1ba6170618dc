-- :checkhealth otpls: is the binary there and does it run, where the current buffer's
-- project root is, and which otpls clients run with which buffers.
local M = {}

-- The report functions: vim.health.start/ok/... on 0.10+, vim.health.report_* on 0.8-0.9,
-- the health module's report_* on 0.7.
local function reporter()
  local h = vim.health or require('health')
  return {
    start = h.start or h.report_start,
    ok = h.ok or h.report_ok,
    info = h.info or h.report_info,
    warn = h.warn or h.report_warn,
    error = h.error or h.report_error,
  }
end

local function lsp_clients()
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ name = 'otpls' })
  end
  local out = {}
  for _, c in ipairs(vim.lsp.get_active_clients()) do
    if c.name == 'otpls' then
      table.insert(out, c)
    end
  end
  return out
end

-- The buffer the user ran :checkhealth from: checkhealth shows its report in a new buffer,
-- and the one before it is then the alternate buffer.
local function user_buffer()
  local cur = vim.api.nvim_get_current_buf()
  if vim.bo[cur].filetype ~= 'checkhealth' then
    return cur
  end
  local alt = vim.fn.bufnr('#')
  if alt > 0 and vim.api.nvim_buf_is_valid(alt) then
    return alt
  end
  return nil
end

function M.check()
  local report = reporter()
  local otpls = require('otpls')
  local opts = otpls.options or otpls.defaults

  report.start('otpls binary')
  local cmd = opts.cmd[1]
  local path = vim.fn.exepath(cmd)
  if path == '' then
    report.error('"' .. cmd .. '" not found or not executable', {
      'Build it: go build -o ~/bin/otpls ./cmd/otpls, and put it on your PATH',
      'or give its path: require("otpls").setup{ cmd = { "/path/to/otpls" } }',
    })
  else
    report.ok('found: ' .. path)
    local out = vim.fn.system({ path, 'version' })
    local first = vim.split(vim.trim(out), '\n')[1] or ''
    if vim.v.shell_error == 0 then
      report.ok('`otpls version`: ' .. first)
    else
      report.error('`' .. path .. ' version` failed (exit status ' .. vim.v.shell_error .. '): ' .. vim.trim(out))
    end
  end

  report.start('project root')
  local buf = user_buffer()
  local name = buf and vim.api.nvim_buf_get_name(buf) or ''
  if name == '' then
    report.info('the current buffer has no file: open an Elixir file and run :checkhealth otpls again')
  else
    local root, marker = otpls.find_root(name, opts.root_markers)
    if root then
      report.ok('root of ' .. name .. ': ' .. root .. ' (has ' .. marker .. ')')
    else
      report.warn('no ' .. table.concat(opts.root_markers, ' or ') .. ' above ' .. name ..
        ': otpls would start in the working directory ' .. vim.fn.getcwd())
    end
  end

  report.start('clients')
  local clients = lsp_clients()
  if #clients == 0 then
    report.info('no otpls client is running (it starts when you open an Elixir file, after require("otpls").setup{})')
  end
  for _, c in ipairs(clients) do
    local names = {}
    for _, b in ipairs(vim.lsp.get_buffers_by_client_id(c.id)) do
      table.insert(names, vim.fn.fnamemodify(vim.api.nvim_buf_get_name(b), ':~:.'))
    end
    local attached = #names > 0 and table.concat(names, ', ') or 'no buffers'
    local cmdline = type(c.config.cmd) == 'table' and table.concat(c.config.cmd, ' ') or tostring(c.config.cmd)
    report.ok(string.format('client %d (%s), root %s: %s', c.id, cmdline,
      c.config.root_dir or '?', attached))
  end
end

return M
