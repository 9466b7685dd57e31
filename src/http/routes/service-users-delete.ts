import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireServiceUser } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { ServiceUserParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function deleteServiceUser(app: App, deps: Deps): void {
  app.delete(
    '/v1/organizations/:orgId/service-users/:serviceUserId',
    {
      schema: {
        tags: ['service users'],
        summary: 'Delete a service user; its keys are revoked',
        params: ServiceUserParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId, serviceUserId } = request.params;
      await requireServiceUser(deps, request, request.params, 'serviceusers:write');
      const deleted = await deps.store.deleteServiceUser(
        serviceUserId,
        nowIso(deps),
        auditInput(request, 'service_user.deleted', { orgId, targetId: serviceUserId }),
      );
      if (!deleted) throw notFound('Service user');
      return { success: true as const };
    },
  );
}
