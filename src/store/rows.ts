import type { Selectable } from 'kysely';
import type { Role } from '../keys/permissions.js';
import type { Database } from './schema.js';
import type {
  ApiKey,
  AuditEntry,
  Member,
  Organization,
  Rank,
  RefreshToken,
  ServiceUser,
  StoredKey,
  User,
} from './types.js';

/** Row ↔ record mapping, kept in one place so that every query answers in the same domain shapes. */

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));
export const json = (value: unknown): string | null =>
  value === null || value === undefined ? null : JSON.stringify(value);

export function toUser(row: Selectable<Database['users']>): User {
  return {
    id: row.id,
    username: row.username,
    clusterAdmin: row.cluster_admin === 1,
    disabled: row.disabled === 1,
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
    enabled: row.enabled === 1,
    revokedAt: row.revoked_at,
    ratelimit: parse(row.ratelimit),
    quota: parse(row.quota),
    successorId: row.successor_id,
  };
}

export function toStoredKey(row: Selectable<Database['api_keys']>): StoredKey {
  return {
    ...toKey(row),
    hash: row.hash,
    cluster: row.cluster === 1,
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
    enabled: key.enabled ? 1 : 0,
    revoked_at: key.revokedAt,
    ratelimit: json(key.ratelimit),
    quota: json(key.quota),
    successor_id: key.successorId,
    cluster: key.cluster ? 1 : 0,
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
