import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiKey } from '@better-auth/api-key';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import Fastify from 'fastify';
import { loadSqlite } from '../../dist/store/sqlite-driver.js';

/**
 * better-auth's API-key plugin verifying one key per request: PRODUCT.md §10's other reference. The
 * plugin's verify endpoint is server-only (better-auth does not serve it over HTTP), so a service that
 * verifies keys for others exposes it itself: a Fastify 5 POST route that takes the same body as
 * Keyward's verify and calls `auth.api.verifyApiKey`. better-auth runs as its documentation sets it up:
 * a better-sqlite3 Database on a file (BENCH_DIR/better-auth.db), its tables made by its own
 * migrations, a user signed up and a key created through its own API. The plugin's per-key rate limit,
 * 10 requests a day by default, is turned off; everything else is at its default.
 *
 * The one departure: the file gets the journal settings of Keyward's own store, WAL and
 * `synchronous = NORMAL`. Every verification writes the key's row twice (lastRequest, updatedAt), and
 * with SQLite's defaults each write waited for the disk: about 120 req/s, a p99 of 1.7 s and wrk
 * timeouts, a figure of the disk's rather than better-auth's. The driver is loaded as Keyward loads
 * it (src/store/sqlite-driver.ts, from the build the bench makes), which picks the better-sqlite3 that
 * works on the running Node.
 *
 * The key goes to BENCH_DIR/key.txt, one line, for bench/lua/verify.lua. The plugin answers 200 with
 * `valid: false` for a key it refuses, so the route answers those 401 instead: wrk counts them, and the
 * run fails rather than measuring refusals. Started pinned by bench/http.ts.
 */
const dir = process.env.BENCH_DIR;
if (!dir) throw new Error('BENCH_DIR is not set');
const database = new (loadSqlite())(join(dir, 'better-auth.db'));
database.pragma('journal_mode = WAL');
database.pragma('synchronous = NORMAL');
const options = {
  database,
  secret: randomBytes(32).toString('hex'),
  baseURL: 'http://127.0.0.1',
  emailAndPassword: { enabled: true },
  plugins: [apiKey({ rateLimit: { enabled: false } })],
};
await (await getMigrations(options)).runMigrations();
const auth = betterAuth(options);
const { user } = await auth.api.signUpEmail({
  body: { email: 'bench@example.com', password: randomBytes(16).toString('hex'), name: 'bench' },
});
const created = await auth.api.createApiKey({ body: { userId: user.id, name: 'bench' } });
writeFileSync(join(dir, 'key.txt'), `${created.key}\n`);

const app = Fastify();
app.post('/', async (request, reply) => {
  const result = await auth.api.verifyApiKey({ body: { key: request.body.key } });
  if (!result.valid) reply.code(401);
  return result;
});
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stderr.write(`better-auth listening on ${url}\n`);
