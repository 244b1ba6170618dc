// Runs the otpls extension in a real VS Code (code-server) in headless Chromium:
// installs the packaged otpls.vsix and the test driver, opens the fixture project, waits
// for the driver's result, checks that the Problems panel lists the finding and takes a
// screenshot of it. Every wait is on an event (code-server's log line, the result file
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
// it whole, then renames it into place).
function driverResult() {
  return new Promise((resolve) => {
    const read = () => resolve(JSON.parse(fs.readFileSync(result, 'utf8')));
    const watcher = fs.watch(tmp, (_, name) => {
      if (name === path.basename(result) && fs.existsSync(result)) { watcher.close(); read(); }
    });
    if (fs.existsSync(result)) { watcher.close(); read(); } // written before the watch began
  });
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
    r = await within(150000, 'the driver extension to write its result', pending);
    console.log(JSON.stringify(r, null, 2));
    if (r.ok) {
      // What the user sees: the finding listed in the Problems panel, which the driver opened.
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'OTP003' }).first()
        .waitFor({ state: 'visible', timeout: 30000 })
        .catch(() => { throw new Error('the Problems panel does not list the OTP003 finding'); });
    }
  } finally {
    fs.mkdirSync(artifacts, { recursive: true });
    await page.screenshot({ path: path.join(artifacts, 'problems.png') });
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
