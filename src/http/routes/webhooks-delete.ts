import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { auditInput } from '../helpers.js';
import { errorResponses, Success } from '../schemas.js';
import { requireWebhook, WebhookParams } from '../webhooks.js';

export default function deleteWebhook(app: App, deps: Deps): void {
  app.delete(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        summary: 'Delete a webhook, its secret and its deliveries',
        description: 'Deliveries not yet sent are dropped. Needs `webhooks:write`.',
        params: WebhookParams,
        response: { 200: Success, ...errorResponses },
      },
    },
    async (request) => {
      const hook = await requireWebhook(deps, request, request.params.webhookId, 'webhooks:write');
      const deleted = await deps.store.deleteWebhook(
        hook.id,
        auditInput(request, 'webhook.deleted', {
          orgId: hook.orgId,
          targetId: hook.id,
          details: { host: new URL(hook.url).host },
        }),
      );
      if (!deleted) throw notFound('Webhook');
      return { success: true as const };
    },
  );
}
