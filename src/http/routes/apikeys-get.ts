import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import { andThen } from '../../maybe-promise.js';
import type { ApiKey } from '../../store/types.js';
import type { App } from '../app.js';
import { keyBody, requireKey } from '../helpers.js';
import { ApiKeySchema, errorResponses, idOf } from '../schemas.js';
import { SerializedBodies } from '../serialization.js';

export const KeyParams = Type.Object({ keyId: idOf('key') });

export default function getApiKey(app: App, deps: Deps): void {
  const bodies = new SerializedBodies<ApiKey>();
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
    (request, reply) =>
      andThen(requireKey(deps, request, request.params.keyId, 'apikeys:read'), ({ entry }) =>
        // The write-behind updates lastUsedAt in place; any other change replaces the cached record.
        bodies.get(reply, entry.key, entry.key.lastUsedAt, () => keyBody(entry.key)),
      ),
  );
}
