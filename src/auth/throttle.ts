/**
 * Counts failed authentications of one kind per client address in fixed windows. Only failures are
 * counted, so a valid key from a throttled address keeps working. Each kind (keys and tokens, passwords,
 * connect links) has a throttle of its own, so that a stream of bad keys from behind one proxy does not
 * lock its users out of signing in.
 */
export class FailureThrottle {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    /** The policy's name in the `RateLimit` header fields: `failed-auth`, `failed-sign-in`, … */
    readonly policy: string,
    readonly maxFailures: number,
    readonly windowMs: number,
    private readonly maxAddresses = 100_000,
  ) {}

  /** How many addresses are refused now. */
  throttledCount(nowMs: number): number {
    let count = 0;
    for (const w of this.windows.values())
      if (nowMs < w.start + this.windowMs && w.count >= this.maxFailures) count++;
    return count;
  }

  /** Seconds until the address may try again, or 0 when it is not throttled. */
  retryAfter(address: string, nowMs: number): number {
    const w = this.windows.get(address);
    if (!w || nowMs >= w.start + this.windowMs || w.count < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((w.start + this.windowMs - nowMs) / 1000));
  }

  /**
   * An attempt whose outcome is not known yet (a password to check): it is counted as a failure before
   * anything is awaited, so that concurrent guesses are throttled exactly as sequential ones are, and
   * `refund` takes it back when it succeeds. Answers the seconds to wait when the address is throttled
   * (nothing is counted then), or 0.
   */
  attempt(address: string, nowMs: number): number {
    const wait = this.retryAfter(address, nowMs);
    if (wait === 0) this.recordFailure(address, nowMs);
    return wait;
  }

  /** Takes back one failure counted by `attempt` for an attempt that succeeded. */
  refund(address: string): void {
    const w = this.windows.get(address);
    if (w && w.count > 0) w.count--;
  }

  recordFailure(address: string, nowMs: number): void {
    let w = this.windows.get(address);
    if (!w || nowMs >= w.start + this.windowMs) {
      if (!w && this.windows.size >= this.maxAddresses) {
        this.windows.delete(this.windows.keys().next().value as string);
      }
      w = { start: nowMs, count: 0 };
      this.windows.set(address, w);
    }
    w.count++;
  }
}
