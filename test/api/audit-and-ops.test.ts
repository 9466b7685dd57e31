import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/store/audit-chain.js';
import type { AuditEntry } from '../../src/store/types.js';
import { useWorld } from '../support/world.js';

const ctx = useWorld();

async function* lines(text: string): AsyncIterable<AuditEntry> {
  for (const line of text.split('\n').filter(Boolean)) yield JSON.parse(line) as AuditEntry;
}

describe('audit log', () => {
  it('records every change with its actor, and the exported chain verifies', async () => {
    const exported = await ctx.t.request('GET', '/v1/audit/export', { auth: { bearer: ctx.w.tokens.admin } });
    expect(exported.status).toBe(200);
    expect(exported.headers['content-type']).toMatch(/^application\/jsonl/);
    const actions = exported.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l).action);
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
    expect(await verifyChain(lines(exported.text))).toEqual({ ok: true, count: actions.length });
  });

  it('shows an edited entry as a broken chain', async () => {
    const exported = await ctx.t.request('GET', '/v1/audit/export', { auth: { bearer: ctx.w.tokens.admin } });
    const entries = exported.text
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as AuditEntry);
    const victim = entries[3] as AuditEntry;
    victim.actorId = 'usr_someoneelse';
    const tampered = `${entries.map((e) => JSON.stringify(e)).join('\n')}\n`;
    expect(await verifyChain(lines(tampered))).toMatchObject({
      ok: false,
      brokenAt: victim.seq,
      reason: 'hash',
    });
    const dropped = `${entries
      .filter((_, i) => i !== 2)
      .map((e) => JSON.stringify(e))
      .join('\n')}\n`;
    expect(await verifyChain(lines(dropped))).toMatchObject({ ok: false, reason: 'link' });
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
