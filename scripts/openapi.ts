/**
 * Writes (`--write`) or checks (`--check`) the committed openapi.json against the document the code
 * generates. `npm run check` runs the check, so the document cannot drift from the routes.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createDeps } from '../src/deps.js';
import { buildApp } from '../src/http/app.js';
import { createLogger } from '../src/logger.js';
import { openSqliteStore } from '../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'keyward-openapi-'));
const store = await openSqliteStore(join(dir, 'keyward.db'));
const config = loadConfig({ dataDir: dir }, {});
const deps = await createDeps(config, store, { tokenKey: Buffer.alloc(32, 1) }, createLogger('silent'));
const app = await buildApp(deps);
await app.ready();
const generated = `${JSON.stringify(app.swagger(), null, 2)}\n`;
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

const file = new URL('../openapi.json', import.meta.url);
if (process.argv.includes('--write')) {
  writeFileSync(file, generated);
  console.log('openapi.json written');
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // reported below
  }
  if (committed !== generated) {
    console.error('openapi.json is out of date: run `npm run openapi` and commit the result');
    process.exit(1);
  }
  console.log('openapi.json matches the code');
}
