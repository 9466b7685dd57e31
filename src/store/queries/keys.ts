import { bit, fromKey, json, toKey, toKeyEntry } from '../rows.js';
import type { KeyPatch } from '../store.js';
import type { ApiKey, KeyEntry, Page, PageOf, StoredKey } from '../types.js';
import type { Db } from './db.js';
import { pageOf } from './page.js';

export async function insertKey(db: Db, key: StoredKey): Promise<void> {
  await db.insertInto('api_keys').values(fromKey(key)).execute();
}

/** Rows per statement of a bulk insert: well inside both dialects' limits on bound parameters. */
const ROWS_PER_INSERT = 500;

export async function insertKeys(db: Db, keys: readonly StoredKey[]): Promise<void> {
  for (let i = 0; i < keys.length; i += ROWS_PER_INSERT) {
    await db
      .insertInto('api_keys')
      .values(keys.slice(i, i + ROWS_PER_INSERT).map(fromKey))
      .execute();
  }
}

/** A key with its owner's state, in one indexed query: what verification reads on a cache miss. */
function entryQuery(db: Db) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.owner_id')
    .leftJoin('memberships as m', (join) =>
      join.onRef('m.org_id', '=', 'k.org_id').onRef('m.user_id', '=', 'k.owner_id'),
    )
    .leftJoin('service_users as s', 's.id', 'k.owner_id')
    .selectAll('k')
    .select([
      'u.id as user_id',
      'u.disabled as user_disabled',
      'u.cluster_admin as user_cluster_admin',
      'm.role as member_role',
      's.id as service_id',
      's.org_id as service_org',
      's.role as service_role',
      's.expires_at as service_expires_at',
    ]);
}

export async function selectKeyEntry(
  db: Db,
  column: 'k.hash' | 'k.id',
  value: string,
): Promise<KeyEntry | null> {
  const row = await entryQuery(db).where(column, '=', value).executeTakeFirst();
  if (!row) return null;
  return toKeyEntry(row);
}

export async function selectKeyHashes(db: Db, after: string | null, limit: number): Promise<string[]> {
  let query = db.selectFrom('api_keys').select('hash').orderBy('hash').limit(limit);
  if (after !== null) query = query.where('hash', '>', after);
  return (await query.execute()).map((row) => row.hash);
}

export async function selectKeys(
  db: Db,
  orgId: string,
  ownerId: string | null,
  page: Page,
): Promise<PageOf<ApiKey>> {
  let q = db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (ownerId) q = q.where('owner_id', '=', ownerId);
  if (page.after) q = q.where('id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toKey), page, (k) => k.id);
}

export async function patchKey(db: Db, id: string, patch: KeyPatch): Promise<ApiKey | null> {
  // An empty patch would be `update … set where …`, which is not SQL.
  if (Object.values(patch).every((value) => value === undefined)) {
    const current = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();
    return current ? toKey(current) : null;
  }
  const row = await db
    .updateTable('api_keys')
    .set({
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.meta === undefined ? {} : { meta: json(patch.meta) }),
      ...(patch.enabled === undefined
        ? {}
        : {
            enabled: bit(patch.enabled),
            disabled_by: patch.enabled ? null : (patch.disabledBy ?? 'admin'),
          }),
      ...(patch.scopes === undefined ? {} : { scopes: json(patch.scopes) }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toKey(row) : null;
}

/** A key a revocation revoked: enough to tell who must hear of it. */
export interface RevokedKey {
  id: string;
  orgId: string;
  ownerId: string;
}

/**
 * Revokes the keys that match and are not yet revoked, and then every key made with one of them (a key
 * that makes keys passes on at most what it holds, and no longer than it holds it), down the whole line:
 * run it in a transaction. Answers the keys it revoked, first those that matched.
 */
export async function revokeKeys(
  db: Db,
  which: { id: string } | { ownerId?: string; orgId?: string },
  at: string,
): Promise<RevokedKey[]> {
  let query = db.updateTable('api_keys').set({ revoked_at: at }).where('revoked_at', 'is', null);
  if ('id' in which) query = query.where('id', '=', which.id);
  else {
    if (which.ownerId !== undefined) query = query.where('owner_id', '=', which.ownerId);
    if (which.orgId !== undefined) query = query.where('org_id', '=', which.orgId);
  }
  const revoked = (await query.returning(REVOKED).execute()).map(toRevoked);
  for (let frontier = revoked.map((key) => key.id); frontier.length > 0; ) {
    const made: string[] = [];
    for (let start = 0; start < frontier.length; start += IN_CHUNK) {
      const rows = await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('made_by_key', 'in', frontier.slice(start, start + IN_CHUNK))
        .where('revoked_at', 'is', null)
        .returning(REVOKED)
        .execute();
      for (const row of rows) {
        revoked.push(toRevoked(row));
        made.push(row.id);
      }
    }
    frontier = made;
  }
  return revoked;
}

const REVOKED = ['id', 'org_id', 'owner_id'] as const;
const toRevoked = (row: { id: string; org_id: string; owner_id: string }): RevokedKey => ({
  id: row.id,
  orgId: row.org_id,
  ownerId: row.owner_id,
});

/** Ids per `in (…)` list: well inside every dialect's limit on bound parameters. */
const IN_CHUNK = 500;

/**
 * Records the successor on the old key and caps its expiry, then inserts the successor: run it in a
 * transaction. The first statement is conditional, so that of two rotations of one key only one finds
 * it still working and not yet rotated, whatever the number of writers; false when it was not.
 */
export async function insertSuccessor(
  db: Db,
  oldId: string,
  oldExpiresAt: string,
  successor: StoredKey,
): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set((eb) => ({
      // The cap only shortens, never extends, an expiry the old key already had.
      expires_at: eb
        .case()
        .when(eb.and([eb('expires_at', 'is not', null), eb('expires_at', '<', oldExpiresAt)]))
        .then(eb.ref('expires_at'))
        .else(oldExpiresAt)
        .end(),
      successor_id: successor.id,
    }))
    .where('id', '=', oldId)
    .where('revoked_at', 'is', null)
    .where('enabled', '=', 1)
    .where('successor_id', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return false;
  await db.insertInto('api_keys').values(fromKey(successor)).execute();
  return true;
}
