import { createPrivateKey, X509Certificate } from 'node:crypto';
import { Resolver } from 'node:dns/promises';
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DnsServer, startDnsServer } from '../support/dns-server.js';
import { startHttpsServer } from '../support/https-server.js';
import { TEST_HOSTS, testTls } from '../support/tls.js';

// The test doubles the outbound tests stand on: the certificates, the DNS server and the HTTPS server.

describe('testTls', () => {
  it('issues a server certificate for the test names and addresses, signed by the trusted CA only', () => {
    const { trusted, untrusted } = testTls();
    const ca = new X509Certificate(trusted.ca);
    const cert = new X509Certificate(trusted.cert);
    expect(cert.checkIssued(ca)).toBe(true);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(trusted.key))).toBe(true);
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.checkHost('api.example.test')).toBe('api.example.test');
    expect(cert.checkHost('tenant.sentinelone.test')).toBe('*.sentinelone.test');
    expect(cert.checkHost('other.test')).toBeUndefined();
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkIP('::1')).toBe('::1');
    expect(new X509Certificate(untrusted.cert).checkIssued(ca)).toBe(false);
    expect(TEST_HOSTS).toContain('*.sentinelone.test');
  });

  it('makes them once and hands out the same files after', () => {
    expect(testTls()).toBe(testTls());
    expect(testTls().trusted.caPath).toMatch(/\.test-artifacts\/tls\/trusted\/ca\.pem$/);
  });
});

describe('startDnsServer', () => {
  let dns: DnsServer;
  beforeAll(async () => {
    dns = await startDnsServer();
  });
  afterAll(() => dns.close());

  it('answers A and AAAA questions as the test sets them, and changes its answers when told', async () => {
    dns.set('Tenant.SentinelOne.test', ['203.0.113.5', '2001:db8::5']);
    const lookup = (name: string) => dns.resolver().lookup(name, { all: true });
    expect(await lookup('tenant.sentinelone.test')).toEqual([
      { address: '203.0.113.5', family: 4 },
      { address: '2001:db8::5', family: 6 },
    ]);
    dns.set('tenant.sentinelone.test', ['127.0.0.1']);
    expect(await lookup('TENANT.sentinelone.test')).toEqual([{ address: '127.0.0.1', family: 4 }]);
    await expect(lookup('unknown.sentinelone.test')).rejects.toMatchObject({ code: 'ENOTFOUND' });
  });

  it('answers with a TTL of 0, so that no resolver caches the answer', async () => {
    dns.set('ttl.example.test', ['198.51.100.7']);
    const resolver = new Resolver();
    resolver.setServers([dns.address]);
    expect(await resolver.resolve4('ttl.example.test', { ttl: true })).toEqual([
      { address: '198.51.100.7', ttl: 0 },
    ]);
    await expect(resolver.resolve6('ttl.example.test')).rejects.toMatchObject({ code: 'ENODATA' });
  });

  it('records each question, with how many of the same came before, for answers that change by turn', async () => {
    dns.set('turns.example.test', ({ seen }) => [`192.0.2.${seen + 1}`]);
    const resolver = dns.resolver();
    const first = await resolver.lookup('turns.example.test', { all: true });
    const second = await resolver.lookup('turns.example.test', { all: true });
    expect([first, second].map((answer) => answer[0]?.address)).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(dns.queries.filter((q) => q.name === 'turns.example.test')).toEqual([
      { name: 'turns.example.test', type: 'A', seen: 0 },
      { name: 'turns.example.test', type: 'AAAA', seen: 0 },
      { name: 'turns.example.test', type: 'A', seen: 1 },
      { name: 'turns.example.test', type: 'AAAA', seen: 1 },
    ]);
  });
});

describe('startHttpsServer', () => {
  it('records each request (method, path, headers, body and TLS name) before its handler answers', async () => {
    const server = await startHttpsServer((req, res, body) => {
      res.writeHead(201, { 'x-echo': `${req.method} ${body.length}` }).end('done');
    });
    try {
      const answer = await new Promise<{ status?: number; echo?: string | string[] }>((resolve, reject) => {
        const req = request(
          `${server.url}/web/api/v2.1/sites?limit=1`,
          {
            method: 'POST',
            ca: testTls().trusted.ca,
            servername: 'tenant.sentinelone.test',
            headers: { authorization: 'ApiToken right' },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve({ status: res.statusCode, echo: res.headers['x-echo'] }));
          },
        );
        req.on('error', reject);
        req.end('{"a":1}');
      });
      expect(answer).toEqual({ status: 201, echo: 'POST 7' });
      expect(server.connections()).toBe(1);
      expect(server.requests).toEqual([
        {
          method: 'POST',
          path: '/web/api/v2.1/sites?limit=1',
          headers: expect.objectContaining({ authorization: 'ApiToken right' }),
          body: Buffer.from('{"a":1}'),
          servername: 'tenant.sentinelone.test',
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('closes even with a request its handler never answers', async () => {
    const server = await startHttpsServer(() => {});
    const req = request(`${server.url}/`, { ca: testTls().trusted.ca });
    req.on('error', () => {});
    req.end();
    await expect.poll(() => server.requests.length).toBe(1);
    await server.close();
  });
});
