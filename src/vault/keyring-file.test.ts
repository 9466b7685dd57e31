import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vaultRefusal } from '../../test/support/vault-refusal.js';
import { addMasterKey, retire } from './keyring.js';
import {
  KEYRING_FILE,
  loadKeyringFile,
  parseKeyringFile,
  saveKeyringFile,
  serializeKeyringFile,
} from './keyring-file.js';

let root: string;
let dataDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'keyward-vault-'));
  dataDir = join(root, 'data', 'keyward');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;
const file = () => join(dataDir, KEYRING_FILE);

describe('the keyring file', () => {
  it('is created on first start, 0600 in a 0700 directory, with one active key, and read back after', async () => {
    const first = await loadKeyringFile(dataDir);
    expect(first.created).toBe(true);
    expect(first.file).toBe(file());
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(file())).toBe(0o600);
    expect(first.keyring.keys).toHaveLength(1);
    expect(first.keyring.active.createdAt).not.toBeNull();
    const second = await loadKeyringFile(dataDir);
    expect(second.created).toBe(false);
    expect(second.keyring.active.id).toBe(first.keyring.active.id);
    expect(second.keyring.active.key.equals(first.keyring.active.key)).toBe(true);
    expect(readdirSync(dataDir)).toEqual([KEYRING_FILE]);
  });

  it('is created once when first starts race: every caller gets the one key on disk', async () => {
    const loads = await Promise.all(Array.from({ length: 16 }, () => loadKeyringFile(dataDir)));
    const onDisk = parseKeyringFile(readFileSync(file(), 'utf8'));
    expect(loads.filter((loaded) => loaded.created)).toHaveLength(1);
    for (const loaded of loads) expect(loaded.keyring.active.id).toBe(onDisk.active.id);
    expect(mode(file())).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([KEYRING_FILE]);
  });

  it('is not created when sealed records exist: a lost file is reported, not replaced', async () => {
    const error = await vaultRefusal(() => loadKeyringFile(dataDir, { create: false }), 'KEYRING_MISSING');
    expect(error.message).toContain('backup');
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('has loose permissions put right', async () => {
    const { keyring } = await loadKeyringFile(dataDir);
    chmodSync(file(), 0o644);
    chmodSync(dataDir, 0o755);
    expect((await loadKeyringFile(dataDir)).keyring.active.id).toBe(keyring.active.id);
    expect(mode(file())).toBe(0o600);
    expect(mode(dataDir)).toBe(0o700);
  });

  it('refuses a file that cannot be read', async () => {
    mkdirSync(file(), { recursive: true });
    const error = await vaultRefusal(() => loadKeyringFile(dataDir), 'KEYRING_UNREADABLE');
    expect(error.message).toContain(KEYRING_FILE);
  });

  it.each<[string, (text: string) => string]>([
    ['empty', () => ''],
    ['truncated', (text) => text.slice(0, text.length / 2)],
    ['not a keyring', () => '[1,2,3]'],
    ['of another version', (text) => text.replace('"version": 1', '"version": 2')],
    [
      'with key material edited',
      (text) => text.replace(/"key": "(.)/, (_, c: string) => `"key": "${c === 'A' ? 'B' : 'A'}`),
    ],
    ['with no active key', (text) => text.replace('"active"', '"decrypt-only"')],
    ['with an unknown state', (text) => text.replace('"active"', '"enabled"')],
  ])('refuses a corrupted file: %s', async (_, corrupt) => {
    await loadKeyringFile(dataDir);
    const text = readFileSync(file(), 'utf8');
    const key = (JSON.parse(text) as { keys: { key: string }[] }).keys[0]?.key ?? '';
    writeFileSync(file(), corrupt(text));
    const error = await vaultRefusal(() => loadKeyringFile(dataDir), 'INVALID_KEYRING');
    expect(error.message).toContain('restore it from a backup');
    expect(error.message).not.toContain(key.slice(1));
  });

  it('is replaced atomically on rotation, and keeps retired ids without their material', async () => {
    const { keyring } = await loadKeyringFile(dataDir);
    const before = statSync(file()).ino;
    const rotated = addMasterKey(keyring);
    await saveKeyringFile(dataDir, rotated);
    expect(statSync(file()).ino).not.toBe(before);
    expect(mode(file())).toBe(0o600);
    expect(readdirSync(dataDir)).toEqual([KEYRING_FILE]);
    const reloaded = (await loadKeyringFile(dataDir)).keyring;
    expect(reloaded.keys.map((entry) => [entry.id, entry.state])).toEqual([
      [rotated.active.id, 'active'],
      [keyring.active.id, 'decrypt-only'],
    ]);
    const retired = retire(rotated, keyring.active.id, 0);
    await saveKeyringFile(dataDir, retired);
    const text = readFileSync(file(), 'utf8');
    expect(text).not.toContain(keyring.active.key.toString('base64'));
    expect(parseKeyringFile(text)).toEqual(retired);
  });

  it('serializes and parses to the same keyring', async () => {
    const { keyring } = await loadKeyringFile(dataDir);
    const rotated = addMasterKey(addMasterKey(keyring));
    expect(parseKeyringFile(serializeKeyringFile(rotated))).toEqual(rotated);
  });
});
