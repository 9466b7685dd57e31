import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCatalog, loadCatalog } from './catalog.js';
import { nangoEntries, readNangoCatalog } from './nango-source.js';

const catalog = loadCatalog();
const OWN = ['edge-impulse', 'generic-bearer', 'generic-header', 'keyward', 'sensu'];

describe('the catalog', () => {
  // These counts are of @nangohq/providers 0.71.10, pinned in package.json: a new version that changes
  // them must be read through (the refused list below says why each entry is left out) before it is taken.
  it('keeps 403 of Nango’s 431 API_KEY and BASIC entries, and Keyward’s 5', () => {
    const fromNango = [...catalog.providers.values()].filter((p) => p.source === 'nango');
    expect(fromNango).toHaveLength(403);
    expect(fromNango.filter((p) => p.authMode === 'API_KEY')).toHaveLength(316);
    expect(fromNango.filter((p) => p.authMode === 'BASIC')).toHaveLength(87);
    expect(catalog.refused).toHaveLength(28);
    expect(catalog.providers.size).toBe(408);
    expect(
      [...catalog.providers.values()]
        .filter((p) => p.source === 'keyward')
        .map((p) => p.name)
        .sort(),
    ).toEqual(OWN);
  });

  it('says why each entry is left out', () => {
    const reasons = Object.fromEntries(catalog.refused.map((r) => [r.name, r.reason]));
    expect(reasons).toMatchObject({
      'aws-iam': 'unsupported template function awsSigV4',
      'aws-inspector2': 'unsupported template function awsSigV4',
      'aws-multi-service': 'unsupported template function awsSigV4',
      'cisco-duo-admin': 'unsupported template function now',
      'streamline-ai': 'unsupported template function sha256Base64',
      devin: 'verification has 2 endpoints, and Keyward verifies with exactly one',
      adyntel: "proxy.body: Keyward's proxy does not rewrite request bodies",
      mandrill: "proxy.body: Keyward's proxy does not rewrite request bodies",
      jobvite: 'connection_config.secretKey is marked secret, and Keyward keeps connection_config in clear',
      klicktipp: 'the credential is never sent: no header, query or URL uses it',
      datadog:
        'connection_config.applicationKey is named like a secret, and Keyward keeps connection_config in clear',
      elevio: 'connection_config.jwt is named like a secret, and Keyward keeps connection_config in clear',
    });
    expect(reasons.gerrit).toMatch(/^connection_config.host is used as a host, but its example .* is a URL$/);
    const counts: Record<string, number> = {};
    for (const { reason } of catalog.refused) {
      const kind = reason.replace(/connection_config\.\w+/, 'connection_config.x').replace(/\(.*\)/, '(…)');
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    expect(counts).toEqual({
      "proxy.body: Keyward's proxy does not rewrite request bodies": 4,
      'connection_config.x is marked secret, and Keyward keeps connection_config in clear': 4,
      'connection_config.x is named like a secret, and Keyward keeps connection_config in clear': 10,
      'unsupported template function awsSigV4': 3,
      'the credential is never sent: no header, query or URL uses it': 2,
      'connection_config.x is used as a host, but its example (…) is a URL': 2,
      'verification has 2 endpoints, and Keyward verifies with exactly one': 1,
      'unsupported template function now': 1,
      'unsupported template function sha256Base64': 1,
    });
  });

  it('has no name in both catalogs', () => {
    const nango = nangoEntries(readNangoCatalog());
    expect(OWN.filter((name) => nango.has(name))).toEqual([]);
    expect(catalog.refused.filter((r) => r.reason.startsWith("Keyward's own entry"))).toEqual([]);
  });

  it('lets Keyward’s own entry replace Nango’s of the same name, and says so', () => {
    const own = readFileSync(new URL('./providers.yaml', import.meta.url), 'utf8');
    const sensu = (parse(own) as Record<string, unknown>).sensu;
    const renamed = buildCatalog(readNangoCatalog(), `${own}\nsentinelone: ${JSON.stringify(sensu)}\n`);
    expect(renamed.get('sentinelone')?.source).toBe('keyward');
    expect(renamed.refused).toContainEqual({
      name: 'sentinelone',
      reason: "Keyward's own entry of that name replaces it",
    });
  });

  it('throws, naming it, when one of Keyward’s own entries cannot be honoured', () => {
    const broken = 'mine:\n  auth_mode: API_KEY\n  proxy:\n    base_url: http://api.example.com\n';
    expect(() => buildCatalog('', broken)).toThrow(
      `Keyward's own provider "mine" cannot be honoured: base_url is not https`,
    );
  });
});

describe('list', () => {
  it('pages through every provider by name', () => {
    const names: string[] = [];
    let after: string | undefined;
    do {
      const page = catalog.list({ limit: 100, ...(after === undefined ? {} : { after }) });
      expect(page.providers.length).toBeLessThanOrEqual(100);
      names.push(...page.providers.map((p) => p.name));
      after = page.next;
    } while (after !== undefined);
    expect(names).toHaveLength(408);
    expect(names).toEqual([...names].sort());
    expect(new Set(names).size).toBe(408);
  });

  it('searches names, display names and categories, without regard to case', () => {
    expect(catalog.list({ search: 'SentinelOne' }).providers.map((p) => p.name)).toEqual(['sentinelone']);
    expect(catalog.list({ search: 'impulse' }).providers.map((p) => p.name)).toEqual(['edge-impulse']);
    expect(catalog.list({ search: 'any api (' }).providers.map((p) => p.name)).toEqual([
      'generic-bearer',
      'generic-header',
    ]);
    const ticketing = catalog.list({ search: 'ticketing', limit: 500 }).providers;
    expect(ticketing.length).toBeGreaterThan(5);
    expect(ticketing.every((p) => p.categories.includes('ticketing'))).toBe(true);
    expect(catalog.list({ search: 'no such provider' })).toEqual({ providers: [] });
  });

  it('pages a search, and ends without a next', () => {
    const first = catalog.list({ search: 'scim', limit: 3 });
    expect(first.providers.map((p) => p.name)).toEqual(['1password-scim', 'asana-scim', 'aws-scim']);
    expect(first.next).toBe('aws-scim');
    const all = catalog.list({ search: 'scim', limit: 500 });
    expect(all.next).toBeUndefined();
    const rest = catalog.list({ search: 'scim', limit: 500, after: 'aws-scim' });
    expect(rest.providers.map((p) => p.name)).toEqual(all.providers.slice(3).map((p) => p.name));
  });

  it('keeps the limit within 1–500, 50 when left out', () => {
    expect(catalog.list().providers).toHaveLength(50);
    expect(catalog.list({ limit: 0 }).providers).toHaveLength(1);
    expect(catalog.list({ limit: 10_000 }).providers).toHaveLength(408);
  });

  it('gets one by name', () => {
    expect(catalog.get('sentinelone')?.displayName).toBe('SentinelOne');
    expect(catalog.get('aws-iam')).toBeUndefined();
    expect(catalog.get('__proto__')).toBeUndefined();
  });
});
