import { Type } from 'typebox';
import { describeProvider } from '../../connections/index.js';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { CONNECT_TOKEN_HEADER, openSession } from '../connect-sessions.js';
import { ProviderSchema } from '../connections.js';
import { errorResponses, LIMITS, Text, Timestamp } from '../schemas.js';

export default function getConnectSession(app: App, deps: Deps): void {
  app.get(
    '/v1/connect/session',
    {
      config: { public: true },
      schema: {
        tags: ['connect'],
        summary: 'What a connect link offers: the form for each of its providers',
        description: `For the Connect page, with the link's token in \`${CONNECT_TOKEN_HEADER}\` and no other credential: the organization's name, and each provider's fields in form order. An unknown token is \`401\` and counts as a failed authentication of the address; a used or expired one is \`410 CONNECT_SESSION_ENDED\`.`,
        security: [{ connectLink: [] }],
        headers: Type.Object({ [CONNECT_TOKEN_HEADER]: Type.Optional(Type.String({ maxLength: 200 })) }),
        response: {
          200: Type.Object({
            organization: Type.Object({ name: Text(LIMITS.name) }),
            providers: Type.Array(ProviderSchema, { maxItems: LIMITS.linkProviders }),
            connectionName: Type.Union([Text(LIMITS.name), Type.Null()]),
            expiresAt: Timestamp,
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const session = await openSession(deps, request);
      const org = await deps.store.findOrganization(session.orgId);
      return {
        organization: { name: org?.name ?? '' },
        providers: session.providers.flatMap((name) => {
          const provider = deps.catalog.get(name);
          return provider ? [describeProvider(provider)] : [];
        }),
        connectionName: session.connectionName,
        expiresAt: session.expiresAt,
      };
    },
  );
}
