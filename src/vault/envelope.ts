import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { type Keyring, liveMasterKey } from './keyring.js';
import {
  type Box,
  DATA_KEY_BYTES,
  decodeSealed,
  encodeSealed,
  FIELD_NAME,
  FORMAT_VERSION,
  IV_BYTES,
  type Sealed,
  TAG_BYTES,
} from './sealed-format.js';
import { VaultError } from './vault-error.js';

/** Where a sealed record belongs. Both ids are bound into every ciphertext of the record. */
export interface SealedRef {
  readonly orgId: string;
  readonly connectionId: string;
}

const ALGORITHM = 'aes-256-gcm';

// Additional authenticated data is a JSON array: an unambiguous encoding of several strings, so that no
// choice of ids and names can make two different bindings collide. The first items separate the purposes.
function fieldAad(ref: SealedRef, name: string): Buffer {
  return Buffer.from(
    JSON.stringify(['keyward vault', FORMAT_VERSION, 'field', ref.orgId, ref.connectionId, name]),
  );
}

/** The data key is bound to its record, its master key id and the list of field names: a field added to or
 * taken out of a record makes the whole record fail, so that `open` never returns part of one. */
function dataKeyAad(ref: SealedRef, masterKeyId: string, names: readonly string[]): Buffer {
  return Buffer.from(
    JSON.stringify([
      'keyward vault',
      FORMAT_VERSION,
      'data key',
      ref.orgId,
      ref.connectionId,
      masterKeyId,
      names,
    ]),
  );
}

function encrypt(key: Buffer, plaintext: Buffer, aad: Buffer): Box {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

/** The plaintext, or null when the box does not authenticate under this key and AAD. */
function decrypt(key: Buffer, box: Box, aad: Buffer): Buffer | null {
  const decipher = createDecipheriv(ALGORITHM, key, box.iv, { authTagLength: TAG_BYTES });
  decipher.setAuthTag(box.tag);
  decipher.setAAD(aad);
  try {
    return Buffer.concat([decipher.update(box.ct), decipher.final()]);
  } catch {
    return null;
  }
}

function checkRef(ref: SealedRef): void {
  if (
    typeof ref.orgId !== 'string' ||
    ref.orgId === '' ||
    typeof ref.connectionId !== 'string' ||
    ref.connectionId === ''
  ) {
    throw new VaultError('INVALID_INPUT', 'a sealed record needs a non-empty orgId and connectionId');
  }
}

const byName = ([a]: readonly [string, unknown], [b]: readonly [string, unknown]) =>
  a < b ? -1 : a > b ? 1 : 0;

/**
 * Seals the secret fields of one connection: a fresh data key encrypts each field, and the active master
 * key wraps the data key. Throws `INVALID_INPUT` for a field name outside `[A-Za-z0-9_.-]{1,64}` or a
 * value that is not a well-formed string.
 */
export function seal(keyring: Keyring, ref: SealedRef, fields: Readonly<Record<string, string>>): Sealed {
  checkRef(ref);
  const entries = Object.entries(fields).sort(byName);
  for (const [name, value] of entries) {
    if (!FIELD_NAME.test(name)) throw new VaultError('INVALID_INPUT', 'a field name is not valid');
    if (typeof value !== 'string' || Buffer.from(value, 'utf8').toString('utf8') !== value) {
      throw new VaultError('INVALID_INPUT', `field ${name} is not a well-formed string`);
    }
  }
  const master = keyring.active;
  const dataKey = randomBytes(DATA_KEY_BYTES);
  try {
    const names = entries.map(([name]) => name);
    return encodeSealed({
      masterKeyId: master.id,
      wrappedKey: encrypt(master.key, dataKey, dataKeyAad(ref, master.id, names)),
      fields: entries.map(([name, value]) => [
        name,
        encrypt(dataKey, Buffer.from(value, 'utf8'), fieldAad(ref, name)),
      ]),
    });
  } finally {
    dataKey.fill(0);
  }
}

function unwrap(
  keyring: Keyring,
  ref: SealedRef,
  masterKeyId: string,
  wrapped: Box,
  names: string[],
): Buffer {
  const master = liveMasterKey(keyring, masterKeyId);
  const dataKey = decrypt(master.key, wrapped, dataKeyAad(ref, masterKeyId, names));
  if (dataKey === null || dataKey.length !== DATA_KEY_BYTES) {
    throw new VaultError(
      'TAMPERED',
      `the sealed record of connection ${ref.connectionId} does not authenticate: it was altered, moved ` +
        'from another connection or organization, or a field was added or removed',
    );
  }
  return dataKey;
}

/**
 * Opens a sealed record: all of its fields, or a `VaultError` (`MALFORMED`, `TAMPERED`,
 * `UNKNOWN_MASTER_KEY`, `RETIRED_MASTER_KEY`); never part of it.
 */
export function open(keyring: Keyring, ref: SealedRef, sealed: Sealed): Record<string, string> {
  checkRef(ref);
  const parts = decodeSealed(sealed, `the sealed record of connection ${ref.connectionId}`);
  const names = parts.fields.map(([name]) => name);
  const dataKey = unwrap(keyring, ref, parts.masterKeyId, parts.wrappedKey, names);
  try {
    const opened = parts.fields.map(([name, box]) => {
      const plaintext = decrypt(dataKey, box, fieldAad(ref, name));
      if (plaintext === null) {
        throw new VaultError(
          'TAMPERED',
          `field ${name} of connection ${ref.connectionId} does not authenticate: it was altered, or moved ` +
            'from another field or record',
        );
      }
      return [name, plaintext.toString('utf8')] as const;
    });
    return Object.fromEntries(opened);
  } finally {
    dataKey.fill(0);
  }
}

/**
 * Re-wraps a record's data key under the active master key, leaving every field's ciphertext as it was:
 * rotation rewrites one small value per record and never sees a secret. A record already under the active
 * key comes back unchanged. Throws as `open` does when the data key cannot be unwrapped.
 */
export function rewrap(keyring: Keyring, ref: SealedRef, sealed: Sealed): Sealed {
  checkRef(ref);
  const parts = decodeSealed(sealed, `the sealed record of connection ${ref.connectionId}`);
  const master = keyring.active;
  if (parts.masterKeyId === master.id) return sealed;
  const names = parts.fields.map(([name]) => name);
  const dataKey = unwrap(keyring, ref, parts.masterKeyId, parts.wrappedKey, names);
  try {
    return encodeSealed({
      masterKeyId: master.id,
      wrappedKey: encrypt(master.key, dataKey, dataKeyAad(ref, master.id, names)),
      fields: parts.fields,
    });
  } finally {
    dataKey.fill(0);
  }
}
