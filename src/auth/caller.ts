import { type Role, roleGrants } from '../keys/permissions.js';
import type { CachedKey } from '../keys/verify.js';
import type { MaybePromise } from '../maybe-promise.js';
import type { Store } from '../store/store.js';

/** Who is making a request, once authenticated. */
export interface Caller {
  id: string;
  kind: 'user' | 'service';
  /**
   * True for a cluster admin signed in with a token, or with a key of theirs that carries cluster-wide
   * power: one they made for themselves, unscoped, with the role admin, while they are still an admin of
   * its organization (PRODUCT.md §4a). No key anyone else made or rotated carries it.
   */
  clusterAdmin: boolean;
  /** The key the caller authenticated with; null for access tokens. */
  key: CachedKey | null;
}

/** What a caller may do within one organization. */
export interface Access {
  orgId: string;
  role: Role | 'cluster';
  /** True for members: they act on their own keys only, and everyone else's are invisible. */
  ownOnly: boolean;
  can(permission: string): boolean;
}

export function callerFromKey(entry: CachedKey): Caller {
  const key = entry.key;
  const unscopedAdmin = key.role === 'admin' && key.scopes === null && entry.owner.orgRole === 'admin';
  return {
    id: key.ownerId,
    kind: entry.owner.kind,
    clusterAdmin: key.cluster && entry.owner.clusterAdmin && unscopedAdmin,
    key: entry,
  };
}

const CLUSTER: Omit<Access, 'orgId'> = { role: 'cluster', ownOnly: false, can: () => true };

/**
 * The caller's access to an organization, or null when the organization is not theirs to see.
 * A key reaches only its own organization; a token reaches every organization its user belongs to.
 * Cluster admins and keys are answered from memory, without a promise; only a token's membership is read
 * from the store.
 */
export function orgAccess(store: Store, caller: Caller, orgId: string): MaybePromise<Access | null> {
  const known = accessFromMemory(caller, orgId);
  if (known !== undefined) return known;
  return caller.kind === 'user' ? memberAccess(store, caller.id, orgId) : null;
}

/** {@link orgAccess} for the callers it answers from memory; undefined for a token's user. */
export function accessFromMemory(caller: Caller, orgId: string): Access | null | undefined {
  if (caller.clusterAdmin) return { orgId, ...CLUSTER };
  if (caller.key) return keyAccess(caller.key, orgId);
  return undefined;
}

/** What a key may do in an organization: nothing outside its own, and at most its effective role. */
export function keyAccess(entry: CachedKey, orgId: string): Access | null {
  if (entry.key.orgId !== orgId) return null;
  const role = entry.role;
  return { orgId, role, ownOnly: role !== 'admin', can: (p) => entry.grants.allows(p) };
}

async function memberAccess(store: Store, userId: string, orgId: string): Promise<Access | null> {
  const member = await store.findMember(orgId, userId);
  if (!member) return null;
  const granted = roleGrants(member.role);
  return { orgId, role: member.role, ownOnly: member.role !== 'admin', can: (p) => granted.has(p) };
}
