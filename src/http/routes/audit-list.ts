import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { AuditFilter } from '../../store/types.js';
import type { App } from '../app.js';
import { encodeCursor, pageFrom, requireOrg } from '../helpers.js';
import { AuditEntrySchema, Closed, errorResponses, idOf, listOf, PageQuery, Timestamp } from '../schemas.js';

export const AuditQuery = {
  orgId: Type.Optional(idOf('org')),
  action: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,64}$' })),
  actorId: Type.Optional(Type.String({ pattern: '^(usr|svc)_[0-9A-Za-z]{22}$' })),
  targetId: Type.Optional(Type.String({ pattern: '^[a-z]{3}_[0-9A-Za-z]{22}$' })),
  since: Type.Optional(Timestamp),
  until: Type.Optional(Timestamp),
};

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

export default function listAudit(app: App, deps: Deps): void {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first',
        description: 'Each entry carries the hash of the one before it, so that tampering shows.',
        querystring: Type.Object({ ...PageQuery, ...AuditQuery }, Closed),
        response: { 200: listOf(AuditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const filter = await auditFilter(deps, request, request.query);
      const result = await deps.store.listAudit(filter, pageFrom(request.query, 'seq'));
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
