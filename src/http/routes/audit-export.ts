import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { type ExportScope, exportLines } from '../../audit-export.js';
import type { Deps } from '../../deps.js';
import type { AuditFilter } from '../../store/types.js';
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
          'A start line, one entry per line in chain order, and an end line, so that `keyward audit verify` ' +
          "can check the export on its own: one organization's entries follow that organization's own " +
          'chain; a time range is a run of the chain with no entry left out; the start line gives the hash ' +
          'the first entry links to, and the end line the count and the last hash (docs/cli.md, ' +
          '`keyward audit`).',
        querystring: Type.Object(AuditQuery, Closed),
        produces: ['application/jsonl'],
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const filter = await auditFilter(deps, request, request.query);
      const lines = exportLines(deps.store.exportAudit(filter), scopeOf(filter), new Date().toISOString());
      reply.type('application/jsonl; charset=utf-8');
      return reply.send(Readable.from(lines));
    },
  );
}

/** One organization's export follows its chain; a filter on what entries say leaves gaps in any chain. */
function scopeOf(filter: AuditFilter): ExportScope {
  const orgId = filter.orgIds?.length === 1 ? (filter.orgIds[0] ?? null) : null;
  return {
    chain: orgId === null ? 'log' : 'organization',
    orgId,
    linked: filter.action === null && filter.actorId === null && filter.targetId === null,
    filter: {
      orgId,
      action: filter.action,
      actorId: filter.actorId,
      targetId: filter.targetId,
      since: filter.since,
      until: filter.until,
    },
  };
}
