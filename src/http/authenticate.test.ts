import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { readCredential } from './authenticate.js';

/** A request as Node's parser leaves it: the raw header list, and the lowered names it joins from it. */
function message(raw: string[]): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    if (!(name in headers)) headers[name] = raw[i + 1] as string;
  }
  return { rawHeaders: raw, headers } as unknown as IncomingMessage;
}

const read = (...raw: string[]) => readCredential(message(raw));

function refusal(...raw: string[]): string {
  try {
    read(...raw);
  } catch (error) {
    return `${(error as { code: string }).code} ${(error as Error).message}`;
  }
  return 'accepted';
}

describe('readCredential', () => {
  it('reads the scheme in any case, and only Key or Bearer', () => {
    expect(read('authorization', 'Key acme_1')).toEqual({ scheme: 'key', secret: 'acme_1' });
    expect(read('Authorization', 'KEY acme_1')).toEqual({ scheme: 'key', secret: 'acme_1' });
    expect(read('AUTHORIZATION', 'bEaReR acme_1')).toEqual({ scheme: 'key', secret: 'acme_1' });
    expect(read('authorization', 'Key')).toEqual({ scheme: 'key', secret: '' });
    expect(read('authorization', 'Bearer eyJa.b.c')).toEqual({ scheme: 'token', secret: 'eyJa.b.c' });
    const scheme = 'UNAUTHORIZED authorization: the scheme must be Key or Bearer';
    for (const value of ['Keys acme_1', 'Ke acme_1', 'Bearers acme_1', 'Basic YTpi', 'acme_1', ' Key acme_1'])
      expect(refusal('authorization', value)).toBe(scheme);
  });

  it('refuses a credential header repeated under any spelling of its name', () => {
    expect(refusal('Authorization', 'Key a', 'AUTHORIZATION', 'Key b')).toBe(
      'INVALID_REQUEST authorization: must appear at most once',
    );
    expect(refusal('X-API-Key', 'a', 'x-api-key', 'b')).toBe(
      'INVALID_REQUEST x-api-key: must appear at most once',
    );
    // Names of the same length are not the same header.
    expect(read('x-api-kez', 'a', 'X-Api-Key', 'acme_1')).toEqual({ scheme: 'key', secret: 'acme_1' });
    expect(read('authorisation', 'Key a', 'Authorization', 'Key acme_1')).toEqual({
      scheme: 'key',
      secret: 'acme_1',
    });
  });
});
