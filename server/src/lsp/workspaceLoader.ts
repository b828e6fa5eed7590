/**
 * Reads the workspace's YAML files from disk for the index. This is the only
 * place the server walks folders: it skips `.git`, `node_modules`, the
 * user's exclude globs and files over the size limit, never follows a
 * symbolic link out of the workspace (or round a loop), and yields to the
 * event loop between batches so that editing stays responsive.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import picomatch from 'picomatch';

export interface LoaderOptions {
  /** Globs (relative to the workspace folder) of files and folders to skip. */
  readonly exclude: readonly string[];
  readonly maxFileSize: number;
}

export interface FoundFile {
  readonly path: string;
  readonly size: number;
}

const ALWAYS_SKIPPED = new Set(['.git', 'node_modules', '.hg', '.svn']);
const YAML = /\.ya?ml$/i;
const MAX_FILES = 50000;

/** Lists the YAML files under `root` that the index should hold. */
export async function findYamlFiles(root: string, options: LoaderOptions, isCancelled: () => boolean = () => false): Promise<FoundFile[]> {
  const realRoot = await fs.realpath(root).catch(() => root);
  const excluded = picomatch([...options.exclude], { dot: true });
  const out: FoundFile[] = [];
  const seenDirs = new Set<string>();
  const queue = [realRoot];
  while (queue.length > 0 && out.length < MAX_FILES && !isCancelled()) {
    const dir = queue.shift()!;
    if (seenDirs.has(dir)) continue;
    seenDirs.add(dir);
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name)) continue;
      let full = path.join(dir, e.name);
      const rel = path.relative(realRoot, full).split(path.sep).join('/');
      if (excluded(rel) || excluded(`${rel}/`)) continue;
      let isDir = e.isDirectory();
      let isFile = e.isFile();
      if (e.isSymbolicLink()) {
        const target = await fs.realpath(full).catch(() => undefined);
        if (!target || !inside(realRoot, target)) continue; // leaves the workspace, or dangling
        const st = await fs.stat(target).catch(() => undefined);
        if (!st) continue;
        full = target;
        isDir = st.isDirectory();
        isFile = st.isFile();
      }
      if (isDir) queue.push(full);
      else if (isFile && YAML.test(e.name)) {
        const st = await fs.stat(full).catch(() => undefined);
        if (st && st.size <= options.maxFileSize) out.push({ path: full, size: st.size });
      }
    }
    await yieldToEventLoop();
  }
  return out;
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Reads a file as UTF-8 text; undefined for unreadable, binary (NUL bytes) or oversized files. */
export async function readText(file: string, maxFileSize: number): Promise<string | undefined> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile() || st.size > maxFileSize) return undefined;
    const buf = await fs.readFile(file);
    if (buf.includes(0)) return undefined;
    return buf.toString('utf8');
  } catch {
    return undefined;
  }
}

/** Is `file` inside one of the workspace folders (after resolving links)? */
export async function insideWorkspace(file: string, folders: readonly string[]): Promise<boolean> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (!real) return false;
  for (const f of folders) {
    const root = await fs.realpath(f).catch(() => f);
    if (inside(root, real)) return true;
  }
  return false;
}
