import type { FastifyRequest } from 'fastify';
import { type Access, orgAccess } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { forbidden, invalid, type KeywardError, notFound } from '../errors.js';
import type { CachedKey } from '../keys/verify.js';
import { andThen, type MaybePromise } from '../maybe-promise.js';
import type { AuditFilter, Organization, ServiceUser, User } from '../store/types.js';
import type { AuditQuery } from './params.js';

/**
 * What a caller may reach: each guard answers the object with the caller's access to it, or throws
 * `404` when they may not see it and `403` when they see it but lack the permission.
 */

/**
 * An organization with the caller's access to it: `404` when they cannot see it, `403` when they lack
 * `permission`.
 */
export async function requireOrg(
  deps: Deps,
  request: FastifyRequest,
  orgId: string,
  permission: string,
): Promise<{ access: Access; org: Organization }> {
  const access = await orgAccess(deps.store, request.caller, orgId);
  const org = access ? await deps.store.findOrganization(orgId) : null;
  if (!access || !org) throw notFound('Organization');
  if (!access.can(permission)) throw forbidden(`The caller lacks ${permission} in this organization`);
  return { access, org };
}

/**
 * A key the caller may see, with their access to its organization. Members see only their own keys:
 * anyone else's is `404`, exactly like a key that does not exist.
 */
export function requireKey(
  deps: Deps,
  request: FastifyRequest,
  id: string,
  permission: string,
): MaybePromise<{ entry: CachedKey; access: Access }> {
  return andThen(deps.finder.findById(id, deps.clock()), (entry) => {
    if (!entry) throw notFound('API key');
    return andThen(orgAccess(deps.store, request.caller, entry.key.orgId), (access) => {
      const refusal = keyRefusal(access, entry, request.caller.id, permission);
      if (refusal) throw refusal;
      // keyRefusal refuses a null access.
      return { entry, access: access as Access };
    });
  });
}

/** Why a caller with `access` may not act on `entry` with `permission`, or null when they may. */
export function keyRefusal(
  access: Access | null,
  entry: CachedKey,
  callerId: string,
  permission: string,
): KeywardError | null {
  if (!access || (access.ownOnly && entry.key.ownerId !== callerId)) return notFound('API key');
  if (!access.can(permission)) return forbidden(`The caller lacks ${permission} in this organization`);
  return null;
}

/** A service user of the organization in the path, with the caller's access to that organization. */
export async function requireServiceUser(
  deps: Deps,
  request: FastifyRequest,
  params: { orgId: string; serviceUserId: string },
  permission: string,
): Promise<{ serviceUser: ServiceUser; access: Access }> {
  const { access } = await requireOrg(deps, request, params.orgId, permission);
  const serviceUser = await deps.store.findServiceUser(params.serviceUserId);
  if (!serviceUser || serviceUser.orgId !== params.orgId) throw notFound('Service user');
  return { serviceUser, access };
}

/**
 * A user the caller may see: cluster admins see everyone, others only themselves. A scoped key was made
 * for narrower work than its owner's account, so it does not reach the account.
 */
export async function visibleUser(deps: Deps, request: FastifyRequest, userId: string): Promise<User> {
  const caller = request.caller;
  const user = caller.clusterAdmin || caller.id === userId ? await deps.store.findUser(userId) : null;
  if (!user) throw notFound('User');
  if (!caller.clusterAdmin && caller.key && caller.key.key.scopes !== null) {
    throw forbidden("A scoped API key cannot act on its owner's account");
  }
  return user;
}

/**
 * The filter a caller may read: cluster admins read everything, organization admins their organization's
 * entries (`orgId` is required unless the caller authenticated with a key, which names its organization).
 */
export async function auditFilter(
  deps: Deps,
  request: FastifyRequest,
  query: Partial<Record<keyof typeof AuditQuery, string>>,
): Promise<AuditFilter> {
  let orgIds: string[] | null = query.orgId ? [query.orgId] : null;
  if (!request.caller.clusterAdmin) {
    const orgId = query.orgId ?? request.caller.key?.key.orgId;
    if (!orgId) throw invalid('querystring.orgId', 'is required unless the caller is a cluster admin');
    await requireOrg(deps, request, orgId, 'audit:read');
    orgIds = [orgId];
  }
  const iso = (value: string | undefined) => (value ? new Date(value).toISOString() : null);
  return {
    orgIds,
    action: query.action ?? null,
    actorId: query.actorId ?? null,
    targetId: query.targetId ?? null,
    since: iso(query.since),
    until: iso(query.until),
  };
}
