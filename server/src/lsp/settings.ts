/**
 * Reads the `istio.*` settings (and `files.exclude`) from the client. A
 * client that does not support `workspace/configuration`, or never answers
 * it, leaves the defaults in place: nothing waits on it for more than
 * ANSWER_TIMEOUT_MS (`answerWithin`, also used for the other requests the
 * server sends and needs an answer to).
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { LoaderOptions } from './workspaceLoader';

const ANSWER_TIMEOUT_MS = 2000;
const DEFAULT_MAX_FILE_SIZE = 1024 * 1024;

export interface ClientSettings {
  version?: unknown;
  defaultNamespace?: unknown;
  crossFileChecks?: unknown;
  index?: { exclude?: unknown; maxFileSize?: unknown };
  codeLens?: { enabled?: unknown };
}

export interface ServerSettings {
  readonly analysis: Settings;
  readonly index: LoaderOptions;
  readonly codeLens: boolean;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = {
  analysis: DEFAULT_SETTINGS,
  index: { exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE },
  codeLens: true,
};

export function toSettings(raw: ClientSettings | null | undefined, filesExclude?: unknown): ServerSettings {
  const version = typeof raw?.version === 'string' && /^\d+\.\d+/.test(raw.version) ? raw.version : DEFAULT_SETTINGS.istioVersion;
  const ns = typeof raw?.defaultNamespace === 'string' && raw.defaultNamespace ? raw.defaultNamespace : DEFAULT_SETTINGS.defaultNamespace;
  const crossFileChecks = typeof raw?.crossFileChecks === 'boolean' ? raw.crossFileChecks : DEFAULT_SETTINGS.crossFileChecks;
  const exclude = Array.isArray(raw?.index?.exclude) ? raw.index.exclude.filter((g): g is string => typeof g === 'string') : [];
  const fromFiles = filesExclude && typeof filesExclude === 'object'
    ? Object.entries(filesExclude as Record<string, unknown>).filter(([, on]) => on === true).map(([g]) => g)
    : [];
  const size = raw?.index?.maxFileSize;
  const maxFileSize = typeof size === 'number' && size > 0 ? size : DEFAULT_MAX_FILE_SIZE;
  return {
    analysis: { istioVersion: version, defaultNamespace: ns, crossFileChecks },
    index: { exclude: [...exclude, ...fromFiles], maxFileSize },
    codeLens: raw?.codeLens?.enabled !== false,
  };
}

export async function fetchSettings(connection: Connection): Promise<ServerSettings> {
  const answer = connection.workspace.getConfiguration([{ section: 'istio' }, { section: 'files.exclude' }]) as Promise<[ClientSettings | null, unknown]>;
  try {
    const got = await answerWithin(answer, ANSWER_TIMEOUT_MS);
    return Array.isArray(got) ? toSettings(got[0], got[1]) : DEFAULT_SERVER_SETTINGS;
  } catch {
    return DEFAULT_SERVER_SETTINGS;
  }
}

/**
 * The client's answer to one of our requests, or undefined if it has not come within
 * `ms` (a late answer is dropped). Rejects if the client answers with an error.
 */
export function answerWithin<T>(answer: Promise<T>, ms = ANSWER_TIMEOUT_MS): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
    timer.unref();
  });
  return Promise.race([answer, timeout]).finally(() => clearTimeout(timer));
}
