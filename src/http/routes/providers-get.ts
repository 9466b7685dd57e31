import { Type } from 'typebox';
import { describeProvider } from '../../connections/index.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import type { App } from '../app-type.js';
import { ProviderSchema } from '../connections.js';
import { errorResponses } from '../schemas.js';

export default function getProvider(app: App, deps: Deps): void {
  app.get(
    '/v1/providers/:name',
    {
      schema: {
        tags: ['connections'],
        summary: 'Get a provider: what a form for a connection to it needs',
        description:
          'The fields in form order, with their titles, formats, examples, prefixes, which are secret, and a link to where the provider explains each.',
        params: Type.Object({
          name: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{0,99}$', maxLength: 100 }),
        }),
        response: { 200: ProviderSchema, ...errorResponses },
      },
    },
    async (request) => {
      const provider = deps.catalog.get(request.params.name);
      if (!provider) throw notFound('Provider');
      return describeProvider(provider);
    },
  );
}
