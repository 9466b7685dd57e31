import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/** Where a body the hot path read waits for the route it hands the request back to. */
const READ_AHEAD = Symbol('keyward.readAhead');
type WithReadAhead = IncomingMessage & { [READ_AHEAD]?: Buffer };

/** Keeps the body the hot path (src/http/hot-path.ts) read from `message` for the route. */
export function keepReadAhead(message: IncomingMessage, body: Buffer): void {
  (message as WithReadAhead)[READ_AHEAD] = body;
}

/**
 * The body the hot path already read from `message`, as a stream for Fastify to parse: the verify route's
 * preParsing hook hands it over, since the request itself has nothing left to read.
 */
export function readAhead(message: IncomingMessage): Readable | undefined {
  const body = (message as WithReadAhead)[READ_AHEAD];
  return body === undefined ? undefined : Readable.from([body]);
}

/**
 * Whether the hot path began reading `message` (which it does only before the server starts closing):
 * such a request is in flight, and is finished like one whose headers Fastify saw before the close.
 */
export function wasReadAhead(message: IncomingMessage): boolean {
  return (message as WithReadAhead)[READ_AHEAD] !== undefined;
}
