import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app.js';
import { requireOrg } from '../helpers.js';
import { errorResponses, idOf, OrganizationSchema } from '../schemas.js';

export const OrgParams = Type.Object({ orgId: idOf('org') });

export default function getOrganization(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Get an organization',
        params: OrgParams,
        response: { 200: OrganizationSchema, ...errorResponses },
      },
    },
    async (request) => (await requireOrg(deps, request, request.params.orgId, 'organization:read')).org,
  );
}
