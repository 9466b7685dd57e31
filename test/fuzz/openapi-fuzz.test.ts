import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { badConnectToken, badCredentials, badPayload, unusedInput } from './support/bad-framing.js';
import {
  escapingProxyPath,
  injectedHeader,
  oversizedProxyBody,
  unforwardedMethod,
} from './support/bad-proxy.js';
import {
  badBody,
  badPathParam,
  badQuery,
  type FuzzContext,
  hugeMetaBody,
  namingParams,
} from './support/bad-requests.js';
import { buildFuzzWorld, type FuzzWorld } from './support/fixture.js';
import { isProxy, OPERATIONS, type Operation, PROXY_PATH } from './support/operations.js';
import { type BadRequest, expectIgnored, expectRefused, type RefuseOptions } from './support/refusal.js';
import type { Snapshots } from './support/store-snapshot.js';

/**
 * PRODUCT.md §11: every operation of the committed OpenAPI document is fuzzed with bad input. Each
 * request must be refused with a 4xx in the one error shape, its code the one the error table maps to
 * that status, and not one row of the store may change. Requests go as a cluster admin, so that
 * authorization never hides a validation error. Nothing may reach the fake provider that the world's
 * connection points at, either. fast-check picks a new seed each run and prints it with any
 * counterexample; KEYWARD_FUZZ_RUNS raises the runs per property for a longer local search.
 *
 * The proxy forwards any body of any type and answers with the provider's status, so the properties
 * about bodies leave it out; it has properties of its own (bad-proxy.ts) in their place.
 */
const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 20);

let world: FuzzWorld;
let t: TestApp;
let snapshots: Snapshots;
let ctx: FuzzContext;
let sent = 0;

beforeAll(async () => {
  // Listening, so that the proxy's paths can go over the wire as written.
  world = await buildFuzzWorld('socket');
  ({ t, snapshots } = world);
  const w = world.w;
  ctx = {
    params: {
      orgId: w.orgA,
      userId: w.users.bob,
      serviceUserId: w.serviceUser,
      keyId: w.keys.bob.id,
      connectionId: world.connection,
      sessionId: world.connectSession,
      webhookId: world.webhook,
      name: 'sentinelone',
      [PROXY_PATH]: 'web/api/v2.1/threats',
    },
    adminToken: w.tokens.admin,
    secrets: [w.keys.alice.secret, w.keys.bob.secret, w.keys.carol.secret],
    ids: [
      w.orgA,
      w.orgB,
      ...Object.values(w.users),
      w.serviceUser,
      ...Object.values(w.keys).map((k) => k.id),
      world.connection,
      world.connectSession,
      world.webhook,
    ],
    named: (value) => t.deps.catalog.get(value) !== undefined,
  };
});

afterAll(async () => {
  await world?.close();
  console.info(`openapi fuzz: ${sent} requests`);
});

/** Runs one property: every generated request must be refused and change nothing. */
async function refuseAll(
  arbitrary: fc.Arbitrary<BadRequest>,
  runs = RUNS,
  options: RefuseOptions = {},
): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (bad) => {
      sent++;
      await expectRefused(t, snapshots, bad, options);
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
  Object.keys({ ...op.pathParams, ...op.query, ...op.headers }).length === 0;

it('fuzzes what the app serves: the committed document lists every live operation', async () => {
  const live = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
  const served = Object.entries<Record<string, unknown>>(live.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(OPERATIONS.map((op) => op.name).sort()).toEqual(served.sort());
});

describe.each(OPERATIONS.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  if (namingParams(op).length > 0) {
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
  // The proxy parses no body: it forwards what it gets, JSON or not, and the provider judges it.
  if (parsesBody(op) && !isProxy(op)) {
    it('refuses payloads it cannot parse', () => refuseAll(badPayload(op, ctx)));
  }
  if (isProxy(op)) {
    it("refuses paths that would leave the provider's base path", () =>
      refuseAll(escapingProxyPath(op, ctx), RUNS, { wire: true }));
    it('refuses headers that would split the forwarded request', () => refuseAll(injectedHeader(op, ctx)));
    if (op.method !== 'GET') {
      it('refuses bodies over the limit, whatever their type', () =>
        refuseAll(oversizedProxyBody(op, ctx), 5));
    }
  }
  if (op.authenticated) {
    it('refuses wrongly framed credentials', () => refuseAll(badCredentials(op, ctx)));
  }
  if ('x-connect-token' in op.headers) {
    it('refuses connect tokens it never issued', () =>
      refuseAll(badConnectToken(op, ctx), RUNS, { badCredentials: true }));
  }
  if (isProxy(op) && op.method === 'GET') {
    it('forwards no method but the five it documents', () => refuseAll(unforwardedMethod(op, ctx)));
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
