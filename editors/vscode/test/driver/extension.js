// Test-only driver: inside a real VS Code (code-server), opens the fixture file, waits for
// the otpls OTP003 diagnostic, runs its reply-later quick fix (unsafe: checked not preferred), saves, compares with the
// golden, then types an edit that removes the violation and waits for the diagnostic to
// go. Then opens the second file, waits for its OTP011 diagnostic, runs its quick fix
// (adds a handle_info/2 clause for the :DOWN; unsafe too), saves, compares with its golden
// and waits for the diagnostic to clear. Then opens Weather.Cache at its handle_call clause
// and checks its "N senders" code lens, and shows the "OTP processes" view and checks the
// tree it loaded (e2e.mjs then checks and screenshots both in the UI).
// Each wait is on VS Code's diagnostics events, up to OTPLS_TIMEOUT_MS (default 60 s).
// Writes every step's outcome to OTPLS_E2E_RESULT as JSON.
const vscode = require('vscode');
const fs = require('fs');

const TIMEOUT_MS = Number(process.env.OTPLS_TIMEOUT_MS || 60000);

function otplsDiags(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'otpls');
}

function describe(uri) {
  return JSON.stringify(otplsDiags(uri).map((d) => {
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    return `${code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
  }));
}

// waitDiagnostics resolves with pred's first truthy value, checked now and each time VS Code
// reports that uri's diagnostics changed; after the timeout it rejects with what it waited
// for and the otpls diagnostics the file had then. It subscribes before the first check, so
// a change between the check and the subscription cannot be missed.
function waitDiagnostics(what, uri, pred, ms = TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    let timer;
    let sub;
    const finish = (settle, value) => {
      clearTimeout(timer);
      sub.dispose();
      settle(value);
    };
    const check = () => {
      const v = pred();
      if (v) finish(resolve, v);
    };
    sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    timer = setTimeout(() => finish(reject, new Error(`timed out after ${ms} ms waiting for ${what}; ` +
      `otpls diagnostics of ${uri.fsPath} then: ${describe(uri)}`)), ms);
    check();
  });
}

// applyUnsafeFix asks VS Code for the quick fixes at diag in uri, runs the one whose title
// starts with prefix (unsafe: never preferred, and its title saying what it changes), saves
// the document and compares the file with the golden. Returns the fix's title.
async function applyUnsafeFix(doc, diag, prefix, changes, golden) {
  const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
  // VS Code adds its own actions (AI fixes...): pick ours by kind and title.
  const fix = (actions || []).find((a) => a.kind && a.kind.value === 'quickfix' && a.title.startsWith(prefix));
  if (!fix) throw new Error(`no "${prefix}" quick fix among ` + JSON.stringify((actions || []).map((a) => a.title)));
  if (fix.isPreferred) throw new Error('an unsafe fix is marked preferred: ' + fix.title);
  if (!fix.title.includes(changes)) throw new Error('the title does not say what changes: ' + fix.title);
  if (!(await vscode.workspace.applyEdit(fix.edit))) throw new Error('applyEdit failed');
  await doc.save();
  const saved = fs.readFileSync(doc.uri.fsPath, 'utf8');
  const want = fs.readFileSync(golden, 'utf8');
  if (saved !== want) throw new Error(`saved ${doc.uri.fsPath} differs from the golden:\n` + saved);
  return fix.title;
}

async function run() {
  const file = process.env.OTPLS_E2E_FILE;
  const golden = process.env.OTPLS_E2E_GOLDEN;
  const result = { steps: [] };
  const step = (name, detail) => result.steps.push({ name, detail });
  try {
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    let editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const diag = await waitDiagnostics('the OTP003 diagnostic', uri, () => otplsDiags(uri)[0]);
    const code = typeof diag.code === 'object' ? diag.code.value : diag.code;
    const r = diag.range;
    step('diagnostic', { code, range: [r.start.line, r.start.character, r.end.line, r.end.character], message: diag.message });
    if (code !== 'OTP003' || r.start.line !== 12 || r.start.character !== 13 || r.end.character !== 71) {
      throw new Error('unexpected diagnostic ' + JSON.stringify(result.steps));
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    step('quickfix', await applyUnsafeFix(doc, diag, 'Reply later', '(the work runs concurrently', golden));
    step('golden', 'equal');
    await waitDiagnostics('the diagnostic to clear after the fix', uri, () => otplsDiags(uri).length === 0);
    // Back to the original text, then type an edit that removes the violation.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
    await waitDiagnostics('the diagnostic to come back', uri, () => otplsDiags(uri).length > 0);
    const line = doc.lineAt(12).text;
    const s = line.indexOf('HTTPoison');
    await editor.edit((e) => e.replace(new vscode.Range(12, s, 12, line.length), '{:ok, city}'));
    await waitDiagnostics('the diagnostic to disappear after typing', uri, () => otplsDiags(uri).length === 0);
    step('typed', 'cleared');
    // OTP011 in a second file: a monitor whose :DOWN no handle_info/2 clause matches.
    const wuri = vscode.Uri.file(process.env.OTPLS_E2E_WATCHER);
    const wdoc = await vscode.workspace.openTextDocument(wuri);
    await vscode.window.showTextDocument(wdoc);
    const wdiag = await waitDiagnostics('the OTP011 diagnostic', wuri, () => otplsDiags(wuri)[0]);
    const wcode = typeof wdiag.code === 'object' ? wdiag.code.value : wdiag.code;
    const wr = wdiag.range;
    step('OTP011 diagnostic', { code: wcode, range: [wr.start.line, wr.start.character, wr.end.line, wr.end.character], message: wdiag.message });
    if (wcode !== 'OTP011' || wr.start.line !== 12 || wr.start.character !== 10 || wr.end.line !== 12 || wr.end.character !== 30 ||
      !wdiag.message.startsWith('Process.monitor/1 in Weather.Watcher.handle_cast/2 delivers {:DOWN, ref, :process, pid, reason}')) {
      throw new Error('unexpected OTP011 diagnostic ' + JSON.stringify(result.steps));
    }
    step('OTP011 quickfix', await applyUnsafeFix(wdoc, wdiag, 'Add a handle_info/2 clause for {:DOWN',
      '(the server no longer crashes on that message; it ignores it)', process.env.OTPLS_E2E_WATCHER_GOLDEN));
    await waitDiagnostics('the OTP011 diagnostic to clear after the fix', wuri, () => otplsDiags(wuri).length === 0);
    step('OTP011 fixed', 'cleared');
    // The code lens on Weather.Cache's handle_call clause (line 14), resolved as VS Code
    // resolves it when it comes into view.
    const cacheUri = vscode.Uri.file(require('path').join(require('path').dirname(file), 'cache.ex'));
    const cacheDoc = await vscode.workspace.openTextDocument(cacheUri); // lenses are asked of an open document
    const lenses = await vscode.commands.executeCommand('vscode.executeCodeLensProvider', cacheUri, 100) || [];
    const titles = lenses.map((l) => `${l.range.start.line}: ${l.command ? l.command.title : '(unresolved)'}`);
    step('code lenses of cache.ex', titles);
    const lens = lenses.find((l) => l.range.start.line === 13);
    if (!lens || !lens.command || lens.command.title !== '3 senders' || lens.command.command !== 'otpls.showReferences') {
      throw new Error('no "3 senders" lens running otpls.showReferences on line 14 of cache.ex: ' + JSON.stringify(titles));
    }
    // The tree the view loads once the explorer shows it.
    const api = vscode.extensions.getExtension('otpls.otpls').exports;
    const loaded = new Promise((resolve) => {
      const sub = api.processes.onDidLoad((tree) => { if (tree) { sub.dispose(); resolve(tree); } });
    });
    await vscode.commands.executeCommand('workbench.view.explorer');
    await vscode.commands.executeCommand('otpls.processes.focus');
    api.processes.refresh();
    const tree = await Promise.race([loaded, new Promise((_, reject) => setTimeout(
      () => reject(new Error('timed out waiting for the OTP processes view to load the tree')), TIMEOUT_MS))]);
    const labels = [];
    const walk = (n, depth) => { labels.push('  '.repeat(depth) + n.label); (n.children || []).forEach((c) => walk(c, depth + 1)); };
    (tree.applications || []).forEach((n) => walk(n, 0));
    step('OTP processes', labels);
    if (!labels.some((l) => l.startsWith('Weather.Application')) || !labels.some((l) => l.startsWith('    Weather.Cache'))) {
      throw new Error('the tree lacks Weather.Application or Weather.Cache: ' + JSON.stringify(labels));
    }
    // Leave cache.ex's handler clause on screen for the code lens screenshot.
    await vscode.window.showTextDocument(cacheDoc, { selection: new vscode.Range(13, 0, 13, 0), preview: false });
    editor = await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside }); // the first file for the Problems screenshot
    // Leave a diagnostic on screen for the Problems panel screenshot.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
    await waitDiagnostics('the diagnostic for the screenshot', uri, () => otplsDiags(uri).length > 0);
    // e2e.mjs waits for the Problems panel to list it before its screenshot.
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = String(e && e.stack || e);
  }
  // Written whole under a name of its own, then renamed: e2e.mjs reads it as soon as it
  // appears, and never sees a file another writer is still filling.
  const out = process.env.OTPLS_E2E_RESULT;
  const part = `${out}.${process.pid}.part`;
  fs.writeFileSync(part, JSON.stringify(result, null, 2));
  fs.renameSync(part, out);
}

exports.activate = function () {
  const out = process.env.OTPLS_E2E_RESULT;
  if (!process.env.OTPLS_E2E_FILE || !out) {
    return;
  }
  // One driver per test run. A second extension host (code-server starts one for each
  // window connection, e.g. when a loaded machine makes the page reconnect) would run the
  // same edits on the same files at the same time: one restoring the text the other just
  // fixed, both writing the result. The first activation takes the lock; a later one only
  // leaves a note, which e2e.mjs reports.
  try {
    fs.closeSync(fs.openSync(out + '.lock', 'wx'));
  } catch {
    fs.writeFileSync(`${out}.again.${process.pid}`, `driver activated again in extension host ${process.pid}\n`);
    return;
  }
  run();
};
exports.deactivate = function () {};
