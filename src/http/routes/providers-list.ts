import { Type } from 'typebox';
import { describeProvider } from '../../connections/index.js';
import type { Deps } from '../../deps.js';
import type { App } from '../app-type.js';
import { ProviderSummarySchema } from '../connections.js';
import { encodeCursor, pageFrom } from '../helpers.js';
import { Closed, errorResponses, listOf, PageQuery } from '../schemas.js';

export default function listProviders(app: App, deps: Deps): void {
  app.get(
    '/v1/providers',
    {
      schema: {
        tags: ['connections'],
        summary: 'List the providers connections can be made to',
        description:
          "Nango's catalog (its API_KEY and BASIC providers) and Keyward's own entries, by name. `search` matches the name, the display name and the categories, in any case. Any signed-in caller may read the catalog.",
        querystring: Type.Object(
          { ...PageQuery, search: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) },
          Closed,
        ),
        response: { 200: listOf(ProviderSummarySchema), ...errorResponses },
      },
    },
    async (request) => {
      const page = pageFrom(request.query, 'name');
      const found = deps.catalog.list({
        limit: page.limit,
        ...(page.after === null ? {} : { after: page.after }),
        ...(request.query.search === undefined ? {} : { search: request.query.search }),
      });
      return {
        items: found.providers.map((provider) => {
          const { fields: _fields, ...summary } = describeProvider(provider);
          return summary;
        }),
        nextCursor: encodeCursor(found.next ?? null),
      };
    },
  );
}
