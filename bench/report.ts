import type { Machine } from './machine.js';

/** One comparison against PRODUCT.md §10; `met` is null for a figure reported without a target. */
export interface Check {
  what: string;
  measured: string;
  target: string;
  met: boolean | null;
}

/** What each bench section hands back: a table for people, checks, failures, and raw data for JSON. */
export interface Section {
  title: string;
  /** One paragraph: what was measured and how. */
  method: string;
  head: string[];
  rows: string[][];
  checks: Check[];
  /** Runs whose figures cannot stand (errors, wrong verification codes). Any makes the bench fail. */
  failures: string[];
  data: unknown;
  /** Further tables, each after a paragraph of its own, for a section that measures more than one kind. */
  more?: { intro: string; head: string[]; rows: string[][] }[];
}

export const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '—');
export const ms = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)} ms` : '—');
export const times = (n: number): string => (Number.isFinite(n) ? `${n.toFixed(2)}×` : '—');
export const perRequest = (n: number): string => (Number.isFinite(n) ? n.toFixed(4) : '—');

/** "3 interleaved rounds", "1 interleaved round". */
export const rounds = (n: number): string => `${n} interleaved round${n === 1 ? '' : 's'}`;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const mark = (met: boolean | null) => (met === null ? 'info' : met ? 'met' : '**missed**');

/** The ready-to-paste block for BENCHMARKS.md: machine, command, targets, then one table per section. */
export function renderMarkdown(
  machine: Machine,
  run: { command: string; minutes: number },
  sections: Section[],
): string {
  const out: string[] = [];
  out.push(
    table(
      ['machine', ''],
      [
        ['CPUs (nproc)', String(machine.cpus)],
        ['CPU model (lscpu)', machine.model],
        ['Node.js', machine.node],
        ['load generator', machine.wrk],
        ['commit', machine.commit],
        ['date', machine.date],
        ['load average (1 min) before the bench', machine.load.toFixed(2)],
        ['command', `\`${run.command}\``],
        ['run time', `${run.minutes.toFixed(1)} min`],
      ],
    ),
  );
  const checks = sections.flatMap((section) => section.checks);
  if (checks.length) {
    out.push('### Targets (PRODUCT.md §10)');
    out.push(
      table(
        ['what', 'measured', 'target', ''],
        checks.map((c) => [c.what, c.measured, c.target, mark(c.met)]),
      ),
    );
  }
  for (const section of sections) {
    out.push(`### ${section.title}`);
    out.push(section.method);
    out.push(table(section.head, section.rows));
    for (const extra of section.more ?? []) {
      out.push(extra.intro);
      out.push(table(extra.head, extra.rows));
    }
    if (section.failures.length) {
      out.push(
        ['**Failed runs** (their figures do not count):', ...section.failures.map((f) => `- ${f}`)].join(
          '\n',
        ),
      );
    }
  }
  return `${out.join('\n\n')}\n`;
}

/** A ratio against a bound of PRODUCT.md §10. */
export function ratioCheck(what: string, ratio: number, sense: '≥' | '≤', bound: number): Check {
  return {
    what,
    measured: times(ratio),
    target: `${sense} ${bound}×`,
    met: sense === '≥' ? ratio >= bound : ratio <= bound,
  };
}
