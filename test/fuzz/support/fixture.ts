import { afterAll, beforeAll } from 'vitest';
import { createTestApp, STORE, type TestApp, type Transport } from '../../support/app.js';
import { type FakeProvider, fakeSentinelOne } from '../../support/providers.js';
import { testTls } from '../../support/tls.js';
import { buildWorld, type World } from '../../support/world.js';
import { answers, type Row } from './answers.js';
import { type Example, examplesOf, type Spoil, spoil } from './examples.js';
import { openSnapshots, type Snapshots } from './store-snapshot.js';

/** The token the fake SentinelOne accepts, and the world's connection holds. */
export const PROVIDER_TOKEN = 'S1-fuzz-token-0123456789abcdefghijkl';

/** The fuzzed app reaches the fake provider on loopback, which a cluster refuses unless told otherwise. */
const ENV = { KEYWARD_OUTBOUND_ALLOW: '127.0.0.1/32,::1/128' };

/**
 * The populated cluster a fuzzer sends its bad input to: the shared world of test/support/world.ts, a
 * fake SentinelOne on loopback, and a connection of organization A to it, checked with that provider.
 * Snapshots count what the provider receives, so that a refused request that reached it is caught.
 */
export interface FuzzWorld {
  t: TestApp;
  w: World;
  provider: FakeProvider;
  /** The id of organization A's connection to {@link provider}. */
  connection: string;
  /** The id of a connect session of organization A, for SentinelOne. */
  connectSession: string;
  /** The id of a webhook of organization A. */
  webhook: string;
  snapshots: Snapshots;
  close(): Promise<void>;
}

export async function buildFuzzWorld(transport?: Transport): Promise<FuzzWorld> {
  const provider = await fakeSentinelOne(PROVIDER_TOKEN);
  let t: TestApp | undefined;
  try {
    t = await createTestApp(STORE, ENV, transport, { ca: testTls().trusted.ca });
    const w = await buildWorld(t);
    const made = await t.request('POST', `/v1/organizations/${w.orgA}/connections`, {
      auth: { bearer: w.tokens.admin },
      body: {
        provider: 'sentinelone',
        config: { hostname: provider.hostname },
        credentials: { apiKey: PROVIDER_TOKEN },
      },
    });
    if (made.status !== 201) throw new Error(`the fuzz world's connection: ${made.status} ${made.text}`);
    const link = await t.request('POST', `/v1/organizations/${w.orgA}/connect-sessions`, {
      auth: { bearer: w.tokens.admin },
      body: { providers: ['sentinelone'] },
    });
    if (link.status !== 201) throw new Error(`the fuzz world's connect session: ${link.status} ${link.text}`);
    const hook = await t.request('POST', `/v1/organizations/${w.orgA}/webhooks`, {
      auth: { bearer: w.tokens.admin },
      body: { url: 'https://hooks.example.com/fuzz' },
    });
    if (hook.status !== 201) throw new Error(`the fuzz world's webhook: ${hook.status} ${hook.text}`);
    const snapshots = openSnapshots(t, provider);
    const app = t;
    return {
      t,
      w,
      provider,
      connection: made.body.id,
      connectSession: link.body.id,
      webhook: hook.body.id,
      snapshots,
      async close() {
        await snapshots.close();
        await app.close();
        await provider.close();
      },
    };
  } catch (error) {
    await t?.close();
    await provider.close();
    throw error;
  }
}

export interface Fixture extends FuzzWorld {
  examples: Record<string, Example>;
  /** The example of an operation by name; throws on a name the API does not have. */
  example(name: string): Example;
  /** Sends every row and returns each one's answer, by row name. */
  answers(rows: Row[]): Promise<Record<string, string>>;
  /** The example's JSON body, to spread into a spoiled one. */
  body(name: string): Record<string, unknown>;
  /** A table row: the example of `op` with one part spoiled, and the answer it must get. */
  row(op: string, change: Spoil, expect: string | RegExp, label?: string): Row;
}

/**
 * One populated cluster for a file of bad-input tables. Sharing it is sound only because bad input
 * changes nothing, which every row checks. `socket` makes the app listen too, for rows sent over the wire.
 */
export function useWorld(options: { socket?: boolean } = {}): Fixture {
  const fixture = {
    body: (name: string) => fixture.example(name).body as Record<string, unknown>,
    row: (op: string, change: Spoil, expect: string | RegExp, label = '') => ({
      name: label ? `${op} ${label}` : op,
      request: spoil(fixture.example(op), fixture.w, change),
      expect,
    }),
  } as Fixture;
  beforeAll(async () => {
    const world = await buildFuzzWorld(options.socket ? 'socket' : undefined);
    const examples = examplesOf(world.w, {
      connection: world.connection,
      connectSession: world.connectSession,
      webhook: world.webhook,
      hostname: world.provider.hostname,
      token: PROVIDER_TOKEN,
    });
    Object.assign(fixture, world, {
      examples,
      example(name: string) {
        const found = examples[name];
        if (!found) throw new Error(`no example for ${name}`);
        return found;
      },
      answers: (rows: Row[]) => answers(world.t, world.snapshots, rows),
    });
  });
  afterAll(async () => {
    await fixture.close?.();
  });
  return fixture;
}
