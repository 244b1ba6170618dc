// Runs the otpls extension in a real VS Code (code-server) in headless Chromium:
// installs the packaged otpls.vsix and the test driver, opens the fixture project, waits
// for the driver's result, checks that the Problems panel lists the finding, that the "OTP
// processes" explorer view shows the supervision tree, that the "3 senders" code lens shows on
// Weather.Cache's handle_call clause and opens the senders, and that a click on a process
// opens its source; it takes a screenshot of each (problems.png, processes-tree.png,
// code-lens.png, code-lens-senders.png in the artifacts dir). Every wait is on an event (code-server's log line, the result file
// appearing, the panel row showing), each with a timeout that says what did not happen.
// Usage: node e2e.mjs <code-server> <chromium> <otpls binary> <project dir> <file> <golden>
//   <watcher file> <watcher golden> <artifacts dir>
// With "" for the binary, otpls.path is left unset (the extension then finds otpls on PATH or
// the binary its platform VSIX bundles); OTPLS_E2E_VSIX names the VSIX to install
// (default ../otpls.vsix).
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [codeServer, chromiumPath, otpls, project, file, golden, watcher, watcherGolden, artifacts] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otpls-vscode-'));
const ext = path.join(tmp, 'extensions');
const data = path.join(tmp, 'data');
const result = path.join(tmp, 'result.json');
fs.mkdirSync(path.join(data, 'User'), { recursive: true });
fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({
  ...(otpls ? { 'otpls.path': otpls } : {}), 'otpls.diagnosticDelay': 0, 'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
}));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
  OTPLS_E2E_FILE: file, OTPLS_E2E_GOLDEN: golden, OTPLS_E2E_WATCHER: watcher, OTPLS_E2E_WATCHER_GOLDEN: watcherGolden,
  OTPLS_E2E_RESULT: result };
const common = ['--extensions-dir', ext, '--user-data-dir', data];
for (const vsix of [process.env.OTPLS_E2E_VSIX || path.join(here, '..', 'otpls.vsix'), path.join(here, 'driver', 'driver.vsix')]) {
  execFileSync(codeServer, [...common, '--install-extension', vsix], { env, stdio: 'inherit' });
}
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(codeServer, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', project], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
const stop = () => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} };

// within rejects after ms with a message saying what did not happen.
function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// listening resolves when code-server logs that its HTTP server listens, and rejects if it
// exits first (with what it printed).
function listening() {
  return new Promise((resolve, reject) => {
    let log = '';
    let up = false;
    const onData = (chunk) => { // also drains the pipes for as long as code-server runs
      if (up) return;
      log += chunk;
      if (log.includes('HTTP server listening')) { up = true; resolve(); }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    server.on('exit', (status) => reject(new Error(`code-server exited (${status}) before listening:\n${log}`)));
  });
}

// driverResult resolves with the driver's result once its file appears (the driver writes
// it whole under a name of its own, then renames it into place).
function driverResult() {
  return new Promise((resolve) => {
    const read = () => resolve(JSON.parse(fs.readFileSync(result, 'utf8')));
    const watcher = fs.watch(tmp, (_, name) => {
      if (name === path.basename(result) && fs.existsSync(result)) { watcher.close(); read(); }
    });
    if (fs.existsSync(result)) { watcher.close(); read(); } // written before the watch began
  });
}

// visible waits until locator shows, or fails saying what the user does not see.
function visible(locator, what) {
  return locator.first().waitFor({ state: 'visible', timeout: 30000 })
    .catch(() => { throw new Error(`the window does not show ${what}`); });
}

// seeProcessesAndLens checks, in the window, what the driver left on screen: the OTP processes
// view with the tree expanded (Weather.Application > Weather.Supervisor > its children), the
// "3 senders" lens above Weather.Cache's handle_call; clicking the lens opens the references
// peek listing the senders' files; clicking Weather.Cache in the tree opens its source.
async function seeProcessesAndLens(page) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'OTP processes' }) });
  const row = (label) => pane.locator('.monaco-list-row', { hasText: label });
  for (const label of ['Weather.Application', 'Weather.Supervisor', 'Weather.Client', 'Weather.Cache', 'Weather.TaskSupervisor']) {
    await visible(row(label), `the process ${label} in the OTP processes view`);
  }
  // The rows' indentation is the tree: the application at the top, its supervisor under it,
  // the children under that.
  const indent = async (label) => (await row(label).first().getAttribute('aria-level'));
  const levels = [await indent('Weather.Application'), await indent('Weather.Supervisor'), await indent('Weather.Cache')];
  if (levels.join() !== '1,2,3') throw new Error(`tree levels of Application, Supervisor, Cache: ${levels}`);
  await pane.screenshot({ path: path.join(artifacts, 'processes-tree.png') });

  // VS Code asks for an editor's lenses when the editor gets focus (a user clicking its
  // tab); the driver only showed it, and a shown editor that never had focus got none.
  await page.locator('.tab', { hasText: 'cache.ex' }).first().click();
  await page.keyboard.press('Control+Home');
  const lens = page.locator('.codelens-decoration', { hasText: '3 senders' });
  await visible(lens, 'the "3 senders" code lens').catch(async (e) => {
    await page.screenshot({ path: path.join(artifacts, 'lens-missing.png') });
    throw e;
  });
  const editor = page.locator('.editor-group-container', { has: lens });
  await editor.first().screenshot({ path: path.join(artifacts, 'code-lens.png') });
  await lens.first().locator('a', { hasText: '3 senders' }).click();
  const peek = page.locator('.peekview-widget');
  for (const f of ['dashboard.ex', 'report.ex', 'cache.ex']) {
    await visible(peek.locator('.monaco-list-row', { hasText: f }), `${f} among the senders the lens opens`);
  }
  await editor.first().screenshot({ path: path.join(artifacts, 'code-lens-senders.png') });
  await page.keyboard.press('Escape');

  await row('Weather.Cache').first().click();
  await visible(page.locator('.tab.active', { hasText: 'application.ex' }), 'application.ex opened by a click on Weather.Cache');
}

let code = 1;
try {
  const { chromium } = require('playwright-core');
  await within(30000, 'code-server to listen', listening());
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const pending = driverResult();
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(project)}`);
  let r;
  try {
    r = await within(150000, 'the driver extension to write its result', pending).finally(() => {
      // A second driver activation means a second extension host ran (see the driver).
      for (const f of fs.readdirSync(tmp).filter((f) => f.startsWith('result.json.again.'))) {
        console.error('vscode e2e:', fs.readFileSync(path.join(tmp, f), 'utf8').trim());
      }
    });
    console.log(JSON.stringify(r, null, 2));
    fs.mkdirSync(artifacts, { recursive: true });
    if (r.ok) {
      // What the user sees: the finding listed in the Problems panel, which the driver opened.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'OTP003' }).first()
        .waitFor({ state: 'visible', timeout: 30000 })
        .catch(() => { throw new Error('the Problems panel does not list the OTP003 finding'); });
      await page.screenshot({ path: path.join(artifacts, 'problems.png') });
      await seeProcessesAndLens(page).catch(async (e) => {
        await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
        throw e;
      });
    }
  } finally {
    if (!r || !r.ok) {
      fs.mkdirSync(artifacts, { recursive: true });
      await page.screenshot({ path: path.join(artifacts, 'failure.png') }).catch(() => {});
    }
    await browser.close();
  }
  code = r.ok ? 0 : 1;
} catch (e) {
  console.error('vscode e2e:', e);
} finally {
  stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
