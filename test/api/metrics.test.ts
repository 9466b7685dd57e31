import { describe, expect, it } from 'vitest';
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
