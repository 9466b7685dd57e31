import { rewrap } from './envelope.js';
import type { Keyring } from './keyring.js';
import { masterKeyIdOf, type Sealed } from './sealed-format.js';
import { VaultError, type VaultErrorCode } from './vault-error.js';

/** A stored sealed record: `id` is its connection's id, which with `orgId` is bound into it. */
export interface SealedRow {
  readonly id: string;
  readonly orgId: string;
  readonly sealed: Sealed;
}

/**
 * Up to `limit` records whose id sorts after `after` (all of them when `after` is null), in ascending id
 * order. It may leave out records already under the active key; it need not.
 */
export type SealedSource = (after: string | null, limit: number) => Promise<readonly SealedRow[]>;

/**
 * Stores `sealed` as record `id` only if the record still holds exactly `previous`, which was wrapped by
 * `expectedMasterKeyId`; answers whether it wrote. A store may compare the master key id alone (an indexed
 * `master_key_id` column) when every process seals under the same active key; comparing `previous` also
 * protects a record that a process not yet restarted re-sealed under the old key meanwhile.
 */
export type SealedWriter = (
  id: string,
  sealed: Sealed,
  expectedMasterKeyId: string,
  previous: Sealed,
) => Promise<boolean>;

export interface RewrapProgress {
  /** The id of the last record handled: pass it as `after` to resume. */
  cursor: string | null;
  scanned: number;
  /** Records the job re-wrapped under the active key. */
  rewrapped: number;
  /** Records with nothing to do: already under the active key, or deleted while the job ran. */
  skipped: number;
  /** How often the writer refused because a record changed under the job; each was read again. */
  conflicts: number;
  /** Records left as they were: unopenable (`TAMPERED`, `UNKNOWN_MASTER_KEY`…) or still changing (`CONFLICT`). */
  failed: { id: string; code: VaultErrorCode | 'CONFLICT' }[];
  /** True once every record was seen; false when `signal` stopped the job first. */
  done: boolean;
}

export interface RewrapOptions {
  /** Where to resume: the `cursor` of an earlier run. */
  after?: string | null;
  pageSize?: number;
  /** How many times a record that changed under the job is read and tried again (3). */
  retries?: number;
  /** Stops the job between two records, as on shutdown. */
  signal?: AbortSignal;
  /** Called after each page, to save the cursor and report progress. */
  onPage?: (progress: Readonly<RewrapProgress>) => void | Promise<void>;
}

/**
 * Rotation, step 2: moves every record to the active master key, one data key at a time, racing safely
 * with requests that update records meanwhile (the conditional writer). Resumable from its cursor. A
 * record it cannot open is counted in `failed` and left for an operator; the job goes on. When it is done,
 * count the records still under the old key and `retire` it.
 *
 * @example
 * const progress = await runRewrapJob(vault.keyring, store.pageSealed, store.replaceSealed, {
 *   after: savedCursor, signal, onPage: (p) => log.info(p, 'vault rewrap'),
 * });
 */
export async function runRewrapJob(
  keyring: Keyring,
  read: SealedSource,
  write: SealedWriter,
  options: RewrapOptions = {},
): Promise<RewrapProgress> {
  const pageSize = options.pageSize ?? 100;
  const retries = options.retries ?? 3;
  const progress: RewrapProgress = {
    cursor: options.after ?? null,
    scanned: 0,
    rewrapped: 0,
    skipped: 0,
    conflicts: 0,
    failed: [],
    done: false,
  };

  /** One record; `before` is the cursor that reads it again. */
  async function handle(first: SealedRow, before: string | null): Promise<void> {
    let row = first;
    for (let attempt = 0; ; attempt++) {
      let next: Sealed;
      try {
        next = rewrap(keyring, { orgId: row.orgId, connectionId: row.id }, row.sealed);
      } catch (error) {
        if (!(error instanceof VaultError)) throw error;
        progress.failed.push({ id: row.id, code: error.code });
        return;
      }
      if (next === row.sealed) {
        progress.skipped++;
        return;
      }
      if (await write(row.id, next, masterKeyIdOf(row.sealed), row.sealed)) {
        progress.rewrapped++;
        return;
      }
      progress.conflicts++;
      if (attempt >= retries) {
        progress.failed.push({ id: row.id, code: 'CONFLICT' });
        return;
      }
      const [again] = await read(before, 1);
      if (again?.id !== row.id) {
        progress.skipped++;
        return;
      }
      row = again;
    }
  }

  while (!options.signal?.aborted) {
    const page = await read(progress.cursor, pageSize);
    for (const row of page) {
      if (options.signal?.aborted) return progress;
      progress.scanned++;
      await handle(row, progress.cursor);
      progress.cursor = row.id;
    }
    progress.done = page.length < pageSize;
    await options.onPage?.(progress);
    if (progress.done) break;
  }
  return progress;
}
