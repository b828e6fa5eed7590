/**
 * The only file that creates the LSP connection. It wires documents, the
 * parse cache and the core's language service together; it does no analysis
 * of its own. Runs over IPC (from the VS Code client) or `--stdio`.
 */
import {
  createConnection,
  DocumentDiagnosticReportKind,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from './core/languageService';
import { DiagnosticsScheduler } from './lsp/diagnosticsScheduler';
import { ParseCache } from './lsp/parseCache';
import { runSafe, runSafeNotification } from './lsp/runSafe';

const VALIDATION_DELAY_MS = 200;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService();
const parses = new ParseCache((text) => service.parseFile(text));
const log = (message: string): void => connection.console.error(message);

let pullDiagnostics = false;

const validate = (document: TextDocument) => service.doValidation(document, parses.get(document));

const scheduler = new DiagnosticsScheduler(
  {
    get: (uri) => documents.get(uri),
    validate,
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
  },
  VALIDATION_DELAY_MS,
);

connection.onInitialize((params: InitializeParams): InitializeResult => {
  pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      ...(pullDiagnostics
        ? { diagnosticProvider: { identifier: 'istio', interFileDependencies: false, workspaceDiagnostics: false } }
        : {}),
    },
    serverInfo: { name: 'istio-yaml-language-server', version: '0.1.0' },
  };
});

connection.languages.diagnostics.on((params, token) =>
  runSafe(log, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, () => {
    const document = documents.get(params.textDocument.uri);
    const items = document ? validate(document) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
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
