import type { Role } from '../../keys/permissions.js';
import { toMember, toOrganization } from '../rows.js';
import type { MemberRefusal } from '../store.js';
import type { Member, Organization, Page, PageOf } from '../types.js';
import type { Db } from './db.js';
import { type RevokedKey, revokeKeys } from './keys.js';
import { pageOf } from './page.js';

/** Creates the organization and, when given, its first admin: run it in a transaction. */
export async function insertOrganization(db: Db, org: Organization, admin: string | null): Promise<void> {
  await db
    .insertInto('organizations')
    .values({
      id: org.id,
      name: org.name,
      key_prefix: org.keyPrefix,
      created_at: org.createdAt,
      updated_at: org.updatedAt,
    })
    .execute();
  if (admin) {
    await db
      .insertInto('memberships')
      .values({ org_id: org.id, user_id: admin, role: 'admin', created_at: org.createdAt })
      .execute();
  }
}

export async function selectOrganization(db: Db, id: string): Promise<Organization | null> {
  const row = await db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganization(row) : null;
}

export async function selectOrganizations(
  db: Db,
  memberId: string | null,
  page: Page,
): Promise<PageOf<Organization>> {
  let q = db.selectFrom('organizations').selectAll('organizations').orderBy('organizations.id');
  if (memberId) {
    q = q
      .innerJoin('memberships', 'memberships.org_id', 'organizations.id')
      .where('memberships.user_id', '=', memberId);
  }
  if (page.after) q = q.where('organizations.id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toOrganization), page, (o) => o.id);
}

export async function patchOrganization(
  db: Db,
  id: string,
  patch: { name?: string },
): Promise<Organization | null> {
  const row = await db
    .updateTable('organizations')
    .set({
      updated_at: new Date().toISOString(),
      ...(patch.name === undefined ? {} : { name: patch.name }),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toOrganization(row) : null;
}

/**
 * Deletes the organization with its keys, service users and members: run it in a transaction. Keys its
 * keys made elsewhere (a cluster admin's key acts in every organization) are revoked first. Answers the
 * ids of those, or null when there was no such organization.
 */
export async function purgeOrganization(db: Db, id: string, at: string): Promise<RevokedKey[] | null> {
  const revoked = await revokeKeys(db, { orgId: id }, at);
  await db.deleteFrom('api_keys').where('org_id', '=', id).execute();
  await db.deleteFrom('service_users').where('org_id', '=', id).execute();
  await db.deleteFrom('memberships').where('org_id', '=', id).execute();
  const result = await db.deleteFrom('organizations').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0 ? revoked : null;
}

export async function selectKeyPrefixes(db: Db): Promise<string[]> {
  const rows = await db.selectFrom('organizations').select('key_prefix').distinct().execute();
  return rows.map((r) => r.key_prefix);
}

// Members

/** A member is a membership row with its user's name. */
function memberQuery(db: Db) {
  return db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .selectAll('memberships')
    .select('users.username');
}

function oneMember(db: Db, orgId: string, userId: string) {
  return memberQuery(db).where('memberships.org_id', '=', orgId).where('memberships.user_id', '=', userId);
}

export async function insertMember(
  db: Db,
  orgId: string,
  userId: string,
  role: Role,
  at: string,
): Promise<Member> {
  await db
    .insertInto('memberships')
    .values({ org_id: orgId, user_id: userId, role, created_at: at })
    .execute();
  return toMember(await oneMember(db, orgId, userId).executeTakeFirstOrThrow());
}

export async function selectMember(db: Db, orgId: string, userId: string): Promise<Member | null> {
  const row = await oneMember(db, orgId, userId).executeTakeFirst();
  return row ? toMember(row) : null;
}

export async function selectMembers(db: Db, orgId: string, page: Page): Promise<PageOf<Member>> {
  let q = memberQuery(db).where('memberships.org_id', '=', orgId).orderBy('memberships.user_id');
  if (page.after) q = q.where('memberships.user_id', '>', page.after);
  const rows = await q.limit(page.limit + 1).execute();
  return pageOf(rows.map(toMember), page, (m) => m.userId);
}

/**
 * Whether the member may stop being an admin: they are not one, or another admin remains. Run it in
 * the transaction that makes the change, so that two admins cannot each demote the other.
 */
async function refusal(db: Db, orgId: string, userId: string): Promise<MemberRefusal | null> {
  const member = await db
    .selectFrom('memberships')
    .select('role')
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!member) return 'not-member';
  if (member.role !== 'admin') return null;
  const other = await db
    .selectFrom('memberships')
    .select('user_id')
    .where('org_id', '=', orgId)
    .where('role', '=', 'admin')
    .where('user_id', '!=', userId)
    .limit(1)
    .executeTakeFirst();
  return other ? null : 'last-admin';
}

/** Changes a member's role, unless that leaves no admin: run it in a transaction. */
export async function patchMember(
  db: Db,
  orgId: string,
  userId: string,
  role: Role,
): Promise<Member | MemberRefusal> {
  const refused = await refusal(db, orgId, userId);
  if (refused === 'not-member' || (refused === 'last-admin' && role !== 'admin')) return refused;
  await db
    .updateTable('memberships')
    .set({ role })
    .where('org_id', '=', orgId)
    .where('user_id', '=', userId)
    .execute();
  return (await selectMember(db, orgId, userId)) ?? 'not-member';
}

/**
 * Removes a member and revokes their keys here (and what they made), unless that leaves no admin: run
 * it in a transaction. Answers the ids of the keys it revoked.
 */
export async function deleteMember(
  db: Db,
  orgId: string,
  userId: string,
  at: string,
): Promise<RevokedKey[] | MemberRefusal> {
  const refused = await refusal(db, orgId, userId);
  if (refused) return refused;
  await db.deleteFrom('memberships').where('org_id', '=', orgId).where('user_id', '=', userId).execute();
  return revokeKeys(db, { ownerId: userId, orgId }, at);
}

/** The organizations a user is a member of. */
export async function selectMemberOrgIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('memberships').select('org_id').where('user_id', '=', userId).execute();
  return rows.map((row) => row.org_id);
}
