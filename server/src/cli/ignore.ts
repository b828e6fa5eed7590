/**
 * `--ignore GLOB` (picomatch syntax). A glob with a `/` is matched against
 * the path relative to the working directory and relative to the folder
 * argument the file was found under; a glob without one is matched against
 * each file or folder name at any depth (as in .gitignore). A path is ignored
 * when it or any folder above it matches, so `vendor` and `vendor/**` both
 * skip everything under vendor/.
 */
import picomatch from 'picomatch';

export type IgnoreTest = (relativePaths: readonly string[]) => boolean;

export function compileIgnore(globs: readonly string[]): IgnoreTest {
  if (globs.length === 0) return () => false;
  const clean = globs.map((g) => g.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, ''));
  const byName = matcher(clean.filter((g) => !g.includes('/')));
  const byPath = matcher(clean.filter((g) => g.includes('/')));
  return (relativePaths) =>
    relativePaths.some((p) => {
      const parts = p.split('/').filter((s) => s !== '' && s !== '.');
      for (let i = parts.length; i > 0; i--) {
        if (byName(parts[i - 1]) || byPath(parts.slice(0, i).join('/'))) return true;
      }
      return false;
    });
}

function matcher(globs: string[]): (path: string) => boolean {
  return globs.length === 0 ? () => false : picomatch(globs, { dot: true });
}
