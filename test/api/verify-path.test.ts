import { describe, expect, it, vi } from 'vitest';
import { generateKey } from '../../src/keys/format.js';
import { useWorld } from '../support/world.js';

const ctx = useWorld();

const verify = (key: string) =>
  ctx.t.request('POST', '/v1/keys/verify', { auth: { key: ctx.w.keys.alice.secret }, body: { key } });

describe('the verification path', () => {
  it('rejects malformed keys, unknown prefixes and bad checksums without a store lookup', async () => {
    await verify(ctx.w.keys.alice.secret); // warm the caller's own entry
    const lookups = vi.spyOn(ctx.t.store, 'findKeyByHash');
    const generated = generateKey('acme');
    const flipped = generated.slice(0, -1) + (generated.endsWith('a') ? 'b' : 'a');
    const cases: [string, string][] = [
      ['', 'MALFORMED'],
      ['acme_short', 'MALFORMED'],
      [flipped, 'MALFORMED'],
      [`acme_${'x'.repeat(30)} spaced`, 'MALFORMED'],
      [generateKey('zzzz'), 'NOT_FOUND'],
      [`nope_${'n'.repeat(40)}`, 'NOT_FOUND'],
    ];
    for (const [key, code] of cases) expect((await verify(key)).body.code, key).toBe(code);
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  it('turns away never-issued keys of a known prefix with a good checksum without a store lookup', async () => {
    const lookups = vi.spyOn(ctx.t.store, 'findKeyByHash');
    for (let i = 0; i < 200; i++) expect((await verify(generateKey('acme'))).body.code).toBe('NOT_FOUND');
    expect(lookups).not.toHaveBeenCalled();
    lookups.mockRestore();
  });

  it('lets a key through the filter as soon as it is created, imported or rotated in', async () => {
    const auth = { bearer: ctx.w.tokens.alice };
    const created = await ctx.t.request('POST', `/v1/organizations/${ctx.w.orgA}/apikeys`, {
      auth,
      body: { name: 'fresh', role: 'member' },
    });
    expect((await verify(created.body.apiKey)).body.code).toBe('VALID');
    const supplied = generateKey('acme');
    const imported = await ctx.t.request('POST', `/v1/organizations/${ctx.w.orgA}/apikeys/import`, {
      auth,
      body: { keys: [{ apiKey: supplied, name: 'imported', role: 'member', ownerId: ctx.w.users.alice }] },
    });
    expect(imported.status).toBe(200);
    expect((await verify(supplied)).body.code).toBe('VALID');
    const rotated = await ctx.t.request('POST', `/v1/apikeys/${created.body.id}/rotate`, { auth, body: {} });
    expect((await verify(rotated.body.apiKey)).body.code).toBe('VALID');
  });

  it('verifies a known key from the cache after the first lookup, and sees a revocation at once', async () => {
    const lookups = vi.spyOn(ctx.t.store, 'findKeyByHash');
    for (let i = 0; i < 20; i++) expect((await verify(ctx.w.keys.bob.secret)).body.code).toBe('VALID');
    expect(lookups.mock.calls.length).toBeLessThanOrEqual(1);
    await ctx.t.request('DELETE', `/v1/apikeys/${ctx.w.keys.bob.id}`, {
      auth: { bearer: ctx.w.tokens.alice },
    });
    expect((await verify(ctx.w.keys.bob.secret)).body.code).toBe('REVOKED');
    lookups.mockRestore();
  });

  it('answers a key as it stands after a change, though a VALID answer is written once per record', async () => {
    const key = ctx.w.keys.service;
    const first = await verify(key.secret);
    expect(first.body).toMatchObject({ code: 'VALID', meta: null });
    expect((await verify(key.secret)).text).toBe(first.text);
    const patched = await ctx.t.request('PATCH', `/v1/apikeys/${key.id}`, {
      auth: { bearer: ctx.w.tokens.alice },
      body: { meta: { plan: 'pro' } },
    });
    expect(patched.status).toBe(200);
    expect((await verify(key.secret)).body).toMatchObject({ code: 'VALID', meta: { plan: 'pro' } });
  });

  it('authenticates a GET with a cached key and a cached record, without a store query', async () => {
    const auth = { key: ctx.w.keys.service.secret };
    const url = `/v1/apikeys/${ctx.w.keys.service.id}`;
    expect((await ctx.t.request('GET', url, { auth })).status).toBe(200);
    const spies = ['findKeyByHash', 'findKey', 'findMember', 'findOrganization', 'findUser'].map((m) =>
      vi.spyOn(ctx.t.store, m as 'findKey'),
    );
    for (let i = 0; i < 10; i++) expect((await ctx.t.request('GET', url, { auth })).status).toBe(200);
    for (const spy of spies) {
      expect(spy).not.toHaveBeenCalled();
      spy.mockRestore();
    }
  });
});
