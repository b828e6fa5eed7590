/**
 * The only file that creates the LSP connection. It wires documents, the
 * parse cache, the workspace index and the core's language service together;
 * it does no analysis of its own. Runs over IPC (from the VS Code client) or
 * `--stdio`.
 */
import {
  CancellationToken,
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  type DocumentDiagnosticReport,
  FileChangeType,
  ProposedFeatures,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService, type CanaryOptions, type CanaryResult, type ParsedFile } from './core/languageService';
import { DiagnosticsScheduler } from './lsp/diagnosticsScheduler';
import { ParseCache } from './lsp/parseCache';
import { runInSlices } from './lsp/slices';
import { checkParams, injectFault, RenameRefused, runSafe, runSafeNotification, type ParamPart } from './lsp/runSafe';
import { answerWithin, DEFAULT_SERVER_SETTINGS, fetchSettings, toSettings, type ClientSettings, type ServerSettings } from './lsp/settings';
import { WorkspaceSync, type IndexProgress } from './lsp/workspaceSync';

const VALIDATION_DELAY_MS = 200;
const DEPENDENTS_DELAY_MS = 300;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = getLanguageService();
/** Failures (a feature that threw, settings that could not be read): shown as errors in the client's log. */
const log = (message: string): void => connection.console.error(message);
/** What the server did (indexing done, test hooks armed): informational. */
const info = (message: string): void => connection.console.info(message);
/**
 * Test-only: ISTIO_YAML_FAULT=<language service method> (e.g. `doHover`) makes that method
 * throw on every call, so that test/server/protocol.test.mjs can prove that one failing
 * feature is logged and answers empty while the others keep working. This is the only
 * place the variable is read; it is never set in normal use.
 */
const faultNotice = injectFault(service, process.env.ISTIO_YAML_FAULT);

// A bug must cost one answer, never the server.
process.on('uncaughtException', (e) => log(`uncaught: ${e.stack ?? e.message}`));
process.on('unhandledRejection', (e) => log(`unhandled rejection: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`));

let pullDiagnostics = false;
let refreshSupport = false;
let configurationPull = false;
let progressSupport = false;
let watcherRegistration = false;
let settings: ServerSettings = DEFAULT_SERVER_SETTINGS;

/** Parses are cached by uri + version, and every new parse of an open document is indexed. */
const parses = new ParseCache((text, previous) => service.parseFileSteps(text, previous));
let seenFacts = 0;
const parsed = (document: TextDocument) => {
  const file = parses.get(document);
  service.indexFile(document.uri, file);
  if (service.workspace.factsGeneration !== seenFacts) {
    seenFacts = service.workspace.factsGeneration;
    revalidateDependents(document.uri);
  }
  return file;
};
const validate = (document: TextDocument) => service.doValidation(document, parsed(document), settings.analysis);

/**
 * A validation's heavy work in steps, for lsp/slices.ts: the parse (in steps
 * when it is the first parse of a big file), indexing, each document's
 * findings, each resource's cross-file findings. `validate` afterwards
 * reuses all of it.
 */
function* preparing(document: TextDocument): Generator<void, void, void> {
  const work = service.prepareValidation(document, yield* parsing(document), settings.analysis);
  while (!work.next().done) yield;
  parsed(document); // indexed by now: this only tells the other open files when facts changed
}

/** The parse of a document, in steps when it is the first parse of a big file (lsp/parseCache.ts). */
function* parsing(document: TextDocument): Generator<void, ParsedFile, void> {
  const steps = parses.begin(document);
  while (!steps.next().done) yield;
  return parses.get(document);
}

/** Parses and indexes a document (in slices, for a big file just opened), for clients that pull diagnostics. */
function indexInSlices(document: TextDocument): void {
  const { uri, version } = document;
  const live = () => documents.get(uri)?.version === version;
  function* indexing(): Generator<void, void, void> {
    yield* service.workspace.prepare(uri, yield* parsing(document));
  }
  void runInSlices(indexing(), live)
    .then((spent) => {
      if (spent !== undefined && live()) parsed(document);
    })
    .catch((e: unknown) => log(`indexing ${uri} failed: ${String(e)}`));
}

const scheduler = new DiagnosticsScheduler(
  {
    get: (uri) => documents.get(uri),
    // Isolated like a request: a failing validation is logged and publishes no findings.
    validate: (document) => {
      const result = runSafe(log, 'diagnostics', [], undefined, () => validate(document));
      return Array.isArray(result) ? result : [];
    },
    publish: (uri, version, diagnostics) => void connection.sendDiagnostics({ uri, version, diagnostics }),
    // Parse and per-document findings in steps: the scheduler pauses between slices so requests are answered meanwhile.
    prepare: (document) => preparing(document),
  },
  VALIDATION_DELAY_MS,
);

let dependentsTimer: NodeJS.Timeout | undefined;
/** Another file's facts changed: the other open documents' cross-file diagnostics may be stale. */
function revalidateDependents(changedUri?: string): void {
  if (dependentsTimer) clearTimeout(dependentsTimer);
  dependentsTimer = setTimeout(() => {
    dependentsTimer = undefined;
    if (pullDiagnostics) {
      if (refreshSupport) connection.sendRequest('workspace/diagnostic/refresh').catch((e: unknown) => log(`diagnostics refresh failed: ${String(e)}`));
    } else {
      for (const d of documents.all()) if (d.uri !== changedUri) scheduler.refresh(d.uri);
    }
  }, DEPENDENTS_DELAY_MS);
}

const sync = new WorkspaceSync(service, (uri) => revalidateDependents(uri));

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  pullDiagnostics = caps.textDocument?.diagnostic !== undefined;
  configurationPull = caps.workspace?.configuration === true;
  refreshSupport = caps.workspace?.diagnostics?.refreshSupport === true;
  progressSupport = caps.window?.workDoneProgress === true;
  watcherRegistration = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
  const init = params.initializationOptions as { settings?: { istio?: ClientSettings } } | undefined;
  if (init?.settings?.istio) settings = toSettings(init.settings.istio);
  applySettings();
  sync.setFolders(params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: [':', ' ', '-', '/'] },
      hoverProvider: true,
      codeLensProvider: { resolveProvider: false },
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: { prepareProvider: true },
      documentSymbolProvider: true,
      workspaceSymbolProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      ...(pullDiagnostics
        ? { diagnosticProvider: { identifier: 'istio', interFileDependencies: true, workspaceDiagnostics: false } }
        : {}),
    },
    serverInfo: { name: 'istio-yaml-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (faultNotice) info(faultNotice);
  if (configurationPull) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: ['istio', 'files'] }).catch(() => undefined);
  }
  if (watcherRegistration) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{yaml,yml}' }] }).catch(() => undefined);
  }
  void (async () => {
    if (configurationPull) settings = await fetchSettings(connection);
    applySettings();
    await indexWorkspace();
  })().catch((e: unknown) => log(`indexing failed: ${String(e)}`));
});

function applySettings(): void {
  service.workspace.setDefaultNamespace(settings.analysis.defaultNamespace);
  sync.setOptions(settings.index);
}

async function indexWorkspace(): Promise<void> {
  const progress = progressSupport ? await workDoneProgress() : undefined;
  const count = await sync.indexAll(progress);
  const t = sync.lastRun;
  info(`indexed ${count} YAML files in ${Math.round(t.totalMs)} ms (finding them ${Math.round(t.walkMs)} ms, parsing and indexing ${Math.round(t.parseMs)} ms)`);
  revalidateDependents();
}

/** Progress for indexing, if the client creates it in time (a client that never answers gets none). */
async function workDoneProgress(): Promise<IndexProgress | undefined> {
  const reporter = await answerWithin(connection.window.createWorkDoneProgress()).catch(() => undefined);
  if (!reporter) return undefined;
  return {
    begin: (total) => reporter.begin('Indexing Istio resources', 0, `${total} YAML files`, false),
    report: (done, total) => reporter.report(Math.round((done / Math.max(total, 1)) * 100), `${done}/${total} files`),
    done: () => reporter.done(),
  };
}

connection.onDidChangeConfiguration((change) =>
  runSafeNotification(log, 'configuration', () => {
    const pushed = (change.settings as { istio?: ClientSettings } | undefined)?.istio;
    void (async () => {
      const before = JSON.stringify(settings.index);
      if (configurationPull) settings = await fetchSettings(connection);
      else if (pushed) settings = toSettings(pushed);
      applySettings();
      if (JSON.stringify(settings.index) !== before) await indexWorkspace();
      else revalidateDependents();
    })().catch((e: unknown) => log(`settings failed: ${String(e)}`));
  }),
);

connection.onDidChangeWatchedFiles((params) =>
  runSafeNotification(log, 'watched files', () => {
    for (const change of params.changes) {
      if (change.type === FileChangeType.Deleted && !documents.get(change.uri)) {
        if (service.workspace.remove(change.uri)) revalidateDependents(change.uri);
      } else void sync.refreshFromDisk(change.uri);
    }
  }),
);

connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport | ResponseError<never>> => {
  // The per-document work first, in slices (lsp/slices.ts): other requests are answered in between.
  const ready = runSafe(log, 'diagnostics', undefined, token, () => {
    checkParams(params, 'textDocument');
    const document = documents.get(params.textDocument.uri);
    return document && { document, steps: preparing(document) };
  });
  if (ready instanceof ResponseError) return ready;
  if (ready) await runInSlices(ready.steps, () => !token.isCancellationRequested && documents.get(ready.document.uri) === ready.document);
  return runSafe(log, 'diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] }, token, () => {
    const document = documents.get(params.textDocument.uri);
    const items = document ? validate(document) : [];
    return { kind: DocumentDiagnosticReportKind.Full, items };
  });
});

/**
 * Runs a request on an open document: params missing a part the handler reads get
 * InvalidParams, unknown documents get the empty answer, failures are logged (runSafe).
 */
function onDocument<T>(
  label: string,
  fallback: T,
  params: { textDocument: { uri: string } },
  parts: ParamPart[],
  token: CancellationToken,
  fn: (document: TextDocument, file: ParsedFile) => T,
) {
  return runSafe(log, label, fallback, token, () => {
    checkParams(params, 'textDocument', ...parts);
    const document = documents.get(params.textDocument.uri);
    return document ? fn(document, parsed(document)) : fallback;
  });
}

connection.onCompletion((p, token) => onDocument('completion', null, p, ['position'], token, (d, f) => service.doComplete(d, f, p.position)));
connection.onHover((p, token) => onDocument('hover', null, p, ['position'], token, (d, f) => service.doHover(d, f, p.position)));
connection.onDefinition((p, token) => onDocument('definition', [], p, ['position'], token, (d, f) => service.findDefinition(d, f, p.position)));
connection.onReferences((p, token) =>
  onDocument('references', [], p, ['position', 'referenceContext'], token, (d, f) => service.findReferences(d, f, p.position, p.context.includeDeclaration)),
);
connection.onPrepareRename((p, token) =>
  onDocument('prepare rename', null, p, ['position'], token, (d, f) => {
    const placeholder = service.prepareRename(d, f, p.position);
    if (placeholder) return placeholder;
    const why = service.validateRename(d, f, p.position);
    if (why) throw new RenameRefused(why.error);
    return null;
  }),
);
connection.onRenameRequest((p, token) =>
  onDocument('rename', null, p, ['position', 'newName'], token, (d, f) => {
    const why = service.validateRename(d, f, p.position, p.newName);
    if (why) throw new RenameRefused(why.error);
    return service.doRename(d, f, p.position, p.newName);
  }),
);
connection.onDocumentSymbol((p, token) => onDocument('document symbols', [], p, [], token, (d, f) => service.findDocumentSymbols(d, f)));
connection.onWorkspaceSymbol((p, token) =>
  runSafe(log, 'workspace symbols', [], token, () => {
    checkParams(p, 'query');
    return service.findWorkspaceSymbols(p.query);
  }),
);
connection.onCodeAction((p, token) =>
  onDocument('code actions', [], p, ['range', 'codeActionContext'], token, (d, f) => service.doCodeActions(d, f, p.range, p.context.diagnostics)),
);
connection.onCodeLens((p, token) => onDocument('code lens', [], p, [], token, (d, f) => (settings.codeLens ? service.findCodeLenses(d, f) : [])));

/** Custom requests of the VS Code client's "Generate Canary" command. */
connection.onRequest('istio/workspaceFacts', () => runSafe(log, 'workspace facts', { hosts: [], subsets: {}, gateways: [] }, undefined, () => service.workspaceFacts()));
connection.onRequest('istio/generateCanary', (options: CanaryOptions) =>
  runSafe(log, 'generate canary', { ok: false, error: 'The canary could not be generated.' } as CanaryResult, undefined, () => service.generateCanary(options)),
);

documents.onDidOpen((e) =>
  runSafeNotification(log, 'open', () => {
    sync.didOpen(e.document.uri);
    // Parsed in slices by the first validation (push) or here (pull): requests are answered while a big file is read.
    if (pullDiagnostics) indexInSlices(e.document);
    else scheduler.schedule(e.document.uri, true);
  }),
);
documents.onDidChangeContent((e) =>
  runSafeNotification(log, 'change', () => {
    if (pullDiagnostics) indexInSlices(e.document); // re-index now: other files' diagnostics may depend on it
    else scheduler.schedule(e.document.uri);
  }),
);
documents.onDidClose((e) =>
  runSafeNotification(log, 'close', () => {
    parses.delete(e.document.uri);
    if (!pullDiagnostics) scheduler.clear(e.document.uri);
    void sync.didClose(e.document.uri);
  }),
);

documents.listen(connection);
connection.listen();
