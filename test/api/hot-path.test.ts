import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { setImmediate as nextLoop } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/format.js';
import { until } from '../support/server.js';
import { useWorld } from '../support/world.js';

// The tests' usual debug logging: the hot path answers at every log level, and logs as Fastify does.
// A long flush interval keeps lastUsedAt still between the two answers a case compares.
const ctx = useWorld({
  KEYWARD_FLUSH_INTERVAL_MS: '60000',
  // Many cases fail authentication on purpose, from one address.
  KEYWARD_AUTH_FAILURES_PER_MINUTE: '10000',
});
let base = '';

beforeAll(async () => {
  await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(ctx.t.app.server.address() as AddressInfo).port}`;
});

interface Case {
  name: string;
  method: 'GET' | 'POST';
  url: () => string;
  headers: () => Record<string, string>;
  body?: () => string;
  /** Whether the hot path answers it; every other request is Fastify's, as if there were no hot path. */
  hot: boolean;
  status: number;
  code?: string;
}

/** Headers that differ between any two answers, or that only a socket has. */
const PER_ANSWER = new Set(['date', 'connection', 'keep-alive', 'x-request-id', 'transfer-encoding']);

interface Answer {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/** The body with the request id blanked: error bodies carry it. */
const comparable = (answer: Answer) => ({
  status: answer.status,
  headers: Object.fromEntries(Object.entries(answer.headers).filter(([name]) => !PER_ANSWER.has(name))),
  text: answer.text.replace(/req_[0-9A-Za-z]{22}/g, 'req_…'),
});

/** Over a real socket: the way every client comes in, through the hot path. */
async function overHttp(c: Case): Promise<Answer> {
  const response = await fetch(`${base}${c.url()}`, {
    method: c.method,
    headers: c.headers(),
    ...(c.body ? { body: c.body() } : {}),
  });
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    text: await response.text(),
  };
}

/** Through Fastify alone: app.inject() never meets the server, so never the hot path. */
async function throughFastify(c: Case): Promise<Answer> {
  const response = await ctx.t.app.inject({
    method: c.method,
    url: c.url(),
    headers: c.headers(),
    ...(c.body ? { payload: c.body() } : {}),
  });
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(response.headers)) headers[name] = String(value);
  return { status: response.statusCode, headers, text: response.body };
}

const key = (secret: () => string) => () => ({ authorization: `Key ${secret()}` });
const json = (secret: () => string) => () => ({ ...key(secret)(), 'content-type': 'application/json' });
const verifyBody =
  (presented: () => string, extra: object = {}) =>
  () =>
    JSON.stringify({ key: presented(), ...extra });
const w = () => ctx.w;
const own = () => `/v1/apikeys/${w().keys.bob.id}`;
const verify = '/v1/keys/verify';
const service = () => w().keys.service.secret;

const cases: Case[] = [
  // GET /v1/apikeys/{id}
  {
    name: 'a member reads their own key',
    method: 'GET',
    url: own,
    headers: key(() => w().keys.bob.secret),
    hot: true,
    status: 200,
  },
  {
    name: 'with x-api-key',
    method: 'GET',
    url: own,
    headers: () => ({ 'x-api-key': w().keys.bob.secret }),
    hot: true,
    status: 200,
  },
  {
    name: 'with Bearer and a key',
    method: 'GET',
    url: own,
    headers: () => ({ authorization: `Bearer ${w().keys.bob.secret}` }),
    hot: true,
    status: 200,
  },
  {
    name: "an admin key reads a member's key",
    method: 'GET',
    url: own,
    headers: key(() => w().keys.alice.secret),
    hot: true,
    status: 200,
  },
  {
    name: "a member reads an admin's key",
    method: 'GET',
    url: () => `/v1/apikeys/${w().keys.alice.id}`,
    headers: key(() => w().keys.bob.secret),
    hot: false,
    status: 404,
  },
  {
    name: "another organization's admin",
    method: 'GET',
    url: own,
    headers: key(() => w().keys.carol.secret),
    hot: false,
    status: 404,
  },
  {
    name: 'a scoped key without apikeys:read',
    method: 'GET',
    url: () => `/v1/apikeys/${w().keys.wrongScope.id}`,
    headers: key(() => w().keys.wrongScope.secret),
    hot: false,
    status: 403,
  },
  {
    name: 'a revoked key',
    method: 'GET',
    url: own,
    headers: key(() => w().keys.revoked.secret),
    hot: false,
    status: 401,
  },
  {
    name: 'an expired key',
    method: 'GET',
    url: own,
    headers: key(() => w().keys.expired.secret),
    hot: false,
    status: 401,
  },
  {
    name: 'a disabled owner',
    method: 'GET',
    url: () => `/v1/apikeys/${w().keys.disabledOwner.id}`,
    headers: key(() => w().keys.disabledOwner.secret),
    hot: false,
    status: 401,
  },
  {
    name: 'an unknown key',
    method: 'GET',
    url: own,
    headers: key(() => generateKey('acme')),
    hot: false,
    status: 401,
  },
  { name: 'no credential', method: 'GET', url: own, headers: () => ({}), hot: false, status: 401 },
  {
    name: 'both credential headers',
    method: 'GET',
    url: own,
    headers: () => ({ ...key(() => w().keys.bob.secret)(), 'x-api-key': w().keys.bob.secret }),
    hot: false,
    status: 400,
  },
  {
    name: 'an access token',
    method: 'GET',
    url: own,
    headers: () => ({ authorization: `Bearer ${w().tokens.bob}` }),
    hot: false,
    status: 200,
  },
  {
    name: 'a query string',
    method: 'GET',
    url: () => `${own()}?expand=1`,
    headers: key(() => w().keys.bob.secret),
    hot: false,
    status: 400,
  },
  {
    name: 'an id of the wrong shape',
    method: 'GET',
    url: () => '/v1/apikeys/key_short',
    headers: key(() => w().keys.bob.secret),
    hot: false,
    status: 400,
  },
  {
    name: 'an id no key has',
    method: 'GET',
    url: () => `/v1/apikeys/key_${'0'.repeat(22)}`,
    headers: key(() => w().keys.alice.secret),
    hot: false,
    status: 404,
  },
  { name: 'HEAD', method: 'GET', url: own, headers: key(() => w().keys.bob.secret), hot: true, status: 200 },
  // POST /v1/keys/verify, by the service user's member key
  {
    name: 'a valid key',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.bob.secret),
    hot: true,
    status: 200,
    code: 'VALID',
  },
  {
    name: 'a charset in the content type',
    method: 'POST',
    url: () => verify,
    headers: () => ({ ...json(service)(), 'content-type': 'application/json; charset=utf-8' }),
    body: verifyBody(() => w().keys.bob.secret),
    hot: true,
    status: 200,
    code: 'VALID',
  },
  {
    name: 'permissions the key holds',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.bob.secret, { permissions: ['apikeys:read'] }),
    hot: true,
    status: 200,
    code: 'VALID',
  },
  {
    name: 'permissions the key lacks',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.bob.secret, { permissions: ['members:write'] }),
    hot: true,
    status: 200,
    code: 'INSUFFICIENT_PERMISSIONS',
  },
  {
    name: 'a revoked key',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.revoked.secret),
    hot: true,
    status: 200,
    code: 'REVOKED',
  },
  {
    name: 'an expired key',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.expired.secret),
    hot: true,
    status: 200,
    code: 'EXPIRED',
  },
  {
    name: 'a key whose owner is disabled',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.disabledOwner.secret),
    hot: true,
    status: 200,
    code: 'OWNER_DISABLED',
  },
  {
    name: "another organization's key",
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.carol.secret),
    hot: true,
    status: 200,
    code: 'NOT_FOUND',
  },
  {
    name: 'a malformed key',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => 'acme_short'),
    hot: true,
    status: 200,
    code: 'MALFORMED',
  },
  {
    name: 'a key never issued',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => generateKey('acme')),
    hot: true,
    status: 200,
    code: 'NOT_FOUND',
  },
  {
    name: 'an unknown field',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: verifyBody(() => w().keys.bob.secret, { extra: 1 }),
    hot: false,
    status: 400,
  },
  {
    name: 'a key of the wrong type',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: () => '{"key":42}',
    hot: false,
    status: 400,
  },
  {
    name: 'JSON cut short',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: () => '{"key":"acme_',
    hot: false,
    status: 400,
  },
  {
    name: 'a prototype key',
    method: 'POST',
    url: () => verify,
    headers: json(service),
    body: () => '{"key":"x","__proto__":{"a":1}}',
    hot: false,
    status: 400,
  },
  {
    name: 'text/plain',
    method: 'POST',
    url: () => verify,
    headers: () => ({ ...key(service)(), 'content-type': 'text/plain' }),
    body: verifyBody(() => w().keys.bob.secret),
    hot: false,
    status: 415,
  },
  {
    name: 'a caller without keys:verify',
    method: 'POST',
    url: () => verify,
    headers: json(() => w().keys.wrongScope.secret),
    body: verifyBody(() => w().keys.bob.secret),
    hot: false,
    status: 403,
  },
  {
    name: 'a revoked caller',
    method: 'POST',
    url: () => verify,
    headers: json(() => w().keys.revoked.secret),
    body: verifyBody(() => w().keys.bob.secret),
    hot: false,
    status: 401,
  },
  {
    name: 'no caller',
    method: 'POST',
    url: () => verify,
    headers: () => ({ 'content-type': 'application/json' }),
    body: verifyBody(() => w().keys.bob.secret),
    hot: false,
    status: 401,
  },
  {
    name: 'an access token caller',
    method: 'POST',
    url: () => verify,
    headers: () => ({ authorization: `Bearer ${w().tokens.alice}`, 'content-type': 'application/json' }),
    body: verifyBody(() => w().keys.bob.secret),
    hot: false,
    status: 200,
    code: 'VALID',
  },
];

describe('the hot path', () => {
  it('answers every case exactly as Fastify does, and answers only what it should', async () => {
    // Authenticating once through Fastify puts every caller's key in memory, as in a running server.
    for (const c of cases) await throughFastify(c);
    for (const c of cases) {
      const before = ctx.t.deps.metrics.hotPathRequests;
      const method = c.name === 'HEAD' ? 'HEAD' : c.method;
      const hot = await overHttp({ ...c, method: method as Case['method'] });
      const answered = ctx.t.deps.metrics.hotPathRequests - before;
      const plain = await throughFastify({ ...c, method: method as Case['method'] });
      expect(comparable(hot), c.name).toEqual(comparable(plain));
      expect(hot.status, c.name).toBe(c.status);
      if (c.code) expect(JSON.parse(hot.text).code, c.name).toBe(c.code);
      expect(answered, `${c.name}: answered by the hot path`).toBe(c.hot && method !== 'HEAD' ? 1 : 0);
      expect(hot.headers['x-request-id'], c.name).toMatch(/^req_[0-9A-Za-z]{22}$/);
    }
  });

  it('writes key records in ASCII, which any JSON parser reads back as the same text', async () => {
    const c = cases[0] as Case;
    const before = ctx.t.deps.metrics.hotPathRequests;
    const hot = await overHttp(c);
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before + 1);
    expect(hot.text).toMatch(/^[\x20-\x7e]+$/);
    expect(hot.text).toContain('\\u2026"');
    expect(Number(hot.headers['content-length'])).toBe(hot.text.length);
    expect(JSON.parse(hot.text).hint).toBe(`${w().keys.bob.secret.slice(0, 9)}…`);

    // Text beyond the Basic Multilingual Plane goes out as a pair of escapes, and reads back whole.
    const name = 'Schlüssel 🔑 für Zürich';
    const created = await ctx.t.request('POST', `/v1/organizations/${w().orgA}/apikeys`, {
      auth: { bearer: w().tokens.alice },
      body: { name, role: 'member', meta: { city: 'Zürich', note: '鍵' } },
    });
    const read: Case = {
      ...c,
      url: () => `/v1/apikeys/${created.body.id}`,
      headers: key(() => created.body.apiKey),
    };
    await throughFastify(read);
    const again = ctx.t.deps.metrics.hotPathRequests;
    const record = await overHttp(read);
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(again + 1);
    expect(record.text).toMatch(/^[\x20-\x7e]+$/);
    expect(record.text).toContain('\\ud83d\\udd11');
    expect(JSON.parse(record.text)).toMatchObject({ name, meta: { city: 'Zürich', note: '鍵' } });
    expect(comparable(record)).toEqual(comparable(await throughFastify(read)));
  });

  it('hands a body it read to the route when only the store knows the key', async () => {
    ctx.t.deps.cache.clear();
    const c = cases.find((one) => one.name === 'a valid key') as Case;
    // The caller's own key is no longer in memory: Fastify authenticates it from the store.
    const before = ctx.t.deps.metrics.hotPathRequests;
    expect(JSON.parse((await overHttp(c)).text).code).toBe('VALID');
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before);
    // Now the caller is in memory but the presented key is not: the body is read, then handed over.
    ctx.t.deps.cache.invalidateKey(w().keys.bob.id);
    const again = await overHttp(c);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.text).code).toBe('VALID');
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before);
    // And then both are.
    expect(JSON.parse((await overHttp(c)).text).code).toBe('VALID');
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before + 1);
  });

  it('drops a client that leaves mid-body, unanswered, and keeps answering', async () => {
    const c = cases.find((one) => one.name === 'a valid key') as Case;
    const before = ctx.t.deps.metrics.hotPathRequests;
    const received = new Promise<IncomingMessage>((resolve) => ctx.t.app.server.once('request', resolve));
    const body = (c.body as () => string)();
    const head = Object.entries(c.headers())
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    const socket = connect((ctx.t.app.server.address() as AddressInfo).port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk;
    });
    socket.write(`POST ${verify} HTTP/1.1\r\nhost: x\r\n${head}content-length: ${body.length}\r\n\r\n`);
    socket.write(body.slice(0, 10));
    const request = await received;
    const closed = new Promise((resolve) => request.once('close', resolve));
    socket.destroy();
    await closed;
    // Node has had its turn to emit an 'error' on the request: with no listener it emits none.
    await nextLoop();
    await nextLoop();
    expect(answer).toBe('');
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before);
    expect(JSON.parse((await overHttp(c)).text).code).toBe('VALID');
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before + 1);
  });

  it('counts rate limits and quotas as the route does', async () => {
    const created = await ctx.t.request('POST', `/v1/organizations/${w().orgA}/apikeys`, {
      auth: { bearer: w().tokens.alice },
      body: { name: 'limited', role: 'member', ratelimit: { limit: 2, duration: 60_000 } },
    });
    const c: Case = {
      ...(cases.find((one) => one.name === 'a valid key') as Case),
      body: verifyBody(() => created.body.apiKey),
    };
    const codes = [];
    for (let i = 0; i < 3; i++) codes.push(JSON.parse((await overHttp(c)).text));
    expect(codes.map((answer) => [answer.code, answer.ratelimit.remaining])).toEqual([
      ['VALID', 1],
      ['VALID', 0],
      ['RATE_LIMITED', 0],
    ]);
  });

  it('logs each answer at debug as Fastify would: the route pattern, never the URL', async () => {
    const c = cases[0] as Case;
    const before = ctx.t.deps.metrics.hotPathRequests;
    const answer = await overHttp(c);
    expect(ctx.t.deps.metrics.hotPathRequests).toBe(before + 1);
    const id = answer.headers['x-request-id'];
    await until(() => readFileSync(ctx.t.logFile, 'utf8').includes(id as string), 2000, 'the request line');
    const line = readFileSync(ctx.t.logFile, 'utf8')
      .split('\n')
      .find((text) => text.includes(`"reqId":"${id}"`));
    expect(JSON.parse(line as string)).toMatchObject({
      level: 20,
      method: 'GET',
      url: '/v1/apikeys/:keyId',
      status: 200,
      msg: 'request',
    });
  });

  it('sees a revocation at once', async () => {
    const c = cases[0] as Case;
    expect((await overHttp(c)).status).toBe(200);
    const revoke = await ctx.t.request('DELETE', `/v1/apikeys/${w().keys.bob.id}`, {
      auth: { bearer: w().tokens.alice },
    });
    expect(revoke.status).toBe(200);
    expect((await overHttp(c)).status).toBe(401);
  });
});

describe('the hot path setting', () => {
  const off = useWorld({ KEYWARD_HOT_PATH: 'off' });

  it('off, leaves every request to Fastify, with the same answers', async () => {
    await off.t.app.listen({ host: '127.0.0.1', port: 0 });
    const url = `http://127.0.0.1:${(off.t.app.server.address() as AddressInfo).port}/v1/apikeys/${off.w.keys.alice.id}`;
    const headers = { authorization: `Key ${off.w.keys.alice.secret}` };
    for (let i = 0; i < 3; i++) expect((await fetch(url, { headers })).status).toBe(200);
    expect(off.t.deps.metrics.hotPathRequests).toBe(0);
  });
});
