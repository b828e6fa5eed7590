/**
 * The only file that creates the LSP connection. It wires documents, the
 * parse cache and the core's language service together; it does no analysis
 * of its own. Runs over IPC (from the VS Code client) or `--stdio`.
 */
import {
  createConnection,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DEFAULT_SETTINGS, getLanguageService, type Settings } from './core/languageService';
import { DiagnosticsScheduler } from './lsp/diagnosticsScheduler';
import { ParseCache } from './lsp/parseCache';
import { runSafe, runSafeNotification } from './lsp/runSafe';
import { fetchSettings, toSettings } from './lsp/settings';

const VALIDATION_DELAY_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService();
const parses = new ParseCache((text) => service.parseFile(text));
const log = (message: string): void => connection.console.error(message);

// A bug must cost one answer, never the server.
process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

let pullDiagnostics = false;
let refreshSupport = false;
let configurationPull = false;
let settings: Settings = DEFAULT_SETTINGS;

const validate = (document: TextDocument) => service.doValidation(document, parses.get(document), settings);

const scheduler = new DiagnosticsScheduler(
  {
    get: (uri) => documents.get(uri),
    validate,
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  },
  VALIDATION_DELAY_MS,
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  configurationPull = caps.workspace?.configuration === true;
  refreshSupport = caps.workspace?.diagnostics?.refreshSupport === true;
  const init = params.initializationOptions as { settings?: { istio?: Parameters<typeof toSettings>[0] } } | undefined;
  if (init?.settings?.istio) settings = toSettings(init.settings.istio);
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [':', ' ', '-'] },
      hoverProvider: true,
      ...(pullDiagnostics
        ? { diagnosticProvider: { identifier: 'istio', interFileDependencies: false, workspaceDiagnostics: false } }
        : {}),
    },
    serverInfo: { name: 'istio-yaml-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (!configurationPull) return;
  void connection.client.register(DidChangeConfigurationNotification.type, { section: 'istio' }).catch(() => undefined);
  void refreshSettings();
});

async function refreshSettings(): Promise<void> {
  settings = await fetchSettings(connection);
  revalidateAll();
}

function revalidateAll(): void {
  if (pullDiagnostics) {
    if (refreshSupport) connection.sendRequest("workspace/diagnostic/refresh").catch((e: unknown) => log(`diagnostics refresh failed: ${String(e)}`));
  } else for (const d of documents.all()) scheduler.schedule(d.uri);
}

connection.onDidChangeConfiguration((change) =>
  runSafeNotification(log, 'configuration', () => {
    const pushed = (change.settings as { istio?: Parameters<typeof toSettings>[0] } | undefined)?.istio;
    if (configurationPull) void refreshSettings();
    else if (pushed) {
      settings = toSettings(pushed);
      revalidateAll();
    }
  }),
);

connection.languages.diagnostics.on((params, token) =>
  runSafe(log, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, () => {
    const document = documents.get(params.textDocument.uri);
    const items = document ? validate(document) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  }),
);

connection.onCompletion((params, token) =>
  runSafe(log, 'completion', null, token, () => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.doComplete(document, parses.get(document), params.position) : null;
  }),
);

connection.onHover((params, token) =>
  runSafe(log, 'hover', null, token, () => {
    const document = documents.get(params.textDocument.uri);
    return document ? service.doHover(document, parses.get(document), params.position) : null;
  }),
);

documents.onDidOpen((e) =>
  runSafeNotification(log, 'open', () => {
    if (!pullDiagnostics) scheduler.schedule(e.document.uri, true);
  }),
);
documents.onDidChangeContent((e) =>
  runSafeNotification(log, 'change', () => {
    if (!pullDiagnostics) scheduler.schedule(e.document.uri);
  }),
);
documents.onDidClose((e) =>
  runSafeNotification(log, 'close', () => {
    parses.delete(e.document.uri);
    if (!pullDiagnostics) scheduler.clear(e.document.uri);
  }),
);

documents.listen(connection);
connection.listen();
