import type { Durations } from './rounds.js';

/** What the cluster section runs: how many servers, how long, how many keys and revocations. */

/** The numbers of server processes compared, on one database. */
export const COUNTS = [1, 2, 4] as const;
/**
 * First verifications per second that the keys of a cold run must outlast: about 1.3 times the most
 * this 2-CPU machine reached (a run that outruns them fails, saying so).
 */
export const COLD_KEYS_PER_SECOND = 6_000;
/** Keys the cold warm-ups share; a warm-up that comes round to them again meets them cached. */
export const COLD_WARM_KEYS = 12_000;
/** Revocations timed one at a time per set of processes: while the warm-up's load runs, and idle. */
export const LOADED_TRIALS = 3;
export const IDLE_TRIALS = 5;
/** Revocations made at once per set of processes. */
export const BURST = 100;
/** A large quota, far from spent by the whole section: every answer stays VALID. */
export const QUOTA = 1_000_000_000;
/** wrk's threads and connections in every run of the section: 4 threads share out the servers. */
export const THREADS = 4;
export const CONNECTIONS = 48;

/** Seconds of warm-up and of measured run (whole seconds: wrk's -d takes no fractions). */
export interface Timing {
  warmupS: number;
  runS: number;
}

/**
 * How long each kind of run lasts, short enough that the section stays near six minutes. A cached key
 * is answered by the hot path, which a 2 s warm-up warms in every process. Requests that go through
 * Fastify and wait on the store or Redis are served a few thousand a second: every process compiles
 * that path for itself, so the warm-ups of fresh processes last longer the more of them share the load
 * (with a 1 s warm-up, 4 processes spent twice the CPU per first verification that they did after 8 s).
 * The quota counted by PostgreSQL comes after the cold run, on processes the cold warm-up has warmed.
 */
export function timings(durations: Durations) {
  const warm = Math.min(durations.warmupS, 2);
  const run = Math.min(durations.runS, 4);
  const short = Math.min(durations.runS, 3);
  return {
    hot: { warmupS: warm, runS: run },
    cold: (n: number): Timing => ({ warmupS: warm * n, runS: Math.min(durations.runS, 2) }),
    quotaPg: { warmupS: 1, runS: short },
    quotaRedis: (n: number): Timing => ({ warmupS: warm + n, runS: short }),
  };
}
