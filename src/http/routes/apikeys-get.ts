import type { Deps } from '../../deps.js';
import { andThen } from '../../maybe-promise.js';
import type { ApiKey } from '../../store/types.js';
import type { App } from '../app-type.js';
import { requireKey } from '../guards.js';
import { READ_KEY, recordBody } from '../key-record.js';
import { KeyParams } from '../params.js';
import { ApiKeySchema, errorResponses } from '../schemas.js';

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
