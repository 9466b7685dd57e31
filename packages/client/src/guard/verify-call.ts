import type { VerifyAnswer } from './types.js';

/** Keyward's answer to one verification, or why there is none. */
export type VerifyCall =
  | {
      answer: VerifyAnswer;
      /** The IETF RateLimit header fields (and Retry-After) Keyward sent about the presented key. */
      headers: Record<string, string>;
      requestId: string | undefined;
    }
  /** No answer: Keyward was not reached, timed out or failed (5xx); the grace period may apply. */
  | { unreachable: true }
  /** Keyward answered, but refused the service itself (its own key): a misconfiguration, never graced. */
  | { refused: number };

const PASSED_HEADERS = ['ratelimit-policy', 'ratelimit', 'retry-after'];

/** Asks Keyward about a presented key: `POST /v1/keys/verify`, with the service's own credential. */
export async function callVerify(
  url: string,
  authorization: string,
  secret: string,
  permissions: readonly string[],
  timeoutMs: number,
): Promise<VerifyCall> {
  let response: Response;
  let body: unknown;
  try {
    response = await fetch(`${url}/v1/keys/verify`, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(permissions.length > 0 ? { key: secret, permissions } : { key: secret }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status >= 500) {
      await response.body?.cancel();
      return { unreachable: true };
    }
    if (response.status !== 200) {
      await response.body?.cancel();
      return { refused: response.status };
    }
    body = await response.json();
  } catch {
    return { unreachable: true };
  }
  if (!isAnswer(body)) return { unreachable: true };
  const headers: Record<string, string> = {};
  for (const name of PASSED_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  return { answer: body, headers, requestId: response.headers.get('x-request-id') ?? undefined };
}

function isAnswer(body: unknown): body is VerifyAnswer {
  const answer = body as Partial<VerifyAnswer> | null;
  return (
    typeof answer === 'object' &&
    answer !== null &&
    typeof answer.valid === 'boolean' &&
    typeof answer.code === 'string' &&
    Array.isArray(answer.permissions)
  );
}
