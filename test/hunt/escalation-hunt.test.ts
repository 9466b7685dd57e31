import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Model, type Real, sequences, startingModel, steps } from './attacker.js';
import { CANARIES, deliveries, misdelivered, overspent, probe } from './canaries.js';
import { REGRESSIONS } from './regressions.js';
import {
  ALICE_KEY_TTL_S,
  appOver,
  buildHuntWorld,
  dropWorld,
  type HuntWorld,
  PROVIDER_TOKENS,
  STARTING,
  type Starting,
} from './world.js';

/**
 * PRODUCT.md §4a, hunted rather than listed. An attacker starts with a few credentials, runs a random
 * sequence of every state-changing operation with only what it holds, against the real app over a
 * socket (hot path on), and keeps every secret an answer hands it. Then the clock moves past the end of
 * its expiring key, and every credential it holds is tried with the canaries: none may pass a canary
 * that none of its starting credentials passes on an untouched copy of the cluster.
 *
 * `npm test` runs a bounded budget; `npm run hunt` runs a long one (HUNT_RUNS, HUNT_STEPS, HUNT_SEED).
 * With HUNT_CATALOG=1 it does not stop at the first escalation: it lists every kind it finds.
 */
const RUNS = Number(process.env.HUNT_RUNS ?? 60);
const STEPS = Number(process.env.HUNT_STEPS ?? 25);
const SEED = process.env.HUNT_SEED === undefined ? undefined : Number(process.env.HUNT_SEED);
const CATALOG = process.env.HUNT_CATALOG === '1';
/** Past the end of alice's expiring key, when every canary is tried. */
const LATER_MS = (ALICE_KEY_TTL_S + 3600) * 1000;

let world: HuntWorld;
/** What each starting credential does, alone, on an untouched copy, at the time the canaries run. */
const baseline = new Map<Starting, Set<string>>();

beforeAll(async () => {
  world = await buildHuntWorld();
  const t = await appOver(world);
  try {
    t.advance(LATER_MS);
    for (const name of STARTING) {
      const held = startingModel(world, [name]).held[0];
      if (!held) throw new Error(`no starting credential ${name}`);
      baseline.set(name, await probe(t, world, held.auth));
    }
  } finally {
    await t.close();
  }
}, 120_000);

afterAll(async () => {
  if (world) await dropWorld(world);
});

/** Every way the attacker ended up with more than it started with, in words. */
async function escalations(
  start: Starting[],
  model: Model,
  t: Awaited<ReturnType<typeof appOver>>,
  since: ReturnType<typeof deliveries>,
) {
  const allowed = new Set(start.flatMap((name) => [...(baseline.get(name) ?? [])]));
  const found = [...model.findings, ...misdelivered(world, since)];
  t.advance(LATER_MS);
  for (const held of model.held) {
    for (const canary of await probe(t, world, held.auth))
      if (!allowed.has(canary)) found.push(`${held.label} can ${canary}`);
  }
  found.push(...(await overspent(t, world, model)));
  return found;
}

/** Runs one sequence from the untouched cluster and answers every escalation it ends with. */
async function hunt(
  start: Starting[],
  commands: Iterable<fc.AsyncCommand<Model, Real>>,
  tally: Real['tally'],
) {
  const t = await appOver(world);
  try {
    const since = deliveries(world);
    const model = startingModel(world, start);
    await fc.asyncModelRun(() => ({ model, real: { t, world, tally } }), commands);
    return await escalations(start, model, t, since);
  } finally {
    await t.close();
  }
}

describe('escalation hunt', () => {
  it('the baseline is what the starting credentials are known to hold', () => {
    // The canaries must be able to tell credentials apart, or the hunt would prove nothing.
    expect(baseline.get('patToken')).toEqual(new Set());
    expect(baseline.get('aliceKey')).toEqual(new Set());
    expect([...(baseline.get('bobToken') ?? [])].sort()).toEqual(
      ["list A's connections", "read A's members", 'read organization A', "see bob's key in verify"].sort(),
    );
    expect(baseline.get('scopedKey')).toEqual(new Set());
    expect([...(baseline.get('ciKey') ?? [])].sort()).toEqual(
      ["list A's connections", "read A's members", 'read organization A', "see bob's key in verify"].sort(),
    );
    expect(baseline.get('connKey')).toEqual(new Set(["list A's connections"]));
    expect(Object.keys(CANARIES).length).toBeGreaterThan(8);
  });

  it('the connection canaries tell its three permissions apart', async () => {
    const t = await appOver(world);
    try {
      const got: Record<string, string[]> = {};
      for (const action of ['read', 'use', 'write']) {
        const made = await t.request('POST', `/v1/organizations/${world.orgA}/apikeys`, {
          auth: { bearer: world.tokens.admin },
          body: { name: action, role: 'admin', scopes: [`connections:${action}`] },
        });
        got[action] = [...(await probe(t, world, { key: made.body.apiKey }))].sort();
      }
      expect(got).toEqual({
        read: ["list A's connections"],
        use: ["use A's connection through the proxy"],
        write: ["check A's connection", 'connect a provider in A', 'make a connect link in A'],
      });
    } finally {
      await t.close();
    }
  });

  it("sees a stored token arrive at the attacker's provider", async () => {
    const t = await appOver(world);
    try {
      const since = deliveries(world);
      // The cluster admin holds A's token and may send it anywhere; the attacker's provider refuses it.
      const reply = await t.request('PATCH', `/v1/connections/${world.connections.a}`, {
        auth: { bearer: world.tokens.admin },
        body: {
          config: { hostname: world.providers.attacker.hostname },
          credentials: { apiKey: PROVIDER_TOKENS.a },
        },
      });
      expect(reply.body?.error?.code).toBe('CONNECTION_CHECK_FAILED');
      expect(misdelivered(world, since)).toEqual([
        expect.stringContaining("the stored token of A's connection reached the attacker provider"),
      ]);
    } finally {
      await t.close();
    }
  });

  it.each(REGRESSIONS)(
    'finds no escalation where it once found one: $found',
    async ({ start, steps: found }) => {
      const tally = { sent: 0, done: 0 };
      expect(await hunt(start, steps(found), tally)).toEqual([]);
      expect(tally.sent).toBe(found.length - found.filter((step) => step.op === 'signIn').length);
    },
  );

  it(`finds no escalation in ${RUNS} sequences of up to ${STEPS} operations`, async () => {
    const catalog = new Map<string, string>();
    const tally = { sent: 0, done: 0 };
    let sequencesRun = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.subarray([...STARTING], { minLength: 1 }),
        sequences(STEPS),
        async (start, commands) => {
          const list = [...commands];
          sequencesRun++;
          const found = await hunt(start, list, tally);
          if (CATALOG) {
            for (const finding of found) {
              const kind = finding.replace(/\(lineage .*\)/, '');
              const sequence = `start ${JSON.stringify(start)}: ${list.map(String).join(', ')}`;
              const known = catalog.get(kind);
              if (!known || known.length > sequence.length) catalog.set(kind, sequence);
            }
            return true;
          }
          if (found.length > 0) throw new Error(`escalations:\n${found.join('\n')}`);
          return true;
        },
      ),
      { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: SEED }), endOnFailure: CATALOG },
    );
    console.log(
      `escalation hunt: ${sequencesRun} sequences, ${tally.sent} operations sent, ${tally.done} carried out (2xx)`,
    );
    for (const [kind, sequence] of catalog) console.log(`FOUND ${kind}\n  shortest: ${sequence}`);
    // A hunt whose operations all bounce explores nothing: enough of them must change the cluster.
    expect(tally.done).toBeGreaterThan(tally.sent / 20);
  }, 3_600_000);
});
