import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { ConsoleSessionSchema, SignInBody, sessionBody, setSessionCookie } from '../console-session.js';
import { auditInput } from '../helpers.js';
import { errorResponses } from '../schemas.js';
import { checkPassword } from '../sign-in.js';

export default function consoleSessionCreate(app: App, deps: Deps): void {
  app.post(
    '/v1/console/session',
    {
      config: { public: true },
      schema: {
        tags: ['console'],
        summary: 'Sign in to the web console',
        description:
          "Checks the username and password as `POST /v1/auth/token` does, throttled and audited alike, and opens a session held in the `keyward_session` cookie: HttpOnly, SameSite=Strict, Path=/, and Secure when the request came over TLS. No token is returned to the page. The answer's `csrfToken` must be sent in `x-keyward-csrf` with every state-changing request made with the cookie.",
        security: [],
        body: SignInBody,
        response: { 200: ConsoleSessionSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = await checkPassword(deps, request, request.body.username, request.body.password);
      const now = deps.clock();
      const { token, session } = await deps.sessions.open(user.id, now);
      await deps.store.appendAudit([
        { ...auditInput(request, 'console.signin'), actorId: user.id, targetId: user.id },
      ]);
      setSessionCookie(request, reply, token, session.expiresAt, now);
      return sessionBody(deps, session, user);
    },
  );
}
