import { toRefreshToken } from '../rows.js';
import type { RefreshToken } from '../types.js';
import type { Db } from './db.js';

export async function insertRefreshToken(db: Db, t: RefreshToken): Promise<void> {
  await db
    .insertInto('refresh_tokens')
    .values({
      id: t.id,
      user_id: t.userId,
      family_id: t.familyId,
      hash: t.hash,
      expires_at: t.expiresAt,
      used_at: t.usedAt,
      revoked_at: t.revokedAt,
    })
    .execute();
}

export async function selectRefreshToken(db: Db, hash: string): Promise<RefreshToken | null> {
  const row = await db.selectFrom('refresh_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
  return row ? toRefreshToken(row) : null;
}

export async function markRefreshTokenUsed(db: Db, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('refresh_tokens')
    .set({ used_at: at })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Revokes the live tokens of one family (a replay) or of one user (a new password, a disabled user). */
export async function revokeRefreshTokens(
  db: Db,
  column: 'family_id' | 'user_id',
  value: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('refresh_tokens')
    .set({ revoked_at: at })
    .where(column, '=', value)
    .where('revoked_at', 'is', null)
    .execute();
}
