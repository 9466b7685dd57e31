import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import { newId } from '../../keys/ids.js';
import type { App } from '../app-type.js';
import { auditInput, nowIso } from '../helpers.js';
import { Closed, errorResponses, KeyPrefix, Name, OrganizationSchema } from '../schemas.js';

export default function createOrganization(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations',
    {
      schema: {
        tags: ['organizations'],
        summary: 'Create an organization; its creator becomes its admin',
        body: Type.Object(
          {
            name: Name,
            keyPrefix: Type.Optional({ ...KeyPrefix, description: 'Prefix of its keys; default `kw`' }),
          },
          Closed,
        ),
        response: { 201: OrganizationSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const caller = request.caller;
      if (caller.kind !== 'user' || caller.key) {
        if (!caller.clusterAdmin) {
          throw new KeywardError(
            'FORBIDDEN',
            'Only users signed in with a token, or cluster admins, create organizations',
          );
        }
      }
      const at = nowIso(deps);
      const org = {
        id: newId('org'),
        name: request.body.name,
        keyPrefix: request.body.keyPrefix ?? 'kw',
        createdAt: at,
        updatedAt: at,
      };
      await deps.store.createOrganization(
        org,
        caller.kind === 'user' ? caller.id : null,
        auditInput(request, 'organization.created', {
          orgId: org.id,
          targetId: org.id,
          details: { name: org.name },
        }),
      );
      return reply.status(201).send(org);
    },
  );
}
