/**
 * Command-line arguments: `--flag value` and `--flag=value`, repeatable
 * `--suppress` and `--ignore`, `-` for stdin, `--` ends the options. Bad
 * input throws a UsageError (exit status 2).
 */
import { LEVELS, type Level } from './model';
import { parseSuppression, type Suppression } from './suppress';

export type Format = 'human' | 'json' | 'sarif';
const FORMATS: readonly Format[] = ['human', 'json', 'sarif'];

export interface Options {
  readonly paths: readonly string[];
  readonly format: Format;
  readonly failOn: Level;
  readonly istioVersion: string;
  readonly namespace: string;
  readonly suppress: readonly Suppression[];
  readonly ignore: readonly string[];
  readonly quiet: boolean;
  readonly crossFile: boolean;
  readonly help: boolean;
  readonly version: boolean;
}

export class UsageError extends Error {}

type Draft = { -readonly [K in keyof Options]: Options[K] extends readonly (infer U)[] ? U[] : Options[K] };

const DEFAULTS: Options = {
  paths: [],
  format: 'human',
  failOn: 'error',
  istioVersion: '1.30',
  namespace: 'default',
  suppress: [],
  ignore: [],
  quiet: false,
  crossFile: true,
  help: false,
  version: false,
};

const WITH_VALUE = new Set(['--format', '--fail-on', '--istio-version', '--namespace', '--suppress', '--ignore']);
const ALIASES: Record<string, string> = { '-h': '--help', '-q': '--quiet', '-f': '--format', '-n': '--namespace', '-s': '--suppress' };

export function parseArgs(argv: readonly string[]): Options {
  const o: Draft = { ...DEFAULTS, paths: [], suppress: [], ignore: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      o.paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      o.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = ALIASES[eq < 0 ? arg : arg.slice(0, eq)] ?? (eq < 0 ? arg : arg.slice(0, eq));
    let value: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (WITH_VALUE.has(flag) && value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
      value = argv[++i];
    } else if (!WITH_VALUE.has(flag) && value !== undefined) throw new UsageError(`${flag} takes no value`);
    applyFlag(o, flag, value ?? '');
  }
  if (!o.help && !o.version && o.paths.length === 0) throw new UsageError('no paths given (use . for the current folder, - for standard input)');
  return o;
}

function applyFlag(o: Draft, flag: string, value: string): void {
  switch (flag) {
    case '--format':
      o.format = oneOf(flag, value, FORMATS);
      return;
    case '--fail-on':
      o.failOn = oneOf(flag, value, LEVELS);
      return;
    case '--istio-version':
      if (!/^\d+\.\d+(\.\d+)?$/.test(value)) throw new UsageError(`--istio-version must look like 1.30, not '${value}'`);
      o.istioVersion = value;
      return;
    case '--namespace':
      if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value)) throw new UsageError(`--namespace must be a Kubernetes namespace name, not '${value}'`);
      o.namespace = value;
      return;
    case '--suppress':
      o.suppress.push(parseSuppression(value, (m) => new UsageError(m)));
      return;
    case '--ignore':
      if (value === '') throw new UsageError('--ignore needs a glob');
      o.ignore.push(value);
      return;
    case '--quiet':
      o.quiet = true;
      return;
    case '--no-cross-file':
      o.crossFile = false;
      return;
    case '--help':
      o.help = true;
      return;
    case '--version':
      o.version = true;
      return;
    default:
      throw new UsageError(`unknown option ${flag}`);
  }
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, not '${value}'`);
}
