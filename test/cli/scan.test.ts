import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { generateKey } from '../../src/keys/format.js';
import { rememberSecret } from '../support/secrets.js';
import { printedOnlyWhenCreated } from './support/cli.js';
import { worldForFile } from './support/world.js';

const world = worldForFile();
const ROOT = join(import.meta.dirname, '..', '..');

const lookalike = (key: string) => `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
const hint = (key: string) => `${key.slice(0, key.indexOf('_') + 5)}…`;

async function grantKey(name: string): Promise<string> {
  const key =
    (await world.admin.ok(['api-key', 'grant', 'alice', '--name', name])).trim().split('\n')[1] ?? '';
  expect(key).toMatch(/^acme_/);
  return key;
}

/** A new key that no server knows, remembered for the log scan. */
function unknownKey(): string {
  const key = generateKey('acme');
  rememberSecret(key);
  return key;
}

/** A port on which nothing listens: one the system just handed out, and closed again. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
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
      ignored: { marked: 0, paths: 0 },
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

// After the block above, not beside it: each test spawns several processes, and a loaded machine slows
// them all.
describe.concurrent('keyward scan: what it leaves out, and exit code 3', () => {
  it('leaves out keys on a line marked keyward:allow and the paths .keywardignore matches, and counts them', async () => {
    const [kept, example, fixture] = [unknownKey(), unknownKey(), unknownKey()];
    const root = tree(world.admin.dir('ignoring'), {
      '.keywardignore': '# Fixtures hold keys on purpose.\nfixtures/\n*.snap\n!keep.snap\n',
      'src/app.ts': `const example = '${example}'; // keyward:allow\nconst real = '${kept}';\n`,
      'fixtures/keys.env': `K=${fixture}\n`,
      'src/fixtures/more.env': `K=${fixture}\n`,
      'test/a.snap': `${fixture}\n`,
      'test/keep.snap': `${kept}\n`,
    });
    // From the folder that holds .keywardignore.
    const inside = await world.admin.run(['scan'], { cwd: root });
    expect(inside).toMatchObject({
      code: 1,
      stdout: `src/app.ts:2: ${hint(kept)}\ntest/keep.snap:1: ${hint(kept)}\n`,
      stderr:
        'Found 2 Keyward keys (1 distinct) in 2 of 3 files scanned; ignored 1 key marked keyward:allow and ' +
        '3 paths matched by .keywardignore.\n',
    });
    const json = await world.admin.run(['scan', '--format', 'json'], { cwd: root });
    expect(JSON.parse(json.stdout).ignored).toEqual({ marked: 1, paths: 3 });
    // Files named one by one, as a pre-commit hook names them.
    const named = await world.admin.run(['scan', 'fixtures/keys.env', 'src/app.ts', 'test/a.snap'], {
      cwd: root,
    });
    expect(named).toMatchObject({ code: 1, stdout: `src/app.ts:2: ${hint(kept)}\n` });
    expect(named.stderr).toContain(
      '; ignored 1 key marked keyward:allow and 2 paths matched by .keywardignore.',
    );

    // From elsewhere, the folder's .keywardignore is not read, unless --ignore-file names it; its
    // patterns apply to the paths under the folder that holds it.
    const outside = await world.admin.run(['scan', 'ignoring']);
    expect(outside.stdout.trim().split('\n')).toHaveLength(5);
    const pointed = await world.admin.run(['scan', 'ignoring', '--ignore-file', 'ignoring/.keywardignore']);
    expect(pointed).toMatchObject({
      code: 1,
      stdout: `ignoring/src/app.ts:2: ${hint(kept)}\nignoring/test/keep.snap:1: ${hint(kept)}\n`,
    });
    expect(pointed.stderr).toContain('3 paths matched by ignoring/.keywardignore.');
    expect(await world.admin.run(['scan', 'ignoring', '--ignore-file', 'missing.ignore'])).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'keyward: missing.ignore: there is no such file\n',
    });
  });

  it('--report with the server down or refusing prints the findings, then the error, and exits 3', async () => {
    const key = unknownKey();
    const root = tree(world.admin.dir('unreported'), { 'app.env': `K=${key}\n` });
    const found = `${root}/app.env:1: ${hint(key)}\n`;
    const summary = 'Found 1 Keyward key (1 distinct) in 1 of 1 file scanned.';
    const down = `http://127.0.0.1:${await closedPort()}`;
    const credentials = { KEYWARD_API_KEY: unknownKey() };
    const unreachable = await world.admin.run(['scan', root, '--report', '--url', down], {
      env: credentials,
    });
    expect(unreachable).toMatchObject({ code: 3, stdout: found });
    expect(unreachable.stderr.split('\n')).toEqual([
      summary,
      expect.stringMatching(
        new RegExp(
          `^keyward: the keys found were not reported: cannot reach ${down}: .*Is "keyward serve" running`,
        ),
      ),
      '',
    ]);
    const asJson = await world.admin.run(['scan', root, '--report', '--url', down, '--format', 'json'], {
      env: credentials,
    });
    expect(asJson.code).toBe(3);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ findings: [{ hint: hint(key) }], report: null });

    const refused = await world.admin.run(['scan', root, '--report'], { env: credentials });
    expect(refused).toMatchObject({ code: 3, stdout: found });
    expect(refused.stderr.split('\n')).toEqual([
      summary,
      expect.stringMatching(
        /^keyward: the keys found were not reported: not authenticated \(401 UNAUTHORIZED\)/,
      ),
      '',
    ]);
    // A --url that is no URL stays a usage error, told after the findings.
    const badUrl = await world.admin.run(['scan', root, '--report', '--url', 'not a url']);
    expect(badUrl).toMatchObject({ code: 2, stdout: found });
    expect(badUrl.stderr).toMatch(new RegExp(`^${summary.replace(/[().]/g, '\\$&')}\\nkeyward: .*URL`));
    // Without a key found there is nothing to report, and so nothing to fail.
    const clean = tree(world.admin.dir('unreported-clean'), { 'a.txt': 'nothing\n' });
    const quiet = await world.admin.run(['scan', clean, '--report', '--url', down], { env: credentials });
    expect(quiet).toMatchObject({ code: 0, stderr: 'No Keyward keys in 1 file scanned.\n' });
  });

  it.skipIf(process.platform !== 'linux')(
    'a path it cannot read is named, the findings are printed, and it exits 3',
    async () => {
      const key = unknownKey();
      const root = tree(world.admin.dir('partly'), { 'a.env': `K=${key}\n` });
      // Unreadable even by root, which file modes do not stop: reading a process's memory at address 0.
      const run = await world.admin.run(['scan', '/proc/self/mem', root]);
      expect(run).toMatchObject({ code: 3, stdout: `${root}/a.env:1: ${hint(key)}\n` });
      expect(run.stderr).toBe(
        'keyward: cannot read /proc/self/mem: EIO\n' +
          'Found 1 Keyward key (1 distinct) in 1 of 1 file scanned.\n' +
          'keyward: the scan is incomplete: cannot read 1 path (named above)\n',
      );
    },
  );

  it('finds no key in this repository (examples that cannot verify; fixtures listed in .keywardignore)', async () => {
    const run = await world.admin.run(['scan'], { cwd: ROOT });
    expect(run, run.stdout).toMatchObject({ code: 0, stdout: '' });
    expect(run.stderr).toMatch(/^No Keyward keys in \d+ files scanned(; ignored .*)?\.\n$/);
  });
});
