import { createHash, timingSafeEqual } from 'node:crypto';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { KeywardError } from '../../errors.js';
import type { App } from '../app-type.js';
import { LIMITS, Text } from '../schemas.js';

/** Compares a presented header with the expected one in constant time, whatever their lengths. */
function sameSecret(presented: string | undefined, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return presented !== undefined && timingSafeEqual(digest(presented), digest(expected));
}

/** Health, readiness, metrics and the OpenAPI document: public, and cheap enough to poll. */
export default function ops(app: App, deps: Deps): void {
  const Status = Type.Object({ status: Text(LIMITS.word) });
  app.get(
    '/healthz',
    {
      config: { public: true },
      schema: { tags: ['operations'], summary: 'Liveness', security: [], response: { 200: Status } },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/readyz',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Readiness: the store answers',
        security: [],
        response: { 200: Status, 503: Type.Ref('Error') },
      },
    },
    async (request, reply) => {
      if (await deps.store.ping()) return { status: 'ready' };
      return reply.status(503).send({
        success: false,
        error: { code: 'UNAVAILABLE', message: 'The store does not answer', requestId: request.id },
      } as never);
    },
  );
  const metricsToken = deps.config.metricsToken;
  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: {
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description:
          'Public unless the server is started with `KEYWARD_METRICS_TOKEN`: then only `Authorization: Bearer <that token>` reads it.',
        security: metricsToken ? [{ metrics: [] }] : [],
        produces: ['text/plain'],
      },
    },
    async (request, reply) => {
      if (metricsToken && !sameSecret(request.headers.authorization, `Bearer ${metricsToken}`)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        throw new KeywardError('UNAUTHORIZED', 'authorization: /metrics needs the metrics bearer token');
      }
      reply.type(deps.metrics.registry.contentType);
      return deps.metrics.registry.metrics();
    },
  );
  app.get(
    '/openapi.json',
    {
      config: { public: true },
      schema: { tags: ['operations'], summary: 'This OpenAPI 3.1 document', security: [], hide: true },
    },
    async () => app.swagger(),
  );
}
