import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateKey } from '../../src/keys/format.js';
import { rememberSecret } from '../support/secrets.js';
import { printedOnlyWhenCreated } from './support/cli.js';
import { worldForFile } from './support/world.js';

const world = worldForFile();

const lookalike = (key: string) => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
const hint = (key: string) => `${key.slice(0, key.indexOf('_') + 5)}…`;

async function grantKey(name: string): Promise<string> {
  const key =
    (await world.admin.ok(['api-key', 'grant', 'alice', '--name', name])).trim().split('\n')[1] ?? '';
  expect(key).toMatch(/^acme_/);
  return key;
}

/** A small tree with keys where a scan looks and where it must not. */
function tree(root: string, files: Record<string, string | Buffer>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe.concurrent('keyward scan', () => {
  it('finds real keys by their checksum, ignores look-alikes, skips .git, node_modules and binaries', async () => {
    const [live, other] = [await grantKey('scan-live'), generateKey('zeta')];
    rememberSecret(other);
    const root = tree(world.admin.dir('project'), {
      'src/config.ts': `export const url = 'x';\nconst key = '${live}';\n`,
      'deploy/.env': `# keys\nOTHER=${other}\nFAKE=${lookalike(live)}\n`,
      'docs/notes.md': `A look-alike: ${lookalike(other)} and kw_${'x'.repeat(38)}\n`,
      '.git/config': `token = ${live}\n`,
      'node_modules/dep/index.js': `module.exports = '${live}';\n`,
      'assets/logo.bin': Buffer.concat([Buffer.from([0, 1, 2]), Buffer.from(live)]),
    });
    const run = await world.admin.run(['scan', 'project']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      `project/deploy/.env:2: ${hint(other)}\nproject/src/config.ts:2: ${hint(live)}\n`,
    );
    expect(run.stderr).toBe('Found 2 Keyward keys (2 distinct) in 2 of 3 files scanned.\n');
    expect(run.stdout + run.stderr).not.toContain(live.slice(0, 12));

    const [asJson, asYaml] = await Promise.all([
      world.admin.run(['scan', 'project', '--format', 'json']),
      world.admin.run(['scan', 'project', '--format', 'yaml']),
    ]);
    const json = JSON.parse(asJson.stdout);
    expect(parseYaml(asYaml.stdout)).toEqual(json);
    expect(json).toEqual({
      findings: [
        { file: 'project/deploy/.env', line: 2, column: 7, hint: hint(other) },
        { file: 'project/src/config.ts', line: 2, column: 14, hint: hint(live) },
      ],
      report: null,
    });
    // A file named alone, and the current folder by default.
    expect((await world.admin.run(['scan', join(root, 'docs', 'notes.md')])).code).toBe(0);
    const here = await world.admin.run(['scan'], { cwd: join(root, 'src') });
    expect(here).toMatchObject({ code: 1, stdout: `config.ts:2: ${hint(live)}\n` });
    expect(await world.verify(live)).toBe('VALID');
  });

  it('skips a file over 10 MiB, and says so', async () => {
    const key = generateKey('acme');
    rememberSecret(key);
    const root = tree(world.admin.dir('huge'), {
      'dump.sql': `${key}\n${'x'.repeat(10 * 1024 * 1024)}`,
      'small.txt': 'fine\n',
    });
    const run = await world.admin.run(['scan', root]);
    expect(run).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toBe(
      `keyward: skipped ${join(root, 'dump.sql')}: larger than 10 MiB\nNo Keyward keys in 1 file scanned.\n`,
    );
  });

  it('exits 0 on a clean tree and 2 on a path that does not exist', async () => {
    const root = tree(world.admin.dir('clean'), {
      'a.txt': 'nothing here\n',
      'b/c.txt': `acme_${'A'.repeat(38)}\n`,
    });
    expect(await world.admin.run(['scan', root])).toMatchObject({
      code: 0,
      stdout: '',
      stderr: 'No Keyward keys in 2 files scanned.\n',
    });
    expect(await world.admin.run(['scan', join(root, 'missing')])).toMatchObject({
      code: 2,
      stderr: `keyward: no such file or folder: ${join(root, 'missing')}\n`,
    });
  });

  it('--report sends the keys found to report-leak, which revokes them, and prints the counts', async () => {
    const [first, second] = [await grantKey('leaked-1'), await grantKey('leaked-2')];
    const unknown = generateKey('acme');
    rememberSecret(unknown);
    const root = tree(world.admin.dir('leaky'), {
      'one.env': `A=${first}\nB=${first}\n`,
      'two.env': `C=${second}\nD=${unknown}\n`,
    });
    const run = await world.admin.run(['scan', root, '--report']);
    expect(run.code).toBe(1);
    expect(run.stdout.trim().split('\n')).toEqual([
      `${root}/one.env:1: ${hint(first)}`,
      `${root}/one.env:2: ${hint(first)}`,
      `${root}/two.env:1: ${hint(second)}`,
      `${root}/two.env:2: ${hint(unknown)}`,
      `Reported 3 keys to ${world.server.url}: 2 revoked.`,
    ]);
    expect(await world.verify(first)).toBe('REVOKED');
    expect(await world.verify(second)).toBe('REVOKED');
    const leaked = await world.api('GET', `/v1/audit?action=apikey.leaked`);
    expect(leaked.items).toHaveLength(2);
    expect(leaked.items[0].details).toEqual({ source: 'keyward scan' });
    const again = JSON.parse((await world.admin.run(['scan', root, '--report', '--format', 'json'])).stdout);
    expect(again.report).toEqual({ success: true, received: 3, revoked: 0, url: world.server.url });
    for (const key of [first, second, unknown])
      expect(printedOnlyWhenCreated(world.admin.transcript, key)).toEqual([]);
  });
});
