import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import type { User } from '../../store/types.js';
import type { App } from '../app.js';
import { errorResponses, idOf, UserSchema } from '../schemas.js';

export const UserParams = Type.Object({ userId: idOf('usr') });

/**
 * A user the caller may see: cluster admins see everyone, others only themselves. A scoped key was made
 * for narrower work than its owner's account, so it does not reach the account.
 */
export async function visibleUser(deps: Deps, request: FastifyRequest, userId: string): Promise<User> {
  const caller = request.caller;
  const user = caller.clusterAdmin || caller.id === userId ? await deps.store.findUser(userId) : null;
  if (!user) throw notFound('User');
  if (!caller.clusterAdmin && caller.key && caller.key.key.scopes !== null) {
    throw forbidden("A scoped API key cannot act on its owner's account");
  }
  return user;
}

export default function getUser(app: App, deps: Deps): void {
  app.get(
    '/v1/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Get a user (cluster admins, or the user themselves)',
        params: UserParams,
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => visibleUser(deps, request, request.params.userId),
  );
}
