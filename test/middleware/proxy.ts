import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real HTTP proxy in front of `keyward serve`, between it and the apps under test: it counts the
 * verifications the middleware asks for, and can black-hole the revocation stream (`GET /v1/events`):
 * the connection stays open and nothing more arrives on it, the silent cut a dead network gives, while
 * verifications still pass.
 */
export interface KeywardProxy {
  url: string;
  /** `POST /v1/keys/verify` requests forwarded so far. */
  verifyCalls(): number;
  /** The `ready` events the stream forwarded so far: one per connection the server accepted. */
  readyEvents(): number;
  /** Stops forwarding the stream: what the server sends is dropped, and new streams get no answer. */
  blackHoleEvents(): void;
  close(): Promise<void>;
}

export async function startProxy(target: string): Promise<KeywardProxy> {
  let verifyCalls = 0;
  let readyEvents = 0;
  let blackHoled = false;
  const upstreams = new Set<{ destroy(): void }>();

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const events = req.url?.startsWith('/v1/events') === true;
    if (events && blackHoled) return;
    if (req.method === 'POST' && req.url === '/v1/keys/verify') verifyCalls++;
    const upstream = httpRequest(`${target}${req.url}`, { method: req.method, headers: req.headers });
    upstreams.add(upstream);
    upstream.once('close', () => upstreams.delete(upstream));
    // Keyward stopped: the connection fails as a refused one would, with no answer at all.
    upstream.once('error', () => res.destroy());
    upstream.once('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.on('data', (chunk: Buffer) => {
        if (events && blackHoled) return;
        if (events && chunk.includes('event: ready')) readyEvents++;
        res.write(chunk);
      });
      answer.once('end', () => {
        if (!(events && blackHoled)) res.end();
      });
      answer.once('error', () => res.destroy());
    });
    req.pipe(upstream);
    res.once('close', () => upstream.destroy());
  };

  const server: Server = createServer(forward);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    verifyCalls: () => verifyCalls,
    readyEvents: () => readyEvents,
    blackHoleEvents() {
      blackHoled = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const upstream of upstreams) upstream.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
