import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { auditInput, nowIso } from '../helpers.js';
import { ClosedPatch, Description, errorResponses } from '../schemas.js';
import {
  EventTypes,
  requireWebhook,
  WebhookParams,
  WebhookSchema,
  WebhookUrl,
  webhookBody,
  webhookUrl,
} from '../webhooks.js';

export default function updateWebhook(app: App, deps: Deps): void {
  app.patch(
    '/v1/webhooks/:webhookId',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Change a webhook's endpoint, description, events, or whether it is enabled",
        description:
          'A disabled webhook is sent nothing, and no delivery is queued for it; deliveries queued before wait until it is enabled again. `events: null` asks for every type. Needs `webhooks:write`.',
        params: WebhookParams,
        body: Type.Object(
          {
            url: Type.Optional(WebhookUrl),
            description: Type.Optional(Type.Union([Description, Type.Null()])),
            events: Type.Optional(Type.Union([EventTypes, Type.Null()])),
            enabled: Type.Optional(Type.Boolean()),
          },
          ClosedPatch,
        ),
        response: { 200: WebhookSchema, ...errorResponses },
      },
    },
    async (request) => {
      const hook = await requireWebhook(deps, request, request.params.webhookId, 'webhooks:write');
      const body = request.body;
      const url = body.url === undefined ? undefined : webhookUrl(deps, body.url);
      const updated = await deps.store.updateWebhook(
        hook.id,
        {
          ...(url === undefined ? {} : { url }),
          ...(body.description === undefined ? {} : { description: body.description }),
          ...(body.events === undefined ? {} : { events: body.events }),
          ...(body.enabled === undefined ? {} : { enabled: body.enabled }),
        },
        nowIso(deps),
        auditInput(request, 'webhook.updated', {
          orgId: hook.orgId,
          targetId: hook.id,
          details: {
            fields: Object.keys(body).sort(),
            ...(url === undefined ? {} : { host: new URL(url).host }),
          },
        }),
      );
      if (!updated) throw notFound('Webhook');
      return webhookBody(updated);
    },
  );
}
