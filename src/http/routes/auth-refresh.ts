import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import type { App } from '../app-type.js';
import { auditInput, throttled } from '../helpers.js';
import { RefreshBody } from '../params.js';
import { errorResponses, TokenPairSchema } from '../schemas.js';

export default function authRefresh(app: App, deps: Deps): void {
  app.post(
    '/v1/auth/refresh',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Trade a refresh token for a new token pair',
        description:
          'Each refresh token works once. Presenting a spent one revokes its whole session. Failures count against the address, as failed sign-ins do.',
        security: [],
        body: RefreshBody,
        response: { 200: TokenPairSchema, ...errorResponses },
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
      const result = await deps.tokens.refresh(request.body.refreshToken, deps.clock());
      const user = result ? await deps.store.findUser(result.userId) : null;
      if (!result || !user || user.disabled) {
        deps.failures.record(
          auditInput(request, 'auth.failed', {
            outcome: 'failure',
            targetId: result?.userId ?? null,
            details: { reason: 'REFRESH_TOKEN' },
          }),
        );
        throw new KeywardError('UNAUTHORIZED', 'The refresh token is not valid');
      }
      deps.throttle.refund(request.ip);
      return result.pair;
    },
  );
}
