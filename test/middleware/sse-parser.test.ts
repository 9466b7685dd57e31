import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SseEvent, SseParser } from '../../packages/client/src/guard/sse.js';

/** Feeds the chunks in order and gathers every event. */
function parse(...chunks: string[]): SseEvent[] {
  const parser = new SseParser();
  return chunks.flatMap((chunk) => parser.push(chunk));
}

// A stream as Keyward writes it: the retry hint, the ready event, a ping, then two events.
const STREAM =
  'retry: 1000\n\nid: 4\nevent: ready\ndata: {"head":"4"}\n\n: ping\n\n' +
  'id: 5\nevent: key.revoked\ndata: {"id":"5","keyId":"key_a"}\n\n' +
  'id: 6\nevent: owner.changed\ndata: {"id":"6","ownerId":"usr_b"}\n\n';
const EVENTS: SseEvent[] = [
  { type: 'ready', data: '{"head":"4"}', lastEventId: '4' },
  { type: 'key.revoked', data: '{"id":"5","keyId":"key_a"}', lastEventId: '5' },
  { type: 'owner.changed', data: '{"id":"6","ownerId":"usr_b"}', lastEventId: '6' },
];

describe('SseParser', () => {
  it("reads Keyward's stream: the retry hint and the ping carry no event", () => {
    expect(parse(STREAM)).toEqual(EVENTS);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    for (let at = 0; at <= STREAM.length; at++) {
      expect(parse(STREAM.slice(0, at), STREAM.slice(at))).toEqual(EVENTS);
    }
    expect(parse(...STREAM)).toEqual(EVENTS);
  });

  it('reads CRLF and lone CR line ends, a CRLF pair split across chunks included', () => {
    const crlf = STREAM.replaceAll('\n', '\r\n');
    const cr = STREAM.replaceAll('\n', '\r');
    expect(parse(crlf)).toEqual(EVENTS);
    expect(parse(cr)).toEqual(EVENTS);
    for (let at = 0; at <= crlf.length; at++) {
      expect(parse(crlf.slice(0, at), crlf.slice(at))).toEqual(EVENTS);
      // An empty chunk between the halves (a decoder holding half a character answers one) changes nothing.
      expect(parse(crlf.slice(0, at), '', crlf.slice(at))).toEqual(EVENTS);
    }
    fc.assert(
      fc.property(fc.array(fc.nat(crlf.length), { maxLength: 12 }), (cuts) => {
        const points = [0, ...cuts.sort((a, b) => a - b), crlf.length];
        const chunks = points.slice(1).map((end, i) => crlf.slice(points[i], end));
        expect(parse(...chunks)).toEqual(EVENTS);
      }),
    );
  });

  it('joins data lines with a line feed, and keeps the spaces after the first', () => {
    expect(parse('data: one\ndata:two\ndata:   three\n\n')).toEqual([
      { type: 'message', data: 'one\ntwo\n  three', lastEventId: '' },
    ]);
  });

  it('skips comments, unknown fields and events without data; keeps the last id', () => {
    expect(parse(': hello\nfoo: bar\nid: 9\nevent: key.updated\n\nevent: x\ndata\n\n')).toEqual([
      { type: 'x', data: '', lastEventId: '9' },
    ]);
  });

  it('holds an event back until the blank line that ends it', () => {
    const parser = new SseParser();
    expect(parser.push('event: reset\ndata: {}\n')).toEqual([]);
    expect(parser.push('\n')).toEqual([{ type: 'reset', data: '{}', lastEventId: '' }]);
  });

  it('drops a byte order mark at the start of the stream only', () => {
    expect(parse('\uFEFFdata: a\n\n', 'data: \uFEFFb\n\n')).toEqual([
      { type: 'message', data: 'a', lastEventId: '' },
      { type: 'message', data: '\uFEFFb', lastEventId: '' },
    ]);
  });
});
