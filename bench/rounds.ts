import { type WrkResult, type WrkRun, wrk } from './wrk.js';

/** How long and how often: 3 rounds of a 3 s warm-up and a 10 s run by default (PRODUCT.md §10). */
export interface Durations {
  rounds: number;
  warmupS: number;
  runS: number;
}

/** One target of a section: what one round of it does and returns. */
export interface Target<T> {
  name: string;
  round(index: number): Promise<T>;
}

/**
 * Runs the targets interleaved: round 1 runs every target once, then round 2, and so on, so that a
 * drift of the machine touches every target alike. Returns each target's results in round order.
 */
export async function interleave<T>(
  targets: Target<T>[],
  rounds: number,
  say: (line: string) => void,
): Promise<Map<string, T[]>> {
  const results = new Map<string, T[]>(targets.map((target) => [target.name, []]));
  for (let index = 1; index <= rounds; index++) {
    for (const target of targets) {
      say(`  round ${index}/${rounds}: ${target.name}`);
      results.get(target.name)?.push(await target.round(index));
    }
  }
  return results;
}

/** A warm-up run whose figures are dropped, then the measured run; `between` runs in between. */
export async function warmThenMeasure(
  run: Omit<WrkRun, 'seconds'>,
  durations: Durations,
  between?: () => Promise<void>,
): Promise<WrkResult> {
  await wrk({ ...run, seconds: durations.warmupS });
  await between?.();
  return wrk({ ...run, seconds: durations.runS });
}

/** Why a run's figures cannot stand: any answer of 400 or more, or any socket error. */
export function runErrors(result: WrkResult): string | null {
  if (result.non2xx === 0 && result.socketErrors === 0) return null;
  const socket = Object.entries(result.socket)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return (
    `${result.non2xx} answers of 400 or more and ${result.socketErrors} socket errors` +
    `${socket.length ? ` (${socket.join(', ')})` : ''} in ${result.requests} requests`
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
