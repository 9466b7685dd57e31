import { digestKey } from '../../../src/keys/hash.js';
import { newId } from '../../../src/keys/ids.js';
import type { Role } from '../../../src/keys/permissions.js';
import type { Store } from '../../../src/store/store.js';
import type {
  ApiKey,
  AuditInput,
  Organization,
  RefreshToken,
  ServiceUser,
  StoredKey,
  UserCredentials,
} from '../../../src/store/types.js';

/** A fixed origin for the times the suite stores, so that expected values are plain constants. */
const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** The ISO time `seconds` after the suite's origin. */
export const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

/** An id whose time part is `n` ms after the origin, so that ids made with rising `n` sort in that order. */
export const nthId = (prefix: 'usr' | 'org' | 'svc' | 'key' | 'rtk' | 'con' | 'cns', n: number): string =>
  newId(prefix, T0 + n);

export function auditOf(action: string, fields: Partial<AuditInput> = {}): AuditInput {
  return {
    action,
    actorId: null,
    orgId: null,
    targetId: null,
    requestId: null,
    ip: null,
    outcome: 'success',
    details: null,
    ...fields,
  };
}

export function aUser(fields: Partial<UserCredentials> = {}): UserCredentials {
  const id = fields.id ?? newId('usr');
  return {
    id,
    username: `user-${id.slice(4)}`,
    passwordHash: `scrypt$${id}`,
    clusterAdmin: false,
    disabled: false,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
}

export function anOrg(fields: Partial<Organization> = {}): Organization {
  const id = fields.id ?? newId('org');
  return { id, name: `Org ${id.slice(4)}`, keyPrefix: 'kw', createdAt: at(0), updatedAt: at(0), ...fields };
}

export function aServiceUser(orgId: string, fields: Partial<ServiceUser> = {}): ServiceUser {
  const id = fields.id ?? newId('svc');
  return {
    id,
    orgId,
    // Names are unique in an organization: each fixture has its own.
    name: `ci-bot-${id.slice(-8)}`,
    description: null,
    role: 'member',
    expiresAt: null,
    createdAt: at(0),
    updatedAt: at(0),
    ...fields,
  };
}

/** A key with every optional field set, so that a round trip through the store checks them all. */
export function aKey(orgId: string, ownerId: string, fields: Partial<StoredKey> = {}): StoredKey {
  const id = fields.id ?? newId('key');
  const secret = `kw_${id.slice(4)}${id.slice(4)}`;
  return {
    id,
    orgId,
    ownerId,
    name: 'deploy',
    description: 'used by the deploy job',
    meta: { team: 'infra', tier: 2, tags: ['a', 'b'], nested: { on: true, none: null } },
    role: 'member',
    scopes: ['documents:read', 'apikeys:*'],
    hint: `${secret.slice(0, 7)}…`,
    createdAt: at(0),
    createdBy: ownerId,
    expiresAt: at(86_400),
    lastUsedAt: null,
    enabled: true,
    revokedAt: null,
    ratelimit: { limit: 100, duration: 60_000 },
    quota: { remaining: 1000, refill: { interval: 'daily', amount: 1000 }, refilledAt: null },
    hash: digestKey(secret),
    successorId: null,
    cluster: false,
    budgetId: id,
    disabledBy: null,
    madeByKeyId: null,
    ...fields,
  };
}

/** The record the store answers in lists and updates: the stored key without what only the server reads. */
export function recordOf(key: StoredKey): ApiKey {
  const { hash, cluster, budgetId, disabledBy, madeByKeyId, ...record } = key;
  return record;
}

export function aRefreshToken(userId: string, fields: Partial<RefreshToken> = {}): RefreshToken {
  const id = fields.id ?? newId('rtk');
  return {
    id,
    userId,
    familyId: newId('rtk'),
    hash: digestKey(`refresh-${id}`),
    expiresAt: at(3600),
    usedAt: null,
    revokedAt: null,
    ...fields,
  };
}

/** The usual cast: an organization whose first admin is `admin`, a `member`, and a cluster admin in no org. */
export interface World {
  org: Organization;
  admin: UserCredentials;
  member: UserCredentials;
  root: UserCredentials;
}

export async function seedWorld(store: Store): Promise<World> {
  const admin = aUser();
  const member = aUser();
  const root = aUser({ clusterAdmin: true });
  const org = anOrg();
  for (const user of [admin, member, root]) await store.createUser(user, auditOf('user.created'));
  await store.createOrganization(org, admin.id, auditOf('org.created'));
  await store.addMember(org.id, member.id, 'member', at(1), auditOf('member.added'));
  return { org, admin, member, root };
}

/** A user who is a member of `orgId` with `role`. */
export async function seedMember(store: Store, orgId: string, role: Role): Promise<UserCredentials> {
  const user = aUser();
  await store.createUser(user, auditOf('user.created'));
  await store.addMember(orgId, user.id, role, at(1), auditOf('member.added'));
  return user;
}

/** Stores a key and fails the test if the store refused it. */
export async function seedKey(store: Store, key: StoredKey): Promise<StoredKey> {
  if (!(await store.createKey(key, auditOf('apikey.created')))) throw new Error(`key ${key.id} not stored`);
  return key;
}
