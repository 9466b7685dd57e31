import type { FastifyDynamicSwaggerOptions } from '@fastify/swagger';
import { CONNECT_TOKEN_HEADER } from './connect-sessions.js';

/** An OpenAPI response object, as far as the document's finishing touches read and write it. */
type Responses = Record<string, { headers?: Record<string, unknown> }>;
type Paths = Record<string, Record<string, { responses?: Responses }>>;

const header = (name: string) => ({ $ref: `#/components/headers/${name}` });

/**
 * The header fields answers carry, declared on the answers that carry them and nowhere else:
 * - every `429` has `Retry-After`; the failed-authentication throttle's `429` (src/http/helpers.ts) also
 *   has the IETF `RateLimit` and `RateLimit-Policy` fields, which the connection limit's does not send;
 * - a verification of a key with a rate limit has `RateLimit` and `RateLimit-Policy` about that key's
 *   window (src/http/verify-answer.ts), whichever path answers it.
 * Other answers carry none: Keyward limits failed authentications and each key's own use, not requests.
 */
function declareRateLimitHeaders(paths: Paths): void {
  for (const operations of Object.values(paths)) {
    for (const operation of Object.values(operations)) {
      const throttled = operation.responses?.['429'];
      if (throttled) {
        throttled.headers = {
          'Retry-After': header('Retry-After'),
          RateLimit: header('RateLimit'),
          'RateLimit-Policy': header('RateLimit-Policy'),
        };
      }
    }
  }
  const verified = paths['/v1/keys/verify']?.post?.responses?.['200'];
  if (verified) {
    verified.headers = { RateLimit: header('RateLimit'), 'RateLimit-Policy': header('RateLimit-Policy') };
  }
}

/** A server entry, with the `x-internal` extension that says who it is for (here: everyone). */
type Server = {
  url: string;
  description: string;
  variables?: Record<string, { default: string; description: string }>;
  'x-internal': boolean;
};

/**
 * Keyward is self-hosted: there is no one address to name. A document fetched from a server
 * (`GET /openapi.json`) resolves `/` against that server; a copy used elsewhere (the committed
 * openapi.json) names its host in the second entry.
 */
const SERVERS: Server[] = [
  {
    url: '/',
    description: 'The Keyward server this document was fetched from, in production or local alike',
    'x-internal': false,
  },
  {
    url: 'https://{host}',
    description:
      'Your own Keyward server in production, behind the reverse proxy that terminates TLS (`keyward serve` itself listens on 127.0.0.1:7373)',
    variables: { host: { default: 'keyward.localhost', description: "Your server's host name and port" } },
    'x-internal': false,
  },
];

/** The OpenAPI 3.1 document's frame; the paths come from the routes' own schemas. */
export const openapiOptions: FastifyDynamicSwaggerOptions = {
  openapi: {
    openapi: '3.1.0',
    info: {
      title: 'Keyward',
      version: '0.1.0',
      description:
        'Self-hosted API key service. Every error answers `{success:false, error:{code, message, requestId}}`; see docs/errors.md.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: SERVERS,
    tags: [
      { name: 'auth', description: 'Tokens for users: sign in, refresh, sign out, and who the caller is' },
      { name: 'console', description: "The web console's cookie session" },
      { name: 'organizations', description: 'Organizations, each with its own key prefix' },
      { name: 'members', description: "An organization's users and their roles" },
      { name: 'users', description: 'Accounts of the cluster' },
      { name: 'service users', description: "Non-human owners of an organization's keys" },
      { name: 'api keys', description: 'Issuing, reading, changing, rotating, revoking and importing keys' },
      { name: 'verification', description: 'Checking a presented key, and reporting leaked ones' },
      { name: 'webhooks', description: 'Key events POSTed, signed, to the endpoints of an organization' },
      { name: 'connections', description: 'Third-party credentials, the provider catalogue and the proxy' },
      { name: 'connect', description: 'The Connect page: a connect link used by someone without an account' },
      { name: 'vault', description: 'The master keys that encrypt the connections' },
      { name: 'audit', description: 'The audit log, its export and its checks' },
      { name: 'operations', description: 'Health, readiness, metrics and this document' },
    ],
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
        connectLink: {
          type: 'apiKey',
          in: 'header',
          name: CONNECT_TOKEN_HEADER,
          description:
            "A connect link's token, from POST /v1/organizations/{orgId}/connect-sessions: only on the `/v1/connect` routes",
        },
        metrics: {
          type: 'http',
          scheme: 'bearer',
          description: 'KEYWARD_METRICS_TOKEN, on GET /metrics when the server is started with one',
        },
      },
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again',
          required: true,
          schema: { type: 'integer', format: 'int32', minimum: 1, maximum: 86_400 },
        },
        RateLimit: {
          description:
            'IETF RateLimit header field (draft-ietf-httpapi-ratelimit-headers): what is left of a window, `"<policy>";r=<left>;t=<seconds>`. Sent by the failed-authentication throttle, and on a verification of a key with a rate limit, about that key',
          schema: { type: 'string', maxLength: 256 },
        },
        'RateLimit-Policy': {
          description:
            'IETF RateLimit-Policy header field: the window the `RateLimit` field counts, `"<policy>";q=<quota>;w=<seconds>`',
          schema: { type: 'string', maxLength: 256 },
        },
      },
    },
    security: [{ keyHeader: [] }, { apiKeyHeader: [] }, { bearer: [] }, { consoleSession: [] }],
  },
  transformObject: (document) => {
    // Only OpenAPI 3 documents are made here, never Swagger 2's.
    const { openapiObject } = document as { openapiObject: { paths: Paths } };
    declareRateLimitHeaders(openapiObject.paths);
    return openapiObject as never;
  },
  refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
};
