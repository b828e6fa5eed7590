/**
 * When a document's YAML is broken, its tree no longer says where keys
 * belong, and checking values against it would only add confusing errors.
 * Instead each `key:` line is placed by indentation (as completion does) and
 * checked for being a known field, so a typo like `Port:` is still caught.
 */
import type { Reporter } from '../../findings';
import type { ParsedDocument, ParsedFile } from '../../parser';
import { cursorAt } from '../../path';
import { REMOVED } from '../../schema/deprecations';
import { fieldKey, node, nodeAtPath, type ResourceSchema, rootOf } from '../../schema/model';
import { scanLine } from '../../lineScan';
import { clip, label, schemaError, suggest } from './structure';

/** Lines beyond this are not checked in a broken document (the check is quadratic). */
const MAX_LINES = 3000;

export function checkKeysByLine(file: ParsedFile, doc: ParsedDocument, schema: ResourceSchema, report: Reporter): void {
  const text = file.text;
  const root = rootOf(schema);
  let lineStart = doc.start;
  for (let n = 0; n < MAX_LINES && lineStart < doc.end; n++) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0 || lineEnd > doc.end) lineEnd = doc.end;
    const line = scanLine(text.slice(lineStart, lineEnd).replace(/\r$/, ''));
    if (line.key !== undefined && line.keyCol !== undefined) {
      const keyStart = lineStart + line.keyCol;
      const ctx = cursorAt(file, keyStart + 1);
      if (ctx && ctx.kind === 'key') {
        const container = ctx.path.slice(0, -1);
        const parentId = nodeAtPath(root, container);
        const parent = parentId === undefined ? undefined : node(parentId);
        if (parent && parent.type === 'object' && parent.additionalProperties === undefined && !parent.preserveUnknownFields && parent.properties && !(line.key in parent.properties)) {
          const range: [number, number] = [keyStart, keyStart + (ctx.tokenEnd - ctx.tokenStart)];
          const removed = REMOVED[fieldKey(parent, line.key)];
          const guess = removed ? undefined : suggest(line.key, Object.keys(parent.properties));
          const message = removed
            ? `"${clip(line.key)}" is no longer supported in ${label(container)}: use "${removed.replacement}" instead.`
            : `Unknown field "${clip(line.key)}" in ${label(container)}.${guess ? ` Did you mean "${guess}"?` : ''}`;
          report.add(range, schemaError(removed ? 'removed-field' : 'unknown-field', message, guess ? { replacement: guess } : removed ? { replacement: removed.replacement } : undefined));
        }
      }
    }
    lineStart = lineEnd + 1;
  }
}
