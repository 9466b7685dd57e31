import type { Durations } from './rounds.js';

export const SECTIONS = [
  'in-process',
  'http',
  'scale',
  'creation',
  'floods',
  'cluster',
  'metrics',
  'middleware',
] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface Options {
  only: SectionName[];
  durations: Durations;
  quick: boolean;
}

export const USAGE = `Usage: npm run bench -- [--only ${SECTIONS.join(',')}] [--rounds N] [--quick]

  --only LIST   run only these sections (comma-separated), in the order above
  --rounds N    N interleaved rounds instead of 3 (1 to 15): more rounds steady the medians on a busy host
  --quick       1 round, 1 s warm-up, 3 s runs: for development, not for BENCHMARKS.md

Progress goes to stderr; the markdown report to stdout; the raw figures to bench/results/latest.json.`;

export class UsageError extends Error {}

/** `--help`: not an error, but nothing to run either. */
export class HelpWanted extends Error {}

export function parseOptions(argv: string[]): Options {
  let only: SectionName[] = [...SECTIONS];
  let quick = false;
  let rounds: number | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--help' || arg === '-h') throw new HelpWanted();
    else if (arg === '--quick') quick = true;
    else if (arg === '--rounds' || arg.startsWith('--rounds=')) {
      const value = arg === '--rounds' ? argv[++i] : arg.slice('--rounds='.length);
      if (!value || !/^[0-9]+$/.test(value) || Number(value) < 1 || Number(value) > 15)
        throw new UsageError('--rounds needs a whole number from 1 to 15');
      rounds = Number(value);
    } else if (arg === '--only' || arg.startsWith('--only=')) {
      const list = arg === '--only' ? argv[++i] : arg.slice('--only='.length);
      if (!list) throw new UsageError('--only needs a list of sections');
      const names = list.split(',').map((name) => name.trim());
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length) throw new UsageError(`unknown section ${unknown.join(', ')}`);
      only = SECTIONS.filter((name) => names.includes(name));
    } else throw new UsageError(`unknown argument ${arg}`);
  }
  const durations = quick ? { rounds: 1, warmupS: 1, runS: 3 } : { rounds: 3, warmupS: 3, runS: 10 };
  if (rounds !== null) durations.rounds = rounds;
  return { only, durations, quick };
}
