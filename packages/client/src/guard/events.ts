import type { StreamHealth } from './cache.js';
import { type SseEvent, SseParser } from './sse.js';

/**
 * What an event of Keyward's `GET /v1/events` outdates: the answers about one key (`key.*`), or about
 * every key of one owner (`owner.changed`).
 */
export interface Outdated {
  keyId: string | null;
  ownerId: string | null;
}

export interface EventStreamOptions {
  url: string;
  authorization: string;
  /** Silence longer than this breaks the stream's health, and the connection is made again. */
  maxAgeMs: number;
  /** Something in the stream changed a key or an owner. */
  onEvent(outdated: Outdated): void;
  /** The server could not resume where the last connection stopped: every answer may be outdated. */
  onReset(): void;
  now(): number;
}

const FIRST_DELAY_MS = 250;
const LAST_DELAY_MS = 10_000;

/**
 * A subscription to Keyward's revocation stream that stays up by itself: it resumes after the last
 * event it saw (`Last-Event-ID`), reconnects with exponential backoff and jitter, and treats a silence
 * longer than `maxAgeMs` as a cut, since a black-holed connection never says it ended. The server pings
 * three times within that silence.
 */
export class EventStream implements StreamHealth {
  healthySince: number | null = null;
  lastHeard = Number.NEGATIVE_INFINITY;
  private lastEventId: string | null = null;
  /**
   * Since when the stream has missed nothing, across reconnections: a connection that resumes from the
   * last event id without a reset replays whatever happened while it was down, so the answers cached
   * before are as trustworthy after it as before (Keyward ends every stream after five minutes).
   */
  private trustedSince: number | null = null;
  /** Whether the current connection was accepted: the next one then starts at the first delay again. */
  private accepted = false;
  private connection: AbortController | null = null;
  private readonly closing = new AbortController();
  private readonly watchdog: ReturnType<typeof setInterval>;
  private readonly done: Promise<void>;

  constructor(private readonly options: EventStreamOptions) {
    this.watchdog = setInterval(() => this.checkSilence(), Math.max(50, options.maxAgeMs / 4));
    this.watchdog.unref?.();
    this.done = this.run();
  }

  /** Ends the subscription; resolves once nothing of it is left running. */
  close(): Promise<void> {
    clearInterval(this.watchdog);
    this.closing.abort();
    this.connection?.abort();
    return this.done;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closing.signal.aborted) {
      const connection = new AbortController();
      this.connection = connection;
      this.accepted = false;
      await this.connect(connection.signal).catch(() => undefined);
      connection.abort();
      this.connection = null;
      this.healthySince = null;
      failures = this.accepted ? 0 : failures + 1;
      await sleep(backoff(failures), this.closing.signal);
    }
  }

  /** One connection, until it ends, is cut, or goes silent for too long. */
  private async connect(signal: AbortSignal): Promise<void> {
    if (this.closing.signal.aborted) return;
    this.lastHeard = this.options.now();
    const heartbeat = Math.max(1, Math.floor(this.options.maxAgeMs / 3000));
    const headers: Record<string, string> = {
      authorization: this.options.authorization,
      accept: 'text/event-stream',
    };
    const resuming = this.lastEventId !== null;
    if (resuming) headers['last-event-id'] = this.lastEventId as string;
    const response = await fetch(`${this.options.url}/v1/events?heartbeat=${heartbeat}`, { headers, signal });
    const type = response.headers.get('content-type') ?? '';
    if (response.status !== 200 || !type.startsWith('text/event-stream') || !response.body) {
      await response.body?.cancel();
      return;
    }
    const parser = new SseParser();
    const decoder = new TextDecoder();
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      if (!this.heard()) return;
      for (const event of parser.push(decoder.decode(chunk, { stream: true }))) {
        this.handle(event);
        if (event.type === 'ready') {
          this.accepted = true;
          this.healthySince = (resuming ? this.trustedSince : null) ?? this.options.now();
          this.trustedSince = this.healthySince;
          // Live events may have come before it with later ids: the ready id only starts a new count.
          this.lastEventId ??= event.lastEventId;
        } else if (event.lastEventId !== '') this.lastEventId = event.lastEventId;
      }
    }
  }

  /** Notes an arrival; false when it comes after a silence that already broke the stream's health. */
  private heard(): boolean {
    const now = this.options.now();
    const gap = now - this.lastHeard;
    this.lastHeard = now;
    return gap <= this.options.maxAgeMs;
  }

  private handle(event: SseEvent): void {
    if (event.type === 'reset') {
      // The id it could not resume from is useless now: the ready event that follows gives a new one.
      this.lastEventId = null;
      this.trustedSince = null;
      this.options.onReset();
      return;
    }
    if (event.type === 'ready' || event.type === 'message') return;
    let parsed: { keyId?: unknown; ownerId?: unknown };
    try {
      parsed = JSON.parse(event.data);
    } catch {
      // An event that cannot be read might have named any key: none of the cache can be trusted.
      this.trustedSince = null;
      this.options.onReset();
      return;
    }
    const keyId = typeof parsed.keyId === 'string' ? parsed.keyId : null;
    const ownerId = typeof parsed.ownerId === 'string' ? parsed.ownerId : null;
    // A key's event names its owner too, but outdates that one key only: not its owner's other keys.
    this.options.onEvent(keyId !== null ? { keyId, ownerId: null } : { keyId: null, ownerId });
  }

  private checkSilence(): void {
    if (this.connection && this.options.now() - this.lastHeard > this.options.maxAgeMs) {
      this.healthySince = null;
      this.connection.abort();
    }
  }
}

/** 250 ms doubling to 10 s, each delay drawn between its half and its whole so that guards spread out. */
function backoff(failures: number): number {
  const ceiling = Math.min(LAST_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(failures, 16));
  return ceiling / 2 + Math.random() * (ceiling / 2);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
