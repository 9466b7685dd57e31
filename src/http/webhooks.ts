import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { orgAccess } from '../auth/caller.js';
import type { Deps } from '../deps.js';
import { forbidden, invalid, KeywardError, notFound } from '../errors.js';
import { checkAddress } from '../outbound/address-policy.js';
import { KEY_EVENT_TYPES } from '../store/events.js';
import type { StoredWebhook, WebhookDelivery } from '../store/queries/webhooks.js';
import { AnyId, Count, Int32, idOf, LIMITS, NullableTimestamp, Text, Timestamp } from './schemas.js';

/**
 * What the webhook routes share: the public shapes, the guard, the check of an endpoint's URL and the
 * making of a signing secret. The secret leaves the server in a create or roll answer only: no other
 * shape below has a place for it.
 */

export const WebhookParams = Type.Object({ webhookId: idOf('whk') });

export const WebhookUrl = Type.String({
  minLength: 10,
  maxLength: LIMITS.url,
  pattern: '^https?://[^\\s]+$',
  description: 'https; plain http only to an address of `KEYWARD_OUTBOUND_ALLOW`',
});

const EventType = Type.Enum(KEY_EVENT_TYPES, { description: 'A key event type (docs/webhooks.md)' });
export const EventTypes = Type.Array(EventType, {
  minItems: 1,
  maxItems: KEY_EVENT_TYPES.length,
  uniqueItems: true,
  description: 'The event types to receive; left out (or null), every type',
});

export const WebhookSchema = Type.Object({
  id: idOf('whk'),
  orgId: idOf('org'),
  url: Text(LIMITS.url),
  description: Type.Union([Text(LIMITS.description), Type.Null()]),
  events: Type.Union([EventTypes, Type.Null()]),
  enabled: Type.Boolean(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  createdBy: AnyId,
});

/** A create or roll answer: the webhook and its signing secret, shown this once. */
export const WebhookWithSecret = Type.Object({
  ...WebhookSchema.properties,
  secret: Text(64, { description: 'The signing secret (`whsec_…`): shown once, store it now' }),
});

export const DeliverySchema = Type.Object({
  id: idOf('whd'),
  eventId: Text(LIMITS.word, { description: "The event's id: its `id` in the body" }),
  eventType: EventType,
  status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Count('Attempts made so far'),
  nextAttemptAt: NullableTimestamp,
  lastStatus: Type.Union([Int32({ minimum: 100, maximum: 999 }), Type.Null()], {
    description: "The HTTP status of the last attempt's answer; null when none came",
  }),
  lastError: Type.Union([Text(LIMITS.text), Type.Null()]),
  createdAt: Timestamp,
  deliveredAt: NullableTimestamp,
});

export function webhookBody(hook: StoredWebhook) {
  return {
    id: hook.id,
    orgId: hook.orgId,
    url: hook.url,
    description: hook.description,
    events: hook.events,
    enabled: hook.enabled,
    createdAt: hook.createdAt,
    updatedAt: hook.updatedAt,
    createdBy: hook.createdBy,
  };
}

export function deliveryBody(delivery: WebhookDelivery) {
  return {
    id: delivery.id,
    eventId: String(delivery.eventSeq),
    eventType: delivery.eventType,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: delivery.nextAttemptAt,
    lastStatus: delivery.lastStatus,
    lastError: delivery.lastError,
    createdAt: delivery.createdAt,
    deliveredAt: delivery.deliveredAt,
  };
}

/** A webhook the caller may reach: `404` when they cannot see its organization, `403` without `permission`. */
export async function requireWebhook(
  deps: Deps,
  request: FastifyRequest,
  id: string,
  permission: 'webhooks:read' | 'webhooks:write',
): Promise<StoredWebhook> {
  const hook = await deps.store.findWebhook(id);
  const access = hook ? await orgAccess(deps.store, request.caller, hook.orgId) : null;
  if (!hook || !access) throw notFound('Webhook');
  if (!access.can(permission)) throw forbidden(`The caller lacks ${permission} in this organization`);
  return hook;
}

/** Webhook secrets are sealed like connections' credentials: without a master key there are none. */
export function requireVault(deps: Deps): void {
  if (!deps.vault.available) {
    throw new KeywardError(
      'UNAVAILABLE',
      'Webhooks are off on this server: it holds no master key to seal their secrets (set KEYWARD_VAULT_KEYS)',
    );
  }
}

/**
 * The endpoint as stored: https, or plain http to an address literal of the allow list (a test receiver
 * on loopback), without credentials or fragment. An address literal must be one the outbound client
 * may reach; a name is checked on every attempt, on the address it resolves to.
 */
export function webhookUrl(deps: Deps, value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid('body.url', 'must be an absolute URL');
  }
  if (url.username !== '' || url.password !== '') throw invalid('body.url', 'must not hold credentials');
  if (url.hash !== '') throw invalid('body.url', 'must not have a fragment');
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  const verdict = addressVerdict(host, deps);
  if (url.protocol === 'http:' && verdict?.allowListed) return url.href;
  if (url.protocol !== 'https:') {
    throw invalid('body.url', 'must be https (plain http only to an address of KEYWARD_OUTBOUND_ALLOW)');
  }
  if (verdict && !verdict.allowed) {
    throw invalid('body.url', `is a ${verdict.class} address, which KEYWARD_OUTBOUND_ALLOW does not list`);
  }
  return url.href;
}

function addressVerdict(host: string, deps: Deps) {
  try {
    return checkAddress(host, deps.config.outboundAllow);
  } catch {
    return null; // a name, not an address
  }
}

/** A new signing secret: 32 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
