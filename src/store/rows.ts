import type { Insertable, Selectable } from 'kysely';
import type { Role } from '../keys/permissions.js';
import type { Database } from './schema.js';
import type {
  ApiKey,
  AuditEntry,
  CheckOutcome,
  Connection,
  KeyEntry,
  Member,
  Organization,
  Quota,
  Rank,
  RefreshToken,
  ServiceUser,
  StoredConnection,
  StoredConnectSession,
  StoredKey,
  User,
} from './types.js';

/** Row ↔ record mapping, kept in one place so that every query answers in the same domain shapes. */

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/** Booleans are stored as 0 and 1 on every dialect. */
export const bit = (value: boolean): 0 | 1 => (value ? 1 : 0);
const flag = (value: number | null): boolean => Number(value) === 1;
export const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

export function toUser(row: Selectable<Database['users']>): User {
  return {
    id: row.id,
    username: row.username,
    clusterAdmin: flag(row.cluster_admin),
    disabled: flag(row.disabled),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toOrganization(row: Selectable<Database['organizations']>): Organization {
  return {
    id: row.id,
    name: row.name,
    keyPrefix: row.key_prefix,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toMember(row: Selectable<Database['memberships']> & { username: string }): Member {
  return {
    orgId: row.org_id,
    userId: row.user_id,
    username: row.username,
    role: row.role as Role,
    createdAt: row.created_at,
  };
}

export function toServiceUser(row: Selectable<Database['service_users']>): ServiceUser {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    description: row.description,
    role: row.role as Role,
    expiresAt: row.expires_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toKey(row: Selectable<Database['api_keys']>): ApiKey {
  return {
    id: row.id,
    orgId: row.org_id,
    ownerId: row.owner_id,
    name: row.name,
    description: row.description,
    meta: parse(row.meta),
    role: row.role as Role,
    scopes: parse(row.scopes),
    hint: row.hint,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    enabled: flag(row.enabled),
    revokedAt: row.revoked_at,
    ratelimit: parse(row.ratelimit),
    quota: toQuota(row),
    successorId: row.successor_id,
  };
}

export function toStoredKey(row: Selectable<Database['api_keys']>): StoredKey {
  return {
    ...toKey(row),
    hash: row.hash,
    cluster: flag(row.cluster),
    budgetId: row.budget_id,
    disabledBy: row.disabled_by as Rank | null,
    madeByKeyId: row.made_by_key,
  };
}

export function fromKey(key: StoredKey): Selectable<Database['api_keys']> {
  return {
    id: key.id,
    org_id: key.orgId,
    owner_id: key.ownerId,
    name: key.name,
    description: key.description,
    meta: json(key.meta),
    role: key.role,
    scopes: json(key.scopes),
    hash: key.hash,
    hint: key.hint,
    created_at: key.createdAt,
    created_by: key.createdBy,
    expires_at: key.expiresAt,
    last_used_at: key.lastUsedAt,
    enabled: bit(key.enabled),
    revoked_at: key.revokedAt,
    ratelimit: json(key.ratelimit),
    quota: json(key.quota ? { refill: key.quota.refill } : null),
    quota_remaining: key.quota?.remaining ?? null,
    quota_refilled_at: key.quota?.refilledAt ?? null,
    successor_id: key.successorId,
    cluster: bit(key.cluster),
    budget_id: key.budgetId,
    disabled_by: key.disabledBy,
    made_by_key: key.madeByKeyId,
  };
}

export function toAudit(row: Selectable<Database['audit_log']>): AuditEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: row.at,
    action: row.action,
    actorId: row.actor_id,
    orgId: row.org_id,
    targetId: row.target_id,
    requestId: row.request_id,
    ip: row.ip,
    outcome: row.outcome as AuditEntry['outcome'],
    details: parse(row.details),
    prevHash: row.prev_hash,
    hash: row.hash,
    orgPrevHash: row.org_prev_hash,
    orgHash: row.org_hash,
  };
}

export function toRefreshToken(row: Selectable<Database['refresh_tokens']>): RefreshToken {
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

/** A quota: its settings from `quota`, its count from the columns that are spent in place. */
function toQuota(row: Selectable<Database['api_keys']>): Quota | null {
  const settings = parse<Pick<Quota, 'refill'>>(row.quota);
  if (settings === null) return null;
  return {
    remaining: Number(row.quota_remaining ?? 0),
    refill: settings.refill ?? null,
    refilledAt: row.quota_refilled_at,
  };
}

/** A key row joined with its owner's state (src/store/queries/keys.ts, entryQuery): what verification reads. */
export function toKeyEntry(
  row: Selectable<Database['api_keys']> & {
    user_id: string | null;
    user_disabled: number | null;
    user_cluster_admin: number | null;
    member_role: string | null;
    service_id: string | null;
    service_org: string | null;
    service_role: string | null;
    service_expires_at: string | null;
  },
): KeyEntry {
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
      disabled: flag(row.user_disabled),
      expiresAt: null,
      clusterAdmin: flag(row.user_cluster_admin),
      orgRole: (row.member_role as Role | null) ?? null,
    },
  };
}

export function toConnection(row: Selectable<Database['connections']>): StoredConnection {
  return {
    id: row.id,
    orgId: row.org_id,
    provider: row.provider,
    name: row.name,
    config: parse<Record<string, string>>(row.config) ?? {},
    expiresAt: row.expires_at,
    lastCheck:
      row.last_checked_at === null
        ? null
        : {
            at: row.last_checked_at,
            outcome: (row.last_check_outcome ?? 'unreachable') as CheckOutcome,
            status: row.last_check_status,
          },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
    sealed: row.sealed,
    masterKeyId: row.master_key_id,
  };
}

export function fromConnection(connection: StoredConnection): Selectable<Database['connections']> {
  return {
    id: connection.id,
    org_id: connection.orgId,
    provider: connection.provider,
    name: connection.name,
    config: JSON.stringify(connection.config),
    sealed: connection.sealed,
    master_key_id: connection.masterKeyId,
    expires_at: connection.expiresAt,
    last_checked_at: connection.lastCheck?.at ?? null,
    last_check_status: connection.lastCheck?.status ?? null,
    last_check_outcome: connection.lastCheck?.outcome ?? null,
    created_at: connection.createdAt,
    updated_at: connection.updatedAt,
    created_by: connection.createdBy,
  };
}

/** The public view of a connection: never its sealed secrets nor which master key wrapped them. */
export function publicConnection(connection: StoredConnection): Connection {
  const { sealed: _sealed, masterKeyId: _masterKeyId, ...rest } = connection;
  return rest;
}

export function toConnectSession(row: Selectable<Database['connect_sessions']>): StoredConnectSession {
  return {
    id: row.id,
    orgId: row.org_id,
    tokenHash: row.token_hash,
    providers: parse<string[]>(row.providers) ?? [],
    connectionName: row.connection_name,
    createdBy: row.created_by,
    madeByKey: row.made_by_key,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    connectionId: row.connection_id,
    refusals: Number(row.refusals),
  };
}

export function fromConnectSession(session: StoredConnectSession): Insertable<Database['connect_sessions']> {
  return {
    id: session.id,
    org_id: session.orgId,
    token_hash: session.tokenHash,
    providers: JSON.stringify(session.providers),
    connection_name: session.connectionName,
    created_by: session.createdBy,
    made_by_key: session.madeByKey,
    created_at: session.createdAt,
    expires_at: session.expiresAt,
    used_at: session.usedAt,
    connection_id: session.connectionId,
    refusals: session.refusals,
  };
}
