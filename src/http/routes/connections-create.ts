import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { App } from '../app-type.js';
import {
  ConfigValues,
  ConnectionSchema,
  CredentialValues,
  checkCredential,
  checkFailed,
  checkFields,
  connectionBody,
  gatewayResponses,
  newConnection,
  providerNamed,
  requireVault,
} from '../connections.js';
import { requireOrg } from '../guards.js';
import { auditInput } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, Name, Timestamp } from '../schemas.js';

export default function createConnection(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/connections',
    {
      schema: {
        tags: ['connections'],
        summary: 'Connect a third-party API: its credential is checked, then stored encrypted',
        description:
          "The fields are validated against the provider's catalog entry (a `hostname` is a host or host:port, never a URL), then the provider's verification request is sent with the credential. Only a credential that passes is stored; otherwise `400 CONNECTION_CHECK_FAILED` says what the provider answered (its status, never its body). The credentials are encrypted at rest and never returned.",
        params: OrgParams,
        body: Type.Object(
          {
            provider: Type.String({ minLength: 1, maxLength: 100 }),
            name: Type.Optional(Name),
            config: Type.Optional(ConfigValues),
            credentials: CredentialValues,
            expiresAt: Type.Optional(Timestamp),
          },
          Closed,
        ),
        response: { 201: ConnectionSchema, ...errorResponses, ...gatewayResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const body = request.body;
      await requireOrg(deps, request, orgId, 'connections:write');
      requireVault(deps);
      const provider = providerNamed(deps, body.provider);
      const config = body.config ?? {};
      checkFields(provider, config, body.credentials);
      if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= deps.clock()) {
        throw invalid('body.expiresAt', 'must be in the future');
      }
      const result = await checkCredential(deps, provider, { config, credentials: body.credentials });
      if (result !== null && result.check.outcome !== 'passed') {
        await deps.store.appendAudit([
          auditInput(request, 'connection.check_failed', {
            orgId,
            outcome: 'failure',
            details: { provider: provider.name, outcome: result.check.outcome, status: result.check.status },
          }),
        ]);
        throw checkFailed(result);
      }
      const draft = newConnection(deps, {
        orgId,
        provider,
        name: body.name,
        config,
        expiresAt: body.expiresAt,
        check: result,
        createdBy: request.caller.id,
      });
      const connection = await deps.vault.sealAndWrite(
        { orgId, connectionId: draft.id },
        body.credentials,
        async (sealed, masterKeyId) => {
          const stored = { ...draft, sealed, masterKeyId };
          await deps.store.createConnection(
            stored,
            auditInput(request, 'connection.created', {
              orgId,
              targetId: stored.id,
              details: { provider: provider.name, checked: result !== null },
            }),
          );
          return stored;
        },
      );
      return reply.status(201).send(connectionBody(connection, deps.clock()));
    },
  );
}
