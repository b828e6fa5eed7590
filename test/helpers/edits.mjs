// Applying LSP text edits and workspace edits to plain texts, as an editor would.
import assert from 'node:assert/strict';
import { textDocument } from './core.mjs';

/** Applies LSP TextEdits (non-overlapping, positions in the original text) to `text`. */
export function applyEdits(text, edits) {
  const doc = textDocument(text);
  const spans = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  for (let i = 1; i < spans.length; i++) assert.ok(spans[i].end <= spans[i - 1].start, 'edits overlap');
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Applies a WorkspaceEdit's `changes` to `texts` ({ uri: text }); returns the changed texts by uri. */
export function applyWorkspaceEdit(texts, edit) {
  const out = {};
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) {
    assert.ok(uri in texts, `edit of an unknown file ${uri}`);
    out[uri] = applyEdits(texts[uri], edits);
  }
  return out;
}
