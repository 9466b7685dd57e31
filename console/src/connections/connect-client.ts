import { type ApiError, send } from '../api.js';
import type { ConnectOffer, FieldValues } from './types.js';

/**
 * The Connect page's own way to the API. Its visitor has no session: the link's token, sent in
 * `x-connect-token`, is the only credential, so neither the session cookie nor the console's CSRF header
 * (api.ts) goes with it. The token lives in the caller's memory only.
 */
function connectCall<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, { body, headers: { 'x-connect-token': token }, credentials: 'omit' });
}

/** What the link offers: the organization's name and each provider's form. */
export const connectOffer = (token: string) => connectCall<ConnectOffer>(token, 'GET', '/v1/connect/session');

/** Connects a provider through the link: checked with the provider, then stored, and the link is used. */
export const connectThroughLink = (token: string, provider: string, values: FieldValues) =>
  connectCall<{ id: string; provider: string; name: string; checked: boolean }>(
    token,
    'POST',
    '/v1/connect/connections',
    { provider, ...values },
  );

/** Whether a failure means the link cannot be used: unknown (401) or ended (410). */
export function linkIsDead(error: ApiError): boolean {
  return error.status === 401 || error.code === 'CONNECT_SESSION_ENDED';
}
