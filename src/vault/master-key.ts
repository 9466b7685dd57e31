import { hash, randomBytes } from 'node:crypto';

/** AES-256: a master key is 32 bytes. */
export const MASTER_KEY_BYTES = 32;

/**
 * - `active`: new records are wrapped by it. A keyring has exactly one.
 * - `decrypt-only`: it still opens the records it wrapped, until the rewrap job has moved them on.
 * - `retired`: its material is gone; only its id stays, so that a record still wrapped by it is named
 *   as such rather than as unknown.
 */
export type MasterKeyState = 'active' | 'decrypt-only' | 'retired';

export interface LiveMasterKey {
  readonly id: string;
  readonly state: 'active' | 'decrypt-only';
  readonly key: Buffer;
  /** ISO 8601; `null` for a configured key, whose birth Keyward never saw. */
  readonly createdAt: string | null;
}

export interface RetiredMasterKey {
  readonly id: string;
  readonly state: 'retired';
  readonly createdAt: string | null;
  readonly retiredAt: string;
}

export type MasterKey = LiveMasterKey | RetiredMasterKey;

const ID_DOMAIN = Buffer.from('keyward vault master key id\0');

/**
 * The id of a master key, such as `mk_Q2hlY2tzdW1JZA`: the first 96 bits of a SHA-256 of the key, in
 * base64url. The same key always has the same id, so an id in a record names its key wherever the key is
 * kept, and a configured `id:key` pair whose halves disagree is caught as a typo. The hash reveals nothing
 * of a random 256-bit key.
 */
export function masterKeyId(key: Buffer): string {
  return `mk_${hash('sha256', Buffer.concat([ID_DOMAIN, key]), 'base64url').slice(0, 16)}`;
}

/** A fresh random master key. */
export function newMasterKey(state: 'active' | 'decrypt-only' = 'active', now = new Date()): LiveMasterKey {
  const key = randomBytes(MASTER_KEY_BYTES);
  return { id: masterKeyId(key), state, key, createdAt: now.toISOString() };
}

/** How a master key is written in the keyring file and in configuration: standard base64, padded. */
export function encodeKeyMaterial(key: Buffer): string {
  return key.toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const BASE64URL = /^[A-Za-z0-9_-]*$/;

/**
 * Key material given as base64 (standard, as `openssl rand -base64 32` prints it, or URL-safe), or why
 * it is not a master key. The reason never repeats the text.
 */
export function decodeKeyMaterial(text: string): { ok: true; key: Buffer } | { ok: false; reason: string } {
  if (!BASE64.test(text) && !BASE64URL.test(text)) return { ok: false, reason: 'is not base64' };
  const key = Buffer.from(text, BASE64URL.test(text) ? 'base64url' : 'base64');
  if (key.length !== MASTER_KEY_BYTES) {
    return { ok: false, reason: `decodes to ${key.length} bytes; a master key is ${MASTER_KEY_BYTES}` };
  }
  return { ok: true, key };
}
