import { expect, it } from 'vitest';
import { STREAM_BATCH } from '../../src/store/queries/audit.js';
import { useWorld } from '../support/world.js';

/**
 * Issue 18, "long work does not stall the server": an audit export, the chain's walk and an import of a
 * thousand entries let other requests in as they go. Counted in turns of the event loop, not in
 * milliseconds: a request handled in one synchronous stretch lets none turn, however fast the machine.
 * (test/process/export-yields.test.ts measures what it means for a verification, in time.)
 */
const ctx = useWorld();

/** Sends a request, and answers its reply with the turns the event loop took while it was in flight. */
async function counted(...request: Parameters<typeof ctx.t.request>) {
  let turns = 0;
  let running = true;
  const countTurns = () => {
    if (!running) return;
    turns++;
    setImmediate(countTurns);
  };
  setImmediate(countTurns);
  const reply = await ctx.t.request(...request);
  running = false;
  return { reply, turns };
}

it("lets the event loop turn between the batches of an audit export and of the chain's walk", async () => {
  const added = 2000;
  const entry = (n: number) => ({
    action: 'test.filler',
    actorId: null,
    orgId: null,
    targetId: null,
    requestId: null,
    ip: null,
    outcome: 'success' as const,
    details: { n },
  });
  await ctx.t.store.appendAudit(Array.from({ length: added }, (_, n) => entry(n)));
  const auth = { bearer: ctx.w.tokens.admin };

  const exported = await counted('GET', '/v1/audit/export', { auth });
  expect(exported.reply.status).toBe(200);
  expect(exported.turns).toBeGreaterThanOrEqual(added / STREAM_BATCH - 1);

  const walked = await counted('GET', '/v1/audit/verify', { auth });
  expect(walked.reply.body).toMatchObject({ ok: true });
  expect(walked.reply.body.count).toBeGreaterThan(added);
  expect(walked.turns).toBeGreaterThanOrEqual(added / STREAM_BATCH - 1);
});

it('lets the event loop turn between entries, even when each is refused before it reaches the store', async () => {
  const entries = 1000;
  // Another organization's prefix: each entry is refused by the first check of its key.
  const keys = Array.from({ length: entries }, (_, i) => ({
    apiKey: `beta_${'x'.repeat(40)}${i}`,
    name: `k${i}`,
    ownerId: ctx.w.users.alice,
    role: 'member',
  }));
  const { reply, turns } = await counted('POST', `/v1/organizations/${ctx.w.orgA}/apikeys/import`, {
    auth: { bearer: ctx.w.tokens.alice },
    body: { keys },
  });
  expect(reply.status).toBe(200);
  expect(reply.body).toMatchObject({ imported: 0, failed: entries });
  expect(turns).toBeGreaterThanOrEqual(entries - 1);
});
