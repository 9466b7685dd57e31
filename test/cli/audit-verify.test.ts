import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { Cli } from './support/cli.js';
import { worldForFile } from './support/world.js';

/**
 * `keyward audit export` and `audit verify` against a real server (issue 19, bug 3): an export, whole or
 * filtered (one organization, a time range, an action), checks on its own, from the server or saved to a
 * file; and a saved export with an entry edited, a line removed or its tail cut off does not.
 */
const world = worldForFile();
/** The time of an entry halfway through the log: a `--since` that leaves entries on both sides. */
let midway: string;

beforeAll(async () => {
  // Acme's entries and Beta's alternate, so that Acme's are not consecutive in the whole log.
  const beta = await world.api('POST', '/v1/organizations', { name: 'Beta', keyPrefix: 'beta' });
  for (let i = 0; i < 4; i++) {
    for (const orgId of [world.org.id, beta.id]) {
      await world.api('POST', `/v1/organizations/${orgId}/apikeys`, { name: `k${i}`, role: 'member' });
    }
  }
  const acme = (await world.api('GET', `/v1/audit?orgId=${world.org.id}&limit=100`)).items;
  midway = acme[Math.floor(acme.length / 2)].at;
});

/** Writes an export to a file, and answers the file and its lines. */
async function saved(name: string, filters: string[] = []) {
  const file = join(world.admin.dir('audit'), name);
  expect(await world.admin.ok(['audit', 'export', ...filters, '--output', file])).toBe('');
  return { file, lines: readFileSync(file, 'utf8').trim().split('\n') };
}

/** Writes `lines` over `file`, and runs `audit verify --file` on it. */
function verifyLines(file: string, lines: string[]) {
  writeFileSync(file, `${lines.join('\n')}\n`);
  return world.admin.run(['audit', 'verify', '--file', file]);
}

const HOLDS = /^The audit chain holds: \d+ entries, each linked to the one before it\.\n$/;
const ORG_HOLDS = /^The organization's audit chain holds: \d+ entries, each linked to the one before it\.\n$/;

describe('keyward audit verify', () => {
  it('checks the whole log from the server, and a saved export, which starts and ends with a line of its own', async () => {
    const { file, lines } = await saved('whole.jsonl');
    const [start, ...rest] = lines.map((line) => JSON.parse(line));
    const end = rest.pop();
    expect(start).toMatchObject({ kind: 'keyward.audit.export', chain: 'log', anchor: '0'.repeat(64) });
    expect(end).toEqual({ kind: 'keyward.audit.end', count: rest.length, lastHash: rest.at(-1).hash });
    for (const [i, entry] of rest.entries()) if (i > 0) expect(entry.prevHash).toBe(rest[i - 1].hash);

    expect(await world.admin.run(['audit', 'verify'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(HOLDS),
    });
    expect(await world.admin.run(['audit', 'verify', '--file', file])).toMatchObject({
      code: 0,
      stdout: `The audit chain holds: ${rest.length} entries, each linked to the one before it.\n`,
    });

    const victim = rest[2];
    const edited = lines.with(3, JSON.stringify({ ...victim, action: 'nothing.happened' }));
    expect(await verifyLines(file, edited)).toMatchObject({
      code: 1,
      stderr: `keyward: the audit chain is broken at entry ${victim.seq}: its hash does not match its content\n`,
    });
    expect(await verifyLines(file, lines.toSpliced(3, 1))).toMatchObject({
      code: 1,
      stderr: `keyward: the audit chain is broken at entry ${rest[3].seq}: it does not link to the entry before it\n`,
    });
    expect(await verifyLines(file, lines.slice(0, -3))).toMatchObject({
      code: 1,
      stderr: `keyward: ${file} is cut short: its end line is missing\n`,
    });
    expect(await verifyLines(file, lines.toSpliced(-2, 1))).toMatchObject({
      code: 1,
      stderr: `keyward: ${file} does not match its end line: it holds ${rest.length - 1} entries, and its end line counts ${rest.length}\n`,
    });
    expect(await verifyLines(file, lines.slice(1))).toMatchObject({
      code: 1,
      stderr: `keyward: ${file} does not begin with the start line of a Keyward audit export: it is not one, or its first line was removed\n`,
    });
  });

  it("checks an organization's export on its own, link by link along the organization's chain", async () => {
    const fromServer = await world.admin.run(['audit', 'verify', '--org', 'acme']);
    expect(fromServer).toMatchObject({ code: 0, stdout: expect.stringMatching(ORG_HOLDS) });

    const { file, lines } = await saved('acme.jsonl', ['--org', 'acme']);
    const entries = lines.slice(1, -1).map((line) => JSON.parse(line));
    expect(entries.every((e) => e.orgId === world.org.id)).toBe(true);
    expect(await verifyLines(file, lines)).toMatchObject({
      code: 0,
      stdout: `The organization's audit chain holds: ${entries.length} entries, each linked to the one before it.\n`,
    });
    expect(fromServer.stdout).toBe((await verifyLines(file, lines)).stdout);

    expect(await verifyLines(file, lines.toSpliced(2, 1))).toMatchObject({
      code: 1,
      stderr: `keyward: the audit chain is broken at entry ${entries[2].seq}: it does not link to the entry before it\n`,
    });
    expect(await verifyLines(file, lines.slice(0, -2))).toMatchObject({
      code: 1,
      stderr: `keyward: ${file} is cut short: its end line is missing\n`,
    });
  });

  it('checks a time range on its own, whole or of one organization', async () => {
    for (const filters of [
      ['--since', midway],
      ['--org', 'acme', '--since', midway],
      ['--until', midway],
    ]) {
      const verified = await world.admin.run(['audit', 'verify', ...filters]);
      expect(verified.code, `${filters.join(' ')}: ${verified.stderr}`).toBe(0);
      const { file, lines } = await saved('range.jsonl', filters);
      const start = JSON.parse(lines[0] ?? '');
      if (filters[0] === '--since') expect(start.anchor).not.toBe('0'.repeat(64));
      expect(await verifyLines(file, lines)).toMatchObject({ code: 0, stdout: verified.stdout });
      expect((await verifyLines(file, lines.toSpliced(1, 1))).stderr).toMatch(
        /: it does not link to the entry before it\n$/,
      );
      expect((await verifyLines(file, lines.toSpliced(-2, 1))).stderr).toMatch(/does not match its end line/);
    }
  });

  it('checks each entry of an export filtered on content, and counts them', async () => {
    const filters = ['--org', 'acme', '--action', 'apikey.created'];
    const verified = await world.admin.run(['audit', 'verify', ...filters]);
    expect(verified).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(
        /^The export's 4 entries hold, each against its hashes, and its end line counts them; the filter left out the entries that link them, so their links were not checked\.\n$/,
      ),
    });
    const { file, lines } = await saved('created.jsonl', filters);
    expect((await verifyLines(file, lines.toSpliced(2, 1))).stderr).toBe(
      `keyward: ${file} does not match its end line: it holds 3 entries, and its end line counts 4\n`,
    );
    expect(await world.admin.run(['audit', 'verify', '--file', file, '--org', 'acme'])).toMatchObject({
      code: 2,
    });
  });

  it('checks only an organization for a caller who is not a cluster admin', async () => {
    const fred = new Cli();
    const user = await world.api('POST', '/v1/users', { username: 'fred', password: 'fred-password-1' });
    rememberSecret('fred-password-1');
    await world.api('POST', `/v1/organizations/${world.org.id}/members`, { userId: user.id, role: 'admin' });
    await fred.ok(['login', '--url', world.server.url, '--username', 'fred'], { input: 'fred-password-1\n' });
    fred.storedSecret();
    expect(await fred.run(['audit', 'verify'])).toMatchObject({
      code: 2,
      stderr:
        "keyward: only cluster admins read the whole log; pass --org to check one organization's entries\n",
    });
    expect(await fred.run(['audit', 'verify', '--org', 'acme'])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(ORG_HOLDS),
    });
    const file = join(fred.dir('audit'), 'acme.jsonl');
    expect(await fred.ok(['audit', 'export', '--org', 'acme', '--output', file])).toBe('');
    expect(await fred.run(['audit', 'verify', '--file', file])).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(ORG_HOLDS),
    });
  });
});
