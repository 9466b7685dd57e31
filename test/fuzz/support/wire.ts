import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { InjectOptions } from 'fastify';
import type { TestApp } from '../../support/app.js';

/** The parts of an answer the bad-input checks read, whichever way the request went. */
export interface Answer {
  statusCode: number;
  body: string;
}

/**
 * Sends an inject-style request as real HTTP/1.1 over the app's socket (the app must listen: a
 * `socket` test app), its URL exactly as written. Node's client, unlike `inject`, does not parse the
 * path, so dot segments (`..`, `%2e`) and backslashes reach the server as an attacker would send them.
 */
export function overTheWire(t: TestApp, request: InjectOptions): Promise<Answer> {
  const address = t.app.server.address() as AddressInfo | null;
  if (!address) throw new Error('overTheWire: the app does not listen (create it with the socket transport)');
  const payload = request.payload === undefined ? undefined : String(request.payload);
  const headers = {
    ...(request.headers as Record<string, string | string[]>),
    ...(payload === undefined ? {} : { 'content-length': String(Buffer.byteLength(payload)) }),
  };
  return new Promise((resolve, reject) => {
    const sent = httpRequest(
      {
        host: '127.0.0.1',
        port: address.port,
        method: request.method ?? 'GET',
        path: String(request.url),
        headers,
        agent: false,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        response.on('error', reject);
      },
    );
    sent.on('error', reject);
    sent.end(payload);
  });
}
