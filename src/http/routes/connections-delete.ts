import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { requireConnection } from '../connections.js';
import { auditInput } from '../helpers.js';
import { ConnectionParams } from '../params.js';
import { errorResponses, Success } from '../schemas.js';

export default function deleteConnection(app: App, deps: Deps): void {
  app.delete(
    '/v1/connections/:connectionId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Delete a connection and its encrypted credentials',
        params: ConnectionParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const { connection } = await requireConnection(
        deps,
        request,
        request.params.connectionId,
        'connections:write',
      );
      const deleted = await deps.store.deleteConnection(
        connection.id,
        auditInput(request, 'connection.deleted', {
          orgId: connection.orgId,
          targetId: connection.id,
          details: { provider: connection.provider },
        }),
      );
      if (!deleted) throw notFound('Connection');
      return { success: true as const };
    },
  );
}
