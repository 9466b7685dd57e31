import { describe, expect, it } from 'vitest';
import { seal } from './envelope.js';
import { addMasterKey, createKeyring, retire } from './keyring.js';
import { newMasterKey } from './master-key.js';
import { checkVault } from './startup-check.js';
import { VaultError } from './vault-error.js';

const ORG = 'org_0mZ3k9QeAAAAAAAAAAAAAA';
const SECRET = 'a-secret-that-must-not-leak';

function refusal(run: () => unknown, code: string): VaultError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe(code);
    expect((error as VaultError).message).not.toContain(SECRET);
    return error as VaultError;
  }
  throw new Error('the vault was allowed to start');
}

describe('the start-up check', () => {
  it('answers what each key wraps and what is left to rewrap', () => {
    const old = createKeyring([newMasterKey()]);
    const keyring = addMasterKey(old);
    const status = checkVault(keyring, {
      byMasterKey: new Map([
        [keyring.active.id, 4],
        [old.active.id, 3],
      ]),
    });
    expect(status).toEqual({
      active: keyring.active.id,
      keys: [
        { id: keyring.active.id, state: 'active', records: 4 },
        { id: old.active.id, state: 'decrypt-only', records: 3 },
      ],
      pendingRewrap: 3,
    });
  });

  it('refuses records under a master key the keyring lacks, naming each key and count', () => {
    const keyring = createKeyring([newMasterKey()]);
    const [lost1, lost2] = [newMasterKey().id, newMasterKey().id];
    const error = refusal(
      () =>
        checkVault(keyring, {
          byMasterKey: new Map([
            [keyring.active.id, 2],
            [lost1, 7],
            [lost2, 1],
          ]),
        }),
      'UNKNOWN_MASTER_KEY',
    );
    expect(error.message).toContain(`${lost1} (7)`);
    expect(error.message).toContain(`${lost2} (1)`);
    expect(error.message).toContain('vault.json');
    expect(() => checkVault(keyring, { byMasterKey: new Map([[lost1, 0]]) })).not.toThrow();
  });

  it('refuses records under a retired master key', () => {
    const old = createKeyring([newMasterKey()]);
    const keyring = retire(addMasterKey(old), old.active.id, 0);
    const error = refusal(
      () => checkVault(keyring, { byMasterKey: new Map([[old.active.id, 2]]) }),
      'RETIRED_MASTER_KEY',
    );
    expect(error.message).toContain(`${old.active.id} (2)`);
  });

  it('refuses a sample that does not open, and passes samples that do', () => {
    const keyring = createKeyring([newMasterKey()]);
    const byMasterKey = new Map([[keyring.active.id, 2]]);
    const good = {
      id: 'con_1',
      orgId: ORG,
      sealed: seal(keyring, { orgId: ORG, connectionId: 'con_1' }, { apiKey: SECRET }),
    };
    expect(() => checkVault(keyring, { byMasterKey, samples: [good] })).not.toThrow();
    const moved = { ...good, id: 'con_2' };
    const error = refusal(() => checkVault(keyring, { byMasterKey, samples: [good, moved] }), 'TAMPERED');
    expect(error.message).toContain('con_2');
    refusal(() => checkVault(keyring, { byMasterKey, samples: [{ ...good, sealed: '{' }] }), 'MALFORMED');
  });
});
