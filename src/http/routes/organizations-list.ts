import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { Closed, errorResponses, listOf, OrganizationSchema, PageQuery } from '../schemas.js';

export default function listOrganizations(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'List the organizations the caller can see',
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(OrganizationSchema), ...errorResponses },
      },
    },
    async (request) => {
      const caller = request.caller;
      const page = pageFrom(request.query);
      if (caller.key && !caller.clusterAdmin) {
        const org = await deps.store.findOrganization(caller.key.key.orgId);
        return { items: org && !page.after ? [org] : [], nextCursor: null };
      }
      const result = await deps.store.listOrganizations(caller.clusterAdmin ? null : caller.id, page);
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
