/**
 * Push-mode diagnostics (for clients without pull support): validation is
 * debounced per document. When re-validating it after an edit is cheap
 * (under CHEAP_MS, the usual case: only the edited document is re-checked)
 * the delay is MIN_DELAY_MS; otherwise about what re-validating costs (the
 * median of the last few runs), up to the given maximum, so a costly file
 * is not re-validated on every keystroke. The first validation after
 * opening runs at once. A result is published only if the document is
 * still at the version that was validated, so stale squiggles never
 * replace fresh ones.
 *
 * With a `prepare`, the first validation of a document, and those of a
 * document whose re-validation costs more than CHEAP_MS, run their heavy
 * part in slices (10 ms) with a pause in between, in which the connection
 * reads and answers other messages: during the first validation of a big
 * file a hover or completion waits one slice, not the whole validation. A
 * newer version or a cancel stops it between slices. A cheap validation (an
 * edit re-checks one document) runs in one go.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { runInSlices, SLICING, type Slicing } from './slices';

export interface PushTarget {
  get(uri: string): TextDocument | undefined;
  validate(document: TextDocument): Diagnostic[];
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
  /** The heavy part of `validate` as steps whose results `validate` reuses (optional: without it, validation is one block). */
  prepare?(document: TextDocument): Iterator<void>;
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
/** How many recent re-validation costs decide the delay (their median). */
const COSTS_KEPT = 5;

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** What the last few re-validations of each document cost (ms), newest last. */
  private readonly costs = new Map<string, number[]>();
  /** The version and text last published (a client may reuse a version for new text). */
  private readonly published = new Map<string, { version: number; text: string }>();
  /** The version and text each armed timer is for. */
  private readonly pending = new Map<string, { version: number; text: string }>();
  /**
   * Documents published at least once. Until then a validation includes the
   * first parse of the whole file, which says nothing of what an edit costs:
   * its cost is not recorded (an edit or a refresh that lands during the first
   * validation takes over the rest of that work).
   */
  private readonly validated = new Set<string>();
  /** The version and text a sliced validation is working on, and its ticket (cancel() takes it back). */
  private readonly running = new Map<string, { version: number; text: string; ticket: number }>();
  private tickets = 0;

  constructor(
    private readonly target: PushTarget,
    private readonly maxDelayMs: number,
    private readonly slicing: Slicing = SLICING,
  ) {}

  schedule(uri: string, immediately = false): void {
    const doc = this.target.get(uri);
    // The change event that follows an open carries the version already validated, or about to be.
    if (!immediately && doc && same(this.published.get(uri), doc) && !this.timers.has(uri) && !this.running.has(uri)) return;
    if (!immediately && doc && same(this.pending.get(uri), doc) && this.timers.has(uri)) return;
    if (!immediately && doc && same(this.running.get(uri), doc)) return;
    this.cancel(uri);
    if (doc) this.pending.set(uri, { version: doc.version, text: doc.getText() });
    const cost = this.costOf(uri);
    const delay = immediately ? 0 : cost < CHEAP_MS ? MIN_DELAY_MS : Math.min(this.maxDelayMs, Math.round(cost));
    this.timers.set(uri, setTimeout(() => this.run(uri), delay));
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    this.pending.delete(uri);
    const current = this.target.get(uri);
    if (!current) return;
    const version = current.version;
    const text = current.getText();
    const first = !this.validated.has(uri);
    const finish = (spent: number): void => {
      const started = this.slicing.now();
      const diagnostics = this.target.validate(current);
      if (!first) this.recordCost(uri, spent + this.slicing.now() - started);
      const now = this.target.get(uri);
      if (now?.version !== version || now.getText() !== text) return;
      this.published.set(uri, { version, text });
      this.validated.add(uri);
      this.target.publish(uri, version, diagnostics);
    };
    // Slices for the first validation and for a costly one; a cheap one (an edit re-checks one document) runs in one go.
    const cheap = !first && this.costOf(uri) < CHEAP_MS;
    let steps: Iterator<void>;
    try {
      if (!this.target.prepare || cheap) return finish(0);
      steps = this.target.prepare(current);
    } catch {
      return finish(0); // validate, isolated by the server, reports what failed
    }
    const ticket = ++this.tickets;
    this.running.set(uri, { version, text, ticket });
    const live = (): boolean => {
      const doc = this.target.get(uri);
      return this.running.get(uri)?.ticket === ticket && doc !== undefined && same({ version, text }, doc);
    };
    void runInSlices(steps, live, this.slicing)
      .then((spent) => {
        if (!live()) return;
        this.running.delete(uri);
        if (spent !== undefined) finish(spent);
      })
      .catch(() => undefined); // validate and publish are isolated by the server; nothing may escape a timer
  }

  /**
   * What re-validating a document costs: the median of its last COSTS_KEPT
   * re-validations, so that one slow run (a garbage collection, a busy
   * machine) does not hold up the next keystroke by as much.
   */
  private costOf(uri: string): number {
    const list = this.costs.get(uri);
    if (!list || list.length === 0) return 0;
    const sorted = [...list].sort((a, b) => a - b);
    return sorted[Math.floor((sorted.length - 1) / 2)]; // the lower median: with two runs, one slow one is not enough
  }

  private recordCost(uri: string, ms: number): void {
    const list = this.costs.get(uri) ?? [];
    list.push(ms);
    if (list.length > COSTS_KEPT) list.shift();
    this.costs.set(uri, list);
  }

  /** Re-validates now even if this version was published (another file changed). */
  refresh(uri: string): void {
    this.published.delete(uri);
    this.running.delete(uri);
    this.schedule(uri);
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.pending.delete(uri);
    this.running.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.costs.delete(uri);
    this.validated.delete(uri);
    this.published.delete(uri);
    this.target.publish(uri, undefined, []);
  }
}
