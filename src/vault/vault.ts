/**
 * The vault: the secret fields of connections, encrypted at rest under master keys that rotate without
 * downtime. Modelled on HashiCorp Vault's transit engine and AWS KMS.
 *
 * **Envelope encryption.** Each sealed record (one connection's secret fields) gets a random 256-bit data
 * key. Each field is encrypted by it with AES-256-GCM under a fresh 96-bit IV, with additional
 * authenticated data binding the ciphertext to its organization id, connection id and field name: moved to
 * another row, connection, organization or field, it fails to open. The data key is wrapped (AES-256-GCM
 * again) by the active master key, bound to the organization, the connection, the master key id and the
 * list of field names, so that a field added or removed fails the whole record. The record stores the
 * wrapped key and the master key's id (format: `sealed-format.ts`). Nothing partial is ever returned: any
 * failure is a `VaultError` whose message names ids and fields, never secrets.
 *
 * **Master keys.** A key's id is derived from its material (`mk_` + 96 bits of a SHA-256), so the same key
 * has the same id wherever it is kept. A keyring holds exactly one `active` key (new records), any number of
 * `decrypt-only` keys (old records still open), and `retired` ids whose material is gone. Two sources:
 * `vault.json` in the data directory (one process on SQLite: created 0600 on first start, replaced
 * atomically on rotation) or configuration (PostgreSQL: a list of keys, the first active).
 *
 * **Rotation**, as Vault and KMS do it: `addMasterKey` makes a new active key and demotes the old one, so
 * writes move at once and reads keep working; `runRewrapJob` re-wraps each record's data key (one small
 * value per record; the fields' ciphertexts are untouched, and no secret is decrypted), resumably and
 * with a conditional writer that loses no concurrent update; `retire` drops the old material once the
 * store counts no record under it.
 *
 * **Start-up** (`startVault`): a vault refuses to start when the store holds records whose master key the
 * keyring lacks, or when its file is unreadable or corrupted: it never serves garbage.
 */
import { open, rewrap, type SealedRef, seal } from './envelope.js';
import type { Keyring } from './keyring.js';
import { parseKeyringConfig } from './keyring-config.js';
import { loadKeyringFile } from './keyring-file.js';
import type { Sealed } from './sealed-format.js';
import { checkVault, type VaultStatus, type VaultUsage } from './startup-check.js';

export { open, rewrap, type SealedRef, seal } from './envelope.js';
export { addMasterKey, createKeyring, type Keyring, retire } from './keyring.js';
export { formatKeyringEntry, parseKeyringConfig } from './keyring-config.js';
export { KEYRING_FILE, loadKeyringFile, saveKeyringFile } from './keyring-file.js';
export { type MasterKey, type MasterKeyState, masterKeyId, newMasterKey } from './master-key.js';
export {
  type RewrapOptions,
  type RewrapProgress,
  runRewrapJob,
  type SealedRow,
  type SealedSource,
  type SealedWriter,
} from './rewrap-job.js';
export { masterKeyIdOf, type Sealed } from './sealed-format.js';
export { checkVault, type VaultStatus, type VaultUsage } from './startup-check.js';
export { VaultError, type VaultErrorCode } from './vault-error.js';

/**
 * The vault a server holds: the current keyring and the operations on it. After a rotation, save the new
 * keyring, then hand it over with `useKeyring`.
 *
 * @example
 * const sealed = vault.seal({ orgId, connectionId }, { apiKey });
 * const { apiKey } = vault.open({ orgId, connectionId }, sealed);
 */
export class Vault {
  #keyring: Keyring;

  constructor(keyring: Keyring) {
    this.#keyring = keyring;
  }

  get keyring(): Keyring {
    return this.#keyring;
  }

  useKeyring(keyring: Keyring): void {
    this.#keyring = keyring;
  }

  seal(ref: SealedRef, fields: Readonly<Record<string, string>>): Sealed {
    return seal(this.#keyring, ref, fields);
  }

  open(ref: SealedRef, sealed: Sealed): Record<string, string> {
    return open(this.#keyring, ref, sealed);
  }

  rewrap(ref: SealedRef, sealed: Sealed): Sealed {
    return rewrap(this.#keyring, ref, sealed);
  }
}

/** Where a deployment keeps its master keys. `name` is the setting's name, for messages. */
export type KeyringSource =
  | { kind: 'file'; dataDir: string }
  | { kind: 'config'; value: string; name: string };

/**
 * Loads the keyring, checks it against what the store holds, and answers the vault. A file keyring is
 * created on a first start only: when the store already holds sealed records, a missing file is an error.
 * Throws a `VaultError` the server reports before exiting.
 *
 * @example
 * const usage = { byMasterKey: await store.countSealedByMasterKey(), samples: await store.sampleSealed(3) };
 * const { vault, status } = await startVault({ kind: 'file', dataDir: config.dataDir }, usage);
 */
export async function startVault(
  source: KeyringSource,
  usage: VaultUsage,
): Promise<{ vault: Vault; status: VaultStatus; created: boolean }> {
  const hasRecords = [...usage.byMasterKey.values()].some((count) => count > 0);
  const loaded =
    source.kind === 'file'
      ? await loadKeyringFile(source.dataDir, { create: !hasRecords })
      : { keyring: parseKeyringConfig(source.value, source.name), created: false };
  return {
    vault: new Vault(loaded.keyring),
    status: checkVault(loaded.keyring, usage),
    created: loaded.created,
  };
}
