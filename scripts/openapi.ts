/**
 * Writes (`--write`) or checks (`--check`) the committed openapi.json against the document the code
 * generates, and the client's types (packages/client/src/openapi.ts) against openapi.json. `npm run check`
 * runs the check, so the document cannot drift from the routes, nor the client's types from the document.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
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
const document = app.swagger() as OpenAPI3;
const generated = `${JSON.stringify(document, null, 2)}\n`;
await app.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

/**
 * The TypeScript of the document, as openapi-typescript writes it. The proxy's paths are left out: what
 * they answer is the provider's, which the client hands back as bytes, so there is nothing to type; and
 * openapi-typescript's validator refuses their `{*}` (Fastify's rest-of-path, which the Redocly lint waives
 * in .redocly.lint-ignore.yaml for the same reason).
 */
async function clientTypes(openapi: OpenAPI3): Promise<string> {
  const paths = Object.fromEntries(
    Object.entries(openapi.paths ?? {}).filter(([path]) => !path.includes('{*}')),
  );
  const ast = await openapiTS({ ...openapi, paths }, { silent: true });
  return `// Generated from openapi.json by scripts/openapi.ts (\`npm run openapi\`): do not edit.\n\n${astToString(ast)}`;
}

const outputs = [
  { file: new URL('../openapi.json', import.meta.url), name: 'openapi.json', text: generated },
  {
    file: new URL('../packages/client/src/openapi.ts', import.meta.url),
    name: 'packages/client/src/openapi.ts',
    text: await clientTypes(JSON.parse(generated) as OpenAPI3),
  },
];

if (process.argv.includes('--write')) {
  for (const { file, name, text } of outputs) {
    writeFileSync(file, text);
    console.log(`${name} written`);
  }
} else {
  let drift = false;
  for (const { file, name, text } of outputs) {
    let committed = '';
    try {
      committed = readFileSync(file, 'utf8');
    } catch {
      // reported below
    }
    if (committed !== text) {
      console.error(`${name} is out of date: run \`npm run openapi\` and commit the result`);
      drift = true;
    } else console.log(`${name} matches the code`);
  }
  if (drift) process.exit(1);
}
