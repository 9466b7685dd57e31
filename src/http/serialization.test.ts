import fastJson from 'fast-json-stringify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ApiKeySchema } from './schemas.js';
import { forSerialization } from './serialization.js';

const serializerFor = (schema: unknown) => fastJson(forSerialization(schema) as fastJson.AnySchema);

describe('forSerialization', () => {
  it('turns a nullable value into a type list, and a union of literals into its type', () => {
    const schema = Type.Object({
      at: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
      role: Type.Union([Type.Literal('admin'), Type.Literal('member')]),
      limits: Type.Union([Type.Object({ limit: Type.Integer({ minimum: 1 }) }), Type.Null()]),
    });
    expect(forSerialization(schema)).toEqual({
      type: 'object',
      required: ['at', 'role', 'limits'],
      properties: {
        at: { type: ['string', 'null'] },
        role: { type: 'string' },
        limits: { type: ['object', 'null'], required: ['limit'], properties: { limit: { type: 'integer' } } },
      },
    });
  });

  it('leaves a union of two object shapes for the serializer to choose between', () => {
    const union = Type.Union([Type.Object({ a: Type.String() }), Type.Object({ b: Type.Integer() })]);
    expect((forSerialization(union) as { anyOf: unknown[] }).anyOf).toHaveLength(2);
  });

  it('keeps properties whose names are keywords', () => {
    const schema = Type.Object({ description: Type.String(), format: Type.String(), pattern: Type.Null() });
    const value = { description: 'd', format: 'f', pattern: null };
    expect(serializerFor(schema)(value)).toBe(JSON.stringify(value));
  });

  it('writes a key record exactly as JSON.stringify does, and nothing the schema does not name', () => {
    const record = {
      id: 'key_0VbywAoyrRNpERXOdyCE3a',
      orgId: 'org_0VbywAoDcKJ5cmQ9BsLi3u',
      ownerId: 'svc_0VbywAobejQb4G9zDugURv',
      name: 'verifier',
      description: null,
      meta: { team: 'billing', nested: { n: 1, list: [true, null] } },
      role: 'member',
      scopes: ['documents:read'],
      hint: 'acme_EoFF…',
      createdAt: '2026-11-25T11:04:19.024Z',
      createdBy: null,
      expiresAt: null,
      lastUsedAt: '2026-11-25T11:05:00.000Z',
      enabled: true,
      revokedAt: null,
      ratelimit: { limit: 10, duration: 1000 },
      quota: null,
      successorId: null,
    };
    const write = serializerFor(ApiKeySchema);
    expect(write(record)).toBe(JSON.stringify(record));
    expect(write({ ...record, hash: 'f'.repeat(64) })).toBe(JSON.stringify(record));
  });
});
