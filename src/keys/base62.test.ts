import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE62, fromBase62, isBase62, randomBase62, toBase62 } from './base62.js';

describe('randomBase62', () => {
  it('draws every character about equally often, across many refills of the pool', () => {
    const counts = new Map<string, number>();
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      const id = randomBase62(31);
      expect(id).toMatch(/^[0-9A-Za-z]{31}$/);
      seen.add(id);
      for (const char of id) counts.set(char, (counts.get(char) ?? 0) + 1);
    }
    expect(seen.size).toBe(20_000);
    // 620,000 characters over 62 symbols: 10,000 each expected, a standard deviation of about 100.
    expect(counts.size).toBe(62);
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(600);
  });
});

describe('toBase62', () => {
  it('writes fixed-width numbers that sort as the numbers do', () => {
    const values = [0, 1, 61, 62, 3843, 1_764_000_000_000];
    const encoded = values.map((value) => toBase62(value, 8));
    expect(encoded[0]).toBe('00000000');
    expect(encoded[2]).toBe(`0000000${BASE62[61]}`);
    expect([...encoded].sort()).toEqual(encoded);
  });
});

describe('fromBase62 and isBase62', () => {
  it('read back what toBase62 wrote, at any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.string({ maxLength: 5 }), (value, before) => {
        const text = `${before}${toBase62(value, 6)}`;
        expect(fromBase62(text, before.length)).toBe(value);
        expect(isBase62(text, before.length)).toBe(true);
      }),
    );
  });

  it('refuse any character outside the alphabet, ASCII or not', () => {
    for (const bad of ['_', '-', ' ', '/', '+', '=', 'é', '０', '\u0000', '😀']) {
      expect(fromBase62(`ab${bad}c`)).toBe(-1);
      expect(isBase62(`ab${bad}c`)).toBe(false);
      expect(isBase62(`ab${bad}c`, 3)).toBe(bad.length === 1);
    }
  });
});
