import type { MaybePromise } from '../maybe-promise.js';
import type { Store } from '../store/store.js';
import type { Quota, RateLimit } from '../store/types.js';

/** The state of a fixed rate-limit window after one more use. */
export interface Window {
  ok: boolean;
  remaining: number;
  /** When the window ends, in ms. */
  reset: number;
}

/**
 * Where the rate-limit windows and quotas of keys are counted, per budget (a rotation lineage,
 * `StoredKey.budgetId`). Three kinds, exact wherever the processes that verify share them:
 * - this process's memory (`UsageTracker`), for a single process on SQLite: answers at once, and
 *   writes quotas behind;
 * - the database (`StoreCounters`), one statement per verification of a limited key, for several
 *   processes on PostgreSQL without Redis;
 * - Redis (`RedisCounters`), one script per verification, when configured.
 */
export interface BudgetCounters {
  /** True when every answer comes at once, without a promise: the hot path answers limited keys itself. */
  readonly immediate: boolean;
  /** Counts one use against a fixed window; `ok` is false once the window's limit is spent. */
  rateLimit(budgetId: string, limit: RateLimit, nowMs: number): MaybePromise<Window>;
  /** Spends one unit of the budget's quota, refilling it first when a new period has begun. */
  consume(budgetId: string, quota: Quota, nowMs: number): MaybePromise<{ ok: boolean; remaining: number }>;
  /**
   * The budget's quota as it stands now, refilled when a new period has begun: what a rotation hands to
   * the successor, and what a key that makes keys may give away at most. `quota` is what the caller read
   * with the key, which spending since may have overtaken.
   */
  quotaNow(budgetId: string, quota: Quota, nowMs: number): MaybePromise<Quota>;
  /** Starts writing counts behind, where the kind does. */
  start(): void;
  /** Writes what is waiting and lets go of connections. */
  stop(): Promise<void>;
}

/** The start of the current refill period, in UTC. */
export function periodStart(interval: 'daily' | 'monthly', nowMs: number): number {
  const d = new Date(nowMs);
  return interval === 'daily'
    ? Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())
    : Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** Whether a quota last refilled at `refilledAt` is due a refill now. */
export function refillDue(quota: Pick<Quota, 'refill' | 'refilledAt'>, nowMs: number): boolean {
  if (!quota.refill) return false;
  return (
    quota.refilledAt === null || Date.parse(quota.refilledAt) < periodStart(quota.refill.interval, nowMs)
  );
}

/** A window's answer from its start and its count including this use. */
export function windowAfter(limit: RateLimit, start: number, count: number): Window {
  return {
    ok: count <= limit.limit,
    remaining: Math.max(0, limit.limit - count),
    reset: start + limit.duration,
  };
}

/**
 * Counts in the database, one statement per verification of a limited key: exact across every process
 * on one PostgreSQL, with no other service (src/store/queries/key-usage.ts).
 */
export class StoreCounters implements BudgetCounters {
  readonly immediate = false;

  constructor(private readonly store: Store) {}

  start(): void {}

  async stop(): Promise<void> {}

  async rateLimit(budgetId: string, limit: RateLimit, nowMs: number): Promise<Window> {
    const { start, count } = await this.store.countUse(budgetId, limit.duration, nowMs);
    return windowAfter(limit, start, count);
  }

  async consume(budgetId: string, quota: Quota, nowMs: number): Promise<{ ok: boolean; remaining: number }> {
    const refill = quota.refill
      ? { amount: quota.refill.amount, periodStart: iso(periodStart(quota.refill.interval, nowMs)) }
      : null;
    const left = await this.store.spendQuota(budgetId, refill, iso(nowMs));
    return left === null ? { ok: false, remaining: 0 } : { ok: true, remaining: left };
  }

  async quotaNow(budgetId: string, quota: Quota, nowMs: number): Promise<Quota> {
    const stored = (await this.store.readQuota(budgetId)) ?? quota;
    const now = { remaining: stored.remaining, refill: quota.refill, refilledAt: stored.refilledAt };
    return refillDue(now, nowMs) && quota.refill
      ? { ...now, remaining: quota.refill.amount, refilledAt: iso(nowMs) }
      : now;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
