// Runs the otpls extension in a real VS Code (code-server) in headless Chromium:
// installs the packaged otpls.vsix and the test driver, opens the fixture project, waits
// for the driver's result and takes a screenshot of the Problems panel.
// Usage: node e2e.mjs <code-server> <chromium> <otpls binary> <project dir> <file> <golden> <artifacts dir>
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [codeServer, chromiumPath, otpls, project, file, golden, artifacts] = process.argv.slice(2);
const here = path.dirname(new URL(import.meta.url).pathname);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'otpls-vscode-'));
const ext = path.join(tmp, 'extensions');
const data = path.join(tmp, 'data');
const result = path.join(tmp, 'result.json');
fs.mkdirSync(path.join(data, 'User'), { recursive: true });
fs.writeFileSync(path.join(data, 'User', 'settings.json'), JSON.stringify({
  'otpls.path': otpls, 'otpls.diagnosticDelay': 0, 'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off',
}));
const env = { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg'), XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
  OTPLS_E2E_FILE: file, OTPLS_E2E_GOLDEN: golden, OTPLS_E2E_RESULT: result };
const common = ['--extensions-dir', ext, '--user-data-dir', data];
for (const vsix of [path.join(here, '..', 'otpls.vsix'), path.join(here, 'driver', 'driver.vsix')]) {
  execFileSync(codeServer, [...common, '--install-extension', vsix], { env, stdio: 'inherit' });
}
const port = 20000 + Math.floor(Math.random() * 20000);
const server = spawn(codeServer, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry',
  '--disable-update-check', '--disable-workspace-trust', project], { env, detached: true, stdio: 'ignore' });
const stop = () => { try { process.kill(-server.pid, 'SIGKILL'); } catch {} };
let code = 1;
try {
  const { chromium } = require('playwright-core');
  const start = Date.now();
  while (Date.now() - start < 30000) {
    try { await fetch(`http://127.0.0.1:${port}/healthz`); break; } catch { await new Promise((r) => setTimeout(r, 200)); }
  }
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(`http://127.0.0.1:${port}/?folder=${encodeURIComponent(project)}`);
  const deadline = Date.now() + 150000;
  while (!fs.existsSync(result) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
  fs.mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: path.join(artifacts, 'problems.png') });
  await browser.close();
  if (!fs.existsSync(result)) throw new Error('the driver wrote no result');
  const r = JSON.parse(fs.readFileSync(result, 'utf8'));
  console.log(JSON.stringify(r, null, 2));
  code = r.ok ? 0 : 1;
} catch (e) {
  console.error('vscode e2e:', e);
} finally {
  stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.exit(code);
