import { SseParser } from '../../packages/client/src/guard/sse.js';

/** One event of `GET /v1/events`: its id, type and parsed data. */
export interface Frame {
  id: string | null;
  event: string;
  data: any;
}

export interface FrameReader {
  /** The next event; null once the stream has ended. */
  next(): Promise<Frame | null>;
  /** The events up to and including the first that matches (a type, or a test). */
  until(match: string | ((frame: Frame) => boolean)): Promise<Frame[]>;
}

/**
 * Reads a `text/event-stream` body event by event, with the middleware's own parser: whatever the
 * server writes must read the same to the tests as to `@keyward/client`.
 */
export function readFrames(body: AsyncIterable<Uint8Array | string>): FrameReader {
  const chunks = body[Symbol.asyncIterator]();
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const ready: Frame[] = [];
  const next = async (): Promise<Frame | null> => {
    while (ready.length === 0) {
      const chunk = await chunks.next();
      if (chunk.done) return null;
      const text =
        typeof chunk.value === 'string' ? chunk.value : decoder.decode(chunk.value, { stream: true });
      for (const event of parser.push(text)) {
        ready.push({ id: event.lastEventId || null, event: event.type, data: JSON.parse(event.data) });
      }
    }
    return ready.shift() as Frame;
  };
  return {
    next,
    async until(match) {
      const test = typeof match === 'string' ? (frame: Frame) => frame.event === match : match;
      const frames: Frame[] = [];
      for (;;) {
        const frame = await next();
        if (!frame) throw new Error(`the stream ended: ${JSON.stringify(frames)}`);
        frames.push(frame);
        if (test(frame)) return frames;
      }
    },
  };
}
