import { expect, it } from 'vitest';
import { expected, invalid } from './support/answers.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';
import { OPERATIONS } from './support/operations.js';

/**
 * PRODUCT.md §11, bad input that breaks a rule of the API: a ttl that is negative, zero or too large, a
 * caller-supplied key that is too short or has the wrong prefix, timestamps that are no instant, and
 * control characters in names. Each row must get exactly its answer and change nothing.
 */
const f = useWorld();
const { body, row } = f;

const CREATE = 'POST /v1/organizations/{orgId}/apikeys';
const IMPORT = 'POST /v1/organizations/{orgId}/apikeys/import';

it('a ttl that is zero, negative, fractional or too large is refused', async () => {
  const ttl = (value: unknown, expect: string) =>
    row(CREATE, { body: { ...body(CREATE), ttl: value } }, invalid(expect), `ttl ${value}`);
  const grace = (value: unknown, expect: string) =>
    row(
      'POST /v1/apikeys/{keyId}/rotate',
      { body: { gracePeriod: value } },
      invalid(expect),
      `grace ${value}`,
    );
  const rows = [
    ttl(0, 'body.ttl: must be >= 1'),
    ttl(-1, 'body.ttl: must be >= 1'),
    ttl(10 ** 12, 'body.ttl: must be <= 315360000'),
    ttl(315_360_001, 'body.ttl: must be <= 315360000'),
    ttl(1.5, 'body.ttl: must be integer'),
    grace(-1, 'body.gracePeriod: must be >= 0'),
    grace(2_592_001, 'body.gracePeriod: must be <= 2592000'),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a caller-supplied key that is short, foreign, or a forged generated one is refused', async () => {
  const key = (apiKey: string, expect: string, label: string) =>
    row(CREATE, { body: { ...body(CREATE), apiKey } }, invalid(expect), label);
  const rows = [
    key('acme_too-short', 'body.apiKey: must be at least 32 characters long', 'too short'),
    key(
      `beta_${'a'.repeat(40)}`,
      `body.apiKey: must start with "acme_", this organization's prefix`,
      'wrong prefix',
    ),
    key(
      `acme${'a'.repeat(40)}`,
      `body.apiKey: must start with "acme_", this organization's prefix`,
      'no separator',
    ),
    key(
      `ACME_${'a'.repeat(40)}`,
      `body.apiKey: must start with "acme_", this organization's prefix`,
      'upper case',
    ),
    key(`acme_${'a'.repeat(30)} x`, 'body.apiKey: may use only letters, digits and _ . ~ + / = -', 'a space'),
    key(
      `acme_${'A'.repeat(38)}`,
      'body.apiKey: has the shape of a generated key but its checksum fails',
      'bad checksum',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('an import refuses such keys entry by entry, storing nothing', async () => {
  const entry = (body(IMPORT).keys as object[])[0] as Record<string, unknown>;
  const keys = [`acme_short`, `beta_${'b'.repeat(40)}`, `acme_${'A'.repeat(38)}`].map((apiKey) => ({
    ...entry,
    apiKey,
  }));
  const before = await f.snapshots.take();
  const reply = await f.t.app.inject(spoil(f.example(IMPORT), f.w, { body: { keys } }));
  expect(reply.statusCode, reply.body).toBe(200);
  expect(reply.json().results.map((r: any) => `${r.success} ${r.error?.message}`)).toEqual([
    'false body.keys[0].apiKey: must be at least 32 characters long',
    `false body.keys[1].apiKey: must start with "acme_", this organization's prefix`,
    'false body.keys[2].apiKey: has the shape of a generated key but its checksum fails',
  ]);
  expect(await f.snapshots.take()).toStrictEqual(before);
});

it('timestamps that are not instants are refused', async () => {
  const svc = 'POST /v1/organizations/{orgId}/service-users';
  const at = (expiresAt: string, expect: string) =>
    row(svc, { body: { name: 'd', role: 'member', expiresAt } }, invalid(expect), expiresAt);
  const format = 'body.expiresAt: must match format "date-time"';
  const rows = [
    at('2030-06-30T23:59:60Z', format),
    at('2031-02-29T00:00:00Z', format),
    at('2031-01-01', format),
    at('2031-01-01T00:00:00', format),
    at('tomorrow', format),
    at('2001-01-01T00:00:00Z', 'body.expiresAt: must be in the future'),
    row(
      IMPORT,
      { body: { keys: [{ ...(body(IMPORT).keys as object[])[0], expiresAt: '2030-06-30T23:59:60Z' }] } },
      invalid('body.keys[0].expiresAt: must match format "date-time"'),
      'a leap second',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('control characters in names are refused', async () => {
  // The rule is quoted from the document, which spells the pattern each field is held to.
  const pattern = (op: string, field: string) => {
    const schema = OPERATIONS.find((o) => o.name === op)?.body?.properties?.[field];
    return `must match pattern "${schema?.pattern}"`;
  };
  const rule = pattern('POST /v1/organizations', 'name');
  const named = (op: string, name: string, extra: Record<string, unknown> = {}) =>
    row(op, { body: { ...body(op), ...extra, name } }, invalid(`body.name: ${rule}`), JSON.stringify(name));
  const rows = [
    named('POST /v1/organizations', 'Acme\u0000'),
    named('PATCH /v1/organizations/{orgId}', 'Ac\nme'),
    named('POST /v1/organizations/{orgId}/service-users', '\u001b[31mred'),
    named('PATCH /v1/organizations/{orgId}/service-users/{serviceUserId}', 'ci\u007f'),
    named(CREATE, 'bell\u0007'),
    named('PATCH /v1/apikeys/{keyId}', 'tab\there'),
    row(
      IMPORT,
      { body: { keys: [{ ...(body(IMPORT).keys as object[])[0], name: 'x\u0008' }] } },
      invalid(`body.keys[0].name: ${rule}`),
      'backspace',
    ),
    row(
      'POST /v1/keys/report-leak',
      { body: { keys: ['k'], source: 'github\r\nX-Injected: 1' } },
      invalid(`body.source: ${pattern('POST /v1/keys/report-leak', 'source')}`),
      'CRLF in source',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});
