import { createServer as createHttpServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer, type Socket } from 'node:net';
import { buffer } from 'node:stream/consumers';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowList } from '../../src/outbound/allow-list.js';
import { createOutbound, type Outbound, type OutboundOptions } from '../../src/outbound/client.js';
import { OutboundError, type OutboundErrorCode } from '../../src/outbound/errors.js';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { type HttpsServer, startHttpsServer } from '../support/https-server.js';
import { testTls } from '../support/tls.js';

// The guarded client against real servers: an HTTPS provider on 127.0.0.1 (trusted by the test CA),
// a DNS server whose answers each test sets, and a few servers that misbehave.

const TOKEN = 'ApiToken s3cr3t-token-do-not-leak';
const LOCAL = parseAllowList('127.0.0.1/32');
const PUBLIC = '93.184.215.14'; // never connected to: every test that gets it expects a refusal first

let provider: HttpsServer;
let dns: DnsServer;
const clients: Outbound[] = [];

beforeAll(async () => {
  dns = await startDnsServer();
  provider = await startHttpsServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0];
    if (req.url === '/web/api/v2.1/sites?limit=1') {
      res.writeHead(req.headers.authorization === TOKEN ? 200 : 401).end('{"data":[]}');
    } else if (path === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (path === '/to-here') {
      res.writeHead(302, { location: '/followed' }).end();
    } else if (path === '/chunked-2000') {
      for (let i = 0; i < 4; i++) res.write(Buffer.alloc(500, 'x'));
      res.end();
    } else if (path === '/declared-2000') {
      res.writeHead(200, { 'content-length': '2000' }).end(Buffer.alloc(2000, 'x'));
    } else if (path === '/exactly-1000') {
      res.end(Buffer.alloc(1000, 'x'));
    } else if (path === '/silent') {
      // never answers
    } else if (path === '/drip') {
      res.writeHead(200);
      const drip = setInterval(() => res.write('x'), 20);
      res.on('close', () => clearInterval(drip));
    } else if (path === '/cut') {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.socket?.destroy());
    } else if (path === '/close') {
      res.writeHead(200, { connection: 'close' }).end('ok');
    } else {
      res.end('ok');
    }
  });
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
});

afterAll(async () => {
  await provider?.close();
  await dns?.close();
});

/** A client that trusts the test CA, asks the test DNS, and allows 127.0.0.1 unless told otherwise. */
function outbound(options: Partial<OutboundOptions> = {}): Outbound {
  const client = createOutbound({
    allow: LOCAL,
    resolver: dns.resolver(),
    ca: testTls().trusted.ca,
    timeoutMs: 3000,
    maxResponseBytes: 1000,
    ...options,
  });
  clients.push(client);
  return client;
}

const get = (client: Outbound, url: string, headers: Record<string, string> = {}) =>
  client.send({ method: 'GET', url: new URL(url), headers });

/** The OutboundError a promise rejects with; fails the test if it resolves or rejects with anything else. */
async function failure(promise: Promise<unknown>, code: OutboundErrorCode): Promise<OutboundError> {
  const error = await promise.then(
    () => expect.unreachable(`expected ${code}, but the request succeeded`),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutboundError);
  expect(error, (error as Error).message).toMatchObject({ code });
  return error as OutboundError;
}

describe('an allow-listed address over HTTPS', () => {
  it('is reached, with the certificate checked against the test CA, and answers as the provider does', async () => {
    const client = outbound();
    const ok = await get(client, `${provider.url}/web/api/v2.1/sites?limit=1`, { authorization: TOKEN });
    expect(ok.status).toBe(200);
    expect((await buffer(ok.body)).toString()).toBe('{"data":[]}');
    const refused = await get(client, `${provider.url}/web/api/v2.1/sites?limit=1`, { authorization: 'x' });
    expect(refused.status).toBe(401);
    refused.body.destroy();
    expect(provider.requests.at(-2)).toMatchObject({
      method: 'GET',
      path: '/web/api/v2.1/sites?limit=1',
      headers: { authorization: TOKEN },
    });
  });

  it('is reached by name, sending that name for TLS (SNI) and checking the certificate against it', async () => {
    dns.set('tenant.sentinelone.test', ['127.0.0.1']);
    const { status, body } = await get(outbound(), `https://tenant.sentinelone.test:${provider.port}/`);
    expect(status).toBe(200);
    body.destroy();
    expect(provider.requests.at(-1)).toMatchObject({
      servername: 'tenant.sentinelone.test',
      headers: { host: `tenant.sentinelone.test:${provider.port}` },
    });
  });
});

describe('forbidden addresses', () => {
  it('refuses 127.0.0.1 when the allow list does not name it, before connecting', async () => {
    const before = provider.connections();
    const error = await failure(get(outbound({ allow: [] }), `${provider.url}/`), 'FORBIDDEN_ADDRESS');
    expect(error.message).toBe(
      `https://127.0.0.1:${provider.port} is an address outbound requests may not reach (loopback)`,
    );
    expect(error.address).toBe('127.0.0.1');
    expect(provider.connections()).toBe(before);
  });

  it.each([
    'https://127.0.0.1:PORT/',
    'https://[::1]:PORT/',
    'https://[::ffff:127.0.0.1]:PORT/',
    'https://[::ffff:7f00:2]:PORT/',
    'https://[64:ff9b::7f00:1]:PORT/',
    'https://127.1:PORT/',
    'https://0x7f000001:PORT/',
    'https://2130706433:PORT/',
    'https://0.0.0.0:PORT/',
    'https://169.254.169.254/',
    'https://[fd00:ec2::254]/',
    'https://localhost:PORT/', // through the system resolver
  ])('refuses %s without an allow list', async (url) => {
    const before = provider.connections();
    const client = url.includes('localhost')
      ? outbound({ allow: [], resolver: undefined })
      : outbound({ allow: [] });
    await failure(get(client, url.replace('PORT', String(provider.port))), 'FORBIDDEN_ADDRESS');
    expect(provider.connections()).toBe(before);
  });

  it('does not open a metadata address to a wide allow-list entry', async () => {
    const client = outbound({ allow: parseAllowList('0.0.0.0/0, 169.254.0.0/16') });
    const error = await failure(
      get(client, 'https://169.254.169.254/latest/meta-data/'),
      'FORBIDDEN_ADDRESS',
    );
    expect(error.message).toBe(
      'https://169.254.169.254 is an address outbound requests may not reach (metadata)',
    );
  });

  it('refuses a name when any of its addresses is forbidden', async () => {
    dns.set('mixed.example.test', [PUBLIC, '127.0.0.1']);
    const before = provider.connections();
    const error = await failure(
      get(outbound({ allow: [] }), 'https://mixed.example.test/'),
      'FORBIDDEN_ADDRESS',
    );
    expect(error.message).toBe(
      'https://mixed.example.test resolves to an address outbound requests may not reach (loopback)',
    );
    expect(provider.connections()).toBe(before);
  });
});

describe('DNS rebinding', () => {
  it('refuses, when it connects, a name that resolved to a public address before and to 127.0.0.1 now', async () => {
    const name = 'rebind.sentinelone.test';
    dns.set(name, [PUBLIC]);
    // What a check made before the request (when the connection was created, say) would have seen.
    expect(await dns.resolver().lookup(name, { all: true })).toEqual([{ address: PUBLIC, family: 4 }]);
    dns.set(name, ['127.0.0.1']);
    const before = provider.connections();
    const asked = dns.queries.length;
    await failure(get(outbound({ allow: [] }), `https://${name}:${provider.port}/`), 'FORBIDDEN_ADDRESS');
    expect(provider.connections()).toBe(before);
    expect(dns.queries.length).toBeGreaterThan(asked); // it looked the name up again, at connect time
  });

  it('connects to the address it checked, whatever a second lookup would answer', async () => {
    // 127.0.0.1 is allowed and 127.0.0.2 is not. DNS answers the first A question with 127.0.0.1 and every
    // later one with 127.0.0.2: a client that checks one answer and connects by another lookup reaches
    // the internal server.
    const internal = await startHttpsServer((_req, res) => res.end('internal'), { host: '127.0.0.2' });
    try {
      const name = 'pinned.sentinelone.test';
      dns.set(name, ({ type, seen }) => (type !== 'A' ? [] : seen === 0 ? ['127.0.0.1'] : ['127.0.0.2']));
      const { status, body } = await get(outbound(), `https://${name}:${provider.port}/close`);
      expect(status).toBe(200);
      expect((await buffer(body)).toString()).toBe('ok');
      expect(internal.connections()).toBe(0);
      expect(dns.queries.filter((q) => q.name === name && q.type === 'A')).toHaveLength(1);
      // The provider closed that connection; the next one looks the name up again and is refused.
      await failure(get(outbound(), `https://${name}:${internal.port}/`), 'FORBIDDEN_ADDRESS');
      expect(internal.connections()).toBe(0);
    } finally {
      await internal.close();
    }
  });
});

describe('redirects', () => {
  it('are returned as they are, not followed: to the metadata address', async () => {
    const { status, headers, body } = await get(outbound(), `${provider.url}/to-metadata`);
    body.destroy();
    expect(status).toBe(302);
    expect(headers.location).toBe('http://169.254.169.254/latest/meta-data/');
  });

  it('are returned as they are, not followed: to the same server', async () => {
    const before = provider.requests.length;
    const { status, body } = await get(outbound(), `${provider.url}/to-here`);
    await buffer(body);
    expect(status).toBe(302);
    expect(provider.requests.slice(before).map((r) => r.path)).toEqual(['/to-here']);
  });
});

describe('response size', () => {
  it('cuts a body that grows past maxResponseBytes', async () => {
    const { status, body } = await get(outbound(), `${provider.url}/chunked-2000`);
    expect(status).toBe(200);
    const error = await failure(buffer(body), 'TOO_LARGE');
    expect(error.message).toBe(`the answer from ${provider.url} is larger than 1000 bytes`);
  });

  it('refuses at once a body whose Content-Length is past maxResponseBytes', async () => {
    await failure(get(outbound(), `${provider.url}/declared-2000`), 'TOO_LARGE');
  });

  it('passes a body of exactly maxResponseBytes', async () => {
    const { body } = await get(outbound(), `${provider.url}/exactly-1000`);
    expect((await buffer(body)).length).toBe(1000);
  });
});

describe('timeouts', () => {
  it('gives up on a server that never sends its headers', async () => {
    const error = await failure(
      get(outbound({ headersTimeoutMs: 200 }), `${provider.url}/silent`),
      'TIMEOUT',
    );
    expect(error.message).toBe(`${provider.url} sent no response headers within 200 ms`);
  });

  it('cuts a body that is still coming when the whole exchange runs out of time', async () => {
    const { status, body } = await get(outbound({ timeoutMs: 300 }), `${provider.url}/drip`);
    expect(status).toBe(200);
    const error = await failure(buffer(body), 'TIMEOUT');
    expect(error.message).toBe(`${provider.url} did not answer in full within 300 ms`);
  });

  it('gives up on a server that accepts the connection and never completes the TLS handshake', async () => {
    const sockets: Socket[] = [];
    const mute = createTcpServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => mute.listen(0, '127.0.0.1', resolve));
    const { port } = mute.address() as AddressInfo;
    try {
      const error = await failure(
        get(outbound({ connectTimeoutMs: 200 }), `https://127.0.0.1:${port}/`),
        'TIMEOUT',
      );
      expect(error.message).toBe(`connecting to https://127.0.0.1:${port} took longer than 200 ms`);
      expect(sockets).toHaveLength(1);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => mute.close(resolve));
    }
  });
});

describe('TLS', () => {
  it('fails with a certificate from an unknown authority', async () => {
    const rogue = await startHttpsServer((_req, res) => res.end('rogue'), { tls: testTls().untrusted });
    try {
      const error = await failure(get(outbound(), `${rogue.url}/`), 'TLS');
      expect(error.message).toMatch(/^the TLS handshake with https:\/\/127\.0\.0\.1:\d+ failed \([A-Z_]+\)$/);
      expect(rogue.requests).toHaveLength(0);
    } finally {
      await rogue.close();
    }
  });

  it('fails with a certificate that is not for the name asked for', async () => {
    dns.set('elsewhere.invalid', ['127.0.0.1']);
    const error = await failure(get(outbound(), `https://elsewhere.invalid:${provider.port}/`), 'TLS');
    expect(error.message).toBe(
      `the TLS handshake with https://elsewhere.invalid:${provider.port} failed (ERR_TLS_CERT_ALTNAME_INVALID)`,
    );
  });

  it("trusts the test CA only when given it: Node's own store does not hold it", async () => {
    await failure(get(outbound({ ca: undefined }), `${provider.url}/`), 'TLS');
  });
});

describe('plain http', () => {
  let plain: Server;
  let port: number;

  beforeAll(async () => {
    plain = createHttpServer((_req, res) => res.end('plain'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    port = (plain.address() as AddressInfo).port;
  });

  afterAll(async () => {
    plain.closeAllConnections();
    await new Promise((resolve) => plain.close(resolve));
  });

  it('reaches an address the allow list names', async () => {
    const { status, body } = await get(outbound(), `http://127.0.0.1:${port}/`);
    expect(status).toBe(200);
    expect((await buffer(body)).toString()).toBe('plain');
  });

  it('is refused to an address the allow list does not name, even a public one', async () => {
    await failure(get(outbound({ allow: [] }), `http://127.0.0.1:${port}/`), 'FORBIDDEN_ADDRESS');
    dns.set('plain.example.test', [PUBLIC]);
    const error = await failure(get(outbound(), 'http://plain.example.test/'), 'FORBIDDEN_ADDRESS');
    expect(error.message).toBe(
      "http://plain.example.test: plain http is allowed only to addresses in the cluster's outbound allow list; use https",
    );
  });
});

describe('other failures', () => {
  it('refuses URLs that are not http or https, or that carry credentials, before any lookup', async () => {
    const asked = dns.queries.length;
    await failure(get(outbound(), 'file:///etc/passwd'), 'FORBIDDEN_URL');
    await failure(get(outbound(), 'ftp://api.example.test/'), 'FORBIDDEN_URL');
    await failure(get(outbound(), 'https://user:pass@api.example.test/'), 'FORBIDDEN_URL');
    expect(dns.queries.length).toBe(asked);
  });

  it('fails with DNS for a name that does not resolve', async () => {
    const error = await failure(get(outbound(), 'https://nowhere.example.test/'), 'DNS');
    expect(error.message).toBe('nowhere.example.test did not resolve (ENOTFOUND)');
  });

  it('fails with CONNECT when nothing listens on an allowed address', async () => {
    const closed = createTcpServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(get(outbound(), `https://127.0.0.1:${port}/`), 'CONNECT');
    expect(error.message).toBe(`could not connect to https://127.0.0.1:${port} (ECONNREFUSED)`);
  });

  it('fails with CONNECT when the connection breaks in the middle of the answer', async () => {
    const { status, body } = await get(outbound(), `${provider.url}/cut`);
    expect(status).toBe(200);
    const error = await failure(buffer(body), 'CONNECT');
    expect(error.message).toMatch(new RegExp(`^the connection to ${provider.url} broke \\([A-Z_]+\\)$`));
  });

  it('never puts request headers, the path or the query in what it throws', async () => {
    dns.set('leak.example.test', ['10.0.0.1']);
    const attempts: [Partial<OutboundOptions>, string][] = [
      [{ allow: [] }, `${provider.url}/x`],
      [{}, 'https://leak.example.test/x'],
      [{}, 'https://nowhere.example.test/x'],
      [{ headersTimeoutMs: 100 }, `${provider.url}/silent`],
      [{}, `${provider.url}/declared-2000`],
      [{ ca: undefined }, `${provider.url}/x`],
    ];
    for (const [options, url] of attempts) {
      const error = await outbound(options)
        .send({
          method: 'GET',
          url: new URL(`${url}?api_key=query-secret`),
          headers: { authorization: TOKEN },
        })
        .then(
          () => expect.unreachable(url),
          (e: unknown) => e as OutboundError,
        );
      expect(error, url).toBeInstanceOf(OutboundError);
      const text = `${error.message}\n${error.stack}`;
      for (const secret of ['s3cr3t', 'query-secret', '/x', '/silent', '/declared']) {
        expect(`${text}\n${JSON.stringify(error)}`, url).not.toContain(secret);
      }
      // Nor where a forbidden name points: that is on `address`, for the server's log only.
      expect(text, url).not.toContain('10.0.0.1');
    }
  });
});
