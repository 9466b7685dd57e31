import { createHmac } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Outbound } from '../outbound/client.js';
import { OutboundError } from '../outbound/errors.js';
import type { DeliveryOutcome, StoredWebhook, WebhookDelivery } from '../store/queries/webhooks.js';
import type { Store } from '../store/store.js';
import type { VaultKeeper } from '../vault-keeper.js';

/** How often the store is asked for deliveries that are due. */
const TICK_MS = 500;
/** Deliveries claimed per round, and sent at once at most. */
const BATCH = 20;
const CONCURRENCY = 5;
/** What an attempt's error may say at most: it is shown by the API. */
const MAX_ERROR = 200;
/** The version of the webhooks' format (headers, signature, body), not of the server. */
const USER_AGENT = 'Keyward-Webhooks/1';

/**
 * The `Keyward-Signature` header of a body sent at `timestamp` (Unix seconds):
 * `t=<timestamp>,v1=<hex HMAC-SHA256 of "<timestamp>.<body>" under the secret>`, as docs/webhooks.md
 * tells receivers to check it.
 *
 * @example signature('whsec_…', 1767225600, '{"id":"42",…}') // 't=1767225600,v1=5d41…'
 */
export function signature(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export interface DispatcherOptions {
  store: Store;
  vault: VaultKeeper;
  outbound: Outbound;
  logger: FastifyBaseLogger;
  clock: () => number;
  /** The waits between attempts (`KEYWARD_WEBHOOK_RETRY_MS`): there is one attempt more than waits. */
  retryMs: readonly number[];
  /** How long a claimed delivery stays locked: longer than an attempt may take (the outbound timeout). */
  lockMs: number;
}

/**
 * Sends webhook deliveries as they fall due (docs/webhooks.md). The store writes a pending delivery
 * with each key event; every process runs a dispatcher, and the store's claim hands each due delivery
 * to one of them. An attempt that gets a 2xx delivers; any other answer, a timeout or a refused address
 * is tried again after the next wait of the schedule, until the last attempt marks it failed.
 */
export class WebhookDispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  /** Set by `stop`: a backlog is left for the other processes, or the next start, after the batch in hand. */
  private stopping = false;

  constructor(private readonly options: DispatcherOptions) {}

  start(): void {
    this.stopping = false;
    this.timer = setInterval(() => {
      this.running ??= this.runOnce()
        .catch((error: unknown) => {
          this.options.logger.warn({ err: error }, 'the webhook dispatcher could not read its deliveries');
          return 0;
        })
        .finally(() => {
          this.running = null;
        });
    }, TICK_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Sends what is due now, a batch at a time, until nothing is; answers how many attempts it made. */
  async runOnce(): Promise<number> {
    const { store, clock, lockMs } = this.options;
    let attempts = 0;
    for (;;) {
      const due = await store.claimDueDeliveries(new Date(clock()).toISOString(), BATCH, lockMs);
      const hooks = new Map<string, Promise<StoredWebhook | null>>();
      const queue = [...due];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          if (!hooks.has(next.webhookId)) hooks.set(next.webhookId, store.findWebhook(next.webhookId));
          const hook = await hooks.get(next.webhookId);
          // Gone since the claim: its deliveries went with it.
          if (hook) await store.recordAttempt(next.id, await this.attempt(hook, next));
        }
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, due.length) }, worker));
      attempts += due.length;
      if (due.length < BATCH || this.stopping) return attempts;
    }
  }

  /** One attempt of a delivery, and how it ended. */
  private async attempt(hook: StoredWebhook, delivery: WebhookDelivery): Promise<DeliveryOutcome> {
    let httpStatus: number | null = null;
    let error: string;
    try {
      const { secret } = this.options.vault.open({ orgId: hook.orgId, connectionId: hook.id }, hook.sealed);
      if (secret === undefined) throw new Error('the sealed record holds no secret');
      const now = this.options.clock();
      const response = await this.options.outbound.send({
        method: 'POST',
        url: new URL(hook.url),
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'keyward-signature': signature(secret, Math.floor(now / 1000), delivery.payload),
          'keyward-event-id': String(delivery.eventSeq),
          'keyward-event-type': delivery.eventType,
          'keyward-delivery-id': delivery.id,
        },
        body: delivery.payload,
      });
      // The answer's body says nothing Keyward reads: the connection is let go at once.
      response.body.on('error', () => {}).destroy();
      httpStatus = response.status;
      if (httpStatus >= 200 && httpStatus < 300) {
        return { status: 'delivered', at: new Date(this.options.clock()).toISOString(), httpStatus };
      }
      error = `the endpoint answered ${httpStatus}`;
    } catch (caught) {
      // The outbound client's messages name the origin, never the path or a header; the vault's name no secret.
      error = caught instanceof OutboundError ? `${caught.code}: ${caught.message}` : describe(caught);
      if (!(caught instanceof OutboundError)) {
        this.options.logger.warn(
          { webhookId: hook.id, deliveryId: delivery.id, err: caught },
          'a webhook attempt failed',
        );
      }
    }
    error = error.slice(0, MAX_ERROR);
    const wait = this.options.retryMs[delivery.attempts];
    if (wait === undefined) return { status: 'failed', httpStatus, error };
    // Up to a fifth longer, at random: endpoints that failed together are not all retried at once.
    const next = this.options.clock() + Math.round(wait * (1 + Math.random() / 5));
    return { status: 'pending', nextAttemptAt: new Date(next).toISOString(), httpStatus, error };
  }
}

function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return 'the attempt failed';
}
