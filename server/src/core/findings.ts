/**
 * A finding is a diagnostic in offsets, before it becomes an LSP Diagnostic.
 * Checks push findings into a Reporter; the validation service converts them.
 */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export interface Finding {
  readonly start: number;
  readonly end: number;
  readonly severity: Severity;
  /** The published code (an `istioctl analyze` code where one exists). */
  readonly code: string;
  /** Our stable rule id: finer than the code, used by tests and quick fixes. */
  readonly rule: string;
  readonly message: string;
  readonly deprecated?: boolean;
  /** Data for quick fixes (e.g. `{ replacement: 'port' }`). */
  readonly data?: Readonly<Record<string, unknown>>;
}

export class Reporter {
  readonly findings: Finding[] = [];

  add(range: readonly [number, number] | undefined, f: Omit<Finding, 'start' | 'end'>): void {
    if (!range) return;
    this.findings.push({ ...f, start: range[0], end: Math.max(range[0], range[1]) });
  }
}

/** The same findings `delta` characters later (their document moved); no copy when there are none. */
export function shiftFindings(findings: readonly Finding[], delta: number): readonly Finding[] {
  return findings.length === 0 ? findings : findings.map((f) => ({ ...f, start: f.start + delta, end: f.end + delta }));
}
