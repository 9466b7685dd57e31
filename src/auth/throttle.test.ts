import { describe, expect, it } from 'vitest';
import { FailureThrottle } from './throttle.js';

describe('FailureThrottle', () => {
  it('counts an attempt before its outcome is known, so that concurrent ones are throttled as sequential ones', () => {
    const throttle = new FailureThrottle('failed-auth', 3, 60_000);
    // Three attempts in flight at once: each is counted as it starts.
    expect([0, 1, 2].map(() => throttle.attempt('a', 0))).toEqual([0, 0, 0]);
    expect(throttle.attempt('a', 0)).toBe(60);
    // One of them succeeds: its count is taken back, and one more may try.
    throttle.refund('a');
    expect(throttle.attempt('a', 1000)).toBe(0);
    expect(throttle.attempt('a', 1000)).toBe(59);
    expect(throttle.attempt('b', 1000)).toBe(0);
    expect(throttle.attempt('a', 60_000)).toBe(0);
  });

  it('counts the addresses it refuses now, and forgets them when their window ends', () => {
    const throttle = new FailureThrottle('failed-auth', 2, 60_000);
    throttle.recordFailure('a', 0);
    throttle.recordFailure('a', 0);
    throttle.recordFailure('b', 0);
    expect(throttle.throttledCount(1000)).toBe(1);
    throttle.recordFailure('b', 1000);
    expect(throttle.throttledCount(1000)).toBe(2);
    expect(throttle.throttledCount(60_000)).toBe(0);
  });
});
