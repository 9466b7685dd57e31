import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { KEY_ARGUMENT_WARNING, printedOnlyWhenCreated } from './support/cli.js';
import { worldForFile } from './support/world.js';

const world = worldForFile();

/** `Created: /v1/apikeys/<id>` then the key: the id and the key. */
function granted(stdout: string): { id: string; key: string } {
  const [created = '', key = '', ...rest] = stdout.trim().split('\n');
  expect(created).toMatch(/^Created: \/v1\/apikeys\/key_[0-9A-Za-z]{22}$/);
  expect(rest).toEqual([]);
  return { id: created.slice('Created: /v1/apikeys/'.length), key };
}

const SHOWN_ONCE = 'This is the only time the key is shown: store it now.\n';

async function grant(args: string[]): Promise<{ id: string; key: string }> {
  const run = await world.admin.run(['api-key', 'grant', ...args]);
  expect(run.code, run.stderr).toBe(0);
  expect(run.stderr).toBe(SHOWN_ONCE);
  return granted(run.stdout);
}

describe.concurrent('keyward api-key grant', () => {
  it('takes --org, --name, --role, --scope (repeated or comma-separated) and --ttl', async () => {
    const before = Date.now();
    const { id, key } = await grant([
      'alice',
      '--org',
      'Acme',
      '--name',
      'deploy',
      '--scope',
      'apikeys:read',
      '--scope',
      'documents:read,documents:write',
      '--ttl',
      '90d',
    ]);
    expect(key).toMatch(/^acme_/);
    const record = await world.api('GET', `/v1/apikeys/${id}`);
    expect(record).toMatchObject({
      name: 'deploy',
      role: 'member',
      ownerId: world.alice.id,
      scopes: ['apikeys:read', 'documents:read', 'documents:write'],
    });
    const ttl = Date.parse(record.expiresAt) - before;
    expect(ttl).toBeGreaterThan(90 * 86_400_000 - 60_000);
    expect(ttl).toBeLessThan(90 * 86_400_000 + 60_000);
    expect(await world.verify(key)).toBe('VALID');
  });

  it('grants an admin key to an admin, and takes a caller-supplied key, found by org id or key prefix', async () => {
    const supplied = `acme_supplied-${'s'.repeat(30)}`;
    rememberSecret(supplied);
    const run = await world.admin.run([
      'api-key',
      'grant',
      'admin',
      '--org',
      world.org.id,
      '--role',
      'admin',
      '--api-key',
      supplied,
    ]);
    expect(run.code, run.stderr).toBe(0);
    // A key given as an argument is warned about first; the warning does not repeat it.
    expect(run.stderr).toBe(`${KEY_ARGUMENT_WARNING}${SHOWN_ONCE}`);
    const { id, key } = granted(run.stdout);
    expect(key).toBe(supplied);
    expect(await world.api('GET', `/v1/apikeys/${id}`)).toMatchObject({ role: 'admin', name: 'admin' });
    const json = JSON.parse(
      await world.admin.ok(['api-key', 'grant', 'alice', '--org', 'acme', '--format', 'json']),
    );
    expect(json).toMatchObject({
      success: true,
      apiKey: expect.stringMatching(/^acme_/),
      ownerId: world.alice.id,
    });
  });

  it('takes a caller-supplied key from stdin with --api-key-stdin, trimmed, with no warning', async () => {
    const piped = `acme_piped-${'p'.repeat(32)}`;
    rememberSecret(piped);
    const run = await world.admin.run(['api-key', 'grant', 'alice', '--name', 'piped', '--api-key-stdin'], {
      input: `  ${piped}\n`,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(SHOWN_ONCE);
    const { id, key } = granted(run.stdout);
    expect(key).toBe(piped);
    expect(await world.api('GET', `/v1/apikeys/${id}`)).toMatchObject({
      name: 'piped',
      ownerId: world.alice.id,
    });
    expect(await world.verify(piped)).toBe('VALID');
  });

  it('refuses --api-key with --api-key-stdin, and an empty stdin, as usage errors (2), granting nothing', async () => {
    const [flagged, piped] = [`acme_both-flag-${'b'.repeat(30)}`, `acme_both-pipe-${'b'.repeat(30)}`];
    rememberSecret(flagged);
    rememberSecret(piped);
    const [both, empty] = await Promise.all([
      world.admin.run(['api-key', 'grant', 'alice', '--api-key', flagged, '--api-key-stdin'], {
        input: `${piped}\n`,
      }),
      world.admin.run(['api-key', 'grant', 'alice', '--api-key-stdin'], { input: ' \n' }),
    ]);
    expect(both).toMatchObject({
      code: 2,
      stdout: '',
      stderr: `${KEY_ARGUMENT_WARNING}keyward: give one of --api-key and --api-key-stdin\n`,
    });
    expect(empty).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'keyward: standard input is empty: pipe the API key in\n',
    });
    expect(await world.verify(flagged)).not.toBe('VALID');
    expect(await world.verify(piped)).not.toBe('VALID');
  });

  it('refuses bad flags as usage errors (2) and what the server refuses with its message (1)', async () => {
    const runs = await Promise.all([
      world.admin.run(['api-key', 'grant', 'alice', '--ttl', '90']),
      world.admin.run(['api-key', 'grant', 'alice', '--ttl', '0d']),
      world.admin.run(['api-key', 'grant', 'alice', '--ttl', '1.5h']),
      world.admin.run(['api-key', 'grant', 'alice', '--role', 'owner']),
      world.admin.run(['api-key', 'grant']),
      world.admin.run(['api-key', 'grant', 'alice', '--role', 'admin']),
      world.admin.run(['api-key', 'grant', 'alice', '--scope', 'NOT A SCOPE']),
      world.admin.run(['api-key', 'grant', 'nobody']),
    ]);
    const [noUnit, zero, fraction, role, missing, tooMuch, badScope, nobody] = runs;
    for (const run of [noUnit, fraction]) {
      expect(run?.code).toBe(2);
      expect(run?.stderr).toContain("error: option '--ttl <duration>' argument");
      expect(run?.stderr).toContain('give a whole number and a unit: s, m, h, d or w');
    }
    expect(zero?.stderr).toContain('must be longer than 0 seconds');
    expect(role?.stderr).toContain("argument 'owner' is invalid. Allowed choices are admin, member.");
    expect(missing?.stderr).toContain("error: missing required argument 'user'");
    for (const run of [zero, role, missing]) expect(run?.code).toBe(2);
    expect(tooMuch).toMatchObject({ code: 1 });
    expect(tooMuch?.stderr).toMatch(
      /^keyward: the server refused the request \(400 INVALID_REQUEST\): body\.role: .* \[req_\w+\]\n$/,
    );
    expect(badScope?.code).toBe(2);
    expect(badScope?.stderr).toContain('NOT A SCOPE is not a permission: give resource:action');
    expect(nobody).toMatchObject({
      code: 1,
      stderr: 'keyward: "nobody" is neither a member nor a service user of the organization\n',
    });
    for (const run of runs) expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});

describe.concurrent('keyward api-key info', () => {
  it('print a key in each format, never the key itself', async () => {
    const { id, key } = await grant(['alice', '--name', 'formats', '--ttl', '24h']);
    const [{ table, json }, plain] = await Promise.all([
      world.admin.formats(['api-key', 'info', id]),
      world.admin.ok(['api-key', 'info', id]),
    ]);
    expect(table).toMatch(new RegExp(`^ID:\\s+${id}$`, 'm'));
    expect(table).toMatch(/^Name:\s+formats$/m);
    expect(table).toMatch(/^Owner:\s+alice$/m);
    expect(table).toMatch(/^Status:\s+active$/m);
    expect(table).toMatch(new RegExp(`^Organization:\\s+Acme \\(${world.org.id}\\)$`, 'm'));
    expect(table).toMatch(/^Scopes:\s+all \(the role's permissions\)$/m);
    expect(table).toMatch(/^Expires:\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/m);
    // The server's record, and the status the table shows.
    expect(json).toEqual({ ...(await world.api('GET', `/v1/apikeys/${id}`)), status: 'active' });
    expect(plain).toBe(table);
    expect(printedOnlyWhenCreated(world.admin.transcript, key)).toEqual([]);
  });

  it('answers a key id of the wrong shape with a usage error, and an unknown one with 404', async () => {
    const [shape, unknown] = await Promise.all([
      world.admin.run(['api-key', 'info', 'not-an-id']),
      world.admin.run(['api-key', 'info', `key_${'0'.repeat(22)}`]),
    ]);
    expect(shape).toMatchObject({
      code: 2,
      stderr:
        'keyward: <key> is not a key reference: give a key id (key_…), its path (/v1/apikeys/key_…), the key itself, or - to read the key from standard input\n',
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^keyward: not found \(404 NOT_FOUND\): API key not found \[req_\w+\]\n$/);
  });
});

describe.concurrent('keyward api-key revoke', () => {
  it('asks first on a terminal: "n" revokes nothing (exit 1), "y" revokes', async () => {
    const { id, key } = await grant(['alice', '--name', 'confirm-me']);
    const refused = await world.admin.pty(
      ['api-key', 'revoke', id],
      [[`Revoke ${id} ("confirm-me", ${key.slice(0, 9)}…)?`, 'n']],
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`keyward: cancelled; ${id} is unchanged`);
    expect(refused.stdout).not.toContain('Revoked');
    expect(await world.verify(key)).toBe('VALID');
    expect((await world.api('GET', `/v1/apikeys/${id}`)).revokedAt).toBeNull();

    const accepted = await world.admin.pty(['api-key', 'revoke', id], [['It stops working at once.', 'y']]);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toContain('Revoked');
    expect(await world.verify(key)).toBe('REVOKED');
    const again = await world.admin.run(['api-key', 'revoke', id, '--skip-confirm']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(new RegExp(`^keyward: ${id} was revoked already, at \\S+Z\\n$`));
  });

  it('refuses to go on without a terminal to ask on, unless --skip-confirm (usage, 2)', async () => {
    const { id, key } = await grant(['alice', '--name', 'no-terminal']);
    const run = await world.admin.run(['api-key', 'revoke', id], { input: 'y\n' });
    expect(run).toMatchObject({
      code: 2,
      stderr:
        'keyward: standard input is not a terminal, so there is no one to confirm; pass --skip-confirm\n',
    });
    expect(await world.verify(key)).toBe('VALID');
  });
});

describe.concurrent('keyward api-key rotate', () => {
  it('prints the new key once; the old one works until the grace period ends', async () => {
    const old = await grant(['alice', '--name', 'rotating', '--scope', 'documents:read']);
    const run = await world.admin.run(['api-key', 'rotate', old.id, '--grace', '1h']);
    expect(run.code).toBe(0);
    const next = granted(run.stdout);
    expect(next.id).not.toBe(old.id);
    expect(run.stderr).toMatch(new RegExp(`The old key ${old.id} works until \\S+Z\\.\\n$`));
    expect(await world.verify(next.key)).toBe('VALID');
    expect(await world.verify(old.key)).toBe('VALID');
    const previous = await world.api('GET', `/v1/apikeys/${old.id}`);
    expect(Date.parse(previous.expiresAt) - Date.now()).toBeGreaterThan(3_500_000);
    expect(await world.api('GET', `/v1/apikeys/${next.id}`)).toMatchObject({
      name: 'rotating',
      scopes: ['documents:read'],
    });

    // Without a grace period the old key stops at once; JSON shows the answer, new key included.
    const json = JSON.parse(await world.admin.ok(['api-key', 'rotate', next.id, '--format', 'json']));
    rememberSecret(json.apiKey);
    expect(json).toMatchObject({
      success: true,
      apiKey: expect.stringMatching(/^acme_/),
      previous: { id: next.id },
    });
    expect(await world.verify(next.key)).toBe('EXPIRED');
    expect((await world.admin.run(['api-key', 'rotate', next.id, '--grace', '31'])).code).toBe(2);
  });
});

describe.concurrent('keyward api-key import', () => {
  it('imports plain keys and digests from a file or stdin, and reports the entries that failed (exit 1)', async () => {
    const plain = `acme_imported-${'p'.repeat(30)}`;
    const hashed = `acme_hashed-${'h'.repeat(30)}`;
    rememberSecret(plain);
    rememberSecret(hashed);
    const entries = [
      { apiKey: plain, name: 'from-vault', ownerId: world.alice.id, role: 'member' },
      {
        hash: createHash('sha256').update(hashed).digest('hex'),
        prefix: 'acme',
        hint: 'acme_hash…',
        name: 'from-digest',
        ownerId: world.alice.id,
        role: 'member',
        scopes: ['documents:read'],
      },
    ];
    const file = join(world.admin.dir('import'), 'keys.json');
    writeFileSync(file, JSON.stringify(entries));
    const run = await world.admin.run(['api-key', 'import', file, '--org', 'acme']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('Imported 2 of 2 keys; 0 failed.\n');
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toMatch(/^ENTRY\s+NAME\s+RESULT\s+ID\s+ERROR$/);
    expect(rows).toEqual([
      expect.stringMatching(/^0\s+from-vault\s+imported\s+key_\w{22}\s+-$/),
      expect.stringMatching(/^1\s+from-digest\s+imported\s+key_\w{22}\s+-$/),
    ]);
    expect(await world.verify(plain)).toBe('VALID');
    expect(await world.verify(hashed)).toBe('VALID');

    // JSON Lines on stdin: one entry repeats a key already there, one has the wrong prefix.
    const lines = [
      { apiKey: `acme_fresh-${'f'.repeat(30)}`, name: 'fresh', ownerId: world.alice.id, role: 'member' },
      entries[0],
      { apiKey: `beta_wrong-${'w'.repeat(30)}`, name: 'wrong', ownerId: world.alice.id, role: 'member' },
    ];
    for (const line of lines) rememberSecret(line?.apiKey);
    const mixed = await world.admin.run(['api-key', 'import', '-', '--org', 'acme', '--format', 'json'], {
      input: lines.map((line) => JSON.stringify(line)).join('\n'),
    });
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toBe('Imported 1 of 3 keys; 2 failed.\nkeyward: 2 of 3 entries were not imported\n');
    const answer = JSON.parse(mixed.stdout);
    expect(answer).toMatchObject({ imported: 1, failed: 2 });
    expect(
      answer.results.map((r: { success: boolean; error?: { code: string } }) => r.error?.code ?? 'ok'),
    ).toEqual(['ok', 'CONFLICT', 'INVALID_REQUEST']);
    for (const out of [run, mixed])
      for (const line of lines) expect(out.stdout + out.stderr).not.toContain(line?.apiKey);
  });

  it('refuses a file that is not JSON without quoting it (usage, 2)', async () => {
    const secretish = `acme_${'z'.repeat(38)}`;
    const run = await world.admin.run(['api-key', 'import', '-'], { input: `{"apiKey": "${secretish}"` });
    expect(run).toMatchObject({
      code: 2,
      stderr:
        'keyward: the import file is not JSON: give an array of entries, {"keys": [...]}, or JSON Lines\n',
    });
    expect((await world.admin.run(['api-key', 'import', join(world.admin.home, 'missing.json')])).code).toBe(
      2,
    );
  });
});

// Last but one: a second organization, so that commands without --org must name one from here on.
describe('keyward api-key list', () => {
  it('lists every organization by default, or one, filtered by owner and limited', async () => {
    const other = await world.api('POST', '/v1/organizations', { name: 'Beta', keyPrefix: 'beta' });
    const beta = await grant(['admin', '--org', 'beta', '--name', 'beta-key']);
    const mine = await grant(['alice', '--org', 'acme', '--name', 'alice-list']);
    const [all, acme, alices, limited, betas, empty, emptyJson] = await Promise.all([
      world.admin.json(['api-key', 'list']),
      world.admin.json(['api-key', 'list', '--org', 'acme']),
      world.admin.json(['api-key', 'list', '--owner', 'alice']),
      world.admin.json(['api-key', 'list', '--org', 'acme', '--limit', '1']),
      world.admin.formats(['api-key', 'list', '--org', other.id]),
      world.admin.run(['api-key', 'list', '--owner', 'nobody-at-all']),
      world.admin.json(['api-key', 'list', '--owner', 'nobody-at-all']),
    ]);
    expect(all.map((k: { id: string }) => k.id)).toEqual(expect.arrayContaining([beta.id, mine.id]));
    expect(acme.every((k: { orgId: string }) => k.orgId === world.org.id)).toBe(true);
    expect(alices.length).toBeGreaterThan(0);
    expect(alices.every((k: { ownerId: string }) => k.ownerId === world.alice.id)).toBe(true);
    expect(limited).toHaveLength(1);
    expect(betas.json).toEqual([
      expect.objectContaining({ id: beta.id, name: 'beta-key', orgId: other.id, status: 'active' }),
    ]);
    expect(betas.table.trim().split('\n')).toEqual([
      expect.stringMatching(/^ID\s+NAME\s+ORG\s+OWNER\s+ROLE\s+STATUS\s+CREATED\s+EXPIRES\s+LAST USED$/),
      expect.stringMatching(
        new RegExp(`^${beta.id}\\s+beta-key\\s+Beta\\s+admin\\s+member\\s+active\\s+\\S+Z\\s+-\\s+-$`),
      ),
    ]);
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: 'No API keys.\n' });
    expect(emptyJson).toEqual([]);
    expect(printedOnlyWhenCreated(world.admin.transcript, beta.key)).toEqual([]);
  });
});

describe('what this file printed', () => {
  it('showed each key only in the output of the grant or rotate that made it', () => {
    const shown = world.admin.transcript
      .filter((run) => run.args[1] === 'grant' || run.args[1] === 'rotate')
      .flatMap((run) => run.stdout.match(/acme_[0-9A-Za-z]{38}|beta_[0-9A-Za-z]{38}/g) ?? []);
    expect(shown.length).toBeGreaterThan(8);
    for (const key of shown) expect(printedOnlyWhenCreated(world.admin.transcript, key)).toEqual([]);
  });
});
