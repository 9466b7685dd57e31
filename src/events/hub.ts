import type { KeyEvent, StoreEvent } from '../store/events.js';
import type { Store } from '../store/store.js';

/** One open `GET /v1/events` stream, as the hub sees it. */
export interface Subscriber {
  /** The organizations whose events it receives; null for every organization (a cluster admin). */
  readonly orgIds: ReadonlySet<string> | null;
  receive(event: KeyEvent): void;
  /** Ends the stream; the client resumes from its last event id. */
  end(): void;
}

/**
 * Hands every recorded key event to the open streams that may see it. It hears them from the store
 * (`Store.subscribe`): this process's changes at commit, and other processes' through the store's feed.
 * While that feed is down, events recorded elsewhere are not heard: the streams end, and new ones are
 * refused until it is back (`available`), so that no client trusts a stream that would miss a
 * revocation. They resume from the log, which misses nothing.
 */
export class KeyEventHub {
  private readonly subscribers = new Set<Subscriber>();
  private feedLost = false;

  constructor(store: Store) {
    store.subscribe((events) => this.hear(events));
  }

  /** False while the feed of other processes' changes is down. */
  get available(): boolean {
    return !this.feedLost;
  }

  get size(): number {
    return this.subscribers.size;
  }

  add(subscriber: Subscriber): void {
    this.subscribers.add(subscriber);
  }

  remove(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
  }

  /** Ends every stream: at shutdown, and when the feed is lost. */
  endAll(): void {
    for (const subscriber of [...this.subscribers]) subscriber.end();
    this.subscribers.clear();
  }

  private hear(events: readonly StoreEvent[]): void {
    for (const event of events) {
      if (event.type === 'feed.lost') {
        this.feedLost = true;
        this.endAll();
      } else if (event.type === 'feed.restored') {
        this.feedLost = false;
      } else if (event.type === 'key.event') {
        for (const subscriber of this.subscribers) {
          if (subscriber.orgIds === null || subscriber.orgIds.has(event.event.orgId)) {
            subscriber.receive(event.event);
          }
        }
      }
    }
  }
}
