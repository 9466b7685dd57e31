/**
 * Webhooks: an organization's endpoints for key events, and the deliveries Keyward made to them
 * (docs/webhooks.md). Timestamps are ISO 8601 strings.
 */

/** What `GET /v1/events` streams and webhooks deliver: a change after which an earlier verification may no longer hold. */
export type KeyEventType =
  | 'key.revoked'
  | 'key.disabled'
  | 'key.enabled'
  | 'key.updated'
  | 'key.rotated'
  | 'key.expired'
  | 'key.deleted'
  | 'owner.changed';

export interface Webhook {
  id: string;
  orgId: string;
  url: string;
  description: string | null;
  /** The event types it receives; null for every type. */
  events: KeyEventType[] | null;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

/** A webhook as made or given a new secret: the signing secret is shown this once. */
export interface WebhookWithSecret extends Webhook {
  /** `whsec_…`: the key of the HMAC-SHA256 in each delivery's `Keyward-Signature`. */
  secret: string;
}

/** The body of `POST /v1/organizations/{orgId}/webhooks`. */
export interface NewWebhook {
  /** https; plain http only to an address the server's `KEYWARD_OUTBOUND_ALLOW` lets it reach. */
  url: string;
  description?: string;
  /** Left out, every type. */
  events?: KeyEventType[];
  enabled?: boolean;
}

/** The body of `PATCH /v1/webhooks/{webhookId}`: what changes. */
export interface WebhookChange {
  url?: string;
  description?: string | null;
  events?: KeyEventType[] | null;
  enabled?: boolean;
}

/** One event sent to one webhook, with its last attempt. */
export interface WebhookDelivery {
  id: string;
  /** The event's id: its `id` in the delivered body. */
  eventId: string;
  eventType: KeyEventType;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  /** The HTTP status of the last attempt's answer; null when none came. */
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
