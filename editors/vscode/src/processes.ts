// The "OTP processes" explorer view: the supervision forest otpls reads from the workspace
// (the otpls/supervisionTree request), each node opening its source. It asks again when an
// Elixir document changes or is saved, or an Elixir file changes on disk, at most once per
// quiet half second.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

// The parts of the otpls/supervisionTree result the view relies on (the contract: version,
// applications, orphans, edges; a Node's id, label, detail, kind, location, children).
export interface TreeNode {
  id: string;
  kind: string;
  label: string;
  detail?: string | null;
  location?: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } } | null;
  children?: TreeNode[] | null;
}
export interface SupervisionTree {
  version: number;
  applications?: TreeNode[] | null;
  orphans?: TreeNode[] | null;
}

const icons: Record<string, string> = {
  application: 'rocket',
  supervisor: 'type-hierarchy',
  dynamic_supervisor: 'type-hierarchy-sub',
  task_supervisor: 'checklist',
  partition_supervisor: 'split-horizontal',
  registry: 'book',
  worker: 'gear',
  task: 'play',
  unknown: 'question',
};

// An entry of the view: a node of the tree, the group of supervisors no application
// starts, or a message (no client, an error, an empty workspace).
type Entry =
  | { type: 'node'; node: TreeNode; depth: number }
  | { type: 'orphans'; nodes: TreeNode[] }
  | { type: 'message'; text: string };

export const REFRESH_MS = 500;

export class ProcessesProvider implements vscode.TreeDataProvider<Entry>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Entry | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private timer: NodeJS.Timeout | undefined;
  // The last tree shown, for the tests (through the extension's exports) and for getParent.
  tree: SupervisionTree | undefined;
  // Fires after each answer of otpls (or failure) has been handed to the view.
  private readonly loaded = new vscode.EventEmitter<SupervisionTree | undefined>();
  readonly onDidLoad = this.loaded.event;

  constructor(private readonly client: () => LanguageClient | undefined) {
    const elixir = (doc: vscode.TextDocument) => doc.languageId === 'elixir';
    this.disposables.push(
      this.loaded,
      vscode.workspace.onDidChangeTextDocument((e) => elixir(e.document) && e.contentChanges.length > 0 && this.refreshSoon()),
      vscode.workspace.onDidSaveTextDocument((doc) => elixir(doc) && this.refreshSoon()),
    );
    const watcher = vscode.workspace.createFileSystemWatcher('**/*.{ex,exs}');
    this.disposables.push(watcher, watcher.onDidCreate(() => this.refreshSoon()),
      watcher.onDidChange(() => this.refreshSoon()), watcher.onDidDelete(() => this.refreshSoon()));
  }

  // refreshSoon asks again once nothing has changed for REFRESH_MS (typing sends one request,
  // not one per key).
  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), REFRESH_MS);
  }

  refresh(): void {
    clearTimeout(this.timer);
    this.changed.fire(undefined);
  }

  getTreeItem(entry: Entry): vscode.TreeItem {
    if (entry.type === 'message') {
      const item = new vscode.TreeItem(entry.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (entry.type === 'orphans') {
      const item = new vscode.TreeItem('Supervisors not started by an application', vscode.TreeItemCollapsibleState.Expanded);
      item.iconPath = new vscode.ThemeIcon('warning');
      item.tooltip = 'otpls found these supervisors but no Application that starts them.';
      return item;
    }
    const { node, depth } = entry;
    const children = node.children ?? [];
    // Applications and their root supervisors open expanded; deeper branches on demand.
    const state = children.length === 0 ? vscode.TreeItemCollapsibleState.None
      : depth < 2 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
    const item = new vscode.TreeItem(node.label, state);
    item.id = node.id;
    item.description = node.detail ?? undefined;
    item.tooltip = node.detail ? `${node.label}\n${node.detail}` : node.label;
    item.iconPath = new vscode.ThemeIcon(icons[node.kind] ?? icons.unknown);
    item.contextValue = `otpls.${node.kind}`;
    if (node.location) {
      const { start, end } = node.location.range;
      item.command = {
        command: 'vscode.open',
        title: 'Open',
        arguments: [vscode.Uri.parse(node.location.uri), { selection: new vscode.Range(start.line, start.character, end.line, end.character) }],
      };
    }
    return item;
  }

  async getChildren(entry?: Entry): Promise<Entry[]> {
    if (entry?.type === 'node') {
      return (entry.node.children ?? []).map((node) => ({ type: 'node', node, depth: entry.depth + 1 }));
    }
    if (entry?.type === 'orphans') {
      return entry.nodes.map((node) => ({ type: 'node', node, depth: 1 }));
    }
    if (entry) {
      return [];
    }
    const client = this.client();
    if (!client || !client.isRunning()) {
      this.tree = undefined;
      this.loaded.fire(undefined);
      return [{ type: 'message', text: 'otpls is not running' }];
    }
    try {
      const tree = await client.sendRequest<SupervisionTree>('otpls/supervisionTree', {});
      this.tree = tree;
      const roots: Entry[] = (tree.applications ?? []).map((node) => ({ type: 'node', node, depth: 0 }));
      if (tree.orphans?.length) {
        roots.push({ type: 'orphans', nodes: tree.orphans });
      }
      if (roots.length === 0) {
        roots.push({ type: 'message', text: 'No application or supervisor found in this workspace' });
      }
      return roots;
    } catch (e) {
      this.tree = undefined;
      return [{ type: 'message', text: `otpls: ${e instanceof Error ? e.message : String(e)}` }];
    } finally {
      this.loaded.fire(this.tree);
    }
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposables.forEach((d) => d.dispose());
  }
}
