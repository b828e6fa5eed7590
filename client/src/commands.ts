/**
 * Commands with UI. The server computes; these only ask, insert and apply.
 * `istio.generateCanary` prompts for what it needs, or takes it all as one
 * argument object (for keybindings and tests) and then asks nothing.
 */
import { Position, Range, TextEdit, Uri, window, workspace, WorkspaceEdit, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';

interface CanaryOptions {
  host: string;
  namespace?: string;
  stable?: string;
  canary?: string;
  canaryWeight?: number;
  gateway?: string;
  externalHosts?: string[];
  port?: number;
}

type CanaryResult =
  | { ok: true; text: string; edits: { uri: string; offset: number; newText: string }[]; notes: string[] }
  | { ok: false; error: string };

interface Facts {
  hosts: string[];
  subsets: Record<string, string[]>;
  gateways: string[];
}

export async function generateCanary(client: LanguageClient, args?: unknown): Promise<string | undefined> {
  const options = isCanaryOptions(args) ? args : await ask(client);
  if (!options) return undefined; // cancelled: nothing changes
  const result = await client.sendRequest<CanaryResult>('istio/generateCanary', options);
  if (!result.ok) {
    void window.showErrorMessage(`Generate Canary: ${result.error}`);
    return undefined;
  }
  if (result.edits.length > 0) {
    const edit = new WorkspaceEdit();
    for (const e of result.edits) {
      const doc = await workspace.openTextDocument(Uri.parse(e.uri));
      edit.insert(doc.uri, doc.positionAt(e.offset), e.newText);
    }
    await workspace.applyEdit(edit);
  }
  await insertDocuments(result.text);
  for (const note of result.notes) void window.showInformationMessage(note);
  return result.text;
}

function isCanaryOptions(args: unknown): args is CanaryOptions {
  return typeof args === 'object' && args !== null && typeof (args as CanaryOptions).host === 'string';
}

/** Into the active Istio YAML file at the cursor (as new `---` documents), else a new untitled editor. */
async function insertDocuments(text: string): Promise<void> {
  const editor = window.activeTextEditor;
  const doc = editor?.document;
  if (editor && doc && doc.languageId === 'yaml' && /^apiVersion:\s*\S*istio\.io\//m.test(doc.getText())) {
    const line = doc.lineAt(editor.selection.active.line);
    const at = line.isEmptyOrWhitespace ? line.range.start : line.range.end;
    const before = doc.getText(new Range(new Position(0, 0), at));
    const lead = before.trim() === '' ? '' : `${line.isEmptyOrWhitespace ? '' : '\n'}---\n`;
    const after = doc.getText(new Range(at, doc.lineAt(doc.lineCount - 1).range.end)).trim() === '' ? '' : '---\n';
    await editor.edit((b) => b.insert(at, lead + text + after));
    return;
  }
  const created = await workspace.openTextDocument({ language: 'yaml', content: text });
  await window.showTextDocument(created);
}

async function ask(client: LanguageClient): Promise<CanaryOptions | undefined> {
  const facts = await client.sendRequest<Facts>('istio/workspaceFacts').catch(() => ({ hosts: [], subsets: {}, gateways: [] }) as Facts);
  const host = await pickOrType('Host to split (a Service or ServiceEntry host)', facts.hosts, 'reviews.default.svc.cluster.local');
  if (!host) return undefined;
  const known = facts.subsets[host] ?? [];
  const stable = await pickOrType('Stable subset', unique([...known, 'v1']), 'v1');
  if (!stable) return undefined;
  const canary = await pickOrType('Canary subset', unique([...known, 'v2']).filter((s) => s !== stable), 'v2');
  if (!canary) return undefined;
  const weight = await window.showInputBox({
    title: 'Generate Canary',
    prompt: `Percentage of traffic for ${canary}`,
    value: '10',
    validateInput: (v) => (/^\d+$/.test(v) && +v <= 100 ? undefined : 'A whole number from 0 to 100'),
  });
  if (weight === undefined) return undefined;
  const none = '(no Gateway: mesh traffic only)';
  const gatewayPick = await pickOrType('Gateway to bind (optional)', [none, ...facts.gateways], none);
  if (gatewayPick === undefined) return undefined;
  const gateway = gatewayPick === none || gatewayPick === '' ? undefined : gatewayPick;
  let externalHosts: string[] = [];
  if (gateway) {
    const ext = await window.showInputBox({ title: 'Generate Canary', prompt: 'External host names clients use through the Gateway (comma-separated, optional)' });
    if (ext === undefined) return undefined;
    externalHosts = ext.split(',').map((s) => s.trim()).filter(Boolean);
  }
  const fqdnNs = /^[^.]+\.([^.]+)\.svc\./.exec(host)?.[1] ?? '';
  const namespace = await window.showInputBox({ title: 'Generate Canary', prompt: 'Namespace of the new resources (optional)', value: fqdnNs });
  if (namespace === undefined) return undefined;
  const port = await window.showInputBox({
    title: 'Generate Canary',
    prompt: 'Destination port (optional; needed when the service has several ports)',
    validateInput: (v) => (v === '' || (/^\d+$/.test(v) && +v >= 1 && +v <= 65535) ? undefined : 'A port from 1 to 65535, or empty'),
  });
  if (port === undefined) return undefined;
  return { host, stable, canary, canaryWeight: +weight, gateway, externalHosts, namespace: namespace || undefined, port: port ? +port : undefined };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

/** A quick pick that also accepts a typed value. Undefined when cancelled. */
function pickOrType(title: string, choices: string[], placeholder: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const qp = window.createQuickPick<QuickPickItem>();
    qp.title = `Generate Canary: ${title}`;
    qp.placeholder = choices.length ? `Pick or type (e.g. ${placeholder})` : `Type (e.g. ${placeholder})`;
    const base = choices.map((label) => ({ label }));
    qp.items = base;
    qp.onDidChangeValue((v) => (qp.items = v && !choices.includes(v) ? [{ label: v, description: 'typed' }, ...base] : base));
    let done = false;
    qp.onDidAccept(() => {
      done = true;
      resolve(qp.selectedItems[0]?.label ?? (qp.value || placeholder));
      qp.hide();
    });
    qp.onDidHide(() => {
      if (!done) resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** Applies a rollout lens's edits, unless the document changed since the lens was computed. */
export async function applyEdits(client: LanguageClient, uri: string, version: number, edits: unknown[]): Promise<boolean> {
  const doc = await workspace.openTextDocument(Uri.parse(uri));
  if (doc.version !== version) {
    void window.showWarningMessage('The file changed since this action was offered; try again.');
    return false;
  }
  const converted = edits.map((e) => client.protocol2CodeConverter.asTextEdit(e as Parameters<typeof client.protocol2CodeConverter.asTextEdit>[0]));
  const edit = new WorkspaceEdit();
  edit.set(doc.uri, converted.filter((e): e is TextEdit => e !== undefined));
  return workspace.applyEdit(edit);
}
