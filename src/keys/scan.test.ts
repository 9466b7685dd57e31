import { describe, expect, it } from 'vitest';
import { generateKey } from './format.js';
import { findKeys } from './scan.js';

/** The same key with its last character changed: the generated shape, a checksum that fails. */
function lookalike(key: string): string {
  return `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
}

describe('findKeys', () => {
  it('finds generated keys of any prefix, wherever they stand in a line', () => {
    const [a, b, c] = [generateKey('acme'), generateKey('kw'), generateKey('a1b2c3d4e5f6g7h8')];
    const text = `KEY=${a} other="${b}" url=https://x/?k=${c}&y=1`;
    expect(findKeys(text)).toEqual([
      { index: text.indexOf(a), key: a },
      { index: text.indexOf(b), key: b },
      { index: text.indexOf(c), key: c },
    ]);
  });

  it('finds a key glued to letters before it, by the prefix whose checksum holds', () => {
    const key = generateKey('acme');
    expect(findKeys(`tokenacme${key.slice(4)}`)).toEqual([{ index: 5, key }]);
  });

  it('ignores look-alikes: a bad checksum, a longer body, a prefix that is not one', () => {
    const key = generateKey('acme');
    expect(findKeys(lookalike(key))).toEqual([]);
    expect(findKeys(`${key}x`)).toEqual([]);
    expect(findKeys(key.replace('acme', 'ACME'))).toEqual([]);
    expect(findKeys(`acme_${'a'.repeat(38)}`)).toEqual([]);
  });
});
