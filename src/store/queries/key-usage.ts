import { json } from '../rows.js';
import type { Db } from './db.js';

/**
 * Write-behind of `lastUsedAt`: run it in one transaction for the whole batch. It only moves forward, so
 * that a late flush (another process's, or a retried one) never sets an older time.
 */
export async function updateLastUsed(db: Db, lastUsed: ReadonlyMap<string, string>): Promise<void> {
  for (const [id, at] of lastUsed) {
    await db
      .updateTable('api_keys')
      .set({ last_used_at: at })
      .where('id', '=', id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}

/**
 * Write-behind of usage quotas: run it in one transaction for the whole batch. Only the counters are
 * written; the key's refill settings are read back so that they are kept as they are now.
 */
export async function updateQuotaUsage(
  db: Db,
  quotas: ReadonlyMap<string, { remaining: number; refilledAt: string | null }>,
): Promise<void> {
  for (const [id, usage] of quotas) {
    const row = await db.selectFrom('api_keys').select('quota').where('id', '=', id).executeTakeFirst();
    if (!row?.quota) continue;
    const quota = { ...JSON.parse(row.quota), remaining: usage.remaining, refilledAt: usage.refilledAt };
    await db
      .updateTable('api_keys')
      .set({ quota: json(quota) })
      .where('id', '=', id)
      .execute();
  }
}
