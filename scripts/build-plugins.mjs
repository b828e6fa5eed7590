// esbuild plugins shared by the build (scripts/build.mjs) and the benchmark's
// parse floor (bench/floors.mjs), so both bundle `yaml` the same way.
import { readFileSync } from 'node:fs';

/**
 * `yaml` checks two debugging variables (LOG_TOKENS, LOG_STREAM) through
 * `process.env` for every token it reads, and reading `process.env` goes
 * through a C++ lookup each time: about a tenth of all parsing time. The
 * bundles never log parser internals, so those reads become `false`.
 */
export const yamlDebugOff = {
  name: 'yaml-debug-off',
  setup(build) {
    build.onLoad({ filter: /[\\/]yaml[\\/]dist[\\/](parse[\\/]parser|compose[\\/]composer)\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const contents = source.replace(/node_process\.env\.LOG_(TOKENS|STREAM)/g, 'false');
      if (contents === source) throw new Error(`yaml-debug-off: no LOG_* read found in ${args.path} (did yaml change?)`);
      return { contents, loader: 'js' };
    });
  },
};
