import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, listOf, PageQuery, ServiceUserSchema } from '../schemas.js';

export default function listServiceUsers(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/service-users',
    {
      schema: {
        tags: ['service users'],
        summary: "List an organization's service users",
        params: OrgParams,
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(ServiceUserSchema), ...errorResponses },
      },
    },
    async (request) => {
      await requireOrg(deps, request, request.params.orgId, 'serviceusers:read');
      const result = await deps.store.listServiceUsers(request.params.orgId, pageFrom(request.query));
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
