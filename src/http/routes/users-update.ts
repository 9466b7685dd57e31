import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import { principalAuthority } from '../../keys/authority.js';
import type { User } from '../../store/types.js';
import type { App } from '../app-type.js';
import { visibleUser } from '../guards.js';
import { auditInput, throttled } from '../helpers.js';
import { CLUSTER_FIELDS, grant, makerOf } from '../key-issuance.js';
import { Password, UserParams } from '../params.js';
import { ClosedPatch, errorResponses, UserSchema } from '../schemas.js';

export default function updateUser(app: App, deps: Deps): void {
  app.patch(
    '/v1/users/:userId',
    {
      schema: {
        tags: ['users'],
        summary: 'Disable or re-enable a user, or change a password',
        description:
          "Cluster admins may disable, enable and reset the password of any other user; a reset ends that user's sessions. Users change their own password signed in with a token, and must give `currentPassword`: an API key cannot, so that a leaked key or a stolen access token cannot take over its owner. Keys keep working after a password change. A cluster admin cannot disable themselves.",
        params: UserParams,
        body: Type.Object(
          {
            disabled: Type.Optional(Type.Boolean()),
            password: Type.Optional(Password),
            currentPassword: Type.Optional(
              Type.String({
                minLength: 1,
                maxLength: 1024,
                description: 'Needed to change one’s own password',
              }),
            ),
          },
          ClosedPatch,
        ),
        response: { 200: UserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const caller = request.caller;
      const { userId } = request.params;
      const { disabled, password, currentPassword } = request.body;
      const user = await visibleUser(deps, request, userId);
      const self = caller.id === userId;
      if (!caller.clusterAdmin && (disabled !== undefined || caller.key !== null)) {
        throw forbidden('Only cluster admins disable users; users change their own password with a token');
      }
      if (self && disabled === true) throw conflict('A cluster admin cannot disable themselves');
      if (currentPassword !== undefined && (!self || password === undefined))
        throw invalid('body.currentPassword', 'is only for changing one’s own password');
      if (self && password !== undefined) await checkCurrentPassword(deps, request, user, currentPassword);
      else if (disabled === false || password !== undefined) {
        // Enabling a user, or choosing their password, hands over what they hold: all of it, for good.
        const maker = await makerOf(deps, caller, { role: 'cluster' });
        grant(
          maker,
          principalAuthority('admin', Number.POSITIVE_INFINITY, user.clusterAdmin),
          CLUSTER_FIELDS,
        );
      }
      const updated = await deps.store.updateUser(
        userId,
        {
          ...(disabled === undefined ? {} : { disabled }),
          ...(password === undefined ? {} : { passwordHash: await deps.passwords.hash(password) }),
        },
        auditInput(
          request,
          disabled === undefined ? 'user.password_changed' : disabled ? 'user.disabled' : 'user.enabled',
          { targetId: userId, details: password !== undefined && !self ? { reset: true } : null },
        ),
      );
      if (!updated) throw notFound('User');
      return updated;
    },
  );
}

/**
 * One's own password changes only with the current one: an access token alone must not become the
 * account. A wrong one counts as a failed sign-in, before anything is awaited.
 */
async function checkCurrentPassword(
  deps: Deps,
  request: FastifyRequest,
  user: User,
  currentPassword: string | undefined,
): Promise<void> {
  if (currentPassword === undefined)
    throw invalid('body.currentPassword', 'is required to change your own password');
  const retryAfter = deps.signInThrottle.attempt(request.ip, deps.clock());
  if (retryAfter > 0)
    throw throttled(
      deps,
      request,
      deps.signInThrottle,
      retryAfter,
      'Too many failed sign-ins from this address',
    );
  const stored = await deps.store.findUserCredentials(user.username);
  if (await deps.passwords.verify(currentPassword, stored?.passwordHash ?? null)) {
    deps.signInThrottle.refund(request.ip);
    return;
  }
  deps.failures.record(
    auditInput(request, 'auth.failed', {
      outcome: 'failure',
      targetId: user.id,
      details: { reason: 'BAD_PASSWORD' },
    }),
  );
  throw forbidden('body.currentPassword: is not the current password');
}
