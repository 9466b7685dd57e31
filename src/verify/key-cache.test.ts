import { describe, expect, it } from 'vitest';
import { type CachedKey, toCached } from '../keys/verify.js';
import { KeyCache } from './key-cache.js';

function entry(n: number, ownerId = 'usr_owner', orgId = 'org_a'): CachedKey {
  return toCached({
    key: {
      id: `key_${n}`,
      orgId,
      ownerId,
      name: 'k',
      description: null,
      meta: null,
      role: 'member',
      scopes: null,
      hint: 'kw_abcd…',
      hash: `hash${n}`,
      createdAt: '2026-01-01T00:00:00.000Z',
      createdBy: null,
      expiresAt: null,
      lastUsedAt: null,
      enabled: true,
      revokedAt: null,
      ratelimit: null,
      quota: null,
      successorId: null,
      cluster: false,
      budgetId: `key_${n}`,
      disabledBy: null,
      madeByKeyId: null,
    },
    owner: {
      kind: 'user',
      exists: true,
      disabled: false,
      expiresAt: null,
      clusterAdmin: false,
      orgRole: 'member',
    },
  });
}

describe('KeyCache', () => {
  it('stays within its bound, evicting the oldest entry first', () => {
    const cache = new KeyCache(3);
    for (let i = 0; i < 5; i++) cache.set(entry(i), 0);
    expect(cache.size).toBe(3);
    expect(cache.get('hash0', 0)).toBeUndefined();
    expect(cache.get('hash1', 0)).toBeUndefined();
    expect(cache.get('hash4', 0)?.key.id).toBe('key_4');
    expect(cache.getById('key_0', 0)).toBeUndefined();
    expect(cache.getById('key_3', 0)?.key.hash).toBe('hash3');
  });

  it('invalidates by key id, and by owner or organization through their indexes', () => {
    const cache = new KeyCache(10);
    cache.set(entry(1, 'usr_a'), 0);
    cache.set(entry(2, 'usr_b'), 0);
    cache.set(entry(3, 'usr_b', 'org_b'), 0);
    cache.set(entry(4, 'usr_c', 'org_b'), 0);
    cache.invalidateKey('key_1');
    expect(cache.get('hash1', 0)).toBeUndefined();
    cache.invalidateOrganization('org_b');
    expect(cache.get('hash3', 0)).toBeUndefined();
    expect(cache.get('hash4', 0)).toBeUndefined();
    expect(cache.get('hash2', 0)).toBeDefined();
    cache.set(entry(3, 'usr_b', 'org_b'), 0);
    cache.invalidateOwner('usr_b');
    expect(cache.size).toBe(0);
    // An entry replaced under the same digest leaves no stale index behind.
    cache.set(entry(5, 'usr_d'), 0);
    cache.set(entry(5, 'usr_d'), 0);
    cache.invalidateOwner('usr_d');
    expect(cache.size).toBe(0);
  });

  it('reads an entry older than its maximum age as a miss, so that a missed invalidation ends', () => {
    const cache = new KeyCache(10, 10, 1000, 5000);
    cache.set(entry(1), 1000);
    expect(cache.get('hash1', 6000)?.key.id).toBe('key_1');
    expect(cache.getById('key_1', 6001)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('remembers unknown key ids like unknown digests, until a key with that id appears', () => {
    const cache = new KeyCache(10, 10, 1000);
    cache.markMissingId('key_7', 0);
    expect(cache.isMissingId('key_7', 999)).toBe(true);
    expect(cache.isMissingId('key_7', 1000)).toBe(false);
    cache.markMissingId('key_7', 0);
    cache.set(entry(7), 1);
    expect(cache.isMissingId('key_7', 2)).toBe(false);
  });

  it('remembers unknown digests for a while, within a bound, and forgets them when a key appears', () => {
    const cache = new KeyCache(10, 2, 1000);
    cache.markMissing('x', 0);
    expect(cache.isMissing('x', 999)).toBe(true);
    expect(cache.isMissing('x', 1000)).toBe(false);
    cache.markMissing('a', 0);
    cache.markMissing('b', 0);
    cache.markMissing('c', 0);
    expect(cache.isMissing('a', 1)).toBe(false);
    expect(cache.isMissing('c', 1)).toBe(true);
    cache.forgetMissing('c');
    expect(cache.isMissing('c', 1)).toBe(false);
    cache.markMissing('hash9', 0);
    cache.set(entry(9), 0);
    expect(cache.isMissing('hash9', 1)).toBe(false);
  });

  it('while distrusted, serves entries and misses read within the window only, until trusted again', () => {
    const cache = new KeyCache(10, 10, 60_000, 60_000);
    cache.set(entry(1), 0);
    cache.markMissing('gone', 0);
    cache.distrust(1000);
    expect(cache.get('hash1', 1000)?.key.id).toBe('key_1');
    expect(cache.isMissing('gone', 999)).toBe(true);
    expect(cache.isMissing('gone', 1000)).toBe(false);
    expect(cache.get('hash1', 1001)).toBeUndefined();
    cache.set(entry(2), 5000);
    cache.markMissing('gone', 5000);
    cache.trust();
    expect(cache.get('hash2', 30_000)?.key.id).toBe('key_2');
    expect(cache.isMissing('gone', 30_000)).toBe(true);
  });
});
