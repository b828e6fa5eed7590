/**
 * When the language server dies: restart it, unless it has died too often lately, and tell
 * the user once per session (a warning the first time, an error when we give up). Pure (no
 * `vscode`), so that test/unit/client-restart.test.mjs can drive it with a fake clock;
 * extension.ts turns its decisions into the language client's CloseAction and messages.
 */
export interface RestartDecision {
  readonly restart: boolean;
  /** What to show the user, if anything. */
  readonly message?: { readonly severity: 'warning' | 'error'; readonly text: string };
}

export const MAX_RESTARTS = 5;
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private readonly crashes: number[] = [];
  private told = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly maxRestarts = MAX_RESTARTS,
    private readonly windowMs = RESTART_WINDOW_MS,
  ) {}

  /** The server's connection closed without us asking. */
  onClosed(): RestartDecision {
    const now = this.now();
    this.crashes.push(now);
    while (this.crashes.length > 0 && now - this.crashes[0] > this.windowMs) this.crashes.shift();
    if (this.crashes.length > this.maxRestarts) {
      const minutes = Math.round(this.windowMs / 60000);
      const text = `The Istio YAML language server stopped ${this.maxRestarts} times in ${minutes} minutes and will not be restarted. See the "Istio YAML" output for details.`;
      return { restart: false, message: { severity: 'error', text } };
    }
    if (this.told) return { restart: true };
    this.told = true;
    return { restart: true, message: { severity: 'warning', text: 'The Istio YAML language server stopped unexpectedly and was restarted.' } };
  }
}
