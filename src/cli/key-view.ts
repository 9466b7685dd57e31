import type { ApiKey } from '@keyward/client';
import type { Column } from './output.js';
import { scopesText } from './scopes.js';

export type KeyStatus = 'active' | 'revoked' | 'expired' | 'disabled';

/** Where a key stands, in one word: revoked first, since a revoked key never comes back. */
export function keyStatus(key: ApiKey, now = Date.now()): KeyStatus {
  if (key.revokedAt) return 'revoked';
  if (!key.enabled) return 'disabled';
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return 'expired';
  return 'active';
}

/** A key's record as `json` and `yaml` print it: the server's, with the `status` the table shows. */
export function keyRecord<T extends ApiKey>(key: T): T & { status: KeyStatus } {
  return { ...key, status: keyStatus(key) };
}

/** Names the caller may read, by id: organizations, members and service users. Ids stand for the rest. */
export interface Names {
  orgs: Map<string, string>;
  owners: Map<string, string>;
}

const named = (names: Map<string, string>, id: string | null) => (id === null ? null : (names.get(id) ?? id));

/** Every column a list of keys can show, by header. */
function columns(names: Names): Record<string, Column<ApiKey>> {
  const all: Column<ApiKey>[] = [
    ['id', (key) => key.id],
    ['name', (key) => key.name],
    ['org', (key) => named(names.orgs, key.orgId)],
    ['owner', (key) => named(names.owners, key.ownerId)],
    ['role', (key) => key.role],
    ['status', (key) => keyStatus(key)],
    ['scopes', (key) => scopesText(key.scopes)],
    ['hint', (key) => key.hint],
    ['created', (key) => key.createdAt],
    ['created by', (key) => named(names.owners, key.createdBy)],
    ['expires', (key) => key.expiresAt],
    ['last used', (key) => key.lastUsedAt],
    ['description', (key) => key.description],
  ];
  return Object.fromEntries(all.map((column) => [column[0], column]));
}

const pick = (all: Record<string, Column<ApiKey>>, headers: string[]) =>
  headers.map((header) => all[header] as Column<ApiKey>);

/** The columns of `api-key list`. */
export function keyColumns(names: Names): Column<ApiKey>[] {
  const headers = ['id', 'name', 'org', 'owner', 'role', 'status', 'created', 'expires', 'last used'];
  return pick(columns(names), headers);
}

/** The columns of `api-key list --format wide`: the table's, with scopes, hint, maker and description. */
export function wideKeyColumns(names: Names): Column<ApiKey>[] {
  return pick(columns(names), [
    'id',
    'name',
    'org',
    'owner',
    'role',
    'status',
    'scopes',
    'hint',
    'created',
    'created by',
    'expires',
    'last used',
    'description',
  ]);
}

/** One key as `Label: value` pairs, for `api-key info`. */
export function keyFields(key: ApiKey, names: Names): [label: string, value: unknown][] {
  const org = names.orgs.get(key.orgId);
  return [
    ['ID', key.id],
    ['Name', key.name],
    ['Description', key.description],
    ['Hint', key.hint],
    ['Organization', org ? `${org} (${key.orgId})` : key.orgId],
    ['Owner', named(names.owners, key.ownerId)],
    ['Role', key.role],
    ['Scopes', scopesText(key.scopes, true)],
    ['Status', keyStatus(key)],
    ['Created', key.createdAt],
    ['Created by', named(names.owners, key.createdBy)],
    ['Expires', key.expiresAt],
    ['Last used', key.lastUsedAt],
    ['Revoked', key.revokedAt],
    ['Rate limit', key.ratelimit && `${key.ratelimit.limit} per ${key.ratelimit.duration} ms`],
    ['Quota', key.quota && `${key.quota.remaining} remaining`],
    ['Meta', key.meta],
    ['Successor', key.successorId],
  ];
}
