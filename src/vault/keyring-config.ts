import { createKeyring, type Keyring } from './keyring.js';
import { decodeKeyMaterial, encodeKeyMaterial, type LiveMasterKey, masterKeyId } from './master-key.js';
import { VaultError } from './vault-error.js';

const ID = /^mk_[A-Za-z0-9_-]{16}$/;

/**
 * The keyring of a deployment that keeps its master keys in configuration (PostgreSQL, where no process
 * owns a data directory): a list of master keys separated by commas or white space, each either `key` or
 * `id:key`, where `key` is 32 bytes in base64 (`openssl rand -base64 32`) and `id` is the key's own id,
 * checked against it to catch a typo. The first key is active, the others decrypt-only; a key that is no
 * longer listed is gone. `source` names the setting in messages. Throws `INVALID_KEYRING` naming the entry
 * by position, never echoing it.
 *
 * @example
 * parseKeyringConfig('mk_Q2hlY2tzdW1JZA:3q2+7w…=,0MUtxe…=', 'KEYWARD_VAULT_KEYS');
 */
export function parseKeyringConfig(value: string, source = 'the configured keyring'): Keyring {
  const entries = value.split(/[\s,]+/).filter((entry) => entry !== '');
  if (entries.length === 0) throw new VaultError('INVALID_KEYRING', `${source} holds no master key`);
  const keys: LiveMasterKey[] = [];
  const positions = new Map<string, number>();
  entries.forEach((entry, index) => {
    const where = `entry ${index + 1} of ${source}`;
    const colon = entry.indexOf(':');
    const claimed = colon === -1 ? null : entry.slice(0, colon);
    if (claimed !== null && !ID.test(claimed)) {
      throw new VaultError(
        'INVALID_KEYRING',
        `${where}: what comes before ':' is not a master key id (mk_…)`,
      );
    }
    const decoded = decodeKeyMaterial(entry.slice(colon + 1));
    if (!decoded.ok) throw new VaultError('INVALID_KEYRING', `${where}: the key ${decoded.reason}`);
    const id = masterKeyId(decoded.key);
    if (claimed !== null && claimed !== id) {
      throw new VaultError(
        'INVALID_KEYRING',
        `${where}: the key's id is ${id}, not ${claimed}; is the key mistyped or truncated?`,
      );
    }
    const first = positions.get(id);
    if (first !== undefined) {
      throw new VaultError(
        'INVALID_KEYRING',
        `entries ${first} and ${index + 1} of ${source} are the same master key ${id}`,
      );
    }
    positions.set(id, index + 1);
    keys.push({ id, state: index === 0 ? 'active' : 'decrypt-only', key: decoded.key, createdAt: null });
  });
  return createKeyring(keys);
}

/** One configured entry, `id:key`, for a new key to paste at the head of the list. */
export function formatKeyringEntry(key: LiveMasterKey): string {
  return `${key.id}:${encodeKeyMaterial(key.key)}`;
}
