import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { testTls } from './tls.js';

/** One request as the server received it. */
export interface ReceivedRequest {
  method: string;
  /** The path with its query: `/web/api/v2.1/sites?limit=1`. */
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The name the client asked for in TLS (SNI), when it gave one. */
  servername: string | undefined;
}

/** Answers one request; what it returns is awaited, so an async handler may take its time. */
export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer) => unknown;

export interface HttpsServer {
  /** `https://127.0.0.1:<port>` (or the host it listens on). */
  url: string;
  port: number;
  /** Every request received so far, in order. */
  requests: ReceivedRequest[];
  /** TCP connections accepted so far, TLS or not: 0 means nothing reached the server at all. */
  connections(): number;
  /** Cuts every open connection, so that the next request must connect (and look the name up) again. */
  dropConnections(): void;
  /** Closes the server and every connection, even one a handler never answers. */
  close(): Promise<void>;
}

/**
 * A real HTTPS server on a free port, standing in for a provider. It reads each request's body, records
 * the request, then calls the handler. Its certificate comes from {@link testTls} (the trusted CA unless
 * `tls` says otherwise) and holds 127.0.0.1, ::1, localhost and the test names.
 *
 * @example
 * const server = await startHttpsServer((req, res) => res.writeHead(req.headers.authorization === 'ApiToken right' ? 200 : 401).end());
 * await outbound.send({ method: 'GET', url: new URL(`${server.url}/web/api/v2.1/sites?limit=1`), headers });
 */
export async function startHttpsServer(
  handler: Handler,
  options: { host?: string; port?: number; tls?: { cert: string; key: string } } = {},
): Promise<HttpsServer> {
  const host = options.host ?? '127.0.0.1';
  const { cert, key } = options.tls ?? testTls().trusted;
  const requests: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer({ cert, key }, async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const servername = (req.socket as TLSSocket).servername;
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body,
      servername: typeof servername === 'string' ? servername : undefined,
    });
    try {
      await handler(req, res, body);
    } catch (error) {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    }
  });
  server.on('connection', (socket: Socket) => {
    connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A client that gives up mid-handshake is not the server's failure.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    requests,
    connections: () => connections,
    dropConnections() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
