import { describe, expect, it } from 'vitest';
import { GENESIS } from '../../src/audit-chain.js';
import { verifyExport } from '../../src/audit-export.js';
import type { AuditEntry } from '../../src/store/types.js';
import { useWorld } from '../support/world.js';

const ctx = useWorld();

/** An export's lines, parsed: the start line, the entries, the end line. */
const linesOf = (text: string): Record<string, unknown>[] =>
  text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));

async function* each<T>(items: T[]): AsyncIterable<T> {
  yield* items;
}

async function exported(query: string, bearer = ctx.w.tokens.admin) {
  const reply = await ctx.t.request('GET', `/v1/audit/export${query}`, { auth: { bearer } });
  expect(reply.status).toBe(200);
  return linesOf(reply.text);
}

describe('audit log', () => {
  it('records every change with its actor, and the exported chain verifies', async () => {
    const reply = await ctx.t.request('GET', '/v1/audit/export', { auth: { bearer: ctx.w.tokens.admin } });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/^application\/jsonl/);
    const lines = linesOf(reply.text);
    const entries = lines.slice(1, -1) as unknown as AuditEntry[];
    expect(lines[0]).toMatchObject({
      kind: 'keyward.audit.export',
      version: 1,
      chain: 'log',
      orgId: null,
      linked: true,
      anchor: GENESIS,
    });
    expect(lines.at(-1)).toEqual({
      kind: 'keyward.audit.end',
      count: entries.length,
      lastHash: entries.at(-1)?.hash,
    });
    const actions = entries.map((e) => e.action);
    for (const action of [
      'user.created',
      'organization.created',
      'member.added',
      'service_user.created',
      'apikey.created',
      'apikey.revoked',
      'user.disabled',
    ]) {
      expect(actions).toContain(action);
    }
    expect(await verifyExport(each(lines))).toMatchObject({ ok: true, count: entries.length });
  });

  it('shows an edited entry, a removed line, a lost tail and a lost start line', async () => {
    const lines = await exported('');
    const check = (changed: unknown[]) => verifyExport(each(changed));
    const victim = lines[4] as unknown as AuditEntry;
    const edited = lines.with(4, { ...victim, actorId: 'usr_someoneelse' });
    expect(await check(edited)).toMatchObject({ ok: false, problem: 'hash', brokenAt: victim.seq });
    const dropped = lines.filter((_, i) => i !== 3);
    expect(await check(dropped)).toMatchObject({ ok: false, problem: 'link', brokenAt: victim.seq });
    // The last entry gone: every link still holds, but the end line counts one more.
    expect(await check(lines.filter((_, i) => i !== lines.length - 2))).toMatchObject({
      ok: false,
      problem: 'end',
    });
    expect(await check(lines.slice(0, -1))).toMatchObject({ ok: false, problem: 'cut' });
    expect(await check(lines.slice(0, -3))).toMatchObject({ ok: false, problem: 'cut' });
    expect(await check(lines.slice(1))).toMatchObject({ ok: false, problem: 'start' });
    expect(await check([...lines, lines[1]])).toMatchObject({ ok: false, problem: 'after-end' });
  });

  it("checks an organization's export, as its admin takes it, link by link along its own chain", async () => {
    const lines = await exported(`?orgId=${ctx.w.orgA}`, ctx.w.tokens.alice);
    const entries = lines.slice(1, -1) as unknown as AuditEntry[];
    expect(entries.length).toBeGreaterThan(5);
    expect(entries.every((e) => e.orgId === ctx.w.orgA)).toBe(true);
    expect(lines[0]).toMatchObject({
      chain: 'organization',
      orgId: ctx.w.orgA,
      linked: true,
      anchor: GENESIS,
    });
    expect(await verifyExport(each(lines))).toMatchObject({ ok: true, count: entries.length });
    // Other organizations' entries fall between these: the whole log's links do not join them.
    expect(entries.some((e, i) => i > 0 && e.prevHash !== entries[i - 1]?.hash)).toBe(true);

    const dropped = lines.filter((_, i) => i !== 2);
    expect(await verifyExport(each(dropped))).toMatchObject({
      ok: false,
      problem: 'link',
      brokenAt: entries[2]?.seq,
    });
  });

  it('checks a time range from the link of its first entry, and a filter on content entry by entry', async () => {
    const all = (await exported('')).slice(1, -1) as unknown as AuditEntry[];
    const since = all[Math.floor(all.length / 2)]?.at ?? '';
    const range = await exported(`?since=${encodeURIComponent(since)}`);
    const first = range[1] as unknown as AuditEntry;
    expect(range[0]).toMatchObject({ chain: 'log', linked: true, anchor: first.prevHash });
    expect(first.prevHash).not.toBe(GENESIS);
    expect(await verifyExport(each(range))).toMatchObject({ ok: true, count: range.length - 2 });
    expect(await verifyExport(each(range.filter((_, i) => i !== 1)))).toMatchObject({
      ok: false,
      problem: 'link',
    });

    const orgRange = await exported(`?orgId=${ctx.w.orgA}&since=${encodeURIComponent(since)}`);
    expect(await verifyExport(each(orgRange))).toMatchObject({ ok: true, start: { chain: 'organization' } });

    const created = await exported(`?orgId=${ctx.w.orgA}&action=apikey.created`, ctx.w.tokens.alice);
    expect(created[0]).toMatchObject({ chain: 'organization', linked: false, anchor: null });
    expect(await verifyExport(each(created))).toMatchObject({ ok: true, count: created.length - 2 });
    expect(await verifyExport(each(created.filter((_, i) => i !== 2)))).toMatchObject({
      ok: false,
      problem: 'end',
    });
    expect(await verifyExport(each([created[0], created[2], created[1], ...created.slice(3)]))).toMatchObject(
      {
        ok: false,
        problem: 'order',
      },
    );
  });

  it("gives an org admin only their organization's entries", async () => {
    const mine = await ctx.t.request('GET', `/v1/audit?orgId=${ctx.w.orgA}&limit=200`, {
      auth: { bearer: ctx.w.tokens.alice },
    });
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((e: AuditEntry) => e.orgId === ctx.w.orgA)).toBe(true);
    expect((await ctx.t.request('GET', '/v1/audit', { auth: { bearer: ctx.w.tokens.alice } })).status).toBe(
      400,
    );
  });
});

describe('pagination', () => {
  it('walks every key once with cursors, and refuses a forged cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page = await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}/apikeys?limit=2${query}`, {
        auth: { bearer: ctx.w.tokens.alice },
      });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((k: { id: string }) => k.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(7);
    const bad = await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}/apikeys?cursor=not-a-cursor`, {
      auth: { bearer: ctx.w.tokens.alice },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe('querystring.cursor: is not a cursor this API issued');
  });

  it('filters keys by owner, and shows a member only their own', async () => {
    const byOwner = await ctx.t.request(
      'GET',
      `/v1/organizations/${ctx.w.orgA}/apikeys?ownerId=${ctx.w.users.dave}`,
      {
        auth: { bearer: ctx.w.tokens.alice },
      },
    );
    expect(byOwner.body.items.map((k: { id: string }) => k.id)).toEqual([ctx.w.keys.disabledOwner.id]);
    const bobs = await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}/apikeys?limit=200`, {
      auth: { bearer: ctx.w.tokens.bob },
    });
    expect(bobs.body.items.every((k: { ownerId: string }) => k.ownerId === ctx.w.users.bob)).toBe(true);
    const peek = await ctx.t.request(
      'GET',
      `/v1/organizations/${ctx.w.orgA}/apikeys?ownerId=${ctx.w.users.alice}`,
      {
        auth: { bearer: ctx.w.tokens.bob },
      },
    );
    expect(peek.body.items).toEqual([]);
  });
});

describe('operations', () => {
  it('exposes metrics without any secret, and counts verifications by code', async () => {
    await ctx.t.request('POST', '/v1/keys/verify', {
      auth: { bearer: ctx.w.tokens.alice },
      body: { key: ctx.w.keys.revoked.secret },
    });
    const metrics = await ctx.t.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.text).toMatch(/keyward_verifications_total\{code="REVOKED"\} [1-9]/);
    expect(metrics.text).toContain('keyward_key_cache_entries');
    expect(metrics.text).not.toContain(ctx.w.keys.revoked.secret);
  });

  it('sets security headers and a request id on every response, errors included', async () => {
    for (const reply of [
      await ctx.t.request('GET', '/healthz'),
      await ctx.t.request('GET', '/v1/nothing-here'),
      await ctx.t.request('GET', '/v1/me'),
    ]) {
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['x-frame-options']).toBe('DENY');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(reply.headers['x-request-id']).toMatch(/^req_/);
      if (reply.status >= 400) expect(reply.body.error.requestId).toBe(reply.headers['x-request-id']);
    }
  });

  it('refuses an empty PATCH and a cursor of the wrong kind', async () => {
    const admin = { bearer: ctx.w.tokens.admin };
    for (const url of [
      `/v1/apikeys/${ctx.w.keys.bob.id}`,
      `/v1/organizations/${ctx.w.orgA}`,
      `/v1/users/${ctx.w.users.bob}`,
    ]) {
      const reply = await ctx.t.request('PATCH', url, { auth: admin, body: {} });
      expect(reply.status, url).toBe(400);
      expect(reply.body.error.message).toBe('body: must set at least one field');
    }
    const idCursor = Buffer.from(JSON.stringify({ a: ctx.w.keys.bob.id })).toString('base64url');
    const audit = await ctx.t.request('GET', `/v1/audit?cursor=${idCursor}`, { auth: admin });
    expect(audit.status).toBe(400);
    expect(audit.body.error.message).toBe('querystring.cursor: is not a cursor this API issued');
  });

  it('refuses unknown query parameters on every API route, naming them', async () => {
    for (const url of ['/v1/me?admin=true', `/v1/apikeys/${ctx.w.keys.bob.id}?expand=secret`]) {
      const reply = await ctx.t.request('GET', url, { auth: { bearer: ctx.w.tokens.admin } });
      expect(reply.status, url).toBe(400);
      expect(reply.body.error.message).toMatch(/^querystring\.\w+: is not a known field$/);
    }
    // A key sent as a parameter name is refused without being echoed.
    const secret = ctx.w.keys.bob.secret;
    const leaked = await ctx.t.request('GET', `/v1/me?${secret}=1`, { auth: { bearer: ctx.w.tokens.admin } });
    expect(leaked.status).toBe(400);
    expect(leaked.body.error.message).toBe('querystring: has a field that is not known');
  });

  it('serves the OpenAPI document and the docs page', async () => {
    const doc = await ctx.t.request('GET', '/openapi.json');
    expect(doc.body.openapi).toBe('3.1.0');
    const docs = await ctx.t.request('GET', '/docs/');
    expect(docs.status).toBe(200);
    expect(docs.text).toContain('<html');
  });
});
