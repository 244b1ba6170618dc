-- End-to-end test of otpls in a real Neovim (headless). Driven by editors/editors_test.go:
-- OTPLS_REPO, OTPLS_BIN, OTPLS_FILE (a copy of testdata/editors/project/lib/weather/client.ex),
-- OTPLS_GOLDEN, OTPLS_WATCHER (the copy's lib/weather/watcher.ex) and OTPLS_WATCHER_GOLDEN.
-- Exits 0 on success, 1 with a message on failure.
local function fail(msg)
  io.stderr:write('nvim e2e: ' .. msg .. '\n')
  vim.cmd('cquit 1')
end

local ok, err = pcall(function()
  local repo, bin, file, golden = os.getenv('OTPLS_REPO'), os.getenv('OTPLS_BIN'), os.getenv('OTPLS_FILE'), os.getenv('OTPLS_GOLDEN')
  package.path = repo .. '/editors/nvim/lua/?.lua;' .. repo .. '/editors/nvim/lua/?/init.lua;' .. package.path
  local otpls = require('otpls')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local original = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local opts = vim.tbl_deep_extend('force', otpls.defaults, { cmd = { bin }, settings = { diagnosticDelay = 0 } })
  local id = otpls.attach(buf, opts)
  assert(id, 'client did not start')

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  local function wait_for(what, pred)
    if not vim.wait(tonumber(os.getenv('OTPLS_TIMEOUT_MS') or '20000'), pred, 20) then
      error('timed out waiting for ' .. what)
    end
  end

  -- expect_diagnostic waits for b's first diagnostic and checks its code, its range (0-based
  -- line, start and end columns on that line) and the start of its message; returns it.
  local function expect_diagnostic(b, code, lnum, col, end_col, message)
    wait_for('the ' .. code .. ' diagnostic', function() return #vim.diagnostic.get(b) > 0 end)
    local diag = vim.diagnostic.get(b)[1]
    assert(code_of(diag) == code, 'code ' .. tostring(code_of(diag)))
    assert(diag.lnum == lnum and diag.col == col and diag.end_lnum == lnum and diag.end_col == end_col,
      string.format('%s range %d:%d-%d:%d', code, diag.lnum, diag.col, diag.end_lnum, diag.end_col))
    assert(diag.message:sub(1, #message) == message, diag.message)
    return diag
  end

  -- 1. The diagnostic, with its code and range.
  local d = expect_diagnostic(buf, 'OTP003', 12, 13, 71, "HTTPoison.get/1 blocks Weather.Client's handle_call/3")

  -- apply_unsafe_fix asks for the code actions at diagnostic d of the current buffer, applies
  -- the quick fix whose title starts with prefix (unsafe: checked never preferred, and its
  -- title saying what it changes), saves, and compares the file with the golden.
  local function apply_unsafe_fix(d, path, gold, prefix, changes)
    local b = vim.api.nvim_get_current_buf()
    vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
    local params = vim.lsp.util.make_range_params()
    params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(b, d.lnum) }
    local results = vim.lsp.buf_request_sync(b, 'textDocument/codeAction', params, 10000) or {}
    local action
    for _, res in pairs(results) do
      for _, a in ipairs(res.result or {}) do
        if a.kind == 'quickfix' and a.title:sub(1, #prefix) == prefix then
          action = a
        end
      end
    end
    assert(action, 'no "' .. prefix .. '" quick fix offered: ' .. vim.inspect(results) .. vim.inspect(params))
    assert(not action.isPreferred, 'an unsafe fix is marked preferred: ' .. action.title)
    assert(action.title:find(changes, 1, true), 'title does not say what changes: ' .. action.title)
    local client = vim.lsp.get_client_by_id(id)
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
    vim.cmd('write')
    local got = table.concat(vim.fn.readfile(path), '\n')
    local want = table.concat(vim.fn.readfile(gold), '\n')
    assert(got == want, 'fixed file differs from the golden:\n' .. got)
  end

  -- 2. The quick fix, applied and saved; the file equals the golden.
  apply_unsafe_fix(d, file, golden, 'Reply later', '(the work runs concurrently')
  wait_for('the diagnostic to clear after the fix', function() return #vim.diagnostic.get(buf) == 0 end)

  -- 3. Back to the original; then typing an edit that removes the violation clears it.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, original)
  wait_for('the diagnostic to come back', function() return #vim.diagnostic.get(buf) > 0 end)
  local line = original[13]
  local s = line:find('HTTPoison', 1, true)
  vim.api.nvim_buf_set_text(buf, 12, s - 1, 12, #line, { '{:ok, city}' })
  wait_for('the diagnostic to disappear after typing', function() return #vim.diagnostic.get(buf) == 0 end)

  -- 4. OTP011 in a second file: a monitor whose :DOWN no handle_info/2 clause matches.
  local watcher, watcher_golden = os.getenv('OTPLS_WATCHER'), os.getenv('OTPLS_WATCHER_GOLDEN')
  vim.cmd('edit ' .. vim.fn.fnameescape(watcher))
  local wbuf = vim.api.nvim_get_current_buf()
  otpls.attach(wbuf, opts)
  local w = expect_diagnostic(wbuf, 'OTP011', 12, 10, 30,
    'Process.monitor/1 in Weather.Watcher.handle_cast/2 delivers {:DOWN, ref, :process, pid, reason}')
  apply_unsafe_fix(w, watcher, watcher_golden, 'Add a handle_info/2 clause for {:DOWN',
    '(the server no longer crashes on that message; it ignores it)')
  wait_for('the OTP011 diagnostic to clear after the fix', function() return #vim.diagnostic.get(wbuf) == 0 end)
end)

if not ok then
  fail(tostring(err))
else
  vim.cmd('qall!')
end
