import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { andThen } from '../../maybe-promise.js';
import type { App } from '../app.js';
import { keyBody, requireKey } from '../helpers.js';
import { ApiKeySchema, errorResponses, idOf } from '../schemas.js';

export const KeyParams = Type.Object({ keyId: idOf('key') });

export default function getApiKey(app: App, deps: Deps): void {
  app.get(
    '/v1/apikeys/:keyId',
    {
      schema: {
        tags: ['api keys'],
        summary: "A key's record (never the key itself)",
        params: KeyParams,
        response: { 200: ApiKeySchema, ...errorResponses },
      },
    },
    (request) =>
      andThen(requireKey(deps, request, request.params.keyId, 'apikeys:read'), ({ entry }) =>
        keyBody(entry.key),
      ),
  );
}
