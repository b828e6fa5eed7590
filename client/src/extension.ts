/**
 * The VS Code side: starts the Istio language server for YAML documents,
 * restarts it if it dies (telling the user once), and hosts the commands
 * that need UI ("Generate Canary", applying rollout lens edits). All analysis
 * happens in the server.
 */
import * as path from 'path';
import { commands, window, type ExtensionContext } from 'vscode';
import {
  CloseAction,
  ErrorAction,
  LanguageClient,
  State,
  TransportKind,
  type ErrorHandler,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { applyEdits, generateCanary } from './commands';
import { RestartPolicy } from './restartPolicy';

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath(path.join('server', 'dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  const outputChannel = window.createOutputChannel('Istio YAML');
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    outputChannel,
    errorHandler: restartingErrorHandler(),
  };
  client = new LanguageClient('istio', 'Istio YAML', serverOptions, clientOptions);
  const c = client;
  context.subscriptions.push(
    outputChannel,
    commands.registerCommand('istio.generateCanary', (args?: unknown) => generateCanary(c, args)),
    commands.registerCommand('istio.applyEdits', (uri: string, version: number, edits: unknown[]) => applyEdits(c, uri, version, edits)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  if (client && client.state === State.Running) await client.stop();
  client = undefined;
}

/** Restarts a crashed server (see RestartPolicy for how often) and tells the user once. */
function restartingErrorHandler(): ErrorHandler {
  const policy = new RestartPolicy();
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const decision = policy.onClosed();
      if (decision.message?.severity === 'error') void window.showErrorMessage(decision.message.text);
      else if (decision.message) void window.showWarningMessage(decision.message.text);
      return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart };
    },
  };
}
