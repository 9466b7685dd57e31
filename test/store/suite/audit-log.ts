import { describe, expect, it } from 'vitest';
import { GENESIS, verifyChain } from '../../../src/store/audit-chain.js';
import type { Store } from '../../../src/store/store.js';
import type { AuditEntry, AuditFilter, AuditInput } from '../../../src/store/types.js';
import { allAudit, NO_FILTER, readAllPages, type StoreFactory, useStore } from './context.js';
import { aKey, anOrg, at, auditOf, seedKey, seedWorld } from './fixtures.js';

/** Waits until the clock shows a later millisecond, so that entries appended after it have a later `at`. */
async function nextMillisecond(): Promise<void> {
  const start = Date.now();
  while (Date.now() === start) await new Promise((resolve) => setTimeout(resolve, 1));
}

const contentOf = (entry: AuditEntry): AuditInput => ({
  action: entry.action,
  actorId: entry.actorId,
  orgId: entry.orgId,
  targetId: entry.targetId,
  requestId: entry.requestId,
  ip: entry.ip,
  outcome: entry.outcome,
  details: entry.details,
});

export function auditLogSuite(factory: StoreFactory): void {
  describe('audit log: append and read', () => {
    const store = useStore(factory);

    it('appends entries in order, with every field kept', async () => {
      const inputs = [
        auditOf('auth.failed', { ip: '203.0.113.9', requestId: 'req_1', outcome: 'failure' }),
        auditOf('key.verified', {
          actorId: 'usr_a',
          orgId: 'org_a',
          targetId: 'key_a',
          details: { n: 1, ok: true, list: ['x', null], nested: { deep: 'é' } },
        }),
      ];
      await store().appendAudit(inputs);
      const entries = await allAudit(store());
      expect(entries.map(contentOf)).toEqual(inputs);
      const [first, second] = entries as [AuditEntry, AuditEntry];
      expect(second.seq).toBeGreaterThan(first.seq);
      expect(first.id).toMatch(/^aud_/);
      expect(second.prevHash).toBe(first.hash);
      expect(Number.isNaN(Date.parse(first.at))).toBe(false);
    });

    it('keeps order across calls, and appends nothing for an empty list', async () => {
      await store().appendAudit([auditOf('one')]);
      await store().appendAudit([]);
      await store().appendAudit([auditOf('two'), auditOf('three')]);
      expect((await allAudit(store())).map((e) => e.action)).toEqual(['one', 'two', 'three']);
    });

    it('lists entries newest first, a page at a time', async () => {
      const actions = Array.from({ length: 7 }, (_, n) => `action.${n}`);
      await store().appendAudit(actions.map((a) => auditOf(a)));
      const { items, sizes } = await readAllPages(3, (page) => store().listAudit(NO_FILTER, page));
      expect(sizes).toEqual([3, 3, 1]);
      expect(items.map((e) => e.action)).toEqual([...actions].reverse());
      expect(items).toEqual([...(await allAudit(store()))].reverse());
    });

    it('exports the whole log in order, across several batches', async () => {
      const count = 1203;
      const inputs = Array.from({ length: count }, (_, n) => auditOf('bulk', { details: { n } }));
      await store().appendAudit(inputs.slice(0, 600));
      await store().appendAudit(inputs.slice(600));
      const entries = await allAudit(store());
      expect(entries.map((e) => e.details?.n)).toEqual(inputs.map((_, n) => n));
      expect(entries.every((e, i) => i === 0 || e.seq > (entries[i - 1]?.seq ?? 0))).toBe(true);
      expect(await verifyChain(store().exportAudit(NO_FILTER))).toEqual({ ok: true, count });
    });

    it('exports only the entries that match a filter, across several batches', async () => {
      const inputs = Array.from({ length: 1100 }, (_, n) =>
        auditOf(n % 2 ? 'odd' : 'even', { orgId: n % 2 ? 'org_odd' : 'org_even', details: { n } }),
      );
      await store().appendAudit(inputs);
      const odd: AuditEntry[] = [];
      for await (const entry of store().exportAudit({ ...NO_FILTER, orgIds: ['org_odd'] })) odd.push(entry);
      expect(odd).toHaveLength(550);
      expect(odd.map((e) => e.details?.n)).toEqual(inputs.map((_, n) => n).filter((n) => n % 2));
    });
  });

  describe('audit log: filters', () => {
    const store = useStore(factory);

    /** Three entries, each in a later millisecond than the one before. */
    async function threeEntries(s: Store): Promise<AuditEntry[]> {
      const inputs = [
        auditOf('key.created', { orgId: 'org_a', actorId: 'usr_a', targetId: 'key_1' }),
        auditOf('key.revoked', { orgId: 'org_b', actorId: 'usr_b', targetId: 'key_1' }),
        auditOf('key.created', { orgId: null, actorId: 'usr_a', targetId: 'key_2' }),
      ];
      for (const input of inputs) {
        await nextMillisecond();
        await s.appendAudit([input]);
      }
      return allAudit(s);
    }

    const list = async (s: Store, filter: Partial<AuditFilter>) =>
      (await s.listAudit({ ...NO_FILTER, ...filter }, { limit: 100, after: null })).items.map((e) => e.seq);
    const exported = async (s: Store, filter: Partial<AuditFilter>) => {
      const seqs: number[] = [];
      for await (const entry of s.exportAudit({ ...NO_FILTER, ...filter })) seqs.push(entry.seq);
      return seqs;
    };

    const cases: [string, (e: AuditEntry[]) => Partial<AuditFilter>, number[]][] = [
      ['no filter', () => ({}), [0, 1, 2]],
      ['one organization', () => ({ orgIds: ['org_a'] }), [0]],
      ['several organizations', () => ({ orgIds: ['org_a', 'org_b'] }), [0, 1]],
      ['an empty list of organizations', () => ({ orgIds: [] }), []],
      ['action', () => ({ action: 'key.created' }), [0, 2]],
      ['actor', () => ({ actorId: 'usr_b' }), [1]],
      ['target', () => ({ targetId: 'key_1' }), [0, 1]],
      ['since, inclusive', (e) => ({ since: e[1]?.at }), [1, 2]],
      ['until, exclusive', (e) => ({ until: e[1]?.at }), [0]],
      ['since and until', (e) => ({ since: e[1]?.at, until: e[2]?.at }), [1]],
      [
        'action and actor together',
        () => ({ action: 'key.created', actorId: 'usr_a', orgIds: ['org_a'] }),
        [0],
      ],
    ];
    it.each(cases)('filters by %s, in the list and in the export', async (_name, filterOf, expected) => {
      const entries = await threeEntries(store());
      const filter = filterOf(entries);
      const seqs = expected.map((i) => entries[i]?.seq);
      expect(await list(store(), filter)).toEqual([...seqs].reverse());
      expect(await exported(store(), filter)).toEqual(seqs);
    });

    it('pages through a filtered list', async () => {
      await store().appendAudit(
        Array.from({ length: 9 }, (_, n) => auditOf(n % 3 ? 'other' : 'wanted', { details: { n } })),
      );
      const { items, sizes } = await readAllPages(2, (page) =>
        store().listAudit({ ...NO_FILTER, action: 'wanted' }, page),
      );
      expect(sizes).toEqual([2, 1]);
      expect(items.map((e) => e.details?.n)).toEqual([6, 3, 0]);
    });
  });

  describe('audit log: the chain', () => {
    const store = useStore(factory);

    it('verifies on an empty log', async () => {
      expect(await verifyChain(store().exportAudit(NO_FILTER))).toEqual({ ok: true, count: 0 });
    });

    it('verifies after changes of every kind and appended entries', async () => {
      const s = store();
      const { org, member } = await seedWorld(s);
      const key = await seedKey(s, aKey(org.id, member.id));
      await s.appendAudit([auditOf('auth.failed', { outcome: 'failure' })]);
      await s.revokeKey(key.id, at(9), auditOf('apikey.revoked', { targetId: key.id }));
      await s.deleteOrganization(org.id, at(9), auditOf('org.deleted', { orgId: org.id }));
      const count = (await allAudit(s)).length;
      expect(count).toBeGreaterThan(5);
      expect(await verifyChain(s.exportAudit(NO_FILTER))).toEqual({ ok: true, count });
    });

    it('links each entry to the one before it', async () => {
      await store().appendAudit([auditOf('a'), auditOf('b')]);
      await store().appendAudit([auditOf('c')]);
      const entries = await allAudit(store());
      expect(entries[0]?.prevHash).toBe('0'.repeat(64));
      for (let i = 1; i < entries.length; i++) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
      expect(new Set(entries.map((e) => e.hash)).size).toBe(entries.length);
    });
  });

  describe("audit log: each organization's own chain", () => {
    const store = useStore(factory);
    const ofOrg = (s: Store, orgId: string, filter: Partial<AuditFilter> = {}) =>
      s.exportAudit({ ...NO_FILTER, ...filter, orgIds: [orgId] });

    it("links each organization's entries to its previous one, and leaves entries of none out", async () => {
      await store().appendAudit([
        auditOf('a.1', { orgId: 'org_a' }),
        auditOf('b.1', { orgId: 'org_b' }),
        auditOf('none'),
        auditOf('a.2', { orgId: 'org_a' }),
      ]);
      await store().appendAudit([auditOf('b.2', { orgId: 'org_b' }), auditOf('a.3', { orgId: 'org_a' })]);
      const entries = await allAudit(store());
      const byAction = (action: string) => entries.find((e) => e.action === action) as AuditEntry;
      expect(byAction('a.1').orgPrevHash).toBe(GENESIS);
      expect(byAction('b.1').orgPrevHash).toBe(GENESIS);
      expect(byAction('a.2').orgPrevHash).toBe(byAction('a.1').orgHash);
      expect(byAction('a.3').orgPrevHash).toBe(byAction('a.2').orgHash);
      expect(byAction('b.2').orgPrevHash).toBe(byAction('b.1').orgHash);
      expect(byAction('none')).toMatchObject({ orgPrevHash: null, orgHash: null });
      expect(await verifyChain(ofOrg(store(), 'org_a'), 'organization')).toEqual({ ok: true, count: 3 });
      expect(await verifyChain(ofOrg(store(), 'org_b'), 'organization')).toEqual({ ok: true, count: 2 });
      // The organization's export does not hold the whole log's links: its entries skip the others'.
      expect(await verifyChain(ofOrg(store(), 'org_a'))).toMatchObject({ ok: false, reason: 'link' });
      expect(await verifyChain(store().exportAudit(NO_FILTER))).toEqual({ ok: true, count: 6 });
    });

    it('keeps every chain linear under changes that append at the same time', async () => {
      const s = store();
      const orgs = [anOrg(), anOrg(), anOrg()];
      for (const org of orgs)
        await s.createOrganization(org, null, auditOf('org.created', { orgId: org.id }));
      await Promise.all(
        Array.from({ length: 60 }, (_, n) => {
          const orgId = orgs[n % 3]?.id ?? null;
          return n % 2
            ? s.appendAudit([auditOf('burst', { orgId, details: { n } }), auditOf('burst.more', { orgId })])
            : s.updateOrganization(orgId ?? '', { name: `Renamed ${n}` }, auditOf('org.updated', { orgId }));
        }),
      );
      const count = (await allAudit(s)).length;
      expect(await verifyChain(s.exportAudit(NO_FILTER))).toEqual({ ok: true, count });
      for (const org of orgs) {
        expect(await verifyChain(ofOrg(s, org.id), 'organization')).toEqual({ ok: true, count: 31 });
      }
    });

    it('exports a time range as a run of the chain, which checks from the link of its first entry', async () => {
      const inputs = Array.from({ length: 6 }, (_, n) => auditOf(`step.${n}`, { orgId: 'org_a' }));
      for (const input of inputs) {
        await nextMillisecond();
        await store().appendAudit([input, auditOf('elsewhere', { orgId: 'org_b' })]);
      }
      const mine = (await allAudit(store())).filter((e) => e.orgId === 'org_a');
      const [second, fifth] = [mine[1] as AuditEntry, mine[4] as AuditEntry];
      const range = { since: second.at, until: fifth.at };
      const exported: AuditEntry[] = [];
      for await (const entry of ofOrg(store(), 'org_a', range)) exported.push(entry);
      expect(exported.map((e) => e.action)).toEqual(['step.1', 'step.2', 'step.3']);
      const again = ofOrg(store(), 'org_a', range);
      expect(await verifyChain(again, 'organization', second.orgPrevHash ?? '')).toEqual({
        ok: true,
        count: 3,
      });
      const whole = store().exportAudit({ ...NO_FILTER, since: second.at });
      expect(await verifyChain(whole, 'log', second.prevHash)).toEqual({ ok: true, count: 10 });
      const none = store().exportAudit({ ...NO_FILTER, since: '2999-01-01T00:00:00.000Z' });
      expect(await verifyChain(none)).toEqual({ ok: true, count: 0 });
    });
  });
}
