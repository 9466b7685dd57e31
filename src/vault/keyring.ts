import {
  type LiveMasterKey,
  MASTER_KEY_BYTES,
  type MasterKey,
  masterKeyId,
  newMasterKey,
} from './master-key.js';
import { VaultError } from './vault-error.js';

/**
 * The master keys a vault knows, in order (the file's order, or the configuration's). Immutable: a
 * rotation makes a new keyring, which the caller saves and hands to its `Vault`.
 */
export interface Keyring {
  readonly keys: readonly MasterKey[];
  /** The one key that wraps new records. */
  readonly active: LiveMasterKey;
}

/**
 * A keyring from its keys, checked: exactly one active key, no id twice, and every live key 32 bytes long
 * and under the id its material gives. Throws `INVALID_KEYRING`, naming ids only.
 */
export function createKeyring(keys: readonly MasterKey[]): Keyring {
  const seen = new Set<string>();
  for (const entry of keys) {
    if (seen.has(entry.id)) throw new VaultError('INVALID_KEYRING', `master key ${entry.id} appears twice`);
    seen.add(entry.id);
    if (entry.state === 'retired') continue;
    if (entry.key.length !== MASTER_KEY_BYTES) {
      throw new VaultError(
        'INVALID_KEYRING',
        `master key ${entry.id} is ${entry.key.length} bytes long; a master key is ${MASTER_KEY_BYTES}`,
      );
    }
    if (masterKeyId(entry.key) !== entry.id) {
      throw new VaultError('INVALID_KEYRING', `master key ${entry.id} holds the material of another id`);
    }
  }
  const active = keys.filter((entry): entry is LiveMasterKey => entry.state === 'active');
  if (active.length !== 1) {
    const which = active.length === 0 ? 'none' : active.map((entry) => entry.id).join(', ');
    throw new VaultError('INVALID_KEYRING', `a keyring needs exactly one active master key, not ${which}`);
  }
  return Object.freeze({ keys: Object.freeze([...keys]), active: active[0] as LiveMasterKey });
}

/** The live key under `id`, or `UNKNOWN_MASTER_KEY` / `RETIRED_MASTER_KEY`. */
export function liveMasterKey(keyring: Keyring, id: string): LiveMasterKey {
  const entry = keyring.keys.find((candidate) => candidate.id === id);
  if (entry === undefined) {
    throw new VaultError('UNKNOWN_MASTER_KEY', `master key ${id} is not in the keyring`);
  }
  if (entry.state === 'retired') {
    throw new VaultError('RETIRED_MASTER_KEY', `master key ${id} was retired on ${entry.retiredAt}`);
  }
  return entry;
}

/**
 * Rotation, step 1: a fresh key becomes active and the active one becomes decrypt-only, so that new
 * writes use the new key at once while every existing record still opens. Then run the rewrap job.
 */
export function addMasterKey(keyring: Keyring, now = new Date()): Keyring {
  const demoted = keyring.keys.map((entry) =>
    entry.state === 'active' ? { ...entry, state: 'decrypt-only' as const } : entry,
  );
  return createKeyring([newMasterKey('active', now), ...demoted]);
}

/**
 * Rotation, last step: drop the material of `masterKeyId`, keeping its id and dates. `stillUsed` is how
 * many records the store holds wrapped by it; anything but 0 is refused (`KEY_IN_USE`), as is retiring the
 * active key. Retiring a retired key changes nothing.
 *
 * @example
 * const next = retire(keyring, 'mk_Q2hlY2tzdW1JZA', await store.countSealedByMasterKey('mk_Q2hlY2tzdW1JZA'));
 */
export function retire(keyring: Keyring, masterKeyId: string, stillUsed: number, now = new Date()): Keyring {
  const entry = keyring.keys.find((candidate) => candidate.id === masterKeyId);
  if (entry === undefined) {
    throw new VaultError('UNKNOWN_MASTER_KEY', `master key ${masterKeyId} is not in the keyring`);
  }
  if (entry.state === 'retired') return keyring;
  if (entry.state === 'active') {
    throw new VaultError(
      'KEY_IN_USE',
      `master key ${masterKeyId} is the active key: add a new master key and rewrap before retiring it`,
    );
  }
  if (!Number.isSafeInteger(stillUsed) || stillUsed !== 0) {
    throw new VaultError(
      'KEY_IN_USE',
      `master key ${masterKeyId} still wraps ${stillUsed} record(s): run the rewrap job until none is left`,
    );
  }
  return createKeyring(
    keyring.keys.map((candidate) =>
      candidate === entry
        ? { id: entry.id, state: 'retired', createdAt: entry.createdAt, retiredAt: now.toISOString() }
        : candidate,
    ),
  );
}
