-- Runs :checkhealth otpls in a real headless Neovim and writes the report's lines to
-- OTPLS_HEALTH_OUT; editors/editors_test.go asserts them. The plugin is set up as a user
-- does (setup{} and filetype detection), with cmd = { OTPLS_BIN }; when OTPLS_FILE is set
-- it is opened first and, if OTPLS_WAIT_CLIENT is set, the check waits until otpls is
-- attached to it. Exits 0 when the report was written, 1 with a message otherwise.
local function env(name)
  local v = os.getenv(name)
  return v ~= '' and v or nil
end

local ok, err = pcall(function()
  local repo = env('OTPLS_REPO')
  vim.opt.runtimepath:append(repo .. '/editors/nvim')
  vim.cmd('filetype on')
  local otpls = require('otpls')
  otpls.setup({ cmd = { env('OTPLS_BIN') }, settings = { diagnosticDelay = 0 } })
  local file = env('OTPLS_FILE')
  if file then
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local buf = vim.api.nvim_get_current_buf()
    if env('OTPLS_WAIT_CLIENT') then
      local attached = vim.wait(20000, function() return next(vim.lsp.buf_get_clients(buf)) ~= nil end, 20)
      if not attached then
        error('timed out waiting for otpls to attach to ' .. file)
      end
    end
  end
  vim.cmd('checkhealth otpls')
  vim.fn.writefile(vim.api.nvim_buf_get_lines(0, 0, -1, false), env('OTPLS_HEALTH_OUT'))
end)
if not ok then
  io.stderr:write('nvim health: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
vim.cmd('qall!')
