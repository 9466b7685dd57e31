import { fromConnection, toConnection } from '../rows.js';
import type { Page, PageOf, SealedRecord, StoredConnection } from '../types.js';
import type { Db } from './db.js';
import { pageOf } from './page.js';

/** What a connection's change may touch: everything but its id, organization, provider and creation. */
export type ConnectionPatch = Partial<
  Pick<StoredConnection, 'name' | 'config' | 'sealed' | 'masterKeyId' | 'expiresAt' | 'lastCheck'>
>;

export async function insertConnection(db: Db, connection: StoredConnection): Promise<void> {
  await db.insertInto('connections').values(fromConnection(connection)).execute();
}

export async function selectConnection(db: Db, id: string): Promise<StoredConnection | null> {
  const row = await db.selectFrom('connections').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toConnection(row) : null;
}

/** One organization's connections in id order; with `expiringBefore`, only those that expire by then. */
export async function selectConnections(
  db: Db,
  orgId: string,
  page: Page,
  expiringBefore: string | null,
): Promise<PageOf<StoredConnection>> {
  let q = db.selectFrom('connections').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (expiringBefore !== null)
    q = q.where('expires_at', 'is not', null).where('expires_at', '<=', expiringBefore);
  if (page.after) q = q.where('id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toConnection), page, (c) => c.id);
}

export async function patchConnection(
  db: Db,
  id: string,
  patch: ConnectionPatch,
  at: string,
): Promise<StoredConnection | null> {
  const row = await db
    .updateTable('connections')
    .set({
      updated_at: at,
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.config === undefined ? {} : { config: JSON.stringify(patch.config) }),
      ...(patch.sealed === undefined ? {} : { sealed: patch.sealed }),
      ...(patch.masterKeyId === undefined ? {} : { master_key_id: patch.masterKeyId }),
      ...(patch.expiresAt === undefined ? {} : { expires_at: patch.expiresAt }),
      ...(patch.lastCheck === undefined
        ? {}
        : {
            last_checked_at: patch.lastCheck?.at ?? null,
            last_check_status: patch.lastCheck?.status ?? null,
            last_check_outcome: patch.lastCheck?.outcome ?? null,
          }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toConnection(row) : null;
}

export async function deleteConnection(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('connections').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every connection's sealed secrets, in id order, a page at a time: what a rewrap job walks. */
export async function selectSealed(db: Db, after: string | null, limit: number): Promise<SealedRecord[]> {
  let q = db
    .selectFrom('connections')
    .select(['id', 'org_id', 'sealed', 'master_key_id'])
    .orderBy('id')
    .limit(limit);
  if (after !== null) q = q.where('id', '>', after);
  return (await q.execute()).map((row) => ({
    id: row.id,
    orgId: row.org_id,
    sealed: row.sealed,
    masterKeyId: row.master_key_id,
  }));
}

/**
 * Replaces a connection's sealed secrets only while they are exactly `previous`: a rewrap that raced
 * with an update (sealed afresh, under whichever key) changes nothing, and loses no credential.
 */
export async function resealConnection(
  db: Db,
  id: string,
  sealed: string,
  masterKeyId: string,
  previous: string,
): Promise<boolean> {
  const result = await db
    .updateTable('connections')
    .set({ sealed, master_key_id: masterKeyId })
    .where('id', '=', id)
    .where('sealed', '=', previous)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** How many connections each master key still wraps. */
export async function countByMasterKey(db: Db): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('connections')
    .select((eb) => ['master_key_id', eb.fn.countAll<number>().as('count')])
    .groupBy('master_key_id')
    .execute();
  return new Map(rows.map((row) => [row.master_key_id, Number(row.count)]));
}
