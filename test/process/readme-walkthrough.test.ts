import { execFile, execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { readmeBlocks, toolsOnly } from '../support/readme.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, startServe, tempDir } from '../support/server.js';

const _README = join(import.meta.dirname, '..', '..', 'README.md');
const SECTION = '## Walkthrough with curl';
const SERVER_COMMAND = /^((?:[A-Z_]+=\S+ )*)npx keyward serve$/;
const README_URL_LINE = /^B=http:\/\/127\.0\.0\.1:7373$/m;
// The walkthrough promises curl and a POSIX shell, nothing else: the script runs with only these on PATH.
const TOOLS = ['curl', 'tr', 'sed', 'head', 'grep'];

afterEach(cleanupServe);

describe('the README walkthrough', () => {
  it('starts the server it names, then creates, verifies and revokes a key with curl alone', async () => {
    const [serverBlock = '', ...scriptBlocks] = readmeBlocks(SECTION);
    expect(scriptBlocks.length).toBeGreaterThan(3);
    expect(scriptBlocks.join('\n')).not.toMatch(/keyward serve|\bjq\b/);

    // The first block starts the server. The test runs it itself, as `node bin/keyward.js serve` (what
    // `npx keyward` runs in a clone), with the block's environment, on a free port and a temp data dir.
    const command = SERVER_COMMAND.exec(serverBlock.trim());
    expect(command, `the first block is the server command: ${serverBlock}`).not.toBeNull();
    const env = Object.fromEntries(
      (command?.[1] ?? '')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((assignment) => assignment.split(/=(.*)/s).slice(0, 2) as [string, string]),
    );
    const adminPassword = env.KEYWARD_ADMIN_PASSWORD ?? '';
    expect(adminPassword).not.toBe('');
    rememberSecret(adminPassword);
    // curl -u sends it base64-encoded.
    rememberSecret(Buffer.from(`admin:${adminPassword}`).toString('base64'));
    const dir = tempDir();
    const server = await startServe(join(dir, 'data'), { env });
    expect(server.stderr()).toContain(`Keyward listening on ${server.url} (SQLite in ${join(dir, 'data')})`);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.stderr()).toContain(
      'Created cluster admin "admin" with the password from KEYWARD_ADMIN_PASSWORD',
    );

    let script = scriptBlocks.join('\n');
    expect(script).toMatch(README_URL_LINE);
    script = script.replace(README_URL_LINE, `B=${server.url}`);
    for (const [, password] of script.matchAll(/"password":"([^"]+)"/g)) rememberSecret(password);
    // Hands back what the script kept in variables: the secrets for the log scan, and the key's id.
    const handBack = join(dir, 'hand-back.txt');
    script += `\nprintf '%s\\n' "$TOKEN" "$KEY" "$KEY_ID" > "$HAND_BACK"\n`;
    writeFileSync(join(dir, 'walkthrough.sh'), script);

    const bash = execFileSync('sh', ['-c', 'command -v bash'], { encoding: 'utf8' }).trim();
    const { stdout } = await promisify(execFile)(bash, ['-e', '-u', join(dir, 'walkthrough.sh')], {
      env: { PATH: toolsOnly(dir, TOOLS), HAND_BACK: handBack },
      timeout: 30_000,
    });
    const [token = '', key = '', keyId = ''] = readFileSync(handBack, 'utf8').split('\n');
    rememberSecret(token);
    rememberSecret(key);
    expect(token).toMatch(/^eyJ/);
    expect(key).toMatch(/^acme_[0-9A-Za-z]{38,}$/);
    expect(keyId).toMatch(/^key_/);

    // The member, the key as its owner reads it, the two verify codes around the revocation, the audit.
    const [member = '', read = '', ...rest] = stdout.trim().split('\n');
    expect(JSON.parse(member)).toMatchObject({ username: 'alice', role: 'member' });
    expect(JSON.parse(read)).toMatchObject({ id: keyId, name: 'ci', revokedAt: null });
    const [before, revocation = '', after, ...actions] = rest;
    expect(before).toBe('VALID');
    expect(JSON.parse(revocation)).toMatchObject({ success: true });
    expect(after).toBe('REVOKED');
    // The codes the README promises in its comments are the ones printed.
    expect([...script.matchAll(/# ([A-Z_]+)$/gm)].map((match) => match[1])).toEqual([before, after]);
    const revoked = actions.indexOf('"action":"apikey.revoked"');
    expect(revoked).toBeGreaterThan(-1);
    expect(actions.indexOf('"action":"apikey.created"')).toBeGreaterThan(revoked);

    // What the script printed is what the server holds.
    const reply = await server.request('GET', `/v1/apikeys/${keyId}`, { auth: { bearer: token } });
    expect(reply.body).toMatchObject({ id: keyId, revokedAt: expect.any(String) });
    expect((await server.request('GET', '/v1/me', { auth: { key } })).status).toBe(401);
    expect((await server.stop()).code).toBe(0);
  }, 60_000);
});
