import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { ConnectSessionSchema, sessionBody } from '../connect-sessions.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, listOf, PageQuery } from '../schemas.js';

export default function listConnectSessions(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/connect-sessions',
    {
      schema: {
        tags: ['connections'],
        summary: "List an organization's connect links, open and ended",
        description:
          'Never their tokens. `status` is `open`, `used` (see `connectionId`), `expired`, or `refused` (too many credentials refused). Needs `connections:write`.',
        params: OrgParams,
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(ConnectSessionSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      await requireOrg(deps, request, orgId, 'connections:write');
      const now = deps.clock();
      const result = await deps.store.listConnectSessions(orgId, pageFrom(request.query));
      return {
        items: result.items.map((session) => sessionBody(session, now)),
        nextCursor: encodeCursor(result.next),
      };
    },
  );
}
