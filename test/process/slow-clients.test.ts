import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';

// PRODUCT.md §11 under abuse: clients that open many connections and send slowly. Every bound here is a
// hang guard; the tests assert what happens, never how fast.

const MAX_PER_ADDRESS = 8;
let server: Serve;

beforeAll(async () => {
  server = await startServe(join(tempDir(), 'data'), {
    env: {
      KEYWARD_ADMIN_PASSWORD: 'slow-clients-admin-password',
      KEYWARD_MAX_CONNECTIONS_PER_ADDRESS: String(MAX_PER_ADDRESS),
      KEYWARD_HEADERS_TIMEOUT_MS: '2000',
    },
  });
});
afterAll(cleanupServe);

interface Held {
  socket: Socket;
  /** Everything the server wrote, once it closed the connection. */
  closed: Promise<string>;
}

/**
 * A slow loris: a connection from `localAddress` (any of 127/8 reaches the server) that sends a request
 * line and one header, then one more header byte every 200 ms, and never ends its headers.
 */
function slowLoris(localAddress: string): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port, localAddress });
    let received = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk) => {
      received += chunk;
    });
    const closed = new Promise<string>((done) => socket.once('close', () => done(received)));
    socket.once('error', () => {});
    socket.once('connect', () => {
      socket.write('GET /healthz HTTP/1.1\r\nhost: keyward\r\nx-slow: ');
      const drip = setInterval(() => {
        if (socket.writable) socket.write('a');
      }, 200);
      socket.once('close', () => clearInterval(drip));
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

/** A bounded wait: the promise, or a failure naming what never happened. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms)),
  ]);
}

describe('slow and greedy clients', () => {
  it('caps the connections one address holds, while other clients are served', async () => {
    const held = await Promise.all(Array.from({ length: MAX_PER_ADDRESS }, () => slowLoris('127.0.0.2')));
    const extra = await slowLoris('127.0.0.2');
    const refused = await within(extra.closed, 10_000, 'the connection past the cap was not closed');
    expect(refused).toMatch(/^HTTP\/1\.1 429 /);
    expect(refused.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(refused.slice(refused.indexOf('\r\n\r\n') + 4))).toMatchObject({
      success: false,
      error: {
        code: 'RATE_LIMITED',
        message: 'Too many open connections from this address; close some first',
      },
    });
    // Another address is not held back by the first one's connections.
    expect((await server.request('GET', '/healthz')).status).toBe(200);
    for (const { socket } of held) socket.destroy();
  });

  it('cuts off a client that never finishes its headers, with 408', async () => {
    const loris = await slowLoris('127.0.0.3');
    const answer = await within(loris.closed, 15_000, 'the slow client was not cut off');
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      error: { code: 'REQUEST_TIMEOUT' },
    });
  });

  it('answers a body over the limit with 413, naming it', async () => {
    const admin = { bearer: await server.signIn('admin', 'slow-clients-admin-password') };
    const big = await server.request('POST', '/v1/organizations', {
      auth: admin,
      body: { name: 'x'.repeat(2 * 1024 * 1024), keyPrefix: 'big' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    expect(big.body.error.message).toMatch(/^body: /);
  });
});
