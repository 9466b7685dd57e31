import type { Deps } from '../../deps.js';
import { invalid, notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import {
  ConnectionSchema,
  checkCredential,
  connectionBody,
  openCredentials,
  providerNamed,
  requireConnection,
} from '../connections.js';
import { auditInput, nowIso } from '../helpers.js';
import { ConnectionParams } from '../params.js';
import { errorResponses } from '../schemas.js';

export default function checkConnection(app: App, deps: Deps): void {
  app.post(
    '/v1/connections/:connectionId/check',
    {
      schema: {
        tags: ['connections'],
        summary: "Check a connection's credential with its provider again",
        description:
          "Sends the provider's verification request and records the outcome in `lastCheck`. The answer is `200` whatever the provider said: `lastCheck.ok` tells whether the credential still works, and `lastCheck.status` what the provider answered.",
        params: ConnectionParams,
        response: { 200: ConnectionSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { connection } = await requireConnection(
        deps,
        request,
        request.params.connectionId,
        'connections:write',
      );
      const provider = providerNamed(deps, connection.provider, 'provider');
      const credentials = openCredentials(deps, request, connection);
      const result = await checkCredential(deps, provider, { config: connection.config, credentials });
      if (result === null) {
        throw invalid('provider', `${provider.displayName} has no verification request to check with`);
      }
      const passed = result.check.outcome === 'passed';
      const updated = await deps.store.updateConnection(
        connection.id,
        { lastCheck: result.check },
        nowIso(deps),
        auditInput(request, 'connection.checked', {
          orgId: connection.orgId,
          targetId: connection.id,
          outcome: passed ? 'success' : 'failure',
          details: { outcome: result.check.outcome, status: result.check.status },
        }),
      );
      if (!updated) throw notFound('Connection');
      return connectionBody(updated, deps.clock());
    },
  );
}
