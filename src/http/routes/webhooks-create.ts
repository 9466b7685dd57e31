import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { newId } from '../../keys/ids.js';
import type { App } from '../app-type.js';
import { requireOrg } from '../guards.js';
import { auditInput, nowIso } from '../helpers.js';
import { OrgParams } from '../params.js';
import { Closed, Description, errorResponses } from '../schemas.js';
import {
  EventTypes,
  newSecret,
  requireVault,
  WebhookUrl,
  WebhookWithSecret,
  webhookBody,
  webhookUrl,
} from '../webhooks.js';

export default function createWebhook(app: App, deps: Deps): void {
  app.post(
    '/v1/organizations/:orgId/webhooks',
    {
      schema: {
        tags: ['webhooks'],
        summary: "Add an endpoint for the organization's key events",
        description:
          'Each key event of the organization (of the listed `events`, or every type) is POSTed to `url`, signed with the secret in this answer, which is shown once (docs/webhooks.md). `url` is https; plain http only to an address of `KEYWARD_OUTBOUND_ALLOW`. Needs `webhooks:write` (organization admins). `503` when the server holds no master key to seal the secret.',
        params: OrgParams,
        body: Type.Object(
          {
            url: WebhookUrl,
            description: Type.Optional(Description),
            events: Type.Optional(EventTypes),
            enabled: Type.Optional(Type.Boolean({ default: true })),
          },
          Closed,
        ),
        response: { 201: WebhookWithSecret, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { orgId } = request.params;
      const body = request.body;
      await requireOrg(deps, request, orgId, 'webhooks:write');
      requireVault(deps);
      const url = webhookUrl(deps, body.url);
      const at = nowIso(deps);
      const id = newId('whk');
      const secret = newSecret();
      const hook = await deps.vault.sealAndWrite(
        { orgId, connectionId: id },
        { secret },
        async (sealed, masterKeyId) => {
          const stored = {
            id,
            orgId,
            url,
            description: body.description ?? null,
            events: body.events ?? null,
            enabled: body.enabled ?? true,
            sealed,
            masterKeyId,
            createdBy: request.caller.id,
            madeByKey: request.caller.key?.key.id ?? null,
            createdAt: at,
            updatedAt: at,
          };
          await deps.store.createWebhook(
            stored,
            auditInput(request, 'webhook.created', {
              orgId,
              targetId: id,
              details: { host: new URL(url).host, events: stored.events },
            }),
          );
          return stored;
        },
      );
      return reply.status(201).send({ ...webhookBody(hook), secret });
    },
  );
}
