import { Readable } from 'node:stream';
import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { auditFilter } from '../guards.js';
import { AuditQuery } from '../params.js';
import { Closed, errorResponses } from '../schemas.js';

export default function exportAudit(app: App, deps: Deps): void {
  app.get(
    '/v1/audit/export',
    {
      schema: {
        tags: ['audit'],
        summary: 'Export the audit log as JSON Lines, oldest first',
        description:
          'One entry per line, in chain order, so that `keyward audit verify` can check every link.',
        querystring: Type.Object(AuditQuery, Closed),
        produces: ['application/jsonl'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const filter = await auditFilter(deps, request, request.query);
      const lines = async function* () {
        for await (const entry of deps.store.exportAudit(filter)) yield `${JSON.stringify(entry)}\n`;
      };
      reply.type('application/jsonl; charset=utf-8');
      return reply.send(Readable.from(lines()));
    },
  );
}
