import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupServe, startServe, tempDir, until } from '../support/server.js';
import { FRAMEWORKS, type ProtectedApp, startApp } from './apps.js';
import { ENV, type Keyward, startKeyward } from './keyward.js';
import { type KeywardProxy, startProxy } from './proxy.js';

// Issue 20: the middleware for Fastify, Express and Hono, each on its real framework, in front of a
// real `keyward serve`. A counting proxy between them (proxy.ts) shows which answers came from the
// middleware's cache, and cuts the revocation stream when a test needs it cut.

let keyward: Keyward;
beforeAll(async () => {
  keyward = await startKeyward(join(tempDir(), 'data'));
}, 60_000);
afterAll(cleanupServe);

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: any;
}

async function get(app: ProtectedApp, path: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${app.url}${path}`, { headers });
  const text = await response.text();
  return { status: response.status, headers: Object.fromEntries(response.headers), body: JSON.parse(text) };
}

const withKey = (key: string) => ({ authorization: `Key ${key}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the app's revocation stream is up: the proxy forwarded its `ready` event. */
async function streamUp(proxy: KeywardProxy, before = 0): Promise<void> {
  await until(() => proxy.readyEvents() > before, 15_000, 'the revocation stream');
  // The app reads the event a moment after the proxy forwards it.
  await sleep(100);
}

/** Asks every 50 ms, within a bound, until the app refuses the key; answers how long that took. */
async function refusedWithin(app: ProtectedApp, key: string, boundMs: number, since: number) {
  for (;;) {
    const answer = await get(app, '/documents', withKey(key));
    const elapsed = performance.now() - since;
    if (answer.status !== 200) return { answer, elapsed };
    if (elapsed > boundMs) throw new Error(`the key was still let through ${Math.round(elapsed)} ms after`);
    await sleep(50);
  }
}

/** Keyward's one error shape; `requestId`, when there is one, names the verification Keyward logged. */
function expectError(answer: Answer, status: number, code: string) {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toMatch(/^application\/json/);
  expect(answer.body).toMatchObject({ success: false, error: { code, message: expect.any(String) } });
  expect(Object.keys(answer.body)).toEqual(['success', 'error']);
  for (const field of Object.keys(answer.body.error))
    expect(['code', 'message', 'requestId']).toContain(field);
}

describe.each(FRAMEWORKS)('the %s middleware', (framework) => {
  let proxy: KeywardProxy;
  let app: ProtectedApp;
  let reader: { id: string; apiKey: string; ownerId: string };

  beforeAll(async () => {
    proxy = await startProxy(keyward.server.url);
    app = await startApp(framework, { url: proxy.url, key: keyward.serviceKey });
    reader = await keyward.issue({
      name: `${framework} reader`,
      scopes: ['documents:read'],
      meta: { team: 'a' },
    });
    await streamUp(proxy);
  }, 30_000);
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
  });

  it('lets a key with the permission through, with its details on the request, in each header form', async () => {
    const expected = {
      id: reader.id,
      ownerId: reader.ownerId,
      organizationId: keyward.orgId,
      role: 'member',
      permissions: ['documents:read'],
      expiresAt: null,
      meta: { team: 'a' },
    };
    const forms: Record<string, string>[] = [
      { authorization: `Key ${reader.apiKey}` },
      { authorization: `Bearer ${reader.apiKey}` },
      { 'x-api-key': reader.apiKey },
    ];
    for (const headers of forms) {
      const answer = await get(app, '/documents', headers);
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ key: expected });
    }
    expect((await get(app, '/me', withKey(reader.apiKey))).body).toEqual({ key: expected });
  });

  it('gives handlers a key they cannot change, so that no change reaches the requests served after', async () => {
    const shared = await keyward.issue({
      name: `${framework} shared`,
      scopes: ['documents:read'],
      meta: { team: 'a' },
    });
    const before = await get(app, '/me', withKey(shared.apiKey));
    expect(before.body.key).toMatchObject({ permissions: ['documents:read'], role: 'member' });
    const calls = proxy.verifyCalls();
    // The first request verified the key; this one and the next are answered from the cache.
    expect((await get(app, '/tamper', withKey(shared.apiKey))).body).toEqual({
      refused: ['push a permission', 'change the role', 'change the meta'],
    });
    expect(await get(app, '/me', withKey(shared.apiKey))).toMatchObject({ status: 200, body: before.body });
    expect(proxy.verifyCalls()).toBe(calls);
  });

  it('answers 403 to a valid key without the permission', async () => {
    const writer = await keyward.issue({ name: `${framework} writer`, scopes: ['documents:write'] });
    const answer = await get(app, '/documents', withKey(writer.apiKey));
    expectError(answer, 403, 'FORBIDDEN');
    expect(answer.body.error.message).toContain('documents:read');
    // A route that asks for no permission takes it.
    expect((await get(app, '/me', withKey(writer.apiKey))).status).toBe(200);
  });

  it("answers 401 in Keyward's error shape to no key, a bad key and a revoked key, and 400 to contradictory headers", async () => {
    const calls = proxy.verifyCalls();
    expectError(await get(app, '/documents'), 401, 'UNAUTHORIZED');
    expectError(
      await get(app, '/documents', { authorization: `Basic ${reader.apiKey}` }),
      401,
      'UNAUTHORIZED',
    );
    // Headers that contradict each other are Keyward's 400, not a guess at which key was meant.
    expectError(
      await get(app, '/documents', { authorization: `Key ${reader.apiKey}`, 'x-api-key': reader.apiKey }),
      400,
      'INVALID_REQUEST',
    );
    // None of those needed Keyward.
    expect(proxy.verifyCalls()).toBe(calls);
    const bad = await get(app, '/documents', withKey('docs_thisisnotakeythatkeywardhasissued0000'));
    expectError(bad, 401, 'UNAUTHORIZED');
    expect(bad.body.error).toEqual({
      code: 'UNAUTHORIZED',
      message: 'The API key is not valid',
      requestId: expect.stringMatching(/^req_/),
    });
  });

  it('answers a key it has seen from its cache, with no call to Keyward, and a bad one too', async () => {
    const fresh = await keyward.issue({ name: `${framework} cached`, scopes: ['documents:read'] });
    const calls = proxy.verifyCalls();
    expect((await get(app, '/documents', withKey(fresh.apiKey))).status).toBe(200);
    expect(proxy.verifyCalls()).toBe(calls + 1);
    for (let i = 0; i < 5; i++)
      expect((await get(app, '/documents', withKey(fresh.apiKey))).status).toBe(200);
    const bad = withKey('docs_anotherkeythatkeywardneverissued00000');
    expect((await get(app, '/documents', bad)).status).toBe(401);
    expect((await get(app, '/documents', bad)).status).toBe(401);
    expect(proxy.verifyCalls()).toBe(calls + 2);
  });

  it('never answers a rate-limited key from its cache, and answers 429 with its RateLimit fields once spent', async () => {
    const limited = await keyward.issue({
      name: `${framework} limited`,
      scopes: ['documents:read'],
      ratelimit: { limit: 2, duration: 60_000 },
    });
    const calls = proxy.verifyCalls();
    const first = await get(app, '/documents', withKey(limited.apiKey));
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit-policy']).toBe('"key";q=2;w=60');
    expect(first.headers.ratelimit).toMatch(/^"key";r=1;t=\d+$/);
    expect((await get(app, '/documents', withKey(limited.apiKey))).status).toBe(200);
    const spent = await get(app, '/documents', withKey(limited.apiKey));
    expectError(spent, 429, 'RATE_LIMITED');
    expect(spent.headers.ratelimit).toMatch(/^"key";r=0;t=\d+$/);
    expect(Number(spent.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(spent.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(proxy.verifyCalls()).toBe(calls + 3);
  });

  it('never answers a key with a quota from its cache, and answers 429 once the quota is spent', async () => {
    const metered = await keyward.issue({
      name: `${framework} metered`,
      scopes: ['documents:read'],
      quota: { remaining: 2 },
    });
    const calls = proxy.verifyCalls();
    expect((await get(app, '/documents', withKey(metered.apiKey))).status).toBe(200);
    expect((await get(app, '/documents', withKey(metered.apiKey))).status).toBe(200);
    const spent = await get(app, '/documents', withKey(metered.apiKey));
    expectError(spent, 429, 'RATE_LIMITED');
    expect(spent.body.error.message).toBe("The API key's usage quota is spent");
    expect(proxy.verifyCalls()).toBe(calls + 3);
  });

  it('refuses a key revoked through Keyward within 1 s, while other keys are still answered from its cache', async () => {
    const victim = await keyward.issue({ name: `${framework} victim`, scopes: ['documents:read'] });
    expect((await get(app, '/documents', withKey(victim.apiKey))).status).toBe(200);
    expect((await get(app, '/documents', withKey(reader.apiKey))).status).toBe(200);
    const calls = proxy.verifyCalls();
    expect((await get(app, '/documents', withKey(victim.apiKey))).status).toBe(200);
    expect(proxy.verifyCalls()).toBe(calls);

    const since = performance.now();
    await keyward.revoke(victim.id);
    const { answer, elapsed } = await refusedWithin(app, victim.apiKey, 1000, since);
    console.log(`${framework}: the revoked key was refused ${Math.round(elapsed)} ms after the revocation`);
    expectError(answer, 401, 'UNAUTHORIZED');
    expect(answer.body.error.message).toBe('The API key has been revoked');
    // Only the revoked key was asked about again; the reader's answer still comes from the cache.
    expect(proxy.verifyCalls()).toBe(calls + 1);
    expect((await get(app, '/documents', withKey(reader.apiKey))).status).toBe(200);
    expect((await get(app, '/documents', withKey(victim.apiKey))).status).toBe(401);
    expect(proxy.verifyCalls()).toBe(calls + 1);
  });

  it('refuses a revoked key within the maximum age when the revocation stream is cut', async () => {
    const maxAgeMs = 2000;
    const cut = await startProxy(keyward.server.url);
    const cutApp = await startApp(framework, { url: cut.url, key: keyward.serviceKey, maxAgeMs });
    try {
      await streamUp(cut);
      const victim = await keyward.issue({ name: `${framework} unheard`, scopes: ['documents:read'] });
      expect((await get(cutApp, '/documents', withKey(victim.apiKey))).status).toBe(200);
      const calls = cut.verifyCalls();
      expect((await get(cutApp, '/documents', withKey(victim.apiKey))).status).toBe(200);
      expect(cut.verifyCalls()).toBe(calls);

      // Silent: the connection stays open and nothing more comes, nor does any new stream get an answer.
      cut.blackHoleEvents();
      const since = performance.now();
      await keyward.revoke(victim.id);
      // Nothing told the app: it still answers from its cache.
      expect((await get(cutApp, '/documents', withKey(victim.apiKey))).status).toBe(200);
      const { answer, elapsed } = await refusedWithin(cutApp, victim.apiKey, maxAgeMs + 1000, since);
      console.log(
        `${framework}: with the stream cut, the revoked key was refused ${Math.round(elapsed)} ms after the revocation (max age ${maxAgeMs} ms)`,
      );
      expectError(answer, 401, 'UNAUTHORIZED');
      expect(cut.verifyCalls()).toBeGreaterThan(calls);
      expect(cut.readyEvents()).toBe(1);
    } finally {
      await cutApp.close();
      await cut.close();
    }
  });
});

describe('with Keyward stopped', () => {
  it('answers 503, lets recent keys through only with a grace period, and recovers by itself', async () => {
    const dataDir = join(tempDir(), 'data');
    const own = await startKeyward(dataDir);
    const proxy = await startProxy(own.server.url);
    const known = await own.issue({ name: 'known', scopes: ['documents:read'] });
    const unseen = await own.issue({ name: 'unseen', scopes: ['documents:read'] });
    const maxAgeMs = 1000;
    const apps = await Promise.all(
      FRAMEWORKS.flatMap((framework) => [
        startApp(framework, { url: proxy.url, key: own.serviceKey, maxAgeMs }),
        startApp(framework, { url: proxy.url, key: own.serviceKey, maxAgeMs, graceMs: 60_000 }),
      ]),
    );
    const strict = apps.filter((_, i) => i % 2 === 0);
    const graced = apps.filter((_, i) => i % 2 === 1);
    try {
      await streamUp(proxy, apps.length - 1);
      for (const app of apps) expect((await get(app, '/documents', withKey(known.apiKey))).status).toBe(200);

      expect((await own.server.stop()).code).toBe(0);
      // Past the max age, the cache no longer answers for the known key.
      await sleep(maxAgeMs + 100);
      for (const app of strict) {
        for (const key of [known, unseen]) {
          const answer = await get(app, '/documents', withKey(key.apiKey));
          expectError(answer, 503, 'UNAVAILABLE');
          expect(answer.headers['retry-after']).toBe('1');
        }
      }
      for (const app of graced) {
        expect((await get(app, '/documents', withKey(known.apiKey))).status).toBe(200);
        expectError(await get(app, '/documents', withKey(unseen.apiKey)), 503, 'UNAVAILABLE');
      }

      const ready = proxy.readyEvents();
      await startServe(dataDir, { env: ENV, args: ['--port', String(own.server.port)] });
      for (const app of strict) {
        const deadline = Date.now() + 15_000;
        while ((await get(app, '/documents', withKey(unseen.apiKey))).status !== 200) {
          if (Date.now() > deadline) throw new Error('the app did not recover within 15 s');
          await sleep(100);
        }
        expect((await get(app, '/documents', withKey(known.apiKey))).status).toBe(200);
      }
      // Each app's revocation stream comes back too, by itself.
      await until(() => proxy.readyEvents() >= ready + apps.length, 20_000, 'every stream to reconnect');
    } finally {
      await Promise.all(apps.map((app) => app.close()));
      await proxy.close();
    }
  }, 60_000);
});
