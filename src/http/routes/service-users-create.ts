import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, invalid } from '../../errors.js';
import { newId } from '../../keys/ids.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { grantPrincipal } from '../key-issuance.js';
import { OrgParams } from '../params.js';
import {
  Closed,
  Description,
  errorResponses,
  Name,
  RoleSchema,
  ServiceUserSchema,
  Timestamp,
} from '../schemas.js';

export default function createServiceUser(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/service-users',
    {
      schema: {
        tags: ['service users'],
        summary: 'Create a service user: a non-person principal that authenticates only with API keys',
        description:
          'The caller must hold everything the role gives, until the service user expires: a key that expires can create only a service user that expires no later. A name is unique in its organization, whatever its case: another service user of that name answers `409 CONFLICT`.',
        params: OrgParams,
        body: Type.Object(
          {
            name: Name,
            description: Type.Optional(Description),
            role: RoleSchema,
            expiresAt: Type.Optional(Timestamp),
          },
          Closed,
        ),
        response: { 201: ServiceUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const body = request.body;
      const { access } = await requireOrg(deps, request, orgId, 'serviceusers:write');
      if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= deps.clock()) {
        throw invalid('body.expiresAt', 'must be in the future');
      }
      const endsAtMs = body.expiresAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(body.expiresAt);
      await grantPrincipal(deps, request, access, body.role, endsAtMs);
      const at = nowIso(deps);
      const serviceUser = {
        id: newId('svc'),
        orgId,
        name: body.name,
        description: body.description ?? null,
        role: body.role,
        expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : null,
        createdAt: at,
        updatedAt: at,
      };
      const created = await deps.store.createServiceUser(
        serviceUser,
        auditInput(request, 'service_user.created', {
          orgId,
          targetId: serviceUser.id,
          details: { role: body.role },
        }),
      );
      if (!created) throw conflict('body.name: is taken');
      return reply.status(201).send(serviceUser);
    },
  );
}
