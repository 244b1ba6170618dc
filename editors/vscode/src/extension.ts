// The otpls VS Code extension: runs `otpls serve` for Elixir files through
// vscode-languageclient. Diagnostics, quick fixes, fix-all (source.fixAll.otpls, usable in
// editor.codeActionsOnSave) and hover come from the server.
import * as vscode from 'vscode';
import { execFileSync } from 'child_process';
import { LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function settings(): Record<string, unknown> {
  const c = vscode.workspace.getConfiguration('otpls');
  const out: Record<string, unknown> = {
    diagnosticDelay: c.get('diagnosticDelay'),
    diagnosticsScope: c.get('diagnosticsScope'),
    rules: c.get('rules'),
    exclude: c.get('exclude'),
  };
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

async function start(context: vscode.ExtensionContext): Promise<void> {
  const path = vscode.workspace.getConfiguration('otpls').get<string>('path') || 'otpls';
  if (!binaryWorks(path)) {
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
  client = new LanguageClient('otpls', 'otpls', serverOptions, clientOptions);
  await client.start();
  context.subscriptions.push({ dispose: () => void client?.stop() });
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('otpls.restart', async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
