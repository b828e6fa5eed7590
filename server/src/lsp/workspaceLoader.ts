/**
 * Reads the workspace's YAML files from disk for the index. This is the only
 * place the server walks folders: it skips `.git`, `node_modules`, the
 * user's exclude globs and files over the size limit, never follows a
 * symbolic link (so never out of the workspace, nor round a loop), and
 * yields to the event loop between batches so that editing stays responsive.
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

/**
 * Lists the YAML files under `root` that the index should hold, named by their path from
 * `root` as given (the name the editor uses, even when `root` itself is a link). Symbolic
 * links inside the folder are not followed: one leading out of the workspace must not be
 * read, one leading to another place inside it names files that the walk finds under
 * their own name anyway, and not following any means no loop can form.
 */
export async function findYamlFiles(root: string, options: LoaderOptions, isCancelled: () => boolean = () => false): Promise<FoundFile[]> {
  const skipped = exclusions(options);
  const out: FoundFile[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < MAX_FILES && !isCancelled()) {
    const dir = queue.shift()!;
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      if (ALWAYS_SKIPPED.has(e.name) || e.isSymbolicLink()) continue;
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (skipped(rel) || skipped(`${rel}/`)) continue;
      if (e.isDirectory()) queue.push(full);
      else if (e.isFile() && YAML.test(e.name)) {
        const st = await fs.lstat(full).catch(() => undefined);
        if (st?.isFile() && st.size <= options.maxFileSize) out.push({ path: full, size: st.size });
      }
    }
    await yieldToEventLoop();
  }
  return out;
}

/** Does `rel` (a path relative to a workspace folder, `/`-separated) match one of the user's exclude globs? */
function exclusions(options: LoaderOptions): (rel: string) => boolean {
  const excluded = picomatch([...options.exclude], { dot: true });
  return (rel) => rel !== '' && excluded(rel);
}

/**
 * Would the walk skip `file` (an absolute path as named, under one of `folders`)? True when
 * it is under none of them, or under `.git`/`node_modules`/..., or an exclude glob matches it
 * or one of its folders. File-watch events use this so that they index only what the walk would.
 */
export function excludedFromIndex(file: string, folders: readonly string[], options: LoaderOptions): boolean {
  const skipped = exclusions(options);
  for (const folder of folders) {
    if (!inside(folder, file)) continue;
    const parts = path.relative(folder, file).split(path.sep);
    if (parts.some((p) => ALWAYS_SKIPPED.has(p))) return true;
    for (let i = 1; i <= parts.length; i++) {
      const rel = parts.slice(0, i).join('/');
      if (skipped(rel) || (i < parts.length && skipped(`${rel}/`))) return true;
    }
    return false;
  }
  return true;
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

/**
 * Is `file` a file the walk could reach: under one of the workspace folders by name, and
 * the same file once links are resolved (so no link inside the folder is on its path, and
 * none takes it outside)?
 */
export async function insideWorkspace(file: string, folders: readonly string[]): Promise<boolean> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (!real) return false;
  for (const f of folders) {
    if (!inside(f, file)) continue;
    const root = await fs.realpath(f).catch(() => f);
    if (samePath(real, path.join(root, path.relative(f, file)))) return true;
  }
  return false;
}

/** Windows and macOS file systems usually ignore case (and URIs carry `c:` where realpath says `C:`). */
function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}
