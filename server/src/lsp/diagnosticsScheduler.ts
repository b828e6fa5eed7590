/**
 * Push-mode diagnostics (for clients without pull support): validation is
 * debounced per document. When re-validating it after an edit is cheap
 * (under CHEAP_MS, the usual case: only the edited document is re-checked)
 * the delay is MIN_DELAY_MS; otherwise about what the last validation cost,
 * up to the given maximum, so a costly file is not re-validated on every
 * keystroke. The first validation after opening runs at once. A result is
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

/**
 * Enough to take in the rest of a burst of changes that arrive together (one
 * event-loop turn, a multi-cursor edit sent as several notifications);
 * keystrokes are tens of milliseconds apart, so waiting longer buys nothing
 * once re-validation is cheap.
 */
const MIN_DELAY_MS = 2;

const same = (seen: { version: number; text: string } | undefined, doc: TextDocument): boolean => seen !== undefined && seen.version === doc.version && seen.text === doc.getText();
/** A validation this cheap can run after every keystroke: only the minimum delay coalesces a burst. */
const CHEAP_MS = 50;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly cost = new Map<string, number>();
  /** The version and text last published (a client may reuse a version for new text). */
  private readonly published = new Map<string, { version: number; text: string }>();
  /** The version and text each armed timer is for. */
  private readonly pending = new Map<string, { version: number; text: string }>();

  constructor(private readonly target: PushTarget, private readonly maxDelayMs: number) {}

  schedule(uri: string, immediately = false): void {
    const doc = this.target.get(uri);
    // The change event that follows an open carries the version already validated, or about to be.
    if (!immediately && doc && same(this.published.get(uri), doc) && !this.timers.has(uri)) return;
    if (!immediately && doc && same(this.pending.get(uri), doc) && this.timers.has(uri)) return;
    this.cancel(uri);
    if (doc) this.pending.set(uri, { version: doc.version, text: doc.getText() });
    const run = (): void => {
      this.timers.delete(uri);
      this.pending.delete(uri);
      const current = this.target.get(uri);
      if (!current) return;
      const version = current.version;
      const text = current.getText();
      const started = performance.now();
      const diagnostics = this.target.validate(current);
      // The first validation parses the whole file: it says nothing of what an edit costs.
      if (!immediately) this.cost.set(uri, performance.now() - started);
      const now = this.target.get(uri);
      if (now?.version !== version || now.getText() !== text) return;
      this.published.set(uri, { version, text });
      this.target.publish(uri, version, diagnostics);
    };
    const cost = this.cost.get(uri) ?? 0;
    const delay = immediately ? 0 : cost < CHEAP_MS ? MIN_DELAY_MS : Math.min(this.maxDelayMs, Math.round(cost));
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
    this.pending.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.cost.delete(uri);
    this.published.delete(uri);
    this.target.publish(uri, undefined, []);
  }
}
