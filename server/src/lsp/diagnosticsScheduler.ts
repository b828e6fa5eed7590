/**
 * Push-mode diagnostics (for clients without pull support): validation is
 * debounced per document, and a result is published only if the document is
 * still at the version that was validated, so stale squiggles never replace
 * fresh ones.
 */
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';

export interface PushTarget {
  get(uri: string): TextDocument | undefined;
  validate(document: TextDocument): Diagnostic[];
  publish(uri: string, version: number | undefined, diagnostics: Diagnostic[]): void;
}

export class DiagnosticsScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly target: PushTarget, private readonly delayMs: number) {}

  schedule(uri: string, immediately = false): void {
    this.cancel(uri);
    const run = (): void => {
      this.timers.delete(uri);
      const doc = this.target.get(uri);
      if (!doc) return;
      const version = doc.version;
      const diagnostics = this.target.validate(doc);
      if (this.target.get(uri)?.version !== version) return;
      this.target.publish(uri, version, diagnostics);
    };
    this.timers.set(uri, setTimeout(run, immediately ? 0 : this.delayMs));
  }

  cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
  }

  clear(uri: string): void {
    this.cancel(uri);
    this.target.publish(uri, undefined, []);
  }
}
