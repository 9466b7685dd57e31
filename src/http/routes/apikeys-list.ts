import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, keyBody, pageFrom } from '../helpers.js';
import { OrgParams, OwnerId } from '../params.js';
import { ApiKeySchema, Closed, errorResponses, listOf, PageQuery } from '../schemas.js';

export default function listApiKeys(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/apikeys',
    {
      schema: {
        tags: ['api keys'],
        summary: "List an organization's keys",
        description: 'Members see only their own keys. Filter by `ownerId`; page with `cursor`.',
        params: OrgParams,
        querystring: Type.Object({ ...PageQuery, ownerId: Type.Optional(OwnerId) }, Closed),
        response: { 200: listOf(ApiKeySchema), ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      const { access } = await requireOrg(deps, request, orgId, 'apikeys:read');
      const page = pageFrom(request.query);
      const wanted = request.query.ownerId ?? null;
      if (access.ownOnly && wanted !== null && wanted !== request.caller.id)
        return { items: [], nextCursor: null };
      const ownerId = access.ownOnly ? request.caller.id : wanted;
      const result = await deps.store.listKeys(orgId, ownerId, page);
      return { items: result.items.map(keyBody), nextCursor: encodeCursor(result.next) };
    },
  );
}
