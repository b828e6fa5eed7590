// Bundles the client and the server with esbuild. `--production` minifies,
// `--watch` rebuilds on change. Type checking is `tsc -b` (npm run check-types).
import * as esbuild from 'esbuild';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { yamlDebugOff } from './build-plugins.mjs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints errors in a form VS Code's problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
    });
  },
};

/** `virtual:descriptions`: every schema/descriptions/<Kind>.yaml, parsed, as one JSON module. */
const descriptionsDir = path.resolve('server/src/core/schema/descriptions');
const descriptions = {
  name: 'descriptions',
  setup(build) {
    build.onResolve({ filter: /^virtual:descriptions$/ }, () => ({ path: 'descriptions', namespace: 'virtual' }));
    build.onLoad({ filter: /.*/, namespace: 'virtual' }, () => {
      const files = readdirSync(descriptionsDir).filter((f) => f.endsWith('.yaml')).sort();
      const all = {};
      for (const f of files) all[f.replace(/\.yaml$/, '')] = parse(readFileSync(path.join(descriptionsDir, f), 'utf8')) ?? {};
      return { contents: JSON.stringify(all), loader: 'json', watchFiles: files.map((f) => path.join(descriptionsDir, f)), watchDirs: [descriptionsDir] };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  plugins: [descriptions, yamlDebugOff, problemMatcher],
};

const configs = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'client/dist/extension.js', external: ['vscode'] },
  // The shebang lets npm run the bundles as the package's bins (server/package.json).
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'server/dist/server.js', banner: { js: '#!/usr/bin/env node' } },
  // The core's facade as a library: used by the tests and the command-line checker.
  { ...common, entryPoints: ['server/src/core/languageService.ts'], outfile: 'server/dist/languageService.js' },
  // The command-line checker (istio-yaml-check).
  { ...common, entryPoints: ['server/src/cli/check.ts'], outfile: 'server/dist/check.js', banner: { js: '#!/usr/bin/env node' } },
];

if (watch) {
  for (const c of configs) await (await esbuild.context(c)).watch();
} else {
  await Promise.all(configs.map((c) => esbuild.build(c)));
}
