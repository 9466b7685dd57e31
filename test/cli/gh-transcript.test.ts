import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rememberSecret } from '../support/secrets.js';
import { startServe, tempDir } from '../support/server.js';
import { Cli, printedOnlyWhenCreated } from './support/cli.js';
import { ADMIN_PASSWORD, worldForFile } from './support/world.js';

// Issue 19's second transcript: a day with keyward as someone who lives in gh and the Stripe CLI. Two
// servers behind two profiles, a default organization, a key looked up by the key itself, a key
// disabled, any route through `keyward api`, and bash completion.

const world = worldForFile();
const LAB_PASSWORD = 'lab-admin-password';
rememberSecret(LAB_PASSWORD);

describe('a gh-style day with keyward', () => {
  it('profiles for two servers, a default org, info by the key itself, disable, api, completion', async () => {
    const lab = await startServe(join(tempDir(), 'lab'), { env: { KEYWARD_ADMIN_PASSWORD: LAB_PASSWORD } });
    await world.api('POST', '/v1/organizations', { name: 'Globex', keyPrefix: 'globex' });
    const me = new Cli();

    // $ keyward --profile work login …; keyward --profile lab login … (gh auth login --hostname)
    await me.ok(['--profile', 'work', 'login', '--url', world.server.url, '--username', 'admin'], {
      input: `${ADMIN_PASSWORD}\n`,
    });
    await me.ok(['--profile', 'lab', 'login', '--url', lab.url, '--username', 'admin'], {
      input: `${LAB_PASSWORD}\n`,
    });
    // $ keyward config use work; keyward config view (gh auth switch; gh auth status)
    await me.ok(['config', 'use', 'work']);
    const profiles = await me.json(['config', 'view']);
    expect(profiles).toHaveLength(2);
    expect(profiles).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ profile: 'lab', current: false, url: lab.url, name: 'admin' }),
        expect.objectContaining({ profile: 'work', current: true, url: world.server.url, name: 'admin' }),
      ]),
    );
    expect(JSON.stringify(profiles)).not.toContain(ADMIN_PASSWORD);

    // Two organizations: without a default, grant asks which, naming them.
    const ambiguous = await me.run(['api-key', 'grant', 'alice']);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toMatch(/you can see 2 organizations, Acme \(org_\w+\), Globex \(org_\w+\)/);
    // $ keyward config set org acme (sensuctl's namespace, gh's default repo)
    await me.ok(['config', 'set', 'org', 'acme']);
    const granted = await me.ok(['api-key', 'grant', 'alice', '--name', 'laptop']);
    const [created = '', key = ''] = granted.trim().split('\n');
    const id = created.slice('Created: /v1/apikeys/'.length);
    expect(id).toMatch(/^key_\w{22}$/);
    expect(key).toMatch(/^acme_\w{38}$/);

    // $ keyward api-key info <the key itself>
    const info = await me.run(['api-key', 'info', key, '--format', 'json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout)).toMatchObject({
      id,
      name: 'laptop',
      orgId: world.org.id,
      status: 'active',
    });
    expect(info.stderr).toContain('keyward: warning: a key given on the command line');
    expect(info.stderr).not.toContain(key);
    // The same, from standard input, where no one else can read it.
    const fromStdin = await me.json(['api-key', 'info', '-'], { input: `${key}\n` });
    expect(fromStdin.id).toBe(id);

    // $ keyward api-key disable <id>, and the key stops working at once.
    await me.ok(['api-key', 'disable', id]);
    expect(await world.verify(key)).toBe('DISABLED');
    // The default organization narrows the list, as sensuctl's namespace does; --all-orgs widens it.
    const other = await me.ok(['api-key', 'grant', 'admin', '--org', 'globex', '--name', 'elsewhere']);
    const otherId = other.split('\n')[0]?.slice('Created: /v1/apikeys/'.length);
    const everywhere = await me.ok(['api-key', 'list', '--all-orgs', '--no-headers', '--format', 'wide']);
    expect(everywhere).toContain(otherId);
    const listed = await me.ok(['api-key', 'list', '--no-headers']);
    expect(listed.trim().split('\n')).toEqual([
      expect.stringMatching(new RegExp(`^${id}\\s+laptop\\s+Acme\\s+alice\\s+member\\s+disabled\\s`)),
    ]);

    // $ keyward api GET /v1/me (gh api), on each server.
    const work = JSON.parse(await me.ok(['api', 'GET', '/v1/me']));
    expect(work).toMatchObject({ kind: 'user', name: 'admin' });
    const labOrgs = JSON.parse(await me.ok(['--profile', 'lab', 'api', 'GET', '/v1/organizations']));
    expect(labOrgs.items).toEqual([]);
    const workOrgs = JSON.parse(await me.ok(['api', 'GET', '/v1/organizations']));
    expect(workOrgs.items.map((org: { name: string }) => org.name).sort()).toEqual(['Acme', 'Globex']);

    // $ source <(keyward completion bash); keyward api-key <TAB>
    const script = join(me.dir('completion'), 'keyward.bash');
    writeFileSync(script, await me.ok(['completion', 'bash']));
    const completed = spawnSync(
      'bash',
      [
        '--norc',
        '-c',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: bash, which expands it.
        'source "$1" && COMP_WORDS=(keyward api-key "") && COMP_CWORD=2 && _keyward && printf "%s\\n" "${COMPREPLY[@]}"',
        'bash',
        script,
      ],
      { encoding: 'utf8' },
    );
    expect(completed.stderr).toBe('');
    expect(completed.stdout.split('\n').filter(Boolean)).toEqual(
      expect.arrayContaining([
        'grant',
        'info',
        'list',
        'revoke',
        'rotate',
        'import',
        'update',
        'disable',
        'enable',
      ]),
    );

    // The key was printed once, by grant, and by nothing after it.
    expect(printedOnlyWhenCreated(me.transcript, key)).toEqual([]);
  }, 180_000);
});
