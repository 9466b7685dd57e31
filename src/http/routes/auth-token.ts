import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import type { App } from '../app-type.js';
import { assertSingleCredential } from '../authenticate.js';
import { auditInput } from '../helpers.js';
import { errorResponses, TokenPairSchema } from '../schemas.js';
import { checkPassword } from '../sign-in.js';

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
      const user = await checkPassword(deps, request, basic.username, basic.password);
      const pair = await deps.tokens.issue(user.id);
      await deps.store.appendAudit([
        { ...auditInput(request, 'auth.token'), actorId: user.id, targetId: user.id },
      ]);
      return pair;
    },
  );
}
