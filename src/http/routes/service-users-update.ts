import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireServiceUser } from '../guards.js';
import { auditInput } from '../helpers.js';
import { grantPrincipal } from '../key-issuance.js';
import { ServiceUserParams } from '../params.js';
import {
  ClosedPatch,
  Description,
  errorResponses,
  Name,
  RoleSchema,
  ServiceUserSchema,
  Timestamp,
} from '../schemas.js';

export default function updateServiceUser(app: App, deps: Deps): void {
  app.patch(
    '/v1/organizations/:orgId/service-users/:serviceUserId',
    {
      schema: {
        tags: ['service users'],
        summary: "Change a service user's name, description, role or expiry",
        description:
          'A name is unique in its organization, whatever its case: a name another service user has answers `409 CONFLICT` and changes nothing.',
        params: ServiceUserParams,
        body: Type.Object(
          {
            name: Type.Optional(Name),
            description: Type.Optional(Type.Union([Description, Type.Null()])),
            role: Type.Optional(RoleSchema),
            expiresAt: Type.Optional(Type.Union([Timestamp, Type.Null()])),
          },
          ClosedPatch,
        ),
        response: { 200: ServiceUserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { orgId, serviceUserId } = request.params;
      const body = request.body;
      const { access, serviceUser } = await requireServiceUser(
        deps,
        request,
        request.params,
        'serviceusers:write',
      );
      if (body.expiresAt && Date.parse(body.expiresAt) <= deps.clock())
        throw invalid('body.expiresAt', 'must be in the future');
      if (body.role !== undefined || body.expiresAt !== undefined) {
        // What the service user holds after the change, in full: a role, until an expiry.
        const expiresAt = body.expiresAt === undefined ? serviceUser.expiresAt : body.expiresAt;
        const endsAtMs = expiresAt === null ? Number.POSITIVE_INFINITY : Date.parse(expiresAt);
        await grantPrincipal(deps, request, access, body.role ?? serviceUser.role, endsAtMs);
      }
      const patch = {
        ...body,
        ...(body.expiresAt ? { expiresAt: new Date(body.expiresAt).toISOString() } : {}),
      };
      const updated = await deps.store.updateServiceUser(
        serviceUserId,
        patch,
        auditInput(request, 'service_user.updated', {
          orgId,
          targetId: serviceUserId,
          details: { ...patch },
        }),
      );
      if (updated === 'name-taken') throw conflict('body.name: is taken');
      if (!updated) throw notFound('Service user');
      return updated;
    },
  );
}
