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

/** A new user, a plain member of the organization, and their CLI, logged in. */
async function memberCli(orgId: string, username: string): Promise<Cli> {
  const password = `${username}-password-1`;
  rememberSecret(password);
  const user = await world.api('POST', '/v1/users', { username, password });
  await world.api('POST', `/v1/organizations/${orgId}/members`, { userId: user.id, role: 'member' });
  const cli = new Cli();
  await cli.ok(['login', '--url', world.server.url, '--username', username], { input: `${password}\n` });
  cli.storedSecret();
  return cli;
}

const FORBIDDEN =
  /^keyward: forbidden \(403 FORBIDDEN\): .*; use credentials that are allowed to do this \[req_\w+\]\n$/;

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

// One at a time, beside the concurrent ones above: each spawns many CLIs.
describe('keyward org rename, delete and member set-role', () => {
  it('renames and deletes an organization; a refused confirmation changes nothing, and its keys go', async () => {
    const org = await world.api('POST', '/v1/organizations', { name: 'Doomed', keyPrefix: 'doomed' });
    expect(await world.admin.ok(['org', 'rename', 'Doomed', 'Doomed Inc'])).toBe(
      `Renamed Doomed to Doomed Inc (${org.id}).\n`,
    );
    expect(await world.admin.json(['org', 'rename', org.id, 'Doomed Ltd'])).toMatchObject({
      id: org.id,
      name: 'Doomed Ltd',
      keyPrefix: 'doomed',
    });
    expect(await world.api('GET', `/v1/organizations/${org.id}`)).toMatchObject({ name: 'Doomed Ltd' });
    const { apiKey } = await world.api('POST', `/v1/organizations/${org.id}/apikeys`, {
      name: 'k',
      role: 'admin',
    });
    rememberSecret(apiKey);

    const refused = await world.admin.pty(
      ['org', 'delete', 'doomed'],
      [['Its keys stop working at once.', 'n']],
    );
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`Delete the organization doomed (${org.id}) with its members`);
    expect(refused.stdout).toContain('keyward: cancelled; doomed is unchanged');
    const noTerminal = await world.admin.run(['org', 'delete', 'doomed']);
    expect(noTerminal).toMatchObject({ code: 2, stdout: '' });
    expect(noTerminal.stderr).toMatch(/pass --skip-confirm\n$/);
    expect(await world.verify(apiKey)).toBe('VALID');

    expect(await world.admin.ok(['org', 'delete', 'doomed', '--skip-confirm'])).toBe('Deleted\n');
    expect(await world.verify(apiKey)).not.toBe('VALID');
    const gone = await world.server.request('GET', `/v1/organizations/${org.id}`, {
      auth: { bearer: world.token },
    });
    expect(gone.status).toBe(404);
  });

  it('refuses a member renaming or deleting an organization (403), and an unknown one (404)', async () => {
    const ivy = await memberCli(world.org.id, 'ivy');
    const rename = await ivy.run(['org', 'rename', 'acme', 'Evil']);
    const remove = await ivy.run(['org', 'delete', 'acme', '--skip-confirm']);
    const unknown = await world.admin.run(['org', 'rename', 'org_0000000000000000000000', 'Nothing']);
    for (const run of [rename, remove])
      expect(run).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(FORBIDDEN) });
    expect(await world.api('GET', `/v1/organizations/${world.org.id}`)).toMatchObject({ name: 'Acme' });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(
      /^keyward: not found \(404 NOT_FOUND\): Organization not found \[req_\w+\]\n$/,
    );
  });

  it("changes a member's role, and refuses a member, a non-member, a bad role and the last admin", async () => {
    const org = await world.api('POST', '/v1/organizations', { name: 'Roles', keyPrefix: 'roles' });
    const hank = await world.api('POST', '/v1/users', { username: 'hank', password: 'hank-password-1' });
    rememberSecret('hank-password-1');
    await world.api('POST', `/v1/organizations/${org.id}/members`, { userId: hank.id, role: 'member' });
    expect(await world.admin.ok(['org', 'member', 'set-role', 'Roles', 'hank', 'admin'])).toBe(
      'hank is now an admin of Roles.\n',
    );
    const role = async () =>
      (await world.api('GET', `/v1/organizations/${org.id}/members`)).items.find(
        (m: { userId: string }) => m.userId === hank.id,
      ).role;
    expect(await role()).toBe('admin');
    expect(await world.admin.json(['org', 'member', 'set-role', 'roles', hank.id, 'member'])).toMatchObject({
      userId: hank.id,
      role: 'member',
    });
    expect(await role()).toBe('member');

    const jack = await memberCli(org.id, 'jack');
    const promoted = await jack.run(['org', 'member', 'set-role', 'roles', 'jack', 'admin']);
    const outsider = await world.admin.run(['org', 'member', 'set-role', 'roles', 'alice', 'admin']);
    const badRole = await world.admin.run(['org', 'member', 'set-role', 'roles', 'hank', 'owner']);
    const lastAdmin = await world.admin.run(['org', 'member', 'set-role', 'roles', 'admin', 'member']);
    expect(promoted).toMatchObject({ code: 1, stderr: expect.stringMatching(FORBIDDEN) });
    expect(outsider.code).toBe(1);
    expect(outsider.stderr).toMatch(/^keyward: not found \(404 NOT_FOUND\): Member not found/);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("error: command-argument value 'owner' is invalid for argument 'role'");
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.stderr).toMatch(/^keyward: conflict \(409 CONFLICT\): /);
    expect(await role()).toBe('member');
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

  it('updates name, description, role and expiry, and refuses no change, a member and an unknown one', async () => {
    const org = await world.api('POST', '/v1/organizations', { name: 'Robots', keyPrefix: 'robots' });
    const svcs = `/v1/organizations/${org.id}/service-users`;
    const svc = await world.api('POST', svcs, { name: 'deployer', role: 'member', description: 'Deploys' });
    await world.api('POST', svcs, { name: 'builder', role: 'member' });
    const updated = await world.admin.ok([
      'service-user',
      'update',
      'deployer',
      '--org',
      'robots',
      '--name',
      'shipper',
      '--description',
      'Ships releases',
      '--role',
      'admin',
      '--expires',
      '30d',
    ]);
    expect(updated).toBe(`Updated shipper (${svc.id}).\n`);
    const after = await world.api('GET', `${svcs}/${svc.id}`);
    expect(after).toMatchObject({ name: 'shipper', description: 'Ships releases', role: 'admin' });
    expect(Date.parse(after.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const cleared = await world.admin.json([
      'service-user',
      'update',
      'shipper',
      '--org',
      'robots',
      '--description',
      '',
      '--expires',
      'never',
    ]);
    expect(cleared).toMatchObject({ id: svc.id, name: 'shipper', description: null, expiresAt: null });

    const kate = await memberCli(org.id, 'kate');
    const update = (cli: Cli, ...args: string[]) =>
      cli.run(['service-user', 'update', ...args, '--org', 'robots']);
    const none = await update(world.admin, 'shipper');
    const past = await update(world.admin, 'shipper', '--expires', '2020-01-01T00:00:00Z');
    const forbidden = await update(kate, svc.id, '--name', 'mine');
    const unknown = await update(world.admin, 'svc_0000000000000000000000', '--name', 'x');
    const taken = await update(world.admin, 'shipper', '--name', 'Builder');
    expect(none).toMatchObject({
      code: 2,
      stderr: 'keyward: name a change: --name, --description, --role or --expires\n',
    });
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('must be in the future');
    expect(forbidden).toMatchObject({ code: 1, stderr: expect.stringMatching(FORBIDDEN) });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^keyward: not found \(404 NOT_FOUND\): Service user not found/);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/^keyward: conflict \(409 CONFLICT\): body\.name: is taken/);
    expect(await world.api('GET', `${svcs}/${svc.id}`)).toMatchObject({ name: 'shipper', role: 'admin' });
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
});
