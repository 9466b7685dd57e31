import { describe, expect, it } from 'vitest';
import { useWorld } from '../support/world.js';

const ctx = useWorld();

const createKey = (auth: object, body: Record<string, unknown>) =>
  ctx.t.request('POST', `/v1/organizations/${ctx.w.orgA}/apikeys`, {
    auth: auth as never,
    body: { name: 'e', role: 'member', ...body },
  });

describe('no escalation', () => {
  it('a member cannot create an admin key, a key for someone else, or a scope they lack', async () => {
    const bob = { bearer: ctx.w.tokens.bob };
    const admin = await createKey(bob, { role: 'admin' });
    expect(admin.status).toBe(403);
    expect(admin.body.error.message).toMatch(/^body\.role:/);
    expect((await createKey(bob, { ownerId: ctx.w.users.alice })).status).toBe(403);
    const scoped = await createKey(bob, { scopes: ['members:write'] });
    expect(scoped.status).toBe(403);
    expect(scoped.body.error.message).toMatch(/^body\.scopes: grants members:write/);
    expect((await createKey(bob, { scopes: ['apikeys:read'] })).status).toBe(201);
  });

  it("an admin cannot give a key more than its owner's role", async () => {
    const reply = await createKey(
      { bearer: ctx.w.tokens.alice },
      { role: 'admin', ownerId: ctx.w.users.bob },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toMatch(/^body\.role: cannot exceed the owner's role/);
  });

  it('a scoped key cannot mint a key with more scopes than it holds', async () => {
    const narrow = await createKey(
      { bearer: ctx.w.tokens.alice },
      { role: 'admin', scopes: ['apikeys:write'] },
    );
    expect(narrow.status).toBe(201);
    const wider = await createKey({ key: narrow.body.apiKey }, { scopes: ['members:write'] });
    expect(wider.status).toBe(403);
    expect((await createKey({ key: narrow.body.apiKey }, { scopes: ['apikeys:write'] })).status).toBe(201);
  });

  it('scopes on an existing key only narrow', async () => {
    const created = await createKey({ bearer: ctx.w.tokens.bob }, { scopes: ['apikeys:read'] });
    const patch = (scopes: string[]) =>
      ctx.t.request('PATCH', `/v1/apikeys/${created.body.id}`, {
        auth: { bearer: ctx.w.tokens.bob },
        body: { scopes },
      });
    const widened = await patch(['apikeys:read', 'apikeys:write']);
    expect(widened.status).toBe(400);
    expect(widened.body.error.message).toMatch(/^body\.scopes: can only narrow/);
    expect((await patch([])).status).toBe(200);
  });

  it("a demoted admin's admin key acts as a member at once", async () => {
    const other = await ctx.t.request('POST', '/v1/users', {
      auth: { bearer: ctx.w.tokens.admin },
      body: { username: 'erin', password: 'erin-password-1' },
    });
    const members = `/v1/organizations/${ctx.w.orgA}/members`;
    await ctx.t.request('POST', members, {
      auth: { bearer: ctx.w.tokens.alice },
      body: { userId: other.body.id, role: 'admin' },
    });
    const erinKey = await createKey(
      { bearer: ctx.w.tokens.alice },
      { role: 'admin', ownerId: other.body.id },
    );
    const asErin = { key: erinKey.body.apiKey };
    expect(
      (await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}/service-users`, { auth: asErin })).status,
    ).toBe(200);
    await ctx.t.request('PATCH', `${members}/${other.body.id}`, {
      auth: { bearer: ctx.w.tokens.alice },
      body: { role: 'member' },
    });
    expect(
      (await ctx.t.request('GET', `/v1/organizations/${ctx.w.orgA}/service-users`, { auth: asErin })).status,
    ).toBe(403);
    const verified = await ctx.t.request('POST', '/v1/keys/verify', {
      auth: { bearer: ctx.w.tokens.alice },
      body: { key: erinKey.body.apiKey },
    });
    expect(verified.body.permissions).not.toContain('*');
    expect(verified.body.role).toBe('member');
    // Nor can the demoted key be widened again by giving it scopes its new role lacks.
    const widened = await ctx.t.request('PATCH', `/v1/apikeys/${erinKey.body.id}`, {
      auth: asErin,
      body: { scopes: ['documents:read'] },
    });
    expect(widened.status).toBe(400);
    expect(widened.body.error.message).toMatch(/^body\.scopes: can only narrow/);
  });

  it('a user cannot change their password with an API key, only with a token', async () => {
    const viaKey = await ctx.t.request('PATCH', `/v1/users/${ctx.w.users.bob}`, {
      auth: { key: ctx.w.keys.bob.secret },
      body: { password: 'taken-over-pw' },
    });
    expect(viaKey.status).toBe(403);
    const disableSelf = await ctx.t.request('PATCH', `/v1/users/${ctx.w.users.bob}`, {
      auth: { bearer: ctx.w.tokens.bob },
      body: { disabled: true },
    });
    expect(disableSelf.status).toBe(403);
  });

  it('an unscoped admin key of a cluster admin acts as the cluster admin; a scoped one does not', async () => {
    const org = await ctx.t.request('POST', '/v1/organizations', {
      auth: { bearer: ctx.w.tokens.admin },
      body: { name: 'Ops' },
    });
    const full = await ctx.t.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
      auth: { bearer: ctx.w.tokens.admin },
      body: { name: 'ops', role: 'admin' },
    });
    const scoped = await ctx.t.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
      auth: { bearer: ctx.w.tokens.admin },
      body: { name: 'ops', role: 'admin', scopes: ['keys:verify'] },
    });
    expect((await ctx.t.request('GET', '/v1/users', { auth: { key: full.body.apiKey } })).status).toBe(200);
    expect((await ctx.t.request('GET', '/v1/users', { auth: { key: scoped.body.apiKey } })).status).toBe(403);
  });
});
