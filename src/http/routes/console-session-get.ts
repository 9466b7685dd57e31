import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import type { App } from '../app-type.js';
import { ConsoleSessionSchema, requireSession, sessionBody } from '../console-session.js';
import { errorResponses } from '../schemas.js';

export default function consoleSessionGet(app: App, deps: Deps): void {
  app.get(
    '/v1/console/session',
    {
      schema: {
        tags: ['console'],
        summary: 'The console session of this browser',
        description:
          'Who the `keyward_session` cookie signs in, and the CSRF token of its session, for a page that has just loaded. Answers `401` to any other credential, which has no session.',
        response: { 200: ConsoleSessionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const session = requireSession(request);
      const user = await deps.store.findUser(session.userId);
      // Authentication found the user a moment ago; one deleted since has no session either.
      if (!user) throw new KeywardError('UNAUTHORIZED', 'The console session has ended: sign in again');
      return sessionBody(deps, session, user);
    },
  );
}
