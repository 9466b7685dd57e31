import { Type } from 'typebox';
import type { Deps } from '../../deps.js';
import type { CachedKey } from '../../keys/verify.js';
import { andThen } from '../../maybe-promise.js';
import type { ApiKey } from '../../store/types.js';
import type { App } from '../app.js';
import { keyBody, requireKey } from '../helpers.js';
import { ApiKeySchema, errorResponses, idOf } from '../schemas.js';
import { type Serialized, SerializedBodies } from '../serialization.js';

export const KeyParams = Type.Object({ keyId: idOf('key') });

/** What reading a key needs: the hot path (src/http/hot-path.ts) checks the same. */
export const READ_KEY = 'apikeys:read';

const records = new SerializedBodies<ApiKey>(ApiKeySchema);

/** A key's record as `GET /v1/apikeys/{id}` answers it, written once per version of the record. */
export function recordBody(entry: CachedKey): Serialized {
  // The write-behind updates lastUsedAt in place; any other change replaces the cached record.
  return records.get(entry.key, entry.key.lastUsedAt, () => keyBody(entry.key));
}

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
      andThen(
        requireKey(deps, request, request.params.keyId, READ_KEY),
        // The serializer passes a written body through (src/http/serialization.ts).
        ({ entry }) => recordBody(entry) as unknown as ApiKey,
      ),
  );
}
