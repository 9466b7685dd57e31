import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, startServe, tempDir } from '../support/server.js';

const GENERATED = /^Created cluster admin "admin" with password: (\S+)$/m;

afterEach(cleanupServe);

const mode = (path: string) => statSync(path).mode & 0o777;
const CHOSEN = { KEYWARD_ADMIN_PASSWORD: 'first-start-password' };
rememberSecret(CHOSEN.KEYWARD_ADMIN_PASSWORD);

describe('the first start', () => {
  it('prints a generated admin password once, and that password signs in', async () => {
    const dataDir = join(tempDir(), 'data');
    const first = await startServe(dataDir);
    const password = GENERATED.exec(first.stderr())?.[1] ?? '';
    // The log scan (test/logs/no-secrets.test.ts) skips exactly this banner line, which shows the
    // password on purpose; the password is recorded (by signIn) so that it must appear nowhere else.
    expect(password).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(first.stderr()).toContain(
      `This password is shown once. Sign in with: curl -X POST -u admin ${first.url}/v1/auth/token`,
    );
    const token = await first.signIn('admin', password);
    const me = await first.request('GET', '/v1/me', { auth: { bearer: token } });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'user', name: 'admin', clusterAdmin: true });
    expect((await first.stop()).code).toBe(0);

    const second = await startServe(dataDir);
    expect(second.stderr()).toMatch(/^Keyward listening on /);
    expect(second.stderr()).not.toContain('password');
    expect(second.stderr()).not.toContain('Created cluster admin');
    expect(await second.signIn('admin', password)).toMatch(/^eyJ/);
    const wrong = await second.request('POST', '/v1/auth/token', {
      auth: { basic: ['admin', 'not-the-pass'] },
    });
    expect(wrong.status).toBe(401);
    expect((await second.stop()).code).toBe(0);
  }, 60_000);

  it('creates the data directory 0700 and secrets.json 0600', async () => {
    const dataDir = join(tempDir(), 'nested', 'data');
    const server = await startServe(dataDir, { env: CHOSEN });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'secrets.json'))).toBe(0o600);
    expect(statSync(join(dataDir, 'keyward.db')).isFile()).toBe(true);
    expect((await server.stop()).code).toBe(0);
  }, 60_000);

  it('tightens a data directory that already exists with loose permissions', async () => {
    const dataDir = join(tempDir(), 'data');
    mkdirSync(dataDir);
    chmodSync(dataDir, 0o755);
    const server = await startServe(dataDir, { env: CHOSEN });
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(join(dataDir, 'secrets.json'))).toBe(0o600);
    expect((await server.stop()).code).toBe(0);
  }, 60_000);
});
