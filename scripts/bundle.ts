/**
 * Bundles the `keyward` command into one file, `dist/bundle/keyward.js`, which `bin/keyward.js` runs.
 *
 * Node 20 loads an ES module graph file by file, and the command is about 1,300 files (TypeBox and
 * Kysely alone are over 600): loading them was 60% of start-up. One file loads in a
 * fraction of that (BENCHMARKS.md, start-up). `tsc` still writes `dist/` module by module, for the types
 * and for anyone importing a module directly.
 *
 * Left outside the bundle: native addons, and packages that read files next to their own code.
 * `@keyward/client`, the workspace package the CLI talks to the server with, goes in from its build
 * (packages/client/dist), which `npm run build` makes first.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';
import { buildConsole } from './console.js';

const EXTERNAL = [
  'better-sqlite3',
  'better-sqlite3-napi',
  '@napi-rs/keyring',
  // Serves the Swagger UI's files from its own package directory.
  '@fastify/swagger-ui',
];

// Chunks are named by their hash: those of an earlier build would pile up beside the new ones.
rmSync('dist/bundle', { recursive: true, force: true });

await build({
  // The keychain worker is a separate process, found next to the module that starts it (src/cli/keychain.ts).
  entryPoints: { keyward: 'src/main.ts', 'keychain-worker': 'src/cli/keychain-worker.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  // Modules a command imports only when it runs (the server, prompts, YAML) go into chunks of their
  // own, so that a client command parses the client alone.
  splitting: true,
  // Beside the entry, so that what a module finds beside itself (providers.yaml, the console) is there.
  chunkNames: '[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  sourcemap: 'linked',
  // CommonJS dependencies call require(); an ES module has none unless it makes one.
  banner: {
    js: "import { createRequire as keywardCreateRequire } from 'node:module'; const require = keywardCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

// Keyward's own provider catalog is data that src/connections/catalog.ts reads from beside its module:
// beside the bundle, and beside tsc's output of that module.
for (const dir of ['dist/bundle', 'dist/connections']) {
  mkdirSync(dir, { recursive: true });
  copyFileSync('src/connections/providers.yaml', `${dir}/providers.yaml`);
}

// The web console: its own small bundle, for browsers (scripts/console.ts).
await buildConsole();
