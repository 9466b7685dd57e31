import { execFile } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { readmeBlocks, toolsOnly } from '../support/readme.js';
import { rememberSecret } from '../support/secrets.js';
import { cleanupServe, startServe, tempDir } from '../support/server.js';
import { BIN, Cli, cleanupClis } from './support/cli.js';

const _README = join(import.meta.dirname, '..', '..', 'README.md');
const SECTION = '## Using the CLI';
const README_URL = 'http://127.0.0.1:7373';
// The section needs the CLI (as `npx keyward`) and a POSIX shell with these, nothing else.
const TOOLS = ['sed', 'tail', 'mkdir'];

afterAll(async () => {
  await cleanupServe();
  cleanupClis();
});

/** A PATH with the tools, and an `npx` that runs this checkout's `keyward` as `npx keyward` would. */
function toolPath(dir: string): string {
  const shims = toolsOnly(dir, TOOLS);
  const npx = join(shims, 'npx');
  writeFileSync(
    npx,
    `#!/bin/sh\n[ "$1" = keyward ] || exit 127\nshift\nexec "${process.execPath}" "${BIN}" "$@"\n`,
  );
  chmodSync(npx, 0o755);
  return shims;
}

describe('the README "Using the CLI" section', () => {
  it('runs as written against a real server: login, org, user, grant, info, list, revoke, scan, audit', async () => {
    const [serverBlock = '', ...blocks] = readmeBlocks(SECTION);
    const serve = /^KEYWARD_ADMIN_PASSWORD=(\S+) npx keyward serve$/.exec(serverBlock.trim());
    expect(serve, serverBlock).not.toBeNull();
    const adminPassword = serve?.[1] ?? '';
    rememberSecret(adminPassword);
    const server = await startServe(join(tempDir(), 'data'), {
      env: { KEYWARD_ADMIN_PASSWORD: adminPassword },
    });

    // Before the last block (which logs out), the stored tokens are copied out with shell builtins alone,
    // so that the log scan knows them too.
    const tokensCopy = 'stored-tokens.json';
    const copyTokens = `while IFS= read -r line; do printf '%s\\n' "$line"; done < "$KEYWARD_CONFIG_DIR/credentials.json" > ${tokensCopy}\n`;
    let script = [...blocks.slice(0, -1), copyTokens, ...blocks.slice(-1)].join('\n');
    expect(script).not.toMatch(/keyward serve|curl|\bjq\b/);
    for (const [, piped] of script.matchAll(/^echo (\S+) \| npx keyward/gm)) rememberSecret(piped);
    expect(script).toContain(README_URL);
    script = script.replaceAll(README_URL, server.url);
    const cli = new Cli();
    const handBack = join(cli.home, 'hand-back.txt');
    script += `\nprintf '%s\\n' "$KEY" "$KEY_ID" > "${handBack}"\n`;
    const file = join(cli.home, 'using-the-cli.sh');
    writeFileSync(file, script);

    const { stdout, stderr } = await promisify(execFile)('/bin/sh', ['-e', '-u', file], {
      cwd: cli.home,
      env: cli.env({ PATH: toolPath(cli.home) }),
      timeout: 45_000,
    });
    const tokens = JSON.parse(readFileSync(join(cli.home, tokensCopy), 'utf8'));
    for (const token of Object.values(tokens)) rememberSecret(token);
    expect(tokens).toMatchObject({ accessToken: expect.any(String), refreshToken: expect.any(String) });
    const [key = '', keyId = ''] = readFileSync(handBack, 'utf8').split('\n');
    rememberSecret(key);
    expect(key).toMatch(/^acme_[0-9A-Za-z]{38}$/);
    expect(keyId).toMatch(/^key_\w{22}$/);

    // What the section's commands printed, in order.
    const out = stdout.split('\n');
    let at = 0;
    const next = (pattern: RegExp) => {
      const found = out.findIndex((line, i) => i >= at && pattern.test(line));
      expect(found, `${pattern} after line ${at} of:\n${stdout}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
      return out[found] ?? '';
    };
    next(new RegExp(`^Logged in to ${server.url} as admin\\.$`));
    next(/^Credentials stored in the file .*credentials\.json \(mode 0600\), not in an OS keychain: /);
    next(/^Created: \/v1\/organizations\/org_\w{22}$/);
    next(/^Created: \/v1\/users\/usr_\w{22}$/);
    next(/^Added alice to acme as member\.$/);
    next(new RegExp(`^  "id": "${keyId}",$`));
    next(new RegExp(`^${keyId}\\s+ci\\s+Acme\\s+alice\\s+member\\s+active\\s`));
    next(/^Name:\s+alice$/);
    next(/^Revoked$/);
    const found = next(/^demo\/settings\.env:1: acme_\w{4}…$/);
    next(new RegExp(`^Reported 1 key to ${server.url}: 1 revoked\\.$`));
    next(/^scan exited 1$/);
    next(/^The audit chain holds: \d+ entries, each linked to the one before it\.$/);
    next(/^Logged out of /);
    // The comments promise what the commands print.
    for (const [, promised] of script.matchAll(/# (\w+)$/gm)) expect(out).toContain(promised);

    // The keys were kept by the shell, never printed; the leaked one was revoked through the report.
    const leaked = readFileSync(join(cli.home, 'demo', 'settings.env'), 'utf8')
      .trim()
      .slice('API_KEY='.length);
    rememberSecret(leaked);
    expect(found).toContain(leaked.slice(0, 9));
    for (const secret of [key, leaked]) expect(stdout + stderr).not.toContain(secret);
    const token = await server.signIn('admin', adminPassword);
    const verify = async (k: string) =>
      (await server.request('POST', '/v1/keys/verify', { auth: { bearer: token }, body: { key: k } })).body
        .code;
    expect(await verify(key)).toBe('REVOKED');
    expect(await verify(leaked)).toBe('REVOKED');
  }, 60_000);
});
