import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { rememberSecret } from '../support/secrets.js';
import { useWorld } from '../support/world.js';

const ctx = useWorld();

/** The value of `keyward_store_queries_total` as /metrics reports it now. */
async function storeQueries(): Promise<number> {
  const metrics = await ctx.t.request('GET', '/metrics');
  const match = /^keyward_store_queries_total (\d+)$/m.exec(metrics.text);
  if (!match?.[1]) throw new Error(`no keyward_store_queries_total in:\n${metrics.text}`);
  return Number(match[1]);
}

describe('keyward_store_queries_total', () => {
  it('rises with a request the store answers, and not with a verification the cache answers', async () => {
    const caller = { key: ctx.w.keys.bob.secret };
    const verify = () =>
      ctx.t.request('POST', '/v1/keys/verify', { auth: caller, body: { key: ctx.w.keys.alice.secret } });
    expect((await verify()).body.code).toBe('VALID');

    const beforeCached = await storeQueries();
    const again = await verify();
    expect(again.body.code).toBe('VALID');
    expect(await storeQueries()).toBe(beforeCached);

    const beforeRead = await storeQueries();
    const org = await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}`, { auth: caller });
    expect(org.status).toBe(200);
    expect(await storeQueries()).toBeGreaterThan(beforeRead);
  });
});

describe('GET /metrics with KEYWARD_METRICS_TOKEN', () => {
  const token = 'metrics-token-for-tests-0123456789';
  rememberSecret(token);
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(undefined, { KEYWARD_METRICS_TOKEN: token });
  });
  afterAll(() => t.close());

  it('answers only that bearer token, compared whole', async () => {
    const read = (headers: Record<string, string>) => t.request('GET', '/metrics', { headers });
    const refused = await read({});
    expect(refused.status).toBe(401);
    expect(refused.body.error.code).toBe('UNAUTHORIZED');
    expect(refused.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect((await read({ authorization: `Bearer ${token.slice(0, -1)}` })).status).toBe(401);
    expect((await read({ authorization: `Bearer ${token}x` })).status).toBe(401);
    expect((await read({ authorization: `Key ${token}` })).status).toBe(401);
    const allowed = await read({ authorization: `Bearer ${token}` });
    expect(allowed.status).toBe(200);
    expect(allowed.text).toMatch(/^keyward_store_queries_total \d+$/m);
  });

  it('stays public without the setting', async () => {
    expect((await ctx.t.request('GET', '/metrics')).status).toBe(200);
  });
});
