/**
 * Reads the `istio.*` settings from the client. A client that does not
 * support `workspace/configuration`, or never answers it, leaves the
 * defaults in place: requests never wait on it for long.
 */
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';

const ANSWER_TIMEOUT_MS = 2000;

interface ClientSettings {
  version?: unknown;
  defaultNamespace?: unknown;
  crossFileChecks?: unknown;
}

export function toSettings(raw: ClientSettings | null | undefined): Settings {
  const version = typeof raw?.version === 'string' && /^\d+\.\d+/.test(raw.version) ? raw.version : DEFAULT_SETTINGS.istioVersion;
  const ns = typeof raw?.defaultNamespace === 'string' && raw.defaultNamespace ? raw.defaultNamespace : DEFAULT_SETTINGS.defaultNamespace;
  const crossFileChecks = typeof raw?.crossFileChecks === 'boolean' ? raw.crossFileChecks : DEFAULT_SETTINGS.crossFileChecks;
  return { istioVersion: version, defaultNamespace: ns, crossFileChecks };
}

export async function fetchSettings(connection: Connection): Promise<Settings> {
  const answer = connection.workspace.getConfiguration('istio') as Promise<ClientSettings | null>;
  const timeout = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), ANSWER_TIMEOUT_MS).unref());
  try {
    return toSettings(await Promise.race([answer, timeout]));
  } catch {
    return DEFAULT_SETTINGS;
  }
}
