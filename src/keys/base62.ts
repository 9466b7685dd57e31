import { randomBytes } from 'node:crypto';

/** Digits, then upper case, then lower case: ASCII order, so fixed-width encodings sort as numbers do. */
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * `length` base62 characters drawn uniformly from `crypto.randomBytes`.
 * Bytes of 248 and above are discarded, so that every character has the same odds (248 = 4 × 62).
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const bytes = randomBytes(length + 8);
    for (let i = 0; i < bytes.length && out.length < length; i++) {
      const b = bytes[i] as number;
      if (b < 248) out += BASE62[b % 62];
    }
  }
  return out;
}

/** A non-negative integer as exactly `width` base62 characters, zero-padded. */
export function toBase62(value: number, width: number): string {
  let out = '';
  let rest = Math.floor(value);
  for (let i = 0; i < width; i++) {
    out = BASE62[rest % 62] + out;
    rest = Math.floor(rest / 62);
  }
  return out;
}
