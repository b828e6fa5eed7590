// The two servers the benchmark compares, how each is started and configured,
// and the bundle-size measurement of ours.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
export const SERVER_BUNDLE = path.join(root, 'server/dist/server.js');
export const YAMLLS_BIN = path.join(root, 'node_modules/yaml-language-server/bin/yaml-language-server');
export const SCHEMAS_DIR = path.resolve(root, '../shared/istio/json-schemas');

/** The debounce of push diagnostics after a change, read from the measured bundle (else the source) so the report never drifts. */
export function validationDelayMs(bundle = SERVER_BUNDLE) {
  const re = /VALIDATION_DELAY_MS\s*=\s*(\d+)/;
  const inBundle = re.exec(readFileSync(bundle, 'utf8'))?.[1]; // the development build keeps the name
  return Number(inBundle ?? re.exec(readFileSync(path.join(root, 'server/src/server.ts'), 'utf8'))?.[1] ?? NaN);
}

/** Builds server/dist/server.js (development build) when it is missing. */
export function ensureBundle() {
  if (existsSync(SERVER_BUNDLE)) return false;
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit', timeout: 180000 });
  return true;
}

/**
 * Copies server/dist/server.js (and its source map) into `dir`, so that a
 * rebuild by someone else during the run cannot change what is measured.
 * The bundle is self-contained (esbuild, no externals).
 */
export function snapshotBundle(dir) {
  mkdirSync(dir, { recursive: true });
  const bundle = path.join(dir, 'server.js');
  copyFileSync(SERVER_BUNDLE, bundle);
  if (existsSync(`${SERVER_BUNDLE}.map`)) copyFileSync(`${SERVER_BUNDLE}.map`, `${bundle}.map`);
  const sha = createHash('sha256').update(readFileSync(bundle)).digest('hex').slice(0, 12);
  return { bundle, sha256: sha, builtAt: statSync(SERVER_BUNDLE).mtime.toISOString(), git: gitState() };
}

/** HEAD and the number of changed paths under server/src (read-only git). */
function gitState() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'server/src'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean).length;
    return { head, changedServerPaths: dirty };
  } catch {
    return undefined;
  }
}

export function ours({ nodeArgs = [], bundle = SERVER_BUNDLE } = {}) {
  return {
    id: 'ours',
    label: 'Istio YAML',
    args: [...nodeArgs, bundle, '--stdio'],
    // Defaults for every setting: `istio` and `files.exclude` answered empty.
    settings: (section) => (section === 'istio' || section === 'files.exclude' ? {} : null),
    configure: async () => undefined,
  };
}

const KIND_SCHEMAS = {
  VirtualService: 'networking.istio.io/virtualservice_v1.json',
  DestinationRule: 'networking.istio.io/destinationrule_v1.json',
  Gateway: 'networking.istio.io/gateway_v1.json',
  ServiceEntry: 'networking.istio.io/serviceentry_v1.json',
};

/**
 * yaml-language-server maps ONE schema per glob, and our files mix kinds, so
 * we write one combined draft-07 schema: the Kubernetes envelope (apiVersion,
 * kind, metadata) plus, for each kind, `if: { kind: const <Kind> } then:
 * <that kind's datree schema, inlined>`. Every document of a multi-document
 * file is validated, completed and hovered against exactly its own kind's
 * schema, as it would be with one file per kind and a glob per file.
 */
export function writeCombinedSchema(dir) {
  if (!existsSync(SCHEMAS_DIR)) return undefined;
  const branches = Object.entries(KIND_SCHEMAS).map(([kind, file]) => ({
    if: { properties: { kind: { const: kind } }, required: ['kind'] },
    then: JSON.parse(readFileSync(path.join(SCHEMAS_DIR, file), 'utf8')),
  }));
  const schema = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Istio networking v1 (VirtualService, DestinationRule, Gateway, ServiceEntry), selected by kind',
    type: 'object',
    properties: {
      apiVersion: { type: 'string', description: 'API group and version, e.g. networking.istio.io/v1.' },
      kind: { type: 'string', enum: Object.keys(KIND_SCHEMAS) },
      metadata: { type: 'object', properties: { name: { type: 'string' }, namespace: { type: 'string' }, labels: { type: 'object' } } },
    },
    allOf: branches,
  };
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'istio-networking-by-kind.schema.json');
  writeFileSync(file, JSON.stringify(schema));
  return file;
}

export function theirs(schemaFile) {
  const yaml = {
    schemas: { [pathToFileURL(schemaFile).href]: ['*.yaml', '*.yml'] },
    validate: true,
    hover: true,
    completion: true,
    format: { enable: false },
    schemaStore: { enable: false }, // no network: never fetch the SchemaStore catalogue
    kubernetesCRDStore: { enable: false },
    disableDefaultProperties: false,
    maxItemsComputed: 5000,
  };
  const sections = {
    yaml,
    http: { proxy: '', proxyStrictSSL: false },
    '[yaml]': { 'editor.tabSize': 2 },
    editor: { tabSize: 2, detectIndentation: false },
    files: { exclude: {} },
  };
  return {
    id: 'theirs',
    label: 'yaml-language-server',
    args: [YAMLLS_BIN, '--stdio'],
    yamlSettings: yaml,
    settings: (section) => sections[section] ?? null,
    configure: async (server) => server.notify('workspace/didChangeConfiguration', { settings: { yaml } }),
  };
}

export function yamlLanguageServerVersion() {
  try {
    return JSON.parse(readFileSync(path.join(root, 'node_modules/yaml-language-server/package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

function sizeOf(file) {
  if (!existsSync(file)) return undefined;
  const buf = readFileSync(file);
  return { bytes: statSync(file).size, gzipBytes: gzipSync(buf).length };
}

/**
 * Sizes of client/dist/extension.js and server/dist/server.js: as built in
 * the repository (whatever build is there: development = unminified with
 * source maps, unless someone ran --production), and from a production build
 * (`node scripts/build.mjs --production`) made in a temporary copy so the
 * repository's dist/ is never touched.
 */
export function bundleSizes(tmp, serverBundle = SERVER_BUNDLE) {
  const asBuilt = { client: sizeOf(path.join(root, 'client/dist/extension.js')), server: sizeOf(serverBundle) };
  const copy = path.join(tmp, 'prod-build');
  let production;
  let productionBundle;
  let error;
  try {
    for (const p of ['package.json', 'tsconfig.json', 'tsconfig.base.json', 'scripts/build.mjs', 'scripts/build-plugins.mjs', 'client/src', 'client/tsconfig.json', 'server/src', 'server/package.json', 'server/tsconfig.json']) {
      const from = path.join(root, p);
      if (existsSync(from)) cpSync(from, path.join(copy, p), { recursive: true });
    }
    symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    execFileSync(process.execPath, ['scripts/build.mjs', '--production'], { cwd: copy, stdio: 'pipe', timeout: 180000 });
    production = { client: sizeOf(path.join(copy, 'client/dist/extension.js')), server: sizeOf(path.join(copy, 'server/dist/server.js')) };
    // Kept: the production server is what the .vsix ships (vscode:prepublish), and what the benchmark measures by default.
    mkdirSync(path.join(tmp, 'ours-production'), { recursive: true });
    copyFileSync(path.join(copy, 'server/dist/server.js'), path.join(tmp, 'ours-production/server.js'));
    productionBundle = path.join(tmp, 'ours-production/server.js');
  } catch (e) {
    error = String(e.stderr ?? e.message).slice(0, 500);
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  return { asBuilt, production, productionBundle, error };
}
