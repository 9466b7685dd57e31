import pg from 'pg';

/**
 * The PostgreSQL the tests use: `KEYWARD_TEST_PG_URL`, or the one this machine kind runs (trust auth,
 * database `test`). Each store the tests open gets a schema of its own (`kwt_…`), chosen through the
 * connection's search_path, so that tests running side by side never see each other's tables; the
 * global setup drops the run's schemas at its end.
 */
export const PG_URL = process.env.KEYWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** One run's schemas share a prefix (the global setup sets KEYWARD_TEST_RUN), so that two runs never drop each other's. */
export const SCHEMA_PREFIX = `kwt_${process.env.KEYWARD_TEST_RUN ?? 'x'}_`;

let available: Promise<boolean> | null = null;

/** Whether PostgreSQL answers, asked once per test process. */
export function postgresAvailable(): Promise<boolean> {
  available ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return available;
}

/**
 * Whether to run the PostgreSQL tests: in CI (`CI=true`) they are required, and a server that does not
 * answer fails the run; elsewhere they are skipped with a line that says so.
 */
export async function postgresOrSkip(what: string): Promise<boolean> {
  if (await postgresAvailable()) return true;
  if (process.env.CI === 'true')
    throw new Error(`PostgreSQL does not answer at ${PG_URL}, and CI requires ${what}`);
  console.warn(`skipped: ${what}, because PostgreSQL does not answer at ${PG_URL}`);
  return false;
}

let serial = 0;
const schemas = new WeakMap<object, string>();

/** The URL of the schema a test store was opened on, or undefined for a store that is not one. */
export function schemaUrlOf(store: object): string | undefined {
  return schemas.get(store);
}

/** Remembers which schema a store works in, for tests that read it beside the app (schemaUrlOf). */
export function rememberSchema<T extends object>(store: T, url: string): T {
  schemas.set(store, url);
  return store;
}

/** A new, empty schema, and the URL of a connection that works in it. */
export async function freshSchema(): Promise<string> {
  const schema = `${SCHEMA_PREFIX}${process.pid}_${++serial}_${Math.random().toString(36).slice(2, 8)}`;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`create schema "${schema}"`);
  } finally {
    await client.end();
  }
  return schemaUrl(schema);
}

/** The test server's URL with `search_path` set to `schema`. */
export function schemaUrl(schema: string): string {
  const url = new URL(PG_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

/** Drops every schema this run's tests made. */
export async function dropTestSchemas(): Promise<void> {
  if (!(await postgresAvailable())) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    const { rows } = await client.query<{ nspname: string }>(
      'select nspname from pg_namespace where nspname like $1',
      [`${SCHEMA_PREFIX}%`],
    );
    for (const { nspname } of rows) await client.query(`drop schema if exists "${nspname}" cascade`);
  } finally {
    await client.end();
  }
}
