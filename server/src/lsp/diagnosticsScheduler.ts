/**
 * Push-mode diagnostics (for clients without pull support): validation is
 * debounced per document, by about what the last validation of it cost
 * (between MIN_DELAY_MS and the given maximum), so small documents answer
 * at once and big ones do not re-validate on every keystroke. A result is
 * published only if the document is still at the version that was
 * validated, so stale squiggles never replace fresh ones.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';

export interface PushTarget {
  get(uri: string): TextDocument | undefined;
  validate(document: TextDocument): Diagnostic[];
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
}

const MIN_DELAY_MS = 10;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cost = new Map<string, number>();
  private readonly published = new Map<string, number>();

  constructor(private readonly target: PushTarget, private readonly maxDelayMs: number) {}

  schedule(uri: string, immediately = false): void {
    const doc = this.target.get(uri);
    // The change event that follows an open carries the version already validated.
    if (!immediately && doc && this.published.get(uri) === doc.version && !this.timers.has(uri)) return;
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      const current = this.target.get(uri);
      if (!current) return;
      const version = current.version;
      const started = performance.now();
      const diagnostics = this.target.validate(current);
      this.cost.set(uri, performance.now() - started);
      if (this.target.get(uri)?.version !== version) return;
      this.published.set(uri, version);
      this.target.publish(uri, version, diagnostics);
    };
    const delay = immediately ? 0 : Math.min(this.maxDelayMs, Math.max(MIN_DELAY_MS, Math.round(this.cost.get(uri) ?? MIN_DELAY_MS)));
    this.timers.set(uri, setTimeout(run, delay));
  }

  /** Re-validates now even if this version was published (another file changed). */
  refresh(uri: string): void {
    this.published.delete(uri);
    this.schedule(uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.cost.delete(uri);
    this.published.delete(uri);
    this.target.publish(uri, undefined, []);
  }
}
