import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import type { App } from '../app-type.js';
import { assertSingleCredential } from '../authenticate.js';
import { auditInput, throttled } from '../helpers.js';
import { errorResponses, TokenPairSchema } from '../schemas.js';

function basicCredentials(header: string | undefined): { username: string; password: string } | null {
  if (!header?.toLowerCase().startsWith('basic ')) return null;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

export default function authToken(app: App, deps: Deps): void {
  app.post(
    '/v1/auth/token',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with HTTP Basic username and password',
        description: 'Returns a short-lived signed access token and a rotating refresh token.',
        security: [{ basic: [] }],
        response: { 200: TokenPairSchema, ...errorResponses },
      },
    },
    async (request) => {
      assertSingleCredential(request);
      const basic = basicCredentials(request.headers.authorization);
      if (!basic)
        throw new KeywardError('UNAUTHORIZED', 'authorization: send HTTP Basic username and password');
      // Counted as a failure before anything is awaited, and taken back on success: concurrent guesses
      // are throttled exactly as sequential ones are (PRODUCT.md §4a).
      const retryAfter = deps.throttle.attempt(request.ip, deps.clock());
      if (retryAfter > 0)
        throw throttled(deps, request, retryAfter, 'Too many failed sign-ins from this address');
      let user: Awaited<ReturnType<typeof deps.store.findUserCredentials>>;
      let ok: boolean;
      try {
        user = await deps.store.findUserCredentials(basic.username);
        ok = await deps.passwords.verify(basic.password, user?.passwordHash ?? null);
      } catch (error) {
        // Not checked (the store failed, or too many checks at once): not a failed guess either.
        deps.throttle.refund(request.ip);
        throw error;
      }
      if (!user || !ok || user.disabled) {
        deps.failures.record(
          auditInput(request, 'auth.failed', {
            outcome: 'failure',
            targetId: user?.id ?? null,
            details: { reason: user?.disabled ? 'USER_DISABLED' : 'BAD_PASSWORD' },
          }),
        );
        throw new KeywardError('UNAUTHORIZED', 'The username or password is wrong, or the user is disabled');
      }
      deps.throttle.refund(request.ip);
      const pair = await deps.tokens.issue(user.id);
      await deps.store.appendAudit([
        { ...auditInput(request, 'auth.token'), actorId: user.id, targetId: user.id },
      ]);
      return pair;
    },
  );
}
