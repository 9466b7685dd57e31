import type { Kysely, Transaction } from 'kysely';
import { newId } from '../keys/ids.js';
import type { Role } from '../keys/permissions.js';
import { chainHash, GENESIS } from './audit-chain.js';
import {
  fromKey,
  json,
  toAudit,
  toKey,
  toMember,
  toOrganization,
  toServiceUser,
  toStoredKey,
  toUser,
} from './rows.js';
import type { Database } from './schema.js';
import type { KeyPatch, Store } from './store.js';
import type {
  ApiKey,
  AuditEntry,
  AuditFilter,
  AuditInput,
  KeyEntry,
  Member,
  Organization,
  Page,
  PageOf,
  RefreshToken,
  ServiceUser,
  StoredKey,
  User,
  UserCredentials,
} from './types.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The few things SQLite and PostgreSQL do differently, supplied by each dialect's factory. */
export interface DialectOps {
  name: 'sqlite' | 'postgres';
  /** Serializes appends to the audit chain across processes (a no-op where the store has one writer). */
  lockAuditChain(trx: Transaction<Database>): Promise<void>;
  /** True when the error is a unique-constraint violation. */
  isUniqueViolation(error: unknown): boolean;
  destroy(): Promise<void>;
}

function pageOf<T>(rows: T[], page: Page, keyOf: (row: T) => string): PageOf<T> {
  if (rows.length <= page.limit) return { items: rows, next: null };
  const items = rows.slice(0, page.limit);
  return { items, next: keyOf(items[items.length - 1] as T) };
}

/** The one Store implementation: Kysely over SQLite or PostgreSQL. */
export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ops: DialectOps,
  ) {
    this.dialect = ops.name;
  }

  async close(): Promise<void> {
    await this.ops.destroy();
  }

  async ping(): Promise<boolean> {
    try {
      await this.db.selectFrom('organizations').select('id').limit(1).execute();
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Runs a change and appends its audit entry in one transaction. A change that finds nothing to change
   * (its work answers false or null) appends nothing: the log records what happened, not what was asked.
   */
  private change<T>(audit: AuditInput, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(async (trx) => {
      const result = await work(trx);
      if (result !== false && result !== null) await this.append(trx, [audit]);
      return result;
    });
  }

  private async append(trx: Transaction<Database>, inputs: AuditInput[]): Promise<void> {
    await this.ops.lockAuditChain(trx);
    const last = await trx
      .selectFrom('audit_log')
      .select('hash')
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let prev = last?.hash ?? GENESIS;
    for (const input of inputs) {
      const at = new Date().toISOString();
      const id = newId('aud');
      const hash = chainHash(prev, id, at, input);
      await trx
        .insertInto('audit_log')
        .values({
          id,
          at,
          action: input.action,
          actor_id: input.actorId,
          org_id: input.orgId,
          target_id: input.targetId,
          request_id: input.requestId,
          ip: input.ip,
          outcome: input.outcome,
          details: json(input.details),
          prev_hash: prev,
          hash,
        })
        .execute();
      prev = hash;
    }
  }

  /** When an owner goes, its keys stay on record, revoked, so that they verify as REVOKED. */
  private async revokeKeysOwnedBy(trx: Transaction<Database>, ownerId: string, at: string): Promise<void> {
    await trx
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('owner_id', '=', ownerId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  // Users

  async createUser(user: UserCredentials, audit: AuditInput): Promise<void> {
    await this.change(audit, (trx) =>
      trx
        .insertInto('users')
        .values({
          id: user.id,
          username: user.username,
          password_hash: user.passwordHash,
          cluster_admin: user.clusterAdmin ? 1 : 0,
          disabled: user.disabled ? 1 : 0,
          created_at: user.createdAt,
          updated_at: user.updatedAt,
        })
        .execute(),
    );
  }

  async findUser(id: string): Promise<User | null> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : null;
  }

  async findUserCredentials(username: string): Promise<UserCredentials | null> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row ? { ...toUser(row), passwordHash: row.password_hash } : null;
  }

  async listUsers(page: Page): Promise<PageOf<User>> {
    let q = this.db
      .selectFrom('users')
      .selectAll()
      .orderBy('id')
      .limit(page.limit + 1);
    if (page.after) q = q.where('id', '>', page.after);
    return pageOf((await q.execute()).map(toUser), page, (u) => u.id);
  }

  async updateUser(
    id: string,
    patch: { disabled?: boolean; passwordHash?: string },
    audit: AuditInput,
  ): Promise<User | null> {
    return this.change(audit, async (trx) => {
      const row = await trx
        .updateTable('users')
        .set({
          updated_at: new Date().toISOString(),
          ...(patch.disabled === undefined ? {} : { disabled: patch.disabled ? 1 : 0 }),
          ...(patch.passwordHash === undefined ? {} : { password_hash: patch.passwordHash }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (row && (patch.passwordHash !== undefined || patch.disabled === true)) {
        await trx
          .updateTable('refresh_tokens')
          .set({ revoked_at: row.updated_at })
          .where('user_id', '=', id)
          .where('revoked_at', 'is', null)
          .execute();
      }
      return row ? toUser(row) : null;
    });
  }

  async deleteUser(id: string, at: string, audit: AuditInput): Promise<boolean> {
    return this.change(audit, async (trx) => {
      await this.revokeKeysOwnedBy(trx, id, at);
      await trx.deleteFrom('memberships').where('user_id', '=', id).execute();
      await trx.deleteFrom('refresh_tokens').where('user_id', '=', id).execute();
      const result = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  // Organizations

  async createOrganization(org: Organization, admin: string | null, audit: AuditInput): Promise<void> {
    await this.change(audit, async (trx) => {
      await trx
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
        await trx
          .insertInto('memberships')
          .values({ org_id: org.id, user_id: admin, role: 'admin', created_at: org.createdAt })
          .execute();
      }
    });
  }

  async findOrganization(id: string): Promise<Organization | null> {
    const row = await this.db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toOrganization(row) : null;
  }

  async listOrganizations(memberId: string | null, page: Page): Promise<PageOf<Organization>> {
    let q = this.db.selectFrom('organizations').selectAll('organizations').orderBy('organizations.id');
    if (memberId) {
      q = q
        .innerJoin('memberships', 'memberships.org_id', 'organizations.id')
        .where('memberships.user_id', '=', memberId);
    }
    if (page.after) q = q.where('organizations.id', '>', page.after);
    const rows = await q.limit(page.limit + 1).execute();
    return pageOf(rows.map(toOrganization), page, (o) => o.id);
  }

  async updateOrganization(
    id: string,
    patch: { name?: string },
    audit: AuditInput,
  ): Promise<Organization | null> {
    return this.change(audit, async (trx) => {
      const row = await trx
        .updateTable('organizations')
        .set({
          updated_at: new Date().toISOString(),
          ...(patch.name === undefined ? {} : { name: patch.name }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toOrganization(row) : null;
    });
  }

  async deleteOrganization(id: string, audit: AuditInput): Promise<boolean> {
    return this.change(audit, async (trx) => {
      await trx.deleteFrom('api_keys').where('org_id', '=', id).execute();
      await trx.deleteFrom('service_users').where('org_id', '=', id).execute();
      await trx.deleteFrom('memberships').where('org_id', '=', id).execute();
      const result = await trx.deleteFrom('organizations').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async listKeyPrefixes(): Promise<string[]> {
    const rows = await this.db.selectFrom('organizations').select('key_prefix').distinct().execute();
    return rows.map((r) => r.key_prefix);
  }

  // Members

  private memberQuery(db: Db) {
    return db
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .selectAll('memberships')
      .select('users.username');
  }

  async addMember(orgId: string, userId: string, role: Role, at: string, audit: AuditInput): Promise<Member> {
    return this.change(audit, async (trx) => {
      await trx
        .insertInto('memberships')
        .values({ org_id: orgId, user_id: userId, role, created_at: at })
        .execute();
      return toMember(
        await this.memberQuery(trx)
          .where('memberships.org_id', '=', orgId)
          .where('memberships.user_id', '=', userId)
          .executeTakeFirstOrThrow(),
      );
    });
  }

  async findMember(orgId: string, userId: string): Promise<Member | null> {
    const row = await this.memberQuery(this.db)
      .where('memberships.org_id', '=', orgId)
      .where('memberships.user_id', '=', userId)
      .executeTakeFirst();
    return row ? toMember(row) : null;
  }

  async listMembers(orgId: string, page: Page): Promise<PageOf<Member>> {
    let q = this.memberQuery(this.db).where('memberships.org_id', '=', orgId).orderBy('memberships.user_id');
    if (page.after) q = q.where('memberships.user_id', '>', page.after);
    const rows = await q.limit(page.limit + 1).execute();
    return pageOf(rows.map(toMember), page, (m) => m.userId);
  }

  async updateMember(orgId: string, userId: string, role: Role, audit: AuditInput): Promise<Member | null> {
    return this.change(audit, async (trx) => {
      await trx
        .updateTable('memberships')
        .set({ role })
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .execute();
      const row = await this.memberQuery(trx)
        .where('memberships.org_id', '=', orgId)
        .where('memberships.user_id', '=', userId)
        .executeTakeFirst();
      return row ? toMember(row) : null;
    });
  }

  async removeMember(orgId: string, userId: string, audit: AuditInput): Promise<boolean> {
    return this.change(audit, async (trx) => {
      const result = await trx
        .deleteFrom('memberships')
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  // Service users

  async createServiceUser(s: ServiceUser, audit: AuditInput): Promise<void> {
    await this.change(audit, (trx) =>
      trx
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
        .execute(),
    );
  }

  async findServiceUser(id: string): Promise<ServiceUser | null> {
    const row = await this.db.selectFrom('service_users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toServiceUser(row) : null;
  }

  async listServiceUsers(orgId: string, page: Page): Promise<PageOf<ServiceUser>> {
    let q = this.db.selectFrom('service_users').selectAll().where('org_id', '=', orgId).orderBy('id');
    if (page.after) q = q.where('id', '>', page.after);
    const rows = await q.limit(page.limit + 1).execute();
    return pageOf(rows.map(toServiceUser), page, (s) => s.id);
  }

  async updateServiceUser(
    id: string,
    patch: Partial<Pick<ServiceUser, 'name' | 'description' | 'role' | 'expiresAt'>>,
    audit: AuditInput,
  ): Promise<ServiceUser | null> {
    return this.change(audit, async (trx) => {
      const row = await trx
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
    });
  }

  async deleteServiceUser(id: string, at: string, audit: AuditInput): Promise<boolean> {
    return this.change(audit, async (trx) => {
      await this.revokeKeysOwnedBy(trx, id, at);
      const result = await trx.deleteFrom('service_users').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  // Keys

  async createKey(key: StoredKey, audit: AuditInput): Promise<boolean> {
    try {
      await this.change(audit, (trx) => trx.insertInto('api_keys').values(fromKey(key)).execute());
      return true;
    } catch (error) {
      if (this.ops.isUniqueViolation(error)) return false;
      throw error;
    }
  }

  /** A key with its owner's state, in one indexed query: what verification reads on a cache miss. */
  private entryQuery() {
    return this.db
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

  private async findEntry(column: 'k.hash' | 'k.id', value: string): Promise<KeyEntry | null> {
    const row = await this.entryQuery().where(column, '=', value).executeTakeFirst();
    if (!row) return null;
    const key = toStoredKey(row);
    if (key.ownerId.startsWith('svc_')) {
      const exists = row.service_id !== null && row.service_org === key.orgId;
      return {
        key,
        owner: {
          kind: 'service',
          exists,
          disabled: false,
          expiresAt: row.service_expires_at,
          clusterAdmin: false,
          orgRole: exists ? (row.service_role as Role) : null,
        },
      };
    }
    return {
      key,
      owner: {
        kind: 'user',
        exists: row.user_id !== null,
        disabled: row.user_disabled === 1,
        expiresAt: null,
        clusterAdmin: row.user_cluster_admin === 1,
        orgRole: (row.member_role as Role | null) ?? null,
      },
    };
  }

  findKeyByHash(hash: string): Promise<KeyEntry | null> {
    return this.findEntry('k.hash', hash);
  }

  findKey(id: string): Promise<KeyEntry | null> {
    return this.findEntry('k.id', id);
  }

  async listKeys(orgId: string, ownerId: string | null, page: Page): Promise<PageOf<ApiKey>> {
    let q = this.db.selectFrom('api_keys').selectAll().where('org_id', '=', orgId).orderBy('id');
    if (ownerId) q = q.where('owner_id', '=', ownerId);
    if (page.after) q = q.where('id', '>', page.after);
    const rows = await q.limit(page.limit + 1).execute();
    return pageOf(rows.map(toKey), page, (k) => k.id);
  }

  async updateKey(id: string, patch: KeyPatch, audit: AuditInput): Promise<ApiKey | null> {
    return this.change(audit, async (trx) => {
      const row = await trx
        .updateTable('api_keys')
        .set({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.description === undefined ? {} : { description: patch.description }),
          ...(patch.meta === undefined ? {} : { meta: json(patch.meta) }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.scopes === undefined ? {} : { scopes: json(patch.scopes) }),
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row ? toKey(row) : null;
    });
  }

  async revokeKey(id: string, at: string, audit: AuditInput): Promise<boolean> {
    return this.change(audit, async (trx) => {
      const result = await trx
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    });
  }

  async rotateKey(
    oldId: string,
    oldExpiresAt: string,
    successor: StoredKey,
    audit: AuditInput,
  ): Promise<boolean> {
    try {
      return await this.change(audit, async (trx) => {
        const old = await trx
          .selectFrom('api_keys')
          .select(['expires_at', 'revoked_at', 'enabled'])
          .where('id', '=', oldId)
          .executeTakeFirst();
        if (!old || old.revoked_at !== null || old.enabled !== 1) return false;
        const capped =
          old.expires_at !== null && old.expires_at < oldExpiresAt ? old.expires_at : oldExpiresAt;
        await trx.updateTable('api_keys').set({ expires_at: capped }).where('id', '=', oldId).execute();
        await trx.insertInto('api_keys').values(fromKey(successor)).execute();
        return true;
      });
    } catch (error) {
      if (this.ops.isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async touchKeys(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [id, at] of lastUsed) {
        await trx.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
      }
    });
  }

  async saveQuotas(
    quotas: ReadonlyMap<string, { remaining: number; refilledAt: string | null }>,
  ): Promise<void> {
    if (quotas.size === 0) return;
    await this.db.transaction().execute(async (trx) => {
      for (const [id, usage] of quotas) {
        const row = await trx.selectFrom('api_keys').select('quota').where('id', '=', id).executeTakeFirst();
        if (!row?.quota) continue;
        const quota = { ...JSON.parse(row.quota), remaining: usage.remaining, refilledAt: usage.refilledAt };
        await trx
          .updateTable('api_keys')
          .set({ quota: json(quota) })
          .where('id', '=', id)
          .execute();
      }
    });
  }

  // Refresh tokens

  async createRefreshToken(t: RefreshToken): Promise<void> {
    await this.db
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

  async findRefreshToken(hash: string): Promise<RefreshToken | null> {
    const row = await this.db
      .selectFrom('refresh_tokens')
      .selectAll()
      .where('hash', '=', hash)
      .executeTakeFirst();
    if (!row) return null;
    return {
      id: row.id,
      userId: row.user_id,
      familyId: row.family_id,
      hash: row.hash,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      revokedAt: row.revoked_at,
    };
  }

  async useRefreshToken(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('refresh_tokens')
      .set({ used_at: at })
      .where('id', '=', id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async revokeRefreshFamily(familyId: string, at: string): Promise<void> {
    await this.db
      .updateTable('refresh_tokens')
      .set({ revoked_at: at })
      .where('family_id', '=', familyId)
      .where('revoked_at', 'is', null)
      .execute();
  }

  // Audit

  async appendAudit(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction().execute((trx) => this.append(trx, entries));
  }

  private auditQuery(filter: AuditFilter) {
    let q = this.db.selectFrom('audit_log').selectAll();
    if (filter.orgIds) q = q.where('org_id', 'in', filter.orgIds.length ? filter.orgIds : ['']);
    if (filter.action) q = q.where('action', '=', filter.action);
    if (filter.actorId) q = q.where('actor_id', '=', filter.actorId);
    if (filter.targetId) q = q.where('target_id', '=', filter.targetId);
    if (filter.since) q = q.where('at', '>=', filter.since);
    if (filter.until) q = q.where('at', '<', filter.until);
    return q;
  }

  async listAudit(filter: AuditFilter, page: Page): Promise<PageOf<AuditEntry>> {
    let q = this.auditQuery(filter).orderBy('seq', 'desc');
    if (page.after) q = q.where('seq', '<', Number(page.after));
    const rows = await q.limit(page.limit + 1).execute();
    return pageOf(rows.map(toAudit), page, (e) => String(e.seq));
  }

  async *exportAudit(filter: AuditFilter): AsyncIterable<AuditEntry> {
    let after = 0;
    for (;;) {
      const rows = await this.auditQuery(filter).where('seq', '>', after).orderBy('seq').limit(500).execute();
      for (const row of rows) yield toAudit(row);
      if (rows.length < 500) return;
      after = Number(rows[rows.length - 1]?.seq);
    }
  }
}
