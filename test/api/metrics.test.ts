import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/format.js';
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

/** Prometheus's own linter, from Debian's `prometheus` package: required in CI, skipped elsewhere. */
function findPromtool(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v promtool'], { encoding: 'utf8' });
  if (found.status === 0) return found.stdout.trim();
  if (process.env.CI === 'true') throw new Error('CI requires promtool (apt-get install -y prometheus)');
  console.warn(
    'skipped: the promtool checks, because promtool is not installed (apt-get install -y prometheus)',
  );
  return null;
}

describe('GET /metrics for an operator', () => {
  const promtool = findPromtool();
  let base = '';
  beforeAll(async () => {
    // The socket project's app listens already; the inject project's is made to, for the hot path.
    if (!ctx.t.app.server.listening) await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(ctx.t.app.server.address() as AddressInfo).port}`;
  });

  /** The samples of one metric family whose labels include every one given. */
  function samples(text: string, name: string, labels: Record<string, string>): number[] {
    return text
      .split('\n')
      .filter((line) => line.startsWith(`${name}{`))
      .filter((line) =>
        Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`)),
      )
      .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
  }

  it('counts requests and their durations by route pattern and status, from either path, never by URL', async () => {
    const caller = { authorization: `Key ${ctx.w.keys.bob.secret}` };
    const before = await (await fetch(`${base}/metrics`)).text();
    const verified = samples(before, 'keyward_http_requests_total', {
      method: 'POST',
      route: '/v1/keys/verify',
      status: '200',
    });
    const verify = await fetch(`${base}/v1/keys/verify`, {
      method: 'POST',
      headers: { ...caller, 'content-type': 'application/json' },
      body: JSON.stringify({ key: ctx.w.keys.alice.secret }),
    });
    expect(((await verify.json()) as { code: string }).code).toBe('VALID');
    const missing = await fetch(`${base}/v1/apikeys/key_0000000000000000000000`, { headers: caller });
    expect(missing.status).toBe(404);
    const unmatched = await fetch(`${base}/v1/no-such-route/${ctx.w.keys.carol.secret}`, { headers: caller });
    expect(unmatched.status).toBe(404);

    const after = await (await fetch(`${base}/metrics`)).text();
    const count = (route: string, status: string, method = 'GET') =>
      samples(after, 'keyward_http_requests_total', { method, route, status }).reduce((a, b) => a + b, 0);
    expect(count('/v1/keys/verify', '200', 'POST')).toBe((verified[0] ?? 0) + 1);
    // The verification was the hot path's to answer (src/http/hot-path.ts), and it counted it.
    const hot = (text: string) => Number(/^keyward_hot_path_requests_total (\d+)$/m.exec(text)?.[1]);
    expect(hot(after)).toBe(hot(before) + 1);
    expect(count('/v1/apikeys/:keyId', '404')).toBeGreaterThanOrEqual(1);
    expect(count('unmatched', '404')).toBeGreaterThanOrEqual(1);
    // The histogram's count agrees with the counter, and its buckets rise to it.
    const buckets = samples(after, 'keyward_http_request_duration_seconds_bucket', {
      method: 'POST',
      route: '/v1/keys/verify',
      status: '200',
    });
    expect(buckets.at(-1)).toBe(count('/v1/keys/verify', '200', 'POST'));
    expect(buckets).toEqual([...buckets].sort((a, b) => a - b));
    expect(after).not.toContain('no-such-route');
    expect(after).not.toContain(ctx.w.keys.carol.secret);
    expect(after).not.toContain('key_0000000000000000000000');
  });

  /** The sum of one metric family's samples whose labels include every one given, as /metrics reads now. */
  async function total(name: string, labels: Record<string, string> = {}): Promise<number> {
    const text = await (await fetch(`${base}/metrics`)).text();
    const found = samples(text, name, labels);
    if (found.length === 0) throw new Error(`no ${name} ${JSON.stringify(labels)} in /metrics`);
    return found.reduce((a, b) => a + b, 0);
  }

  const verifyOver = (key: string) =>
    fetch(`${base}/v1/keys/verify`, {
      method: 'POST',
      headers: { authorization: `Key ${ctx.w.keys.bob.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ key }),
    }).then(async (response) => ((await response.json()) as { code: string }).code);

  it('counts key lookups by how memory or the store answered them, for the cache hit ratio', async () => {
    const lookups = (result: string) => total('keyward_key_lookups_total', { result });
    expect(await verifyOver(ctx.w.keys.alice.secret)).toBe('VALID');
    const before = { hit: await lookups('hit'), miss: await lookups('miss') };
    const n = 20;
    for (let i = 0; i < n; i++) expect(await verifyOver(ctx.w.keys.alice.secret)).toBe('VALID');
    // Both keys of each request (the caller's and the presented one) are cached: every lookup is a hit.
    const hits = (await lookups('hit')) - before.hit;
    expect(hits).toBeGreaterThanOrEqual(2 * n);
    expect((await lookups('miss')) - before.miss).toBe(0);

    // Keys that cannot exist are turned away in memory: an unknown prefix, and the digest filter.
    const filtered = await lookups('filtered');
    expect(await verifyOver(generateKey('zzzz'))).toBe('NOT_FOUND');
    expect(await verifyOver(generateKey('acme'))).toBe('NOT_FOUND');
    expect((await lookups('filtered')) - filtered).toBe(2);

    // A key id the store did not have is remembered: asked again, the negative cache answers.
    const negative = await lookups('negative');
    const missBefore = await lookups('miss');
    const unknownId = 'key_00000000000000000000ab';
    const read = () =>
      fetch(`${base}/v1/apikeys/${unknownId}`, {
        headers: { authorization: `Key ${ctx.w.keys.bob.secret}` },
      });
    expect((await read()).status).toBe(404);
    expect((await read()).status).toBe(404);
    expect((await lookups('miss')) - missBefore).toBe(1);
    expect((await lookups('negative')) - negative).toBe(1);

    // An emptied cache sends both keys of a verification to the store once, then answers from memory.
    ctx.t.deps.cache.clear();
    const misses = await lookups('miss');
    expect(await verifyOver(ctx.w.keys.alice.secret)).toBe('VALID');
    expect((await lookups('miss')) - misses).toBe(2);
  });

  it('times store statements by store and operation, never by their SQL', async () => {
    const store = process.env.KEYWARD_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';
    const count = (operation: string) =>
      total('keyward_store_query_duration_seconds_count', { store, operation });
    const before = { read: await count('read'), write: await count('write') };
    const org = await fetch(`${base}/v1/organizations/${ctx.w.orgA}`, {
      headers: { authorization: `Key ${ctx.w.keys.alice.secret}` },
    });
    expect(org.status).toBe(200);
    expect(await count('read')).toBeGreaterThan(before.read);
    const created = await fetch(`${base}/v1/organizations/${ctx.w.orgA}/apikeys`, {
      method: 'POST',
      headers: { authorization: `Key ${ctx.w.keys.alice.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'timed', role: 'member' }),
    });
    expect(created.status).toBe(201);
    expect(await count('write')).toBeGreaterThan(before.write);
    // Every statement falls in one operation's histogram: their counts add up to the statements run.
    const text = await (await fetch(`${base}/metrics`)).text();
    const timed = samples(text, 'keyward_store_query_duration_seconds_count', { store }).reduce(
      (a, b) => a + b,
    );
    expect(timed).toBe(Number(/^keyward_store_queries_total (\d+)$/m.exec(text)?.[1]));
    const sums = samples(text, 'keyward_store_query_duration_seconds_sum', { store, operation: 'read' });
    expect(sums[0]).toBeGreaterThan(0);
    expect(text).not.toMatch(/keyward_store_query[^\n]*(select|insert|apikeys)/i);
  });

  it('shows the write-behind waiting, and its lag, until it flushes', async () => {
    const usage = (name: string) => total(name, { writer: 'usage' });
    await ctx.t.deps.usage.flush();
    expect(await usage('keyward_write_behind_pending')).toBe(0);
    expect(await usage('keyward_write_behind_lag_seconds')).toBe(0);
    // A key's lastUsedAt is written at most once a minute: a minute later, its next use waits for a flush.
    ctx.t.advance(61_000);
    expect(await verifyOver(ctx.w.keys.alice.secret)).toBe('VALID');
    expect(await usage('keyward_write_behind_pending')).toBeGreaterThanOrEqual(1);
    const lag = await usage('keyward_write_behind_lag_seconds');
    expect(lag).toBeGreaterThan(0);
    expect(lag).toBeLessThan(60);
    await ctx.t.deps.usage.flush();
    expect(await usage('keyward_write_behind_pending')).toBe(0);
    expect(await usage('keyward_write_behind_lag_seconds')).toBe(0);
    expect(await usage('keyward_write_behind_failures_total')).toBe(0);
    expect(await total('keyward_write_behind_pending', { writer: 'failed_auth' })).toBeGreaterThanOrEqual(0);
  });

  it.skipIf(promtool === null)('passes promtool check metrics with no lint problem', async () => {
    const text = await (await fetch(`${base}/metrics`)).text();
    const checked = spawnSync(promtool as string, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(`${checked.stdout}${checked.stderr}`.trim()).toBe('');
    expect(checked.status).toBe(0);
  });
});

describe('the dashboard and alert rules in docs/monitoring', () => {
  const promtool = findPromtool();
  const dir = join(import.meta.dirname, '..', '..', 'docs', 'monitoring');
  const rules = readFileSync(join(dir, 'alerts.yml'), 'utf8');
  const dashboard = JSON.parse(readFileSync(join(dir, 'grafana-dashboard.json'), 'utf8')) as {
    panels: { targets: { expr: string }[] }[];
  };

  it.skipIf(promtool === null)('pass promtool check rules', () => {
    const checked = spawnSync(promtool as string, ['check', 'rules', join(dir, 'alerts.yml')], {
      encoding: 'utf8',
    });
    expect(checked.stdout).toContain('SUCCESS: 9 rules found');
    expect(checked.status, checked.stderr).toBe(0);
  });

  it('name only metrics that /metrics exposes', async () => {
    const text = (await ctx.t.request('GET', '/metrics')).text;
    const exposed = new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((match) => match[1]));
    // A histogram's series are its family's name with a suffix.
    const family = (name: string) => name.replace(/_(bucket|sum|count)$/, '');
    const exprs = [...dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr)), rules];
    // A recording rule's own name (`instance:keyward_…:rate5m`) is no metric of Keyward's.
    const named = new Set(exprs.flatMap((expr) => expr.match(/(?<![:\w])keyward_[a-z0-9_]+/g) ?? []));
    expect(named.size).toBeGreaterThan(8);
    for (const family of [
      'keyward_key_lookups_total',
      'keyward_store_query_duration_seconds_bucket',
      'keyward_store_query_failures_total',
      'keyward_write_behind_lag_seconds',
      'keyward_write_behind_pending',
      'keyward_write_behind_failures_total',
    ])
      expect(named, family).toContain(family);
    expect([...named].filter((name) => !exposed.has(name) && !exposed.has(family(name)))).toEqual([]);
  });
});
