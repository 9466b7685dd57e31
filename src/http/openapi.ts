import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';

/** The OpenAPI 3.1 document's frame; the paths come from the routes' own schemas. */
export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Keyward',
      version: '0.1.0',
      description:
        'Self-hosted API key service. Every error answers `{success:false, error:{code, message, requestId}}`; see docs/errors.md.',
    },
    components: {
      securitySchemes: {
        keyHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description: '`Authorization: Key <api-key>` (Sensu style)',
        },
        apiKeyHeader: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        bearer: { type: 'http', scheme: 'bearer', description: 'An access token, or an API key' },
        basic: {
          type: 'http',
          scheme: 'basic',
          description: 'Username and password, only on POST /v1/auth/token',
        },
        consoleSession: {
          type: 'apiKey',
          in: 'cookie',
          name: 'keyward_session',
          description:
            "The web console's session, from POST /v1/console/session; state-changing requests with it also send `x-keyward-csrf`",
        },
        metrics: {
          type: 'http',
          scheme: 'bearer',
          description: 'KEYWARD_METRICS_TOKEN, on GET /metrics when the server is started with one',
        },
      },
    },
    security: [{ keyHeader: [] }, { apiKeyHeader: [] }, { bearer: [] }, { consoleSession: [] }],
  },
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
};
