import { expect, it } from 'vitest';
import { ADMIN_PASSWORD } from '../support/app.js';
import { expected, type Row } from './support/answers.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';
import { OPERATIONS, type Operation } from './support/operations.js';

/**
 * PRODUCT.md §11, headers that are missing or doubled, on every endpoint that takes credentials. Framing
 * errors are refused before any key is looked up, so they record nothing, not even a failed
 * authentication. Bad credentials are a different thing: they are refused with 401 and audited as
 * `auth.failed`, the one change those rows allow.
 */
const f = useWorld();

const authenticated = OPERATIONS.filter((op) => op.authenticated);
let address = 0;
/** A client address per request, so that failures counted by the throttle never turn a 401 into a 429. */
const nextAddress = () => `10.9.${Math.floor(++address / 250)}.${address % 250}`;
const sent = (op: Operation, headers: Record<string, string | string[]>) =>
  spoil(f.example(op.name), f.w, { headers, remoteAddress: nextAddress() });
const everywhere = (expect: string, headers: (op: Operation) => Record<string, string | string[]>): Row[] =>
  authenticated.map((op) => ({ name: op.name, request: sent(op, headers(op)), expect }));

/** Reads can take working credentials safely; writes get two junk ones, so a wrong server changes little. */
const pair = (op: Operation): [string, string] =>
  op.method === 'GET'
    ? [`Bearer ${f.w.tokens.admin}`, `Key ${f.w.keys.alice.secret}`]
    : [`Key acme_${'j'.repeat(32)}`, `Bearer beta_${'k'.repeat(32)}`];

it('no credentials get 401 from every authenticated endpoint', async () => {
  const rows = everywhere(
    '401 UNAUTHORIZED Authentication required: send Authorization: Key <api-key>',
    () => ({}),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a doubled x-api-key gets 400 from every authenticated endpoint', async () => {
  const key = (op: Operation) => (op.method === 'GET' ? f.w.keys.alice.secret : `acme_${'j'.repeat(32)}`);
  const rows = everywhere('400 INVALID_REQUEST x-api-key: must appear at most once', (op) => ({
    'x-api-key': [key(op), key(op)],
  }));
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a doubled Authorization gets 400 from every authenticated endpoint', async () => {
  const rows = everywhere('400 INVALID_REQUEST authorization: must appear at most once', (op) => ({
    authorization: pair(op),
  }));
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('both Authorization and x-api-key get 400 from every authenticated endpoint', async () => {
  const rows = everywhere(
    '400 INVALID_REQUEST authorization: send either Authorization or x-api-key, not both',
    (op) => ({
      authorization: pair(op)[0],
      'x-api-key': `acme_${'j'.repeat(32)}`,
    }),
  );
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a scheme other than Key or Bearer gets 401 from every authenticated endpoint', async () => {
  const basic = `Basic ${Buffer.from(`admin:${ADMIN_PASSWORD}`).toString('base64')}`;
  const rows = everywhere('401 UNAUTHORIZED authorization: the scheme must be Key or Bearer', () => ({
    authorization: basic,
  }));
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('bad credentials get 401 and change nothing but the audit of the failure', async () => {
  const me = OPERATIONS.find((op) => op.name === 'GET /v1/me') as Operation;
  const bad = (label: string, headers: Record<string, string>, expect: string): Row => ({
    name: label,
    request: sent(me, headers),
    expect,
    badCredentials: true,
  });
  const key = '401 UNAUTHORIZED The API key is not valid';
  const rows = [
    bad('an empty x-api-key', { 'x-api-key': '' }, key),
    bad('Key with nothing after it', { authorization: 'Key' }, key),
    bad('a key in Cyrillic', { 'x-api-key': `acme_${'ключ'.repeat(9)}` }, key),
    bad('a key with a right-to-left override', { authorization: `Key acme_${'a'.repeat(30)}\u202e` }, key),
    bad('a key of an unknown prefix', { authorization: `Key zzz_${'a'.repeat(40)}` }, key),
    bad(
      'a revoked key',
      { authorization: `Key ${f.w.keys.revoked.secret}` },
      '401 UNAUTHORIZED The API key has been revoked',
    ),
    bad(
      'a forged token',
      { authorization: `Bearer ${f.w.tokens.admin.slice(0, -4)}AAAA` },
      '401 UNAUTHORIZED The access token is not valid',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('sign-in refuses missing, malformed and doubled Basic credentials', async () => {
  const token = OPERATIONS.find((op) => op.name === 'POST /v1/auth/token') as Operation;
  const basic = (user: string, password: string) =>
    `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const sign = (
    label: string,
    headers: Record<string, string | string[]>,
    expect: string,
    bad = false,
  ): Row => ({
    name: label,
    request: sent(token, headers),
    expect,
    badCredentials: bad,
  });
  const send = '401 UNAUTHORIZED authorization: send HTTP Basic username and password';
  const rows = [
    sign('no Authorization', {}, send),
    sign('a Bearer token', { authorization: `Bearer ${f.w.tokens.admin}` }, send),
    sign(
      'Basic without a colon',
      { authorization: `Basic ${Buffer.from('admin').toString('base64')}` },
      send,
    ),
    sign('Basic with an empty username', { authorization: basic('', ADMIN_PASSWORD) }, send),
    sign(
      'a wrong password',
      { authorization: basic('admin', 'wrong') },
      '401 UNAUTHORIZED The username or password is wrong, or the user is disabled',
      true,
    ),
    sign(
      'a doubled Authorization',
      { authorization: [basic('admin', ADMIN_PASSWORD), basic('admin', 'wrong')] },
      '400 INVALID_REQUEST authorization: must appear at most once',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});
