import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, type Serve, startServe, tempDir } from '../support/server.js';

// Issue 20: `npm install @keyward/client` pulls in nothing of the server. The package is packed as npm
// would publish it, installed from the tarball alone into an empty directory, and used there by a plain
// Node program and a strict TypeScript one (test/package/consumer), each against a real `keyward serve`.

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const PACKAGE = join(ROOT, 'packages', 'client');
const CONSUMER = join(import.meta.dirname, 'consumer');
/** The repository's compiler: it compiles the consumer, and is no dependency of it. */
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const PASSWORD = 'client-pack-admin-password';

/** The environment without npm's own variables, which `npm test` sets and would steer the npm run here. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

/** Runs a command and answers its stdout; a failure carries its stderr. */
async function sh(file: string, args: string[], cwd: string): Promise<string> {
  try {
    return (await run(file, args, { cwd, env: cleanEnv(), maxBuffer: 16 << 20 })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${file} ${args.join(' ')} failed in ${cwd}:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

/** The one JSON line a consumer program prints, with the secrets it shows remembered for the log scan. */
function report(stdout: string): any {
  const printed = JSON.parse(stdout);
  rememberSecret(printed.key?.apiKey);
  return printed;
}

describe('@keyward/client, packed and installed on its own', () => {
  let server: Serve;
  let consumer: string;
  let files: string[];

  beforeAll(async () => {
    if (!existsSync(join(PACKAGE, 'dist', 'index.js')) || !existsSync(join(PACKAGE, 'dist', 'index.d.ts')))
      throw new Error('packages/client/dist is missing: run `npm run build` first');
    rememberSecret(PASSWORD);
    server = await startServe(join(tempDir(), 'data'), { env: { KEYWARD_ADMIN_PASSWORD: PASSWORD } });

    const packed = mkdtempSync(join(tmpdir(), 'keyward-pack-'));
    consumer = mkdtempSync(join(tmpdir(), 'keyward-consumer-'));
    const [tarball] = JSON.parse(
      await sh('npm', ['pack', '--json', '--pack-destination', packed], PACKAGE),
    ) as { filename: string; files: { path: string }[] }[];
    if (!tarball) throw new Error('npm pack made no tarball');
    files = tarball.files.map((file) => file.path);
    cpSync(CONSUMER, consumer, { recursive: true });
    // --offline: the tarball must need nothing from a registry.
    await sh(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', join(packed, tarball.filename)],
      consumer,
    );
    rmSync(packed, { recursive: true, force: true });
    // A server's start, a pack and an install, one after the other: on a loaded 2-CPU machine a start
    // alone has taken 15 s. The limit only stops a hang.
  }, 180_000);

  afterAll(async () => {
    await cleanupServe();
    if (consumer) rmSync(consumer, { recursive: true, force: true });
  });

  it('packs the build, its types and the README, and no source', () => {
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts']),
    );
    expect(files.filter((path) => !/^dist\/|^package\.json$|^README\.md$/.test(path))).toEqual([]);
  });

  it('installs alone: node_modules holds @keyward/client and nothing else', () => {
    const installed = readdirSync(join(consumer, 'node_modules')).filter((name) => !name.startsWith('.'));
    expect(installed).toEqual(['@keyward']);
    expect(readdirSync(join(consumer, 'node_modules', '@keyward'))).toEqual(['client']);
    const manifest = JSON.parse(
      readFileSync(join(consumer, 'node_modules', '@keyward', 'client', 'package.json'), 'utf8'),
    );
    expect(manifest.dependencies).toBeUndefined();
  });

  it('works from plain Node: signs in, makes an organization, a service user and a key, and acts as the key', async () => {
    const printed = report(
      await sh(process.execPath, ['plain.mjs', server.url, PASSWORD, 'Plain Node'], consumer),
    );
    expect(printed.org).toMatchObject({ id: expect.stringMatching(/^org_/), name: 'Plain Node' });
    expect(printed.key).toMatchObject({ id: expect.stringMatching(/^key_/), ownerId: printed.service.id });
    expect(printed.me).toMatchObject({
      id: printed.service.id,
      kind: 'service',
      keyId: printed.key.id,
      organizationId: printed.org.id,
      role: 'member',
    });
    expect(printed.refused).toEqual({
      status: 401,
      code: 'UNAUTHORIZED',
      requestId: expect.stringMatching(/^req_/),
    });
    // The server agrees: the organization is there.
    const token = await server.signIn('admin', PASSWORD);
    const answer = await server.request('GET', `/v1/organizations/${printed.org.id}`, {
      auth: { bearer: token },
    });
    expect(answer.status).toBe(200);
  });

  it('compiles from strict TypeScript with no @types, refuses a wrong field, and runs', {
    timeout: 120_000,
  }, async () => {
    await sh(TSC, ['-p', 'tsconfig.json'], consumer);
    const printed = report(
      await sh(process.execPath, ['out/typed.js', server.url, PASSWORD, 'Typed Script'], consumer),
    );
    expect(printed.org).toMatchObject({ name: 'Typed Script', keyPrefix: expect.any(String) });
    expect(printed.wrong).toBeNull();
    expect(printed.me).toMatchObject({
      kind: 'service',
      keyId: printed.key.id,
      organizationId: printed.org.id,
    });
    expect(printed.listed).toEqual([printed.key.id]);
    expect(printed.afterRevoke).toEqual({ status: 401, code: 'UNAUTHORIZED' });
  });
});
