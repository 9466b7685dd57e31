import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, listOf, MemberSchema, PageQuery } from '../schemas.js';

export default function listMembers(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/members',
    {
      schema: {
        tags: ['members'],
        summary: "List an organization's members",
        params: OrgParams,
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(MemberSchema), ...errorResponses },
      },
    },
    async (request) => {
      await requireOrg(deps, request, request.params.orgId, 'members:read');
      const result = await deps.store.listMembers(request.params.orgId, pageFrom(request.query));
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
