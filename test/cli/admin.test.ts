import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { Cli } from './support/cli.js';
import { ALICE_PASSWORD, worldForFile } from './support/world.js';

const world = worldForFile();

const createdPath = (stdout: string, path: string) => {
  const match = new RegExp(`^Created: ${path}/(\\w+)\\n$`).exec(stdout);
  expect(match, stdout).not.toBeNull();
  return match?.[1] ?? '';
};

/** Can this user sign in with this password? */
async function signsIn(username: string, password: string): Promise<boolean> {
  rememberSecret(password);
  const basic = [username, password] as [string, string];
  return (await world.server.request('POST', '/v1/auth/token', { auth: { basic } })).status === 200;
}

describe.concurrent('keyward org', () => {
  it('creates, lists and shows organizations, by id, name or key prefix, in each format', async () => {
    const id = createdPath(
      await world.admin.ok(['org', 'create', 'Widgets', '--prefix', 'wid']),
      '/v1/organizations',
    );
    const [list, byId, byName, byPrefix] = await Promise.all([
      world.admin.formats(['org', 'list']),
      world.admin.json(['org', 'info', id]),
      world.admin.json(['org', 'info', 'Widgets']),
      world.admin.formats(['org', 'info', 'wid']),
    ]);
    expect(list.table).toMatch(/^ID\s+NAME\s+KEY PREFIX\s+CREATED\n/);
    expect(list.table).toMatch(new RegExp(`^${id}\\s+Widgets\\s+wid\\s+\\S+Z$`, 'm'));
    expect(list.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, name: 'Widgets', keyPrefix: 'wid' })]),
    );
    expect(byId).toEqual(byName);
    expect(byPrefix.json).toEqual(byId);
    expect(byPrefix.table).toMatch(/^ID:\s+org_\w+\nName:\s+Widgets\nKey prefix:\s+wid\n/);
    const missing = await world.admin.run(['org', 'info', 'nowhere']);
    expect(missing).toMatchObject({
      code: 1,
      stderr: 'keyward: no organization "nowhere" among those you can see\n',
    });
  });

  it('adds, lists and removes members; a removed member’s keys stop working', async () => {
    const bob = await world.api('POST', '/v1/users', { username: 'bob', password: 'bob-password-1' });
    rememberSecret('bob-password-1');
    expect(await world.admin.ok(['org', 'member', 'add', 'acme', 'bob', '--role', 'admin'])).toBe(
      'Added bob to acme as admin.\n',
    );
    const members = await world.admin.formats(['org', 'member', 'list', 'Acme']);
    expect(members.json).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: bob.id, username: 'bob', role: 'admin' })]),
    );
    expect(members.table).toMatch(/^USER ID\s+USERNAME\s+ROLE\s+ADDED\n/);
    expect(members.table).toMatch(new RegExp(`^${bob.id}\\s+bob\\s+admin\\s+\\S+Z$`, 'm'));
    const key = (
      await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
        name: 'b',
        role: 'admin',
        ownerId: bob.id,
      })
    ).apiKey;
    rememberSecret(key);
    expect(await world.verify(key)).toBe('VALID');
    const removed = await world.admin.run(['org', 'member', 'remove', 'acme', 'bob', '--skip-confirm']);
    expect(removed).toMatchObject({ code: 0, stdout: 'Deleted\n' });
    expect(await world.verify(key)).not.toBe('VALID');
    expect(
      (await world.admin.json(['org', 'member', 'list', 'acme'])).map(
        (m: { username: string }) => m.username,
      ),
    ).not.toContain('bob');
  });
});

describe('keyward user', () => {
  it('creates a user with the password from stdin, lists and shows users in each format', async () => {
    const run = await world.admin.run(['user', 'create', 'carol'], { input: 'carol-password-1\n' });
    const id = createdPath(run.stdout, '/v1/users');
    expect(run.stdout + run.stderr).not.toContain('carol-password-1');
    expect(await signsIn('carol', 'carol-password-1')).toBe(true);
    const [list, byName, byId] = await Promise.all([
      world.admin.formats(['user', 'list']),
      world.admin.formats(['user', 'info', 'carol']),
      world.admin.json(['user', 'info', id]),
    ]);
    expect(list.table).toMatch(/^ID\s+USERNAME\s+CLUSTER ADMIN\s+DISABLED\s+CREATED\n/);
    expect(list.table).toMatch(new RegExp(`^${id}\\s+carol\\s+no\\s+no\\s+\\S+Z$`, 'm'));
    expect(list.json.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['admin', 'alice', 'carol']),
    );
    expect(byName.json).toEqual(byId);
    expect(byId).toMatchObject({ id, username: 'carol', clusterAdmin: false, disabled: false });
    expect(byName.table).toMatch(/^ID:\s+usr_\w+\nUsername:\s+carol\nCluster admin:\s+no\n/);
    const admins = await world.admin.run(['user', 'create', 'root2', '--cluster-admin', '--format', 'json'], {
      input: 'root2-password\n',
    });
    expect(JSON.parse(admins.stdout)).toMatchObject({ username: 'root2', clusterAdmin: true });
  });

  it('asks for a new password twice on a terminal, and refuses two that differ (usage, 2)', async () => {
    const differ = await world.admin.pty(
      ['user', 'create', 'dora'],
      [
        ['Password:', 'dora-password-1'],
        ['Repeat the password:', 'dora-password-2'],
      ],
    );
    expect(differ.code).toBe(2);
    expect(differ.stdout).toContain('keyward: the two passwords differ');
    expect(differ.stdout).not.toContain('dora-password');
    const same = await world.admin.pty(
      ['user', 'create', 'dora'],
      [
        ['Password:', 'dora-password-1'],
        ['Repeat the password:', 'dora-password-1'],
      ],
    );
    expect(same.code).toBe(0);
    expect(same.stdout).toMatch(/Created: \/v1\/users\/usr_\w{22}/);
    expect(same.stdout).not.toContain('dora-password');
    expect(await signsIn('dora', 'dora-password-1')).toBe(true);
  });

  it('asks a user changing their own password on a terminal for the current one first', async () => {
    await world.api('POST', '/v1/users', { username: 'gina', password: 'gina-password-1' });
    rememberSecret('gina-password-1');
    const gina = new Cli();
    await gina.ok(['login', '--url', world.server.url, '--username', 'gina'], {
      input: 'gina-password-1\n',
    });
    gina.storedSecret();
    const run = await gina.pty(
      ['user', 'passwd', 'gina'],
      [
        ['Current password:', 'gina-password-1'],
        ['New password:', 'gina-password-2'],
        ['Repeat the new password:', 'gina-password-2'],
      ],
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Changed the password of gina \(usr_\w{22}\)\./);
    expect(run.stdout).not.toContain('gina-password');
    expect(await signsIn('gina', 'gina-password-2')).toBe(true);
    expect(await signsIn('gina', 'gina-password-1')).toBe(false);
  });

  it('disables, enables, changes passwords (a user their own too) and deletes', async () => {
    await world.api('POST', '/v1/users', { username: 'erin', password: 'erin-password-1' });
    rememberSecret('erin-password-1');
    expect(await world.admin.ok(['user', 'disable', 'erin'])).toMatch(/^Disabled erin \(usr_\w{22}\)\.\n$/);
    expect(await signsIn('erin', 'erin-password-1')).toBe(false);
    expect((await world.admin.json(['user', 'enable', 'erin'])).disabled).toBe(false);
    expect(await signsIn('erin', 'erin-password-1')).toBe(true);
    const passwd = await world.admin.run(['user', 'passwd', 'erin'], { input: 'erin-password-2\n' });
    expect(passwd.stdout).toMatch(/^Changed the password of erin \(usr_\w{22}\)\.\n$/);
    expect(await signsIn('erin', 'erin-password-2')).toBe(true);
    expect(await signsIn('erin', 'erin-password-1')).toBe(false);

    // alice, no cluster admin, changes her own password: she finds herself by name through /v1/me, and
    // pipes her current password on the first line, the new one on the second.
    const alice = new Cli();
    await alice.ok(['login', '--url', world.server.url, '--username', 'alice'], { input: ALICE_PASSWORD });
    alice.storedSecret();
    rememberSecret('not-alice-password');
    const wrong = await alice.run(['user', 'passwd', 'alice'], {
      input: 'not-alice-password\nalice-password-2\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(
      /^keyward: forbidden \(403 FORBIDDEN\): body\.currentPassword: is not the current password; .* \[req_\w+\]\n$/,
    );
    const [oneLine, threeLines] = await Promise.all([
      alice.run(['user', 'passwd', 'alice'], { input: 'alice-password-2\n' }),
      alice.run(['user', 'passwd', 'alice'], {
        input: `${ALICE_PASSWORD}\nalice-password-2\nalice-password-2\n`,
      }),
    ]);
    expect(oneLine).toMatchObject({
      code: 2,
      stderr:
        'keyward: standard input has no new password: pipe the current password and the new password, one per line\n',
    });
    expect(threeLines).toMatchObject({
      code: 2,
      stderr:
        'keyward: standard input has 3 lines, not 2: pipe the current password and the new password, one per line\n',
    });
    for (const run of [wrong, oneLine, threeLines]) {
      expect(run.stdout).toBe('');
      expect(run.stderr).not.toContain('password-2');
    }
    expect(await signsIn('alice', ALICE_PASSWORD)).toBe(true);
    expect(await signsIn('alice', 'alice-password-2')).toBe(false);
    expect(
      await alice.ok(['user', 'passwd', 'alice'], { input: `${ALICE_PASSWORD}\nalice-password-2\n` }),
    ).toMatch(/^Changed the password of alice/);
    expect(await signsIn('alice', 'alice-password-2')).toBe(true);
    expect(await signsIn('alice', ALICE_PASSWORD)).toBe(false);
    const forbidden = await alice.run(['user', 'list']);
    expect(forbidden.code).toBe(1);
    expect(forbidden.stderr).toMatch(
      /^keyward: forbidden \(403 FORBIDDEN\): .*; use credentials that are allowed to do this \[req_\w+\]\n$/,
    );

    expect(await world.admin.ok(['user', 'delete', 'erin', '--skip-confirm'])).toBe('Deleted\n');
    expect(await signsIn('erin', 'erin-password-2')).toBe(false);
    expect(await world.admin.run(['user', 'info', 'erin'])).toMatchObject({
      code: 1,
      stderr: 'keyward: no user "erin" among those you can see\n',
    });
  });
});

describe('keyward service-user', () => {
  it('creates, lists, shows and deletes service users, whose keys go with them', async () => {
    const run = await world.admin.run([
      'service-user',
      'create',
      'ci-bot',
      '--org',
      'acme',
      '--description',
      'The CI pipeline',
      '--ttl',
      '30d',
    ]);
    const id = createdPath(run.stdout, `/v1/organizations/${world.org.id}/service-users`);
    const [list, info, byId] = await Promise.all([
      world.admin.formats(['service-user', 'list', '--org', 'acme']),
      world.admin.formats(['service-user', 'info', 'ci-bot', '--org', 'acme']),
      world.admin.json(['service-user', 'info', id, '--org', 'acme']),
    ]);
    expect(list.table).toMatch(/^ID\s+NAME\s+ROLE\s+EXPIRES\s+CREATED\s+DESCRIPTION\n/);
    expect(list.table).toMatch(
      new RegExp(`^${id}\\s+ci-bot\\s+member\\s+\\S+Z\\s+\\S+Z\\s+The CI pipeline$`, 'm'),
    );
    expect(list.json).toEqual([info.json]);
    expect(info.json).toEqual(byId);
    expect(byId).toMatchObject({ id, name: 'ci-bot', role: 'member', description: 'The CI pipeline' });
    expect(Date.parse(byId.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    expect(info.table).toMatch(/^Organization:\s+org_\w+\nID:\s+svc_\w+\nName:\s+ci-bot\n/);

    // A second service user of that name, in any case, would leave the name no longer naming one.
    const twin = await world.admin.run(['service-user', 'create', 'CI-Bot', '--org', 'acme']);
    expect(twin).toMatchObject({ code: 1, stdout: '' });
    expect(twin.stderr).toMatch(/^keyward: .*\(409 CONFLICT\): body\.name: is taken/);

    // A key for the service user, by its name, then the service user goes and its key with it.
    const granted = await world.admin.ok([
      'api-key',
      'grant',
      'ci-bot',
      '--org',
      'acme',
      '--name',
      'pipeline',
    ]);
    const key = granted.trim().split('\n')[1] ?? '';
    expect(await world.verify(key)).toBe('VALID');
    expect(
      await world.admin.ok(['service-user', 'delete', 'ci-bot', '--org', 'acme', '--skip-confirm']),
    ).toBe('Deleted\n');
    expect(await world.verify(key)).not.toBe('VALID');
    expect(await world.admin.run(['service-user', 'list', '--org', 'acme'])).toMatchObject({
      stdout: '',
      stderr: 'No service users.\n',
    });
  });
});

describe.concurrent('keyward audit', () => {
  it('lists entries in each format, filtered, newest first', async () => {
    const [latest, created, acme, bad] = await Promise.all([
      world.admin.ok(['audit', 'list', '--limit', '3']),
      world.admin.json(['audit', 'list', '--action', 'user.created', '--since', '1h']),
      world.admin.formats(['audit', 'list', '--org', 'acme', '--limit', '5']),
      world.admin.run(['audit', 'list', '--since', 'yesterday']),
    ]);
    const [header, ...rows] = latest.trim().split('\n');
    expect(header).toMatch(/^SEQ\s+AT\s+ACTION\s+OUTCOME\s+ACTOR\s+TARGET\s+ORG$/);
    expect(rows).toHaveLength(3);
    expect(created.length).toBeGreaterThan(2);
    expect(created.every((e: { action: string }) => e.action === 'user.created')).toBe(true);
    expect(created[0].seq).toBeGreaterThan(created[1].seq);
    expect(acme.json).toHaveLength(5);
    expect(acme.json.every((e: { orgId: string }) => e.orgId === world.org.id)).toBe(true);
    expect(bad.code).toBe(2);
  });

  it('exports JSON Lines and verifies the chain: from the server, an organization, or a saved file', async () => {
    const lines = (await world.admin.ok(['audit', 'export']))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0].prevHash).toBe('0'.repeat(64));
    for (const [i, entry] of lines.entries()) if (i > 0) expect(entry.prevHash).toBe(lines[i - 1].hash);

    const whole = await world.admin.run(['audit', 'verify']);
    expect(whole.code).toBe(0);
    expect(whole.stdout).toMatch(
      /^The audit chain holds: \d+ entries, each linked to the one before it\.\n$/,
    );
    const org = await world.admin.run(['audit', 'verify', '--org', 'acme']);
    expect(org.code).toBe(0);
    expect(org.stdout).toMatch(/^The organization's \d+ entries hold, each against its hash;/);

    const file = join(world.admin.dir('audit'), 'audit.jsonl');
    expect(await world.admin.ok(['audit', 'export', '--output', file])).toBe('');
    expect(await world.admin.ok(['audit', 'verify', '--file', file])).toMatch(/^The audit chain holds/);
    // Someone edits one entry of the saved log: the chain shows where.
    const saved = readFileSync(file, 'utf8').trim().split('\n');
    const victim = JSON.parse(saved[2] ?? '');
    saved[2] = JSON.stringify({ ...victim, action: 'nothing.happened' });
    writeFileSync(file, `${saved.join('\n')}\n`);
    const tampered = await world.admin.run(['audit', 'verify', '--file', file]);
    expect(tampered).toMatchObject({
      code: 1,
      stderr: `keyward: the audit chain is broken at entry ${victim.seq}: its hash does not match its content\n`,
    });
    // Or removes it: the next entry no longer links.
    saved.splice(2, 1);
    writeFileSync(file, `${saved.join('\n')}\n`);
    const removed = await world.admin.run(['audit', 'verify', '--file', file]);
    expect(removed.code).toBe(1);
    expect(removed.stderr).toMatch(/: it does not link to the entry before it\n$/);
  });

  it('checks only an organization for a caller who is not a cluster admin', async () => {
    const bob = new Cli();
    await world.api('POST', '/v1/users', { username: 'fred', password: 'fred-password-1' });
    rememberSecret('fred-password-1');
    const fred = (await world.api('GET', '/v1/users')).items.find(
      (u: { username: string }) => u.username === 'fred',
    );
    await world.api('POST', `/v1/organizations/${world.org.id}/members`, { userId: fred.id, role: 'admin' });
    await bob.ok(['login', '--url', world.server.url, '--username', 'fred'], { input: 'fred-password-1\n' });
    bob.storedSecret();
    const whole = await bob.run(['audit', 'verify']);
    expect(whole).toMatchObject({
      code: 2,
      stderr:
        "keyward: only cluster admins read the whole log; pass --org to check one organization's entries\n",
    });
    expect((await bob.run(['audit', 'verify', '--org', 'acme'])).code).toBe(0);
  });
});
