import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { OrgParams } from '../params.js';
import { errorResponses, OrganizationSchema } from '../schemas.js';

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
