import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app.js';

/** Health, readiness, metrics and the OpenAPI document: public, and cheap enough to poll. */
export default function ops(app: App, deps: Deps): void {
  const Status = Type.Object({ status: Type.String() });
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
  app.get(
    '/metrics',
    {
      config: { public: true },
      schema: { tags: ['operations'], summary: 'Prometheus metrics', security: [], produces: ['text/plain'] },
    },
    async (_request, reply) => {
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
