import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyReply } from 'fastify';
import { KeywardError } from '../errors.js';
import type { App } from './app-type.js';

/**
 * The console's pages may load scripts, styles and data only from this origin, and run no inline script
 * or style: an injected `<script>` or `style=""` does nothing.
 */
export const CONSOLE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/** Asset names carry a hash of their content (scripts/console.ts): a browser may keep them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};

interface Built {
  index: Buffer;
  assets: Map<string, { body: Buffer; type: string }>;
}

let built: Built | undefined;

/**
 * The console that `npm run build` wrote to `dist/console`: found beside the bundle or tsc's output of
 * this module, or from the repository's `dist/` when this module runs from `src/` (tests). Read once.
 */
function load(): Built | undefined {
  if (built) return built;
  for (const relative of ['../console/', '../../dist/console/']) {
    const dir = fileURLToPath(new URL(relative, import.meta.url));
    if (!existsSync(join(dir, 'index.html'))) continue;
    const assets = new Map<string, { body: Buffer; type: string }>();
    for (const name of readdirSync(join(dir, 'assets'))) {
      const type = TYPES[extname(name)];
      if (type) assets.set(name, { body: readFileSync(join(dir, 'assets', name)), type });
    }
    built = { index: readFileSync(join(dir, 'index.html')), assets };
    return built;
  }
  return undefined;
}

function page(reply: FastifyReply, body: Buffer, type: string, cache: string): FastifyReply {
  return reply
    .header('content-security-policy', CONSOLE_CSP)
    .header('cache-control', cache)
    .type(type)
    .send(body);
}

const notBuilt = () =>
  new KeywardError('NOT_FOUND', 'The console is not built on this server: run npm run build');

/**
 * Serves the web console under `/console`, from the API's origin: its hashed assets, and its one page
 * for every other path under `/console`, where the page's own router takes over (docs/console.md).
 */
export function registerConsolePages(app: App): void {
  const options = { config: { public: true }, schema: { hide: true } };
  const index = (_request: unknown, reply: FastifyReply) => {
    const found = load();
    if (!found) throw notBuilt();
    return page(reply, found.index, TYPES['.html'] as string, 'no-cache');
  };
  app.get('/console', options, index);
  app.get('/console/*', options, index);
  app.get<{ Params: { file: string } }>('/console/assets/:file', options, (request, reply) => {
    const asset = load()?.assets.get(request.params.file);
    if (!asset) throw new KeywardError('NOT_FOUND', 'No such console asset');
    return page(reply, asset.body, asset.type, IMMUTABLE);
  });
}
