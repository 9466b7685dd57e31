import { expect, it } from 'vitest';
import { expected, invalid } from './support/answers.js';
import { spoil } from './support/examples.js';
import { useWorld } from './support/fixture.js';

/**
 * PRODUCT.md §11, Unicode tricks: look-alike letters where the API wants ASCII, control characters of
 * the C1 block, and unpaired surrogates, which no UTF-8 store can hold and so come back changed. Where
 * the rule is not written yet, a row asks only for a 400 that names the field.
 */
const f = useWorld();
const { body, row } = f;

const CREATE = 'POST /v1/organizations/{orgId}/apikeys';
/** A JSON body whose `name` is given as raw JSON text, so that escapes such as `\ud800` reach the server. */
const rawName = (op: string, name: string) =>
  JSON.stringify({ ...body(op), name: 0 }).replace('"name":0', `"name":${name}`);

it('look-alike letters are refused where the API wants ASCII', async () => {
  const rows = [
    row(
      'POST /v1/users',
      { body: { username: '\u0430lice', password: 'alice-password-2' } },
      invalid('body.username: must match pattern "^[a-z0-9][a-z0-9._-]{1,63}$"'),
      'a Cyrillic а in a username',
    ),
    row(
      'POST /v1/organizations',
      { body: { name: 'Gamma', keyPrefix: '\uff41cme' } },
      invalid('body.keyPrefix: must match pattern "^[a-z0-9]{2,16}$"'),
      'a fullwidth ａ in a key prefix',
    ),
    row(
      CREATE,
      { body: { ...body(CREATE), scopes: ['documents:re\u0430d'] } },
      invalid(
        'body.scopes[0]: must match pattern "^(\\*|[a-z0-9][a-z0-9_.-]{0,63}:(\\*|[a-z0-9][a-z0-9_.-]{0,63}))$"',
      ),
      'a Cyrillic а in a scope',
    ),
    row(
      CREATE,
      { body: { ...body(CREATE), apiKey: `acme_${'a'.repeat(30)}\u200b` } },
      invalid('body.apiKey: may use only letters, digits and _ . ~ + / = -'),
      'a zero-width space in a key',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('C1 control characters in names are refused, like C0 ones', async () => {
  const named = (op: string, name: string, label: string) =>
    row(op, { body: { ...body(op), name } }, /^400 INVALID_REQUEST body\.name: /, label);
  const rows = [
    named('POST /v1/organizations', 'Acme\u009b31m', 'CSI (U+009B)'),
    named('PATCH /v1/organizations/{orgId}', 'Acme\u0085Two', 'NEL (U+0085)'),
    named(CREATE, 'key\u0090', 'DCS (U+0090)'),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('unpaired surrogates are refused rather than stored changed', async () => {
  const rows = [
    row(
      'POST /v1/organizations',
      { raw: rawName('POST /v1/organizations', '"Acme\\ud800"') },
      /^400 INVALID_REQUEST body\.name: /,
      'a lone high surrogate',
    ),
    row(
      'PATCH /v1/apikeys/{keyId}',
      { raw: rawName('PATCH /v1/apikeys/{keyId}', '"\\udc00key"') },
      /^400 INVALID_REQUEST body\.name: /,
      'a lone low surrogate',
    ),
    row(
      'POST /v1/organizations/{orgId}/service-users',
      { raw: rawName('POST /v1/organizations/{orgId}/service-users', '"\\udc00\\ud800"') },
      /^400 INVALID_REQUEST body\.name: /,
      'surrogates in the wrong order',
    ),
  ];
  expect(await f.answers(rows)).toEqual(expected(rows));
});

it('a name with a surrogate pair, such as an emoji, is taken as it is', async () => {
  const reply = await f.t.app.inject(
    spoil(f.example('PATCH /v1/apikeys/{keyId}'), f.w, {
      raw: rawName('PATCH /v1/apikeys/{keyId}', '"key \\ud83d\\udd11"'),
    }),
  );
  expect(reply.statusCode).toBe(200);
  expect(reply.json().name).toBe('key 🔑');
});
