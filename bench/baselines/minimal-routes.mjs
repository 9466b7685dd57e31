import { hash } from 'node:crypto';
import Fastify from 'fastify';

/**
 * The least a key service's two hot routes can do on Fastify 5, as PRODUCT.md §10 describes its
 * "minimal verify route": a JSON body, schemas, two SHA-256 digests and two Map lookups. It knows the
 * bench's two keys (BENCH_KEYS, a JSON object) and answers bodies with Keyward's fields, but has no
 * security headers, request ids, logging, permissions or usage tracking. Started pinned by
 * bench/http.ts, after Keyward, whose keys it is given.
 */
const { callerKey, callerId, validKey, validId } = JSON.parse(process.env.BENCH_KEYS ?? '{}');
const digest = (key) => hash('sha256', key, 'hex');
const record = (id) => ({
  id,
  orgId: 'org_0000000000000000000000',
  ownerId: 'usr_0000000000000000000000',
  name: 'bench',
  description: null,
  meta: null,
  role: 'member',
  scopes: null,
  hint: 'bench_0000…',
  createdAt: new Date().toISOString(),
  createdBy: 'usr_0000000000000000000000',
  expiresAt: null,
  lastUsedAt: null,
  enabled: true,
  revokedAt: null,
  ratelimit: null,
  quota: null,
});
const keys = new Map([
  [digest(callerKey), record(callerId)],
  [digest(validKey), record(validId)],
]);

const nullable = (type) => ({ type: [type, 'null'] });
const recordSchema = {
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(record('x')).map(([name, value]) => [
      name,
      typeof value === 'boolean' ? { type: 'boolean' } : typeof value === 'string' ? nullable('string') : {},
    ]),
  ),
};

/** The caller's record, from `Authorization: Key <key>`: one digest and one lookup. */
function caller(authorization) {
  return authorization?.startsWith('Key ') ? keys.get(digest(authorization.slice(4))) : undefined;
}

const app = Fastify();
app.post(
  '/v1/keys/verify',
  {
    schema: {
      body: {
        type: 'object',
        required: ['key'],
        additionalProperties: false,
        properties: {
          key: { type: 'string', maxLength: 4096 },
          permissions: { type: 'array', maxItems: 64, items: { type: 'string' } },
        },
      },
      response: {
        200: {
          type: 'object',
          properties: {
            valid: { type: 'boolean' },
            code: { type: 'string' },
            keyId: nullable('string'),
            ownerId: nullable('string'),
            organizationId: nullable('string'),
            role: nullable('string'),
            permissions: { type: 'array', items: { type: 'string' } },
            expiresAt: nullable('string'),
            meta: { type: ['object', 'null'], additionalProperties: true },
          },
        },
      },
    },
  },
  async (request) => {
    // A caller it does not know is a broken bench: the 500 makes wrk's run fail.
    if (!caller(request.headers.authorization)) throw new Error('unknown caller');
    const found = keys.get(digest(request.body.key));
    return {
      valid: found !== undefined,
      code: found ? 'VALID' : 'NOT_FOUND',
      keyId: found?.id ?? null,
      ownerId: found?.ownerId ?? null,
      organizationId: found?.orgId ?? null,
      role: found?.role ?? null,
      permissions: ['keys:verify'],
      expiresAt: null,
      meta: null,
    };
  },
);
app.get(
  '/v1/apikeys/:keyId',
  {
    schema: {
      params: {
        type: 'object',
        properties: { keyId: { type: 'string', pattern: '^key_[0-9A-Za-z]{22}$' } },
      },
      response: { 200: recordSchema },
    },
  },
  async (request) => {
    const found = caller(request.headers.authorization);
    if (!found || found.id !== request.params.keyId) throw new Error('not the caller');
    return found;
  },
);
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`minimal routes listening on ${url}\n`);
