import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vaultRefusal } from '../../test/support/vault-refusal.js';
import {
  addMasterKey,
  formatKeyringEntry,
  KEYRING_FILE,
  loadKeyringFile,
  masterKeyIdOf,
  newMasterKey,
  retire,
  runRewrapJob,
  type SealedRow,
  saveKeyringFile,
  startVault,
} from './vault.js';

const ORG = 'org_0mZ3k9QeAAAAAAAAAAAAAA';
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'keyward-vault-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const none = { byMasterKey: new Map<string, number>() };

describe('startVault', () => {
  it('creates the keyring file on a first start, and only then', async () => {
    const first = await startVault({ kind: 'file', dataDir }, none);
    expect(first.created).toBe(true);
    const usage = { byMasterKey: new Map([[first.vault.keyring.active.id, 1]]) };
    const again = await startVault({ kind: 'file', dataDir }, usage);
    expect(again.created).toBe(false);
    expect(again.vault.keyring.active.id).toBe(first.vault.keyring.active.id);
    rmSync(join(dataDir, KEYRING_FILE));
    await vaultRefusal(() => startVault({ kind: 'file', dataDir }, usage), 'KEYRING_MISSING');
  });

  it('refuses a corrupted keyring file', async () => {
    await startVault({ kind: 'file', dataDir }, none);
    writeFileSync(join(dataDir, KEYRING_FILE), '{"version":1,"keys":[');
    await vaultRefusal(() => startVault({ kind: 'file', dataDir }, none), 'INVALID_KEYRING');
  });

  it('refuses a configured keyring that lacks a key the store uses', async () => {
    const [kept, lost] = [newMasterKey(), newMasterKey()];
    const source = { kind: 'config' as const, value: formatKeyringEntry(kept), name: 'KEYWARD_VAULT_KEYS' };
    const { vault, status } = await startVault(source, { byMasterKey: new Map([[kept.id, 3]]) });
    expect(vault.keyring.active.id).toBe(kept.id);
    expect(status.pendingRewrap).toBe(0);
    const error = await vaultRefusal(
      () => startVault(source, { byMasterKey: new Map([[lost.id, 3]]) }),
      'UNKNOWN_MASTER_KEY',
    );
    expect(error.message).toContain(lost.id);
  });
});

describe('a rotation of the file keyring, end to end', () => {
  it('keeps every record readable at every step, and leaves none under the retired key', async () => {
    const { vault } = await startVault({ kind: 'file', dataDir }, none);
    const rows = new Map<string, SealedRow>();
    const put = (id: string, apiKey: string) => {
      rows.set(id, { id, orgId: ORG, sealed: vault.seal({ orgId: ORG, connectionId: id }, { apiKey }) });
    };
    for (const id of ['con_a', 'con_b', 'con_c']) put(id, `secret-${id}`);
    const old = vault.keyring.active.id;

    const rotated = addMasterKey(vault.keyring);
    await saveKeyringFile(dataDir, rotated);
    vault.useKeyring(rotated);
    put('con_d', 'secret-con_d');
    expect(masterKeyIdOf(rows.get('con_d')?.sealed ?? '')).toBe(rotated.active.id);

    const progress = await runRewrapJob(
      vault.keyring,
      async (after, limit) =>
        [...rows.values()]
          .filter((row) => after === null || row.id > after)
          .sort((a, b) => (a.id < b.id ? -1 : 1))
          .slice(0, limit),
      async (id, sealed, _expected, previous) => {
        const row = rows.get(id);
        if (row?.sealed !== previous) return false;
        rows.set(id, { ...row, sealed });
        return true;
      },
    );
    expect(progress).toMatchObject({ rewrapped: 3, skipped: 1, done: true });
    const stillUsed = [...rows.values()].filter((r) => masterKeyIdOf(r.sealed) === old).length;
    const retired = retire(vault.keyring, old, stillUsed);
    await saveKeyringFile(dataDir, retired);

    const reloaded = (await loadKeyringFile(dataDir, { create: false })).keyring;
    expect(reloaded).toEqual(retired);
    vault.useKeyring(reloaded);
    for (const row of rows.values()) {
      expect(vault.open({ orgId: ORG, connectionId: row.id }, row.sealed)).toEqual({
        apiKey: `secret-${row.id}`,
      });
    }
  });
});
