import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { ConnectionSchema, connectionBody, requireConnection } from '../connections.js';
import { ConnectionParams } from '../params.js';
import { errorResponses } from '../schemas.js';

export default function getConnection(app: App, deps: Deps): void {
  app.get(
    '/v1/connections/:connectionId',
    {
      schema: {
        tags: ['connections'],
        summary: 'Get a connection, without its credentials',
        params: ConnectionParams,
        response: { 200: ConnectionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { connection } = await requireConnection(
        deps,
        request,
        request.params.connectionId,
        'connections:read',
      );
      return connectionBody(connection, deps.clock());
    },
  );
}
