import { describe, expect, it } from 'vitest';
import { toBase62 } from './base62.js';
import { newId, requestIds } from './ids.js';

describe('ids', () => {
  it('gives every id its prefix and 22 base62 characters, sorted by creation time', () => {
    const early = newId('key', 1_000);
    const late = newId('key', 2_000);
    expect(early).toMatch(/^key_[0-9A-Za-z]{22}$/);
    expect(early < late).toBe(true);
  });

  it('numbers request ids after a prefix of their own, in the same shape as every other id', () => {
    const next = requestIds();
    const ids = Array.from({ length: 5_000 }, next);
    for (const id of ids) expect(id).toMatch(/^req_[0-9A-Za-z]{22}$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    // The counter is the last 8 characters, across the carries at 62 and 62².
    expect(ids.map((id) => id.slice(18))).toEqual(ids.map((_, count) => toBase62(count, 8)));
    // Two processes started in the same millisecond still differ by their random part.
    expect(requestIds(1_000)().slice(0, 18)).not.toBe(requestIds(1_000)().slice(0, 18));
  });
});
