import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeProvider, fakeListmonk, fakeSentinelOne } from '../support/providers.js';
import { Cli, type Run } from './support/cli.js';
import {
  createdConnection,
  outboundEnv,
  ownSentinelOne,
  printedSecrets,
  providerSecret,
} from './support/connections.js';
import { ALICE_PASSWORD, worldForFile } from './support/world.js';

/**
 * `keyward provider`, `connection` and `vault` against a real `keyward serve`, with real HTTPS fakes of
 * SentinelOne and Listmonk: the secret by pipe, by prompt or by flag (warned about), checked by the
 * provider, and never printed.
 */
const world = worldForFile(outboundEnv());
/** Every provider secret the file uses: none may appear in any output. */
const secrets = new Set<string>();
const S1_TOKEN = providerSecret('s1-token', secrets);
const LISTMONK_PASSWORD = providerSecret('listmonk-password', secrets);
const LISTMONK_USER = 'listmonk-api-user';

/** SentinelOne for most tests; Listmonk, BASIC with two secret fields. */
let s1: FakeProvider;
let listmonk: FakeProvider;
/** A member of Acme, who may read connections but not write them, nor touch the vault. */
let alice: Cli;
beforeAll(async () => {
  [s1, listmonk] = await Promise.all([
    fakeSentinelOne(S1_TOKEN),
    fakeListmonk(LISTMONK_USER, LISTMONK_PASSWORD),
  ]);
  alice = new Cli();
  await alice.ok(['login', '--url', world.server.url, '--username', 'alice'], {
    input: `${ALICE_PASSWORD}\n`,
  });
  alice.storedSecret();
});
afterAll(async () => {
  await Promise.all([s1?.close(), listmonk?.close()]);
});

/** For tests of several commands one after the other, on a machine that other tests keep busy. */
const SEQUENTIAL = { timeout: 90_000 };

const CHECKED = 'Checked: SentinelOne accepted the credentials (200).\n';
const TOKEN_WARNING =
  'keyward: warning: a token given on the command line can be read by other users of this machine (ps, shell history); use --token-stdin or the prompt instead\n';

/** `connection add sentinelone` for Acme, the token piped in; answers the run. */
function addS1(args: string[], token = S1_TOKEN, hostname = s1.hostname): Promise<Run> {
  return world.admin.run(
    ['connection', 'add', 'sentinelone', '--org', 'acme', '--hostname', hostname, ...args],
    {
      input: `${token}\n`,
    },
  );
}

/** The connection as the API has it. */
const stored = (id: string) => world.api('GET', `/v1/connections/${id}`);

describe.concurrent('keyward provider', () => {
  it('lists the catalog, searched, and shows a provider: its fields, which are secret, and where each is explained', async () => {
    const [list, info] = await Promise.all([
      world.admin.formats(['provider', 'list', '--search', 'sentinel']),
      world.admin.formats(['provider', 'info', 'sentinelone']),
    ]);
    expect(list.table.trim().split('\n')).toEqual([
      expect.stringMatching(/^NAME\s+DISPLAY NAME\s+AUTH\s+CATEGORIES\s+CHECKED$/),
      expect.stringMatching(/^sentinelone\s+SentinelOne\s+API_KEY\s+\S+\s+yes$/),
    ]);
    expect(list.json).toEqual((await world.api('GET', '/v1/providers?search=sentinel')).items);
    expect(info.json).toEqual(await world.api('GET', '/v1/providers/sentinelone'));
    expect(info.table).toMatch(/^Display name:\s+SentinelOne$/m);
    expect(info.table).toMatch(/^1\. hostname: Hostname \(config, required\)$/m);
    expect(info.table).toMatch(/^ {3}Give it by: --hostname <host>$/m);
    expect(info.table).toMatch(/^2\. apiKey: API Token \(credentials, secret, required\)$/m);
    expect(info.table).toMatch(/^ {3}Docs: https:\/\/\S+$/m);
    expect(info.table).toContain(
      'Connect: keyward connection add sentinelone --org <org> --hostname <host> --token-stdin',
    );
  });

  it('answers a provider the catalog lacks with how to find one (1)', async () => {
    const [missing, badName] = await Promise.all([
      world.admin.run(['provider', 'info', 'no-such-provider']),
      world.admin.run(['provider', 'info', '../v1/me']),
    ]);
    for (const run of [missing, badName]) expect(run.code).toBe(1);
    expect(missing.stderr).toBe(
      'keyward: no provider "no-such-provider" in the catalog; "keyward provider list --search <text>" finds one\n',
    );
  });
});

describe.concurrent('keyward connection add', () => {
  it('takes the token from a pipe, with or without --token-stdin, checks it with the provider and never shows it', async () => {
    const before = s1.requests.length;
    const [piped, flagged] = await Promise.all([
      addS1(['--name', 'piped']),
      addS1(['--name', 'token-stdin', '--token-stdin', '--expires', '30d']),
    ]);
    for (const run of [piped, flagged]) expect(run.stderr).toBe(CHECKED);
    const [one, two] = await Promise.all([
      stored(createdConnection(piped)),
      stored(createdConnection(flagged)),
    ]);
    expect(one).toMatchObject({
      name: 'piped',
      provider: 'sentinelone',
      orgId: world.org.id,
      config: { hostname: s1.hostname },
      expiresAt: null,
      lastCheck: { ok: true, outcome: 'passed', status: 200 },
    });
    expect(Date.parse(two.expiresAt) - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const checks = s1.requests.slice(before).filter((r) => r.path === '/web/api/v2.1/sites?limit=1');
    expect(checks.length).toBeGreaterThanOrEqual(2);
    for (const check of checks) expect(check.headers.authorization).toBe(`ApiToken ${S1_TOKEN}`);
  });

  it('takes --token, warning first on stderr that others can read it, and prints JSON without a secret', async () => {
    const run = await world.admin.run([
      'connection',
      'add',
      'sentinelone',
      '--hostname',
      s1.hostname,
      '--token',
      S1_TOKEN,
      '--format',
      'json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`${TOKEN_WARNING}${CHECKED}`);
    const answer = JSON.parse(run.stdout);
    expect(answer).toEqual(await stored(answer.id));
    expect(answer.name).toBe('SentinelOne');
    expect(Object.keys(answer)).not.toContain('credentials');
  });

  it('asks for the token with a hidden prompt on a terminal', async () => {
    const run = await world.admin.pty(
      ['connection', 'add', 'sentinelone', '--org', 'acme', '--hostname', s1.hostname, '--name', 'prompted'],
      [['API Token:', S1_TOKEN]],
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toMatch(/Created: \/v1\/connections\/con_\w{22}/);
    expect(run.stdout).toContain(CHECKED.trim());
    expect(run.stdout).not.toContain(S1_TOKEN);
  });

  it('takes a BASIC provider two secrets a line, as name=value lines, or one by --credential and one piped', async () => {
    const add = (args: string[], input: string) =>
      world.admin.run(['connection', 'add', 'listmonk', '--hostname', listmonk.hostname, ...args], { input });
    const [lines, pairs, mixed, short] = await Promise.all([
      add(['--name', 'lines'], `${LISTMONK_USER}\n${LISTMONK_PASSWORD}\n`),
      add(['--credentials-stdin'], `password=${LISTMONK_PASSWORD}\nusername=${LISTMONK_USER}\n`),
      add(['--credential', `username=${LISTMONK_USER}`], `${LISTMONK_PASSWORD}\n`),
      add([], `${LISTMONK_PASSWORD}\n`),
    ]);
    for (const run of [lines, pairs, mixed]) {
      createdConnection(run);
      expect(run.stderr).toContain('Checked: Listmonk accepted the credentials (200).\n');
    }
    expect(mixed.stderr).toMatch(/^keyward: warning: a credential given on the command line/);
    expect(short).toMatchObject({
      code: 2,
      stdout: '',
      stderr:
        'keyward: no API User and Token for Listmonk, and standard input has 1 line, not 2: pipe them in, one a line in this order: username, password (or name=value lines with --credentials-stdin)\n',
    });
  });

  it('refuses a token the provider refuses (1), saying what it answered, storing nothing and showing no secret', async () => {
    const wrong = providerSecret('wrong-s1-token', secrets);
    const [piped, flagged] = await Promise.all([
      addS1(['--name', 'never-stored'], wrong),
      world.admin.run([
        'connection',
        'add',
        'sentinelone',
        '--hostname',
        s1.hostname,
        '--name',
        'never-stored',
        '--token',
        wrong,
      ]),
    ]);
    const refusal =
      /^keyward: the provider did not pass the check \(400 CONNECTION_CHECK_FAILED\): SentinelOne did not accept the credentials: it answered 401; nothing was changed \[req_\w+\]\n$/;
    expect(piped).toMatchObject({ code: 1, stdout: '' });
    expect(piped.stderr).toMatch(refusal);
    expect(flagged).toMatchObject({ code: 1, stdout: '' });
    expect(flagged.stderr.startsWith(TOKEN_WARNING)).toBe(true);
    expect(flagged.stderr.slice(TOKEN_WARNING.length)).toMatch(refusal);
    const names = (
      await world.api('GET', `/v1/organizations/${world.org.id}/connections?limit=200`)
    ).items.map((c: { name: string }) => c.name);
    expect(names).not.toContain('never-stored');
    expect(printedSecrets([piped, flagged], [wrong])).toEqual([]);
  });

  it('refuses what it can tell is wrong before any request as usage errors (2), quoting no secret', async () => {
    const cmd = ['connection', 'add', 'sentinelone', '--org', 'acme'];
    const runs = await Promise.all([
      world.admin.run([...cmd, '--hostname', s1.hostname]),
      world.admin.run([...cmd, '--hostname', `https://${s1.hostname}`], { input: S1_TOKEN }),
      world.admin.run([...cmd], { input: S1_TOKEN }),
      world.admin.run([...cmd, '--hostname', s1.hostname, '--token', S1_TOKEN, '--token-stdin'], {
        input: S1_TOKEN,
      }),
      world.admin.run([...cmd, '--hostname', s1.hostname, '--credential', `${S1_TOKEN}=x`]),
      world.admin.run([...cmd, '--hostname', s1.hostname, '--config', `apiKey=${S1_TOKEN}`]),
    ]);
    const [noToken, scheme, noHost, both, badName, secretAsConfig] = runs;
    for (const run of runs) {
      expect(run.code, `${run.args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stdout).toBe('');
    }
    expect(noToken?.stderr).toBe(
      'keyward: no API Token for SentinelOne, and standard input is empty: pipe it in (or give --token), or run on a terminal to be asked\n',
    );
    expect(scheme?.stderr).toBe(
      'keyward: --hostname takes a host or host:port, without https:// or a path\n',
    );
    expect(noHost?.stderr).toBe('keyward: SentinelOne needs its Hostname: give --hostname <host>\n');
    expect(both?.stderr).toBe(`${TOKEN_WARNING}keyward: give one of --token and --token-stdin\n`);
    expect(badName?.stderr).toMatch(
      /keyward: SentinelOne has no secret field by the name given; its secret fields are: apiKey\n$/,
    );
    expect(secretAsConfig?.stderr).toBe(
      'keyward: apiKey is a secret field of SentinelOne: give it by the prompt, --token-stdin or --credentials-stdin, never --config\n',
    );
    expect(printedSecrets(runs, secrets)).toEqual([]);
  });

  it('is refused to a member (403), and an unknown provider is named (1)', async () => {
    const [member, unknown] = await Promise.all([
      alice.run(['connection', 'add', 'sentinelone', '--hostname', s1.hostname], { input: S1_TOKEN }),
      world.admin.run(['connection', 'add', 'no-such-provider'], { input: S1_TOKEN }),
    ]);
    expect(member).toMatchObject({ code: 1, stdout: '' });
    expect(member.stderr).toMatch(
      /^keyward: forbidden \(403 FORBIDDEN\): .+; use credentials that are allowed to do this \[req_\w+\]\n$/,
    );
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('no provider "no-such-provider" in the catalog');
  });
});

describe.concurrent('keyward connection list, info and check', () => {
  it(
    'lists and shows connections in each format, to a member too, never with a secret',
    SEQUENTIAL,
    async () => {
      const [id = '', soon = ''] = (
        await Promise.all([addS1(['--name', 'listed']), addS1(['--name', 'soon', '--expires', '7d'])])
      ).map(createdConnection);
      const [list, info, member, expiring] = await Promise.all([
        // Table and JSON apart: the other tests add connections meanwhile, so the two may differ.
        Promise.all([
          world.admin.ok(['connection', 'list', '--org', 'acme']),
          world.admin.json(['connection', 'list', '--org', 'acme']),
        ]).then(([table, json]) => ({ table, json })),
        world.admin.formats(['connection', 'info', id]),
        alice.json(['connection', 'info', id]),
        world.admin.ok(['connection', 'list', '--expiring']),
      ]);
      expect(expiring).toMatch(new RegExp(`^${soon}\\s+soon\\s.*\\S+Z \\(soon\\)$`, 'm'));
      expect(expiring).not.toContain(id);
      expect(list.table.split('\n')[0]).toMatch(
        /^ID\s+NAME\s+PROVIDER\s+CONFIG\s+LAST CHECK\s+CHECKED\s+EXPIRES$/,
      );
      expect(list.table).toMatch(
        new RegExp(
          `^${id}\\s+listed\\s+sentinelone\\s+hostname=${s1.hostname}\\s+passed \\(200\\)\\s+\\S+Z\\s+-$`,
          'm',
        ),
      );
      expect(list.json).toEqual(expect.arrayContaining([await stored(id)]));
      expect(info.json).toEqual(await stored(id));
      expect(member).toEqual(info.json);
      expect(info.table).toMatch(new RegExp(`^ID:\\s+${id}$`, 'm'));
      expect(info.table).toMatch(/^Provider:\s+SentinelOne \(sentinelone\)$/m);
      expect(info.table).toMatch(new RegExp(`^Hostname:\\s+${s1.hostname}$`, 'm'));
      expect(info.table).toMatch(/^Last check:\s+SentinelOne accepted the credentials \(200\), at \S+Z$/m);
      const [shape, unknown] = await Promise.all([
        world.admin.run(['connection', 'info', 'con_nope']),
        world.admin.run(['connection', 'info', `con_${'0'.repeat(22)}`]),
      ]);
      expect(shape).toMatchObject({
        code: 2,
        stderr: 'keyward: the connection id must be an id like con_ followed by 22 letters and digits\n',
      });
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toMatch(
        /^keyward: not found \(404 NOT_FOUND\): Connection not found \[req_\w+\]\n$/,
      );
    },
  );

  it(
    'checks again: exit 0 while the provider accepts the token, 1 once it is revoked there, 0 after an update',
    SEQUENTIAL,
    async () => {
      await ownSentinelOne('s1-revoked', secrets, async (revoking, token) => {
        const id = createdConnection(await addS1(['--name', 'revoked-later'], token, revoking.hostname));
        const passed = await world.admin.run(['connection', 'check', id]);
        expect(passed).toMatchObject({
          code: 0,
          stdout: 'SentinelOne accepted the credentials (200).\n',
          stderr: '',
        });

        const replacement = providerSecret('s1-replacement', secrets);
        revoking.accept(replacement);
        const [refused, json] = await Promise.all([
          world.admin.run(['connection', 'check', id]),
          world.admin.run(['connection', 'check', id, '--format', 'json']),
        ]);
        expect(refused).toMatchObject({
          code: 1,
          stdout: 'SentinelOne refused the credentials: it answered 401.\n',
          stderr: `keyward: ${id} does not work now; give it new credentials with "keyward connection update ${id}"\n`,
        });
        expect(json.code).toBe(1);
        expect(JSON.parse(json.stdout).lastCheck).toMatchObject({
          ok: false,
          outcome: 'refused',
          status: 401,
        });
        expect((await stored(id)).lastCheck).toMatchObject({ ok: false, status: 401 });

        // The provider's refusal quotes the token it was sent; none of it reaches the CLI.
        const updated = await world.admin.run(['connection', 'update', id], { input: `${replacement}\n` });
        expect(updated).toMatchObject({
          code: 0,
          stdout: `Updated ${id} ("revoked-later").\n`,
          stderr: CHECKED,
        });
        expect(await world.admin.run(['connection', 'check', id])).toMatchObject({ code: 0 });
      });
    },
  );

  it(
    'says when the provider cannot be reached (exit 1), and is refused to a member (403)',
    SEQUENTIAL,
    async () => {
      const token = providerSecret('s1-gone', secrets);
      const going = await fakeSentinelOne(token);
      const id = createdConnection(await addS1(['--name', 'gone'], token, going.hostname));
      await going.close();
      const [unreachable, member] = await Promise.all([
        world.admin.run(['connection', 'check', id]),
        alice.run(['connection', 'check', id]),
      ]);
      expect(unreachable).toMatchObject({ code: 1, stdout: 'SentinelOne could not be reached.\n' });
      expect(member.code).toBe(1);
      expect(member.stderr).toMatch(/^keyward: forbidden \(403 FORBIDDEN\)/);
    },
  );
});

describe.concurrent('keyward connection update', () => {
  it('renames and re-dates without credentials', SEQUENTIAL, async () => {
    const id = createdConnection(await addS1(['--name', 'old-name']));
    const run = await world.admin.run(['connection', 'update', id, '--name', 'new-name', '--expires', '90d']);
    expect(run).toMatchObject({ code: 0, stdout: `Updated ${id} ("new-name").\n`, stderr: '' });
    const after = await stored(id);
    expect(after.name).toBe('new-name');
    expect(Date.parse(after.expiresAt) - Date.now()).toBeGreaterThan(89 * 86_400_000);
    await world.admin.ok(['connection', 'update', id, '--expires', 'never']);
    expect((await stored(id)).expiresAt).toBeNull();
    const past = await world.admin.run(['connection', 'update', id, '--expires', '2001-01-01T00:00:00Z']);
    expect(past.code).toBe(2);
    expect(past.stderr).toContain('must be in the future');
  });

  it(
    'needs the credentials again for a new hostname, says why, and asks for them on a terminal',
    SEQUENTIAL,
    async () => {
      await ownSentinelOne('s1-moved', secrets, async (moved, token) => {
        const id = createdConnection(await addS1(['--name', 'moving']));
        const why =
          "the hostname changes, so SentinelOne's credentials must be given again: Keyward sends them only where SentinelOne has checked them";
        const refused = await world.admin.run(['connection', 'update', id, '--hostname', moved.hostname]);
        expect(refused).toMatchObject({
          code: 2,
          stdout: '',
          stderr: `keyward: ${why}, and standard input is empty: pipe it in (or give --token), or run on a terminal to be asked\n`,
        });
        expect((await stored(id)).config).toEqual({ hostname: s1.hostname });

        const prompted = await world.admin.pty(
          ['connection', 'update', id, '--hostname', moved.hostname],
          [['API Token:', token]],
        );
        expect(prompted.code, prompted.stdout).toBe(0);
        expect(prompted.stdout).toContain(`${why[0]?.toUpperCase()}${why.slice(1)}.`);
        expect(prompted.stdout).toContain(`Updated ${id} ("moving").`);
        expect(prompted.stdout).not.toContain(token);
        expect((await stored(id)).config).toEqual({ hostname: moved.hostname });

        // Back, with the token piped: the old one, which the first fake accepts.
        const piped = await world.admin.run(['connection', 'update', id, '--hostname', s1.hostname], {
          input: `${S1_TOKEN}\n`,
        });
        expect(piped).toMatchObject({ code: 0, stderr: CHECKED });
        expect((await stored(id)).config).toEqual({ hostname: s1.hostname });
      });
    },
  );

  it('keeps the old credential when the provider refuses the new one (1)', SEQUENTIAL, async () => {
    const id = createdConnection(await addS1(['--name', 'kept']));
    const wrong = providerSecret('wrong-update', secrets);
    const run = await world.admin.run(['connection', 'update', id, '--token-stdin'], { input: wrong });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^keyward: the provider did not pass the check \(400 CONNECTION_CHECK_FAILED\)/,
    );
    expect(await world.admin.run(['connection', 'check', id])).toMatchObject({ code: 0 });
    const nothing = await world.admin.run(['connection', 'update', id]);
    expect(nothing).toMatchObject({
      code: 2,
      stderr:
        'keyward: no change was named (--name, --hostname, --config, --expires), so update takes new credentials, and standard input is empty: pipe it in (or give --token), or run on a terminal to be asked\n',
    });
  });
});

describe.concurrent('keyward connection proxy', () => {
  it("sends a request with the connection's credential and prints the provider's status and body", async () => {
    const id = createdConnection(await addS1(['--name', 'proxied']));
    const body = join(world.admin.dir('proxy'), 'body.json');
    writeFileSync(body, '{"filter":{"ids":["1"]}}');
    const [get, fromFile, fromStdin] = await Promise.all([
      world.admin.run(['connection', 'proxy', id, 'GET', '/web/api/v2.1/agents?limit=2&q=a b']),
      world.admin.run([
        'connection',
        'proxy',
        id,
        'post',
        'web/api/v2.1/agents/actions/scan',
        '--data',
        `@${body}`,
      ]),
      world.admin.run(
        [
          'connection',
          'proxy',
          id,
          'PUT',
          '/web/api/v2.1/tags',
          '--data',
          '-',
          '-H',
          'content-type: text/plain',
        ],
        { input: 'plain body' },
      ),
    ]);
    for (const run of [get, fromFile, fromStdin])
      expect(run).toMatchObject({ code: 0, stderr: 'The provider answered 200.\n' });
    expect(JSON.parse(get.stdout)).toMatchObject({
      method: 'GET',
      path: '/web/api/v2.1/agents?limit=2&q=a+b',
      headers: { authorization: '(received)' },
    });
    expect(JSON.parse(fromFile.stdout)).toMatchObject({
      method: 'POST',
      path: '/web/api/v2.1/agents/actions/scan',
      headers: { 'content-type': 'application/json' },
      body: '{"filter":{"ids":["1"]}}',
    });
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({
      method: 'PUT',
      headers: { 'content-type': 'text/plain' },
      body: 'plain body',
    });
    const forwarded = s1.requests.filter((r) => r.path.startsWith('/web/api/v2.1/agents'));
    for (const request of forwarded) expect(request.headers.authorization).toBe(`ApiToken ${S1_TOKEN}`);
  });

  it(
    "exits 1 on the provider's refusal, and on Keyward's own; refuses what would leave the provider's path (2)",
    SEQUENTIAL,
    async () => {
      await ownSentinelOne('s1-proxy-revoked', secrets, async (revoking, token) => {
        const id = createdConnection(await addS1(['--name', 'proxy-refused'], token, revoking.hostname));
        revoking.accept(providerSecret('s1-proxy-next', secrets));
        const runs = await Promise.all([
          world.admin.run(['connection', 'proxy', id, 'GET', '/web/api/v2.1/agents']),
          world.admin.run(['connection', 'proxy', `con_${'0'.repeat(22)}`, 'GET', '/x']),
          world.admin.run(['connection', 'proxy', id, 'GET', '/web/../../v1/me']),
          world.admin.run(['connection', 'proxy', id, 'GET', '/x', '-H', 'Authorization: Bearer mine']),
          world.admin.run(['connection', 'proxy', id, 'TRACE', '/x']),
        ]);
        const [refused, unknown, climbing, authorization, method] = runs;
        expect(refused).toMatchObject({ code: 1, stdout: '', stderr: 'The provider answered 401.\n' });
        expect(unknown?.code).toBe(1);
        expect(unknown?.stderr).toMatch(
          /^keyward: not found \(404 NOT_FOUND\): Connection not found \[req_\w+\]\n$/,
        );
        expect(climbing).toMatchObject({
          code: 2,
          stderr:
            "keyward: the path may not hold . or .. segments or backslashes: it stays under the provider's base URL\n",
        });
        expect(authorization?.code).toBe(2);
        expect(authorization?.stderr).toContain('the authorization header cannot be given');
        expect(method).toMatchObject({
          code: 2,
          stderr: 'keyward: the method must be one of GET, POST, PUT, PATCH, DELETE\n',
        });
      });
    },
  );
});

describe.concurrent('keyward connection remove', () => {
  it('asks first on a terminal, needs --skip-confirm without one, and deletes', SEQUENTIAL, async () => {
    const id = createdConnection(await addS1(['--name', 'removed']));
    const question = `Delete the connection ${id} ("removed", sentinelone)? Its credentials are erased at once.`;
    const [declined, noTerminal, member] = await Promise.all([
      world.admin.pty(['connection', 'remove', id], [[question, 'n']]),
      world.admin.run(['connection', 'remove', id], { input: 'y\n' }),
      alice.run(['connection', 'remove', id, '--skip-confirm']),
    ]);
    expect(declined.code).toBe(1);
    expect(declined.stdout).toContain(`keyward: cancelled; ${id} is unchanged`);
    expect(noTerminal).toMatchObject({
      code: 2,
      stderr:
        'keyward: standard input is not a terminal, so there is no one to confirm; pass --skip-confirm\n',
    });
    expect(member.code).toBe(1);
    expect(member.stderr).toMatch(/^keyward: forbidden \(403 FORBIDDEN\)/);
    expect((await stored(id)).id).toBe(id);

    expect(await world.admin.run(['connection', 'remove', id, '--skip-confirm'])).toMatchObject({
      code: 0,
      stdout: 'Deleted\n',
    });
    const gone = await world.admin.run(['connection', 'info', id]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/\(404 NOT_FOUND\)/);
  });
});

// After the others: a rotation while connections are added would make the counts below move.
describe('keyward vault', () => {
  it(
    'shows and rotates the master key as a cluster admin; connections still work after',
    SEQUENTIAL,
    async () => {
      const id = createdConnection(await addS1(['--name', 'rotated']));
      const before = await world.admin.formats(['vault', 'status']);
      expect(before.json).toEqual(await world.api('GET', '/v1/vault'));
      expect(before.table).toMatch(/^Master keys from:\s+vault\.json in the data directory$/m);
      expect(before.table).toMatch(new RegExp(`^Active key:\\s+${before.json.active}$`, 'm'));
      expect(before.table).toMatch(new RegExp(`^${before.json.active}\\s+active\\s+\\d+$`, 'm'));

      const rotation = await world.admin.run(['vault', 'rotate']);
      expect(rotation.code, rotation.stderr).toBe(0);
      const added = /^Added:\s+(mk_\S+)$/m.exec(rotation.stdout)?.[1];
      expect(added).toBeDefined();
      expect(rotation.stdout).toMatch(new RegExp(`^Active key:\\s+${added}$`, 'm'));
      expect(rotation.stdout).toMatch(/^Rewrapped:\s+\d+ connections?$/m);
      expect(rotation.stdout).toMatch(/^Failed:\s+-$/m);
      const after = await world.admin.json(['vault', 'status']);
      expect(after.active).toBe(added);
      expect(after.keys).toEqual(
        expect.arrayContaining([expect.objectContaining({ id: before.json.active })]),
      );
      expect(await world.admin.run(['connection', 'check', id])).toMatchObject({ code: 0 });
      const proxied = await world.admin.run(['connection', 'proxy', id, 'GET', '/web/api/v2.1/agents']);
      expect(proxied.code).toBe(0);
    },
  );

  it('is refused to anyone but a cluster admin (403, exit 1)', async () => {
    const [status, rotate] = await Promise.all([
      alice.run(['vault', 'status']),
      alice.run(['vault', 'rotate']),
    ]);
    for (const run of [status, rotate])
      expect(run).toMatchObject({
        code: 1,
        stdout: '',
        stderr: expect.stringMatching(
          /^keyward: forbidden \(403 FORBIDDEN\): Only cluster admins manage the vault; use credentials that are allowed to do this \[req_\w+\]\n$/,
        ),
      });
  });
});

describe('keyward connection link, links and unlink', () => {
  it(
    'makes a link whose token, printed once, connects SentinelOne once; lists it used; ends another',
    SEQUENTIAL,
    async () => {
      const made = await world.admin.run([
        'connection',
        'link',
        'sentinelone',
        '--org',
        'acme',
        '--name',
        'Their EDR',
        '--expires',
        '2h',
      ]);
      expect(made.code, made.stderr).toBe(0);
      const [created, token] = made.stdout.trim().split('\n');
      expect(created).toMatch(/^Created: \/v1\/connect-sessions\/cns_\w{22}$/);
      expect(token).toMatch(/^kwc_\w{43}$/);
      expect(made.stderr).toContain('shown once');
      const id = created?.split('/').at(-1) ?? '';

      // The visitor: no Keyward credential, only the link's token.
      const visit = await fetch(`${world.server.url}/v1/connect/connections`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-connect-token': token ?? '' },
        body: JSON.stringify({
          provider: 'sentinelone',
          config: { hostname: s1.hostname },
          credentials: { apiKey: S1_TOKEN },
        }),
      });
      const connection = (await visit.json()) as { id: string; name: string };
      expect([visit.status, connection.name]).toEqual([201, 'Their EDR']);

      const listed = await world.admin.run(['connection', 'links', '--org', 'acme', '--format', 'json']);
      const mine = JSON.parse(listed.stdout).find((l: { id: string }) => l.id === id);
      expect(mine).toMatchObject({ status: 'used', connectionId: connection.id });
      expect(listed.stdout).not.toContain(token);

      const other = await world.admin.run([
        'connection',
        'link',
        'grafana',
        '--org',
        'acme',
        '--format',
        'json',
      ]);
      const second = JSON.parse(other.stdout);
      const ended = await world.admin.run(['connection', 'unlink', second.id, '--skip-confirm']);
      expect([ended.code, ended.stdout]).toEqual([0, 'Deleted\n']);
      const refused = await alice.run(['connection', 'link', 'sentinelone', '--org', 'acme']);
      expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining('403 FORBIDDEN')]);
    },
  );
});

describe('what this file printed and logged', () => {
  it('showed no provider secret anywhere: stdout, stderr or a terminal', () => {
    const runs = [...world.admin.transcript, ...alice.transcript];
    expect(runs.length).toBeGreaterThan(30);
    expect(secrets.size).toBeGreaterThan(8);
    expect(printedSecrets(runs, secrets)).toEqual([]);
  });

  it("left none in the server's log either, although the fakes' refusals quote what they were sent", () => {
    const log = `${world.server.log()}${world.server.stderr()}`;
    expect(log).toMatch(/"url":"\/v1\/organizations\/:orgId\/connections","status":400/);
    expect([...secrets].filter((secret) => log.includes(secret))).toEqual([]);
  });
});
