/**
 * The human format: one line per finding, `file:line:col  severity  code
 * message`, grouped by file (a blank line between files), then a summary.
 * Colour only when asked for (a TTY without NO_COLOR). With `quiet`, only the
 * findings that fail the run are shown, and nothing at all when it passes.
 */
import { reaches, summarize, type CheckResult, type CliDiagnostic, type Level } from '../model';

export interface HumanOptions {
  readonly color: boolean;
  readonly quiet: boolean;
  readonly failOn: Level;
}

const SGR = { reset: '\x1b[0m', bold: '\x1b[1m', dim: '\x1b[2m', red: '\x1b[31m', green: '\x1b[32m', yellow: '\x1b[33m', cyan: '\x1b[36m' };
const LEVEL_COLOR: Record<Level, string> = { error: SGR.red, warning: SGR.yellow, info: SGR.cyan };

export function formatHuman(result: CheckResult, opts: HumanOptions): string {
  const paint = (style: string, text: string) => (opts.color ? `${style}${text}${SGR.reset}` : text);
  const groups: string[] = [];
  for (const file of result.files) {
    const shown = opts.quiet ? file.diagnostics.filter((d) => reaches(d.severity, opts.failOn)) : file.diagnostics;
    if (shown.length === 0) continue;
    const locations = shown.map((d) => `${file.path}:${d.line}:${d.column}`);
    const locWidth = Math.max(...locations.map((l) => l.length));
    const codeWidth = Math.max(...shown.map((d) => d.code.length));
    const pad = (text: string, width: number) => ' '.repeat(width - text.length);
    const lines = shown.map((d, i) =>
      [
        paint(SGR.bold, locations[i]) + pad(locations[i], locWidth),
        paint(LEVEL_COLOR[d.severity], d.severity) + pad(d.severity, 7),
        paint(SGR.dim, d.code) + pad(d.code, codeWidth),
        oneLine(d),
      ].join('  '),
    );
    groups.push(lines.join('\n'));
  }
  const s = summarize(result);
  const failing = result.files.some((f) => f.diagnostics.some((d) => reaches(d.severity, opts.failOn)));
  if (opts.quiet && !failing) return groups.join('\n\n') + (groups.length ? '\n' : '');
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info')} in ${plural(s.files, 'file')}`;
  const skipped = s.skipped ? ` (${s.skipped} skipped)` : '';
  const colour = s.errors ? SGR.red : s.warnings ? SGR.yellow : s.infos ? SGR.cyan : SGR.green;
  return (groups.length ? groups.join('\n\n') + '\n\n' : '') + paint(colour, counts + skipped) + '\n';
}

function oneLine(d: CliDiagnostic): string {
  return d.message.replace(/\s*\n\s*/g, ' ');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
