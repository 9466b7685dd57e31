import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { auditInput, nowIso } from '../helpers.js';
import { errorResponses } from '../schemas.js';
import {
  newSecret,
  requireVault,
  requireWebhook,
  WebhookParams,
  WebhookWithSecret,
  webhookBody,
} from '../webhooks.js';

export default function rotateWebhookSecret(app: App, deps: Deps): void {
  app.post(
    '/v1/webhooks/:webhookId/rotate-secret',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Replace a webhook's signing secret",
        description:
          'The new secret is in this answer, shown once, and signs every attempt from now on, retries of earlier deliveries included: the old one stops at once. Needs `webhooks:write`.',
        params: WebhookParams,
        response: { 200: WebhookWithSecret, ...errorResponses },
      },
    },
    async (request) => {
      const hook = await requireWebhook(deps, request, request.params.webhookId, 'webhooks:write');
      requireVault(deps);
      const secret = newSecret();
      const updated = await deps.vault.sealAndWrite(
        { orgId: hook.orgId, connectionId: hook.id },
        { secret },
        (sealed, masterKeyId) =>
          deps.store.updateWebhook(
            hook.id,
            { sealed, masterKeyId },
            nowIso(deps),
            auditInput(request, 'webhook.secret_rotated', { orgId: hook.orgId, targetId: hook.id }),
          ),
      );
      if (!updated) throw notFound('Webhook');
      return { ...webhookBody(updated), secret };
    },
  );
}
