import type { Pinning } from './process.js';
import type { Durations } from './rounds.js';

/** What every section gets from bench/run.ts. */
export interface Context {
  durations: Durations;
  pin: Pinning;
  /** This run's temporary directory, removed at the end; each section makes its own folder in it. */
  tmp: string;
  /** Progress, on stderr. */
  say(line: string): void;
}
