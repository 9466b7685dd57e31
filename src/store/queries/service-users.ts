import { toServiceUser } from '../rows.js';
import type { Page, PageOf, ServiceUser } from '../types.js';
import type { Db } from './db.js';
import { type RevokedKey, revokeKeys } from './keys.js';
import { pageOf } from './page.js';

export async function insertServiceUser(db: Db, s: ServiceUser): Promise<void> {
  await db
    .insertInto('service_users')
    .values({
      id: s.id,
      org_id: s.orgId,
      name: s.name,
      description: s.description,
      role: s.role,
      expires_at: s.expiresAt,
      created_at: s.createdAt,
      updated_at: s.updatedAt,
    })
    .execute();
}

export async function selectServiceUser(db: Db, id: string): Promise<ServiceUser | null> {
  const row = await db.selectFrom('service_users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toServiceUser(row) : null;
}

export async function selectServiceUsers(db: Db, orgId: string, page: Page): Promise<PageOf<ServiceUser>> {
  let q = db.selectFrom('service_users').selectAll().where('org_id', '=', orgId).orderBy('id');
  if (page.after) q = q.where('id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toServiceUser), page, (s) => s.id);
}

export async function patchServiceUser(
  db: Db,
  id: string,
  patch: Partial<Pick<ServiceUser, 'name' | 'description' | 'role' | 'expiresAt'>>,
): Promise<ServiceUser | null> {
  const row = await db
    .updateTable('service_users')
    .set({
      updated_at: new Date().toISOString(),
      ...(patch.name === undefined ? {} : { name: patch.name }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.role === undefined ? {} : { role: patch.role }),
      ...(patch.expiresAt === undefined ? {} : { expires_at: patch.expiresAt }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toServiceUser(row) : null;
}

/**
 * Deletes the service user and revokes its keys (and what they made): run it in a transaction. Answers
 * the ids of the keys it revoked, or null when there was no such service user.
 */
export async function purgeServiceUser(db: Db, id: string, at: string): Promise<RevokedKey[] | null> {
  const revoked = await revokeKeys(db, { ownerId: id }, at);
  const result = await db.deleteFrom('service_users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0 ? revoked : null;
}
