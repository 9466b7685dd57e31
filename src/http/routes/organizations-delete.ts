import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { OrgParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function deleteOrganization(app: App, deps: Deps): void {
  app.delete(
    '/v1/organizations/:orgId',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Delete an organization with its members, service users and keys',
        params: OrgParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      await requireOrg(deps, request, orgId, 'organization:delete');
      const deleted = await deps.store.deleteOrganization(
        orgId,
        nowIso(deps),
        auditInput(request, 'organization.deleted', { orgId, targetId: orgId }),
      );
      if (!deleted) throw notFound('Organization');
      return { success: true as const };
    },
  );
}
