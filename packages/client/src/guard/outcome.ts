import type { GuardErrorCode, Outcome, VerifiedKey, VerifyAnswer } from './types.js';

/**
 * What a request is answered, from Keyward's verdict about its key: the key itself, or `400` (credential
 * headers that contradict each other, as Keyward answers them), `401`, `403`, `429` or `503` in
 * Keyward's error shape, with Keyward's words where it has them.
 */

const STATUS = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
} as const;

const REFUSALS: Record<string, string> = {
  REVOKED: 'The API key has been revoked',
  EXPIRED: 'The API key has expired',
  DISABLED: 'The API key is disabled',
  OWNER_DISABLED: "The API key's owner is disabled or no longer a member",
};

export function refusal(
  code: GuardErrorCode,
  message: string,
  headers: Record<string, string> = {},
  requestId?: string,
): Outcome {
  const error = requestId === undefined ? { code, message } : { code, message, requestId };
  return { ok: false, status: STATUS[code], body: { success: false, error }, headers };
}

export const NO_CREDENTIAL = refusal(
  'UNAUTHORIZED',
  'Authentication required: send Authorization: Key <api-key>',
);

export const UNAVAILABLE = refusal('UNAVAILABLE', 'Key verification is unavailable; retry shortly', {
  'retry-after': '1',
});

/** The answer to a request, from Keyward's verdict; `headers` are those Keyward sent with it. */
export function outcomeOf(
  answer: VerifyAnswer,
  wanted: readonly string[],
  headers: Record<string, string>,
  requestId: string | undefined,
): Outcome {
  if (answer.valid) return { ok: true, key: verifiedKey(answer), headers };
  switch (answer.code) {
    case 'INSUFFICIENT_PERMISSIONS':
      return refusal('FORBIDDEN', `The API key lacks a permission: ${wanted.join(', ')}`, {}, requestId);
    case 'RATE_LIMITED':
      return refusal('RATE_LIMITED', "The API key's rate limit is spent", withRetryAfter(headers), requestId);
    case 'USAGE_EXCEEDED':
      return refusal('RATE_LIMITED', "The API key's usage quota is spent", headers, requestId);
    default:
      return refusal('UNAUTHORIZED', REFUSALS[answer.code] ?? 'The API key is not valid', {}, requestId);
  }
}

function verifiedKey(answer: VerifyAnswer): VerifiedKey {
  return Object.freeze({
    id: answer.keyId as string,
    ownerId: answer.ownerId as string,
    organizationId: answer.organizationId as string,
    role: answer.role ?? 'member',
    permissions: answer.permissions,
    expiresAt: answer.expiresAt,
    meta: answer.meta,
  });
}

/**
 * Keyward's Retry-After when it sent one; else the seconds its `RateLimit` field gives until the key's
 * window resets (`t`), which, unlike the body's `reset`, does not depend on two clocks agreeing.
 */
function withRetryAfter(headers: Record<string, string>): Record<string, string> {
  if (headers['retry-after'] !== undefined) return headers;
  const left = Number(/;\s*t=(\d+)/.exec(headers.ratelimit ?? '')?.[1] ?? 1);
  return { ...headers, 'retry-after': String(Math.max(1, left)) };
}
