import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import pg from 'pg';
import { generateKey } from '../src/keys/format.js';
import { openPostgresStore } from '../src/store/postgres.js';
import type { Store } from '../src/store/store.js';
import { createdAudit, storedKey } from './seed.js';
import type { IssuedKey } from './world.js';

/** The PostgreSQL and Redis the cluster section uses: this machine kind's, unless the environment says. */
export const PG_URL = process.env.KEYWARD_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.KEYWARD_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A schema of the bench's own, the URL that works in it, and the channel its servers NOTIFY on. */
export interface Schema {
  name: string;
  url: string;
  /** The LISTEN/NOTIFY channel of the servers on this schema (src/store/postgres.ts). */
  channel: string;
  drop(): Promise<void>;
}

/** Runs `work` on a connection of its own to `url`. */
async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why a service the section needs did not answer, naming the setting that points elsewhere. */
function unreachable(what: string, url: string, setting: string, error: unknown): Error {
  const reason = error instanceof Error ? error.message : String(error);
  return new Error(
    `${what} does not answer at ${url} (${reason}): the cluster section needs it; ${setting} points elsewhere`,
  );
}

/** A new, empty schema, chosen through the connection's search_path as the tests do (freshSchema). */
export async function createSchema(): Promise<Schema> {
  const name = `kwbench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  try {
    await withClient(PG_URL, (client) => client.query(`create schema "${name}"`));
  } catch (error) {
    throw unreachable('PostgreSQL', PG_URL, 'KEYWARD_BENCH_PG_URL', error);
  }
  return {
    name,
    url: schemaUrl(name),
    channel: `keyward_${name}`.slice(0, 63),
    drop: async () => {
      await withClient(PG_URL, (client) => client.query(`drop schema if exists "${name}" cascade`));
    },
  };
}

function schemaUrl(schema: string, settings = ''): string {
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}${settings}`);
  return url.toString();
}

/** Keys seeded into a schema, for verifications the servers have not yet cached. */
export interface SeedOwner {
  orgId: string;
  ownerId: string;
  prefix: string;
}

/**
 * Keyward's own store, opened on the schema, for the bench's seeding and reading. Its connections skip
 * the wait for each commit to reach the disk (synchronous_commit off), which changes nothing they write.
 */
export function openBenchStore(schema: Schema): Promise<Store> {
  return openPostgresStore(schemaUrl(schema.name, ' -c synchronous_commit=off'), { poolSize: 8 });
}

/** Keys per transaction of the seeding; the transaction also sends one notification per 50 keys or so. */
const SEED_BATCH = 5_000;

/**
 * Creates `count` member keys of `owner` through the store's bulk path (`Store.createKeys`): each key with
 * its `apikey.created` audit entry, as the create route stores them, a batch per transaction.
 */
export async function seedThroughStore(store: Store, owner: SeedOwner, count: number): Promise<IssuedKey[]> {
  const keys: IssuedKey[] = [];
  while (keys.length < count) {
    const batch: Parameters<Store['createKeys']>[0][number][] = [];
    for (let i = keys.length; i < Math.min(count, keys.length + SEED_BATCH); i++) {
      const apiKey = generateKey(owner.prefix);
      const key = storedKey(owner, apiKey, new Date().toISOString());
      batch.push({ key, audit: createdAudit(owner, key) });
      keys.push({ id: key.id, apiKey });
    }
    if (!(await store.createKeys(batch))) throw new Error('a seeded key collided with a stored one');
  }
  return keys;
}

/** One notification heard on the servers' channel: when (performance.now()) and its payload's length. */
export interface Heard {
  at: number;
  bytes: number;
}

/** The bench's own LISTEN on the servers' channel: every NOTIFY any of them sends, as each server hears it. */
export class ChannelListener {
  readonly heard: Heard[] = [];
  private constructor(private readonly client: pg.Client) {}

  static async open(schema: Schema): Promise<ChannelListener> {
    const client = new pg.Client({ connectionString: schema.url });
    await client.connect();
    const listener = new ChannelListener(client);
    client.on('notification', (message) =>
      listener.heard.push({ at: performance.now(), bytes: Buffer.byteLength(message.payload ?? '') }),
    );
    await client.query(`LISTEN "${schema.channel}"`);
    return listener;
  }

  /** What was heard after `since`. */
  since(since: number): Heard[] {
    return this.heard.filter((h) => h.at >= since);
  }

  close(): Promise<void> {
    return this.client.end();
  }
}

/** How many of these processes hold a LISTEN connection (each names it `keyward feed <pid>`). */
export function feedConnections(pids: number[]): Promise<number> {
  return withClient(PG_URL, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      'select count(*) as n from pg_stat_activity where application_name = any($1)',
      [pids.map((pid) => `keyward feed ${pid}`)],
    );
    return Number(rows[0]?.n ?? 0);
  });
}

/** Redis as the bench reads it: commands executed so far (INFO commandstats), and a budget's quota hash. */
export class RedisProbe {
  private constructor(private readonly redis: Redis) {}

  static async open(): Promise<RedisProbe> {
    const redis = new Redis(REDIS_URL, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      retryStrategy: () => null,
    });
    redis.on('error', () => {});
    try {
      await redis.connect();
    } catch (error) {
      redis.disconnect();
      throw unreachable('Redis', REDIS_URL, 'KEYWARD_BENCH_REDIS_URL', error);
    }
    return new RedisProbe(redis);
  }

  /** Calls per command since Redis started, commands run inside scripts included. */
  async commands(): Promise<Map<string, number>> {
    const text = await this.redis.info('commandstats');
    const calls = new Map<string, number>();
    for (const match of text.matchAll(/^cmdstat_([a-z|_-]+):calls=(\d+)/gm))
      calls.set(match[1] as string, Number(match[2]));
    return calls;
  }

  async quotaRemaining(budgetId: string): Promise<number | null> {
    const remaining = await this.redis.hget(`kw:quota:${budgetId}`, 'r');
    return remaining === null ? null : Number(remaining);
  }

  /** Removes what the servers kept in Redis for these budgets. */
  async forget(budgetIds: string[]): Promise<void> {
    if (budgetIds.length)
      await this.redis.del(...budgetIds.flatMap((id) => [`kw:quota:${id}`, `kw:rate:${id}`]));
  }

  close(): void {
    this.redis.disconnect();
  }
}

/** Calls per command between two readings, zeros left out. */
export function commandsBetween(
  before: Map<string, number>,
  after: Map<string, number>,
): Map<string, number> {
  const delta = new Map<string, number>();
  for (const [name, calls] of after) {
    const d = calls - (before.get(name) ?? 0);
    if (d > 0) delta.set(name, d);
  }
  return delta;
}
