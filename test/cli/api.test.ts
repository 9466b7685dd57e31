import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { Cli } from './support/cli.js';
import { ALICE_PASSWORD, worldForFile } from './support/world.js';

const world = worldForFile();

const NO_KEY = 'key_0000000000000000000000';

describe.concurrent('keyward api', () => {
  it('GETs /v1/me with the stored login, any case of method, with or without the leading /, and prints the JSON indented', async () => {
    const [upper, lower, bare] = await Promise.all([
      world.admin.run(['api', 'GET', '/v1/me']),
      world.admin.run(['api', 'get', '/v1/me']),
      world.admin.run(['api', 'GET', 'v1/me']),
    ]);
    expect(upper).toMatchObject({ code: 0, stderr: '' });
    expect(upper.stdout).toMatch(/^\{\n {2}"id": "usr_\w{22}",\n/);
    expect(JSON.parse(upper.stdout)).toMatchObject({ kind: 'user', name: 'admin', clusterAdmin: true });
    expect(lower.stdout).toBe(upper.stdout);
    expect(bare.stdout).toBe(upper.stdout);
  });

  it('uses KEYWARD_API_KEY as other commands do', async () => {
    const { apiKey, id } = await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
      name: 'api-command',
      role: 'member',
      ownerId: world.alice.id,
    });
    rememberSecret(apiKey);
    const visitor = new Cli();
    const run = await visitor.run(['api', 'GET', '/v1/me'], {
      env: { KEYWARD_API_KEY: apiKey, KEYWARD_URL: world.server.url },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ name: 'alice', keyId: id, role: 'member' });
    expect(run.stdout + run.stderr).not.toContain(apiKey);
  });

  it('POSTs fields as a JSON body: strings, typed values and arrays', async () => {
    const org = JSON.parse(
      await world.admin.ok(['api', 'POST', '/v1/organizations', '-f', 'name=Gadgets', '-f', 'keyPrefix=gad']),
    );
    expect(org).toMatchObject({ id: expect.stringMatching(/^org_/), name: 'Gadgets', keyPrefix: 'gad' });
    expect(await world.api('GET', `/v1/organizations/${org.id}`)).toMatchObject({ name: 'Gadgets' });

    const created = JSON.parse(
      await world.admin.ok([
        'api',
        'POST',
        `/v1/organizations/${org.id}/apikeys`,
        '-f',
        'name=ci',
        '-f',
        'role=member',
        '-f',
        'scopes[]=apikeys:read',
        '-f',
        'scopes[]=audit:read',
        '-F',
        'ttl=3600',
        '-F',
        'meta[team]=platform',
        '-F',
        'meta[shards]=3',
      ]),
    );
    const key = await world.api('GET', `/v1/apikeys/${created.id}`);
    expect(key).toMatchObject({
      name: 'ci',
      role: 'member',
      scopes: ['apikeys:read', 'audit:read'],
      meta: { team: 'platform', shards: 3 },
    });
    expect(Date.parse(key.expiresAt) - Date.now()).toBeGreaterThan(3500_000);
    expect(Date.parse(key.expiresAt) - Date.now()).toBeLessThanOrEqual(3600_000);
  });

  it('sends a body from standard input or a file, as it is', async () => {
    const org = await world.api('POST', '/v1/organizations', { name: 'Stdin', keyPrefix: 'stdin' });
    const renamed = await world.admin.run(['api', 'PATCH', `/v1/organizations/${org.id}`, '--input', '-'], {
      input: '{"name": "From stdin"}',
    });
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(JSON.parse(renamed.stdout)).toMatchObject({ id: org.id, name: 'From stdin' });
    const file = join(world.admin.dir('api-input'), 'rename.json');
    writeFileSync(file, '{"name": "From a file"}');
    await world.admin.ok(['api', 'PATCH', `/v1/organizations/${org.id}`, '--input', file]);
    expect(await world.api('GET', `/v1/organizations/${org.id}`)).toMatchObject({ name: 'From a file' });
  });

  it('puts the fields of a GET in its query, and follows the cursor with --paginate', async () => {
    // Acme's creation and this one: two entries, so that a page of one has a next.
    await world.api('POST', '/v1/organizations', { name: 'Audited', keyPrefix: 'audited' });
    const audit = JSON.parse(
      await world.admin.ok(['api', 'GET', '/v1/audit', '-f', 'action=organization.created', '-F', 'limit=1']),
    );
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0].action).toBe('organization.created');
    expect(audit.nextCursor).toEqual(expect.any(String));

    const users = (await world.api('GET', '/v1/users')).items.map((u: { id: string }) => u.id);
    const paged = JSON.parse(await world.admin.ok(['api', 'GET', '/v1/users?limit=1', '--paginate']));
    expect(users.length).toBeGreaterThan(1);
    expect(paged.map((u: { id: string }) => u.id)).toEqual(users);
  });

  it('prints the status line and headers with --include, and never the credentials', async () => {
    const run = await world.admin.run(['api', 'GET', '/v1/me', '--include']);
    expect(run.code).toBe(0);
    const [head = '', body = ''] = run.stdout.split('\n\n');
    expect(head).toMatch(/^HTTP\/1\.1 200 OK\n/);
    expect(head).toMatch(/^content-type: application\/json/m);
    expect(head).toMatch(/^x-request-id: req_\w+$/m);
    expect(head.toLowerCase()).not.toContain('authorization');
    expect(JSON.parse(body)).toMatchObject({ name: 'admin' });
    const secret = world.admin.storedSecret() ?? {};
    for (const value of Object.values(secret)) expect(run.stdout).not.toContain(value);
  });

  it('exits 1 on a 404, with the error body on stdout and one line on stderr', async () => {
    const [missing, noRoute] = await Promise.all([
      world.admin.run(['api', 'GET', `/v1/apikeys/${NO_KEY}`]),
      world.admin.run(['api', 'DELETE', '/v1/nowhere']),
    ]);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toMatchObject({
      success: false,
      error: { code: 'NOT_FOUND', requestId: expect.stringMatching(/^req_/) },
    });
    expect(missing.stderr).toMatch(/^keyward: not found \(404 NOT_FOUND\): API key not found \[req_\w+\]\n$/);
    expect(noRoute.code).toBe(1);
    expect(JSON.parse(noRoute.stdout).error.code).toBe('NOT_FOUND');
    expect(noRoute.stderr).toMatch(/^keyward: not found \(404 NOT_FOUND\): .* \[req_\w+\]\n$/);
  });

  it('exits 1 on a 403 for a member, and 401 without valid credentials', async () => {
    const alice = new Cli();
    await alice.ok(['login', '--url', world.server.url, '--username', 'alice'], { input: ALICE_PASSWORD });
    alice.storedSecret();
    const forbidden = await alice.run(['api', 'GET', '/v1/users']);
    expect(forbidden.code).toBe(1);
    expect(JSON.parse(forbidden.stdout).error.code).toBe('FORBIDDEN');
    expect(forbidden.stderr).toMatch(/^keyward: forbidden \(403 FORBIDDEN\): .*\[req_\w+\]\n$/);

    const revoked = await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
      name: 'gone',
      role: 'member',
      ownerId: world.alice.id,
    });
    rememberSecret(revoked.apiKey);
    await world.api('DELETE', `/v1/apikeys/${revoked.id}`);
    const refused = await new Cli().run(['api', 'GET', '/v1/me'], {
      env: { KEYWARD_API_KEY: revoked.apiKey, KEYWARD_URL: world.server.url },
    });
    expect(refused.code).toBe(1);
    expect(JSON.parse(refused.stdout).error.code).toBe('UNAUTHORIZED');
    expect(refused.stderr).toMatch(/^keyward: not authenticated \(401 UNAUTHORIZED\)/);
  });

  it('refuses bad methods, paths, headers and bodies as usage errors (2), sending nothing', async () => {
    const cases: [string[], string][] = [
      [['api', 'FETCH', '/v1/me'], "error: command-argument value 'FETCH' is invalid for argument 'method'"],
      [
        ['api', 'GET', 'http://elsewhere.invalid/v1/me'],
        'keyward: give a path, as in /v1/me, not a URL: keyward sends it to the server you use\n',
      ],
      [
        ['api', 'GET', '/v1/me', '-H', 'Authorization: Key x'],
        'keyward: the authorization header cannot be given: keyward sends your credentials itself\n',
      ],
      [
        ['api', 'GET', '/v1/me', '--input', '-'],
        'keyward: a GET request has no body: give fields, which go into its query\n',
      ],
      [
        ['api', 'POST', '/v1/organizations', '--input', '-', '-f', 'name=x'],
        'keyward: give the body with --input or with fields, not both\n',
      ],
      [
        ['api', 'POST', '/v1/organizations', '-f', 'name'],
        'keyward: a field is key=value: name has no key or no =\n',
      ],
      [
        ['api', 'POST', '/v1/organizations', '-f', 'a=1', '-f', 'a[b]=2'],
        'keyward: the field a is given both as a value and as an object\n',
      ],
      [
        ['api', 'POST', '/v1/organizations', '-F', 'name=@/nonexistent'],
        'keyward: /nonexistent: there is no such file\n',
      ],
      [['api', 'POST', '/v1/users', '--paginate'], 'keyward: --paginate follows GET lists only\n'],
      [
        ['api', 'GET', '/v1/users', '--paginate', '-i'],
        'keyward: --include shows one answer: it does not go with --paginate\n',
      ],
    ];
    const runs = await Promise.all(cases.map(([args]) => world.admin.run(args)));
    for (const [i, run] of runs.entries()) {
      expect(run.code, run.args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr.startsWith(cases[i]?.[1] ?? '?'), run.stderr).toBe(true);
    }
    expect(
      (await world.api('GET', '/v1/organizations')).items.map((o: { name: string }) => o.name),
    ).not.toContain('x');
  });
});
