import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { allEntries, KEPT_AUTH_MODES, nangoEntries, readNangoCatalog } from './nango-source.js';

const text = readNangoCatalog();
const entries = nangoEntries(text);

describe("Nango's catalog", () => {
  it('is read for its 332 API_KEY and 99 BASIC entries', () => {
    const modes = [...entries.values()].map((e) => e.auth_mode);
    expect(modes.filter((m) => m === 'API_KEY')).toHaveLength(332);
    expect(modes.filter((m) => m === 'BASIC')).toHaveLength(99);
  });

  it('reads, from the entries it parses, what parsing the whole file reads', () => {
    const whole = [...allEntries(parse(text))].filter(([, entry]) => KEPT_AUTH_MODES.has(entry.auth_mode));
    expect([...entries.keys()]).toEqual(whole.map(([name]) => name));
    expect(Object.fromEntries(entries)).toEqual(Object.fromEntries(whole));
  });

  it('resolves an alias: the other entry, with its own fields over it', () => {
    const token = entries.get('gitlab-group-token');
    expect(token?.alias).toBeUndefined();
    expect(token?.categories).toEqual(['dev-tools', 'ticketing']);
    expect(token?.display_name).toBe('GitLab (Group Access Token)');
    expect(token?.auth_mode).toBe('API_KEY');
    expect(entries.get('aircall-basic')?.auth_mode).toBe('BASIC');
  });

  it('leaves out the other auth modes', () => {
    expect(entries.has('gitlab')).toBe(false);
    expect(entries.has('aircall')).toBe(false);
  });
});
