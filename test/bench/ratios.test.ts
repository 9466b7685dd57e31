import { describe, expect, it } from 'vitest';
import {
  type Measured,
  p99,
  pairedRatio,
  reqPerSecond,
  type Summary,
  summarize,
} from '../../bench/measure.js';
import { parseOptions, UsageError } from '../../bench/options.js';
import type { WrkResult } from '../../bench/wrk.js';

function run(rps: number, p99Ms: number): Measured {
  const wrk: WrkResult = {
    requests: rps * 10,
    seconds: 10,
    rps,
    p50Ms: p99Ms / 3,
    p99Ms,
    maxMs: p99Ms * 2,
    non2xx: 0,
    socketErrors: 0,
    socket: { connect: 0, read: 0, write: 0, timeout: 0 },
  };
  return { wrk, counters: null };
}

function target(name: string, runs: Measured[]): Summary {
  return summarize(name, runs, []);
}

describe('bench ratios', () => {
  it('compare each round with its own floor, so a round on a busier machine moves both sides alike', () => {
    // The machine gives half its speed in round 2 and a third more in round 3; the target is 0.9× throughout.
    const floor = target('floor', [run(30_000, 2), run(15_000, 4), run(40_000, 1.5)]);
    const keyward = target('keyward', [run(27_000, 2.2), run(13_500, 4.4), run(36_000, 1.65)]);
    expect(pairedRatio(keyward, floor, reqPerSecond)).toBeCloseTo(0.9, 10);
    expect(pairedRatio(keyward, floor, p99)).toBeCloseTo(1.1, 10);
  });

  it('take the median of the rounds, so one disturbed round does not decide', () => {
    const floor = target('floor', [run(30_000, 2), run(30_000, 2), run(30_000, 2)]);
    const keyward = target('keyward', [run(27_000, 2), run(12_000, 9), run(28_500, 2)]);
    expect(pairedRatio(keyward, floor, reqPerSecond)).toBeCloseTo(0.9, 10);
    expect(pairedRatio(keyward, floor, p99)).toBe(1);
  });
});

describe('bench options', () => {
  it('default to three rounds of a 3 s warm-up and a 10 s run', () => {
    expect(parseOptions([]).durations).toEqual({ rounds: 3, warmupS: 3, runS: 10 });
  });

  it('take more rounds for a busy host', () => {
    expect(parseOptions(['--rounds', '5']).durations.rounds).toBe(5);
    expect(parseOptions(['--rounds=7', '--only', 'http']).durations).toEqual({
      rounds: 7,
      warmupS: 3,
      runS: 10,
    });
  });

  it('refuse a number of rounds that is not a whole number from 1 to 15', () => {
    for (const bad of [
      ['--rounds'],
      ['--rounds', '0'],
      ['--rounds', '16'],
      ['--rounds', '2.5'],
      ['--rounds=x'],
    ])
      expect(() => parseOptions(bad)).toThrow(UsageError);
  });
});
