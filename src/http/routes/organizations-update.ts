import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput } from '../helpers.js';
import { OrgParams } from '../params.js';
import { ClosedPatch, errorResponses, Name, OrganizationSchema } from '../schemas.js';

export default function updateOrganization(app: App, deps: Deps): void {
  app.patch(
    '/v1/organizations/:orgId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Rename an organization',
        description: 'The key prefix cannot change: existing keys carry it.',
        params: OrgParams,
        body: Type.Object({ name: Type.Optional(Name) }, ClosedPatch),
        response: { 200: OrganizationSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      await requireOrg(deps, request, orgId, 'organization:write');
      const org = await deps.store.updateOrganization(
        orgId,
        request.body,
        auditInput(request, 'organization.updated', { orgId, targetId: orgId, details: { ...request.body } }),
      );
      if (!org) throw notFound('Organization');
      return org;
    },
  );
}
