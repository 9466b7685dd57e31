import { describe, expect, it } from 'vitest';
import {
  AnswerCache,
  type CachedAnswer,
  type CacheLimits,
  cacheKey,
  type StreamHealth,
  servable,
} from '../../packages/client/src/guard/cache.js';
import type { VerifyAnswer } from '../../packages/client/src/guard/types.js';

const LIMITS: CacheLimits = { ttlMs: 60_000, maxAgeMs: 5000, graceMs: 0, maxEntries: 10_000 };

function answer(fields: Partial<VerifyAnswer> = {}): VerifyAnswer {
  return {
    valid: true,
    code: 'VALID',
    keyId: 'key_1',
    ownerId: 'usr_1',
    organizationId: 'org_1',
    role: 'member',
    permissions: ['documents:read'],
    expiresAt: null,
    meta: null,
    ...fields,
  };
}

function entry(verifiedAt: number, fields: Partial<VerifyAnswer> = {}, endsAt = Infinity): CachedAnswer {
  return { answer: answer(fields), verifiedAt, endsAt };
}

const DOWN: StreamHealth = { healthySince: null, lastHeard: Number.NEGATIVE_INFINITY };
const healthy = (since: number, lastHeard: number): StreamHealth => ({ healthySince: since, lastHeard });

describe('the staleness rule', () => {
  // An answer asked for at t = 100_000.
  const t = 100_000;
  const cases: [string, StreamHealth, number, boolean][] = [
    ['stream down, within the max age', DOWN, t + 5000, true],
    ['stream down, past the max age', DOWN, t + 5001, false],
    [
      'stream healthy since before, heard lately, within the ttl',
      healthy(t - 1, t + 59_000),
      t + 60_000,
      true,
    ],
    ['stream healthy since before, past the ttl', healthy(t - 1, t + 60_000), t + 60_001, false],
    ['stream healthy since the very moment it was asked', healthy(t, t + 9000), t + 10_000, true],
    ['stream healthy only since after it was asked', healthy(t + 1, t + 9000), t + 10_000, false],
    ['stream connected but silent longer than the max age', healthy(t - 1, t + 4999), t + 10_000, false],
  ];
  for (const [name, stream, now, served] of cases) {
    it(`${served ? 'serves' : 'refuses'} an answer: ${name}`, () => {
      expect(servable(entry(t), now, stream, LIMITS)).toBe(served);
    });
  }

  it('serves an answer about no key (NOT_FOUND) for the max age only, whatever the stream', () => {
    const notFound = entry(t, { valid: false, code: 'NOT_FOUND', keyId: null, ownerId: null });
    expect(servable(notFound, t + 5000, healthy(0, t + 5000), LIMITS)).toBe(true);
    expect(servable(notFound, t + 5001, healthy(0, t + 5001), LIMITS)).toBe(false);
  });

  it("never serves a valid answer once the key's expiry has passed", () => {
    expect(servable(entry(t, {}, t + 1000), t + 999, DOWN, LIMITS)).toBe(true);
    expect(servable(entry(t, {}, t + 1000), t + 1000, DOWN, LIMITS)).toBe(false);
    // A refusal of that key stays a refusal: its expiry changes nothing.
    expect(servable(entry(t, { valid: false, code: 'REVOKED' }, t + 1000), t + 2000, DOWN, LIMITS)).toBe(
      true,
    );
  });
});

describe('AnswerCache', () => {
  it('keys entries by a hash of the key and the permissions, never by the key', () => {
    const id = cacheKey('acme_secret-key-value', ['documents:read']);
    expect(id).not.toContain('acme_secret-key-value');
    expect(id).toBe(cacheKey('acme_secret-key-value', ['documents:read']));
    expect(id).not.toBe(cacheKey('acme_secret-key-value', []));
    expect(id).not.toBe(cacheKey('acme_other-key-value', ['documents:read']));
  });

  it('holds at most maxEntries, dropping the least recently used', () => {
    const cache = new AnswerCache({ ...LIMITS, maxEntries: 2 });
    cache.store('a', entry(0, { keyId: 'key_a' }));
    cache.store('b', entry(0, { keyId: 'key_b' }));
    expect(cache.fresh('a', 1, DOWN)).toBeDefined();
    cache.store('c', entry(0, { keyId: 'key_c' }));
    expect(cache.size).toBe(2);
    expect(cache.fresh('b', 1, DOWN)).toBeUndefined();
    expect(cache.fresh('a', 1, DOWN)).toBeDefined();
    expect(cache.fresh('c', 1, DOWN)).toBeDefined();
  });

  it("drops what an event names: a key's answers, or every answer about an owner's keys", () => {
    const cache = new AnswerCache(LIMITS);
    cache.store('a read', entry(0, { keyId: 'key_a', ownerId: 'usr_1' }));
    cache.store('a write', entry(0, { keyId: 'key_a', ownerId: 'usr_1', valid: false }));
    cache.store('b', entry(0, { keyId: 'key_b', ownerId: 'usr_1' }));
    cache.store('c', entry(0, { keyId: 'key_c', ownerId: 'usr_2' }));
    cache.outdate({ keyId: 'key_a', ownerId: null });
    expect([cache.fresh('a read', 1, DOWN), cache.fresh('a write', 1, DOWN)]).toEqual([undefined, undefined]);
    expect(cache.size).toBe(2);
    cache.outdate({ keyId: null, ownerId: 'usr_1' });
    expect(cache.fresh('b', 1, DOWN)).toBeUndefined();
    expect(cache.fresh('c', 1, DOWN)).toBeDefined();
    cache.outdate('all');
    expect(cache.size).toBe(0);
  });

  it('counts the drops events ask for, and only those', () => {
    const cache = new AnswerCache(LIMITS);
    const before = cache.generation;
    cache.store('a', entry(0));
    cache.dropKey('key_1');
    expect(cache.generation).toBe(before);
    cache.outdate({ keyId: 'key_9', ownerId: null });
    cache.outdate('all');
    expect(cache.generation).toBe(before + 2);
  });

  it('lets a valid answer through within the grace period only', () => {
    const cache = new AnswerCache({ ...LIMITS, graceMs: 120_000 });
    cache.store('valid', entry(0));
    cache.store('revoked', entry(0, { valid: false, code: 'REVOKED' }));
    cache.store('expiring', entry(0, {}, 30_000));
    expect(cache.fresh('valid', 100_000, DOWN)).toBeUndefined();
    expect(cache.graced('valid', 120_000)).toBeDefined();
    expect(cache.graced('valid', 120_001)).toBeUndefined();
    expect(cache.graced('revoked', 1000)).toBeUndefined();
    expect(cache.graced('expiring', 30_000)).toBeUndefined();
  });

  it('forgets an entry past every use of it', () => {
    const cache = new AnswerCache(LIMITS);
    cache.store('a', entry(0));
    expect(cache.fresh('a', 60_001, healthy(-1, 60_000))).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
