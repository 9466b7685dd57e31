import type { InjectOptions } from 'fastify';
import { expect } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '../../../src/errors.js';
import { injectWhole, type TestApp } from '../../support/app.js';
import { rememberSecretsIn } from '../../support/secrets.js';
import { changes } from './answers.js';
import type { Snapshot, Snapshots } from './store-snapshot.js';
import { overTheWire } from './wire.js';

/** What a refusal must say: its code, and a message naming the field and the rule. */
export interface Expected {
  code: ErrorCode;
  message?: RegExp | string;
}

/** A request the API must refuse, with what it must answer. */
export interface BadRequest {
  request: InjectOptions;
  expected: Expected;
}

export interface RefuseOptions {
  /** The request sends bad credentials on purpose, so `auth.failed` audit rows may appear. */
  badCredentials?: boolean;
  /** Sent as real HTTP over the app's socket, its URL as written (see `overTheWire`). */
  wire?: boolean;
}

const describeReply = (request: InjectOptions, status: number, text: string) =>
  `${request.method} ${String(request.url).slice(0, 200)} answered ${status}: ${text.slice(0, 300)}`;

/**
 * Sends a request that must be refused, and checks that it was: a 4xx whose status is the one the error
 * table gives its code, the one error shape and nothing more, not a row of the store changed, and
 * nothing sent to the provider.
 */
export async function expectRefused(
  t: TestApp,
  snapshots: Snapshots,
  { request, expected }: BadRequest,
  { badCredentials = false, wire = false }: RefuseOptions = {},
): Promise<{ code: ErrorCode; message: string }> {
  const before = await snapshots.take({ ignoreAuthFailures: badCredentials });
  const reply = wire ? await overTheWire(t, request) : await injectWhole(t.app, request);
  const after = await snapshots.take({ ignoreAuthFailures: badCredentials });
  const what = describeReply(request, reply.statusCode, reply.body);
  let body: any;
  try {
    body = JSON.parse(reply.body);
    // Should a request be wrongly accepted, whatever secret it was given must still be caught in the logs.
    rememberSecretsIn(body);
  } catch {
    body = reply.body;
  }
  expect(reply.statusCode, what).toBeGreaterThanOrEqual(400);
  expect(reply.statusCode, what).toBeLessThan(500);
  expect(body, what).toStrictEqual({
    success: false,
    error: {
      code: expect.any(String),
      message: expect.any(String),
      requestId: expect.stringMatching(/^req_[0-9A-Za-z]{22}$/),
    },
  });
  expect(Object.keys(ERROR_STATUS), what).toContain(body.error.code);
  expect(reply.statusCode, what).toBe(ERROR_STATUS[body.error.code as ErrorCode]);
  expect(body.error.code, what).toBe(expected.code);
  if (expected.message !== undefined) expect(body.error.message, what).toMatch(expected.message);
  expectUnchanged(before, after, what);
  return body.error;
}

/** Sends a request that carries input an operation has no use for: it must be ignored, changing nothing. */
export async function expectIgnored(t: TestApp, snapshots: Snapshots, request: InjectOptions): Promise<void> {
  const before = await snapshots.take();
  const reply = await injectWhole(t.app, request);
  const after = await snapshots.take();
  const what = describeReply(request, reply.statusCode, reply.body);
  expect(reply.statusCode, what).toBe(200);
  expectUnchanged(before, after, what);
}

function expectUnchanged(before: Snapshot, after: Snapshot, what: string): void {
  const changed = changes(before, after);
  expect(changed.provider, `${what}\n…and reached the provider`).toBe(false);
  expect(after, `${what}\n…and changed the store`).toStrictEqual(before);
}
