import { sql } from 'kysely';
import type { Quota } from '../types.js';
import type { Db } from './db.js';

const TOUCH_CHUNK = 200;

/**
 * Write-behind of `lastUsedAt`: run it in one transaction for the whole batch, 200 keys to a statement
 * (a busy second can touch ten thousand keys). It only moves forward, so that a late flush (another
 * process's, or a retried one) never sets an older time.
 */
export async function updateLastUsed(db: Db, lastUsed: ReadonlyMap<string, string>): Promise<void> {
  const entries = [...lastUsed];
  for (let start = 0; start < entries.length; start += TOUCH_CHUNK) {
    const chunk = entries.slice(start, start + TOUCH_CHUNK);
    await db
      .updateTable('api_keys')
      .set((eb) => {
        const later = (id: string, at: string) =>
          eb.and([eb('id', '=', id), eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)])]);
        const [first, ...rest] = chunk as [[string, string], ...[string, string][]];
        let newest = eb
          .case()
          .when(later(...first))
          .then(first[1]);
        for (const [id, at] of rest) newest = newest.when(later(id, at)).then(at);
        return { last_used_at: newest.else(eb.ref('last_used_at')).end() };
      })
      .where(
        'id',
        'in',
        chunk.map(([id]) => id),
      )
      .execute();
  }
}

/**
 * Write-behind of usage quotas counted in this process's memory: run it in one transaction for the
 * whole batch. Each budget's count goes to every key of the budget that has a quota.
 */
export async function updateQuotaUsage(db: Db, quotas: ReadonlyMap<string, Quota>): Promise<void> {
  for (const [budgetId, quota] of quotas) {
    await db
      .updateTable('api_keys')
      .set({ quota_remaining: quota.remaining, quota_refilled_at: quota.refilledAt })
      .where('budget_id', '=', budgetId)
      .where('quota', 'is not', null)
      .execute();
  }
}

/**
 * Spends one unit of a budget's quota in one statement, refilling it first when `refill` says a new
 * period began after the last refill: exact however many processes spend at once, since the row lock
 * makes each statement see the count the one before it left. Answers the count left, or null when there
 * was nothing to spend (or no such quota).
 */
export async function spendQuota(
  db: Db,
  budgetId: string,
  refill: { amount: number; periodStart: string } | null,
  at: string,
): Promise<number | null> {
  const due = refill
    ? sql<boolean>`(quota_refilled_at is null or quota_refilled_at < ${refill.periodStart})`
    : sql<boolean>`(1 = 0)`;
  const amount = refill?.amount ?? 0;
  const rows = await db
    .updateTable('api_keys')
    .set({
      quota_remaining: sql`case when ${due} then ${amount} - 1 else quota_remaining - 1 end`,
      quota_refilled_at: sql`case when ${due} then ${at} else quota_refilled_at end`,
    })
    .where('budget_id', '=', budgetId)
    .where('quota', 'is not', null)
    .where(sql<boolean>`(case when ${due} then ${amount} else quota_remaining end) > 0`)
    .returning('quota_remaining')
    .execute();
  return rows.length === 0 ? null : Number(rows[0]?.quota_remaining);
}

/** A budget's quota count as stored now: what a process that does not count in memory reads. */
export async function selectQuota(
  db: Db,
  budgetId: string,
): Promise<{ remaining: number; refilledAt: string | null } | null> {
  const row = await db
    .selectFrom('api_keys')
    .select(['quota_remaining', 'quota_refilled_at'])
    .where('budget_id', '=', budgetId)
    .where('quota', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return row ? { remaining: Number(row.quota_remaining ?? 0), refilledAt: row.quota_refilled_at } : null;
}

/**
 * Counts one use in a budget's fixed rate-limit window in one statement, starting a new window when the
 * last one is over: exact across processes, as `spendQuota` is. Answers the window's start and count.
 */
export async function countUse(
  db: Db,
  budgetId: string,
  durationMs: number,
  nowMs: number,
): Promise<{ start: number; count: number }> {
  const over = sql<boolean>`rate_windows.window_start + ${durationMs} <= ${nowMs}`;
  const row = await db
    .insertInto('rate_windows')
    .values({ budget_id: budgetId, window_start: nowMs, count: 1 })
    .onConflict((conflict) =>
      conflict.column('budget_id').doUpdateSet({
        window_start: sql`case when ${over} then ${nowMs} else rate_windows.window_start end`,
        count: sql`case when ${over} then 1 else rate_windows.count + 1 end`,
      }),
    )
    .returning(['window_start', 'count'])
    .executeTakeFirstOrThrow();
  return { start: Number(row.window_start), count: Number(row.count) };
}
