import type { IncomingMessage, ServerResponse } from 'node:http';
import { type HttpsServer, startHttpsServer } from './https-server.js';
import { rememberSecret } from './secrets.js';

/**
 * Third-party APIs as real HTTPS servers on loopback, with the test CA's certificate (for `localhost`,
 * 127.0.0.1 and the test names): the one thing outside Keyward that the connection tests fake.
 *
 * Each answers its catalog entry's verification request with 200 for the right credential and 401
 * otherwise, and any other path (a proxied request) with what it received, so that a test sees exactly
 * what Keyward forwarded. Every credential handed to one is recorded as a secret for the log scan.
 */
export interface FakeProvider extends HttpsServer {
  /** The `hostname` a connection to it takes: `localhost:<port>`. */
  hostname: string;
  /** From now on, only this credential is accepted: the old one was revoked at the provider. */
  accept(secret: string): void;
}

/** What a proxied request looked like on arrival, as the fake answers it. */
export interface Echo {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function echo(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
  // The credential is left out of the echo: tests read it from `requests`, on the server's side.
  const { authorization, ...headers } = req.headers;
  const answer: Echo = {
    method: req.method ?? '',
    path: req.url ?? '',
    headers: { ...headers, ...(authorization === undefined ? {} : { authorization: '(received)' }) },
    body: body.toString(),
  };
  res.writeHead(200, {
    'content-type': 'application/json',
    'x-provider': 'fake',
    'x-request-id': 'provider-request-1',
    'set-cookie': 'session=provider',
  });
  res.end(JSON.stringify(answer));
}

/**
 * A refusal that quotes what it was sent, as some APIs do: Keyward must pass on the status and never this
 * body, which holds the credential.
 */
function refuse(res: ServerResponse, authorization: string | undefined): void {
  res.writeHead(401, { 'content-type': 'application/json' });
  res.end(
    JSON.stringify({ errors: [{ title: 'Unauthorized', detail: `bad credential: ${authorization}` }] }),
  );
}

async function fake(
  verifyPath: string,
  expected: (secret: string) => string,
  secret: string,
  options: { host?: string; port?: number } = {},
): Promise<FakeProvider> {
  let accepted = secret;
  const server = await startHttpsServer((req, res, body) => {
    if (req.headers.authorization !== expected(accepted)) {
      if (req.url === verifyPath) return refuse(res, req.headers.authorization);
      return res.writeHead(401).end();
    }
    if (req.url === verifyPath)
      return res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
    return echo(req, res, body);
  }, options);
  return {
    ...server,
    hostname: `localhost:${server.port}`,
    accept(next) {
      rememberSecret(next);
      accepted = next;
    },
  };
}

/** SentinelOne, as in the Nango seed: `Authorization: ApiToken <token>`, checked on `GET /web/api/v2.1/sites?limit=1`. */
export function fakeSentinelOne(
  token: string,
  options: { host?: string; port?: number } = {},
): Promise<FakeProvider> {
  rememberSecret(token);
  return fake('/web/api/v2.1/sites?limit=1', (secret) => `ApiToken ${secret}`, token, options);
}

/** Grafana, a bearer provider of Nango's catalog: `Authorization: Bearer <apiKey>`. */
export function fakeGrafana(token: string): Promise<FakeProvider> {
  rememberSecret(token);
  return fake('/api/access-control/user/permissions', (secret) => `Bearer ${secret}`, token);
}

/** Listmonk, a BASIC provider of Nango's catalog: `Authorization: Basic base64(username:password)`. */
export function fakeListmonk(username: string, password: string): Promise<FakeProvider> {
  rememberSecret(password);
  const basic = (secret: string) => `Basic ${Buffer.from(`${username}:${secret}`).toString('base64')}`;
  return fake('/api/lists', basic, password);
}
