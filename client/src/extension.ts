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

/** Restarts a crashed server (up to 5 times in 3 minutes) and says so once per session. */
function restartingErrorHandler(): ErrorHandler {
  const restarts: number[] = [];
  let told = false;
  return {
    error: () => ({ action: ErrorAction.Continue }),
    closed: () => {
      const now = Date.now();
      restarts.push(now);
      while (restarts.length && now - restarts[0] > 3 * 60 * 1000) restarts.shift();
      if (restarts.length > 5) {
        void window.showErrorMessage('The Istio YAML language server stopped 5 times in 3 minutes and will not be restarted. See the "Istio YAML" output for details.');
        return { action: CloseAction.DoNotRestart };
      }
      if (!told) {
        told = true;
        void window.showWarningMessage('The Istio YAML language server stopped unexpectedly and was restarted.');
      }
      return { action: CloseAction.Restart };
    },
  };
}
