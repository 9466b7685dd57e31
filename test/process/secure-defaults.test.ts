import { statSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reply } from '../support/app.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir, until } from '../support/server.js';

const env = {
  KEYWARD_ADMIN_PASSWORD: 'secure-defaults-admin-password',
  KEYWARD_BODY_LIMIT: '1024',
  // The most verbose level, so that the log scan sees everything the server could ever log.
  KEYWARD_LOG_LEVEL: 'trace',
};
rememberSecret(env.KEYWARD_ADMIN_PASSWORD);

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
};

let server: Serve;
let admin: { bearer: string };
let key: string;
let orgId: string;

beforeAll(async () => {
  server = await startServe(join(tempDir(), 'data'), { env });
  admin = { bearer: await server.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) };
  orgId = (await server.request('POST', '/v1/organizations', { auth: admin, body: { name: 'Safe' } })).body
    .id;
  key = (
    await server.request('POST', `/v1/organizations/${orgId}/apikeys`, {
      auth: admin,
      body: { name: 'k', role: 'member' },
    })
  ).body.apiKey;
}, 60_000);
afterAll(cleanupServe);

/** A request through node:http, which sends the path and headers exactly as given. */
function raw(path: string, headers: Record<string, string | string[]> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const method = body === undefined ? 'GET' : 'POST';
    const target = { host: '127.0.0.1', port: server.port, method, path, headers, agent: false };
    const req = httpRequest(target, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: null, text }));
    });
    req.once('error', reject);
    req.end(body);
  });
}

function connectOutcome(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve('timeout');
    });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('secure defaults (PRODUCT.md §11)', () => {
  it('listens on 127.0.0.1 only when no host is configured', async () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(await connectOutcome('127.0.0.1', server.port)).toBe('connected');
    // Linux routes all of 127/8 to the loopback interface: a server bound to every address would answer here.
    expect(await connectOutcome('127.0.0.2', server.port)).toBe('ECONNREFUSED');
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((address) => address && !address.internal && address.family === 'IPv4');
    for (const address of external) {
      expect(await connectOutcome(address?.address ?? '', server.port)).not.toBe('connected');
    }
  });

  it('puts the security headers on every kind of response', async () => {
    const replies: Record<string, Reply> = {
      health: await server.request('GET', '/healthz'),
      ready: await server.request('GET', '/readyz'),
      metrics: await server.request('GET', '/metrics'),
      openapi: await server.request('GET', '/openapi.json'),
      docs: await server.request('GET', '/docs'),
      signedIn: await server.request('POST', '/v1/auth/token', {
        auth: { basic: ['admin', env.KEYWARD_ADMIN_PASSWORD] },
      }),
      badPassword: await server.request('POST', '/v1/auth/token', {
        auth: { basic: ['admin', 'wrong-pw-1'] },
      }),
      withKey: await server.request('GET', '/v1/me', { auth: { key } }),
      noCredentials: await server.request('GET', '/v1/me'),
      created: await server.request('POST', '/v1/users', {
        auth: admin,
        body: { username: 'headers', password: 'headers-password-1' },
      }),
      badJson: await server.request('POST', '/v1/users', { auth: admin, body: '{"username":' }),
      unknownField: await server.request('POST', '/v1/users', {
        auth: admin,
        body: { username: 'x', nope: 1 },
      }),
      wrongType: await server.request('POST', '/v1/users', {
        auth: admin,
        body: 'username=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      tooLarge: await server.request('POST', '/v1/users', {
        auth: admin,
        body: { username: 'x'.repeat(2000) },
      }),
      noRoute: await server.request('GET', '/v1/nothing-here', { auth: admin }),
      noKey: await server.request('GET', '/v1/apikeys/key_0000000000000000000000', { auth: admin }),
      noMethod: await server.request('DELETE', '/healthz', { auth: admin }),
      // Node answers an unknown expectation itself, before any handler, unless told otherwise (and fetch
      // refuses to send one).
      expectation: await raw('/v1/me', { authorization: `Key ${key}`, expect: 'x-unknown' }),
    };
    const statuses = Object.fromEntries(Object.entries(replies).map(([name, reply]) => [name, reply.status]));
    expect(statuses).toEqual({
      health: 200,
      ready: 200,
      metrics: 200,
      openapi: 200,
      docs: 200,
      signedIn: 200,
      badPassword: 401,
      withKey: 200,
      noCredentials: 401,
      created: 201,
      badJson: 400,
      unknownField: 400,
      wrongType: 415,
      tooLarge: 413,
      noRoute: 404,
      noKey: 404,
      noMethod: 404,
      expectation: 417,
    });
    expect(JSON.parse(replies.expectation?.text ?? '')).toMatchObject({
      success: false,
      error: { code: 'EXPECTATION_FAILED', message: 'expect: only 100-continue is supported' },
    });
    for (const [name, reply] of Object.entries(replies)) {
      expect({ name, ...reply.headers }).toMatchObject({ name, ...SECURITY_HEADERS });
      if (name !== 'docs')
        expect({ name, ...reply.headers }).toMatchObject({ name, 'cache-control': 'no-store' });
    }
  });

  it('answers a malformed URL with the headers and the one error shape, without echoing it', async () => {
    // The URL holds a key, as a careless client might send it.
    const reply = await raw(`/v1/apikeys/${key}%E0%A4%A`, { authorization: `Bearer ${admin.bearer}` });
    expect(reply.status).toBe(400);
    expect(reply.headers).toMatchObject(SECURITY_HEADERS);
    expect(JSON.parse(reply.text)).toMatchObject({ success: false, error: { code: 'INVALID_REQUEST' } });
    expect(reply.text).not.toContain(key);
  });

  it('logs none of the secrets a request carries, wherever the request puts them', async () => {
    const unknownKey = `kw_unknown-${'s'.repeat(32)}`;
    const cookie = 'session-cookie-secret-value';
    const forged = `${admin.bearer.slice(0, -4)}AAAA`;
    for (const secret of [unknownKey, cookie, forged]) rememberSecret(secret);
    const requestLines = () => server.logLines().filter((line) => line.msg === 'request').length;
    const linesBefore = requestLines();
    const replies = [
      await raw(`/v1/apikeys/${key}`, { authorization: `Bearer ${admin.bearer}` }),
      await raw(`/v1/me?api_key=${key}&token=${admin.bearer}`, { authorization: `Key ${key}` }),
      await raw(`/v1/me?${key}=1`, { authorization: `Key ${key}` }),
      await raw('/v1/me', { 'x-api-key': unknownKey, cookie: `session=${cookie}` }),
      await raw('/v1/me', { 'x-api-key': [key, unknownKey] }),
      await raw('/v1/me', { authorization: `Bearer ${forged}` }),
      await raw(
        '/v1/keys/verify',
        { authorization: `Key ${key}`, 'content-type': 'application/json' },
        `{"key":"${key}"`,
      ),
      await raw(
        '/v1/users',
        { authorization: `Bearer ${admin.bearer}`, 'content-type': 'application/json' },
        JSON.stringify({ username: 'leaky', password: 'short', apiKey: key }),
      ),
    ];
    // Unknown query parameters are refused, and the answer names them only when the name is no secret.
    expect(replies.map((reply) => reply.status)).toEqual([
      400,
      400,
      400,
      401,
      expect.any(Number),
      401,
      400,
      400,
    ]);
    // A doubled x-api-key must never authenticate, even when one of its values is a valid key.
    expect([400, 401]).toContain(replies[4]?.status);
    // A request's log line is written once its answer has gone out, so it may lag behind the answer.
    await until(() => requestLines() >= linesBefore + replies.length, 5000, 'the request lines');
    const logged = `${server.log()}\n${server.stderr()}`;
    const answered = replies.map((reply) => reply.text).join('\n');
    for (const secret of [key, admin.bearer, unknownKey, cookie, forged, env.KEYWARD_ADMIN_PASSWORD]) {
      expect(logged).not.toContain(secret);
      expect(answered).not.toContain(secret);
    }
  });

  it('refuses a doubled credential header with 400 naming it, instead of picking one', async () => {
    const doubled = await raw('/v1/me', {
      authorization: [`Key ${key}`, 'Key kw_someone-elses-key-0000000000000'],
    });
    expect(doubled.status).toBe(400);
    expect(JSON.parse(doubled.text).error.message).toMatch(/^authorization: must appear at most once/);
    const twice = await raw('/v1/me', { 'x-api-key': [key, key] });
    expect(twice.status).toBe(400);
    expect(JSON.parse(twice.text).error.message).toMatch(/^x-api-key: must appear at most once/);
  });

  it('answers a request Node cannot parse in the one error shape, with the security headers', async () => {
    const text = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk) => {
        received += chunk;
      });
      socket.once('end', () => resolve(received));
      socket.once('error', reject);
      socket.end('THIS IS NOT HTTP\r\n\r\n');
    });
    const [head = '', body = ''] = text.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 /);
    expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
    expect(JSON.parse(body)).toMatchObject({ success: false, error: { code: 'INVALID_REQUEST' } });
  });

  it('keeps the database files readable by their owner only', async () => {
    for (const name of ['keyward.db', 'keyward.db-wal', 'secrets.json']) {
      expect((statSync(join(server.dataDir, name)).mode & 0o777).toString(8), name).toBe('600');
    }
  });
});
