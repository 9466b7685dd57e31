import { setImmediate as nextTurn } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Store } from './store/store.js';
import type { AuditInput } from './store/types.js';
import {
  addMasterKey,
  type KeyringSource,
  masterKeyIdOf,
  type RewrapProgress,
  retire,
  runRewrapJob,
  type Sealed,
  type SealedRef,
  saveKeyringFile,
  startVault,
  type Vault,
  VaultError,
  type VaultStatus,
} from './vault/vault.js';

/** What a rotation did, for its answer and its audit entry. */
export interface RotationReport {
  /** The master key that wraps new records from now on. */
  active: string;
  /** The key this rotation added, when it added one (a vault.json keyring); null for a configured one. */
  added: string | null;
  rewrapped: number;
  /** Records that would not open, left as they were: their ids, for an operator to look at. */
  failed: { id: string; code: string }[];
  /** Master keys whose material this rotation dropped (vault.json), because nothing uses them any more. */
  retired: string[];
  /** Configured keys that wrap nothing any more: remove them from KEYWARD_VAULT_KEYS. */
  unused: string[];
  status: VaultStatus;
}

/** Where the keyring comes from: the configuration, the data directory's vault.json, or nowhere. */
function sourceOf(config: Readonly<Config>): KeyringSource | null {
  if (config.vaultKeys) return { kind: 'config', value: config.vaultKeys, name: 'KEYWARD_VAULT_KEYS' };
  // Several processes share a PostgreSQL database; none of their data directories is the place for keys.
  return config.dbUrl ? null : { kind: 'file', dataDir: config.dataDir };
}

/**
 * The server's vault, with what it needs around it: the keyring's source, the store whose records it
 * seals, and rotation, one at a time.
 *
 * **Rotation without downtime** (as HashiCorp Vault and AWS KMS do it). With vault.json: a new master key
 * is saved, then used for every new seal; seals that began under the old key are waited for; a rewrap job
 * moves each record's data key to the new key while requests go on (a conditional write loses no
 * concurrent change); and the old key is retired once the store counts no record under it, so that it is
 * no longer needed to start. With KEYWARD_VAULT_KEYS, the operator adds the new key at the head of the list
 * on every process; the rotation rewraps and says which keys can leave the list.
 */
export class VaultKeeper {
  readonly #source: KeyringSource | null;
  readonly #vault: Vault | null;
  readonly #store: Store;
  readonly #logger: FastifyBaseLogger;
  /** Seals not yet written to the store: a rotation waits for those begun under the old key. */
  readonly #sealing = new Set<Promise<unknown>>();
  #rotation: Promise<RotationReport> | null = null;

  private constructor(
    source: KeyringSource | null,
    vault: Vault | null,
    store: Store,
    logger: FastifyBaseLogger,
  ) {
    this.#source = source;
    this.#vault = vault;
    this.#store = store;
    this.#logger = logger;
  }

  /**
   * Opens the keyring and checks it against the store: a record under a key the keyring lacks, or a sample
   * record that does not open, refuses the start with a message that says what to restore. Without a
   * keyring (PostgreSQL and no KEYWARD_VAULT_KEYS), connections are off, unless the store holds some, which
   * also refuses the start.
   */
  static async open(config: Readonly<Config>, store: Store, logger: FastifyBaseLogger): Promise<VaultKeeper> {
    const source = sourceOf(config);
    const byMasterKey = await store.countByMasterKey();
    if (source === null) {
      const held = [...byMasterKey.values()].reduce((sum, n) => sum + n, 0);
      if (held > 0) {
        throw new VaultError(
          'KEYRING_MISSING',
          `the database holds ${held} sealed secret(s) (connections, webhook signing secrets) but no master key is configured: set KEYWARD_VAULT_KEYS to the keys that sealed them`,
        );
      }
      return new VaultKeeper(null, null, store, logger);
    }
    const samples = await store.listSealed(null, 3);
    const { vault, status, created } = await startVault(source, { byMasterKey, samples });
    if (created) logger.info({ active: status.active }, 'created the vault keyring');
    if (status.pendingRewrap > 0) {
      logger.warn(
        { pendingRewrap: status.pendingRewrap },
        'connections are sealed under an older master key: run "keyward vault rotate" to rewrap them',
      );
    }
    return new VaultKeeper(source, vault, store, logger);
  }

  /** Whether connections can be sealed and opened here. */
  get available(): boolean {
    return this.#vault !== null;
  }

  #require(): Vault {
    if (this.#vault === null) {
      throw new VaultError(
        'KEYRING_MISSING',
        'connections need a master key: set KEYWARD_VAULT_KEYS (see docs/security.md)',
      );
    }
    return this.#vault;
  }

  /**
   * Seals `fields` and hands the result to `write`, which stores it; a rotation waits for writes begun
   * before it switched keys, so none lands under a key it is about to retire.
   */
  async sealAndWrite<T>(
    ref: SealedRef,
    fields: Readonly<Record<string, string>>,
    write: (sealed: Sealed, masterKeyId: string) => Promise<T>,
  ): Promise<T> {
    const sealed = this.#require().seal(ref, fields);
    const pending = write(sealed, masterKeyIdOf(sealed));
    this.#sealing.add(pending);
    try {
      return await pending;
    } finally {
      this.#sealing.delete(pending);
    }
  }

  /** A record's secret fields. Throws `VaultError` (`TAMPERED`, `UNKNOWN_MASTER_KEY`…) rather than guess. */
  open(ref: SealedRef, sealed: Sealed): Record<string, string> {
    return this.#require().open(ref, sealed);
  }

  async status(): Promise<{ source: KeyringSource['kind'] | null; status: VaultStatus | null }> {
    if (this.#vault === null) return { source: null, status: null };
    const counts = await this.#store.countByMasterKey();
    const { keyring } = this.#vault;
    return {
      source: this.#source?.kind ?? null,
      status: {
        active: keyring.active.id,
        keys: keyring.keys.map((key) => ({ id: key.id, state: key.state, records: counts.get(key.id) ?? 0 })),
        pendingRewrap: [...counts]
          .filter(([id]) => id !== keyring.active.id)
          .reduce((sum, [, n]) => sum + n, 0),
      },
    };
  }

  /** Whether a rotation is running now. */
  get rotating(): boolean {
    return this.#rotation !== null;
  }

  /**
   * Rotates the master key (see the class comment) and appends `audit`, with what was done, to the log.
   * One rotation at a time: a second call while one runs joins it.
   */
  rotate(audit: AuditInput): Promise<RotationReport> {
    this.#rotation ??= this.#rotate(audit).finally(() => {
      this.#rotation = null;
    });
    return this.#rotation;
  }

  async #rotate(audit: AuditInput): Promise<RotationReport> {
    const vault = this.#require();
    const source = this.#source as KeyringSource;
    let added: string | null = null;
    if (source.kind === 'file') {
      const next = addMasterKey(vault.keyring);
      // On disk before any record is sealed under it.
      await saveKeyringFile(source.dataDir, next);
      vault.useKeyring(next);
      added = next.active.id;
      await Promise.allSettled([...this.#sealing]);
    }
    const progress = await runRewrapJob(
      vault.keyring,
      (after, limit) => this.#store.listSealed(after, limit),
      (id, sealed, _expected, previous) => this.#store.reseal(id, sealed, masterKeyIdOf(sealed), previous),
      {
        onPage: async (page) => {
          this.#logger.info(pageLine(page), 'vault rewrap');
          // SQLite's queries never leave the event loop: without a turn between pages, the whole job
          // would hold it, and every request would wait for the rewrap to end.
          await nextTurn();
        },
      },
    );
    const counts = await this.#store.countByMasterKey();
    const idle = vault.keyring.keys
      .filter((key) => key.state === 'decrypt-only' && (counts.get(key.id) ?? 0) === 0)
      .map((key) => key.id);
    const retired: string[] = [];
    if (source.kind === 'file' && idle.length > 0) {
      let keyring = vault.keyring;
      for (const id of idle) keyring = retire(keyring, id, 0);
      await saveKeyringFile(source.dataDir, keyring);
      vault.useKeyring(keyring);
      retired.push(...idle);
    }
    const report: RotationReport = {
      active: vault.keyring.active.id,
      added,
      rewrapped: progress.rewrapped,
      failed: progress.failed,
      retired,
      unused: source.kind === 'config' ? idle : [],
      status: (await this.status()).status as VaultStatus,
    };
    await this.#store.appendAudit([
      {
        ...audit,
        outcome: progress.failed.length === 0 ? 'success' : 'failure',
        details: {
          active: report.active,
          added,
          rewrapped: report.rewrapped,
          failed: report.failed.length,
          retired,
        },
      },
    ]);
    return report;
  }
}

function pageLine(progress: Readonly<RewrapProgress>): Record<string, unknown> {
  return {
    scanned: progress.scanned,
    rewrapped: progress.rewrapped,
    conflicts: progress.conflicts,
    failed: progress.failed.length,
  };
}
