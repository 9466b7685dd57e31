import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { Closed, errorResponses, listOf, PageQuery } from '../schemas.js';
import { DeliverySchema, deliveryBody, requireWebhook, WebhookParams } from '../webhooks.js';

export default function listDeliveries(app: App, deps: Deps): void {
  app.get(
    '/v1/webhooks/:webhookId/deliveries',
    {
      schema: {
        tags: ['webhooks'],
        summary: "List a webhook's deliveries, newest first",
        description:
          'One delivery per event sent to this webhook: `pending` (with the time of its next attempt), `delivered`, or `failed` once the last attempt failed; `lastStatus` and `lastError` say how the last attempt ended. Needs `webhooks:read`.',
        params: WebhookParams,
        querystring: Type.Object(PageQuery, Closed),
        response: { 200: listOf(DeliverySchema), ...errorResponses },
      },
    },
    async (request) => {
      const hook = await requireWebhook(deps, request, request.params.webhookId, 'webhooks:read');
      const result = await deps.store.listWebhookDeliveries(hook.id, pageFrom(request.query));
      return { items: result.items.map(deliveryBody), nextCursor: encodeCursor(result.next) };
    },
  );
}
