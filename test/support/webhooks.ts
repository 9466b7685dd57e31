import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Whether a webhook request is Keyward's, as docs/webhooks.md tells receivers to check it. */
export type Verify = (secret: string, header: unknown, rawBody: string, now?: number) => boolean;

/**
 * The recipe of docs/webhooks.md, imported from the page itself: what the tests check signatures with
 * is exactly what the page tells receivers to run.
 */
export async function documentedRecipe(): Promise<Verify> {
  const page = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'webhooks.md'), 'utf8');
  const block = /<!-- webhook-verify -->\s*```js\n([\s\S]*?)```/.exec(page)?.[1];
  if (!block) throw new Error('docs/webhooks.md has no webhook-verify block');
  const file = join(mkdtempSync(join(tmpdir(), 'keyward-recipe-')), 'verify.mjs');
  writeFileSync(file, block);
  const module = (await import(pathToFileURL(file).href)) as { verifyKeywardSignature: Verify };
  return module.verifyKeywardSignature;
}

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook endpoint on loopback that records what it receives and answers the statuses it is told. */
export interface Receiver {
  url: string;
  received: Received[];
  /** The statuses of the next answers; 200 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export async function receiver(): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(answers.shift() ?? 200, { 'content-type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/keyward`,
    received,
    answers,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
