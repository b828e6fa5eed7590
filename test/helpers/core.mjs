// Test helpers for the core: they call the facade only (the bundled
// server/dist/languageService.js) and never open a connection.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const core = require(path.join(root, 'server/dist/languageService.js'));
const { TextDocument } = require('vscode-languageserver-textdocument');

export const service = core.getLanguageService();

/** Splits a fixture on its `|` cursor marker. */
export function withCursor(src) {
  const offset = src.indexOf('|');
  assert.ok(offset >= 0, 'fixture has no | cursor marker');
  return { text: src.slice(0, offset) + src.slice(offset + 1), offset };
}

export function textDocument(text, uri = 'file:///test.yaml') {
  return TextDocument.create(uri, 'yaml', 1, text);
}

export function fixture(rel) {
  return readFileSync(path.join(root, 'test/fixtures', rel), 'utf8');
}

/** Asserts the cursor context at the `|` of `src`. */
export function checkPath(src, expected) {
  const { text, offset } = withCursor(src);
  const ctx = service.getCursorContext(service.parseFile(text), offset);
  const actual = ctx && { path: core.formatPath(ctx.path), kind: ctx.kind, prefix: ctx.prefix };
  assert.deepEqual(actual, expected);
}

/** Validates a text and returns compact diagnostics: code, range as L:C-L:C (1-based), severity. */
export function diagnose(text) {
  const doc = textDocument(text);
  return service.doValidation(doc, service.parseFile(text)).map((d) => ({
    code: d.code,
    severity: d.severity,
    range: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
    source: d.source,
    rule: d.data?.rule,
    message: d.message,
  }));
}

/** Completion at the cursor: the items, each with the text it would insert. */
export function complete(src) {
  const { text, offset } = withCursor(src);
  const doc = textDocument(text);
  return service.doComplete(doc, service.parseFile(text), doc.positionAt(offset)).items;
}

/**
 * Asserts completion labels at the cursor: `includes` all present, `excludes`
 * all absent, `first` the labels that must lead the (sorted) list.
 */
export function checkComplete(src, { includes = [], excludes = [], first, exactly } = {}) {
  const items = complete(src);
  const labels = items.map((i) => i.label);
  for (const l of includes) assert.ok(labels.includes(l), `missing ${l} in ${labels.join(', ')}`);
  for (const l of excludes) assert.ok(!labels.includes(l), `unexpected ${l}`);
  if (exactly) assert.deepEqual([...labels].sort(), [...exactly].sort());
  if (first) {
    const sorted = [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label)).map((i) => i.label);
    assert.deepEqual(sorted.slice(0, first.length), first);
  }
  return items;
}

/** The hover markdown at the cursor (or null). */
export function hover(src) {
  const { text, offset } = withCursor(src);
  const doc = textDocument(text);
  const h = service.doHover(doc, service.parseFile(text), doc.positionAt(offset));
  return h && { value: h.contents.value, range: h.range };
}

/**
 * Like diagnose(), with explicit settings (merged over the defaults) and by
 * default without the cross-file checks, so that a fixture is judged alone.
 */
export function diagnoseWith(text, settings = {}, uri = 'file:///fixture.yaml') {
  const doc = textDocument(text, uri);
  const merged = { ...core.DEFAULT_SETTINGS, crossFileChecks: false, ...settings };
  return service.doValidation(doc, service.parseFile(text), merged).map((d) => ({
    code: d.code,
    severity: d.severity,
    range: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
    rule: d.data?.rule,
    message: d.message,
    data: d.data,
  }));
}
