import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { buildWorld } from '../support/world.js';
import { badCredentials, badPayload, unusedInput } from './support/bad-framing.js';
import { badBody, badPathParam, badQuery, type FuzzContext, hugeMetaBody } from './support/bad-requests.js';
import { OPERATIONS, type Operation } from './support/operations.js';
import { type BadRequest, expectIgnored, expectRefused } from './support/refusal.js';
import { openSnapshots, type Snapshots } from './support/store-snapshot.js';

/**
 * PRODUCT.md §11: every operation of the committed OpenAPI document is fuzzed with bad input. Each
 * request must be refused with a 4xx in the one error shape, its code the one the error table maps to
 * that status, and not one row of the store may change. Requests go as a cluster admin, so that
 * authorization never hides a validation error. fast-check picks a new seed each run and prints it with
 * any counterexample; KEYWARD_FUZZ_RUNS raises the runs per property for a longer local search.
 */
const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 20);

let t: TestApp;
let snapshots: Snapshots;
let ctx: FuzzContext;
let sent = 0;

beforeAll(async () => {
  t = await createTestApp();
  const w = await buildWorld(t);
  snapshots = openSnapshots(t);
  ctx = {
    params: { orgId: w.orgA, userId: w.users.bob, serviceUserId: w.serviceUser, keyId: w.keys.bob.id },
    adminToken: w.tokens.admin,
    secrets: [w.keys.alice.secret, w.keys.bob.secret, w.keys.carol.secret],
    ids: [
      w.orgA,
      w.orgB,
      ...Object.values(w.users),
      w.serviceUser,
      ...Object.values(w.keys).map((k) => k.id),
    ],
  };
});

afterAll(async () => {
  await snapshots?.close();
  await t?.close();
  console.info(`openapi fuzz: ${sent} requests`);
});

/** Runs one property: every generated request must be refused and change nothing. */
async function refuseAll(arbitrary: fc.Arbitrary<BadRequest>, runs = RUNS): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (bad) => {
      sent++;
      await expectRefused(t, snapshots, bad);
    }),
    { numRuns: runs },
  );
}

const hasMeta = (op: Operation) => op.body?.properties?.meta !== undefined;
const parsesBody = (op: Operation) => ['POST', 'PATCH', 'DELETE'].includes(op.method);
const hasNoInput = (op: Operation) =>
  !op.authenticated &&
  !op.body &&
  !parsesBody(op) &&
  Object.keys({ ...op.pathParams, ...op.query }).length === 0;

it('fuzzes what the app serves: the committed document lists every live operation', async () => {
  const live = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const served = Object.entries<Record<string, unknown>>(live.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(OPERATIONS.map((op) => op.name).sort()).toEqual(served.sort());
});

describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  if (Object.keys(op.pathParams).length > 0) {
    it('refuses bad ids in the path', () => refuseAll(badPathParam(op, ctx)));
  }
  if (Object.keys(op.query).length > 0) {
    it('refuses bad query strings', () => refuseAll(badQuery(op, ctx)));
  }
  if (op.body) {
    it('refuses bodies that break the request schema', () => refuseAll(badBody(op, ctx), 2 * RUNS));
  }
  if (hasMeta(op)) {
    it('refuses a meta over 4 KiB', () => refuseAll(hugeMetaBody(op, ctx)));
  }
  if (parsesBody(op)) {
    it('refuses payloads it cannot parse', () => refuseAll(badPayload(op, ctx)));
  }
  if (op.authenticated) {
    it('refuses wrongly framed credentials', () => refuseAll(badCredentials(op, ctx)));
  }
  if (hasNoInput(op)) {
    it('ignores query parameters and headers it has no use for', () =>
      fc.assert(
        fc.asyncProperty(unusedInput(op), async (request) => {
          sent++;
          await expectIgnored(t, snapshots, request);
        }),
        { numRuns: RUNS },
      ));
  }
});
