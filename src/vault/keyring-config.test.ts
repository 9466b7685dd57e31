import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatKeyringEntry, parseKeyringConfig } from './keyring-config.js';
import { masterKeyId, newMasterKey } from './master-key.js';
import { VaultError } from './vault-error.js';

const b64 = () => randomBytes(32).toString('base64');

function refusal(value: string): VaultError {
  try {
    parseKeyringConfig(value, 'KEYWARD_VAULT_KEYS');
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe('INVALID_KEYRING');
    expect((error as VaultError).message).toContain('KEYWARD_VAULT_KEYS');
    return error as VaultError;
  }
  throw new Error('the configuration was accepted');
}

describe('a configured keyring', () => {
  it('takes bare keys and id:key pairs, separated by commas or white space; the first is active', () => {
    const [a, b, c] = [b64(), b64(), randomBytes(32).toString('base64url')];
    const idB = masterKeyId(Buffer.from(b, 'base64'));
    const keyring = parseKeyringConfig(` ${a},\n${idB}:${b}  ${c} `);
    expect(keyring.keys.map((entry) => entry.state)).toEqual(['active', 'decrypt-only', 'decrypt-only']);
    expect(keyring.active.id).toBe(masterKeyId(Buffer.from(a, 'base64')));
    expect(keyring.keys[1]?.id).toBe(idB);
    expect(keyring.keys[2]?.id).toBe(masterKeyId(Buffer.from(c, 'base64url')));
    expect(keyring.active.createdAt).toBeNull();
  });

  it('reads back what formatKeyringEntry writes', () => {
    const key = newMasterKey();
    const keyring = parseKeyringConfig(formatKeyringEntry(key));
    expect(keyring.active.id).toBe(key.id);
    expect(keyring.active.key.equals(key.key)).toBe(true);
  });

  it('refuses an empty list', () => {
    expect(refusal('').message).toContain('no master key');
    expect(refusal(' , \n').message).toContain('no master key');
  });

  it('refuses a key of the wrong length, naming the entry and not the key', () => {
    const short = randomBytes(16).toString('base64');
    const error = refusal(`${b64()},${short}`);
    expect(error.message).toContain('entry 2');
    expect(error.message).toContain('16 bytes');
    expect(error.message).not.toContain(short);
  });

  it('refuses text that is not base64', () => {
    expect(refusal('not base64 at all!').message).toContain('entry 1');
    expect(refusal(`${b64()},${'é'.repeat(43)}`).message).toContain('not base64');
  });

  it('refuses the same key twice, however it is written', () => {
    const key = randomBytes(32);
    const error = refusal(`${b64()},${key.toString('base64')},${key.toString('base64url')}`);
    expect(error.message).toContain('entries 2 and 3');
    expect(error.message).toContain(masterKeyId(key));
  });

  it('refuses an id that does not match its key, or is not an id', () => {
    const [a, b] = [b64(), b64()];
    const wrongId = masterKeyId(Buffer.from(a, 'base64'));
    const error = refusal(`${wrongId}:${b}`);
    expect(error.message).toContain('mistyped or truncated');
    expect(error.message).not.toContain(b);
    expect(refusal(`key1:${a}`).message).toContain('not a master key id');
  });
});
