import type { Kysely, Transaction } from 'kysely';
import { newId } from '../keys/ids.js';
import type { Role } from '../keys/permissions.js';
import { chainHash, GENESIS } from './audit-chain.js';
import type { DialectOps } from './dialect.js';
import type { KeyEvent, KeyEventInput, KeyEventType, StoreEvent, StoreListener } from './events.js';
import * as q from './queries/index.js';
import type { Database } from './schema.js';
import type { KeyPatch, MemberRefusal, Store } from './store.js';
import type {
  AuditFilter,
  AuditInput,
  Member,
  Organization,
  Page,
  Quota,
  RefreshToken,
  ServiceUser,
  StoredConnection,
  StoredConnectSession,
  StoredKey,
  UserCredentials,
} from './types.js';

/** The one Store implementation: Kysely over SQLite or PostgreSQL. The queries live in `queries/`. */
export class KyselyStore implements Store {
  /** The chain's head as each open transaction left it (see `append`). */
  private readonly chainHeads = new WeakMap<Transaction<Database>, string>();
  /** The heads of the organizations' own chains that each open transaction extended, by organization. */
  private readonly orgChainHeads = new WeakMap<Transaction<Database>, Map<string, string>>();
  private readonly listeners: StoreListener[] = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly ops: DialectOps,
  ) {}

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

  async sharedSecret(name: string, candidate: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ name, value: candidate })
      .onConflict((conflict) => conflict.column('name').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('name', '=', name)
      .executeTakeFirst();
    if (!row) throw new Error(`the shared secret ${name} was not stored`);
    return row.value;
  }

  /**
   * Runs a change and appends its audit entry in one transaction. A change that finds nothing to change
   * (its work answers false or null) appends nothing: the log records what happened, not what was asked.
   */
  private async change<T>(
    audit: AuditInput | ((result: T) => AuditInput | null),
    work: (trx: Transaction<Database>, events: StoreEvent[], keyEvents: KeyEventInput[]) => Promise<T>,
  ): Promise<T> {
    const events: StoreEvent[] = [];
    const result = await this.db.transaction().execute(async (trx) => {
      const keyEvents: KeyEventInput[] = [];
      const result = await work(trx, events, keyEvents);
      const entry =
        typeof audit === 'function' ? audit(result) : result !== false && result !== null ? audit : null;
      if (entry) await this.append(trx, [entry]);
      if (keyEvents.length > 0) {
        const recorded = await q.insertKeyEvents(trx, keyEvents, new Date().toISOString());
        events.push(...recorded.map(recordedEvent));
      }
      if (events.length > 0) await this.ops.publish(trx, events);
      return result;
    });
    this.announce(events);
    return result;
  }

  subscribe(listener: StoreListener): void {
    this.listeners.push(listener);
  }

  /** Events another process published (src/store/postgres-feed.ts), told to this process's listeners. */
  hear(events: readonly StoreEvent[]): void {
    this.announce(events);
  }

  /** Tells the listeners what committed; a change that rolled back never gets here. */
  private announce(events: readonly StoreEvent[]): void {
    if (events.length > 0) for (const listener of this.listeners) listener(events);
  }

  /**
   * A change that revokes keys, and may change an owner or an organization as well (`also`): the audit
   * entry counts the keys besides its target (`targetIsKey`: the first id is the key the request named).
   */
  private revoking(
    audit: AuditInput,
    work: (trx: Transaction<Database>) => Promise<q.RevokedKey[] | null>,
    options: { targetIsKey?: boolean; also?: StoreEvent; as?: KeyEventType } = {},
  ): Promise<boolean> {
    return this.change<q.RevokedKey[] | null>(
      (keys) => (keys === null ? null : withRevoked(audit, keys.length - (options.targetIsKey ? 1 : 0))),
      async (trx, events, keyEvents) => {
        const keys = await work(trx);
        if (keys) {
          if (options.also) events.push(options.also);
          events.push(...keysChanged(keys.map((key) => key.id)));
          keyEvents.push(...keys.map((key) => keyEvent(options.as ?? 'key.revoked', key)));
        }
        return keys;
      },
    ).then((keys) => keys !== null);
  }

  /**
   * Appends audit entries after the chain's head, and each entry of an organization after the head of
   * that organization's own chain too. The heads are read once per transaction: a transaction that
   * appends again (a batch of key creations) continues from the entries it appended last, which no one
   * else can have followed while it holds the chain's lock, which covers both chains.
   */
  private async append(trx: Transaction<Database>, inputs: AuditInput[]): Promise<void> {
    await this.ops.lockAuditChain(trx);
    let prevHash = this.chainHeads.get(trx) ?? (await q.selectChainHead(trx)) ?? GENESIS;
    const orgHeads = this.orgChainHeads.get(trx) ?? new Map<string, string>();
    for (const input of inputs) {
      const at = new Date().toISOString();
      const id = newId('aud');
      const hash = chainHash(prevHash, id, at, input);
      let orgPrevHash: string | null = null;
      let orgHash: string | null = null;
      if (input.orgId !== null) {
        orgPrevHash = orgHeads.get(input.orgId) ?? (await q.selectOrgChainHead(trx, input.orgId)) ?? GENESIS;
        orgHash = chainHash(orgPrevHash, id, at, input);
        orgHeads.set(input.orgId, orgHash);
      }
      await q.insertAuditEntry(trx, { ...input, id, at, prevHash, hash, orgPrevHash, orgHash });
      prevHash = hash;
    }
    this.chainHeads.set(trx, prevHash);
    this.orgChainHeads.set(trx, orgHeads);
  }

  /** A duplicate (digest, membership, name) is an answer, not a failure: the transaction rolled back. */
  private async unlessDuplicate<T>(write: Promise<T>, answer: T): Promise<T> {
    try {
      return await write;
    } catch (error) {
      if (this.ops.isUniqueViolation(error)) return answer;
      throw error;
    }
  }

  // Users

  createUser(user: UserCredentials, audit: AuditInput) {
    return this.unlessDuplicate(
      this.change(audit, (trx) => q.insertUser(trx, user).then(() => true)),
      false,
    );
  }
  findUser(id: string) {
    return q.selectUser(this.db, id);
  }
  findUserCredentials(username: string) {
    return q.selectUserCredentials(this.db, username);
  }
  listUsers(page: Page) {
    return q.selectUsers(this.db, page);
  }
  updateUser(id: string, patch: { disabled?: boolean; passwordHash?: string }, audit: AuditInput) {
    return this.change(audit, async (trx, events, keyEvents) => {
      const user = await q.patchUser(trx, id, patch);
      if (user) {
        events.push(owner(id));
        // Verification reads whether the user is disabled, and nothing else of a user.
        if (patch.disabled !== undefined) {
          for (const orgId of await q.selectMemberOrgIds(trx, id)) keyEvents.push(ownerChanged(orgId, id));
        }
      }
      return user;
    });
  }
  deleteUser(id: string, at: string, audit: AuditInput) {
    return this.revoking(audit, (trx) => q.purgeUser(trx, id, at), { also: owner(id) });
  }

  // Organizations and members

  createOrganization(org: Organization, admin: string | null, audit: AuditInput) {
    return this.change(audit, async (trx, events) => {
      await q.insertOrganization(trx, org, admin);
      events.push({ type: 'organization.changed', orgId: org.id, keyPrefix: org.keyPrefix });
    });
  }
  findOrganization(id: string) {
    return q.selectOrganization(this.db, id);
  }
  listOrganizations(memberId: string | null, page: Page) {
    return q.selectOrganizations(this.db, memberId, page);
  }
  updateOrganization(id: string, patch: { name?: string }, audit: AuditInput) {
    return this.change(audit, (trx) => q.patchOrganization(trx, id, patch));
  }
  deleteOrganization(id: string, at: string, audit: AuditInput) {
    return this.revoking(audit, (trx) => q.purgeOrganization(trx, id, at), {
      also: { type: 'organization.changed', orgId: id, keyPrefix: null },
      as: 'key.deleted',
    });
  }
  listKeyHashes(after: string | null, limit: number) {
    return q.selectKeyHashes(this.db, after, limit);
  }
  listKeyPrefixes() {
    return q.selectKeyPrefixes(this.db);
  }
  addMember(orgId: string, userId: string, role: Role, at: string, audit: AuditInput) {
    return this.unlessDuplicate(
      this.change(audit, (trx, events) =>
        q.insertMember(trx, orgId, userId, role, at).then(noting(events, owner(userId))),
      ),
      null,
    );
  }
  findMember(orgId: string, userId: string) {
    return q.selectMember(this.db, orgId, userId);
  }
  listMembers(orgId: string, page: Page) {
    return q.selectMembers(this.db, orgId, page);
  }
  updateMember(orgId: string, userId: string, role: Role, audit: AuditInput) {
    return this.change<Member | MemberRefusal>(
      (result) => (typeof result === 'string' ? null : audit),
      async (trx, events, keyEvents) => {
        await this.ops.lockOrganization(trx, orgId);
        const result = await q.patchMember(trx, orgId, userId, role);
        if (typeof result !== 'string') {
          events.push(owner(userId));
          keyEvents.push(ownerChanged(orgId, userId));
        }
        return result;
      },
    );
  }
  async removeMember(orgId: string, userId: string, at: string, audit: AuditInput) {
    const result = await this.change<q.RevokedKey[] | MemberRefusal>(
      (keys) => (typeof keys === 'string' ? null : withRevoked(audit, keys.length)),
      async (trx, events, keyEvents) => {
        await this.ops.lockOrganization(trx, orgId);
        const keys = await q.deleteMember(trx, orgId, userId, at);
        if (typeof keys !== 'string') {
          events.push(owner(userId), ...keysChanged(keys.map((key) => key.id)));
          keyEvents.push(ownerChanged(orgId, userId), ...keys.map((key) => keyEvent('key.revoked', key)));
        }
        return keys;
      },
    );
    return typeof result === 'string' ? result : { revokedKeys: result.length };
  }

  // Service users

  createServiceUser(serviceUser: ServiceUser, audit: AuditInput) {
    return this.unlessDuplicate(
      this.change(audit, (trx) => q.insertServiceUser(trx, serviceUser).then(() => true)),
      false,
    );
  }
  findServiceUser(id: string) {
    return q.selectServiceUser(this.db, id);
  }
  listServiceUsers(orgId: string, page: Page) {
    return q.selectServiceUsers(this.db, orgId, page);
  }
  updateServiceUser(
    id: string,
    patch: Partial<Pick<ServiceUser, 'name' | 'description' | 'role' | 'expiresAt'>>,
    audit: AuditInput,
  ) {
    return this.unlessDuplicate<ServiceUser | null | 'name-taken'>(
      this.change(audit, async (trx, events, keyEvents) => {
        const serviceUser = await q.patchServiceUser(trx, id, patch);
        if (serviceUser) {
          events.push(owner(id));
          keyEvents.push(ownerChanged(serviceUser.orgId, id));
        }
        return serviceUser;
      }),
      'name-taken',
    );
  }
  deleteServiceUser(id: string, at: string, audit: AuditInput) {
    return this.revoking(audit, (trx) => q.purgeServiceUser(trx, id, at), { also: owner(id) });
  }

  // Keys

  async createKey(key: StoredKey, audit: AuditInput) {
    const created = await this.unlessDuplicate(
      this.ops.creating(async (trx) => {
        await q.insertKey(trx, key);
        await this.append(trx, [audit]);
        await this.ops.publish(trx, [keyCreated(key)]);
        return true;
      }),
      false,
    );
    // The transaction has committed once creating() answers.
    if (created) this.announce([keyCreated(key)]);
    return created;
  }
  async createKeys(entries: readonly { key: StoredKey; audit: AuditInput }[]) {
    const events = entries.map((entry) => keyCreated(entry.key));
    const created = await this.unlessDuplicate(
      this.ops.creating(async (trx) => {
        await q.insertKeys(
          trx,
          entries.map((entry) => entry.key),
        );
        await this.append(
          trx,
          entries.map((entry) => entry.audit),
        );
        await this.ops.publish(trx, events);
        return true;
      }),
      false,
    );
    if (created) this.announce(events);
    return created;
  }
  findKeyByHash(hash: string) {
    return q.selectKeyEntry(this.db, 'k.hash', hash);
  }
  findKey(id: string) {
    return q.selectKeyEntry(this.db, 'k.id', id);
  }
  listKeys(orgId: string, ownerId: string | null, page: Page) {
    return q.selectKeys(this.db, orgId, ownerId, page);
  }
  updateKey(id: string, patch: KeyPatch, audit: AuditInput) {
    return this.change(audit, async (trx, events, keyEvents) => {
      const key = await q.patchKey(trx, id, patch);
      if (key) {
        events.push(...keysChanged([id]));
        const type =
          patch.enabled === undefined ? 'key.updated' : patch.enabled ? 'key.enabled' : 'key.disabled';
        keyEvents.push(keyEvent(type, key));
      }
      return key;
    });
  }
  revokeKey(id: string, at: string, audit: AuditInput) {
    return this.revoking(
      audit,
      async (trx) => {
        const keys = await q.revokeKeys(trx, { id }, at);
        return keys.length > 0 ? keys : null;
      },
      { targetIsKey: true },
    );
  }
  rotateKey(oldId: string, oldExpiresAt: string, successor: StoredKey, audit: AuditInput) {
    return this.unlessDuplicate(
      this.change(audit, async (trx, events, keyEvents) => {
        const rotated = await q.insertSuccessor(trx, oldId, oldExpiresAt, successor);
        if (rotated) {
          events.push(...keysChanged([oldId]), keyCreated(successor));
          keyEvents.push({
            type: 'key.rotated',
            orgId: successor.orgId,
            keyId: oldId,
            ownerId: successor.ownerId,
          });
        }
        return rotated;
      }),
      false,
    );
  }
  async touchKeys(lastUsed: ReadonlyMap<string, string>): Promise<void> {
    if (lastUsed.size === 0) return;
    await this.db.transaction().execute((trx) => q.updateLastUsed(trx, lastUsed));
  }
  async saveQuotas(quotas: ReadonlyMap<string, Quota>) {
    if (quotas.size === 0) return;
    await this.db.transaction().execute((trx) => q.updateQuotaUsage(trx, quotas));
  }

  spendQuota(budgetId: string, refill: { amount: number; periodStart: string } | null, at: string) {
    return q.spendQuota(this.db, budgetId, refill, at);
  }
  readQuota(budgetId: string) {
    return q.selectQuota(this.db, budgetId);
  }
  countUse(budgetId: string, durationMs: number, nowMs: number) {
    return q.countUse(this.db, budgetId, durationMs, nowMs);
  }

  // Connections

  createConnection(connection: StoredConnection, audit: AuditInput) {
    return this.change(audit, (trx) => q.insertConnection(trx, connection));
  }
  findConnection(id: string) {
    return q.selectConnection(this.db, id);
  }
  listConnections(orgId: string, page: Page, expiringBefore: string | null) {
    return q.selectConnections(this.db, orgId, page, expiringBefore);
  }
  updateConnection(id: string, patch: q.ConnectionPatch, at: string, audit: AuditInput) {
    return this.change(audit, (trx) => q.patchConnection(trx, id, patch, at));
  }
  deleteConnection(id: string, audit: AuditInput) {
    return this.change(audit, (trx) => q.deleteConnection(trx, id));
  }
  // The vault seals webhooks' secrets too: a rewrap walks both, in one id order (`con_` before `whk_`).
  async listSealed(after: string | null, limit: number) {
    const [connections, webhooks] = await Promise.all([
      q.selectSealed(this.db, after, limit),
      q.selectSealedWebhooks(this.db, after, limit),
    ]);
    return [...connections, ...webhooks].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, limit);
  }
  reseal(id: string, sealed: string, masterKeyId: string, previous: string) {
    return id.startsWith('whk_')
      ? q.resealWebhook(this.db, id, sealed, masterKeyId, previous)
      : q.resealConnection(this.db, id, sealed, masterKeyId, previous);
  }
  async countByMasterKey() {
    const [connections, webhooks] = await Promise.all([
      q.countByMasterKey(this.db),
      q.countWebhooksByMasterKey(this.db),
    ]);
    for (const [id, count] of webhooks) connections.set(id, (connections.get(id) ?? 0) + count);
    return connections;
  }
  // Connect sessions

  createConnectSession(session: StoredConnectSession, audit: AuditInput) {
    return this.change(audit, (trx) => q.insertConnectSession(trx, session));
  }
  findConnectSession(id: string) {
    return q.selectConnectSession(this.db, id);
  }
  findConnectSessionByHash(tokenHash: string) {
    return q.selectConnectSessionByHash(this.db, tokenHash);
  }
  listConnectSessions(orgId: string, page: Page) {
    return q.selectConnectSessions(this.db, orgId, page);
  }
  deleteConnectSession(id: string, audit: AuditInput) {
    return this.change(audit, (trx) => q.deleteConnectSession(trx, id));
  }
  async connectThroughSession(
    sessionId: string,
    at: string,
    maxRefusals: number,
    connection: StoredConnection,
    audit: AuditInput,
  ): Promise<boolean> {
    return this.change(audit, async (trx) => {
      if (!(await q.claimConnectSession(trx, sessionId, at, connection.id, maxRefusals))) return false;
      await q.insertConnection(trx, connection);
      return true;
    });
  }
  countConnectRefusal(sessionId: string) {
    return q.countConnectRefusal(this.db, sessionId);
  }

  // Refresh tokens

  createRefreshToken(token: RefreshToken) {
    return q.insertRefreshToken(this.db, token);
  }
  findRefreshToken(hash: string) {
    return q.selectRefreshToken(this.db, hash);
  }
  useRefreshToken(id: string, at: string) {
    return q.markRefreshTokenUsed(this.db, id, at);
  }
  revokeRefreshFamily(familyId: string, at: string) {
    return q.revokeRefreshTokens(this.db, 'family_id', familyId, at);
  }

  // Audit

  async appendAudit(entries: AuditInput[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction().execute((trx) => this.append(trx, entries));
  }
  listAudit(filter: AuditFilter, page: Page) {
    return q.selectAudit(this.db, filter, page);
  }
  exportAudit(filter: AuditFilter) {
    return q.streamAudit(this.db, filter);
  }

  // Key events

  listKeyEvents(after: number, recentSince: string | null, orgIds: readonly string[] | null, limit?: number) {
    return q.selectKeyEvents(this.db, after, recentSince, orgIds, limit);
  }
  keyEventBounds() {
    return q.selectKeyEventBounds(this.db);
  }
  async recordExpiries(since: string, until: string) {
    const { events, more } = await this.db.transaction().execute(async (trx) => {
      const found = await q.insertExpiries(trx, since, until);
      const announced = found.events.map(recordedEvent);
      if (announced.length > 0) await this.ops.publish(trx, announced);
      return { events: announced, more: found.more };
    });
    this.announce(events);
    return { count: events.length, more };
  }
  pruneKeyEvents(before: string) {
    return q.deleteKeyEventsBefore(this.db, before);
  }

  // Webhooks

  createWebhook(webhook: q.StoredWebhook, audit: AuditInput) {
    return this.change(audit, (trx) => q.insertWebhook(trx, webhook));
  }
  findWebhook(id: string) {
    return q.selectWebhook(this.db, id);
  }
  listWebhooks(orgId: string, page: Page) {
    return q.selectWebhooks(this.db, orgId, page);
  }
  updateWebhook(id: string, patch: q.WebhookPatch, at: string, audit: AuditInput) {
    return this.change(audit, (trx) => q.patchWebhook(trx, id, patch, at));
  }
  deleteWebhook(id: string, audit: AuditInput) {
    return this.change(audit, (trx) => q.deleteWebhook(trx, id));
  }
  listWebhookDeliveries(webhookId: string, page: Page) {
    return q.selectDeliveries(this.db, webhookId, page);
  }
  claimDueDeliveries(now: string, limit: number, lockMs: number) {
    return q.claimDeliveries(this.db, now, limit, lockMs);
  }
  recordAttempt(id: string, outcome: q.DeliveryOutcome) {
    return q.recordDeliveryAttempt(this.db, id, outcome);
  }
}

const owner = (ownerId: string): StoreEvent => ({ type: 'owner.changed', ownerId });
const keysChanged = (ids: readonly string[]): StoreEvent[] =>
  ids.map((keyId) => ({ type: 'key.changed', keyId }));
const keyCreated = (key: StoredKey): StoreEvent => ({ type: 'key.created', keyId: key.id, hash: key.hash });
const keyEvent = (
  type: KeyEventType,
  key: { id: string; orgId: string; ownerId: string },
): KeyEventInput => ({
  type,
  orgId: key.orgId,
  keyId: key.id,
  ownerId: key.ownerId,
});
const ownerChanged = (orgId: string, ownerId: string): KeyEventInput => ({
  type: 'owner.changed',
  orgId,
  keyId: null,
  ownerId,
});
const recordedEvent = (event: KeyEvent): StoreEvent => ({ type: 'key.event', event });

/** Notes `announced` once a write answers that it changed something (neither false nor null). */
function noting<T>(events: StoreEvent[], ...announced: StoreEvent[]): (result: T) => T {
  return (result) => {
    if (result !== false && result !== null) events.push(...announced);
    return result;
  };
}

/** The audit entry of a change that revoked keys besides its target, with their number when there were any. */
function withRevoked(audit: AuditInput, count: number): AuditInput {
  return count === 0 ? audit : { ...audit, details: { ...audit.details, revokedKeys: count } };
}
