/**
 * `istio-yaml-check`: the editor's analysis on the command line, for CI
 * pipelines and other editors. Reads the inputs, checks them as one
 * workspace, prints a report, exits 0 (clean), 1 (a finding reaches
 * --fail-on) or 2 (bad usage or unreadable paths).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { analyze, type Source } from './analyze';
import { parseArgs, UsageError, type Options } from './args';
import { discover } from './discover';
import { formatHuman } from './format/human';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { HELP } from './help';
import { compileIgnore } from './ignore';
import { fails, type CheckResult } from './model';
import { createProgress } from './progress';
import { loadFile, loadStdin } from './read';
import { TOOL_NAME, VERSION } from './version';

const EXIT_USAGE = 2;

async function main(argv: readonly string[]): Promise<number> {
  let opts: Options;
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`${TOOL_NAME}: ${e.message}\nRun '${TOOL_NAME} --help' for usage.\n`);
    return EXIT_USAGE;
  }
  if (opts.help) return print(HELP), 0;
  if (opts.version) return print(`${VERSION}\n`), 0;

  const cwd = process.cwd();
  const found = discover(opts.paths, compileIgnore(opts.ignore), cwd);
  if (found.errors.length > 0) {
    for (const e of found.errors) process.stderr.write(`${TOOL_NAME}: ${e}\n`);
    return EXIT_USAGE;
  }
  const notice = (m: string) => opts.quiet || process.stderr.write(`${TOOL_NAME}: ${m}\n`);
  found.notices.forEach(notice);

  const sources: Source[] = [];
  for (const input of found.inputs) {
    const loaded = input.file ? loadFile(input.file) : await loadStdin(process.stdin);
    const uri = input.file ? pathToFileURL(input.file).href : pathToFileURL(path.join(cwd, '<stdin>.yaml')).href;
    if (loaded.kind === 'skipped') notice(`skipped ${input.path}: ${loaded.reason}`);
    sources.push({ path: input.path, uri, loaded });
  }

  const progress = createProgress(process.stderr, !opts.quiet);
  const settings = { istioVersion: opts.istioVersion, defaultNamespace: opts.namespace, crossFileChecks: opts.crossFile };
  const result = analyze(sources, { settings, suppress: opts.suppress, onProgress: progress.update });
  progress.finish();

  print(render(result, opts, cwd));
  return fails(result, opts.failOn) ? 1 : 0;
}

function render(result: CheckResult, opts: Options, cwd: string): string {
  switch (opts.format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result, cwd);
    default:
      return formatHuman(result, { color: useColor(), quiet: opts.quiet, failOn: opts.failOn });
  }
}

function useColor(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

function print(text: string): void {
  process.stdout.write(text);
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (e: unknown) => {
    process.stderr.write(`${TOOL_NAME}: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = EXIT_USAGE;
  },
);
