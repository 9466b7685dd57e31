import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { invalid } from '../../errors.js';
import { digestKey } from '../../keys/hash.js';
import { newId } from '../../keys/ids.js';
import type { App } from '../app-type.js';
import {
  ConnectSessionSchema,
  DEFAULT_TTL_S,
  MAX_TTL_S,
  newConnectToken,
  sessionBody,
} from '../connect-sessions.js';
import { requireVault } from '../connections.js';
import { requireOrg } from '../guards.js';
import { auditInput } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, Int32, LIMITS, Name, Text } from '../schemas.js';

const ProviderName = Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,99}$', maxLength: 100 });

export default function createConnectSession(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/connect-sessions',
    {
      schema: {
        tags: ['connections'],
        summary: 'Make a link with which someone without an account connects a provider, once',
        description:
          'Answers the session with its `token`, shown this once: hand it to whoever is to connect, who sends it in `x-connect-token` to the `/v1/connect` routes. Whoever holds it may connect one of `providers` to this organization, once, before `expiresIn` seconds (30 minutes unless said, at most 7 days) have passed, and nothing else. The provider checks the credential first; after 5 refused credentials the link ends. It also ends when its maker no longer holds `connections:write` here. Needs `connections:write`.',
        params: OrgParams,
        body: Type.Object(
          {
            providers: Type.Array(ProviderName, {
              minItems: 1,
              maxItems: LIMITS.linkProviders,
              uniqueItems: true,
            }),
            connectionName: Type.Optional(Name),
            expiresIn: Type.Optional(Int32({ minimum: 60, maximum: MAX_TTL_S })),
          },
          Closed,
        ),
        response: {
          201: Type.Intersect([ConnectSessionSchema, Type.Object({ token: Text(LIMITS.token) })]),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const body = request.body;
      await requireOrg(deps, request, orgId, 'connections:write');
      requireVault(deps);
      for (const [i, name] of body.providers.entries()) {
        if (!deps.catalog.get(name))
          throw invalid(
            `body.providers.${i}`,
            'is not a provider Keyward knows (GET /v1/providers lists them)',
          );
      }
      const token = newConnectToken();
      const now = deps.clock();
      const session = {
        id: newId('cns'),
        orgId,
        tokenHash: digestKey(token),
        providers: body.providers,
        connectionName: body.connectionName ?? null,
        createdBy: request.caller.id,
        madeByKey: request.caller.key?.key.id ?? null,
        createdAt: new Date(now).toISOString(),
        expiresAt: new Date(now + (body.expiresIn ?? DEFAULT_TTL_S) * 1000).toISOString(),
        usedAt: null,
        connectionId: null,
        refusals: 0,
      };
      await deps.store.createConnectSession(
        session,
        auditInput(request, 'connect_session.created', {
          orgId,
          targetId: session.id,
          details: { providers: session.providers, expiresAt: session.expiresAt },
        }),
      );
      return reply.status(201).send({ ...sessionBody(session, now), token });
    },
  );
}
