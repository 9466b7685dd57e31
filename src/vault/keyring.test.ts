import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { addMasterKey, createKeyring, liveMasterKey, retire } from './keyring.js';
import { type LiveMasterKey, masterKeyId, newMasterKey } from './master-key.js';
import { VaultError } from './vault-error.js';

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof VaultError) return error.code;
    throw error;
  }
  return 'none';
};

describe('master key ids', () => {
  it('derive from the material: the same key, the same id; another key, another id', () => {
    const key = randomBytes(32);
    expect(masterKeyId(key)).toBe(masterKeyId(Buffer.from(key)));
    expect(masterKeyId(key)).toMatch(/^mk_[A-Za-z0-9_-]{16}$/);
    expect(masterKeyId(randomBytes(32))).not.toBe(masterKeyId(key));
    const key2 = newMasterKey();
    expect(key2.id).toBe(masterKeyId(key2.key));
  });
});

describe('a keyring', () => {
  it('needs exactly one active key', () => {
    const decryptOnly: LiveMasterKey = { ...newMasterKey(), state: 'decrypt-only' };
    expect(codeOf(() => createKeyring([]))).toBe('INVALID_KEYRING');
    expect(codeOf(() => createKeyring([decryptOnly]))).toBe('INVALID_KEYRING');
    expect(codeOf(() => createKeyring([newMasterKey(), newMasterKey()]))).toBe('INVALID_KEYRING');
    expect(createKeyring([decryptOnly, newMasterKey()]).keys).toHaveLength(2);
  });

  it('refuses an id twice, a key of the wrong length, or material under another id', () => {
    const key = newMasterKey();
    expect(codeOf(() => createKeyring([key, { ...key, state: 'decrypt-only' }]))).toBe('INVALID_KEYRING');
    const short = randomBytes(16);
    expect(codeOf(() => createKeyring([{ ...key, id: masterKeyId(short), key: short }]))).toBe(
      'INVALID_KEYRING',
    );
    expect(codeOf(() => createKeyring([{ ...key, key: randomBytes(32) }]))).toBe('INVALID_KEYRING');
  });
});

describe('rotation', () => {
  it('addMasterKey makes a new active key and the old one decrypt-only', () => {
    const before = createKeyring([newMasterKey()]);
    const after = addMasterKey(before);
    expect(after.active.id).not.toBe(before.active.id);
    expect(after.keys.map((entry) => [entry.id, entry.state])).toEqual([
      [after.active.id, 'active'],
      [before.active.id, 'decrypt-only'],
    ]);
    expect(liveMasterKey(after, before.active.id).key.equals(before.active.key)).toBe(true);
    expect(before.keys).toHaveLength(1);
  });

  it('retire refuses while any record still uses the key', () => {
    const before = createKeyring([newMasterKey()]);
    const after = addMasterKey(before);
    expect(codeOf(() => retire(after, before.active.id, 1))).toBe('KEY_IN_USE');
    expect(codeOf(() => retire(after, before.active.id, Number.NaN))).toBe('KEY_IN_USE');
    expect(liveMasterKey(after, before.active.id).state).toBe('decrypt-only');
  });

  it('retire refuses the active key and an unknown one', () => {
    const keyring = createKeyring([newMasterKey()]);
    expect(codeOf(() => retire(keyring, keyring.active.id, 0))).toBe('KEY_IN_USE');
    expect(codeOf(() => retire(keyring, newMasterKey().id, 0))).toBe('UNKNOWN_MASTER_KEY');
  });

  it('retire drops the material and keeps the id, once nothing uses the key', () => {
    const before = createKeyring([newMasterKey()]);
    const after = addMasterKey(before);
    const when = new Date('2030-01-02T03:04:05.000Z');
    const retired = retire(after, before.active.id, 0, when);
    const entry = retired.keys.find((candidate) => candidate.id === before.active.id);
    expect(entry).toEqual({
      id: before.active.id,
      state: 'retired',
      createdAt: before.active.createdAt,
      retiredAt: when.toISOString(),
    });
    expect(codeOf(() => liveMasterKey(retired, before.active.id))).toBe('RETIRED_MASTER_KEY');
    expect(retire(retired, before.active.id, 5)).toBe(retired);
  });
});
