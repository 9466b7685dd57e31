import { VaultError } from './vault-error.js';

/**
 * A sealed record as stored: one line of JSON, version 1.
 *
 * ```json
 * {"v":1,"kid":"mk_Q2hlY2tzdW1JZA","dk":{"iv":"…","ct":"…","tag":"…"},
 *  "fields":{"apiKey":{"iv":"…","ct":"…","tag":"…"}}}
 * ```
 * - `v`: the format version; anything but 1 is refused.
 * - `kid`: the id of the master key that wrapped the data key.
 * - `dk`: the data key wrapped by that master key: AES-256-GCM, 12-byte `iv`, 32-byte `ct`, 16-byte `tag`.
 * - `fields`: each secret field encrypted by the data key: 12-byte `iv`, `ct` as long as the UTF-8 value,
 *   16-byte `tag`; names in sorted order.
 *
 * Every binary part is base64url without padding.
 */
export type Sealed = string;

export const FORMAT_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** One AES-256-GCM output. */
export interface Box {
  readonly iv: Buffer;
  readonly ct: Buffer;
  readonly tag: Buffer;
}

export interface SealedParts {
  readonly masterKeyId: string;
  readonly wrappedKey: Box;
  /** In sorted name order. */
  readonly fields: readonly (readonly [string, Box])[];
}

/** A field name: what a provider catalog calls its secret fields (`apiKey`, `password`, `api_key`). */
export const FIELD_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const KEY_ID = /^mk_[A-Za-z0-9_-]{16}$/;
const B64URL = /^[A-Za-z0-9_-]*$/;

const boxJson = (box: Box) => ({
  iv: box.iv.toString('base64url'),
  ct: box.ct.toString('base64url'),
  tag: box.tag.toString('base64url'),
});

export function encodeSealed(parts: SealedParts): Sealed {
  const fields = Object.fromEntries(parts.fields.map(([name, box]) => [name, boxJson(box)]));
  return JSON.stringify({ v: FORMAT_VERSION, kid: parts.masterKeyId, dk: boxJson(parts.wrappedKey), fields });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function hasExactly(value: Record<string, unknown>, keys: readonly string[]): boolean {
  const own = Object.keys(value);
  return own.length === keys.length && keys.every((key) => Object.hasOwn(value, key));
}

/** Canonical base64url of `bytes` bytes (any length when `bytes` is null), or null. */
function bytesOf(value: unknown, bytes: number | null): Buffer | null {
  if (typeof value !== 'string' || !B64URL.test(value)) return null;
  const decoded = Buffer.from(value, 'base64url');
  if (decoded.toString('base64url') !== value) return null;
  return bytes === null || decoded.length === bytes ? decoded : null;
}

function boxOf(value: unknown, ctBytes: number | null): Box | null {
  if (!isObject(value) || !hasExactly(value, ['iv', 'ct', 'tag'])) return null;
  const iv = bytesOf(value.iv, IV_BYTES);
  const ct = bytesOf(value.ct, ctBytes);
  const tag = bytesOf(value.tag, TAG_BYTES);
  return iv && ct && tag ? { iv, ct, tag } : null;
}

/**
 * The parts of a sealed record, checked for shape only (authenticity is `open`'s business). Throws
 * `MALFORMED`, naming `what` (such as "the sealed record of connection con_…") and never its content.
 */
export function decodeSealed(sealed: Sealed, what = 'the sealed record'): SealedParts {
  const fail = (why: string) => new VaultError('MALFORMED', `${what} is malformed: ${why}`);
  let json: unknown;
  try {
    json = JSON.parse(sealed);
  } catch {
    throw fail('it is not JSON');
  }
  if (!isObject(json) || !Object.hasOwn(json, 'v')) throw fail('it is not a sealed record');
  if (json.v !== FORMAT_VERSION) {
    throw fail(`version ${typeof json.v === 'number' ? json.v : typeof json.v} is not supported`);
  }
  if (!hasExactly(json, ['v', 'kid', 'dk', 'fields'])) throw fail('its parts are not v, kid, dk and fields');
  if (typeof json.kid !== 'string' || !KEY_ID.test(json.kid)) throw fail('kid is not a master key id');
  const wrappedKey = boxOf(json.dk, DATA_KEY_BYTES);
  if (wrappedKey === null) throw fail('dk is not a wrapped data key');
  if (!isObject(json.fields)) throw fail('fields is not an object');
  const fields: (readonly [string, Box])[] = [];
  for (const [name, value] of Object.entries(json.fields)) {
    if (!FIELD_NAME.test(name)) throw fail('a field name is not valid');
    const box = boxOf(value, null);
    if (box === null) throw fail(`field ${name} is not an encrypted value`);
    fields.push([name, box]);
  }
  fields.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { masterKeyId: json.kid, wrappedKey, fields };
}

/**
 * The id of the master key that wrapped a sealed record, for the store's `master_key_id` column and for
 * counting what a rotation has left to do. Throws `MALFORMED` like `decodeSealed`.
 */
export function masterKeyIdOf(sealed: Sealed): string {
  return decodeSealed(sealed).masterKeyId;
}
