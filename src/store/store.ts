import type { Role } from '../keys/permissions.js';
import type { KeyEvent, StoreListener } from './events.js';
import type { ConnectionPatch } from './queries/connections.js';
import type { DeliveryOutcome, StoredWebhook, WebhookDelivery, WebhookPatch } from './queries/webhooks.js';
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
  Quota,
  Rank,
  RefreshToken,
  SealedRecord,
  ServiceUser,
  StoredConnection,
  StoredConnectSession,
  StoredKey,
  User,
  UserCredentials,
} from './types.js';

export type KeyPatch = Partial<Pick<ApiKey, 'name' | 'description' | 'meta' | 'enabled' | 'scopes'>> & {
  /** With `enabled: false`: the rank of whoever disables the key, which only that rank or higher lifts. */
  disabledBy?: Rank;
};

/** Why a change to a membership was not made. */
export type MemberRefusal = 'not-member' | 'last-admin';

/**
 * Everything Keyward keeps, in domain words. Every write that changes state takes the audit entry that
 * records it, and stores both in one transaction: no change without its entry, no entry without its change.
 * One conformance suite (`test/store/store-suite.ts`) runs against every implementation.
 */
export interface Store {
  close(): Promise<void>;
  /** True when the store answers a trivial query. */
  ping(): Promise<boolean>;
  /**
   * A secret every process of the cluster must hold alike, such as the key that signs access tokens:
   * the first process to ask stores its `candidate`, and every process gets the stored value.
   */
  sharedSecret(name: string, candidate: string): Promise<string>;

  /** Creates a user; false when the username is taken (however many processes try at once). */
  createUser(user: UserCredentials, audit: AuditInput): Promise<boolean>;
  findUser(id: string): Promise<User | null>;
  findUserCredentials(username: string): Promise<UserCredentials | null>;
  listUsers(page: Page): Promise<PageOf<User>>;
  /** Changing the password, or disabling the user, also ends every session (refresh token) of theirs. */
  updateUser(
    id: string,
    patch: { disabled?: boolean; passwordHash?: string },
    audit: AuditInput,
  ): Promise<User | null>;
  /** Deletes the user, its memberships and refresh tokens, and revokes its keys. */
  deleteUser(id: string, at: string, audit: AuditInput): Promise<boolean>;
  /**
   * Tells `listener` what each committed change changed (src/store/events.ts), once it has committed:
   * the one way caches learn of changes, whichever request or process made them. A revocation names
   * every key it revoked, those made with the revoked one included (PRODUCT.md §4a).
   */
  subscribe(listener: StoreListener): void;

  /** Creates the organization and, when given, its first admin. */
  createOrganization(org: Organization, admin: string | null, audit: AuditInput): Promise<void>;
  findOrganization(id: string): Promise<Organization | null>;
  /** All organizations, or those `memberId` belongs to. */
  listOrganizations(memberId: string | null, page: Page): Promise<PageOf<Organization>>;
  updateOrganization(id: string, patch: { name?: string }, audit: AuditInput): Promise<Organization | null>;
  /** Deletes the organization with its members, service users and keys. */
  deleteOrganization(id: string, at: string, audit: AuditInput): Promise<boolean>;
  /** Every key prefix in use: the first gate of verification. */
  listKeyPrefixes(): Promise<string[]>;

  /** Adds a member; null when the user already is one. */
  addMember(orgId: string, userId: string, role: Role, at: string, audit: AuditInput): Promise<Member | null>;
  findMember(orgId: string, userId: string): Promise<Member | null>;
  listMembers(orgId: string, page: Page): Promise<PageOf<Member>>;
  /** Changes a member's role; refused when it would leave the organization without an admin. */
  updateMember(orgId: string, userId: string, role: Role, audit: AuditInput): Promise<Member | MemberRefusal>;
  /**
   * Removes a member and revokes their keys in the organization (and what those keys made), in one
   * transaction, recording how many in the audit entry; refused when it would leave the organization
   * without an admin.
   */
  removeMember(
    orgId: string,
    userId: string,
    at: string,
    audit: AuditInput,
  ): Promise<{ revokedKeys: number } | MemberRefusal>;

  /** Creates a service user; false when its organization has one of that name, in any case. */
  createServiceUser(serviceUser: ServiceUser, audit: AuditInput): Promise<boolean>;
  findServiceUser(id: string): Promise<ServiceUser | null>;
  listServiceUsers(orgId: string, page: Page): Promise<PageOf<ServiceUser>>;
  /** Changes a service user: null when it is unknown, `'name-taken'` (changing nothing) for a taken name. */
  updateServiceUser(
    id: string,
    patch: Partial<Pick<ServiceUser, 'name' | 'description' | 'role' | 'expiresAt'>>,
    audit: AuditInput,
  ): Promise<ServiceUser | null | 'name-taken'>;
  /** Deletes the service user and revokes its keys. */
  deleteServiceUser(id: string, at: string, audit: AuditInput): Promise<boolean>;

  /** Inserts a key; false when its digest is already stored. */
  createKey(key: StoredKey, audit: AuditInput): Promise<boolean>;
  /**
   * The bulk path: many keys, each with its audit entry, in one transaction, all or nothing (false when a
   * digest is already stored, and then nothing is). For seeding a store (bench/seed.ts) and for tools that
   * move many keys in at once; every cache and process hears of each key as `createKey` tells them.
   */
  createKeys(entries: readonly { key: StoredKey; audit: AuditInput }[]): Promise<boolean>;
  findKeyByHash(hash: string): Promise<KeyEntry | null>;
  /**
   * The digests of all stored keys, revoked ones included, in digest order, `limit` at a time after
   * `after`: what the verifier's membership filter is built from.
   */
  listKeyHashes(after: string | null, limit: number): Promise<string[]>;
  findKey(id: string): Promise<KeyEntry | null>;
  listKeys(orgId: string, ownerId: string | null, page: Page): Promise<PageOf<ApiKey>>;
  updateKey(id: string, patch: KeyPatch, audit: AuditInput): Promise<ApiKey | null>;
  /**
   * Sets `revokedAt` on a key that is not yet revoked, and on every key made with it; false when there
   * was none. The audit entry records how many were revoked with it.
   */
  revokeKey(id: string, at: string, audit: AuditInput): Promise<boolean>;
  /**
   * Inserts the successor, records it on the old key and caps the old key's expiry at `oldExpiresAt`,
   * atomically; false when the old key is gone, revoked, disabled or already rotated.
   */
  rotateKey(oldId: string, oldExpiresAt: string, successor: StoredKey, audit: AuditInput): Promise<boolean>;
  /** Write-behind of `lastUsedAt`, many keys in one transaction. */
  touchKeys(lastUsed: ReadonlyMap<string, string>): Promise<void>;
  /**
   * Write-behind of usage quotas, many budgets in one transaction: each quota is written to every key of
   * its budget (a rotation lineage), by budget id.
   */
  saveQuotas(quotas: ReadonlyMap<string, Quota>): Promise<void>;
  /**
   * Spends one unit of a budget's quota in one statement, refilled first to `refill.amount` when its
   * period began (`refill.periodStart`) after the last refill: exact however many processes spend at
   * once. Answers the count left, or null when nothing was left.
   */
  spendQuota(
    budgetId: string,
    refill: { amount: number; periodStart: string } | null,
    at: string,
  ): Promise<number | null>;
  /** A budget's quota count as stored now. */
  readQuota(budgetId: string): Promise<{ remaining: number; refilledAt: string | null } | null>;
  /** Counts one use in a budget's fixed rate-limit window, in one statement: the window's start and count. */
  countUse(budgetId: string, durationMs: number, nowMs: number): Promise<{ start: number; count: number }>;

  createRefreshToken(token: RefreshToken): Promise<void>;
  findRefreshToken(hash: string): Promise<RefreshToken | null>;
  /** Marks a token used; false when it already was, which means it was replayed. */
  useRefreshToken(id: string, at: string): Promise<boolean>;
  revokeRefreshFamily(familyId: string, at: string): Promise<void>;

  /** Stores a connection, its secrets sealed. */
  createConnection(connection: StoredConnection, audit: AuditInput): Promise<void>;
  findConnection(id: string): Promise<StoredConnection | null>;
  /** One organization's connections; with `expiringBefore`, only those that expire by then. */
  listConnections(
    orgId: string,
    page: Page,
    expiringBefore: string | null,
  ): Promise<PageOf<StoredConnection>>;
  /** Changes a connection (null when it is gone); a new credential comes sealed afresh. */
  updateConnection(
    id: string,
    patch: ConnectionPatch,
    at: string,
    audit: AuditInput,
  ): Promise<StoredConnection | null>;
  deleteConnection(id: string, audit: AuditInput): Promise<boolean>;
  /**
   * Every sealed record, connections' and webhooks', in id order, a page at a time after `after`: for a
   * rewrap of the master key.
   */
  listSealed(after: string | null, limit: number): Promise<SealedRecord[]>;
  /** Replaces sealed secrets only while they are exactly `previous`; false when they changed meanwhile. */
  reseal(id: string, sealed: string, masterKeyId: string, previous: string): Promise<boolean>;
  /** How many sealed records (connections and webhooks) each master key still wraps. */
  countByMasterKey(): Promise<Map<string, number>>;

  /** Stores a connect session; only its token's digest. */
  createConnectSession(session: StoredConnectSession, audit: AuditInput): Promise<void>;
  findConnectSession(id: string): Promise<StoredConnectSession | null>;
  findConnectSessionByHash(tokenHash: string): Promise<StoredConnectSession | null>;
  listConnectSessions(orgId: string, page: Page): Promise<PageOf<StoredConnectSession>>;
  deleteConnectSession(id: string, audit: AuditInput): Promise<boolean>;
  /**
   * Stores the connection a session makes and marks the session used, in one transaction: false, and
   * nothing stored, when the session had ended (used, expired, or `maxRefusals` reached) meanwhile.
   */
  connectThroughSession(
    sessionId: string,
    at: string,
    maxRefusals: number,
    connection: StoredConnection,
    audit: AuditInput,
  ): Promise<boolean>;
  /** Counts a credential the provider refused through a session: the session's count, or null if gone. */
  countConnectRefusal(sessionId: string): Promise<number | null>;

  /** Appends entries that record no other change, such as failed authentications. */
  appendAudit(entries: AuditInput[]): Promise<void>;
  listAudit(filter: AuditFilter, page: Page): Promise<PageOf<AuditEntry>>;
  /**
   * The log in order, in batches, for export and chain verification. A time range (`since`, `until`) is
   * a run of the chain: from the first entry at or after `since` to the last before `until`, with every
   * entry between.
   */
  exportAudit(filter: AuditFilter): AsyncIterable<AuditEntry>;

  // Key events (src/store/events.ts)

  /**
   * The recorded key events after `after`, and any recorded since `recentSince` (a transaction that took
   * its number earlier may commit after a later one), in the given organizations (null: all), in order.
   */
  listKeyEvents(
    after: number,
    recentSince: string | null,
    orgIds: readonly string[] | null,
    limit?: number,
  ): Promise<KeyEvent[]>;
  /** The first and last numbers of the key-event log; both 0 when it is empty. */
  keyEventBounds(): Promise<{ first: number; last: number }>;
  /**
   * Records, once, `key.expired` for live keys whose expiry passed after `since` and by `until`, and
   * tells the listeners; `more` when there may be others to record.
   */
  recordExpiries(since: string, until: string): Promise<{ count: number; more: boolean }>;
  /** Forgets the key events recorded before `before`. */
  pruneKeyEvents(before: string): Promise<void>;

  // Webhooks (docs/webhooks.md)

  /** Stores a webhook, its signing secret sealed. */
  createWebhook(webhook: StoredWebhook, audit: AuditInput): Promise<void>;
  findWebhook(id: string): Promise<StoredWebhook | null>;
  /** One organization's webhooks, in id order. */
  listWebhooks(orgId: string, page: Page): Promise<PageOf<StoredWebhook>>;
  /** Changes a webhook (null when it is gone); a new secret comes sealed afresh. */
  updateWebhook(
    id: string,
    patch: WebhookPatch,
    at: string,
    audit: AuditInput,
  ): Promise<StoredWebhook | null>;
  /** Deletes a webhook and its deliveries. */
  deleteWebhook(id: string, audit: AuditInput): Promise<boolean>;
  /** A webhook's deliveries, newest first. */
  listWebhookDeliveries(webhookId: string, page: Page): Promise<PageOf<WebhookDelivery>>;
  /**
   * Locks up to `limit` pending deliveries due at `now` (ISO), of enabled webhooks, for `lockMs`, and
   * answers them: however many processes claim at once, each delivery goes to one of them.
   */
  claimDueDeliveries(now: string, limit: number, lockMs: number): Promise<WebhookDelivery[]>;
  /** Counts an attempt of a delivery, records how it ended, and releases its lock. */
  recordAttempt(id: string, outcome: DeliveryOutcome): Promise<void>;
}
