// The otpls VS Code extension: runs `otpls serve` for Elixir files through
// vscode-languageclient. Diagnostics, quick fixes, fix-all (source.fixAll.otpls, usable in
// editor.codeActionsOnSave), hover, implementation/references between send sites and
// handler clauses and the "N senders" code lenses come from the server; the extension adds
// the "OTP processes" explorer view (the supervision tree) and runs the lenses' command.
import * as vscode from 'vscode';
import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join as pathJoin } from 'path';
import { Disposable, LanguageClient, LanguageClientOptions, NotificationHandler, ProgressType, ServerOptions } from 'vscode-languageclient/node';
import { ProcessesProvider } from './processes';

// OtplsClient tells when otpls has indexed the workspace (its "otpls-index" work done
// progress ends): the supervision tree asked for before then holds only the files read so
// far. vscode-jsonrpc keeps one handler per progress token, the one vscode-languageclient
// registers to show the progress, so this wraps it rather than registering a second.
class OtplsClient extends LanguageClient {
  readonly indexed = new vscode.EventEmitter<void>();

  onProgress<P>(type: ProgressType<P>, token: string | number, handler: NotificationHandler<P>): Disposable {
    if (token !== 'otpls-index') {
      return super.onProgress(type, token, handler);
    }
    return super.onProgress(type, token, (value: P) => {
      handler(value);
      if ((value as { kind?: string }).kind === 'end') {
        this.indexed.fire();
      }
    });
  }
}

let client: OtplsClient | undefined;

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('otpls');
  const out: Record<string, unknown> = {
    diagnosticDelay: c.get('diagnosticDelay'),
    diagnosticsScope: c.get('diagnosticsScope'),
    codeLens: c.get('codeLens'),
    baselineFindings: c.get('baselineFindings'),
    rules: c.get('rules'),
    exclude: c.get('exclude'),
  };
  const baseline = c.get<string>('baseline');
  if (baseline) {
    out.baseline = baseline;
  }
  const sup = c.get<string>('task_supervisor');
  if (sup) {
    out.task_supervisor = sup;
  }
  const maxFileSize = c.get<number | null>('max_file_size');
  if (typeof maxFileSize === 'number') {
    out.max_file_size = maxFileSize;
  }
  return out;
}

// binaryWorks reports whether the configured otpls runs at all, so a missing binary gets
// a clear message instead of a stream of connection errors.
function binaryWorks(path: string): boolean {
  try {
    execFileSync(path, ['version'], { timeout: 10000, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// serverPath picks the binary: otpls.path when the user set it (and only it: a path set
// by hand that does not run is an error to show, not a reason to run another binary), else
// otpls on PATH, else the one a platform VSIX bundles in bin/. Returns what it tried last
// when none runs.
function serverPath(context: vscode.ExtensionContext): { path: string; works: boolean } {
  const setting = vscode.workspace.getConfiguration('otpls').inspect<string>('path');
  const set = setting?.workspaceFolderValue ?? setting?.workspaceValue ?? setting?.globalValue;
  if (set) {
    return { path: set, works: binaryWorks(set) };
  }
  if (binaryWorks('otpls')) {
    return { path: 'otpls', works: true };
  }
  const bundled = context.asAbsolutePath(pathJoin('bin', process.platform === 'win32' ? 'otpls.exe' : 'otpls'));
  if (existsSync(bundled)) {
    return { path: bundled, works: binaryWorks(bundled) };
  }
  return { path: 'otpls', works: false };
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const { path, works } = serverPath(context);
  if (!works) {
    const choice = await vscode.window.showErrorMessage(
      `otpls: cannot run "${path}". Install it (go install ./cmd/otpls from the otpls repository, or download a release) and put it on PATH, or set "otpls.path" to the binary.`,
      'Open Settings');
    if (choice === 'Open Settings') {
      vscode.commands.executeCommand('workbench.action.openSettings', 'otpls.path');
    }
    return;
  }
  const serverOptions: ServerOptions = { command: path, args: ['serve'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'elixir' }, { scheme: 'untitled', language: 'elixir' }],
    initializationOptions: settings(),
    synchronize: { configurationSection: 'otpls' },
    middleware: {
      workspace: {
        // Answer workspace/configuration for the section "otpls" with the same shape as
        // initializationOptions.
        configuration: (params, token, next) => params.items.map((item) => (item.section === 'otpls' ? settings() : null)),
      },
    },
  };
  client = new OtplsClient('otpls', 'otpls', serverOptions, clientOptions);
  context.subscriptions.push(client.indexed, client.indexed.event(() => processes?.refresh()));
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
  processes?.refresh();
}

let processes: ProcessesProvider | undefined;

type LspPosition = { line: number; character: number };
type LspLocation = { uri: string; range: { start: LspPosition; end: LspPosition } };

// showReferences runs the code lenses' command otpls.showReferences [uri, position,
// locations] (LSP JSON, which vscode-languageclient passes through unconverted): VS Code's
// references peek at the clause head, listing the senders. The server does not advertise
// the command (no executeCommandProvider entry), so vscode-languageclient never registers
// it and this registration cannot clash with its own.
function showReferences(uri: string, position: LspPosition, locations: LspLocation[]): Thenable<unknown> {
  const range = (r: LspLocation['range']) => new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  return vscode.commands.executeCommand('editor.action.showReferences', vscode.Uri.parse(uri),
    new vscode.Position(position.line, position.character),
    (locations ?? []).map((l) => new vscode.Location(vscode.Uri.parse(l.uri), range(l.range))));
}

// What the extension hands to other extensions (the e2e test driver reads the view's tree).
export interface Api {
  processes: ProcessesProvider;
}

export async function activate(context: vscode.ExtensionContext): Promise<Api> {
  processes = new ProcessesProvider(() => client);
  context.subscriptions.push(
    processes,
    vscode.window.registerTreeDataProvider('otpls.processes', processes),
    vscode.commands.registerCommand('otpls.refreshProcesses', () => processes?.refresh()),
    vscode.commands.registerCommand('otpls.showReferences', showReferences),
    vscode.commands.registerCommand('otpls.restart', async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
  );
  await start(context);
  return { processes };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
