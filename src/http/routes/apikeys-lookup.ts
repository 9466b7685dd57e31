import { Type } from 'typebox';
import { orgAccess } from '../../auth/caller.js';
import type { Deps } from '../../deps.js';
import { notFound } from '../../errors.js';
import { MAX_KEY_LENGTH } from '../../keys/format.js';
import type { ApiKey } from '../../store/types.js';
import type { App } from '../app-type.js';
import { keyRefusal } from '../guards.js';
import { assertMayTrySupplied } from '../key-issuance.js';
import { READ_KEY, recordBody } from '../key-record.js';
import { ApiKeySchema, Closed, errorResponses } from '../schemas.js';

export default function lookupApiKey(app: App, deps: Deps): void {
  app.post(
    '/v1/apikeys/lookup',
    {
      schema: {
        tags: ['api keys'],
        summary: "A key's record, found by the key itself (which goes in the body, never in a URL)",
        description:
          "Answers what `GET /v1/apikeys/{keyId}` answers, for revoked, disabled and expired keys too, to a caller who may read that key. Any other caller, and any key that is unknown or malformed, gets the same 404, which counts as a failed attempt towards the address's throttle: the route tells nothing that the caller could not read by id. It is not a use of the key: no lastUsedAt, no quota or rate limit is spent.",
        body: Type.Object(
          { key: Type.String({ minLength: 1, maxLength: MAX_KEY_LENGTH, description: 'The API key' }) },
          Closed,
        ),
        response: { 200: ApiKeySchema, ...errorResponses },
      },
    },
    async (request) => {
      assertMayTrySupplied(deps, request);
      const found = await deps.finder.find(request.body.key, deps.clock());
      if (typeof found !== 'string') {
        const access = await orgAccess(deps.store, request.caller, found.key.orgId);
        // Lacking apikeys:read is a 404 here, not GET's 403: a 403 would confirm the key exists.
        if (!keyRefusal(access, found, request.caller.id, READ_KEY))
          // The serializer passes a written body through (src/http/serialization.ts).
          return recordBody(found) as unknown as ApiKey;
      }
      deps.throttle.recordFailure(request.ip, deps.clock());
      throw notFound('API key');
    },
  );
}
