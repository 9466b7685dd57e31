import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/store.js';
import type { AuditInput, Json } from '../../../src/store/types.js';
import { allAudit, type StoreFactory, useStore } from './context.js';
import {
  aKey,
  anOrg,
  aRefreshToken,
  aServiceUser,
  at,
  aUser,
  auditOf,
  nthId,
  seedKey,
  seedWorld,
} from './fixtures.js';

/** The world plus a user in no organization, a service user, keys and a refresh token to act on. */
async function seedFixture(s: Store) {
  const world = await seedWorld(s);
  const outsider = aUser();
  await s.createUser(outsider, auditOf('user.created'));
  const bot = aServiceUser(world.org.id);
  await s.createServiceUser(bot, auditOf('serviceuser.created'));
  const key = await seedKey(s, aKey(world.org.id, world.member.id));
  const botKey = await seedKey(s, aKey(world.org.id, bot.id));
  const revoked = await seedKey(s, aKey(world.org.id, world.member.id, { revokedAt: at(1) }));
  const token = aRefreshToken(world.member.id);
  await s.createRefreshToken(token);
  return { ...world, outsider, bot, key, botKey, revoked, token };
}
type Fixture = Awaited<ReturnType<typeof seedFixture>>;

/** One change method: how to call it, and what to read to see whether its change happened. */
type Probe = (
  s: Store,
  f: Fixture,
) => { act(audit: AuditInput): Promise<unknown>; observe(): Promise<unknown> };

const probes: Record<string, Probe> = {
  createUser: (s) => {
    const user = aUser();
    return { act: (a) => s.createUser(user, a), observe: () => s.findUser(user.id) };
  },
  updateUser: (s, f) => ({
    act: (a) => s.updateUser(f.member.id, { disabled: true, passwordHash: 'changed' }, a),
    observe: () => s.findUserCredentials(f.member.username),
  }),
  deleteUser: (s, f) => ({
    act: (a) => s.deleteUser(f.member.id, at(9), a),
    observe: async () => [
      await s.findUser(f.member.id),
      await s.findMember(f.org.id, f.member.id),
      await s.findKey(f.key.id),
      await s.findRefreshToken(f.token.hash),
    ],
  }),
  createOrganization: (s, f) => {
    const org = anOrg();
    return {
      act: (a) => s.createOrganization(org, f.outsider.id, a),
      observe: async () => [await s.findOrganization(org.id), await s.findMember(org.id, f.outsider.id)],
    };
  },
  updateOrganization: (s, f) => ({
    act: (a) => s.updateOrganization(f.org.id, { name: 'renamed' }, a),
    observe: () => s.findOrganization(f.org.id),
  }),
  deleteOrganization: (s, f) => ({
    act: (a) => s.deleteOrganization(f.org.id, at(9), a),
    observe: async () => [
      await s.findOrganization(f.org.id),
      await s.findMember(f.org.id, f.admin.id),
      await s.findServiceUser(f.bot.id),
      await s.findKey(f.key.id),
    ],
  }),
  addMember: (s, f) => ({
    act: (a) => s.addMember(f.org.id, f.outsider.id, 'member', at(9), a),
    observe: () => s.findMember(f.org.id, f.outsider.id),
  }),
  updateMember: (s, f) => ({
    act: (a) => s.updateMember(f.org.id, f.member.id, 'admin', a),
    observe: () => s.findMember(f.org.id, f.member.id),
  }),
  removeMember: (s, f) => ({
    act: (a) => s.removeMember(f.org.id, f.member.id, at(8), a),
    observe: () => s.findMember(f.org.id, f.member.id),
  }),
  createServiceUser: (s, f) => {
    const bot = aServiceUser(f.org.id);
    return { act: (a) => s.createServiceUser(bot, a), observe: () => s.findServiceUser(bot.id) };
  },
  updateServiceUser: (s, f) => ({
    act: (a) => s.updateServiceUser(f.bot.id, { name: 'renamed', role: 'admin' }, a),
    observe: () => s.findServiceUser(f.bot.id),
  }),
  deleteServiceUser: (s, f) => ({
    act: (a) => s.deleteServiceUser(f.bot.id, at(9), a),
    observe: async () => [await s.findServiceUser(f.bot.id), await s.findKey(f.botKey.id)],
  }),
  createKey: (s, f) => {
    const key = aKey(f.org.id, f.admin.id);
    return { act: (a) => s.createKey(key, a), observe: () => s.findKey(key.id) };
  },
  updateKey: (s, f) => ({
    act: (a) => s.updateKey(f.key.id, { name: 'renamed', enabled: false }, a),
    observe: () => s.findKey(f.key.id),
  }),
  revokeKey: (s, f) => ({ act: (a) => s.revokeKey(f.key.id, at(9), a), observe: () => s.findKey(f.key.id) }),
  rotateKey: (s, f) => {
    const successor = aKey(f.org.id, f.member.id);
    return {
      act: (a) => s.rotateKey(f.key.id, at(60), successor, a),
      observe: async () => [await s.findKey(f.key.id), await s.findKey(successor.id)],
    };
  },
};

/** Calls that find nothing to change. */
const noOps: Record<string, (s: Store, f: Fixture, a: AuditInput) => Promise<unknown>> = {
  'updateUser of an unknown user': (s, _f, a) => s.updateUser(nthId('usr', 1), { disabled: true }, a),
  'deleteUser of an unknown user': (s, _f, a) => s.deleteUser(nthId('usr', 1), at(9), a),
  'updateOrganization of an unknown organization': (s, _f, a) => s.updateOrganization(nthId('org', 1), {}, a),
  'deleteOrganization of an unknown organization': (s, _f, a) =>
    s.deleteOrganization(nthId('org', 1), at(9), a),
  'updateMember of a non-member': (s, f, a) => s.updateMember(f.org.id, f.outsider.id, 'admin', a),
  'removeMember of a non-member': (s, f, a) => s.removeMember(f.org.id, f.outsider.id, at(9), a),
  'updateServiceUser of an unknown service user': (s, _f, a) => s.updateServiceUser(nthId('svc', 1), {}, a),
  'deleteServiceUser of an unknown service user': (s, _f, a) =>
    s.deleteServiceUser(nthId('svc', 1), at(9), a),
  'updateKey of an unknown key': (s, _f, a) => s.updateKey(nthId('key', 1), { name: 'x' }, a),
  'revokeKey of a revoked key': (s, f, a) => s.revokeKey(f.revoked.id, at(9), a),
  'revokeKey of an unknown key': (s, _f, a) => s.revokeKey(nthId('key', 1), at(9), a),
  'rotateKey of an unknown key': (s, f, a) =>
    s.rotateKey(nthId('key', 1), at(9), aKey(f.org.id, f.admin.id), a),
};

export function auditPerChangeSuite(factory: StoreFactory): void {
  describe('audit log: one entry per change, in the same transaction', () => {
    const store = useStore(factory);

    const auditFor = (method: string): AuditInput => ({
      action: `probe.${method}`,
      actorId: 'usr_probe',
      orgId: 'org_probe',
      targetId: 'target_probe',
      requestId: 'req_probe',
      ip: '198.51.100.7',
      outcome: 'success',
      details: { method, list: [1, 'two', null] },
    });

    it.each(Object.entries(probes))(
      '%s makes its change and appends exactly its entry',
      async (method, probe) => {
        const s = store();
        const { act, observe } = probe(s, await seedFixture(s));
        const [before, stateBefore] = [await allAudit(s), await observe()];
        await act(auditFor(method));
        expect(await observe()).not.toEqual(stateBefore);
        const after = await allAudit(s);
        expect(after.slice(0, before.length)).toEqual(before);
        expect(after).toHaveLength(before.length + 1);
        expect(after.at(-1)).toMatchObject(auditFor(method));
      },
    );

    // JSON.stringify throws on a BigInt, so appending this entry fails after the change was written.
    const unwritable: AuditInput = { ...auditOf('probe.unwritable'), details: { n: 1n as unknown as Json } };

    it.each(Object.entries(probes))(
      '%s changes nothing when its entry cannot be written',
      async (_method, probe) => {
        const s = store();
        const { act, observe } = probe(s, await seedFixture(s));
        const [before, stateBefore] = [await allAudit(s), await observe()];
        await expect(act(unwritable)).rejects.toThrow();
        expect(await observe()).toEqual(stateBefore);
        expect(await allAudit(s)).toEqual(before);
      },
    );

    it('leaves no entry when the change itself fails', async () => {
      const s = store();
      const f = await seedFixture(s);
      const orphan = anOrg();
      const before = await allAudit(s);
      expect(await s.createKey(aKey(f.org.id, f.admin.id, { hash: f.key.hash }), auditOf('dup'))).toBe(false);
      expect(await s.createUser(aUser({ username: f.member.username }), auditOf('dup'))).toBe(false);
      await expect(s.createOrganization(orphan, nthId('usr', 1), auditOf('no-admin'))).rejects.toThrow();
      expect(await s.addMember(f.org.id, f.member.id, 'admin', at(9), auditOf('twice'))).toBeNull();
      expect((await s.findMember(f.org.id, f.member.id))?.role).toBe('member');
      expect(await allAudit(s)).toEqual(before);
      expect(await s.findOrganization(orphan.id)).toBeNull();
      expect((await s.findMember(f.org.id, f.member.id))?.role).toBe('member');
    });

    it('appends no entry for a call that finds nothing to change', async () => {
      const s = store();
      const f = await seedFixture(s);
      const wroteAnEntry: string[] = [];
      for (const [call, run] of Object.entries(noOps)) {
        const before = (await allAudit(s)).length;
        await run(s, f, auditOf(`noop: ${call}`));
        if ((await allAudit(s)).length !== before) wroteAnEntry.push(call);
      }
      expect(wroteAnEntry).toEqual([]);
    });
  });
}
