import { type Counters, difference, readCounters } from './api.js';
import { type Durations, median, runErrors, warmThenMeasure } from './rounds.js';
import type { WrkResult, WrkRun } from './wrk.js';

/** A measured wrk run, with what Keyward's /metrics counters did during that run alone (null elsewhere). */
export interface Measured {
  wrk: WrkResult;
  counters: Counters | null;
}

/** Warm-up, then the measured run; for a baseline, which has no /metrics. */
export async function measurePlain(run: Omit<WrkRun, 'seconds'>, durations: Durations): Promise<Measured> {
  return { wrk: await warmThenMeasure(run, durations), counters: null };
}

/** Warm-up, then /metrics, the measured run, /metrics again. */
export async function measureKeyward(
  url: string,
  run: Omit<WrkRun, 'seconds'>,
  durations: Durations,
): Promise<Measured> {
  let before: Counters | undefined;
  const result = await warmThenMeasure(run, durations, async () => {
    before = await readCounters(url);
  });
  const after = await readCounters(url);
  return { wrk: result, counters: difference(before as Counters, after) };
}

/**
 * Why a run's verification codes are not the expected ones, or null. Every verification of the run
 * must have answered one of `codes`, and there must be at least as many as wrk counted requests.
 */
function codeErrors(counters: Counters, requests: number, codes: string[]): string | null {
  const seen = counters.verifications;
  if (Object.keys(seen).some((code) => !codes.includes(code)))
    return `verify answered ${JSON.stringify(seen)}, expected only ${codes.join(' or ')}`;
  const total = Object.values(seen).reduce((sum, n) => sum + n, 0);
  if (total < requests) return `only ${total} verifications for ${requests} requests`;
  return null;
}

/** One target's rounds, reduced to medians. */
export interface Summary {
  name: string;
  rps: number;
  p99Ms: number;
  /** Store queries per request (NaN for a baseline). */
  queries: number;
  /** The server's CPU time per request in µs, from its own /metrics (NaN for a baseline). */
  cpuUs: number;
  runs: Measured[];
}

/**
 * Medians of a target's rounds. A round with any error, or (when `codes` is given) any verification
 * answering another code, is added to `failures`: its figures cannot stand.
 */
export function summarize(name: string, runs: Measured[], failures: string[], codes?: string[]): Summary {
  runs.forEach((run, i) => {
    const error =
      runErrors(run.wrk) ??
      (codes && run.counters ? codeErrors(run.counters, run.wrk.requests, codes) : null);
    if (error) failures.push(`${name}, round ${i + 1}: ${error}`);
  });
  const counted = runs.filter((run) => run.counters !== null);
  const medianOf = (figure: Figure) => (counted.length ? median(counted.map(figure)) : Number.NaN);
  return {
    name,
    rps: median(runs.map(reqPerSecond)),
    p99Ms: median(runs.map(p99)),
    queries: medianOf(queriesPerRequest),
    cpuUs: medianOf(cpuPerRequest),
    runs,
  };
}

/** A figure of one measured run; NaN where the run has no such figure. */
export type Figure = (run: Measured) => number;

export const reqPerSecond: Figure = (run) => run.wrk.rps;
export const p99: Figure = (run) => run.wrk.p99Ms;
/** The server's CPU time per request in µs, from Keyward's own /metrics. */
export const cpuPerRequest: Figure = (run) =>
  run.counters ? (run.counters.cpuSeconds * 1e6) / run.wrk.requests : Number.NaN;
export const queriesPerRequest: Figure = (run) =>
  run.counters ? run.counters.storeQueries / run.wrk.requests : Number.NaN;

/**
 * How a target compares with its floor: the median of each round's own ratio. A round measures the two
 * within a minute of each other, so a machine that is busier in one round than in the next moves both
 * figures of that round alike, and the ratio keeps only what differs between the two servers.
 */
export function pairedRatio(target: Summary, floor: Summary, figure: Figure): number {
  return median(
    target.runs.map((run, i) => {
      const base = floor.runs[i];
      return base ? figure(run) / figure(base) : Number.NaN;
    }),
  );
}
