import { randomFillSync } from 'node:crypto';

/** Digits, then upper case, then lower case: ASCII order, so fixed-width encodings sort as numbers do. */
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * Random bytes drawn from the CSPRNG a page at a time: one `randomFillSync` call per 4 KiB instead of
 * one per id, since every request takes a request id. Each byte is handed out once (as `crypto.randomUUID`
 * does with its own cache), so pooling changes the cost and nothing about the randomness.
 */
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  const byte = pool[used] as number;
  // Spent bytes are wiped, so the pool never holds a copy of a key that was handed out.
  pool[used++] = 0;
  return byte;
}

/**
 * `length` base62 characters drawn uniformly from the CSPRNG.
 * Bytes of 248 and above are discarded, so that every character has the same odds (248 = 4 × 62).
 */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const b = randomByte();
    if (b < 248) out += BASE62[b % 62];
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

/** Each ASCII character's base62 digit, and -1 for every character outside the alphabet. */
const DIGITS = new Int8Array(128).fill(-1);
for (let i = 0; i < BASE62.length; i++) DIGITS[BASE62.charCodeAt(i)] = i;

function digitAt(s: string, i: number): number {
  const code = s.charCodeAt(i);
  return code < 128 ? (DIGITS[code] as number) : -1;
}

/** True when every character of `s[start..end)` is in the base62 alphabet. */
export function isBase62(s: string, start = 0, end = s.length): boolean {
  for (let i = start; i < end; i++) if (digitAt(s, i) < 0) return false;
  return true;
}

/**
 * The number that `s[start..end)` spells in base62, the inverse of {@link toBase62}; -1 when a character
 * is outside the alphabet. For a checksum's few characters: past 8 or 9 the number loses precision.
 */
export function fromBase62(s: string, start = 0, end = s.length): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = digitAt(s, i);
    if (digit < 0) return -1;
    value = value * 62 + digit;
  }
  return value;
}
