// Test-only driver: inside a real VS Code (code-server), opens the fixture file, waits for
// the otpls OTP003 diagnostic, runs its reply-later quick fix (unsafe: checked not preferred), saves, compares with the
// golden, then types an edit that removes the violation and waits for the diagnostic to
// go. Writes every step's outcome to OTPLS_E2E_RESULT as JSON.
const vscode = require('vscode');
const fs = require('fs');

function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

async function waitFor(what, pred, ms = Number(process.env.OTPLS_TIMEOUT_MS || 60000)) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const v = await pred();
    if (v) return v;
    await sleep(100);
  }
  throw new Error('timed out waiting for ' + what);
}

function otplsDiags(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'otpls');
}

async function run() {
  const file = process.env.OTPLS_E2E_FILE;
  const golden = process.env.OTPLS_E2E_GOLDEN;
  const result = { steps: [] };
  const step = (name, detail) => result.steps.push({ name, detail });
  try {
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc);
    const original = doc.getText();
    const diag = await waitFor('the OTP003 diagnostic', () => otplsDiags(uri)[0]);
    const code = typeof diag.code === 'object' ? diag.code.value : diag.code;
    const r = diag.range;
    step('diagnostic', { code, range: [r.start.line, r.start.character, r.end.line, r.end.character], message: diag.message });
    if (code !== 'OTP003' || r.start.line !== 12 || r.start.character !== 13 || r.end.character !== 71) {
      throw new Error('unexpected diagnostic ' + JSON.stringify(result.steps));
    }
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, r, vscode.CodeActionKind.QuickFix.value);
    // VS Code adds its own actions (AI fixes...): pick ours by kind and title.
    const fix = (actions || []).find((a) => a.kind && a.kind.value === 'quickfix' && /^Reply later/.test(a.title));
    if (!fix) throw new Error('no otpls quick fix among ' + JSON.stringify((actions || []).map((a) => a.title)));
    // The rewrite is unsafe: never preferred, and its title says what it changes.
    if (fix.isPreferred) throw new Error('an unsafe fix is marked preferred: ' + fix.title);
    if (!fix.title.includes('(the work runs concurrently')) throw new Error('the title does not say what changes: ' + fix.title);
    step('quickfix', fix.title);
    if (!(await vscode.workspace.applyEdit(fix.edit))) throw new Error('applyEdit failed');
    await doc.save();
    const saved = fs.readFileSync(file, 'utf8');
    const want = fs.readFileSync(golden, 'utf8');
    if (saved !== want) throw new Error('saved file differs from the golden:\n' + saved);
    step('golden', 'equal');
    await waitFor('the diagnostic to clear after the fix', () => otplsDiags(uri).length === 0);
    // Back to the original text, then type an edit that removes the violation.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
    await waitFor('the diagnostic to come back', () => otplsDiags(uri).length > 0);
    const line = doc.lineAt(12).text;
    const s = line.indexOf('HTTPoison');
    await editor.edit((e) => e.replace(new vscode.Range(12, s, 12, line.length), '{:ok, city}'));
    await waitFor('the diagnostic to disappear after typing', () => otplsDiags(uri).length === 0);
    step('typed', 'cleared');
    // Leave a diagnostic on screen for the Problems panel screenshot.
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original));
    await waitFor('the diagnostic for the screenshot', () => otplsDiags(uri).length > 0);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await sleep(1500);
    result.ok = true;
  } catch (e) {
    result.ok = false;
    result.error = String(e && e.stack || e);
  }
  fs.writeFileSync(process.env.OTPLS_E2E_RESULT, JSON.stringify(result, null, 2));
}

exports.activate = function () {
  if (process.env.OTPLS_E2E_FILE && process.env.OTPLS_E2E_RESULT) {
    run();
  }
};
exports.deactivate = function () {};
