import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireServiceUser } from '../guards.js';
import { ServiceUserParams } from '../params.js';
import { errorResponses, ServiceUserSchema } from '../schemas.js';

export default function getServiceUser(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/service-users/:serviceUserId',
    {
      schema: {
        tags: ['service users'],
        summary: 'Get a service user',
        params: ServiceUserParams,
        response: { 200: ServiceUserSchema, ...errorResponses },
      },
    },
    async (request) =>
      (await requireServiceUser(deps, request, request.params, 'serviceusers:read')).serviceUser,
  );
}
