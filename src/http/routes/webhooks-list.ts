import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, errorResponses, listOf, PageQuery } from '../schemas.js';
import { WebhookSchema, webhookBody } from '../webhooks.js';

export default function listWebhooks(app: App, deps: Deps): void {
  app.get(
    '/v1/organizations/:orgId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: "List an organization's webhooks",
        description: 'Never their secrets. Needs `webhooks:read` (organization admins).',
        params: OrgParams,
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(WebhookSchema), ...errorResponses },
      },
    },
    async (request) => {
      const { orgId } = request.params;
      await requireOrg(deps, request, orgId, 'webhooks:read');
      const result = await deps.store.listWebhooks(orgId, pageFrom(request.query));
      return { items: result.items.map(webhookBody), nextCursor: encodeCursor(result.next) };
    },
  );
}
