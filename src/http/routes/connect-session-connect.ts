import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import type { App } from '../app-type.js';
import { CONNECT_TOKEN_HEADER, MAX_REFUSALS, openSession, sessionEnded } from '../connect-sessions.js';
import {
  ConfigValues,
  CredentialValues,
  checkCredential,
  checkFailed,
  checkFields,
  gatewayResponses,
  newConnection,
  providerNamed,
  requireVault,
} from '../connections.js';
import { auditInput, nowIso } from '../helpers.js';
import { Closed, errorResponses, idOf, LIMITS, Text } from '../schemas.js';

export default function connectThroughSession(app: App, deps: Deps): void {
  app.post(
    '/v1/connect/connections',
    {
      config: { public: true },
      schema: {
        tags: ['connect'],
        summary: 'Connect a provider through a connect link, once',
        description: `The Connect page's submission, with the link's token in \`${CONNECT_TOKEN_HEADER}\`. The fields are validated and the provider's verification request is sent, exactly as for \`POST /v1/organizations/{orgId}/connections\`. A credential the provider refuses answers \`400 CONNECTION_CHECK_FAILED\` and the link stays open, up to ${MAX_REFUSALS} refusals; one it accepts is stored, encrypted, and the link is used.`,
        security: [{ connectLink: [] }],
        headers: Type.Object({ [CONNECT_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 200 })) }),
        body: Type.Object(
          {
            provider: Type.String({ minLength: 1, maxLength: 100 }),
            config: Type.Optional(ConfigValues),
            credentials: CredentialValues,
          },
          Closed,
        ),
        response: {
          201: Type.Object({
            id: idOf('con'),
            provider: Text(LIMITS.word * 2),
            name: Text(LIMITS.name),
            checked: Type.Boolean(),
          }),
          ...errorResponses,
          ...gatewayResponses,
        },
      },
    },
    async (request, reply) => {
      const session = await openSession(deps, request);
      const body = request.body;
      requireVault(deps);
      if (!session.providers.includes(body.provider))
        throw invalid('body.provider', `is not one this link offers (${session.providers.join(', ')})`);
      const provider = providerNamed(deps, body.provider);
      const config = body.config ?? {};
      checkFields(provider, config, body.credentials);
      const result = await checkCredential(deps, provider, { config, credentials: body.credentials });
      const via = { via: session.id, provider: provider.name };
      if (result !== null && result.check.outcome !== 'passed') {
        await deps.store.countConnectRefusal(session.id);
        await deps.store.appendAudit([
          {
            ...auditInput(request, 'connection.check_failed', { orgId: session.orgId, outcome: 'failure' }),
            actorId: session.id,
            details: { ...via, outcome: result.check.outcome, status: result.check.status },
          },
        ]);
        throw checkFailed(result);
      }
      const draft = newConnection(deps, {
        orgId: session.orgId,
        provider,
        name: session.connectionName ?? undefined,
        config,
        expiresAt: undefined,
        check: result,
        createdBy: session.createdBy,
      });
      const made = await deps.vault.sealAndWrite(
        { orgId: session.orgId, connectionId: draft.id },
        body.credentials,
        (sealed, masterKeyId) =>
          deps.store.connectThroughSession(
            session.id,
            nowIso(deps),
            MAX_REFUSALS,
            { ...draft, sealed, masterKeyId },
            {
              ...auditInput(request, 'connection.created', { orgId: session.orgId, targetId: draft.id }),
              actorId: session.id,
              details: { ...via, checked: result !== null },
            },
          ),
      );
      if (!made) throw sessionEnded();
      return reply
        .status(201)
        .send({ id: draft.id, provider: provider.name, name: draft.name, checked: result !== null });
    },
  );
}
