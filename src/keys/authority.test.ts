import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Authority, decideGrant, type Maker, principalAuthority, type Requested } from './authority.js';
import { effectivePermissions, Grants } from './permissions.js';

const NEVER = Number.POSITIVE_INFINITY;
const adminToken: Maker = {
  principalId: 'usr_alice',
  cluster: false,
  role: 'admin',
  permissions: ['*'],
  expiresAtMs: NEVER,
  ratelimit: null,
  quota: null,
};
const key = (fields: Partial<Requested> = {}): Requested => ({
  owner: { id: 'usr_alice', role: 'admin' },
  role: 'member',
  scopes: null,
  expiresAtMs: NEVER,
  ratelimit: null,
  quota: null,
  ...fields,
});

describe('decideGrant', () => {
  it('refuses each term beyond the maker, naming it', () => {
    const member: Maker = {
      ...adminToken,
      role: 'member',
      permissions: effectivePermissions('member', null),
    };
    const hourly: Maker = { ...adminToken, expiresAtMs: 3_600_000 };
    const limited: Maker = { ...adminToken, ratelimit: { limit: 10, duration: 1000 } };
    const budget: Maker = {
      ...adminToken,
      quota: { remaining: 3, refill: { interval: 'monthly', amount: 3 } },
    };
    const scoped: Maker = { ...adminToken, permissions: ['apikeys:write'] };
    const refusals: [Maker, Requested, string, string][] = [
      [member, key({ role: 'admin' }), 'forbidden', 'role'],
      [adminToken, key({ role: 'admin', owner: { id: 'usr_bob', role: 'member' } }), 'invalid', 'role'],
      [member, key({ scopes: ['documents:read'] }), 'forbidden', 'scopes'],
      [scoped, key(), 'forbidden', 'scopes'],
      [hourly, key(), 'forbidden', 'expiry'],
      [hourly, key({ expiresAtMs: 3_600_001 }), 'forbidden', 'expiry'],
      [limited, key(), 'forbidden', 'ratelimit'],
      [limited, key({ ratelimit: { limit: 11, duration: 1000 } }), 'forbidden', 'ratelimit'],
      [limited, key({ ratelimit: { limit: 10, duration: 999 } }), 'forbidden', 'ratelimit'],
      [budget, key(), 'forbidden', 'quota'],
      [budget, key({ quota: { remaining: 4, refill: null } }), 'forbidden', 'quota'],
      [
        budget,
        key({ quota: { remaining: 3, refill: { interval: 'daily', amount: 1 } } }),
        'forbidden',
        'quota',
      ],
      [adminToken, key({ role: 'admin', cluster: true }), 'forbidden', 'cluster'],
      [
        { ...adminToken, cluster: true },
        key({ role: 'admin', owner: { id: 'usr_root', role: 'admin' }, cluster: true, renewal: true }),
        'forbidden',
        'cluster',
      ],
      [hourly, principalAuthority('member'), 'forbidden', 'expiry'],
      [scoped, principalAuthority('member'), 'forbidden', 'scopes'],
    ];
    for (const [maker, requested, refused, term] of refusals) {
      expect(decideGrant(maker, requested), JSON.stringify(requested)).toMatchObject({ refused, term });
    }
  });

  it('allows what is contained, and gives cluster power only to a cluster admin for themselves', () => {
    const root: Maker = { ...adminToken, principalId: 'usr_root', cluster: true };
    const own = { owner: { id: 'usr_root', role: 'admin' as const } };
    expect(decideGrant(root, key({ ...own, role: 'admin' }))).toEqual({ cluster: true });
    expect(decideGrant(root, key({ ...own, role: 'admin', scopes: ['keys:verify'] }))).toEqual({
      cluster: false,
    });
    expect(decideGrant(root, key({ role: 'admin' }))).toEqual({ cluster: false });
    expect(decideGrant(adminToken, key({ owner: { id: 'usr_root', role: 'admin' }, role: 'admin' }))).toEqual(
      {
        cluster: false,
      },
    );
    // A rotation keeps what the key carries, and adds nothing.
    expect(decideGrant(root, key({ ...own, role: 'admin', renewal: true, cluster: true }))).toEqual({
      cluster: true,
    });
    expect(decideGrant(root, key({ ...own, role: 'admin', renewal: true, cluster: false }))).toEqual({
      cluster: false,
    });
    const hourly: Maker = { ...adminToken, expiresAtMs: 3_600_000, quota: { remaining: 2, refill: null } };
    expect(decideGrant(hourly, key({ expiresAtMs: 60_000, quota: { remaining: 2, refill: null } }))).toEqual({
      cluster: false,
    });
  });
});

const SCOPES = [
  '*',
  'apikeys:*',
  'apikeys:write',
  'apikeys:read',
  'members:write',
  'keys:verify',
  'documents:read',
  'documents:*',
];
const requestedArb = fc.record({
  role: fc.constantFrom('admin' as const, 'member' as const),
  scopes: fc.option(fc.subarray(SCOPES), { nil: null }),
  expiresAtMs: fc.oneof(fc.constant(NEVER), fc.integer({ min: 1, max: 10_000 })),
  ratelimit: fc.option(
    fc.record({ limit: fc.integer({ min: 1, max: 20 }), duration: fc.integer({ min: 1, max: 5 }) }),
    { nil: null },
  ),
  quota: fc.option(
    fc.record({
      remaining: fc.integer({ min: 0, max: 20 }),
      refill: fc.option(
        fc.record({
          interval: fc.constantFrom('daily' as const, 'monthly' as const),
          amount: fc.integer({ min: 1, max: 20 }),
        }),
        { nil: null },
      ),
    }),
    { nil: null },
  ),
  self: fc.boolean(),
});

/** What a granted key holds, as the maker of the next grant: its role, its effective permissions, its terms. */
function heldBy(requested: Requested, cluster: boolean, principalId: string): Maker {
  return {
    principalId,
    cluster,
    role: requested.role,
    permissions: effectivePermissions(requested.role, requested.scopes),
    expiresAtMs: requested.expiresAtMs,
    ratelimit: requested.ratelimit,
    quota: requested.quota,
  };
}

/** Whether `inner` is within `outer`, term by term: what "authority never grows" means. */
function within(inner: Authority, outer: Authority): boolean {
  const outerGrants = new Grants(outer.permissions);
  const rate =
    !outer.ratelimit ||
    (inner.ratelimit !== null &&
      inner.ratelimit.limit <= outer.ratelimit.limit &&
      inner.ratelimit.duration >= outer.ratelimit.duration);
  const quota = !outer.quota || (inner.quota !== null && inner.quota.remaining <= outer.quota.remaining);
  return (
    (!inner.cluster || outer.cluster) &&
    (inner.role === 'member' || outer.role === 'admin') &&
    inner.permissions.every((p) => outerGrants.has(p)) &&
    inner.expiresAtMs <= outer.expiresAtMs &&
    rate &&
    quota
  );
}

describe('a chain of grants', () => {
  it('never ends with more than its first maker held, however long', () => {
    fc.assert(
      fc.property(
        fc.record({ role: fc.constantFrom('admin' as const, 'member' as const), cluster: fc.boolean() }),
        fc.array(requestedArb, { minLength: 1, maxLength: 12 }),
        (start, steps) => {
          const first: Maker = {
            principalId: 'usr_p0',
            cluster: start.cluster && start.role === 'admin',
            role: start.role,
            permissions: effectivePermissions(start.role, null),
            expiresAtMs: NEVER,
            ratelimit: null,
            quota: null,
          };
          let maker = first;
          for (const [i, step] of steps.entries()) {
            const owner = step.self ? maker.principalId : `usr_p${i + 1}`;
            const requested: Requested = { ...step, owner: { id: owner, role: 'admin' } };
            const decision = decideGrant(maker, requested);
            if ('refused' in decision) continue;
            const next = heldBy(requested, decision.cluster, owner);
            expect(within(next, maker)).toBe(true);
            expect(within(next, first)).toBe(true);
            maker = next;
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});
