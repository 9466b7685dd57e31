import { json } from '../rows.js';
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
 * Write-behind of usage quotas: run it in one transaction for the whole batch. Each budget's quota is
 * written whole, in one statement, to every key of the budget that has a quota.
 */
export async function updateQuotaUsage(db: Db, quotas: ReadonlyMap<string, Quota>): Promise<void> {
  for (const [budgetId, quota] of quotas) {
    await db
      .updateTable('api_keys')
      .set({ quota: json(quota) })
      .where('budget_id', '=', budgetId)
      .where('quota', 'is not', null)
      .execute();
  }
}
