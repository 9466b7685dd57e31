import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { auditInput, throttled } from '../helpers.js';
import { RefreshBody } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function authLogout(app: App, deps: Deps): void {
  app.post(
    '/v1/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'End the session a refresh token belongs to',
        description:
          'Safe to repeat, and safe with an unknown token, which answers the same. An unknown token counts against the address as a failed sign-in does, so that guessing tokens to end other sessions is throttled.',
        security: [],
        body: RefreshBody,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const retryAfter = deps.throttle.attempt(request.ip, deps.clock());
      if (retryAfter > 0)
        throw throttled(
          deps,
          request,
          deps.throttle,
          retryAfter,
          'Too many failed attempts from this address',
        );
      const userId = await deps.tokens.revoke(request.body.refreshToken, deps.clock());
      if (userId) {
        deps.throttle.refund(request.ip);
        await deps.store.appendAudit([
          { ...auditInput(request, 'auth.logout'), actorId: userId, targetId: userId },
        ]);
      } else {
        deps.failures.record(
          auditInput(request, 'auth.failed', { outcome: 'failure', details: { reason: 'LOGOUT_TOKEN' } }),
        );
      }
      return { success: true as const };
    },
  );
}
