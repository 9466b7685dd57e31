import { describe, expect, it } from 'vitest';
import { loadCatalog } from './catalog.js';
import { describeProvider } from './describe.js';
import type { Provider } from './types.js';

const catalog = loadCatalog();

function provider(name: string): Provider {
  const found = catalog.get(name);
  if (found === undefined) throw new Error(`no provider ${name}`);
  return found;
}

describe('describeProvider', () => {
  it('describes SentinelOne for a form', () => {
    expect(describeProvider(provider('sentinelone'))).toEqual({
      name: 'sentinelone',
      displayName: 'SentinelOne',
      authMode: 'API_KEY',
      categories: ['dev-tools'],
      docs: 'https://nango.dev/docs/api-integrations/sentinelone',
      docsConnect: 'https://nango.dev/docs/api-integrations/sentinelone/connect',
      verifies: true,
      fields: [
        {
          name: 'hostname',
          part: 'config',
          title: 'Hostname',
          description: 'The hostname of your SentinelOne management console',
          format: 'hostname',
          prefix: 'https://',
          example: 'your-tenant.sentinelone.net',
          optional: false,
          secret: false,
          docs: 'https://nango.dev/docs/api-integrations/sentinelone/connect#step-2-find-your-hostname',
          order: 1,
        },
        {
          name: 'apiKey',
          part: 'credentials',
          title: 'API Token',
          description: 'The API token for your SentinelOne service user',
          optional: false,
          secret: true,
          docs: 'https://nango.dev/docs/api-integrations/sentinelone/connect#step-1-generate-your-api-token',
          order: 2,
        },
      ],
    });
  });

  it('leaves hidden fields out, and shows patterns, enums and suffixes', () => {
    const freshdesk = describeProvider(provider('freshdesk'));
    expect(freshdesk.fields.map((f) => `${f.part}.${f.name}`)).toEqual([
      'config.subdomain',
      'credentials.username',
    ]);
    expect(freshdesk.fields[0]).toMatchObject({
      pattern: '^[a-z0-9_-]+$',
      prefix: 'https://',
      suffix: '.freshdesk.com',
    });
    expect(describeProvider(provider('dixa')).fields[0]).toMatchObject({ enum: ['dev', 'exports'] });
  });

  it('says when a provider has no verification', () => {
    expect(describeProvider(provider('stripe-api-key')).verifies).toBe(false);
  });

  it('describes every provider of the catalog, credentials as secrets', () => {
    for (const p of catalog.providers.values()) {
      const description = describeProvider(p);
      expect(description.fields.map((f) => f.order)).toEqual(description.fields.map((_, i) => i + 1));
      for (const field of description.fields) expect(field.secret).toBe(field.part === 'credentials');
    }
  });
});
