import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { type Serve, startServe, tempDir } from '../support/server.js';
import { Cli } from './support/cli.js';
import { ADMIN_PASSWORD, ALICE_PASSWORD, worldForFile } from './support/world.js';

// Server A is the world's (Acme, alice, the admin); server B is a second `keyward serve` of its own.
const world = worldForFile();
const B_PASSWORD = 'second-server-admin';
let b: Serve;
let globex: { id: string };
beforeAll(async () => {
  rememberSecret(B_PASSWORD);
  b = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: B_PASSWORD } });
  // alice belongs to two organizations on A: Acme and Globex.
  globex = await world.api('POST', '/v1/organizations', { name: 'Globex', keyPrefix: 'globex' });
  await world.api('POST', `/v1/organizations/${globex.id}/members`, {
    userId: world.alice.id,
    role: 'member',
  });
});

/** The tokens or key in a profile's credentials file, remembered for the log scan; null if there is none. */
function secretOf(cli: Cli, file: string): Record<string, string> | null {
  const path = join(cli.configDir, file);
  if (!existsSync(path)) return null;
  const secret = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  for (const value of Object.values(secret)) rememberSecret(value);
  return secret;
}

const configOf = (cli: Cli) => JSON.parse(readFileSync(join(cli.configDir, 'config.json'), 'utf8'));
const refreshes = async (server: Serve, refreshToken: string | undefined) =>
  (await server.request('POST', '/v1/auth/refresh', { body: { refreshToken } })).status;

/** Who `whoami` says the credentials are, and on which server. */
async function who(cli: Cli, args: string[] = [], env: Record<string, string> = {}) {
  const run = await cli.run(['whoami', ...args], { env });
  if (run.code !== 0) return run.stderr;
  const [name, server] = ['Name', 'Server'].map(
    (label) => new RegExp(`^${label}:\\s+(\\S+)$`, 'm').exec(run.stdout)?.[1],
  );
  return `${name} on ${server}`;
}

/** A hang guard for a test of many runs in a row, on a machine that may be busy. */
const LONG = { timeout: 150_000 };

describe('profiles for two servers', () => {
  it(
    'keep a login each; config use, --profile and KEYWARD_PROFILE choose; logout forgets one',
    LONG,
    async () => {
      const cli = new Cli();
      await cli.ok(['login', '--url', world.server.url, '--username', 'alice'], {
        input: `${ALICE_PASSWORD}\n`,
      });
      // Global flags before the subcommand, as gh and sensuctl take them.
      const second = await cli.run(['--profile', 'B-Side', '--url', b.url, 'login', '--username', 'admin'], {
        input: `${B_PASSWORD}\n`,
      });
      expect(second).toMatchObject({ code: 0 });
      expect(second.stdout).toContain(`Logged in to ${b.url} (profile "b-side") as admin.`);
      expect(second.stdout).toContain(join(cli.configDir, 'credentials-b-side.json'));

      // Each profile's secret has its own file: neither login overwrote the other's.
      const [alice, admin] = [secretOf(cli, 'credentials.json'), secretOf(cli, 'credentials-b-side.json')];
      expect(alice?.refreshToken).toEqual(expect.any(String));
      expect(admin?.refreshToken).toEqual(expect.any(String));
      expect(alice?.refreshToken).not.toBe(admin?.refreshToken);
      expect(readFileSync(join(cli.configDir, 'config.json'), 'utf8')).not.toContain(admin?.accessToken);

      const a = `alice on ${world.server.url}`;
      const onB = `admin on ${b.url}`;
      const [view, ...whos] = await Promise.all([
        cli.formats(['config', 'view']),
        who(cli),
        who(cli, ['--profile', 'b-side']),
        who(cli, [], { KEYWARD_PROFILE: 'B-SIDE' }),
        // The flag wins over the environment.
        who(cli, ['--profile', 'default'], { KEYWARD_PROFILE: 'b-side' }),
      ]);
      expect(whos).toEqual([a, onB, onB, a]);
      expect(view.json).toEqual([
        expect.objectContaining({
          profile: 'b-side',
          current: false,
          url: b.url,
          name: 'admin',
          kind: 'password',
        }),
        expect.objectContaining({ profile: 'default', current: true, url: world.server.url, name: 'alice' }),
      ]);
      expect(view.table).toMatch(/^CURRENT\s+PROFILE\s+SERVER\s+LOGGED IN AS\s+ORG\n/);
      expect(view.table).toMatch(
        new RegExp(`^\\*\\s+default\\s+${world.server.url}\\s+alice \\(password\\)\\s+-$`, 'm'),
      );
      for (const secret of [alice, admin])
        for (const value of Object.values(secret ?? {}))
          expect(view.table + JSON.stringify(view.json)).not.toContain(value);

      expect(await cli.ok(['config', 'use', 'b-side'])).toBe(
        `Now using the profile "b-side": admin on ${b.url}.\n`,
      );
      expect(await Promise.all([who(cli), who(cli, [], { KEYWARD_PROFILE: 'default' })])).toEqual([onB, a]);
      expect(await cli.run(['config', 'use', 'nowhere'])).toMatchObject({
        code: 1,
        stderr:
          'keyward: no profile "nowhere" (there are: b-side, default); create it with "keyward login --profile nowhere --url <url>"\n',
      });

      // logout of the current profile ends its session only; the other login keeps working.
      expect(await cli.ok(['logout'])).toBe(
        `Logged out of ${b.url} (profile "b-side"); the credentials in ${join(cli.configDir, 'credentials-b-side.json')} are forgotten.\n`,
      );
      expect(await refreshes(b, admin?.refreshToken)).toBe(401);
      expect(readdirSync(cli.configDir).sort()).toEqual(['config.json', 'credentials.json']);
      // The profile is gone, so the current one is the default again.
      expect(configOf(cli).current).toBe('default');
      expect((await cli.json(['whoami'])).name).toBe('alice');
      expect(await cli.run(['whoami', '--profile', 'b-side'])).toMatchObject({
        code: 2,
        stderr:
          'keyward: no server: pass --url, set KEYWARD_URL, or run "keyward login --profile b-side --url <url>" first\n',
      });
    },
  );

  it('keep two logins to the same server apart, in the file and in the keychain account', LONG, async () => {
    const cli = new Cli();
    await cli.ok(['login', '--url', world.server.url, '--username', 'alice'], {
      input: `${ALICE_PASSWORD}\n`,
    });
    await cli.ok(['login', '--profile', 'ops', '--url', world.server.url, '--username', 'admin'], {
      input: `${ADMIN_PASSWORD}\n`,
    });
    const [alice, admin] = [secretOf(cli, 'credentials.json'), secretOf(cli, 'credentials-ops.json')];
    expect(alice?.refreshToken).not.toBe(admin?.refreshToken);
    expect((await cli.json(['whoami'])).name).toBe('alice');
    expect((await cli.json(['whoami', '--profile', 'ops'])).name).toBe('admin');
    // Logging out of the default profile leaves ops logged in, on the same server.
    await cli.ok(['logout']);
    expect(await refreshes(world.server, alice?.refreshToken)).toBe(401);
    expect((await cli.json(['whoami', '--profile', 'ops'])).name).toBe('admin');
    expect(await cli.run(['whoami'])).toMatchObject({ code: 2 });
    await cli.ok(['logout', '--profile', 'ops']);
    expect(readdirSync(cli.configDir)).toEqual([]);
  });

  it('read a config.json from before profiles as the profile "default"', LONG, async () => {
    const cli = new Cli();
    await cli.ok(['login', '--url', world.server.url, '--username', 'alice'], {
      input: `${ALICE_PASSWORD}\n`,
    });
    secretOf(cli, 'credentials.json');
    const file = join(cli.configDir, 'config.json');
    const { login } = configOf(cli).profiles.default;
    writeFileSync(file, JSON.stringify({ login }));
    expect((await cli.json(['whoami'])).name).toBe('alice');
    expect(await cli.json(['config', 'view'])).toEqual([
      expect.objectContaining({ profile: 'default', current: true, name: 'alice' }),
    ]);
    // The first change writes the new form, with the old login in it.
    await cli.ok(['login', '--profile', 'other', '--url', b.url, '--username', 'admin'], {
      input: `${B_PASSWORD}\n`,
    });
    secretOf(cli, 'credentials-other.json');
    expect(configOf(cli)).toEqual({
      current: 'default',
      profiles: { default: { login }, other: { login: expect.objectContaining({ url: b.url }) } },
    });
    expect((await cli.json(['whoami'])).name).toBe('alice');
  });

  it('refuse a profile name that could not be a file name, as a usage error', async () => {
    const cli = new Cli();
    for (const run of await Promise.all([
      cli.run(['whoami', '--profile', '../x']),
      cli.run(['whoami'], { env: { KEYWARD_PROFILE: 'a b' } }),
    ]))
      expect(run).toMatchObject({ code: 2, stderr: expect.stringMatching(/is not a profile name/) });
  });
});

describe('the default organization', () => {
  /** The organization of a key alice grants herself, or the failed run. */
  async function grantOrg(cli: Cli, args: string[], env: Record<string, string> = {}) {
    const run = await cli.run(['api-key', 'grant', 'alice', ...args, '--format', 'json'], { env });
    return run.code === 0 ? JSON.parse(run.stdout).orgId : run;
  }

  it(
    'is --org, else KEYWARD_ORG, else the profile’s, else the only one; several are listed',
    LONG,
    async () => {
      const cli = new Cli();
      await cli.ok(['login', '--url', world.server.url, '--username', 'alice'], {
        input: `${ALICE_PASSWORD}\n`,
      });
      cli.storedSecret();
      const none = await cli.run(['api-key', 'grant', 'alice']);
      expect(none.code).toBe(2);
      expect(none.stderr).toBe(
        `keyward: you can see 2 organizations, Acme (${world.org.id}), Globex (${globex.id}): choose one with ` +
          '--org <name|id>, KEYWARD_ORG, or "keyward config set org <name|id>"\n',
      );

      // Names in any case.
      expect(await cli.ok(['config', 'set', 'org', 'GLOBEX'])).toBe(
        'Set the default organization of the profile "default" to GLOBEX.\n',
      );
      expect(configOf(cli).profiles.default.org).toBe('GLOBEX');
      expect(
        await Promise.all([
          grantOrg(cli, []),
          grantOrg(cli, [], { KEYWARD_ORG: 'acme' }),
          grantOrg(cli, ['--org', 'Acme'], { KEYWARD_ORG: 'globex' }),
          grantOrg(cli, [], { KEYWARD_ORG: world.org.id }),
        ]),
      ).toEqual([globex.id, world.org.id, world.org.id, world.org.id]);
      const shown = await cli.json(['config', 'show'], { env: { KEYWARD_ORG: 'acme' } });
      expect(shown.org).toEqual({ ref: 'acme', source: 'KEYWARD_ORG' });
      expect(await cli.json(['config', 'view'])).toEqual([expect.objectContaining({ org: 'GLOBEX' })]);

      // --org before the subcommand is --org after it.
      const before = await cli.run(['--org', 'acme', 'api-key', 'grant', 'alice', '--format', 'json']);
      expect(JSON.parse(before.stdout).orgId).toBe(world.org.id);

      // A default that names nothing says where it came from.
      await cli.ok(['config', 'set', 'org', 'initech']);
      expect(await grantOrg(cli, [])).toMatchObject({
        code: 1,
        stderr: 'keyward: no organization "initech" (from the profile "default") among those you can see\n',
      });
      expect(await cli.ok(['config', 'unset', 'org'])).toBe(
        'Unset the default organization of the profile "default".\n',
      );
      expect(configOf(cli).profiles.default).not.toHaveProperty('org');
      expect((await grantOrg(cli, [])).code).toBe(2);
      expect(await cli.run(['config', 'set', 'colour', 'blue'])).toMatchObject({ code: 2 });
    },
  );
});

describe('names in any case', () => {
  it(
    'find organizations, users, owners and service users; an ambiguous name lists the candidates',
    LONG,
    async () => {
      const { admin } = world;
      const [org, user] = await Promise.all([
        admin.json(['org', 'info', 'ACME']),
        admin.json(['user', 'info', 'ALICE']),
      ]);
      expect(org.id).toBe(world.org.id);
      expect(user.id).toBe(world.alice.id);
      const key = await admin.json(['api-key', 'grant', 'Alice', '--org', 'acme']);
      expect(key.ownerId).toBe(world.alice.id);
      const svc = await admin.json(['service-user', 'create', 'Deploy-Bot', '--org', 'acme']);
      expect((await admin.json(['service-user', 'info', 'deploy-bot', '--org', 'acme'])).id).toBe(svc.id);
      expect((await admin.json(['api-key', 'grant', 'DEPLOY-BOT', '--org', 'acme'])).ownerId).toBe(svc.id);

      // Two organizations whose names differ in case only: the exact one wins, another case is ambiguous.
      // (Usernames are lower case, and service users' names unique in any case, so those cannot clash.)
      const [lower, upper] = await Promise.all(
        ['umbrella', 'UMBRELLA'].map((name, i) =>
          world.api('POST', '/v1/organizations', { name, keyPrefix: `umb${i}` }),
        ),
      );
      expect((await admin.json(['org', 'info', 'UMBRELLA'])).id).toBe(upper.id);
      const ambiguous = await admin.run(['org', 'info', 'Umbrella']);
      expect(ambiguous).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^keyward: 2 organizations are named "Umbrella": give an id \(/),
      });
      expect(ambiguous.stderr).toContain(`umbrella (${lower.id})`);
      expect(ambiguous.stderr).toContain(`UMBRELLA (${upper.id})`);
    },
  );

  it('audit list --actor takes a user by name, as its id', async () => {
    const { admin } = world;
    const [byName, byId] = await Promise.all([
      admin.json(['audit', 'list', '--actor', 'ALICE']),
      admin.json(['audit', 'list', '--actor', world.alice.id]),
    ]);
    // alice signed in when the world logged her in, at least.
    expect(byName.length).toBeGreaterThan(0);
    expect(byName).toEqual(byId);
    for (const entry of byName) expect(entry.actorId).toBe(world.alice.id);
    expect(await admin.run(['audit', 'list', '--actor', 'nobody'])).toMatchObject({
      code: 1,
      stderr: 'keyward: no user or service user "nobody" among those you can see\n',
    });
  });
});

describe('global flags before the subcommand', () => {
  it('--url, --format and --profile work before it as after it; the flag after it wins', LONG, async () => {
    const cli = new Cli();
    const key = (
      await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
        name: 'global flags',
        role: 'member',
        ownerId: world.alice.id,
      })
    ).apiKey;
    rememberSecret(key);
    const env = { KEYWARD_API_KEY: key };
    const before = await cli.run(['--url', world.server.url, '--format', 'json', 'whoami'], { env });
    expect(before.code).toBe(0);
    expect(JSON.parse(before.stdout).name).toBe('alice');
    const both = await cli.run(['--url', b.url, 'whoami', '--url', world.server.url, '--format', 'json'], {
      env,
    });
    expect(JSON.parse(both.stdout).name).toBe('alice');
    expect(await cli.run(['--org', 'acme', 'whoami'])).toMatchObject({
      code: 2,
      stderr: 'keyward: "keyward whoami" takes no --org\n',
    });
    expect(await cli.run(['--bogus', 'whoami'])).toMatchObject({ code: 2 });
    expect(await cli.run(['--format', 'xml', 'whoami'])).toMatchObject({ code: 2 });
    const help = await cli.run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('--profile <name>');
  });
});
