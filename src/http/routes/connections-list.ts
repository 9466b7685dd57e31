import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { ConnectionSchema, connectionBody, EXPIRING_WITHIN_MS } from '../connections.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, listOf, PageQuery } from '../schemas.js';

export default function listConnections(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/connections',
    {
      schema: {
        tags: ['connections'],
        summary: "List an organization's connections",
        description:
          'Never their credentials. Each says whether it expires within 14 days (`expiresSoon`); `expiring=true` lists only those, and those already expired.',
        params: OrgParams,
        querystring: Type.Object({ ...PageQuery, expiring: Type.Optional(Type.Boolean()) }, Closed),
        response: { 200: listOf(ConnectionSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      await requireOrg(deps, request, orgId, 'connections:read');
      const now = deps.clock();
      const before = request.query.expiring ? new Date(now + EXPIRING_WITHIN_MS).toISOString() : null;
      const result = await deps.store.listConnections(orgId, pageFrom(request.query), before);
      return {
        items: result.items.map((connection) => connectionBody(connection, now)),
        nextCursor: encodeCursor(result.next),
      };
    },
  );
}
