import { fromBase62, isBase62, randomBase62, toBase62 } from './base62.js';

/** An organization's key prefix: 2–16 characters of `[a-z0-9]`. */
export const PREFIX_PATTERN = '^[a-z0-9]{2,16}$';
const PREFIX_RE = new RegExp(PREFIX_PATTERN);

export const RANDOM_LENGTH = 32;
export const CHECKSUM_LENGTH = 6;
/** Caller-supplied keys are at least this long, prefix included (the Edge Impulse rule). */
export const MIN_KEY_LENGTH = 32;
export const MAX_KEY_LENGTH = 256;

/** The body of a generated key: 32 random base62 characters and a 6-character checksum. */
const GENERATED_BODY_LENGTH = RANDOM_LENGTH + CHECKSUM_LENGTH;
/** Characters a caller-supplied key may use after its prefix: URL-safe, no whitespace, no quotes. */
const SUPPLIED_BODY = /^[0-9A-Za-z_.~+/=-]+$/;

export function isValidPrefix(prefix: string): boolean {
  return PREFIX_RE.test(prefix);
}

/** CRC-32 (IEEE 802.3, the polynomial of zlib, PNG and Ethernet) by bytes, one table entry per byte. */
const CRC_TABLE = new Int32Array(256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  CRC_TABLE[n] = c;
}

/**
 * The CRC-32 of `s[0..end)`, whose characters are all ASCII (so each is its own UTF-8 byte), as
 * `zlib.crc32` computes it. Computed here rather than by zlib: a call into zlib must first encode the
 * string, which costs more than these few dozen table lookups, and every presented key is checked.
 */
export function asciiCrc32(s: string, end = s.length): number {
  let c = -1;
  for (let i = 0; i < end; i++) c = (CRC_TABLE[(c ^ s.charCodeAt(i)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function checksumOf(head: string): string {
  return toBase62(asciiCrc32(head), CHECKSUM_LENGTH);
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
  if (key.length - sep - 1 === GENERATED_BODY_LENGTH && isBase62(key, sep + 1)) {
    // The generated shape, read in place: every presented key that memory does not hold comes here.
    const head = key.length - CHECKSUM_LENGTH;
    if (fromBase62(key, head) !== asciiCrc32(key, head)) return { ok: false, reason: 'checksum' };
    return { ok: true, prefix, generated: true };
  }
  if (!SUPPLIED_BODY.test(key.slice(sep + 1))) return { ok: false, reason: 'alphabet' };
  return { ok: true, prefix, generated: false };
}

/** The display hint stored beside the digest: the prefix and the first 4 characters after it. */
export function keyHint(key: string): string {
  const sep = key.indexOf('_');
  return `${key.slice(0, sep + 5)}…`;
}
