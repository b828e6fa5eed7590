/**
 * Reads one input into text without ever throwing: binary content (NUL
 * bytes) and invalid UTF-8 become an "unreadable" result with the position
 * of the first bad byte, files over the size limit are skipped. UTF-8 and
 * UTF-16 byte order marks are honoured.
 */
import { readFileSync, statSync } from 'node:fs';
import { describeError } from './discover';

export const MAX_BYTES = 5 * 1024 * 1024;

export type Loaded =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'unreadable'; readonly reason: string; readonly line: number; readonly column: number }
  | { readonly kind: 'skipped'; readonly reason: string };

export function loadFile(file: string): Loaded {
  try {
    const size = statSync(file).size;
    if (size > MAX_BYTES) return tooLarge(size);
    return decode(readFileSync(file));
  } catch (e) {
    return { kind: 'unreadable', reason: `cannot read the file: ${describeError(e)}`, line: 1, column: 1 };
  }
}

export async function loadStdin(stream: AsyncIterable<Buffer | string>): Promise<Loaded> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += b.length;
    if (size <= MAX_BYTES) chunks.push(b);
  }
  return size > MAX_BYTES ? tooLarge(size) : decode(Buffer.concat(chunks));
}

function tooLarge(size: number): Loaded {
  return { kind: 'skipped', reason: `larger than ${MAX_BYTES / 1024 / 1024} MB (${(size / 1024 / 1024).toFixed(1)} MB)` };
}

export function decode(buf: Buffer): Loaded {
  if (buf[0] === 0xff && buf[1] === 0xfe) return { kind: 'text', text: new TextDecoder('utf-16le').decode(buf.subarray(2)) };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { kind: 'text', text: new TextDecoder('utf-16le').decode(swapBytes(buf.subarray(2))) };
  const body = buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const nul = body.indexOf(0);
  if (nul >= 0) return unreadable(body, nul, 'binary content (a NUL byte), not a YAML text file');
  try {
    return { kind: 'text', text: STRICT_UTF8.decode(body) };
  } catch {
    const bad = Math.max(0, firstInvalidUtf8(body));
    return unreadable(body, bad, `not valid UTF-8 (byte 0x${(body[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')})`);
  }
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function swapBytes(b: Buffer): Buffer {
  const even = Buffer.from(b.subarray(0, b.length - (b.length % 2)));
  return even.swap16();
}

function unreadable(buf: Buffer, offset: number, reason: string): Loaded {
  let line = 1;
  let lineStart = 0;
  for (let i = buf.indexOf(10); i >= 0 && i < offset; i = buf.indexOf(10, i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { kind: 'unreadable', reason, line, column: offset - lineStart + 1 };
}

/** Offset of the first byte that breaks UTF-8 (overlong forms and surrogates included), else -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= b.length) return i;
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if (b[i + k] < 0x80 || b[i + k] > 0xbf) return i;
    i += n + 1;
  }
  return -1;
}
