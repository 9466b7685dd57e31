import type { InjectOptions } from 'fastify';
import type { World } from '../../support/world.js';

/** A valid request of one operation, on real objects of the world: each table spoils one part of it. */
export interface Example {
  method: string;
  url: string;
  body?: Record<string, unknown>;
}

/** Every operation of the OpenAPI document, by name, as a valid request. */
export function examplesOf(w: World): Record<string, Example> {
  const org = `/v1/organizations/${w.orgA}`;
  const key = `/v1/apikeys/${w.keys.bob.id}`;
  const svc = `${org}/service-users/${w.serviceUser}`;
  const refresh = { refreshToken: 'a-refresh-token-this-api-never-issued' };
  const owner = { ownerId: w.users.bob, role: 'member' };
  return {
    'POST /v1/auth/token': { method: 'POST', url: '/v1/auth/token' },
    'POST /v1/auth/refresh': { method: 'POST', url: '/v1/auth/refresh', body: refresh },
    'POST /v1/auth/logout': { method: 'POST', url: '/v1/auth/logout', body: refresh },
    'GET /v1/me': { method: 'GET', url: '/v1/me' },
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
    'GET /v1/audit': { method: 'GET', url: '/v1/audit' },
    'GET /v1/audit/export': { method: 'GET', url: '/v1/audit/export' },
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
