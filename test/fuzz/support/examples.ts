import type { InjectOptions } from 'fastify';
import type { World } from '../../support/world.js';

/** A valid request of one operation, on real objects of the world: each table spoils one part of it. */
export interface Example {
  method: string;
  url: string;
  body?: Record<string, unknown>;
}

/** What a valid connection request needs besides the world: a connection, and the provider's address. */
export interface ConnectionExample {
  /** An existing webhook of organization A. */
  webhook: string;
  /** An existing connection of organization A. */
  connection: string;
  /** An existing connect session of organization A. */
  connectSession: string;
  /** The `hostname` of a provider that accepts `token`. */
  hostname: string;
  token: string;
}

/** Every operation of the OpenAPI document, by name, as a valid request. */
export function examplesOf(w: World, c: ConnectionExample): Record<string, Example> {
  const org = `/v1/organizations/${w.orgA}`;
  const key = `/v1/apikeys/${w.keys.bob.id}`;
  const con = `/v1/connections/${c.connection}`;
  const proxied = `${con}/proxy/web/api/v2.1/threats`;
  const filter = { filter: { ids: ['225494730938493804'] } };
  const svc = `${org}/service-users/${w.serviceUser}`;
  const refresh = { refreshToken: 'a-refresh-token-this-api-never-issued' };
  const owner = { ownerId: w.users.bob, role: 'member' };
  return {
    'POST /v1/auth/token': { method: 'POST', url: '/v1/auth/token' },
    'POST /v1/auth/refresh': { method: 'POST', url: '/v1/auth/refresh', body: refresh },
    'POST /v1/auth/logout': { method: 'POST', url: '/v1/auth/logout', body: refresh },
    'GET /v1/me': { method: 'GET', url: '/v1/me' },
    'POST /v1/console/session': {
      method: 'POST',
      url: '/v1/console/session',
      body: { username: 'bob', password: 'not-the-password-of-bob' },
    },
    'GET /v1/console/session': { method: 'GET', url: '/v1/console/session' },
    'DELETE /v1/console/session': { method: 'DELETE', url: '/v1/console/session' },
    'POST /v1/organizations': {
      method: 'POST',
      url: '/v1/organizations',
      body: { name: 'Gamma', keyPrefix: 'gam' },
    },
    'GET /v1/organizations': { method: 'GET', url: '/v1/organizations' },
    'GET /v1/organizations/{orgId}': { method: 'GET', url: org },
    'PATCH /v1/organizations/{orgId}': { method: 'PATCH', url: org, body: { name: 'Acme Two' } },
    'DELETE /v1/organizations/{orgId}': { method: 'DELETE', url: org },
    'POST /v1/organizations/{orgId}/members': {
      method: 'POST',
      url: `${org}/members`,
      body: { userId: w.users.carol, role: 'member' },
    },
    'GET /v1/organizations/{orgId}/members': { method: 'GET', url: `${org}/members` },
    'PATCH /v1/organizations/{orgId}/members/{userId}': {
      method: 'PATCH',
      url: `${org}/members/${w.users.bob}`,
      body: { role: 'admin' },
    },
    'DELETE /v1/organizations/{orgId}/members/{userId}': {
      method: 'DELETE',
      url: `${org}/members/${w.users.bob}`,
    },
    'POST /v1/users': {
      method: 'POST',
      url: '/v1/users',
      body: { username: 'erin', password: 'erin-password-1' },
    },
    'GET /v1/users': { method: 'GET', url: '/v1/users' },
    'GET /v1/users/{userId}': { method: 'GET', url: `/v1/users/${w.users.bob}` },
    'PATCH /v1/users/{userId}': {
      method: 'PATCH',
      url: `/v1/users/${w.users.bob}`,
      body: { disabled: true },
    },
    'DELETE /v1/users/{userId}': { method: 'DELETE', url: `/v1/users/${w.users.bob}` },
    'POST /v1/organizations/{orgId}/service-users': {
      method: 'POST',
      url: `${org}/service-users`,
      body: { name: 'deployer', role: 'member' },
    },
    'GET /v1/organizations/{orgId}/service-users': { method: 'GET', url: `${org}/service-users` },
    'GET /v1/organizations/{orgId}/service-users/{serviceUserId}': { method: 'GET', url: svc },
    'PATCH /v1/organizations/{orgId}/service-users/{serviceUserId}': {
      method: 'PATCH',
      url: svc,
      body: { name: 'ci-2' },
    },
    'DELETE /v1/organizations/{orgId}/service-users/{serviceUserId}': { method: 'DELETE', url: svc },
    'POST /v1/organizations/{orgId}/apikeys': {
      method: 'POST',
      url: `${org}/apikeys`,
      body: { name: 'new', ...owner },
    },
    'GET /v1/organizations/{orgId}/apikeys': { method: 'GET', url: `${org}/apikeys` },
    'GET /v1/apikeys/{keyId}': { method: 'GET', url: key },
    'PATCH /v1/apikeys/{keyId}': { method: 'PATCH', url: key, body: { name: 'renamed' } },
    'DELETE /v1/apikeys/{keyId}': { method: 'DELETE', url: key },
    'POST /v1/apikeys/lookup': {
      method: 'POST',
      url: '/v1/apikeys/lookup',
      body: { key: w.keys.bob.secret },
    },
    'POST /v1/apikeys/{keyId}/rotate': { method: 'POST', url: `${key}/rotate`, body: { gracePeriod: 60 } },
    'POST /v1/organizations/{orgId}/apikeys/import': {
      method: 'POST',
      url: `${org}/apikeys/import`,
      body: { keys: [{ apiKey: `acme_imported-${'i'.repeat(30)}`, name: 'imported', ...owner }] },
    },
    'POST /v1/keys/verify': { method: 'POST', url: '/v1/keys/verify', body: { key: w.keys.bob.secret } },
    'POST /v1/keys/report-leak': {
      method: 'POST',
      url: '/v1/keys/report-leak',
      body: { keys: [`acme_never-issued-${'n'.repeat(30)}`] },
    },
    'GET /v1/providers': { method: 'GET', url: '/v1/providers?search=sentinel' },
    'GET /v1/providers/{name}': { method: 'GET', url: '/v1/providers/sentinelone' },
    'POST /v1/organizations/{orgId}/connections': {
      method: 'POST',
      url: `${org}/connections`,
      body: {
        provider: 'sentinelone',
        name: 'EDR',
        config: { hostname: c.hostname },
        credentials: { apiKey: c.token },
      },
    },
    'GET /v1/organizations/{orgId}/connections': { method: 'GET', url: `${org}/connections` },
    'GET /v1/connections/{connectionId}': { method: 'GET', url: con },
    'PATCH /v1/connections/{connectionId}': { method: 'PATCH', url: con, body: { name: 'EDR two' } },
    'DELETE /v1/connections/{connectionId}': { method: 'DELETE', url: con },
    'POST /v1/connections/{connectionId}/check': { method: 'POST', url: `${con}/check` },
    'POST /v1/organizations/{orgId}/connect-sessions': {
      method: 'POST',
      url: `${org}/connect-sessions`,
      body: { providers: ['sentinelone'], connectionName: 'Their EDR', expiresIn: 600 },
    },
    'GET /v1/organizations/{orgId}/connect-sessions': { method: 'GET', url: `${org}/connect-sessions` },
    'DELETE /v1/connect-sessions/{sessionId}': {
      method: 'DELETE',
      url: `/v1/connect-sessions/${c.connectSession}`,
    },
    // The visitor's routes take the link's token in a header; without it they answer 401, after the
    // body has been validated.
    'GET /v1/connect/session': { method: 'GET', url: '/v1/connect/session' },
    'POST /v1/connect/connections': {
      method: 'POST',
      url: '/v1/connect/connections',
      body: { provider: 'sentinelone', config: { hostname: c.hostname }, credentials: { apiKey: c.token } },
    },
    'GET /v1/connections/{connectionId}/proxy/{*}': { method: 'GET', url: `${proxied}?limit=5` },
    'POST /v1/connections/{connectionId}/proxy/{*}': { method: 'POST', url: proxied, body: filter },
    'PUT /v1/connections/{connectionId}/proxy/{*}': { method: 'PUT', url: proxied, body: filter },
    'PATCH /v1/connections/{connectionId}/proxy/{*}': { method: 'PATCH', url: proxied, body: filter },
    'DELETE /v1/connections/{connectionId}/proxy/{*}': { method: 'DELETE', url: proxied },
    'GET /v1/vault': { method: 'GET', url: '/v1/vault' },
    'POST /v1/vault/rotate': { method: 'POST', url: '/v1/vault/rotate' },
    'GET /v1/audit': { method: 'GET', url: '/v1/audit' },
    'GET /v1/audit/export': { method: 'GET', url: '/v1/audit/export' },
    'GET /v1/audit/verify': { method: 'GET', url: '/v1/audit/verify' },
    'GET /v1/events': { method: 'GET', url: '/v1/events?heartbeat=30' },
    'POST /v1/organizations/{orgId}/webhooks': {
      method: 'POST',
      url: `${org}/webhooks`,
      body: { url: 'https://hooks.example.com/keyward', description: 'cache', events: ['key.revoked'] },
    },
    'GET /v1/organizations/{orgId}/webhooks': { method: 'GET', url: `${org}/webhooks` },
    'GET /v1/webhooks/{webhookId}': { method: 'GET', url: `/v1/webhooks/${c.webhook}` },
    'PATCH /v1/webhooks/{webhookId}': {
      method: 'PATCH',
      url: `/v1/webhooks/${c.webhook}`,
      body: { description: 'the cache', enabled: false },
    },
    'DELETE /v1/webhooks/{webhookId}': { method: 'DELETE', url: `/v1/webhooks/${c.webhook}` },
    'POST /v1/webhooks/{webhookId}/rotate-secret': {
      method: 'POST',
      url: `/v1/webhooks/${c.webhook}/rotate-secret`,
    },
    'GET /v1/webhooks/{webhookId}/deliveries': { method: 'GET', url: `/v1/webhooks/${c.webhook}/deliveries` },
    'GET /healthz': { method: 'GET', url: '/healthz' },
    'GET /readyz': { method: 'GET', url: '/readyz' },
    'GET /metrics': { method: 'GET', url: '/metrics' },
  };
}

export interface Spoil {
  /** A replacement body, sent as JSON. */
  body?: unknown;
  /** A replacement payload, sent as it is. */
  raw?: string;
  url?: string;
  /** Replaces the cluster admin's credentials and the content type. */
  headers?: Record<string, string | string[]>;
  remoteAddress?: string;
}

/**
 * The example's request as a cluster admin, with one part spoiled. A JSON body keeps its content type
 * unless the spoil names headers of its own.
 */
export function spoil(example: Example, w: World, change: Spoil = {}): InjectOptions {
  const hasBody = 'body' in change || example.body !== undefined || change.raw !== undefined;
  const payload =
    change.raw ??
    ('body' in change ? JSON.stringify(change.body) : hasBody ? JSON.stringify(example.body) : undefined);
  const headers = change.headers ?? {
    authorization: `Bearer ${w.tokens.admin}`,
    ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
  };
  return {
    method: example.method as never,
    url: change.url ?? example.url,
    headers: headers as InjectOptions['headers'],
    ...(payload === undefined ? {} : { payload }),
    ...(change.remoteAddress ? { remoteAddress: change.remoteAddress } : {}),
  };
}
