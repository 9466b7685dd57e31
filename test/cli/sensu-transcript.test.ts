import { describe, expect, it } from 'vitest';
import { printedOnlyWhenCreated } from './support/cli.js';
import { worldForFile } from './support/world.js';

const world = worldForFile();

describe('the Sensu transcript (seeds/002), with keyward', () => {
  it('grants a key to admin, shows it as JSON, lists it, and revokes it with --skip-confirm', async () => {
    const { admin } = world;
    // $ sensuctl api-key grant admin
    const granted = await admin.run(['api-key', 'grant', 'admin']);
    expect(granted.code).toBe(0);
    const [createdLine, key, ...rest] = granted.stdout.trim().split('\n');
    expect(createdLine).toMatch(/^Created: \/v1\/apikeys\/key_[0-9A-Za-z]{22}$/);
    expect(key).toMatch(/^acme_[0-9A-Za-z]{38}$/);
    expect(rest).toEqual([]);
    const id = createdLine?.slice('Created: /v1/apikeys/'.length) ?? '';
    expect(await world.verify(key ?? '')).toBe('VALID');

    // $ sensuctl api-key info <id> --format json
    const info = await admin.run(['api-key', 'info', id, '--format', 'json']);
    expect(info.code).toBe(0);
    const record = JSON.parse(info.stdout);
    expect(record).toMatchObject({ id, name: 'admin', role: 'member', orgId: world.org.id, revokedAt: null });
    expect(record).not.toHaveProperty('apiKey');

    // $ sensuctl api-key list
    const list = await admin.run(['api-key', 'list']);
    expect(list.code).toBe(0);
    const [header, ...rows] = list.stdout.trim().split('\n');
    expect(header?.split(/\s{2,}/)).toEqual([
      'ID',
      'NAME',
      'ORG',
      'OWNER',
      'ROLE',
      'STATUS',
      'CREATED',
      'EXPIRES',
      'LAST USED',
    ]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.split(/\s{2,}/).slice(0, 6)).toEqual([id, 'admin', 'Acme', 'admin', 'member', 'active']);

    // $ sensuctl api-key revoke <id> --skip-confirm (sensuctl says Deleted; the key is kept, revoked)
    const revoke = await admin.run(['api-key', 'revoke', id, '--skip-confirm']);
    expect(revoke).toMatchObject({ code: 0, stdout: 'Revoked\n', stderr: '' });
    expect(await world.verify(key ?? '')).toBe('REVOKED');

    // The key was printed once, by grant, and by nothing after it.
    expect(printedOnlyWhenCreated(admin.transcript, key ?? '')).toEqual([]);
  });
});
