-- End-to-end test of otpls in a real Neovim (headless). Driven by editors/editors_test.go:
-- OTPLS_REPO, OTPLS_BIN, OTPLS_FILE (a copy of testdata/editors/project/lib/weather/client.ex),
-- OTPLS_GOLDEN, OTPLS_WATCHER (the copy's lib/weather/watcher.ex) and OTPLS_WATCHER_GOLDEN.
-- After the fixes: vim.lsp.buf.implementation from a send site to the handler clause of
-- Weather.Cache, the "N senders" code lens and its command (the quickfix list), and
-- :OtplsTree with <CR> jumping to a process's source.
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
  -- The quick fixes that need another file (Reply later needs the Task.Supervisor started in
  -- application.ex) are offered once otpls has read that file: wait for its indexing
  -- progress to end before asking for them.
  local indexed = false
  local progress = vim.lsp.handlers['$/progress']
  vim.lsp.handlers['$/progress'] = function(err, result, ctx, config)
    if result and result.token == 'otpls-index' and type(result.value) == 'table' and result.value.kind == 'end' then
      indexed = true
    end
    return progress(err, result, ctx, config)
  end
  local id = otpls.attach(buf, opts)
  assert(id, 'client did not start')

  local function code_of(d)
    return d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  end
  -- wait_for waits for pred; on timeout it fails with what it waited for and, when given,
  -- what state() says then.
  local function wait_for(what, pred, state)
    if not vim.wait(tonumber(os.getenv('OTPLS_TIMEOUT_MS') or '20000'), pred, 20) then
      error('timed out waiting for ' .. what .. (state and ('; then: ' .. state()) or ''))
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
  wait_for('otpls to index the workspace', function() return indexed end)
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

  -- 5. Implementation: from a send site to the handler clause that answers it.
  local dir = vim.fn.fnamemodify(file, ':h')
  local cache = dir .. '/cache.ex'
  local function here()
    return vim.api.nvim_buf_get_name(0), vim.api.nvim_win_get_cursor(0)
  end
  -- implementation_from opens path, puts the cursor on the first `text` of line lnum (1-based)
  -- and runs vim.lsp.buf.implementation; it must land on cache.ex's handle_call head (line 14).
  local function implementation_from(path, lnum, text)
    vim.cmd('edit ' .. vim.fn.fnameescape(path))
    local b = vim.api.nvim_get_current_buf()
    otpls.attach(b, opts)
    wait_for('otpls to attach to ' .. path, function()
      return #vim.lsp.buf_get_clients(b) > 0
    end)
    local col = vim.api.nvim_buf_get_lines(b, lnum - 1, lnum, false)[1]:find(text, 1, true)
    assert(col, text .. ' not on line ' .. lnum .. ' of ' .. path)
    vim.api.nvim_win_set_cursor(0, { lnum, col - 1 })
    vim.lsp.buf.implementation()
    wait_for('implementation from ' .. path .. ':' .. lnum .. ' to land in cache.ex', function()
      return vim.api.nvim_buf_get_name(0) == cache
    end)
    local name, cursor = here()
    assert(cursor[1] == 14 and vim.api.nvim_get_current_line():find('def handle_call({:lookup, city}', 1, true),
      string.format('implementation from %s:%d landed on %s:%d: %s', path, lnum, name, cursor[1], vim.api.nvim_get_current_line()))
  end
  implementation_from(dir .. '/dashboard.ex', 3, 'GenServer.call') -- GenServer.call(Weather.Cache, {:lookup, city}, 1_000)
  implementation_from(dir .. '/report.ex', 5, 'lookup') -- Cache.lookup(city), the API wrapper

  -- 6. The code lens on the handler clause, and its command: the senders in the quickfix list.
  local cbuf = vim.api.nvim_get_current_buf()
  otpls.attach(cbuf, opts) -- the jump opened cache.ex; setup's FileType autocmd would attach it
  local lens
  wait_for('the senders code lens on handle_call', function()
    vim.lsp.codelens.refresh()
    vim.wait(200, function()
      for _, l in ipairs(vim.lsp.codelens.get(cbuf)) do
        if l.range.start.line == 13 and l.command and l.command.title:find('sender', 1, true) then
          lens = l
          return true
        end
      end
    end, 20)
    return lens ~= nil
  end, function() return vim.inspect(vim.lsp.codelens.get(cbuf)) end)
  assert(lens.command.title == '3 senders', 'lens title: ' .. lens.command.title)
  assert(lens.command.command == 'otpls.showReferences', 'lens command: ' .. lens.command.command)
  vim.api.nvim_win_set_cursor(0, { 14, 2 })
  vim.fn.setqflist({}, 'r')
  vim.lsp.codelens.run() -- one lens on the line: runs it without asking
  local got = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    got[#got + 1] = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(item.bufnr), ':t') .. ':' .. item.lnum
  end
  table.sort(got)
  local want = { 'cache.ex:6', 'dashboard.ex:3', 'report.ex:5' }
  assert(vim.deep_equal(got, want), 'quickfix after the lens: ' .. vim.inspect(got) .. ', want ' .. vim.inspect(want))
  vim.cmd('cclose')

  -- 7. :OtplsTree: the tree, indented, and <CR> on a process opens its source.
  vim.cmd('OtplsTree')
  local tbuf
  wait_for('the tree buffer', function()
    tbuf = vim.fn.bufnr('otpls://tree')
    return tbuf ~= -1 and vim.api.nvim_buf_line_count(tbuf) > 1
  end)
  local lines = vim.api.nvim_buf_get_lines(tbuf, 0, -1, false)
  local function find(prefix)
    for i, l in ipairs(lines) do
      if l:sub(1, #prefix) == prefix then
        return i
      end
    end
    error('no tree line starting with ' .. vim.inspect(prefix) .. ' in:\n' .. table.concat(lines, '\n'))
  end
  local app, sup = find('Weather.Application'), find('  Weather.Supervisor')
  local client_line, cache_line = find('    Weather.Client'), find('    Weather.Cache')
  assert(app < sup and sup < client_line and client_line < cache_line, 'tree order:\n' .. table.concat(lines, '\n'))
  assert(vim.api.nvim_get_current_buf() == tbuf, 'the tree is not the current buffer')
  vim.api.nvim_win_set_cursor(0, { cache_line, 0 })
  vim.cmd([[execute "normal \<CR>"]])
  local name, cursor = here()
  assert(name == dir .. '/application.ex' and cursor[1] == 9,
    string.format('<CR> on Weather.Cache went to %s:%d', name, cursor[1]))
end)

if not ok then
  fail(tostring(err))
else
  vim.cmd('qall!')
end
