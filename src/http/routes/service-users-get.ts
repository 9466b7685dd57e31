import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Access } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { ServiceUser } from '../../store/types.js';
import type { App } from '../app.js';
import { requireOrg } from '../helpers.js';
import { errorResponses, idOf, ServiceUserSchema } from '../schemas.js';

export const ServiceUserParams = Type.Object({ orgId: idOf('org'), serviceUserId: idOf('svc') });

/** A service user of the organization in the path, with the caller's access to that organization. */
export async function requireServiceUser(
  deps: Deps,
  request: FastifyRequest,
  params: { orgId: string; serviceUserId: string },
  permission: string,
): Promise<{ serviceUser: ServiceUser; access: Access }> {
  const { access } = await requireOrg(deps, request, params.orgId, permission);
  const serviceUser = await deps.store.findServiceUser(params.serviceUserId);
  if (!serviceUser || serviceUser.orgId !== params.orgId) throw notFound('Service user');
  return { serviceUser, access };
}

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
