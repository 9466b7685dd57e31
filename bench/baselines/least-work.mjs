import { hash } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * The least Keyward's two hot routes can cost in Node: the work they cannot skip, on bare `node:http`,
 * with no framework and no checks beyond it. It answers with the very head and body Keyward answered
 * (BENCH_FLOOR, taken by bench/http.ts from one real answer of each route), so the bytes on the wire
 * are the same and only the work differs:
 *   - GET /v1/apikeys/{id}: the caller's key from `Authorization: Key`, one SHA-256 digest, one Map
 *     lookup, the id compared, the answer written;
 *   - POST /v1/keys/verify: the same for the caller, then the JSON body read and parsed, a second
 *     digest and lookup for the key asked about, the answer written.
 * Each answer gets its own request id, as Keyward's do. Anything else is a 404. Started pinned by
 * bench/http.ts, like the other baselines.
 */
const floor = JSON.parse(process.env.BENCH_FLOOR ?? '{}');
const digest = (key) => hash('sha256', key, 'hex');
const keys = new Map([
  [digest(floor.callerKey), floor.callerId],
  [digest(floor.validKey), floor.validId],
]);
const READ_PATH = `/v1/apikeys/${floor.callerId}`;

/** Keyward's head as a flat list, with a slot for each answer's request id. */
function head(answer) {
  const flat = answer.headers.flat();
  return { flat, idAt: flat.indexOf('x-request-id') + 1, body: answer.body };
}
const read = head(floor.read);
const verify = head(floor.verify);

let answered = 0;
function send(response, answer) {
  const headers = answer.flat.slice();
  headers[answer.idAt] = `req_${String(++answered).padStart(22, '0')}`;
  response.writeHead(200, headers);
  response.end(answer.body);
}

function caller(request) {
  const authorization = request.headers.authorization;
  return authorization?.startsWith('Key ') ? keys.get(digest(authorization.slice(4))) : undefined;
}

const server = createServer((request, response) => {
  if (request.method === 'GET' && request.url === READ_PATH && caller(request) === floor.callerId) {
    send(response, read);
    return;
  }
  if (request.method === 'POST' && request.url === '/v1/keys/verify' && caller(request) !== undefined) {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const raw = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      const body = JSON.parse(raw.toString('utf8'));
      if (keys.get(digest(body.key)) === floor.validId) send(response, verify);
      else {
        response.statusCode = 404;
        response.end();
      }
    });
    return;
  }
  response.statusCode = 404;
  response.end();
});
// Fastify's default, which Keyward and the other baselines keep.
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  process.stderr.write(`least work listening on http://127.0.0.1:${server.address().port}\n`);
});
