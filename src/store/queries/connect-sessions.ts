import { fromConnectSession, toConnectSession } from '../rows.js';
import type { Page, PageOf, StoredConnectSession } from '../types.js';
import type { Db } from './db.js';
import { pageOf } from './page.js';

export async function insertConnectSession(db: Db, session: StoredConnectSession): Promise<void> {
  await db.insertInto('connect_sessions').values(fromConnectSession(session)).execute();
}

export async function selectConnectSession(db: Db, id: string): Promise<StoredConnectSession | null> {
  const row = await db.selectFrom('connect_sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toConnectSession(row) : null;
}

export async function selectConnectSessionByHash(
  db: Db,
  tokenHash: string,
): Promise<StoredConnectSession | null> {
  const row = await db
    .selectFrom('connect_sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toConnectSession(row) : null;
}

/** One organization's connect sessions, in id order. */
export async function selectConnectSessions(
  db: Db,
  orgId: string,
  page: Page,
): Promise<PageOf<StoredConnectSession>> {
  let q = db.selectFrom('connect_sessions').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (page.after) q = q.where('id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toConnectSession), page, (s) => s.id);
}

export async function deleteConnectSession(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('connect_sessions').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Marks a session used by `connection`, in one conditional statement: only while it is unused, unexpired
 * and under `maxRefusals`, so that two submissions at once cannot both use it. False when it had ended.
 */
export async function claimConnectSession(
  db: Db,
  id: string,
  at: string,
  connectionId: string,
  maxRefusals: number,
): Promise<boolean> {
  const result = await db
    .updateTable('connect_sessions')
    .set({ used_at: at, connection_id: connectionId })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', at)
    .where('refusals', '<', maxRefusals)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Counts one credential the provider refused through a session, in one statement; the new count. */
export async function countConnectRefusal(db: Db, id: string): Promise<number | null> {
  const row = await db
    .updateTable('connect_sessions')
    .set((eb) => ({ refusals: eb('refusals', '+', 1) }))
    .where('id', '=', id)
    .returning('refusals')
    .executeTakeFirst();
  return row ? Number(row.refusals) : null;
}
