import type { CachedKey } from '../keys/verify.js';
import type { ApiKey } from '../store/types.js';
import { keyBody } from './helpers.js';
import { ApiKeySchema } from './schemas.js';
import { type Serialized, SerializedBodies } from './serialization.js';

/** What reading a key needs: `GET /v1/apikeys/{id}` and the hot path (src/http/hot-path.ts) check the same. */
export const READ_KEY = 'apikeys:read';

const records = new SerializedBodies<ApiKey>(ApiKeySchema);

/**
 * A key's record as `GET /v1/apikeys/{id}` answers it, written once per version of the record; the route
 * and the hot path send the same body.
 */
export function recordBody(entry: CachedKey): Serialized {
  // The write-behind updates lastUsedAt in place; any other change replaces the cached record.
  return records.get(entry.key, entry.key.lastUsedAt, () => keyBody(entry.key));
}
