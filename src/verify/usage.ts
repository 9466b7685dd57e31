import type { CachedKey } from '../keys/verify.js';
import type { ErrorLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Quota, RateLimit } from '../store/types.js';
import { type Flushed, WriteBehind } from '../write-behind.js';
import { type BudgetCounters, refillDue, type Window, windowAfter } from './counters.js';

const LAST_USED_PRECISION_MS = 60_000;

/**
 * Per-key counters of this process: `lastUsedAt`, and (the memory kind of `BudgetCounters`, for a single
 * process on SQLite) rate-limit windows and usage quotas. Nothing here writes per verification:
 * `lastUsedAt` and quotas are flushed to the store in one transaction every `intervalMs`, and on
 * shutdown.
 *
 * Windows and quotas are counted per budget: a key's rotation lineage (`StoredKey.budgetId`), so that a
 * key and its successor in its grace period share one window and one quota, and a rotation moves the
 * key but never refreshes its budget (PRODUCT.md §4a).
 */
export class UsageTracker implements BudgetCounters {
  readonly immediate = true;
  private lastUsed = new Map<string, number>();
  private readonly quotas = new Map<string, Quota>();
  private dirtyQuotas = new Set<string>();
  private readonly windows = new Map<string, { start: number; count: number }>();
  /** The write-behind, whose lag and failures the metrics read. */
  readonly writer: WriteBehind;

  constructor(
    private readonly store: Store,
    private readonly logger: ErrorLogger,
    intervalMs = 1000,
    /** Told each `lastUsedAt` once it is stored, so that cached records show it too. */
    private readonly onStored: (keyId: string, lastUsedAt: string) => void = () => {},
  ) {
    this.writer = new WriteBehind(
      () => this.write(),
      intervalMs,
      () => this.lastUsed.size + this.dirtyQuotas.size,
    );
  }

  start(): void {
    this.writer.start();
  }

  /**
   * Records a use of the key. `lastUsedAt` is kept to the minute, as AWS and GitHub keep theirs
   * coarse: a key whose stored `lastUsedAt` is less than a minute old is not written again, so that a
   * busy key costs one write a minute rather than one a flush.
   */
  touch(entry: CachedKey, nowMs: number): void {
    if (nowMs - entry.lastUsedMs < LAST_USED_PRECISION_MS) return;
    // The latest use wins, not the last call: a verification that waited on the store may report a
    // time earlier than one that answered from memory after it.
    const pending = this.lastUsed.get(entry.key.id);
    if (pending !== undefined && pending >= nowMs) return;
    this.lastUsed.set(entry.key.id, nowMs);
    this.writer.changed();
  }

  /** Counts one use against a fixed window; `ok` is false once the window's limit is spent. */
  rateLimit(budgetId: string, limit: RateLimit, nowMs: number): Window {
    let window = this.windows.get(budgetId);
    if (!window || nowMs >= window.start + limit.duration) {
      window = { start: nowMs, count: 0 };
      this.windows.set(budgetId, window);
    }
    // Uses past the limit are not counted: the window answers no until it ends.
    if (window.count < limit.limit) window.count++;
    else return { ok: false, remaining: 0, reset: window.start + limit.duration };
    return windowAfter(limit, window.start, window.count);
  }

  /** Spends one unit of the budget's quota, refilling it first when a new period has begun. */
  consume(budgetId: string, quota: Quota, nowMs: number): { ok: boolean; remaining: number } {
    const state = this.quotaNow(budgetId, quota, nowMs);
    if (state.remaining <= 0) return { ok: false, remaining: 0 };
    state.remaining--;
    this.dirtyQuotas.add(budgetId);
    this.writer.changed();
    return { ok: true, remaining: state.remaining };
  }

  /**
   * The budget's quota as it stands now, refilled when a new period has begun: what a rotation hands to
   * the successor, and what a key that makes keys may give away at most. `quota` is the stored one,
   * which this process's spending since the last flush has overtaken.
   */
  quotaNow(budgetId: string, quota: Quota, nowMs: number): Quota {
    let state = this.quotas.get(budgetId);
    if (!state) {
      state = { ...quota };
      this.quotas.set(budgetId, state);
    }
    if (state.refill && refillDue(state, nowMs)) {
      state.remaining = state.refill.amount;
      state.refilledAt = new Date(nowMs).toISOString();
      this.dirtyQuotas.add(budgetId);
      this.writer.changed();
    }
    return state;
  }

  /** Writes what has changed since the last flush. */
  flush(): Promise<void> {
    return this.writer.run();
  }

  stop(): Promise<void> {
    return this.writer.stop();
  }

  private async write(): Promise<Flushed> {
    const lastUsed = this.lastUsed;
    this.lastUsed = new Map();
    const quotas = new Map<string, Quota>();
    for (const id of this.dirtyQuotas) {
      const state = this.quotas.get(id);
      if (state) quotas.set(id, { ...state });
    }
    this.dirtyQuotas = new Set();
    try {
      const times = new Map<string, string>();
      for (const [id, ms] of lastUsed) times.set(id, new Date(ms).toISOString());
      await this.store.touchKeys(times);
      await this.store.saveQuotas(quotas);
      for (const [id, at] of times) this.onStored(id, at);
      return 'written';
    } catch (error) {
      this.logger.error({ err: error }, 'write-behind flush failed; will retry');
      for (const [id, ms] of lastUsed) if (!this.lastUsed.has(id)) this.lastUsed.set(id, ms);
      for (const id of quotas.keys()) this.dirtyQuotas.add(id);
      return 'kept';
    }
  }
}
