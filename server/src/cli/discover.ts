/**
 * Turns the path arguments into the list of files to check: files as given,
 * folders walked recursively for `*.yaml` / `*.yml` (skipping `.git` and
 * `node_modules`), `-` for standard input. A missing or unreadable argument
 * is an error (exit status 2); trouble deeper in a walk is a notice.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import type { IgnoreTest } from './ignore';

export interface Input {
  /** Shown path: relative to the working directory, `/`-separated; `-` for stdin. */
  readonly path: string;
  /** Absolute path on disk (absent for stdin). */
  readonly file?: string;
}

export interface Discovery {
  readonly inputs: Input[];
  /** Problems with the arguments themselves: the run stops with status 2. */
  readonly errors: string[];
  readonly notices: string[];
}

const SKIP_DIRS = new Set(['.git', 'node_modules']);
const YAML_FILE = /\.ya?ml$/i;

export function discover(args: readonly string[], ignored: IgnoreTest, cwd: string): Discovery {
  const out: Discovery = { inputs: [], errors: [], notices: [] };
  const seen = new Set<string>();
  const add = (file: string, rels: string[]) => {
    if (seen.has(file) || ignored(rels)) return;
    seen.add(file);
    out.inputs.push({ path: displayPath(file, cwd), file });
  };
  for (const arg of args) {
    if (arg === '-') {
      if (!seen.has('-')) out.inputs.push({ path: '-' });
      seen.add('-');
      continue;
    }
    const abs = path.resolve(cwd, arg);
    const kind = statKind(abs);
    if (typeof kind !== 'string') out.errors.push(`${arg}: ${describeError(kind.error)}`);
    else if (kind === 'file') add(abs, [displayPath(abs, cwd)]);
    else if (kind === 'dir') walkRoot(abs, arg, out, (file, relToRoot) => add(file, [displayPath(file, cwd), relToRoot]), ignored, cwd);
    else out.errors.push(`${arg}: not a file or folder`);
  }
  return out;
}

function walkRoot(root: string, arg: string, out: Discovery, add: (file: string, relToRoot: string) => void, ignored: IgnoreTest, cwd: string): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(root, { withFileTypes: true });
  } catch (e) {
    out.errors.push(`${arg}: ${describeError(e)}`);
    return;
  }
  const visited = new Set<string>([safeRealpath(root)]);
  const walk = (dir: string, list: Dirent[]) => {
    for (const entry of list.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      const relToRoot = toSlash(path.relative(root, full));
      const kind = entry.isSymbolicLink() ? statKind(full) : entry.isDirectory() ? 'dir' : entry.isFile() ? 'file' : 'other';
      if (kind === 'dir') {
        if (SKIP_DIRS.has(entry.name) || ignored([displayPath(full, cwd), relToRoot])) continue;
        const real = safeRealpath(full);
        if (visited.has(real)) continue; // a symlink loop, or a folder seen through another link
        visited.add(real);
        try {
          walk(full, readdirSync(full, { withFileTypes: true }));
        } catch (e) {
          out.notices.push(`skipped ${displayPath(full, cwd)}/: ${describeError(e)}`);
        }
      } else if (kind === 'file' && YAML_FILE.test(entry.name)) add(full, relToRoot);
    }
  };
  walk(root, entries);
}

type Kind = 'file' | 'dir' | 'other' | { error: unknown };

function statKind(p: string): Kind {
  try {
    const s = statSync(p);
    return s.isFile() ? 'file' : s.isDirectory() ? 'dir' : 'other';
  } catch (error) {
    return { error };
  }
}

function safeRealpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return toSlash(rel === '' ? '.' : rel);
}

function toSlash(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

export function describeError(e: unknown): string {
  const code = (e as { code?: string } | null)?.code;
  if (code === 'ENOENT') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'not a folder';
  return e instanceof Error ? e.message : String(e);
}
