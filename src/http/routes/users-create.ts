import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, forbidden } from '../../errors.js';
import { principalAuthority } from '../../keys/authority.js';
import { newId } from '../../keys/ids.js';
import type { App } from '../app-type.js';
import { auditInput, nowIso } from '../helpers.js';
import { CLUSTER_FIELDS, grant, makerOf } from '../key-issuance.js';
import { Password, Username } from '../params.js';
import { Closed, errorResponses, UserSchema } from '../schemas.js';

export default function createUser(app: App, deps: Deps): void {
  app.post(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Create a user (cluster admins only)',
        body: Type.Object(
          {
            username: Username,
            password: Password,
            clusterAdmin: Type.Optional(Type.Boolean({ default: false })),
          },
          Closed,
        ),
        response: { 201: UserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.caller.clusterAdmin) throw forbidden('Only cluster admins create users');
      const { username, password, clusterAdmin } = request.body;
      if (clusterAdmin) {
        // A cluster admin holds everything, for good: only a credential that does may make one.
        const maker = await makerOf(deps, request.caller, { role: 'cluster' });
        grant(maker, principalAuthority('admin', Number.POSITIVE_INFINITY, true), CLUSTER_FIELDS);
      }
      if (await deps.store.findUserCredentials(username)) throw conflict('body.username: is taken');
      const at = nowIso(deps);
      const user = {
        id: newId('usr'),
        username,
        clusterAdmin: clusterAdmin === true,
        disabled: false,
        createdAt: at,
        updatedAt: at,
      };
      const created = await deps.store.createUser(
        { ...user, passwordHash: await deps.passwords.hash(password) },
        auditInput(request, 'user.created', {
          targetId: user.id,
          details: { username, clusterAdmin: user.clusterAdmin },
        }),
      );
      // Taken meanwhile, by a request the check above could not see.
      if (!created) throw conflict('body.username: is taken');
      return reply.status(201).send(user);
    },
  );
}
