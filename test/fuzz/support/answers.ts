import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../../src/errors.js';
import { injectWhole, type TestApp } from '../../support/app.js';
import { rememberSecretsIn } from '../../support/secrets.js';
import { PROVIDER, type Snapshot, type Snapshots } from './store-snapshot.js';
import { overTheWire } from './wire.js';

/** One concrete bad request of a table, and the answer it must get: `400 INVALID_REQUEST body.ttl: …`. */
export interface Row {
  name: string;
  request: InjectOptions;
  /** Exact, or a pattern where the rule's wording is the implementer's to choose. */
  expect: string | RegExp;
  /** Sends bad credentials on purpose: the `auth.failed` audit rows they cause are not a change. */
  badCredentials?: boolean;
  /**
   * Sent as real HTTP over the app's socket, the URL byte for byte, rather than through `inject`, whose
   * URL parser resolves `.`, `..` and `%2e` segments before the app could see them.
   */
  wire?: boolean;
}

/** The answer of a row refused by validation. */
export const invalid = (message: string) => `400 INVALID_REQUEST ${message}`;

const SHAPE_KEYS = 'error,success';
const ERROR_KEYS = 'code,message,requestId';

/** What changed between two snapshots: the store, the fake provider, both or neither. */
export function changes(before: Snapshot, after: Snapshot): { store: boolean; provider: boolean } {
  const { [PROVIDER]: was, ...storeBefore } = before;
  const { [PROVIDER]: is, ...storeAfter } = after;
  return {
    store: JSON.stringify(storeBefore) !== JSON.stringify(storeAfter),
    provider: JSON.stringify(was) !== JSON.stringify(is),
  };
}

/**
 * What a request got, in one comparable line: `<status> <code> <message>` when the answer is the one error
 * shape with the status the error table gives its code, and the reason otherwise. A change to the store,
 * and a request that reached the fake provider, are appended, so that a table compares everything that
 * matters in one `toEqual`.
 */
function summarize(status: number, text: string, changed: { store: boolean; provider: boolean }): string {
  let line: string;
  try {
    const body = JSON.parse(text);
    // Should a row be wrongly accepted, whatever secret it was given must still be caught in the logs.
    rememberSecretsIn(body);
    const shaped =
      Object.keys(body).sort().join() === SHAPE_KEYS &&
      body.success === false &&
      Object.keys(body.error).sort().join() === ERROR_KEYS &&
      /^req_[0-9A-Za-z]{22}$/.test(body.error.requestId) &&
      ERROR_STATUS[body.error.code as ErrorCode] === status;
    line = shaped ? `${status} ${body.error.code} ${body.error.message}` : `${status} off-shape ${text}`;
  } catch {
    line = `${status} not JSON ${text.slice(0, 200)}`;
  }
  if (changed.store) line += ' [and changed the store]';
  if (changed.provider) line += ' [and reached the provider]';
  return line;
}

/** Sends every row, one after the other, and returns each one's answer by name. */
export async function answers(
  t: TestApp,
  snapshots: Snapshots,
  rows: Row[],
): Promise<Record<string, string>> {
  const got: Record<string, string> = {};
  for (const row of rows) {
    const options = { ignoreAuthFailures: row.badCredentials ?? false };
    const before = await snapshots.take(options);
    const reply = row.wire ? await overTheWire(t, row.request) : await injectWhole(t.app, row.request);
    const changed = changes(before, await snapshots.take(options));
    got[row.name] = summarize(reply.statusCode, reply.body.slice(0, 2000), changed);
  }
  return got;
}

/** What each row must get, by name, to compare with `answers`. */
export const expected = (rows: Row[]): Record<string, unknown> =>
  Object.fromEntries(
    rows.map((row) => [
      row.name,
      typeof row.expect === 'string' ? row.expect : expect.stringMatching(row.expect),
    ]),
  );
