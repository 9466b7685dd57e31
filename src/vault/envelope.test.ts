import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { open, rewrap, seal } from './envelope.js';
import { addMasterKey, createKeyring, type Keyring, retire } from './keyring.js';
import { newMasterKey } from './master-key.js';
import { VaultError } from './vault-error.js';

const ref = { orgId: 'org_0mZ3k9QeAAAAAAAAAAAAAA', connectionId: 'con_0mZ3k9QeBBBBBBBBBBBBBB' };
const fields = { apiKey: 's1-token-VERY-SECRET-4242', hostname: 'usea1.sentinelone.net', password: '' };
const fresh = (): Keyring => createKeyring([newMasterKey()]);

type Json = {
  v: number;
  kid: string;
  dk: Record<string, string>;
  fields: Record<string, Record<string, string>>;
};
const parse = (sealed: string) => JSON.parse(sealed) as Json;

/** The same text with its first base64url character changed: one bit pattern edited, length kept. */
const edit = (b64: string | undefined) => {
  if (b64 === undefined) throw new Error('no such part');
  return (b64[0] === 'A' ? 'B' : 'A') + b64.slice(1);
};

function expectCode(run: () => unknown, code: string): VaultError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    expect((error as VaultError).code).toBe(code);
    return error as VaultError;
  }
  throw new Error(`expected a VaultError ${code}, and nothing was thrown`);
}

describe('seal and open', () => {
  it('round-trips the fields, and the sealed form holds none of them in clear', () => {
    const keyring = fresh();
    const sealed = seal(keyring, ref, fields);
    expect(open(keyring, ref, sealed)).toEqual(fields);
    expect(sealed).not.toContain(fields.apiKey);
    expect(sealed).not.toContain(Buffer.from(fields.apiKey).toString('base64url').slice(0, 12));
    const json = parse(sealed);
    expect(json.v).toBe(1);
    expect(json.kid).toBe(keyring.active.id);
    expect(Object.keys(json.fields)).toEqual(['apiKey', 'hostname', 'password']);
  });

  it('round-trips any well-formed field values', () => {
    const keyring = fresh();
    const name = fc.stringMatching(/^[A-Za-z0-9_.-]{1,12}$/);
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ unit: 'grapheme', maxLength: 40 })), (input) => {
        expect(open(keyring, ref, seal(keyring, ref, input))).toEqual(input);
      }),
      { numRuns: 200 },
    );
  });

  it('uses a fresh data key and fresh IVs for every seal', () => {
    const keyring = fresh();
    const a = parse(seal(keyring, ref, fields));
    const b = parse(seal(keyring, ref, fields));
    expect(a.dk.ct).not.toBe(b.dk.ct);
    expect(a.dk.iv).not.toBe(b.dk.iv);
    expect(a.fields.apiKey?.ct).not.toBe(b.fields.apiKey?.ct);
    expect(a.fields.apiKey?.iv).not.toBe(a.fields.hostname?.iv);
  });

  it('refuses what it cannot seal, naming no value', () => {
    const keyring = fresh();
    expectCode(() => seal(keyring, ref, { 'bad name': 'x' }), 'INVALID_INPUT');
    expectCode(() => seal(keyring, ref, { '': 'x' }), 'INVALID_INPUT');
    expectCode(() => seal(keyring, ref, { apiKey: 42 as unknown as string }), 'INVALID_INPUT');
    const lone = expectCode(() => seal(keyring, ref, { apiKey: 'abc\uD800secret' }), 'INVALID_INPUT');
    expect(lone.message).not.toContain('secret');
    expectCode(() => seal(keyring, { ...ref, orgId: '' }, fields), 'INVALID_INPUT');
    expectCode(() => seal(keyring, { ...ref, connectionId: '' }, fields), 'INVALID_INPUT');
  });
});

describe('open refuses whatever was tampered with', () => {
  const keyring = fresh();
  const sealed = seal(keyring, ref, fields);
  const changed = (mutate: (json: Json) => void) => {
    const json = parse(sealed);
    mutate(json);
    return JSON.stringify(json);
  };
  const editField = (name: string, part: 'iv' | 'ct' | 'tag') => (j: Json) => {
    const box = j.fields[name];
    if (box !== undefined) box[part] = edit(box[part]);
  };
  const editKey = (part: 'iv' | 'ct' | 'tag') => (j: Json) => {
    j.dk[part] = edit(j.dk[part]);
  };
  const moveField = (from: string, to: string | null) => (j: Json) => {
    const box = j.fields[from];
    if (box !== undefined && to !== null) j.fields[to] = box;
    if (to !== from) delete j.fields[from];
  };

  it.each<[string, (json: Json) => void]>([
    ['an edited field ciphertext', editField('apiKey', 'ct')],
    ['an edited field tag', editField('apiKey', 'tag')],
    ['an edited field IV', editField('hostname', 'iv')],
    ['an edited wrapped key', editKey('ct')],
    ['an edited wrapped key tag', editKey('tag')],
    ['an edited wrapped key IV', editKey('iv')],
    [
      'two fields swapped',
      (j) => {
        const { apiKey, hostname } = j.fields;
        if (apiKey === undefined || hostname === undefined) throw new Error('missing fields');
        j.fields.apiKey = hostname;
        j.fields.hostname = apiKey;
      },
    ],
    ['a field renamed', moveField('apiKey', 'token')],
    ['a field removed', moveField('password', null)],
    [
      'a field added',
      (j) => {
        j.fields.extra = { ...j.fields.password };
      },
    ],
  ])('%s', (_, mutate) => {
    expectCode(() => open(keyring, ref, changed(mutate)), 'TAMPERED');
  });

  it('a record moved to another connection or another organization', () => {
    expectCode(
      () => open(keyring, { ...ref, connectionId: 'con_0mZ3k9QeCCCCCCCCCCCCCC' }, sealed),
      'TAMPERED',
    );
    expectCode(() => open(keyring, { ...ref, orgId: 'org_0mZ3k9QeDDDDDDDDDDDDDD' }, sealed), 'TAMPERED');
  });

  it('a field taken from another record, even an older one of the same connection', () => {
    const older = parse(seal(keyring, ref, { ...fields, apiKey: 'an older token' }));
    const spliced = changed((j) => {
      j.fields.apiKey = { ...older.fields.apiKey };
    });
    expectCode(() => open(keyring, ref, spliced), 'TAMPERED');
  });

  it('a record that names another master key of the keyring', () => {
    const rotated = addMasterKey(keyring);
    const forged = changed((j) => {
      j.kid = rotated.active.id;
    });
    expectCode(() => open(rotated, ref, forged), 'TAMPERED');
    expect(open(rotated, ref, sealed)).toEqual(fields);
  });

  it('a record whose master key the keyring lacks or retired', () => {
    expectCode(() => open(fresh(), ref, sealed), 'UNKNOWN_MASTER_KEY');
    const rotated = addMasterKey(keyring);
    const retired = retire(rotated, keyring.active.id, 0);
    expect(expectCode(() => open(retired, ref, sealed), 'RETIRED_MASTER_KEY').message).toContain(
      keyring.active.id,
    );
  });

  it.each<[string, () => string]>([
    ['not JSON', () => 'apiKey=secret'],
    ['another version', () => JSON.stringify({ ...parse(sealed), v: 2 })],
    ['an extra part', () => JSON.stringify({ ...parse(sealed), note: 'x' })],
    ['a short IV', () => changed((j) => void Object.assign(j.dk, { iv: 'AAAA' }))],
    ['a short tag', () => changed((j) => void Object.assign(j.fields.apiKey ?? {}, { tag: 'AAAAAAAAAAA' }))],
    ['non-canonical base64', () => changed((j) => void Object.assign(j.dk, { iv: `${j.dk.iv}=` }))],
    ['a bad master key id', () => changed((j) => void Object.assign(j, { kid: 'key_1' }))],
    ['a bad field name', () => changed(moveField('apiKey', 'api key'))],
  ])('a malformed record: %s', (_, bad) => {
    expectCode(() => open(keyring, ref, bad()), 'MALFORMED');
  });

  it('never puts a secret or key material in an error message', () => {
    const attempts: [() => unknown, string][] = [
      [() => open(keyring, ref, changed(editField('apiKey', 'ct'))), 'TAMPERED'],
      [() => open(keyring, { ...ref, orgId: 'org_other' }, sealed), 'TAMPERED'],
      [() => open(fresh(), ref, sealed), 'UNKNOWN_MASTER_KEY'],
      [() => open(keyring, ref, JSON.stringify({ ...parse(sealed), kid: fields.apiKey })), 'MALFORMED'],
      [() => open(keyring, ref, JSON.stringify({ ...parse(sealed), v: fields.apiKey })), 'MALFORMED'],
      [() => open(keyring, ref, fields.apiKey), 'MALFORMED'],
      [() => seal(keyring, ref, { [`${fields.apiKey} `]: fields.apiKey }), 'INVALID_INPUT'],
    ];
    const secrets = [
      fields.apiKey,
      keyring.active.key.toString('base64'),
      keyring.active.key.toString('base64url'),
    ];
    for (const [attempt, code] of attempts) {
      const { message } = expectCode(attempt, code);
      for (const secret of secrets) expect(message).not.toContain(secret);
    }
  });
});

describe('rewrap', () => {
  it('changes only the wrapped key and the master key id, and the record still opens', () => {
    const before = fresh();
    const sealed = seal(before, ref, fields);
    const after = addMasterKey(before);
    const moved = rewrap(after, ref, sealed);
    const [a, b] = [parse(sealed), parse(moved)];
    expect(b.kid).toBe(after.active.id);
    expect(b.kid).not.toBe(a.kid);
    expect(b.dk).not.toEqual(a.dk);
    expect(JSON.stringify(b.fields)).toBe(JSON.stringify(a.fields));
    expect(open(after, ref, moved)).toEqual(fields);
    const retired = retire(after, before.active.id, 0);
    expect(open(retired, ref, moved)).toEqual(fields);
    expectCode(() => open(retired, ref, sealed), 'RETIRED_MASTER_KEY');
  });

  it('leaves a record already under the active key as it is', () => {
    const keyring = fresh();
    const sealed = seal(keyring, ref, fields);
    expect(rewrap(keyring, ref, sealed)).toBe(sealed);
  });

  it('refuses a record it cannot unwrap, moved or tampered', () => {
    const before = fresh();
    const sealed = seal(before, ref, fields);
    const after = addMasterKey(before);
    expectCode(() => rewrap(after, { ...ref, connectionId: 'con_elsewhere' }, sealed), 'TAMPERED');
    expectCode(() => rewrap(fresh(), ref, sealed), 'UNKNOWN_MASTER_KEY');
  });

  it('keeps a rewrapped record bound to its connection', () => {
    const before = fresh();
    const after = addMasterKey(before);
    const moved = rewrap(after, ref, seal(before, ref, fields));
    expectCode(() => open(after, { ...ref, connectionId: 'con_elsewhere' }, moved), 'TAMPERED');
  });
});
