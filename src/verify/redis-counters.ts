import { Redis } from 'ioredis';
import { KeywardError } from '../errors.js';
import type { ErrorLogger } from '../logger.js';
import type { Store } from '../store/store.js';
import type { Quota, RateLimit } from '../store/types.js';
import { type Flushed, WriteBehind } from '../write-behind.js';
import { type BudgetCounters, periodStart, refillDue, type Window, windowAfter } from './counters.js';

/**
 * One fixed window per budget, as a hash {s: start, c: count}: a new window starts at the first use after
 * the last one ended. The caller's clock decides, so that every process counts the same windows.
 */
const RATE = `
local start = tonumber(redis.call('HGET', KEYS[1], 's'))
local now = tonumber(ARGV[1])
local duration = tonumber(ARGV[2])
local count
if (not start) or start + duration <= now then
  start = now
  count = 1
  redis.call('HSET', KEYS[1], 's', start, 'c', 1)
else
  count = redis.call('HINCRBY', KEYS[1], 'c', 1)
end
redis.call('PEXPIRE', KEYS[1], duration + 60000)
return {start, count}`;

/**
 * A budget's quota as a hash {r: remaining, f: refilledAt}, seeded from the store's count the first
 * time, refilled when its period began after the last refill, then spent by one unit if any is left.
 * ISO 8601 times compare as strings.
 */
const SPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then
  redis.call('HSET', KEYS[1], 'r', ARGV[1], 'f', ARGV[2])
end
local r = tonumber(redis.call('HGET', KEYS[1], 'r'))
local f = redis.call('HGET', KEYS[1], 'f')
if ARGV[3] ~= '' and (f == '' or f < ARGV[4]) then
  r = tonumber(ARGV[3])
  f = ARGV[5]
end
local ok = 0
if r > 0 then
  r = r - 1
  ok = 1
end
redis.call('HSET', KEYS[1], 'r', r, 'f', f)
return {ok, r, f}`;

type Evaluate = (script: string, keys: number, ...args: (string | number)[]) => Promise<unknown>;

/**
 * Counts in Redis, one script per verification of a limited key: exact across every process that
 * shares the Redis, and cheaper for the database than `StoreCounters`. Quotas are written behind to the
 * store every `intervalMs` (and on stop), so that a Redis that loses its data starts again from the
 * store's count, at most one interval old.
 */
export class RedisCounters implements BudgetCounters {
  readonly immediate = false;
  private dirty = new Set<string>();
  /** The write-behind of quotas to the store, whose lag and failures the metrics read. */
  readonly writer: WriteBehind;

  private constructor(
    private readonly redis: Redis,
    private readonly store: Store,
    private readonly logger: ErrorLogger,
    intervalMs: number,
  ) {
    this.writer = new WriteBehind(
      () => this.write(),
      intervalMs,
      () => this.dirty.size,
    );
  }

  /** Connects before the server serves: a Redis that does not answer stops the start with its error. */
  static async open(
    url: string,
    store: Store,
    logger: ErrorLogger,
    intervalMs = 1000,
  ): Promise<RedisCounters> {
    const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    // Errors reach the requests that meet them; the client reconnects by itself.
    redis.on('error', () => {});
    await redis.connect();
    return new RedisCounters(redis, store, logger, intervalMs);
  }

  start(): void {
    this.writer.start();
  }

  flush(): Promise<void> {
    return this.writer.run();
  }

  async stop(): Promise<void> {
    await this.writer.stop();
    this.redis.disconnect();
  }

  async rateLimit(budgetId: string, limit: RateLimit, nowMs: number): Promise<Window> {
    const [start, count] = (await this.evaluate(
      RATE,
      `kw:rate:${budgetId}`,
      nowMs,
      limit.duration,
    )) as number[];
    return windowAfter(limit, Number(start), Number(count));
  }

  async consume(budgetId: string, quota: Quota, nowMs: number): Promise<{ ok: boolean; remaining: number }> {
    const [ok, remaining] = (await this.spend(budgetId, quota, nowMs)) as [number, number];
    this.dirty.add(budgetId);
    this.writer.changed();
    return { ok: Number(ok) === 1, remaining: Number(remaining) };
  }

  async quotaNow(budgetId: string, quota: Quota, nowMs: number): Promise<Quota> {
    const held = await this.guard(() => this.redis.hgetall(`kw:quota:${budgetId}`));
    const now =
      held.r === undefined
        ? ((await this.store.readQuota(budgetId)) ?? quota)
        : { remaining: Number(held.r), refilledAt: held.f || null };
    const current = { remaining: now.remaining, refill: quota.refill, refilledAt: now.refilledAt };
    return refillDue(current, nowMs) && quota.refill
      ? { ...current, remaining: quota.refill.amount, refilledAt: new Date(nowMs).toISOString() }
      : current;
  }

  private spend(budgetId: string, quota: Quota, nowMs: number): Promise<unknown> {
    const refill = quota.refill;
    return this.evaluate(
      SPEND,
      `kw:quota:${budgetId}`,
      quota.remaining,
      quota.refilledAt ?? '',
      refill ? refill.amount : '',
      refill ? new Date(periodStart(refill.interval, nowMs)).toISOString() : '',
      new Date(nowMs).toISOString(),
    );
  }

  private evaluate(script: string, key: string, ...args: (string | number)[]): Promise<unknown> {
    return this.guard(() => (this.redis.eval as Evaluate)(script, 1, key, ...args));
  }

  /** A Redis that does not answer is a `503`: a count must never be guessed. */
  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      this.logger.error({ err: error }, 'Redis did not answer a rate-limit or quota count');
      throw new KeywardError(
        'UNAVAILABLE',
        'The rate-limit and quota counters do not answer; retry shortly',
        {
          'retry-after': '1',
        },
      );
    }
  }

  private async write(): Promise<Flushed> {
    const budgets = this.dirty;
    this.dirty = new Set();
    if (budgets.size === 0) return 'written';
    try {
      const quotas = new Map<string, Quota>();
      for (const budgetId of budgets) {
        const held = await this.redis.hgetall(`kw:quota:${budgetId}`);
        if (held.r !== undefined)
          quotas.set(budgetId, { remaining: Number(held.r), refill: null, refilledAt: held.f || null });
      }
      await this.store.saveQuotas(quotas);
      return 'written';
    } catch (error) {
      this.logger.error({ err: error }, 'quota write-behind from Redis failed; will retry');
      for (const budgetId of budgets) this.dirty.add(budgetId);
      return 'kept';
    }
  }
}
