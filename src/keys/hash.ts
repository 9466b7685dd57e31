import { hash } from 'node:crypto';

/**
 * The SHA-256 digest of a key, as 64 hex characters: the only form in which Keyward stores a key.
 * Keys and refresh tokens are found by their digest, never compared as secrets: how long a lookup takes
 * says nothing about the secret, since no one can choose a digest. Passwords, the one secret compared
 * directly, go through scrypt and `timingSafeEqual` (src/auth/passwords.ts).
 * `crypto.hash` is the one-shot API: about 2.5× faster here than `createHash` for short inputs.
 */
export function digestKey(key: string): string {
  return hash('sha256', key, 'hex');
}

const HEX_DIGEST = /^[0-9a-f]{64}$/i;
const BASE64_DIGEST = /^[A-Za-z0-9+/_-]{43}=?$/;

/** A SHA-256 digest given as hex or base64 (standard or URL-safe), as lower-case hex; `null` if neither. */
export function normalizeDigest(input: string): string | null {
  if (HEX_DIGEST.test(input)) return input.toLowerCase();
  if (BASE64_DIGEST.test(input)) {
    const bytes = Buffer.from(input.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return bytes.toString('hex');
  }
  return null;
}
