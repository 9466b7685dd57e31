import { sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { StoreEvent } from './events.js';
import type { Database } from './schema.js';

/** NOTIFY payloads must stay under 8,000 bytes; events are split into payloads below this. */
const MAX_PAYLOAD = 7_000;
/** How often the listening connection is asked a trivial query, and how long it may take to answer. */
const HEARTBEAT_MS = 250;
const HEARTBEAT_DEADLINE_MS = 1_000;
const RECONNECT_MS = [100, 250, 500, 1_000, 2_000];

interface Payload {
  /** The process that made the change: it heard its own events at once, and skips them here. */
  o: string;
  e: StoreEvent[];
}

/**
 * Hands a transaction's events to every process listening on `channel`. NOTIFY is transactional:
 * PostgreSQL delivers it when the transaction commits, and never when it rolls back.
 */
export async function publishEvents(
  trx: Transaction<Database>,
  channel: string,
  origin: string,
  events: readonly StoreEvent[],
): Promise<void> {
  let batch: StoreEvent[] = [];
  let size = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const payload: Payload = { o: origin, e: batch };
    await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(trx);
    batch = [];
    size = 0;
  };
  for (const event of events) {
    const length = JSON.stringify(event).length + 1;
    if (size + length > MAX_PAYLOAD) await flush();
    batch.push(event);
    size += length;
  }
  await flush();
}

/**
 * The events other processes publish, heard on a connection of its own (LISTEN). While that connection
 * is down, events committed elsewhere are missed, so the feed tells its listener at once (`feed.lost`,
 * on a connection error or a heartbeat left unanswered) and again once it listens anew
 * (`feed.restored`), when whatever was cached must be dropped.
 */
export class ChangeFeed {
  private client: pg.Client | null = null;
  private listening = false;
  private stopped = false;
  private attempt = 0;
  private heartbeat: NodeJS.Timeout | null = null;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly origin: string,
    private readonly deliver: (events: readonly StoreEvent[]) => void,
    private readonly onState: (state: 'lost' | 'restored', error?: unknown) => void = () => {},
  ) {}

  /** Listens before the store serves anything: the first connection must succeed. */
  async start(): Promise<void> {
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.stopHeartbeat();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private async listen(): Promise<void> {
    // Named, so that an operator (or a test) can find the connection a process listens on.
    const client = new pg.Client({
      connectionString: this.url,
      application_name: `keyward feed ${process.pid}`,
    });
    client.on('notification', (message) => this.hear(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    await client.connect();
    await client.query(`LISTEN "${this.channel.replaceAll('"', '""')}"`);
    if (this.stopped) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    const wasDown = this.attempt > 0;
    this.listening = true;
    this.attempt = 0;
    this.startHeartbeat(client);
    if (wasDown) {
      this.onState('restored');
      this.deliver([{ type: 'feed.restored' }]);
    }
  }

  private hear(text: string | undefined): void {
    if (!text) return;
    let payload: Payload;
    try {
      payload = JSON.parse(text) as Payload;
    } catch {
      return;
    }
    if (payload.o !== this.origin && Array.isArray(payload.e)) this.deliver(payload.e);
  }

  /** The connection is gone or unresponsive: say so at once, then listen again after a pause. */
  private lost(client: pg.Client, error?: unknown): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.stopHeartbeat();
    client.end().catch(() => {});
    if (this.listening) {
      this.listening = false;
      this.onState('lost', error);
      this.deliver([{ type: 'feed.lost' }]);
    }
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry) return;
    const wait = RECONNECT_MS[Math.min(this.attempt, RECONNECT_MS.length - 1)] as number;
    this.attempt++;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.listen().catch(() => this.scheduleRetry());
    }, wait);
    this.retry.unref();
  }

  private startHeartbeat(client: pg.Client): void {
    let waiting = false;
    this.heartbeat = setInterval(() => {
      if (waiting) return;
      waiting = true;
      const deadline = setTimeout(
        () => this.lost(client, new Error('the listening connection stopped answering')),
        HEARTBEAT_DEADLINE_MS,
      );
      client
        .query('select 1')
        .then(
          () => clearTimeout(deadline),
          (error: unknown) => {
            clearTimeout(deadline);
            this.lost(client, error);
          },
        )
        .finally(() => {
          waiting = false;
        });
    }, HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }
}
