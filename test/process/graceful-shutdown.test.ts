import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { rememberSecret, rememberSecretsIn } from '../support/secrets.js';
import { BIN, cleanupServe, refusedWithin, type Serve, startServe, tempDir } from '../support/server.js';

// Only the shutdown flush can write `lastUsedAt` within a test: the periodic one is a minute away.
const env = { KEYWARD_ADMIN_PASSWORD: 'shutdown-admin-password', KEYWARD_FLUSH_INTERVAL_MS: '60000' };
rememberSecret(env.KEYWARD_ADMIN_PASSWORD);

afterEach(cleanupServe);

async function withKey(server: Serve) {
  const admin = { bearer: await server.signIn('admin', env.KEYWARD_ADMIN_PASSWORD) };
  const org = await server.request('POST', '/v1/organizations', {
    auth: admin,
    body: { name: 'Shutdown', keyPrefix: 'down' },
  });
  const key = await server.request('POST', `/v1/organizations/${org.body.id}/apikeys`, {
    auth: admin,
    body: { name: 'used', role: 'member' },
  });
  expect(key.status).toBe(201);
  return {
    admin,
    orgId: org.body.id as string,
    keyId: key.body.id as string,
    secret: key.body.apiKey as string,
  };
}

/**
 * A POST whose last byte is held back, so that it is in flight when SIGTERM arrives; `finish` sends
 * that byte, after checking that nothing was answered meanwhile, and resolves with the answer.
 */
async function holdBack(server: Serve, path: string, authorization: string, json: object) {
  const body = JSON.stringify(json);
  const inFlight = httpRequest(`${server.url}${path}`, {
    method: 'POST',
    agent: false,
    headers: { authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  });
  let answered = false;
  const response = new Promise<{ status: number; body: any }>((resolve, reject) => {
    inFlight.once('error', reject);
    inFlight.once('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.once('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
  });
  await new Promise<void>((resolve) => inFlight.write(body.slice(0, -1), () => resolve()));
  // The server has read the held-back request's headers once it answers a request sent after them.
  expect((await server.request('GET', '/healthz')).status).toBe(200);
  return {
    finish() {
      expect(answered).toBe(false);
      inFlight.end(body.slice(-1));
      return response;
    },
  };
}

describe('graceful shutdown (PRODUCT.md §11)', () => {
  it('flushes the write-behind lastUsedAt on SIGTERM and exits 0', async () => {
    const dataDir = join(tempDir(), 'data');
    const server = await startServe(dataDir, { env });
    const { admin, keyId, secret } = await withKey(server);
    const usedFrom = new Date().toISOString();
    expect((await server.request('GET', '/v1/me', { auth: { key: secret } })).status).toBe(200);
    const verified = await server.request('POST', '/v1/keys/verify', { auth: admin, body: { key: secret } });
    expect(verified.body.code).toBe('VALID');
    const usedTo = new Date().toISOString();
    // Written behind: nothing has reached the store yet.
    const early = await server.request('GET', `/v1/apikeys/${keyId}`, { auth: admin });
    expect(early.body.lastUsedAt).toBeNull();

    expect(await server.stop()).toEqual({ code: 0, signal: null });
    expect(server.logLines()).toContainEqual(
      expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }),
    );

    const restarted = await startServe(dataDir, { env });
    const after = await restarted.request('GET', `/v1/apikeys/${keyId}`, { auth: admin });
    expect(after.status).toBe(200);
    expect(after.body.lastUsedAt >= usedFrom && after.body.lastUsedAt <= usedTo).toBe(true);
    expect((await restarted.stop()).code).toBe(0);
  }, 60_000);

  it('stops accepting connections, finishes the request in flight, and keeps its write', async () => {
    const dataDir = join(tempDir(), 'data');
    const server = await startServe(dataDir, { env });
    const { admin, orgId } = await withKey(server);

    // A key creation whose body is held back, so that it is still in flight when SIGTERM arrives.
    const held = await holdBack(server, `/v1/organizations/${orgId}/apikeys`, `Bearer ${admin.bearer}`, {
      name: 'in-flight',
      role: 'member',
    });
    const exit = server.stop();
    await refusedWithin(server.port, 10_000);
    const created = await held.finish();
    rememberSecretsIn(created.body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ success: true, name: 'in-flight' });
    expect(await exit).toEqual({ code: 0, signal: null });

    const restarted = await startServe(dataDir, { env });
    const kept = await restarted.request('GET', `/v1/apikeys/${created.body.id}`, { auth: admin });
    expect(kept.body).toMatchObject({ id: created.body.id, name: 'in-flight', revokedAt: null });
    const verified = await restarted.request('POST', '/v1/keys/verify', {
      auth: admin,
      body: { key: created.body.apiKey },
    });
    expect(verified.body.code).toBe('VALID');
    expect((await restarted.stop()).code).toBe(0);
  }, 60_000);

  it('finishes a verification the hot path had begun to read, and logs no error', async () => {
    const server = await startServe(join(tempDir(), 'data'), { env });
    const { admin, orgId, secret } = await withKey(server);
    // A service's key that may verify: the hot path answers its verifications from memory.
    const verifier = await server.request('POST', `/v1/organizations/${orgId}/apikeys`, {
      auth: admin,
      body: { name: 'verifier', role: 'admin' },
    });
    rememberSecretsIn(verifier.body);
    const caller = `Key ${verifier.body.apiKey}`;
    const warm = await server.request('POST', '/v1/keys/verify', {
      auth: { key: verifier.body.apiKey },
      body: { key: secret },
    });
    expect(warm.body.code).toBe('VALID');

    const held = await holdBack(server, '/v1/keys/verify', caller, { key: secret });
    const exit = server.stop();
    await refusedWithin(server.port, 10_000);
    const verified = await held.finish();
    expect(verified).toMatchObject({ status: 200, body: { valid: true, code: 'VALID' } });
    expect(await exit).toEqual({ code: 0, signal: null });
    expect(server.logLines().filter((line) => (line.level as number) >= 50)).toEqual([]);
  }, 60_000);

  it('stops, once started, on a SIGTERM that arrives while it starts, and exits 0', async () => {
    // Sent at the first line a new data directory logs, well before the port opens. A process whose
    // handler went in only after start-up was killed outright by it: a supervisor that stops a server
    // as its banner appears could do the same.
    const dataDir = join(tempDir(), 'data');
    const logFile = join(tempDir(), 'serve.log');
    const out = openSync(logFile, 'w+');
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--data-dir', dataDir], {
      env: { ...process.env, ...env, KEYWARD_LOG_LEVEL: 'info' },
      stdio: ['ignore', out, 'ignore'],
    });
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    const deadline = Date.now() + 30_000;
    while (!readFileSync(logFile, 'utf8').includes('created the vault keyring')) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(readFileSync(logFile, 'utf8'));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    closeSync(out);
    const lines = readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('{'));
    expect(lines.map((line) => JSON.parse(line).msg)).toContain('shutting down');
    // What it had begun is whole: the data directory starts again.
    const again = await startServe(dataDir, { env });
    expect(await again.stop()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
