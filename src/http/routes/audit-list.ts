import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { auditFilter } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { AuditQuery } from '../params.js';
import { AuditEntrySchema, Closed, errorResponses, listOf, PageQuery } from '../schemas.js';

export default function listAudit(app: App, deps: Deps): void {
  app.get(
    '/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Read the audit log, newest first',
        description: 'Each entry carries the hash of the one before it, so that tampering shows.',
        querystring: Type.Object({ ...PageQuery, ...AuditQuery }, Closed),
        response: { 200: listOf(AuditEntrySchema), ...errorResponses },
      },
    },
    async (request) => {
      const filter = await auditFilter(deps, request, request.query);
      const result = await deps.store.listAudit(filter, pageFrom(request.query, 'seq'));
      return { items: result.items, nextCursor: encodeCursor(result.next) };
    },
  );
}
