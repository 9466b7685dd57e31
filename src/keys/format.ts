import { crc32 } from 'node:zlib';
import { randomBase62, toBase62 } from './base62.js';

/** An organization's key prefix: 2–16 characters of `[a-z0-9]`. */
export const PREFIX_PATTERN = '^[a-z0-9]{2,16}$';
const PREFIX_RE = new RegExp(PREFIX_PATTERN);

export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
/** Caller-supplied keys are at least this long, prefix included (the Edge Impulse rule). */
export const MIN_KEY_LENGTH = 32;
export const MAX_KEY_LENGTH = 256;

/** The body of a generated key: 32 random base62 characters and a 6-character checksum. */
const GENERATED_BODY = /^[0-9A-Za-z]{38}$/;
/** Characters a caller-supplied key may use after its prefix: URL-safe, no whitespace, no quotes. */
const SUPPLIED_BODY = /^[0-9A-Za-z_.~+/=-]+$/;

export function isValidPrefix(prefix: string): boolean {
  return PREFIX_RE.test(prefix);
}

function checksumOf(head: string): string {
  return toBase62(crc32(head), CHECKSUM_LENGTH);
}

/**
 * A new key for an organization: `<prefix>_<32 random base62><6 base62 of CRC32>`.
 * @example generateKey('kw') // 'kw_3vQ…9x' (41 characters)
 */
export function generateKey(prefix: string): string {
  const head = `${prefix}_${randomBase62(RANDOM_LENGTH)}`;
  return head + checksumOf(head);
}

export type KeyShape =
  | { ok: true; prefix: string; generated: boolean }
  | { ok: false; reason: 'length' | 'alphabet' | 'prefix' | 'checksum' };

/**
 * What can be known about a presented key without any store: its prefix, whether it has the generated
 * shape, and whether that shape's checksum holds. A key that fails here cannot be a key of any cluster.
 */
export function inspectKey(key: string): KeyShape {
  if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH) return { ok: false, reason: 'length' };
  const sep = key.indexOf('_');
  if (sep < 2 || sep > 16) return { ok: false, reason: 'prefix' };
  const prefix = key.slice(0, sep);
  if (!PREFIX_RE.test(prefix)) return { ok: false, reason: 'prefix' };
  const body = key.slice(sep + 1);
  if (GENERATED_BODY.test(body)) {
    const head = key.slice(0, key.length - CHECKSUM_LENGTH);
    if (checksumOf(head) !== key.slice(key.length - CHECKSUM_LENGTH))
      return { ok: false, reason: 'checksum' };
    return { ok: true, prefix, generated: true };
  }
  if (!SUPPLIED_BODY.test(body)) return { ok: false, reason: 'alphabet' };
  return { ok: true, prefix, generated: false };
}

/** The display hint stored beside the digest: the prefix and the first 4 characters after it. */
export function keyHint(key: string): string {
  const sep = key.indexOf('_');
  return `${key.slice(0, sep + 5)}…`;
}
