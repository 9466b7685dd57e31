import type { ApiError } from '../api.js';
import { Failure } from '../load.js';

/**
 * A failed save, said in the provider's name. A credential the provider refused (`CONNECTION_CHECK_FAILED`)
 * reads "SentinelOne did not accept these credentials", with the API's own sentence below it (the status
 * it answered, or why it could not be reached); any other failure is shown as the API said it.
 */
export function Refusal({ error, displayName }: { error: ApiError; displayName: string }) {
  if (error.code !== 'CONNECTION_CHECK_FAILED') return <Failure error={error} />;
  const refused = / did not accept /.test(error.message);
  return (
    <div class="failure" role="alert">
      <p>
        <strong>
          {refused
            ? `${displayName} did not accept these credentials.`
            : `${displayName} could not check these credentials.`}
        </strong>{' '}
        Check them and try again.
      </p>
      <p class="muted">{error.message}</p>
    </div>
  );
}
