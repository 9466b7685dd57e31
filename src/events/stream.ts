import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import { type KeyEvent, keyEventBody } from '../store/events.js';
import type { Store } from '../store/store.js';
import type { KeyEventHub, Subscriber } from './hub.js';

/** How long a stream lasts before the server ends it and the client resumes: access is decided anew. */
export const STREAM_LIFETIME_MS = 5 * 60_000;
/** What the client is told to wait before it reconnects (`retry:`). */
const RETRY_MS = 1_000;
/**
 * Events recorded this recently are sent again on a resume: on PostgreSQL a transaction can take its
 * number before another and commit after it.
 */
const LATE_COMMIT_MS = 5_000;
/** A client that lets this much go unread is cut off; it resumes from its last event id. */
const MAX_UNREAD = 1 << 20;
const REPLAY_PAGE = 500;

export interface StreamRequest {
  /** The organizations whose events it carries; null for every one (a cluster admin's). */
  orgIds: readonly string[] | null;
  /** The `Last-Event-ID` the client resumes from, or null for a new stream. */
  after: number | null;
  heartbeatMs: number;
  /** Who listens: their stream ends when their own key or owner changes, so that access is decided anew. */
  callerId: string;
  callerKeyId: string | null;
}

/**
 * One `GET /v1/events` stream, written as Server-Sent Events into `body`: the events the client missed
 * (from the store's log), `ready`, then the hub's live events as they come, with a ping comment between.
 * Live events that arrive while the log is read wait, and are sent after it unless it sent them.
 */
export class KeyEventStream implements Subscriber {
  readonly body = new PassThrough();
  readonly orgIds: ReadonlySet<string> | null;
  private waiting: KeyEvent[] | null = [];
  private lastId = 0;
  private readonly ping: NodeJS.Timeout;
  private readonly lifetime: NodeJS.Timeout;

  constructor(
    private readonly request: StreamRequest,
    private readonly hub: KeyEventHub,
    private readonly store: Store,
    private readonly clock: () => number,
    private readonly log: FastifyBaseLogger,
  ) {
    this.orgIds = request.orgIds === null ? null : new Set(request.orgIds);
    hub.add(this);
    this.ping = setInterval(() => this.write(': ping\n\n'), request.heartbeatMs);
    this.lifetime = setTimeout(() => this.end(), STREAM_LIFETIME_MS);
    this.body.on('close', () => this.stop());
    this.body.on('finish', () => this.stop());
  }

  /** Sends what the client missed, then `ready`; live events flow from then on. */
  async start(): Promise<void> {
    this.write(`retry: ${RETRY_MS}\n\n`);
    const sent = new Set<number>();
    try {
      const bounds = await this.store.keyEventBounds();
      this.lastId = bounds.last;
      const after = this.request.after;
      if (after !== null && (after > bounds.last || after < bounds.first - 1)) {
        // The log no longer holds what came after it, or never did (another database).
        this.write('event: reset\ndata: {}\n\n');
      } else if (after !== null) {
        for await (const event of this.replay(after)) {
          sent.add(event.seq);
          this.send(event);
        }
      }
    } catch (error) {
      this.log.warn({ err: error }, 'the event stream could not read the key-event log');
      this.end();
      return;
    }
    const live = (this.waiting ?? []).filter((event) => !sent.has(event.seq));
    this.waiting = null;
    for (const event of live) this.send(event);
    const head = String(this.lastId);
    this.write(`id: ${head}\nevent: ready\ndata: ${JSON.stringify({ head })}\n\n`);
  }

  receive(event: KeyEvent): void {
    if (this.waiting) this.waiting.push(event);
    else this.send(event);
  }

  end(): void {
    this.body.end();
  }

  private send(event: KeyEvent): void {
    if (this.body.writableLength > MAX_UNREAD) {
      this.end();
      return;
    }
    this.lastId = Math.max(this.lastId, event.seq);
    this.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(keyEventBody(event))}\n\n`);
    const { callerId, callerKeyId } = this.request;
    if (
      (callerKeyId !== null && event.keyId === callerKeyId) ||
      (event.type === 'owner.changed' && event.ownerId === callerId)
    ) {
      this.end();
    }
  }

  /** Nothing is written once the stream has ended: a ping or an event may come after the client left. */
  private write(text: string): void {
    if (!this.body.writableEnded) this.body.write(text);
  }

  private stop(): void {
    clearInterval(this.ping);
    clearTimeout(this.lifetime);
    this.hub.remove(this);
    this.body.end();
  }

  /**
   * The events a resuming client missed: those after its last id, and those recorded in the last few
   * seconds, which it may not have had although their numbers are lower. Sending one twice is
   * harmless: every event only tells a cache what to drop.
   */
  private async *replay(after: number): AsyncGenerator<KeyEvent> {
    let recentSince: string | null = new Date(this.clock() - LATE_COMMIT_MS).toISOString();
    for (let cursor = after; ; ) {
      const page = await this.store.listKeyEvents(cursor, recentSince, this.request.orgIds, REPLAY_PAGE);
      for (const event of page) {
        yield event;
        cursor = Math.max(cursor, event.seq);
      }
      if (page.length < REPLAY_PAGE) return;
      recentSince = null;
    }
  }
}
