import { Type } from 'typebox';
import { hashPassword } from '../../auth/passwords.js';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import type { App } from '../app.js';
import { auditInput } from '../helpers.js';
import { ClosedPatch, errorResponses, UserSchema } from '../schemas.js';
import { Password } from './users-create.js';
import { UserParams, visibleUser } from './users-get.js';

export default function updateUser(app: App, deps: Deps): void {
  app.patch(
    '/v1/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable or re-enable a user, or change a password',
        description:
          'Cluster admins may change any user. Users may change their own password, signed in with a token: an API key cannot, so that a leaked key cannot take over its owner. Keys keep working after a password change.',
        params: UserParams,
        body: Type.Object(
          { disabled: Type.Optional(Type.Boolean()), password: Type.Optional(Password) },
          ClosedPatch,
        ),
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = request.caller;
      const { userId } = request.params;
      const { disabled, password } = request.body;
      await visibleUser(deps, request, userId);
      if (!caller.clusterAdmin && (disabled !== undefined || caller.key !== null)) {
        throw forbidden('Only cluster admins disable users; users change their own password with a token');
      }
      const user = await deps.store.updateUser(
        userId,
        {
          ...(disabled === undefined ? {} : { disabled }),
          ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }),
        },
        auditInput(
          request,
          disabled === undefined ? 'user.password_changed' : disabled ? 'user.disabled' : 'user.enabled',
          {
            targetId: userId,
          },
        ),
      );
      if (!user) throw notFound('User');
      if (disabled !== undefined) deps.invalidate.owner(userId);
      return user;
    },
  );
}
