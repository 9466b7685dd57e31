import { Type } from 'typebox';
import { orgAccess } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
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
        // A key reaches one organization, and lists it only when it may read it.
        const orgId = caller.key.key.orgId;
        const access = await orgAccess(deps.store, caller, orgId);
        const org =
          access?.can('organization:read') && !page.after ? await deps.store.findOrganization(orgId) : null;
        return { items: org ? [org] : [], nextCursor: null };
      }
      const result = await deps.store.listOrganizations(caller.clusterAdmin ? null : caller.id, page);
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
