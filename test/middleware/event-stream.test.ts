import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { EventStream, type Outdated } from '../../packages/client/src/guard/events.js';
import { until } from '../support/server.js';

// The middleware's subscription to `GET /v1/events`, against a real local HTTP server that plays
// Keyward's side of the stream one connection at a time, as each test scripts it.

interface Connection {
  req: IncomingMessage;
  res: ServerResponse;
}

let server: Server | undefined;
let stream: EventStream | undefined;

afterEach(async () => {
  await stream?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = stream = undefined;
});

/** Starts the scripted server and a subscription to it; `answer` gets each connection in turn. */
async function subscribe(maxAgeMs: number, answer: (connection: Connection, index: number) => void) {
  const connections: Connection[] = [];
  server = createServer((req, res) => {
    connections.push({ req, res });
    answer({ req, res }, connections.length - 1);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const outdated: Outdated[] = [];
  let resets = 0;
  stream = new EventStream({
    url: `http://127.0.0.1:${port}`,
    authorization: 'Key docs_service',
    maxAgeMs,
    onEvent: (event) => outdated.push(event),
    onReset: () => resets++,
    now: () => performance.now(),
  });
  return { connections, outdated, resets: () => resets, stream };
}

function open(res: ServerResponse, ...frames: string[]) {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8' });
  res.write('retry: 1000\n\n');
  for (const frame of frames) res.write(frame);
}

const ready = (head: number) => `id: ${head}\nevent: ready\ndata: {"head":"${head}"}\n\n`;
const event = (id: number, type: string, keyId: string | null, ownerId: string | null) =>
  `id: ${id}\nevent: ${type}\ndata: ${JSON.stringify({ id: String(id), type, keyId, ownerId, organizationId: 'org_1' })}\n\n`;

describe('EventStream', () => {
  it("asks with the service's key for a ping every third of the max age, and is healthy once ready", async () => {
    const { connections, outdated, stream } = await subscribe(6000, ({ res }) => open(res));
    await until(() => connections.length === 1, 5000, 'the connection');
    const { req, res } = connections[0] as Connection;
    expect(req.url).toBe('/v1/events?heartbeat=2');
    expect(req.headers.authorization).toBe('Key docs_service');
    expect(req.headers['last-event-id']).toBeUndefined();
    expect(stream.healthySince).toBeNull();
    res.write(ready(3));
    await until(() => stream.healthySince !== null, 5000, 'the ready event');
    res.write(event(4, 'key.revoked', 'key_a', 'usr_1') + event(5, 'owner.changed', null, 'usr_2'));
    await until(() => outdated.length === 2, 5000, 'the events');
    // A key's event names its owner too, but outdates that key only.
    expect(outdated).toEqual([
      { keyId: 'key_a', ownerId: null },
      { keyId: null, ownerId: 'usr_2' },
    ]);
  });

  it('resumes after the last event it received when the server ends the stream, and is not healthy meanwhile', async () => {
    const { connections, outdated, stream } = await subscribe(6000, ({ res }, index) => {
      if (index === 0) {
        open(res, ready(3), event(4, 'key.disabled', 'key_b', 'usr_1'));
        setTimeout(() => res.end(), 100);
      } else open(res);
    });
    await until(() => connections.length === 2, 5000, 'a second connection');
    expect(connections[1]?.req.headers['last-event-id']).toBe('4');
    expect(outdated).toEqual([{ keyId: 'key_b', ownerId: null }]);
    expect(stream.healthySince).toBeNull();
  });

  it('keeps its trust across a resume that misses nothing, and starts it anew after a reset', async () => {
    const { connections, stream } = await subscribe(6000, ({ res }, index) => {
      if (index === 0) open(res, ready(3));
      if (index === 1) open(res, event(4, 'key.revoked', 'key_c', 'usr_1'), ready(4));
      if (index === 2) open(res, 'event: reset\ndata: {}\n\n', ready(9));
      if (index < 2) setTimeout(() => res.end(), 150);
    });
    await until(() => stream.healthySince !== null, 5000, 'the first ready event');
    const first = stream.healthySince;
    await until(() => connections.length === 2 && stream.healthySince !== null, 5000, 'the resumed stream');
    // What happened while it was down was replayed: answers cached before are as sound as they were.
    expect(stream.healthySince).toBe(first);
    await until(() => connections.length === 3 && stream.healthySince !== null, 5000, 'the reset stream');
    expect(stream.healthySince).toBeGreaterThan(first as number);
  });

  it('drops everything on reset, and resumes from the head the server gave after it', async () => {
    const { connections, resets } = await subscribe(6000, ({ res }, index) => {
      if (index === 0) open(res, ready(3));
      if (index === 1) open(res, 'event: reset\ndata: {}\n\n', ready(10));
      if (index === 2) open(res, ready(10));
      if (index < 2) setTimeout(() => res.end(), 100);
    });
    await until(() => connections.length === 3, 5000, 'a third connection');
    expect(connections[1]?.req.headers['last-event-id']).toBe('3');
    expect(connections[2]?.req.headers['last-event-id']).toBe('10');
    expect(resets()).toBe(1);
  });

  it('takes a silence longer than the max age for a cut: health ends and it connects again', async () => {
    const { connections, stream } = await subscribe(400, ({ res }) => open(res, ready(1)));
    await until(() => stream.healthySince !== null, 5000, 'the ready event');
    // The server never pings: the connection looks open, but nothing proves it still carries events.
    await until(() => stream.healthySince === null, 5000, 'the silence to end health');
    await until(() => connections.length >= 2, 5000, 'a new connection');
  });

  it('backs off while the server refuses it, and stops for good once closed', async () => {
    const { connections, stream } = await subscribe(6000, ({ res }) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{}');
    });
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // Delays of 250-500, 500-1000 and 1000-2000 ms: a loop without backoff would have made hundreds.
    expect(connections.length).toBeGreaterThanOrEqual(2);
    expect(connections.length).toBeLessThanOrEqual(5);
    await stream.close();
    const closedAt = connections.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(connections.length).toBe(closedAt);
  });
});
