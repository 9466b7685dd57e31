import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { expiredSessionCookie, requireSession } from '../console-session.js';
import { auditInput } from '../helpers.js';
import { errorResponses, Success } from '../schemas.js';

export default function consoleSessionDelete(app: App, deps: Deps): void {
  app.delete(
    '/v1/console/session',
    {
      schema: {
        tags: ['console'],
        summary: 'Sign out of the web console',
        description:
          "Ends the session of the `keyward_session` cookie on the server and tells the browser to forget the cookie. Needs the session's `x-keyward-csrf`, as every state-changing request with the cookie does. Answers `401` to any other credential, which has no session.",
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request, reply) => {
      const session = requireSession(request);
      await deps.sessions.close(session, deps.clock());
      await deps.store.appendAudit([{ ...auditInput(request, 'console.signout'), targetId: session.userId }]);
      reply.header('set-cookie', expiredSessionCookie(request));
      return { success: true as const };
    },
  );
}
