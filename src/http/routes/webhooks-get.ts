import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { errorResponses } from '../schemas.js';
import { requireWebhook, WebhookParams, WebhookSchema, webhookBody } from '../webhooks.js';

export default function getWebhook(app: App, deps: Deps): void {
  app.get(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Read a webhook',
        description: 'Never its secret. Needs `webhooks:read` in its organization (organization admins).',
        params: WebhookParams,
        response: { 200: WebhookSchema, ...errorResponses },
      },
    },
    async (request) =>
      webhookBody(await requireWebhook(deps, request, request.params.webhookId, 'webhooks:read')),
  );
}
