import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { Command } from 'commander';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { generateKey } from '../../src/keys/format.js';
import { rememberSecret } from '../support/secrets.js';
import { startServe, tempDir } from '../support/server.js';
import { Cli, type Run } from './support/cli.js';
import { worldForFile } from './support/world.js';

let memberKey: string;
let revokedKey: string;
const world = worldForFile();
beforeAll(async () => {
  const create = async () => {
    const answer = await world.api('POST', `/v1/organizations/${world.org.id}/apikeys`, {
      name: 'errors',
      role: 'member',
      ownerId: world.alice.id,
    });
    rememberSecret(answer.apiKey);
    return answer;
  };
  memberKey = (await create()).apiKey;
  const revoked = await create();
  await world.api('DELETE', `/v1/apikeys/${revoked.id}`);
  revokedKey = revoked.apiKey;
});

/** One line on stderr, no stack trace, nothing on stdout. */
function oneLine(run: Run, code: number, pattern: RegExp): void {
  expect(run.code, run.stderr).toBe(code);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(pattern);
  expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe.concurrent('errors a person can act on, each on one line of stderr', () => {
  it('401, 403, 404 and 400 name what happened, with the request id', async () => {
    const cli = new Cli({ KEYWARD_URL: world.server.url });
    const [unauthorized, forbidden, notFound, invalid] = await Promise.all([
      cli.run(['whoami'], { env: { KEYWARD_API_KEY: revokedKey } }),
      cli.run(['user', 'list'], { env: { KEYWARD_API_KEY: memberKey } }),
      cli.run(['api-key', 'info', `key_${'1'.repeat(22)}`], { env: { KEYWARD_API_KEY: memberKey } }),
      world.admin.run(['org', 'create', 'Bad', '--prefix', 'NO!']),
    ]);
    oneLine(
      unauthorized as Run,
      1,
      /^keyward: not authenticated \(401 UNAUTHORIZED\): The API key has been revoked; log in again with "keyward login", or check KEYWARD_API_KEY \[req_\w+\]\n$/,
    );
    oneLine(
      forbidden as Run,
      1,
      /^keyward: forbidden \(403 FORBIDDEN\): .+; use credentials that are allowed to do this \[req_\w+\]\n$/,
    );
    oneLine(notFound as Run, 1, /^keyward: not found \(404 NOT_FOUND\): API key not found \[req_\w+\]\n$/);
    oneLine(
      invalid as Run,
      1,
      /^keyward: the server refused the request \(400 INVALID_REQUEST\): body\.keyPrefix: .+ \[req_\w+\]\n$/,
    );
    expect(unauthorized?.stderr).not.toContain(revokedKey);
  });

  it('a server that cannot be reached, or is not Keyward, is named with its URL', async () => {
    const notKeyward: Server = createServer((_, response) => response.end('<html>hello</html>'));
    await new Promise<void>((resolve) => notKeyward.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(notKeyward.address() as { port: number }).port}`;
    const cli = new Cli({ KEYWARD_API_KEY: memberKey });
    const answered = await cli.run(['org', 'list', '--url', url]);
    await new Promise<void>((resolve) => notKeyward.close(() => resolve()));
    const silent = await cli.run(['org', 'list', '--url', url]);
    oneLine(
      answered,
      1,
      new RegExp(`^keyward: ${url} answered 200, but not as Keyward answers; is it a Keyward server\\?\\n$`),
    );
    oneLine(
      silent,
      1,
      new RegExp(
        `^keyward: cannot reach ${url}: nothing answered \\(connection refused\\)\\. Is "keyward serve" running there\\?`,
      ),
    );
    oneLine(
      await cli.run(['org', 'list', '--url', 'ftp://example']),
      2,
      /^keyward: the server URL must be http:\/\/ or https:\/\//,
    );
    oneLine(await new Cli().run(['org', 'list']), 2, /^keyward: no server: pass --url, set KEYWARD_URL/);
  });

  it('a file that cannot be read is a usage error that names it, with why, not a Node error code', async () => {
    const missing = join(tempDir(), 'no-such-export.jsonl');
    oneLine(
      await world.admin.run(['audit', 'verify', '--file', missing]),
      2,
      new RegExp(`^keyward: ${missing.replaceAll('.', '\\.')}: there is no such file\n$`),
    );
    oneLine(await world.admin.run(['audit', 'verify', '--file', tempDir()]), 2, /: it is a directory\n$/);
  });

  it('a value the server would refuse is a usage error (exit 2) in the units it was given in', async () => {
    const key = `key_${'1'.repeat(22)}`;
    const grant = (...flags: string[]) =>
      world.admin.run(['api-key', 'grant', 'alice', '--org', 'acme', ...flags]);
    const [ttl, grace, empty, spaced, bad] = await Promise.all([
      grant('--ttl', '99999w'),
      world.admin.run(['api-key', 'rotate', key, '--grace', '31d']),
      grant('--scope', ''),
      grant('--scope', 'apikeys:read, '),
      grant('--scope', 'Apikeys read'),
    ]);
    const usage = (run: Run | undefined, message: string) => {
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run?.stderr).toBe(`error: ${message}\n(add --help for usage)\n`);
    };
    usage(ttl, "option '--ttl <duration>' argument '99999w' is invalid. must be at most 3650d");
    usage(grace, "option '--grace <duration>' argument '31d' is invalid. must be at most 30d");
    const scope = (value: string, why: string) =>
      `option '--scope <permission>' argument '${value}' is invalid. ${why}`;
    const isEmpty = 'a scope is a permission, such as apikeys:read; it is empty';
    usage(empty, scope('', isEmpty));
    usage(spaced, scope('apikeys:read, ', isEmpty));
    usage(
      bad,
      scope('Apikeys read', 'Apikeys read is not a permission: give resource:action (apikeys:read) or *'),
    );
    // Spaces around a scope are not part of it.
    const trimmed = await world.admin.json([
      'api-key',
      'grant',
      'alice',
      '--org',
      'acme',
      '--scope',
      ' apikeys:read ',
    ]);
    rememberSecret(trimmed.apiKey);
    expect(trimmed.scopes).toEqual(['apikeys:read']);
  });

  it('429 says when to retry, from Retry-After', async () => {
    const strict = await startServe(join(tempDir(), 'data'), {
      env: { KEYWARD_AUTH_FAILURES_PER_MINUTE: '1' },
    });
    const unknown = generateKey('kw');
    rememberSecret(unknown);
    const cli = new Cli({ KEYWARD_URL: strict.url, KEYWARD_API_KEY: unknown });
    const first = await cli.run(['whoami']);
    expect(first.stderr).toMatch(/^keyward: not authenticated \(401/);
    const second = await cli.run(['whoami']);
    oneLine(
      second,
      1,
      /^keyward: rate limited \(429 RATE_LIMITED\): Too many failed authentications from this address; retry in \d+ s \[req_\w+\]\n$/,
    );
  });
});

describe.concurrent('usage errors exit 2; help and version exit 0', () => {
  it('unknown commands and options, missing arguments, bad choices: in every group', async () => {
    const cli = world.admin;
    const runs = await Promise.all([
      cli.run([]),
      cli.run(['nope']),
      cli.run(['api-key']),
      cli.run(['api-key', 'list', '--bogus']),
      cli.run(['serve', '--bogus']),
      cli.run(['user', 'info']),
      cli.run(['org', 'list', '--format', 'xml']),
      cli.run(['audit', 'list', '--limit', '0']),
    ]);
    for (const run of runs) {
      expect(run.code, `keyward ${run.args.join(' ')}: ${run.stderr}`).toBe(2);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    expect(runs[1]?.stderr).toMatch(/^error: unknown command 'nope'\n\(add --help for usage\)\n$/);
    expect(runs[3]?.stderr).toMatch(/^error: unknown option '--bogus'\n/);
    expect(runs[6]?.stderr).toContain(
      "argument 'xml' is invalid. Allowed choices are table, wide, json, yaml.",
    );
    const version = await cli.run(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: '0.1.0\n' });
  });

  it('every command has --help: each renders it, and a sample prints it from the real binary', async () => {
    const paths: string[][] = [];
    const walk = (command: Command, path: string[]) => {
      for (const sub of command.commands) {
        paths.push([...path, sub.name()]);
        expect(sub.helpInformation()).toContain(`Usage: keyward ${[...path, sub.name()].join(' ')}`);
        walk(sub, [...path, sub.name()]);
      }
    };
    walk(buildProgram(), []);
    expect(paths.length).toBeGreaterThan(30);
    // One leaf of each group, and each group itself: the wiring from the bin to commander's help.
    const sample = paths.filter((path, i) => path.length === 1 || paths[i - 1]?.length !== path.length);
    const cli = new Cli();
    const runs = await Promise.all(sample.map((path) => cli.run([...path, '--help'])));
    for (const run of runs) {
      expect(run.code, run.args.join(' ')).toBe(0);
      expect(run.stdout).toContain(`Usage: keyward ${run.args.slice(0, -1).join(' ')}`);
    }
  });
});
