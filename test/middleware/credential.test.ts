import { describe, expect, it } from 'vitest';
import { readCredential } from '../../packages/client/src/guard/credential.js';

function read(headers: Record<string, string>, raw?: string[]) {
  return readCredential({ header: (name) => headers[name], rawHeaders: raw });
}

describe('readCredential, as Keyward reads its own callers', () => {
  const KEY = 'acme_0123456789abcdefghijklmnopqrstuv';
  it('takes x-api-key, Authorization: Key and Authorization: Bearer, with any case of the scheme', () => {
    expect(read({ 'x-api-key': ` ${KEY} ` })).toEqual({ secret: KEY });
    expect(read({ authorization: `Key ${KEY}` })).toEqual({ secret: KEY });
    expect(read({ authorization: `bearer ${KEY}` })).toEqual({ secret: KEY });
  });

  it('answers null when no credential is sent', () => {
    expect(read({})).toBeNull();
  });

  it('refuses both headers at once, a repeated header, another scheme and an empty key', () => {
    expect(read({ 'x-api-key': KEY, authorization: `Key ${KEY}` })).toEqual({
      refused: 'authorization: send either Authorization or x-api-key, not both',
      ambiguous: true,
    });
    expect(
      read({ authorization: `Key ${KEY}` }, ['Authorization', `Key ${KEY}`, 'authorization', 'Key x']),
    ).toEqual({ refused: 'authorization: must appear at most once', ambiguous: true });
    expect(read({ 'x-api-key': `${KEY}, other` })).toEqual({
      refused: 'the API key must appear at most once',
      ambiguous: true,
    });
    expect(read({ authorization: `Basic ${KEY}` })).toEqual({
      refused: 'authorization: the scheme must be Key or Bearer',
    });
    expect(read({ authorization: 'Key ' })).toEqual({ refused: 'The API key is not valid' });
    expect(read({ 'x-api-key': 'k'.repeat(4097) })).toEqual({ refused: 'The API key is not valid' });
  });
});
