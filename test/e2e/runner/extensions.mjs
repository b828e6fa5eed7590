// The extensions of an e2e run: the extension under test (the packaged .vsix, installed
// with server-main.js --install-extension, or the build copied as a .vsix would hold it)
// and the test-runner extension with the suite, both under $DATA/extensions.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanEnv, REPO_ROOT } from '../../../scripts/e2e/install-vscode-server.mjs';
import { DATA, RUNNER_EXT, SUITE, USERDATA, log } from './common.mjs';

export function ensureBuilt(manifest) {
  const main = path.join(REPO_ROOT, manifest.main || 'client/dist/extension.js');
  const server = path.join(REPO_ROOT, 'server', 'dist', 'server.js');
  const mainFile = fs.existsSync(main) ? main : `${main}.js`;
  if (fs.existsSync(mainFile) && fs.existsSync(server)) return manifest;
  log(`extension is not built (${path.relative(REPO_ROOT, main)} or server/dist/server.js missing): npm run build`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !fs.existsSync(mainFile)) throw new Error('npm run build failed; cannot run the e2e tests');
  return manifest;
}

function copyInto(srcAbs, destRoot) {
  const rel = path.relative(REPO_ROOT, srcAbs);
  if (rel.startsWith('..') || !fs.existsSync(srcAbs)) return false;
  fs.cpSync(srcAbs, path.join(destRoot, rel), { recursive: true, dereference: true });
  return true;
}

// The files a packaged extension would need: the manifest, what it references, the bundles.
function extensionFiles(manifest) {
  const files = new Set(['package.json']);
  for (const f of fs.readdirSync(REPO_ROOT)) {
    if (/^(README|CHANGELOG|LICENSE|NOTICE|ThirdPartyNotices)(\.|$)/i.test(f) || /^package\.nls(\..+)?\.json$/.test(f)) files.add(f);
  }
  for (const entry of [manifest.main, manifest.browser]) {
    if (!entry) continue;
    files.add(path.dirname(path.normalize(entry))); // whole bundle folder (chunks, maps, wasm)
  }
  files.add('server/dist');
  if (manifest.icon) files.add(manifest.icon);
  // every relative path mentioned under "contributes" (grammars, snippets, language
  // configurations, json schemas, icons, walkthrough media ...)
  const walk = (v) => {
    if (typeof v === 'string') {
      if (/^\.{0,2}\/?[\w@.-]+(\/[\w@.-]+)*\.\w+$/.test(v) && !/^\w+:/.test(v)) {
        const abs = path.resolve(REPO_ROOT, v);
        if (fs.existsSync(abs) && fs.statSync(abs).isFile()) files.add(path.relative(REPO_ROOT, abs));
      }
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(manifest.contributes);
  walk(manifest.l10n ? [manifest.l10n] : []);
  if (manifest.l10n && fs.existsSync(path.join(REPO_ROOT, manifest.l10n))) files.add(path.normalize(manifest.l10n));
  for (const dir of ['snippets', 'syntaxes', 'schemas']) {
    if (fs.existsSync(path.join(REPO_ROOT, dir))) files.add(dir);
  }
  const list = [...files].filter((f) => f !== '.' && fs.existsSync(path.join(REPO_ROOT, f)));
  return list.filter((f) => !list.some((d) => d !== f && f.startsWith(`${d}/`))); // drop files inside listed folders
}

// The packaged .vsix is what users get, so test it when it is there and up to date.
// vsixOption: false (never), 'auto', '1'/'true' (the repo's <name>.vsix) or a file.
function chooseVsix(manifest, vsixOption) {
  if (vsixOption === false) return null;
  const mtime = (f) => { try { return fs.statSync(f).mtimeMs; } catch { return 0; } };
  if (vsixOption !== 'auto' && vsixOption !== '1' && vsixOption !== 'true') {
    const file = path.resolve(vsixOption);
    if (!fs.existsSync(file)) throw new Error(`--vsix: ${file} does not exist (npm run package makes ${manifest.name}.vsix)`);
    return file;
  }
  const file = path.join(REPO_ROOT, `${manifest.name}.vsix`);
  if (!fs.existsSync(file)) {
    if (vsixOption !== 'auto') throw new Error(`--vsix: ${file} does not exist (npm run package makes it)`);
    return null;
  }
  const builds = [path.join(REPO_ROOT, manifest.main || 'client/dist/extension.js'), path.join(REPO_ROOT, 'server', 'dist', 'server.js')];
  const newestBuild = Math.max(...builds.map((f) => mtime(f) || mtime(`${f}.js`)));
  if (vsixOption === 'auto' && mtime(file) < newestBuild) {
    log(`${path.basename(file)} is older than the build: testing the build instead (npm run package to refresh it)`);
    return null;
  }
  return file;
}

/** Installs the .vsix chosen by vsixOption (see chooseVsix), or copies the build. */
export function installExtensionUnderTest(manifest, node, serverMain, vsixOption) {
  const extDir = path.join(DATA, 'extensions');
  fs.mkdirSync(extDir, { recursive: true });
  const vsix = chooseVsix(manifest, vsixOption);
  if (vsix) {
    log(`installing ${path.relative(REPO_ROOT, vsix)} with server-main.js --install-extension`);
    const r = spawnSync(node, [serverMain, '--install-extension', vsix, '--force',
      '--server-data-dir', DATA, '--user-data-dir', USERDATA, '--accept-server-license-terms'],
    { encoding: 'utf8', timeout: 120_000, env: cleanEnv() });
    if (r.status !== 0) throw new Error(`installing the .vsix failed:\n${r.stdout}\n${r.stderr}`);
    const installed = fs.readdirSync(extDir).filter((d) => d.startsWith(`${manifest.publisher}.${manifest.name}-`));
    if (installed.length === 0) throw new Error(`installing the .vsix put nothing into ${extDir}:\n${r.stdout}\n${r.stderr}`);
    log(`installed ${installed.join(', ')} from ${path.relative(REPO_ROOT, vsix) || vsix}`);
    return;
  }
  const dest = path.join(extDir, `${manifest.publisher}.${manifest.name}-${manifest.version}`);
  const files = extensionFiles(manifest);
  for (const f of files) copyInto(path.join(REPO_ROOT, f), dest);
  log(`installed ${manifest.publisher}.${manifest.name}@${manifest.version} from the build: ${files.join(', ')}`);
}

/** Copies the runner extension, the suite and its e2e-config.json; returns its folder. */
export function installRunnerExtension(config) {
  const pkg = JSON.parse(fs.readFileSync(path.join(RUNNER_EXT, 'package.json'), 'utf8'));
  const dest = path.join(DATA, 'extensions', `${pkg.publisher}.${pkg.name}-${pkg.version}`);
  fs.cpSync(RUNNER_EXT, dest, { recursive: true });
  fs.cpSync(SUITE, path.join(dest, 'suite'), { recursive: true });
  fs.writeFileSync(path.join(dest, 'e2e-config.json'), JSON.stringify(config, null, 2));
  registerCopiedExtension(dest, `${pkg.publisher}.${pkg.name}`, pkg.version);
  return dest;
}

// Once $DATA/extensions/extensions.json exists (after --install-extension), the server
// treats extension folders that it does not list as removed: list the copied one there.
// Without that file (copy-only runs) the server scans the folder and finds everything.
function registerCopiedExtension(dir, id, version) {
  const file = path.join(path.dirname(dir), 'extensions.json');
  if (!fs.existsSync(file)) return;
  const list = JSON.parse(fs.readFileSync(file, 'utf8')).filter((e) => e.identifier?.id !== id);
  list.push({
    identifier: { id },
    version,
    location: { $mid: 1, fsPath: dir, external: `file://${dir}`, path: dir, scheme: 'file' },
    relativeLocation: path.basename(dir),
    metadata: { installedTimestamp: Date.now(), source: 'vsix' },
  });
  fs.writeFileSync(file, JSON.stringify(list));
}
