import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { Cli, KEY_ARGUMENT_WARNING } from './support/cli.js';
import { ADMIN_PASSWORD, ALICE_PASSWORD, worldForFile } from './support/world.js';

let aliceKey: string;
const world = worldForFile();
beforeAll(async () => {
  aliceKey = (
    await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
      name: 'alice laptop',
      role: 'member',
      ownerId: world.alice.id,
    })
  ).apiKey;
  rememberSecret(aliceKey);
});

const FILE_STORE =
  /Credentials stored in the file (\S+) \(mode 0600\), not in an OS keychain: (.+?)\.(?: |$)/m;

/** Every file under the config directory, with its mode and text. */
function filesUnder(dir: string): { name: string; mode: number; text: string }[] {
  return readdirSync(dir).map((name) => ({
    name,
    mode: statSync(join(dir, name)).mode & 0o777,
    text: readFileSync(join(dir, name), 'utf8'),
  }));
}

/** A port on which nothing listens: one the system just handed out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function loginAsAlice(cli: Cli, env: Record<string, string> = {}) {
  return cli.run(['login', '--url', world.server.url, '--username', 'alice'], {
    input: `${ALICE_PASSWORD}\n`,
    env,
  });
}

describe.concurrent('keyward login with a username', () => {
  it('reads the password from stdin, stores only tokens in a 0600 file, and says where', async () => {
    const cli = new Cli();
    const login = await loginAsAlice(cli);
    expect(login.code).toBe(0);
    expect(login.stdout).toContain(`Logged in to ${world.server.url} as alice.`);
    // No keychain here (no D-Bus session): the CLI says so, and which file it used instead.
    const [, file, reason] = FILE_STORE.exec(login.stdout) ?? [];
    expect(file).toBe(join(cli.configDir, 'credentials.json'));
    expect(reason).toContain('DBUS_SESSION_BUS_ADDRESS is not set');
    expect(login.stdout).toContain('The password is not stored');

    expect(statSync(cli.configDir).mode & 0o777).toBe(0o700);
    const secret = cli.storedSecret();
    expect(secret).toMatchObject({
      accessToken: expect.stringMatching(/^eyJ/),
      refreshToken: expect.any(String),
    });
    const files = filesUnder(cli.configDir);
    expect(files.map((f) => f.name).sort()).toEqual(['config.json', 'credentials.json']);
    for (const { name, mode, text } of files) {
      expect(mode, name).toBe(0o600);
      expect(text).not.toContain(ALICE_PASSWORD);
      if (name !== 'credentials.json') {
        expect(text).not.toContain(secret?.accessToken);
        expect(text).not.toContain(secret?.refreshToken);
      }
    }
    expect(JSON.parse(readFileSync(join(cli.configDir, 'config.json'), 'utf8'))).toEqual({
      current: 'default',
      profiles: {
        default: { login: { url: world.server.url, kind: 'password', name: 'alice', store: 'file' } },
      },
    });

    const whoami = await cli.formats(['whoami']);
    expect(whoami.json).toMatchObject({
      id: world.alice.id,
      kind: 'user',
      name: 'alice',
      clusterAdmin: false,
    });
    expect(whoami.table).toMatch(/^Name:\s+alice\nKind:\s+user\nID:\s+usr_\w{22}\nCluster admin:\s+no\n/);
    expect(whoami.table).toContain(`Server:         ${world.server.url}`);
    // config show masks: it names the store, and shows no token.
    const show = await cli.run(['config', 'show']);
    expect(show.stdout).toContain(`Credentials in:    file ${file} (mode 0600)`);
    expect(show.stdout).toContain('alice (username and password; access and refresh tokens stored)');
    for (const format of ['table', 'json', 'yaml']) {
      const shown = await cli.ok(['config', 'show', '--format', format]);
      expect(shown).not.toContain(secret?.accessToken);
      expect(shown).not.toContain(secret?.refreshToken);
    }
    expect(login.stdout + login.stderr).not.toContain(ALICE_PASSWORD);

    // logout ends the session on the server and forgets everything stored.
    const logout = await cli.run(['logout']);
    expect(logout).toMatchObject({
      code: 0,
      stdout: `Logged out of ${world.server.url}; the credentials in ${file} are forgotten.\n`,
    });
    expect(readdirSync(cli.configDir)).toEqual([]);
    const refresh = await world.server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: secret?.refreshToken },
    });
    expect(refresh.status).toBe(401);
    expect(await cli.run(['whoami'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('keyward: no server'),
    });
    expect(await cli.run(['logout'])).toMatchObject({
      code: 0,
      stdout: 'Not logged in; nothing to forget.\n',
    });
  });

  it('reads the password from a hidden prompt on a terminal', async () => {
    const cli = new Cli();
    const run = await cli.pty(
      ['login', '--url', world.server.url, '--username', 'alice'],
      [['Password:', ALICE_PASSWORD]],
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Logged in to');
    expect(run.stdout).not.toContain(ALICE_PASSWORD);
    cli.storedSecret();
    expect((await cli.json(['whoami'])).name).toBe('alice');
  });

  it('refuses a wrong password with exit 1, storing nothing', async () => {
    const cli = new Cli();
    const run = await cli.run(['login', '--url', world.server.url, '--username', 'alice'], {
      input: 'wrong-password\n',
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^keyward: not authenticated \(401 UNAUTHORIZED\): The username or password is wrong/,
    );
    expect(run.stderr).not.toContain('wrong-password');
    expect(cli.storedSecret()).toBeNull();
  });

  it('refreshes an expired access token, storing the rotated pair; a refused refresh token means log in again', async () => {
    const cli = new Cli();
    await loginAsAlice(cli);
    const file = join(cli.configDir, 'credentials.json');
    const first = cli.storedSecret() as Record<string, string>;

    // Expired by the clock: refreshed before the request.
    writeFileSync(file, JSON.stringify({ ...first, expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect((await cli.json(['whoami'])).name).toBe('alice');
    const second = cli.storedSecret() as Record<string, string>;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(Date.parse(second.expiresAt ?? '')).toBeGreaterThan(Date.now());
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Refused by the server (401) although not expired by the clock: refreshed, and the request retried.
    writeFileSync(
      file,
      JSON.stringify({ ...second, accessToken: 'eyJhbGciOiJIUzI1NiJ9.e30.bm90LWEtdG9rZW4' }),
    );
    expect((await cli.json(['whoami'])).name).toBe('alice');
    const third = cli.storedSecret() as Record<string, string>;
    expect(third.refreshToken).not.toBe(second.refreshToken);

    // The first refresh token, spent, is presented again: the server ends the whole session.
    expect(
      (await world.server.request('POST', '/v1/auth/refresh', { body: { refreshToken: first.refreshToken } }))
        .status,
    ).toBe(401);
    writeFileSync(file, JSON.stringify({ ...third, expiresAt: new Date(0).toISOString() }));
    const ended = await cli.run(['whoami']);
    expect(ended.code).toBe(1);
    expect(ended.stderr).toBe(
      `keyward: the login to ${world.server.url} has ended (the server refused its refresh token); run "keyward login --url ${world.server.url} --username alice" again\n`,
    );
  });
});

describe.concurrent('logging in over a login', () => {
  const refreshes = async (refreshToken: string) =>
    (await world.server.request('POST', '/v1/auth/refresh', { body: { refreshToken } })).status;

  it('ends the session it replaces, whether the new login is by password or by API key', async () => {
    const cli = new Cli();
    expect((await loginAsAlice(cli)).code).toBe(0);
    const first = cli.storedSecret() as Record<string, string>;
    expect((await loginAsAlice(cli)).code).toBe(0);
    const second = cli.storedSecret() as Record<string, string>;
    expect(await refreshes(first.refreshToken as string)).toBe(401);

    const byKey = await cli.run(['login', '--url', world.server.url, '--api-key-stdin'], {
      input: `${aliceKey}\n`,
    });
    expect(byKey).toMatchObject({ code: 0, stderr: '' });
    expect(await refreshes(second.refreshToken as string)).toBe(401);
    expect((await cli.json(['whoami'])).name).toBe('alice');
  });

  it('still logs in when the old session cannot be ended, and says so', async () => {
    const cli = new Cli();
    expect((await loginAsAlice(cli)).code).toBe(0);
    const file = join(cli.configDir, 'config.json');
    // The stored login points at a server that is gone: ending its session fails, the new login stands.
    // It is written as config.json was before profiles, a single login, which is the profile `default`.
    const { login } = JSON.parse(readFileSync(file, 'utf8')).profiles.default;
    writeFileSync(
      file,
      JSON.stringify({ login: { ...login, url: `http://127.0.0.1:${await closedPort()}` } }),
    );
    const again = await loginAsAlice(cli);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^keyward: could not end the session on the server: /);
    expect((await cli.json(['whoami'])).name).toBe('alice');
  });
});

describe('two keyward processes and one expired access token', () => {
  it('refresh it once between them: neither spends a refresh token the other spent', async () => {
    const cli = new Cli();
    await loginAsAlice(cli);
    const file = join(cli.configDir, 'credentials.json');
    const first = cli.storedSecret() as Record<string, string>;
    writeFileSync(file, JSON.stringify({ ...first, expiresAt: new Date(0).toISOString() }));
    const runs = await Promise.all([1, 2, 3].map(() => cli.run(['whoami', '--format', 'json'])));
    for (const run of runs) expect(run.code, run.stderr).toBe(0);
    // A spent refresh token presented twice would have ended the session; it still works.
    const after = cli.storedSecret() as Record<string, string>;
    expect(after.refreshToken).not.toBe(first.refreshToken);
    writeFileSync(file, JSON.stringify({ ...after, expiresAt: new Date(0).toISOString() }));
    expect((await cli.json(['whoami'])).name).toBe('alice');
    expect(readdirSync(cli.configDir).sort()).toEqual(['config.json', 'credentials.json']);
  });
});

describe.concurrent('keyward login with an API key', () => {
  it('takes the key from --api-key, --api-key-stdin or a hidden prompt, and checks it', async () => {
    const [flag, stdin, prompt] = [new Cli(), new Cli(), new Cli()];
    const runs = await Promise.all([
      flag.run(['login', '--url', world.server.url, '--api-key', aliceKey]),
      stdin.run(['login', '--url', world.server.url, '--api-key-stdin'], { input: `${aliceKey}\n` }),
      prompt.pty(['login', '--url', world.server.url], [['API key:', aliceKey]]),
    ]);
    // Only the key given as an argument is warned about, and the warning does not repeat it.
    expect(runs[0]?.stderr).toBe(KEY_ARGUMENT_WARNING);
    expect(runs[1]?.stderr).toBe('');
    expect(runs[2]?.stdout).not.toContain('warning');
    for (const [i, cli] of [flag, stdin, prompt].entries()) {
      const run = runs[i];
      expect(run?.code).toBe(0);
      expect(run?.stdout).toContain(
        `Logged in to ${world.server.url} as alice, with the API key ${aliceKey.slice(0, 9)}…`,
      );
      expect(run?.stdout).toMatch(FILE_STORE);
      expect(`${run?.stdout}${run?.stderr}`).not.toContain(aliceKey);
      expect(cli.storedSecret()).toEqual({ apiKey: aliceKey });
      const config = readFileSync(join(cli.configDir, 'config.json'), 'utf8');
      expect(config).not.toContain(aliceKey);
      expect(JSON.parse(config).profiles.default.login).toMatchObject({
        kind: 'api-key',
        name: 'alice',
        keyHint: `${aliceKey.slice(0, 9)}…`,
      });
    }
    const whoami = await flag.json(['whoami']);
    expect(whoami).toMatchObject({ id: world.alice.id, organizationId: world.org.id, role: 'member' });
    const shown = await flag.run(['config', 'show']);
    expect(shown.stdout).toContain(`Stored API key:    ${aliceKey.slice(0, 9)}…`);
    expect(shown.stdout).not.toContain(aliceKey);
  });

  it('refuses a string that is not a key (usage, 2) and a key the server does not know (1), echoing neither', async () => {
    const cli = new Cli();
    const notKey = `acme_${'x'.repeat(10)}`;
    const lookalike = `${aliceKey.slice(0, -1)}${aliceKey.endsWith('A') ? 'B' : 'A'}`;
    const unknown = `acme_${'Q'.repeat(40)}`;
    const [short, checksum, missing] = await Promise.all([
      cli.run(['login', '--url', world.server.url, '--api-key', notKey]),
      cli.run(['login', '--url', world.server.url, '--api-key-stdin'], { input: lookalike }),
      cli.run(['login', '--url', world.server.url, '--api-key', unknown]),
    ]);
    // The warning comes first, before the key is even looked at.
    expect(short).toMatchObject({
      code: 2,
      stderr: `${KEY_ARGUMENT_WARNING}keyward: that is not a Keyward API key (its length is wrong)\n`,
    });
    expect(checksum).toMatchObject({
      code: 2,
      stderr: 'keyward: that is not a Keyward API key (its checksum is wrong)\n',
    });
    expect(missing.code).toBe(1);
    expect(missing.stderr.startsWith(KEY_ARGUMENT_WARNING)).toBe(true);
    expect(missing.stderr.slice(KEY_ARGUMENT_WARNING.length)).toMatch(
      /^keyward: not authenticated \(401 UNAUTHORIZED\)/,
    );
    for (const run of [short, checksum, missing]) {
      expect(run.stdout + run.stderr).not.toContain(notKey);
      expect(run.stdout + run.stderr).not.toContain(lookalike);
      expect(run.stdout + run.stderr).not.toContain(unknown);
    }
    expect(cli.storedSecret()).toBeNull();
  });

  it('takes only one way at a time', async () => {
    const run = await new Cli().run([
      'login',
      '--url',
      world.server.url,
      '--username',
      'alice',
      '--api-key',
      aliceKey,
    ]);
    expect(run).toMatchObject({
      code: 2,
      stderr: `${KEY_ARGUMENT_WARNING}keyward: give one of --username, --api-key and --api-key-stdin\n`,
    });
  });
});

describe.concurrent('which server and which credentials', () => {
  it('KEYWARD_API_KEY wins over the stored login; --url and KEYWARD_URL win over the stored URL', async () => {
    const cli = world.admin;
    expect((await cli.json(['whoami'])).name).toBe('admin');
    expect((await cli.json(['whoami'], { env: { KEYWARD_API_KEY: aliceKey } })).name).toBe('alice');
    const elsewhere = `http://127.0.0.1:${await closedPort()}`;
    for (const run of await Promise.all([
      cli.run(['whoami', '--url', elsewhere]),
      cli.run(['whoami'], { env: { KEYWARD_URL: elsewhere } }),
    ])) {
      // The stored tokens are never sent to another server.
      expect(run.code).toBe(1);
      expect(run.stderr).toBe(
        `keyward: not logged in to ${elsewhere} (the stored login is for ${world.server.url}): run "keyward login --url ${elsewhere}", or set KEYWARD_API_KEY\n`,
      );
    }
    // With a key from the environment, the URL may come from anywhere: here nothing answers there.
    const unreachable = await cli.run(['whoami', '--url', elsewhere], { env: { KEYWARD_API_KEY: aliceKey } });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(
      new RegExp(`^keyward: cannot reach ${elsewhere}: nothing answered \\(connection refused\\)`),
    );
    const env = await cli.run(['config', 'show'], {
      env: { KEYWARD_API_KEY: aliceKey, KEYWARD_URL: world.server.url },
    });
    expect(env.stdout).toContain(`Server URL:        ${world.server.url} (from KEYWARD_URL)`);
    expect(env.stdout).toContain(`KEYWARD_API_KEY:   ${aliceKey.slice(0, 9)}… (overrides the stored login)`);
    expect(env.stdout).not.toContain(aliceKey);
  });
});

describe.concurrent('the OS keychain probe', () => {
  let silent: Server;
  let socket: string;
  beforeAll(async () => {
    // A D-Bus address whose socket accepts and never answers: the native keyring call would block forever.
    socket = join(new Cli().home, 'silent-bus');
    // Reading (and dropping) what arrives lets each connection see its end, so that close() can finish.
    silent = createServer((connection) => connection.resume());
    await new Promise<void>((resolve) => silent.listen(socket, resolve));
    return () => new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('gives up on a keychain that does not answer, within its timeout, and uses the file', async () => {
    const cli = new Cli();
    const run = await loginAsAlice(cli, { DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}` });
    expect(run.code).toBe(0);
    expect(FILE_STORE.exec(run.stdout)?.[2]).toBe('the OS keychain did not answer within 5 s');
    expect((await cli.json(['whoami'])).name).toBe('alice');
  });

  it('fails fast where the D-Bus address leads nowhere', async () => {
    const cli = new Cli();
    const run = await loginAsAlice(cli, { DBUS_SESSION_BUS_ADDRESS: `unix:path=${socket}-missing` });
    expect(run.code).toBe(0);
    // The reason names D-Bus, not the 5 s timeout: the probe saw the failure rather than waiting it out.
    expect(FILE_STORE.exec(run.stdout)?.[2]).toMatch(/D-?Bus/i);
    expect(FILE_STORE.exec(run.stdout)?.[2]).not.toMatch(/within 5 s/);
    cli.storedSecret();
  });
});

// The admin's login of the world is by password too: its password never reached its files.
it('kept the admin password out of the config directory', () => {
  for (const { text } of filesUnder(world.admin.configDir)) expect(text).not.toContain(ADMIN_PASSWORD);
});
