// The measured workloads, run against one server definition (bench/servers.mjs)
// through the stdio LSP client (bench/lsp-client.mjs). Every loop is bounded
// by a sample count and a time budget; every wait has a deadline.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { applyEdits, pickEdits, pickPositions } from './generate.mjs';
import { startServer } from './lsp-client.mjs';

export const SAMPLES = { completion: 50, hover: 50, edits: 20, completionAfterEdit: 10 };

/** Deadlines (ms). A phase that runs past its budget stops early and reports how many samples it got. */
const REQUEST_TIMEOUT = 20000;
const DIAGNOSTICS_TIMEOUT = 90000;
const PHASE_BUDGET = 8000;
/** Past this, a phase stops after any number of samples (a server that needs 20 s per edit gets one). */
const PHASE_HARD_LIMIT = 20000;
const MIN_SAMPLES = 3;

const INDEX_TIMEOUT = 60000;

/** Should a sampling loop that started at `start` and has `n` samples stop? */
function overBudget(start, n) {
  const elapsed = performance.now() - start;
  return (n >= MIN_SAMPLES && elapsed > PHASE_BUDGET) || (n >= 1 && elapsed > PHASE_HARD_LIMIT);
}

/** A small document with one unknown field that every schema-aware server reports. */
export const WARM_UP = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: warm-up
spec:
  hosts:
  - warm-up
  http:
  - route:
    - destnation:
        host: warm-up
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: warm-up
spec:
  host: warm-up
  trafficPolicy:
    loadBalancer:
      simple: ROUND_ROBIN
`;

export function percentile(values, p) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function stats(samples, extra = {}) {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples), samples: samples.map((s) => +s.toFixed(2)), ...extra };
}

/** Main-thread CPU and run-queue wait of the server since `before` (ms). */
function cpuSince(server, before) {
  const now = server.cpu();
  return { cpuMs: now.cpuMs - before.cpuMs, waitMs: now.waitMs - before.waitMs };
}

function nonEmptyCompletion(r) {
  return Array.isArray(r) ? r.length > 0 : (r?.items?.length ?? 0) > 0;
}

function nonEmptyHover(r) {
  if (!r) return false;
  const c = r.contents;
  if (typeof c === 'string') return c.trim().length > 0;
  if (Array.isArray(c)) return c.length > 0;
  return (c?.value ?? '').trim().length > 0;
}

/** Starts the server and sends it its configuration (yaml-language-server: didChangeConfiguration). */
export async function launch(def, { rootUri = null } = {}) {
  const server = await startServer({ name: def.label, args: def.args, rootUri, settings: def.settings });
  await def.configure(server);
  return server;
}

async function warmUp(server, dir) {
  const uri = pathToFileURL(`${dir}/warm-up.yaml`).href;
  const since = server.nextSeq;
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: WARM_UP } });
  // Schema-backed diagnostics prove the configuration has been applied.
  await server.waitFor(() => server.published.find((p) => p.seq >= since && p.uri === uri && p.count > 0), DIAGNOSTICS_TIMEOUT, 'warm-up diagnostics');
  await server.request('textDocument/completion', { textDocument: { uri }, position: { line: 9, character: 9 } }, REQUEST_TIMEOUT);
  await server.request('textDocument/hover', { textDocument: { uri }, position: { line: 20, character: 10 } }, REQUEST_TIMEOUT);
  server.notify('textDocument/didClose', { textDocument: { uri } });
}

/** The JSON-RPC floor: a request for a method neither server has, answered at once with an error. */
async function roundTrip(server, n = 20) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await server.request('bench/ping', {}, REQUEST_TIMEOUT).catch(() => undefined);
    samples.push(performance.now() - t);
  }
  return stats(samples);
}

async function timedRequests(server, method, uri, positions, isNonEmpty) {
  const samples = [];
  let nonEmpty = 0;
  let error;
  const start = performance.now();
  for (const position of positions) {
    if (overBudget(start, samples.length)) break;
    const t = performance.now();
    try {
      const r = await server.request(method, { textDocument: { uri }, position: { line: position.line, character: position.character } }, REQUEST_TIMEOUT);
      samples.push(performance.now() - t);
      if (isNonEmpty(r)) nonEmpty++;
    } catch (e) {
      error = e.message;
      break;
    }
  }
  return stats(samples, { nonEmpty, error });
}

/**
 * One multi-document file of `count` resources, in a fresh server warmed up
 * on a small document (opened until its diagnostics arrive, closed):
 * didOpen -> first diagnostics, completion and hover at spread positions,
 * single-value edits -> diagnostics of that version, completion right after
 * an edit, and the server's memory at the end.
 */
export async function fileWorkload(def, { dir, name, text, count }) {
  const server = await launch(def);
  const result = { count, bytes: Buffer.byteLength(text), lines: text.split('\n').length, startMs: server.startMs };
  try {
    await warmUp(server, dir);
    result.roundTrip = await roundTrip(server);
    const uri = pathToFileURL(`${dir}/${name}`).href;
    let version = 1;
    let since = server.nextSeq;
    let cpu = server.cpu();
    let t = performance.now();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    const first = await server.waitForDiagnostics(uri, version, since, DIAGNOSTICS_TIMEOUT);
    result.firstDiagnosticsMs = first.t - t;
    result.firstDiagnosticsCpu = cpuSince(server, cpu);
    result.diagnosticsOnOpen = first.count;
    result.publishesVersion = first.version === version;

    result.completion = await timedRequests(server, 'textDocument/completion', uri, pickPositions(text, SAMPLES.completion, 'end'), nonEmptyCompletion);
    result.hover = await timedRequests(server, 'textDocument/hover', uri, pickPositions(text, SAMPLES.hover, 'middle'), nonEmptyHover);

    const edits = pickEdits(text, SAMPLES.edits);
    const moreEdits = pickEdits(applyEdits(text, edits), SAMPLES.completionAfterEdit);
    const editSamples = [];
    const editCpu = [];
    const editWait = [];
    let editError;
    let start = performance.now();
    for (const edit of edits) {
      if (overBudget(start, editSamples.length)) break;
      since = server.nextSeq;
      cpu = server.cpu();
      t = performance.now();
      server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: edit.range, text: edit.newText }] });
      try {
        const p = await server.waitForDiagnostics(uri, version, since, DIAGNOSTICS_TIMEOUT);
        editSamples.push(p.t - t);
        const used = cpuSince(server, cpu);
        editCpu.push(used.cpuMs);
        editWait.push(used.waitMs);
      } catch (e) {
        editError = e.message;
        break;
      }
    }
    result.edit = stats(editSamples, { error: editError, cpuP50: percentile(editCpu, 50), cpuP95: percentile(editCpu, 95), waitP50: percentile(editWait, 50) });

    // Completion typed right after a change: the new version has to be parsed first.
    const afterSamples = [];
    let afterNonEmpty = 0;
    let afterError;
    start = performance.now();
    for (const edit of moreEdits) {
      if (overBudget(start, afterSamples.length)) break;
      since = server.nextSeq;
      server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: edit.range, text: edit.newText }] });
      t = performance.now();
      try {
        // At the end of the edited line's key (`weight|: 42`): key completion there is what both servers answer.
        const position = { line: edit.range.start.line, character: edit.range.start.character - 2 };
        // The answer can wait behind a whole validation: allow as long as diagnostics may take.
        const r = await server.request('textDocument/completion', { textDocument: { uri }, position }, DIAGNOSTICS_TIMEOUT);
        afterSamples.push(performance.now() - t);
        if (nonEmptyCompletion(r)) afterNonEmpty++;
        await server.waitForDiagnostics(uri, version, since, DIAGNOSTICS_TIMEOUT); // settle before the next sample
      } catch (e) {
        afterError = e.message;
        break;
      }
    }
    result.completionAfterEdit = stats(afterSamples, { nonEmpty: afterNonEmpty, error: afterError });
    result.memory = server.memory();
    result.hoverWhileOpening = await hoversWhileOpening(server, dir, name, text);
  } catch (e) {
    result.error = e.message;
    result.memory ??= server.memory();
  } finally {
    await server.stop();
  }
  return result;
}

/**
 * Does a request wait for a big file being opened? A small file is opened,
 * then a copy of the workload file under a new name (parsed and validated
 * afresh), and from that didOpen until the copy's first diagnostics a hover
 * on the small file is sent every 50 ms (one at a time). The worst of those
 * waits is what a user working in another file feels while a big file loads.
 */
async function hoversWhileOpening(server, dir, name, text) {
  const other = pathToFileURL(`${dir}/other-file.yaml`).href;
  let since = server.nextSeq;
  server.notify('textDocument/didOpen', { textDocument: { uri: other, languageId: 'yaml', version: 1, text: WARM_UP } });
  await server.waitForDiagnostics(other, 1, since, DIAGNOSTICS_TIMEOUT);
  const uri = pathToFileURL(`${dir}/copy-of-${name}`).href;
  since = server.nextSeq;
  const samples = [];
  let nonEmpty = 0;
  let opened = false;
  let error;
  let next = performance.now();
  server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = server.waitForDiagnostics(uri, 1, since, DIAGNOSTICS_TIMEOUT).then(() => (opened = true));
  try {
    while (!opened) {
      const t = performance.now();
      const r = await server.request('textDocument/hover', { textDocument: { uri: other }, position: { line: 20, character: 10 } }, DIAGNOSTICS_TIMEOUT);
      samples.push(performance.now() - t);
      if (nonEmptyHover(r)) nonEmpty++;
      next += 50;
      const wait = next - performance.now();
      if (wait > 0 && !opened) await Promise.race([first, new Promise((resolve) => setTimeout(resolve, wait))]);
    }
    await first;
  } catch (e) {
    error = e.message;
  }
  return stats(samples, { nonEmpty, error });
}

/**
 * Edits that change a fact other files see, in the opened file of a
 * workspace: its first `subset:` reference toggled between two names, 10
 * times, each timed to its diagnostics. Per-keystroke work should follow the
 * edited document and what depends on it, not the size of the workspace.
 */
async function factEdits(server, uri, text) {
  const lines = text.split('\n');
  const line = lines.findIndex((l) => /subset: \S+/.test(l));
  if (line < 0) return { error: 'no subset reference in the opened file' };
  const start = lines[line].indexOf('subset: ') + 'subset: '.length;
  let current = lines[line].slice(start);
  const samples = [];
  let error;
  for (let i = 0, version = 1; i < 10; i++) {
    const next = current === 'v1' ? 'v2' : 'v1';
    const since = server.nextSeq;
    const t = performance.now();
    server.notify('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character: start }, end: { line, character: start + current.length } }, text: next }] });
    try {
      const p = await server.waitForDiagnostics(uri, version, since, DIAGNOSTICS_TIMEOUT);
      samples.push(p.t - t);
    } catch (e) {
      error = e.message;
      break;
    }
    current = next;
  }
  return stats(samples, { error });
}

/**
 * A fresh server with rootUri = the workspace folder: `initialized` -> the end
 * of the server's work-done progress (and the "indexed N YAML files" log
 * line, when it writes one); then one file of the workspace is opened and its
 * first diagnostics timed; then memory.
 */
export async function workspaceWorkload(def, { dir, fileCount, openFile, openText, indexes }) {
  const server = await launch(def, { rootUri: pathToFileURL(dir).href });
  const result = { files: fileCount, startMs: server.startMs };
  const cpu = server.cpu();
  try {
    if (indexes) {
      const end = await server.waitFor(() => server.progress.find((p) => p.kind === 'end'), INDEX_TIMEOUT, 'end of work-done progress');
      result.indexMs = end.t - server.initializedAt;
      const logged = await server
        .waitFor(() => server.logs.find((l) => /indexed (\d+) YAML files/.test(l.message)), 5000, '"indexed N YAML files" log')
        .catch(() => undefined);
      if (logged) {
        result.indexLogMs = logged.t - server.initializedAt;
        result.indexedFiles = Number(/indexed (\d+) YAML files/.exec(logged.message)[1]);
      }
      result.progressMessages = server.progress.length;
      result.indexCpu = cpuSince(server, cpu);
    }
    result.memoryAfterIndex = server.memory();
    const uri = pathToFileURL(openFile).href;
    const since = server.nextSeq;
    const cpuBefore = server.cpu();
    const t = performance.now();
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: openText } });
    const first = await server.waitForDiagnostics(uri, 1, since, DIAGNOSTICS_TIMEOUT);
    result.openFirstDiagnosticsMs = first.t - t;
    result.openFirstDiagnosticsCpu = cpuSince(server, cpuBefore);
    result.openDiagnostics = first.diagnostics.map((d) => d.code ?? d.message.slice(0, 60));
    result.memory = server.memory();
    result.factEdit = await factEdits(server, uri, openText);
  } catch (e) {
    result.error = e.message;
    result.memory ??= server.memory();
  } finally {
    await server.stop();
  }
  return result;
}
