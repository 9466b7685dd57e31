import type { Deps } from '../../deps.js';
import type { App } from '../app.js';
import { auditInput } from '../helpers.js';
import { errorResponses, Success } from '../schemas.js';
import { RefreshBody } from './auth-refresh.js';

export default function authLogout(app: App, deps: Deps): void {
  app.post(
    '/v1/auth/logout',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'End the session a refresh token belongs to',
        description: 'Safe to repeat, and safe with an unknown token.',
        security: [],
        body: RefreshBody,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const userId = await deps.tokens.revoke(request.body.refreshToken, deps.clock());
      if (userId)
        await deps.store.appendAudit([
          { ...auditInput(request, 'auth.logout'), actorId: userId, targetId: userId },
        ]);
      return { success: true as const };
    },
  );
}
