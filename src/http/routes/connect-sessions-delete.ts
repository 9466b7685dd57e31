import { orgAccess } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { forbidden, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { ConnectSessionParams } from '../connect-sessions.js';
import { auditInput } from '../helpers.js';
import { errorResponses, Success } from '../schemas.js';

export default function deleteConnectSession(app: App, deps: Deps): void {
  app.delete(
    '/v1/connect-sessions/:sessionId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Delete a connect link: it stops working at once',
        description:
          'A connection already made through it stays. Needs `connections:write` in its organization.',
        params: ConnectSessionParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const session = await deps.store.findConnectSession(request.params.sessionId);
      const access = session ? await orgAccess(deps.store, request.caller, session.orgId) : null;
      if (!session || !access) throw notFound('Connect session');
      if (!access.can('connections:write'))
        throw forbidden('The caller lacks connections:write in this organization');
      const deleted = await deps.store.deleteConnectSession(
        session.id,
        auditInput(request, 'connect_session.deleted', { orgId: session.orgId, targetId: session.id }),
      );
      if (!deleted) throw notFound('Connect session');
      return { success: true as const };
    },
  );
}
