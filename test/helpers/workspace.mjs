// Multi-file test workspaces: every file is parsed and indexed into one
// language service, as the server does for a workspace folder. A `|` in one
// file marks the cursor.
import { core, textDocument } from './core.mjs';

/**
 * files: { 'shop/vs.yaml': text, ... }. Returns the service, the documents,
 * and (when a file holds a `|`) the cursor's document, parse and position.
 */
export function workspace(files, settings) {
  const service = core.getLanguageService();
  const docs = {};
  let cursor;
  for (const [name, src] of Object.entries(files)) {
    let text = src;
    const uri = `file:///ws/${name}`;
    const marker = src.indexOf('|');
    if (marker >= 0 && /\|(?![-+0-9]*\s*$)|\|$/m.test(src) && src.includes('|') && !cursor && isCursor(src, marker)) {
      text = src.slice(0, marker) + src.slice(marker + 1);
      cursor = { uri, offset: marker };
    }
    const doc = textDocument(text, uri);
    const parsed = service.parseFile(text);
    service.indexFile(uri, parsed);
    docs[name] = { uri, doc, parsed };
  }
  const at = cursor && Object.values(docs).find((d) => d.uri === cursor.uri);
  return {
    service,
    docs,
    settings: settings ?? core.DEFAULT_SETTINGS,
    cursor: at && { ...at, position: at.doc.positionAt(cursor.offset), offset: cursor.offset },
    /** Diagnostics of one file, compact. */
    diagnose(name) {
      const { doc, parsed } = docs[name];
      return service.doValidation(doc, parsed, settings ?? core.DEFAULT_SETTINGS).map((d) => ({
        code: d.code,
        rule: d.data?.rule,
        severity: d.severity,
        range: `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1}`,
        message: d.message,
      }));
    },
    /** Re-parses a file after an edit (a new text), as the server does on change. */
    change(name, text) {
      const d = docs[name];
      d.doc = textDocument(text, d.uri);
      d.parsed = service.parseFile(text);
      service.indexFile(d.uri, d.parsed);
    },
  };
}

// A `|` is the cursor unless it is a YAML block scalar indicator (`key: |` at line end).
function isCursor(src, i) {
  const lineEnd = src.indexOf('\n', i);
  const after = src.slice(i + 1, lineEnd < 0 ? undefined : lineEnd);
  const before = src.slice(src.lastIndexOf('\n', i - 1) + 1, i);
  return !(/:\s*$/.test(before) && /^[-+0-9]*\s*$/.test(after));
}
