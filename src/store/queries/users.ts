import { bit, toUser } from '../rows.js';
import type { Page, PageOf, User, UserCredentials } from '../types.js';
import type { Db } from './db.js';
import { type RevokedKey, revokeKeys } from './keys.js';
import { pageOf } from './page.js';
import { revokeRefreshTokens } from './refresh-tokens.js';

export async function insertUser(db: Db, user: UserCredentials): Promise<void> {
  await db
    .insertInto('users')
    .values({
      id: user.id,
      username: user.username,
      password_hash: user.passwordHash,
      cluster_admin: bit(user.clusterAdmin),
      disabled: bit(user.disabled),
      created_at: user.createdAt,
      updated_at: user.updatedAt,
    })
    .execute();
}

export async function selectUser(db: Db, id: string): Promise<User | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function selectUserCredentials(db: Db, username: string): Promise<UserCredentials | null> {
  const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
}

export async function selectUsers(db: Db, page: Page): Promise<PageOf<User>> {
  let q = db
    .selectFrom('users')
    .selectAll()
    .orderBy('id')
    .limit(page.limit + 1);
  if (page.after) q = q.where('id', '>', page.after);
  return pageOf((await q.execute()).map(toUser), page, (u) => u.id);
}

/** Ends the user's sessions too when the password changes or the user is disabled: run it in a transaction. */
export async function patchUser(
  db: Db,
  id: string,
  patch: { disabled?: boolean; passwordHash?: string },
): Promise<User | null> {
  const row = await db
    .updateTable('users')
    .set({
      updated_at: new Date().toISOString(),
      ...(patch.disabled === undefined ? {} : { disabled: bit(patch.disabled) }),
      ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (row && (patch.passwordHash !== undefined || patch.disabled === true)) {
    await revokeRefreshTokens(db, 'user_id', id, row.updated_at);
  }
  return row ? toUser(row) : null;
}

/**
 * Deletes the user with its memberships and sessions, and revokes its keys (and what they made): run it
 * in a transaction. Answers the ids of the keys it revoked, or null when there was no such user.
 */
export async function purgeUser(db: Db, id: string, at: string): Promise<RevokedKey[] | null> {
  const revoked = await revokeKeys(db, { ownerId: id }, at);
  await db.deleteFrom('memberships').where('user_id', '=', id).execute();
  await db.deleteFrom('refresh_tokens').where('user_id', '=', id).execute();
  const result = await db.deleteFrom('users').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0 ? revoked : null;
}
