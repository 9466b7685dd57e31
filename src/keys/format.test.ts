import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asciiCrc32, generateKey, inspectKey, keyHint } from './format.js';
import { digestKey, normalizeDigest } from './hash.js';

describe('key format', () => {
  it('generates prefix_random+checksum keys that pass their own checksum', () => {
    for (let i = 0; i < 200; i++) {
      const key = generateKey('kw');
      expect(key).toMatch(/^kw_[0-9A-Za-z]{38}$/);
      expect(inspectKey(key)).toEqual({ ok: true, prefix: 'kw', generated: true });
    }
  });

  it('rejects a key of the generated shape whose checksum fails', () => {
    const key = generateKey('acme');
    const last = key.at(-1) === 'a' ? 'b' : 'a';
    expect(inspectKey(key.slice(0, -1) + last)).toEqual({ ok: false, reason: 'checksum' });
    const swapped = `${key.slice(0, 5)}${key[6]}${key[5]}${key.slice(7)}`;
    if (swapped !== key) expect(inspectKey(swapped).ok).toBe(false);
  });

  it('rejects bad lengths, prefixes and alphabets before any lookup', () => {
    expect(inspectKey('kw_short')).toEqual({ ok: false, reason: 'length' });
    expect(inspectKey(`kw_${'a'.repeat(300)}`)).toEqual({ ok: false, reason: 'length' });
    expect(inspectKey(`KW_${'a'.repeat(40)}`)).toEqual({ ok: false, reason: 'prefix' });
    expect(inspectKey(`k_${'a'.repeat(40)}`)).toEqual({ ok: false, reason: 'prefix' });
    expect(inspectKey(`kw_${'a'.repeat(30)} é`)).toEqual({ ok: false, reason: 'alphabet' });
    expect(inspectKey(`kw_${'a'.repeat(30)}-legacy`)).toEqual({ ok: true, prefix: 'kw', generated: false });
  });

  it('computes the checksum as zlib does, over the whole string or a head of it', () => {
    const ascii = fc.string({
      unit: fc.integer({ min: 0, max: 127 }).map((code) => String.fromCharCode(code)),
    });
    fc.assert(
      fc.property(ascii, fc.nat(), (text, cut) => {
        const end = text.length === 0 ? 0 : cut % (text.length + 1);
        expect(asciiCrc32(text)).toBe(crc32(text));
        expect(asciiCrc32(text, end)).toBe(crc32(text.slice(0, end)));
      }),
    );
  });

  it('hints show only the prefix and four characters', () => {
    const key = 'kw_abcdEFGHijklMNOPqrstUVWXyz0123456789';
    expect(keyHint(key)).toBe('kw_abcd…');
  });
});

describe('digests', () => {
  it('normalizes hex and base64 digests to hex', () => {
    const hex = digestKey('kw_example');
    expect(normalizeDigest(hex.toUpperCase())).toBe(hex);
    expect(normalizeDigest(Buffer.from(hex, 'hex').toString('base64'))).toBe(hex);
    expect(normalizeDigest(Buffer.from(hex, 'hex').toString('base64url'))).toBe(hex);
    expect(normalizeDigest('nothex')).toBeNull();
  });
});
