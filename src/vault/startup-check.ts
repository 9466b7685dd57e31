import { open } from './envelope.js';
import type { Keyring } from './keyring.js';
import type { MasterKeyState } from './master-key.js';
import type { SealedRow } from './rewrap-job.js';
import { VaultError } from './vault-error.js';

export interface VaultUsage {
  /** How many records each master key wraps, as the store counts them (`GROUP BY master_key_id`). */
  readonly byMasterKey: ReadonlyMap<string, number>;
  /** A few records to open, as a last proof that this keyring is the one that sealed them. */
  readonly samples?: readonly SealedRow[];
}

export interface VaultStatus {
  readonly active: string;
  readonly keys: readonly { id: string; state: MasterKeyState; records: number }[];
  /** Records not yet under the active key: what a rewrap job has left to do. */
  readonly pendingRewrap: number;
}

const list = (entries: [string, number][]) => entries.map(([id, count]) => `${id} (${count})`).join(', ');

/**
 * Refuses to start a vault that could not open what the store holds: a record wrapped by a master key the
 * keyring lacks (`UNKNOWN_MASTER_KEY`) or has retired (`RETIRED_MASTER_KEY`), or a sample that does not
 * open. Otherwise answers what each key wraps, for the start-up log. Secrets opened from the samples are
 * dropped at once.
 */
export function checkVault(keyring: Keyring, usage: VaultUsage): VaultStatus {
  const used = [...usage.byMasterKey].filter(([, count]) => count > 0);
  const state = (id: string) => keyring.keys.find((entry) => entry.id === id)?.state;
  const unknown = used.filter(([id]) => state(id) === undefined);
  if (unknown.length > 0) {
    throw new VaultError(
      'UNKNOWN_MASTER_KEY',
      `sealed records use master keys the keyring lacks: ${list(unknown)}; restore the keyring that holds ` +
        'them (vault.json from a backup, or the keys in the configured list) before starting',
    );
  }
  const retired = used.filter(([id]) => state(id) === 'retired');
  if (retired.length > 0) {
    throw new VaultError(
      'RETIRED_MASTER_KEY',
      `sealed records use retired master keys: ${list(retired)}; their material is gone, so those ` +
        'records cannot be opened: restore a keyring from before the retirement',
    );
  }
  for (const row of usage.samples ?? []) {
    try {
      open(keyring, { orgId: row.orgId, connectionId: row.id }, row.sealed);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      throw new VaultError(
        error.code,
        `a sample record does not open, so the vault will not start: ${error.message}`,
      );
    }
  }
  const count = (id: string) => usage.byMasterKey.get(id) ?? 0;
  return {
    active: keyring.active.id,
    keys: keyring.keys.map((entry) => ({ id: entry.id, state: entry.state, records: count(entry.id) })),
    pendingRewrap: used.filter(([id]) => id !== keyring.active.id).reduce((sum, [, n]) => sum + n, 0),
  };
}
