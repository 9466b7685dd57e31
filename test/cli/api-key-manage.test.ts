import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { printedOnlyWhenCreated } from './support/cli.js';
import { worldForFile } from './support/world.js';

/** `api-key` as a daily driver: keys named by the key itself, update/disable/enable, scopes, output. */
const world = worldForFile();

/** What a key given as an argument prints on stderr first; it never repeats the key. */
const KEY_REF_WARNING =
  'keyward: warning: a key given on the command line can be read by other users of this machine (ps, shell history); give - and pipe the key in instead\n';
const SHOWN_ONCE = 'This is the only time the key is shown: store it now.\n';

async function grant(args: string[]): Promise<{ id: string; key: string; path: string }> {
  const run = await world.admin.run(['api-key', 'grant', ...args]);
  expect(run.code, run.stderr).toBe(0);
  const [created = '', key = ''] = run.stdout.trim().split('\n');
  const path = created.slice('Created: '.length);
  return { id: path.slice('/v1/apikeys/'.length), key, path };
}

describe('a key named by its id, its path or the key itself', () => {
  it('info takes the Created: path and the key itself (warned about), and - reads the key from stdin', async () => {
    const { id, key, path } = await grant(['alice', '--name', 'by-ref']);
    const [byId, byPath, byKey, byStdin] = await Promise.all([
      world.admin.run(['api-key', 'info', id, '--format', 'json']),
      world.admin.run(['api-key', 'info', path, '--format', 'json']),
      world.admin.run(['api-key', 'info', key, '--format', 'json']),
      world.admin.run(['api-key', 'info', '-', '--format', 'json'], { input: `${key}\n` }),
    ]);
    for (const run of [byId, byPath, byKey, byStdin]) {
      expect(run.code, run.stderr).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ id, name: 'by-ref', status: 'active' });
    }
    expect([byId.stderr, byPath.stderr, byStdin.stderr]).toEqual(['', '', '']);
    expect(byKey.stderr).toBe(KEY_REF_WARNING);
    // Looking a key up is not a use of it.
    expect((await world.api('GET', `/v1/apikeys/${id}`)).lastUsedAt).toBeNull();
    expect(printedOnlyWhenCreated(world.admin.transcript, key)).toEqual([]);
  });

  it('revoke and rotate take the key itself, and revoke prints Revoked', async () => {
    const rotating = await grant(['alice', '--name', 'rotate-by-key']);
    const rotated = await world.admin.run(['api-key', 'rotate', '-'], { input: rotating.key });
    expect(rotated.code, rotated.stderr).toBe(0);
    expect(rotated.stderr).toContain(`The old key ${rotating.id} works until`);
    const [, successor = ''] = rotated.stdout.trim().split('\n');
    rememberSecret(successor);
    expect(await world.verify(successor)).toBe('VALID');

    const revoked = await world.admin.run(['api-key', 'revoke', successor, '--skip-confirm']);
    expect(revoked).toMatchObject({ code: 0, stdout: 'Revoked\n', stderr: KEY_REF_WARNING });
    expect(await world.verify(successor)).toBe('REVOKED');
    // A revoked key is kept, and found by the key itself still.
    const info = await world.admin.run(['api-key', 'info', '-'], { input: successor });
    expect(info.stdout).toMatch(/^Status:\s+revoked$/m);
    expect(info.stdout).toMatch(/^Revoked:\s+\S+Z$/m);
  });

  it('refuses what is no reference as a usage error that does not repeat it, and an unknown key with 404', async () => {
    const { key } = await grant(['alice', '--name', 'typo']);
    // The last character changed: its checksum no longer holds (one key in 62 ends in x already).
    const typo = `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
    const unknown = `acme_${'u'.repeat(40)}`;
    const [checksum, nothing, missing, empty] = await Promise.all([
      world.admin.run(['api-key', 'info', typo]),
      world.admin.run(['api-key', 'revoke', 'not-a-key', '--skip-confirm']),
      world.admin.run(['api-key', 'info', unknown]),
      world.admin.run(['api-key', 'info', '-'], { input: '\n' }),
    ]);
    expect(checksum).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'keyward: <key> has the shape of a generated key, but its checksum fails: check it for a typo\n',
    });
    expect(nothing.code).toBe(2);
    expect(nothing.stderr).toMatch(/^keyward: <key> is not a key reference: give a key id/);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(
      /^keyward: warning: .*\nkeyward: not found \(404 NOT_FOUND\): API key not found \[req_\w+\]\n$/,
    );
    expect(empty).toMatchObject({ code: 2 });
    for (const run of [checksum, nothing, missing]) {
      expect(run.stdout + run.stderr).not.toContain(typo);
      expect(run.stdout + run.stderr).not.toContain(unknown);
    }
  });
});

describe('keyward api-key update, disable and enable', () => {
  it('grant takes --description and --meta; update changes name, description, meta and narrows scopes', async () => {
    const { id } = await grant([
      'alice',
      '--name',
      'before',
      '--description',
      'for the nightly job',
      '--meta',
      '{"team":"ci","tier":2}',
      '--scope',
      'apikeys:read,documents:read',
    ]);
    expect(await world.api('GET', `/v1/apikeys/${id}`)).toMatchObject({
      description: 'for the nightly job',
      meta: { team: 'ci', tier: 2 },
    });
    const updated = await world.admin.run([
      'api-key',
      'update',
      id,
      '--name',
      'after',
      '--meta',
      '{"team":"ops"}',
      '--scope',
      'documents:read',
    ]);
    expect(updated).toMatchObject({ code: 0, stdout: `Updated ${id} ("after").\n`, stderr: '' });
    expect(await world.api('GET', `/v1/apikeys/${id}`)).toMatchObject({
      name: 'after',
      description: 'for the nightly job',
      meta: { team: 'ops' },
      scopes: ['documents:read'],
    });
    const cleared = await world.admin.json(['api-key', 'update', id, '--description', '', '--meta', 'null']);
    expect(cleared).toMatchObject({ id, description: null, meta: null, status: 'active' });
  });

  it("refuses no change and bad values as usage errors, and a widening scope with the server's 400", async () => {
    const { id } = await grant(['alice', '--name', 'narrow', '--scope', 'documents:read']);
    const [nothing, array, tooLong, widen] = await Promise.all([
      world.admin.run(['api-key', 'update', id]),
      world.admin.run(['api-key', 'update', id, '--meta', '[1,2]']),
      world.admin.run(['api-key', 'update', id, '--name', 'n'.repeat(201)]),
      world.admin.run(['api-key', 'update', id, '--scope', 'documents:write']),
    ]);
    expect(nothing).toMatchObject({
      code: 2,
      stderr: 'keyward: nothing to change: give --name, --description, --meta or --scope\n',
    });
    expect(array.code).toBe(2);
    expect(array.stderr).toContain(
      'is not a JSON object: give a JSON object, such as {"team":"ci"}, or null',
    );
    expect(tooLong.code).toBe(2);
    expect(tooLong.stderr).toContain('must be at most 200 characters');
    expect(widen.code).toBe(1);
    expect(widen.stderr).toMatch(/\(400 INVALID_REQUEST\): body\.scopes: can only narrow/);
    expect((await world.api('GET', `/v1/apikeys/${id}`)).scopes).toEqual(['documents:read']);
  });

  it('disable stops a key and enable brings it back; each refuses a key that is so already', async () => {
    const { id, key } = await grant(['alice', '--name', 'switch']);
    const disabled = await world.admin.run(['api-key', 'disable', id]);
    expect(disabled).toMatchObject({
      code: 0,
      stdout: `Disabled ${id} ("switch"): it stops working at once.\n`,
    });
    expect(await world.verify(key)).toBe('DISABLED');
    const { table, json } = await world.admin.formats(['api-key', 'info', id]);
    expect(table).toMatch(/^Status:\s+disabled$/m);
    expect(json).toMatchObject({ enabled: false, status: 'disabled' });
    const again = await world.admin.run(['api-key', 'disable', id]);
    expect(again).toMatchObject({ code: 1, stderr: `keyward: ${id} is disabled already\n` });

    const enabled = await world.admin.json(['api-key', 'enable', id]);
    expect(enabled).toMatchObject({ id, enabled: true, status: 'active' });
    expect(await world.verify(key)).toBe('VALID');
    expect(await world.admin.run(['api-key', 'enable', id])).toMatchObject({
      code: 1,
      stderr: `keyward: ${id} is enabled already\n`,
    });
  });
});

describe('scopes', () => {
  it('show "all" for a key without scopes and "none" for an empty list', async () => {
    const unscoped = await grant(['alice', '--name', 'unscoped']);
    const empty = await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
      name: 'empty',
      role: 'member',
      ownerId: world.alice.id,
      scopes: [],
    });
    rememberSecret(empty.apiKey);
    const [all, none] = await Promise.all([
      world.admin.ok(['api-key', 'info', unscoped.id]),
      world.admin.ok(['api-key', 'info', empty.id]),
    ]);
    expect(all).toMatch(/^Scopes:\s+all \(the role's permissions\)$/m);
    expect(none).toMatch(/^Scopes:\s+none \(the key can do nothing\)$/m);
    const wide = await world.admin.ok(['api-key', 'list', '--format', 'wide', '--no-headers']);
    const scopesOf = (id: string) =>
      wide
        .split('\n')
        .find((line) => line.startsWith(id))
        ?.split(/\s{2,}/)[6];
    expect([scopesOf(unscoped.id), scopesOf(empty.id)]).toEqual(['all', 'none']);
  });

  it('warn on grant and update about permissions no role defines, and go on', async () => {
    const run = await world.admin.run([
      'api-key',
      'grant',
      'alice',
      '--name',
      'odd-scopes',
      '--scope',
      'apikeys:read,apikeys:delete,apikey:write,documents:read',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(
      'keyward: warning: --scope apikeys:delete: no role defines it; apikeys has apikeys:read, apikeys:write, apikeys:import\n' +
        'keyward: warning: --scope apikey:write: no role defines it; did you mean apikeys:write? (apikeys has apikeys:read, apikeys:write, apikeys:import)\n' +
        SHOWN_ONCE,
    );
    const id = run.stdout.trim().split('\n')[0]?.slice('Created: /v1/apikeys/'.length) ?? '';
    const update = await world.admin.run(['api-key', 'update', id, '--scope', 'apikeys:delete']);
    expect(update).toMatchObject({
      code: 0,
      stderr:
        'keyward: warning: --scope apikeys:delete: no role defines it; apikeys has apikeys:read, apikeys:write, apikeys:import\n',
    });
  });
});

describe('keyward api-key import, entry by entry', () => {
  it('resolves owners by name, and reports an owner it cannot find and a refused entry without losing the rest', async () => {
    const keys = ['named', 'nobody', 'bad-role', 'by-id'].map((name) => `acme_${name}-${'i'.repeat(32)}`);
    for (const key of keys) rememberSecret(key);
    const [named, nobody, badRole, byId] = keys as [string, string, string, string];
    const entries = [
      { apiKey: named, name: 'named', ownerId: 'alice', role: 'member' },
      { apiKey: nobody, name: 'nobody', ownerId: 'no-such-user', role: 'member' },
      { apiKey: badRole, name: 'bad-role', ownerId: world.alice.id, role: 'owner' },
      { apiKey: byId, name: 'by-id', ownerId: world.alice.id, role: 'member' },
    ];
    const file = join(world.admin.dir('import-entries'), 'keys.json');
    writeFileSync(file, JSON.stringify(entries));
    const run = await world.admin.run(['api-key', 'import', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('Imported 2 of 4 keys; 2 failed.\nkeyward: 2 of 4 entries were not imported\n');
    const rows = run.stdout.trim().split('\n').slice(1);
    expect(rows).toEqual([
      expect.stringMatching(/^0\s+named\s+imported\s+key_\w{22}\s+-$/),
      expect.stringMatching(
        /^1\s+nobody\s+failed\s+-\s+INVALID_REQUEST: ownerId: "no-such-user" is neither a member nor a service user of the organization$/,
      ),
      expect.stringMatching(/^2\s+bad-role\s+failed\s+-\s+INVALID_REQUEST: .*role/),
      expect.stringMatching(/^3\s+by-id\s+imported\s+key_\w{22}\s+-$/),
    ]);
    expect([await world.verify(named), await world.verify(byId)]).toEqual(['VALID', 'VALID']);
    expect([await world.verify(nobody), await world.verify(badRole)]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    for (const key of keys) expect(run.stdout + run.stderr).not.toContain(key);
    const json = JSON.parse((await world.admin.run(['api-key', 'import', file, '--format', 'json'])).stdout);
    // The same file again: the two imported keys conflict now, each entry still on its own.
    expect(json.results.map((r: { index: number; success: boolean }) => [r.index, r.success])).toEqual([
      [0, false],
      [1, false],
      [2, false],
      [3, false],
    ]);
  });
});

// Last: a second organization, so that the lists below show keys of two.
describe('keyward api-key list', () => {
  it("shows each key's organization, more columns with --format wide, and no header with --no-headers", async () => {
    await world.api('POST', '/v1/organizations', { name: 'Gamma', keyPrefix: 'gamma' });
    const gamma = await grant([
      'admin',
      '--org',
      'gamma',
      '--name',
      'gamma-key',
      '--description',
      'the wide one',
    ]);
    const acme = await grant(['alice', '--org', 'acme', '--name', 'acme-key']);
    const [table, wide, bare, json, users] = await Promise.all([
      world.admin.ok(['api-key', 'list']),
      world.admin.ok(['api-key', 'list', '--format', 'wide']),
      world.admin.ok(['api-key', 'list', '--no-headers']),
      world.admin.json(['api-key', 'list', '--no-headers']),
      world.admin.ok(['user', 'list', '--no-headers', '--format', 'wide']),
    ]);
    // Other lists take --no-headers too, and print wide as their table.
    expect(users.trim().split('\n')).toEqual([
      expect.stringMatching(/^usr_\w{22}\s+admin\s+yes\s+no\s/),
      expect.stringMatching(/^usr_\w{22}\s+alice\s+no\s+no\s/),
    ]);
    const line = (out: string, id: string) => out.split('\n').find((row) => row.startsWith(id));
    expect(table.split('\n')[0]).toMatch(
      /^ID\s+NAME\s+ORG\s+OWNER\s+ROLE\s+STATUS\s+CREATED\s+EXPIRES\s+LAST USED$/,
    );
    expect(line(table, gamma.id)).toMatch(
      new RegExp(`^${gamma.id}\\s+gamma-key\\s+Gamma\\s+admin\\s+member\\s+active\\s`),
    );
    expect(line(table, acme.id)).toMatch(
      new RegExp(`^${acme.id}\\s+acme-key\\s+Acme\\s+alice\\s+member\\s+active\\s`),
    );
    expect(wide.split('\n')[0]?.split(/\s{2,}/)).toEqual([
      'ID',
      'NAME',
      'ORG',
      'OWNER',
      'ROLE',
      'STATUS',
      'SCOPES',
      'HINT',
      'CREATED',
      'CREATED BY',
      'EXPIRES',
      'LAST USED',
      'DESCRIPTION',
    ]);
    expect(line(wide, gamma.id)?.split(/\s{2,}/)).toEqual([
      gamma.id,
      'gamma-key',
      'Gamma',
      'admin',
      'member',
      'active',
      'all',
      `${gamma.key.slice(0, 10)}…`,
      expect.stringMatching(/Z$/),
      'admin',
      '-',
      '-',
      'the wide one',
    ]);
    expect(bare.split('\n')[0]).toMatch(/^key_\w{22}\s/);
    expect(bare.trim().split('\n')).toHaveLength(table.trim().split('\n').length - 1);
    // json and yaml are data: every key with its status, --no-headers or not.
    expect(json.length).toBe(bare.trim().split('\n').length);
    for (const key of json) expect(['active', 'revoked', 'expired', 'disabled']).toContain(key.status);
  });
});
