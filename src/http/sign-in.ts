import type { FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { KeywardError } from '../errors.js';
import type { User } from '../store/types.js';
import { auditInput, throttled } from './helpers.js';

/**
 * The user a username and password prove, for every way of signing in (`POST /v1/auth/token`, the
 * console's `POST /v1/console/session`). The attempt is counted as a failure before anything is awaited,
 * and taken back on success, so that concurrent guesses are throttled exactly as sequential ones are
 * (PRODUCT.md §4a). A wrong password, an unknown user and a disabled one get the same answer, audited.
 */
export async function checkPassword(
  deps: Deps,
  request: FastifyRequest,
  username: string,
  password: string,
): Promise<User> {
  const retryAfter = deps.signInThrottle.attempt(request.ip, deps.clock());
  if (retryAfter > 0)
    throw throttled(
      deps,
      request,
      deps.signInThrottle,
      retryAfter,
      'Too many failed sign-ins from this address',
    );
  let user: Awaited<ReturnType<typeof deps.store.findUserCredentials>>;
  let ok: boolean;
  try {
    user = await deps.store.findUserCredentials(username);
    ok = await deps.passwords.verify(password, user?.passwordHash ?? null);
  } catch (error) {
    // Not checked (the store failed, or too many checks at once): not a failed guess either.
    deps.signInThrottle.refund(request.ip);
    throw error;
  }
  if (!user || !ok || user.disabled) {
    deps.failures.record(
      auditInput(request, 'auth.failed', {
        outcome: 'failure',
        targetId: user?.id ?? null,
        details: { reason: user?.disabled ? 'USER_DISABLED' : 'BAD_PASSWORD' },
      }),
    );
    throw new KeywardError('UNAUTHORIZED', 'The username or password is wrong, or the user is disabled');
  }
  deps.signInThrottle.refund(request.ip);
  return user;
}
